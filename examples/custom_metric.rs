//! A metric of your own, rolled up the hierarchy: women teachers per unit, on the
//! Bắc Từ Liêm and Gia Lâm style fixtures built in a few lines.
//!
//! Run with `cargo run --example custom_metric --features testing`.

use thidua::testing::DatasetBuilder;
use thidua::{Bloc, Gender, MemberRow, Metric, Role, Tally, UnitKind, parse_date};

/// Women teachers (and managers) per unit.
struct WomenTeachers;

impl Metric for WomenTeachers {
    type Acc = u64;
    fn member(&self, m: &MemberRow<'_>, acc: &mut u64) {
        let teaches = matches!(m.record.role(), Some(Role::Teacher | Role::Manager));
        if teaches && m.record.gender() == Some(Gender::Female) {
            *acc += 1;
        }
    }
}

/// Members per role (`None`: not recorded), a group-by.
struct ByRole;

impl Metric for ByRole {
    type Acc = Tally<Option<Role>>;
    fn member(&self, m: &MemberRow<'_>, acc: &mut Self::Acc) {
        acc.add(m.record.role());
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let model = DatasetBuilder::new("2020-09-01")?
        .unit(
            "HN",
            UnitKind::ProvincialFederation,
            "LĐLĐ thành phố Hà Nội",
            None,
        )?
        .unit(
            "HN.GL",
            UnitKind::DistrictFederation,
            "LĐLĐ huyện Gia Lâm",
            Some("HN"),
        )?
        .grassroots(
            "HN.GL.MNA",
            "Công đoàn Trường Mầm non A",
            "HN.GL",
            Bloc::Schools,
            45,
            44,
        )?
        .grassroots(
            "HN.GL.THB",
            "Công đoàn Trường Tiểu học B",
            "HN.GL",
            Bloc::Schools,
            52,
            41,
        )?
        .grassroots(
            "HN.GL.CTC",
            "Công đoàn Công ty C",
            "HN.GL",
            Bloc::ProductionBusiness,
            80,
            20,
        )?
        .model()?;
    let tree = model.hierarchy.as_of(parse_date("31/05/2022")?);
    let women = model.rollup(&WomenTeachers, &tree, None, None);
    let roles = model.rollup(&ByRole, &tree, None, None);
    for node in tree.nodes() {
        let indent = "  ".repeat(tree.depth(node) as usize);
        let name = tree.name(node).map_or("?", |n| n.as_str());
        let w = women.total(node).copied().unwrap_or(0);
        let teachers = roles.total(node).map_or(0, |t| t.get(&Some(Role::Teacher)));
        println!("{indent}{name}: {w} nữ CBQL, giáo viên; {teachers} giáo viên");
    }
    let gl = tree.node_by_code("HN.GL").ok_or("HN.GL missing")?;
    assert_eq!(women.total(gl), Some(&85));
    Ok(())
}
