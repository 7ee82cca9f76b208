//! The columnar fast path for national roll-ups: members stored grouped by unit,
//! figures as compact columns, a roll-up as one sequential segmented sum plus one
//! bottom-up pass, and single-member updates that walk one ancestor path.

use crate::org::snapshot::{Node, Snapshot};
use crate::people::member::Gender;
use crate::value::money::{Vnd, VndSum};

/// Marks "no parent" in the parent column.
const NO_PARENT: u32 = u32::MAX;
const WOMAN: u8 = 1;
const LDTT: u8 = 2;

/// An error building or updating a [`ColumnarRollup`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ColumnarError {
    /// A node that is not in the snapshot the roll-up was built on.
    #[error("node {node} is not in the snapshot of {units} units")]
    UnknownNode {
        /// The node's index.
        node: usize,
        /// Units in the snapshot.
        units: usize,
    },
    /// A member slot the roll-up does not hold.
    #[error("member slot {slot} is not in the roll-up of {members} members")]
    UnknownSlot {
        /// The slot.
        slot: usize,
        /// Members held.
        members: usize,
    },
    /// A negative sponsorship amount.
    #[error("sponsorship amount {amount} đồng is negative")]
    NegativeAmount {
        /// The amount in đồng.
        amount: i64,
    },
    /// The sponsorship money of all members together would exceed what the columns
    /// sum exactly (`u64::MAX` đồng).
    #[error("sponsorship money of all members would exceed {max} đồng")]
    MoneyOverflow {
        /// The limit in đồng.
        max: u64,
    },
    /// More members than the columns index (`u32::MAX`).
    #[error("more than {max} members")]
    TooManyMembers {
        /// The limit.
        max: u64,
    },
}

/// One member's figures in a [`ColumnarRollup`]: whether she is a woman (*nữ*),
/// whether the member holds the *Lao động tiên tiến* (LĐTT) title for the period,
/// and the money the member gave in sponsorship (*đỡ đầu*).
///
/// ```
/// use thidua::{Gender, MemberFigures, Vnd};
///
/// let teacher = MemberFigures::new()
///     .with_gender(Gender::Female)
///     .with_ldtt()
///     .with_sponsorship(Vnd::from_dong(1_250_000))?;
/// assert!(teacher.is_woman() && teacher.has_ldtt());
/// assert_eq!(teacher.sponsorship(), Vnd::from_dong(1_250_000));
/// assert!(MemberFigures::new().with_sponsorship(Vnd::from_dong(-1)).is_err());
/// # Ok::<(), thidua::ColumnarError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct MemberFigures {
    flags: u8,
    sponsorship: u64,
}

impl MemberFigures {
    /// A member who is not a woman (or whose gender is not recorded), without the
    /// LĐTT title and without sponsorship money.
    pub const fn new() -> Self {
        Self {
            flags: 0,
            sponsorship: 0,
        }
    }

    /// Sets the gender: women are counted.
    #[must_use]
    pub const fn with_gender(mut self, gender: Gender) -> Self {
        match gender {
            Gender::Female => self.flags |= WOMAN,
            _ => self.flags &= !WOMAN,
        }
        self
    }

    /// The member holds the LĐTT title for the period.
    #[must_use]
    pub const fn with_ldtt(mut self) -> Self {
        self.flags |= LDTT;
        self
    }

    /// Sets the sponsorship money the member gave.
    ///
    /// # Errors
    /// [`ColumnarError::NegativeAmount`] for a negative amount.
    pub fn with_sponsorship(mut self, amount: Vnd) -> Result<Self, ColumnarError> {
        self.sponsorship =
            u64::try_from(amount.get()).map_err(|_| ColumnarError::NegativeAmount {
                amount: amount.get(),
            })?;
        Ok(self)
    }

    /// Whether the member is counted as a woman.
    pub const fn is_woman(self) -> bool {
        self.flags & WOMAN != 0
    }

    /// Whether the member holds the LĐTT title.
    pub const fn has_ldtt(self) -> bool {
        self.flags & LDTT != 0
    }

    /// The sponsorship money.
    pub fn sponsorship(self) -> Vnd {
        // Built from a non-negative `i64`, so it fits.
        Vnd::from_dong(i64::try_from(self.sponsorship).unwrap_or(i64::MAX))
    }
}

/// Figures of a unit in a [`ColumnarRollup`]: its own members' or its whole
/// subtree's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct UnitTotals {
    members: u64,
    women: u64,
    ldtt: u64,
    sponsorship: u64,
}

impl UnitTotals {
    /// Members (*đoàn viên*).
    pub const fn members(&self) -> u64 {
        self.members
    }

    /// Women (*nữ*).
    pub const fn women(&self) -> u64 {
        self.women
    }

