//! Value types every other module uses: ids, money, periods, Vietnamese text, exact
//! ratios and vi-VN number formatting, reported figures with their qualifiers.

pub(crate) mod format;
pub(crate) mod hash;
pub(crate) mod id;
pub(crate) mod money;
pub(crate) mod period;
pub(crate) mod ratio;
pub(crate) mod reported;
pub(crate) mod text;
