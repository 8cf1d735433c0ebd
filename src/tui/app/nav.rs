//! Moving through the timeline: steps, pages, periods, goto, related events,
//! the mark and the jump history.

use super::{App, ChooseState, Focus, Mode};
use crate::tui::action::Action;
use crate::tui::calendar;
use crate::tui::rows::{Row, event_at_or_after};
use crate::tui::view::layout::inner;

/// The selected event seen from the marked one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FromMark<'a> {
    /// The selected event is the marked one.
    Itself,
    /// This far from the marked event, whose title is given (raw store text).
    Elapsed(calendar::Elapsed, &'a str),
}

/// Rows kept between the selection and the pane's edge when scrolling.
const SCROLL_OFF: usize = 2;

impl App {
    /// Selects event `i` (clamped) and scrolls it into view.
    pub(crate) fn select(&mut self, i: usize) {
        let n = self.store.events.len();
        if n == 0 {
            return;
        }
        let i = i.min(n - 1);
        if i != self.list.selected {
            self.detail.home();
            self.excerpts.current = 0;
        }
        if self.filter.is_some() && self.pos_of(i).is_none() {
            // Going to an event the search hides (goto, back, mark, related).
            self.clear_search();
        }
        self.list.selected = i;
        self.keep_visible();
    }

    /// Selects `i`, remembering where we came from for [`Action::Back`].
    pub(crate) fn jump(&mut self, i: usize) {
        if let Some(id) = self.selected_id().map(str::to_owned)
            && i != self.list.selected
        {
            self.history.push(id);
            if self.history.len() > 100 {
                self.history.remove(0);
            }
        }
        self.select(i);
    }

    pub(crate) fn keep_visible(&mut self) {
        let rows = self.rows().len();
        let Some(row) = self.row_of(self.list.selected) else {
            self.list.offset = 0;
            return;
        };
        let h = self.page_rows();
        let off = SCROLL_OFF.min(h.saturating_sub(1) / 2);
        // Show the year separator just above the selection when it is the top row.
        let top = if row > 0 && matches!(self.rows()[row - 1], Row::Year(_)) {
            row - 1
        } else {
            row
        };
        if top < self.list.offset + off {
            self.list.offset = top.saturating_sub(off);
        } else if row + off >= self.list.offset + h {
            self.list.offset = (row + off + 1).saturating_sub(h);
        }
        self.list.offset = self.list.offset.min(rows.saturating_sub(h));
    }

    pub(crate) fn move_in_focus(&mut self, down: bool, n: usize) {
        match self.focus {
            Focus::Timeline => {
                let Some(at) = self.pos_of(self.list.selected) else {
                    return self.select_pos(0);
                };
                let pos = if down {
                    at.saturating_add(n)
                } else {
                    at.saturating_sub(n)
                };
                self.select_pos(pos);
            }
            Focus::Detail => self.detail.by(down, n),
            Focus::Excerpts => {
                let count = self.selected_event().map_or(0, |e| e.excerpts.len());
                let at = self.excerpts.current;
                self.excerpts.current = step(at, down, n).min(count.saturating_sub(1));
            }
        }
    }

    pub(crate) fn page(&mut self, action: Action, n: usize) {
        let h = match self.focus {
            Focus::Detail => self.detail.height(),
            _ => self.page_rows(),
        };
        let size = match action {
            Action::PageDown | Action::PageUp => h.saturating_sub(1).max(1),
            _ => (h / 2).max(1),
        } * n;
        if self.focus != Focus::Timeline {
            let down = matches!(action, Action::PageDown | Action::HalfPageDown);
            self.move_in_focus(down, size);
            return;
        }
        let Some(row) = self.row_of(self.list.selected) else {
            return;
        };
        let rows = self.rows().len();
        if matches!(action, Action::PageDown | Action::HalfPageDown) {
            let target = (row + size).min(rows.saturating_sub(1));
            self.list.offset = (self.list.offset + size).min(rows.saturating_sub(h));
            let last = self.visible_at(self.visible_len().saturating_sub(1));
            if let Some(i) = event_at_or_after(self.rows(), target).or(last) {
                self.select(i);
            }
        } else {
            let target = row.saturating_sub(size);
            self.list.offset = self.list.offset.saturating_sub(size);
            let i = event_at_or_after(self.rows(), target).unwrap_or(self.list.selected);
            let i = if self.row_of(i).is_some_and(|r| r > row) {
                self.list.selected
            } else {
                i
            };
            self.select(i);
        }
    }

