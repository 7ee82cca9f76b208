//! Spreadsheets: the templates union officers fill in (*danh sách đoàn viên*, *danh
//! sách đơn vị*, *đăng ký thi đua*, *xếp loại*, *sáng kiến*, *hỗ trợ*), read into
//! dataset records with every rejected cell reported, and written back.
//!
//! A [`Sheet`] is a grid of [`Cell`]s, read from CSV (feature `csv`) or XLSX
//! (feature `xlsx`) or built in code; an [`Importer`] reads it in a [`Template`]
//! and returns an [`Import`] (the records, the diagnostics, the row counts);
//! [`export_sheet`] writes records back in the same template. The templates are
//! documented in [`Template::markdown`], kept as `docs/TEMPLATES.md`.

pub(crate) mod cells;
pub(crate) mod export;
pub(crate) mod grid;
pub(crate) mod import;
pub(crate) mod template;
#[cfg(feature = "xlsx")]
pub(crate) mod xlsx;
