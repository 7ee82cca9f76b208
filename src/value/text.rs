//! Vietnamese text: names of people and union units, search keys and sorting.
//!
//! Names arrive from spreadsheets, web forms and old databases in many Unicode shapes:
//! precomposed (*dựng sẵn*, NFC) or decomposed (*tổ hợp*, NFD) letters, non-breaking
//! spaces, tabs, zero-width characters. This module gives them one shape and keeps the
//! spelling exactly as written.
//!
//! - [`normalize`] — the stored form: NFC, whitespace runs collapsed to one space,
//!   trimmed, invisible zero-width characters removed. The old-style and new-style tone
//!   placements (*bỏ dấu kiểu cũ / kiểu mới*: "hoà" / "hòa", "thuỷ" / "thủy") are two
//!   spellings of a person's name and both are kept as written.
//! - [`fold`] — a search key without diacritics (*bỏ dấu*): "Nguyễn Thùy Chi",
//!   "nguyen thuy chi" and "NGUYỄN THUỲ CHI" give the same key. A search key is not an
//!   order: never sort with it.
//! - [`PersonName`] — a person's full name (*họ và tên*): family name (*họ*), middle
//!   names (*tên đệm*) and given name (*tên*). [`UnitName`] — the official name of a
//!   union unit or school (*tên đơn vị*); [`UnitShortName`] — its short form
//!   (*tên viết tắt*); [`Label`] — the name of anything else people write down: a
//!   campaign, a contest, an initiative's title, a decision's reference.
//! - [`ViCollator`] — Vietnamese alphabetical order (*thứ tự chữ cái tiếng Việt*:
//!   a < ă < â < b < c < d < đ < e < ê …, tones compared after letters) from ICU4X, and
//!   the order of name lists (*sắp xếp theo tên*): by given name first, then family and
//!   middle names.
//!
//! The names have equality and hashing on their normalised text but deliberately no
//! `Ord`: byte order puts "Đỗ" after "Vũ" and "Ánh" after "Dũng"; sort with
//! [`ViCollator`].
//!
//! ```
//! use thidua::{PersonName, ViCollator};
//!
//! let mut names = ["Phạm Thị Đào", "Hoàng Văn Dũng", "Vũ Thị Ân", "Nguyễn Văn An"]
//!     .into_iter()
//!     .map(PersonName::try_new)
//!     .collect::<Result<Vec<_>, _>>()?;
//! ViCollator::shared()?.sort_people(&mut names);
//! let sorted: Vec<&str> = names.iter().map(PersonName::as_str).collect();
//! assert_eq!(sorted, ["Nguyễn Văn An", "Vũ Thị Ân", "Hoàng Văn Dũng", "Phạm Thị Đào"]);
//! # Ok::<(), thidua::TextError>(())
//! ```

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;
use std::sync::OnceLock;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::ser::{Serialize, Serializer};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Which kind of text a [`TextError`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TextKind {
    /// A person's full name, [`PersonName`].
    PersonName,
    /// The official name of a unit, [`UnitName`].
    UnitName,
    /// The short name of a unit, [`UnitShortName`].
    UnitShortName,
    /// A name or line of text of anything else, [`Label`].
    Label,
}

impl fmt::Display for TextKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::PersonName => "person name",
            Self::UnitName => "unit name",
            Self::UnitShortName => "unit short name",
            Self::Label => "label",
        })
    }
}

/// Errors from validating names and from loading the Vietnamese collation data.
///
/// The `input` fields hold the text exactly as given, before normalisation; messages
/// quote at most its first 60 characters.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TextError {
    /// Nothing is left after removing spaces and invisible characters.
    #[error("invalid {kind} {}: empty after removing spaces and invisible characters", Quoted(.input))]
    Empty {
        /// What was being validated.
        kind: TextKind,
        /// The text as given.
        input: String,
    },
    /// The normalised text has more characters than allowed.
    #[error("invalid {kind} {}: {len} characters, at most {max} allowed", Quoted(.input))]
    TooLong {
        /// What was being validated.
        kind: TextKind,
        /// The text as given.
        input: String,
        /// Number of characters (Unicode scalar values) after normalisation.
        len: usize,
        /// The largest number of characters allowed.
        max: usize,
    },
    /// The text contains a control character (Unicode category Cc) other than
    /// whitespace, which normalisation turns into a space, or a bidirectional
    /// formatting character (U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) that
    /// could make a name display as something else.
    #[error("invalid {kind} {}: contains the control character U+{:04X}", Quoted(.input), u32::from(*.ch))]
    ControlChar {
        /// What was being validated.
        kind: TextKind,
        /// The text as given.
        input: String,
        /// The first control character found.
        ch: char,
    },
    /// The text contains U+FFFD REPLACEMENT CHARACTER, left behind when bytes were
    /// decoded with the wrong encoding.
    #[error("invalid {kind} {}: contains the replacement character U+FFFD, a sign of a wrong text encoding", Quoted(.input))]
    ReplacementChar {
        /// What was being validated.
        kind: TextKind,
        /// The text as given.
        input: String,
    },
    /// The Vietnamese collation data could not be loaded.
    #[error("cannot load the collation data for locale \"vi\"")]
    CollatorUnavailable {
        /// What the data provider reported.
        #[source]
        source: CollationDataError,
    },
}

/// Why the collation data could not be loaded, as reported by ICU4X.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct CollationDataError {
    message: String,
}

/// Longest quoted excerpt of an input in an error message, in characters.
const QUOTE_MAX_CHARS: usize = 60;

/// Quotes text like `{:?}` (escaping control and invisible characters), cut to
/// [`QUOTE_MAX_CHARS`] characters with a trailing `…` inside the quotes.
struct Quoted<'a>(&'a str);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.char_indices().nth(QUOTE_MAX_CHARS) {
            None => write!(f, "{:?}", self.0),
            Some((cut, _)) => {
                let head = self.0.get(..cut).unwrap_or_default();
                let quoted = format!("{head:?}");
                match quoted.strip_suffix('"') {
                    Some(open) => write!(f, "{open}…\""),
                    None => f.write_str(&quoted),
                }
            }
        }
    }
}