    /// Members holding the LĐTT title.
    pub const fn ldtt(&self) -> u64 {
        self.ldtt
    }

    /// Sponsorship money, exactly.
    pub fn sponsorship(&self) -> VndSum {
        VndSum::from_i128(i128::from(self.sponsorship))
    }

    /// Sponsorship money in đồng.
    pub const fn sponsorship_dong(&self) -> u64 {
        self.sponsorship
    }

    // Totals never exceed the grand total, which the roll-up keeps within `u64`; a
    // difference added with wrapping arithmetic therefore lands on the exact value.
    fn add(&mut self, other: &Self) {
        self.members = self.members.wrapping_add(other.members);
        self.women = self.women.wrapping_add(other.women);
        self.ldtt = self.ldtt.wrapping_add(other.ldtt);
        self.sponsorship = self.sponsorship.wrapping_add(other.sponsorship);
    }
}

/// A member's place in a [`ColumnarRollup`]: the order in which the member was
/// pushed into the [`ColumnarBuilder`], stable for the roll-up's life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MemberSlot(u32);

impl MemberSlot {
    /// The slot's number (push order, from 0).
    pub const fn index(self) -> usize {
        self.0 as usize
    }
}

/// Collects members for a [`ColumnarRollup`] over one snapshot. Members may come
/// in any order; members pushed already grouped by unit in snapshot order (as a
/// generator or a sorted file gives them) are stored without a reordering pass.
///
/// ```
/// # use chrono::NaiveDate;
/// # use thidua::{Hierarchy, UnitCode, UnitId, UnitKind, UnitName, UnitRecord};
/// use thidua::{ColumnarBuilder, ColumnarRollup, Gender, MemberFigures, Vnd};
/// # let school = UnitRecord::new(UnitId::from_key("MNA"), UnitCode::try_new("MNA")?,
/// #     UnitKind::Grassroots, UnitName::try_new("Công đoàn Trường Mầm non A")?);
/// # let hierarchy = Hierarchy::build(vec![school], vec![], vec![]).map_err(|d| d.to_string())?;
/// # let tree = hierarchy.as_of(NaiveDate::from_ymd_opt(2024, 5, 31).ok_or("date")?);
/// let school = tree.node_by_code("MNA").ok_or("no unit")?;
/// let mut members = ColumnarBuilder::new(&tree);
/// members.push(school, MemberFigures::new().with_gender(Gender::Female).with_ldtt())?;
/// members.push(school, MemberFigures::new().with_sponsorship(Vnd::from_dong(500_000))?)?;
/// let rollup: ColumnarRollup = members.finish();
/// assert_eq!(rollup.total(school).map(|t| t.members()), Some(2));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct ColumnarBuilder {
    parents: Vec<u32>,
    nodes: Vec<u32>,
    flags: Vec<u8>,
    money: Vec<u32>,
    /// Amounts of 2³² đồng or more: (slot, high 32 bits).
    high: Vec<(u32, u32)>,
    grouped: bool,
    grand_money: u64,
}

impl ColumnarBuilder {
    /// A builder for members of units of `snapshot`.
    pub fn new(snapshot: &Snapshot<'_>) -> Self {
        Self::with_capacity(snapshot, 0)
    }

    /// A builder with room for `members` members.
    pub fn with_capacity(snapshot: &Snapshot<'_>, members: usize) -> Self {
        let parents = snapshot
            .nodes()
            .map(|n| {
                snapshot
                    .parent(n)
                    .map_or(NO_PARENT, |p| u32::try_from(p.index()).unwrap_or(NO_PARENT))
            })
            .collect();
        Self {
            parents,
            nodes: Vec::with_capacity(members),
            flags: Vec::with_capacity(members),
            money: Vec::with_capacity(members),
            high: Vec::new(),
            grouped: true,
            grand_money: 0,
        }
    }

    /// Adds a member of the unit `node`.
    ///
    /// # Errors
    /// [`ColumnarError::UnknownNode`] for a node outside the snapshot,
    /// [`ColumnarError::MoneyOverflow`] when the money of all members together
    /// would exceed `u64::MAX` đồng, [`ColumnarError::TooManyMembers`] past
    /// `u32::MAX` members.
    pub fn push(
        &mut self,
        node: Node,
        figures: MemberFigures,
    ) -> Result<MemberSlot, ColumnarError> {
        let units = self.parents.len();
        let n = u32::try_from(node.index())
            .ok()
            .filter(|_| node.index() < units)
            .ok_or(ColumnarError::UnknownNode {
                node: node.index(),
                units,
            })?;
        let slot = u32::try_from(self.nodes.len())
            .ok()
            .filter(|s| *s < u32::MAX)
            .ok_or(ColumnarError::TooManyMembers {
                max: u64::from(u32::MAX - 1),
            })?;
        self.grand_money = self
            .grand_money
            .checked_add(figures.sponsorship)
            .ok_or(ColumnarError::MoneyOverflow { max: u64::MAX })?;
        if self.nodes.last().is_some_and(|&last| last > n) {
            self.grouped = false;
        }
        self.nodes.push(n);
        self.flags.push(figures.flags);
        let (low, high) = split_amount(figures.sponsorship);
        self.money.push(low);
        if high != 0 {
            self.high.push((slot, high));
        }
        Ok(MemberSlot(slot))
    }

