//! The catalogue of titles (*danh hiệu thi đua*) and forms of commendation (*hình thức
//! khen thưởng*).

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// An error about titles and the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AwardError {
    /// A title code is empty, too long, or not lowercase ASCII letters, digits, `-`,
    /// `_` and `.` starting with a letter or digit.
    #[error(
        "invalid title code {input:?}: expected 1 to 64 lowercase ASCII letters, digits, '.', '-' or '_', starting with a letter or digit (such as \"ldtt\" or \"cstdcs\")"
    )]
    InvalidCode {
        /// The code as given.
        input: String,
    },
    /// A catalogue entry with this code exists already.
    #[error("title code {code:?} is already in the catalogue")]
    DuplicateCode {
        /// The code.
        code: String,
    },
    /// A label is empty.
    #[error("title {code:?} needs a Vietnamese and an English label")]
    EmptyLabel {
        /// The code.
        code: String,
    },
    /// A decision number does not have the form `123/QĐ-LĐLĐ`.
    #[error(
        "invalid decision number {input:?}: expected a number, an optional year, the document type and the issuer, such as \"123/QĐ-LĐLĐ\" or \"98/2023/NĐ-CP\""
    )]
    InvalidDecisionNumber {
        /// The text as given.
        input: String,
    },
}

/// The stable code of a title or form of commendation in a catalogue (`ldtt`,
/// `cstdcs`, `bk-tld`, or a province's own `nha-giao-ha-noi-tam-huyet`).
///
/// A code is 16 bytes: a national history holds tens of millions of conferrals, each
/// naming its title. Codes compare, order and hash as their text.
#[derive(Clone)]
pub struct TitleCode(Repr);

/// A built-in code is the text of [`codes`] itself; another code is its own shared
/// text, behind one thin pointer so that either form fits in 16 bytes.
#[derive(Clone)]
enum Repr {
    Builtin(&'static str),
    Custom(Arc<String>),
}

impl TitleCode {
    /// The longest code, in bytes.
    pub const MAX_CHARS: usize = 64;

    /// Checks and wraps a code.
    ///
    /// # Errors
    /// [`AwardError::InvalidCode`] unless it is 1 to 64 lowercase ASCII letters,
    /// digits, `-`, `_` or `.`, starting with a letter or digit.
    pub fn try_new(code: &str) -> Result<Self, AwardError> {
        let allowed = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit();
        let ok = code.len() <= Self::MAX_CHARS
            && code.bytes().next().is_some_and(allowed)
            && code
                .bytes()
                .all(|b| allowed(b) || matches!(b, b'.' | b'-' | b'_'));
        if ok {
            // A built-in code is shared, not copied: a national file names a handful
            // of titles millions of times.
            Ok(Self(match codes::ALL.iter().find(|c| **c == code) {
                Some(builtin) => Repr::Builtin(builtin),
                None => Repr::Custom(Arc::new(code.to_owned())),
            }))
        } else {
            Err(AwardError::InvalidCode {
                input: code.to_owned(),
            })
        }
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Builtin(code) => code,
            Repr::Custom(code) => code,
        }
    }

    pub(crate) const fn builtin(code: &'static str) -> Self {
        Self(Repr::Builtin(code))
    }
}

acts_as_text!(TitleCode);

