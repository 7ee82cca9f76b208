//! Queries on the checked campaigns: the campaign tree, launch coverage,
//! registrations, contest results and students' results.

use std::collections::HashMap;
use std::ops::Range;

use chrono::NaiveDate;

use crate::award::catalogue::TitleCode;
use crate::campaign::build::Campaigns;
use crate::campaign::contest::{Contest, ContestResult, StudentResults};
use crate::campaign::record::{Campaign, Launch, Participant, Registration};
use crate::diagnostic::Diagnostics;
use crate::initiative::book::Initiatives;
use crate::initiative::period_within;
use crate::org::hierarchy::NONE;
use crate::org::kind::{Bloc, Level};
use crate::org::snapshot::{Node, Snapshot};
use crate::value::id::{CampaignId, ContestId, UnitId};
use crate::value::period::Period;
use crate::value::ratio::Ratio;

/// How many of a campaign's target grassroots unions in an area had launched it by a
/// day (see [`Campaigns::coverage`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Coverage {
    launched: u64,
    targeted: u64,
    not_launched: Vec<Node>,
}

impl Coverage {
    /// Target units that had launched the campaign.
    pub fn launched(&self) -> u64 {
        self.launched
    }

    /// Target units in the area.
    pub fn targeted(&self) -> u64 {
        self.targeted
    }

    /// Launched out of targeted, exact (`32/35`); `None` when nothing is targeted.
    pub fn ratio(&self) -> Option<Ratio> {
        Ratio::new(self.launched, self.targeted).ok()
    }

    /// The target units that had not launched it, in snapshot order.
    pub fn not_launched(&self) -> &[Node] {
        &self.not_launched
    }
}

/// A prize credited to a unit: the contest, the line of results and the unit (see
/// [`Campaigns::unit_contest_results`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrizeWon<'a> {
    contest: &'a Contest,
    result: &'a ContestResult,
    unit: UnitId,
}

impl<'a> PrizeWon<'a> {
    /// The contest.
    pub fn contest(&self) -> &'a Contest {
        self.contest
    }

    /// The line of results.
    pub fn result(&self) -> &'a ContestResult {
        self.result
    }

    /// The unit credited: the winner's unit on the day of the contest, the winning
    /// unit, or the unit a counted line names.
    pub fn unit(&self) -> UnitId {
        self.unit
    }
}

/// Coverage of a campaign targeting the subtrees of `roots` (grassroots unions of
/// `blocs`, all when empty) in the area of `scope`, by the snapshot's day.
pub(crate) fn coverage_of(
    snapshot: &Snapshot<'_>,
    scope: Node,
    roots: &[UnitId],
    blocs: &[Bloc],
    launched: &HashMap<UnitId, NaiveDate>,
) -> Coverage {
    let mut ranges: Vec<Range<usize>> = roots
        .iter()
        .filter_map(|&r| snapshot.node(r))
        .map(|n| snapshot.subtree_range(n))
        .collect();
    ranges.sort_by_key(|r| r.start);
    let day = snapshot.date();
    let mut coverage = Coverage::default();
    for node in snapshot.subtree(scope) {
        let i = node.index();
        if !ranges.iter().any(|r| r.contains(&i)) || snapshot.level(node) != Level::Grassroots {
            continue;
        }
        if !blocs.is_empty() && !snapshot.bloc(node).is_some_and(|b| blocs.contains(&b)) {
            continue;
        }
        coverage.targeted += 1;
        if launched.get(&snapshot.id(node)).is_some_and(|&d| d <= day) {
            coverage.launched += 1;
        } else {
            coverage.not_launched.push(node);
        }
    }
    coverage
}

/// Whether `unit` exists in the snapshot within the subtree of `scope`.
fn in_scope(snapshot: &Snapshot<'_>, scope: Node, unit: Option<UnitId>) -> bool {
    unit.and_then(|u| snapshot.node(u))
        .is_some_and(|n| snapshot.contains(scope, n))
}

impl Campaigns {
    /// Warnings found while building (the build fails on errors), initiatives'
    /// included.
    pub fn warnings(&self) -> &Diagnostics {
        &self.warnings
    }

    /// The campaigns, in the order given.
    pub fn campaigns(&self) -> &[Campaign] {
        &self.campaigns
    }

    /// The campaign with this id.
    pub fn campaign(&self, id: CampaignId) -> Option<&Campaign> {
        let i = self.index.get(&id)?;
        self.campaigns.get(*i as usize)
    }

    fn parent_index(&self, i: usize) -> Option<usize> {
        self.parents
            .get(i)
            .copied()
            .filter(|&p| p != NONE)
            .map(|p| p as usize)
    }

    /// The campaign this one belongs under (a city movement for a district one).
    pub fn parent(&self, id: CampaignId) -> Option<&Campaign> {
        let i = *self.index.get(&id)? as usize;
        self.campaigns.get(self.parent_index(i)?)
    }

