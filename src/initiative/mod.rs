//! Initiatives (*sáng kiến*, in schools *sáng kiến kinh nghiệm*, SKKN): records,
//! councils' reviews and recognitions per level with their scope of influence,
//! application in practice, funnels computed from the records and funnel figures as
//! reports state them.

pub(crate) mod book;
pub(crate) mod level;
pub(crate) mod record;

use crate::value::period::Period;
use crate::value::reported::{Qualifier, Reported};

/// Whether `inner`'s dates lie within `outer`'s (default spans: school years from
/// 1 September to 31 August).
pub(crate) fn period_within(inner: &Period, outer: &Period) -> bool {
    let (i, o) = (inner.default_span(), outer.default_span());
    o.start() <= i.start() && i.end() <= o.end()
}

/// Whether the periods share a day (default spans).
pub(crate) fn periods_overlap(a: &Period, b: &Period) -> bool {
    a.default_span().overlaps(&b.default_span())
}

/// Whether a part (recognised, applied, itemised prizes) can be no more than its
/// whole (submitted, the reported total) for some true values both figures admit.
pub(crate) fn may_fit_within(part: Reported<u64>, whole: Reported<u64>) -> bool {
    // Every value at or above the part's possible values.
    let upward = match part.qualifier() {
        Qualifier::Exact | Qualifier::AtLeast => Reported::new(part.value(), Qualifier::AtLeast),
        Qualifier::MoreThan => part,
        _ => Reported::new(0, Qualifier::AtLeast),
    };
    whole.may_equal(&upward)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str) -> Reported<u64> {
        s.parse().unwrap()
    }

    #[test]
    fn parts_fit_within_wholes_by_their_qualifiers() {
        assert!(may_fit_within(r("257"), r("305")));
        assert!(may_fit_within(r("305"), r("305")));
        assert!(!may_fit_within(r("3.124"), r("1.724")));
        assert!(may_fit_within(r("3.124"), r("trên 1.724")));
        assert!(!may_fit_within(r("hơn 305"), r("305")));
        assert!(may_fit_within(r("hơn 304"), r("305")));
        assert!(!may_fit_within(r("hơn 304"), r("dưới 305")));
        assert!(may_fit_within(r("khoảng 400"), r("305")));
        assert!(may_fit_within(r("dưới 400"), r("0")));
        assert!(!may_fit_within(r("1"), r("dưới 1")));
    }

    #[test]
    fn periods_nest_by_default_spans() {
        let p = |s: &str| s.parse::<Period>().unwrap();
        assert!(period_within(
            &p("năm học 2023-2024"),
            &p("giai đoạn 2022-2025")
        ));
        assert!(!period_within(
            &p("năm học 2021-2022"),
            &p("giai đoạn 2022-2025")
        ));
        assert!(period_within(
            &p("năm học 2023-2024"),
            &p("năm học 2023-2024")
        ));
        assert!(!period_within(&p("năm học 2023-2024"), &p("năm 2024")));
        assert!(periods_overlap(&p("năm học 2023-2024"), &p("năm 2024")));
        assert!(!periods_overlap(&p("năm học 2023-2024"), &p("năm 2022")));
    }
}
