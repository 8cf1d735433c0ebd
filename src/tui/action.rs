//! What the user asked for, as plain data: the only input to [`super::app::App::update`].
//!
//! Actions name intentions, not keys; [`super::keymap`] turns keys into them.

/// One user intention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Leave the explorer.
    Quit,
    /// Close the overlay, reader or prompt; in the timeline, clear a pending
    /// count, a kept search or a message (never quit).
    Cancel,
    /// Next event (or next line / item in the focused pane).
    Down,
    /// Previous event (or previous line / item in the focused pane).
    Up,
    /// One page down.
    PageDown,
    /// One page up.
    PageUp,
    /// Half a page down.
    HalfPageDown,
    /// Half a page up.
    HalfPageUp,
    /// First event (or a counted event, `5g`).
    Top,
    /// Last event.
    Bottom,
    /// First event of the next year that has events.
    NextYear,
    /// First event of the previous year that has events.
    PrevYear,
    /// First event of the next decade that has events.
    NextDecade,
    /// First event of the previous decade that has events.
    PrevDecade,
    /// A digit of a count (`5j`).
    Count(u8),
    /// The first key of a two-key sequence (`]` of `]y`).
    Prefix(char),
    /// Focus the next pane (timeline → detail → excerpts).
    FocusNext,
    /// Focus the previous pane.
    FocusPrev,
    /// Open the `:` prompt: go to a date (EDTF prefix) or an event id.
    Goto,
    /// Open the `/` search prompt.
    Search,
    /// Next hit of the search (wraps around).
    NextHit,
    /// Previous hit of the search (wraps around).
    PrevHit,
    /// Hits by relevance or in timeline order.
    ToggleSearchOrder,
    /// Type a character into the prompt.
    PromptInput(char),
    /// Delete the last character of the prompt.
    PromptBackspace,
    /// Run the prompt.
    PromptAccept,
    /// Delete everything before the prompt cursor.
    PromptClear,
    /// Delete the word before the prompt cursor.
    PromptDeleteWord,
    /// Move the prompt cursor one character left.
    PromptLeft,
    /// Move the prompt cursor one character right.
    PromptRight,
    /// Recall the previous (older) search from the history.
    PromptOlder,
    /// Recall the next (newer) search from the history.
    PromptNewer,
    /// Enter: open what the focused pane offers (excerpt → reader, related → event).
    Activate,
    /// Follow a related event (choose when there are several).
    FollowRelated,
    /// Return to where the last jump started.
    Back,
    /// Mark the selected event (elapsed time is shown from it).
    Mark,
    /// Go to the marked event.
    JumpToMark,
    /// Copy the focused event's citation (OSC 52).
    CopyCitation,
    /// Open `$EDITOR` at the selected event's line.
    Edit,
    /// Show or hide the key help.
    ToggleHelp,
    /// Open the list of `check` findings.
    ShowFindings,
    /// Show the time-scaled view, or go back to the list.
    ToggleTimeScale,
    /// Time view: a narrower window (down to days).
    ZoomIn,
    /// Time view: a wider window (up to the whole span).
    ZoomOut,
    /// Time view: move the cursor back in time.
    PanLeft,
    /// Time view: move the cursor forward in time.
    PanRight,
    /// Show or hide Japanese era and Juche years.
    ToggleDualDating,
    /// Density strip: whole span by year, or the visible window by month.
    ToggleZoom,
    /// Open the source reader on the focused excerpt.
    OpenReader,
    /// Reader: next passage of this source that an event cites.
    NextPassage,
    /// Reader: previous cited passage.
    PrevPassage,
    /// Reader: move the cursor to the next sentence.
    NextSentence,
    /// Reader: move the cursor to the previous sentence.
    PrevSentence,
    /// Reader: move the cursor to the next temporal expression.
    NextDated,
    /// Reader: move the cursor to the previous temporal expression.
    PrevDated,
    /// Reader: capture the sentence under the cursor (opens the chooser).
    Capture,
    /// Capture chooser: as an excerpt of the selected event.
    CaptureExcerpt,
    /// Capture chooser: as a new event, drafted from the sentence.
    CaptureEvent,
    /// Put back the store file as it was before the last capture.
    Undo,
    /// Suspend to the shell (Ctrl-Z).
    Suspend,
    /// Mouse wheel down over (column, row).
    WheelDown(u16, u16),
    /// Mouse wheel up over (column, row).
    WheelUp(u16, u16),
    /// Mouse click at (column, row).
    Click(u16, u16),
}
