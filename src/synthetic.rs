//! A synthetic national dataset (feature `synthetic`): the whole union system at
//! its real size, generated deterministically from a seed, for benchmarks and
//! comparisons with other tools.

use std::io::Write;
use std::path::Path;

use chrono::{Datelike, NaiveDate};

use crate::award::catalogue::{TitleCode, codes};
use crate::award::decision::{Conferral, Decision, DecisionNumber, Issuer, Recipient};
use crate::dataset::file::{Dataset, FactRecord};
use crate::diagnostic::Diagnostics;
use crate::org::hierarchy::Hierarchy;
use crate::org::kind::{Bloc, UnitKind};
use crate::org::snapshot::Snapshot;
use crate::org::unit::{UnitCode, UnitRecord};
use crate::people::member::{Gender, MemberCode, MemberRecord, Membership, Role};
use crate::rules::facts::{MemberFacts, TaskGrade};
use crate::stats::columnar::{ColumnarBuilder, ColumnarError, ColumnarRollup, MemberFigures};
use crate::value::id::{DecisionId, MemberId, UnitId};
use crate::value::money::Vnd;
use crate::value::period::{Period, SchoolYear};
use crate::value::text::UnitName;

/// Years of records the generator writes: school years 2014-2015 to 2023-2024.
pub const SYNTHETIC_YEARS: usize = 10;
const FIRST_YEAR: i32 = 2014;
const LAST_YEAR: i32 = FIRST_YEAR + SYNTHETIC_YEARS as i32 - 1;
const EPOCH_DAYS: i32 = 719_163; // 1970-01-01 as days from the Common Era.
/// The largest CĐCS is at most this many times the smallest's weight.
const SKEW_CAP: f64 = 2_000.0;

/// An error of the synthetic generator.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SyntheticError {
    /// Unit counts that cannot form a tree (each level needs at least one unit
    /// per parent).
    #[error(
        "cannot spread {grassroots} grassroots unions under {level3} level-3 units under {provinces} provinces"
    )]
    BadShape {
        /// Provincial federations asked for.
        provinces: u32,
        /// Level-3 units asked for.
        level3: u32,
        /// Grassroots unions asked for.
        grassroots: u32,
    },
    /// More members than the generator indexes (`u32::MAX - 1`).
    #[error("{members} members are more than the generator holds")]
    TooManyMembers {
        /// Members asked for.
        members: u64,
    },
    /// The generated hierarchy did not validate (a bug: the diagnostics say why).
    #[error("the generated hierarchy is invalid: {diagnostics}")]
    Hierarchy {
        /// The hierarchy's diagnostics.
        diagnostics: Diagnostics,
    },
    /// A school year of the records could not be made (a bug).
    #[error("cannot make the school years of the records")]
    Calendar {
        /// The cause.
        #[source]
        source: crate::value::period::PeriodError,
    },
    /// Writing a CSV file failed.
    #[error("cannot write {file:?}")]
    Io {
        /// The file.
        file: String,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
}

/// What to generate: the national shape by default (1 root, 54 provincial
/// federations, 700 level-3 units, 135.000 CĐCS, 11.500.000 members) and a seed.
///
/// ```
/// use thidua::NationSpec;
///
/// let nation = NationSpec::national()
///     .with_members(2_000)
///     .with_units(3, 10, 100)?
///     .with_seed(7)
///     .generate()?;
/// assert_eq!(nation.len(), 2_000);
/// assert_eq!(nation.hierarchy().len(), 1 + 3 + 10 + 100);
/// // The same seed gives the same data.
/// let again = NationSpec::national().with_members(2_000).with_units(3, 10, 100)?.with_seed(7).generate()?;
/// assert_eq!(nation.member(1_234), again.member(1_234));
/// # Ok::<(), thidua::SyntheticError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NationSpec {
    seed: u64,
    members: u64,
    provinces: u32,
    level3: u32,
    grassroots: u32,
}

impl NationSpec {
    /// Members of the national dataset (*đoàn viên*, about 11,5 million).
    pub const NATIONAL_MEMBERS: u64 = 11_500_000;

