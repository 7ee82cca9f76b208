//! The `thidua` command-line tool.
fn main() {}
