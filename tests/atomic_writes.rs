//! Writes are atomic: `export --out` to an existing file, a symlink, a
//! directory, a FIFO, a device node, a socket or a failing disk leaves the
//! original untouched and nothing partial behind, and so does a signal in the
//! middle of a write; file permissions are those of an ordinary new file, or
//! kept when a file is replaced.

mod common;

use std::os::unix::fs::{FileTypeExt as _, PermissionsExt as _};
use std::os::unix::process::ExitStatusExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use common::hostile::Hostile;

const BIN: &str = env!("CARGO_BIN_EXE_chronoscope");

fn export_to(h: &Hostile, out: &Path, force: bool) -> Output {
    let mut args = vec!["export", "--format", "json", "--out", out.to_str().unwrap()];
    if force {
        args.push("--force");
    }
    h.run(&args)
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn an_existing_file_is_untouched_without_force_and_replaced_with_it() {
    let h = Hostile::new();
    let out_dir = tempfile::tempdir().unwrap();
    let target = out_dir.path().join("existing.json");
    std::fs::write(&target, b"precious").unwrap();
    let refused = export_to(&h, &target, false);
    assert_eq!(refused.status.code(), Some(2));
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(err.contains("already exists; nothing was written"), "{err}");
    assert!(err.contains("--force"), "{err}");
    assert_eq!(std::fs::read(&target).unwrap(), b"precious");
    let replaced = export_to(&h, &target, true);
    assert_eq!(replaced.status.code(), Some(0));
    assert!(std::fs::read_to_string(&target).unwrap().starts_with('{'));
    assert_eq!(files_in(out_dir.path()), ["existing.json"]);
}

#[test]
fn a_symlink_is_never_followed_and_its_target_untouched() {
    let h = Hostile::new();
    let out_dir = tempfile::tempdir().unwrap();
    let target = out_dir.path().join("target.txt");
    std::fs::write(&target, b"precious").unwrap();
    let link = out_dir.path().join("link.json");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    for force in [false, true] {
        let out = export_to(&h, &link, force);
        assert_eq!(out.status.code(), Some(2), "force: {force}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("is a symbolic link; nothing was written"),
            "{err}"
        );
        assert_eq!(std::fs::read(&target).unwrap(), b"precious");
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    }
    assert_eq!(files_in(out_dir.path()), ["link.json", "target.txt"]);
}

#[test]
fn a_directory_is_refused() {
    let h = Hostile::new();
    let out_dir = tempfile::tempdir().unwrap();
    let target = out_dir.path().join("folder");
    std::fs::create_dir(&target).unwrap();
    for force in [false, true] {
        let out = export_to(&h, &target, force);
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("is a directory; nothing was written"), "{err}");
        assert!(
            err.contains("folder/export.json"),
            "a name for the format: {err}"
        );
        assert!(files_in(&target).is_empty());
    }
}

