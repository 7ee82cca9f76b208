//! Fixture builders for users' own tests (feature `testing`): a small hierarchy with
//! members, transfers, titles, grades, facts and stated figures in a few lines.
//!
//! ```
//! use thidua::testing::{DatasetBuilder, Person};
//! use thidua::{Bloc, MemberId, Members, Role, UnitKind, codes};
//!
//! let model = DatasetBuilder::new("2023-09-01")?
//!     .unit("HN.GL", UnitKind::DistrictFederation, "LĐLĐ huyện Gia Lâm", None)?
//!     .grassroots("HN.GL.MNA", "Công đoàn Trường Mầm non A", "HN.GL", Bloc::Schools, 40, 38)?
//!     .grassroots("HN.GL.CTB", "Công đoàn Công ty B", "HN.GL", Bloc::ProductionBusiness, 25, 5)?
//!     .member("lan", "HN.GL.MNA", Person::new().woman().role(Role::Teacher))?
//!     .confer("lan", codes::LDTT, "năm học 2023-2024")?
//!     .model()?;
//! let tree = model.hierarchy.as_of(thidua::parse_date("31/05/2024")?);
//! let gl = tree.node_by_code("HN.GL").ok_or("no unit")?;
//! let members = model.rollup(&Members, &tree, Some(gl), None);
//! assert_eq!(members.total(gl), Some(&66));
//! assert!(model.roster.member(MemberId::from_key("lan")).is_some());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Keys
//! Units are named by their code, members by a key the test chooses; ids derive
//! from them and are stable across runs and versions:
//! - the unit of code `C` has the id [`UnitId::from_key`]`("C")`;
//! - the member added as [`member`](DatasetBuilder::member)`("lan", …)` has the id
//!   [`MemberId::from_key`]`("lan")`;
//! - the `k`-th member (from 0) that [`grassroots`](DatasetBuilder::grassroots)
//!   makes for the unit `C` has the key `"C/k"`, so the id
//!   `MemberId::from_key("C/k")` — other steps name it `"C/k"` too.
//!
//! # Errors
//! Every step that names a unit, a member, a title, a date or a period checks it at
//! once and returns `Result<DatasetBuilder, FixtureError>`, so a fixture reads as
//! a chain of `?` and a mistake is reported at the step that made it, with the
//! code or key as written — not later as a UUID. [`DatasetBuilder::model`] then
//! validates the whole dataset as a file would be.

use std::collections::HashSet;

use chrono::NaiveDate;

use crate::award::catalogue::{Catalogue, TitleCode};
use crate::award::decision::{Conferral, Decision, DecisionNumber, Issuer, Recipient};
use crate::dataset::figure::{FigureValue, StatedFigure};
use crate::dataset::file::{CollectiveFactRecord, Dataset, FactRecord, Model};
use crate::diagnostic::Diagnostics;
use crate::org::kind::{Bloc, UnitKind};
use crate::org::unit::{UnitCode, UnitRecord};
use crate::people::member::{Gender, MemberRecord, Membership, Role};
use crate::rules::facts::{CollectiveFacts, MemberFacts, TaskGrade};
use crate::value::id::{DecisionId, MemberId, UnitId};
use crate::value::period::{Period, PeriodError, SchoolYear, Year, parse_date};
use crate::value::text::{PersonName, UnitName};

