//! Initiatives as recorded: authors, the unit that submitted them, reviews by
//! councils at each level, application; and funnel figures as reports state them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::initiative::level::{InfluenceScope, RecognitionLevel};
use crate::value::id::{InitiativeId, MemberId, UnitId};
use crate::value::period::Period;
use crate::value::reported::Reported;
use crate::value::text::Label;

/// An initiative (*sáng kiến*; in schools *sáng kiến kinh nghiệm*, SKKN): a solution
/// written by one or more members, submitted through a unit for a period, reviewed
/// by councils level by level, and perhaps applied in practice (*ứng dụng*).
///
/// Authors may come from several units; `unit` is the unit through which it was
/// submitted, and the one whose figures it counts in.
///
/// ```
/// use chrono::NaiveDate;
/// use thidua::{
///     Initiative, InitiativeId, InfluenceScope, Label, MemberId, RecognitionLevel,
///     Recognition, Review, UnitId,
/// };
///
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
/// let skkn = Initiative::new(
///     InitiativeId::from_key("btl/2023-2024/skkn-001"),
///     Label::try_new("Ứng dụng Hanoi Study trong ôn thi vào lớp 10")?,
///     UnitId::from_key("HN.BTL.TH001"),
///     "năm học 2023-2024".parse()?,
/// )
/// .with_author(MemberId::from_key("HN.BTL.TH001/0"))
/// .submitted_on(day(2023, 10, 2)?)
/// .with_review(
///     Review::new(RecognitionLevel::District)
///         .recognised(Recognition::new(day(2024, 1, 15)?).with_scope(InfluenceScope::Unit)),
/// );
/// let recognition = skkn.recognition_at(RecognitionLevel::District).ok_or("recognition")?;
/// assert_eq!(recognition.date(), day(2024, 1, 15)?);
/// assert!(skkn.recognition_at(RecognitionLevel::Province).is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Initiative {
    id: InitiativeId,
    title: Label,
    #[serde(default)]
    authors: Vec<MemberId>,
    unit: UnitId,
    period: Period,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::value::period::day::optional")]
    submitted: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    reviews: Vec<Review>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    applied: Option<Application>,
}

impl Initiative {
    /// An initiative with its title, the unit that submitted it and its period; no
    /// authors, reviews or application yet.
    pub fn new(id: InitiativeId, title: Label, unit: UnitId, period: Period) -> Self {
        Self {
            id,
            title,
            authors: Vec::new(),
            unit,
            period,
            submitted: None,
            reviews: Vec::new(),
            applied: None,
        }
    }

    /// Adds an author (*tác giả*).
    #[must_use]
    pub fn with_author(mut self, author: MemberId) -> Self {
        self.authors.push(author);
        self
    }

    /// Sets the day it was registered or submitted (*đăng ký*, *nộp*).
    #[must_use]
    pub fn submitted_on(mut self, date: NaiveDate) -> Self {
        self.submitted = Some(date);
        self
    }

    /// Adds a council's review at one level.
    #[must_use]
    pub fn with_review(mut self, review: Review) -> Self {
        self.reviews.push(review);
        self
    }

    /// Marks it applied in practice (*được ứng dụng vào thực tiễn*).
    #[must_use]
    pub fn with_application(mut self, application: Application) -> Self {
        self.applied = Some(application);
        self
    }

    /// The initiative's id.
    pub fn id(&self) -> InitiativeId {
        self.id
    }

    /// Its title (*tên sáng kiến*).
    pub fn title(&self) -> &Label {
        &self.title
    }

    /// Its authors, in the order given.
    pub fn authors(&self) -> &[MemberId] {
        &self.authors
    }

    /// The unit it was submitted through.
    pub fn unit(&self) -> UnitId {
        self.unit
    }

    /// The period it was written for (a school year, as a rule).
    pub fn period(&self) -> Period {
        self.period
    }

    /// The day it was registered or submitted, if known.
    pub fn submitted(&self) -> Option<NaiveDate> {
        self.submitted
    }

    /// The councils' reviews, in the order given.
    pub fn reviews(&self) -> &[Review] {
        &self.reviews
    }

    /// Its application in practice, if applied.
    pub fn applied(&self) -> Option<&Application> {
        self.applied.as_ref()
    }

    /// The review at `level`, if it was submitted there.
    pub fn review_at(&self, level: RecognitionLevel) -> Option<&Review> {
        self.reviews.iter().find(|r| r.level == level)
    }

