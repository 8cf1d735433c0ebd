//! `:` goto: a date lands on the first event that starts within it (or the
//! next one after it) and names the long intervals that also cover it; an
//! id lands on its event, a mistyped id gets "did you mean".

use super::App;
use crate::date::{Edge, EventDate};
use crate::store::Event;
use crate::tui::suggest;
use crate::tui::text::safe;

/// Intervals named in the status line after a date goto, at most.
const COVERING_NAMED: usize = 2;

impl App {
    /// `:` — a date or an event id.
    pub(crate) fn goto(&mut self, input: &str) {
        if input.is_empty() {
            return;
        }
        if let Some(i) = self.store.index_of(input) {
            self.jump(i);
        } else if let Ok(date) = EventDate::parse(input) {
            self.goto_date(input, &date);
        } else {
            let close = suggest::close_ids(&self.store, input);
            self.message = Some(if close.is_empty() {
                format!(
                    "`{}` is neither a date (EDTF: 2014, 2014-03, 2014-03-22) nor an event id",
                    safe(input)
                )
            } else {
                format!(
                    "no event `{}`: did you mean {}?",
                    safe(input),
                    suggest::listed(&close)
                )
            });
        }
    }

    fn goto_date(&mut self, input: &str, date: &EventDate) {
        let (from, to) = (date.earliest(), date.latest());
        let store = std::sync::Arc::clone(&self.store);
        let events = &store.events;
        // Events are in order of their start: the first starting at or after
        // `from` starts within the date or is the next one after it.
        let first = events.partition_point(|e| e.date.earliest() < from);
        let covering = covering(&events[..first], from, to);
        let Some(e) = events.get(first) else {
            self.jump(events.len().saturating_sub(1));
            self.message = Some(format!(
                "no event starts in {} or later; showing the last one",
                safe(input)
            ));
            return;
        };
        let inside = e.date.earliest() <= to;
        self.jump(first);
        let mut said = Vec::new();
        if !inside {
            said.push(format!(
                "no event starts in {}; showing the next one",
                safe(input)
            ));
        }
        if !covering.is_empty() {
            said.push(covering_words(input, &covering));
        }
        if !said.is_empty() {
            self.message = Some(said.join(" · "));
        }
    }
}

/// The events that started before `from` and are still running at some
/// point of `from..=to`, latest start first.
fn covering(before: &[Event], from: Edge, to: Edge) -> Vec<&Event> {
    before
        .iter()
        .rev()
        .filter(|e| e.date.overlaps(from, to))
        .take(COVERING_NAMED + 1)
        .collect()
}

/// "also covering 2014-03: 2012-12-26…2014-03-22 Tokyo's relations… (+1 more)".
fn covering_words(input: &str, covering: &[&Event]) -> String {
    let named: Vec<String> = covering
        .iter()
        .take(COVERING_NAMED)
        .map(|e| format!("{} {}", e.date.compact(), safe(&e.title)))
        .collect();
    let more = if covering.len() > COVERING_NAMED {
        " (and more)"
    } else {
        ""
    };
    format!("also covering {}: {}{more}", safe(input), named.join("; "))
}
