//! The tree as it stands on one day: dense indices in topological order.

use std::collections::BTreeMap;
use std::ops::Range;

use chrono::NaiveDate;

use crate::org::hierarchy::{Hierarchy, NONE, UnitState};
use crate::org::kind::{Bloc, Level, UnitKind};
use crate::org::unit::UnitCode;
use crate::value::id::UnitId;
use crate::value::text::{UnitName, UnitShortName};

/// A unit's place in one [`Snapshot`]: a dense index, meaningful only in the snapshot
/// that gave it. Nodes are numbered in topological order (depth-first preorder, so a
/// parent comes before its children and a subtree is one contiguous run).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Node(u32);

impl Node {
    /// The node's position, `0..snapshot.len()`.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// The hierarchy as it stands on one day.
///
/// Holds every unit that exists on the day, numbered in depth-first preorder: parents
/// before children, siblings by code, and each subtree a contiguous range of nodes,
/// so a roll-up is one pass over the nodes in reverse. All walks are iterative: a
/// chain a million units deep is fine.
///
/// ```
/// use chrono::NaiveDate;
/// use thidua::{Hierarchy, UnitCode, UnitId, UnitKind, UnitName, UnitRecord};
///
/// let unit = |code: &str, kind, name: &str| -> Result<UnitRecord, Box<dyn std::error::Error>> {
///     Ok(UnitRecord::new(UnitId::from_key(code), UnitCode::try_new(code)?, kind, UnitName::try_new(name)?))
/// };
/// let city = unit("HN", UnitKind::ProvincialFederation, "LĐLĐ thành phố Hà Nội")?;
/// let district = unit("HN.GL", UnitKind::DistrictFederation, "LĐLĐ huyện Gia Lâm")?
///     .with_parent(city.id());
/// let school = unit("HN.GL.MNA", UnitKind::Grassroots, "Công đoàn Trường Mầm non A")?
///     .with_parent(district.id());
/// let hierarchy = Hierarchy::build(vec![city, district, school], vec![], vec![])
///     .map_err(|d| d.to_string())?;
///
/// let tree = hierarchy.as_of(NaiveDate::from_ymd_opt(2022, 5, 31).ok_or("date")?);
/// let school = tree.node(UnitId::from_key("HN.GL.MNA")).ok_or("missing")?;
/// let codes: Vec<&str> = tree.ancestors(school).map(|n| tree.code(n).as_str()).collect();
/// assert_eq!(codes, ["HN.GL", "HN"]);
/// assert_eq!(tree.depth(school), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Snapshot<'h> {
    hierarchy: &'h Hierarchy,
    date: NaiveDate,
    /// Hierarchy index of each node.
    units: Vec<u32>,
    /// Node of each hierarchy index, or `NONE`.
    node_of: Vec<u32>,
    parent: Vec<u32>,
    depth: Vec<u32>,
    subtree_end: Vec<u32>,
    child_start: Vec<u32>,
    children: Vec<u32>,
}

