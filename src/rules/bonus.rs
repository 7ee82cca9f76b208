//! Bonuses (*tiền thưởng*) for titles and forms of commendation, ND 152/2025/NĐ-CP
//! Điều 49 (how bonuses are computed), Điều 50 (titles) and Điều 54 (Bằng khen,
//! Giấy khen, Kỷ niệm chương), with the base salary (*mức lương cơ sở*) they multiply.
//!
//! ND 152's multiples apply to decisions from 2025-07-01 (Điều 59 khoản 1) until the
//! decree lapses on 2027-03-01 (Điều 60 khoản 1), except dossiers submitted before
//! 2025-07-01, which are decided under ND 98/2023 (Điều 60 khoản 3). The tables of ND
//! 98/2023 and ND 91/2017 are not in the crate's sources: for those decisions the
//! bonus is [`Bonus::Unknown`], with the regime and the reason, never ND 152's figure.
//! (Điều 60 khoản 2 keeps ND 98/2023 only for delegated matters — who decides and
//! procedures — not for bonus amounts.)

use chrono::NaiveDate;

use crate::award::catalogue::{AwardDef, AwardKind, RecipientKind, TitleCode, codes};
use crate::rules::citation::{Citation, Confidence};
use crate::rules::law::{ND152_REGIME, Provision, verbatim};
use crate::rules::regime::{
    LAW_2022_FROM, ND91_FROM, ND98, ND152, ND152_FROM, ND152_UNTIL, RegimeId,
};
use crate::value::format::Lang;
use crate::value::money::Vnd;
use crate::value::period::Period;

const fn nd152(
    article: &'static str,
    clause: Option<&'static str>,
    point: Option<&'static str>,
) -> Citation {
    Citation::law(
        ND152,
        Some(article),
        clause,
        point,
        Confidence::Verified,
        None,
    )
}

/// ND 152/2025 Điều 49 khoản 1: the base salary in force on the decision's day.
const D49_K1: Citation = nd152("49", Some("1"), None);
/// Điều 49 khoản 2: rounded up to tens of thousands of đồng.
const D49_K2: Citation = nd152("49", Some("2"), None);
/// Điều 49 khoản 5: several titles for the same time earn the highest one's bonus.
const D49_K5: Citation = nd152("49", Some("5"), None);
/// Điều 49 khoản 6: several forms for different achievements each earn theirs.
const D49_K6: Citation = nd152("49", Some("6"), None);
/// Điều 49 khoản 7: a title and a form together earn both.
const D49_K7: Citation = nd152("49", Some("7"), None);
/// Điều 54 khoản 3: households, one and a half times.
const D54_K3: Citation = nd152("54", Some("3"), None);
/// Điều 59 khoản 1: in force from 2025-07-01.
const D59_K1: Citation = nd152("59", Some("1"), None);
/// Điều 60 khoản 1: lapses on 2027-03-01 unless extended.
const D60_K1: Citation = nd152("60", Some("1"), None);
/// Điều 60 khoản 3: dossiers submitted before 2025-07-01.
const D60_K3: Citation = nd152("60", Some("3"), None);