/// A code compares with a code from [`codes`] as it is.
///
/// ```
/// use thidua::{TitleCode, codes};
///
/// let title = TitleCode::try_new("ldtt")?;
/// assert!(title == codes::LDTT);
/// assert!(title != *codes::CSTDCS);
/// # Ok::<(), thidua::AwardError>(())
/// ```
impl PartialEq<str> for TitleCode {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for TitleCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl TryFrom<&str> for TitleCode {
    type Error = AwardError;
    fn try_from(s: &str) -> Result<Self, AwardError> {
        Self::try_new(s)
    }
}

impl std::borrow::Borrow<str> for TitleCode {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

checked_text!(TitleCode, AwardError);

labelled_enum! {
    /// Whether an entry is an emulation title or a form of commendation.
    pub enum AwardKind {
        /// *Danh hiệu thi đua*: an emulation title (LĐTT, CSTĐCS, Cờ thi đua …).
        Title => ("title", "danh hiệu thi đua", "emulation title"),
        /// *Hình thức khen thưởng*: a form of commendation (Bằng khen, Giấy khen,
        /// Kỷ niệm chương …).
        Commendation => ("commendation", "hình thức khen thưởng", "form of commendation"),
    }
}

labelled_enum! {
    /// Who receives an award.
    pub enum RecipientKind {
        /// *Cá nhân*: a person.
        Individual => ("individual", "cá nhân", "individual"),
        /// *Tập thể*: a collective (a unit, a school, a union).
        Collective => ("collective", "tập thể", "collective"),
        /// *Hộ gia đình*: a household.
        Household => ("household", "hộ gia đình", "household"),
    }
}

labelled_enum! {
    /// The level that confers an award.
    pub enum IssuingLevel {
        /// The President (*Chủ tịch nước*).
        State => ("state", "Chủ tịch nước", "the President"),
        /// The Government or the Prime Minister.
        Government => ("government", "Chính phủ, Thủ tướng Chính phủ", "the Government or Prime Minister"),
        /// A ministry, central body or province, including the VGCL.
        MinistryOrProvince => ("ministry_or_province", "bộ, ban, ngành, tỉnh, Tổng Liên đoàn", "ministry, central body or province"),
        /// A provincial federation of labour or a national sector union.
        ProvincialUnion => ("provincial_union", "Liên đoàn Lao động tỉnh, công đoàn ngành trung ương", "provincial federation or national sector union"),
        /// The level directly above grassroots, or a district-level authority.
        UpperGrassroots => ("upper_grassroots", "công đoàn cấp trên trực tiếp cơ sở, cấp huyện", "level above grassroots"),
        /// The grassroots level: the unit itself (its head, its union).
        Grassroots => ("grassroots", "cơ sở", "grassroots"),
    }
}

/// One title or form of commendation in a catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AwardDef {
    code: TitleCode,
    kind: AwardKind,
    recipient: RecipientKind,
    label_vi: String,
    label_en: String,
    #[serde(default)]
    issuers: Vec<IssuingLevel>,
    /// Bonus as a multiple of the base salary, in tenths (15 = 1,5 lần), when the law
    /// sets one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    bonus_tenths: Option<u32>,
}

impl AwardDef {
    /// A catalogue entry.
    ///
    /// # Errors
    /// [`AwardError::EmptyLabel`] when a label is blank.
    pub fn try_new(
        code: TitleCode,
        kind: AwardKind,
        recipient: RecipientKind,
        label_vi: &str,
        label_en: &str,
    ) -> Result<Self, AwardError> {
        let (vi, en) = (
            crate::value::text::normalize(label_vi),
            crate::value::text::normalize(label_en),
        );
        if vi.is_empty() || en.is_empty() {
            return Err(AwardError::EmptyLabel {
                code: code.to_string(),
            });
        }
        Ok(Self {
            code,
            kind,
            recipient,
            label_vi: vi,
            label_en: en,
            issuers: Vec::new(),
            bonus_tenths: None,
        })
    }

    /// Adds the levels that may confer it.
    #[must_use]
    pub fn with_issuers(mut self, issuers: &[IssuingLevel]) -> Self {
        self.issuers = issuers.to_vec();
        self
    }

    /// Sets the bonus as a multiple of the base salary, in tenths (`15` for 1,5).
    #[must_use]
    pub fn with_bonus_tenths(mut self, tenths: u32) -> Self {
        self.bonus_tenths = Some(tenths);
        self
    }

    /// The code.
    pub fn code(&self) -> &TitleCode {
        &self.code
    }

    /// Title or form of commendation.
    pub fn kind(&self) -> AwardKind {
        self.kind
    }

    /// Who receives it.
    pub fn recipient(&self) -> RecipientKind {
        self.recipient
    }

    /// The Vietnamese label.
    pub fn label_vi(&self) -> &str {
        &self.label_vi
    }

    /// The English label.
    pub fn label_en(&self) -> &str {
        &self.label_en
    }

    /// The levels that may confer it.
    pub fn issuers(&self) -> &[IssuingLevel] {
        &self.issuers
    }

