//! The Bằng Lao động sáng tạo of the VGCL, QĐ 1564/QĐ-TLĐ 2014 Điều 16: the benefit
//! (*giá trị làm lợi*) of applied solutions, by who proposes them. A worker qualifies
//! with one solution worth at least 80 triệu đồng, or several whose application falls
//! within 3 years and which together are worth at least 120 triệu; a university
//! graduate needs one solution of 150 triệu, a manager one of 200 triệu.

use chrono::{Months, NaiveDate};

use crate::rules::citation::{Citation, Confidence};
use crate::rules::engine::Status;
use crate::rules::law::{ALL_REGIMES, Provision, paraphrase};
use crate::rules::union::{QD1564, UnionCheck, UnionRuleError, UnionVerdict};
use crate::value::format::Lang;
use crate::value::money::Vnd;

/// The span within which a worker's several solutions are summed: 3 years.
const WINDOW_MONTHS: u32 = 36;

const fn dieu_16() -> Citation {
    Citation::law(
        QD1564,
        Some("16"),
        None,
        None,
        Confidence::Verified,
        Some(
            "\"within 3 years\" read as any 36 months in which the solutions were applied, all by the day of the proposal",
        ),
    )
}

/// The provision encoded here. QĐ 1564 is not kept in the crate's sources:
/// paraphrased.
pub(crate) static PROVISIONS: &[Provision] = &[paraphrase(
    ALL_REGIMES,
    dieu_16(),
    "Bằng Lao động sáng tạo tặng cho người lao động trực tiếp có giải pháp được áp dụng \
     mang lại giá trị làm lợi từ 80 triệu đồng trở lên, hoặc nhiều giải pháp được áp dụng \
     trong 3 năm có tổng giá trị làm lợi từ 120 triệu đồng trở lên; người có trình độ đại \
     học trở lên có giải pháp làm lợi từ 150 triệu đồng trở lên; cán bộ quản lý có giải \
     pháp làm lợi từ 200 triệu đồng trở lên.",
)];

labelled_enum! {
    /// Who proposes a solution for the Bằng Lao động sáng tạo.
    pub enum InnovatorKind {
        /// A worker (*người lao động trực tiếp*).
        Worker => ("worker", "người lao động trực tiếp", "worker"),
        /// A person with a university degree.
        Graduate => ("graduate", "người có trình độ đại học trở lên", "university graduate"),
        /// A manager.
        Manager => ("manager", "cán bộ quản lý", "manager"),
    }
}

/// One applied solution (*giải pháp*): its benefit and the day its application was
/// recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Solution {
    /// The benefit (*giá trị làm lợi*), in đồng.
    pub benefit: Vnd,
    /// The day the solution was applied, or its application recognised.
    pub applied_on: NaiveDate,
}

impl Solution {
    /// A solution worth `benefit`, applied on `applied_on`.
    pub fn new(benefit: Vnd, applied_on: NaiveDate) -> Self {
        Self {
            benefit,
            applied_on,
        }
    }
}

const fn trieu(n: i64) -> Vnd {
    Vnd::from_dong(n * 1_000_000)
}

/// The least benefit of one solution, by who proposes it.
fn single_threshold(kind: InnovatorKind) -> Vnd {
    match kind {
        InnovatorKind::Worker => trieu(80),
        InnovatorKind::Graduate => trieu(150),
        InnovatorKind::Manager => trieu(200),
    }
}

/// The least sum of a worker's several solutions within 3 years.
const SEVERAL_THRESHOLD: Vnd = trieu(120);