    /// The campaigns above this one, nearest first.
    pub fn ancestors(&self, id: CampaignId) -> impl Iterator<Item = &Campaign> + '_ {
        let start = self.index.get(&id).map(|&i| i as usize);
        std::iter::successors(start.and_then(|i| self.parent_index(i)), |&i| {
            self.parent_index(i)
        })
        .take(self.campaigns.len())
        .filter_map(|i| self.campaigns.get(i))
    }

    /// The campaigns directly under this one, in the order given.
    pub fn children(&self, id: CampaignId) -> impl Iterator<Item = &Campaign> + '_ {
        let parent = self.index.get(&id).copied();
        self.campaigns
            .iter()
            .zip(&self.parents)
            .filter(move |(_, p)| parent == Some(**p))
            .map(|(c, _)| c)
    }

    /// The launch records, in the order given.
    pub fn launches(&self) -> &[Launch] {
        &self.launches
    }

    /// The day `unit` first launched `campaign`, if it did.
    pub fn launch_date(&self, campaign: CampaignId, unit: UnitId) -> Option<NaiveDate> {
        let i = *self.index.get(&campaign)? as usize;
        self.launched.get(i)?.get(&unit).copied()
    }

    /// How many of the campaign's target grassroots unions in the area of `scope`
    /// had launched it by the snapshot's day ("100% CĐCS", "trên 90% CĐCS phát
    /// động"), counted from the launch records: targets are the grassroots unions
    /// existing that day in the target subtrees (and blocs); launches dated after the
    /// day do not count. `None` for an unknown campaign.
    pub fn coverage(
        &self,
        campaign: CampaignId,
        snapshot: &Snapshot<'_>,
        scope: Node,
    ) -> Option<Coverage> {
        let i = *self.index.get(&campaign)? as usize;
        let c = self.campaigns.get(i)?;
        Some(coverage_of(
            snapshot,
            scope,
            self.roots.get(i)?,
            c.target().blocs(),
            self.launched.get(i)?,
        ))
    }

    /// The registrations, in the order given.
    pub fn registrations(&self) -> &[Registration] {
        &self.registrations
    }

    /// Every registration of a member or unit, in the order given.
    fn registrations_by(
        &self,
        registrant: Participant,
    ) -> impl Iterator<Item = &Registration> + '_ {
        self.by_registrant
            .get(&registrant)
            .map(Vec::as_slice)
            .unwrap_or(&[])
            .iter()
            .filter_map(|&i| self.registrations.get(i as usize))
    }

    /// A member's or unit's registrations for periods within `period`, in the order
    /// given.
    pub fn registrations_of(
        &self,
        registrant: Participant,
        period: Period,
    ) -> impl Iterator<Item = &Registration> + '_ {
        self.registrations_by(registrant)
            .filter(move |r| period_within(&r.period(), &period))
    }

    /// Whether a member or unit registered for `title` for exactly `period` (the
    /// same days, by default spans), however late — lateness is a warning of the
    /// build, not a reason to forget the registration.
    ///
    /// Whether registering is required for a title is a rule parameter (Law
    /// 06/2022/QH15 dropped it as a legal precondition; many units keep it): this
    /// query only answers the fact.
    pub fn is_registered(
        &self,
        registrant: Participant,
        title: &TitleCode,
        period: Period,
    ) -> bool {
        let span = period.default_span();
        self.registrations_by(registrant)
            .any(|r| r.title() == title && r.period().default_span() == span)
    }

    /// Registrations for periods within `period` by the units in the area of `scope`
    /// and their members — each registrant counted where it belonged on the day it
    /// registered, if that unit exists in the snapshot — in the order given.
    pub fn unit_registrations(
        &self,
        snapshot: &Snapshot<'_>,
        scope: Node,
        period: Period,
    ) -> Vec<&Registration> {
        self.registrations
            .iter()
            .zip(&self.registration_units)
            .filter(|(r, u)| period_within(&r.period(), &period) && in_scope(snapshot, scope, **u))
            .map(|(r, _)| r)
            .collect()
    }

    /// The contests, in the order given.
    pub fn contests(&self) -> &[Contest] {
        &self.contests
    }

    /// The contest with this id.
    pub fn contest(&self, id: ContestId) -> Option<&Contest> {
        let i = self.contest_index.get(&id)?;
        self.contests.get(*i as usize)
    }

    /// Prizes credited to the units in the area of `scope`, in contests held in
    /// periods within `period`: named winners by their unit on the day of the
    /// contest, counted lines by the unit they name (lines naming none are credited
    /// to no unit). In the order given.
    pub fn unit_contest_results(
        &self,
        snapshot: &Snapshot<'_>,
        scope: Node,
        period: Period,
    ) -> Vec<PrizeWon<'_>> {
        let mut out = Vec::new();
        for (contest, units) in self.contests.iter().zip(&self.result_units) {
            if !period_within(&contest.period(), &period) {
                continue;
            }
            for (result, &unit) in contest.results().iter().zip(units) {
                if let Some(unit) = unit
                    && in_scope(snapshot, scope, Some(unit))
                {
                    out.push(PrizeWon {
                        contest,
                        result,
                        unit,
                    });
                }
            }
        }
        out
    }

    /// Students' results as units reported them, in the order given.
    pub fn student_results(&self) -> &[StudentResults] {
        &self.student_results
    }

    /// The students' results `unit` reported for periods within `period`.
    pub fn student_results_of(
        &self,
        unit: UnitId,
        period: Period,
    ) -> impl Iterator<Item = &StudentResults> + '_ {
        self.student_results
            .iter()
            .filter(move |r| r.unit() == unit && period_within(&r.period(), &period))
    }

    /// The initiatives and reported funnel figures.
    pub fn initiatives(&self) -> &Initiatives {
        &self.initiatives
    }
}
