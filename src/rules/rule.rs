//! The index of built-in rules. Each code points at the module that holds the rule —
//! the law's words with their citation per regime, the parameters, the check and the
//! messages in both languages — so that this file is the only list of rules and knows
//! nothing of what any rule says.

use crate::rules::citation::Citation;
use crate::rules::engine::{Candidate, Detail, Outcome, Plan, Status};
use crate::rules::law::{Provision, under};
use crate::rules::param::ParamId;
use crate::rules::regime::RegimeId;
use crate::rules::titles::{bk_tinh, common, cstd_tinh, cstdcs, cstdtq, ldtt, ttldtt, ttldxs};
use crate::value::format::Lang;

/// Whether a rule is on unless a jurisdiction says otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DefaultState {
    /// On under the regimes it belongs to.
    On,
    /// Off unless an override enables it (a jurisdiction's own rule).
    Off,
}

/// A built-in rule: its law, its check and its messages, side by side in its title's
/// module.
pub(crate) trait Rule {
    /// The title or form the rule is a condition of.
    const TITLE: &'static str;
    /// Whether it is on by default.
    const DEFAULT: DefaultState = DefaultState::On;
    /// Whether it applies to every title evaluated, not only its own.
    const EVERY_TITLE: bool = false;
    /// The parameters its check reads (a finding cites the override of each one
    /// that a jurisdiction set).
    const PARAMS: &'static [ParamId] = &[];
    /// What it requires, in Vietnamese and English.
    const SUMMARY: (&'static str, &'static str);
    /// The provisions it encodes, the one a finding cites first for each regime.
    fn law() -> &'static [Provision];
    /// Checks a candidate; `pre` is the outcome of the title's prerequisite.
    fn check(plan: &Plan, candidate: Candidate<'_>, pre: Option<Outcome>) -> (Status, Detail);
    /// Says what the check found, without the status.
    fn message(detail: &Detail, status: Status, lang: Lang) -> String;
}

macro_rules! rule_index {
    ($(
        $(#[$meta:meta])*
        $variant:ident = $code:literal => $rule:ty,
    )*) => {
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
                match self { $(RuleId::$variant => <$rule as Rule>::TITLE,)* }
            }

            /// Whether it is on by default.
            pub(crate) fn default_state(self) -> DefaultState {
                match self { $(RuleId::$variant => <$rule as Rule>::DEFAULT,)* }
            }

            /// Whether the rule applies to every title evaluated (not only its own).
            pub(crate) fn applies_to_all_titles(self) -> bool {
                match self { $(RuleId::$variant => <$rule as Rule>::EVERY_TITLE,)* }
            }

            /// The parameters the rule's check reads.
            pub fn parameters(self) -> &'static [ParamId] {
                match self { $(RuleId::$variant => <$rule as Rule>::PARAMS,)* }
            }

            /// What the rule requires, in Vietnamese.
            pub fn summary_vi(self) -> &'static str {
                match self { $(RuleId::$variant => <$rule as Rule>::SUMMARY.0,)* }
            }

            /// What the rule requires, in English.
            pub fn summary_en(self) -> &'static str {
                match self { $(RuleId::$variant => <$rule as Rule>::SUMMARY.1,)* }
            }

            /// The provisions the rule encodes, each with its regimes, citation and
            /// the law's words.
            pub fn law(self) -> &'static [Provision] {
                match self { $(RuleId::$variant => <$rule as Rule>::law(),)* }
            }

            pub(crate) fn check(
                self,
                plan: &Plan,
                candidate: Candidate<'_>,
                pre: Option<Outcome>,
            ) -> (Status, Detail) {
                match self { $(RuleId::$variant => <$rule as Rule>::check(plan, candidate, pre),)* }
            }

            pub(crate) fn message(self, detail: &Detail, status: Status, lang: Lang) -> String {
                match self { $(RuleId::$variant => <$rule as Rule>::message(detail, status, lang),)* }
            }
        }
    };
}

