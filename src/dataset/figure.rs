//! Figures as a source document states them ("244 Công đoàn cơ sở với 15.249 đoàn
//! viên"), kept with their qualifier and quote so reports can show them and checks
//! can compare them with what the data computes.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::award::catalogue::{IssuingLevel, RecipientKind, TitleCode};
use crate::org::kind::Bloc;
use crate::value::id::UnitId;
use crate::value::money::Vnd;
use crate::value::period::Period;
use crate::value::ratio::Ratio;
use crate::value::reported::Reported;

/// The value of a stated figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", content = "figure", rename_all = "snake_case")]
#[non_exhaustive]
pub enum FigureValue {
    /// A count ("hơn 3.800 đoàn viên").
    Count(Reported<u64>),
    /// An amount of money ("trên 1.065 triệu đồng").
    Money(Reported<Vnd>),
    /// A share or rate ("19,5%", "95,34%").
    Ratio(Reported<Ratio>),
}

/// The stated figures a stated share is made of: `part` out of `whole`, both keys of
/// figures of the same unit, bloc and period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ShareOf {
    /// The key of the part ("initiative.recognised").
    pub part: String,
    /// The key of the whole ("initiative.evaluated").
    pub whole: String,
}

/// A figure a source document states about a unit's scope, for a period or a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StatedFigure {
    /// The unit whose scope the figure covers.
    pub unit: UnitId,
    /// What is counted, as a stable key (`members`, `workforce`, `cdcs.count`,
    /// `cdcs.grade.good` …): one of [`FIGURE_KEYS`], or a key of one of its families
    /// (`initiative.city`). Any other key is kept and shown as stated, with a
    /// warning naming the nearest known keys.
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::dataset::schema::figure_key_schema")
    )]
    pub key: String,
    /// The value as stated.
    pub value: FigureValue,
    /// The bloc the figure is restricted to, if any ("khối trường học").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bloc: Option<Bloc>,
    /// The period the figure is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// The day the figure holds on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::value::period::day::optional")]
    pub as_of: Option<NaiveDate>,
    /// How the source names the figure, in Vietnamese ("đoàn viên được hỗ trợ do
    /// mắc Covid-19").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The figure's name in English, for reports in English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_en: Option<String>,
    /// For a share the source states beside its parts ("95% (1.400/1.600)"): the
    /// keys of the stated figures it is made of. Known share keys
    /// ([`FigureKey::share_of`]) need none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share_of: Option<ShareOf>,
    /// The period as the source writes it ("năm học 202-2022"), checked against
    /// `period`: a malformed or different period is reported, never silently fixed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_text: Option<String>,
    /// The sentence of the source that states it, verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
}

/// A total of awards as a source states it, without the decisions behind it: "12
/// cán bộ công đoàn được Tổng Liên đoàn tặng Kỷ niệm chương". Reports show it in
/// their awards section and check it against the conferrals the dataset holds for
/// the same title, scope and period, where there are any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StatedAward {
    /// The unit whose scope the awards are counted in.
    pub unit: UnitId,
    /// The title or form, by its catalogue code.
    pub title: TitleCode,
    /// The level that conferred them ("Tổng Liên đoàn": ministry or province level).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<IssuingLevel>,
    /// How many were conferred, with the source's qualifier.
    pub count: Reported<u64>,
    /// Whether the recipients are individuals or collectives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipients: Option<RecipientKind>,
    /// The period the awards are for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// How the source names the recipients, in Vietnamese ("cán bộ công đoàn").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The same in English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_en: Option<String>,
    /// The sentence of the source that states it, verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
}

/// What a figure key measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FigureUnit {
    /// A count of units, people or things.
    Count,
    /// An amount of money.
    Money,
    /// A share of a whole (at most 100 %).
    Share,
}

impl FigureUnit {
    fn matches(self, value: &FigureValue) -> bool {
        matches!(
            (self, value),
            (FigureUnit::Count, FigureValue::Count(_))
                | (FigureUnit::Money, FigureValue::Money(_))
                | (FigureUnit::Share, FigureValue::Ratio(_))
        )
    }