/// The provisions encoded here, quoted verbatim from ND 152/2025/NĐ-CP (a test
/// finds each quote in the decree's text kept in `docs/legal/`).
pub(crate) static PROVISIONS: &[Provision] = &[
    verbatim(
        ND152_REGIME,
        D49_K1,
        "Tiền thưởng cho cá nhân, tập thể, hộ gia đình được khen thưởng được tính trên cơ sở mức lương cơ sở do Chính phủ quy định đang có hiệu lực vào thời điểm ban hành quyết định công nhận danh hiệu thi đua, quyết định hình thức khen thưởng.",
    ),
    verbatim(
        ND152_REGIME,
        D49_K2,
        "Tiền thưởng sau khi nhân với hệ số mức lương cơ sở được làm tròn số lên hàng chục nghìn đồng tiền Việt Nam.",
    ),
    verbatim(
        ND152_REGIME,
        D49_K5,
        "Trong cùng một thời điểm, một đối tượng đạt nhiều danh hiệu thi đua, có thời gian được tính để đạt các danh hiệu thi đua đó khác nhau thì được nhận tiền thưởng của các danh hiệu thi đua tương ứng.\n\nTrong cùng một thời điểm, một đối tượng đạt nhiều danh hiệu thi đua, có cùng thời gian được tính để đạt các danh hiệu thi đua đó thì được nhận tiền thưởng danh hiệu thi đua cao nhất.",
    ),
    verbatim(
        ND152_REGIME,
        D49_K6,
        "Trong cùng một thời điểm, một đối tượng đạt nhiều hình thức khen thưởng, có thời gian, thành tích đạt được các hình thức khen thưởng đó khác nhau thì được nhận tiền thưởng của các hình thức khen thưởng tương ứng.",
    ),
    verbatim(
        ND152_REGIME,
        D49_K7,
        "Trong cùng thời điểm, một đối tượng vừa được tặng danh hiệu thi đua vừa được quyết định hình thức khen thưởng thì được nhận tiền thưởng của danh hiệu thi đua và của hình thức khen thưởng.",
    ),
    verbatim(
        ND152_REGIME,
        nd152("50", Some("1"), Some("a")),
        "Danh hiệu “Chiến sĩ thi đua toàn quốc” được tặng Bằng chứng nhận, khung, Huy hiệu, hộp đựng Huy hiệu và được thưởng 4,5 lần mức lương cơ sở;",
    ),
    verbatim(
        ND152_REGIME,
        nd152("50", Some("1"), Some("b")),
        "Danh hiệu chiến sĩ thi đua bộ, ban, ngành, tỉnh được tặng Bằng chứng nhận, khung, Huy hiệu, hộp đựng Huy hiệu và được thưởng 3,0 lần mức lương cơ sở;",
    ),
    verbatim(
        ND152_REGIME,
        nd152("50", Some("1"), Some("c")),
        "Danh hiệu “Chiến sĩ thi đua cơ sở” được tặng Bằng chứng nhận, khung và được thưởng 1,0 lần mức lương cơ sở;",
    ),
    verbatim(
        ND152_REGIME,
        nd152("50", Some("1"), Some("d")),
        "Danh hiệu “Lao động tiên tiến”, “Chiến sĩ tiên tiến” được thưởng 0,3 lần mức lương cơ sở.",
    ),
    verbatim(
        ND152_REGIME,
        nd152("50", Some("2"), Some("a")),
        "Danh hiệu “Tập thể lao động xuất sắc”, “Đơn vị quyết thắng” được tặng Bằng chứng nhận, khung và được thưởng 1,5 lần mức lương cơ sở;",
    ),
    verbatim(
        ND152_REGIME,
        nd152("50", Some("2"), Some("b")),
        "Danh hiệu “Tập thể Lao động tiên tiến”, “Đơn vị tiên tiến” được thưởng 0,8 lần mức lương cơ sở;",
    ),
    verbatim(
        ND152_REGIME,
        nd152("50", Some("2"), Some("đ")),
        "Danh hiệu “Cờ thi đua của Chính phủ” được tặng cờ và được thưởng 12,0 lần mức lương cơ sở;",
    ),
    verbatim(
        ND152_REGIME,
        nd152("50", Some("2"), Some("e")),
        "Danh hiệu cờ thi đua của bộ, ban, ngành, tỉnh được tặng cờ và được thưởng 8,0 lần mức lương cơ sở;",
    ),
    verbatim(
        ND152_REGIME,
        nd152("54", Some("1"), Some("a")),
        "Cá nhân được tặng hoặc truy tặng “Bằng khen của Thủ tướng Chính phủ” được tặng Bằng, khung và được thưởng 3,5 lần mức lương cơ sở;",
    ),
    verbatim(
        ND152_REGIME,
        nd152("54", Some("1"), Some("b")),
        "Cá nhân được tặng hoặc truy tặng Bằng khen của bộ, ban, ngành, tỉnh được tặng Bằng, khung và được thưởng 1,5 lần mức lương cơ sở;",
    ),
    verbatim(
        ND152_REGIME,
        nd152("54", Some("1"), Some("e")),
        "Cá nhân được tặng Giấy khen quy định tại các điểm a, b, c và điểm đ khoản 1 Điều 75 của Luật Thi đua, khen thưởng được tặng Bằng, khung và kèm theo mức tiền thưởng 0,3 lần mức lương cơ sở.",
    ),
    verbatim(
        ND152_REGIME,
        nd152("54", Some("2"), Some("a")),
        "Tập thể được tặng “Bằng khen của Thủ tướng Chính phủ”, Bằng khen của bộ, ban, ngành, tỉnh được tặng Bằng, khung và được thưởng gấp hai lần mức tiền thưởng đối với cá nhân quy định tại các điểm a và b khoản 1 Điều này;",
    ),
    verbatim(
        ND152_REGIME,
        nd152("54", Some("2"), Some("c")),
        "Tập thể được tặng Giấy khen các cấp được tặng Bằng, khung và kèm theo tiền thưởng gấp hai lần tiền thưởng đối với cá nhân quy định tại điểm e khoản 1 Điều này.",
    ),
    verbatim(
        ND152_REGIME,
        D54_K3,
        "Hộ gia đình được tặng các hình thức khen thưởng được nhận Bằng, khung và mức tiền thưởng bằng 1,5 lần mức tiền thưởng tương ứng với các hình thức khen thưởng tặng cho cá nhân.",
    ),
    verbatim(
        ND152_REGIME,
        D59_K1,
        "Nghị định này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2025.",
    ),
    verbatim(
        ND152_REGIME,
        D60_K1,
        "Nghị định này hết hiệu lực kể từ ngày 01 tháng 3 năm 2027 trừ các trường hợp sau:",
    ),
    verbatim(
        ND152_REGIME,
        D60_K3,
        "Hồ sơ đề nghị tặng danh hiệu thi đua, hình thức khen thưởng đã được gửi đến Bộ Nội vụ hoặc các cơ quan có thẩm quyền tiếp nhận khác theo quy định pháp luật về thi đua khen thưởng trước ngày Nghị định này có hiệu lực, việc thẩm định, trình và quyết định khen thưởng sẽ được thực hiện theo quy định tại Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng.",
    ),
];

