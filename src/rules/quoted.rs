//! The provisions each rule family of the union, bonus and title modules quotes.

use crate::rules::law::Provision;
use crate::rules::titles::{co_chinh_phu, cong_hien};
use crate::rules::union::{grading, knc, ldst};

/// The law's words behind each rule family, by family code: grading grassroots
/// unions (`union.grading`, HD 1294/HD-TLĐ 2019), the union's Kỷ niệm chương
/// (`union.knc`, HD 149/HD-TLĐ 2015 Mục III), the Bằng Lao động sáng tạo
/// (`union.ldst`, QĐ 1564/QĐ-TLĐ 2014 Điều 16), bonuses (`bonus`, ND 152/2025/NĐ-CP
/// Điều 49, 50, 54, 59, 60), the Government's flag quota (`titles.co_chinh_phu`, ND
/// 152/2025 Điều 7 khoản 1) and the time in office for contribution awards
/// (`titles.cong_hien`, ND 152/2025 Điều 4 khoản 7) and the council's share of
/// votes for the highest titles (`council`, ND 152/2025 Điều 33 khoản 5). Quotes from ND 152/2025 are
/// verbatim; the union's guidance texts are not kept in the crate and are
/// paraphrased ([`Provision::wording`]).
///
/// ```
/// let families = thidua::quoted_provisions();
/// let (_, bonus) = families.iter().find(|(code, _)| *code == "bonus").unwrap();
/// assert!(bonus.iter().any(|p| p.quote().starts_with("Tiền thưởng sau khi nhân")));
/// ```
pub fn quoted_provisions() -> [(&'static str, &'static [Provision]); 7] {
    [
        ("union.grading", grading::PROVISIONS),
        ("union.knc", knc::PROVISIONS),
        ("union.ldst", ldst::PROVISIONS),
        ("bonus", crate::rules::bonus::PROVISIONS),
        ("titles.co_chinh_phu", co_chinh_phu::PROVISIONS),
        ("titles.cong_hien", cong_hien::PROVISIONS),
        ("council", crate::rules::council::PROVISIONS),
    ]
}
