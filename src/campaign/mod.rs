//! Campaigns (*phong trào thi đua*, *cuộc vận động*, *giải thưởng*): who launches
//! them for whom and when, which units launched them, registrations for titles
//! (*đăng ký thi đua*), contests (*hội thi*) and their prizes, and students' results
//! units report — checked together with the initiatives into [`Campaigns`].
//!
//! [`Campaigns`]: crate::Campaigns

pub(crate) mod build;
pub(crate) mod code;
pub(crate) mod contest;
pub(crate) mod query;
pub(crate) mod record;
