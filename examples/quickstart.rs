//! A tour of the value types on figures from the seed reports: money, exact ratios,
//! reported figures with their qualifiers, school years, Vietnamese names.
//!
//! Run with `cargo run --example quickstart`.

use thidua::{
    Lang, PersonName, Qualifier, Ratio, Reported, SchoolYear, UnitId, ViCollator, Vnd, VndSum,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Gia Lâm, school year 2021-2022.
    let year: SchoolYear = "năm học 2021 - 2022".parse()?;
    println!("Năm học {year}: {}", year.default_span());

    let members = Ratio::new(15_249, 16_046)?;
    println!(
        "Đoàn viên/CNVCLĐ: {} ({})",
        members.to_fraction_string(Lang::Vi),
        members.to_percent_string(2, Lang::Vi)
    );
    let good = Ratio::new(64, 82)?;
    let excellent = Ratio::new(16, 82)?;
    println!(
        "Hoàn thành tốt nhiệm vụ: 64 CĐCS ({}); hoàn thành xuất sắc: 16 ({})",
        good.to_percent_string(0, Lang::Vi),
        excellent.to_percent_string(1, Lang::Vi)
    );

    // Support: a house repaired, Tết gifts, COVID-19 support "trên 1.065 triệu".
    let mut support = VndSum::new();
    for text in ["37,5 triệu đồng", "35 triệu đồng"] {
        let amount: Vnd = text.parse()?;
        support.add(amount);
    }
    println!(
        "Mái ấm + quà Tết: {}",
        support.to_trieu_string(1, Lang::Vi)?
    );
    let covid: Reported<Vnd> = "trên 1.065 triệu đồng".parse()?;
    let gifts = Reported::exact(Vnd::from_dong(35_000_000));
    let total = covid.checked_add(gifts)?;
    assert_eq!(total.qualifier(), Qualifier::MoreThan);
    println!("Hỗ trợ COVID-19 + quà: {}", total.to_string_in(Lang::Vi));
    println!("In English: {}", total.to_string_in(Lang::En));

    // Sorting a list of teachers the Vietnamese way: by given name, then the rest.
    let collator = ViCollator::new()?;
    let mut names = [
        "Phạm Thị Đào",
        "Hoàng Văn Dũng",
        "Nguyễn Văn An",
        "Vũ Thị Ân",
    ]
    .into_iter()
    .map(PersonName::try_new)
    .collect::<Result<Vec<_>, _>>()?;
    collator.sort_people(&mut names);
    let sorted: Vec<&str> = names.iter().map(PersonName::as_str).collect();
    println!("Danh sách: {}", sorted.join(", "));

    // Reproducible ids from natural keys.
    println!("Mã đơn vị của HN.GL: {}", UnitId::from_key("HN.GL"));
    Ok(())
}