/// Characters removed by [`normalize`]: soft hyphen, zero-width space, zero-width
/// non-joiner, zero-width joiner, word joiner and zero-width no-break space (byte
/// order mark).
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Joins the whitespace-separated words of `chars` with single ASCII spaces.
fn collapse_whitespace(chars: impl Iterator<Item = char>) -> String {
    let mut out = String::new();
    let mut pending_space = false;
    for c in chars {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// Normalises text to the stored form.
///
/// Removes the invisible characters U+00AD, U+200B, U+200C, U+200D, U+2060 and
/// U+FEFF, composes to NFC, collapses every run of Unicode whitespace (space, tab,
/// newline, U+00A0 NO-BREAK SPACE, U+3000 IDEOGRAPHIC SPACE, …) to one ASCII space and
/// trims both ends. Decomposed (NFD) and precomposed (NFC) input give the same result.
/// Spelling is kept: "Hoà" stays "Hoà" and "Hòa" stays "Hòa".
///
/// ```
/// use thidua::normalize;
///
/// assert_eq!(normalize("\u{FEFF} Nguye\u{302}\u{303}n\u{A0}\u{A0}Văn\tAn\n"), "Nguyễn Văn An");
/// ```
pub fn normalize(s: &str) -> String {
    normalized(s).into_owned()
}

/// [`normalize`], borrowing text already in the stored form.
pub(crate) fn normalized(s: &str) -> Cow<'_, str> {
    // Most text read from files is already in the stored form: checking costs far
    // less than composing it again.
    if is_stored_form(s) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(normalize_fully(s))
    }
}

/// [`normalize`] without its shortcut.
fn normalize_fully(s: &str) -> String {
    collapse_whitespace(s.chars().filter(|&c| !is_invisible(c)).nfc())
}

/// Whether `s` is its own [`normalize`]d form: no invisible characters, no
/// whitespace but single ASCII spaces between words, and NFC by the quick check
/// (an answer of "maybe" counts as no).
fn is_stored_form(s: &str) -> bool {
    // True at the start, so that a leading space fails.
    let mut after_space = true;
    for c in s.chars() {
        if is_invisible(c) {
            return false;
        }
        if c.is_whitespace() {
            if c != ' ' || after_space {
                return false;
            }
            after_space = true;
        } else {
            after_space = false;
        }
    }
    (s.is_empty() || !after_space)
        && unicode_normalization::is_nfc_quick(s.chars())
            == unicode_normalization::IsNormalized::Yes
}

/// Folds text to a search key that ignores case and diacritics (*bỏ dấu*).
///
/// Decomposes (NFD), drops all combining marks, maps đ/Đ (and the look-alike ð/Ð,
/// U+00F0/U+00D0) to `d`, lowercases, removes invisible characters and collapses
/// whitespace as [`normalize`] does. Old-style and new-style tone placement fold
/// equal: "hoà" and "hòa" both give "hoa". The key is for matching only; it is not
/// an order, so sort with [`ViCollator`].
///
/// ```
/// use thidua::fold;
///
/// assert_eq!(fold("Nguyễn Thùy Chi"), "nguyen thuy chi");
/// assert_eq!(fold("ĐỖ"), "do");
/// assert_eq!(fold("Thuỷ"), fold("Thủy"));
/// ```
pub fn fold(s: &str) -> String {
    let lowered = s
        .chars()
        .filter(|&c| !is_invisible(c))
        .flat_map(char::to_lowercase);
    collapse_whitespace(
        lowered
            .nfd()
            .filter(|&c| !is_combining_mark(c))
            .map(|c| match c {
                'đ' | 'ð' => 'd',
                other => other,
            }),
    )
}

/// Whether the folded `query` occurs in the folded `text` starting at a word.
fn folded_match(text: &str, query: &str) -> bool {
    let query = fold(query);
    if query.is_empty() {
        return true;
    }
    let text = fold(text);
    let word_starts = std::iter::once(0).chain(
        text.char_indices()
            .filter(|&(_, c)| c == ' ')
            .map(|(i, _)| i.saturating_add(1)),
    );
    word_starts
        .filter_map(|start| text.get(start..))
        .any(|rest| rest.starts_with(&query))
}

/// Normalises and checks `input` for a name of the given kind.
fn validate(input: &str, kind: TextKind, max: usize) -> Result<String, TextError> {
    // Far too long whatever normalisation would do (a character and its marks take at
    // most a few dozen bytes): refuse before normalising, and keep only the start of
    // the input in the error so memory stays bounded.
    if input.len() > max.saturating_mul(32) {
        return Err(TextError::TooLong {
            kind,
            input: input.chars().take(200).collect(),
            len: input.chars().count(),
            max,
        });
    }
    let text = normalize(input);
    if text.is_empty() {
        return Err(TextError::Empty {
            kind,
            input: input.to_owned(),
        });
    }
    let bidi = |c: char| matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    if let Some(ch) = text.chars().find(|&c| c.is_control() || bidi(c)) {
        return Err(TextError::ControlChar {
            kind,
            input: input.to_owned(),
            ch,
        });
    }
    if text.contains(char::REPLACEMENT_CHARACTER) {
        return Err(TextError::ReplacementChar {
            kind,
            input: input.to_owned(),
        });
    }
    let len = text.chars().count();
    if len > max {
        return Err(TextError::TooLong {
            kind,
            input: input.to_owned(),
            len,
            max,
        });
    }
    Ok(text)
}

/// A validated, normalised name: the shared part of the name types.
trait NameText: Sized {
    const KIND: TextKind;
    const MAX: usize;
    fn from_valid(text: String) -> Self;

    fn parse(input: &str) -> Result<Self, TextError> {
        validate(input, Self::KIND, Self::MAX).map(Self::from_valid)
    }
}

/// Reads a name from a string through its validation.
struct NameVisitor<T>(PhantomData<T>);

impl<T: NameText> Visitor<'_> for NameVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} as a string", T::KIND)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        T::parse(v).map_err(E::custom)
    }
}

