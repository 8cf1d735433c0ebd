//! Editing a store file as text: add a source, an excerpt to an event, or a
//! new event, by inserting lines and leaving every other byte of the file
//! (comments, order, quoting, blank lines) as it was.
//!
//! The edits are pure functions from the file's text to the new text
//! ([`add_source`], [`add_excerpt`], [`add_event`]); [`apply`] reads a file,
//! runs one, refuses a result that no longer parses, writes it atomically
//! and returns an [`Undo`] holding the previous bytes. The explorer's
//! "capture the sentence under the cursor" is [`apply`] with
//! [`add_excerpt`] or [`add_event`].

pub mod text;

use std::path::{Path, PathBuf};

use crate::export::write::{WriteError, write_atomic};
use text::{
    Line, event_item, is_empty_flow, item_indent, key_block, lines, offset_before, quoted, section,
};

/// A source entry to add.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewSource {
    /// Stable id.
    pub id: String,
    /// Headline.
    pub title: String,
    /// Outlet.
    pub publisher: String,
    /// Publication date (EDTF).
    pub published: String,
    /// How the date was established.
    pub dated_by: Option<String>,
    /// Byline.
    pub author: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Language tag.
    pub language: Option<String>,
    /// Path of the archived text, relative to the store file.
    pub text: String,
}

/// An excerpt to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewExcerpt {
    /// Source id.
    pub source: String,
    /// The verbatim words.
    pub quote: String,
}

/// A new event to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvent {
    /// Stable slug.
    pub id: String,
    /// EDTF date.
    pub date: String,
    /// Headline.
    pub title: String,
    /// Its first excerpt.
    pub excerpt: NewExcerpt,
}

/// Why an edit was not made (nothing was written).
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    /// No event with that id in the file.
    #[error("no event with id `{0}` in the store file; nothing was written")]
    NoSuchEvent(String),
    /// No source with that id in the file.
    #[error("no source with id `{0}` in the store file; nothing was written")]
    NoSuchSource(String),
    /// The id is already taken.
    #[error(
        "`{0}` is already an id in the store file; nothing was written\n  hint: choose another id (or pass --force where offered)"
    )]
    Taken(String),
    /// The edited text would not load.
    #[error("the edited store would not load ({0}); nothing was written")]
    Malformed(String),
    /// The file could not be read.
    #[error("{path}: cannot be read: {why}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        why: String,
    },
    /// The file could not be written.
    #[error(transparent)]
    Write(#[from] WriteError),
}

