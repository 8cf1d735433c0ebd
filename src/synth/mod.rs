//! Deterministic synthetic chronologies for benchmarks and tests: `n` events
//! with realistic text lengths (~80-character titles, ~200-character
//! summaries, 1–3 excerpts of ~150 characters, some Japanese and Korean),
//! built directly as a [`Store`] or as the store model ([`model`]) written as
//! YAML ([`yaml`]) for the real loader.

mod words;
mod yaml;

use words::{ACTORS, CJK, DOMAIN, LANES, PLACES, SOURCES, TAGS};
pub use yaml::{model, yaml};

use crate::date::EventDate;
use crate::error::Pos;
use crate::model::{EraDef, NamedDef, SourceDef, Status, StoreFile, text, to_yaml};
use crate::sources::Resolver;
use crate::store::{Discrepancy, Event, Excerpt, Origin, Store};

/// The same sequence for the same seed (SplitMix64).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    /// An index skewed towards 0 (common words are common).
    pub fn skewed(&mut self, n: usize) -> usize {
        let u = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        ((u * u) * n as f64) as usize % n.max(1)
    }
}

/// A made-up but pronounceable word from the long tail of the vocabulary.
fn rare_word(i: usize) -> String {
    const SYL: [&str; 24] = [
        "ka", "ri", "to", "mu", "ne", "sa", "yo", "hi", "ku", "me", "zo", "an", "or", "el", "tu",
        "pa", "gi", "ve", "do", "la", "ch", "st", "qu", "br",
    ];
    let mut w = String::new();
    let mut x = i + 7;
    for _ in 0..(2 + i % 3) {
        w.push_str(SYL[x % SYL.len()]);
        x /= SYL.len();
        x += i % 5;
    }
    w
}

/// `len` characters (about) of text in the domain's words and rare words.
fn prose(rng: &mut Rng, len: usize) -> String {
    let mut s = String::with_capacity(len + 16);
    while s.len() < len {
        if !s.is_empty() {
            s.push(' ');
        }
        if rng.chance(0.25) {
            s.push_str(&rare_word(rng.skewed(20_000)));
        } else if rng.chance(0.005) {
            s.push_str(PLACES[rng.below(PLACES.len())].0);
        } else if rng.chance(0.01) {
            s.push_str(&(1950 + rng.below(75)).to_string());
        } else {
            s.push_str(DOMAIN[rng.skewed(DOMAIN.len())]);
        }
    }
    s
}

fn date(rng: &mut Rng) -> EventDate {
    let y = 1950 + rng.below(75);
    let m = 1 + rng.below(12);
    let d = 1 + rng.below(28);
    let text = match rng.below(10) {
        0 => format!("{y}"),
        1 | 2 => format!("{y}-{m:02}"),
        3 => format!("{y}-{m:02}~"),
        4 => format!("{y}-{m:02}-{d:02}/{y}-{m:02}-{:02}", (d + 2).min(28)),
        _ => format!("{y}-{m:02}-{d:02}"),
    };
    EventDate::parse(&text).unwrap_or_else(|_| EventDate::parse("2000").expect("valid EDTF"))
}

/// The store without events (title, sources, actors, places, eras), shared
/// by both forms.
pub(crate) fn header() -> StoreFile {
    let mut store = StoreFile::new("Synthetic chronology");
    store.description = Some(text("Generated for benchmarks"));
    store.sources = SOURCES
        .iter()
        .enumerate()
        .map(|(i, (publisher, title))| SourceDef {
            id: text(format!("src-{i}")),
            title: text(*title),
            publisher: text(*publisher),
            published: text("2014-03-22"),
            dated_by: None,
            author: None,
            url: None,
            language: None,
            text: text("synth-source.txt"),
        })
        .collect();
    let named = |list: &[(&str, &[&str])]| -> Vec<NamedDef> {
        list.iter()
            .map(|(name, aliases)| NamedDef {
                id: text(name.to_lowercase().replace(' ', "-")),
                name: text(*name),
                aliases: aliases.iter().map(|a| text(*a)).collect(),
                note: None,
            })
            .collect()
    };
    store.actors = named(ACTORS);
    store.places = named(PLACES);
    store.eras = (1950..2025)
        .step_by(8)
        .enumerate()
        .map(|(i, start)| EraDef {
            id: text(format!("era-{i}")),
            name: text(format!("Period {}", rare_word(i * 31))),
            date: text(format!("{start}/{}", start + 7)),
            lane: None,
            note: None,
        })
        .collect();
    store
}