/// A mistake in a fixture, reported by the step that made it.
///
/// ```
/// use thidua::testing::{DatasetBuilder, FixtureError, Person};
/// use thidua::UnitKind;
///
/// let err = DatasetBuilder::new("2023-09-01")?
///     .unit("GL", UnitKind::DistrictFederation, "LĐLĐ huyện Gia Lâm", None)?
///     .member("lan", "GL.MNA", Person::new())
///     .unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "member \"lan\": unit \"GL.MNA\" is not in the fixture; add it first with `unit` or `grassroots`"
/// );
/// # Ok::<(), FixtureError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FixtureError {
    /// A code, name, date or period that does not read.
    #[error("{step}: {reason}")]
    Invalid {
        /// The step and the code or key it was given.
        step: String,
        /// What was being read (`date`, `unit code`, `period` …).
        what: &'static str,
        /// Why it does not read, quoting the input.
        reason: String,
    },
    /// A unit code that no earlier step added.
    #[error(
        "{step}: unit {code:?} is not in the fixture; add it first with `unit` or `grassroots`"
    )]
    UnknownUnit {
        /// The step.
        step: String,
        /// The code.
        code: String,
    },
    /// A unit code added twice.
    #[error("{step}: a unit has this code already")]
    DuplicateUnit {
        /// The step.
        step: String,
        /// The code.
        code: String,
    },
    /// Members placed in a unit whose kind holds none (a federation).
    #[error("{step}: unit {code:?} is a {kind} unit, which holds no members")]
    HoldsNoMembers {
        /// The step.
        step: String,
        /// The code.
        code: String,
        /// The unit's kind.
        kind: &'static str,
    },
    /// A member key that no earlier step added.
    #[error(
        "{step}: no member has this key; add the member first with `member` (the members `grassroots` makes for unit C are \"C/0\", \"C/1\" …)"
    )]
    UnknownMember {
        /// The step.
        step: String,
        /// The key.
        key: String,
    },
    /// A member key added twice.
    #[error("{step}: a member has this key already")]
    DuplicateMember {
        /// The step.
        step: String,
        /// The key.
        key: String,
    },
    /// A title or form that is neither built in nor among the dataset's titles.
    #[error("{step}: title {code:?} is not in the catalogue")]
    UnknownTitle {
        /// The step.
        step: String,
        /// The code.
        code: String,
    },
    /// A transfer or departure of a member who belongs to no unit the day before.
    #[error("{step}: the member belongs to no unit on the day before {date}")]
    NotAMember {
        /// The step.
        step: String,
        /// The key.
        key: String,
        /// The day of the transfer or departure.
        date: NaiveDate,
    },
    /// A transfer into the unit the member is in already.
    #[error("{step}: the member is in unit {code:?} already")]
    SameUnit {
        /// The step.
        step: String,
        /// The key.
        key: String,
        /// The unit's code.
        code: String,
    },
    /// A recruitment day given before the dataset's period: it is a fact of a
    /// period, and would otherwise be recorded for none.
    #[error(
        "{step}: a recruitment day is a fact of a period; set the dataset's period first with `period`"
    )]
    NoPeriod {
        /// The step.
        step: String,
    },
    /// More women than members in a grassroots union.
    #[error("{step}: {women} women among {members} members")]
    TooManyWomen {
        /// The step.
        step: String,
        /// Women asked for.
        women: u64,
        /// Members asked for.
        members: u64,
    },
}

/// A period given to a fixture step: a [`Period`], a [`Year`], a [`SchoolYear`],
/// or text such as `"năm học 2023-2024"`, `"2024"` or `"2023-2024"`, read as
/// [`Period`]'s `FromStr` reads it.
pub trait IntoPeriod {
    /// The period.
    ///
    /// # Errors
    /// [`PeriodError`] for text that is no period.
    fn into_period(self) -> Result<Period, PeriodError>;
}

impl IntoPeriod for Period {
    fn into_period(self) -> Result<Period, PeriodError> {
        Ok(self)
    }
}

impl IntoPeriod for &Period {
    fn into_period(self) -> Result<Period, PeriodError> {
        Ok(*self)
    }
}

impl IntoPeriod for Year {
    fn into_period(self) -> Result<Period, PeriodError> {
        Ok(self.into())
    }
}

impl IntoPeriod for SchoolYear {
    fn into_period(self) -> Result<Period, PeriodError> {
        Ok(self.into())
    }
}

impl IntoPeriod for &str {
    fn into_period(self) -> Result<Period, PeriodError> {
        self.parse()
    }
}

/// One member, as [`DatasetBuilder::member`] adds them. Dates are written
/// `yyyy-mm-dd` or `dd/mm/yyyy` and checked by the step.
///
/// Defaults: gender, role, name, birth and recruitment dates not recorded (a
/// figure that needs them says so rather than guessing); the member joins the unit
/// on the builder's `since` day.
///
/// ```
/// use thidua::testing::Person;
/// use thidua::Role;
///
/// let teacher = Person::new().woman().role(Role::Teacher).recruited("2023-10-01").joined("2023-10-01");
/// # let _ = teacher;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Person {
    gender: Option<Gender>,
    role: Option<Role>,
    name: Option<String>,
    joined: Option<String>,
    recruited: Option<String>,
    born: Option<String>,
}

impl Person {
    /// A member of whom nothing is recorded but the id.
    pub fn new() -> Self {
        Self::default()
    }

    /// A woman (*nữ*).
    #[must_use]
    pub fn woman(self) -> Self {
        self.gender(Gender::Female)
    }

    /// A man (*nam*).
    #[must_use]
    pub fn man(self) -> Self {
        self.gender(Gender::Male)
    }

    /// Sets the gender.
    #[must_use]
    pub fn gender(mut self, gender: Gender) -> Self {
        self.gender = Some(gender);
        self
    }

    /// Sets the role (CBQL, GV, NV …).
    #[must_use]
    pub fn role(mut self, role: Role) -> Self {
        self.role = Some(role);
        self
    }

    /// Sets the name.
    #[must_use]
    pub fn named(mut self, name: &str) -> Self {
        self.name = Some(name.to_owned());
        self
    }

    /// Sets the day the member joins the unit (instead of the builder's `since`).
    #[must_use]
    pub fn joined(mut self, date: &str) -> Self {
        self.joined = Some(date.to_owned());
        self
    }

