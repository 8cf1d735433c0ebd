//! Bringing chronologies in from other tools: TimelineJS 3 JSON. Importers
//! build [`crate::model`] values and write them with [`crate::model::to_yaml`].

mod dates;
mod html;
mod ids;
mod slide;
pub mod timelinejs;

pub use html::{paragraphs as html_paragraphs, to_text as html_to_text};
pub use ids::slug;