    /// Members pushed so far.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Whether no member was pushed.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Groups the members by unit in snapshot order and rolls them up (on up to two
    /// threads).
    pub fn finish(self) -> ColumnarRollup {
        let units = self.parents.len();
        let mut offsets = vec![0u32; units + 1];
        for &n in &self.nodes {
            if let Some(c) = offsets.get_mut(n as usize + 1) {
                *c += 1;
            }
        }
        for k in 1..offsets.len() {
            let prev = offsets.get(k - 1).copied().unwrap_or(0);
            if let Some(c) = offsets.get_mut(k) {
                *c += prev;
            }
        }
        let (flags, money, position) = if self.grouped {
            (self.flags, self.money, None)
        } else {
            // A counting sort: each member goes to the next free place of its unit.
            let mut fill = offsets.clone();
            let mut position = Vec::with_capacity(self.nodes.len());
            let mut flags = vec![0u8; self.flags.len()];
            let mut money = vec![0u32; self.money.len()];
            for ((&n, &f), &m) in self.nodes.iter().zip(&self.flags).zip(&self.money) {
                let Some(at) = fill.get_mut(n as usize) else {
                    continue;
                };
                let p = *at;
                *at += 1;
                position.push(p);
                if let Some(slot) = flags.get_mut(p as usize) {
                    *slot = f;
                }
                if let Some(slot) = money.get_mut(p as usize) {
                    *slot = m;
                }
            }
            (flags, money, Some(position))
        };
        // High parts by storage position, with the unit holding each.
        let mut high: Vec<HighPart> = self
            .high
            .iter()
            .filter_map(|&(slot, high)| {
                let p = match &position {
                    Some(position) => *position.get(slot as usize)?,
                    None => slot,
                };
                let node = *self.nodes.get(slot as usize)?;
                Some(HighPart {
                    position: p,
                    node,
                    high,
                })
            })
            .collect();
        high.sort_unstable_by_key(|h| h.position);
        let mut rollup = ColumnarRollup {
            offsets,
            flags,
            money,
            high,
            position,
            parents: self.parents,
            own: vec![UnitTotals::default(); units],
            total: vec![UnitTotals::default(); units],
            grand_money: self.grand_money,
        };
        rollup.recompute(default_threads());
        rollup
    }
}

fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(2))
}

/// Members, women, LĐTT titles and sponsorship money per unit, for every unit of a
/// snapshot at once — the national-scale roll-up.
///
/// Members are stored grouped by unit in snapshot order (a compressed layout:
/// one offset per unit into the member columns), with one byte of flags and the
/// sponsorship money per member: whole đồng, the low 32 bits in a column of 4 bytes
/// and the high bits of the rare amounts of 4,3 billion đồng or more kept apart. A
/// full roll-up is then a sequential segmented sum over the member columns, split
/// across threads that each roll their own run of units up, the runs meeting along
/// a few ancestor paths; changing one member updates the unit and its ancestors by
/// walking one ancestor path. Sums are exact: the builder refuses data whose money
/// would not sum within `u64`, so no total can overflow.
///
/// For district-sized data and figures of any kind, [`Model::rollup`] with a
/// [`Metric`] is the flexible path; both give the same figures.
///
/// [`Model::rollup`]: crate::Model::rollup
/// [`Metric`]: crate::Metric
///
/// ```
/// use chrono::NaiveDate;
/// use thidua::{ColumnarBuilder, Gender, Hierarchy, MemberFigures, UnitCode, UnitId, UnitKind, UnitName, UnitRecord, Vnd};
///
/// let unit = |code: &str, kind| -> Result<UnitRecord, Box<dyn std::error::Error>> {
///     Ok(UnitRecord::new(UnitId::from_key(code), UnitCode::try_new(code)?, kind, UnitName::try_new(code)?))
/// };
/// let district = unit("GL", UnitKind::DistrictFederation)?;
/// let school = unit("GL.MNA", UnitKind::Grassroots)?.with_parent(district.id());
/// let hierarchy = Hierarchy::build(vec![district, school], vec![], vec![]).map_err(|d| d.to_string())?;
/// let tree = hierarchy.as_of(NaiveDate::from_ymd_opt(2024, 5, 31).ok_or("date")?);
/// let (gl, mna) = (tree.node_by_code("GL").ok_or("GL")?, tree.node_by_code("GL.MNA").ok_or("MNA")?);
///
/// let mut members = ColumnarBuilder::new(&tree);
/// let teacher = members.push(mna, MemberFigures::new().with_gender(Gender::Female).with_ldtt())?;
/// members.push(mna, MemberFigures::new().with_sponsorship(Vnd::from_dong(1_500_000))?)?;
/// let mut rollup = members.finish();
/// let totals = rollup.total(gl).ok_or("no totals")?;
/// assert_eq!((totals.members(), totals.women(), totals.ldtt()), (2, 1, 1));
/// assert_eq!(totals.sponsorship_dong(), 1_500_000);
///
/// // She sponsors a pupil too: every ancestor's totals follow.
/// let figures = MemberFigures::new().with_gender(Gender::Female).with_ldtt()
///     .with_sponsorship(Vnd::from_dong(500_000))?;
/// rollup.update(teacher, figures)?;
/// assert_eq!(rollup.total(gl).map(|t| t.sponsorship_dong()), Some(2_000_000));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct ColumnarRollup {
    /// Members of node `n` are at positions `offsets[n]..offsets[n + 1]`.
    offsets: Vec<u32>,
    flags: Vec<u8>,
    /// The low 32 bits of each member's money, in đồng.
    money: Vec<u32>,
    /// The rare amounts of 2³² đồng (about 4,3 billion) or more: their high bits,
    /// by position.
    high: Vec<HighPart>,
    /// Position of each slot, when members were not pushed grouped.
    position: Option<Vec<u32>>,
    parents: Vec<u32>,
    own: Vec<UnitTotals>,
    total: Vec<UnitTotals>,
    grand_money: u64,
}