    /// The bonus as a multiple of the base salary, in tenths, if the law sets one.
    pub fn bonus_tenths(&self) -> Option<u32> {
        self.bonus_tenths
    }
}

/// The built-in codes of [`codes`] as title codes, for wherever a [`TitleCode`] is
/// needed (a [`Conferral`](crate::Conferral), a key of a tally).
///
/// ```
/// use thidua::{Conferral, MemberId, Recipient, TitleCode, codes};
///
/// let ldtt = Conferral::new(TitleCode::LDTT, Recipient::Member(MemberId::from_key("lan")));
/// assert_eq!(ldtt.title().as_str(), codes::LDTT);
/// ```
impl TitleCode {
    /// [`codes::LDTT`]: *Lao động tiên tiến*.
    pub const LDTT: TitleCode = TitleCode::builtin(codes::LDTT);
    /// [`codes::CSTDCS`]: *Chiến sĩ thi đua cơ sở*.
    pub const CSTDCS: TitleCode = TitleCode::builtin(codes::CSTDCS);
    /// [`codes::CSTD_TINH`]: *Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh*.
    pub const CSTD_TINH: TitleCode = TitleCode::builtin(codes::CSTD_TINH);
    /// [`codes::CSTDTQ`]: *Chiến sĩ thi đua toàn quốc*.
    pub const CSTDTQ: TitleCode = TitleCode::builtin(codes::CSTDTQ);
    /// [`codes::TTLDXS`]: *Tập thể lao động xuất sắc*.
    pub const TTLDXS: TitleCode = TitleCode::builtin(codes::TTLDXS);
    /// [`codes::TTLDTT`]: *Tập thể lao động tiên tiến*.
    pub const TTLDTT: TitleCode = TitleCode::builtin(codes::TTLDTT);
    /// [`codes::CO_CHINH_PHU`]: *Cờ thi đua của Chính phủ*.
    pub const CO_CHINH_PHU: TitleCode = TitleCode::builtin(codes::CO_CHINH_PHU);
    /// [`codes::CO_TINH`]: *Cờ thi đua cấp bộ, ban, ngành, tỉnh*.
    pub const CO_TINH: TitleCode = TitleCode::builtin(codes::CO_TINH);
    /// [`codes::BK_THU_TUONG`]: *Bằng khen của Thủ tướng Chính phủ*.
    pub const BK_THU_TUONG: TitleCode = TitleCode::builtin(codes::BK_THU_TUONG);
    /// [`codes::BK_TINH`]: *Bằng khen cấp bộ, ban, ngành, tỉnh* (individual).
    pub const BK_TINH: TitleCode = TitleCode::builtin(codes::BK_TINH);
    /// [`codes::GIAY_KHEN`]: *Giấy khen*.
    pub const GIAY_KHEN: TitleCode = TitleCode::builtin(codes::GIAY_KHEN);
    /// [`codes::CO_TLD`]: *Cờ thi đua của Tổng Liên đoàn Lao động Việt Nam*.
    pub const CO_TLD: TitleCode = TitleCode::builtin(codes::CO_TLD);
    /// [`codes::BK_TLD`]: *Bằng khen của Tổng Liên đoàn Lao động Việt Nam*.
    pub const BK_TLD: TitleCode = TitleCode::builtin(codes::BK_TLD);
    /// [`codes::BANG_LDST`]: *Bằng Lao động sáng tạo*.
    pub const BANG_LDST: TitleCode = TitleCode::builtin(codes::BANG_LDST);
    /// [`codes::KNC_CONG_DOAN`]: *Kỷ niệm chương "Vì sự nghiệp xây dựng tổ chức Công đoàn"*.
    pub const KNC_CONG_DOAN: TitleCode = TitleCode::builtin(codes::KNC_CONG_DOAN);
    /// [`codes::GIAI_NGUYEN_DUC_CANH`]: *Giải thưởng Nguyễn Đức Cảnh*.
    pub const GIAI_NGUYEN_DUC_CANH: TitleCode = TitleCode::builtin(codes::GIAI_NGUYEN_DUC_CANH);
    /// [`codes::CO_LDLD`]: *Cờ thi đua của Liên đoàn Lao động tỉnh, thành phố*.
    pub const CO_LDLD: TitleCode = TitleCode::builtin(codes::CO_LDLD);
    /// [`codes::BK_LDLD`]: *Bằng khen của Liên đoàn Lao động tỉnh, thành phố*.
    pub const BK_LDLD: TitleCode = TitleCode::builtin(codes::BK_LDLD);
}

/// Codes of the built-in titles and forms, for use in code (as title codes:
/// [`TitleCode::LDTT`] and its siblings).
pub mod codes {
    /// *Lao động tiên tiến*.
    pub const LDTT: &str = "ldtt";
    /// *Chiến sĩ thi đua cơ sở*.
    pub const CSTDCS: &str = "cstdcs";
    /// *Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh*.
    pub const CSTD_TINH: &str = "cstd-tinh";
    /// *Chiến sĩ thi đua toàn quốc*.
    pub const CSTDTQ: &str = "cstdtq";
    /// *Tập thể lao động xuất sắc*.
    pub const TTLDXS: &str = "ttldxs";
    /// *Tập thể lao động tiên tiến*.
    pub const TTLDTT: &str = "ttldtt";
    /// *Cờ thi đua của Chính phủ*.
    pub const CO_CHINH_PHU: &str = "co-chinh-phu";
    /// *Cờ thi đua cấp bộ, ban, ngành, tỉnh*.
    pub const CO_TINH: &str = "co-tinh";
    /// *Bằng khen của Thủ tướng Chính phủ*.
    pub const BK_THU_TUONG: &str = "bk-thu-tuong";
    /// *Bằng khen cấp bộ, ban, ngành, tỉnh* (individual).
    pub const BK_TINH: &str = "bk-tinh";
    /// *Giấy khen*.
    pub const GIAY_KHEN: &str = "giay-khen";
    /// *Cờ thi đua của Tổng Liên đoàn Lao động Việt Nam*.
    pub const CO_TLD: &str = "co-tld";
    /// *Bằng khen của Tổng Liên đoàn Lao động Việt Nam*.
    pub const BK_TLD: &str = "bk-tld";
    /// *Bằng Lao động sáng tạo*.
    pub const BANG_LDST: &str = "bang-ldst";
    /// *Kỷ niệm chương "Vì sự nghiệp xây dựng tổ chức Công đoàn"*.
    pub const KNC_CONG_DOAN: &str = "knc-cong-doan";
    /// *Giải thưởng Nguyễn Đức Cảnh*.
    pub const GIAI_NGUYEN_DUC_CANH: &str = "giai-nguyen-duc-canh";
    /// *Cờ thi đua của Liên đoàn Lao động tỉnh, thành phố*.
    pub const CO_LDLD: &str = "co-ldld";
    /// *Bằng khen của Liên đoàn Lao động tỉnh, thành phố*.
    pub const BK_LDLD: &str = "bk-ldld";

