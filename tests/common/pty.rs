//! The real binary in a pseudo-terminal (portable-pty), its output parsed by
//! a terminal emulator (vt100). Shared by `tests/e2e_pty.rs` and
//! `tests/e2e_terminal.rs`.
//!
//! The master side is read on the test thread with `poll(2)` and a timeout,
//! so every wait is bounded and the pty can be closed under the child
//! ([`Session::hang_up`]). Waits are for text or for an exit, never a sleep
//! used as an assertion.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::os::fd::RawFd;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// The longest any wait lasts before the test fails.
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// How to start a session.
pub struct Launch {
    /// The program (default: the chronoscope binary).
    pub program: String,
    /// Its arguments.
    pub args: Vec<String>,
    /// Environment set on top of the test's (default: TERM=xterm-256color, NO_COLOR=1).
    pub env: Vec<(String, String)>,
    /// Environment variables removed.
    pub env_remove: Vec<String>,
    /// Terminal rows.
    pub rows: u16,
    /// Terminal columns.
    pub cols: u16,
}

impl Launch {
    /// chronoscope with `args` in a 30×100 terminal, TERM=xterm-256color, NO_COLOR=1.
    pub fn chronoscope(args: &[&str]) -> Launch {
        Launch {
            program: env!("CARGO_BIN_EXE_chronoscope").to_string(),
            args: args.iter().map(|s| s.to_string()).collect(),
            env: vec![
                ("TERM".into(), "xterm-256color".into()),
                ("NO_COLOR".into(), "1".into()),
            ],
            env_remove: Vec::new(),
            rows: 30,
            cols: 100,
        }
    }

    /// Sets (or replaces) one environment variable.
    pub fn env(mut self, key: &str, value: &str) -> Launch {
        self.env.retain(|(k, _)| k != key);
        self.env.push((key.into(), value.into()));
        self
    }

    /// Removes one environment variable.
    pub fn without_env(mut self, key: &str) -> Launch {
        self.env.retain(|(k, _)| k != key);
        self.env_remove.push(key.into());
        self
    }

    /// Sets the terminal size.
    pub fn size(mut self, rows: u16, cols: u16) -> Launch {
        self.rows = rows;
        self.cols = cols;
        self
    }

    /// Starts the session.
    pub fn start(self) -> Session {
        Session::launch(self)
    }
}

/// A running program on a pseudo-terminal.
pub struct Session {
    /// The child process.
    pub child: Box<dyn Child + Send + Sync>,
    master: Option<Box<dyn MasterPty + Send>>,
    reader: Option<Box<dyn Read + Send>>,
    writer: Option<Box<dyn Write + Send>>,
    fd: RawFd,
    eof: bool,
    /// Every byte the program wrote to the terminal.
    pub raw: Vec<u8>,
    /// The emulated screen.
    pub screen: vt100::Parser,
    /// The terminal modes before the program started.
    pub initial_modes: libc::termios,
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n.max(1)).unwrap()
}

impl Session {
    /// chronoscope with `args` (see [`Launch::chronoscope`]).
    pub fn start(args: &[&str]) -> Session {
        Launch::chronoscope(args).start()
    }