    /// The national shape with the default seed.
    pub const fn national() -> Self {
        Self {
            seed: 0x7468_6964_7561,
            members: Self::NATIONAL_MEMBERS,
            provinces: 54,
            level3: 700,
            grassroots: 135_000,
        }
    }

    /// Sets the number of members.
    #[must_use]
    pub const fn with_members(mut self, members: u64) -> Self {
        self.members = members;
        self
    }

    /// Sets the seed.
    #[must_use]
    pub const fn with_seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Sets the number of provincial federations, level-3 units (district
    /// federations) and grassroots unions, for smaller trees.
    ///
    /// # Errors
    /// [`SyntheticError::BadShape`] unless `1 ≤ provinces ≤ level3 ≤ grassroots`.
    pub fn with_units(
        mut self,
        provinces: u32,
        level3: u32,
        grassroots: u32,
    ) -> Result<Self, SyntheticError> {
        if provinces == 0 || level3 < provinces || grassroots < level3 {
            return Err(SyntheticError::BadShape {
                provinces,
                level3,
                grassroots,
            });
        }
        self.provinces = provinces;
        self.level3 = level3;
        self.grassroots = grassroots;
        Ok(self)
    }

    /// Members asked for.
    pub const fn members(&self) -> u64 {
        self.members
    }

    /// Generates the dataset.
    ///
    /// # Errors
    /// [`SyntheticError::TooManyMembers`] past `u32::MAX - 1` members;
    /// [`SyntheticError::Hierarchy`] if the generated tree did not validate.
    pub fn generate(&self) -> Result<SyntheticNation, SyntheticError> {
        let members = u32::try_from(self.members)
            .ok()
            .filter(|m| *m < u32::MAX)
            .ok_or(SyntheticError::TooManyMembers {
                members: self.members,
            })?;
        let mut rng = Rng::new(self.seed);
        // Level-3 units per province and CĐCS per level-3 unit, skewed: a few
        // provinces (Hà Nội, Thành phố Hồ Chí Minh) and districts are much larger.
        let per_province = split(
            u64::from(self.level3),
            &weights(&mut rng, self.provinces as usize, 50.0),
            1,
        );
        let per_level3 = split(
            u64::from(self.grassroots),
            &weights(&mut rng, self.level3 as usize, 50.0),
            1,
        );
        let sizes = split(
            u64::from(members),
            &weights(&mut rng, self.grassroots as usize, SKEW_CAP),
            0,
        );
        let established = date(2010, 1, 1);
        let unit = |code: String, kind, name: String| -> Option<UnitRecord> {
            Some(
                UnitRecord::new(
                    UnitId::from_key(&code),
                    UnitCode::try_new(&code).ok()?,
                    kind,
                    UnitName::try_new(&name).ok()?,
                )
                .established_on(established),
            )
        };
        let capacity = 1 + self.provinces as usize + self.level3 as usize + sizes.len();
        let mut units = Vec::with_capacity(capacity);
        let mut grassroots = Vec::with_capacity(sizes.len());
        let root = unit(
            "VN".to_owned(),
            UnitKind::Confederation,
            "Tổng Liên đoàn Lao động Việt Nam".to_owned(),
        );
        let root_id = root.as_ref().map(UnitRecord::id);
        units.extend(root);
        let mut d = 0usize;
        let mut g = 0usize;
        for (p, &n3) in per_province.iter().enumerate() {
            let pcode = format!("P{:02}", p + 1);
            let Some(province) = unit(
                pcode.clone(),
                UnitKind::ProvincialFederation,
                format!("Liên đoàn Lao động tỉnh số {}", p + 1),
            ) else {
                continue;
            };
            let province = match root_id {
                Some(r) => province.with_parent(r),
                None => province,
            };
            let pid = province.id();
            units.push(province);
            for _ in 0..n3 {
                d += 1;
                let dcode = format!("{pcode}.D{d:03}");
                let Some(district) = unit(
                    dcode.clone(),
                    UnitKind::DistrictFederation,
                    format!("Liên đoàn Lao động quận huyện số {d}"),
                ) else {
                    continue;
                };
                let did = district.id();
                units.push(district.with_parent(pid));
                for _ in 0..per_level3.get(d - 1).copied().unwrap_or(0) {
                    g += 1;
                    let bloc = match rng.below(100) {
                        0..35 => Bloc::Schools,
                        35..80 => Bloc::ProductionBusiness,
                        80..95 => Bloc::Administration,
                        _ => Bloc::Other,
                    };
                    let Some(cdcs) = unit(
                        format!("{dcode}.G{g:06}"),
                        UnitKind::Grassroots,
                        format!("Công đoàn cơ sở số {g}"),
                    ) else {
                        continue;
                    };
                    grassroots.push((cdcs.id(), bloc));
                    units.push(cdcs.with_parent(did).with_bloc(bloc));
                }
            }
        }
        let hierarchy = Hierarchy::build(units, vec![], vec![])
            .map_err(|diagnostics| SyntheticError::Hierarchy { diagnostics })?;

        let n = members as usize;
        let mut columns = Columns::with_capacity(n);
        let mut offsets = Vec::with_capacity(grassroots.len() + 1);
        offsets.push(0u32);
        let cutoffs: Vec<i32> = (FIRST_YEAR..=LAST_YEAR)
            .map(|y| day_number(date(y + 1, 3, 1)))
            .collect();
        let year_ends: Vec<i32> = (FIRST_YEAR..=LAST_YEAR)
            .map(|y| day_number(date(y + 1, 8, 31)))
            .collect();
        let first_recruit = day_number(date(1985, 1, 1));
        let last_recruit = day_number(date(2024, 5, 31));
        for (k, (_, bloc)) in grassroots.iter().enumerate() {
            let size = sizes.get(k).copied().unwrap_or(0);
            let (women_pct, sponsor_pct) = match bloc {
                Bloc::Schools => (75, 12),
                Bloc::ProductionBusiness => (55, 3),
                _ => (50, 4),
            };
            for _ in 0..size {
                let female = rng.below(100) < women_pct;
                let r = rng.below(100);
                let role = match bloc {
                    Bloc::Schools if r < 6 => Role::Manager,
                    Bloc::Schools if r < 86 => Role::Teacher,
                    Bloc::Schools => Role::Staff,
                    Bloc::ProductionBusiness if r < 3 => Role::Manager,
                    Bloc::ProductionBusiness if r < 88 => Role::Worker,
                    _ if r < 10 => Role::Manager,
                    _ if r < 80 => Role::Staff,
                    _ => Role::Other,
                };
                // Recruitment skews recent: the later of two uniform draws.
                let span = (last_recruit - first_recruit) as u64;
                let recruited = first_recruit + rng.below(span).max(rng.below(span)) as i32;
                let mut grades = 0u32;
                let mut ldtt = 0u16;
                for (y, (&cutoff, &end)) in cutoffs.iter().zip(&year_ends).enumerate() {
                    if recruited > end {
                        continue;
                    }
                    let grade = match rng.below(1000) {
                        0..20 => 1u32,
                        20..170 => 2,
                        170..820 => 3,
                        820..970 => 4,
                        _ => 0,
                    };
                    grades |= grade << (3 * y);
                    if grade >= 3 && recruited <= cutoff && rng.below(100) < 95 {
                        ldtt |= 1 << y;
                    }
                }
                let sponsorship = if role == Role::Teacher || rng.below(4) == 0 {
                    if rng.below(100) < sponsor_pct {
                        (200 + rng.below(4_800) as u32) * 1_000
                    } else {
                        0
                    }
                } else {
                    0
                };
                let initiatives = match rng.below(100) {
                    0..90 => 0u8,
                    90..98 => 1,
                    _ => 2,
                };
                columns.push(Member {
                    female,
                    role,
                    grades,
                    ldtt,
                    recruited: u16::try_from(recruited).unwrap_or(u16::MAX),
                    initiatives,
                    sponsorship,
                });
            }
            offsets.push(u32::try_from(columns.len()).unwrap_or(u32::MAX));
        }
        let mut years = Vec::with_capacity(SYNTHETIC_YEARS);
        for y in FIRST_YEAR..=LAST_YEAR {
            years.push(
                SchoolYear::try_new(y).map_err(|source| SyntheticError::Calendar { source })?,
            );
        }
        let review =
            SchoolYear::try_new(LAST_YEAR).map_err(|source| SyntheticError::Calendar { source })?;
        Ok(SyntheticNation {
            years,
            review,
            hierarchy,
            grassroots,
            offsets,
            columns,
        })
    }
}

/// One generated member, as [`SyntheticNation::member`] shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyntheticMember {
    unit: UnitId,
    gender: Gender,
    role: Role,
    recruited_on: NaiveDate,
    grades: [Option<TaskGrade>; SYNTHETIC_YEARS],
    ldtt: [bool; SYNTHETIC_YEARS],
    initiatives: u8,
    sponsorship: Vnd,
}