/// The base salary (*mức lương cơ sở*) in force on a day, with its source. Only the
/// 2024-07-01 figure (2.340.000 đồng, Nghị định 73/2024/NĐ-CP) is verified; earlier
/// ones are recalled (confidence R). `None` before 2017-07-01.
pub fn base_salary(date: NaiveDate) -> Option<(Vnd, Citation)> {
    let table: [(i32, u32, i64, &'static str, Confidence); 5] = [
        (
            2017,
            7,
            1_300_000,
            "Nghị định 47/2017/NĐ-CP",
            Confidence::Recalled,
        ),
        (
            2018,
            7,
            1_390_000,
            "Nghị định 72/2018/NĐ-CP",
            Confidence::Recalled,
        ),
        (
            2019,
            7,
            1_490_000,
            "Nghị định 38/2019/NĐ-CP",
            Confidence::Recalled,
        ),
        (
            2023,
            7,
            1_800_000,
            "Nghị định 24/2023/NĐ-CP",
            Confidence::Recalled,
        ),
        (
            2024,
            7,
            2_340_000,
            "Nghị định 73/2024/NĐ-CP",
            Confidence::Verified,
        ),
    ];
    table
        .iter()
        .rev()
        .find(|(y, m, ..)| NaiveDate::from_ymd_opt(*y, *m, 1).is_some_and(|from| from <= date))
        .map(|(_, _, amount, doc, c)| {
            (
                Vnd::from_dong(*amount),
                Citation::law(doc, None, None, None, *c, None),
            )
        })
}

/// A bonus computed under ND 152/2025/NĐ-CP.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct BonusAmount {
    /// The amount paid, in đồng: rounded up to the next 10.000 đồng.
    pub amount: Vnd,
    /// The individual's multiple of the base salary, in tenths (`3` for 0,3 lần).
    pub multiple_tenths: u32,
    /// The base salary in force on the decision's day.
    pub base_salary: Vnd,
    /// Where the base salary comes from (the decree that set it, with its confidence).
    pub base_salary_source: Citation,
    /// The clause setting the multiple: ND 152/2025 Điều 50 (titles) or Điều 54
    /// (forms), with clause and point for the built-in titles.
    pub multiple_citation: Citation,
    /// For a collective or a household receiving a form of commendation, the clause
    /// that doubles (Điều 54 khoản 2) or multiplies by 1,5 (khoản 3) the individual
    /// amount.
    pub factor_citation: Option<Citation>,
    /// ND 152/2025 Điều 49 khoản 2: rounding up to tens of thousands of đồng.
    pub rounding_citation: Citation,
    /// ND 152/2025 Điều 49 khoản 1: the base salary of the decision's day.
    pub base_salary_rule: Citation,
}

