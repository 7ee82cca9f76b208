//! Members and their memberships.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::value::id::{MemberId, UnitId};
use crate::value::reported::Reported;
use crate::value::text::PersonName;

labelled_enum! {
    /// A member's gender, as reports count women (*nữ*).
    pub enum Gender {
        /// *Nữ*.
        Female => ("female", "nữ", "female"),
        /// *Nam*.
        Male => ("male", "nam", "male"),
    }
}

labelled_enum! {
    /// A member's role in the workplace (CBQL, GV, NV …), as campaigns target them
    /// ("100% CBGVNV").
    pub enum Role {
        /// *Cán bộ quản lý* (CBQL): principal, vice-principal, manager.
        Manager => ("manager", "cán bộ quản lý", "manager"),
        /// *Giáo viên* (GV).
        Teacher => ("teacher", "giáo viên", "teacher"),
        /// *Nhân viên* (NV): staff.
        Staff => ("staff", "nhân viên", "staff"),
        /// *Công nhân*: worker in production.
        Worker => ("worker", "công nhân", "worker"),
        /// *Người lao động* of another kind.
        Other => ("other", "người lao động khác", "other employee"),
    }
}

/// A member's code in the union's own records — a membership card number (*số thẻ
/// đoàn viên*) or a staff number — unique in a dataset.
///
/// When a member's id is derived from their code ([`MemberId::from_key`]), files
/// may name the member by the code wherever the id would stand: the id is derived
/// from it again on reading.
///
/// ```
/// use thidua::MemberCode;
///
/// let code: MemberCode = "HN.GL.MNA-0042".parse()?;
/// assert_eq!(code.as_str(), "HN.GL.MNA-0042");
/// assert!("Lê Thị Hoa".parse::<MemberCode>().is_err());
/// # Ok::<(), thidua::MemberCodeError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MemberCode(Box<str>);

/// A member code is empty, too long, or holds characters other than ASCII letters,
/// digits, `.`, `-` and `_`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid member code {input:?}: expected 1 to 64 ASCII letters, digits, '.', '-' or '_'")]
pub struct MemberCodeError {
    /// The code as given.
    pub input: String,
}

impl MemberCode {
    /// Checks and wraps a code.
    ///
    /// # Errors
    /// [`MemberCodeError`] unless the code is 1 to 64 ASCII letters, digits, `.`,
    /// `-` or `_`.
    pub fn try_new(code: &str) -> Result<Self, MemberCodeError> {
        let ok = !code.is_empty()
            && code.len() <= 64
            && code
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'));
        if ok {
            Ok(Self(code.into()))
        } else {
            Err(MemberCodeError {
                input: code.to_owned(),
            })
        }
    }

    /// Wraps a code the crate built of letters and digits only.
    #[cfg(feature = "synthetic")]
    pub(crate) fn checked(code: String) -> Self {
        debug_assert!(Self::try_new(&code).is_ok());
        Self(code.into_boxed_str())
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for MemberCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

checked_text!(MemberCode, MemberCodeError);

/// A member of the union (*đoàn viên*) or another person of the workforce.
///
/// Only the id is required: a code, name, gender, role and birth date may be
/// unknown, and a figure that needs a missing fact says so rather than guessing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MemberRecord {
    id: MemberId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    code: Option<MemberCode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name: Option<PersonName>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    gender: Option<Gender>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    role: Option<Role>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::value::period::day::optional")]
    birth_date: Option<NaiveDate>,
}

impl MemberRecord {
    /// A member known only by id.
    pub fn new(id: MemberId) -> Self {
        Self {
            id,
            code: None,
            name: None,
            gender: None,
            role: None,
            birth_date: None,
        }
    }

    /// A member known by their code, with the id derived from it
    /// ([`MemberId::from_key`]): files name such a member by the code.
    pub fn from_code(code: MemberCode) -> Self {
        Self::new(MemberId::from_key(code.as_str())).with_code(code)
    }

