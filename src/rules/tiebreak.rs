//! Choosing among candidates who all qualify (ND 152/2025/NĐ-CP Điều 4 khoản 6).

use crate::people::member::Gender;
use crate::rules::citation::{Citation, Confidence};
use crate::rules::regime::ND152;

/// A candidate's standing under the tie-break of ND 152/2025 Điều 4 khoản 6: when
/// more qualify than can be chosen, women, and collectives with at least 70% women,
/// come first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TieBreak {
    /// A woman, or a collective with at least 70% women.
    Preferred,
    /// Anyone else (or not known).
    Other,
}

impl TieBreak {
    /// For a person.
    pub fn for_member(gender: Option<Gender>) -> Self {
        if gender == Some(Gender::Female) {
            TieBreak::Preferred
        } else {
            TieBreak::Other
        }
    }

    /// For a collective with `women` of its `members`.
    pub fn for_collective(women: u32, members: u32) -> Self {
        if members > 0 && u64::from(women) * 10 >= u64::from(members) * 7 {
            TieBreak::Preferred
        } else {
            TieBreak::Other
        }
    }

    /// The provision.
    pub fn citation() -> Citation {
        Citation::law(
            ND152,
            Some("4"),
            Some("6"),
            None,
            Confidence::Verified,
            None,
        )
    }
}

/// Orders qualifying candidates for selection: preferred ones first, keeping the
/// given order otherwise (a stable sort), so taking the first `n` applies the
/// tie-break.
///
/// ```
/// use thidua::{Gender, TieBreak, prefer_women};
///
/// let mut list = vec![("An", Some(Gender::Male)), ("Chi", Some(Gender::Female)), ("Bình", None)];
/// prefer_women(&mut list, |(_, g)| TieBreak::for_member(*g));
/// assert_eq!(list.iter().map(|(n, _)| *n).collect::<Vec<_>>(), ["Chi", "An", "Bình"]);
/// ```
pub fn prefer_women<T>(candidates: &mut [T], key: impl Fn(&T) -> TieBreak) {
    candidates.sort_by_key(|c| key(c));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seventy_percent_women_is_preferred() {
        assert_eq!(TieBreak::for_collective(7, 10), TieBreak::Preferred);
        assert_eq!(TieBreak::for_collective(69, 100), TieBreak::Other);
        assert_eq!(TieBreak::for_collective(0, 0), TieBreak::Other);
        assert_eq!(
            TieBreak::citation().to_string(),
            "Nghị định 152/2025/NĐ-CP, Điều 4, khoản 6"
        );
    }
}