    /// The unit's name in a language.
    pub fn label(self, lang: crate::value::format::Lang) -> &'static str {
        use crate::value::format::Lang;
        match (self, lang) {
            (FigureUnit::Count, Lang::En) => "a count",
            (FigureUnit::Money, Lang::En) => "an amount of money",
            (FigureUnit::Share, Lang::En) => "a share",
            (FigureUnit::Count, _) => "số lượng",
            (FigureUnit::Money, _) => "số tiền",
            (FigureUnit::Share, _) => "tỷ lệ",
        }
    }
}

/// A figure key a report knows: what it measures, its labels, and what it is checked
/// against. A key ending in `.` names a family of keys (`initiative.` covers
/// `initiative.city`); any other key is exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FigureKey {
    key: &'static str,
    unit: Option<FigureUnit>,
    label_vi: &'static str,
    label_en: &'static str,
    checked_vi: &'static str,
    checked_en: &'static str,
    share_of: Option<(&'static str, &'static str)>,
    part_of: Option<&'static str>,
}

impl FigureKey {
    /// The key, or the family's prefix ending in `.`.
    pub fn key(&self) -> &'static str {
        self.key
    }

    /// Whether the key names a family of keys.
    pub fn is_family(&self) -> bool {
        self.key.ends_with('.')
    }

    /// What the figure measures (`None` for a family that holds several).
    pub fn unit(&self) -> Option<FigureUnit> {
        self.unit
    }

    /// The Vietnamese label.
    pub fn label_vi(&self) -> &'static str {
        self.label_vi
    }

    /// The English label.
    pub fn label_en(&self) -> &'static str {
        self.label_en
    }

    /// What the figure is checked against, in Vietnamese.
    pub fn checked_vi(&self) -> &'static str {
        self.checked_vi
    }

    /// What the figure is checked against, in English.
    pub fn checked_en(&self) -> &'static str {
        self.checked_en
    }

    /// For a share: the keys of its part and of its whole.
    pub fn share_of(&self) -> Option<(&'static str, &'static str)> {
        self.share_of
    }

    /// For a count that is part of a whole: the whole's key (the parts of one whole
    /// add up to at most the whole).
    pub fn part_of(&self) -> Option<&'static str> {
        self.part_of
    }
}

macro_rules! figure_keys {
    ($( $key:literal : $unit:expr, $vi:literal, $en:literal, $cvi:literal, $cen:literal, $share:expr, $part:expr; )*) => {
        /// Every figure key the crate knows, in the order reports list them.
        pub static FIGURE_KEYS: &[FigureKey] = &[
            $( FigureKey {
                key: $key,
                unit: $unit,
                label_vi: $vi,
                label_en: $en,
                checked_vi: $cvi,
                checked_en: $cen,
                share_of: $share,
                part_of: $part,
            }, )*
        ];
    };
}

