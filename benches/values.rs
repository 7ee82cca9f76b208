//! Parsing and formatting the value types, and sorting names the Vietnamese way.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use thidua::{Lang, PersonName, Ratio, Reported, SchoolYear, ViCollator, Vnd, fold};

fn parsing(c: &mut Criterion) {
    let amounts = [
        "265.902.000 đồng",
        "1.065 triệu đồng",
        "37,5 triệu đồng",
        "2,34 triệu",
        "35 tr.đ",
    ];
    c.bench_function("parse Vnd (5 report forms)", |b| {
        b.iter(|| {
            for a in amounts {
                black_box(a.parse::<Vnd>().unwrap());
            }
        })
    });
    c.bench_function("parse reported figure", |b| {
        b.iter(|| black_box("trên 1.065 triệu đồng".parse::<Reported<Vnd>>().unwrap()))
    });
    c.bench_function("parse school year", |b| {
        b.iter(|| black_box("năm học 2023 - 2024".parse::<SchoolYear>().unwrap()))
    });
}

fn formatting(c: &mut Criterion) {
    let r = Ratio::new(16, 82).unwrap();
    c.bench_function("format percent 19,5%", |b| {
        b.iter(|| black_box(black_box(r).to_percent_string(1, Lang::Vi)))
    });
    let v = Vnd::from_dong(265_902_000);
    c.bench_function("format đồng", |b| {
        b.iter(|| black_box(black_box(v).to_dong_string(Lang::Vi)))
    });
}

fn names(c: &mut Criterion) {
    let family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi"];
    let middle = ["Văn", "Thị", "Thùy", "Đức", "Minh"];
    let given = [
        "An", "Ánh", "Ân", "Bình", "Dũng", "Đào", "Hùng", "Yến", "Chi",
    ];
    let people: Vec<PersonName> = (0..10_000)
        .map(|i| {
            let f = family[i % family.len()];
            let m = middle[(i / 7) % middle.len()];
            let g = given[(i / 3) % given.len()];
            PersonName::try_new(&format!("{f} {m} {g}")).unwrap()
        })
        .collect();
    let collator = ViCollator::new().unwrap();
    c.bench_function("sort 10k names (Vietnamese order)", |b| {
        b.iter(|| {
            let mut list = people.clone();
            collator.sort_people(&mut list);
            black_box(list)
        })
    });
    c.bench_function("fold a name", |b| {
        b.iter(|| black_box(fold(black_box("Nguyễn Thị Tuấn Anh"))))
    });
}

criterion_group!(benches, parsing, formatting, names);
criterion_main!(benches);