macro_rules! name_type {
    ($ty:ident, $kind:ident, $max:literal) => {
        impl NameText for $ty {
            const KIND: TextKind = TextKind::$kind;
            const MAX: usize = $max;
            fn from_valid(text: String) -> Self {
                Self(text)
            }
        }

        impl $ty {
            /// The largest number of characters (Unicode scalar values, after
            /// normalisation) allowed.
            pub const MAX_CHARS: usize = $max;

            /// Normalises `input` with [`normalize`] and validates it.
            ///
            /// # Errors
            ///
            /// [`TextError::Empty`] if nothing is left after normalisation,
            /// [`TextError::ControlChar`] or [`TextError::ReplacementChar`] if it
            /// contains a control character or U+FFFD, [`TextError::TooLong`] if it
            /// has more than [`Self::MAX_CHARS`] characters.
            pub fn try_new(input: &str) -> Result<Self, TextError> {
                <Self as NameText>::parse(input)
            }

            /// The normalised text.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// Whether `query` matches this name ignoring case and diacritics: the
            /// [`fold`]ed query occurs in the folded name starting at the beginning
            /// of a word. An empty query matches every name.
            pub fn matches(&self, query: &str) -> bool {
                folded_match(&self.0, query)
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl FromStr for $ty {
            type Err = TextError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::try_new(s)
            }
        }

        impl TryFrom<&str> for $ty {
            type Error = TextError;

            fn try_from(s: &str) -> Result<Self, Self::Error> {
                Self::try_new(s)
            }
        }

        impl TryFrom<String> for $ty {
            type Error = TextError;

            fn try_from(s: String) -> Result<Self, Self::Error> {
                Self::try_new(&s)
            }
        }

        impl AsRef<str> for $ty {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl From<$ty> for String {
            fn from(name: $ty) -> String {
                name.0
            }
        }

        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str(NameVisitor(PhantomData))
            }
        }
    };
}

/// A person's full name (*họ và tên*), normalised with [`normalize`].
///
/// Validation: not empty after normalisation, at most [`PersonName::MAX_CHARS`] (150)
/// characters, no control characters and no U+FFFD REPLACEMENT CHARACTER. Digits and
/// punctuation are accepted (names such as "H' Hen Niê" exist). The spelling is kept
/// as written, including old-style tone placement ("Hoà").
///
/// Words are read the Vietnamese way: the first is the family name (*họ*), the last
/// the given name (*tên*), those between the middle names (*tên đệm*).
///
/// Equality and hashing compare the normalised text. There is no `Ord`: sort with
/// [`ViCollator::sort_people`]. Serialises as a string; deserialising validates.
///
/// ```
/// use thidua::PersonName;
///
/// let name: PersonName = "  Nguyễn\u{A0}Thị  Minh Khai ".parse()?;
/// assert_eq!(name.as_str(), "Nguyễn Thị Minh Khai");
/// assert_eq!(name.family(), Some("Nguyễn"));
/// assert_eq!(name.middle(), "Thị Minh");
/// assert_eq!(name.given(), "Khai");
/// assert!(name.matches("minh khai"));
/// # Ok::<(), thidua::TextError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PersonName(String);

name_type!(PersonName, PersonName, 150);

impl PersonName {
    /// The words of the name, in order.
    pub fn words(&self) -> impl DoubleEndedIterator<Item = &str> + '_ {
        self.0.split(' ')
    }

    /// The family name (*họ*): the first word, or `None` for a one-word name.
    pub fn family(&self) -> Option<&str> {
        self.0.split_once(' ').map(|(family, _)| family)
    }

    /// The middle names (*tên đệm*): the words between the first and the last, joined
    /// by single spaces; empty when the name has fewer than three words.
    pub fn middle(&self) -> &str {
        self.0
            .split_once(' ')
            .and_then(|(_, rest)| rest.rsplit_once(' '))
            .map_or("", |(middle, _)| middle)
    }

    /// The given name (*tên*): the last word.
    pub fn given(&self) -> &str {
        self.0.rsplit_once(' ').map_or(&self.0, |(_, given)| given)
    }

    /// The words before the given name: family name, then middle names.
    fn leading_words(&self) -> impl Iterator<Item = &str> + '_ {
        self.0
            .rsplit_once(' ')
            .map(|(leading, _)| leading.split(' '))
            .into_iter()
            .flatten()
    }
}

/// The official name of a union unit or school (*tên đơn vị*), for example
/// "Công đoàn Trường Mầm non Hoa Sữa", normalised with [`normalize`].
///
/// Same rules as [`PersonName`], with at most [`UnitName::MAX_CHARS`] (300)
/// characters. Equality and hashing compare the normalised text; sort with
/// [`ViCollator::compare`].
///
/// ```
/// use thidua::UnitName;
///
/// let unit = UnitName::try_new("Công đoàn Trường\nMầm non Hoa Sữa")?;
/// assert_eq!(unit.to_string(), "Công đoàn Trường Mầm non Hoa Sữa");
/// assert!(unit.matches("mam non hoa sua"));
/// # Ok::<(), thidua::TextError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UnitName(String);

name_type!(UnitName, UnitName, 300);

/// The short name of a union unit (*tên viết tắt*), for example "CĐ Trường MN Hoa Sữa"
/// or "LĐLĐ huyện Gia Lâm", normalised with [`normalize`].
///
/// Same rules as [`PersonName`], with at most [`UnitShortName::MAX_CHARS`] (100)
/// characters.
///
/// ```
/// use thidua::UnitShortName;
///
/// let short = UnitShortName::try_new("LĐLĐ huyện Gia Lâm")?;
/// assert!(short.matches("gia lam"));
/// # Ok::<(), thidua::TextError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UnitShortName(String);

name_type!(UnitShortName, UnitShortName, 100);

/// A name or one line of text people write down about anything other than a person
/// or a unit: a campaign (*tên phong trào*, "Dạy tốt - Học tốt"), a contest (*hội
/// thi*), an initiative's title (*tên sáng kiến*), a goal or criterion, a council or
/// a decision's reference ("123/QĐ-LĐLĐ"), normalised with [`normalize`].
///
/// Same rules as [`PersonName`], with at most [`Label::MAX_CHARS`] (1.000) characters.
///
/// ```
/// use thidua::Label;
///
/// let movement = Label::try_new("“Dạy tốt -\u{A0}Học tốt”")?;
/// assert_eq!(movement.as_str(), "“Dạy tốt - Học tốt”");
/// assert!(movement.matches("hoc tot"));
/// # Ok::<(), thidua::TextError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Label(String);

name_type!(Label, Label, 1_000);

/// Vietnamese collation (*thứ tự chữ cái tiếng Việt*) from ICU4X's compiled CLDR data.
///
/// Letters compare first — a < ă < â < b < c < d < đ < e < ê < … < o < ô < ơ < … <
/// u < ư < … — then tones (unmarked, huyền, hỏi, ngã, sắc, nặng), then case. Create
/// one and reuse it, or use [`ViCollator::shared`].
///
/// ```
/// use std::cmp::Ordering;
/// use thidua::ViCollator;
///
/// let vi = ViCollator::new()?;
/// assert_eq!(vi.compare("Dũng", "Đào"), Ordering::Less);
/// assert_eq!(vi.compare("Ân", "Anh"), Ordering::Greater);
/// # Ok::<(), thidua::TextError>(())
/// ```
pub struct ViCollator {
    collator: CollatorBorrowed<'static>,
}

