//! The sponsorship and support ledger (*đỡ đầu*, *hỗ trợ*, *chăm lo*, *kết nghĩa*),
//! with privacy for minors.
//!
//! - [`Sponsorship`]: commitments between sponsors (members, or a unit as a whole)
//!   and beneficiaries, many to many, over a period, fulfilled by [`Entry`]s of money,
//!   goods in kind ([`Item`]) and services; planned against fulfilled with
//!   [`Sponsorship::progress`].
//! - [`SupportRecord`]: support programmes (*Mái ấm Công đoàn*, COVID-19 support
//!   under a decision, Tết gifts, welfare agreements, "Tiếp sức đến trường") with
//!   figures as reports state them and a breakdown that must fit inside the whole.
//! - [`Twinning`]: schools twinned across districts, with exchange activities, and
//!   the rule "every school is twinned with one of another district".
//! - [`Beneficiary`]: a pseudonymous id; identifying details are
//!   [`ProtectedDetails`], redacted from `Debug`, absent from every `Display`, public
//!   export and total, and reached only through [`Beneficiary::reveal_protected`].
//! - [`Ledger`] holds them all: [`Ledger::validate`] reports every problem with its
//!   path; totals for a scope ([`LedgerScope`]) attribute entries to the sponsor's
//!   unit on the day and count people once per scope; published totals suppress
//!   small counts ([`SuppressionThreshold`]), and whatever would let a reader work
//!   a small count out by subtraction ([`SuppressionTable`]).
//!
//! [`Sponsorship`]: crate::Sponsorship
//! [`Entry`]: crate::Entry
//! [`Item`]: crate::Item
//! [`Sponsorship::progress`]: crate::Sponsorship::progress
//! [`SupportRecord`]: crate::SupportRecord
//! [`Twinning`]: crate::Twinning
//! [`Beneficiary`]: crate::Beneficiary
//! [`ProtectedDetails`]: crate::ProtectedDetails
//! [`Beneficiary::reveal_protected`]: crate::Beneficiary::reveal_protected
//! [`Ledger`]: crate::Ledger
//! [`Ledger::validate`]: crate::Ledger::validate
//! [`LedgerScope`]: crate::LedgerScope
//! [`SuppressionThreshold`]: crate::SuppressionThreshold
//! [`SuppressionTable`]: crate::SuppressionTable

pub(crate) mod beneficiary;
pub(crate) mod item;
pub(crate) mod label;
pub(crate) mod ledger;
pub(crate) mod plan;
pub(crate) mod publish;
pub(crate) mod record;
pub(crate) mod sponsorship;
pub(crate) mod totals;
pub(crate) mod twinning;
