//! The nomination lifecycle: registered → proposed → reviewed → decided here or sent
//! up → (revoked).

use chrono::NaiveDate;

use crate::award::catalogue::TitleCode;
use crate::award::decision::Recipient;
use crate::rules::engine::{Outcome, Verdict};
use crate::value::id::{DecisionId, NominationId, UnitId};

labelled_enum! {
    /// Where a nomination stands.
    pub enum NominationState {
        /// *Đã đăng ký*: registered for the title at the start of the period.
        Registered => ("registered", "đã đăng ký", "registered"),
        /// *Đã đề nghị*: proposed by the unit for review.
        Proposed => ("proposed", "đã đề nghị", "proposed"),
        /// *Đã xét, đạt*: reviewed and found to meet the standards.
        ReviewedMet => ("reviewed_met", "đã xét, đủ tiêu chuẩn", "reviewed: meets the standards"),
        /// *Đã xét, không đạt*: reviewed and found not to meet them.
        ReviewedNotMet => ("reviewed_not_met", "đã xét, không đủ tiêu chuẩn", "reviewed: does not meet the standards"),
        /// *Đã quyết định*: conferred by a decision at this level.
        Decided => ("decided", "đã có quyết định khen thưởng", "decided"),
        /// *Trình cấp trên*: sent to the level above to decide.
        SentUp => ("sent_up", "đã trình cấp trên", "sent to the level above"),
        /// *Đã hủy bỏ*: the decision was revoked.
        Revoked => ("revoked", "đã hủy bỏ", "revoked"),
        /// *Không đề nghị*: withdrawn or not carried forward.
        Closed => ("closed", "đã dừng", "closed"),
    }
}

/// An illegal step in a nomination's life.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NominationError {
    /// The step is not allowed from the current state.
    #[error("nomination {id} cannot go from {from} to {to}")]
    IllegalTransition {
        /// The nomination.
        id: NominationId,
        /// Its state (code).
        from: &'static str,
        /// The state asked for (code).
        to: &'static str,
    },
    /// The step is dated before the previous one.
    #[error("nomination {id}: step to {to} on {date} is before the previous step on {previous}")]
    OutOfOrder {
        /// The nomination.
        id: NominationId,
        /// The state asked for (code).
        to: &'static str,
        /// The step's date.
        date: NaiveDate,
        /// The previous step's date.
        previous: NaiveDate,
    },
    /// A review's verdict is for another title.
    #[error("nomination {id} is for {expected:?}, but the verdict is for {found:?}")]
    WrongVerdict {
        /// The nomination.
        id: NominationId,
        /// The nomination's title.
        expected: String,
        /// The verdict's title.
        found: String,
    },
}

/// One step taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The state reached.
    pub state: NominationState,
    /// The day.
    pub date: NaiveDate,
    /// A note: the verdict's explanation, the decision, the level sent to, the reason.
    pub note: String,
}

/// A candidate's way to a title for a period, step by step; an illegal step is an
/// error and leaves the nomination as it was.
///
/// ```
/// use chrono::NaiveDate;
/// use thidua::{MemberId, Nomination, NominationId, NominationState, Recipient, TitleCode};
///
/// let day = |m, d| NaiveDate::from_ymd_opt(2024, m, d).ok_or("date");
/// let mut n = Nomination::register(
///     NominationId::from_key("n1"),
///     Recipient::Member(MemberId::from_key("gv-001")),
///     TitleCode::try_new("ldtt")?,
///     day(9, 15)?,
/// );
/// n.propose(day(5, 20)?).unwrap_err(); // before registration
/// n.propose(day(12, 20)?)?;
/// assert_eq!(n.state(), NominationState::Proposed);
/// assert!(n.decide(day(12, 30)?, thidua::DecisionId::from_key("qd-1")).is_err()); // not reviewed
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nomination {
    id: NominationId,
    candidate: Recipient,
    title: TitleCode,
    steps: Vec<Step>,
}

impl Nomination {
    /// Starts at registration.
    pub fn register(
        id: NominationId,
        candidate: Recipient,
        title: TitleCode,
        date: NaiveDate,
    ) -> Self {
        Self::start(id, candidate, title, date, NominationState::Registered)
    }

