//! Search benchmark: `cargo bench --bench search` (quick: `SEARCH_BENCH_QUICK=1`
//! skips 1M events; `SEARCH_BENCH_SIZES=1000,10000` picks sizes).
//!
//! For each size: build a synthetic store, index it, then type each query one
//! character at a time the way the explorer does (each keystroke narrows the
//! previous complete result when it can) and time every keystroke. Reports the
//! median and p99 per keystroke, index time, YAML load time through the real
//! loader (up to 100k), peak memory (VmHWM), and `fzf --filter` on the same
//! haystack lines with the ratio to a from-scratch search of the full query,
//! and the explorer's frame render time over a store of that size.

use chrono::NaiveDate;
use chronoscope::check::Report;
use chronoscope::tui::action::Action;
use chronoscope::tui::app::App;
use chronoscope::tui::theme::Theme;
use chronoscope::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chronoscope::search::{CancelToken, Engine, Query, Results, Searcher};
use chronoscope::store::Store;
use chronoscope::synth;

const QUERIES: [&str; 7] = [
    "koizumi pyongyang",
    "abduct 1977",
    "jakarta arf",
    "横田",
    "tag:abduction year:1990..2010 talks",
    "koizmi pyongyan declaraton",
    "after:1990 within:2y talks",
];

fn vm_hwm_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i]
}

/// CPU time of the calling thread, in ms (immune to other processes' load).
fn thread_cpu_ms() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec through a valid pointer.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    if rc != 0 {
        return 0.0;
    }
    ts.tv_sec as f64 * 1e3 + ts.tv_nsec as f64 / 1e6
}

/// Types `q` one char at a time; returns per-keystroke wall times and,
/// with one search thread, per-keystroke CPU times.
fn type_query(engine: &Engine, q: &str, cpu: &mut Vec<f64>) -> Vec<f64> {
    let mut times = Vec::new();
    let mut last: Option<Results> = None;
    let mut typed = String::new();
    for c in q.chars() {
        typed.push(c);
        let t0 = Instant::now();
        let c0 = thread_cpu_ms();
        if let Ok(query) = Query::parse(&typed) {
            let r = engine.search_after(&query, &CancelToken::new(), last.as_ref());
            last = Some(r);
        }
        let t = ms(t0.elapsed());
        let c = thread_cpu_ms() - c0;
        cpu.push(c);
        if std::env::var_os("SEARCH_BENCH_TRACE").is_some() {
            let (hits, examined) = last.as_ref().map_or((0, 0), |r| (r.hits.len(), r.examined));
            eprintln!(
                "    {typed:?}: {t:.2} ms wall, {c:.2} ms CPU, {hits} hits of {examined} examined"
            );
        }
        times.push(t);
    }
    times
}

