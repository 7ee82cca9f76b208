//! The checked collection of initiatives and the queries rules and reports need.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::diagnostic::{DataPath, Diagnostic, Diagnostics, Severity};
use crate::initiative::level::{InfluenceScope, RecognitionLevel};
use crate::initiative::record::{Initiative, ReportedFunnel};
use crate::initiative::{may_fit_within, period_within};
use crate::org::hierarchy::{Hierarchy, NONE};
use crate::org::snapshot::{Node, Snapshot};
use crate::people::roster::Roster;
use crate::value::format::Lang;
use crate::value::id::{InitiativeId, MemberId};
use crate::value::period::Period;
use crate::value::ratio::Ratio;

/// What counts as a recognised initiative for a query: recognised at a level's tier
/// or higher, optionally with at least a scope of influence, optionally only by
/// recognitions dated on or before a day.
///
/// ```
/// use chrono::NaiveDate;
/// use thidua::{InfluenceScope, RecognitionFilter, RecognitionLevel};
///
/// let day = NaiveDate::from_ymd_opt(2024, 5, 31).ok_or("date")?;
/// let filter = RecognitionFilter::at_least(RecognitionLevel::Province)
///     .with_scope_at_least(InfluenceScope::SectorOrProvince)
///     .as_of(day);
/// assert_eq!(filter.level(), RecognitionLevel::Province);
/// assert_eq!(filter.scope(), Some(InfluenceScope::SectorOrProvince));
/// assert_eq!(filter.date(), Some(day));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RecognitionFilter {
    level: RecognitionLevel,
    scope: Option<InfluenceScope>,
    as_of: Option<NaiveDate>,
}

impl RecognitionFilter {
    /// Recognitions at `level`'s tier or higher (province and ministry are one tier),
    /// any scope, any date.
    pub fn at_least(level: RecognitionLevel) -> Self {
        Self {
            level,
            scope: None,
            as_of: None,
        }
    }

    /// Only recognitions that state a scope of influence at least `scope`; a
    /// recognition that states none does not count.
    #[must_use]
    pub fn with_scope_at_least(mut self, scope: InfluenceScope) -> Self {
        self.scope = Some(scope);
        self
    }

    /// Only recognitions dated on or before `date`.
    #[must_use]
    pub fn as_of(mut self, date: NaiveDate) -> Self {
        self.as_of = Some(date);
        self
    }

    /// The lowest level counted.
    pub fn level(&self) -> RecognitionLevel {
        self.level
    }

    /// The narrowest scope counted, if any is required.
    pub fn scope(&self) -> Option<InfluenceScope> {
        self.scope
    }

    /// The last day a recognition may carry, if limited.
    pub fn date(&self) -> Option<NaiveDate> {
        self.as_of
    }
}

/// Initiatives counted from the records for a unit's area, a period and a day:
/// submitted → recognised → applied (see [`Initiatives::funnel`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Funnel {
    submitted: u64,
    recognised: u64,
    applied: u64,
}

impl Funnel {
    /// Initiatives submitted.
    pub fn submitted(&self) -> u64 {
        self.submitted
    }

    /// Initiatives recognised.
    pub fn recognised(&self) -> u64 {
        self.recognised
    }

    /// Initiatives applied in practice.
    pub fn applied(&self) -> u64 {
        self.applied
    }

    /// Recognised out of submitted (`257/305`); `None` when none were submitted.
    pub fn recognition_ratio(&self) -> Option<Ratio> {
        Ratio::new(self.recognised, self.submitted).ok()
    }

    /// Applied out of submitted (`89/248`); `None` when none were submitted.
    pub fn application_ratio(&self) -> Option<Ratio> {
        Ratio::new(self.applied, self.submitted).ok()
    }
}