/// The high 32 bits of a member's money, kept apart so that the money column holds
/// 4 bytes a member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct HighPart {
    position: u32,
    node: u32,
    high: u32,
}

fn split_amount(amount: u64) -> (u32, u32) {
    ((amount & u64::from(u32::MAX)) as u32, (amount >> 32) as u32)
}

/// The sum of the eight byte lanes of a word.
fn lanes_sum(v: u64) -> u64 {
    const LANES16: u64 = 0x00ff_00ff_00ff_00ff;
    let pairs = (v & LANES16).wrapping_add((v >> 8) & LANES16);
    pairs.wrapping_mul(0x0001_0001_0001_0001) >> 48
}

/// Sums one run of member columns: the kernel of both the roll-up and the plain scan.
fn sum_columns(flags: &[u8], money: &[u32]) -> UnitTotals {
    // The flags eight at a time in the byte lanes of a word (SWAR): a block of 64
    // words adds at most 192 to a lane, so lanes never carry into each other.
    const LOW2: u64 = 0x0303_0303_0303_0303;
    const LOW1: u64 = 0x0101_0101_0101_0101;
    let (words, rest) = flags.as_chunks::<8>();
    let mut all = 0u64;
    let mut ldtt = 0u64;
    for block in words.chunks(64) {
        let mut a = 0u64;
        let mut l = 0u64;
        for w in block {
            let x = u64::from_le_bytes(*w);
            a = a.wrapping_add(x & LOW2);
            l = l.wrapping_add((x >> 1) & LOW1);
        }
        all = all.wrapping_add(lanes_sum(a));
        ldtt = ldtt.wrapping_add(lanes_sum(l));
    }
    for &f in rest {
        all = all.wrapping_add(u64::from(f & (WOMAN | LDTT)));
        ldtt = ldtt.wrapping_add(u64::from((f & LDTT) >> 1));
    }
    // At most `u32::MAX` amounts below 2³² each: the sum fits `u64`.
    let mut sponsorship = 0u64;
    for &m in money {
        sponsorship = sponsorship.wrapping_add(u64::from(m));
    }
    UnitTotals {
        members: flags.len() as u64,
        women: all.wrapping_sub(ldtt.wrapping_mul(2)),
        ldtt,
        sponsorship,
    }
}