impl SyntheticMember {
    /// The grassroots union the member belongs to.
    pub fn unit(&self) -> UnitId {
        self.unit
    }

    /// The member's gender.
    pub fn gender(&self) -> Gender {
        self.gender
    }

    /// The member's role.
    pub fn role(&self) -> Role {
        self.role
    }

    /// The day the member was recruited.
    pub fn recruited_on(&self) -> NaiveDate {
        self.recruited_on
    }

    /// The task grade of each school year, 2014-2015 first (`None`: not yet
    /// recruited, or not graded).
    pub fn grades(&self) -> &[Option<TaskGrade>; SYNTHETIC_YEARS] {
        &self.grades
    }

    /// Whether the member was conferred *Lao động tiên tiến* for each school year,
    /// 2014-2015 first.
    pub fn ldtt(&self) -> &[bool; SYNTHETIC_YEARS] {
        &self.ldtt
    }

    /// Initiatives (*sáng kiến*) recognised at unit level in the last school year.
    pub fn initiatives(&self) -> u8 {
        self.initiatives
    }

    /// Money the member gave in sponsorship (*đỡ đầu*) in the last school year.
    pub fn sponsorship(&self) -> Vnd {
        self.sponsorship
    }
}

struct Member {
    female: bool,
    role: Role,
    grades: u32,
    ldtt: u16,
    recruited: u16,
    initiatives: u8,
    sponsorship: u32,
}

