//! Opening a store: time to first frame (store parsed and timeline rows
//! ready), until search is ready, until `check` is done, and peak memory,
//! cold (no snapshot) and warm (snapshot of the unchanged store), beside two
//! floors measured in the same run: reading the file, and serde_json parsing
//! the same events written as JSON. Each measurement runs in a fresh child
//! process so its peak RSS (`VmHWM`) is its own. The one-shot commands
//! (`list`, `search`, `show`, `export`) of the real binary are timed warm
//! beside `fzf --filter` over the same events as text lines, when fzf is
//! installed.
//!
//! ```sh
//! cargo bench --bench open                          # 10k and 100k events
//! OPEN_BENCH_SIZES=1000000 cargo bench --bench open # the 1M row (run once, by hand)
//! OPEN_BENCH_WRITE=/tmp/s100k OPEN_BENCH_SIZES=100000 cargo bench --bench open # write the store only
//! ```

// The binary's allocator and its options: the bench measures what it does.
#[path = "../src/allocator.rs"]
mod allocator;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use chrono::NaiveDate;
use chronoscope::cache::open_deferred_in;
use chronoscope::check::{Progress, Report, check_store};
use chronoscope::tui::action::Action;
use chronoscope::tui::app::App;
use chronoscope::tui::rows::Timeline;
use chronoscope::tui::theme::Theme;
use chronoscope::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const CHILD: &str = "OPEN_BENCH_CHILD";

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// In a child: open (through the cache folder given), draw the first frame,
/// build the search index, check; print the times and the peak RSS.
fn child(path: &Path, cache: &Path) {
    let t0 = Instant::now();
    // As the explorer does: a snapshot is written after the first frame.
    let loaded = open_deferred_in(path, Some(cache)).expect("store loads");
    let parsed = ms(t0);
    let empty = Report {
        findings: Vec::new(),
        located: Vec::new(),
        events: 0,
    };
    let today = NaiveDate::from_ymd_opt(2026, 1, 1).expect("a date");
    let from_cache = loaded.from_cache();
    let (store, mut rest) = loaded.split();
    // As the explorer does: the first frame while the index is read (warm)
    // or built (cold) on its own thread, then a search, then the check.
    let index = rest.index_cache();
    let timeline = Timeline::build(&store);
    let mut app = App::laid_out(store, timeline, index, today);
    app.set_report(&empty);
    app.resize(120, 40);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test terminal");
    terminal
        .draw(|f| view::render(&app, &Theme::colored(), f))
        .expect("frame");
    let frame = ms(t0);
    rest.save_snapshot(app.store());
    app.update(Action::Search);
    for c in "koizumi".chars() {
        app.update(Action::PromptInput(c));
    }
    app.wait_for_search();
    let search = ms(t0);
    let cancel = AtomicBool::new(false);
    let progress = Progress {
        on_progress: &|_, _| {},
        cancel: &cancel,
    };
    let report = check_store(app.store(), &rest, &progress).expect("not cancelled");
    let checked = ms(t0);
    println!(
        "{parsed:.1} {frame:.1} {search:.1} {checked:.1} {:.1} {from_cache} {}",
        peak_rss_mb(),
        report.findings.len()
    );
}

struct Run {
    frame: f64,
    search: f64,
    checked: f64,
    rss: f64,
    from_cache: bool,
}

fn run_child(path: &Path, cache: &Path) -> Run {
    let out = Command::new(std::env::current_exe().expect("own path"))
        .env(CHILD, "1")
        .arg(path)
        .arg(cache)
        .stderr(Stdio::inherit())
        .output()
        .expect("child runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let f: Vec<&str> = text.split_whitespace().collect();
    let num = |i: usize| f.get(i).and_then(|v| v.parse().ok()).unwrap_or(f64::NAN);
    Run {
        frame: num(1),
        search: num(2),
        checked: num(3),
        rss: num(4),
        from_cache: f.get(5) == Some(&"true"),
    }
}

/// Median wall time of a whole process, in ms.
fn time_process(cmd: &mut dyn FnMut() -> Command, runs: usize) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            let _ = cmd().stdout(Stdio::null()).stderr(Stdio::null()).status();
            ms(t)
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[runs / 2]
}

fn one_shot(path: &Path, cache: &Path, dir: &Path, store: &chronoscope::store::Store) {
    let bin = env!("CARGO_BIN_EXE_chronoscope");
    let id = store.events[store.events.len() / 2].id.clone();
    let commands: [(&str, Vec<&str>); 4] = [
        ("search koizumi --json", vec!["search", "koizumi", "--json"]),
        ("list", vec!["list"]),
        ("show ID", vec!["show", &id]),
        ("export --format json", vec!["export", "--format", "json"]),
    ];
    let fzf = Command::new("fzf")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    let fzf_ms = if fzf {
        let lines: String = store
            .events
            .iter()
            .map(|e| {
                format!(
                    "{} {} {} {}\n",
                    e.date,
                    e.title,
                    e.summary,
                    e.tags.join(" ")
                )
            })
            .collect();
        let hay = dir.join("lines.txt");
        std::fs::write(&hay, lines).expect("lines written");
        let f = std::fs::File::open(&hay).expect("lines");
        drop(f);
        time_process(
            &mut || {
                let mut c = Command::new("fzf");
                c.args(["--filter", "koizumi"])
                    .stdin(std::fs::File::open(&hay).expect("lines"));
                c
            },
            3,
        )
    } else {
        f64::NAN
    };
    for (name, args) in commands {
        let warm = time_process(
            &mut || {
                let mut c = Command::new(bin);
                c.env("CHRONOSCOPE_CACHE_DIR", cache)
                    .arg("--store")
                    .arg(path)
                    .args(&args);
                c
            },
            3,
        );
        println!(
            "    one-shot warm `{name}`: {warm:.0} ms; fzf --filter koizumi: {fzf_ms:.0} ms; ratio {:.2}",
            warm / fzf_ms
        );
    }
    if !fzf {
        println!("    (fzf is not installed: no comparison)");
    }
}

