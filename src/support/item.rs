//! Contributions in kind (*hiện vật*): an item, a quantity, a unit of measure and,
//! when known, what it was worth and how that was determined.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::value::format::{Lang, format_integer};
use crate::value::money::Vnd;
use crate::value::text::Label;

labelled_enum! {
    /// How the value of an in-kind contribution was determined (*cách xác định giá
    /// trị*).
    pub enum ValuationBasis {
        /// From an invoice or receipt (*theo hóa đơn, chứng từ*).
        Invoice => ("invoice", "theo hóa đơn", "invoice"),
        /// At the market price (*theo giá thị trường*).
        MarketPrice => ("market_price", "theo giá thị trường", "market price"),
        /// As the donor estimated it (*theo ước tính của người tặng*).
        DonorEstimate => ("donor_estimate", "theo ước tính của người tặng", "donor's estimate"),
        /// Some other way, to be explained in the records.
        Other => ("other", "cách khác", "other"),
    }
}

/// What an in-kind contribution was worth: the value of the whole quantity, in
/// đồng, and how it was determined. Serialised as
/// `{"amount": 4950000, "basis": "invoice"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Valuation {
    amount: Vnd,
    basis: ValuationBasis,
}

impl Valuation {
    /// The value `amount` of the whole quantity, determined by `basis`.
    pub fn new(amount: Vnd, basis: ValuationBasis) -> Self {
        Self { amount, basis }
    }

    /// The value of the whole quantity.
    pub fn amount(&self) -> Vnd {
        self.amount
    }

    /// How it was determined.
    pub fn basis(&self) -> ValuationBasis {
        self.basis
    }
}

/// Goods given in kind: "33 bộ sách giáo khoa", "6 chiếc điện thoại thông minh".
///
/// The label names the item (`sách giáo khoa`), the unit of measure how it is
/// counted (`bộ`, `chiếc`). Totals add quantities of the same label and unit. An
/// item without a [`Valuation`] makes a money total a lower bound ("trên").
///
/// ```
/// use thidua::{Item, Label, Valuation, ValuationBasis, Vnd};
///
/// let books = Item::new(Label::try_new("sách giáo khoa")?, 33, Label::try_new("bộ")?)
///     .with_valuation(Valuation::new(Vnd::from_dong(4_950_000), ValuationBasis::Invoice));
/// assert_eq!(books.to_string(), "33 bộ sách giáo khoa");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Item {
    label: Label,
    quantity: u64,
    unit: Label,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    valuation: Option<Valuation>,
}

impl Item {
    /// `quantity` of `label`, counted in `unit`, not valued.
    pub fn new(label: Label, quantity: u64, unit: Label) -> Self {
        Self {
            label,
            quantity,
            unit,
            valuation: None,
        }
    }

    /// Sets what the whole quantity was worth.
    #[must_use]
    pub fn with_valuation(mut self, valuation: Valuation) -> Self {
        self.valuation = Some(valuation);
        self
    }

    /// What is given.
    pub fn label(&self) -> &Label {
        &self.label
    }

    /// How many.
    pub fn quantity(&self) -> u64 {
        self.quantity
    }

    /// The unit of measure.
    pub fn unit(&self) -> &Label {
        &self.unit
    }

    /// What the whole quantity was worth, if known.
    pub fn valuation(&self) -> Option<Valuation> {
        self.valuation
    }

    /// `33 bộ sách giáo khoa` (English `33 bộ of sách giáo khoa`).
    pub fn to_string_in(&self, lang: Lang) -> String {
        quantity_string(self.quantity, &self.unit, &self.label, lang)
    }
}

impl std::fmt::Display for Item {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_string_in(Lang::Vi))
    }
}

fn quantity_string(quantity: u64, unit: &Label, label: &Label, lang: Lang) -> String {
    let n = format_integer(i128::from(quantity), lang);
    match lang {
        Lang::Vi => format!("{n} {unit} {label}"),
        Lang::En => format!("{n} {unit} of {label}"),
    }
}

/// The total quantity of one item, counted in one unit, in a total or a plan.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ItemTotal {
    label: Label,
    unit: Label,
    quantity: u64,
}

impl ItemTotal {
    /// What is counted.
    pub fn label(&self) -> &Label {
        &self.label
    }

    /// The unit of measure.
    pub fn unit(&self) -> &Label {
        &self.unit
    }

    /// The total quantity.
    pub fn quantity(&self) -> u64 {
        self.quantity
    }