/// Why a bonus cannot be given: the regime whose table is not in the crate's sources,
/// or a missing multiple.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct BonusUnknown {
    /// The regime the decision falls under, when one does.
    pub regime: Option<RegimeId>,
    /// The provision that sends the decision there, if any.
    pub citation: Option<Citation>,
    /// Why, in Vietnamese.
    pub reason_vi: String,
    /// Why, in English.
    pub reason_en: String,
}

/// The bonus for one award: an amount under ND 152/2025, or unknown with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bonus {
    /// ND 152/2025's figure (boxed: it carries five citations).
    Amount(Box<BonusAmount>),
    /// Not computable from the crate's sources.
    Unknown(BonusUnknown),
}

impl Bonus {
    /// The amount, when known.
    pub fn amount(&self) -> Option<Vnd> {
        match self {
            Bonus::Amount(a) => Some(a.amount),
            Bonus::Unknown(_) => None,
        }
    }

    /// What it is, in Vietnamese.
    pub fn message_vi(&self) -> String {
        match self {
            Bonus::Amount(a) => format!(
                "{} ({}; lương cơ sở {}; {}; làm tròn lên hàng chục nghìn đồng, {})",
                a.amount.to_dong_string(Lang::Vi),
                multiple_text(a.multiple_tenths, ','),
                a.base_salary.to_dong_string(Lang::Vi),
                a.multiple_citation,
                a.rounding_citation
            ),
            Bonus::Unknown(u) => u.reason_vi.clone(),
        }
    }

    /// What it is, in English.
    pub fn message_en(&self) -> String {
        match self {
            Bonus::Amount(a) => format!(
                "{} ({} times the base salary of {}; {}; rounded up to tens of thousands of đồng, {})",
                a.amount.to_dong_string(Lang::En),
                multiple_text(a.multiple_tenths, '.'),
                a.base_salary.to_dong_string(Lang::En),
                a.multiple_citation,
                a.rounding_citation
            ),
            Bonus::Unknown(u) => u.reason_en.clone(),
        }
    }
}

fn multiple_text(tenths: u32, separator: char) -> String {
    let whole = tenths / 10;
    let tenth = tenths % 10;
    if separator == ',' {
        format!("{whole}{separator}{tenth} lần mức lương cơ sở")
    } else {
        format!("{whole}{separator}{tenth}")
    }
}

/// The clause setting a built-in award's multiple, and the clause multiplying it for
/// a collective or a household receiving a form.
fn clauses(def: &AwardDef, recipient: RecipientKind) -> (Citation, Option<Citation>) {
    let code = def.code().as_str();
    let title = def.kind() == AwardKind::Title;
    let multiple = match code {
        codes::CSTDTQ => nd152("50", Some("1"), Some("a")),
        codes::CSTD_TINH => nd152("50", Some("1"), Some("b")),
        codes::CSTDCS => nd152("50", Some("1"), Some("c")),
        codes::LDTT => nd152("50", Some("1"), Some("d")),
        codes::TTLDXS => nd152("50", Some("2"), Some("a")),
        codes::TTLDTT => nd152("50", Some("2"), Some("b")),
        codes::CO_CHINH_PHU => nd152("50", Some("2"), Some("đ")),
        codes::CO_TINH | codes::CO_TLD => nd152("50", Some("2"), Some("e")),
        codes::BK_THU_TUONG => nd152("54", Some("1"), Some("a")),
        codes::BK_TINH | codes::BK_TLD => nd152("54", Some("1"), Some("b")),
        codes::GIAY_KHEN => nd152("54", Some("1"), Some("e")),
        _ if title => nd152("50", None, None).note("multiple from the catalogue"),
        _ => nd152("54", None, None).note("multiple from the catalogue"),
    };
    let factor = match (title, recipient) {
        (false, RecipientKind::Collective) => Some(match code {
            codes::GIAY_KHEN => nd152("54", Some("2"), Some("c")),
            codes::BK_THU_TUONG | codes::BK_TINH | codes::BK_TLD => {
                nd152("54", Some("2"), Some("a"))
            }
            _ => nd152("54", Some("2"), None),
        }),
        (false, RecipientKind::Household) => Some(D54_K3),
        _ => None,
    };
    (multiple, factor)
}

