//! Citations of the law behind each rule, and how sure we are of them.

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};

labelled_enum! {
    /// How the rule's source was established.
    pub enum Confidence {
        /// **V**: read in the source text.
        Verified => ("verified", "đã đối chiếu văn bản", "read in the source"),
        /// **S**: from a secondary paraphrase of the source.
        Secondary => ("secondary", "theo nguồn thứ cấp", "secondary paraphrase"),
        /// **R**: recalled, not found in a text; encoded as a parameter to confirm.
        Recalled => ("recalled", "theo trí nhớ, cần xác minh", "recalled, to be confirmed"),
    }
}

impl Confidence {
    /// The one-letter mark used in the rule catalogue (V, S, R).
    pub fn mark(self) -> &'static str {
        match self {
            Confidence::Verified => "V",
            Confidence::Secondary => "S",
            Confidence::Recalled => "R",
        }
    }
}

/// Where a rule or parameter comes from: document, article, clause and point, with a
/// confidence and an optional note.
///
/// ```
/// use thidua::{Citation, Confidence};
///
/// let c = Citation::new("Luật Thi đua, khen thưởng 06/2022/QH15")
///     .article("24")
///     .clause("1")
///     .confidence(Confidence::Verified);
/// assert_eq!(c.to_string(), "Luật Thi đua, khen thưởng 06/2022/QH15, Điều 24, khoản 1");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Citation {
    document: Cow<'static, str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    article: Option<Cow<'static, str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    clause: Option<Cow<'static, str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    point: Option<Cow<'static, str>>,
    confidence: Confidence,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<Cow<'static, str>>,
}

impl Citation {
    /// A citation of a whole document, confidence [`Confidence::Verified`].
    pub fn new(document: impl Into<Cow<'static, str>>) -> Self {
        Self {
            document: document.into(),
            article: None,
            clause: None,
            point: None,
            confidence: Confidence::Verified,
            note: None,
        }
    }

    pub(crate) const fn law(
        document: &'static str,
        article: Option<&'static str>,
        clause: Option<&'static str>,
        point: Option<&'static str>,
        confidence: Confidence,
        note: Option<&'static str>,
    ) -> Self {
        const fn b(s: Option<&'static str>) -> Option<Cow<'static, str>> {
            match s {
                Some(s) => Some(Cow::Borrowed(s)),
                None => None,
            }
        }
        Self {
            document: Cow::Borrowed(document),
            article: b(article),
            clause: b(clause),
            point: b(point),
            confidence,
            note: b(note),
        }
    }

    /// Sets the article (*Điều*).
    #[must_use]
    pub fn article(mut self, article: impl Into<Cow<'static, str>>) -> Self {
        self.article = Some(article.into());
        self
    }

    /// Sets the clause (*khoản*).
    #[must_use]
    pub fn clause(mut self, clause: impl Into<Cow<'static, str>>) -> Self {
        self.clause = Some(clause.into());
        self
    }

    /// Sets the point (*điểm*).
    #[must_use]
    pub fn point(mut self, point: impl Into<Cow<'static, str>>) -> Self {
        self.point = Some(point.into());
        self
    }

    /// Sets how sure the source is.
    #[must_use]
    pub fn confidence(mut self, confidence: Confidence) -> Self {
        self.confidence = confidence;
        self
    }

    /// Adds a note (what is uncertain, what was not found).
    #[must_use]
    pub fn note(mut self, note: impl Into<Cow<'static, str>>) -> Self {
        self.note = Some(note.into());
        self
    }

    /// The document.
    pub fn document(&self) -> &str {
        &self.document
    }

    /// How sure the source is.
    pub fn confidence_level(&self) -> Confidence {
        self.confidence
    }

    /// The note, if any.
    pub fn note_text(&self) -> Option<&str> {
        self.note.as_deref()
    }
}

impl fmt::Display for Citation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.document)?;
        if let Some(a) = &self.article {
            write!(f, ", Điều {a}")?;
        }
        if let Some(c) = &self.clause {
            write!(f, ", khoản {c}")?;
        }
        if let Some(p) = &self.point {
            write!(f, ", điểm {p}")?;
        }
        Ok(())
    }
}
