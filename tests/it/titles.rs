//! Title rules of ND 152/2025/NĐ-CP: the Government flag quota and the time in office
//! for contribution awards.

use thidua::{Gender, OfficeHolder, Status, co_chinh_phu_quota, contribution_tenure};

#[test]
fn nd152_d7_k1_government_flag_proposals_at_most_twenty_percent() {
    let q = co_chinh_phu_quota(10, 2);
    assert_eq!((q.allowed, q.status), (2, Status::Pass));
    assert_eq!(
        q.citation.to_string(),
        "Nghị định 152/2025/NĐ-CP, Điều 7, khoản 1"
    );
    let q = co_chinh_phu_quota(10, 3);
    assert_eq!(
        (q.leading, q.proposed, q.allowed, q.status),
        (10, 3, 2, Status::Fail)
    );
    assert_eq!(
        q.message_vi,
        "đề nghị 3 tập thể, vượt giới hạn: tối đa 2 (không quá 20% của 10 tập thể dẫn đầu cụm, khối thi đua và đạt tiêu chuẩn cờ thi đua của bộ, ban, ngành, tỉnh; Nghị định 152/2025/NĐ-CP Điều 7 khoản 1)"
    );
    assert_eq!(
        q.message_en,
        "3 collectives proposed, over the limit: at most 2 (no more than 20% of the 10 collectives leading their emulation cluster or bloc and meeting the ministry or province flag standard; ND 152/2025 Điều 7 khoản 1)"
    );
    // Rounded down: 9 leading allow 1, 4 allow none.
    assert_eq!(co_chinh_phu_quota(9, 1).status, Status::Pass);
    assert_eq!(co_chinh_phu_quota(9, 2).status, Status::Fail);
    assert_eq!(co_chinh_phu_quota(4, 1).allowed, 0);
    assert_eq!(co_chinh_phu_quota(4, 1).status, Status::Fail);
    let q = co_chinh_phu_quota(0, 0);
    assert_eq!((q.allowed, q.status), (0, Status::Pass));
    assert_eq!(co_chinh_phu_quota(0, 1).status, Status::Fail);
    assert_eq!(co_chinh_phu_quota(u32::MAX, u32::MAX).status, Status::Fail);
}

fn holder(gender: Gender, leader_or_manager: bool, higher_retirement_age: bool) -> OfficeHolder {
    OfficeHolder {
        gender,
        leader_or_manager,
        higher_retirement_age,
    }
}

#[test]
fn nd152_d4_k7_female_leaders_need_two_thirds_of_the_time() {
    let woman = holder(Gender::Female, true, false);
    let t = contribution_tenure(60, woman, 40);
    assert_eq!(
        (t.required_months, t.reduced, t.status),
        (40, true, Status::Pass)
    );
    assert_eq!(
        t.message_vi,
        "giữ chức vụ 40 tháng; yêu cầu 40 tháng (nữ lãnh đạo, quản lý: giảm 1/3 so với 60 tháng theo quy định chung; Nghị định 152/2025/NĐ-CP Điều 4 khoản 7)"
    );
    assert_eq!(
        t.message_en,
        "40 months in office; needs 40 (a female leader or manager: a third less than the general 60 months; ND 152/2025 Điều 4 khoản 7)"
    );
    assert_eq!(contribution_tenure(60, woman, 39).status, Status::Fail);
    // A fraction of a month: 10 × 2 / 3 = 6,67, so 7 whole months are needed.
    let t = contribution_tenure(10, woman, 6);
    assert_eq!((t.required_months, t.status), (7, Status::Fail));
    assert_eq!(contribution_tenure(10, woman, 7).status, Status::Pass);
    // A higher retirement age: the general rule.
    let t = contribution_tenure(60, holder(Gender::Female, true, true), 40);
    assert_eq!(
        (t.required_months, t.reduced, t.status),
        (60, false, Status::Fail)
    );
    assert_eq!(
        t.message_en,
        "40 months in office; needs 60 (a female leader or manager whose retirement age is set higher: the general rule; ND 152/2025 Điều 4 khoản 7)"
    );
    assert_eq!(
        contribution_tenure(60, holder(Gender::Female, true, true), 60).status,
        Status::Pass
    );
    // Men, and women who are not leaders or managers: the general rule.
    assert_eq!(
        contribution_tenure(60, holder(Gender::Male, true, false), 40).status,
        Status::Fail
    );
    assert_eq!(
        contribution_tenure(60, holder(Gender::Female, false, false), 40).required_months,
        60
    );
    assert_eq!(contribution_tenure(0, woman, 0).status, Status::Pass);
    assert_eq!(
        contribution_tenure(u32::MAX, woman, u32::MAX).status,
        Status::Pass
    );
}
