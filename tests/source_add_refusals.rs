//! `source add` refuses bad articles (binary, huge, foreign encodings,
//! control and bidi characters, hostile HTML, bad dates and ids) with
//! `file:line:col` and a hint, exit 2, and leaves the store untouched.

mod article_support;

use std::path::PathBuf;

use article_support::{bin, files_under, working_copy};

/// Each bad input: exit 2 with a message holding `words`, no escape byte,
/// and the working copy byte-identical with no file added.
fn refused(file_bytes: &[u8], name: &str, extra: &[&str], words: &[&str]) {
    let (dir, store) = working_copy();
    let before: Vec<(PathBuf, Vec<u8>)> = files_under(&dir.path().join("w"))
        .into_iter()
        .map(|p| (p.clone(), std::fs::read(&p).unwrap()))
        .collect();
    let input = dir.path().join(name);
    std::fs::write(&input, file_bytes).unwrap();
    let out = bin()
        .arg("--store")
        .arg(&store)
        .args(["source", "add"])
        .arg(&input)
        .args(extra)
        .timeout(std::time::Duration::from_secs(30))
        .assert()
        .code(2)
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    for w in words {
        assert!(err.contains(w), "{name}: `{w}` not in {err}");
    }
    assert!(!err.contains('\u{1b}'), "{name}: raw escape in {err:?}");
    let after: Vec<(PathBuf, Vec<u8>)> = files_under(&dir.path().join("w"))
        .into_iter()
        .map(|p| (p.clone(), std::fs::read(&p).unwrap()))
        .collect();
    assert_eq!(before, after, "{name}: the working copy changed");
}

#[test]
fn bad_articles_are_refused_with_where_and_what_to_do() {
    let flags = [
        "--title",
        "T",
        "--publisher",
        "P",
        "--published",
        "2020-01-01",
    ];
    refused(
        b"GIF89a\x01\x00\x00\x00binary",
        "image.txt",
        &flags,
        &["image.txt:1:", "binary file"],
    );
    refused(
        b"caf\xe9 au lait\n",
        "latin1.txt",
        &flags,
        &["latin1.txt:1:4", "not valid UTF-8", "iconv"],
    );
    refused(b"\xff\xfeh\x00i\x00", "utf16.txt", &flags, &["UTF-16"]);
    refused(
        b"Fine line.\nA \x1b[31mred\x1b[0m line.\n",
        "ansi.txt",
        &flags,
        &["ansi.txt:2:3", "control character"],
    );
    refused(
        "Quiet \u{202e}reversed\n".as_bytes(),
        "bidi.md",
        &flags,
        &["bidi.md:1:7", "bidi"],
    );
    refused(
        b"An article.\n",
        "date.txt",
        &[
            "--title",
            "T",
            "--publisher",
            "P",
            "--published",
            "last Tuesday",
        ],
        &["--published", "not a valid EDTF date"],
    );
    refused(
        b"An article.\n",
        "nodate.txt",
        &["--title", "T", "--publisher", "P"],
        &["no publication date", "--published"],
    );
    refused(
        b"An article.\n",
        "id.txt",
        &[
            "--title",
            "T",
            "--publisher",
            "P",
            "--published",
            "2020",
            "--id",
            "../escape",
        ],
        &["--id", "letters"],
    );
    let hostile = "<html><head><title>X</title><script>document.write('\u{1b}]52;c;ZXZpbA==\u{7}')</script></head><body><article><p>Text \u{1b}[2J with an escape, long enough to be an article body for the reader view to keep it as content, yes indeed, more words here.</p></article><img src=x onerror=alert(1)></body></html>";
    refused(
        hostile.as_bytes(),
        "hostile.html",
        &flags,
        &[
            "hostile.html:",
            "control character",
            "extracted article text",
        ],
    );
}

#[test]
fn huge_files_and_folders_are_refused_without_reading_them() {
    let (dir, store) = working_copy();
    let big = dir.path().join("big.txt");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(16 * 1024 * 1024 + 1)
        .unwrap();
    for (path, words) in [
        (&big, "over the 16777216-byte cap"),
        (&dir.path().to_path_buf(), "not a regular file"),
    ] {
        let out = bin()
            .arg("--store")
            .arg(&store)
            .args(["source", "add"])
            .arg(path)
            .assert()
            .code(2)
            .get_output()
            .clone();
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(words), "{err}");
    }
}

#[test]
fn pages_too_big_or_too_deep_for_the_reader_are_refused_quickly() {
    let flags = ["--published", "2020-01-01"];
    let deep = format!(
        "<html><body>{}<p>Text.</p>{}</body></html>",
        "<div>".repeat(300),
        "</div>".repeat(300)
    );
    refused(
        deep.as_bytes(),
        "deep.html",
        &flags,
        &["deep.html:", "nested 303 deep", "cap is 256"],
    );
    let wide = format!(
        "<html><body>{}</body></html>",
        "<p>Words.</p>".repeat(100_001)
    );
    refused(
        wide.as_bytes(),
        "wide.html",
        &flags,
        &["wide.html:", "100003 elements", "cap is 100000"],
    );
}
