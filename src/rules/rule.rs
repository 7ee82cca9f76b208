//! The built-in rules: ids, titles, regimes, citations and explanations.

use crate::award::catalogue::codes;
use crate::rules::citation::{Citation, Confidence};
use crate::rules::regime::{LAW_2013, LAW_2022, ND91, ND152, RegimeId, TT01};

/// Whether a rule is on unless a jurisdiction says otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DefaultState {
    /// On under the regimes it belongs to.
    On,
    /// Off unless an override enables it (a jurisdiction's own rule).
    Off,
}

macro_rules! rules {
    ($(
        $(#[$meta:meta])*
        $variant:ident => {
            code: $code:literal,
            title: $title:expr,
            default: $default:ident,
            vi: $vi:literal,
            en: $en:literal $(,)?
        }
    ),* $(,)?) => {
        /// A built-in rule. Its code (`ldtt.grade`) is stable and used in files and
        /// overrides.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
                 serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[non_exhaustive]
        pub enum RuleId {
            $( $(#[$meta])* #[serde(rename = $code)] $variant, )*
        }

        impl RuleId {
            /// Every built-in rule.
            pub const ALL: &'static [RuleId] = &[$(RuleId::$variant),*];

            /// The stable code.
            pub fn code(self) -> &'static str {
                match self { $(RuleId::$variant => $code,)* }
            }

            /// The title or form the rule is a condition of.
            pub fn title(self) -> &'static str {
                match self { $(RuleId::$variant => $title,)* }
            }

            /// Whether it is on by default.
            pub(crate) fn default_state(self) -> DefaultState {
                match self { $(RuleId::$variant => DefaultState::$default,)* }
            }

            /// What the rule requires, in Vietnamese.
            pub fn summary_vi(self) -> &'static str {
                match self { $(RuleId::$variant => $vi,)* }
            }

            /// What the rule requires, in English.
            pub fn summary_en(self) -> &'static str {
                match self { $(RuleId::$variant => $en,)* }
            }
        }
    };
}