    /// Year or decade jumps, `n` times.
    pub(crate) fn jump_period(&mut self, action: Action, n: usize) {
        if self
            .filter
            .as_ref()
            .is_some_and(|f| f.results.order != crate::search::Order::Timeline)
        {
            self.message =
                Some("year and decade jumps need the hits in timeline order: press s first".into());
            return;
        }
        let decade = matches!(action, Action::NextDecade | Action::PrevDecade);
        let key = |pos: usize| -> Option<i64> {
            let i = self.visible_at(pos).unwrap_or(0);
            self.timeline.years[i].map(|y| if decade { y.div_euclid(10) } else { y })
        };
        let len = self.visible_len();
        if len == 0 {
            return;
        }
        // Shown events are in chronological order, so period keys never decrease.
        let first_with = |k: Option<i64>| partition(len, |i| key(i) < k);
        let Some(mut i) = self.pos_of(self.list.selected) else {
            return;
        };
        for _ in 0..n {
            let k = key(i);
            i = if matches!(action, Action::NextYear | Action::NextDecade) {
                let next = partition(len, |j| key(j) <= k);
                if next >= len {
                    break;
                }
                next
            } else {
                let start = first_with(k);
                if start == 0 {
                    0
                } else {
                    first_with(key(start - 1))
                }
            };
        }
        if let Some(e) = self.visible_at(i) {
            self.jump(e);
        }
    }

    /// Related ids of the selected event that exist in the store.
    pub(crate) fn related(&self) -> Vec<usize> {
        self.selected_event()
            .map(|e| {
                e.related
                    .iter()
                    .filter_map(|id| self.store.index_of(id))
                    .collect()
            })
            .unwrap_or_default()
    }

    pub(crate) fn follow_related(&mut self) {
        let related = self.related();
        match related.len() {
            0 => self.message = Some("this event lists no related events".into()),
            1 => self.jump(related[0]),
            _ => self.choose_related(),
        }
    }

    /// Keys while choosing a related event; the mode was taken out of `self`.
    pub(crate) fn update_choose(&mut self, mut c: ChooseState, action: Action) {
        let n = self.related().len();
        match action {
            Action::Down => c.index = (c.index + 1).min(n.saturating_sub(1)),
            Action::Up => c.index = c.index.saturating_sub(1),
            Action::Activate => {
                if let Some(&i) = self.related().get(c.index) {
                    self.jump(i);
                }
                return;
            }
            Action::Cancel => return,
            _ => {}
        }
        self.mode = Mode::ChooseRelated(c);
    }

    pub(crate) fn back(&mut self) {
        while let Some(id) = self.history.pop() {
            if let Some(i) = self.store.index_of(&id) {
                self.select(i);
                return;
            }
        }
        self.message = Some("no earlier jump to go back to".into());
    }

    pub(crate) fn toggle_mark(&mut self) {
        let id = self.selected_id().map(str::to_owned);
        if self.mark.is_some() && self.mark == id {
            self.mark = None;
            self.message = Some("mark cleared".into());
        } else {
            self.mark = id;
            self.message = Some("marked: detail shows time elapsed from this event".into());
        }
    }

    pub(crate) fn jump_to_mark(&mut self) {
        match self.mark.as_deref().and_then(|m| self.store.index_of(m)) {
            Some(i) => self.jump(i),
            None => self.message = Some("no mark: press m on an event first".into()),
        }
    }

    /// How far the selected event is from the marked one, when a mark is set.
    pub fn from_mark(&self) -> Option<FromMark<'_>> {
        let marked = self.store.event(self.mark.as_deref()?)?;
        let e = self.selected_event()?;
        if marked.id == e.id {
            return Some(FromMark::Itself);
        }
        let span = calendar::elapsed(&marked.date, &e.date)?;
        Some(FromMark::Elapsed(span, &marked.title))
    }

    /// The selected event.
    pub fn selected_event(&self) -> Option<&crate::store::Event> {
        self.pos_of(self.list.selected)?;
        self.store.events.get(self.list.selected)
    }

    pub(crate) fn focus_at(&mut self, x: u16, y: u16) {
        let p = ratatui::layout::Position::new(x, y);
        let a = self.areas;
        if a.timeline.contains(p) {
            self.focus = Focus::Timeline;
        } else if a.detail.contains(p) {
            self.focus = Focus::Detail;
        } else if a.excerpts.contains(p) {
            self.focus = Focus::Excerpts;
        }
    }

    pub(crate) fn click(&mut self, x: u16, y: u16) {
        self.focus_at(x, y);
        let body = inner(self.areas.timeline);
        if self.focus == Focus::Timeline && body.contains(ratatui::layout::Position::new(x, y)) {
            let row = self.list.offset + usize::from(y - body.y);
            if let Some(Row::Event(i)) = self.rows().get(row) {
                self.select(*i);
            }
        }
    }
}

fn step(v: usize, down: bool, n: usize) -> usize {
    if down {
        v.saturating_add(n)
    } else {
        v.saturating_sub(n)
    }
}

/// The first index in `0..len` where `pred` turns false (`pred` must be true then false).
fn partition(len: usize, pred: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, len);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if pred(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}