    /// Every built-in code.
    pub const ALL: &[&str] = &[
        LDTT,
        CSTDCS,
        CSTD_TINH,
        CSTDTQ,
        TTLDXS,
        TTLDTT,
        CO_CHINH_PHU,
        CO_TINH,
        BK_THU_TUONG,
        BK_TINH,
        GIAY_KHEN,
        CO_TLD,
        BK_TLD,
        BANG_LDST,
        KNC_CONG_DOAN,
        GIAI_NGUYEN_DUC_CANH,
        CO_LDLD,
        BK_LDLD,
    ];
}

/// A built-in catalogue row: code, kind, recipient, labels, issuers, bonus tenths.
type Row = (
    &'static str,
    AwardKind,
    RecipientKind,
    &'static str,
    &'static str,
    &'static [IssuingLevel],
    Option<u32>,
);

/// Titles and forms of commendation by code: the built-in ones of the law and the
/// union system, plus any a province or union adds as data.
///
/// ```
/// use thidua::{AwardDef, AwardKind, Catalogue, RecipientKind, TitleCode};
///
/// let mut catalogue = Catalogue::builtin();
/// assert_eq!(catalogue.get("ldtt").map(|t| t.label_vi()), Some("Lao động tiên tiến"));
/// catalogue.add(AwardDef::try_new(
///     TitleCode::try_new("nha-giao-ha-noi-tam-huyet")?,
///     AwardKind::Commendation,
///     RecipientKind::Individual,
///     "Nhà giáo Hà Nội tâm huyết sáng tạo",
///     "Hà Nội dedicated and creative teacher award",
/// )?)?;
/// assert!(catalogue.get("nha-giao-ha-noi-tam-huyet").is_some());
/// # Ok::<(), thidua::AwardError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalogue {
    entries: BTreeMap<TitleCode, AwardDef>,
}

