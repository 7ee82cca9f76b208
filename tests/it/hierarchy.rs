//! The union hierarchy through time on the Hà Nội slice of the seed reports.

use std::collections::BTreeMap;

use thidua::{Bloc, Level, LineageEvent, UnitKind};

use crate::fixtures::{child, date, hanoi, id, restructure, unit};

#[test]
fn hanoi_slice_before_the_restructuring() {
    let slice = hanoi();
    let h = slice.hierarchy().unwrap();
    let roster = slice.roster(&h).unwrap();
    let tree = h.as_of(date(2022, 5, 31));
    let counts = roster.headcounts(&tree);

    let node = |code: &str| tree.node_by_code(code).unwrap();
    let btl = node("HN.BTL");
    let gl = node("HN.GL");
    // Bắc Từ Liêm: 60 school CĐCS, 2.803 members.
    assert_eq!(
        tree.count_by_level_and_bloc(Some(btl))
            .get(&(Level::Grassroots, Some(Bloc::Schools))),
        Some(&60)
    );
    assert_eq!(counts.total(btl), 2_803);
    // Gia Lâm: 244 CĐCS with 15.249 members, 82 school CĐCS with 3.646.
    assert_eq!(
        tree.count_by_kind(Some(gl)).get(&UnitKind::Grassroots),
        Some(&244)
    );
    assert_eq!(counts.total(gl), 15_249);
    let schools: u64 = tree
        .children(gl)
        .filter(|&n| tree.bloc(n) == Some(Bloc::Schools))
        .map(|n| counts.total(n))
        .sum();
    assert_eq!(schools, 3_646);
    assert_eq!(
        roster
            .workforce(id("HN.GL"), date(2022, 5, 31))
            .unwrap()
            .workers()
            .value(),
        16_046
    );
    assert!(roster.workforce(id("HN.GL"), date(2022, 5, 30)).is_none());
    // The city total is the sum of its districts.
    let hn = node("HN");
    assert_eq!(counts.total(hn), 2_803 + 15_249 + 1_500 + 44);
    assert_eq!(counts.own(hn), 0);
    // Thạch Thất after the 2016 merger: one centre with 44 members.
    let tt = node("HN.TT");
    let centres: Vec<_> = tree.children(tt).map(|n| tree.code(n).as_str()).collect();
    assert_eq!(centres, ["HN.TT.GDNN-GDTX"]);
    assert_eq!(counts.total(tt), 44);
    // Structure: levels, depth, ancestors, subtree ranges.
    let school = node("HN.GL.TH001");
    assert_eq!(tree.depth(school), 2);
    assert_eq!(tree.level(school), Level::Grassroots);
    assert_eq!(tree.parent(school), Some(gl));
    assert!(tree.contains(gl, school) && !tree.contains(btl, school));
    assert_eq!(tree.subtree(gl).len(), 245);
    assert_eq!(tree.ancestors(school).collect::<Vec<_>>(), [gl, hn]);
    for n in tree.nodes() {
        if let Some(p) = tree.parent(n) {
            assert!(p < n, "parents come first");
        }
    }
    assert!(h.warnings().is_empty(), "{}", h.warnings());
}

#[test]
fn before_the_merger_the_two_centres_stand_alone() {
    let slice = hanoi();
    let h = slice.hierarchy().unwrap();
    let roster = slice.roster(&h).unwrap();
    let tree = h.as_of(date(2016, 7, 31));
    let counts = roster.headcounts(&tree);
    let tt = tree.node_by_code("HN.TT").unwrap();
    let centres: Vec<_> = tree.children(tt).map(|n| tree.code(n).as_str()).collect();
    assert_eq!(centres, ["HN.TT.TTDN001", "HN.TT.TTGDTX001"]);
    assert_eq!(counts.total(tt), 38);
    assert!(tree.node_by_code("HN.TT.GDNN-GDTX").is_none());
}

