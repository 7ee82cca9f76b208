//! Short free text of the ledger (*nhãn*): item labels (*bộ sách giáo khoa*), units of
//! measure (*bộ*, *chiếc*), programme names (*Mái ấm Công đoàn*), document references
//! (*Quyết định số 3749/QĐ-TLĐ*), descriptions of services and activities.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::value::text::normalize;

/// Longest quoted excerpt of an input in an error message, in characters.
const QUOTE_MAX_CHARS: usize = 60;

/// An error building a value of the support ledger.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SupportError {
    /// A label is empty once spaces and invisible characters are removed.
    #[error("invalid label {}: empty after removing spaces and invisible characters", Excerpt(.input))]
    EmptyLabel {
        /// The text as given.
        input: String,
    },
    /// A label is longer than [`Label::MAX_CHARS`].
    #[error("invalid label {}: {len} characters, at most {max} allowed", Excerpt(.input))]
    LabelTooLong {
        /// The text as given.
        input: String,
        /// Characters after normalisation.
        len: usize,
        /// The most allowed.
        max: usize,
    },
    /// A label holds a control or bidirectional formatting character.
    #[error("invalid label {}: contains the control character U+{:04X}", Excerpt(.input), u32::from(*.ch))]
    LabelControlChar {
        /// The text as given.
        input: String,
        /// The first such character.
        ch: char,
    },
    /// A label holds U+FFFD, left behind by a wrong text encoding.
    #[error("invalid label {}: contains the replacement character U+FFFD, a sign of a wrong text encoding", Excerpt(.input))]
    LabelReplacementChar {
        /// The text as given.
        input: String,
    },
    /// A suppression threshold of zero, which would suppress nothing and mean nothing.
    #[error("invalid suppression threshold {threshold}: expected at least 1")]
    ZeroThreshold {
        /// The threshold given.
        threshold: u64,
    },
}

/// Quotes text like `{:?}`, cut to [`QUOTE_MAX_CHARS`] characters with `…`.
struct Excerpt<'a>(&'a str);

impl fmt::Display for Excerpt<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.char_indices().nth(QUOTE_MAX_CHARS) {
            None => write!(f, "{:?}", self.0),
            Some((cut, _)) => write!(f, "{:?}…", self.0.get(..cut).unwrap_or_default()),
        }
    }
}

/// A short free text: normalised (NFC, whitespace collapsed, invisible characters
/// removed), not empty, at most [`Label::MAX_CHARS`] characters, without control
/// characters or U+FFFD.
///
/// Labels are compared as normalised text, so `"bộ sách giáo khoa"` typed in NFD and
/// in NFC are the same item. There is no `Ord`: byte order is not Vietnamese order.
/// Serialised as a string; reading validates.
///
/// ```
/// use thidua::Label;
///
/// let item = Label::try_new("  bộ   sách giáo khoa ")?;
/// assert_eq!(item.as_str(), "bộ sách giáo khoa");
/// assert!(Label::try_new(" \t").is_err());
/// # Ok::<(), thidua::SupportError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Label(String);

impl Label {
    /// The most characters (Unicode scalar values, after normalisation) a label holds.
    pub const MAX_CHARS: usize = 1_000;

    /// Normalises and validates `input`.
    ///
    /// # Errors
    /// [`SupportError::EmptyLabel`], [`SupportError::LabelTooLong`],
    /// [`SupportError::LabelControlChar`] or [`SupportError::LabelReplacementChar`],
    /// quoting the input.
    pub fn try_new(input: &str) -> Result<Self, SupportError> {
        let text = normalize(input);
        if text.is_empty() {
            return Err(SupportError::EmptyLabel {
                input: input.to_owned(),
            });
        }
        let bidi = |c: char| matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        if let Some(ch) = text.chars().find(|&c| c.is_control() || bidi(c)) {
            return Err(SupportError::LabelControlChar {
                input: input.to_owned(),
                ch,
            });
        }
        if text.contains(char::REPLACEMENT_CHARACTER) {
            return Err(SupportError::LabelReplacementChar {
                input: input.to_owned(),
            });
        }
        let len = text.chars().count();
        if len > Self::MAX_CHARS {
            return Err(SupportError::LabelTooLong {
                input: input.to_owned(),
                len,
                max: Self::MAX_CHARS,
            });
        }
        Ok(Self(text))
    }

    /// The normalised text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Label({:?})", self.0)
    }
}

impl FromStr for Label {
    type Err = SupportError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::try_new(s)
    }
}

impl Serialize for Label {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Label {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Self::try_new(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn labels_are_normalised() {
        let nfd = "bo\u{323}\u{302} sa\u{301}ch";
        assert_eq!(
            Label::try_new(nfd).unwrap(),
            Label::try_new("bộ sách").unwrap()
        );
        assert_eq!(
            Label::try_new("Quyết định\u{a0}số 3749/QĐ-TLĐ")
                .unwrap()
                .as_str(),
            "Quyết định số 3749/QĐ-TLĐ"
        );
    }

    #[test]
    fn errors_quote_the_input() {
        insta::assert_snapshot!(Label::try_new(" \u{200b} ").unwrap_err(), @r#"invalid label " \u{200b} ": empty after removing spaces and invisible characters"#);
        insta::assert_snapshot!(Label::try_new("a\u{7}b").unwrap_err(), @r#"invalid label "a\u{7}b": contains the control character U+0007"#);
        insta::assert_snapshot!(Label::try_new("a\u{202e}b").unwrap_err(), @r#"invalid label "a\u{202e}b": contains the control character U+202E"#);
        insta::assert_snapshot!(Label::try_new("h\u{fffd}c").unwrap_err(), @r#"invalid label "h�c": contains the replacement character U+FFFD, a sign of a wrong text encoding"#);
        let long = "x".repeat(1_001);
        insta::assert_snapshot!(Label::try_new(&long).unwrap_err(), @r#"invalid label "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"…: 1001 characters, at most 1000 allowed"#);
        assert!(Label::try_new(&"x".repeat(1_000)).is_ok());
    }

    #[test]
    fn serde_goes_through_validation() {
        let l = Label::try_new("máy tính cầm tay").unwrap();
        let json = serde_json::to_string(&l).unwrap();
        assert_eq!(json, r#""máy tính cầm tay""#);
        assert_eq!(serde_json::from_str::<Label>(&json).unwrap(), l);
        assert!(serde_json::from_str::<Label>(r#""  ""#).is_err());
        assert_eq!(format!("{l:?}"), r#"Label("máy tính cầm tay")"#);
    }

    proptest! {
        #[test]
        fn never_panics_and_round_trips(s in any::<String>()) {
            if let Ok(l) = s.parse::<Label>() {
                prop_assert_eq!(l.to_string().parse::<Label>().unwrap(), l.clone());
                let json = serde_json::to_string(&l).unwrap();
                prop_assert_eq!(serde_json::from_str::<Label>(&json).unwrap(), l);
            }
        }
    }
}