figure_keys! {
    "cdcs.count": Some(FigureUnit::Count), "Số công đoàn cơ sở", "Grassroots unions",
        "số công đoàn cơ sở trong hệ thống vào ngày báo cáo", "the grassroots unions of the hierarchy on the report's day", None, None;
    "members": Some(FigureUnit::Count), "Số đoàn viên", "Members",
        "số đoàn viên có quan hệ sinh hoạt vào ngày báo cáo", "the memberships on the report's day", None, None;
    "workforce": Some(FigureUnit::Count), "Số công nhân, viên chức, lao động (CNVCLĐ)", "Workforce",
        "số CNVCLĐ khai báo của đơn vị", "the unit's recorded workforce", None, None;
    "density": Some(FigureUnit::Share), "Tỷ lệ đoàn viên trên CNVCLĐ", "Union density",
        "số đoàn viên chia cho số CNVCLĐ", "members divided by the workforce", Some(("members", "workforce")), None;
    "cdcs.grade.excellent": Some(FigureUnit::Count), "Số CĐCS hoàn thành xuất sắc nhiệm vụ", "Grassroots unions graded excellent",
        "kết quả xếp loại CĐCS trong kỳ; cùng các mức xếp loại khác không vượt số CĐCS", "the grades of the period; with the other grades, at most the grassroots unions", None, Some("cdcs.count");
    "cdcs.grade.good": Some(FigureUnit::Count), "Số CĐCS hoàn thành tốt nhiệm vụ", "Grassroots unions graded good",
        "kết quả xếp loại CĐCS trong kỳ; cùng các mức xếp loại khác không vượt số CĐCS", "the grades of the period; with the other grades, at most the grassroots unions", None, Some("cdcs.count");
    "cdcs.grade.completed": Some(FigureUnit::Count), "Số CĐCS hoàn thành nhiệm vụ", "Grassroots unions graded completed",
        "kết quả xếp loại CĐCS trong kỳ; cùng các mức xếp loại khác không vượt số CĐCS", "the grades of the period; with the other grades, at most the grassroots unions", None, Some("cdcs.count");
    "cdcs.grade.not_completed": Some(FigureUnit::Count), "Số CĐCS không hoàn thành nhiệm vụ", "Grassroots unions graded not completed",
        "kết quả xếp loại CĐCS trong kỳ; cùng các mức xếp loại khác không vượt số CĐCS", "the grades of the period; with the other grades, at most the grassroots unions", None, Some("cdcs.count");
    "cdcs.grade.excellent.share": Some(FigureUnit::Share), "Tỷ lệ CĐCS hoàn thành xuất sắc nhiệm vụ", "Share of grassroots unions graded excellent",
        "số CĐCS hoàn thành xuất sắc chia cho số CĐCS", "unions graded excellent divided by the grassroots unions", Some(("cdcs.grade.excellent", "cdcs.count")), None;
    "cdcs.grade.good.share": Some(FigureUnit::Share), "Tỷ lệ CĐCS hoàn thành tốt nhiệm vụ", "Share of grassroots unions graded good",
        "số CĐCS hoàn thành tốt chia cho số CĐCS", "unions graded good divided by the grassroots unions", Some(("cdcs.grade.good", "cdcs.count")), None;
    "cdcs.grade.completed.share": Some(FigureUnit::Share), "Tỷ lệ CĐCS hoàn thành nhiệm vụ", "Share of grassroots unions graded completed",
        "số CĐCS hoàn thành nhiệm vụ chia cho số CĐCS", "unions graded completed divided by the grassroots unions", Some(("cdcs.grade.completed", "cdcs.count")), None;
    "cdcs.grade.not_completed.share": Some(FigureUnit::Share), "Tỷ lệ CĐCS không hoàn thành nhiệm vụ", "Share of grassroots unions graded not completed",
        "số CĐCS không hoàn thành chia cho số CĐCS", "unions graded not completed divided by the grassroots unions", Some(("cdcs.grade.not_completed", "cdcs.count")), None;
    "campaign.launch.share": Some(FigureUnit::Share), "Tỷ lệ đơn vị phát động phong trào thi đua", "Share of units that launched the campaign",
        "biên bản phát động của các đơn vị trong đối tượng phong trào", "the launch records of the units the campaign targets", None, None;
    "initiative.registered": Some(FigureUnit::Count), "Sáng kiến đăng ký", "Initiatives registered",
        "hồ sơ sáng kiến; không ít hơn số được chấm, xếp loại", "the initiative records; at least those evaluated", None, None;
    "initiative.evaluated": Some(FigureUnit::Count), "Sáng kiến được chấm, xếp loại", "Initiatives evaluated",
        "không vượt số đăng ký", "at most those registered", None, Some("initiative.registered");
    "initiative.recognised": Some(FigureUnit::Count), "Sáng kiến được công nhận", "Initiatives recognised",
        "hồ sơ sáng kiến; không vượt số được chấm, xếp loại", "the initiative records; at most those evaluated", None, Some("initiative.evaluated");
    "initiative.applied": Some(FigureUnit::Count), "Sáng kiến được ứng dụng", "Initiatives applied",
        "không vượt số được công nhận", "at most those recognised", None, Some("initiative.recognised");
    "initiative.recognised.share": Some(FigureUnit::Share), "Tỷ lệ sáng kiến được công nhận", "Share of initiatives recognised",
        "số được công nhận chia cho số được chấm, xếp loại", "those recognised divided by those evaluated", Some(("initiative.recognised", "initiative.evaluated")), None;
    "sponsorship": Some(FigureUnit::Money), "Số tiền đỡ đầu", "Sponsorship money",
        "sổ đỡ đầu, hỗ trợ của đơn vị", "the sponsorship ledger", None, None;
    "initiative.": None, "Sáng kiến", "Initiatives",
        "các số liệu cùng chủ đề theo nguồn", "shown as stated, with its parts and whole among stated figures", None, None;
    "campaign.": None, "Phong trào thi đua", "Campaigns",
        "các số liệu cùng chủ đề theo nguồn", "shown as stated, with its parts and whole among stated figures", None, None;
    "contest.": None, "Hội thi", "Contests",
        "các số liệu cùng chủ đề theo nguồn", "shown as stated, with its parts and whole among stated figures", None, None;
    "support.": None, "Hỗ trợ, chăm lo đoàn viên", "Support to members",
        "các số liệu cùng chủ đề theo nguồn", "shown as stated, with its parts and whole among stated figures", None, None;
    "students.": None, "Kết quả học sinh", "Students' results",
        "các số liệu cùng chủ đề theo nguồn", "shown as stated, with its parts and whole among stated figures", None, None;
    "schools.": None, "Trường học", "Schools",
        "các số liệu cùng chủ đề theo nguồn", "shown as stated, with its parts and whole among stated figures", None, None;
    "awards.": None, "Khen thưởng", "Awards",
        "các số liệu cùng chủ đề theo nguồn", "shown as stated, with its parts and whole among stated figures", None, None;
}