/// Rounds up to the next multiple of 10.000 đồng an amount given in tenths of a đồng.
fn round_up_10k(tenth_dong: i128) -> Option<i128> {
    const STEP: i128 = 100_000; // 10.000 đồng in tenths of a đồng
    let steps = tenth_dong.checked_add(STEP - 1)?.div_euclid(STEP);
    steps.checked_mul(10_000)
}

fn unknown(
    regime: Option<RegimeId>,
    citation: Option<Citation>,
    reason_vi: String,
    reason_en: String,
) -> Bonus {
    Bonus::Unknown(BonusUnknown {
        regime,
        citation,
        reason_vi,
        reason_en,
    })
}

/// The bonus for an award decided on `decided_on` (ND 152/2025 Điều 49, 50, 54).
///
/// - The base salary is the one in force on the decision's day (Điều 49 khoản 1),
///   times the award's multiple (Điều 50 for titles, Điều 54 for forms; from the
///   catalogue's [`AwardDef::bonus_tenths`]); the product is rounded **up** to the
///   next 10.000 đồng (Điều 49 khoản 2): LĐTT 0,3 × 2.340.000 = 702.000 → 710.000.
/// - A collective receiving a form of commendation gets "gấp hai lần mức tiền thưởng
///   đối với cá nhân" (Điều 54 khoản 2), a household "1,5 lần mức tiền thưởng tương
///   ứng … cho cá nhân" (khoản 3). The individual's *mức tiền thưởng* is the amount
///   paid to an individual, which Điều 49 khoản 2 has already rounded; so the factor
///   multiplies the rounded individual amount (Giấy khen: 710.000 → 1.420.000 for a
///   collective), and the result is rounded up again, as every bonus reckoned from
///   the base salary is (a household's Giấy khen: 1.065.000 → 1.070.000). For
///   doubling the second rounding changes nothing.
/// - ND 152's multiples apply to decisions from 2025-07-01 to 2027-02-28 (Điều 59
///   khoản 1, Điều 60 khoản 1). A decision dated earlier, or a dossier submitted
///   (`submitted_on`) before 2025-07-01 (Điều 60 khoản 3), falls under ND 98/2023 or
///   ND 91/2017, whose tables are not in the crate's sources: the answer is
///   [`Bonus::Unknown`] naming that regime. So is an award without a multiple in
///   the catalogue (the Bằng Lao động sáng tạo; the Kỷ niệm chương, whose bonus
///   Điều 54 khoản 1 điểm d caps at 0,6 without fixing it).
pub fn bonus(
    def: &AwardDef,
    recipient: RecipientKind,
    decided_on: NaiveDate,
    submitted_on: Option<NaiveDate>,
) -> Bonus {
    if decided_on < ND152_FROM {
        let regime = if decided_on >= LAW_2022_FROM {
            Some(RegimeId::Nd98)
        } else if decided_on >= ND91_FROM {
            Some(RegimeId::Nd91)
        } else {
            None
        };
        let (doc_vi, doc_en) = match regime {
            Some(RegimeId::Nd98) => ("Nghị định 98/2023/NĐ-CP", "Decree 98/2023/NĐ-CP"),
            Some(_) => ("Nghị định 91/2017/NĐ-CP", "Decree 91/2017/NĐ-CP"),
            None => (
                "văn bản trước Nghị định 91/2017/NĐ-CP",
                "the texts before Decree 91/2017/NĐ-CP",
            ),
        };
        return unknown(
            regime,
            Some(D59_K1),
            format!(
                "quyết định ngày {} ban hành trước ngày 01/07/2025, thuộc {doc_vi}; bảng mức tiền thưởng của văn bản này chưa có trong nguồn của thư viện, nên không tính theo Nghị định 152/2025/NĐ-CP",
                decided_on.format("%d/%m/%Y")
            ),
            format!(
                "the decision of {decided_on} precedes 2025-07-01 and falls under {doc_en}, whose bonus table is not in the crate's sources; ND 152/2025's figure does not apply"
            ),
        );
    }
    if decided_on >= ND152_UNTIL {
        return unknown(
            None,
            Some(D60_K1),
            format!(
                "quyết định ngày {}: Nghị định 152/2025/NĐ-CP hết hiệu lực từ ngày 01/03/2027 (Điều 60 khoản 1) trừ khi được kéo dài; chưa có văn bản thay thế trong nguồn của thư viện",
                decided_on.format("%d/%m/%Y")
            ),
            format!(
                "ND 152/2025 lapses on 2027-03-01 (Điều 60 khoản 1) unless extended, and the decision of {decided_on} is not before that day; no later text is in the crate's sources"
            ),
        );
    }
    if let Some(submitted) = submitted_on.filter(|s| *s < ND152_FROM) {
        return unknown(
            Some(RegimeId::Nd98),
            Some(D60_K3),
            format!(
                "hồ sơ gửi ngày {} trước ngày 01/07/2025 nên được quyết định theo {ND98} (Nghị định 152/2025/NĐ-CP Điều 60 khoản 3); bảng mức tiền thưởng của Nghị định 98/2023/NĐ-CP chưa có trong nguồn của thư viện",
                submitted.format("%d/%m/%Y")
            ),
            format!(
                "the dossier was submitted on {submitted}, before 2025-07-01, so it is decided under Decree 98/2023/NĐ-CP (ND 152/2025 Điều 60 khoản 3), whose bonus table is not in the crate's sources"
            ),
        );
    }
    let Some(tenths) = def.bonus_tenths() else {
        return unknown(
            Some(RegimeId::Nd152),
            None,
            format!(
                "danh mục không quy định hệ số tiền thưởng cho \"{}\"",
                def.label_vi()
            ),
            format!(
                "the catalogue sets no bonus multiple for \"{}\"",
                def.label_en()
            ),
        );
    };
    let Some((salary, source)) = base_salary(decided_on) else {
        return unknown(
            Some(RegimeId::Nd152),
            Some(D49_K1),
            format!(
                "không có mức lương cơ sở cho ngày {}",
                decided_on.format("%d/%m/%Y")
            ),
            format!("no base salary is known for {decided_on}"),
        );
    };
    let (multiple_citation, factor_citation) = clauses(def, recipient);
    let (num, den): (i128, i128) = match (&factor_citation, recipient) {
        (None, _) => (1, 1),
        (Some(_), RecipientKind::Household) => (3, 2),
        (Some(_), _) => (2, 1),
    };
    // The individual amount in tenths of a đồng, rounded up (Điều 49 khoản 2); then
    // the factor, and the rounding again.
    let amount = i128::from(salary.get())
        .checked_mul(i128::from(tenths))
        .and_then(round_up_10k)
        .and_then(|individual| individual.checked_mul(num * 10))
        .map(|tenth_dong| tenth_dong / den)
        .and_then(round_up_10k)
        .and_then(|a| i64::try_from(a).ok());
    match amount {
        Some(a) => Bonus::Amount(Box::new(BonusAmount {
            amount: Vnd::from_dong(a),
            multiple_tenths: tenths,
            base_salary: salary,
            base_salary_source: source,
            multiple_citation,
            factor_citation,
            rounding_citation: D49_K2,
            base_salary_rule: D49_K1,
        })),
        None => unknown(
            Some(RegimeId::Nd152),
            None,
            "số tiền vượt quá giới hạn tính toán".to_owned(),
            "the amount is out of range".to_owned(),
        ),
    }
}