/// The YAML parse alone, with the loader's options and variants of them, on
/// the same file: what the safety budgets and the schema resolution cost.
fn parse_variants(path: &Path) {
    use chronoscope::model::StoreFile;
    let text = std::fs::read_to_string(path).expect("store text");
    let time = |options: serde_saphyr::Options| {
        let t = Instant::now();
        let parsed = serde_saphyr::from_str_with_options::<StoreFile>(&text, options);
        let took = ms(t);
        if parsed.is_ok() {
            format!("{took:.0} ms")
        } else {
            "refused".to_string()
        }
    };
    let loader = chronoscope::yaml::options(text.len());
    let mut no_budget = loader.clone();
    no_budget.budget = None;
    let mut no_schema = loader.clone();
    no_schema.no_schema = true;
    println!(
        "    YAML parse only (serde-saphyr into the spanned file): loader's options {}; without budgets {}; no_schema {}",
        time(loader),
        time(no_budget),
        time(no_schema)
    );
}

fn main() {
    allocator::configure();
    if std::env::var_os(CHILD).is_some() {
        let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
        let files: Vec<&PathBuf> = args
            .iter()
            .filter(|a| !a.to_string_lossy().starts_with("--"))
            .collect();
        child(files[0], files[1]);
        return;
    }
    let sizes: Vec<usize> = std::env::var("OPEN_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 100_000]);
    if let Some(out) = std::env::var_os("OPEN_BENCH_WRITE") {
        // For profiling by hand: the first size's store and its source text
        // written into the folder given, nothing timed.
        let out = PathBuf::from(out);
        std::fs::create_dir_all(&out).expect("folder for the store");
        let n = sizes.first().copied().unwrap_or(100_000);
        std::fs::write(out.join("events.yaml"), chronoscope::synth::yaml(n, 42)).expect("store");
        std::fs::write(out.join("synth-source.txt"), "synthetic source\n").expect("source");
        return;
    }
    let dir = std::env::temp_dir().join(format!("chronoscope-open-{}", std::process::id()));
    let cache = dir.join("cache");
    let _ = std::fs::create_dir_all(&dir);
    println!(
        "{:>8} {:>7} | {:>6} {:>7} | {:>26} | {:>26} | {:>9} {:>9}",
        "events",
        "YAML MB",
        "read",
        "json",
        "cold: frame/search/check ms",
        "warm: frame/search/check ms",
        "RSS cold",
        "RSS warm"
    );
    for n in sizes {
        let path = dir.join("events.yaml");
        let yaml = chronoscope::synth::yaml(n, 42);
        std::fs::write(&path, &yaml).expect("store written");
        std::fs::write(dir.join("synth-source.txt"), "synthetic source\n").expect("source");
        let store = chronoscope::synth::store(n, 42);
        let json = serde_json::to_string(&store.events).expect("events as JSON");
        drop(yaml);
        let t = Instant::now();
        let bytes = std::fs::read(&path).expect("read");
        let read = ms(t);
        let mb = bytes.len() as f64 / (1024.0 * 1024.0);
        drop(bytes);
        let t = Instant::now();
        let value: serde_json::Value = serde_json::from_str(&json).expect("json parses");
        let json_ms = ms(t);
        drop((value, json));
        parse_variants(&path);
        // The one-shot comparison needs the events as text lines; a 1M store
        // is not held while its children measure their memory.
        let store = (n <= 100_000).then_some(store);
        let _ = std::fs::remove_dir_all(&cache);
        let cold = run_child(&path, &cache);
        let warm = run_child(&path, &cache);
        assert!(
            !cold.from_cache && warm.from_cache,
            "cold parses YAML, warm reads the snapshot"
        );
        println!(
            "{n:>8} {mb:>7.1} | {read:>6.1} {json_ms:>7.0} | {:>8.0} {:>8.0} {:>8.0} | {:>8.0} {:>8.0} {:>8.0} | {:>5.0} MB {:>5.0} MB",
            cold.frame,
            cold.search,
            cold.checked,
            warm.frame,
            warm.search,
            warm.checked,
            cold.rss,
            warm.rss
        );
        println!(
            "    first frame / serde_json floor: cold {:.2}x, warm {:.2}x; peak RSS / YAML size: cold {:.1}x, warm {:.1}x",
            cold.frame / json_ms,
            warm.frame / json_ms,
            cold.rss / mb,
            warm.rss / mb
        );
        if let Some(store) = store {
            one_shot(&path, &cache, &dir, &store);
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
