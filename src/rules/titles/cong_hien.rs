//! Awards for a process of contribution (*khen thưởng quá trình cống hiến*): the time
//! in office required of a female leader or manager, ND 152/2025/NĐ-CP Điều 4 khoản 7.

use crate::people::member::Gender;
use crate::rules::citation::{Citation, Confidence};
use crate::rules::engine::Status;
use crate::rules::law::{ND152_REGIME, Provision, under, verbatim};
use crate::rules::regime::RegimeId;

const D4_K7: Citation = Citation::law(
    "Nghị định 152/2025/NĐ-CP",
    Some("4"),
    Some("7"),
    None,
    Confidence::Verified,
    None,
);

/// The provision encoded here, quoted verbatim from ND 152/2025/NĐ-CP (a test finds
/// it in the decree's text kept in `docs/legal/`).
pub(crate) static PROVISIONS: &[Provision] = &[verbatim(
    ND152_REGIME,
    D4_K7,
    "Thời gian giữ chức vụ để xét khen thưởng quá trình cống hiến đối với cá nhân là nữ lãnh đạo, quản lý được giảm 1/3 thời gian so với quy định chung. Trường hợp cá nhân nữ lãnh đạo, quản lý thuộc đối tượng được quy định tuổi nghỉ hưu cao hơn thì thời gian để xét khen thưởng quá trình cống hiến thực hiện theo quy định chung.",
)];

/// The person whose time in office is counted, for [`contribution_tenure`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OfficeHolder {
    /// The person's gender.
    pub gender: Gender,
    /// Whether the person held a leading or managing office (*lãnh đạo, quản lý*).
    pub leader_or_manager: bool,
    /// Whether the person is of those whose retirement age is set higher (*thuộc đối
    /// tượng được quy định tuổi nghỉ hưu cao hơn*).
    pub higher_retirement_age: bool,
}

/// The result of [`contribution_tenure`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ContributionTenure {
    /// The general requirement, in months.
    pub general_months: u32,
    /// The months required of this person: the general requirement, or two thirds of
    /// it rounded up to a whole month.
    pub required_months: u32,
    /// Whether the one-third reduction applied.
    pub reduced: bool,
    /// The months in office.
    pub months_held: u32,
    /// Pass when the time held is enough, fail otherwise.
    pub status: Status,
    /// ND 152/2025/NĐ-CP Điều 4 khoản 7.
    pub citation: Citation,
    /// Why, in Vietnamese.
    pub message_vi: String,
    /// Why, in English.
    pub message_en: String,
}

/// Checks the time in office for an award for a process of contribution (ND
/// 152/2025/NĐ-CP Điều 4 khoản 7): a female leader or manager needs two thirds of the
/// general requirement ("được giảm 1/3 thời gian so với quy định chung"), except one
/// whose retirement age is set higher, who follows the general requirement; everyone
/// else follows it too.
///
/// A fraction of a month: the check is exact, `months_held × 3 ≥ general × 2`. Time
/// held is counted in whole months, so that is the same as holding at least
/// `⌈general × 2 / 3⌉` months, which is the `required_months` reported: rounding the
/// requirement up is not a tightening, just the whole-month form of the exact two
/// thirds (10 months general → 6,67 → 7 months; 60 → 40 exactly).
pub fn contribution_tenure(
    general_months: u32,
    holder: OfficeHolder,
    months_held: u32,
) -> ContributionTenure {
    let reduced = holder.gender == Gender::Female
        && holder.leader_or_manager
        && !holder.higher_retirement_age;
    let (required_months, ok) = if reduced {
        let twice = u64::from(general_months) * 2;
        (
            u32::try_from(twice.div_ceil(3)).unwrap_or(u32::MAX),
            u64::from(months_held) * 3 >= twice,
        )
    } else {
        (general_months, months_held >= general_months)
    };
    let (why_vi, why_en) = if reduced {
        (
            format!(
                "nữ lãnh đạo, quản lý: giảm 1/3 so với {general_months} tháng theo quy định chung"
            ),
            format!(
                "a female leader or manager: a third less than the general {general_months} months"
            ),
        )
    } else if holder.gender == Gender::Female
        && holder.leader_or_manager
        && holder.higher_retirement_age
    {
        (
            "nữ lãnh đạo, quản lý thuộc đối tượng có tuổi nghỉ hưu cao hơn: theo quy định chung"
                .to_owned(),
            "a female leader or manager whose retirement age is set higher: the general rule"
                .to_owned(),
        )
    } else {
        (
            "theo quy định chung".to_owned(),
            "the general rule".to_owned(),
        )
    };
    let status = if ok { Status::Pass } else { Status::Fail };
    ContributionTenure {
        general_months,
        required_months,
        reduced,
        months_held,
        status,
        citation: under(PROVISIONS, RegimeId::Nd152).map_or(D4_K7, |p| p.citation.clone()),
        message_vi: format!(
            "giữ chức vụ {months_held} tháng; yêu cầu {required_months} tháng ({why_vi}; Nghị định 152/2025/NĐ-CP Điều 4 khoản 7)"
        ),
        message_en: format!(
            "{months_held} months in office; needs {required_months} ({why_en}; ND 152/2025 Điều 4 khoản 7)"
        ),
    }
}
