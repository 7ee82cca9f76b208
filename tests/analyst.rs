//! An analyst's own aggregation rules, tested against small fixtures: the kind of
//! suite a separate crate writes with the `testing` feature. Each fixture is a few
//! builder lines; each figure is asserted exactly.

use std::error::Error;

use chrono::{Months, NaiveDate};
use thidua::Bloc::Schools;
use thidua::UnitKind::{DistrictFederation as District, ProvincialFederation as Province};
use thidua::testing::{DatasetBuilder, FixtureError, Person};
use thidua::{
    Gender, Lang, MemberId, MemberRow, Members, Metric, Model, Period, Ratio, Role, Rollup,
    Severity, TitlesConferred, UnitId, UnitKind, codes, parse_date,
};

type Result<T = ()> = std::result::Result<T, Box<dyn Error>>;

fn day(text: &str) -> Result<NaiveDate> {
    Ok(parse_date(text)?)
}

fn school_year() -> Result<Period> {
    Ok("năm học 2023-2024".parse()?)
}

/// Rolls a metric up on a day for the school year 2023-2024 and reads the totals
/// of the units named by code.
fn totals<M: Metric>(model: &Model, metric: &M, on: &str, codes: &[&str]) -> Result<Vec<M::Acc>> {
    let tree = model.hierarchy.as_of(day(on)?);
    let rollup = model.rollup(metric, &tree, None, Some(&school_year()?));
    assert!(rollup.diagnostics().is_empty(), "{}", rollup.diagnostics());
    codes
        .iter()
        .map(|c| {
            let node = tree.node_by_code(c).ok_or(format!("no unit {c}"))?;
            Ok(rollup
                .total(node)
                .cloned()
                .ok_or(format!("{c} out of scope"))?)
        })
        .collect()
}

/// A member recruited, and joining the union, on a day.
fn recruit(day: &str) -> Person {
    Person::new().recruited(day).joined(day)
}

/// LĐTT holders, and the women among them.
struct WomenAmongLdtt;

impl Metric for WomenAmongLdtt {
    type Acc = (u64, u64);
    fn member(&self, m: &MemberRow<'_>, acc: &mut (u64, u64)) {
        if m.holds(codes::LDTT) {
            acc.0 += 1;
            acc.1 += u64::from(m.record.gender() == Some(Gender::Female));
        }
    }
}

/// Confers LĐTT for the school year on each member named.
fn ldtt(b: DatasetBuilder, keys: &[&str]) -> std::result::Result<DatasetBuilder, FixtureError> {
    keys.iter()
        .try_fold(b, |b, k| b.confer(k, codes::LDTT, "năm học 2023-2024"))
}

/// Two schools of a district: 10 members (8 women) and 6 members (3 women). The
/// members `grassroots` makes are keyed `CODE/0`, `CODE/1` …, women first.
fn gia_lam() -> std::result::Result<DatasetBuilder, FixtureError> {
    DatasetBuilder::new("2023-09-01")?
        .unit("GL", District, "LĐLĐ Gia Lâm", None)?
        .grassroots("GL.MNA", "CĐ MN A", "GL", Schools, 10, 8)?
        .grassroots("GL.THB", "CĐ TH B", "GL", Schools, 6, 3)
}

#[test]
fn women_among_ldtt_per_school() -> Result {
    let mna = ["GL.MNA/0", "GL.MNA/1", "GL.MNA/2", "GL.MNA/9"];
    let thb = ["GL.THB/0", "GL.THB/3", "GL.THB/4"];
    let model = ldtt(ldtt(gia_lam()?, &mna)?, &thb)?.model()?;

    let figures = totals(
        &model,
        &WomenAmongLdtt,
        "2024-05-31",
        &["GL.MNA", "GL.THB", "GL"],
    )?;
    // (LĐTT, women among them) per school, then the district.
    assert_eq!(figures, [(4, 3), (3, 1), (7, 4)]);
    let (ldtt, women) = figures[2];
    assert_eq!(
        Ratio::new(women, ldtt)?.to_percent_string(1, Lang::Vi),
        "57,1%"
    );
    Ok(())
}

/// Members recruited in the 12 months up to the snapshot's day, and members whose
/// recruitment day is not recorded.
struct RecentRecruits;

impl Metric for RecentRecruits {
    type Acc = (u64, u64);
    fn member(&self, m: &MemberRow<'_>, acc: &mut (u64, u64)) {
        let since = m.date.checked_sub_months(Months::new(12));
        match m.facts.and_then(|f| f.recruited_on()) {
            Some(r) if since.is_some_and(|s| r > s) && r <= m.date => acc.0 += 1,
            Some(_) => {}
            None => acc.1 += 1,
        }
    }
}