/// Member columns, 14 bytes a member.
#[derive(Debug, Clone, Default)]
struct Columns {
    /// Bit 0: woman; bits 1–3: role.
    attrs: Vec<u8>,
    /// Three bits a year: 0 none, 1 not completed, 2 completed, 3 good, 4 excellent.
    grades: Vec<u32>,
    /// One bit a year: LĐTT conferred.
    ldtt: Vec<u16>,
    /// Days since 1970-01-01.
    recruited: Vec<u16>,
    initiatives: Vec<u8>,
    /// Đồng, last school year.
    sponsorship: Vec<u32>,
}

const ROLES: [Role; 5] = [
    Role::Manager,
    Role::Teacher,
    Role::Staff,
    Role::Worker,
    Role::Other,
];

impl Columns {
    fn with_capacity(n: usize) -> Self {
        Self {
            attrs: Vec::with_capacity(n),
            grades: Vec::with_capacity(n),
            ldtt: Vec::with_capacity(n),
            recruited: Vec::with_capacity(n),
            initiatives: Vec::with_capacity(n),
            sponsorship: Vec::with_capacity(n),
        }
    }

    fn len(&self) -> usize {
        self.attrs.len()
    }

    fn push(&mut self, m: Member) {
        let role = ROLES.iter().position(|r| *r == m.role).unwrap_or(4) as u8;
        self.attrs.push(u8::from(m.female) | (role << 1));
        self.grades.push(m.grades);
        self.ldtt.push(m.ldtt);
        self.recruited.push(m.recruited);
        self.initiatives.push(m.initiatives);
        self.sponsorship.push(m.sponsorship);
    }

