//! Helpers shared by the integration tests (each test binary uses a part).
#![allow(dead_code)]

pub mod hostile;
pub mod pty;