#[test]
fn recruits_of_the_last_12_months_per_level() -> Result {
    let model = DatasetBuilder::new("2015-09-01")?
        .period("năm học 2023-2024")?
        .unit("HN", Province, "LĐLĐ Hà Nội", None)?
        .unit("HN.GL", District, "LĐLĐ Gia Lâm", Some("HN"))?
        .unit("HN.TH", District, "LĐLĐ Tây Hồ", Some("HN"))?
        .grassroots("HN.GL.A", "CĐ MN A", "HN.GL", Schools, 0, 0)?
        .grassroots("HN.GL.B", "CĐ TH B", "HN.GL", Schools, 0, 0)?
        .grassroots("HN.TH.C", "CĐ THCS C", "HN.TH", Schools, 0, 0)?
        .member("an", "HN.GL.A", recruit("2023-09-05"))?
        .member("binh", "HN.GL.A", Person::new().recruited("2020-09-01"))?
        .member("chi", "HN.GL.B", recruit("2023-06-01"))?
        // Exactly 12 months before the day: not in the last 12 months.
        .member("dung", "HN.TH.C", Person::new().recruited("2023-05-31"))?
        .member("em", "HN.TH.C", Person::new())?
        .model()?;

    let units = ["HN.GL.A", "HN.GL.B", "HN.TH.C", "HN.GL", "HN.TH", "HN"];
    let figures = totals(&model, &RecentRecruits, "2024-05-31", &units)?;
    // Schools, then districts, then the province: (recruits, not recorded).
    assert_eq!(figures, [(1, 0), (1, 0), (0, 1), (2, 0), (0, 1), (2, 1)]);
    Ok(())
}

#[test]
fn strong_schools_per_district() -> Result {
    // A school is strong when at least half of its members hold LĐTT.
    let b = DatasetBuilder::new("2023-09-01")?
        .unit("HN", Province, "LĐLĐ Hà Nội", None)?
        .unit("GL", District, "LĐLĐ Gia Lâm", Some("HN"))?
        .unit("TH", District, "LĐLĐ Tây Hồ", Some("HN"))?
        .grassroots("GL.A", "CĐ MN A", "GL", Schools, 4, 4)?
        .grassroots("GL.B", "CĐ TH B", "GL", Schools, 4, 2)?
        .grassroots("TH.C", "CĐ THCS C", "TH", Schools, 2, 1)?
        .grassroots("TH.D", "CĐ THCS D", "TH", Schools, 0, 0)?;
    let model = ldtt(b, &["GL.A/0", "GL.A/1", "GL.A/2", "GL.B/0", "TH.C/1"])?.model()?;
    let tree = model.hierarchy.as_of(day("2024-05-31")?);
    let node = |c: &str| tree.node_by_code(c).ok_or(format!("no unit {c}"));

    let year = school_year()?;
    let held: Rollup<(u64, (u64, u64))> =
        model.rollup(&(Members, WomenAmongLdtt), &tree, None, Some(&year));
    let strong = held.chain(&tree, |n, &(members, (ldtt, _))| {
        u64::from(tree.kind(n) == UnitKind::Grassroots && members > 0 && 2 * ldtt >= members)
    });
    let count = |c| -> Result<u64> { Ok(*strong.total(node(c)?).ok_or("out of scope")?) };
    assert_eq!((count("GL")?, count("TH")?, count("HN")?), (1, 1, 2));
    // A school with no members is not strong; each school counts once.
    assert_eq!((count("TH.D")?, count("GL.A")?, count("GL.B")?), (0, 1, 0));
    Ok(())
}

#[test]
fn a_mid_year_transfer() -> Result {
    let model = DatasetBuilder::new("2023-09-01")?
        .unit("GL", District, "LĐLĐ Gia Lâm", None)?
        .grassroots("GL.A", "CĐ MN A", "GL", Schools, 0, 0)?
        .grassroots("GL.B", "CĐ TH B", "GL", Schools, 0, 0)?
        .member("lan", "GL.A", Person::new().woman().role(Role::Teacher))?
        .transfer("lan", "GL.B", "2024-01-15")?
        .confer("lan", codes::LDTT, "năm học 2023-2024")?
        .model()?;

    // She counts where she belongs on the day, once.
    let before = totals(&model, &Members, "2024-01-14", &["GL.A", "GL.B", "GL"])?;
    let after = totals(&model, &Members, "2024-01-15", &["GL.A", "GL.B", "GL"])?;
    assert_eq!((before, after), (vec![1, 0, 1], vec![0, 1, 1]));
    // So does her title for the school year.
    let titles = totals(&model, &WomenAmongLdtt, "2024-05-31", &["GL.A", "GL.B"])?;
    assert_eq!(titles, [(0, 0), (1, 1)]);

    let lan = MemberId::from_key("lan");
    let tree = model.hierarchy.as_of(day("2024-05-31")?);
    let row = model.member_row(&tree, lan, None).ok_or("no row")?;
    assert_eq!(row.membership.unit(), UnitId::from_key("GL.B"));
    assert_eq!(row.membership.joined(), Some(day("2024-01-15")?));
    let (a, b) = (UnitId::from_key("GL.A"), UnitId::from_key("GL.B"));
    let (start, moved) = (Some(day("2023-09-01")?), Some(day("2024-01-15")?));
    let stints: Vec<_> = model
        .roster
        .memberships_of(lan)
        .map(|m| (m.unit(), m.joined(), m.left()))
        .collect();
    assert_eq!(stints, [(a, start, moved), (b, moved, None)]);
    Ok(())
}