    fn heap_bytes(&self) -> usize {
        self.attrs.capacity()
            + self.grades.capacity() * 4
            + self.ldtt.capacity() * 2
            + self.recruited.capacity() * 2
            + self.initiatives.capacity()
            + self.sponsorship.capacity() * 4
    }
}

fn grade_of(code: u32) -> Option<TaskGrade> {
    match code {
        1 => Some(TaskGrade::NotCompleted),
        2 => Some(TaskGrade::Completed),
        3 => Some(TaskGrade::Good),
        4 => Some(TaskGrade::Excellent),
        _ => None,
    }
}

/// A generated national dataset: the hierarchy (1 root, provincial federations,
/// level-3 units, CĐCS with blocs) and members in compact columns — gender, role,
/// recruitment date, ten years of task grades and LĐTT titles, initiatives and
/// sponsorship money of the last school year (2023-2024) — grouped by CĐCS.
///
/// Members live in columns of 14 bytes each rather than as [`MemberRecord`]s, so
/// the national 11,5 million fit in a few hundred megabytes;
/// [`SyntheticNation::to_dataset`] writes the same data as a [`Dataset`] for the
/// generic path, and [`SyntheticNation::write_csv`] as CSV for other tools.
///
/// ```
/// use thidua::NationSpec;
///
/// let nation = NationSpec::national().with_members(500).with_units(2, 4, 20)?.generate()?;
/// let tree = nation.hierarchy().as_of(nation.as_of());
/// let rollup = nation.columnar(&tree).map_err(|e| e.to_string())?;
/// let root = tree.roots().next().ok_or("no root")?;
/// assert_eq!(rollup.total(root).map(|t| t.members()), Some(500));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct SyntheticNation {
    years: Vec<SchoolYear>,
    review: SchoolYear,
    hierarchy: Hierarchy,
    grassroots: Vec<(UnitId, Bloc)>,
    /// Members of the `k`-th CĐCS are `offsets[k]..offsets[k + 1]`.
    offsets: Vec<u32>,
    columns: Columns,
}

impl SyntheticNation {
    /// The hierarchy (every unit established on 2010-01-01).
    pub fn hierarchy(&self) -> &Hierarchy {
        &self.hierarchy
    }

    /// The day the figures are as of: 2024-05-31.
    pub fn as_of(&self) -> NaiveDate {
        date(2024, 5, 31)
    }

    /// The period reviewed: the school year 2023-2024, the last generated.
    pub fn review_period(&self) -> Period {
        self.period(SYNTHETIC_YEARS - 1)
    }

    fn period(&self, y: usize) -> Period {
        Period::SchoolYear(self.years.get(y).copied().unwrap_or(self.review))
    }

    /// Members generated.
    pub fn len(&self) -> usize {
        self.columns.len()
    }

    /// Whether no member was generated.
    pub fn is_empty(&self) -> bool {
        self.columns.len() == 0
    }

