//! Roll-ups: figures defined once and summed up the hierarchy on a day, exactly.

pub(crate) mod accumulate;
pub(crate) mod columnar;
pub(crate) mod metric;
pub(crate) mod rollup;
