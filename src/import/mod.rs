//! Bringing chronologies in from other tools: TimelineJS 3 JSON.

mod dates;
mod html;
pub mod timelinejs;

pub use html::to_text as html_to_text;