    /// Sets the recruitment day (*ngày tuyển dụng*). It is a fact of each period:
    /// the builder writes it into the member's facts for the dataset's period
    /// ([`DatasetBuilder::period`], to be set before) and for every other period
    /// it records facts for.
    #[must_use]
    pub fn recruited(mut self, date: &str) -> Self {
        self.recruited = Some(date.to_owned());
        self
    }

    /// Sets the birth date.
    #[must_use]
    pub fn born(mut self, date: &str) -> Self {
        self.born = Some(date.to_owned());
        self
    }
}

/// Builds a [`Dataset`] step by step; see the [module docs](self) for keys and
/// errors.
///
/// Defaults: every unit is established on the `since` day given to
/// [`DatasetBuilder::new`], and every member joins on it unless
/// [`Person::joined`] says otherwise; decisions made by
/// [`confer`](DatasetBuilder::confer) are signed on the last day of their period.
#[derive(Debug, Clone)]
pub struct DatasetBuilder {
    dataset: Dataset,
    since: NaiveDate,
    recruited: Vec<(MemberId, NaiveDate)>,
    decisions: u32,
}

fn step(name: &str, subject: &str) -> String {
    format!("{name} {subject:?}")
}

fn date(step_name: &str, text: &str) -> Result<NaiveDate, FixtureError> {
    parse_date(text).map_err(|e| FixtureError::Invalid {
        step: step_name.to_owned(),
        what: "date",
        reason: e.to_string(),
    })
}

fn period(step_name: &str, p: impl IntoPeriod) -> Result<Period, FixtureError> {
    p.into_period().map_err(|e| FixtureError::Invalid {
        step: step_name.to_owned(),
        what: "period",
        reason: e.to_string(),
    })
}

impl DatasetBuilder {
    /// A builder whose units and members exist from `since` (`yyyy-mm-dd` or
    /// `dd/mm/yyyy`).
    ///
    /// # Errors
    /// [`FixtureError::Invalid`] for a malformed date.
    pub fn new(since: &str) -> Result<Self, FixtureError> {
        Ok(Self {
            dataset: Dataset::default(),
            since: date("new", since)?,
            recruited: Vec::new(),
            decisions: 0,
        })
    }

    fn unit_record(&self, step: &str, code: &str) -> Result<&UnitRecord, FixtureError> {
        self.dataset
            .units
            .iter()
            .find(|u| u.code().as_str() == code)
            .ok_or_else(|| FixtureError::UnknownUnit {
                step: step.to_owned(),
                code: code.to_owned(),
            })
    }

    fn member_unit(&self, step: &str, code: &str) -> Result<UnitId, FixtureError> {
        let unit = self.unit_record(step, code)?;
        if !unit.kind().holds_members() {
            return Err(FixtureError::HoldsNoMembers {
                step: step.to_owned(),
                code: code.to_owned(),
                kind: unit.kind().code(),
            });
        }
        Ok(unit.id())
    }

    fn known_member(&self, step: &str, key: &str) -> Result<MemberId, FixtureError> {
        let id = MemberId::from_key(key);
        if self.dataset.members.iter().any(|m| m.id() == id) {
            Ok(id)
        } else {
            Err(FixtureError::UnknownMember {
                step: step.to_owned(),
                key: key.to_owned(),
            })
        }
    }

    /// Adds a unit under `parent` (by code, added before), or a root.
    ///
    /// # Errors
    /// [`FixtureError::Invalid`] for a bad code or name,
    /// [`FixtureError::DuplicateUnit`], or [`FixtureError::UnknownUnit`] for the
    /// parent.
    pub fn unit(
        mut self,
        code: &str,
        kind: UnitKind,
        name: &str,
        parent: Option<&str>,
    ) -> Result<Self, FixtureError> {
        let at = step("unit", code);
        let invalid = |what, e: &dyn std::fmt::Display| FixtureError::Invalid {
            step: at.clone(),
            what,
            reason: e.to_string(),
        };
        let unit_code = UnitCode::try_new(code).map_err(|e| invalid("unit code", &e))?;
        let unit_name = UnitName::try_new(name).map_err(|e| invalid("unit name", &e))?;
        if self.unit_record(&at, code).is_ok() {
            return Err(FixtureError::DuplicateUnit {
                step: at,
                code: code.to_owned(),
            });
        }
        let mut r = UnitRecord::new(UnitId::from_key(code), unit_code, kind, unit_name)
            .established_on(self.since);
        if let Some(p) = parent {
            r = r.with_parent(self.unit_record(&at, p)?.id());
        }
        self.dataset.units.push(r);
        Ok(self)
    }

