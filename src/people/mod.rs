//! People: members (*đoàn viên*), their memberships in units over time, and the
//! workforce (*CNVCLĐ*) each unit reports.

pub(crate) mod member;
pub(crate) mod roster;