/// Sums the members at positions `start..end` of the columns, for the roll-up's many
/// short runs: eight members a step (flags as one word, money as eight lanes), and
/// the last one to seven members read as the eight ending the run with the earlier
/// ones masked off, so a run costs one loop and no remainder loops.
fn sum_run(flags: &[u8], money: &[u32], start: usize, end: usize) -> UnitTotals {
    const LOW2: u64 = 0x0303_0303_0303_0303;
    const LOW1: u64 = 0x0101_0101_0101_0101;
    let len = end.saturating_sub(start);
    let body = start + len / 8 * 8;
    let (words, _) = flags.get(start..body).unwrap_or(&[]).as_chunks::<8>();
    let (amounts, _) = money.get(start..body).unwrap_or(&[]).as_chunks::<8>();
    let mut all = 0u64;
    let mut ldtt = 0u64;
    let mut sponsorship = 0u64;
    // Eight money lanes, added up once at the end of the run.
    let mut lanes = [0u64; 8];
    for (w64, m64) in words.chunks(64).zip(amounts.chunks(64)) {
        let mut a = 0u64;
        let mut l = 0u64;
        for (w, m) in w64.iter().zip(m64) {
            let x = u64::from_le_bytes(*w);
            a = a.wrapping_add(x & LOW2);
            l = l.wrapping_add((x >> 1) & LOW1);
            for (lane, &v) in lanes.iter_mut().zip(m) {
                *lane = lane.wrapping_add(u64::from(v));
            }
        }
        all = all.wrapping_add(lanes_sum(a));
        ldtt = ldtt.wrapping_add(lanes_sum(l));
    }
    for lane in lanes {
        sponsorship = sponsorship.wrapping_add(lane);
    }
    let rest = end.saturating_sub(body);
    if rest > 0 {
        let tail = end.wrapping_sub(8);
        match (
            end.checked_sub(8)
                .and_then(|t| flags.get(t..end))
                .and_then(|w| <[u8; 8]>::try_from(w).ok()),
            money
                .get(tail..end)
                .and_then(|m| <[u32; 8]>::try_from(m).ok()),
        ) {
            (Some(w), Some(m)) => {
                // Little-endian: the members of the run are the high bytes.
                let x = u64::from_le_bytes(w) >> (8 * (8 - rest));
                all = all.wrapping_add(lanes_sum(x & LOW2));
                ldtt = ldtt.wrapping_add(lanes_sum((x >> 1) & LOW1));
                for (i, &v) in m.iter().enumerate() {
                    let keep = 0u32.wrapping_sub(u32::from(i + rest >= 8));
                    sponsorship = sponsorship.wrapping_add(u64::from(v & keep));
                }
            }
            _ => {
                let t = sum_columns(
                    flags.get(body..end).unwrap_or(&[]),
                    money.get(body..end).unwrap_or(&[]),
                );
                all = all.wrapping_add(t.women + 2 * t.ldtt);
                ldtt = ldtt.wrapping_add(t.ldtt);
                sponsorship = sponsorship.wrapping_add(t.sponsorship);
            }
        }
    }
    UnitTotals {
        members: len as u64,
        women: all.wrapping_sub(ldtt.wrapping_mul(2)),
        ldtt,
        sponsorship,
    }
}

impl ColumnarRollup {
    /// Members held.
    pub fn len(&self) -> usize {
        self.flags.len()
    }

    /// Whether no member is held.
    pub fn is_empty(&self) -> bool {
        self.flags.is_empty()
    }

    /// Units of the snapshot.
    pub fn units(&self) -> usize {
        self.parents.len()
    }

    /// The figures of the unit's own members (`None` for a node outside the
    /// snapshot).
    pub fn own(&self, node: Node) -> Option<UnitTotals> {
        self.own.get(node.index()).copied()
    }

    /// The figures of the unit's whole subtree (`None` for a node outside the
    /// snapshot).
    pub fn total(&self, node: Node) -> Option<UnitTotals> {
        self.total.get(node.index()).copied()
    }

    /// The slot of the member pushed `index`-th (from 0), if there are that many.
    pub fn slot(&self, index: usize) -> Option<MemberSlot> {
        (index < self.flags.len())
            .then(|| u32::try_from(index).ok().map(MemberSlot))
            .flatten()
    }

    /// A member's figures.
    pub fn figures(&self, slot: MemberSlot) -> Option<MemberFigures> {
        let p = self.position_of(slot)?;
        Some(MemberFigures {
            flags: *self.flags.get(p)?,
            sponsorship: u64::from(*self.money.get(p)?) | u64::from(self.high_at(p)) << 32,
        })
    }

    fn high_at(&self, p: usize) -> u32 {
        self.high
            .binary_search_by_key(&p, |h| h.position as usize)
            .ok()
            .and_then(|i| self.high.get(i))
            .map_or(0, |h| h.high)
    }

    fn position_of(&self, slot: MemberSlot) -> Option<usize> {
        let p = match &self.position {
            Some(position) => *position.get(slot.index())? as usize,
            None => slot.index(),
        };
        (p < self.flags.len()).then_some(p)
    }

    /// Rolls everything up again from the member columns, on up to `threads`
    /// threads: each takes a contiguous run of units holding about the same number
    /// of members, sums each unit's own members (a segmented sum) and rolls its run
    /// up bottom-to-top; then units whose parent lies in an earlier run add their
    /// totals along their ancestor path.
    pub fn recompute(&mut self, threads: usize) {
        // No more threads than the machine runs at once (none where it has none).
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        self.recompute_in_runs(threads.min(cores));
    }

