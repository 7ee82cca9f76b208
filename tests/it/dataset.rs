//! The dataset file: reading with every problem reported, round trips, validation.

use thidua::{Dataset, MemberRecord, SCHEMA_VERSION};

use crate::fixtures::{hanoi, restructure};

fn slice_dataset() -> Dataset {
    let mut s = hanoi();
    restructure(&mut s);
    let mut d = Dataset::default();
    d.units = s.units;
    d.events = s.events;
    d.members = s.members;
    d.memberships = s.memberships;
    d.workforce = s.workforce;
    d
}

#[test]
fn a_dataset_round_trips_and_validates() {
    let d = slice_dataset();
    let json = d.to_json();
    let back = Dataset::from_json(&json).unwrap();
    assert_eq!(back, d);
    assert_eq!(back.schema_version, SCHEMA_VERSION);
    let model = back.into_model().unwrap();
    assert_eq!(model.hierarchy.len(), 1 + 4 + 4 + 60 + 244 + 35 + 3);
    assert!(model.warnings.is_empty(), "{}", model.warnings);
}

#[test]
fn every_bad_element_is_reported_with_its_path() {
    let text = r#"{
        "schema_version": 1,
        "units": [
            {"id": "0a20f695-c2c2-506e-9df0-d6a39d7d59", "code": "A", "kind": "grassroots", "name": "A"},
            {"id": "6bef5c05-c1a4-5b0d-af50-dc0c46279b3f", "code": "Gia Lâm", "kind": "grassroots", "name": "B"},
            {"id": "6bef5c05-c1a4-5b0d-af50-dc0c46279b3f", "code": "C", "kind": "school", "name": "C"},
            {"id": "6bef5c05-c1a4-5b0d-af50-dc0c46279b3f", "code": "D", "kind": "grassroots", "name": "D", "colour": "red"}
        ],
        "members": {"oops": 1},
        "favourite": true
    }"#;
    let report = Dataset::from_json(text).unwrap_err();
    insta::assert_snapshot!(report, @r#"
    error[file.unknown_field] at $.favourite: "favourite" is not a field of the dataset format (version 1)
    error[file.invalid_value] at $.units[0].id: invalid unit id "0a20f695-c2c2-506e-9df0-d6a39d7d59": expected a UUID such as "67e55044-10b1-426f-9247-bb680e5fe0c8"
    error[file.invalid_value] at $.units[1].code: invalid unit code "Gia Lâm": expected 1 to 64 ASCII letters, digits, '.', '-' or '_'
    error[file.invalid_value] at $.units[2].kind: unknown variant `school`, expected one of `confederation`, `provincial_federation`, `national_sector_union`, `corporation_union`, `district_federation`, `local_sector_union`, `industrial_zone_union`, `commune_union`, `grassroots`, `professional_union`, `member_grassroots`, `department`, `group`
    error[file.invalid_value] at $.units[3].colour: unknown field `colour`, expected one of `id`, `code`, `kind`, `name`, `short_name`, `bloc`, `parent`, `established`
    error[file.not_a_list] at $.members: "members" must be a list
    "#);
}

