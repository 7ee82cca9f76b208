//! Codes of the titles people register for, and the errors of campaign values.

use std::fmt;
use std::num::NonZeroU64;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// An error building a campaign value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CampaignError {
    /// A title code is empty, too long, or holds characters other than lowercase
    /// ASCII letters, digits, `.`, `-` and `_`.
    #[error(
        "invalid title code {input:?}: expected 1 to 64 lowercase ASCII letters, digits, '.', '-' or '_', starting with a letter or digit (such as \"ldtt\" or \"cstdcs\")"
    )]
    InvalidTitleCode {
        /// The code as given.
        input: String,
    },
    /// A counted contest result with zero prizes.
    #[error("invalid prize count 0: a counted result holds at least one prize")]
    ZeroPrizes,
}

/// The code of a title (*danh hiệu thi đua*) in the titles catalogue, as
/// registrations name it: `ldtt` (*Lao động tiên tiến*), `cstdcs` (*Chiến sĩ thi đua
/// cơ sở*), `tt-ldxs` (*Tập thể lao động xuất sắc*).
///
/// Lowercase ASCII letters, digits, `.`, `-` and `_`, 1 to 64 characters, starting
/// with a letter or digit: a code is typed on keyboards and in file names, so
/// Vietnamese letters are spelled without marks ("lđtt" is refused; write "ldtt").
/// Which codes exist is the catalogue's business, not this type's.
///
/// ```
/// use thidua::TitleCode;
///
/// let code: TitleCode = "cstdcs".parse()?;
/// assert_eq!(code.as_str(), "cstdcs");
/// assert!("lđtt".parse::<TitleCode>().is_err());
/// assert!("LDTT".parse::<TitleCode>().is_err());
/// # Ok::<(), thidua::CampaignError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TitleCode(String);

impl TitleCode {
    /// The longest code, in characters.
    pub const MAX_CHARS: usize = 64;

    /// Checks and wraps a code.
    ///
    /// # Errors
    /// [`CampaignError::InvalidTitleCode`] unless the code is 1 to 64 lowercase ASCII
    /// letters, digits, `.`, `-` or `_`, starting with a letter or digit.
    pub fn try_new(code: &str) -> Result<Self, CampaignError> {
        let allowed = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit();
        let ok = code.len() <= Self::MAX_CHARS
            && code.bytes().next().is_some_and(allowed)
            && code
                .bytes()
                .all(|b| allowed(b) || matches!(b, b'.' | b'-' | b'_'));
        if ok {
            Ok(Self(code.to_owned()))
        } else {
            Err(CampaignError::InvalidTitleCode {
                input: code.to_owned(),
            })
        }
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for TitleCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for TitleCode {
    type Err = CampaignError;
    fn from_str(s: &str) -> Result<Self, CampaignError> {
        Self::try_new(s)
    }
}

impl TryFrom<&str> for TitleCode {
    type Error = CampaignError;
    fn try_from(s: &str) -> Result<Self, CampaignError> {
        Self::try_new(s)
    }
}

impl Serialize for TitleCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for TitleCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Self::try_new(&text).map_err(serde::de::Error::custom)
    }
}

/// A prize count of at least one.
pub(crate) fn prize_count(count: u64) -> Result<NonZeroU64, CampaignError> {
    NonZeroU64::new(count).ok_or(CampaignError::ZeroPrizes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn codes_are_checked() {
        for ok in ["ldtt", "cstdcs", "tt-ldxs", "bk.tld", "cstd_tq", "2tot"] {
            assert_eq!(TitleCode::try_new(ok).unwrap().as_str(), ok);
        }
        for bad in ["", "lđtt", "LDTT", "-ldtt", ".x", "ld tt", "ldtt\n"] {
            assert!(TitleCode::try_new(bad).is_err(), "{bad:?}");
        }
        assert!(TitleCode::try_new(&"a".repeat(64)).is_ok());
        assert!(TitleCode::try_new(&"a".repeat(65)).is_err());
        insta::assert_snapshot!(
            TitleCode::try_new("lđtt").unwrap_err(),
            @r#"invalid title code "lđtt": expected 1 to 64 lowercase ASCII letters, digits, '.', '-' or '_', starting with a letter or digit (such as "ldtt" or "cstdcs")"#
        );
        insta::assert_snapshot!(prize_count(0).unwrap_err(), @"invalid prize count 0: a counted result holds at least one prize");
    }

    #[test]
    fn serde_goes_through_the_check() {
        let code = TitleCode::try_new("tt-ldxs").unwrap();
        let json = serde_json::to_string(&code).unwrap();
        assert_eq!(json, "\"tt-ldxs\"");
        assert_eq!(serde_json::from_str::<TitleCode>(&json).unwrap(), code);
        let err = serde_json::from_str::<TitleCode>("\"LĐTT\"").unwrap_err();
        assert!(err.to_string().starts_with("invalid title code \"LĐTT\""));
        assert!(serde_json::from_str::<TitleCode>("7").is_err());
    }

    proptest! {
        #[test]
        fn parsing_never_panics_and_round_trips(s in "\\PC{0,70}") {
            if let Ok(code) = TitleCode::try_new(&s) {
                prop_assert_eq!(code.as_str(), s.as_str());
                prop_assert_eq!(code.to_string().parse::<TitleCode>().unwrap(), code.clone());
                let json = serde_json::to_string(&code).unwrap();
                prop_assert_eq!(serde_json::from_str::<TitleCode>(&json).unwrap(), code);
            }
        }

        #[test]
        fn valid_codes_are_accepted(s in "[a-z0-9][a-z0-9._-]{0,63}") {
            prop_assert!(TitleCode::try_new(&s).is_ok());
        }
    }
}
