//! Helpers shared by the integration tests (each test binary uses a part).
#![allow(dead_code)]

pub mod explorer;
pub mod hostile;
pub mod pty;
pub mod search;
