//! Bringing chronologies in from other tools: TimelineJS 3 JSON.

pub mod timelinejs;