/// The file's line ending (`\r\n` when its first line uses it).
fn eol(yaml: &str) -> &'static str {
    match yaml.find('\n') {
        Some(i) if i > 0 && yaml.as_bytes()[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

/// Inserts `block` (lines ending in `\n`) at byte `at`, in the file's line ending.
fn insert(yaml: &str, at: usize, block: &str) -> String {
    let nl = eol(yaml);
    let mut out = String::with_capacity(yaml.len() + block.len() + 2);
    out.push_str(&yaml[..at]);
    if at > 0 && !yaml[..at].ends_with('\n') {
        out.push_str(nl);
    }
    out.push_str(&block.replace('\n', nl));
    out.push_str(&yaml[at..]);
    out
}

/// Turns `key: []` (keeping any comment after it) into `key:` followed by `block`.
fn unflow_and_insert(yaml: &str, l: &Line, block: &str) -> String {
    let line = &yaml[l.range.clone()];
    let at = line.find("[]").map_or(l.range.end, |i| l.range.start + i);
    let mut without = String::with_capacity(yaml.len());
    without.push_str(yaml[..at].trim_end_matches(' '));
    let rest = &yaml[at + 2..l.range.end];
    if !rest.trim().is_empty() {
        without.push_str("  ");
        without.push_str(rest.trim_start());
    }
    let after = without.len() + (l.next - l.range.end);
    without.push_str(&yaml[l.range.end..]);
    insert(&without, after.min(without.len()), block)
}

/// `key: "value"` lines of an item at `indent`, the first with the dash.
fn item(indent: usize, fields: &[(&str, &str)]) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::new();
    for (i, (k, v)) in fields.iter().enumerate() {
        let lead = if i == 0 { "- " } else { "  " };
        out.push_str(&format!("{pad}{lead}{k}: {}\n", quoted(v)));
    }
    out
}

/// Appends an item to top-level list `key`, creating the section (before
/// `before`, or at the end) when the file has none.
fn append_to_section(
    yaml: &str,
    key: &str,
    before: &[&str],
    render: impl Fn(usize) -> String,
    gap: bool,
) -> String {
    let ls = lines(yaml);
    match section(yaml, &ls, key) {
        Some((head, _)) if is_empty_flow(yaml, &ls[head]) => {
            unflow_and_insert(yaml, &ls[head], &render(2))
        }
        Some((head, end)) => {
            let indent = item_indent(yaml, &ls, head + 1, end, 2);
            let lead = if gap && end > head + 1 { "\n" } else { "" };
            insert(
                yaml,
                offset_before(&ls, end, yaml.len()),
                &format!("{lead}{}", render(indent)),
            )
        }
        None => {
            let at = before
                .iter()
                .filter_map(|k| section(yaml, &ls, k).map(|(h, _)| h))
                .min()
                .map_or(yaml.len(), |h| offset_before(&ls, h, yaml.len()));
            let tail = if at < yaml.len() { "\n" } else { "" };
            insert(yaml, at, &format!("{key}:\n{}{tail}", render(2)))
        }
    }
}

/// Whether `id` is already an id anywhere in the file (`id: X` at any depth).
fn id_taken(yaml: &str, id: &str) -> bool {
    let forms = [id.to_string(), format!("\"{id}\""), format!("'{id}'")];
    yaml.lines().any(|l| {
        let t = l.trim_start().trim_start_matches("- ").trim_start();
        t.strip_prefix("id:").is_some_and(|v| {
            forms
                .iter()
                .any(|f| f == v.split(" #").next().unwrap_or(v).trim())
        })
    })
}

/// Adds a source entry at the end of `sources:`.
pub fn add_source(yaml: &str, s: &NewSource) -> Result<String, EditError> {
    if id_taken(yaml, &s.id) {
        return Err(EditError::Taken(s.id.clone()));
    }
    let mut fields = vec![
        ("id", s.id.as_str()),
        ("title", &s.title),
        ("publisher", &s.publisher),
        ("published", &s.published),
    ];
    for (k, v) in [
        ("dated_by", &s.dated_by),
        ("author", &s.author),
        ("url", &s.url),
        ("language", &s.language),
    ] {
        if let Some(v) = v {
            fields.push((k, v));
        }
    }
    fields.push(("text", &s.text));
    Ok(append_to_section(
        yaml,
        "sources",
        &["actors", "places", "eras", "events"],
        |n| item(n, &fields),
        false,
    ))
}

/// Replaces the source entry with id `s.id` (its lines only) by `s`.
pub fn replace_source(yaml: &str, s: &NewSource) -> Result<String, EditError> {
    let ls = lines(yaml);
    let missing = || EditError::NoSuchSource(s.id.clone());
    let (head, end) = section(yaml, &ls, "sources").ok_or_else(missing)?;
    let (start, last, _) = event_item(yaml, &ls, head + 1, end, &s.id).ok_or_else(missing)?;
    let from = offset_before(&ls, start, yaml.len());
    let to = offset_before(&ls, last, yaml.len());
    let without = format!("{}{}", &yaml[..from], &yaml[to..]);
    let fields = source_fields(s);
    let block = item(ls[start].indent, &fields);
    Ok(insert(&without, from, &block))
}

fn source_fields(s: &NewSource) -> Vec<(&'static str, &str)> {
    let mut fields = vec![
        ("id", s.id.as_str()),
        ("title", s.title.as_str()),
        ("publisher", s.publisher.as_str()),
        ("published", s.published.as_str()),
    ];
    for (k, v) in [
        ("dated_by", &s.dated_by),
        ("author", &s.author),
        ("url", &s.url),
        ("language", &s.language),
    ] {
        if let Some(v) = v {
            fields.push((k, v.as_str()));
        }
    }
    fields.push(("text", s.text.as_str()));
    fields
}

/// Adds an excerpt to the event `event_id` (creating its `excerpts:` list if needed).
pub fn add_excerpt(yaml: &str, event_id: &str, x: &NewExcerpt) -> Result<String, EditError> {
    let ls = lines(yaml);
    let missing = || EditError::NoSuchEvent(event_id.to_string());
    let (head, end) = section(yaml, &ls, "events").ok_or_else(missing)?;
    let (start, last, keys) = event_item(yaml, &ls, head + 1, end, event_id).ok_or_else(missing)?;
    let fields = [("source", x.source.as_str()), ("quote", x.quote.as_str())];
    match key_block(yaml, &ls, start, last, keys, "excerpts") {
        Some((k, _)) if is_empty_flow(yaml, &ls[k]) => {
            Ok(unflow_and_insert(yaml, &ls[k], &item(keys + 2, &fields)))
        }
        Some((k, kend)) => {
            let indent = item_indent(yaml, &ls, k + 1, kend, keys + 2);
            Ok(insert(
                yaml,
                offset_before(&ls, kend, yaml.len()),
                &item(indent, &fields),
            ))
        }
        None => {
            let block = format!("{}excerpts:\n{}", " ".repeat(keys), item(keys + 2, &fields));
            Ok(insert(yaml, offset_before(&ls, last, yaml.len()), &block))
        }
    }
}

/// Adds a new event at the end of `events:`, with its first excerpt.
pub fn add_event(yaml: &str, e: &NewEvent) -> Result<String, EditError> {
    if id_taken(yaml, &e.id) {
        return Err(EditError::Taken(e.id.clone()));
    }
    let render = |n: usize| {
        let mut s = item(n, &[("id", &e.id), ("date", &e.date), ("title", &e.title)]);
        s.push_str(&format!("{}excerpts:\n", " ".repeat(n + 2)));
        s.push_str(&item(
            n + 4,
            &[("source", &e.excerpt.source), ("quote", &e.excerpt.quote)],
        ));
        s
    };
    Ok(append_to_section(yaml, "events", &[], render, true))
}

/// The bytes a file had before an edit, to put back.
#[derive(Debug, Clone)]
pub struct Undo {
    /// The file.
    pub path: PathBuf,
    /// Its previous bytes.
    pub previous: Vec<u8>,
    /// The bytes the edit wrote (to tell whether the file changed since).
    pub written: Vec<u8>,
}

/// Why an undo was not made (nothing was written).
#[derive(Debug, thiserror::Error)]
pub enum UndoError {
    /// The file is no longer what the edit wrote.
    #[error(
        "{0}: changed since the edit (putting it back would lose those changes); nothing was written"
    )]
    Changed(PathBuf),
    /// The file could not be read.
    #[error("{path}: cannot be read: {why}; nothing was written")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        why: String,
    },
    /// The file could not be written.
    #[error(transparent)]
    Write(#[from] WriteError),
}