impl<'h> Snapshot<'h> {
    pub(crate) fn build(hierarchy: &'h Hierarchy, date: NaiveDate) -> Self {
        let n = hierarchy.units.len();
        // Parent (hierarchy index) of each living unit, and child counts.
        let mut alive = vec![false; n];
        for (i, u) in hierarchy.units.iter().enumerate() {
            if let Some(a) = alive.get_mut(i) {
                *a = u.is_alive(date);
            }
        }
        let is_alive = |i: u32| alive.get(i as usize).copied().unwrap_or(false);
        let parent_of = |i: u32| -> u32 {
            let p = hierarchy
                .units
                .get(i as usize)
                .map_or(NONE, |u| u.parent_at(date));
            if p != NONE && is_alive(p) { p } else { NONE }
        };
        // Children lists in code order: walk units by code rank and bucket them.
        let mut count = vec![0u32; n + 1];
        let mut roots = Vec::new();
        for &i in &hierarchy.by_rank {
            if !is_alive(i) {
                continue;
            }
            match parent_of(i) {
                NONE => roots.push(i),
                p => {
                    if let Some(c) = count.get_mut(p as usize + 1) {
                        *c += 1;
                    }
                }
            }
        }
        for k in 1..count.len() {
            let prev = count.get(k - 1).copied().unwrap_or(0);
            if let Some(c) = count.get_mut(k) {
                *c += prev;
            }
        }
        let total = count.last().copied().unwrap_or(0) as usize;
        let mut fill = count.clone();
        let mut kids = vec![NONE; total];
        for &i in &hierarchy.by_rank {
            if !is_alive(i) {
                continue;
            }
            let p = parent_of(i);
            if p == NONE {
                continue;
            }
            if let Some(slot) = fill.get_mut(p as usize) {
                if let Some(k) = kids.get_mut(*slot as usize) {
                    *k = i;
                }
                *slot += 1;
            }
        }
        let kids_of = |i: u32| -> &[u32] {
            let s = count.get(i as usize).copied().unwrap_or(0) as usize;
            let e = count.get(i as usize + 1).copied().unwrap_or(0) as usize;
            kids.get(s..e).unwrap_or(&[])
        };

        // Depth-first preorder with an explicit stack.
        let mut units = Vec::new();
        let mut node_of = vec![NONE; n];
        let mut parent = Vec::new();
        let mut depth = Vec::new();
        let mut stack: Vec<(u32, u32)> = roots.iter().rev().map(|&r| (r, NONE)).collect();
        while let Some((i, p_node)) = stack.pop() {
            let node = units.len() as u32;
            units.push(i);
            if let Some(slot) = node_of.get_mut(i as usize) {
                *slot = node;
            }
            parent.push(p_node);
            let d = if p_node == NONE {
                0
            } else {
                depth.get(p_node as usize).copied().unwrap_or(0) + 1
            };
            depth.push(d);
            stack.extend(kids_of(i).iter().rev().map(|&c| (c, node)));
        }
        let len = units.len();
        let mut size = vec![1u32; len];
        for node in (0..len).rev() {
            let p = parent.get(node).copied().unwrap_or(NONE);
            let s = size.get(node).copied().unwrap_or(1);
            if let Some(ps) = size.get_mut(p as usize) {
                *ps += s;
            }
        }
        let subtree_end = size
            .iter()
            .enumerate()
            .map(|(node, s)| node as u32 + s)
            .collect();
        // Children by node, in node order (already code order).
        let mut child_start = vec![0u32; len + 1];
        for &p in &parent {
            if let Some(c) = child_start.get_mut(p as usize + 1) {
                *c += 1;
            }
        }
        for k in 1..child_start.len() {
            let prev = child_start.get(k - 1).copied().unwrap_or(0);
            if let Some(c) = child_start.get_mut(k) {
                *c += prev;
            }
        }
        let mut fill = child_start.clone();
        let mut children = vec![0u32; len.saturating_sub(roots.len())];
        for (node, &p) in parent.iter().enumerate() {
            if let Some(slot) = fill.get_mut(p as usize) {
                if let Some(c) = children.get_mut(*slot as usize) {
                    *c = node as u32;
                }
                *slot += 1;
            }
        }
        Snapshot {
            hierarchy,
            date,
            units,
            node_of,
            parent,
            depth,
            subtree_end,
            child_start,
            children,
        }
    }

