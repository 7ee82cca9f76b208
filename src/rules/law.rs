//! The law beside the code: a provision is a citation with the law's own words.
//!
//! Every rule module lists, for each of its rules, the provisions it encodes — one per
//! regime or date range — with the words quoted in Vietnamese. Where the text is in
//! the crate's legal sources the quote is verbatim and a test finds it there; where
//! only a paraphrase is known, the wording says so.

use crate::rules::citation::{Citation, Confidence};
use crate::rules::regime::{ND152, RegimeId};

labelled_enum! {
    /// How a quoted provision was obtained.
    pub enum Wording {
        /// The words are copied from the legal text (a test checks them against it
        /// where the crate keeps the text).
        Verbatim => ("verbatim", "trích nguyên văn", "quoted verbatim"),
        /// The words paraphrase the provision: the text itself was not at hand.
        Paraphrase => ("paraphrase", "diễn đạt lại, chưa đối chiếu nguyên văn", "paraphrased, not checked against the text"),
    }
}

/// One provision: the regimes it rules, its citation, and the law's words.
#[derive(Debug, Clone)]
pub struct Provision {
    pub(crate) regimes: &'static [RegimeId],
    pub(crate) citation: Citation,
    pub(crate) quote: &'static str,
    pub(crate) wording: Wording,
}

impl Provision {
    /// The regimes under which this provision rules.
    pub fn regimes(&self) -> &'static [RegimeId] {
        self.regimes
    }

    /// Document, article, clause and point, with a confidence.
    pub fn citation(&self) -> &Citation {
        &self.citation
    }

    /// The law's words, in Vietnamese.
    pub fn quote(&self) -> &'static str {
        self.quote
    }

    /// Whether the words are verbatim or a paraphrase.
    pub fn wording(&self) -> Wording {
        self.wording
    }
}

/// Every regime.
pub(crate) const ALL_REGIMES: &[RegimeId] = &[RegimeId::Nd91, RegimeId::Nd98, RegimeId::Nd152];
/// The regimes of Law 06/2022/QH15.
pub(crate) const LAW_2022_REGIMES: &[RegimeId] = &[RegimeId::Nd98, RegimeId::Nd152];
/// The regime of Law 2003/2013 with ND 91/2017.
pub(crate) const ND91_REGIME: &[RegimeId] = &[RegimeId::Nd91];
/// The regime of ND 152/2025.
pub(crate) const ND152_REGIME: &[RegimeId] = &[RegimeId::Nd152];

/// A provision quoted verbatim.
pub(crate) const fn verbatim(
    regimes: &'static [RegimeId],
    citation: Citation,
    quote: &'static str,
) -> Provision {
    Provision {
        regimes,
        citation,
        quote,
        wording: Wording::Verbatim,
    }
}

/// A provision known only by paraphrase.
pub(crate) const fn paraphrase(
    regimes: &'static [RegimeId],
    citation: Citation,
    quote: &'static str,
) -> Provision {
    Provision {
        regimes,
        citation,
        quote,
        wording: Wording::Paraphrase,
    }
}

/// The provision of a list that rules under `regime`.
pub(crate) fn under(
    provisions: &'static [Provision],
    regime: RegimeId,
) -> Option<&'static Provision> {
    provisions.iter().find(|p| p.regimes.contains(&regime))
}

