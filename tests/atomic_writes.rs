//! Writes are atomic: `export --out` to an existing file, a symlink, a
//! directory or a failing disk leaves the original untouched and nothing
//! partial behind; file permissions are those of an ordinary new file, or
//! kept when a file is replaced.

mod common;

use std::os::unix::fs::PermissionsExt as _;
use std::path::Path;
use std::process::{Command, Output};

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
