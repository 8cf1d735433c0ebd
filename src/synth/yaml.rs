//! Synthetic stores as the store model and as YAML, for timing the real loader.

use super::{Rng, event, header};
use crate::model::{
    DiscrepancyDef, EventDef, ExcerptDef, Status, StoreFile, in_memory, opt_text, text, to_yaml,
};
use crate::store::Event;

/// The generated event as the store file writes it.
fn event_def(e: &Event) -> EventDef {
    let texts = |v: &[compact_str::CompactString]| v.iter().map(|t| text(t.as_str())).collect();
    let mut d = EventDef::new(e.id.as_str(), e.date.edtf(), &*e.title);
    d.summary = Some(text(&*e.summary));
    d.place = opt_text(e.place.as_deref());
    d.actors = texts(&e.actors);
    d.tags = texts(&e.tags);
    d.lane = opt_text(e.lane.as_deref());
    d.related = texts(&e.related);
    d.status = (e.status == Status::Scheduled).then(|| in_memory(Status::Scheduled));
    d.context = e.context.then(|| in_memory(true));
    d.note = opt_text(e.note.as_deref());
    d.excerpts = e
        .excerpts
        .iter()
        .map(|x| ExcerptDef {
            source: text(x.source.as_str()),
            quote: text(&*x.quote),
            prefix: opt_text(x.prefix.as_deref()),
            suffix: opt_text(x.suffix.as_deref()),
        })
        .collect();
    d.discrepancies = e
        .discrepancies
        .iter()
        .map(|x| DiscrepancyDef {
            source: text(x.source.as_str()),
            quote: opt_text(x.quote.as_ref()),
            says: text(&x.says),
            record: text(&x.record),
            basis: text(&x.basis),
        })
        .collect();
    d
}

/// The same store as [`super::store`] as the store model (its source text
/// path is `synth-source.txt` beside the file).
pub fn model(n: usize, seed: u64) -> StoreFile {
    let mut store = header();
    let mut rng = Rng::new(seed);
    store.events = (0..n).map(|i| event_def(&event(&mut rng, i))).collect();
    store
}

/// [`model`] as YAML text, for the real loader.
pub fn yaml(n: usize, seed: u64) -> String {
    to_yaml(&model(n, seed)).expect("the synthetic store serialises")
}
