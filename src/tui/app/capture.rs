//! Capture in the source reader: the sentence under the cursor becomes an
//! excerpt of the selected event, or a new event drafted with the date of
//! the expression under the cursor, the verbatim sentence and the source.
//! The store file is edited as text through [`crate::edit`] (atomically,
//! every other byte kept), then reloaded and checked in the background;
//! `u` puts the previous bytes back.

use super::{App, Effect, Mode, ReaderState};
use crate::edit::{self, NewExcerpt, Undo};
use crate::quote::{self, Miss};
use crate::store::Origin;
use crate::tui::action::Action;

/// The built-in store cannot be edited: how to get a copy that can (fits 80 columns).
pub const READ_ONLY: &str =
    "built-in store is read-only; make a working copy: chronoscope init DIR";

/// The last capture, to undo.
#[derive(Debug, Clone)]
pub struct Captured {
    /// The file's bytes before and after.
    pub undo: Undo,
    /// What was written, in words.
    pub what: String,
}

/// What a capture writes.
enum Target {
    /// An excerpt of the event with this id.
    Excerpt(String),
    /// A new event.
    NewEvent,
}

impl App {
    /// `c` in the reader: opens the chooser, or says why nothing can be captured.
    pub(crate) fn start_capture(&mut self, mut r: ReaderState) -> Option<Effect> {
        match self.capture_quote(&r) {
            Ok(_) => r.choosing = true,
            Err(why) => self.message = Some(why),
        }
        self.mode = Mode::Reader(r);
        None
    }

    /// Keys in the capture chooser.
    pub(crate) fn update_capture(&mut self, mut r: ReaderState, action: Action) -> Option<Effect> {
        r.choosing = false;
        let target = match action {
            Action::CaptureExcerpt => match self.selected_id() {
                Some(id) => Target::Excerpt(id.to_string()),
                None => {
                    self.message = Some("no event is selected to add an excerpt to".into());
                    self.mode = Mode::Reader(r);
                    return None;
                }
            },
            Action::CaptureEvent => Target::NewEvent,
            _ => {
                self.mode = Mode::Reader(r);
                return None;
            }
        };
        let outcome = self.capture(&r, target);
        self.mode = Mode::Reader(r);
        match outcome {
            Ok(effect) => Some(effect),
            Err(why) => {
                self.message = Some(why);
                None
            }
        }
    }

    /// The verbatim sentence under the cursor, or why it cannot be captured.
    pub(crate) fn capture_quote(&self, r: &ReaderState) -> Result<String, String> {
        if matches!(self.store.origin, Origin::Embedded) {
            return Err(READ_ONLY.into());
        }
        let Some((_, range)) = r.sentence() else {
            return Err("this source has no sentence to capture".into());
        };
        let text = &r.text.text;
        let quote = text[range.clone()].to_string();
        match quote::locate(text, &r.text.normalized, &quote, None, None) {
            Ok(found) if found == range => Ok(quote),
            Ok(_) | Err(Miss::NotFound | Miss::Empty) => Err(
                "capture refused: the sentence would not be found verbatim in its source".into(),
            ),
            Err(Miss::Ambiguous(hits)) => Err(format!(
                "capture refused: this sentence occurs {} times in the source, so the quote would not be unique",
                hits.len()
            )),
        }
    }

    /// Writes the capture into the store file; the effect reloads it.
    fn capture(&mut self, r: &ReaderState, target: Target) -> Result<Effect, String> {
        let quote = self.capture_quote(r)?;
        let Origin::File(path) = self.store.origin.clone() else {
            return Err(READ_ONLY.into());
        };
        let source = r.source.clone();
        let file = path.file_name().map_or_else(
            || path.display().to_string(),
            |f| f.to_string_lossy().into(),
        );
        let (undo, what, select) = match target {
            Target::Excerpt(id) => {
                let already = r.passages.iter().any(|(ei, _, p)| {
                    self.store.events[*ei].id == id && r.sentence().is_some_and(|(_, s)| s == *p)
                });
                if already {
                    return Err(format!(
                        "`{id}` already cites this sentence; nothing was written"
                    ));
                }
                let x = NewExcerpt { source, quote };
                let undo = edit::apply(&path, |y| edit::add_excerpt(y, &id, &x))
                    .map_err(|e| e.to_string())?;
                (undo, format!("captured an excerpt of `{id}` in {file}"), id)
            }
            Target::NewEvent => {
                let date = match r.expression().map(|e| &e.date) {
                    Some(Ok(d)) => d.edtf().to_string(),
                    Some(Err(why)) => {
                        return Err(format!(
                            "no new event: the date here is unresolved ({why}); capture as excerpt (e)"
                        ));
                    }
                    None => {
                        return Err(
                            "no new event: this sentence states no date; capture as excerpt (e)"
                                .into(),
                        );
                    }
                };
                let mut drafted = None;
                let undo = edit::apply(&path, |y| {
                    let e = edit::draft_event(y, &quote, &date, &source);
                    let out = edit::add_event(y, &e);
                    drafted = Some(e.id);
                    out
                })
                .map_err(|e| e.to_string())?;
                let id = drafted.unwrap_or_default();
                (
                    undo,
                    format!("captured new event `{id}` ({date}) in {file}"),
                    id,
                )
            }
        };
        self.capture_note = Some(what.clone());
        self.message = Some(format!("{what} · reloading…"));
        self.after_reload = Some(select);
        self.captured = Some(Captured { undo, what });
        Ok(Effect::Reload)
    }

    /// `u`: puts the store file back as it was before the last capture.
    pub(crate) fn undo_capture(&mut self) -> Option<Effect> {
        let Some(c) = self.captured.take() else {
            self.message = Some("nothing to undo: no capture made in this session".into());
            return None;
        };
        match c.undo.restore_if_unchanged() {
            Ok(()) => {
                let note = format!("undone: {}", c.what.trim_start_matches("captured "));
                self.message = Some(format!("{note} · reloading…"));
                self.capture_note = Some(note);
                Some(Effect::Reload)
            }
            Err(e) => {
                self.message = Some(format!("undo refused: {e}"));
                None
            }
        }
    }
}
