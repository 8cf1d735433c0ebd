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
    /// The key help overlay.
    Help,
}

impl KeyContext {
    /// Heading used in the help overlay and the README.
    pub fn title(self) -> &'static str {
        match self {
            KeyContext::Browse => "Timeline",
            KeyContext::Prompt => "Prompt (`:` goto, `/` search)",
            KeyContext::Reader => "Source reader",
            KeyContext::Choose => "Choosing a related event",
            KeyContext::Help => "Help",
        }
    }

    /// All contexts, in help order.
    pub const ALL: [KeyContext; 5] = [
        KeyContext::Browse,
        KeyContext::Reader,
        KeyContext::Choose,
        KeyContext::Prompt,
        KeyContext::Help,
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

use Action as A;
use KeyContext::{Browse, Choose, Help, Prompt, Reader};

const fn b(
    context: KeyContext,
    keys: &'static [&'static str],
    action: Action,
    help: &'static str,
) -> Binding {
    Binding {
        context,
        keys,
        action,
        help,
    }
}

/// Every key binding.
pub const BINDINGS: &[Binding] = &[
    b(
        Browse,
        &["j", "Down"],
        A::Down,
        "next event (or line / excerpt in the focused pane)",
    ),
    b(
        Browse,
        &["k", "Up"],
        A::Up,
        "previous event (or line / excerpt)",
    ),
    b(Browse, &["PgDn", "Ctrl-f"], A::PageDown, "page down"),
    b(Browse, &["PgUp", "Ctrl-b"], A::PageUp, "page up"),
    b(Browse, &["Ctrl-d"], A::HalfPageDown, "half a page down"),
    b(Browse, &["Ctrl-u"], A::HalfPageUp, "half a page up"),
    b(
        Browse,
        &["g", "Home"],
        A::Top,
        "first event (`5g`: fifth event)",
    ),
    b(Browse, &["G", "End"], A::Bottom, "last event"),
    b(
        Browse,
        &["0-9"],
        A::Count(0),
        "count for the next move (`5j`, `3]y`)",
    ),
    b(Browse, &["]y"], A::NextYear, "next year with events"),
    b(Browse, &["[y"], A::PrevYear, "previous year with events"),
    b(Browse, &["]d"], A::NextDecade, "next decade with events"),
    b(
        Browse,
        &["[d"],
        A::PrevDecade,
        "previous decade with events",
    ),
    b(
        Browse,
        &[":"],
        A::Goto,
        "go to a date (`2014-03`, `1977`) or an event id",
    ),
    b(
        Browse,
        &["/"],
        A::Search,
        "search: hits only, as you type (`tag:` `year:` `-word`…)",
    ),
    b(
        Browse,
        &["n"],
        A::NextHit,
        "next hit (after Esc cleared the view: next hit in the timeline)",
    ),
    b(Browse, &["N"], A::PrevHit, "previous hit"),
    b(
        Browse,
        &["s"],
        A::ToggleSearchOrder,
        "hits by relevance / in timeline order",
    ),
    b(
        Browse,
        &["Tab"],
        A::FocusNext,
        "next pane: timeline → detail → excerpts",
    ),
    b(Browse, &["BackTab"], A::FocusPrev, "previous pane"),
    b(
        Browse,
        &["Enter"],
        A::Activate,
        "open: excerpt → source reader, related → event",
    ),
    b(
        Browse,
        &["o"],
        A::OpenReader,
        "open the source reader on the excerpt",
    ),
    b(
        Browse,
        &["r"],
        A::FollowRelated,
        "follow a related event (choose when several)",
    ),
    b(
        Browse,
        &["b", "Backspace"],
        A::Back,
        "back to where the last jump started",
    ),
    b(
        Browse,
        &["m"],
        A::Mark,
        "mark this event (detail shows time elapsed from it)",
    ),
    b(Browse, &["'"], A::JumpToMark, "go to the marked event"),
    b(
        Browse,
        &["y"],
        A::CopyCitation,
        "copy the citation (OSC 52, works over ssh)",
    ),
    b(
        Browse,
        &["e"],
        A::Edit,
        "edit the store at this event in $EDITOR",
    ),
    b(
        Browse,
        &["d"],
        A::ToggleDualDating,
        "show Japanese era and Juche years",
    ),
    b(
        Browse,
        &["z"],
        A::ToggleZoom,
        "density strip: whole span / visible months",
    ),
    b(Browse, &["?"], A::ToggleHelp, "key help"),
    b(
        Browse,
        &["Ctrl-z"],
        A::Suspend,
        "suspend to the shell (`fg` returns)",
    ),
    b(Browse, &["q"], A::Quit, "quit"),
    b(
        Browse,
        &["Esc"],
        A::Cancel,
        "clear a pending count, else a kept search, else quit",
    ),
    b(Reader, &["j", "Down"], A::Down, "scroll down"),
    b(Reader, &["k", "Up"], A::Up, "scroll up"),
    b(Reader, &["PgDn", "Ctrl-d"], A::PageDown, "page down"),
    b(Reader, &["PgUp", "Ctrl-u"], A::PageUp, "page up"),
    b(
        Reader,
        &["n", "Tab"],
        A::NextPassage,
        "next passage an event cites",
    ),
    b(
        Reader,
        &["p", "BackTab"],
        A::PrevPassage,
        "previous cited passage",
    ),
    b(
        Reader,
        &["Enter"],
        A::Activate,
        "go to the event citing this passage",
    ),
    b(Reader, &["q", "Esc"], A::Cancel, "close the reader"),
    b(Choose, &["j", "Down"], A::Down, "next related event"),
    b(Choose, &["k", "Up"], A::Up, "previous related event"),
    b(Choose, &["Enter"], A::Activate, "go to it"),
    b(Choose, &["q", "Esc"], A::Cancel, "cancel"),
    b(
        Prompt,
        &["Enter"],
        A::PromptAccept,
        "go / keep the hits (browse them, n/N, Esc clears)",
    ),
    b(
        Prompt,
        &["Backspace"],
        A::PromptBackspace,
        "delete a character (on an empty prompt: cancel)",
    ),
    b(Prompt, &["Ctrl-u"], A::PromptClear, "delete to the start"),
    b(Prompt, &["Ctrl-w"], A::PromptDeleteWord, "delete a word"),
    b(Prompt, &["Left"], A::PromptLeft, "cursor left"),
    b(Prompt, &["Right"], A::PromptRight, "cursor right"),
    b(
        Prompt,
        &["Up"],
        A::PromptOlder,
        "search: older query from history",
    ),
    b(
        Prompt,
        &["Down"],
        A::PromptNewer,
        "search: newer query from history",
    ),
    b(
        Prompt,
        &["Ctrl-s"],
        A::ToggleSearchOrder,
        "search: hits by relevance / in timeline order",
    ),
    b(
        Prompt,
        &["Esc"],
        A::Cancel,
        "cancel (search: restore the view and selection)",
    ),
    b(Help, &["j", "Down"], A::Down, "scroll down"),
    b(Help, &["k", "Up"], A::Up, "scroll up"),
    b(Help, &["?", "q", "Esc"], A::Cancel, "close help"),
];

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
    if let Some(found) =
        rows(context).find_map(|(b, t)| (t == Token::Key(code, mods)).then_some(b.action))
    {
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