    /// The recognition at `level`, if a council there recognised it.
    pub fn recognition_at(&self, level: RecognitionLevel) -> Option<&Recognition> {
        self.review_at(level).and_then(Review::recognition)
    }

    /// Whether a recognition dated on or before `as_of` (any day for `None`) is at
    /// `level`'s tier or higher and, when `scope` is given, states a scope at least
    /// that wide.
    pub(crate) fn is_recognised(
        &self,
        level: RecognitionLevel,
        scope: Option<InfluenceScope>,
        as_of: Option<NaiveDate>,
    ) -> bool {
        self.reviews.iter().any(|r| {
            r.level.is_at_least(level)
                && r.recognition.as_ref().is_some_and(|rec| {
                    as_of.is_none_or(|d| rec.date <= d)
                        && scope.is_none_or(|s| rec.scope.is_some_and(|have| have >= s))
                })
        })
    }
}

/// One council's review of an initiative at one level (*xét công nhận sáng kiến*):
/// when it was submitted there and, if recognised, the recognition.
///
/// ```
/// use chrono::NaiveDate;
/// use thidua::{Label, RecognitionLevel, Recognition, Review};
///
/// let day = NaiveDate::from_ymd_opt(2024, 5, 20).ok_or("date")?;
/// let review = Review::new(RecognitionLevel::Province).recognised(
///     Recognition::new(day)
///         .with_council(Label::try_new("Hội đồng khoa học ngành Giáo dục Thành phố")?)
///         .with_decision(Label::try_new("1234/QĐ-SGDĐT")?),
/// );
/// assert_eq!(review.recognition().map(|r| r.date()), Some(day));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Review {
    level: RecognitionLevel,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::value::period::day::optional")]
    submitted: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    recognition: Option<Recognition>,
}

impl Review {
    /// A submission to the council at `level`, not (yet) recognised.
    pub fn new(level: RecognitionLevel) -> Self {
        Self {
            level,
            submitted: None,
            recognition: None,
        }
    }

    /// Sets the day it was submitted at this level.
    #[must_use]
    pub fn submitted_on(mut self, date: NaiveDate) -> Self {
        self.submitted = Some(date);
        self
    }

    /// Records the council's recognition (*công nhận*).
    #[must_use]
    pub fn recognised(mut self, recognition: Recognition) -> Self {
        self.recognition = Some(recognition);
        self
    }

    /// The level of the council.
    pub fn level(&self) -> RecognitionLevel {
        self.level
    }

    /// The day it was submitted at this level, if known.
    pub fn submitted(&self) -> Option<NaiveDate> {
        self.submitted
    }

    /// The recognition, if the council recognised it.
    pub fn recognition(&self) -> Option<&Recognition> {
        self.recognition.as_ref()
    }
}

/// A council's recognition of an initiative (*công nhận sáng kiến*): the date, the
/// scope of influence it states, the council and the decision's reference.
///
/// The scope may be missing: many district-level recognitions do not state one, and
/// a query asking for a scope does not guess it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Recognition {
    #[serde(deserialize_with = "crate::value::period::day::deserialize")]
    date: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    scope: Option<InfluenceScope>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    council: Option<Label>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    decision: Option<Label>,
}

impl Recognition {
    /// A recognition on `date`, with no scope, council or decision given.
    pub fn new(date: NaiveDate) -> Self {
        Self {
            date,
            scope: None,
            council: None,
            decision: None,
        }
    }

    /// Sets the scope of influence (*phạm vi ảnh hưởng*).
    #[must_use]
    pub fn with_scope(mut self, scope: InfluenceScope) -> Self {
        self.scope = Some(scope);
        self
    }

    /// Sets the deciding council (*hội đồng sáng kiến*, *hội đồng khoa học*).
    #[must_use]
    pub fn with_council(mut self, council: Label) -> Self {
        self.council = Some(council);
        self
    }

    /// Sets the decision's reference (*số quyết định*, "123/QĐ-UBND").
    #[must_use]
    pub fn with_decision(mut self, decision: Label) -> Self {
        self.decision = Some(decision);
        self
    }

    /// The day of the recognition.
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// The scope of influence, if stated.
    pub fn scope(&self) -> Option<InfluenceScope> {
        self.scope
    }