impl Catalogue {
    /// An empty catalogue.
    pub fn empty() -> Self {
        Self {
            entries: BTreeMap::new(),
        }
    }

    /// The titles and forms of Law 06/2022/QH15 and of the union system (VGCL), with
    /// the bonus multiples of ND 152/2025/NĐ-CP Điều 50 and Điều 54.
    pub fn builtin() -> Self {
        use AwardKind::{Commendation as C, Title as T};
        use IssuingLevel as L;
        use RecipientKind::{Collective as Col, Individual as Ind};
        let rows: [Row; 18] = [
            (
                codes::LDTT,
                T,
                Ind,
                "Lao động tiên tiến",
                "Advanced worker",
                &[L::Grassroots],
                Some(3),
            ),
            (
                codes::CSTDCS,
                T,
                Ind,
                "Chiến sĩ thi đua cơ sở",
                "Grassroots emulation fighter",
                &[L::Grassroots, L::UpperGrassroots],
                Some(10),
            ),
            (
                codes::CSTD_TINH,
                T,
                Ind,
                "Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh",
                "Ministry- or province-level emulation fighter",
                &[L::MinistryOrProvince],
                Some(30),
            ),
            (
                codes::CSTDTQ,
                T,
                Ind,
                "Chiến sĩ thi đua toàn quốc",
                "National emulation fighter",
                &[L::Government],
                Some(45),
            ),
            (
                codes::TTLDXS,
                T,
                Col,
                "Tập thể lao động xuất sắc",
                "Excellent labour collective",
                &[
                    L::MinistryOrProvince,
                    L::ProvincialUnion,
                    L::UpperGrassroots,
                ],
                Some(15),
            ),
            (
                codes::TTLDTT,
                T,
                Col,
                "Tập thể lao động tiên tiến",
                "Advanced labour collective",
                &[L::UpperGrassroots, L::Grassroots],
                Some(8),
            ),
            (
                codes::CO_CHINH_PHU,
                T,
                Col,
                "Cờ thi đua của Chính phủ",
                "Government emulation flag",
                &[L::Government],
                Some(120),
            ),
            (
                codes::CO_TINH,
                T,
                Col,
                "Cờ thi đua cấp bộ, ban, ngành, tỉnh",
                "Ministry or province emulation flag",
                &[L::MinistryOrProvince],
                Some(80),
            ),
            (
                codes::BK_THU_TUONG,
                C,
                Ind,
                "Bằng khen của Thủ tướng Chính phủ",
                "Prime Minister's certificate of merit",
                &[L::Government],
                Some(35),
            ),
            (
                codes::BK_TINH,
                C,
                Ind,
                "Bằng khen cấp bộ, ban, ngành, tỉnh",
                "Ministry or province certificate of merit",
                &[L::MinistryOrProvince],
                Some(15),
            ),
            (
                codes::GIAY_KHEN,
                C,
                Ind,
                "Giấy khen",
                "Certificate of commendation",
                &[L::UpperGrassroots, L::Grassroots],
                Some(3),
            ),
            (
                codes::CO_TLD,
                T,
                Col,
                "Cờ thi đua của Tổng Liên đoàn Lao động Việt Nam",
                "VGCL emulation flag",
                &[L::MinistryOrProvince],
                Some(80),
            ),
            (
                codes::BK_TLD,
                C,
                Ind,
                "Bằng khen của Tổng Liên đoàn Lao động Việt Nam",
                "VGCL certificate of merit",
                &[L::MinistryOrProvince],
                Some(15),
            ),
            (
                codes::BANG_LDST,
                C,
                Ind,
                "Bằng Lao động sáng tạo",
                "Creative labour certificate",
                &[L::MinistryOrProvince],
                None,
            ),
            (
                codes::KNC_CONG_DOAN,
                C,
                Ind,
                "Kỷ niệm chương \"Vì sự nghiệp xây dựng tổ chức Công đoàn\"",
                "Medal for building the trade union",
                &[L::MinistryOrProvince],
                None,
            ),
            (
                codes::GIAI_NGUYEN_DUC_CANH,
                C,
                Ind,
                "Giải thưởng Nguyễn Đức Cảnh",
                "Nguyễn Đức Cảnh award",
                &[L::MinistryOrProvince],
                None,
            ),
            (
                codes::CO_LDLD,
                T,
                Col,
                "Cờ thi đua của Liên đoàn Lao động tỉnh, thành phố",
                "Provincial federation emulation flag",
                &[L::ProvincialUnion],
                None,
            ),
            (
                codes::BK_LDLD,
                C,
                Ind,
                "Bằng khen của Liên đoàn Lao động tỉnh, thành phố",
                "Provincial federation certificate of merit",
                &[L::ProvincialUnion],
                None,
            ),
        ];
        let mut entries = BTreeMap::new();
        for (code, kind, recipient, vi, en, issuers, bonus) in rows {
            let def = AwardDef {
                code: TitleCode::builtin(code),
                kind,
                recipient,
                label_vi: vi.to_owned(),
                label_en: en.to_owned(),
                issuers: issuers.to_vec(),
                bonus_tenths: bonus,
            };
            entries.insert(def.code.clone(), def);
        }
        Self { entries }
    }

