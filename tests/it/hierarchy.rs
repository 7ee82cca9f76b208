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
    let density = roster.density(&tree, &counts, gl).unwrap();
    assert_eq!(density.to_string(), "15.249/16.046");
    assert_eq!(
        density.value().to_percent_string(2, thidua::Lang::Vi),
        "95,03%"
    );
    assert!(roster.density(&tree, &counts, btl).is_none());
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

#[test]
fn history_is_restated_through_mergers_and_dissolutions() {
    let mut slice = hanoi();
    restructure(&mut slice);
    let h = slice.hierarchy().unwrap();
    let shares = |code: &str, day| {
        let r = h.restate(id(code), day, None).unwrap();
        let shares: Vec<(String, String)> = r
            .shares()
            .iter()
            .map(|(u, s)| (h.unit(*u).unwrap().code().to_string(), s.to_string()))
            .collect();
        (shares, r.unassigned().to_string())
    };
    let one = |code: &str| (vec![(code.to_owned(), "1/1".to_owned())], "0/1".to_owned());
    // A centre merged in 2016: its history goes to the merged centre.
    assert_eq!(
        shares("HN.TT.TTDN001", date(2022, 5, 31)),
        one("HN.TT.GDNN-GDTX")
    );
    // As it was: before the merger it stands for itself.
    assert_eq!(
        shares("HN.TT.TTDN001", date(2016, 7, 31)),
        one("HN.TT.TTDN001")
    );
    // Through two events: merged in 2016, then the district federation it sat under
    // (not the centre) was dissolved; the centre, a public school, was dissolved too.
    assert_eq!(
        shares("HN.TT.TTDN001", date(2025, 7, 1)),
        (vec![], "1/1".to_owned())
    );
    // A district federation's history goes to the commune union that succeeded it.
    assert_eq!(shares("HN.GL", date(2025, 7, 1)), one("HN.GL.XA"));
    assert_eq!(shares("HN.GL", date(2025, 6, 30)), one("HN.GL"));
}

#[test]
fn a_split_needs_an_apportioning_rule() {
    use thidua::{Apportion, Membership};
    let day = date(2020, 9, 1);
    let mut slice = hanoi();
    for code in ["HN.GL.A", "HN.GL.B"] {
        slice
            .units
            .push(child(code, UnitKind::Grassroots, code, "HN.GL").established_on(day));
    }
    // 30 members go to A and 10 to B on the day of the split.
    let source = "HN.GL.DN001";
    let mut moved = Vec::new();
    for ms in &mut slice.memberships {
        if ms.unit() == id(source) {
            let to = if moved.len() < 30 {
                "HN.GL.A"
            } else {
                "HN.GL.B"
            };
            moved.push(Membership::new(ms.member(), id(to)).joined_on(day));
            *ms = ms.left_on(day);
        }
    }
    assert_eq!(
        moved.len(),
        72,
        "the fixture spreads 11.603 members over 162 CĐCS"
    );
    slice.memberships.extend(moved);
    let split = |apportion| LineageEvent::Split {
        source: id(source),
        into: vec![id("HN.GL.A"), id("HN.GL.B")],
        date: day,
        apportion,
    };

    slice.events.push(split(Apportion::ByMembers));
    let h = slice.hierarchy().unwrap();
    let roster = slice.roster(&h).unwrap();
    let r = h
        .restate(id(source), date(2021, 1, 1), Some(&roster))
        .unwrap();
    let shares: Vec<String> = r
        .shares()
        .iter()
        .map(|(_, s)| s.reduced().to_string())
        .collect();
    // 30 of 72 and 42 of 72.
    assert_eq!(shares, ["5/12", "7/12"]);
    insta::assert_snapshot!(
        h.restate(id(source), date(2021, 1, 1), None).unwrap_err(),
        @"the split of unit fb1fc1f7-8f38-5b57-a391-825489e52c90 on 2020-09-01 apportions by members: a roster is needed"
    );

    slice.events.pop();
    slice.events.push(split(Apportion::Weights {
        weights: vec![(id("HN.GL.A"), 2), (id("HN.GL.B"), 1)],
    }));
    // B later merges into A: all of the history ends up in A.
    slice.events.push(LineageEvent::Merge {
        sources: vec![id("HN.GL.B")],
        into: id("HN.GL.A"),
        date: date(2022, 1, 1),
    });
    let h = slice.hierarchy().unwrap();
    let r = h.restate(id(source), date(2021, 1, 1), None).unwrap();
    let shares: Vec<String> = r.shares().iter().map(|(_, s)| s.to_string()).collect();
    assert_eq!(shares, ["2/3", "1/3"]);
    let r = h.restate(id(source), date(2022, 1, 1), None).unwrap();
    assert_eq!(r.shares(), [(id("HN.GL.A"), thidua::Ratio::ONE)]);
}

