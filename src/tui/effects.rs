//! Effects only the terminal loop can carry out: the clipboard (OSC 52),
//! suspending to the shell, and the editor.

use std::io::{self, Write};
use std::path::Path;

use ratatui::DefaultTerminal;

use super::app::{App, Effect};
use super::{citation, terminal, text};
use crate::store::Origin;

/// Carries out `effect` for `app`; true when the store (or one of its
/// sources) was edited and should be reloaded.
pub(super) fn perform(
    term: &mut DefaultTerminal,
    app: &mut App,
    effect: Effect,
) -> Result<bool, String> {
    let io_err = |e: io::Error| e.to_string();
    match effect {
        Effect::Copy(text) => {
            let backend = term.backend_mut();
            backend
                .write_all(citation::osc52(&text).as_bytes())
                .and_then(|()| backend.flush())
                .map_err(io_err)?;
        }
        Effect::Suspend => {
            terminal::leave();
            let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
            terminal::reenter(term).map_err(io_err)?;
        }
        Effect::Reload => return Ok(matches!(app.store().origin, Origin::File(_))),
        Effect::Edit { path, line } => {
            terminal::leave();
            let status = editor(&path, line);
            terminal::reenter(term).map_err(io_err)?;
            match status {
                // The loop reloads in the background, as for any change on disk.
                Ok(()) => return Ok(matches!(app.store().origin, Origin::File(_))),
                Err(why) => app.set_message(why),
            }
        }
    }
    Ok(false)
}

/// The editor command: `$VISUAL`, else `$EDITOR`, else `vi`, split as a
/// shell would (quotes and backslashes: `"code --wait"`, `'/My Apps/ed'`).
fn editor_command() -> Result<Vec<String>, String> {
    let line = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .unwrap_or_else(|_| "vi".to_string());
    editor_words(&line)
}

/// `line` split into a program and its arguments, as a shell would.
fn editor_words(line: &str) -> Result<Vec<String>, String> {
    match shell_words::split(line) {
        Ok(words) if !words.is_empty() => Ok(words),
        Ok(_) => Ok(vec!["vi".to_string()]),
        Err(e) => Err(format!(
            "cannot read $EDITOR `{}`: {e}; fix its quoting",
            text::safe(line)
        )),
    }
}

/// Runs the editor on `path` at `line` and waits for it.
fn editor(path: &Path, line: u64) -> Result<(), String> {
    let words = editor_command()?;
    let Some((program, args)) = words.split_first() else {
        return Err("$EDITOR is empty; set it to an editor".into());
    };
    std::process::Command::new(program)
        .args(args)
        .arg(format!("+{line}"))
        .arg(path)
        .status()
        .map(|_| ())
        .map_err(|e| {
            format!(
                "could not start the editor `{}`: {e}; set $EDITOR",
                text::safe(program)
            )
        })
}

#[cfg(test)]
mod tests {
    use super::editor_words;

    #[test]
    fn editor_commands_split_as_a_shell_would() {
        assert_eq!(editor_words("vim").unwrap(), ["vim"]);
        assert_eq!(editor_words("code --wait").unwrap(), ["code", "--wait"]);
        assert_eq!(
            editor_words("'/Applications/My Editor/ed' -n").unwrap(),
            ["/Applications/My Editor/ed", "-n"]
        );
        assert_eq!(editor_words("  ").unwrap(), ["vi"]);
        let bad = editor_words("vim 'unclosed").unwrap_err();
        assert!(bad.contains("fix its quoting"), "{bad}");
    }
}