    /// The deciding council, if given.
    pub fn council(&self) -> Option<&Label> {
        self.council.as_ref()
    }

    /// The decision's reference, if given.
    pub fn decision(&self) -> Option<&Label> {
        self.decision.as_ref()
    }
}

/// The application of an initiative in practice (*ứng dụng vào thực tiễn*), with
/// its date when known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Application {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::value::period::day::optional")]
    date: Option<NaiveDate>,
}

impl Application {
    /// Applied, the date not known.
    pub fn undated() -> Self {
        Self { date: None }
    }

    /// Applied from `date`.
    pub fn on(date: NaiveDate) -> Self {
        Self { date: Some(date) }
    }

    /// The day it was applied from, if known.
    pub fn date(&self) -> Option<NaiveDate> {
        self.date
    }
}

/// Funnel figures as a report states them for a unit's area and a period: how many
/// initiatives were submitted, recognised (at one level, or at any) and applied —
/// "257/305 SKKN được công nhận cấp Thành phố", "248 sáng kiến kinh nghiệm đăng ký
/// thực hiện trong đó có 89 sáng kiến đã được ứng dụng".
///
/// The figures are held as given; building the [`Initiatives`] flags a report whose
/// recognised or applied figure cannot fit in its submitted one.
///
/// [`Initiatives`]: crate::Initiatives
///
/// ```
/// use thidua::{RecognitionLevel, Reported, ReportedFunnel, UnitId};
///
/// let city = ReportedFunnel::new(UnitId::from_key("HN.BTL"), "năm học 2023-2024".parse()?)
///     .at_level(RecognitionLevel::Province)
///     .with_submitted(Reported::exact(305))
///     .with_recognised(Reported::exact(257));
/// assert_eq!(city.recognised().map(|r| r.value()), Some(257));
/// assert_eq!(city.level(), Some(RecognitionLevel::Province));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ReportedFunnel {
    scope: UnitId,
    period: Period,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    level: Option<RecognitionLevel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    submitted: Option<Reported<u64>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    evaluated: Option<Reported<u64>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    recognised: Option<Reported<u64>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    applied: Option<Reported<u64>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    quote: Option<String>,
}

impl ReportedFunnel {
    /// Figures for the area of unit `scope` (its whole subtree) and `period`, with no
    /// level and no figures yet.
    pub fn new(scope: UnitId, period: Period) -> Self {
        Self {
            scope,
            period,
            level: None,
            submitted: None,
            evaluated: None,
            recognised: None,
            applied: None,
            quote: None,
        }
    }

    /// Sets the number evaluated and ranked by the council (*chấm, xếp loại*).
    #[must_use]
    pub fn with_evaluated(mut self, figure: Reported<u64>) -> Self {
        self.evaluated = Some(figure);
        self
    }

    /// Keeps the sentence of the source that states the figures, verbatim.
    #[must_use]
    pub fn with_quote(mut self, quote: &str) -> Self {
        self.quote = Some(quote.to_owned());
        self
    }

    /// The number evaluated, if stated.
    pub fn evaluated(&self) -> Option<Reported<u64>> {
        self.evaluated
    }

    /// The source's sentence, if kept.
    pub fn quote(&self) -> Option<&str> {
        self.quote.as_deref()
    }

    /// The figures are about the council at `level` ("cấp Thành phố").
    #[must_use]
    pub fn at_level(mut self, level: RecognitionLevel) -> Self {
        self.level = Some(level);
        self
    }

    /// Sets the number registered or submitted (*đăng ký*, *nộp*).
    #[must_use]
    pub fn with_submitted(mut self, figure: Reported<u64>) -> Self {
        self.submitted = Some(figure);
        self
    }

    /// Sets the number recognised (*được công nhận*).
    #[must_use]
    pub fn with_recognised(mut self, figure: Reported<u64>) -> Self {
        self.recognised = Some(figure);
        self
    }

    /// Sets the number applied (*được ứng dụng*).
    #[must_use]
    pub fn with_applied(mut self, figure: Reported<u64>) -> Self {
        self.applied = Some(figure);
        self
    }

    /// The unit whose area the figures cover.
    pub fn scope(&self) -> UnitId {
        self.scope
    }

    /// The period of the figures.
    pub fn period(&self) -> Period {
        self.period
    }

    /// The council's level, when the figures are about one level.
    pub fn level(&self) -> Option<RecognitionLevel> {
        self.level
    }