/// `export --format json --out <target> [--force]` with a 1-block file-size
/// limit, SIGXFSZ ignored, so write(2) fails with EFBIG like a full disk.
fn export_over_the_size_limit(h: &Hostile, target: &Path, force: bool) -> Output {
    let mut cmd = Command::new("sh");
    cmd.args(["-c", r#"ulimit -f 1; trap "" XFSZ; exec "$0" "$@""#, BIN])
        .arg("--store")
        .arg(&h.store)
        .args(["export", "--format", "json", "--out"])
        .arg(target);
    if force {
        cmd.arg("--force");
    }
    cmd.output().unwrap()
}

#[test]
fn a_failed_write_leaves_the_original_untouched_and_no_temp_file() {
    let h = Hostile::new();
    let out_dir = tempfile::tempdir().unwrap();
    let target = out_dir.path().join("existing.json");
    let original = b"{\"the\": \"original\"}\n".repeat(10);
    std::fs::write(&target, &original).unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
    let out = export_over_the_size_limit(&h, &target, true);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("existing.json: cannot write"), "{err}");
    assert!(err.contains("File too large"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert!(err.contains("hint:"), "says what to do: {err}");
    assert_eq!(std::fs::read(&target).unwrap(), original, "byte-identical");
    assert_eq!(files_in(out_dir.path()), ["existing.json"], "no temp file");
}

#[test]
fn a_failed_write_to_a_new_file_creates_nothing() {
    let h = Hostile::new();
    let out_dir = tempfile::tempdir().unwrap();
    let target = out_dir.path().join("new.json");
    let out = export_over_the_size_limit(&h, &target, false);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("File too large"));
    assert!(files_in(out_dir.path()).is_empty(), "nothing left behind");
}

#[test]
fn an_export_file_gets_ordinary_permissions_and_a_replaced_one_keeps_its_own() {
    let h = Hostile::new();
    let out_dir = tempfile::tempdir().unwrap();
    let fresh = out_dir.path().join("fresh.json");
    let out = Command::new("sh")
        .args(["-c", r#"umask 022; exec "$0" "$@""#, BIN])
        .arg("--store")
        .arg(&h.store)
        .args(["export", "--format", "json", "--out"])
        .arg(&fresh)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(
        mode(&fresh),
        0o644,
        "0666 less the umask, like any new file"
    );
    let kept = out_dir.path().join("kept.json");
    std::fs::write(&kept, b"old").unwrap();
    std::fs::set_permissions(&kept, std::fs::Permissions::from_mode(0o640)).unwrap();
    assert_eq!(export_to(&h, &kept, true).status.code(), Some(0));
    assert_eq!(mode(&kept), 0o640, "the replaced file keeps its mode");
}

#[test]
fn a_directory_hint_names_a_file_of_the_format_asked_for() {
    let h = Hostile::new();
    let out_dir = tempfile::tempdir().unwrap();
    let out = h.run(&[
        "export",
        "--format",
        "md",
        "--out",
        out_dir.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/chronology.md"), "{err}");
    assert!(!err.contains("export.json"), "{err}");
}

#[test]
fn a_fifo_a_device_node_and_a_socket_are_never_replaced_even_with_force() {
    let h = Hostile::new();
    let out_dir = tempfile::tempdir().unwrap();
    let fifo = out_dir.path().join("pipe.json");
    mkfifo(&fifo);
    let socket = out_dir.path().join("socket.json");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let dev_null = PathBuf::from("/dev/null");
    for (target, kind) in [
        (&fifo, "is a FIFO (named pipe), not a regular file"),
        (&socket, "is a socket, not a regular file"),
        (&dev_null, "is a character device, not a regular file"),
    ] {
        for force in [false, true] {
            let out = export_to(&h, target, force);
            assert_eq!(out.status.code(), Some(2), "{target:?} force: {force}");
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(err.contains(kind), "{err}");
            assert!(err.contains("nothing was written"), "{err}");
            assert!(err.contains("hint:"), "{err}");
        }
    }
    let kind = |p: &Path| std::fs::symlink_metadata(p).unwrap().file_type();
    assert!(kind(&fifo).is_fifo());
    assert!(kind(&socket).is_socket());
    assert!(kind(&dev_null).is_char_device());
    assert_eq!(files_in(out_dir.path()), ["pipe.json", "socket.json"]);
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success(), "mkfifo {path:?}");
}

/// Where [`writer_blocked_on_a_fifo`] works, when it runs as a child.
const BLOCKED_WRITER_DIR: &str = "CHRONOSCOPE_TEST_BLOCKED_WRITER_DIR";

/// The child process of the next test: starts an atomic write whose content
/// comes from a FIFO nobody writes to, so it blocks with its temporary file
/// created, until a signal ends it.
#[test]
#[ignore = "run only as the child of an_interrupted_write_leaves_no_temporary_file"]
fn writer_blocked_on_a_fifo() {
    let dir = PathBuf::from(std::env::var_os(BLOCKED_WRITER_DIR).expect("run by the parent"));
    let fifo = dir.join("input.fifo");
    let _ = chronoscope::export::write::write_atomic_with(&dir.join("out.json"), false, |w| {
        w.write_all(b"the first part")?;
        let mut input = std::fs::File::open(&fifo)?;
        std::io::copy(&mut input, w).map(|_| ())
    });
    panic!("the write was meant to block until a signal ended the process");
}

#[test]
fn an_interrupted_write_leaves_no_temporary_file() {
    for (name, number) in [("INT", 2), ("TERM", 15), ("HUP", 1), ("QUIT", 3)] {
        let dir = tempfile::tempdir().unwrap();
        mkfifo(&dir.path().join("input.fifo"));
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "writer_blocked_on_a_fifo", "--ignored"])
            .args(["--test-threads", "1", "--nocapture"])
            .env(BLOCKED_WRITER_DIR, dir.path())
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        let is_temp = |n: &String| n.starts_with(".chronoscope-") && n.ends_with(".tmp");
        while !files_in(dir.path()).iter().any(is_temp) {
            if started.elapsed() > Duration::from_secs(30) {
                let _ = child.kill();
                panic!("SIG{name}: the writer never created its temporary file");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let pid = child.id().to_string();
        let sent = Command::new("kill")
            .args(["-s", name, &pid])
            .status()
            .unwrap();
        assert!(sent.success());
        let status = child.wait().unwrap();
        assert_eq!(
            status.signal(),
            Some(number),
            "SIG{name} ends it as that signal would"
        );
        assert_eq!(
            files_in(dir.path()),
            ["input.fifo"],
            "SIG{name}: no temporary file, no partial target"
        );
    }
}
