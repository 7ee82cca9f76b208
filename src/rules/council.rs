//! The council's vote on the highest titles: ND 152/2025/NĐ-CP Điều 33 khoản 5.
//!
//! For "Chiến sĩ thi đua toàn quốc" (and the Hero titles, which are not in the
//! catalogue) the emulation council must vote, and at least 90 % of *all* its members
//! must agree; for "Cờ thi đua của Chính phủ", 80 %. The share is counted on the
//! council's members, not on those present. For every other title the decree sets no
//! share, and the council's own rules apply.

use chrono::NaiveDate;

use crate::award::catalogue::{TitleCode, codes};
use crate::rules::citation::{Citation, Confidence};
use crate::rules::law::{ND152_REGIME, Provision, verbatim};
use crate::rules::regime::{ND152_FROM, ND152_UNTIL};

const D33_K5: Citation = Citation::law(
    "Nghị định 152/2025/NĐ-CP",
    Some("33"),
    Some("5"),
    None,
    Confidence::Verified,
    None,
);

/// The provisions encoded here, quoted verbatim from ND 152/2025/NĐ-CP (a test finds
/// them in the decree's text).
pub(crate) static PROVISIONS: &[Provision] = &[
    verbatim(
        ND152_REGIME,
        D33_K5,
        "Đối với tập thể, cá nhân được đề nghị khen thưởng danh hiệu \"Tỉnh Anh hùng\", \"Thành phố Anh hùng\", \"Anh hùng Lực lượng vũ trang nhân dân\", \"Anh hùng Lao động\", \"Chiến sĩ thi đua toàn quốc\", phải có tỷ lệ phiếu đồng ý của Hội đồng Thi đua - Khen thưởng các cấp từ 90% trở lên tính trên tổng số thành viên của Hội đồng.",
    ),
    verbatim(
        ND152_REGIME,
        D33_K5,
        "Đối với danh hiệu \"Cờ thi đua của Chính phủ\" phải có tỷ lệ phiếu đồng ý của Hội đồng Thi đua - Khen thưởng các cấp từ 80% trở lên tính trên tổng số thành viên của Hội đồng.",
    ),
];

/// The share of the council's members whose agreement a title needs by decree.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CouncilThreshold {
    /// The least share, in percent, of all the council's members (not of those
    /// present) who must agree: reached when `in favour × 100 ≥ members × percent`.
    pub percent: u32,
    /// ND 152/2025/NĐ-CP Điều 33 khoản 5.
    pub citation: Citation,
}

impl CouncilThreshold {
    /// Whether `in_favour` of a council of `members` reach the share ("từ … trở
    /// lên", so exactly the share is enough).
    pub fn is_reached(&self, in_favour: u32, members: u32) -> bool {
        members > 0 && u64::from(in_favour) * 100 >= u64::from(members) * u64::from(self.percent)
    }
}

/// The share of the council a title needs by decree when it is decided on
/// `decided_on`: 90 % for "Chiến sĩ thi đua toàn quốc" and 80 % for "Cờ thi đua của
/// Chính phủ" under ND 152/2025/NĐ-CP Điều 33 khoản 5 (decisions from 2025-07-01
/// until the decree lapses on 2027-03-01); `None` for other titles and days, where
/// the council's own rules set the majority.
///
/// ```
/// use chrono::NaiveDate;
/// use thidua::{TitleCode, council_threshold};
///
/// let day = NaiveDate::from_ymd_opt(2025, 8, 20).unwrap();
/// let t = council_threshold(&TitleCode::CSTDTQ, day).unwrap();
/// assert_eq!(t.percent, 90);
/// assert!(!t.is_reached(18, 21)); // 85,7 % of the council, though 90 % of 20 present
/// assert!(t.is_reached(19, 21));
/// assert!(council_threshold(&TitleCode::LDTT, day).is_none());
/// ```
pub fn council_threshold(title: &TitleCode, decided_on: NaiveDate) -> Option<CouncilThreshold> {
    if !(ND152_FROM..ND152_UNTIL).contains(&decided_on) {
        return None;
    }
    let percent = match title.as_str() {
        codes::CSTDTQ => 90,
        codes::CO_CHINH_PHU => 80,
        _ => return None,
    };
    Some(CouncilThreshold {
        percent,
        citation: D33_K5,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn the_decree_sets_a_share_for_two_titles_only_while_it_is_in_force() {
        let on = day(2025, 7, 1);
        let share = |t: &TitleCode, d| council_threshold(t, d).map(|c| c.percent);
        assert_eq!(share(&TitleCode::CSTDTQ, on), Some(90));
        assert_eq!(share(&TitleCode::CO_CHINH_PHU, on), Some(80));
        assert_eq!(share(&TitleCode::CSTDCS, on), None);
        assert_eq!(share(&TitleCode::CSTD_TINH, on), None);
        assert_eq!(share(&TitleCode::CSTDTQ, day(2025, 6, 30)), None);
        assert_eq!(share(&TitleCode::CSTDTQ, day(2027, 2, 28)), Some(90));
        assert_eq!(share(&TitleCode::CSTDTQ, day(2027, 3, 1)), None);
    }

    #[test]
    fn the_share_is_of_every_member_and_reached_at_exactly_the_share() {
        let t = council_threshold(&TitleCode::CO_CHINH_PHU, day(2025, 9, 1)).unwrap_or(
            CouncilThreshold {
                percent: 0,
                citation: D33_K5,
            },
        );
        assert!(t.is_reached(8, 10));
        assert!(!t.is_reached(7, 10));
        assert!(!t.is_reached(0, 0));
        assert_eq!(
            t.citation.to_string(),
            "Nghị định 152/2025/NĐ-CP, Điều 33, khoản 5"
        );
    }
}