#[test]
fn every_membership_problem_is_reported_at_once() {
    use thidua::{MemberId, MemberRecord, Membership, Reported, Roster, WorkforceFigure};
    let slice = hanoi();
    let h = slice.hierarchy().unwrap();
    let m = |k: &str| MemberId::from_key(k);
    let members = vec![
        MemberRecord::new(m("a")),
        MemberRecord::new(m("b")),
        MemberRecord::new(m("a")),
        MemberRecord::new(m("c")),
    ];
    let memberships = vec![
        // unknown member and unknown unit
        Membership::new(m("zz"), id("HN.GL.TH001")),
        Membership::new(m("a"), id("NOWHERE")),
        // ends before it starts
        Membership::new(m("a"), id("HN.GL.TH001"))
            .joined_on(date(2020, 1, 1))
            .left_on(date(2019, 1, 1)),
        // members belong to grassroots unions, not to a district federation
        Membership::new(m("b"), id("HN.GL")),
        // the centre exists only from 2016-08-01
        Membership::new(m("b"), id("HN.TT.GDNN-GDTX")).joined_on(date(2016, 1, 1)),
        // two places at once
        Membership::new(m("c"), id("HN.GL.TH001")).joined_on(date(2020, 1, 1)),
        Membership::new(m("c"), id("HN.GL.TH002"))
            .joined_on(date(2021, 1, 1))
            .left_on(date(2022, 1, 1)),
    ];
    let workforce = vec![
        WorkforceFigure::new(id("HN.GL"), date(2022, 5, 31), Reported::exact(16_046)),
        WorkforceFigure::new(id("HN.GL"), date(2022, 5, 31), Reported::exact(16_000)),
        WorkforceFigure::new(id("NOWHERE"), date(2022, 5, 31), Reported::exact(1)),
    ];
    let report = Roster::build(&h, members, memberships, workforce).unwrap_err();
    insta::assert_snapshot!(report, @r#"
    error[member.duplicate_id] at $.members[2].id: member id ae590013-bab5-555a-bf12-1133de2c174f is used twice
    error[membership.unknown_member] at $.memberships[0].member: member c26a6c56-8b2a-55e7-8531-61655f2066e0 is not in the member list
    error[membership.unknown_unit] at $.memberships[1].unit: unit 71bd2851-1437-5538-89b8-6aa8c911c665 is not a unit of the dataset
    error[membership.bad_period] at $.memberships[2]: membership in "HN.GL.TH001" ends on 2019-01-01, not after it starts on 2020-01-01
    error[membership.unit_kind] at $.memberships[3].unit: members belong to grassroots unions and the units inside them, not to "HN.GL" (district_federation)
    error[membership.outside_unit_life] at $.memberships[4]: membership in "HN.TT.GDNN-GDTX" from 2016-01-01 lies outside the unit's life (from 2016-08-01)
    error[membership.overlap] at $.memberships[6]: member 7c800245-dcaa-5048-876b-8e93d6492842 belongs to "HN.GL.TH002" from 2021-01-01 while still in "HN.GL.TH001"
    error[workforce.duplicate] at $.workforce[1]: a workforce figure for unit "HN.GL" on 2022-05-31 is already given at $.workforce[0]
    error[workforce.unknown_unit] at $.workforce[2].unit: unit 71bd2851-1437-5538-89b8-6aa8c911c665 is not a unit of the dataset
    "#);
}

#[test]
fn units_and_events_round_trip_through_json() {
    let mut slice = hanoi();
    restructure(&mut slice);
    let json = serde_json::to_string(&(&slice.units, &slice.events)).unwrap();
    let (units, events): (Vec<thidua::UnitRecord>, Vec<LineageEvent>) =
        serde_json::from_str(&json).unwrap();
    assert_eq!(units, slice.units);
    assert_eq!(events, slice.events);
    // Reading goes through the same checks as building.
    let bad = json.replacen("\"code\":\"HN\"", "\"code\":\"H N\"", 1);
    let err =
        serde_json::from_str::<(Vec<thidua::UnitRecord>, Vec<LineageEvent>)>(&bad).unwrap_err();
    assert!(
        err.to_string().starts_with("invalid unit code \"H N\""),
        "{err}"
    );
}

#[test]
fn partner_bodies_are_checked() {
    use thidua::{PartnerBody, PartnerId, PartnerKind, UnitName};
    let slice = hanoi();
    let phong = |key: &str, area: &str| {
        PartnerBody::new(
            PartnerId::from_key(key),
            PartnerKind::EducationDepartment,
            UnitName::try_new("Phòng Giáo dục và Đào tạo huyện Gia Lâm").unwrap(),
        )
        .with_area(id(area))
    };
    let ok = thidua::Hierarchy::build(
        slice.units.clone(),
        vec![phong("gd-gl", "HN.GL")],
        slice.events.clone(),
    )
    .unwrap();
    assert_eq!(ok.partners().len(), 1);
    assert_eq!(
        ok.partner(PartnerId::from_key("gd-gl")).unwrap().area(),
        Some(id("HN.GL"))
    );
    let report = thidua::Hierarchy::build(
        slice.units.clone(),
        vec![
            phong("gd-gl", "HN.GL"),
            phong("gd-gl", "HN.GL"),
            phong("x", "NOWHERE"),
        ],
        slice.events.clone(),
    )
    .unwrap_err();
    insta::assert_snapshot!(report, @"
    error[partner.duplicate_id] at $.partners[1].id: partner id 77e056ac-62de-5bc1-afd4-6c1f7391b2a1 is already used by $.partners[0]
    error[partner.unknown_unit] at $.partners[2].area: unit 71bd2851-1437-5538-89b8-6aa8c911c665 is not a unit of the dataset
    ");
}