    /// Adds a title or form.
    ///
    /// # Errors
    /// [`AwardError::DuplicateCode`] when the code is taken.
    pub fn add(&mut self, def: AwardDef) -> Result<(), AwardError> {
        if self.entries.contains_key(&def.code) {
            return Err(AwardError::DuplicateCode {
                code: def.code.to_string(),
            });
        }
        self.entries.insert(def.code.clone(), def);
        Ok(())
    }

    /// The entry with this code.
    pub fn get(&self, code: &str) -> Option<&AwardDef> {
        self.entries.get(code)
    }

    /// Every entry, by code.
    pub fn iter(&self) -> impl Iterator<Item = &AwardDef> + '_ {
        self.entries.values()
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the catalogue is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A code is 16 bytes. A built-in code shares the text of `codes`, another code
    /// its own; both compare, order, hash and print as their text.
    #[test]
    fn title_codes_are_small_and_act_as_their_text() {
        use std::collections::{BTreeSet, HashMap};
        assert_eq!(std::mem::size_of::<TitleCode>(), 16);
        let ldtt = TitleCode::try_new("ldtt").unwrap();
        let again = TitleCode::try_new("ldtt").unwrap();
        assert!(std::ptr::eq(ldtt.as_str(), again.as_str()));
        assert_eq!(ldtt, TitleCode::LDTT);
        let own = TitleCode::try_new("nha-giao-ha-noi-tam-huyet").unwrap();
        let copy = own.clone();
        assert!(std::ptr::eq(own.as_str(), copy.as_str()));
        assert_eq!(
            own,
            TitleCode::try_new("nha-giao-ha-noi-tam-huyet").unwrap()
        );
        assert_ne!(own, ldtt);
        assert_eq!(
            format!("{own:?}"),
            r#"TitleCode("nha-giao-ha-noi-tam-huyet")"#
        );
        assert_eq!(format!("{ldtt:?} {ldtt}"), r#"TitleCode("ldtt") ldtt"#);
        let by_code: HashMap<TitleCode, u8> = [(own.clone(), 1), (ldtt.clone(), 2)].into();
        assert_eq!(by_code.get("nha-giao-ha-noi-tam-huyet"), Some(&1));
        assert_eq!(by_code.get(codes::LDTT), Some(&2));
        let a = TitleCode::try_new("a-danh-hieu").unwrap();
        let set = BTreeSet::from([own.clone(), ldtt, a, TitleCode::BK_TLD]);
        let order: Vec<&str> = set.iter().map(TitleCode::as_str).collect();
        let mut texts = vec!["a-danh-hieu", codes::BK_TLD, codes::LDTT, own.as_str()];
        texts.sort_unstable();
        assert_eq!(order, texts);
    }

    #[test]
    fn title_code_constants_are_the_builtin_codes() {
        let c = Catalogue::builtin();
        let pairs = [
            (TitleCode::LDTT, codes::LDTT),
            (TitleCode::CSTDCS, codes::CSTDCS),
            (TitleCode::CSTD_TINH, codes::CSTD_TINH),
            (TitleCode::CSTDTQ, codes::CSTDTQ),
            (TitleCode::TTLDXS, codes::TTLDXS),
            (TitleCode::TTLDTT, codes::TTLDTT),
            (TitleCode::CO_CHINH_PHU, codes::CO_CHINH_PHU),
            (TitleCode::CO_TINH, codes::CO_TINH),
            (TitleCode::BK_THU_TUONG, codes::BK_THU_TUONG),
            (TitleCode::BK_TINH, codes::BK_TINH),
            (TitleCode::GIAY_KHEN, codes::GIAY_KHEN),
            (TitleCode::CO_TLD, codes::CO_TLD),
            (TitleCode::BK_TLD, codes::BK_TLD),
            (TitleCode::BANG_LDST, codes::BANG_LDST),
            (TitleCode::KNC_CONG_DOAN, codes::KNC_CONG_DOAN),
            (TitleCode::GIAI_NGUYEN_DUC_CANH, codes::GIAI_NGUYEN_DUC_CANH),
            (TitleCode::CO_LDLD, codes::CO_LDLD),
            (TitleCode::BK_LDLD, codes::BK_LDLD),
        ];
        assert_eq!(pairs.len(), c.len());
        assert_eq!(
            codes::ALL,
            pairs.iter().map(|(_, code)| *code).collect::<Vec<_>>()
        );
        for (title, code) in pairs {
            assert_eq!(title, TitleCode::try_new(code).unwrap());
            assert!(c.get(code).is_some(), "{code}");
        }
    }

    #[test]
    fn builtin_bonuses_follow_the_decree() {
        let c = Catalogue::builtin();
        let tenths = |code| c.get(code).and_then(AwardDef::bonus_tenths);
        // ND 152/2025 Đ.50 k.1 and k.2.
        assert_eq!(tenths(codes::CSTDTQ), Some(45));
        assert_eq!(tenths(codes::CSTD_TINH), Some(30));
        assert_eq!(tenths(codes::CSTDCS), Some(10));
        assert_eq!(tenths(codes::LDTT), Some(3));
        assert_eq!(tenths(codes::TTLDXS), Some(15));
        assert_eq!(tenths(codes::TTLDTT), Some(8));
        assert_eq!(tenths(codes::CO_CHINH_PHU), Some(120));
        assert_eq!(tenths(codes::CO_TINH), Some(80));
        // Đ.54 k.1: the Prime Minister's certificate is 3,5 times the base salary.
        assert_eq!(tenths(codes::BK_THU_TUONG), Some(35));
        assert_eq!(tenths(codes::BK_TINH), Some(15));
        assert_eq!(tenths(codes::GIAY_KHEN), Some(3));
    }

    proptest::proptest! {
        #[test]
        fn code_parsing_never_panics_and_round_trips(s in "\\PC{0,70}") {
            if let Ok(code) = TitleCode::try_new(&s) {
                proptest::prop_assert_eq!(code.to_string().parse::<TitleCode>().unwrap(), code.clone());
                let json = serde_json::to_string(&code).unwrap();
                proptest::prop_assert_eq!(serde_json::from_str::<TitleCode>(&json).unwrap(), code);
            }
        }

        #[test]
        fn valid_codes_are_accepted(s in "[a-z0-9][a-z0-9._-]{0,63}") {
            proptest::prop_assert!(TitleCode::try_new(&s).is_ok());
        }
    }

    #[test]
    fn codes_are_checked_and_unique() {
        assert!(TitleCode::try_new(&"a".repeat(64)).is_ok());
        assert!(TitleCode::try_new(&"a".repeat(65)).is_err());
        assert!(TitleCode::try_new("-ldtt").is_err());
        insta::assert_snapshot!(TitleCode::try_new("LĐTT").unwrap_err(), @r#"invalid title code "LĐTT": expected 1 to 64 lowercase ASCII letters, digits, '.', '-' or '_', starting with a letter or digit (such as "ldtt" or "cstdcs")"#);
        let mut c = Catalogue::builtin();
        let dup = AwardDef::try_new(
            TitleCode::try_new("ldtt").unwrap(),
            AwardKind::Title,
            RecipientKind::Individual,
            "x",
            "x",
        )
        .unwrap();
        insta::assert_snapshot!(c.add(dup).unwrap_err(), @r#"title code "ldtt" is already in the catalogue"#);
        assert!(
            AwardDef::try_new(
                TitleCode::try_new("x").unwrap(),
                AwardKind::Title,
                RecipientKind::Individual,
                "  ",
                "x"
            )
            .is_err()
        );
    }
}