fn fzf_available() -> bool {
    Command::new("fzf")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn haystack(store: &Store) -> String {
    let mut s = String::new();
    for e in &store.events {
        let mut line = format!("{} {} {}", e.title, e.summary, e.tags.join(" "));
        for x in &e.excerpts {
            line.push(' ');
            line.push_str(&x.quote);
        }
        if let Some(n) = &e.note {
            line.push(' ');
            line.push_str(n);
        }
        s.push_str(&line.replace('\n', " "));
        s.push('\n');
    }
    s
}

fn fzf_time(path: &std::path::Path, q: &str) -> Option<f64> {
    let t0 = Instant::now();
    let input = std::fs::File::open(path).ok()?;
    let out = Command::new("fzf")
        .args(["--filter", q])
        .stdin(input)
        .stdout(Stdio::null())
        .status()
        .ok()?;
    // fzf exits 1 when nothing matches; both are complete runs.
    (out.code().is_some_and(|c| c <= 1)).then(|| ms(t0.elapsed()))
}

fn main() {
    let quick = std::env::var_os("SEARCH_BENCH_QUICK").is_some();
    let sizes: Vec<usize> = match std::env::var("SEARCH_BENCH_SIZES") {
        Ok(s) => s.split(',').filter_map(|x| x.trim().parse().ok()).collect(),
        Err(_) if quick => vec![1_000, 10_000, 100_000],
        Err(_) => vec![1_000, 10_000, 100_000, 1_000_000],
    };
    let custom: Vec<String> = std::env::var("SEARCH_BENCH_QUERIES")
        .map(|s| s.split(',').map(str::to_string).collect())
        .unwrap_or_default();
    let queries: Vec<&str> = if custom.is_empty() {
        QUERIES.to_vec()
    } else {
        custom.iter().map(String::as_str).collect()
    };
    let fzf = fzf_available();
    if !fzf {
        println!("notice: fzf is not installed; skipping the fzf comparison");
    }
    println!(
        "{:>9} | {:>9} | {:>9} | {:>8} | {:>8} | {:>8} | {:>9} | {:>9} | {:>6}",
        "events",
        "load ms",
        "index ms",
        "key p50",
        "key p99",
        "key max",
        "full p50",
        "fzf p50",
        "fzf/us"
    );
    let dir = std::env::temp_dir().join(format!("chronoscope-bench-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    for &n in &sizes {
        let load = if n <= 100_000 && std::env::var_os("SEARCH_BENCH_NO_LOAD").is_none() {
            let path = dir.join("events.yaml");
            let _ = std::fs::write(&path, synth::yaml(n, 42));
            let _ = std::fs::write(dir.join("synth-source.txt"), "synthetic source\n");
            let t0 = Instant::now();
            let ok = Store::load_path(&path).is_ok();
            let t = ms(t0.elapsed());
            let _ = std::fs::remove_file(&path);
            if ok {
                format!("{t:.0}")
            } else {
                "error".into()
            }
        } else {
            "-".into()
        };
        let store = synth::store(n, 42);
        let t0 = Instant::now();
        let engine = Engine::new(Arc::new(store));
        let index_ms = ms(t0.elapsed());

        let mut keys = Vec::new();
        let mut full = Vec::new();
        let mut fzf_times = Vec::new();
        let hay_path = dir.join("haystack.txt");
        // fzf over 1M lines of ~700 bytes takes minutes per query: skipped there.
        let fzf = fzf && n <= 100_000;
        if fzf {
            let _ = std::fs::File::create(&hay_path)
                .and_then(|mut f| f.write_all(haystack(engine.store()).as_bytes()));
        }
        let mut engine = engine;
        let mut cpu = Vec::new();
        engine.set_threads(1);
        for &q in &queries {
            type_query(&engine, q, &mut cpu);
        }
        engine.set_threads(usize::MAX);
        cpu.sort_by(f64::total_cmp);
        for &q in &queries {
            keys.extend(type_query(&engine, q, &mut Vec::new()));
            let parsed = Query::parse(q).expect("benchmark queries parse");
            let t0 = Instant::now();
            let r = engine.search(&parsed, &CancelToken::new());
            full.push(ms(t0.elapsed()));
            if n == sizes[0] {
                eprintln!("  {q:?}: {} hits", r.hits.len());
            }
            if fzf {
                // fzf has no filter syntax: give it the free words only.
                let words: Vec<&str> = q.split(' ').filter(|w| !w.contains(':')).collect();
                if let Some(t) = fzf_time(&hay_path, &words.join(" ")) {
                    fzf_times.push(t);
                }
            }
        }
        keys.sort_by(f64::total_cmp);
        full.sort_by(f64::total_cmp);
        fzf_times.sort_by(f64::total_cmp);
        let (fzf_p50, ratio) = if fzf_times.is_empty() {
            ("-".to_string(), "-".to_string())
        } else {
            let f = percentile(&fzf_times, 0.5);
            (
                format!("{f:.1}"),
                format!("{:.1}", f / percentile(&full, 0.5)),
            )
        };
        println!(
            "{:>9} | {:>9} | {:>9.0} | {:>8.2} | {:>8.2} | {:>8.2} | {:>9.2} | {:>9} | {:>6}",
            n,
            load,
            index_ms,
            percentile(&keys, 0.5),
            percentile(&keys, 0.99),
            keys.last().copied().unwrap_or(0.0),
            percentile(&full, 0.5),
            fzf_p50,
            ratio
        );
        println!(
            "          one thread, CPU time per keystroke: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
            percentile(&cpu, 0.5),
            percentile(&cpu, 0.99),
            cpu.last().copied().unwrap_or(0.0)
        );
        if n >= 1_000_000 {
            off_thread(engine);
        }
        let (frame_p50, frame_p95) = frame_render(n);
        println!(
            "          explorer frame render 120x40 (main view, moving the selection): p50 {frame_p50:.2} ms, p95 {frame_p95:.2} ms"
        );
        println!(
            "          peak memory so far (VmHWM): {:.0} MiB",
            vm_hwm_mib()
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Frame render time of the explorer's main view over a store of `n` events:
/// 200 frames on a 120×40 `TestBackend`, moving the selection between frames.
fn frame_render(n: usize) -> (f64, f64) {
    let report = Report {
        findings: Vec::new(),
        located: Vec::new(),
        events: n,
    };
    let today = NaiveDate::from_ymd_opt(2026, 1, 1).expect("a date");
    let mut app = App::new(synth::store(n, 42), &report, today);
    app.resize(120, 40);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
    let theme = Theme::colored();
    let mut times = Vec::with_capacity(200);
    for k in 0..200 {
        app.update(if k % 50 == 49 {
            Action::PageDown
        } else {
            Action::Down
        });
        let t = Instant::now();
        terminal
            .draw(|f| view::render(&app, &theme, f))
            .expect("draw");
        times.push(ms(t.elapsed()));
    }
    times.sort_by(f64::total_cmp);
    (percentile(&times, 0.5), percentile(&times, 0.95))
}

/// At 1M: one query typed from nothing (the first keystrokes, which cannot
/// narrow a previous result): when do the first partial hits and all hits arrive?
fn first_hits(engine: &Arc<Engine>, q: &str) {
    let mut searcher = Searcher::new(Arc::clone(engine));
    let t = Instant::now();
    searcher.submit(q);
    let (mut first, mut all, mut hits) = (None, None, 0);
    while t.elapsed() < Duration::from_secs(60) {
        if let Some(u) = searcher.poll() {
            first.get_or_insert(t.elapsed());
            if u.done {
                all = Some(t.elapsed());
                hits = u.outcome.map_or(0, |r| r.hits.len());
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    let shown = |d: Option<Duration>| d.map_or("none".to_string(), |d| format!("{:.0} ms", ms(d)));
    println!(
        "          1M from nothing, {q:?}: first (partial) hits {}, all {hits} hits {}",
        shown(first),
        shown(all)
    );
}

/// At 1M: the UI thread only submits and polls. Measures how long `submit`
/// and `poll` take (what the UI pays) and when the first and last updates
/// arrive while typing fast (a keystroke every 30 ms).
fn off_thread(engine: Engine) {
    let engine = Arc::new(engine);
    for first in ["k", "ko", "koi"] {
        first_hits(&engine, first);
    }
    let mut searcher = Searcher::new(engine);
    let mut worst_call = Duration::ZERO;
    let mut typed = String::new();
    let t0 = Instant::now();
    let mut first_update = None;
    let query = "koizumi pyongyang";
    // After the last keystroke: when do the first partial and the final hits
    // arrive? On a quiet machine they can arrive within the last keystroke's
    // 30 ms, so they are watched for from the moment it is submitted.
    let mut t = Instant::now();
    let mut first_after = None;
    let mut done = None;
    let mut done_at = None;
    for (i, c) in query.chars().enumerate() {
        typed.push(c);
        let last = i + 1 == query.chars().count();
        let s = Instant::now();
        if last {
            t = s;
        }
        searcher.submit(&typed);
        worst_call = worst_call.max(s.elapsed());
        let until = Instant::now() + Duration::from_millis(30);
        while Instant::now() < until && done.is_none() {
            let p = Instant::now();
            let u = searcher.poll();
            worst_call = worst_call.max(p.elapsed());
            if u.is_some() && first_update.is_none() {
                first_update = Some(t0.elapsed());
            }
            if let Some(u) = u.filter(|_| last) {
                first_after.get_or_insert(t.elapsed());
                if u.done {
                    done_at = Some(t.elapsed());
                    done = Some(u);
                }
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    }
    while done.is_none() && t.elapsed() < Duration::from_secs(60) {
        let p = Instant::now();
        let u = searcher.poll();
        worst_call = worst_call.max(p.elapsed());
        if let Some(u) = u {
            first_after.get_or_insert(t.elapsed());
            if u.done {
                done_at = Some(t.elapsed());
                done = Some(u);
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    let shown = |d: Option<Duration>| d.map_or("none".to_string(), |d| format!("{:.0} ms", ms(d)));
    println!(
        "          1M off-thread: slowest submit/poll on the UI thread {:.3} ms; updates while typing (30 ms/key, each key cancels the last search): {}; after the last key: first hits {}, all hits {} ({} hits)",
        ms(worst_call),
        shown(first_update),
        shown(first_after),
        shown(done_at),
        done.and_then(|u| u.outcome.ok())
            .map_or(0, |r| r.hits.len())
    );
}
