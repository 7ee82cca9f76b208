//! Fixture builders for users' own tests (feature `testing`): a small hierarchy with
//! members, grades, facts and stated figures in a few lines.
//!
//! ```
//! use thidua::testing::DatasetBuilder;
//! use thidua::{Bloc, Members, UnitKind};
//!
//! let model = DatasetBuilder::new("2024-05-31")?
//!     .unit("HN.GL", UnitKind::DistrictFederation, "LĐLĐ huyện Gia Lâm", None)?
//!     .grassroots("HN.GL.MNA", "Công đoàn Trường Mầm non A", "HN.GL", Bloc::Schools, 40, 38)?
//!     .grassroots("HN.GL.CTB", "Công đoàn Công ty B", "HN.GL", Bloc::ProductionBusiness, 25, 5)?
//!     .model()?;
//! let tree = model.hierarchy.as_of(thidua::parse_date("31/05/2024")?);
//! let gl = tree.node_by_code("HN.GL").ok_or("no unit")?;
//! let members = model.rollup(&Members, &tree, Some(gl), None);
//! assert_eq!(members.total(gl), Some(&65));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;

use crate::dataset::figure::{FigureValue, StatedFigure};
use crate::dataset::file::{CollectiveFactRecord, Dataset, FactRecord, Model};
use crate::diagnostic::Diagnostics;
use crate::org::kind::{Bloc, UnitKind};
use crate::org::unit::{UnitCode, UnitRecord};
use crate::people::member::{Gender, MemberRecord, Membership, Role};
use crate::rules::facts::{CollectiveFacts, MemberFacts, TaskGrade};
use crate::value::id::{MemberId, UnitId};
use crate::value::period::{Period, parse_date};
use crate::value::text::UnitName;

/// An error in a fixture (a bad code, name or date).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid fixture: {message}")]
pub struct FixtureError {
    message: String,
}

fn fixture<E: std::fmt::Display>(e: E) -> FixtureError {
    FixtureError {
        message: e.to_string(),
    }
}

/// Builds a [`Dataset`] step by step. Units are named by code; ids are derived from
/// the codes; members are generated with ids derived from their unit's code.
#[derive(Debug, Clone)]
pub struct DatasetBuilder {
    dataset: Dataset,
    since: NaiveDate,
}

impl DatasetBuilder {
    /// A builder whose units and members exist from `since` (`yyyy-mm-dd` or
    /// `dd/mm/yyyy`).
    ///
    /// # Errors
    /// [`FixtureError`] for a malformed date.
    pub fn new(since: &str) -> Result<Self, FixtureError> {
        Ok(Self {
            dataset: Dataset::default(),
            since: parse_date(since).map_err(fixture)?,
        })
    }

    /// Adds a unit under `parent` (by code), or a root.
    ///
    /// # Errors
    /// [`FixtureError`] for a bad code or name.
    pub fn unit(
        mut self,
        code: &str,
        kind: UnitKind,
        name: &str,
        parent: Option<&str>,
    ) -> Result<Self, FixtureError> {
        let mut r = UnitRecord::new(
            UnitId::from_key(code),
            UnitCode::try_new(code).map_err(fixture)?,
            kind,
            UnitName::try_new(name).map_err(fixture)?,
        )
        .established_on(self.since);
        if let Some(p) = parent {
            r = r.with_parent(UnitId::from_key(p));
        }
        self.dataset.units.push(r);
        Ok(self)
    }

    /// Adds a grassroots union of a bloc (`None`: not classified) under `parent`,
    /// with `members` members of whom `women` are women (`None`: genders not
    /// recorded).
    ///
    /// # Errors
    /// [`FixtureError`] for a bad code or name, or more women than members.
    pub fn grassroots(
        mut self,
        code: &str,
        name: &str,
        parent: &str,
        bloc: impl Into<Option<Bloc>>,
        members: u64,
        women: impl Into<Option<u64>>,
    ) -> Result<Self, FixtureError> {
        let (women, bloc) = (women.into(), bloc.into());
        if let Some(w) = women.filter(|w| *w > members) {
            return Err(FixtureError {
                message: format!("{w} women among {members} members of {code:?}"),
            });
        }
        self = self.unit(code, UnitKind::Grassroots, name, Some(parent))?;
        if let Some(bloc) = bloc
            && let Some(u) = self.dataset.units.pop()
        {
            self.dataset.units.push(u.with_bloc(bloc));
        }
        for k in 0..members {
            let id = MemberId::from_key(&format!("{code}/{k}"));
            let mut record = MemberRecord::new(id);
            if let Some(w) = women {
                record = record.with_gender(if k < w { Gender::Female } else { Gender::Male });
            }
            if bloc == Some(Bloc::Schools) {
                record = record.with_role(if k == 0 { Role::Manager } else { Role::Teacher });
            }
            self.dataset.members.push(record);
            self.dataset
                .memberships
                .push(Membership::new(id, UnitId::from_key(code)).joined_on(self.since));
        }
        Ok(self)
    }

    /// Grades a collective for a period.
    #[must_use]
    pub fn grade(mut self, unit: &str, period: Period, grade: TaskGrade) -> Self {
        self.dataset.collective_facts.push(CollectiveFactRecord {
            unit: UnitId::from_key(unit),
            period,
            facts: CollectiveFacts::new().with_grade(grade),
        });
        self
    }

    /// Sets the facts of the `k`-th member of a grassroots union for a period.
    #[must_use]
    pub fn member_facts(mut self, unit: &str, k: u64, period: Period, facts: MemberFacts) -> Self {
        self.dataset.facts.push(FactRecord {
            member: MemberId::from_key(&format!("{unit}/{k}")),
            period,
            facts,
        });
        self
    }

    /// Adds a figure as a source states it.
    #[must_use]
    pub fn stated(
        mut self,
        unit: &str,
        key: &str,
        bloc: Option<Bloc>,
        value: FigureValue,
        quote: &str,
    ) -> Self {
        self.dataset.stated.push(StatedFigure {
            unit: UnitId::from_key(unit),
            key: key.to_owned(),
            value,
            bloc,
            period: self.dataset.meta.period,
            as_of: None,
            label: None,
            label_en: None,
            share_of: None,
            period_text: None,
            quote: (!quote.is_empty()).then(|| quote.to_owned()),
        });
        self
    }

    /// Sets what the dataset reports on.
    #[must_use]
    pub fn subject(mut self, unit: &str, period: Option<Period>, as_of: Option<NaiveDate>) -> Self {
        self.dataset.meta.subject = Some(UnitId::from_key(unit));
        self.dataset.meta.period = period;
        self.dataset.meta.as_of = as_of;
        self
    }

    /// Gives access to the dataset for anything the builder has no step for.
    pub fn dataset_mut(&mut self) -> &mut Dataset {
        &mut self.dataset
    }

    /// The dataset built.
    pub fn build(self) -> Dataset {
        self.dataset
    }

    /// The dataset, validated.
    ///
    /// # Errors
    /// The dataset's [`Diagnostics`].
    pub fn model(self) -> Result<Model, Diagnostics> {
        self.dataset.into_model()
    }
}