/// Initiatives and reported funnel figures, checked against the hierarchy and the
/// roster, with the queries the rules and reports need.
///
/// ```
/// use chrono::NaiveDate;
/// use thidua::{
///     Hierarchy, Initiative, InitiativeId, Initiatives, Label, MemberId, MemberRecord,
///     Membership, RecognitionFilter, RecognitionLevel, Recognition, Review, Roster,
///     UnitCode, UnitId, UnitKind, UnitName, UnitRecord,
/// };
///
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
/// let school = UnitRecord::new(
///     UnitId::from_key("HN.TH.TH001"),
///     UnitCode::try_new("HN.TH.TH001")?,
///     UnitKind::Grassroots,
///     UnitName::try_new("Công đoàn Trường Tiểu học Quảng An")?,
/// );
/// let hierarchy = Hierarchy::build(vec![school], vec![], vec![]).map_err(|d| d.to_string())?;
/// let teacher = MemberId::from_key("gv-001");
/// let roster = Roster::build(
///     &hierarchy,
///     vec![MemberRecord::new(teacher)],
///     vec![Membership::new(teacher, UnitId::from_key("HN.TH.TH001"))],
///     vec![],
/// )
/// .map_err(|d| d.to_string())?;
/// let skkn = Initiative::new(
///     InitiativeId::from_key("th/2019-2020/1"),
///     Label::try_new("Dạy học theo góc")?,
///     UnitId::from_key("HN.TH.TH001"),
///     "năm học 2019-2020".parse()?,
/// )
/// .with_author(teacher)
/// .with_review(Review::new(RecognitionLevel::District).recognised(Recognition::new(day(2020, 3, 2)?)));
/// let book = Initiatives::build(&hierarchy, &roster, vec![skkn], vec![]).map_err(|d| d.to_string())?;
///
/// let year = "năm học 2019-2020".parse()?;
/// let at_district = RecognitionFilter::at_least(RecognitionLevel::District);
/// assert_eq!(book.recognised_for(teacher, year, at_district).len(), 1);
/// // Recognitions dated after the day asked about do not count.
/// assert!(book.recognised_for(teacher, year, at_district.as_of(day(2020, 3, 1)?)).is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Initiatives {
    items: Vec<Initiative>,
    index: HashMap<InitiativeId, u32>,
    by_author: HashMap<MemberId, Vec<u32>>,
    /// Hierarchy index of each initiative's unit.
    units: Vec<u32>,
    reports: Vec<ReportedFunnel>,
    warnings: Diagnostics,
}

fn initiative_path(i: usize) -> DataPath {
    DataPath::root().key("initiatives").index(i)
}

fn report_path(k: usize) -> DataPath {
    DataPath::root().key("initiative_reports").index(k)
}

impl Initiatives {
    /// Checks and indexes initiatives and reported funnel figures.
    ///
    /// # Errors
    /// Every problem, with paths `$.initiatives[i]` and `$.initiative_reports[i]`:
    /// duplicate ids (`initiative.duplicate_id`), initiatives without authors
    /// (`initiative.no_authors`), unknown authors or units
    /// (`initiative.unknown_member`, `initiative.unknown_unit`), two reviews at one
    /// level (`initiative.duplicate_review`), and reports about unknown units
    /// (`initiative_report.unknown_unit`). Warnings — an author listed twice
    /// (`initiative.duplicate_author`), a recognition dated before the submission
    /// (`initiative.recognised_before_submission`), reported figures where more were
    /// recognised or applied than submitted
    /// (`initiative_report.recognised_exceeds_submitted`,
    /// `initiative_report.applied_exceeds_submitted`) — do not fail the build: they
    /// are kept in [`Initiatives::warnings`], the figures as given.
    pub fn build(
        hierarchy: &Hierarchy,
        roster: &Roster,
        initiatives: Vec<Initiative>,
        reports: Vec<ReportedFunnel>,
    ) -> Result<Initiatives, Diagnostics> {
        let mut report = Diagnostics::new();
        let mut book = Self::check(hierarchy, roster, initiatives, reports, &mut report);
        if report.has_errors() {
            return Err(report);
        }
        book.warnings = report;
        Ok(book)
    }

