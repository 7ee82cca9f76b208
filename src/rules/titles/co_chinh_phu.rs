//! "Cờ thi đua của Chính phủ": how many collectives a ministry, central body or
//! province may propose, ND 152/2025/NĐ-CP Điều 7 khoản 1.

use crate::rules::citation::{Citation, Confidence};
use crate::rules::engine::Status;
use crate::rules::law::{ND152_REGIME, Provision, under, verbatim};
use crate::rules::regime::RegimeId;

const D7_K1: Citation = Citation::law(
    "Nghị định 152/2025/NĐ-CP",
    Some("7"),
    Some("1"),
    None,
    Confidence::Verified,
    None,
);

/// The provision encoded here, quoted verbatim from ND 152/2025/NĐ-CP (a test finds
/// it in the decree's text kept in `docs/legal/`).
pub(crate) static PROVISIONS: &[Provision] = &[verbatim(
    ND152_REGIME,
    D7_K1,
    "Số lượng tập thể được xét, đề nghị tặng danh hiệu \"Cờ thi đua của Chính phủ\" theo quy định tại khoản này không quá 20% tổng số tập thể dẫn đầu cụm, khối thi đua và đạt tiêu chuẩn tặng cờ thi đua của bộ, ban, ngành, tỉnh.",
)];

/// The share of the leading collectives that may be proposed, in percent.
const QUOTA_PERCENT: u64 = 20;

/// The result of [`co_chinh_phu_quota`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FlagQuota {
    /// Collectives leading their emulation cluster or bloc and meeting the standard of
    /// the ministry's, central body's or province's flag.
    pub leading: u32,
    /// Collectives proposed for the Government's flag.
    pub proposed: u32,
    /// The most that may be proposed: 20% of `leading`, rounded down.
    pub allowed: u32,
    /// Pass when `proposed` is within the quota, fail otherwise.
    pub status: Status,
    /// ND 152/2025/NĐ-CP Điều 7 khoản 1.
    pub citation: Citation,
    /// Why, in Vietnamese.
    pub message_vi: String,
    /// Why, in English.
    pub message_en: String,
}

/// Checks the number of collectives proposed for the "Cờ thi đua của Chính phủ"
/// under ND 152/2025/NĐ-CP Điều 7 khoản 1 ("không quá 20% tổng số tập thể dẫn đầu
/// cụm, khối thi đua và đạt tiêu chuẩn tặng cờ thi đua của bộ, ban, ngành, tỉnh"), in
/// exact integers: within the quota when `proposed × 100 ≤ leading × 20`, so 10
/// leading collectives allow 2, 9 allow 1, 4 allow none. The rule is ND 152's
/// (decisions from 2025-07-01).
pub fn co_chinh_phu_quota(leading: u32, proposed: u32) -> FlagQuota {
    let within = u64::from(proposed) * 100 <= u64::from(leading) * QUOTA_PERCENT;
    let allowed = u32::try_from(u64::from(leading) * QUOTA_PERCENT / 100).unwrap_or(u32::MAX);
    let (verb_vi, verb_en) = if within {
        ("trong giới hạn", "within the limit")
    } else {
        ("vượt giới hạn", "over the limit")
    };
    FlagQuota {
        leading,
        proposed,
        allowed,
        status: if within { Status::Pass } else { Status::Fail },
        citation: under(PROVISIONS, RegimeId::Nd152).map_or(D7_K1, |p| p.citation.clone()),
        message_vi: format!(
            "đề nghị {proposed} tập thể, {verb_vi}: tối đa {allowed} (không quá 20% của {leading} tập thể dẫn đầu cụm, khối thi đua và đạt tiêu chuẩn cờ thi đua của bộ, ban, ngành, tỉnh; Nghị định 152/2025/NĐ-CP Điều 7 khoản 1)"
        ),
        message_en: format!(
            "{proposed} collectives proposed, {verb_en}: at most {allowed} (no more than 20% of the {leading} collectives leading their emulation cluster or bloc and meeting the ministry or province flag standard; ND 152/2025 Điều 7 khoản 1)"
        ),
    }
}
