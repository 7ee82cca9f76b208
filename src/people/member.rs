//! Members and their memberships.

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
///
/// A code of up to 22 bytes — card and staff numbers are short — is kept in place, a
/// longer one on the heap: a national roster holds millions of codes. Codes compare,
/// order and hash as their text.
#[derive(Clone)]
pub struct MemberCode(CodeRepr);

/// The longest code kept in place, in bytes.
const INLINE_CODE: usize = 22;

/// A member code's text: in place, or on the heap when longer than [`INLINE_CODE`]
/// bytes. Either way 24 bytes. Only ASCII is ever kept.
#[derive(Clone)]
enum CodeRepr {
    Inline { len: u8, bytes: [u8; INLINE_CODE] },
    Heap(Box<str>),
}

impl CodeRepr {
    /// `code`, which the caller has checked to be ASCII.
    fn of_ascii(code: &str) -> Self {
        let mut bytes = [0; INLINE_CODE];
        match (bytes.get_mut(..code.len()), u8::try_from(code.len())) {
            (Some(place), Ok(len)) => {
                place.copy_from_slice(code.as_bytes());
                CodeRepr::Inline { len, bytes }
            }
            _ => CodeRepr::Heap(code.into()),
        }
    }
}

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
            Ok(Self(CodeRepr::of_ascii(code)))
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
        Self(CodeRepr::of_ascii(&code))
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            // Only ASCII is kept, so the text is always whole.
            CodeRepr::Inline { len, bytes } => bytes
                .get(..usize::from(*len))
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or_default(),
            CodeRepr::Heap(code) => code,
        }
    }
}

acts_as_text!(MemberCode);

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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A code is 24 bytes, kept in place up to 22 bytes and on the heap beyond, and
    /// reads, prints and compares as its text either way.
    #[test]
    fn member_codes_are_small_and_act_as_their_text() {
        assert_eq!(std::mem::size_of::<MemberCode>(), 24);
        assert_eq!(std::mem::size_of::<Option<MemberCode>>(), 24);
        let short: MemberCode = "HN.GL.MNA-0042".parse().unwrap();
        let longest_in_place = "A".repeat(INLINE_CODE);
        let longer = format!("{longest_in_place}B");
        let longest = "z".repeat(64);
        for text in ["7", "HN.GL.MNA-0042", &longest_in_place, &longer, &longest] {
            let code = MemberCode::try_new(text).unwrap();
            let inline = matches!(code.0, CodeRepr::Inline { .. });
            assert_eq!(inline, text.len() <= INLINE_CODE, "{text}");
            assert_eq!(code.as_str(), text);
            assert_eq!(code.to_string(), text);
            assert_eq!(format!("{code:?}"), format!("MemberCode({text:?})"));
            assert_eq!(code.clone(), code);
        }
        assert!(MemberCode::try_new(&format!("{longest}z")).is_err());
        assert_eq!(format!("{short:?}"), r#"MemberCode("HN.GL.MNA-0042")"#);
    }

    proptest! {
        /// Codes compare, order and hash as their texts, in place or on the heap.
        #[test]
        fn member_codes_compare_as_their_text(
            a in "[A-Za-z0-9._-]{1,40}",
            b in "[A-Za-z0-9._-]{1,40}",
        ) {
            use std::hash::BuildHasher;
            let (x, y) = (MemberCode::try_new(&a).unwrap(), MemberCode::try_new(&b).unwrap());
            prop_assert_eq!(x.as_str(), a.as_str());
            prop_assert_eq!(x.cmp(&y), a.cmp(&b));
            prop_assert_eq!(x == y, a == b);
            let state = std::hash::RandomState::new();
            prop_assert_eq!(state.hash_one(&x), state.hash_one(a.as_str()));
        }
    }
}