rules! {
    /// LĐTT needs the grade "Hoàn thành tốt nhiệm vụ" or better.
    LdttGrade => {
        code: "ldtt.grade", title: codes::LDTT, default: On,
        vi: "Hoàn thành tốt nhiệm vụ trở lên",
        en: "completed tasks well or better",
    },
    /// No LĐTT for a person recruited less than the minimum months before the end of
    /// the period.
    LdttNewRecruit => {
        code: "ldtt.new_recruit", title: codes::LDTT, default: On,
        vi: "không xét Lao động tiên tiến cho người mới tuyển dụng dưới số tháng quy định",
        en: "no LĐTT for a person recruited less than the minimum months before",
    },
    /// No LĐTT for a person disciplined at *khiển trách* or above in the period
    /// (ND 91/2017 only; sectors may keep it by override).
    LdttDiscipline => {
        code: "ldtt.discipline", title: codes::LDTT, default: On,
        vi: "không xét Lao động tiên tiến cho người bị kỷ luật từ khiển trách trở lên",
        en: "no LĐTT for a person disciplined with a reprimand or more",
    },
    /// A jurisdiction's rule: no LĐTT after too many days absent (leave that counts as
    /// working time excluded). Off unless enabled.
    LdttAbsence => {
        code: "ldtt.absence", title: codes::LDTT, default: Off,
        vi: "không xét Lao động tiên tiến khi nghỉ quá số ngày quy định",
        en: "no LĐTT after more than the allowed days of absence",
    },
    /// A jurisdiction's rule: the title needs a registration at the start of the
    /// period. Off unless enabled (the 2022 law dropped it).
    RegistrationRequired => {
        code: "registration.required", title: codes::LDTT, default: Off,
        vi: "phải đăng ký thi đua từ đầu năm",
        en: "must have registered at the start of the period",
    },
    /// No commendation while discipline, inspection or a complaint is being
    /// considered; after discipline, achievements count from the end of its term.
    UnderReview => {
        code: "award.under_review", title: codes::LDTT, default: On,
        vi: "chưa khen thưởng khi đang xem xét kỷ luật, thanh tra, kiểm tra; thành tích tính từ khi chấp hành xong kỷ luật",
        en: "no award while discipline or inspection is considered; achievements count from the end of a discipline's term",
    },
    /// CSTĐCS needs LĐTT first.
    CstdcsLdtt => {
        code: "cstdcs.ldtt", title: codes::CSTDCS, default: On,
        vi: "đạt danh hiệu Lao động tiên tiến",
        en: "meets LĐTT",
    },
    /// CSTĐCS (Law 2022): "Hoàn thành xuất sắc nhiệm vụ", or an initiative recognised
    /// by the unit, or an accepted science project.
    CstdcsExcellenceOrInitiative => {
        code: "cstdcs.excellence_or_initiative", title: codes::CSTDCS, default: On,
        vi: "hoàn thành xuất sắc nhiệm vụ, hoặc có sáng kiến được công nhận, hoặc đề tài khoa học được nghiệm thu",
        en: "excellent grade, or an initiative recognised by the unit, or an accepted science project",
    },
    /// CSTĐCS before 2024: an initiative recognised at unit level is mandatory.
    CstdcsInitiative => {
        code: "cstdcs.initiative", title: codes::CSTDCS, default: On,
        vi: "có sáng kiến được cơ sở công nhận",
        en: "an initiative recognised at unit level",
    },
    /// CSTĐ of a ministry/province: consecutive CSTĐCS years.
    CstdTinhConsecutive => {
        code: "cstd_tinh.consecutive_cstdcs", title: codes::CSTD_TINH, default: On,
        vi: "đạt Chiến sĩ thi đua cơ sở nhiều năm liên tục theo quy định",
        en: "CSTĐCS for the required consecutive years",
    },
    /// CSTĐ of a ministry/province: an initiative with effect at ministry/province scope.
    CstdTinhInitiative => {
        code: "cstd_tinh.initiative", title: codes::CSTD_TINH, default: On,
        vi: "có sáng kiến có hiệu quả, phạm vi ảnh hưởng trong bộ, ngành, tỉnh",
        en: "an initiative with effect across a ministry, sector or province",
    },
    /// CSTĐ toàn quốc: consecutive CSTĐ of a ministry/province.
    CstdtqConsecutive => {
        code: "cstdtq.consecutive_cstd_tinh", title: codes::CSTDTQ, default: On,
        vi: "đạt Chiến sĩ thi đua cấp bộ, ngành, tỉnh liên tục theo quy định",
        en: "provincial CSTĐ for the required consecutive times",
    },
    /// CSTĐ toàn quốc: an initiative with nationwide scope.
    CstdtqInitiative => {
        code: "cstdtq.initiative", title: codes::CSTDTQ, default: On,
        vi: "có sáng kiến có phạm vi ảnh hưởng toàn quốc",
        en: "an initiative with nationwide effect",
    },
    /// Bằng khen of a ministry/province (individual): consecutive CSTĐCS, or
    /// consecutive excellent years with two unit-level initiatives.
    BkTinhRecord => {
        code: "bk_tinh.record", title: codes::BK_TINH, default: On,
        vi: "2 năm liên tục đạt Chiến sĩ thi đua cơ sở, hoặc 2 năm liên tục hoàn thành xuất sắc nhiệm vụ và có 2 sáng kiến được công nhận",
        en: "2 consecutive CSTĐCS years, or 2 consecutive excellent years with 2 recognised initiatives",
    },
    /// TTLĐXS: the collective's grade is "Hoàn thành xuất sắc nhiệm vụ".
    TtldxsGrade => {
        code: "ttldxs.grade", title: codes::TTLDXS, default: On,
        vi: "tập thể hoàn thành xuất sắc nhiệm vụ",
        en: "the collective completed its tasks excellently",
    },
    /// TTLĐXS: every member completed their tasks.
    TtldxsAllComplete => {
        code: "ttldxs.all_complete", title: codes::TTLDXS, default: On,
        vi: "100% cá nhân hoàn thành nhiệm vụ",
        en: "every member completed their tasks",
    },
    /// TTLĐXS: at least the set share of members have LĐTT.
    TtldxsLdttShare => {
        code: "ttldxs.ldtt_share", title: codes::TTLDXS, default: On,
        vi: "có tỷ lệ cá nhân đạt Lao động tiên tiến từ mức quy định trở lên",
        en: "at least the set share of members have LĐTT",
    },
    /// TTLĐXS: at least one member is CSTĐCS.
    TtldxsHasCstdcs => {
        code: "ttldxs.has_cstdcs", title: codes::TTLDXS, default: On,
        vi: "có cá nhân đạt danh hiệu Chiến sĩ thi đua cơ sở",
        en: "at least one member is CSTĐCS",
    },
    /// TTLĐTT: the collective completed its tasks well or better.
    TtldttGrade => {
        code: "ttldtt.grade", title: codes::TTLDTT, default: On,
        vi: "tập thể hoàn thành tốt nhiệm vụ trở lên",
        en: "the collective completed its tasks well or better",
    },
    /// TTLĐTT: more than the set share of members have LĐTT.
    TtldttLdttShare => {
        code: "ttldtt.ldtt_share", title: codes::TTLDTT, default: On,
        vi: "có trên mức quy định cá nhân đạt Lao động tiên tiến",
        en: "more than the set share of members have LĐTT",
    },
    /// TTLĐTT before 2024: no member disciplined at *cảnh cáo* or above.
    TtldttDiscipline => {
        code: "ttldtt.discipline", title: codes::TTLDTT, default: On,
        vi: "không có cá nhân bị kỷ luật từ cảnh cáo trở lên",
        en: "no member disciplined with a warning or more",
    },
}

