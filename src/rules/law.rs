//! The law beside the code: a provision is a citation with the law's own words.
//!
//! Every rule module lists, for each of its rules, the provisions it encodes — one per
//! regime or date range — with the words quoted in Vietnamese. Where the text is in
//! the crate's legal sources the quote is verbatim and a test finds it there; where
//! only a paraphrase is known, the wording says so.

use crate::rules::citation::Citation;
use crate::rules::regime::RegimeId;

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
#[allow(dead_code)] // for rule modules that quote Law 06/2022's provisions
pub(crate) const LAW_2022_REGIMES: &[RegimeId] = &[RegimeId::Nd98, RegimeId::Nd152];
/// The regime of Law 2003/2013 with ND 91/2017.
#[allow(dead_code)] // for rule modules that quote ND 91/2017's provisions
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::citation::Confidence;

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