    /// Grassroots unions (CĐCS), with their members' range, in generation order
    /// (which is the snapshot's order).
    pub fn grassroots(
        &self,
    ) -> impl ExactSizeIterator<Item = (UnitId, Bloc, std::ops::Range<usize>)> + '_ {
        self.grassroots.iter().enumerate().map(|(k, (id, bloc))| {
            let s = self.offsets.get(k).copied().unwrap_or(0) as usize;
            let e = self.offsets.get(k + 1).copied().unwrap_or(0) as usize;
            (*id, *bloc, s..e.max(s))
        })
    }

    fn unit_of(&self, i: usize) -> Option<usize> {
        let k = self
            .offsets
            .partition_point(|&o| o as usize <= i)
            .checked_sub(1)?;
        (k < self.grassroots.len()).then_some(k)
    }

    /// The `i`-th member (members are numbered by CĐCS in generation order).
    pub fn member(&self, i: usize) -> Option<SyntheticMember> {
        let c = &self.columns;
        let attrs = *c.attrs.get(i)?;
        let grades = *c.grades.get(i)?;
        let ldtt = *c.ldtt.get(i)?;
        let (unit, _) = *self.grassroots.get(self.unit_of(i)?)?;
        let mut out = SyntheticMember {
            unit,
            gender: if attrs & 1 == 1 {
                Gender::Female
            } else {
                Gender::Male
            },
            role: *ROLES.get(usize::from(attrs >> 1)).unwrap_or(&Role::Other),
            recruited_on: from_day_number(i32::from(*c.recruited.get(i)?)),
            grades: [None; SYNTHETIC_YEARS],
            ldtt: [false; SYNTHETIC_YEARS],
            initiatives: *c.initiatives.get(i)?,
            sponsorship: Vnd::from_dong(i64::from(*c.sponsorship.get(i)?)),
        };
        for (y, (g, l)) in out.grades.iter_mut().zip(out.ldtt.iter_mut()).enumerate() {
            *g = grade_of((grades >> (3 * y)) & 7);
            *l = ldtt & (1 << y) != 0;
        }
        Some(out)
    }

    /// The `i`-th member's facts for the review period: grade, recruitment date,
    /// no discipline.
    pub fn member_facts(&self, i: usize) -> Option<MemberFacts> {
        let c = &self.columns;
        let grades = *c.grades.get(i)?;
        let recruited = from_day_number(i32::from(*c.recruited.get(i)?));
        let mut facts = MemberFacts::new()
            .with_recruited_on(recruited)
            .with_disciplines(vec![]);
        if let Some(g) = grade_of((grades >> (3 * (SYNTHETIC_YEARS - 1))) & 7) {
            facts = facts.with_grade(g);
        }
        Some(facts)
    }

    /// The `i`-th member's code: `DV` and the member's number in eight digits
    /// (`DV00000017`), as a membership card is numbered.
    pub fn member_code(&self, i: usize) -> MemberCode {
        MemberCode::checked(format!("DV{i:08}"))
    }

    /// The `i`-th member's id, derived from their code ([`MemberId::from_key`]).
    pub fn member_id(&self, i: usize) -> MemberId {
        MemberId::from_key(self.member_code(i).as_str())
    }

    /// The columnar roll-up of members, women, LĐTT titles of the review period and
    /// sponsorship money, over a snapshot of [`SyntheticNation::hierarchy`].
    ///
    /// # Errors
    /// [`ColumnarError`] if a CĐCS is missing from the snapshot (a snapshot of
    /// another hierarchy).
    pub fn columnar(&self, snapshot: &Snapshot<'_>) -> Result<ColumnarRollup, ColumnarError> {
        let c = &self.columns;
        let mut builder = ColumnarBuilder::with_capacity(snapshot, self.len());
        for (id, _, range) in self.grassroots() {
            let node = snapshot.node(id).ok_or(ColumnarError::UnknownNode {
                node: usize::MAX,
                units: snapshot.len(),
            })?;
            for i in range {
                let (Some(&a), Some(&l), Some(&s)) =
                    (c.attrs.get(i), c.ldtt.get(i), c.sponsorship.get(i))
                else {
                    continue;
                };
                let mut f = MemberFigures::new().with_gender(if a & 1 == 1 {
                    Gender::Female
                } else {
                    Gender::Male
                });
                if l & (1 << (SYNTHETIC_YEARS - 1)) != 0 {
                    f = f.with_ldtt();
                }
                f = f.with_sponsorship(Vnd::from_dong(i64::from(s)))?;
                builder.push(node, f)?;
            }
        }
        Ok(builder.finish())
    }

    /// The same data as a [`Dataset`] for the generic path: units, members (with
    /// their codes, ids derived from them), memberships from the recruitment day,
    /// members' facts for the review period, and one decision per CĐCS conferring
    /// LĐTT for each school year (its id derived from [`Decision::key`]).
    /// (Sponsorship money stays in the columns: it has no ledger entries here.)
    pub fn to_dataset(&self) -> Dataset {
        let mut d = Dataset {
            units: self
                .hierarchy
                .units
                .iter()
                .map(|u| u.record.clone())
                .collect(),
            ..Dataset::default()
        };
        d.members.reserve(self.len());
        d.memberships.reserve(self.len());
        d.facts.reserve(self.len());
        let period = self.review_period();
        let codes: std::collections::HashMap<UnitId, &UnitCode> = self
            .hierarchy
            .units
            .iter()
            .map(|u| (u.record.id(), u.record.code()))
            .collect();
        for (k, (unit, _, range)) in self.grassroots().enumerate() {
            let mut conferred: Vec<Vec<Conferral>> = vec![Vec::new(); SYNTHETIC_YEARS];
            for i in range {
                let (Some(m), Some(facts)) = (self.member(i), self.member_facts(i)) else {
                    continue;
                };
                let member = MemberRecord::from_code(self.member_code(i));
                let id = member.id();
                d.members
                    .push(member.with_gender(m.gender).with_role(m.role));
                let joined = m.recruited_on.max(date(2010, 1, 1));
                d.memberships
                    .push(Membership::new(id, unit).joined_on(joined));
                d.facts.push(FactRecord {
                    member: id,
                    period,
                    facts,
                });
                for (y, held) in m.ldtt.iter().enumerate() {
                    if *held
                        && let Ok(t) = TitleCode::try_new(codes::LDTT)
                        && let Some(list) = conferred.get_mut(y)
                    {
                        list.push(Conferral::new(t, Recipient::Member(id)));
                    }
                }
            }
            for (y, list) in conferred.into_iter().enumerate() {
                if list.is_empty() {
                    continue;
                }
                let year = FIRST_YEAR + y as i32;
                let Ok(number) = format!("{}/QĐ-CĐCS", k + 1).parse::<DecisionNumber>() else {
                    continue;
                };
                let day = date(year + 1, 6, 15);
                let id = match codes.get(&unit) {
                    Some(code) => DecisionId::from_key(&Decision::key(code, &number, day)),
                    None => DecisionId::from_key(&format!("{unit}/{year}")),
                };
                d.decisions.push(Decision::new(
                    id,
                    number,
                    day,
                    Issuer::Unit(unit),
                    self.period(y),
                    list,
                ));
            }
        }
        d
    }

    /// Writes `units.csv` (`unit,code,parent,level`: units numbered in the
    /// hierarchy's order, parent empty for the root) and `members.csv`
    /// (`unit,woman,ldtt,sponsorship`: 0/1 flags for the review period, money in
    /// đồng) into `dir`.
    ///
    /// # Errors
    /// [`SyntheticError::Io`] when a file cannot be written.
    pub fn write_csv(&self, dir: &Path) -> Result<(), SyntheticError> {
        let io = |file: &str| {
            let file = file.to_owned();
            move |source| SyntheticError::Io { file, source }
        };
        let units_path = dir.join("units.csv");
        let name = units_path.display().to_string();
        let records: Vec<&UnitRecord> = self.hierarchy.units.iter().map(|u| &u.record).collect();
        let index: std::collections::HashMap<UnitId, usize> = records
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id(), i))
            .collect();
        let mut unit_index = std::collections::HashMap::with_capacity(self.grassroots.len());
        crate::write_atomically(&units_path, |w| {
            writeln!(w, "unit,code,parent,level")?;
            for (i, r) in records.iter().enumerate() {
                let parent = r
                    .parent()
                    .and_then(|p| index.get(&p))
                    .map(|p| p.to_string())
                    .unwrap_or_default();
                writeln!(
                    w,
                    "{i},{},{parent},{}",
                    r.code().as_str(),
                    r.kind().level().number()
                )?;
                unit_index.insert(r.id(), i);
            }
            Ok(())
        })
        .map_err(io(&name))?;
        let members_path = dir.join("members.csv");
        let name = members_path.display().to_string();
        let c = &self.columns;
        let last = 1u16 << (SYNTHETIC_YEARS - 1);
        crate::write_atomically(&members_path, |w| {
            writeln!(w, "unit,woman,ldtt,sponsorship")?;
            for (id, _, range) in self.grassroots() {
                let u = unit_index.get(&id).copied().unwrap_or(usize::MAX);
                for i in range {
                    let (Some(&a), Some(&l), Some(&s)) =
                        (c.attrs.get(i), c.ldtt.get(i), c.sponsorship.get(i))
                    else {
                        continue;
                    };
                    writeln!(w, "{u},{},{},{s}", a & 1, u8::from(l & last != 0))?;
                }
            }
            Ok(())
        })
        .map_err(io(&name))
    }

    /// Bytes held on the heap by the member columns (the hierarchy not counted).
    pub fn member_heap_bytes(&self) -> usize {
        self.columns.heap_bytes()
            + self.offsets.capacity() * 4
            + self.grassroots.capacity() * size_of::<(UnitId, Bloc)>()
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

fn day_number(d: NaiveDate) -> i32 {
    d.num_days_from_ce() - EPOCH_DAYS
}

fn from_day_number(n: i32) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(n + EPOCH_DAYS).unwrap_or(NaiveDate::MIN)
}

