//! A hostile store: escape sequences (SGR, screen clearing, OSC 52 clipboard,
//! OSC 8 hyperlinks, OSC 0 window title), C1 controls, bidi overrides,
//! zero-width and tag characters, CRLF + `END:VEVENT`, spreadsheet formulas,
//! Markdown structure and wide CJK text in every kind of field. It loads
//! (`check` flags it); what it must never do is reach a terminal or a file raw.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The escape sequences hidden in the store, as written to a terminal.
pub const PAYLOADS: &[&[u8]] = &[
    b"\x1b[31m",
    b"\x1b[2J",
    b"\x1b]52;",
    b"\x1b]8;",
    b"\x1b]0;",
    "\u{9b}31m".as_bytes(),
    "\u{9d}".as_bytes(),
    "\u{202e}".as_bytes(),
    "\u{2066}".as_bytes(),
    "\u{200b}".as_bytes(),
    "\u{feff}".as_bytes(),
    "\u{e0041}".as_bytes(),
];

/// Every hostile piece, in YAML double-quoted escapes.
const ESC: &str = r"\e[31mRED\e[0m\e[2J\e]52;c;SGFja2Vk\a\e]8;;https://evil.example/\e\\link\e]8;;\e\\\e]0;pwned\a\x9b31m\x9d0;c1\x9c\u202Eevil\u202C\u2066iso\u2069zero\u200Bwidth\uFEFF\U000E0041\x7f\b";

/// The archived text: the quotes below are verbatim in it, hazards included.
pub const SOURCE_TEXT: &str = "A plain opening line.\nJapan and North Korea agreed to resume \u{1b}[31mtalks\u{1b}[0m in Beijing.\n横田めぐみさんの件で協議した。김정일 위원장.\nThe end \u{202e}of the text.\n";

/// Event ids that are safe to name on a command line.
pub const PLAIN_IDS: [&str; 3] = ["cjk-wide", "injection", "talks"];

/// The store's YAML.
pub fn yaml() -> String {
    format!(
        r#"title: "Hostile {ESC} chronology"
description: "Description {ESC}"
sources:
  - id: s1
    title: "Source {ESC}"
    publisher: "=HYPERLINK(\"http://evil.example\") {ESC}"
    published: "2014-03-22"
    author: "Author {ESC}"
    url: "http://evil.example/\u202Eexe.txt"
    language: "ja\e[31m"
    text: assets/src.txt
actors:
  - id: a1
    name: "横田めぐみ {ESC}"
    aliases: ["Alias {ESC}", "김정일"]
    note: "Actor note {ESC}"
places:
  - id: p1
    name: "Place {ESC}"
eras:
  - id: era1
    name: "Era {ESC}"
    date: "2000/2020"
events:
  - id: talks
    date: "2014-03-20"
    title: "Talks {ESC}"
    summary: "Summary {ESC}\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:injected"
    place: p1
    actors: [a1]
    tags: ["=cmd|' /C calc'!A0", "tag {ESC}"]
    lane: "Lane {ESC}"
    note: "Note {ESC}"
    excerpts:
      - source: s1
        quote: "agreed to resume \e[31mtalks\e[0m in Beijing"
    discrepancies:
      - source: s1
        says: "Says {ESC}"
        record: "Record {ESC}"
        basis: "Basis {ESC}"
  - id: cjk-wide
    date: "2014-03"
    title: "横田めぐみさんの件で協議 김정일"
    summary: "日本語の要約。한국어 요약."
    excerpts:
      - source: s1
        quote: "横田めぐみさんの件で協議した。"
  - id: injection
    date: "2015"
    title: "+1 # Not a heading | a | b | <script>alert(1)</script> [^1]: fake"
    summary: "\n\n## Injected heading\n\n| x | y |\n|---|---|\n| 1 | 2 |\n\n- list\n1. item\n<img src=x onerror=alert(1)>"
    note: "@SUM(1+1)*cmd|' /C calc'!A0"
    context: true
  - id: "evil\e[31m-id\u202E"
    date: "2016-05-01"
    title: "-2+3 {ESC}"
    context: true
    note: "\tTab-led note"
"#
    )
}

/// Writes the store into `dir` and returns the path of its `events.yaml`.
pub fn write_store(dir: &Path) -> PathBuf {
    std::fs::create_dir_all(dir.join("assets")).unwrap();
    std::fs::write(dir.join("assets/src.txt"), SOURCE_TEXT).unwrap();
    let path = dir.join("events.yaml");
    std::fs::write(&path, yaml()).unwrap();
    path
}

/// The hazardous characters in `bytes` (as text), except `\n`, `\t` and a `\r`
/// that ends a line (`\r\n`), with their byte offsets.
pub fn hazards(bytes: &[u8]) -> Vec<(usize, char)> {
    let text = String::from_utf8_lossy(bytes);
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\r' && chars.peek().is_some_and(|&(_, n)| n == '\n') {
            continue;
        }
        if c == '\u{1b}'
            || ('\u{80}'..='\u{9f}').contains(&c)
            || chronoscope::sanitize::hazard(c).is_some()
        {
            out.push((i, c));
        }
    }
    out
}

/// Fails unless `bytes` hold no hazardous character at all.
pub fn assert_no_hazard(bytes: &[u8], what: &str) {
    let found = hazards(bytes);
    assert!(
        found.is_empty(),
        "{what}: raw hazards {:?} at {:?}…; text:\n{}",
        found.iter().map(|(_, c)| *c).take(8).collect::<Vec<_>>(),
        found.first().map(|(i, _)| *i),
        String::from_utf8_lossy(bytes)
    );
}

/// Fails if `bytes` hold any of the store's escape payloads.
pub fn assert_no_payload(bytes: &[u8], what: &str) {
    for p in PAYLOADS {
        assert!(
            !bytes.windows(p.len()).any(|w| w == *p),
            "{what}: the store's payload {:?} reached the output",
            String::from_utf8_lossy(p)
        );
    }
}

/// A hostile store in a temporary folder, and the binary run on it.
pub struct Hostile {
    /// The folder (deleted when dropped).
    pub dir: tempfile::TempDir,
    /// Its `events.yaml`.
    pub store: PathBuf,
}

impl Hostile {
    /// Writes the store.
    pub fn new() -> Hostile {
        let dir = tempfile::tempdir().unwrap();
        let store = write_store(dir.path());
        Hostile { dir, store }
    }

    /// `chronoscope --store STORE ARGS` (SOURCE_DATE_EPOCH fixed, NO_COLOR unset).
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_chronoscope"))
            .arg("--store")
            .arg(&self.store)
            .args(args)
            .env("SOURCE_DATE_EPOCH", "1700000000")
            .env_remove("NO_COLOR")
            .output()
            .unwrap()
    }

    /// The store as the library loads it.
    pub fn loaded(&self) -> chronoscope::store::Store {
        chronoscope::store::Store::load_path(&self.store)
            .expect("the hostile store loads")
            .store
    }
}