    /// The number submitted, if stated.
    pub fn submitted(&self) -> Option<Reported<u64>> {
        self.submitted
    }

    /// The number recognised, if stated.
    pub fn recognised(&self) -> Option<Reported<u64>> {
        self.recognised
    }

    /// The number applied, if stated.
    pub fn applied(&self) -> Option<Reported<u64>> {
        self.applied
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::period::SchoolYear;
    use proptest::prelude::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn skkn() -> Initiative {
        Initiative::new(
            InitiativeId::from_key("s"),
            Label::try_new("Sáng kiến").unwrap(),
            UnitId::from_key("u"),
            "năm học 2023-2024".parse().unwrap(),
        )
        .with_author(MemberId::from_key("a"))
    }

    #[test]
    fn recognition_respects_tier_scope_and_date() {
        let it = skkn()
            .with_review(Review::new(RecognitionLevel::Ministry).recognised(
                Recognition::new(day(2024, 5, 1)).with_scope(InfluenceScope::SectorOrProvince),
            ))
            .with_review(Review::new(RecognitionLevel::National));
        assert!(it.is_recognised(RecognitionLevel::Province, None, None));
        assert!(it.is_recognised(RecognitionLevel::Unit, Some(InfluenceScope::Unit), None));
        assert!(!it.is_recognised(RecognitionLevel::National, None, None));
        assert!(!it.is_recognised(RecognitionLevel::Unit, Some(InfluenceScope::National), None));
        assert!(!it.is_recognised(RecognitionLevel::Unit, None, Some(day(2024, 4, 30))));
        assert!(it.is_recognised(RecognitionLevel::Unit, None, Some(day(2024, 5, 1))));
        // A recognition without a stated scope never meets a scope requirement.
        let unscoped = skkn().with_review(
            Review::new(RecognitionLevel::National).recognised(Recognition::new(day(2024, 5, 1))),
        );
        assert!(!unscoped.is_recognised(RecognitionLevel::Unit, Some(InfluenceScope::Unit), None));
        assert!(unscoped.review_at(RecognitionLevel::National).is_some());
        assert!(unscoped.recognition_at(RecognitionLevel::Unit).is_none());
    }

    #[test]
    fn applications_in_files() {
        let it = skkn().with_application(Application::undated());
        let json = serde_json::to_string(&it).unwrap();
        assert!(json.ends_with(r#""applied":{}}"#), "{json}");
        assert_eq!(serde_json::from_str::<Initiative>(&json).unwrap(), it);
        assert_eq!(
            Application::on(day(2024, 1, 1)).date(),
            Some(day(2024, 1, 1))
        );
    }

    proptest! {
        #[test]
        fn initiatives_round_trip_through_json(
            start in 1990i32..2100,
            authors in 0usize..4,
            reviews in proptest::collection::vec(
                (
                    proptest::sample::select(RecognitionLevel::ALL),
                    proptest::option::of(0u64..300),
                    proptest::option::of(proptest::sample::select(InfluenceScope::ALL)),
                ),
                0..4,
            ),
            applied in proptest::option::of(proptest::option::of(0u64..300)),
        ) {
            let year = SchoolYear::try_new(start).unwrap();
            let first = year.default_span().start();
            let mut it = Initiative::new(
                InitiativeId::from_key("s"),
                Label::try_new("Sáng kiến").unwrap(),
                UnitId::from_key("u"),
                year.into(),
            )
            .submitted_on(first);
            for k in 0..authors {
                it = it.with_author(MemberId::from_key(&k.to_string()));
            }
            for (level, recognised, scope) in reviews {
                let mut review = Review::new(level).submitted_on(first);
                if let Some(days) = recognised {
                    let mut rec = Recognition::new(first + chrono::Days::new(days))
                        .with_decision(Label::try_new("12/QĐ-UBND").unwrap());
                    if let Some(scope) = scope {
                        rec = rec.with_scope(scope);
                    }
                    review = review.recognised(rec);
                }
                it = it.with_review(review);
            }
            if let Some(date) = applied {
                it = it.with_application(match date {
                    Some(days) => Application::on(first + chrono::Days::new(days)),
                    None => Application::undated(),
                });
            }
            let json = serde_json::to_string(&it).unwrap();
            prop_assert_eq!(serde_json::from_str::<Initiative>(&json).unwrap(), it);
        }
    }
}