pub(crate) fn event(rng: &mut Rng, i: usize) -> Event {
    let actor = rng.chance(0.5).then(|| rng.below(ACTORS.len()));
    let place = rng.chance(0.7).then(|| rng.below(PLACES.len()));
    let mut title = String::new();
    if let Some(a) = actor.filter(|_| rng.chance(0.3)) {
        title.push_str(ACTORS[a].0);
        title.push(' ');
    }
    title.push_str(&prose(rng, 60));
    if let Some(p) = place {
        title.push_str(" in ");
        title.push_str(PLACES[p].0);
    }
    if rng.chance(0.05) {
        title.push_str(" — ");
        title.push_str(CJK[rng.below(CJK.len())]);
    }
    let excerpts = (0..1 + rng.below(3))
        .map(|_| Excerpt {
            source: compact_str::format_compact!("src-{}", rng.below(SOURCES.len())),
            quote: if rng.chance(0.08) {
                CJK[rng.below(CJK.len())].repeat(2)
            } else {
                prose(rng, 150)
            }
            .into(),
            prefix: None,
            suffix: None,
            pos: Pos::default(),
        })
        .collect();
    let id = |s: &str| compact_str::CompactString::from(s.to_lowercase().replace(' ', "-"));
    Event {
        id: compact_str::format_compact!("event-{i:07}"),
        date: date(rng),
        title: title.into(),
        summary: prose(rng, 200).into(),
        place: place.map(|p| id(PLACES[p].0)),
        actors: actor.map(|a| id(ACTORS[a].0)).into_iter().collect(),
        tags: (0..rng.below(3))
            .map(|_| TAGS[rng.skewed(TAGS.len())].into())
            .collect(),
        lane: Some(LANES[rng.below(LANES.len())].into()),
        related: Box::default(),
        status: if rng.chance(0.02) {
            Status::Scheduled
        } else {
            Status::Occurred
        },
        context: rng.chance(0.05),
        note: rng.chance(0.2).then(|| prose(rng, 80).into()),
        excerpts,
        discrepancies: if rng.chance(0.05) {
            Box::new([Discrepancy {
                source: "src-0".into(),
                quote: None,
                says: prose(rng, 60),
                record: prose(rng, 60),
                basis: prose(rng, 60),
            }])
        } else {
            Box::default()
        },
        declared: i,
        pos: Pos::default(),
    }
}

/// A store of `n` generated events (the same for the same `n` and `seed`).
pub fn store(n: usize, seed: u64) -> Store {
    let header = to_yaml(&header()).expect("the synthetic header serialises");
    let loaded = Store::load_str(
        &header,
        Origin::File("synthetic.yaml".into()),
        &Resolver::Embedded,
    )
    .expect("the synthetic header is valid YAML");
    let mut store = loaded.store;
    let mut rng = Rng::new(seed);
    store.replace_events((0..n).map(|i| event(&mut rng, i)).collect());
    store
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Everything a researcher wrote about an event, without where it was written.
    fn written(e: &Event) -> String {
        let excerpts: Vec<_> = e.excerpts.iter().map(|x| (&x.source, &x.quote)).collect();
        let discrepancies: Vec<_> = (e.discrepancies.iter())
            .map(|d| (&d.source, &d.says, &d.record, &d.basis))
            .collect();
        format!(
            "{} {} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {} {:?} {excerpts:?} {discrepancies:?}",
            e.id,
            e.date.edtf(),
            e.title,
            e.summary,
            e.place,
            e.actors,
            e.tags,
            e.lane,
            e.related,
            e.status,
            e.context,
            e.note,
        )
    }

    #[test]
    fn yaml_loads_back_as_the_generated_store() {
        let (n, seed) = (400, 9);
        let built = store(n, seed);
        let loaded = Store::load_str(
            &yaml(n, seed),
            Origin::File("synthetic.yaml".into()),
            &Resolver::Embedded,
        )
        .expect("the synthetic YAML loads")
        .store;
        assert_eq!(loaded.events.len(), n);
        let a: Vec<String> = built.events.iter().map(written).collect();
        let b: Vec<String> = loaded.events.iter().map(written).collect();
        assert_eq!(a, b);
        assert_eq!(loaded.sources.len(), built.sources.len());
        assert_eq!(loaded.eras.len(), built.eras.len());
        assert_eq!(loaded.actors.len(), built.actors.len());
    }
}