    /// Starts at a proposal, without registration (the 2022 law requires none).
    pub fn propose_new(
        id: NominationId,
        candidate: Recipient,
        title: TitleCode,
        date: NaiveDate,
    ) -> Self {
        Self::start(id, candidate, title, date, NominationState::Proposed)
    }

    fn start(
        id: NominationId,
        candidate: Recipient,
        title: TitleCode,
        date: NaiveDate,
        state: NominationState,
    ) -> Self {
        Self {
            id,
            candidate,
            title,
            steps: vec![Step {
                state,
                date,
                note: String::new(),
            }],
        }
    }

    /// The current state.
    pub fn state(&self) -> NominationState {
        self.steps
            .last()
            .map_or(NominationState::Registered, |s| s.state)
    }

    /// Every step, oldest first.
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// The candidate.
    pub fn candidate(&self) -> Recipient {
        self.candidate
    }

    /// The title.
    pub fn title(&self) -> &TitleCode {
        &self.title
    }

    fn step(
        &mut self,
        to: NominationState,
        date: NaiveDate,
        note: String,
    ) -> Result<(), NominationError> {
        use NominationState::*;
        let from = self.state();
        let allowed = matches!(
            (from, to),
            (Registered, Proposed)
                | (Registered, Closed)
                | (Proposed, ReviewedMet)
                | (Proposed, ReviewedNotMet)
                | (Proposed, Closed)
                | (ReviewedMet, Decided)
                | (ReviewedMet, SentUp)
                | (ReviewedMet, Closed)
                | (ReviewedNotMet, Closed)
                | (SentUp, Decided)
                | (SentUp, Closed)
                | (Decided, Revoked)
        );
        if !allowed {
            return Err(NominationError::IllegalTransition {
                id: self.id,
                from: from.code(),
                to: to.code(),
            });
        }
        if let Some(prev) = self.steps.last().map(|s| s.date).filter(|p| date < *p) {
            return Err(NominationError::OutOfOrder {
                id: self.id,
                to: to.code(),
                date,
                previous: prev,
            });
        }
        self.steps.push(Step {
            state: to,
            date,
            note,
        });
        Ok(())
    }

    /// The unit proposes the registered candidate.
    ///
    /// # Errors
    /// [`NominationError`] when not registered or dated before the last step.
    pub fn propose(&mut self, date: NaiveDate) -> Result<(), NominationError> {
        self.step(NominationState::Proposed, date, String::new())
    }

    /// Records the review's verdict: eligible means met; ineligible or undetermined
    /// means not met (an undetermined verdict cannot carry a nomination forward).
    ///
    /// # Errors
    /// [`NominationError`] when not proposed, out of order, or the verdict is for
    /// another title.
    pub fn review(&mut self, date: NaiveDate, verdict: &Verdict) -> Result<(), NominationError> {
        if verdict.title() != &self.title {
            return Err(NominationError::WrongVerdict {
                id: self.id,
                expected: self.title.to_string(),
                found: verdict.title().to_string(),
            });
        }
        let to = if verdict.outcome() == Outcome::Eligible {
            NominationState::ReviewedMet
        } else {
            NominationState::ReviewedNotMet
        };
        self.step(to, date, verdict.explain_vi())
    }

    /// Conferred by a decision at this level (or by the level it was sent to).
    ///
    /// # Errors
    /// [`NominationError`] unless reviewed as met or sent up.
    pub fn decide(&mut self, date: NaiveDate, decision: DecisionId) -> Result<(), NominationError> {
        self.step(NominationState::Decided, date, decision.to_string())
    }

    /// Sent to the level above to decide.
    ///
    /// # Errors
    /// [`NominationError`] unless reviewed as met.
    pub fn send_up(&mut self, date: NaiveDate, to: UnitId) -> Result<(), NominationError> {
        self.step(NominationState::SentUp, date, to.to_string())
    }

    /// The decision was revoked.
    ///
    /// # Errors
    /// [`NominationError`] unless decided.
    pub fn revoke(&mut self, date: NaiveDate, reason: &str) -> Result<(), NominationError> {
        self.step(NominationState::Revoked, date, reason.to_owned())
    }

    /// Withdrawn or not carried forward.
    ///
    /// # Errors
    /// [`NominationError`] once decided, revoked or closed.
    pub fn close(&mut self, date: NaiveDate, reason: &str) -> Result<(), NominationError> {
        self.step(NominationState::Closed, date, reason.to_owned())
    }
}