#[test]
fn restructuring_of_2025_as_one_batch() {
    let mut slice = hanoi();
    restructure(&mut slice);
    let h = slice.hierarchy().unwrap();
    let roster = slice.roster(&h).unwrap();

    let before = h.as_of(date(2025, 6, 30));
    let counts = roster.headcounts(&before);
    let hn = before.node_by_code("HN").unwrap();
    assert_eq!(counts.total(hn), 2_803 + 15_249 + 1_500 + 44);
    assert_eq!(
        before
            .count_by_kind(None)
            .get(&UnitKind::DistrictFederation),
        Some(&4)
    );
    assert_eq!(
        before.count_by_kind(None).get(&UnitKind::CommuneUnion),
        None
    );

    let after = h.as_of(date(2025, 7, 1));
    let counts = roster.headcounts(&after);
    let by_kind = after.count_by_kind(None);
    let expected: BTreeMap<UnitKind, u32> = [
        (UnitKind::ProvincialFederation, 1),
        (UnitKind::CommuneUnion, 4),
        (UnitKind::Grassroots, 162 + 15),
    ]
    .into_iter()
    .collect();
    assert_eq!(by_kind, expected);
    // Only business CĐCS remain, now under the commune unions.
    let hn = after.node_by_code("HN").unwrap();
    assert_eq!(counts.total(hn), (15_249 - 3_646) + 600);
    let gl_business = after.node_by_code("HN.GL.DN001").unwrap();
    assert_eq!(
        after.code(after.parent(gl_business).unwrap()).as_str(),
        "HN.GL.XA"
    );
    assert!(after.node_by_code("HN.GL.TH001").is_none());
    assert!(after.node_by_code("HN.GL").is_none());
    // Queries of the past still see the old structure.
    assert_eq!(
        h.parent_on(id("HN.GL.DN001"), date(2025, 6, 30)),
        Some(id("HN.GL"))
    );
    assert_eq!(
        h.parent_on(id("HN.GL.DN001"), date(2025, 7, 1)),
        Some(id("HN.GL.XA"))
    );
    assert!(h.warnings().is_empty(), "{}", h.warnings());
}