    fn launch(l: Launch) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: l.rows,
                cols: l.cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let fd = pty.master.as_raw_fd().expect("the master's descriptor");
        let initial_modes = modes(fd);
        let mut cmd = CommandBuilder::new(&l.program);
        cmd.args(&l.args);
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        for k in &l.env_remove {
            cmd.env_remove(k);
        }
        for (k, v) in &l.env {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).expect("spawn the program");
        drop(pty.slave);
        let reader = pty.master.try_clone_reader().unwrap();
        let writer = pty.master.take_writer().unwrap();
        Session {
            child,
            master: Some(pty.master),
            reader: Some(reader),
            writer: Some(writer),
            fd,
            eof: false,
            raw: Vec::new(),
            screen: vt100::Parser::new(nz(l.rows), nz(l.cols), 0),
            initial_modes,
        }
    }

    /// The child's process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("child pid")
    }

    /// Reads what the program wrote, waiting at most `wait` for it.
    pub fn pump(&mut self, wait: Duration) {
        let Some(reader) = self.reader.as_mut().filter(|_| !self.eof) else {
            std::thread::sleep(wait);
            return;
        };
        let mut p = libc::pollfd {
            fd: self.fd,
            events: libc::POLLIN,
            revents: 0,
        };
        let ms = i32::try_from(wait.as_millis()).unwrap_or(i32::MAX);
        // SAFETY: one valid pollfd, the master's descriptor is open while `reader` is.
        let ready = unsafe { libc::poll(&mut p, 1, ms) };
        if ready <= 0 {
            return;
        }
        let mut buf = [0u8; 16384];
        match reader.read(&mut buf) {
            Ok(n) if n > 0 => {
                self.screen.process(&buf[..n]);
                self.raw.extend_from_slice(&buf[..n]);
            }
            // EOF or EIO: every slave descriptor is closed (the program exited).
            _ => self.eof = true,
        }
    }

    /// Screen text.
    pub fn contents(&self) -> String {
        self.screen.screen().contents()
    }

    /// Waits until `text` is on the screen.
    pub fn wait_for(&mut self, text: &str) {
        let start = Instant::now();
        while !self.contents().contains(text) {
            assert!(
                start.elapsed() < TIMEOUT,
                "timed out waiting for {text:?}; screen:\n{}",
                self.contents()
            );
            self.pump(Duration::from_millis(100));
        }
    }

    /// Waits until the raw output holds `bytes` (at or after byte `from`).
    pub fn wait_for_bytes(&mut self, bytes: &[u8], from: usize) {
        let start = Instant::now();
        while !self.raw[from.min(self.raw.len())..]
            .windows(bytes.len())
            .any(|w| w == bytes)
        {
            assert!(
                start.elapsed() < TIMEOUT,
                "timed out waiting for {:?} in the output",
                String::from_utf8_lossy(bytes)
            );
            self.pump(Duration::from_millis(100));
        }
    }

    /// Types `keys`.
    pub fn keys(&mut self, keys: &str) {
        let w = self.writer.as_mut().expect("the pty is open");
        w.write_all(keys.as_bytes()).unwrap();
        w.flush().unwrap();
    }

    /// Resizes the terminal (the program gets SIGWINCH) and the emulated screen.
    pub fn resize(&mut self, rows: u16, cols: u16) {
        let m = self.master.as_ref().expect("the pty is open");
        m.resize(PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
        self.screen.screen_mut().set_size(nz(rows), nz(cols));
    }

    /// Closes every descriptor of the master side: the terminal goes away
    /// under the program, as when a terminal window or ssh connection closes.
    pub fn hang_up(&mut self) {
        self.reader = None;
        self.writer = None;
        self.master = None;
        self.eof = true;
    }

    /// Sends `signal` to the child.
    pub fn signal(&self, signal: libc::c_int) {
        send(self.pid(), signal);
    }

    /// Waits for the child to exit and returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                self.drain();
                return status.exit_code();
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "the program did not exit; screen:\n{}",
                self.contents()
            );
            self.pump(Duration::from_millis(50));
        }
    }

    /// Reads what is left of the output.
    pub fn drain(&mut self) {
        let start = Instant::now();
        while !self.eof && start.elapsed() < TIMEOUT {
            let before = self.raw.len();
            self.pump(Duration::from_millis(200));
            if self.raw.len() == before && !self.eof {
                break;
            }
        }
    }

    /// The terminal's current modes (the slave side's termios).
    pub fn modes(&self) -> libc::termios {
        modes(self.fd)
    }

    /// Raw mode is on: no line editing, no echo, no signal keys.
    pub fn assert_raw_mode(&self) {
        let m = self.modes();
        assert_eq!(
            m.c_lflag & (libc::ICANON | libc::ECHO | libc::ISIG),
            0,
            "raw mode is on while the explorer runs"
        );
    }

    /// The terminal is as it was found: main screen (the last alternate-screen
    /// switch leaves it), cursor shown, and the termios modes identical to
    /// those before the program started (so raw mode is off).
    pub fn assert_restored(&self) {
        let out = String::from_utf8_lossy(&self.raw);
        let left = out
            .rfind("\u{1b}[?1049l")
            .expect("alternate screen left (ESC[?1049l)");
        let entered = out
            .rfind("\u{1b}[?1049h")
            .expect("alternate screen entered");
        assert!(left > entered, "the last alternate-screen switch leaves it");
        let shown = out.rfind("\u{1b}[?25h").expect("cursor shown (ESC[?25h)");
        if let Some(hidden) = out.rfind("\u{1b}[?25l") {
            assert!(
                shown > hidden,
                "the cursor is shown after it was last hidden"
            );
        }
        self.assert_modes_restored();
    }

    /// The termios modes are those from before the program started.
    pub fn assert_modes_restored(&self) {
        let now = self.modes();
        let was = &self.initial_modes;
        assert_eq!(
            (now.c_iflag, now.c_oflag, now.c_lflag, now.c_cflag),
            (was.c_iflag, was.c_oflag, was.c_lflag, was.c_cflag),
            "terminal modes restored (raw mode off)"
        );
        assert_ne!(now.c_lflag & libc::ICANON, 0, "line editing back on");
        assert_ne!(now.c_lflag & libc::ECHO, 0, "echo back on");
    }
}