    /// Checks everything, adding problems to `report`; the result is meaningful only
    /// when no error was added.
    pub(crate) fn check(
        hierarchy: &Hierarchy,
        roster: &Roster,
        initiatives: Vec<Initiative>,
        reports: Vec<ReportedFunnel>,
        report: &mut Diagnostics,
    ) -> Initiatives {
        let mut push = |d: Diagnostic| report.push(d);
        let mut index = HashMap::with_capacity(initiatives.len());
        let mut by_author: HashMap<MemberId, Vec<u32>> = HashMap::new();
        let mut units = Vec::with_capacity(initiatives.len());
        for (i, item) in initiatives.iter().enumerate() {
            let path = initiative_path(i);
            let n = u32::try_from(i).unwrap_or(u32::MAX);
            if let Some(first) = index.insert(item.id(), n) {
                index.insert(item.id(), first);
                push(
                    Diagnostic::of(
                        "initiative.duplicate_id",
                        Severity::Error,
                        path.clone().key("id"),
                    )
                    .arg("id", item.id())
                    .arg("first", format!("$.initiatives[{first}]")),
                );
            }
            let unit = hierarchy.index_of(item.unit());
            if unit.is_none() {
                push(
                    Diagnostic::of(
                        "initiative.unknown_unit",
                        Severity::Error,
                        path.clone().key("unit"),
                    )
                    .arg("unit", item.unit()),
                );
            }
            units.push(unit.unwrap_or(NONE));
            if item.authors().is_empty() {
                push(
                    Diagnostic::of(
                        "initiative.no_authors",
                        Severity::Error,
                        path.clone().key("authors"),
                    )
                    .quoted("title", item.title().as_str()),
                );
            }
            for (j, &author) in item.authors().iter().enumerate() {
                let at = path.clone().key("authors").index(j);
                if roster.member(author).is_none() {
                    push(
                        Diagnostic::of("initiative.unknown_member", Severity::Error, at)
                            .arg("member", author),
                    );
                } else if item.authors().get(..j).is_some_and(|a| a.contains(&author)) {
                    push(
                        Diagnostic::of("initiative.duplicate_author", Severity::Warning, at)
                            .arg("member", author)
                            .quoted("title", item.title().as_str()),
                    );
                } else {
                    by_author.entry(author).or_default().push(n);
                }
            }
            for (j, review) in item.reviews().iter().enumerate() {
                let at = path.clone().key("reviews").index(j);
                let earlier = item.reviews().get(..j).unwrap_or(&[]);
                if let Some(first) = earlier.iter().position(|r| r.level() == review.level()) {
                    push(
                        Diagnostic::of(
                            "initiative.duplicate_review",
                            Severity::Error,
                            at.clone().key("level"),
                        )
                        .quoted("title", item.title().as_str())
                        .words(
                            "level",
                            review.level().label_vi(),
                            review.level().label_en(),
                        )
                        .arg("first", path.clone().key("reviews").index(first)),
                    );
                }
                let Some(recognition) = review.recognition() else {
                    continue;
                };
                let submitted = [review.submitted(), item.submitted()]
                    .into_iter()
                    .flatten()
                    .max();
                if let Some(submitted) = submitted
                    && recognition.date() < submitted
                {
                    push(
                        Diagnostic::of(
                            "initiative.recognised_before_submission",
                            Severity::Warning,
                            at.key("recognition").key("date"),
                        )
                        .quoted("title", item.title().as_str())
                        .words(
                            "level",
                            review.level().label_vi(),
                            review.level().label_en(),
                        )
                        .date("recognised", recognition.date())
                        .date("submitted", submitted),
                    );
                }
            }
        }

        for (k, figures) in reports.iter().enumerate() {
            let path = report_path(k);
            let Some(unit) = hierarchy.unit(figures.scope()) else {
                push(
                    Diagnostic::of(
                        "initiative_report.unknown_unit",
                        Severity::Error,
                        path.key("scope"),
                    )
                    .arg("unit", figures.scope()),
                );
                continue;
            };
            let Some(submitted) = figures.submitted() else {
                continue;
            };
            let (period_vi, period_en) =
                (figures.period().label_vi(), figures.period().to_string());
            let (submitted_vi, submitted_en) = (
                submitted.to_string_in(Lang::Vi),
                submitted.to_string_in(Lang::En),
            );
            for (part, field) in [
                (figures.recognised(), "recognised"),
                (figures.applied(), "applied"),
            ] {
                if let Some(part) = part
                    && !may_fit_within(part, submitted)
                {
                    let at = path.clone().key(field);
                    let (part_vi, part_en) =
                        (part.to_string_in(Lang::Vi), part.to_string_in(Lang::En));
                    push(if field == "applied" {
                        Diagnostic::of(
                            "initiative_report.applied_exceeds_submitted",
                            Severity::Warning,
                            at,
                        )
                        .quoted("unit", unit.code().as_str())
                        .words("period", period_vi.clone(), period_en.clone())
                        .words("part", part_vi, part_en)
                        .words(
                            "submitted",
                            submitted_vi.clone(),
                            submitted_en.clone(),
                        )
                    } else {
                        Diagnostic::of(
                            "initiative_report.recognised_exceeds_submitted",
                            Severity::Warning,
                            at,
                        )
                        .quoted("unit", unit.code().as_str())
                        .words("period", period_vi.clone(), period_en.clone())
                        .words("part", part_vi, part_en)
                        .words(
                            "submitted",
                            submitted_vi.clone(),
                            submitted_en.clone(),
                        )
                    });
                }
            }
        }

        Initiatives {
            items: initiatives,
            index,
            by_author,
            units,
            reports,
            warnings: Diagnostics::new(),
        }
    }