/// Weights with a heavy tail: `1/u` for `u` uniform in `(1/cap, 1]` (a Pareto
/// law of index 1, capped at `cap`): most units small, a few `cap` times larger.
fn weights(rng: &mut Rng, n: usize, cap: f64) -> Vec<f64> {
    (0..n)
        .map(|_| {
            let u = (rng.next() >> 11) as f64 / (1u64 << 53) as f64;
            1.0 / (1.0 / cap + u * (1.0 - 1.0 / cap))
        })
        .collect()
}

/// Splits `total` into parts proportional to `weights`, each at least `min`
/// (largest remainders get the leftover).
fn split(total: u64, weights: &[f64], min: u64) -> Vec<u64> {
    let n = weights.len() as u64;
    let min = if min.saturating_mul(n) <= total {
        min
    } else {
        0
    };
    let rest = total - min * n;
    let sum: f64 = weights.iter().sum();
    let mut parts: Vec<u64> = Vec::with_capacity(weights.len());
    let mut remainders: Vec<(f64, usize)> = Vec::with_capacity(weights.len());
    let mut given = 0u64;
    for (i, w) in weights.iter().enumerate() {
        let exact = if sum > 0.0 {
            rest as f64 * w / sum
        } else {
            0.0
        };
        let whole = (exact.floor() as u64).min(rest - given);
        given += whole;
        parts.push(min + whole);
        remainders.push((exact - exact.floor(), i));
    }
    remainders.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, i) in remainders.iter().cycle().take((rest - given) as usize) {
        if let Some(p) = parts.get_mut(*i) {
            *p += 1;
        }
    }
    parts
}