    /// [`ColumnarRollup::recompute`] in `runs` runs, one thread each.
    fn recompute_in_runs(&mut self, runs: usize) {
        let units = self.parents.len();
        let chunks = runs.clamp(1, 64).min(units.max(1));
        let members = self.flags.len();
        let mut bounds = Vec::with_capacity(chunks + 1);
        bounds.push(0usize);
        for k in 1..chunks {
            let target = (members as u128 * k as u128 / chunks as u128) as u64;
            let b = self
                .offsets
                .get(..units)
                .unwrap_or(&[])
                .partition_point(|&o| u64::from(o) < target);
            let prev = bounds.last().copied().unwrap_or(0);
            bounds.push(b.max(prev));
        }
        bounds.push(units);
        let (offsets, flags, money, parents) =
            (&self.offsets, &self.flags, &self.money, &self.parents);
        let high = &self.high;
        // Each thread sums its units' own members, adds the rare high parts of the
        // money, and rolls its units up inside its own run; units whose parent lies
        // in an earlier run are returned with their run's totals.
        let work = move |own: &mut [UnitTotals],
                         total: &mut [UnitTotals],
                         first: usize|
              -> Vec<(usize, UnitTotals)> {
            let runs = offsets.get(first..first + own.len() + 1).unwrap_or(&[]);
            for ((slot, sum), w) in own.iter_mut().zip(total.iter_mut()).zip(runs.windows(2)) {
                let (s, e) = match *w {
                    [s, e] => (s as usize, e as usize),
                    _ => (0, 0),
                };
                let t = sum_run(flags, money, s, e.max(s));
                *slot = t;
                *sum = t;
            }
            let end = first + own.len();
            let from = high.partition_point(|h| (h.node as usize) < first);
            for h in high.get(from..).unwrap_or(&[]) {
                let node = h.node as usize;
                if node >= end {
                    break;
                }
                let high = u64::from(h.high) << 32;
                if let Some(o) = own.get_mut(node - first) {
                    o.sponsorship = o.sponsorship.wrapping_add(high);
                }
                if let Some(t) = total.get_mut(node - first) {
                    t.sponsorship = t.sponsorship.wrapping_add(high);
                }
            }
            let mut crossing = Vec::new();
            for k in (0..total.len()).rev() {
                let node = first + k;
                let p = parents.get(node).copied().unwrap_or(NO_PARENT) as usize;
                if p >= node {
                    continue;
                }
                let Some(&child) = total.get(k) else {
                    continue;
                };
                match p.checked_sub(first).and_then(|q| total.get_mut(q)) {
                    Some(parent) => parent.add(&child),
                    None => crossing.push((p, child)),
                }
            }
            crossing
        };
        let crossing = std::thread::scope(|scope| {
            let mut own_rest: &mut [UnitTotals] = &mut self.own;
            let mut total_rest: &mut [UnitTotals] = &mut self.total;
            let mut parts = Vec::with_capacity(chunks);
            for w in bounds.windows(2) {
                let [lo, hi] = [w.first().copied(), w.last().copied()].map(|x| x.unwrap_or(0));
                let len = hi.saturating_sub(lo);
                let (Some((own, o)), Some((total, t))) = (
                    own_rest.split_at_mut_checked(len),
                    total_rest.split_at_mut_checked(len),
                ) else {
                    break;
                };
                own_rest = o;
                total_rest = t;
                parts.push((own, total, lo));
            }
            let last = parts.pop();
            let handles: Vec<_> = parts
                .into_iter()
                .map(|(own, total, lo)| scope.spawn(move || work(own, total, lo)))
                .collect();
            let mut crossing = last.map_or_else(Vec::new, |(own, total, lo)| work(own, total, lo));
            for h in handles {
                crossing.extend(h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
            }
            crossing
        });
        // Runs meet: each unit whose parent lies in an earlier run adds its run's
        // totals to every ancestor (all of them in earlier runs).
        for (parent, child) in crossing {
            let mut at = parent;
            while let Some(t) = self.total.get_mut(at) {
                t.add(&child);
                match self.parents.get(at) {
                    Some(&p) if (p as usize) < at => at = p as usize,
                    _ => break,
                }
            }
        }
    }

    /// Changes one member's figures and updates the unit's and every ancestor's
    /// totals by walking one ancestor path.
    ///
    /// # Errors
    /// [`ColumnarError::UnknownSlot`] for a slot the roll-up does not hold;
    /// [`ColumnarError::MoneyOverflow`] when the money of all members would exceed
    /// `u64::MAX` đồng (nothing is changed then).
    pub fn update(
        &mut self,
        slot: MemberSlot,
        figures: MemberFigures,
    ) -> Result<(), ColumnarError> {
        let members = self.flags.len();
        let unknown = ColumnarError::UnknownSlot {
            slot: slot.index(),
            members,
        };
        let p = self.position_of(slot).ok_or(unknown.clone())?;
        let old = self.figures(slot).ok_or(unknown.clone())?;
        let grand = self
            .grand_money
            .checked_sub(old.sponsorship)
            .and_then(|g| g.checked_add(figures.sponsorship))
            .ok_or(ColumnarError::MoneyOverflow { max: u64::MAX })?;
        // The unit holding position `p`: the last whose members start at or before it.
        let node = self
            .offsets
            .get(..self.parents.len())
            .unwrap_or(&[])
            .partition_point(|&o| o as usize <= p)
            .saturating_sub(1);
        let (Some(flag), Some(money)) = (self.flags.get_mut(p), self.money.get_mut(p)) else {
            return Err(unknown);
        };
        let (low, high) = split_amount(figures.sponsorship);
        *flag = figures.flags;
        *money = low;
        let found = self.high.binary_search_by_key(&p, |h| h.position as usize);
        match (found, high) {
            (Ok(i), 0) => {
                self.high.remove(i);
            }
            (Ok(i), _) => {
                if let Some(h) = self.high.get_mut(i) {
                    h.high = high;
                }
            }
            (Err(_), 0) => {}
            (Err(i), _) => self.high.insert(
                i,
                HighPart {
                    position: u32::try_from(p).unwrap_or(u32::MAX),
                    node: u32::try_from(node).unwrap_or(u32::MAX),
                    high,
                },
            ),
        }
        self.grand_money = grand;
        let delta = UnitTotals {
            members: 0,
            women: u64::from(figures.is_woman()).wrapping_sub(u64::from(old.is_woman())),
            ldtt: u64::from(figures.has_ldtt()).wrapping_sub(u64::from(old.has_ldtt())),
            sponsorship: figures.sponsorship.wrapping_sub(old.sponsorship),
        };
        if let Some(own) = self.own.get_mut(node) {
            own.add(&delta);
        }
        let mut at = node;
        while let Some(t) = self.total.get_mut(at) {
            t.add(&delta);
            match self.parents.get(at) {
                Some(&parent) if (parent as usize) < at => at = parent as usize,
                _ => break,
            }
        }
        Ok(())
    }

    /// The plain single-core scan of the member columns, without grouping: the
    /// baseline a roll-up is measured against. It equals the sum of the roots'
    /// totals.
    pub fn scan(&self) -> UnitTotals {
        let mut t = sum_columns(&self.flags, &self.money);
        for h in &self.high {
            t.sponsorship = t.sponsorship.wrapping_add(u64::from(h.high) << 32);
        }
        t
    }

    /// Bytes held on the heap by the columns and the totals.
    pub fn heap_bytes(&self) -> usize {
        self.offsets.capacity() * 4
            + self.flags.capacity()
            + self.money.capacity() * 4
            + self.high.capacity() * size_of::<HighPart>()
            + self.position.as_ref().map_or(0, |p| p.capacity() * 4)
            + self.parents.capacity() * 4
            + (self.own.capacity() + self.total.capacity()) * size_of::<UnitTotals>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::rollup::tests::tree;
    use crate::value::id::UnitId;
    use proptest::prelude::*;

    fn forest() -> impl Strategy<Value = Vec<Option<usize>>> {
        (1usize..40).prop_flat_map(|n| {
            (0..n)
                .map(|i| {
                    if i == 0 {
                        Just(None).boxed()
                    } else {
                        prop_oneof![1 => Just(None), 6 => (0..i).prop_map(Some)].boxed()
                    }
                })
                .collect::<Vec<_>>()
        })
    }

    /// (unit, woman, ldtt, money)
    type Raw = (usize, bool, bool, u64);

    fn figures(&(_, woman, ldtt, money): &Raw) -> MemberFigures {
        let mut f =
            MemberFigures::new().with_gender(if woman { Gender::Female } else { Gender::Male });
        if ldtt {
            f = f.with_ldtt();
        }
        f.with_sponsorship(Vnd::from_dong(money as i64)).unwrap()
    }

    /// Naive: a unit's total is the sum over members whose unit's ancestor chain
    /// holds it.
    fn naive(parents: &[Option<usize>], members: &[Raw], target: usize) -> (u64, u64, u64, u64) {
        let mut out = (0, 0, 0, 0);
        for &(unit, woman, ldtt, money) in members {
            let mut at = Some(unit);
            while let Some(a) = at {
                if a == target {
                    out.0 += 1;
                    out.1 += u64::from(woman);
                    out.2 += u64::from(ldtt);
                    out.3 += money;
                    break;
                }
                at = parents[a];
            }
        }
        out
    }

    /// Mostly everyday amounts, some beyond 2³² đồng.
    fn amount() -> impl Strategy<Value = u64> {
        prop_oneof![4 => 0u64..5_000_000, 1 => (1u64 << 32)..(1u64 << 44)]
    }

    fn members_of(n: usize) -> impl Strategy<Value = Vec<Raw>> {
        proptest::collection::vec((0..n, any::<bool>(), any::<bool>(), amount()), 0..200)
    }

    proptest! {
        #[test]
        fn rollup_and_updates_equal_naive_recomputation(
            (parents, members, changes, threads) in forest().prop_flat_map(|p| {
                let n = p.len();
                (Just(p), members_of(n), proptest::collection::vec((any::<prop::sample::Index>(), any::<bool>(), any::<bool>(), amount()), 0..20), 1usize..6)
            })
        ) {
            let h = tree(&parents);
            let snap = h.as_of(chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap());
            let node = |i: usize| snap.node(UnitId::from_key(&format!("U{i}"))).unwrap();
            let mut builder = ColumnarBuilder::new(&snap);
            let mut slots = Vec::new();
            for m in &members {
                slots.push(builder.push(node(m.0), figures(m)).unwrap());
            }
            let mut rollup = builder.finish();
            let check = |rollup: &ColumnarRollup, members: &[Raw]| -> Result<(), TestCaseError> {
                for i in 0..parents.len() {
                    let t = rollup.total(node(i)).unwrap();
                    prop_assert_eq!((t.members(), t.women(), t.ldtt(), t.sponsorship_dong()), naive(&parents, members, i));
                }
                let roots: Vec<Node> = snap.roots().collect();
                let mut sum = UnitTotals::default();
                for r in roots {
                    sum.add(&rollup.total(r).unwrap());
                }
                prop_assert_eq!(sum, rollup.scan());
                Ok(())
            };
            check(&rollup, &members)?;
            for (k, s) in slots.iter().enumerate() {
                prop_assert_eq!(rollup.figures(*s), Some(figures(&members[k])));
            }
            // Changes one member at a time: the incremental totals stay exact.
            let mut members = members;
            for (pick, woman, ldtt, money) in changes {
                if members.is_empty() {
                    break;
                }
                let k = pick.index(members.len());
                members[k] = (members[k].0, woman, ldtt, money);
                rollup.update(slots[k], figures(&members[k])).unwrap();
                check(&rollup, &members)?;
            }
            rollup.recompute_in_runs(threads);
            check(&rollup, &members)?;
            rollup.recompute(threads);
            check(&rollup, &members)?;
        }
    }

    #[test]
    fn errors_quote_the_values() {
        let h = tree(&[None, Some(0)]);
        let snap = h.as_of(chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap());
        let other = tree(&[None, Some(0), Some(1)]);
        let big = other.as_of(chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap());
        let far = big.nodes().last().unwrap();
        let mut b = ColumnarBuilder::new(&snap);
        insta::assert_snapshot!(b.push(far, MemberFigures::new()).unwrap_err(), @"node 2 is not in the snapshot of 2 units");
        insta::assert_snapshot!(MemberFigures::new().with_sponsorship(Vnd::from_dong(-5)).unwrap_err(), @"sponsorship amount -5 đồng is negative");
        let leaf = snap.nodes().last().unwrap();
        let rich = MemberFigures::new()
            .with_sponsorship(Vnd::from_dong(i64::MAX))
            .unwrap();
        let first = b.push(leaf, rich).unwrap();
        b.push(leaf, rich).unwrap();
        insta::assert_snapshot!(b.push(leaf, rich).unwrap_err(), @"sponsorship money of all members would exceed 18446744073709551615 đồng");
        assert!(b.len() == 2 && !b.is_empty());
        let mut r = b.finish();
        assert_eq!(r.len(), 2);
        assert_eq!(r.units(), 2);
        assert_eq!(
            r.total(snap.roots().next().unwrap())
                .unwrap()
                .sponsorship()
                .to_i128(),
            Some(2 * i128::from(i64::MAX))
        );
        insta::assert_snapshot!(r.update(MemberSlot(7), MemberFigures::new()).unwrap_err(), @"member slot 7 is not in the roll-up of 2 members");
        // Lowering one amount is fine; the grand total stays within u64.
        r.update(first, MemberFigures::new()).unwrap();
        assert_eq!(r.scan().sponsorship_dong(), i64::MAX as u64);
        assert_eq!(r.own(leaf).unwrap().members(), 2);
        assert_eq!(r.own(far), None);
        assert!(r.heap_bytes() > 0);
    }
}