    pub(crate) fn set_warnings(&mut self, warnings: Diagnostics) {
        self.warnings = warnings;
    }

    /// Warnings found while building (the build fails on errors).
    pub fn warnings(&self) -> &Diagnostics {
        &self.warnings
    }

    /// The initiatives, in the order given.
    pub fn as_slice(&self) -> &[Initiative] {
        &self.items
    }

    /// The number of initiatives.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The initiative with this id.
    pub fn initiative(&self, id: InitiativeId) -> Option<&Initiative> {
        let i = self.index.get(&id)?;
        self.items.get(*i as usize)
    }

    /// A member's initiatives (as an author), each once, in the order given.
    pub fn of_member(&self, member: MemberId) -> impl Iterator<Item = &Initiative> + '_ {
        self.by_author
            .get(&member)
            .map(Vec::as_slice)
            .unwrap_or(&[])
            .iter()
            .filter_map(|&i| self.items.get(i as usize))
    }

    /// A member's initiatives written for a period within `period` and recognised as
    /// `filter` asks — each initiative once however many recognitions match, so that
    /// it counts once when used as a prerequisite (*điều kiện*) of a title, as for
    /// *Chiến sĩ thi đua cơ sở* (Law 06/2022/QH15 Đ.23) or *Chiến sĩ thi đua cấp Bộ,
    /// ngành, tỉnh* (Đ.22). An initiative counts for `period` when its own period lies
    /// within it (default spans).
    pub fn recognised_for(
        &self,
        member: MemberId,
        period: Period,
        filter: RecognitionFilter,
    ) -> Vec<&Initiative> {
        self.of_member(member)
            .filter(|it| period_within(&it.period(), &period))
            .filter(|it| it.is_recognised(filter.level, filter.scope, filter.as_of))
            .collect()
    }

    /// The funnel computed from the records for the area of `scope` in `snapshot`
    /// (units existing on the snapshot's day), initiatives written for a period
    /// within `period`, as of the snapshot's day.
    ///
    /// With a `level`: initiatives submitted to the council at that level (a review
    /// there, undated or dated on or before the day), those it recognised by the day,
    /// and those of the submitted that were applied by the day ("257/305 cấp Thành
    /// phố"). Without: initiatives registered (undated, or submitted by the day),
    /// those recognised at any level by the day, and those applied by the day ("248
    /// đăng ký, 89 ứng dụng").
    pub fn funnel(
        &self,
        snapshot: &Snapshot<'_>,
        scope: Node,
        period: Period,
        level: Option<RecognitionLevel>,
    ) -> Funnel {
        let day = snapshot.date();
        let range = snapshot.subtree_range(scope);
        let node_of = snapshot.node_index();
        let by_day = |d: Option<NaiveDate>| d.is_none_or(|d| d <= day);
        let mut funnel = Funnel::default();
        for (item, &unit) in self.items.iter().zip(&self.units) {
            let in_scope = node_of
                .get(unit as usize)
                .is_some_and(|&n| n != NONE && range.contains(&(n as usize)));
            if !in_scope || !period_within(&item.period(), &period) {
                continue;
            }
            let (submitted, recognised) = match level {
                Some(level) => match item.review_at(level) {
                    Some(review) if by_day(review.submitted()) => {
                        (true, review.recognition().is_some_and(|r| r.date() <= day))
                    }
                    _ => (false, false),
                },
                None => (
                    by_day(item.submitted()),
                    item.is_recognised(RecognitionLevel::Unit, None, Some(day)),
                ),
            };
            if !submitted {
                continue;
            }
            funnel.submitted += 1;
            funnel.recognised += u64::from(recognised);
            funnel.applied += u64::from(item.applied().is_some_and(|a| by_day(a.date())));
        }
        funnel
    }

    /// The reported funnel figures, in the order given.
    pub fn reported_funnels(&self) -> &[ReportedFunnel] {
        &self.reports
    }
}