    /// Adds a grassroots union of a bloc (`None`: not classified) under `parent`,
    /// with `members` members of whom `women` are women (`None`: genders not
    /// recorded).
    ///
    /// The members' keys are `"{code}/0"`, `"{code}/1"` …; the first `women` of
    /// them are women and the rest men. In the schools bloc member `"{code}/0"` is
    /// a manager (CBQL) and the others teachers (GV); in other blocs roles are not
    /// recorded. All join on the builder's `since` day.
    ///
    /// # Errors
    /// As [`DatasetBuilder::unit`], [`FixtureError::TooManyWomen`], and
    /// [`FixtureError::DuplicateMember`] when a member added before has one of
    /// the keys.
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
            return Err(FixtureError::TooManyWomen {
                step: step("grassroots", code),
                women: w,
                members,
            });
        }
        self = self.unit(code, UnitKind::Grassroots, name, Some(parent))?;
        if let Some(bloc) = bloc
            && let Some(u) = self.dataset.units.pop()
        {
            self.dataset.units.push(u.with_bloc(bloc));
        }
        let unit = UnitId::from_key(code);
        let taken: HashSet<MemberId> = self.dataset.members.iter().map(MemberRecord::id).collect();
        for k in 0..members {
            let key = format!("{code}/{k}");
            let id = MemberId::from_key(&key);
            if taken.contains(&id) {
                return Err(FixtureError::DuplicateMember {
                    step: format!("grassroots {code:?}, member {key:?}"),
                    key,
                });
            }
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
                .push(Membership::new(id, unit).joined_on(self.since));
        }
        Ok(self)
    }

    /// Adds one member of a unit (by code), with the key the test names the
    /// member by (see [`Person`] for what is recorded and the defaults).
    ///
    /// ```
    /// use thidua::testing::{DatasetBuilder, Person};
    /// use thidua::{Bloc, Gender, MemberId, Role, UnitKind};
    ///
    /// let model = DatasetBuilder::new("2020-09-01")?
    ///     .unit("GL", UnitKind::DistrictFederation, "LĐLĐ huyện Gia Lâm", None)?
    ///     .grassroots("GL.MNA", "Công đoàn Trường Mầm non A", "GL", Bloc::Schools, 0, 0)?
    ///     .member("lan", "GL.MNA", Person::new().woman().role(Role::Teacher).joined("2023-10-01"))?
    ///     .model()?;
    /// let lan = model.roster.member(MemberId::from_key("lan")).ok_or("no member")?;
    /// assert_eq!((lan.gender(), lan.role()), (Some(Gender::Female), Some(Role::Teacher)));
    /// let on = |d| thidua::parse_date(d);
    /// assert!(model.roster.membership_on(lan.id(), on("2023-09-30")?).is_none());
    /// assert!(model.roster.membership_on(lan.id(), on("2023-10-01")?).is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`FixtureError::DuplicateMember`], [`FixtureError::UnknownUnit`],
    /// [`FixtureError::HoldsNoMembers`], [`FixtureError::Invalid`] for a bad
    /// name or date, or [`FixtureError::NoPeriod`] for a recruitment day given
    /// before the dataset's period.
    pub fn member(mut self, key: &str, unit: &str, person: Person) -> Result<Self, FixtureError> {
        let at = step("member", key);
        let id = MemberId::from_key(key);
        if self.dataset.members.iter().any(|m| m.id() == id) {
            return Err(FixtureError::DuplicateMember {
                step: at,
                key: key.to_owned(),
            });
        }
        let unit = self.member_unit(&at, unit)?;
        let day = |d: &Option<String>| d.as_deref().map(|d| date(&at, d)).transpose();
        let joined = day(&person.joined)?.unwrap_or(self.since);
        let recruited = day(&person.recruited)?;
        let born = day(&person.born)?;
        let mut record = MemberRecord::new(id);
        if let Some(name) = &person.name {
            let name = PersonName::try_new(name).map_err(|e| FixtureError::Invalid {
                step: at.clone(),
                what: "name",
                reason: e.to_string(),
            })?;
            record = record.with_name(name);
        }
        if let Some(g) = person.gender {
            record = record.with_gender(g);
        }
        if let Some(r) = person.role {
            record = record.with_role(r);
        }
        if let Some(b) = born {
            record = record.with_birth_date(b);
        }
        if let Some(r) = recruited {
            if self.dataset.meta.period.is_none() {
                return Err(FixtureError::NoPeriod { step: at });
            }
            self.recruited.push((id, r));
        }
        self.dataset.members.push(record);
        self.dataset
            .memberships
            .push(Membership::new(id, unit).joined_on(joined));
        Ok(self)
    }

    /// The index of the member's membership holding on the day before `on`, for
    /// a transfer or departure on `on`.
    fn current_membership(
        &self,
        at: &str,
        key: &str,
        on: NaiveDate,
    ) -> Result<usize, FixtureError> {
        let id = self.known_member(at, key)?;
        let before = on.pred_opt().unwrap_or(on);
        self.dataset
            .memberships
            .iter()
            .position(|m| m.member() == id && m.holds_on(before) && m.holds_on(on))
            .ok_or_else(|| FixtureError::NotAMember {
                step: at.to_owned(),
                key: key.to_owned(),
                date: on,
            })
    }

    /// Transfers a member to another unit on a day: the membership holding the
    /// day before ends on `on` (the first day no longer a member there) and one in
    /// the new unit starts on it, until the old one would have ended.
    ///
    /// # Errors
    /// [`FixtureError::Invalid`] for a bad date, [`FixtureError::UnknownMember`],
    /// [`FixtureError::UnknownUnit`], [`FixtureError::HoldsNoMembers`],
    /// [`FixtureError::NotAMember`] when the member belongs to no unit the day
    /// before, and [`FixtureError::SameUnit`].
    pub fn transfer(mut self, key: &str, to: &str, on: &str) -> Result<Self, FixtureError> {
        let at = step("transfer", key);
        let on = date(&at, on)?;
        let unit = self.member_unit(&at, to)?;
        let i = self.current_membership(&at, key, on)?;
        let Some(old) = self.dataset.memberships.get(i).copied() else {
            return Err(FixtureError::NotAMember {
                step: at,
                key: key.to_owned(),
                date: on,
            });
        };
        if old.unit() == unit {
            return Err(FixtureError::SameUnit {
                step: at,
                key: key.to_owned(),
                code: to.to_owned(),
            });
        }
        let mut ended = Membership::new(old.member(), old.unit()).left_on(on);
        if let Some(j) = old.joined() {
            ended = ended.joined_on(j);
        }
        let mut next = Membership::new(old.member(), unit).joined_on(on);
        if let Some(l) = old.left() {
            next = next.left_on(l);
        }
        if let Some(slot) = self.dataset.memberships.get_mut(i) {
            *slot = ended;
        }
        self.dataset.memberships.push(next);
        Ok(self)
    }

    /// A member leaves the union on a day (the first day no longer a member).
    ///
    /// # Errors
    /// [`FixtureError::Invalid`] for a bad date, [`FixtureError::UnknownMember`],
    /// and [`FixtureError::NotAMember`] when the member belongs to no unit the day
    /// before.
    pub fn leave(mut self, key: &str, on: &str) -> Result<Self, FixtureError> {
        let at = step("leave", key);
        let on = date(&at, on)?;
        let i = self.current_membership(&at, key, on)?;
        if let Some(slot) = self.dataset.memberships.get_mut(i) {
            *slot = slot.left_on(on);
        }
        Ok(self)
    }

    /// Confers a title or form on a member for a period: one decision per
    /// conferral, issued by the unit the member belongs to on the period's last
    /// day and signed on that day. `title` is a code from [`codes`](crate::codes)
    /// or one of the dataset's own titles (added to
    /// [`Dataset::titles`] through [`dataset_mut`](Self::dataset_mut)). A
    /// conferral counts in roll-ups for exactly this period (see
    /// [`Model::rollup`](crate::Model::rollup)).
    ///
    /// ```
    /// use thidua::testing::{DatasetBuilder, Person};
    /// use thidua::{Bloc, MemberId, Recipient, UnitKind, codes};
    ///
    /// let model = DatasetBuilder::new("2023-09-01")?
    ///     .unit("GL", UnitKind::DistrictFederation, "LĐLĐ huyện Gia Lâm", None)?
    ///     .grassroots("GL.MNA", "Công đoàn Trường Mầm non A", "GL", Bloc::Schools, 2, 2)?
    ///     .confer("GL.MNA/1", codes::CSTDCS, "năm học 2023-2024")?
    ///     .model()?;
    /// let held = model.awards.awards_of(Recipient::Member(MemberId::from_key("GL.MNA/1")), chrono::NaiveDate::MAX);
    /// assert_eq!(held.iter().map(|a| a.title.as_str()).collect::<Vec<_>>(), [codes::CSTDCS]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`FixtureError::UnknownMember`], [`FixtureError::UnknownTitle`], or
    /// [`FixtureError::Invalid`] for a bad period.
    pub fn confer(
        mut self,
        key: &str,
        title: &str,
        for_period: impl IntoPeriod,
    ) -> Result<Self, FixtureError> {
        let at = step("confer", key);
        let member = self.known_member(&at, key)?;
        let for_period = period(&at, for_period)?;
        let title = self.title(&at, title)?;
        let calendar = self.dataset.meta.calendar.clone().unwrap_or_default();
        let signed = for_period.span(&calendar).end();
        let unit = self
            .dataset
            .memberships
            .iter()
            .filter(|m| m.member() == member)
            .find(|m| m.holds_on(signed))
            .or_else(|| {
                self.dataset
                    .memberships
                    .iter()
                    .find(|m| m.member() == member)
            })
            .map(Membership::unit);
        self.decisions += 1;
        let n = self.decisions;
        let number: DecisionNumber =
            format!("{n}/QĐ-CĐ")
                .parse()
                .map_err(
                    |e: crate::award::catalogue::AwardError| FixtureError::Invalid {
                        step: at.clone(),
                        what: "decision number",
                        reason: e.to_string(),
                    },
                )?;
        let issuer = Issuer::Unit(unit.unwrap_or_else(|| UnitId::from_key("fixture")));
        self.dataset.decisions.push(Decision::new(
            DecisionId::from_key(&format!("fixture/decision/{n}")),
            number,
            signed,
            issuer,
            for_period,
            vec![Conferral::new(title, Recipient::Member(member))],
        ));
        Ok(self)
    }

    fn title(&self, at: &str, code: &str) -> Result<TitleCode, FixtureError> {
        let unknown = || FixtureError::UnknownTitle {
            step: at.to_owned(),
            code: code.to_owned(),
        };
        let code = TitleCode::try_new(code).map_err(|_| unknown())?;
        let known = Catalogue::builtin().get(code.as_str()).is_some()
            || self.dataset.titles.iter().any(|t| t.code() == &code);
        if known { Ok(code) } else { Err(unknown()) }
    }

    /// Grades a collective (by unit code) for a period.
    ///
    /// # Errors
    /// [`FixtureError::UnknownUnit`], or [`FixtureError::Invalid`] for a bad
    /// period.
    pub fn grade(
        mut self,
        unit: &str,
        for_period: impl IntoPeriod,
        grade: TaskGrade,
    ) -> Result<Self, FixtureError> {
        let at = "grade".to_owned();
        let unit = self.unit_record(&at, unit)?.id();
        let period = period(&at, for_period)?;
        self.dataset.collective_facts.push(CollectiveFactRecord {
            unit,
            period,
            facts: CollectiveFacts::new().with_grade(grade),
        });
        Ok(self)
    }

    /// Changes a member's facts for a period, starting from none.
    fn edit_facts(
        &mut self,
        member: MemberId,
        period: Period,
        edit: impl FnOnce(MemberFacts) -> MemberFacts,
    ) {
        let found = self
            .dataset
            .facts
            .iter_mut()
            .find(|f| f.member == member && f.period == period);
        match found {
            Some(r) => r.facts = edit(std::mem::take(&mut r.facts)),
            None => self.dataset.facts.push(FactRecord {
                member,
                period,
                facts: edit(MemberFacts::new()),
            }),
        }
    }

    /// Grades a member (by key) for a period, keeping the member's other facts
    /// for it.
    ///
    /// # Errors
    /// [`FixtureError::UnknownMember`], or [`FixtureError::Invalid`] for a bad
    /// period.
    pub fn member_grade(
        mut self,
        key: &str,
        for_period: impl IntoPeriod,
        grade: TaskGrade,
    ) -> Result<Self, FixtureError> {
        let at = step("member_grade", key);
        let member = self.known_member(&at, key)?;
        let period = period(&at, for_period)?;
        self.edit_facts(member, period, |f| f.with_grade(grade));
        Ok(self)
    }

    /// Sets a member's facts (by key) for a period, replacing any given before.
    /// The member's recruitment day ([`Person::recruited`]) is added when the
    /// dataset is built, unless `facts` give one.
    ///
    /// # Errors
    /// [`FixtureError::UnknownMember`], or [`FixtureError::Invalid`] for a bad
    /// period.
    pub fn facts(
        mut self,
        key: &str,
        for_period: impl IntoPeriod,
        facts: MemberFacts,
    ) -> Result<Self, FixtureError> {
        let at = step("facts", key);
        let member = self.known_member(&at, key)?;
        let period = period(&at, for_period)?;
        self.edit_facts(member, period, |_| facts);
        Ok(self)
    }

    /// Sets the period the dataset reports on (its `meta.period`), for which
    /// recruitment days are recorded as facts.
    ///
    /// # Errors
    /// [`FixtureError::Invalid`] for a bad period.
    pub fn period(mut self, of: impl IntoPeriod) -> Result<Self, FixtureError> {
        self.dataset.meta.period = Some(period("period", of)?);
        Ok(self)
    }

    /// Adds a figure as a source states it, for the dataset's period.
    ///
    /// # Errors
    /// [`FixtureError::UnknownUnit`].
    pub fn stated(
        mut self,
        unit: &str,
        key: &str,
        bloc: Option<Bloc>,
        value: FigureValue,
        quote: &str,
    ) -> Result<Self, FixtureError> {
        let unit = self.unit_record(&step("stated", key), unit)?.id();
        self.dataset.stated.push(StatedFigure {
            unit,
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
        Ok(self)
    }

    /// Sets what the dataset reports on: a unit (by code), a period and a day.
    ///
    /// # Errors
    /// [`FixtureError::UnknownUnit`].
    pub fn subject(
        mut self,
        unit: &str,
        period: Option<Period>,
        as_of: Option<NaiveDate>,
    ) -> Result<Self, FixtureError> {
        let unit = self.unit_record("subject", unit)?.id();
        self.dataset.meta.subject = Some(unit);
        self.dataset.meta.period = period;
        self.dataset.meta.as_of = as_of;
        Ok(self)
    }

    /// Gives access to the dataset for anything the builder has no step for.
    /// Recruitment days are not in it yet: they are added by
    /// [`build`](Self::build) and [`model`](Self::model).
    pub fn dataset_mut(&mut self) -> &mut Dataset {
        &mut self.dataset
    }

    /// The dataset built: recruitment days are written into the member's facts
    /// for every period facts are recorded for, and for the dataset's period.
    pub fn build(mut self) -> Dataset {
        let recruited = std::mem::take(&mut self.recruited);
        let reporting = self.dataset.meta.period;
        for (member, day) in recruited {
            if let Some(p) = reporting {
                self.edit_facts(member, p, |f| f);
            }
            for record in self.dataset.facts.iter_mut().filter(|f| f.member == member) {
                if record.facts.recruited_on().is_none() {
                    record.facts = std::mem::take(&mut record.facts).with_recruited_on(day);
                }
            }
        }
        self.dataset
    }

    /// The dataset, built and validated.
    ///
    /// # Errors
    /// The dataset's [`Diagnostics`].
    pub fn model(self) -> Result<Model, Diagnostics> {
        self.build().into_model()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn district() -> DatasetBuilder {
        DatasetBuilder::new("2023-09-01")
            .unwrap()
            .unit(
                "GL",
                UnitKind::DistrictFederation,
                "LĐLĐ huyện Gia Lâm",
                None,
            )
            .unwrap()
            .grassroots(
                "GL.A",
                "Công đoàn Trường Mầm non A",
                "GL",
                Bloc::Schools,
                2,
                1,
            )
            .unwrap()
    }

    fn err(r: Result<DatasetBuilder, FixtureError>) -> String {
        r.unwrap_err().to_string()
    }

    #[test]
    fn keys_give_stable_ids() {
        // Changing these changes every id users' fixtures and snapshots hold.
        insta::assert_snapshot!(MemberId::from_key("GL.A/0"), @"85544e24-8bd7-5adc-b765-ddf744ef4d9c");
        insta::assert_snapshot!(MemberId::from_key("lan"), @"f099ddd9-9aaf-5502-826f-ed3619842fcc");
        insta::assert_snapshot!(UnitId::from_key("GL.A"), @"114fb3e7-8b86-5a49-88d4-ae0be4c28128");
    }

    #[test]
    fn every_mistake_is_named_at_its_step() {
        let d = district;
        insta::assert_snapshot!(err(DatasetBuilder::new("31/02/2024")), @r#"new: invalid date "31/02/2024": there is no day 31 in month 2 of 2024"#);
        insta::assert_snapshot!(err(d().unit("GL", UnitKind::DistrictFederation, "X", None)), @r#"unit "GL": a unit has this code already"#);
        insta::assert_snapshot!(err(d().unit("GL.X", UnitKind::Grassroots, "X", Some("HN"))), @r#"unit "GL.X": unit "HN" is not in the fixture; add it first with `unit` or `grassroots`"#);
        insta::assert_snapshot!(err(d().unit("gl x", UnitKind::Grassroots, "X", None)), @r#"unit "gl x": invalid unit code "gl x": expected 1 to 64 ASCII letters, digits, '.', '-' or '_'"#);
        insta::assert_snapshot!(err(d().grassroots("GL.B", "B", "GL", None, 2, 3)), @r#"grassroots "GL.B": 3 women among 2 members"#);
        insta::assert_snapshot!(err(d().member("GL.A/1", "GL.A", Person::new())), @r#"member "GL.A/1": a member has this key already"#);
        insta::assert_snapshot!(err(d().member("lan", "GL", Person::new())), @r#"member "lan": unit "GL" is a district_federation unit, which holds no members"#);
        insta::assert_snapshot!(err(d().member("lan", "GL.A", Person::new().joined("2023-13-01"))), @r#"member "lan": invalid date "2023-13-01": there is no month 13"#);
        insta::assert_snapshot!(err(d().member("lan", "GL.A", Person::new()).unwrap().grassroots("GL.B", "B", "GL", None, 1, None).unwrap().member("lan", "GL.B", Person::new())), @r#"member "lan": a member has this key already"#);
        insta::assert_snapshot!(err(d().member("lan", "GL.A", Person::new().recruited("2023-10-01"))), @r#"member "lan": a recruitment day is a fact of a period; set the dataset's period first with `period`"#);
        insta::assert_snapshot!(err(d().transfer("GL.A/0", "GL.A", "2024-01-15")), @r#"transfer "GL.A/0": the member is in unit "GL.A" already"#);
        insta::assert_snapshot!(err(d().transfer("GL.A/0", "GL.Z", "2024-01-15")), @r#"transfer "GL.A/0": unit "GL.Z" is not in the fixture; add it first with `unit` or `grassroots`"#);
        insta::assert_snapshot!(err(d().transfer("GL.A/0", "GL.A", "2023-09-01")), @r#"transfer "GL.A/0": the member belongs to no unit on the day before 2023-09-01"#);
        insta::assert_snapshot!(err(d().leave("GL.A/7", "2024-01-15")), @r#"leave "GL.A/7": no member has this key; add the member first with `member` (the members `grassroots` makes for unit C are "C/0", "C/1" …)"#);
        insta::assert_snapshot!(err(d().confer("GL.A/0", "ldt", "2023-2024")), @r#"confer "GL.A/0": title "ldt" is not in the catalogue"#);
        insta::assert_snapshot!(err(d().confer("GL.A/0", codes_ldtt(), "quý 3")), @r#"confer "GL.A/0": invalid period "quý 3": expected a year ("năm 2024"), a school year ("năm học 2023-2024"), a phase ("giai đoạn 2022-2025") or two dates ("01/09/2023 - 31/05/2024")"#);
        insta::assert_snapshot!(err(d().grade("GL.Z", "2024", TaskGrade::Good)), @r#"grade: unit "GL.Z" is not in the fixture; add it first with `unit` or `grassroots`"#);
        insta::assert_snapshot!(err(d().member_grade("GL.A/9", "2024", TaskGrade::Good)), @r#"member_grade "GL.A/9": no member has this key; add the member first with `member` (the members `grassroots` makes for unit C are "C/0", "C/1" …)"#);
        insta::assert_snapshot!(err(d().stated("GL.Z", "members", None, FigureValue::Count(crate::Reported::exact(1)), "")), @r#"stated "members": unit "GL.Z" is not in the fixture; add it first with `unit` or `grassroots`"#);
        insta::assert_snapshot!(err(d().subject("GL.Z", None, None)), @r#"subject: unit "GL.Z" is not in the fixture; add it first with `unit` or `grassroots`"#);
    }

    fn codes_ldtt() -> &'static str {
        crate::codes::LDTT
    }

    #[test]
    fn facts_merge_per_member_and_period_and_carry_the_recruitment_day() {
        let day = |s| parse_date(s).unwrap();
        let dataset = district()
            .period("năm học 2023-2024")
            .unwrap()
            .member("lan", "GL.A", Person::new().recruited("2023-10-01"))
            .unwrap()
            .member_grade("lan", "năm 2023", TaskGrade::Excellent)
            .unwrap()
            .member_grade("GL.A/0", "năm 2023", TaskGrade::Good)
            .unwrap()
            .facts(
                "GL.A/0",
                "năm 2023",
                MemberFacts::new().with_recruited_on(day("2001-09-01")),
            )
            .unwrap()
            .build();
        let of = |key: &str| -> Vec<(String, Option<TaskGrade>, Option<NaiveDate>)> {
            dataset
                .facts
                .iter()
                .filter(|f| f.member == MemberId::from_key(key))
                .map(|f| {
                    (
                        f.period.to_string(),
                        f.facts.grade(),
                        f.facts.recruited_on(),
                    )
                })
                .collect()
        };
        assert_eq!(
            of("lan"),
            [
                (
                    "năm 2023".to_owned(),
                    Some(TaskGrade::Excellent),
                    Some(day("2023-10-01"))
                ),
                (
                    "năm học 2023-2024".to_owned(),
                    None,
                    Some(day("2023-10-01"))
                ),
            ]
        );
        // `facts` replaces what was set before for the period.
        assert_eq!(
            of("GL.A/0"),
            [("năm 2023".to_owned(), None, Some(day("2001-09-01")))]
        );
    }

    #[test]
    fn a_transfer_keeps_the_end_of_the_membership_it_replaces() {
        let model = district()
            .grassroots("GL.B", "Công đoàn Trường Tiểu học B", "GL", None, 0, None)
            .unwrap()
            .member("lan", "GL.A", Person::new().joined("2023-10-01"))
            .unwrap()
            .leave("lan", "2024-06-01")
            .unwrap()
            .transfer("lan", "GL.B", "2024-01-15")
            .unwrap()
            .model()
            .unwrap();
        let stints: Vec<_> = model
            .roster
            .memberships_of(MemberId::from_key("lan"))
            .map(|m| {
                (
                    m.unit(),
                    m.joined().map(|d| d.to_string()),
                    m.left().map(|d| d.to_string()),
                )
            })
            .collect();
        let (a, b) = (UnitId::from_key("GL.A"), UnitId::from_key("GL.B"));
        let s = |d: &str| Some(d.to_owned());
        assert_eq!(
            stints,
            [
                (a, s("2023-10-01"), s("2024-01-15")),
                (b, s("2024-01-15"), s("2024-06-01"))
            ]
        );
    }
}