/// One award a recipient receives, for [`bonuses_at_once`].
#[derive(Debug, Clone, Copy)]
pub struct AwardAtOnce<'a> {
    /// The title or form.
    pub def: &'a AwardDef,
    /// The period whose achievements it rewards (for a title: the time counted to
    /// reach it).
    pub period: Period,
    /// The decision's day.
    pub decided_on: NaiveDate,
    /// The day the dossier was submitted, if known (ND 152/2025 Điều 60 khoản 3).
    pub submitted_on: Option<NaiveDate>,
}

/// One award's bonus in a [`BonusStatement`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct BonusLine {
    /// The title or form.
    pub title: TitleCode,
    /// Title or form of commendation.
    pub kind: AwardKind,
    /// The period it rewards.
    pub period: Period,
    /// Its bonus on its own.
    pub bonus: Bonus,
    /// When not paid: the higher title, for the same period, whose bonus is paid
    /// instead (ND 152/2025 Điều 49 khoản 5).
    pub superseded_by: Option<TitleCode>,
    /// The clause of Điều 49 deciding whether it is paid: khoản 5 (titles), khoản 6
    /// (forms), khoản 7 (a title and a form together).
    pub rule: Citation,
    /// Paid or not, and why, in Vietnamese.
    pub message_vi: String,
    /// Paid or not, and why, in English.
    pub message_en: String,
}

impl BonusLine {
    /// Whether this award's bonus is paid.
    pub fn is_paid(&self) -> bool {
        self.superseded_by.is_none()
    }
}

