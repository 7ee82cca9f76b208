//! Value types every other module uses: ids, money, periods, Vietnamese text, exact
//! ratios and vi-VN number formatting, reported figures with their qualifiers.

pub(crate) mod id;
