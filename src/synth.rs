//! Deterministic synthetic chronologies for benchmarks and tests: `n` events
//! with realistic text lengths (~80-character titles, ~200-character
//! summaries, 1–3 excerpts of ~150 characters, some Japanese and Korean),
//! built directly as a [`Store`] or written as YAML for the real loader.

use std::fmt::Write as _;

use crate::date::EventDate;
use crate::error::Pos;
use crate::model::Status;
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

/// Common words first: [`Rng::skewed`] picks low indices most often.
const DOMAIN: &[&str] = &[
    "the",
    "of",
    "and",
    "in",
    "to",
    "a",
    "on",
    "for",
    "with",
    "after",
    "by",
    "at",
    "before",
    "over",
    "new",
    "first",
    "said",
    "its",
    "was",
    "has",
    "government",
    "officials",
    "talks",
    "minister",
    "foreign",
    "meeting",
    "relations",
    "statement",
    "visit",
    "summit",
    "delegation",
    "agreement",
    "security",
    "nuclear",
    "missile",
    "launch",
    "sanctions",
    "envoy",
    "second",
    "negotiations",
    "resume",
    "resumed",
    "suspended",
    "ballistic",
    "test",
    "council",
    "regional",
    "forum",
    "ministerial",
    "premier",
    "cabinet",
    "secretary",
    "ambassador",
    "embassy",
    "committee",
    "special",
    "report",
    "proposal",
    "offer",
    "condition",
    "conditions",
    "dialogue",
    "bilateral",
    "trilateral",
    "alliance",
    "allies",
    "patience",
    "willingness",
    "engage",
    "press",
    "conference",
    "announced",
    "announces",
    "confirmed",
    "denied",
    "rejected",
    "urged",
    "protest",
    "parliament",
    "diet",
    "election",
    "leader",
    "president",
    "chairman",
    "party",
    "workers",
    "people",
    "army",
    "navy",
    "coast",
    "guard",
    "vessel",
    "spy",
    "ship",
    "incident",
    "crisis",
    "export",
    "import",
    "trade",
    "ban",
    "aid",
    "food",
    "rice",
    "fuel",
    "energy",
    "families",
    "abduction",
    "abducted",
    "abductees",
    "normalization",
    "declaration",
    "visits",
    "returns",
    "return",
    "repatriation",
    "remains",
    "investigation",
    "third",
    "final",
    "joint",
    "formal",
    "informal",
    "secret",
];
const PLACES: &[(&str, &[&str])] = &[
    ("Pyongyang", &["平壌", "평양", "P'yŏngyang"]),
    ("Tokyo", &["東京", "도쿄"]),
    ("Beijing", &["北京", "Peking", "베이징"]),
    ("Jakarta", &["ジャカルタ", "자카르타"]),
    ("Seoul", &["ソウル", "서울"]),
    ("Ulan Bator", &["Ulaanbaatar", "ウランバートル"]),
    ("Shenyang", &["瀋陽", "선양"]),
    ("Niigata", &["新潟", "니가타"]),
    ("Stockholm", &["ストックホルム"]),
    ("Vilnius", &["ビリニュス"]),
    ("Washington", &["ワシントン", "워싱턴"]),
    ("Hanoi", &["ハノイ", "하노이"]),
];
const ACTORS: &[(&str, &[&str])] = &[
    (
        "Junichiro Koizumi",
        &["小泉純一郎", "Koizumi Junichiro", "고이즈미 준이치로"],
    ),
    (
        "Megumi Yokota",
        &["横田めぐみ", "Yokota Megumi", "요코타 메구미"],
    ),
    ("Shinzo Abe", &["安倍晋三", "Abe Shinzo", "아베 신조"]),
    ("Kim Jong Il", &["김정일", "金正日", "Kim Jong-il"]),
    ("Kim Jong Un", &["김정은", "金正恩", "Kim Jong-un"]),
    ("Fumio Kishida", &["岸田文雄", "Kishida Fumio"]),
    ("An Kwang Il", &["안광일", "An Kwang-il"]),
    ("Choe Son Hui", &["최선희", "Choe Son-hui"]),
];
const CJK: &[&str] = &[
    "日朝首脳会談で拉致問題が議論された",
    "横田めぐみさんの両親が孫と面会した",
    "北朝鮮は弾道ミサイルを発射した",
    "평양에서 정상회담이 열렸다",
    "외무성 대변인이 담화를 발표했다",
    "拉致被害者の家族会が記者会見を開いた",
];
const TAGS: &[&str] = &[
    "abduction",
    "diplomacy",
    "missile",
    "nuclear",
    "summit",
    "sanctions",
    "talks",
    "family",
    "normalization",
    "security",
    "trade",
    "humanitarian",
    "forum",
    "statement",
    "military",
];
const LANES: &[&str] = &["diplomacy", "abductions", "security", "domestic", "economy"];
const SOURCES: &[(&str, &str)] = &[
    (
        "Kyodo News",
        "FOCUS: Japan's willingness to engage with N. Korea",
    ),
    ("The Japan Times", "North talks a balancing act for Abe"),
    ("Asahi Shimbun", "Abduction talks stall again"),
    ("Yonhap", "Seoul watches Tokyo-Pyongyang contacts"),
    ("NHK World", "Families press for answers"),
    ("KCNA", "Statement of the Foreign Ministry spokesperson"),
];

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