/// The bonuses of one recipient's awards at one time.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct BonusStatement {
    /// One line per award, in the order given.
    pub lines: Vec<BonusLine>,
    /// The total paid, when every paid award's amount is known.
    pub total: Option<Vnd>,
}

impl BonusStatement {
    /// The sum of the amounts paid that are known (`None` only if it overflows).
    pub fn known_total(&self) -> Option<Vnd> {
        Vnd::checked_sum(
            self.lines
                .iter()
                .filter(|l| l.is_paid())
                .filter_map(|l| l.bonus.amount()),
        )
        .ok()
    }
}

/// The bonuses of one recipient's awards received at one time (ND 152/2025 Điều 49
/// khoản 5–7), each computed by [`bonus`].
///
/// - Several titles (*danh hiệu thi đua*) for the **same period** earn only the
///   highest title's bonus — the one with the greatest multiple (Điều 49 khoản 3: a
///   higher title earns more), the first given on a tie; the others are superseded by
///   it. Titles for different periods each earn theirs (khoản 5).
/// - Forms of commendation each earn theirs (khoản 6; forms for the same achievements
///   would be one award, which the caller does not pass twice).
/// - A title and a form together earn both (khoản 7).
///
/// Titles without a multiple in the catalogue are not compared: they are paid with an
/// unknown amount, and the total is then `None`.
pub fn bonuses_at_once(recipient: RecipientKind, awards: &[AwardAtOnce<'_>]) -> BonusStatement {
    let has_form = awards
        .iter()
        .any(|a| a.def.kind() == AwardKind::Commendation);
    let has_title = awards.iter().any(|a| a.def.kind() == AwardKind::Title);
    let mut lines = Vec::with_capacity(awards.len());
    for (i, a) in awards.iter().enumerate() {
        let b = bonus(a.def, recipient, a.decided_on, a.submitted_on);
        let is_title = a.def.kind() == AwardKind::Title;
        // The highest title of the same period: greatest multiple, first on a tie.
        let higher = if is_title {
            a.def.bonus_tenths().and_then(|mine| {
                awards
                    .iter()
                    .enumerate()
                    .filter(|(j, o)| {
                        *j != i && o.def.kind() == AwardKind::Title && o.period == a.period
                    })
                    .filter_map(|(j, o)| o.def.bonus_tenths().map(|t| (j, t, o)))
                    .filter(|(j, t, _)| *t > mine || (*t == mine && *j < i))
                    .max_by(|(j1, t1, _), (j2, t2, _)| t1.cmp(t2).then(j2.cmp(j1)))
                    .map(|(_, _, o)| o.def)
            })
        } else {
            None
        };
        let rule = match (is_title, has_title && has_form) {
            (true, _) if higher.is_some() => D49_K5,
            (_, true) => D49_K7,
            (true, false) => D49_K5,
            (false, false) => D49_K6,
        };
        let (message_vi, message_en) = match higher {
            Some(h) => (
                format!(
                    "không nhận tiền thưởng: cùng thời gian được tính với danh hiệu cao hơn \"{}\", chỉ nhận tiền thưởng danh hiệu cao nhất ({rule})",
                    h.label_vi()
                ),
                format!(
                    "not paid: the same period as the higher title \"{}\", and only the highest title's bonus is paid ({rule})",
                    h.label_en()
                ),
            ),
            None => (
                format!("được nhận: {} ({rule})", b.message_vi()),
                format!("paid: {} ({rule})", b.message_en()),
            ),
        };
        lines.push(BonusLine {
            title: a.def.code().clone(),
            kind: a.def.kind(),
            period: a.period,
            bonus: b,
            superseded_by: higher.map(|h| h.code().clone()),
            rule,
            message_vi,
            message_en,
        });
    }
    let complete = lines
        .iter()
        .filter(|l| l.is_paid())
        .all(|l| l.bonus.amount().is_some());
    let mut statement = BonusStatement { lines, total: None };
    if complete {
        statement.total = statement.known_total();
    }
    statement
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_is_up_to_ten_thousand() {
        assert_eq!(round_up_10k(7_020_000), Some(710_000));
        assert_eq!(round_up_10k(7_000_000), Some(700_000));
        assert_eq!(round_up_10k(7_000_001), Some(710_000));
        assert_eq!(round_up_10k(0), Some(0));
    }
}
