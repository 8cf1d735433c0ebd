//! Keys in the time-scaled view: zoom, pan, lanes, and back to the list on
//! the event under the cursor. The list's selection follows the view's.

use super::{App, Mode};
use crate::tui::action::Action;
use crate::tui::timescale::TimeScale;

impl App {
    /// `v`: the time-scaled view, on the selected event.
    pub(super) fn open_timescale(&mut self) {
        let mut t = TimeScale::new(&self.store);
        if self.selected_event().is_some() {
            t.select(self.list.selected);
        }
        self.mode = Mode::TimeScale(Box::new(t));
    }

    /// The open time-scaled view.
    pub fn timescale(&self) -> Option<&TimeScale> {
        match &self.mode {
            Mode::TimeScale(t) => Some(t),
            _ => None,
        }
    }

    /// Keys in the time view; the mode was taken out of `self`.
    pub(super) fn update_timescale(&mut self, mut t: Box<TimeScale>, action: Action) {
        match action {
            Action::ZoomIn => t.zoom_in(),
            Action::ZoomOut => t.zoom_out(),
            Action::PanLeft => t.pan_left(),
            Action::PanRight => t.pan_right(),
            Action::Up => t.lane_up(),
            Action::Down => t.lane_down(),
            Action::FocusNext => t.next_event(),
            Action::FocusPrev => t.prev_event(),
            Action::Activate => {
                match t.under_cursor().or(t.selected()) {
                    Some(i) => self.jump(i),
                    None => self.message = Some("no event under the cursor".into()),
                }
                return;
            }
            Action::Cancel | Action::ToggleTimeScale => {
                self.follow(&t);
                return;
            }
            _ => {}
        }
        self.follow(&t);
        self.mode = Mode::TimeScale(t);
    }

    /// The list selects what the time view selects (without a jump to go back to).
    fn follow(&mut self, t: &TimeScale) {
        if let Some(i) = t.selected()
            && i != self.list.selected
        {
            self.select(i);
        }
    }
}