impl Undo {
    /// Writes the previous bytes back, atomically.
    pub fn restore(&self) -> Result<(), WriteError> {
        write_atomic(&self.path, &self.previous, true)
    }

    /// Writes the previous bytes back, atomically, only while the file
    /// still holds what the edit wrote: a change made since (in an editor,
    /// by another program) is never thrown away.
    pub fn restore_if_unchanged(&self) -> Result<(), UndoError> {
        let now = std::fs::read(&self.path).map_err(|e| UndoError::Read {
            path: self.path.clone(),
            why: e.to_string(),
        })?;
        if now != self.written {
            return Err(UndoError::Changed(self.path.clone()));
        }
        Ok(self.restore()?)
    }
}

/// Reads the store file at `path`, applies `edit`, checks that the result
/// still parses, and writes it atomically. Returns how to undo it.
pub fn apply(
    path: &Path,
    edit: impl FnOnce(&str) -> Result<String, EditError>,
) -> Result<Undo, EditError> {
    let read = |why: String| EditError::Read {
        path: path.to_path_buf(),
        why,
    };
    let meta = std::fs::metadata(path).map_err(|e| read(e.to_string()))?;
    if !meta.is_file() || meta.len() > crate::yaml::MAX_STORE_BYTES {
        return Err(read("not a regular file under the store size cap".into()));
    }
    let previous = std::fs::read(path).map_err(|e| read(e.to_string()))?;
    let yaml = std::str::from_utf8(&previous).map_err(|_| read("not valid UTF-8".into()))?;
    let new = edit(yaml)?;
    crate::yaml::parse(&new, path).map_err(|e| EditError::Malformed(e.to_string()))?;
    write_atomic(path, new.as_bytes(), true)?;
    Ok(Undo {
        path: path.to_path_buf(),
        previous,
        written: new.into_bytes(),
    })
}

/// A new event drafted from a captured sentence (the explorer's "capture as
/// new event"): the verbatim sentence as its excerpt, the claim's resolved
/// date, a title from the sentence's first words, and an id not yet taken in
/// `yaml` (`-2`, `-3`… appended when needed).
pub fn draft_event(yaml: &str, sentence: &str, date: &str, source: &str) -> NewEvent {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    let mut title = words.iter().take(10).copied().collect::<Vec<_>>().join(" ");
    if words.len() > 10 {
        title.push('…');
    }
    let title = title.trim_end_matches(['.', ',', ';', ':']).to_string();
    let base = slug(&title, date);
    let id = std::iter::once(base.clone())
        .chain((2..).map(|n| format!("{base}-{n}")))
        .find(|id| !id_taken(yaml, id))
        .unwrap_or(base);
    NewEvent {
        id,
        date: date.to_string(),
        title,
        excerpt: NewExcerpt {
            source: source.to_string(),
            quote: sentence.trim().to_string(),
        },
    }
}

/// An id for a new event: lower-case words of the title, then the year.
pub fn slug(title: &str, date: &str) -> String {
    let words: Vec<String> = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(6)
        .map(str::to_lowercase)
        .collect();
    let year: String = date.chars().take_while(|c| c.is_ascii_digit()).collect();
    let mut s = words.join("-");
    if !year.is_empty() {
        s.push('-');
        s.push_str(&year);
    }
    if s.is_empty() { "event".to_string() } else { s }
}

#[cfg(test)]
mod tests;