impl FigureKey {
    /// The entry for a key: the exact key, else the longest family it belongs to.
    ///
    /// ```
    /// use thidua::FigureKey;
    ///
    /// assert_eq!(FigureKey::find("members").map(|k| k.label_en()), Some("Members"));
    /// assert_eq!(FigureKey::find("initiative.city").map(|k| k.key()), Some("initiative."));
    /// assert!(FigureKey::find("member").is_none());
    /// assert_eq!(FigureKey::nearest("member", 1), ["members"]);
    /// ```
    pub fn find(key: &str) -> Option<&'static FigureKey> {
        FIGURE_KEYS.iter().find(|k| k.key == key).or_else(|| {
            FIGURE_KEYS
                .iter()
                .filter(|k| k.is_family() && key.len() > k.key.len() && key.starts_with(k.key))
                .max_by_key(|k| k.key.len())
        })
    }

    /// The known keys nearest to a key that is not known, closest first (by edit
    /// distance, then in the registry's order).
    pub fn nearest(key: &str, n: usize) -> Vec<&'static str> {
        let mut scored: Vec<(usize, usize, &'static str)> = FIGURE_KEYS
            .iter()
            .enumerate()
            .map(|(i, k)| (edit_distance(key, k.key.trim_end_matches('.')), i, k.key))
            .collect();
        scored.sort();
        scored.into_iter().take(n).map(|(_, _, k)| k).collect()
    }

    /// Whether a value has the unit the key measures (a family accepts any).
    pub fn accepts(&self, value: &FigureValue) -> bool {
        self.unit.is_none_or(|u| u.matches(value))
    }
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = i;
        let mut left = i + 1;
        let mut next = Vec::with_capacity(row.len());
        next.push(left);
        for (j, cb) in b.iter().enumerate() {
            let up = row.get(j + 1).copied().unwrap_or(usize::MAX);
            let cost = usize::from(ca != *cb);
            let best = (diagonal + cost).min(up + 1).min(left + 1);
            next.push(best);
            diagonal = up;
            left = best;
        }
        row = next;
    }
    row.last().copied().unwrap_or(0)
}