#[test]
fn versions_and_syntax() {
    insta::assert_snapshot!(Dataset::from_json(r#"{"units": []}"#).unwrap_err(), @"error[file.version] at $.schema_version: the file has no schema_version (a whole number)");
    insta::assert_snapshot!(Dataset::from_json(r#"{"schema_version": 2}"#).unwrap_err(), @"error[file.version] at $.schema_version: schema version 2 is not supported: this crate reads versions 1 to 1");
    insta::assert_snapshot!(Dataset::from_json(r#"{"schema_version": 1, "units": [}"#).unwrap_err(), @"error[file.syntax] at the whole dataset: not a JSON document: expected value at line 1 column 33");
    insta::assert_snapshot!(Dataset::from_json("[]").unwrap_err(), @"error[file.syntax] at the whole dataset: a dataset is a JSON object");
}

#[test]
fn validation_reports_relations_across_sections() {
    let mut d = slice_dataset();
    // A membership in a unit that does not exist, and facts for a stranger.
    d.memberships.push(thidua::Membership::new(
        d.members[0].id(),
        thidua::UnitId::from_key("NOWHERE"),
    ));
    d.facts.push(thidua::FactRecord {
        member: thidua::MemberId::from_key("stranger"),
        period: thidua::Period::SchoolYear("2021-2022".parse().unwrap()),
        facts: thidua::MemberFacts::new(),
    });
    let report = d.validate();
    let codes: Vec<&str> = report.iter().map(|d| d.code()).collect();
    assert_eq!(codes, ["membership.unknown_unit"]);
    // Facts are checked once the roster builds.
    d.memberships.pop();
    let codes: Vec<String> = d.validate().iter().map(|d| d.code().to_owned()).collect();
    assert_eq!(codes, ["facts.unknown_member"]);
}

/// Facts given twice for one member and period are reported at the second, naming
/// the one before it, whatever order the facts come in; facts for other periods of
/// the same member, and for strangers, are checked alike.
#[test]
fn facts_given_twice_name_the_earlier_ones() {
    let mut d = slice_dataset();
    assert!(d.members.len() >= 3);
    let fact = |member: thidua::MemberId, year: &str| thidua::FactRecord {
        member,
        period: thidua::Period::SchoolYear(year.parse().unwrap()),
        facts: thidua::MemberFacts::new(),
    };
    let (a, b, c) = (d.members[0].id(), d.members[1].id(), d.members[2].id());
    let stranger = thidua::MemberId::from_key("stranger");
    d.facts = vec![
        fact(b, "2021-2022"),        // 0
        fact(a, "2021-2022"),        // 1
        fact(a, "2022-2023"),        // 2
        fact(c, "2021-2022"),        // 3
        fact(a, "2021-2022"),        // 4: again, as 1
        fact(b, "2021-2022"),        // 5: again, as 0
        fact(stranger, "2021-2022"), // 6
        fact(a, "2022-2023"),        // 7: again, as 2
        fact(b, "2021-2022"),        // 8: again, as 5
        fact(stranger, "2021-2022"), // 9: again, as 6
    ];
    let found: Vec<String> = d
        .validate()
        .iter()
        .map(|x| format!("{} {}", x.code(), x.location()))
        .collect();
    let at = |i: usize| format!("$.facts[{i}]");
    assert_eq!(
        found,
        [
            format!("facts.duplicate {}", at(4)),
            format!("facts.duplicate {}", at(5)),
            format!("facts.unknown_member {}.member", at(6)),
            format!("facts.duplicate {}", at(7)),
            format!("facts.duplicate {}", at(8)),
            format!("facts.unknown_member {}.member", at(9)),
            format!("facts.duplicate {}", at(9)),
        ]
    );
    let firsts: Vec<String> = d
        .validate()
        .iter()
        .filter(|x| x.code() == "facts.duplicate")
        .map(|x| {
            x.message()
                .rsplit(' ')
                .next()
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    assert_eq!(firsts, [at(1), at(0), at(2), at(5), at(6)]);
}

/// A bad date in a dataset file quotes the text, says what is wrong with it, and
/// points at the field itself, in `meta` as in every list.
#[test]
fn a_bad_date_quotes_the_input_and_points_at_the_field() {
    let json = r#"{
  "schema_version": 1,
  "meta": {"as_of": "2015-02-30"},
  "units": [
    {"id": "0a20f695-c2c2-506e-9df0-d6a39d7d596e", "code": "HN", "name": "X", "kind": "provincial_federation", "established": "2015-13-01"}
  ]
}"#;
    let report = thidua::Dataset::from_json(json).unwrap_err();
    insta::assert_snapshot!(report.to_string(), @r#"
    error[file.invalid_value] at $.meta.as_of: invalid date "2015-02-30": there is no day 30 in month 2 of 2015
    error[file.invalid_value] at $.units[0].established: invalid date "2015-13-01": there is no month 13
    "#);
    insta::assert_snapshot!(report.to_string_in(thidua::Lang::Vi), @r#"
    lỗi[file.invalid_value] tại $.meta.as_of: giá trị không hợp lệ: invalid date "2015-02-30": there is no day 30 in month 2 of 2015
    lỗi[file.invalid_value] tại $.units[0].established: giá trị không hợp lệ: invalid date "2015-13-01": there is no month 13
    "#);
}

/// Duplicate ids of every section are reported in one pass, even when a duplicate
/// unit keeps the hierarchy from being built.
#[test]
fn duplicates_of_every_section_are_reported_at_once() {
    let mut d = crate::bundled::tay_ho();
    let unit = d.units[1].clone();
    d.units.push(unit);
    let member = d.members[0].clone();
    d.members.push(member);
    let codes: Vec<String> = d
        .validate()
        .iter()
        .filter(|x| x.severity() == thidua::Severity::Error)
        .map(|x| x.code().to_owned())
        .collect();
    assert_eq!(codes, ["unit.duplicate_id", "member.duplicate_id"]);
}

/// A dataset written by hand names units and members by their codes: no invented
/// UUIDs are needed, and the ids are those derived from the codes.
#[test]
fn references_may_be_written_as_codes() {
    let json = r#"{
  "schema_version": 1,
  "units": [
    {"id": "HN", "code": "HN", "name": "LĐLĐ thành phố Hà Nội", "kind": "provincial_federation", "established": "2015-01-01"},
    {"id": "HN.GL", "code": "HN.GL", "name": "LĐLĐ huyện Gia Lâm", "kind": "district_federation", "parent": "HN", "established": "2015-01-01"},
    {"id": "HN.GL.MN-A", "code": "HN.GL.MN-A", "name": "Công đoàn Trường Mầm non A", "kind": "grassroots", "parent": "HN.GL", "established": "2015-01-01"}
  ],
  "members": [{"id": "GV-001"}],
  "memberships": [{"member": "GV-001", "unit": "HN.GL.MN-A", "joined": "2016-09-01"}]
}"#;
    let d = thidua::Dataset::from_json(json).unwrap();
    assert_eq!(d.units[1].parent(), Some(thidua::UnitId::from_key("HN")));
    let model = d.into_model().unwrap();
    let roster = &model.roster;
    assert_eq!(
        roster.unit_of(
            thidua::MemberId::from_key("GV-001"),
            thidua::parse_date("2020-01-01").unwrap()
        ),
        Some(thidua::UnitId::from_key("HN.GL.MN-A"))
    );
}

/// A dataset file that starts with a UTF-8 byte-order mark reads as without it.
#[test]
fn a_byte_order_mark_is_accepted() {
    let d = crate::bundled::tay_ho();
    let with_bom = format!("\u{feff}{}", d.to_json());
    assert_eq!(thidua::Dataset::from_json(&with_bom).unwrap(), d);
}

/// Members' codes are unique: a second member with a code already used is an error
/// at its code, naming the first member, in both languages.
#[test]
fn a_member_code_used_twice_is_reported() {
    let mut d = crate::bundled::tay_ho();
    let code: thidua::MemberCode = "TH-0001".parse().unwrap();
    let first = d.members[0].clone().with_code(code.clone());
    let second = d.members[1].clone().with_code(code);
    let first_id = first.id();
    d.members[0] = first;
    d.members[1] = second;
    let report = d.validate();
    let found: Vec<_> = report
        .iter()
        .filter(|x| x.code() == "member.duplicate_code")
        .collect();
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].to_string(),
        format!(
            "error[member.duplicate_code] at $.members[1].code: member code \"TH-0001\" is already used by member {first_id}"
        )
    );
    assert_eq!(
        found[0].to_string_in(thidua::Lang::Vi),
        format!(
            "lỗi[member.duplicate_code] tại $.members[1].code: số thẻ đoàn viên “TH-0001” đã dùng cho đoàn viên {first_id}"
        )
    );
}

/// A member's code reads and writes with the member, and a code that is not one is
/// refused at its path.
#[test]
fn member_codes_read_and_write() {
    let json = r#"{"id": "DV00000001", "code": "DV00000001", "gender": "female"}"#;
    let m: MemberRecord = serde_json::from_str(json).unwrap();
    assert_eq!(m.id(), thidua::MemberId::from_key("DV00000001"));
    assert_eq!(m.code().map(|c| c.as_str()), Some("DV00000001"));
    let back: MemberRecord = serde_json::from_str(&serde_json::to_string(&m).unwrap()).unwrap();
    assert_eq!(back, m);
    let bad = serde_json::from_str::<MemberRecord>(r#"{"id": "DV1", "code": "Lê Hoa"}"#)
        .unwrap_err()
        .to_string();
    assert!(
        bad.starts_with(
            "invalid member code \"Lê Hoa\": expected 1 to 64 ASCII letters, digits, '.', '-' or '_'"
        ),
        "{bad}"
    );
}

/// `to_json` names a unit, member or decision whose id is derived from a key by the
/// key — as a file written by hand does — and reads back the same dataset; serde
/// itself writes UUIDs.
#[test]
fn to_json_writes_ids_derived_from_keys_as_their_keys() {
    let mut d = crate::bundled::tay_ho();
    let code: thidua::MemberCode = "TH-0099".parse().unwrap();
    let member = MemberRecord::from_code(code);
    let unit = d
        .memberships
        .first()
        .map(|m| m.unit())
        .expect("a membership");
    d.memberships
        .push(thidua::Membership::new(member.id(), unit));
    d.members.push(member);
    let json = d.to_json();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let code_of_unit = d
        .units
        .iter()
        .find(|u| u.id() == unit)
        .map(|u| u.code().as_str().to_owned())
        .unwrap();
    assert_eq!(v["units"][0]["id"], v["units"][0]["code"]);
    let last = v["members"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["id"], "TH-0099");
    assert_eq!(last["code"], "TH-0099");
    let ms = v["memberships"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(ms["member"], "TH-0099");
    assert_eq!(ms["unit"], code_of_unit.as_str());
    assert_eq!(Dataset::from_json(&json).unwrap(), d);
    let plain = serde_json::to_value(&d).unwrap();
    assert_eq!(
        plain["units"][0]["id"],
        d.units[0].id().to_string().as_str()
    );
}