/// splitmix64: small, fast and good enough for synthetic data.
#[derive(Debug, Clone)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Self(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`0` for `n = 0`), by multiply-shift.
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_keeps_the_total_and_the_minimum() {
        let mut rng = Rng::new(1);
        let w = weights(&mut rng, 700, 50.0);
        let parts = split(135_000, &w, 1);
        assert_eq!(parts.iter().sum::<u64>(), 135_000);
        assert!(parts.iter().all(|p| *p >= 1));
        let parts = split(10, &w, 0);
        assert_eq!(parts.iter().sum::<u64>(), 10);
        assert_eq!(split(3, &[1.0; 5], 1).iter().sum::<u64>(), 3);
    }

    #[test]
    fn sizes_are_skewed() {
        let mut rng = Rng::new(2);
        let parts = split(11_500_000, &weights(&mut rng, 135_000, SKEW_CAP), 0);
        let mut sorted = parts.clone();
        sorted.sort_unstable();
        let median = sorted[sorted.len() / 2];
        let max = *sorted.last().unwrap();
        assert!(max > 50 * median, "max {max}, median {median}");
    }

    #[test]
    fn day_numbers_round_trip() {
        let d = date(2024, 3, 1);
        assert_eq!(from_day_number(day_number(d)), d);
        assert_eq!(day_number(date(1970, 1, 1)), 0);
    }
}
