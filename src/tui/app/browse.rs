//! Keys in browse mode: moves (with counts), panes, jumps, and the
//! effects only the terminal loop can carry out (copy, edit, suspend).

use super::{App, ChooseState, Effect, Focus, Mode, PromptKind, PromptState, Scroll};
use crate::store::Origin;
use crate::tui::action::Action;

/// What `e` says on the built-in store: how to get a working copy (fits 80 columns).
pub const READ_ONLY_HINT: &str =
    "built-in store is read-only: `chronoscope init DIR` makes an editable copy";

impl App {
    fn take_count(&mut self) -> usize {
        self.pending.count.take().unwrap_or(1).max(1)
    }

    /// One arm per action: a flat dispatch table, longer than most
    /// functions but read one line at a time.
    pub(super) fn update_browse(&mut self, action: Action) -> Option<Effect> {
        if !matches!(action, Action::Count(_) | Action::Prefix(_)) && self.pending.count.is_some() {
            // Counts apply to the moves below; any other action forgets them.
            if !action_takes_count(action) && action != Action::Cancel {
                self.pending.count = None;
            }
        }
        match action {
            Action::Quit => self.running = false,
            Action::Cancel => self.cancel_in_browse(),
            Action::Count(d) => {
                let c = self
                    .pending
                    .count
                    .unwrap_or(0)
                    .saturating_mul(10)
                    .saturating_add(d.into());
                self.pending.count = Some(c.min(1_000_000));
            }
            Action::Prefix(c) => self.pending.prefix = Some(c),
            Action::Down | Action::Up => {
                let n = self.take_count();
                self.move_in_focus(action == Action::Down, n);
            }
            Action::PageDown | Action::PageUp | Action::HalfPageDown | Action::HalfPageUp => {
                let n = self.take_count();
                self.page(action, n);
            }
            Action::Top | Action::Bottom => self.top_or_bottom(action == Action::Top),
            Action::NextYear | Action::PrevYear | Action::NextDecade | Action::PrevDecade => {
                let n = self.take_count();
                self.jump_period(action, n);
            }
            Action::FocusNext | Action::FocusPrev => {
                let order = [Focus::Timeline, Focus::Detail, Focus::Excerpts];
                let at = order.iter().position(|f| *f == self.focus).unwrap_or(0);
                let step = if action == Action::FocusNext { 1 } else { 2 };
                self.focus = order[(at + step) % 3];
                self.relayout();
            }
            Action::Goto => self.mode = Mode::Prompt(PromptState::new(PromptKind::Goto)),
            Action::Search => self.open_search(),
            Action::NextHit | Action::PrevHit => self.step_hit(action == Action::NextHit),
            Action::ToggleSearchOrder => self.toggle_order(),
            Action::Activate => match self.focus {
                Focus::Timeline => {
                    self.focus = Focus::Detail;
                    self.relayout();
                }
                Focus::Detail => self.follow_related(),
                Focus::Excerpts => self.open_reader(),
            },
            Action::OpenReader => self.open_reader(),
            Action::FollowRelated => self.follow_related(),
            Action::Back => self.back(),
            Action::Mark => self.toggle_mark(),
            Action::JumpToMark => self.jump_to_mark(),
            Action::CopyCitation => return self.citation().map(Effect::Copy),
            Action::Edit => return self.edit(),
            Action::Undo => return self.undo_capture(),
            Action::ToggleHelp => self.mode = Mode::Help(Scroll::default()),
            Action::ShowFindings => self.open_findings(),
            Action::ToggleTimeScale => self.open_timescale(),
            Action::ToggleDualDating => self.dual = !self.dual,
            Action::ToggleZoom => self.zoom = !self.zoom,
            Action::Suspend => return Some(Effect::Suspend),
            Action::WheelDown(x, y) | Action::WheelUp(x, y) => {
                let down = matches!(action, Action::WheelDown(..));
                let before = self.focus;
                self.focus_at(x, y);
                self.move_in_focus(down, 3);
                self.focus = before;
            }
            Action::Click(x, y) => self.click(x, y),
            Action::ZoomIn
            | Action::ZoomOut
            | Action::PanLeft
            | Action::PanRight
            | Action::NextPassage
            | Action::PrevPassage
            | Action::NextSentence
            | Action::PrevSentence
            | Action::NextDated
            | Action::PrevDated
            | Action::Capture
            | Action::CaptureExcerpt
            | Action::CaptureEvent
            | Action::PromptInput(_)
            | Action::PromptBackspace
            | Action::PromptAccept
            | Action::PromptClear
            | Action::PromptDeleteWord
            | Action::PromptLeft
            | Action::PromptRight
            | Action::PromptOlder
            | Action::PromptNewer => {}
        }
        None
    }

    /// Esc in the timeline never quits (marks and jump history would be
    /// lost): it clears a pending count, else a kept search, else says how to quit.
    fn cancel_in_browse(&mut self) {
        if self.pending.count.take().is_some() {
            return;
        }
        if self.filter.is_some() {
            self.clear_search();
        } else {
            self.message = Some("nothing to clear · q quits".into());
        }
    }

    /// `g`/`G`: the first or last event (`5g` the fifth), or the top or end
    /// of the focused detail or excerpts pane.
    fn top_or_bottom(&mut self, top: bool) {
        match self.focus {
            Focus::Detail => {
                self.pending.count = None;
                if top {
                    self.detail.home();
                } else {
                    self.detail.end();
                }
            }
            Focus::Excerpts => {
                self.pending.count = None;
                let n = self.selected_event().map_or(0, |e| e.excerpts.len());
                self.excerpts.current = if top { 0 } else { n.saturating_sub(1) };
            }
            Focus::Timeline => {
                let n = self.visible_len();
                let end = if top { 0 } else { n.saturating_sub(1) };
                let pos = self
                    .pending
                    .count
                    .take()
                    .map_or(end, |c| c.saturating_sub(1));
                if let Some(e) = self.visible_at(pos.min(n.saturating_sub(1))) {
                    self.jump(e);
                }
            }
        }
    }

    pub(super) fn choose_related(&mut self) {
        self.mode = Mode::ChooseRelated(ChooseState::default());
    }

    fn edit(&mut self) -> Option<Effect> {
        let e = self.store.events.get(self.list.selected)?;
        match &self.store.origin {
            Origin::File(path) => Some(Effect::Edit {
                path: path.clone(),
                line: e.pos.line,
            }),
            Origin::Embedded => {
                self.message = Some(READ_ONLY_HINT.into());
                None
            }
        }
    }
}

fn action_takes_count(a: Action) -> bool {
    matches!(
        a,
        Action::Down
            | Action::Up
            | Action::PageDown
            | Action::PageUp
            | Action::HalfPageDown
            | Action::HalfPageUp
            | Action::Top
            | Action::Bottom
            | Action::NextYear
            | Action::PrevYear
            | Action::NextDecade
            | Action::PrevDecade
    )
}
