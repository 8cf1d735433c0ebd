//! The real binary in a pseudo-terminal: keys in, screen out, and the
//! terminal restored (alternate screen left, cursor shown) after `q` and SIGTERM.

use std::io::{Read, Write};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const TIMEOUT: Duration = Duration::from_secs(20);

struct Session {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    output: mpsc::Receiver<Vec<u8>>,
    raw: Vec<u8>,
    screen: vt100::Parser,
}

impl Session {
    fn start(args: &[&str]) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 30,
                cols: 100,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_chronoscope"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        let child = pty.slave.spawn_command(cmd).expect("spawn chronoscope");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer = pty.master.take_writer().unwrap();
        let (tx, output) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        // Keep the master alive for the session's lifetime.
        std::mem::forget(pty.master);
        Session {
            child,
            writer,
            output,
            raw: Vec::new(),
            screen: vt100::Parser::new(
                std::num::NonZeroU16::new(30).unwrap(),
                std::num::NonZeroU16::new(100).unwrap(),
                0,
            ),
        }
    }

    fn pump(&mut self, wait: Duration) {
        if let Ok(chunk) = self.output.recv_timeout(wait) {
            self.screen.process(&chunk);
            self.raw.extend_from_slice(&chunk);
        }
    }

    fn wait_for(&mut self, text: &str) {
        let start = Instant::now();
        while !self.screen.screen().contents().contains(text) {
            assert!(
                start.elapsed() < TIMEOUT,
                "timed out waiting for {text:?}; screen:\n{}",
                self.screen.screen().contents()
            );
            self.pump(Duration::from_millis(100));
        }
    }

    fn keys(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Drain what is left of the output.
                while let Ok(chunk) = self.output.recv_timeout(Duration::from_millis(200)) {
                    self.raw.extend_from_slice(&chunk);
                }
                return status.exit_code();
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "chronoscope did not exit; screen:\n{}",
                self.screen.screen().contents()
            );
            self.pump(Duration::from_millis(50));
        }
    }

    fn assert_restored(&self) {
        let out = String::from_utf8_lossy(&self.raw);
        let left = out
            .rfind("\u{1b}[?1049l")
            .expect("alternate screen left (ESC[?1049l)");
        let entered = out
            .rfind("\u{1b}[?1049h")
            .expect("alternate screen entered");
        assert!(left > entered, "the last alternate-screen switch leaves it");
        assert!(out.contains("\u{1b}[?25h"), "cursor shown again (ESC[?25h)");
    }
}

#[test]
fn keys_drive_the_explorer_and_q_restores_the_terminal() {
    let mut s = Session::start(&[]);
    s.wait_for("Timeline 1/48");
    s.keys("5j");
    s.wait_for("Timeline 6/48");
    s.keys(":2014-03\r");
    s.wait_for("Tokyo's relations with Beijing");
    s.keys("?");
    s.wait_for("Keys · j/k scroll");
    s.keys("\u{1b}");
    s.wait_for("j/k move");
    s.keys("j");
    s.wait_for("Timeline 22/48");
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[test]
fn starts_at_an_event_and_sigterm_restores_the_terminal() {
    let mut s = Session::start(&["--at", "beijing-talks-2014"]);
    s.wait_for("Formal Japan–North Korea");
    s.wait_for("Timeline 28/48");
    let pid = s.child.process_id().expect("child pid");
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    assert_eq!(s.wait_exit(), 143);
    s.assert_restored();
}

#[test]
fn an_unknown_start_event_is_an_error_after_restoring() {
    let mut s = Session::start(&["--at", "no-such-event"]);
    assert_eq!(s.wait_exit(), 2);
    s.assert_restored();
    let out = String::from_utf8_lossy(&s.raw);
    assert!(
        out.contains("--at no-such-event: no event with this id"),
        "{out}"
    );
}

#[test]
fn stdout_that_is_not_a_terminal_is_refused_with_a_hint() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_chronoscope"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("chronoscope list"));
}

#[test]
fn sighup_restores_the_terminal() {
    let mut s = Session::start(&[]);
    s.wait_for("Timeline 1/48");
    let pid = s.child.process_id().expect("child pid");
    let sent = std::process::Command::new("kill")
        .args(["-HUP", &pid.to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    assert_eq!(s.wait_exit(), 129);
    s.assert_restored();
}

#[test]
fn a_store_edited_on_disk_is_reloaded_keeping_the_selection() {
    let dir = tempfile::tempdir().unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(dir.path().join("assets/sources")).unwrap();
    for f in std::fs::read_dir(root.join("assets/sources")).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(
            &f,
            dir.path()
                .join("assets/sources")
                .join(f.file_name().unwrap()),
        )
        .unwrap();
    }
    let path = dir.path().join("events.yaml");
    let original = std::fs::read_to_string(root.join("events.yaml")).unwrap();
    std::fs::write(&path, &original).unwrap();
    let store = path.to_str().unwrap();
    let mut s = Session::start(&["--store", store, "--at", "arf-2023"]);
    s.wait_for("Timeline 48/48");
    let added = original.replacen(
        "\nevents:\n",
        "\nevents:\n  - id: added-by-test\n    date: \"1950\"\n    title: Added while open\n    context: true\n    note: test\n",
        1,
    );
    std::fs::write(&path, added).unwrap();
    s.wait_for("Timeline 49/49");
    std::fs::write(&path, "title: [broken\n").unwrap();
    s.wait_for("no longer loads");
    s.wait_for("Timeline 49/49");
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}