#[test]
fn district_federation_left_standing_after_2025_is_a_warning() {
    let mut slice = hanoi();
    restructure(&mut slice);
    slice
        .events
        .retain(|e| !matches!(e, LineageEvent::Dissolve { unit, .. } if *unit == id("HN.TH")));
    // Tây Hồ's federation is not dissolved, and its business CĐCS were moved anyway.
    let h = slice.hierarchy().unwrap();
    let codes: Vec<_> = h.warnings().iter().map(|d| d.code().to_owned()).collect();
    assert_eq!(codes, ["unit.kind_not_lawful"]);
    insta::assert_snapshot!(h.warnings(), @r#"warning[unit.kind_not_lawful] at $.units[2]: unit "HN.TH" is a district_federation still existing on or after 2025-07-01, when such units were dissolved"#);
}

#[test]
fn renames_are_dated() {
    let mut slice = hanoi();
    slice.events.push(LineageEvent::Rename {
        unit: id("HN.TT.GDNN-GDTX"),
        date: date(2020, 1, 1),
        name: thidua::UnitName::try_new("Công đoàn Trung tâm Giáo dục nghề nghiệp").unwrap(),
        short_name: None,
    });
    let h = slice.hierarchy().unwrap();
    let old = h
        .name_on(id("HN.TT.GDNN-GDTX"), date(2019, 12, 31))
        .unwrap();
    let new = h.name_on(id("HN.TT.GDNN-GDTX"), date(2020, 1, 1)).unwrap();
    assert_eq!(
        old.as_str(),
        "Công đoàn Trung tâm GDNN-GDTX huyện Thạch Thất"
    );
    assert_eq!(new.as_str(), "Công đoàn Trung tâm Giáo dục nghề nghiệp");
    let tree = h.as_of(date(2020, 1, 1));
    let n = tree.node_by_code("HN.TT.GDNN-GDTX").unwrap();
    assert_eq!(tree.name(n), Some(new));
}

#[test]
fn every_structural_problem_is_reported_at_once() {
    use thidua::LineageEvent::*;
    let units = vec![
        unit("A", UnitKind::ProvincialFederation, "A").established_on(date(2020, 1, 1)),
        child("B", UnitKind::DistrictFederation, "B", "A").established_on(date(2020, 1, 1)),
        // duplicate id, and a duplicate code under another id
        child("B", UnitKind::DistrictFederation, "B again", "A"),
        thidua::UnitRecord::new(
            id("B2"),
            thidua::UnitCode::try_new("B").unwrap(),
            UnitKind::DistrictFederation,
            thidua::UnitName::try_new("B once more").unwrap(),
        )
        .with_parent(id("A")),
        // unknown parent
        child("C", UnitKind::Grassroots, "C", "NOWHERE"),
        // forbidden parent kind: a grassroots union under a grassroots union
        child("D", UnitKind::Grassroots, "D", "B").established_on(date(2020, 1, 1)),
        child("E", UnitKind::Grassroots, "E", "D").established_on(date(2020, 1, 1)),
        // parent established after the child hangs under it
        child("F", UnitKind::Grassroots, "F", "G").established_on(date(2020, 1, 1)),
        child("G", UnitKind::DistrictFederation, "G", "A").established_on(date(2021, 1, 1)),
        // two units that become each other's parents
        child("X", UnitKind::Department, "X", "D").established_on(date(2020, 1, 1)),
        child("Y", UnitKind::Department, "Y", "X").established_on(date(2020, 1, 1)),
    ];
    let events = vec![
        Reparent {
            unit: id("X"),
            date: date(2022, 1, 1),
            parent: id("Y"),
        },
        Dissolve {
            unit: id("B"),
            date: date(2023, 1, 1),
            successor: None,
        },
        Rename {
            unit: id("B"),
            date: date(2023, 6, 1),
            name: thidua::UnitName::try_new("B renamed").unwrap(),
            short_name: None,
        },
        Dissolve {
            unit: id("B"),
            date: date(2024, 1, 1),
            successor: None,
        },
        Reparent {
            unit: id("D"),
            date: date(2019, 1, 1),
            parent: id("A"),
        },
        Reparent {
            unit: id("E"),
            date: date(2022, 2, 1),
            parent: id("B"),
        },
        Reparent {
            unit: id("E"),
            date: date(2022, 2, 1),
            parent: id("G"),
        },
        Merge {
            sources: vec![id("Q")],
            into: id("A"),
            date: date(2022, 1, 1),
        },
        Split {
            source: id("G"),
            into: vec![id("B")],
            date: date(2025, 1, 1),
            apportion: thidua::Apportion::Weights { weights: vec![] },
        },
    ];
    let report = thidua::Hierarchy::build(units, vec![], events).unwrap_err();
    insta::assert_snapshot!(report, @r#"
    error[unit.duplicate_id] at $.units[2].id: unit id 35e6a03b-3126-5dab-a297-d4b3439be078 is already used by $.units[1]
    error[unit.duplicate_code] at $.units[3].code: unit code "B" is already used by $.units[1]
    error[unit.unknown_parent] at $.units[4].parent: parent 71bd2851-1437-5538-89b8-6aa8c911c665 is not a unit of the dataset
    error[event.unknown_unit] at $.events[7].sources[0]: 0742a937-b7cd-579c-bd67-72516b91208f (given as sources) is not a unit of the dataset
    error[event.dissolved_twice] at $.events[3]: unit "B" ends on 2024-01-01 but already ended on 2023-01-01
    error[event.bad_apportion] at $.events[8].apportion: 0 weights given for 1 successors: each successor needs exactly one
    error[event.before_establishment] at $.events[4]: moving unit "D" on 2019-01-01 is before it was established on 2020-01-01
    error[unit.overlapping_parents] at $.events[6]: unit "E" has two parents from 2022-02-01
    error[event.on_dissolved_unit] at $.events[2]: renaming unit "B" on 2023-06-01 is after it ceased to exist on 2023-01-01
    error[event.successor_not_alive] at $.events[8].into: successor "B" does not exist on 2025-01-01
    error[unit.orphaned] at $.units[5]: unit "D" is left without a parent from 2023-01-01: "B" ceased to exist and "D" was not moved or dissolved
    error[unit.forbidden_parent] at $.units[6]: unit "E" (grassroots) cannot be under "D" (grassroots) from 2020-01-01
    error[unit.orphaned] at $.units[6]: unit "E" is left without a parent from 2023-01-01: "B" ceased to exist and "E" was not moved or dissolved
    error[unit.parent_gap] at $.units[7]: unit "F" is under "G" from 2020-01-01 but "G" exists only from 2021-01-01
    error[unit.forbidden_parent] at $.units[9]: unit "X" (department) cannot be under "Y" (department) from 2022-01-01
    error[unit.forbidden_parent] at $.units[10]: unit "Y" (department) cannot be under "X" (department) from 2020-01-01
    error[unit.cycle] at $.units[9]: units form a cycle on 2022-01-01: "X" → "Y" → "X"
    "#);
}