rule_index! {
    /// LĐTT needs the grade "Hoàn thành tốt nhiệm vụ" or better.
    LdttGrade = "ldtt.grade" => ldtt::Grade,
    /// No LĐTT for a person recruited less than the minimum months before the end of
    /// the period.
    LdttNewRecruit = "ldtt.new_recruit" => ldtt::NewRecruit,
    /// No LĐTT for a person disciplined at *khiển trách* or above in the period
    /// (ND 91/2017 only; sectors may keep it by override).
    LdttDiscipline = "ldtt.discipline" => ldtt::Discipline,
    /// A jurisdiction's rule: no LĐTT after too many days absent (leave that counts as
    /// working time excluded). Off unless enabled.
    LdttAbsence = "ldtt.absence" => ldtt::Absence,
    /// A sector practice: a transferred person needs the previous unit's comments
    /// after the set months there. Off unless enabled.
    LdttTransferComments = "ldtt.transfer_comments" => ldtt::TransferComments,
    /// A jurisdiction's rule: the title needs a registration at the start of the
    /// period. Off unless enabled (the 2022 law dropped it).
    RegistrationRequired = "registration.required" => common::Registration,
    /// No commendation while discipline, inspection or a complaint is being
    /// considered; after discipline, achievements count from the end of its term.
    UnderReview = "award.under_review" => common::UnderReview,
    /// CSTĐCS needs LĐTT first.
    CstdcsLdtt = "cstdcs.ldtt" => cstdcs::Ldtt,
    /// CSTĐCS (Law 2022): "Hoàn thành xuất sắc nhiệm vụ", or an initiative recognised
    /// by the unit, or an accepted science project.
    CstdcsExcellenceOrInitiative = "cstdcs.excellence_or_initiative" => cstdcs::ExcellenceOrInitiative,
    /// CSTĐCS before 2024: an initiative recognised at unit level, or a science
    /// project accepted and applied.
    CstdcsInitiative = "cstdcs.initiative" => cstdcs::Initiative,
    /// CSTĐ of a ministry/province: consecutive CSTĐCS titles.
    CstdTinhConsecutive = "cstd_tinh.consecutive_cstdcs" => cstd_tinh::Consecutive,
    /// CSTĐ of a ministry/province: an initiative with effect at ministry/province scope.
    CstdTinhInitiative = "cstd_tinh.initiative" => cstd_tinh::Initiative,
    /// CSTĐ toàn quốc: consecutive times of CSTĐ of a ministry/province.
    CstdtqConsecutive = "cstdtq.consecutive_cstd_tinh" => cstdtq::Consecutive,
    /// CSTĐ toàn quốc: an initiative or science project with nationwide scope.
    CstdtqInitiative = "cstdtq.initiative" => cstdtq::Initiative,
    /// Bằng khen of a ministry/province (individual): consecutive CSTĐCS, or
    /// consecutive excellent years with two unit-level initiatives.
    BkTinhRecord = "bk_tinh.record" => bk_tinh::Record,
    /// TTLĐXS: the collective's grade is "Hoàn thành xuất sắc nhiệm vụ".
    TtldxsGrade = "ttldxs.grade" => ttldxs::Grade,
    /// TTLĐXS: every member completed their tasks.
    TtldxsAllComplete = "ttldxs.all_complete" => ttldxs::AllComplete,
    /// TTLĐXS: at least the set share of members have LĐTT.
    TtldxsLdttShare = "ttldxs.ldtt_share" => ttldxs::LdttShare,
    /// TTLĐXS: at least one member is CSTĐCS.
    TtldxsHasCstdcs = "ttldxs.has_cstdcs" => ttldxs::HasCstdcs,
    /// TTLĐXS before 2024: no member disciplined at *cảnh cáo* or above.
    TtldxsDiscipline = "ttldxs.discipline" => ttldxs::Discipline,
    /// TTLĐTT: the collective completed its tasks well or better.
    TtldttGrade = "ttldtt.grade" => ttldtt::Grade,
    /// TTLĐTT: more than the set share of members have LĐTT.
    TtldttLdttShare = "ttldtt.ldtt_share" => ttldtt::LdttShare,
    /// TTLĐTT before 2024: no member disciplined at *cảnh cáo* or above.
    TtldttDiscipline = "ttldtt.discipline" => ttldtt::Discipline,
}

impl RuleId {
    /// The regimes the rule belongs to by default.
    pub fn regimes(self) -> Vec<RegimeId> {
        RegimeId::ALL
            .iter()
            .copied()
            .filter(|r| under(self.law(), *r).is_some())
            .collect()
    }

    /// The provision a finding of the rule cites under a regime (`None`: the rule is
    /// not part of that regime).
    pub fn provision(self, regime: RegimeId) -> Option<&'static Provision> {
        under(self.law(), regime)
    }

    /// The citation of [`RuleId::provision`] (`None`: the rule is not part of that
    /// regime).
    pub fn citation(self, regime: RegimeId) -> Option<Citation> {
        self.provision(regime).map(|p| p.citation().clone())
    }
}

impl std::fmt::Display for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each rule's `PARAMS` lists exactly the parameters its block reads: a finding
    /// cites the overrides of those parameters and no others.
    #[test]
    fn each_rule_lists_the_parameters_it_reads() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/rules/titles");
        let mut blocks = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            for block in text.split("\nimpl Rule for ").skip(1) {
                let block = block.split("\n}\n").next().unwrap();
                let names = |text: &str| -> Vec<String> {
                    text.split("ParamId::")
                        .skip(1)
                        .map(|s| s.split(|c: char| !c.is_alphanumeric()).next().unwrap())
                        .map(str::to_owned)
                        .collect()
                };
                let (mut declared, mut read) = match block.split_once("const PARAMS") {
                    Some((before, after)) => {
                        let (list, rest) = after.split_once(';').unwrap();
                        (names(list), names(&format!("{before}{rest}")))
                    }
                    None => (Vec::new(), names(block)),
                };
                read.sort_unstable();
                read.dedup();
                declared.sort_unstable();
                assert_eq!(
                    declared,
                    read,
                    "{}: impl Rule for {}",
                    path.display(),
                    block.lines().next().unwrap()
                );
                blocks += 1;
            }
        }
        assert!(blocks >= 20, "only {blocks} rules found");
        let listed: usize = RuleId::ALL.iter().map(|r| r.parameters().len()).sum();
        assert_eq!(listed, 12);
    }
}