impl RuleId {
    /// The regimes the rule belongs to by default.
    pub fn regimes(self) -> &'static [RegimeId] {
        use RegimeId::*;
        use RuleId::*;
        match self {
            LdttDiscipline | CstdcsInitiative | TtldttDiscipline => &[Nd91],
            UnderReview => &[Nd152],
            CstdcsExcellenceOrInitiative | BkTinhRecord => &[Nd98, Nd152],
            _ => &[Nd91, Nd98, Nd152],
        }
    }

    /// The provision the rule encodes under a regime.
    pub fn citation(self, regime: RegimeId) -> Citation {
        use Confidence::*;
        use RuleId::*;
        let new = regime != RegimeId::Nd91;
        let c = Citation::law;
        match self {
            LdttGrade if new => c(LAW_2022, Some("24"), Some("1"), None, Verified, None),
            LdttGrade => c(LAW_2013, Some("24"), None, None, Secondary, None),
            LdttNewRecruit if new => c(TT01, Some("1"), Some("5"), Some("d"), Verified, None),
            LdttNewRecruit => c(
                ND91,
                None,
                None,
                None,
                Secondary,
                Some("article not verified"),
            ),
            LdttDiscipline => c(
                ND91,
                None,
                None,
                None,
                Verified,
                Some("not in TT 01/2024 nor ND 152/2025; sector rules may keep it"),
            ),
            LdttAbsence => c(
                "quy chế thi đua của đơn vị",
                None,
                None,
                None,
                Recalled,
                Some("a jurisdiction's own rule; enable with its citation"),
            ),
            RegistrationRequired => c(
                "quy chế thi đua của đơn vị",
                None,
                None,
                None,
                Recalled,
                Some(
                    "the 2022 law no longer requires registration; enable with the jurisdiction's citation",
                ),
            ),
            UnderReview => c(ND152, Some("4"), Some("4"), None, Verified, None),
            CstdcsLdtt | CstdcsExcellenceOrInitiative if new => {
                c(LAW_2022, Some("23"), None, None, Verified, None)
            }
            CstdcsLdtt | CstdcsExcellenceOrInitiative | CstdcsInitiative => c(
                LAW_2013,
                Some("23"),
                None,
                None,
                Secondary,
                Some("with ND 91/2017"),
            ),
            CstdTinhConsecutive | CstdTinhInitiative if new => {
                c(LAW_2022, Some("22"), None, None, Verified, None)
            }
            CstdTinhConsecutive | CstdTinhInitiative => {
                c(LAW_2013, Some("22"), None, None, Secondary, None)
            }
            CstdtqConsecutive | CstdtqInitiative if new => {
                c(LAW_2022, Some("21"), None, None, Verified, None)
            }
            CstdtqConsecutive | CstdtqInitiative => {
                c(LAW_2013, Some("21"), None, None, Secondary, None)
            }
            BkTinhRecord => c(LAW_2022, Some("74"), Some("1"), Some("d"), Verified, None),
            TtldxsGrade | TtldxsAllComplete | TtldxsLdttShare | TtldxsHasCstdcs if new => {
                c(LAW_2022, Some("27"), Some("1"), None, Verified, None)
            }
            TtldxsGrade | TtldxsAllComplete | TtldxsLdttShare | TtldxsHasCstdcs => {
                c(LAW_2013, Some("27"), None, None, Secondary, None)
            }
            TtldttGrade | TtldttLdttShare if new => c(
                LAW_2022,
                Some("28"),
                None,
                None,
                Recalled,
                Some("article number verified, wording recalled"),
            ),
            TtldttGrade | TtldttLdttShare | TtldttDiscipline => {
                c(LAW_2013, Some("28"), None, None, Secondary, None)
            }
        }
    }

    /// Whether the rule applies to every title evaluated (not only its own).
    pub(crate) fn applies_to_all_titles(self) -> bool {
        matches!(self, RuleId::UnderReview | RuleId::RegistrationRequired)
    }
}

impl std::fmt::Display for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}
