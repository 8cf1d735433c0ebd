//! Synthetic stores as YAML, for timing the real loader.

use std::fmt::Write as _;

use super::{Rng, event, header};
use crate::model::Status;

/// The same store as [`store`] as YAML text, for the real loader (its source
/// text path is `synth-source.txt` beside the file).
pub fn yaml(n: usize, seed: u64) -> String {
    let q = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let mut y = header();
    y.push_str("events:\n");
    let mut rng = Rng::new(seed);
    for i in 0..n {
        let e = event(&mut rng, i);
        let _ = writeln!(
            y,
            "  - id: {}\n    date: \"{}\"\n    title: {}\n    summary: {}",
            e.id,
            e.date.edtf(),
            q(&e.title),
            q(&e.summary)
        );
        if let Some(p) = &e.place {
            let _ = writeln!(y, "    place: {p}");
        }
        let _ = writeln!(y, "    actors: [{}]", e.actors.join(", "));
        let tags: Vec<String> = e.tags.iter().map(|t| q(t)).collect();
        let _ = writeln!(y, "    tags: [{}]", tags.join(", "));
        if let Some(l) = &e.lane {
            let _ = writeln!(y, "    lane: {l}");
        }
        if e.status == Status::Scheduled {
            y.push_str("    status: scheduled\n");
        }
        if e.context {
            y.push_str("    context: true\n");
        }
        if let Some(n) = &e.note {
            let _ = writeln!(y, "    note: {}", q(n));
        }
        y.push_str("    excerpts:\n");
        for x in &e.excerpts {
            let _ = writeln!(
                y,
                "      - source: {}\n        quote: {}",
                x.source,
                q(&x.quote)
            );
        }
        if !e.discrepancies.is_empty() {
            y.push_str("    discrepancies:\n");
            for d in &e.discrepancies {
                let _ = writeln!(
                    y,
                    "      - source: {}\n        says: {}\n        record: {}\n        basis: {}",
                    d.source,
                    q(&d.says),
                    q(&d.record),
                    q(&d.basis)
                );
            }
        }
    }
    y
}