impl fmt::Debug for ViCollator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ViCollator").finish_non_exhaustive()
    }
}

impl ViCollator {
    /// Creates a collator for the `vi` locale with default options.
    ///
    /// # Errors
    ///
    /// [`TextError::CollatorUnavailable`] if the compiled collation data cannot be
    /// loaded.
    pub fn new() -> Result<Self, TextError> {
        Collator::try_new(icu_locale::locale!("vi").into(), CollatorOptions::default())
            .map(|collator| Self { collator })
            .map_err(|e| TextError::CollatorUnavailable {
                source: CollationDataError {
                    message: e.to_string(),
                },
            })
    }

    /// A process-wide collator, created on first use.
    ///
    /// # Errors
    ///
    /// [`TextError::CollatorUnavailable`] if the compiled collation data cannot be
    /// loaded; the same error is returned on every call.
    pub fn shared() -> Result<&'static Self, TextError> {
        static SHARED: OnceLock<Result<ViCollator, TextError>> = OnceLock::new();
        SHARED.get_or_init(Self::new).as_ref().map_err(Clone::clone)
    }

    /// Compares two strings in Vietnamese order.
    pub fn compare(&self, a: &str, b: &str) -> Ordering {
        self.collator.compare(a, b)
    }

    /// Compares two people in the order of Vietnamese name lists: by given name
    /// (*tên*) first, then family name (*họ*), then middle names (*tên đệm*) word by
    /// word (fewer words first), then the full name, and finally the bytes of the
    /// name so that only equal names compare `Equal`. Each step uses
    /// [`ViCollator::compare`] in full: letters, then tones, then case, so "Ha" comes
    /// before "Hà" whatever the family names.
    pub fn compare_people(&self, a: &PersonName, b: &PersonName) -> Ordering {
        self.compare(a.given(), b.given())
            .then_with(|| self.compare_words(a.leading_words(), b.leading_words()))
            .then_with(|| self.compare(a.as_str(), b.as_str()))
            .then_with(|| a.as_str().cmp(b.as_str()))
    }

    /// Sorts people in the order of [`ViCollator::compare_people`] (stable).
    pub fn sort_people(&self, people: &mut [PersonName]) {
        people.sort_by(|a, b| self.compare_people(a, b));
    }

    /// Sorts items by a person's name in the order of [`ViCollator::compare_people`]
    /// (stable).
    pub fn sort_by_person_name<T>(&self, items: &mut [T], key: impl Fn(&T) -> &PersonName) {
        items.sort_by(|a, b| self.compare_people(key(a), key(b)));
    }

    fn compare_words<'a>(
        &self,
        mut a: impl Iterator<Item = &'a str>,
        mut b: impl Iterator<Item = &'a str>,
    ) -> Ordering {
        loop {
            match (a.next(), b.next()) {
                (None, None) => return Ordering::Equal,
                (None, Some(_)) => return Ordering::Less,
                (Some(_), None) => return Ordering::Greater,
                (Some(x), Some(y)) => match self.compare(x, y) {
                    Ordering::Equal => {}
                    unequal => return unequal,
                },
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashSet;

    proptest! {
        /// The shortcut for text already in the stored form gives what composing
        /// it again gives, for text of Vietnamese letters (composed or not), marks,
        /// invisible characters and every kind of space.
        #[test]
        fn normalize_takes_its_shortcut_only_where_it_holds(
            s in proptest::collection::vec(
                prop_oneof![
                    Just("a"), Just("Nguyễn"), Just("Nguye\u{302}\u{303}n"), Just("Đ"),
                    Just("\u{301}"), Just("\u{323}"), Just("ư"), Just("QĐ-LĐLĐ"),
                    Just(" "), Just("  "), Just("\t"), Just("\n"), Just("\u{A0}"),
                    Just("\u{3000}"), Just("\u{200B}"), Just("\u{FEFF}"), Just("\u{AD}"),
                    Just("1"), Just("/"), Just("Å"), Just("\u{212B}"), Just("가"),
                    Just("\u{1100}\u{1161}"),
                ],
                0..12,
            ).prop_map(|parts| parts.concat())
        ) {
            let fully = normalize_fully(&s);
            prop_assert_eq!(normalize(&s), fully.clone());
            prop_assert_eq!(normalize_fully(&fully), fully.clone());
            prop_assert!(is_stored_form(&fully) || !fully.is_ascii());
        }
    }

    fn person(s: &str) -> PersonName {
        PersonName::try_new(s).unwrap()
    }

    fn nfd(s: &str) -> String {
        s.nfd().collect()
    }

    fn nfc(s: &str) -> String {
        s.nfc().collect()
    }

    #[test]
    fn normalize_collapses_whitespace_and_trims() {
        assert_eq!(normalize("  Nguyễn   Văn  An  "), "Nguyễn Văn An");
        assert_eq!(normalize("Nguyễn\u{A0}Văn\tAn"), "Nguyễn Văn An");
        assert_eq!(
            normalize("Nguyễn\r\n\u{3000}Văn\u{2003}\u{202F}An"),
            "Nguyễn Văn An"
        );
        assert_eq!(normalize("\t\n\u{A0}"), "");
        assert_eq!(normalize(""), "");
    }

    #[test]
    fn normalize_removes_invisible_characters() {
        assert_eq!(
            normalize("\u{FEFF}Lê\u{200B} Văn\u{2060}\u{200D} Bình\u{00AD}"),
            "Lê Văn Bình"
        );
        assert_eq!(normalize("An \u{200B} Bình"), "An Bình");
        // A zero-width space between a letter and its tone mark no longer blocks composition.
        assert_eq!(normalize("Nguye\u{302}\u{200B}\u{303}n"), "Nguyễn");
    }

    #[test]
    fn normalize_composes_nfd_input() {
        let composed = "Nguyễn Thị Thuỷ Trường Mầm non Hoa Sữa Đỗ";
        let decomposed = nfd(composed);
        assert_ne!(decomposed, composed);
        assert_eq!(normalize(&decomposed), composed);
        assert_eq!(normalize(composed), composed);
        // Marks typed in a non-canonical order compose the same way.
        assert_eq!(normalize("a\u{302}\u{323}"), "ậ");
        assert_eq!(normalize("a\u{323}\u{302}"), "ậ");
    }

    #[test]
    fn normalize_keeps_tone_placement() {
        assert_eq!(normalize("Hoà"), "Hoà");
        assert_eq!(normalize("Hòa"), "Hòa");
        assert_ne!(normalize("Hoà"), normalize("Hòa"));
        assert_ne!(normalize("Thuỷ"), normalize("Thủy"));
    }

    #[test]
    fn fold_exact_outcomes() {
        assert_eq!(fold("Nguyễn Thùy Chi"), "nguyen thuy chi");
        assert_eq!(fold("nguyen thuy chi"), "nguyen thuy chi");
        assert_eq!(fold("NGUYỄN THUỲ CHI"), "nguyen thuy chi");
        assert_eq!(fold("ĐỖ"), "do");
        assert_eq!(fold("đỗ"), "do");
        assert_eq!(fold("\u{D0}ỗ"), "do"); // Ð (ETH) typed for Đ
        assert_eq!(fold("Trường Mầm non Hoa Sữa"), "truong mam non hoa sua");
        assert_eq!(fold("ăâêôơư ĂÂÊÔƠƯ"), "aaeoou aaeoou");
        assert_eq!(fold(" \u{200B}Lê\u{A0}\u{A0}Văn\tBình\n"), "le van binh");
        assert_eq!(fold(""), "");
        // A lone mark between spaces leaves no double space behind.
        assert_eq!(fold("a \u{301} b"), "a b");
    }

    #[test]
    fn fold_ignores_tone_placement_and_form() {
        assert_eq!(fold("hoà"), fold("hòa"));
        assert_eq!(fold("Thuỷ"), fold("Thủy"));
        assert_eq!(fold("Khoẻ"), fold("Khỏe"));
        let s = "Đặng Thị Thuỷ Tiên";
        assert_eq!(fold(&nfd(s)), fold(s));
        assert_eq!(fold(s), "dang thi thuy tien");
    }

    #[test]
    fn person_name_parts() {
        let name = person("Nguyễn Thị Minh Khai");
        assert_eq!(name.family(), Some("Nguyễn"));
        assert_eq!(name.middle(), "Thị Minh");
        assert_eq!(name.given(), "Khai");
        assert_eq!(
            name.words().collect::<Vec<_>>(),
            ["Nguyễn", "Thị", "Minh", "Khai"]
        );

        let two = person("Lê Bình");
        assert_eq!(two.family(), Some("Lê"));
        assert_eq!(two.middle(), "");
        assert_eq!(two.given(), "Bình");

        let three = person("Trần Văn An");
        assert_eq!(three.middle(), "Văn");

        let one = person("Mai");
        assert_eq!(one.family(), None);
        assert_eq!(one.middle(), "");
        assert_eq!(one.given(), "Mai");
        assert_eq!(one.words().collect::<Vec<_>>(), ["Mai"]);
    }

    #[test]
    fn person_name_normalises() {
        let name = person(&format!(" {}\u{A0}", nfd("Phạm   Thị Đào")));
        assert_eq!(name.as_str(), "Phạm Thị Đào");
        assert_eq!(name, person("Phạm Thị Đào"));
        let set: HashSet<PersonName> = [name, person("Phạm Thị Đào")].into_iter().collect();
        assert_eq!(set.len(), 1);
        // Spelling is kept: these are different names as written.
        assert_ne!(person("Lê Thị Hoà"), person("Lê Thị Hòa"));
        // Digits and apostrophes are allowed.
        assert_eq!(person("H' Hen Niê").given(), "Niê");
        assert_eq!(person("Nguyễn Văn A2").as_str(), "Nguyễn Văn A2");
    }

    #[test]
    fn person_name_length_limit() {
        let max = "a".repeat(PersonName::MAX_CHARS);
        assert_eq!(person(&max).as_str().chars().count(), 150);
        // Characters are counted after NFC: 150 letters with decomposed tones fit.
        let decomposed = nfd(&"ễ".repeat(150));
        assert_eq!(decomposed.chars().count(), 450);
        assert!(PersonName::try_new(&decomposed).is_ok());
        // Surrounding whitespace does not count.
        assert!(PersonName::try_new(&format!("  {max}  ")).is_ok());
        assert!(UnitName::try_new(&"a".repeat(300)).is_ok());
        assert!(UnitShortName::try_new(&"a".repeat(100)).is_ok());
        assert!(Label::try_new(&"a".repeat(1_000)).is_ok());
        let err = Label::try_new(&"a".repeat(1_001)).unwrap_err();
        insta::assert_snapshot!(err.to_string(), @r#"invalid label "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…": 1001 characters, at most 1000 allowed"#);
        let err = Label::try_new("\u{200B}").unwrap_err();
        insta::assert_snapshot!(err.to_string(), @r#"invalid label "\u{200b}": empty after removing spaces and invisible characters"#);
    }

    #[test]
    fn error_empty() {
        let err = PersonName::try_new(" \u{A0}\t\u{200B} ").unwrap_err();
        insta::assert_snapshot!(err.to_string(), @r#"invalid person name " \u{a0}\t\u{200b} ": empty after removing spaces and invisible characters"#);
        assert_eq!(
            err,
            TextError::Empty {
                kind: TextKind::PersonName,
                input: " \u{A0}\t\u{200B} ".to_owned()
            }
        );
        let err = UnitName::try_new("").unwrap_err();
        insta::assert_snapshot!(err.to_string(), @r#"invalid unit name "": empty after removing spaces and invisible characters"#);
        let err = UnitShortName::try_new(" ").unwrap_err();
        insta::assert_snapshot!(err.to_string(), @r#"invalid unit short name " ": empty after removing spaces and invisible characters"#);
    }

    #[test]
    fn error_too_long() {
        let input = "Nguyễn ".repeat(25); // 174 characters after trimming
        let err = PersonName::try_new(&input).unwrap_err();
        insta::assert_snapshot!(err.to_string(), @r#"invalid person name "Nguyễn Nguyễn Nguyễn Nguyễn Nguyễn Nguyễn Nguyễn Nguyễn Nguy…": 174 characters, at most 150 allowed"#);
        assert_eq!(
            err,
            TextError::TooLong {
                kind: TextKind::PersonName,
                input,
                len: 174,
                max: 150
            }
        );
        let err = UnitName::try_new(&"x".repeat(301)).unwrap_err();
        insta::assert_snapshot!(err.to_string(), @r#"invalid unit name "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…": 301 characters, at most 300 allowed"#);
        let err = UnitShortName::try_new(&"x".repeat(101)).unwrap_err();
        assert!(matches!(
            err,
            TextError::TooLong {
                len: 101,
                max: 100,
                ..
            }
        ));
    }

    #[test]
    fn error_control_char() {
        let err = PersonName::try_new("Nguyễn\u{7}Văn An").unwrap_err();
        insta::assert_snapshot!(err.to_string(), @r#"invalid person name "Nguyễn\u{7}Văn An": contains the control character U+0007"#);
        assert_eq!(
            err,
            TextError::ControlChar {
                kind: TextKind::PersonName,
                input: "Nguyễn\u{7}Văn An".to_owned(),
                ch: '\u{7}'
            }
        );
        let err = UnitName::try_new("Trường\u{0}").unwrap_err();
        insta::assert_snapshot!(err.to_string(), @r#"invalid unit name "Trường\0": contains the control character U+0000"#);
        let err = PersonName::try_new("An\u{7F}\u{9F}").unwrap_err();
        assert!(matches!(err, TextError::ControlChar { ch: '\u{7F}', .. }));
        let spoofed = PersonName::try_new("Nguyễn \u{202E}nahtnA").unwrap_err();
        assert!(matches!(
            spoofed,
            TextError::ControlChar { ch: '\u{202E}', .. }
        ));
        // Whitespace controls are spaces, not errors.
        assert_eq!(person("An\u{B}\u{C}\u{85}Bình").as_str(), "An Bình");
    }

    #[test]
    fn error_replacement_char() {
        let err = PersonName::try_new("Nguy\u{FFFD}n Văn An").unwrap_err();
        insta::assert_snapshot!(err.to_string(), @r#"invalid person name "Nguy�n Văn An": contains the replacement character U+FFFD, a sign of a wrong text encoding"#);
        assert_eq!(
            err,
            TextError::ReplacementChar {
                kind: TextKind::PersonName,
                input: "Nguy\u{FFFD}n Văn An".to_owned()
            }
        );
    }

    #[test]
    fn error_collator_unavailable_message() {
        let err = TextError::CollatorUnavailable {
            source: CollationDataError {
                message: "ICU4X data error: Missing data for marker".to_owned(),
            },
        };
        insta::assert_snapshot!(err.to_string(), @r#"cannot load the collation data for locale "vi""#);
        let source = std::error::Error::source(&err).map(ToString::to_string);
        assert_eq!(
            source.as_deref(),
            Some("ICU4X data error: Missing data for marker")
        );
    }

    #[test]
    fn quoted_excerpt() {
        assert_eq!(Quoted("").to_string(), r#""""#);
        assert_eq!(
            Quoted(&"a".repeat(60)).to_string(),
            format!("\"{}\"", "a".repeat(60))
        );
        assert_eq!(
            Quoted(&"a".repeat(61)).to_string(),
            format!("\"{}…\"", "a".repeat(60))
        );
        assert_eq!(Quoted("say \"hi\"").to_string(), r#""say \"hi\"""#);
    }

    #[test]
    fn parse_display_and_conversions() {
        let name: PersonName = "Hoàng  Văn Dũng".parse().unwrap();
        assert_eq!(name.to_string(), "Hoàng Văn Dũng");
        assert_eq!(PersonName::try_from("Hoàng Văn Dũng").unwrap(), name);
        assert_eq!(
            PersonName::try_from(String::from("Hoàng Văn Dũng")).unwrap(),
            name
        );
        assert_eq!(name.as_ref(), "Hoàng Văn Dũng");
        assert_eq!(String::from(name), "Hoàng Văn Dũng");
        assert!("".parse::<UnitName>().is_err());
    }

    #[test]
    fn serde_goes_through_validation() {
        let name = person("Vũ Thị Ân");
        assert_eq!(serde_json::to_string(&name).unwrap(), r#""Vũ Thị Ân""#);
        let read: PersonName = serde_json::from_str("\" Vũ\\u00a0Thị  Ân \"").unwrap();
        assert_eq!(read, name);
        let err = serde_json::from_str::<PersonName>(r#""  ""#).unwrap_err();
        insta::assert_snapshot!(err.to_string(), @r#"invalid person name "  ": empty after removing spaces and invisible characters at line 1 column 4"#);
        let err = serde_json::from_str::<UnitName>("12").unwrap_err();
        insta::assert_snapshot!(err.to_string(), @"invalid type: integer `12`, expected a unit name as a string at line 1 column 2");
        let unit: UnitName = serde_json::from_str(r#""Công đoàn Trường Mầm non Hoa Sữa""#).unwrap();
        assert_eq!(
            serde_json::to_string(&unit).unwrap(),
            r#""Công đoàn Trường Mầm non Hoa Sữa""#
        );
        // Owned strings from a reader are accepted too.
        let owned: UnitShortName =
            serde_json::from_reader(r#""CĐ Trường MN Hoa Sữa""#.as_bytes()).unwrap();
        assert_eq!(owned.as_str(), "CĐ Trường MN Hoa Sữa");
    }

    #[test]
    fn matches_folded_at_word_start() {
        let name = person("Nguyễn Thùy Chi");
        assert!(name.matches("nguyen thuy chi"));
        assert!(name.matches("NGUYỄN"));
        assert!(name.matches("thuỳ"));
        assert!(name.matches("thuy ch"));
        assert!(name.matches("chi"));
        assert!(name.matches(&nfd("Thùy Chi")));
        assert!(name.matches(""));
        assert!(name.matches("  "));
        assert!(!name.matches("uy"));
        assert!(!name.matches("chi nguyen"));
        assert!(!name.matches("nguyen chi"));
        assert!(person("Đỗ Văn Anh").matches("do van"));
        // A later word start is found even when an earlier non-word-start match overlaps.
        assert!(person("Xa A A").matches("a a"));
        let unit = UnitName::try_new("Công đoàn Trường Mầm non Hoa Sữa").unwrap();
        assert!(unit.matches("truong mam non"));
        assert!(!unit.matches("ruong"));
    }

    const LIST: [&str; 7] = [
        "Nguyễn Văn An",
        "Trần Thị Ánh",
        "Lê Văn Bình",
        "Phạm Thị Đào",
        "Hoàng Văn Dũng",
        "Vũ Thị Ân",
        "Đỗ Văn Anh",
    ];

    #[test]
    fn collator_letter_order() {
        let vi = ViCollator::new().unwrap();
        let letters = [
            "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i", "k", "l", "m", "n", "o",
            "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "x", "y",
        ];
        for pair in letters.windows(2) {
            assert_eq!(vi.compare(pair[0], pair[1]), Ordering::Less, "{pair:?}");
        }
        // Distinct letters decide before tones: "Ánh" < "Ân", "Dũng" < "Đào".
        assert_eq!(vi.compare("Ánh", "Ân"), Ordering::Less);
        assert_eq!(vi.compare("Anh", "Ân"), Ordering::Less);
        assert_eq!(vi.compare("An", "Ân"), Ordering::Less);
        assert_eq!(vi.compare("Dũng", "Đào"), Ordering::Less);
        assert_eq!(vi.compare("Ơn", "Ôn"), Ordering::Greater);
        // Tones are secondary: unmarked, huyền, hỏi, ngã, sắc, nặng.
        let tones = ["ma", "mà", "mả", "mã", "má", "mạ"];
        for pair in tones.windows(2) {
            assert_eq!(vi.compare(pair[0], pair[1]), Ordering::Less, "{pair:?}");
        }
        assert_eq!(vi.compare("má", "mb"), Ordering::Less);
        // Case is tertiary; canonically equivalent strings are equal.
        assert_eq!(vi.compare("an", "An"), Ordering::Less);
        assert_eq!(vi.compare("Nguyễn", &nfd("Nguyễn")), Ordering::Equal);
        // Byte order disagrees.
        assert_eq!("Đào".cmp("Dũng"), Ordering::Greater);
        assert_eq!("ă".cmp("b"), Ordering::Greater);
    }

    #[test]
    fn sort_people_vietnamese_order_not_byte_order() {
        let vi = ViCollator::new().unwrap();
        let mut names: Vec<PersonName> = LIST.iter().map(|s| person(s)).collect();
        vi.sort_people(&mut names);
        let sorted: Vec<&str> = names.iter().map(PersonName::as_str).collect();
        assert_eq!(
            sorted,
            [
                "Nguyễn Văn An",
                "Đỗ Văn Anh",
                "Trần Thị Ánh",
                "Vũ Thị Ân",
                "Lê Văn Bình",
                "Hoàng Văn Dũng",
                "Phạm Thị Đào",
            ]
        );

        let mut by_bytes = LIST.to_vec();
        by_bytes.sort_unstable();
        assert_eq!(
            by_bytes,
            [
                "Hoàng Văn Dũng",
                "Lê Văn Bình",
                "Nguyễn Văn An",
                "Phạm Thị Đào",
                "Trần Thị Ánh",
                "Vũ Thị Ân",
                "Đỗ Văn Anh",
            ]
        );
        let mut by_given_bytes: Vec<PersonName> = LIST.iter().map(|s| person(s)).collect();
        by_given_bytes.sort_by(|a, b| a.given().cmp(b.given()));
        let by_given_bytes: Vec<&str> = by_given_bytes.iter().map(|p| p.given()).collect();
        assert_eq!(
            by_given_bytes,
            ["An", "Anh", "Bình", "Dũng", "Ánh", "Ân", "Đào"]
        );
        assert_ne!(
            by_given_bytes,
            sorted
                .iter()
                .map(|s| person(s).given().to_owned())
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn sort_people_ties_on_given_name() {
        let vi = ViCollator::new().unwrap();
        let mut names: Vec<PersonName> = [
            "Trần Văn Hùng",
            "Nguyễn Văn Hùng",
            "Nguyễn Hùng",
            "Nguyễn Thị Mai",
            "Đặng Văn Hùng",
            "Nguyễn Anh Hùng",
            "Dương Văn Hùng",
            "Hùng",
            "Lý Văn Hùng",
            "Ly Văn Hùng",
            "Ly Anh Hùng",
            "Lê Thị Hà",
            "Nguyễn Thị Ha",
            "nguyễn văn hùng",
        ]
        .iter()
        .map(|s| person(s))
        .collect();
        vi.sort_people(&mut names);
        let sorted: Vec<&str> = names.iter().map(PersonName::as_str).collect();
        assert_eq!(
            sorted,
            [
                // Tones of the given name decide before the family name.
                "Nguyễn Thị Ha",
                "Lê Thị Hà",
                // Case counts within the given name: lowercase first.
                "nguyễn văn hùng",
                // Same given name: a one-word name first, then by family name
                // (d < đ, ly < lý), then middle names word by word.
                "Hùng",
                "Dương Văn Hùng",
                "Đặng Văn Hùng",
                "Ly Anh Hùng",
                "Ly Văn Hùng",
                "Lý Văn Hùng",
                "Nguyễn Hùng",
                "Nguyễn Anh Hùng",
                "Nguyễn Văn Hùng",
                "Trần Văn Hùng",
                "Nguyễn Thị Mai",
            ]
        );
    }

    #[test]
    fn compare_people_tone_placement_is_total() {
        let vi = ViCollator::new().unwrap();
        let old = person("Lê Thị Hoà");
        let new = person("Lê Thị Hòa");
        assert_ne!(vi.compare_people(&old, &new), Ordering::Equal);
        assert_eq!(
            vi.compare_people(&old, &new),
            vi.compare_people(&new, &old).reverse()
        );
        assert_eq!(vi.compare_people(&old, &old.clone()), Ordering::Equal);
    }

    #[test]
    fn sort_by_person_name_on_records() {
        struct Member {
            id: u32,
            name: PersonName,
        }
        let vi = ViCollator::shared().unwrap();
        let mut members: Vec<Member> = LIST
            .iter()
            .zip(1..)
            .map(|(s, id)| Member {
                id,
                name: person(s),
            })
            .collect();
        vi.sort_by_person_name(&mut members, |m| &m.name);
        let ids: Vec<u32> = members.iter().map(|m| m.id).collect();
        assert_eq!(ids, [1, 7, 2, 6, 3, 5, 4]);
    }

    #[test]
    fn shared_is_one_instance() {
        let a = ViCollator::shared().unwrap();
        let b = ViCollator::shared().unwrap();
        assert!(std::ptr::eq(a, b));
        assert_eq!(format!("{a:?}"), "ViCollator { .. }");
    }

    #[test]
    fn types_are_send_sync_static() {
        fn check<T: Send + Sync + 'static>() {}
        check::<PersonName>();
        check::<UnitName>();
        check::<UnitShortName>();
        check::<Label>();
        check::<TextError>();
        check::<TextKind>();
        check::<CollationDataError>();
        check::<ViCollator>();
    }

    /// Characters that stress normalisation: Vietnamese letters in both forms, tone
    /// marks, whitespace and invisible characters, controls, U+FFFD.
    fn vi_text() -> impl Strategy<Value = String> {
        const CHARS: &[char] = &[
            'a', 'A', 'n', 'h', 'o', 'u', 'y', 'd', 'D', 'đ', 'Đ', 'ð', 'Ð', 'ă', 'â', 'ê', 'ô',
            'ơ', 'ư', 'Ư', 'ễ', 'Ễ', 'ủ', 'ỷ', 'à', 'ò', 'ạ', '\u{300}', '\u{301}', '\u{302}',
            '\u{303}', '\u{306}', '\u{309}', '\u{31B}', '\u{323}', ' ', ' ', '\u{A0}', '\t', '\n',
            '\u{3000}', '\u{2003}', '\u{200B}', '\u{200D}', '\u{FEFF}', '\u{AD}', '\u{7}',
            '\u{FFFD}', '\u{130}', '\u{1C5}', '\u{212B}', '\u{AC00}', '\u{1100}', '\u{1161}', '\'',
            '-', '2',
        ];
        prop::collection::vec(prop::sample::select(CHARS), 0..40)
            .prop_map(|chars| chars.into_iter().collect())
    }

    fn any_text() -> impl Strategy<Value = String> {
        prop_oneof![vi_text(), any::<String>()]
    }

    /// Valid person names built from Vietnamese words.
    fn vi_person() -> impl Strategy<Value = PersonName> {
        const WORDS: &[&str] = &[
            "Nguyễn", "Trần", "Lê", "Ly", "Lý", "Đỗ", "Dương", "Văn", "Thị", "Thuỷ", "Thủy", "Hoà",
            "Hòa", "An", "Anh", "Ánh", "Ân", "Dũng", "Đào", "hùng", "Hùng",
        ];
        prop::collection::vec(prop::sample::select(WORDS), 1..5)
            .prop_map(|words| PersonName::try_new(&words.join(" ")).unwrap())
    }

    proptest! {
        #[test]
        fn normalize_is_idempotent(s in any_text()) {
            let once = normalize(&s);
            prop_assert_eq!(normalize(&once), once.clone());
            prop_assert!(unicode_normalization::is_nfc(&once));
            prop_assert!(!once.starts_with(' ') && !once.ends_with(' ') && !once.contains("  "));
            prop_assert!(!once.chars().any(|c| c.is_whitespace() && c != ' '));
            prop_assert!(!once.chars().any(is_invisible));
        }

        #[test]
        fn normalize_nfd_equals_nfc(s in any_text()) {
            prop_assert_eq!(normalize(&nfd(&s)), normalize(&nfc(&s)));
            prop_assert_eq!(normalize(&nfd(&s)), normalize(&s));
        }

        #[test]
        fn fold_is_idempotent_and_form_blind(s in any_text()) {
            let once = fold(&s);
            prop_assert_eq!(fold(&once), once.clone());
            prop_assert_eq!(fold(&nfd(&s)), once.clone());
            prop_assert_eq!(fold(&nfc(&s)), once.clone());
            prop_assert_eq!(fold(&normalize(&s)), once.clone());
            prop_assert!(!once.chars().any(is_combining_mark));
        }

        #[test]
        fn parsers_never_panic(s in any_text(), q in any_text()) {
            for result in [
                PersonName::try_new(&s).map(|p| p.to_string()),
                UnitName::try_new(&s).map(|p| p.to_string()),
                UnitShortName::try_new(&s).map(|p| p.to_string()),
                Label::try_new(&s).map(|p| p.to_string()),
            ] {
                match result {
                    Ok(text) => prop_assert_eq!(text, normalize(&s)),
                    Err(err) => prop_assert!(!err.to_string().is_empty()),
                }
            }
            if let Ok(p) = PersonName::try_new(&s) {
                let _ = (p.family(), p.middle(), p.given(), p.words().count(), p.matches(&q));
            }
            let _ = serde_json::from_str::<PersonName>(&s);
        }

        #[test]
        fn person_name_round_trips(s in any_text()) {
            if let Ok(name) = PersonName::try_new(&s) {
                prop_assert_eq!(PersonName::try_new(name.as_str()).unwrap(), name.clone());
                prop_assert_eq!(name.to_string().parse::<PersonName>().unwrap(), name.clone());
                let json = serde_json::to_string(&name).unwrap();
                prop_assert_eq!(serde_json::from_str::<PersonName>(&json).unwrap(), name.clone());
                let words: Vec<&str> = name.words().collect();
                prop_assert_eq!(words.last().copied(), Some(name.given()));
                prop_assert_eq!(words.join(" "), name.as_str());
            }
        }

        #[test]
        fn unit_names_round_trip(s in any_text()) {
            if let Ok(unit) = UnitName::try_new(&s) {
                prop_assert_eq!(unit.to_string().parse::<UnitName>().unwrap(), unit.clone());
                let json = serde_json::to_string(&unit).unwrap();
                prop_assert_eq!(serde_json::from_str::<UnitName>(&json).unwrap(), unit);
            }
            if let Ok(short) = UnitShortName::try_new(&s) {
                prop_assert_eq!(short.to_string().parse::<UnitShortName>().unwrap(), short.clone());
                let json = serde_json::to_string(&short).unwrap();
                prop_assert_eq!(serde_json::from_str::<UnitShortName>(&json).unwrap(), short);
            }
            if let Ok(label) = Label::try_new(&s) {
                prop_assert_eq!(label.to_string().parse::<Label>().unwrap(), label.clone());
                let json = serde_json::to_string(&label).unwrap();
                prop_assert_eq!(serde_json::from_str::<Label>(&json).unwrap(), label);
            }
        }

        #[test]
        fn name_matches_itself(name in vi_person()) {
            prop_assert!(name.matches(name.as_str()));
            prop_assert!(name.matches(&nfd(name.given())));
            prop_assert!(name.matches(&fold(name.as_str()).to_uppercase()));
        }

        #[test]
        fn compare_people_is_a_total_order(a in vi_person(), b in vi_person(), c in vi_person()) {
            let vi = ViCollator::shared().unwrap();
            prop_assert_eq!(vi.compare_people(&a, &b), vi.compare_people(&b, &a).reverse());
            prop_assert_eq!(vi.compare_people(&a, &b) == Ordering::Equal, a == b);
            if vi.compare_people(&a, &b) != Ordering::Greater
                && vi.compare_people(&b, &c) != Ordering::Greater
            {
                prop_assert_ne!(vi.compare_people(&a, &c), Ordering::Greater);
            }
        }
    }
}