fn vi_day(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// The 3 years with the most benefit: first day, last day, sum, number of solutions.
fn best_window(solutions: &[Solution]) -> Option<(NaiveDate, NaiveDate, Vnd, usize)> {
    let mut best: Option<(NaiveDate, NaiveDate, Vnd, usize)> = None;
    for first in solutions {
        let start = first.applied_on;
        let end = start.checked_add_months(Months::new(WINDOW_MONTHS));
        let inside: Vec<&Solution> = solutions
            .iter()
            .filter(|s| s.applied_on >= start && end.is_none_or(|e| s.applied_on < e))
            .collect();
        let sum: i128 = inside.iter().map(|s| i128::from(s.benefit.get())).sum();
        let sum = Vnd::from_dong(i64::try_from(sum).unwrap_or(i64::MAX));
        let last = end.and_then(|e| e.pred_opt()).unwrap_or(NaiveDate::MAX);
        if best.is_none_or(|(_, _, b, _)| sum > b) {
            best = Some((start, last, sum, inside.len()));
        }
    }
    best
}

/// Checks the benefit condition of the Bằng Lao động sáng tạo (QĐ 1564/QĐ-TLĐ 2014
/// Điều 16) from dated solutions, on the day of the proposal. Solutions applied after
/// `proposed_on` do not count.
///
/// - A worker ([`InnovatorKind::Worker`]) passes with one solution worth at least 80
///   triệu đồng, or with several applied within 3 years (36 months counted from the
///   first of them; the best such span is taken) worth together at least 120 triệu.
/// - A university graduate needs one solution worth at least 150 triệu, a manager one
///   worth at least 200 triệu: their thresholds are for a single solution, and
///   several smaller solutions are not summed.
///
/// The messages name the best solution and, for a worker, the 3 years and the sum.
///
/// # Errors
/// [`UnionRuleError::NegativeBenefit`] when a solution's benefit is below zero.
pub fn bang_lao_dong_sang_tao(
    kind: InnovatorKind,
    solutions: &[Solution],
    proposed_on: NaiveDate,
) -> Result<UnionVerdict, UnionRuleError> {
    if let Some((index, s)) = solutions
        .iter()
        .enumerate()
        .find(|(_, s)| s.benefit.is_negative())
    {
        return Err(UnionRuleError::NegativeBenefit {
            index,
            benefit: s.benefit,
        });
    }
    let mut counted: Vec<Solution> = solutions
        .iter()
        .copied()
        .filter(|s| s.applied_on <= proposed_on)
        .collect();
    counted.sort_by_key(|s| s.applied_on);
    let later = solutions.len().saturating_sub(counted.len());
    let single = single_threshold(kind);
    let best = counted.iter().copied().max_by(|a, b| {
        a.benefit
            .cmp(&b.benefit)
            .then(b.applied_on.cmp(&a.applied_on))
    });
    let (vi, en) = (Lang::Vi, Lang::En);
    let who = (kind.label_vi(), kind.label_en());
    let mut status = Status::Fail;
    let (mut message_vi, mut message_en) = match best {
        None => (
            "không có giải pháp nào được áp dụng đến ngày đề nghị".to_owned(),
            "no solution applied by the day of the proposal".to_owned(),
        ),
        Some(b) => {
            let ok = b.benefit >= single;
            if ok {
                status = Status::Pass;
            }
            (
                format!(
                    "giải pháp làm lợi nhiều nhất: {} (áp dụng ngày {}); {} từ {} cho một giải pháp ({})",
                    b.benefit.to_trieu_string(3, vi),
                    vi_day(b.applied_on),
                    if ok { "đạt mức" } else { "yêu cầu" },
                    single.to_trieu_string(0, vi),
                    who.0
                ),
                format!(
                    "best solution: {} (applied on {}); {} {} from one solution ({})",
                    b.benefit.to_trieu_string(3, en),
                    b.applied_on,
                    if ok { "meets" } else { "needs" },
                    single.to_trieu_string(0, en),
                    who.1
                ),
            )
        }
    };
    if kind == InnovatorKind::Worker
        && status == Status::Fail
        && let Some((from, to, sum, count)) = best_window(&counted)
    {
        let ok = sum >= SEVERAL_THRESHOLD;
        if ok {
            status = Status::Pass;
        }
        message_vi.push_str(&format!(
            "; tổng giá trị làm lợi của {count} giải pháp áp dụng trong 3 năm từ {} đến {}: {}; {} từ {}",
            vi_day(from),
            vi_day(to),
            sum.to_trieu_string(3, vi),
            if ok { "đạt mức" } else { "yêu cầu" },
            SEVERAL_THRESHOLD.to_trieu_string(0, vi)
        ));
        message_en.push_str(&format!(
            "; {count} solutions applied within the 3 years {from} to {to} total {}; {} {}",
            sum.to_trieu_string(3, en),
            if ok { "meets" } else { "needs" },
            SEVERAL_THRESHOLD.to_trieu_string(0, en)
        ));
    }
    if later > 0 {
        message_vi.push_str(&format!(
            "; {later} giải pháp áp dụng sau ngày đề nghị {} không được tính",
            vi_day(proposed_on)
        ));
        message_en.push_str(&if later == 1 {
            format!("; 1 solution applied after the proposal on {proposed_on} does not count")
        } else {
            format!("; {later} solutions applied after the proposal on {proposed_on} do not count")
        });
    }
    let citation = PROVISIONS
        .first()
        .map_or_else(dieu_16, |p| p.citation.clone());
    Ok(UnionVerdict::from_checks(vec![UnionCheck {
        code: "bang_ldst.benefit",
        status,
        citation,
        message_vi,
        message_en,
    }]))
}
