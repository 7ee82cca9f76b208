//! The synthetic national dataset and the columnar roll-up, against the generic
//! roll-up of the same data.

use std::collections::HashMap;

use proptest::prelude::*;
use thidua::{
    Candidate, ColumnarRollup, Evaluator, Gender, MemberId, MemberRow, Members, MembersByGender,
    Metric, NationSpec, Outcome, ReviewContext, SyntheticError, TitleCode, TitlesConferred, codes,
};

/// Sponsorship money per member, looked up by id: the naive side of the check.
struct Money<'a>(&'a HashMap<MemberId, u64>);

impl Metric for Money<'_> {
    type Acc = u64;
    fn member(&self, m: &MemberRow<'_>, acc: &mut u64) {
        *acc += self.0.get(&m.record.id()).copied().unwrap_or(0);
    }
}

fn small(seed: u64, members: u64, shape: (u32, u32, u32)) -> thidua::SyntheticNation {
    NationSpec::national()
        .with_members(members)
        .with_units(shape.0, shape.1, shape.2)
        .unwrap()
        .with_seed(seed)
        .generate()
        .unwrap()
}

fn same_as_generic(nation: &thidua::SyntheticNation) -> Result<(), TestCaseError> {
    let model = nation.to_dataset().into_model().unwrap();
    let tree = model.hierarchy.as_of(nation.as_of());
    let rollup: ColumnarRollup = nation.columnar(&tree).unwrap();
    let period = nation.review_period();
    let money: HashMap<MemberId, u64> = (0..nation.len())
        .map(|i| {
            let m = nation.member(i).unwrap();
            (nation.member_id(i), m.sponsorship().get() as u64)
        })
        .collect();
    let members = model.rollup(&Members, &tree, None, None);
    let genders = model.rollup(&MembersByGender, &tree, None, None);
    let titles = model.rollup(&TitlesConferred, &tree, None, Some(&period));
    let sponsorship = model.rollup(&Money(&money), &tree, None, None);
    let ldtt = TitleCode::try_new(codes::LDTT).unwrap();
    for node in tree.nodes() {
        let t = rollup.total(node).unwrap();
        prop_assert_eq!(t.members(), *members.total(node).unwrap());
        prop_assert_eq!(
            t.women(),
            genders.total(node).unwrap().get(&Some(Gender::Female))
        );
        prop_assert_eq!(t.ldtt(), titles.total(node).unwrap().get(&ldtt));
        prop_assert_eq!(t.sponsorship_dong(), *sponsorship.total(node).unwrap());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]
    #[test]
    fn columnar_equals_the_generic_rollup(
        seed in any::<u64>(),
        members in 0u64..600,
        provinces in 1u32..4,
        extra3 in 0u32..5,
        extra4 in 0u32..30,
    ) {
        let level3 = provinces + extra3;
        let nation = small(seed, members, (provinces, level3, level3 + extra4));
        same_as_generic(&nation)?;
    }
}

#[test]
fn the_national_shape_at_a_small_size() {
    let nation = small(1, 3_000, (54, 700, 1_350));
    assert_eq!(nation.len(), 3_000);
    let tree = nation.hierarchy().as_of(nation.as_of());
    assert_eq!(tree.len(), 1 + 54 + 700 + 1_350);
    let levels = tree.count_by_kind(None);
    insta::assert_debug_snapshot!(levels, @r"
    {
        Confederation: 1,
        ProvincialFederation: 54,
        DistrictFederation: 700,
        Grassroots: 1350,
    }
    ");
    // Skewed sizes: a few big CĐCS, many small.
    let mut sizes: Vec<usize> = nation.grassroots().map(|(_, _, r)| r.len()).collect();
    sizes.sort_unstable();
    assert!(sizes[sizes.len() - 1] > 10 * sizes[sizes.len() / 2].max(1));
    same_as_generic(&nation).unwrap();
}

#[test]
fn generation_is_deterministic_and_figures_are_pinned() {
    let a = small(42, 5_000, (3, 12, 120));
    let b = small(42, 5_000, (3, 12, 120));
    let c = small(43, 5_000, (3, 12, 120));
    assert_eq!(a.member(4_321), b.member(4_321));
    assert_eq!(a.member_id(17), b.member_id(17));
    assert_ne!(
        (0..50).map(|i| a.member(i)).collect::<Vec<_>>(),
        (0..50).map(|i| c.member(i)).collect::<Vec<_>>()
    );
    let tree = a.hierarchy().as_of(a.as_of());
    let rollup = a.columnar(&tree).unwrap();
    let root = tree.roots().next().unwrap();
    let t = rollup.total(root).unwrap();
    insta::assert_snapshot!(
        format!("{} members, {} women, {} LĐTT, {} đồng", t.members(), t.women(), t.ldtt(), t.sponsorship_dong()),
        @"5000 members, 2827 women, 3711 LĐTT, 302312000 đồng"
    );
    let m = a.member(0).unwrap();
    assert_eq!(m.ldtt().len(), thidua::SYNTHETIC_YEARS);
    assert!(m.recruited_on() <= a.as_of());
    assert!(m.initiatives() <= 2);
    assert!(a.member(5_000).is_none());
}

#[test]
fn synthetic_verdicts_agree_with_the_titles() {
    // A member conferred LĐTT for the review year is eligible under the rules.
    let nation = small(9, 2_000, (2, 4, 40));
    let context = ReviewContext::new(nation.review_period());
    let plan = Evaluator::new().plan("ldtt", &context, &[]).unwrap();
    let mut counts = HashMap::new();
    for i in 0..nation.len() {
        let facts = nation.member_facts(i).unwrap();
        let outcome = plan.outcome(Candidate::Member(&facts)).unwrap();
        let held = nation.member(i).unwrap().ldtt()[thidua::SYNTHETIC_YEARS - 1];
        if held {
            assert_eq!(outcome, Outcome::Eligible, "member {i}");
        }
        *counts.entry(format!("{outcome:?}")).or_insert(0) += 1;
    }
    assert_eq!(counts.values().sum::<i32>(), 2_000);
    assert!(counts["Eligible"] > counts["Ineligible"]);
}

#[test]
fn csv_files_for_peers() {
    let nation = small(5, 300, (2, 3, 10));
    let dir = std::env::temp_dir().join(format!("thidua-national-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    nation.write_csv(&dir).unwrap();
    let units = std::fs::read_to_string(dir.join("units.csv")).unwrap();
    let members = std::fs::read_to_string(dir.join("members.csv")).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let lines: Vec<&str> = units.lines().collect();
    assert_eq!(lines.len(), 1 + 1 + 2 + 3 + 10);
    assert_eq!(
        lines[..3],
        ["unit,code,parent,level", "0,VN,,1", "1,P01,0,2"]
    );
    assert_eq!(members.lines().count(), 301);
    assert_eq!(members.lines().next(), Some("unit,woman,ldtt,sponsorship"));
    let err = nation
        .write_csv(std::path::Path::new("/nonexistent/dir"))
        .unwrap_err();
    insta::assert_snapshot!(err, @r#"cannot write "/nonexistent/dir/units.csv""#);
}

#[test]
fn bad_shapes_are_refused() {
    let e = NationSpec::national().with_units(5, 3, 10).unwrap_err();
    insta::assert_snapshot!(e, @"cannot spread 10 grassroots unions under 3 level-3 units under 5 provinces");
    let e = NationSpec::national()
        .with_members(u64::from(u32::MAX))
        .generate()
        .unwrap_err();
    assert!(matches!(e, SyntheticError::TooManyMembers { .. }));
    insta::assert_snapshot!(e, @"4294967295 members are more than the generator holds");
}
