//! A district federation and its education department launch "Dạy tốt - Học tốt" for
//! a school year; schools launch it in turn, teachers write initiatives, councils
//! recognise them. Prints launch coverage and initiative funnels the way a year-end
//! report writes them.
//!
//! Run with `cargo run --example campaigns`.

use chrono::NaiveDate;
use thidua::{
    Bloc, Campaign, CampaignData, CampaignId, CampaignKind, Campaigns, Hierarchy, InfluenceScope,
    Initiative, InitiativeId, Label, Lang, Launch, Launcher, MemberId, MemberRecord, Membership,
    PartnerBody, PartnerId, PartnerKind, Recognition, RecognitionLevel, Reported, ReportedCoverage,
    ReportedFunnel, Review, Role, Roster, Target, UnitCode, UnitId, UnitKind, UnitName, UnitRecord,
    format_integer,
};

type Error = Box<dyn std::error::Error>;

fn day(y: i32, m: u32, d: u32) -> Result<NaiveDate, Error> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| format!("no such day {y}-{m}-{d}").into())
}

fn unit(code: &str, kind: UnitKind, name: &str) -> Result<UnitRecord, Error> {
    Ok(UnitRecord::new(
        UnitId::from_key(code),
        UnitCode::try_new(code)?,
        kind,
        UnitName::try_new(name)?,
    ))
}

fn main() -> Result<(), Error> {
    // A district federation with 8 schools of 12 teachers each.
    let district = UnitId::from_key("HN.BTL");
    let mut units = vec![unit(
        "HN.BTL",
        UnitKind::DistrictFederation,
        "Liên đoàn Lao động quận Bắc Từ Liêm",
    )?];
    let mut members = Vec::new();
    let mut memberships = Vec::new();
    for s in 1..=8 {
        let code = format!("HN.BTL.TH{s:03}");
        units.push(
            unit(
                &code,
                UnitKind::Grassroots,
                &format!("Công đoàn Trường số {s}"),
            )?
            .with_parent(district)
            .with_bloc(Bloc::Schools),
        );
        for k in 0..12 {
            let id = MemberId::from_key(&format!("{code}/{k}"));
            members.push(MemberRecord::new(id).with_role(Role::Teacher));
            memberships.push(Membership::new(id, UnitId::from_key(&code)));
        }
    }
    let department = PartnerBody::new(
        PartnerId::from_key("PGD/HN.BTL"),
        PartnerKind::EducationDepartment,
        UnitName::try_new("Phòng Giáo dục và Đào tạo quận Bắc Từ Liêm")?,
    )
    .with_area(district);
    let hierarchy =
        Hierarchy::build(units, vec![department.clone()], vec![]).map_err(|d| d.to_string())?;
    let roster =
        Roster::build(&hierarchy, members, memberships, vec![]).map_err(|d| d.to_string())?;

    // The movement, co-launched, for every school's managers, teachers and staff.
    let year = "năm học 2023 - 2024".parse()?;
    let two_goods = CampaignId::from_key("btl/2023-2024/day-tot-hoc-tot");
    let mut data = CampaignData::default();
    data.campaigns.push(
        Campaign::new(
            two_goods,
            CampaignKind::Regular,
            Label::try_new("Dạy tốt - Học tốt")?,
            year,
        )
        .with_launcher(Launcher::Unit { unit: district })
        .with_launcher(Launcher::Partner {
            partner: department.id(),
        })
        .with_target(
            Target::new()
                .with_bloc(Bloc::Schools)
                .with_role(Role::Manager)
                .with_role(Role::Teacher)
                .with_role(Role::Staff),
        )
        .with_reported_coverage(ReportedCoverage::new(
            district,
            day(2023, 10, 31)?,
            "trên 80%".parse()?,
        )),
    );
    // Seven of the eight schools launched it in September.
    for s in 1..=7 {
        let school = UnitId::from_key(&format!("HN.BTL.TH{s:03}"));
        data.launches
            .push(Launch::new(two_goods, school, day(2023, 9, 10 + s)?));
    }
    // Three initiatives per school; the district council recognises two of each three,
    // and sends one of each school's to the city, which recognises half of them.
    for s in 1..=8_u32 {
        for k in 0..3_u32 {
            let school = format!("HN.BTL.TH{s:03}");
            let mut district_review =
                Review::new(RecognitionLevel::District).submitted_on(day(2023, 12, 1)?);
            if k < 2 {
                district_review = district_review.recognised(
                    Recognition::new(day(2024, 1, 15)?).with_scope(InfluenceScope::Unit),
                );
            }
            let mut skkn = Initiative::new(
                InitiativeId::from_key(&format!("{school}/skkn-{k}")),
                Label::try_new(&format!("Sáng kiến kinh nghiệm {k} của trường số {s}"))?,
                UnitId::from_key(&school),
                year,
            )
            .with_author(MemberId::from_key(&format!("{school}/{k}")))
            .submitted_on(day(2023, 10, 2)?)
            .with_review(district_review);
            if k == 0 {
                let mut city =
                    Review::new(RecognitionLevel::Province).submitted_on(day(2024, 2, 20)?);
                if s % 2 == 0 {
                    city = city.recognised(
                        Recognition::new(day(2024, 5, 20)?)
                            .with_scope(InfluenceScope::SectorOrProvince),
                    );
                }
                skkn = skkn.with_review(city);
            }
            data.initiatives.push(skkn);
        }
    }
    data.initiative_reports.push(
        ReportedFunnel::new(district, year)
            .at_level(RecognitionLevel::Province)
            .with_submitted(Reported::exact(8))
            .with_recognised(Reported::exact(4)),
    );

    let campaigns = Campaigns::build(&hierarchy, &roster, data).map_err(|d| d.to_string())?;
    for warning in campaigns.warnings() {
        println!("{warning}");
    }

    let tree = hierarchy.as_of(day(2024, 5, 31)?);
    let scope = tree.node(district).ok_or("district")?;
    let coverage = campaigns
        .coverage(two_goods, &tree, scope)
        .ok_or("campaign")?;
    let ratio = coverage.ratio().ok_or("no target")?;
    println!(
        "Phong trào \"Dạy tốt - Học tốt\" {year}: {} CĐCS tổ chức phát động ({}).",
        ratio.to_fraction_string(Lang::Vi),
        ratio.to_percent_string(1, Lang::Vi)
    );
    for node in coverage.not_launched() {
        let name = tree.name(*node).map_or("?", |n| n.as_str());
        println!("  Chưa phát động: {name}");
    }

    let book = campaigns.initiatives();
    for (level, label) in [
        (RecognitionLevel::Province, "cấp Thành phố"),
        (RecognitionLevel::District, "cấp quận"),
    ] {
        let funnel = book.funnel(&tree, scope, year, Some(level));
        println!(
            "{}/{} SKKN được công nhận {label} ({}).",
            format_integer(i128::from(funnel.recognised()), Lang::Vi),
            format_integer(i128::from(funnel.submitted()), Lang::Vi),
            funnel
                .recognition_ratio()
                .map_or_else(|| "—".to_owned(), |r| r.to_percent_string(1, Lang::Vi))
        );
    }
    Ok(())
}
