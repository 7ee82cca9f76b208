//! The sponsorship and support ledger of one district for a school year: teachers
//! sponsoring students (*đỡ đầu*), a support programme, and the totals a year-end
//! report prints, in Vietnamese, with small counts suppressed. Children are known by
//! pseudonymous ids; their names are kept in the ledger but never printed.
//!
//! Run with `cargo run --example support_ledger`.

use chrono::NaiveDate;
use thidua::{
    Beneficiary, BeneficiaryId, Bloc, Entry, Hierarchy, Item, Label, Lang, Ledger, LedgerScope,
    MemberId, MemberRecord, Membership, Period, PersonName, ProtectedDetails, Roster,
    SchoolCalendar, Service, Sponsor, Sponsorship, SponsorshipId, SupportId, SupportRecord,
    SupportTime, SuppressionThreshold, UnitCode, UnitId, UnitKind, UnitName, UnitRecord, Valuation,
    ValuationBasis, Vnd,
};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn day(y: i32, m: u32, d: u32) -> Result<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| format!("no day {d}/{m}/{y}").into())
}

fn unit(code: &str, kind: UnitKind, name: &str) -> Result<UnitRecord> {
    Ok(UnitRecord::new(
        UnitId::from_key(code),
        UnitCode::try_new(code)?,
        kind,
        UnitName::try_new(name)?,
    ))
}

fn main() -> Result<()> {
    // The district and three school unions, with six, three and two teachers.
    let schools = [
        ("BTL.THCN", "Công đoàn Trường Tiểu học Cổ Nhuế", 6),
        ("BTL.THCSDV", "Công đoàn Trường THCS Đông Ngạc", 3),
        ("BTL.MNHS", "Công đoàn Trường Mầm non Hoa Sữa", 2),
    ];
    let mut units = vec![unit(
        "BTL",
        UnitKind::DistrictFederation,
        "Liên đoàn Lao động quận Bắc Từ Liêm",
    )?];
    let (mut members, mut memberships, mut teachers) = (vec![], vec![], vec![]);
    for (code, name, staff) in schools {
        units.push(
            unit(code, UnitKind::Grassroots, name)?
                .with_parent(UnitId::from_key("BTL"))
                .with_bloc(Bloc::Schools),
        );
        for k in 0..staff {
            let teacher = MemberId::from_key(&format!("{code}/GV{k}"));
            members.push(MemberRecord::new(teacher));
            memberships.push(Membership::new(teacher, UnitId::from_key(code)));
            teachers.push(teacher);
        }
    }
    let hierarchy = Hierarchy::build(units, vec![], vec![]).map_err(|d| d.to_string())?;
    let roster =
        Roster::build(&hierarchy, members, memberships, vec![]).map_err(|d| d.to_string())?;

    // Ten students in hardship; the first one's details are kept, protected.
    let year: Period = "năm học 2023-2024".parse()?;
    let mut ledger = Ledger::new();
    let students: Vec<BeneficiaryId> = (1..=10)
        .map(|n| BeneficiaryId::from_key(&format!("BTL-2023-{n:03}")))
        .collect();
    for (n, &id) in students.iter().enumerate() {
        let mut child = Beneficiary::new(id);
        if n == 0 {
            child = child.with_protected(
                ProtectedDetails::new()
                    .with_name(PersonName::try_new("Nguyễn Văn An")?)
                    .with_circumstances(Label::try_new("mồ côi cha")?),
            );
        }
        ledger.push_beneficiary(child);
    }
    // Each teacher sponsors one student (two teachers share the last ones): money
    // every term, a set of textbooks for some, a lift to school for others.
    let books =
        Item::new(Label::try_new("sách giáo khoa")?, 1, Label::try_new("bộ")?).with_valuation(
            Valuation::new(Vnd::from_dong(350_000), ValuationBasis::Invoice),
        );
    for (k, &teacher) in teachers.iter().enumerate() {
        let child = students.get(k.min(9)).copied().ok_or("no student")?;
        let mut c = Sponsorship::new(SponsorshipId::from_key(&format!("BTL/{k}")), year)
            .with_sponsor(Sponsor::member(teacher))
            .with_beneficiary(child)
            .with_planned_money(Vnd::from_dong(1_000_000))
            .with_entry(Entry::money(day(2023, 10, 2)?, Vnd::from_dong(500_000)))
            .with_entry(Entry::money(day(2024, 2, 1)?, Vnd::from_dong(500_000)));
        if k % 3 == 0 {
            c.push_entry(Entry::in_kind(day(2023, 9, 5)?, books.clone()));
        } else if k % 3 == 1 {
            let lift = Service::new(Label::try_new("đưa đón đến trường")?);
            c.push_entry(Entry::service(day(2023, 11, 15)?, lift));
        }
        ledger.push_sponsorship(c);
    }
    // "Tiếp sức đến trường": money and textbooks, the value of the books not known.
    ledger.push_support_record(
        SupportRecord::new(
            SupportId::from_key("BTL/tiep-suc-den-truong"),
            Label::try_new("Tiếp sức đến trường")?,
            UnitId::from_key("BTL"),
            SupportTime::Date {
                date: day(2023, 9, 5)?,
            },
        )
        .with_amount("trên 17 triệu đồng".parse()?)
        .with_item(Item::new(
            Label::try_new("sách giáo khoa")?,
            33,
            Label::try_new("bộ")?,
        )),
    );
    let problems = ledger.validate(&hierarchy, &roster, &SchoolCalendar::new());
    if !problems.is_empty() {
        return Err(problems.to_string().into());
    }

    // The report, as of the end of the school year.
    let tree = hierarchy.as_of(day(2024, 5, 31)?);
    let span = year.default_span();
    let rule = SuppressionThreshold::default();
    let district = tree.node_by_code("BTL").ok_or("no district")?;
    let name = |n| tree.name(n).map(ToString::to_string).unwrap_or_default();
    println!("{}, {year}", name(district));

    let scope = LedgerScope::subtree(&tree, district, span);
    let totals = ledger.sponsorship_totals(&scope, &roster);
    let money = totals.money().ok_or("money total out of range")?;
    println!(
        "- {} nhà giáo đỡ đầu {} học sinh, số tiền {}",
        thidua::format_integer(totals.member_sponsors().into(), Lang::Vi),
        thidua::format_integer(totals.beneficiaries().into(), Lang::Vi),
        money.value().to_dong_string(Lang::Vi)
    );
    println!("- Công bố: {}", totals.publish(rule));
    for school in tree.children(district) {
        let at_school =
            ledger.sponsorship_totals(&LedgerScope::subtree(&tree, school, span), &roster);
        println!("  + {}: {}", name(school), at_school.publish(rule));
    }
    for (programme, support) in ledger.support_totals_by_programme(&scope) {
        // "trên": the textbooks have no valuation, so the money is a lower bound.
        println!("- {programme}: {}", support.publish(rule));
    }
    Ok(())
}