/// The YAML header (title, sources, actors, places, eras) shared by both forms.
fn header() -> String {
    let q = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let mut y =
        String::from("title: Synthetic chronology\ndescription: Generated for benchmarks\n");
    y.push_str("sources:\n");
    for (i, (publisher, title)) in SOURCES.iter().enumerate() {
        let _ = writeln!(
            y,
            "  - id: src-{i}\n    title: {}\n    publisher: {}\n    published: \"2014-03-22\"\n    text: synth-source.txt",
            q(title),
            q(publisher)
        );
    }
    let named = |y: &mut String, key: &str, list: &[(&str, &[&str])]| {
        let _ = writeln!(y, "{key}:");
        for (name, aliases) in list {
            let id = name.to_lowercase().replace(' ', "-");
            let al: Vec<String> = aliases.iter().map(|a| q(a)).collect();
            let _ = writeln!(
                y,
                "  - id: {id}\n    name: {}\n    aliases: [{}]",
                q(name),
                al.join(", ")
            );
        }
    };
    named(&mut y, "actors", ACTORS);
    named(&mut y, "places", PLACES);
    y.push_str("eras:\n");
    for (i, start) in (1950..2025).step_by(8).enumerate() {
        let _ = writeln!(
            y,
            "  - id: era-{i}\n    name: \"Period {}\"\n    date: \"{start}/{}\"",
            rare_word(i * 31),
            start + 7
        );
    }
    y
}

fn event(rng: &mut Rng, i: usize) -> Event {
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
            source: format!("src-{}", rng.below(SOURCES.len())),
            quote: if rng.chance(0.08) {
                CJK[rng.below(CJK.len())].repeat(2)
            } else {
                prose(rng, 150)
            },
            prefix: None,
            suffix: None,
            pos: Pos::default(),
        })
        .collect();
    let id = |s: &str| s.to_lowercase().replace(' ', "-");
    Event {
        id: format!("event-{i:07}"),
        date: date(rng),
        title,
        summary: prose(rng, 200),
        place: place.map(|p| id(PLACES[p].0)),
        actors: actor.map(|a| id(ACTORS[a].0)).into_iter().collect(),
        tags: (0..rng.below(3))
            .map(|_| TAGS[rng.skewed(TAGS.len())].to_string())
            .collect(),
        lane: Some(LANES[rng.below(LANES.len())].to_string()),
        related: Vec::new(),
        status: if rng.chance(0.02) {
            Status::Scheduled
        } else {
            Status::Occurred
        },
        context: rng.chance(0.05),
        note: rng.chance(0.2).then(|| prose(rng, 80)),
        excerpts,
        discrepancies: if rng.chance(0.05) {
            vec![Discrepancy {
                source: "src-0".into(),
                quote: None,
                says: prose(rng, 60),
                record: prose(rng, 60),
                basis: prose(rng, 60),
            }]
        } else {
            Vec::new()
        },
        declared: i,
        pos: Pos::default(),
    }
}

/// A store of `n` generated events (the same for the same `n` and `seed`).
pub fn store(n: usize, seed: u64) -> Store {
    let loaded = Store::load_str(
        &header(),
        Origin::File("synthetic.yaml".into()),
        &Resolver::Embedded,
    )
    .expect("the synthetic header is valid YAML");
    let mut store = loaded.store;
    let mut rng = Rng::new(seed);
    store.replace_events((0..n).map(|i| event(&mut rng, i)).collect());
    store
}

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