    /// `33 bộ sách giáo khoa`.
    pub fn to_string_in(&self, lang: Lang) -> String {
        quantity_string(self.quantity, &self.unit, &self.label, lang)
    }
}

impl std::fmt::Display for ItemTotal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_string_in(Lang::Vi))
    }
}

/// Quantities per label and unit, in the order items are first seen. Adding is
/// checked: a total past `u64::MAX` stays there and is reported as overflowed.
#[derive(Debug, Clone, Default)]
pub(crate) struct ItemTally {
    totals: Vec<ItemTotal>,
    index: HashMap<(Label, Label), usize>,
    overflowed: Option<ItemTotal>,
}

impl ItemTally {
    pub(crate) fn add(&mut self, label: &Label, unit: &Label, quantity: u64) {
        let key = (label.clone(), unit.clone());
        let slot = match self.index.get(&key) {
            Some(&i) => self.totals.get_mut(i),
            None => {
                self.index.insert(key, self.totals.len());
                self.totals.push(ItemTotal {
                    label: label.clone(),
                    unit: unit.clone(),
                    quantity: 0,
                });
                self.totals.last_mut()
            }
        };
        if let Some(total) = slot {
            match total.quantity.checked_add(quantity) {
                Some(q) => total.quantity = q,
                None => {
                    total.quantity = u64::MAX;
                    if self.overflowed.is_none() {
                        self.overflowed = Some(total.clone());
                    }
                }
            }
        }
    }

    pub(crate) fn quantity(&self, label: &Label, unit: &Label) -> Option<u64> {
        let i = self.index.get(&(label.clone(), unit.clone()))?;
        self.totals.get(*i).map(ItemTotal::quantity)
    }

    /// The first item whose quantities added up beyond `u64::MAX`, if any, as a
    /// message.
    pub(crate) fn overflow_message(&self) -> Option<String> {
        self.overflowed.as_ref().map(|t| {
            format!(
                "quantities of {:?} ({}) add up beyond {}",
                t.label.as_str(),
                t.unit,
                format_integer(i128::from(u64::MAX), Lang::Vi)
            )
        })
    }

    pub(crate) fn into_totals(self) -> Vec<ItemTotal> {
        self.totals
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(s: &str) -> Label {
        Label::try_new(s).unwrap()
    }

    #[test]
    fn items_display_and_round_trip() {
        let phones = Item::new(l("điện thoại thông minh"), 6, l("chiếc"));
        assert_eq!(phones.to_string(), "6 chiếc điện thoại thông minh");
        assert_eq!(
            phones.to_string_in(Lang::En),
            "6 chiếc of điện thoại thông minh"
        );
        let valued = phones.clone().with_valuation(Valuation::new(
            Vnd::from_dong(12_000_000),
            ValuationBasis::MarketPrice,
        ));
        let json = serde_json::to_string(&valued).unwrap();
        insta::assert_snapshot!(json, @r#"{"label":"điện thoại thông minh","quantity":6,"unit":"chiếc","valuation":{"amount":12000000,"basis":"market_price"}}"#);
        assert_eq!(serde_json::from_str::<Item>(&json).unwrap(), valued);
        assert_eq!(
            valued.valuation().unwrap().basis(),
            ValuationBasis::MarketPrice
        );
        assert_eq!(
            ValuationBasis::DonorEstimate.label_vi(),
            "theo ước tính của người tặng"
        );
        assert!(serde_json::from_str::<Item>(r#"{"label":"x","quantity":-1,"unit":"y"}"#).is_err());
    }

    #[test]
    fn tally_adds_by_label_and_unit_and_reports_overflow() {
        let mut t = ItemTally::default();
        t.add(&l("sách giáo khoa"), &l("bộ"), 30);
        t.add(&l("máy tính cầm tay"), &l("chiếc"), 10);
        t.add(&l("sách giáo khoa"), &l("bộ"), 3);
        t.add(&l("sách giáo khoa"), &l("quyển"), 2);
        assert_eq!(t.quantity(&l("sách giáo khoa"), &l("bộ")), Some(33));
        assert_eq!(t.overflow_message(), None);
        t.add(&l("máy tính cầm tay"), &l("chiếc"), u64::MAX);
        insta::assert_snapshot!(t.overflow_message().unwrap(), @r#"quantities of "máy tính cầm tay" (chiếc) add up beyond 18.446.744.073.709.551.615"#);
        let shown: Vec<String> = t.into_totals().iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "33 bộ sách giáo khoa",
                "18.446.744.073.709.551.615 chiếc máy tính cầm tay",
                "2 quyển sách giáo khoa"
            ]
        );
    }
}