#[test]
fn an_incremental_update() -> Result {
    // Before: LĐTT for two women of the kindergarten. After: a man of the primary
    // school holds it too, one of the two women moved to the primary school, and a
    // new teacher joined it with the title.
    let base = ldtt(gia_lam()?, &["GL.MNA/0", "GL.MNA/1"])?;
    let before = base.clone().model()?;
    let after = ldtt(base, &["GL.THB/5"])?
        .transfer("GL.MNA/1", "GL.THB", "2024-02-01")?
        .member("moi", "GL.THB", Person::new().woman().joined("2024-03-01"))?
        .confer("moi", codes::LDTT, "năm học 2023-2024")?
        .model()?;
    let (year, on) = (school_year()?, day("2024-05-31")?);
    let (old, new) = (before.hierarchy.as_of(on), after.hierarchy.as_of(on));

    let mut figures = before.rollup(&WomenAmongLdtt, &old, None, Some(&year));
    for key in ["GL.THB/5", "GL.MNA/1", "moi"] {
        // A member who was not there has no row before.
        let id = MemberId::from_key(key);
        let was = before.member_row(&old, id, Some(&year));
        let is = after.member_row(&new, id, Some(&year));
        assert!(figures.reapply_member(&old, &WomenAmongLdtt, was.as_ref(), is.as_ref()));
    }
    let from_scratch = after.rollup(&WomenAmongLdtt, &new, None, Some(&year));
    assert_eq!(figures, from_scratch);
    let node = |c: &str| old.node_by_code(c).ok_or(format!("no unit {c}"));
    assert_eq!(figures.total(node("GL.MNA")?), Some(&(1, 1)));
    assert_eq!(figures.total(node("GL.THB")?), Some(&(3, 2)));
    assert_eq!(figures.total(node("GL")?), Some(&(4, 3)));
    Ok(())
}

#[test]
fn a_calendar_year_is_not_the_school_year_it_overlaps() -> Result {
    let model = ldtt(gia_lam()?, &["GL.MNA/0"])?.model()?;
    let tree = model.hierarchy.as_of(day("2024-05-31")?);
    let gl = tree.node_by_code("GL").ok_or("no unit")?;

    let year: Period = "năm 2024".parse()?;
    let titles = model.rollup(&TitlesConferred, &tree, None, Some(&year));
    assert_eq!(titles.total(gl).map(|t| t.get(codes::LDTT)), Some(0));
    let said: Vec<_> = titles
        .diagnostics()
        .iter()
        .map(|d| (d.code(), d.severity()))
        .collect();
    assert_eq!(said, [("rollup.period_unmatched", Severity::Warning)]);
    assert!(
        titles
            .diagnostics()
            .to_string()
            .contains("school year 2023-2024")
    );

    let none = model.rollup(&TitlesConferred, &tree, None, None);
    assert_eq!(none.total(gl).map(|t| t.total()), Some(0));
    assert_eq!(
        none.diagnostics().iter().next().map(|d| d.code()),
        Some("rollup.no_period")
    );
    Ok(())
}

#[test]
fn a_mistake_is_reported_at_its_step() -> Result {
    let err = gia_lam()?
        .transfer("GL.MNA/10", "GL.THB", "2024-01-15")
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "transfer \"GL.MNA/10\": no member has this key; add the member first with `member` \
         (the members `grassroots` makes for unit C are \"C/0\", \"C/1\" …)"
    );
    let err = gia_lam()?
        .confer("GL.MNA/0", "ldt", "2023-2024")
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "confer \"GL.MNA/0\": title \"ldt\" is not in the catalogue"
    );
    let err = gia_lam()?.member("lan", "GL", Person::new()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "member \"lan\": unit \"GL\" is a district_federation unit, which holds no members"
    );
    Ok(())
}