fn modes(fd: RawFd) -> libc::termios {
    // SAFETY: termios is plain data; tcgetattr fills it or fails.
    unsafe {
        let mut t: libc::termios = std::mem::zeroed();
        // On Linux, TCGETS on a pty master reads the slave's modes.
        assert_eq!(libc::tcgetattr(fd, &mut t), 0, "tcgetattr on the pty");
        t
    }
}

/// Sends `signal` to process `pid`.
pub fn send(pid: u32, signal: libc::c_int) {
    let pid = libc::pid_t::try_from(pid).unwrap();
    // SAFETY: kill(2) with a child's pid.
    assert_eq!(unsafe { libc::kill(pid, signal) }, 0, "kill {pid}");
}

/// A process's state letter and CPU time so far (user + system, in clock
/// ticks), from `/proc/<pid>/stat`; `None` once it is gone.
pub fn proc_stat(pid: u32) -> Option<(char, u64)> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name is in parentheses and may hold spaces: split after it.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    let state = fields.first()?.chars().next()?;
    // Fields 14 and 15 (utime, stime) are at 11 and 12 after the state (field 3).
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some((state, utime + stime))
}

/// Clock ticks per second (for [`proc_stat`] CPU times).
pub fn ticks_per_second() -> u64 {
    // SAFETY: sysconf has no preconditions.
    u64::try_from(unsafe { libc::sysconf(libc::_SC_CLK_TCK) }).unwrap_or(100)
}

/// The SGR (`ESC [ … m`) parameter lists in `raw`, e.g. `["1", "7", "0"]`.
pub fn sgr_params(raw: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < raw.len() {
        if raw[i] == 0x1b && raw[i + 1] == b'[' {
            let start = i + 2;
            let mut j = start;
            while j < raw.len() && (raw[j].is_ascii_digit() || raw[j] == b';' || raw[j] == b':') {
                j += 1;
            }
            if j < raw.len() && raw[j] == b'm' {
                out.push(String::from_utf8_lossy(&raw[start..j]).into_owned());
            }
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// The SGR codes that set a colour (30–38, 40–48, 90–97, 100–107) among `params`.
pub fn colour_codes(params: &[String]) -> Vec<u16> {
    params
        .iter()
        .flat_map(|p| p.split([';', ':']))
        .filter_map(|c| c.parse::<u16>().ok())
        .filter(|c| matches!(c, 30..=38 | 40..=48 | 90..=97 | 100..=107))
        .collect()
}
