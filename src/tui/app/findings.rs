//! The findings list (`!`): every finding of `check` with its rule, message
//! and place; Enter goes to the event (or the source passage) it is about,
//! `e` opens the editor at its line.

use std::path::PathBuf;

use super::{App, CheckStatus, Effect, FindingsState, Mode};
use crate::finding::Finding;
use crate::store::Origin;
use crate::tui::action::Action;

impl App {
    /// The findings of the last finished check (empty while it runs).
    pub fn findings(&self) -> &[Finding] {
        match &self.check {
            CheckStatus::Done { findings, .. } => findings,
            CheckStatus::Running => &[],
        }
    }

    /// The open findings list.
    pub fn findings_state(&self) -> Option<&FindingsState> {
        match &self.mode {
            Mode::Findings(f) => Some(f),
            _ => None,
        }
    }

    pub(super) fn open_findings(&mut self) {
        self.mode = Mode::Findings(FindingsState::default());
    }

    /// Keys in the findings list; the mode was taken out of `self`.
    pub(super) fn update_findings(
        &mut self,
        mut f: FindingsState,
        action: Action,
    ) -> Option<Effect> {
        let n = self.findings().len();
        let last = n.saturating_sub(1);
        let page = f.scroll.height().saturating_sub(1).max(1);
        match action {
            Action::Down | Action::WheelDown(..) => f.selected = (f.selected + 1).min(last),
            Action::Up | Action::WheelUp(..) => f.selected = f.selected.saturating_sub(1),
            Action::PageDown | Action::HalfPageDown => f.selected = (f.selected + page).min(last),
            Action::PageUp | Action::HalfPageUp => f.selected = f.selected.saturating_sub(page),
            Action::Top => f.selected = 0,
            Action::Bottom => f.selected = last,
            Action::Activate => {
                if let Some(finding) = self.findings().get(f.selected).cloned() {
                    self.go_to_finding(&finding);
                }
                return None;
            }
            Action::Edit => {
                let effect = self
                    .findings()
                    .get(f.selected)
                    .and_then(|x| self.finding_file(x))
                    .map(|(path, line)| Effect::Edit { path, line });
                if effect.is_none() {
                    self.message = Some(super::browse::READ_ONLY_HINT.into());
                }
                self.mode = Mode::Findings(f);
                return effect;
            }
            Action::Cancel | Action::ShowFindings => return None,
            _ => {}
        }
        self.mode = Mode::Findings(f);
        None
    }

    /// Enter on a finding: the event declared at or before its line in the
    /// store, or, for a finding in a source text, the passage there.
    fn go_to_finding(&mut self, finding: &Finding) {
        let store_file = self.store.origin.display_name();
        let line = u64::from(finding.line);
        if finding.rule == "date-valid" && *finding.file == *store_file {
            // An event whose date does not parse is left out of the store.
            self.message = Some(format!(
                "line {}: this did not load (its date is not valid EDTF); e edits it",
                finding.line
            ));
            return;
        }
        if *finding.file == *store_file {
            // Events are in file order of their `pos`; the finding belongs to
            // the last event that starts at or before its line.
            let owner = self
                .store
                .events
                .iter()
                .enumerate()
                .filter(|(_, e)| e.pos.line <= line)
                .max_by_key(|(_, e)| e.pos.line)
                .map(|(i, _)| i);
            match owner {
                Some(i) => {
                    self.jump(i);
                    self.focus_excerpt_at(line);
                }
                None => {
                    self.message = Some(format!(
                        "line {} is outside any event: press e to edit it",
                        finding.line
                    ))
                }
            }
            return;
        }
        // A finding in a source text: the reader, at its line.
        if !self.open_reader_at_line(&finding.file, line) {
            self.message = Some(format!(
                "{}:{}: this source text cannot be shown; e edits it",
                crate::tui::text::safe(&finding.file),
                finding.line
            ));
        }
    }

    /// A finding on an excerpt's line: focus that excerpt, so the quote and
    /// its place in the source (or why it is not found) are in view.
    fn focus_excerpt_at(&mut self, line: u64) {
        let at = self
            .selected_event()
            .and_then(|e| e.excerpts.iter().position(|x| x.pos.line == line));
        if let Some(k) = at {
            self.excerpts.current = k;
            self.focus = super::Focus::Excerpts;
            self.relayout();
        }
    }

    /// The file and line `e` opens for a finding: the store file or a source
    /// text beside it; None for the read-only built-in store.
    fn finding_file(&self, finding: &Finding) -> Option<(PathBuf, u64)> {
        let Origin::File(store) = &self.store.origin else {
            return None;
        };
        let line = u64::from(finding.line.max(1));
        if *finding.file == *self.store.origin.display_name() {
            return Some((store.clone(), line));
        }
        let path = PathBuf::from(&*finding.file);
        let path = if path.is_absolute() {
            path
        } else {
            store.parent().map_or(path.clone(), |d| d.join(&path))
        };
        Some((path, line))
    }
}