    /// Sets the code.
    #[must_use]
    pub fn with_code(mut self, code: MemberCode) -> Self {
        self.code = Some(code);
        self
    }

    /// Sets the name.
    #[must_use]
    pub fn with_name(mut self, name: PersonName) -> Self {
        self.name = Some(name);
        self
    }

    /// Sets the gender.
    #[must_use]
    pub fn with_gender(mut self, gender: Gender) -> Self {
        self.gender = Some(gender);
        self
    }

    /// Sets the role.
    #[must_use]
    pub fn with_role(mut self, role: Role) -> Self {
        self.role = Some(role);
        self
    }

    /// Sets the birth date.
    #[must_use]
    pub fn with_birth_date(mut self, date: NaiveDate) -> Self {
        self.birth_date = Some(date);
        self
    }

    /// The member's id.
    pub fn id(&self) -> MemberId {
        self.id
    }

    /// The member's code, if known.
    pub fn code(&self) -> Option<&MemberCode> {
        self.code.as_ref()
    }

    /// The member's name, if known.
    pub fn name(&self) -> Option<&PersonName> {
        self.name.as_ref()
    }

    /// The member's gender, if known.
    pub fn gender(&self) -> Option<Gender> {
        self.gender
    }

    /// The member's role, if known.
    pub fn role(&self) -> Option<Role> {
        self.role
    }

    /// The member's birth date, if known.
    pub fn birth_date(&self) -> Option<NaiveDate> {
        self.birth_date
    }
}

/// A period during which a member belongs to a unit: from `joined` (inclusive; `None`
/// when it predates the records) until `left` (the first day no longer a member;
/// `None` while it lasts). A transfer is one membership ending on the day the next
/// begins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Membership {
    member: MemberId,
    unit: UnitId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::value::period::day::optional")]
    joined: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::value::period::day::optional")]
    left: Option<NaiveDate>,
}

impl Membership {
    /// A membership with no known start or end.
    pub fn new(member: MemberId, unit: UnitId) -> Self {
        Self {
            member,
            unit,
            joined: None,
            left: None,
        }
    }

    /// Sets the day the member joined.
    #[must_use]
    pub fn joined_on(mut self, date: NaiveDate) -> Self {
        self.joined = Some(date);
        self
    }

    /// Sets the first day the member no longer belongs (left, or transferred out).
    #[must_use]
    pub fn left_on(mut self, date: NaiveDate) -> Self {
        self.left = Some(date);
        self
    }

    /// The member.
    pub fn member(&self) -> MemberId {
        self.member
    }

    /// The unit.
    pub fn unit(&self) -> UnitId {
        self.unit
    }

    /// The first day of membership, if known.
    pub fn joined(&self) -> Option<NaiveDate> {
        self.joined
    }

    /// The first day no longer a member, if it ended.
    pub fn left(&self) -> Option<NaiveDate> {
        self.left
    }

    /// Whether the membership holds on `date`.
    pub fn holds_on(&self, date: NaiveDate) -> bool {
        self.joined.is_none_or(|j| j <= date) && self.left.is_none_or(|l| date < l)
    }
}

/// The workforce (*CNVCLĐ*: workers, public employees and employees) of a unit as
/// reported on a date, e.g. 16.046 for a district federation's whole area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct WorkforceFigure {
    unit: UnitId,
    #[serde(deserialize_with = "crate::value::period::day::deserialize")]
    date: NaiveDate,
    workers: Reported<u64>,
}

impl WorkforceFigure {
    /// A reported workforce figure.
    pub fn new(unit: UnitId, date: NaiveDate, workers: Reported<u64>) -> Self {
        Self {
            unit,
            date,
            workers,
        }
    }

    /// The unit whose area the figure covers (its whole subtree).
    pub fn unit(&self) -> UnitId {
        self.unit
    }

    /// The date the figure holds for.
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// The reported number of workers.
    pub fn workers(&self) -> &Reported<u64> {
        &self.workers
    }
}
