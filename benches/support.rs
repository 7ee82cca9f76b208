//! A district report over many distinct support programmes: 2.000 and 20.000
//! programmes, each one record of one of 20 schools, every fourth listing a child.
//! Ten times the programmes should cost about ten times the time (the report is
//! dropped outside the timing).
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use thidua::testing::DatasetBuilder;
use thidua::{
    Beneficiary, BeneficiaryId, Bloc, Label, Model, Period, Recipients, ReportRequest, Reported,
    SupportId, SupportRecord, SupportTime, UnitId, UnitKind, Vnd,
};

const SCHOOLS: usize = 20;

fn model(programmes: usize) -> Model {
    let year: Period = "năm học 2023-2024".parse().unwrap();
    let mut d = DatasetBuilder::new("2020-01-01")
        .unwrap()
        .unit("Q", UnitKind::DistrictFederation, "LĐLĐ quận Q", None)
        .unwrap();
    for s in 0..SCHOOLS {
        d = d
            .grassroots(
                &format!("Q.{s:02}"),
                &format!("Công đoàn Trường {s:02}"),
                "Q",
                Bloc::Schools,
                3,
                2,
            )
            .unwrap();
    }
    d = d
        .subject(
            "Q",
            Some(year),
            Some(thidua::parse_date("2024-05-31").unwrap()),
        )
        .unwrap();
    let ds = d.dataset_mut();
    for p in 0..programmes {
        let mut recipients = Recipients::counted(Reported::exact(1 + (p as u64 % 40)));
        if p % 4 == 0 {
            let child = BeneficiaryId::from_key(&format!("HS-{p}"));
            ds.beneficiaries.push(Beneficiary::new(child));
            recipients = recipients.with_beneficiary(child);
        }
        ds.support_records.push(
            SupportRecord::new(
                SupportId::from_key(&format!("P-{p}")),
                Label::try_new(&format!("Chương trình hỗ trợ số {p}")).unwrap(),
                UnitId::from_key(&format!("Q.{:02}", p % SCHOOLS)),
                SupportTime::Period { period: year },
            )
            .with_recipients(recipients)
            .with_amount(Reported::exact(Vnd::from_dong(
                1_000_000 * (1 + p as i64 % 9),
            ))),
        );
    }
    d.model().unwrap()
}

fn report(c: &mut Criterion) {
    let mut group = c.benchmark_group("support_report");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    for n in [2_000, 20_000] {
        let model = model(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("programmes", n), &model, |b, m| {
            b.iter_with_large_drop(|| black_box(m.report(&ReportRequest::default()).unwrap()));
        });
    }
    group.finish();
}

criterion_group!(benches, report);
criterion_main!(benches);
