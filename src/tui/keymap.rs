//! The one key table. Dispatch, the `?` overlay and the README key table all
//! come from [`BINDINGS`], so they cannot drift apart.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

/// Which set of keys is active.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyContext {
    /// The timeline and its panes.
    Browse,
    /// The `:` (and later `/`) prompt on the bottom line.
    Prompt,
    /// The source reader.
    Reader,
    /// Choosing one of several related events.
    Choose,
    /// The capture chooser in the reader.
    Capture,
    /// The key help overlay.
    Help,
    /// The list of `check` findings.
    Findings,
    /// The time-scaled view.
    TimeScale,
    /// While the store loads.
    Loading,
    /// Everywhere, unless the mode binds the key itself.
    Anywhere,
}

impl KeyContext {
    /// Heading used in the help overlay and the README.
    pub fn title(self) -> &'static str {
        match self {
            KeyContext::Browse => "Timeline",
            KeyContext::Prompt => "Prompt (`:` goto, `/` search)",
            KeyContext::Reader => "Source reader",
            KeyContext::Choose => "Choosing a related event",
            KeyContext::Capture => "Capturing a sentence (`c` in the reader)",
            KeyContext::Help => "Help",
            KeyContext::Findings => "Findings list (`!`)",
            KeyContext::TimeScale => "Time-scaled view (`v`)",
            KeyContext::Loading => "While the store loads",
            KeyContext::Anywhere => "Anywhere",
        }
    }

    /// All contexts, in help order.
    pub const ALL: [KeyContext; 10] = [
        KeyContext::Browse,
        KeyContext::TimeScale,
        KeyContext::Findings,
        KeyContext::Reader,
        KeyContext::Capture,
        KeyContext::Choose,
        KeyContext::Prompt,
        KeyContext::Help,
        KeyContext::Loading,
        KeyContext::Anywhere,
    ];
}

/// One row of the key table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// Where the keys work.
    pub context: KeyContext,
    /// Alternative keys: a name (`Down`, `PgDn`, `Ctrl-d`), one character, or a
    /// two-character sequence (`]y`). `0-9` stands for the count digits.
    pub keys: &'static [&'static str],
    /// What they do.
    pub action: Action,
    /// What the help says.
    pub help: &'static str,
}

mod bindings;
pub use bindings::BINDINGS;

/// A key as written in the table, decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    Key(KeyCode, KeyModifiers),
    Seq(char, char),
    Digits,
}

fn named(name: &str) -> Option<KeyCode> {
    Some(match name {
        "Down" => KeyCode::Down,
        "Up" => KeyCode::Up,
        "Left" => KeyCode::Left,
        "Right" => KeyCode::Right,
        "PgDn" => KeyCode::PageDown,
        "PgUp" => KeyCode::PageUp,
        "Home" => KeyCode::Home,
        "End" => KeyCode::End,
        "Enter" => KeyCode::Enter,
        "Esc" => KeyCode::Esc,
        "Tab" => KeyCode::Tab,
        "BackTab" => KeyCode::BackTab,
        "Backspace" => KeyCode::Backspace,
        _ => return None,
    })
}

fn token(s: &'static str) -> Token {
    if s == "0-9" {
        return Token::Digits;
    }
    if let Some(code) = named(s) {
        return Token::Key(code, KeyModifiers::NONE);
    }
    if let Some(rest) = s.strip_prefix("Ctrl-")
        && let Some(c) = rest.chars().next()
    {
        return Token::Key(KeyCode::Char(c), KeyModifiers::CONTROL);
    }
    let mut cs = s.chars();
    match (cs.next(), cs.next()) {
        (Some(a), Some(z)) => Token::Seq(a, z),
        (Some(a), None) => Token::Key(KeyCode::Char(a), KeyModifiers::NONE),
        _ => Token::Key(KeyCode::Null, KeyModifiers::NONE),
    }
}

/// The key with SHIFT folded into the character (terminals differ on whether
/// `G` arrives with SHIFT), and only CONTROL kept otherwise.
fn normalize(key: KeyEvent) -> (KeyCode, KeyModifiers) {
    let mods = key.modifiers & KeyModifiers::CONTROL;
    match key.code {
        KeyCode::Char(c) => (KeyCode::Char(c), mods),
        KeyCode::Tab if key.modifiers.contains(KeyModifiers::SHIFT) => {
            (KeyCode::BackTab, KeyModifiers::NONE)
        }
        code => (code, mods),
    }
}

fn rows(context: KeyContext) -> impl Iterator<Item = (&'static Binding, Token)> {
    BINDINGS
        .iter()
        .filter(move |b| b.context == context)
        .flat_map(|b| b.keys.iter().map(move |k| (b, token(k))))
}

/// The action for `key` in `context`. `prefix` is the first key of a pending
/// two-key sequence; `counting` says a count is being typed (so `0` extends it).
pub fn action_for(
    context: KeyContext,
    prefix: Option<char>,
    counting: bool,
    key: KeyEvent,
) -> Option<Action> {
    let (code, mods) = normalize(key);
    if let Some(p) = prefix {
        let KeyCode::Char(c) = code else { return None };
        return rows(context).find_map(|(b, t)| (t == Token::Seq(p, c)).then_some(b.action));
    }
    let bound =
        |ctx| rows(ctx).find_map(|(b, t)| (t == Token::Key(code, mods)).then_some(b.action));
    if let Some(found) = bound(context).or_else(|| bound(KeyContext::Anywhere)) {
        return Some(found);
    }
    let KeyCode::Char(c) = code else { return None };
    if mods.contains(KeyModifiers::CONTROL) {
        return None;
    }
    for (_, t) in rows(context) {
        match t {
            Token::Digits if c.is_ascii_digit() && (c != '0' || counting) => {
                return Some(Action::Count(c as u8 - b'0'));
            }
            Token::Seq(a, _) if a == c => return Some(Action::Prefix(c)),
            _ => {}
        }
    }
    (context == KeyContext::Prompt).then_some(Action::PromptInput(c))
}

mod table;
pub use table::{duplicate_bindings, help_rows, markdown_table};

#[cfg(test)]
mod tests;