/// The principles of ND 152/2025 Điều 4 and where the crate applies each.
pub(crate) static PRINCIPLES: &[(Provision, &str)] = &[
    (
        verbatim(
            ND152_REGIME,
            Citation::law(
                ND152,
                Some("4"),
                Some("1"),
                None,
                Confidence::Verified,
                None,
            ),
            "không nhất thiết phải có hình thức khen thưởng mức thấp mới được khen thưởng mức cao hơn.",
        ),
        "no rule asks for a lower form first; a title's prerequisite is only what its own article requires (CSTĐCS needs LĐTT, Law 06/2022 Điều 23)",
    ),
    (
        verbatim(
            ND152_REGIME,
            Citation::law(
                ND152,
                Some("4"),
                Some("3"),
                None,
                Confidence::Verified,
                None,
            ),
            "Kết quả khen thưởng thành tích đột xuất, thi đua theo chuyên đề không dùng làm căn cứ để đề nghị cấp trên khen thưởng công trạng.",
        ),
        "`cstd_tinh.consecutive_cstdcs`, `cstdtq.consecutive_cstd_tinh`, `bk_tinh.record`: earlier titles marked ad-hoc or thematic (`PriorTitle::with_grounds`, or read by `PriorTitle::from_history` from the decision's grounds or its campaign's kind) are not counted",
    ),
    (
        verbatim(
            ND152_REGIME,
            Citation::law(
                ND152,
                Some("4"),
                Some("4"),
                None,
                Confidence::Verified,
                None,
            ),
            "Chưa khen thưởng hoặc đề nghị cấp trên khen thưởng cho cá nhân, tập thể trong thời gian cơ quan có thẩm quyền đang xem xét thi hành kỷ luật",
        ),
        "`award.under_review`, for individuals and for collectives on their own discipline",
    ),
    (
        verbatim(
            ND152_REGIME,
            Citation::law(
                ND152,
                Some("4"),
                Some("5"),
                None,
                Confidence::Verified,
                None,
            ),
            "Thời gian nghỉ thai sản đối với cá nhân theo quy định được tính để xét tặng danh hiệu thi đua, hình thức khen thưởng.",
        ),
        "`ldtt.absence`: maternity leave is no absence, shown in the finding",
    ),
    (
        verbatim(
            ND152_REGIME,
            Citation::law(
                ND152,
                Some("4"),
                Some("6"),
                None,
                Confidence::Verified,
                None,
            ),
            "Khi có nhiều cá nhân, tập thể cùng đủ điều kiện, tiêu chuẩn thì lựa chọn cá nhân nữ hoặc tập thể có tỷ lệ nữ từ 70% trở lên để xét khen thưởng.",
        ),
        "`prefer_women`, `TieBreak`",
    ),
    (
        verbatim(
            ND152_REGIME,
            Citation::law(
                ND152,
                Some("4"),
                Some("7"),
                None,
                Confidence::Verified,
                None,
            ),
            "Thời gian giữ chức vụ để xét khen thưởng quá trình cống hiến đối với cá nhân là nữ lãnh đạo, quản lý được giảm 1/3 thời gian so với quy định chung.",
        ),
        "the time in office for awards for a process of contribution",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::param::ParamId;
    use crate::rules::regime::{LAW_2013, LAW_2022, ND91, ND98, TT01};
    use crate::rules::rule::RuleId;

    /// Every provision the crate knows, with where it is listed.
    fn every_provision() -> Vec<(String, &'static Provision)> {
        let mut all = Vec::new();
        for r in RuleId::ALL {
            for p in r.law() {
                all.push((format!("rule {}", r.code()), p));
            }
        }
        for id in ParamId::ALL {
            for d in id.defaults() {
                all.push((format!("parameter {}", id.code()), &d.law));
            }
        }
        for (p, _) in PRINCIPLES {
            all.push(("principle".to_owned(), p));
        }
        for (family, list) in crate::rules::quoted::quoted_provisions() {
            for p in list {
                all.push((family.to_owned(), p));
            }
        }
        all
    }

    fn squeeze(text: &str) -> String {
        text.chars().filter(|c| !c.is_whitespace()).collect()
    }

    #[test]
    fn verbatim_quotes_are_found_in_the_text_the_crate_keeps() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/legal/nd-152-2025.md");
        let text = squeeze(&std::fs::read_to_string(path).unwrap());
        let mut checked = 0;
        for (place, p) in every_provision() {
            if p.wording() != Wording::Verbatim {
                continue;
            }
            assert_eq!(
                p.citation().document(),
                ND152,
                "{place}: only the texts the crate keeps may be quoted verbatim"
            );
            for piece in p.quote().split('…') {
                assert!(
                    text.contains(&squeeze(piece)),
                    "{place}: {piece:?} is not in {}",
                    p.citation()
                );
                checked += 1;
            }
        }
        assert!(checked >= 20, "only {checked} quotes checked");
    }

    #[test]
    fn each_regime_cites_only_its_own_law() {
        for (place, p) in every_provision() {
            let doc = p.citation().document();
            for regime in p.regimes() {
                let foreign: &[&str] = match regime {
                    RegimeId::Nd91 => &[LAW_2022, ND98, ND152, TT01],
                    _ => &[LAW_2013, ND91],
                };
                assert!(
                    !foreign.contains(&doc),
                    "{place} cites {doc} under {}",
                    regime.code()
                );
            }
            assert!(!p.quote().trim().is_empty(), "{place} quotes nothing");
        }
    }

    static SAMPLE: &[Provision] = &[verbatim(
        ND152_REGIME,
        Citation::law(
            "Nghị định 152/2025/NĐ-CP",
            Some("4"),
            Some("5"),
            None,
            Confidence::Verified,
            None,
        ),
        "Thời gian nghỉ thai sản",
    )];

    #[test]
    fn a_provision_is_found_by_regime() {
        assert!(under(SAMPLE, RegimeId::Nd152).is_some());
        assert!(under(SAMPLE, RegimeId::Nd91).is_none());
        assert_eq!(SAMPLE.first().map(|p| p.wording()), Some(Wording::Verbatim));
    }
}