    fn state(&self, node: Node) -> Option<&'h UnitState> {
        let h: &'h Hierarchy = self.hierarchy;
        self.units
            .get(node.index())
            .and_then(|&i| h.units.get(i as usize))
    }

    /// The day of the snapshot.
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// The number of units existing on the day.
    pub fn len(&self) -> usize {
        self.units.len()
    }

    /// Whether no unit exists on the day.
    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    /// Every node, parents before children.
    pub fn nodes(&self) -> impl DoubleEndedIterator<Item = Node> + ExactSizeIterator + use<> {
        (0..self.units.len() as u32).map(Node)
    }

    /// The units with no parent on the day (the tops of the dataset).
    pub fn roots(&self) -> impl Iterator<Item = Node> + '_ {
        self.parent
            .iter()
            .enumerate()
            .filter(|(_, p)| **p == NONE)
            .map(|(n, _)| Node(n as u32))
    }

    /// The node at a position, if within the snapshot.
    pub fn node_at(&self, index: usize) -> Option<Node> {
        (index < self.units.len()).then_some(Node(index as u32))
    }

    /// The node of a unit, if it exists on the day.
    pub fn node(&self, id: UnitId) -> Option<Node> {
        let i = self.hierarchy.index_of(id)?;
        self.node_of
            .get(i as usize)
            .copied()
            .filter(|n| *n != NONE)
            .map(Node)
    }

    /// The node of the unit with this code, if it exists on the day.
    pub fn node_by_code(&self, code: &str) -> Option<Node> {
        self.node(self.hierarchy.unit_by_code(code)?)
    }

    /// The unit's id.
    ///
    /// Every accessor taking a [`Node`] expects one from this snapshot; a node from
    /// another snapshot gives another unit's data or, past the end, a placeholder.
    pub fn id(&self, node: Node) -> UnitId {
        self.state(node)
            .map_or_else(|| UnitId::from_key(""), |u| u.record.id())
    }

    /// The unit's code.
    pub fn code(&self, node: Node) -> &'h UnitCode {
        match self.state(node) {
            Some(u) => u.record.code(),
            None => placeholder_code(),
        }
    }

    /// The unit's kind.
    pub fn kind(&self, node: Node) -> UnitKind {
        self.state(node)
            .map_or(UnitKind::Grassroots, |u| u.record.kind())
    }

    /// The unit's level in the union system.
    pub fn level(&self, node: Node) -> Level {
        self.kind(node).level()
    }

    /// The unit's official name on the day.
    pub fn name(&self, node: Node) -> Option<&'h UnitName> {
        let u = self.state(node)?;
        Some(u.names.at(self.date).map_or(u.record.name(), |(n, _)| n))
    }

    /// The unit's short name on the day, if it has one.
    pub fn short_name(&self, node: Node) -> Option<&'h UnitShortName> {
        let u = self.state(node)?;
        u.names.at(self.date).and_then(|(_, s)| s.as_ref())
    }

    /// The unit's bloc on the day, if classified.
    pub fn bloc(&self, node: Node) -> Option<Bloc> {
        let u = self.state(node)?;
        u.blocs.at(self.date).copied().flatten()
    }

    /// The parent on the day.
    pub fn parent(&self, node: Node) -> Option<Node> {
        self.parent
            .get(node.index())
            .copied()
            .filter(|p| *p != NONE)
            .map(Node)
    }

    /// Distance from the top of its tree (a root has depth 0).
    pub fn depth(&self, node: Node) -> u32 {
        self.depth.get(node.index()).copied().unwrap_or(0)
    }

    /// The ancestors, nearest first (the node itself excluded).
    pub fn ancestors(&self, node: Node) -> impl Iterator<Item = Node> + '_ {
        std::iter::successors(self.parent(node), move |&n| self.parent(n))
    }

    /// The children, by code.
    pub fn children(&self, node: Node) -> impl ExactSizeIterator<Item = Node> + '_ {
        let s = self.child_start.get(node.index()).copied().unwrap_or(0) as usize;
        let e = self.child_start.get(node.index() + 1).copied().unwrap_or(0) as usize;
        self.children
            .get(s..e)
            .unwrap_or(&[])
            .iter()
            .map(|&c| Node(c))
    }

    /// The node and all its descendants, as a range of node positions.
    pub fn subtree_range(&self, node: Node) -> Range<usize> {
        let end = self.subtree_end.get(node.index()).copied().unwrap_or(0) as usize;
        node.index()..end.max(node.index())
    }

    /// The node and all its descendants, in preorder.
    pub fn subtree(
        &self,
        node: Node,
    ) -> impl DoubleEndedIterator<Item = Node> + ExactSizeIterator + use<> {
        let r = self.subtree_range(node);
        (r.start as u32..r.end as u32).map(Node)
    }

    /// Whether `ancestor` is `node` or one of its ancestors (constant time).
    pub fn contains(&self, ancestor: Node, node: Node) -> bool {
        self.subtree_range(ancestor).contains(&node.index())
    }

    /// Units per kind in the subtree of `scope` (the whole snapshot for `None`).
    pub fn count_by_kind(&self, scope: Option<Node>) -> BTreeMap<UnitKind, u32> {
        let mut out = BTreeMap::new();
        for node in self.scope(scope) {
            *out.entry(self.kind(node)).or_insert(0) += 1;
        }
        out
    }

    /// Units per level and bloc in the subtree of `scope` (the whole snapshot for
    /// `None`); units without a bloc are counted under `None`.
    pub fn count_by_level_and_bloc(
        &self,
        scope: Option<Node>,
    ) -> BTreeMap<(Level, Option<Bloc>), u32> {
        let mut out = BTreeMap::new();
        for node in self.scope(scope) {
            *out.entry((self.level(node), self.bloc(node))).or_insert(0) += 1;
        }
        out
    }

    /// The nodes of a scope: a subtree, or everything.
    pub fn scope(
        &self,
        scope: Option<Node>,
    ) -> impl DoubleEndedIterator<Item = Node> + ExactSizeIterator + use<> {
        let r = match scope {
            Some(node) => self.subtree_range(node),
            None => 0..self.units.len(),
        };
        (r.start as u32..r.end as u32).map(Node)
    }

    /// Node of each hierarchy index (`NONE` when the unit does not exist that day).
    pub(crate) fn node_index(&self) -> &[u32] {
        &self.node_of
    }

    /// The hierarchy this snapshot was taken from.
    pub fn hierarchy(&self) -> &'h Hierarchy {
        self.hierarchy
    }
}

fn placeholder_code() -> &'static UnitCode {
    static EMPTY: UnitCode = UnitCode::EMPTY;
    &EMPTY
}
