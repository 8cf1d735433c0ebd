//! The on-disk shape of `events.yaml`, exactly as a researcher writes it.
//!
//! These types mirror the YAML one to one (unknown keys are errors) and keep
//! the line and column of every value that a finding may need to point at.
//! [`crate::store`] turns them into the checked, ordered domain types.

use serde::Deserialize;
use serde_saphyr::Spanned;

/// A string together with where it was written in the store file.
pub type Text = Spanned<String>;

/// The whole store file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoreFile {
    /// Name of the chronology, shown in the title bar.
    pub title: Text,
    /// What the chronology covers and how it was compiled.
    #[serde(default)]
    pub description: Option<Text>,
    /// The archived sources that excerpts quote.
    #[serde(default)]
    pub sources: Vec<SourceDef>,
    /// People and organisations, with the other names they go by.
    #[serde(default)]
    pub actors: Vec<NamedDef>,
    /// Places, with the other names they go by.
    #[serde(default)]
    pub places: Vec<NamedDef>,
    /// Named spans of time (premierships, periods) drawn as bands.
    #[serde(default)]
    pub eras: Vec<EraDef>,
    /// The dated events.
    #[serde(default)]
    pub events: Vec<EventDef>,
}

/// An archived source text.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceDef {
    /// Stable identifier that excerpts refer to.
    pub id: Text,
    /// Headline or title of the source.
    pub title: Text,
    /// Publisher or outlet (news agency, newspaper).
    pub publisher: Text,
    /// Publication date as EDTF (normally day precision).
    pub published: Text,
    /// How the publication date was established from the text's own evidence.
    #[serde(default)]
    pub dated_by: Option<Text>,
    /// Author or byline, when known.
    #[serde(default)]
    pub author: Option<Text>,
    /// Where the source was published, when known.
    #[serde(default)]
    pub url: Option<Text>,
    /// BCP 47 language tag of the text.
    #[serde(default)]
    pub language: Option<Text>,
    /// Path of the archived text, relative to the store file.
    pub text: Text,
}

/// An actor or a place: a canonical name plus aliases (other scripts,
/// romanisations, family-name-first order).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NamedDef {
    /// Stable identifier that events refer to.
    pub id: Text,
    /// The name shown in the explorer.
    pub name: Text,
    /// Other names: kanji/kana/hangul forms, romanisation variants.
    #[serde(default)]
    pub aliases: Vec<Text>,
    /// A short description (role, office).
    #[serde(default)]
    pub note: Option<Text>,
}

/// A named span of time.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EraDef {
    /// Stable identifier.
    pub id: Text,
    /// Name of the era shown on the band.
    pub name: Text,
    /// The span as an EDTF interval (or any EDTF date).
    pub date: Text,
    /// Optional grouping of eras (e.g. `japan`, `north-korea`).
    #[serde(default)]
    pub lane: Option<Text>,
    /// Where the span comes from when no excerpt supports it.
    #[serde(default)]
    pub note: Option<Text>,
}

/// Whether an event had happened when its sources were written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The sources report it as having happened (the default).
    #[default]
    Occurred,
    /// A source announced it ahead of time (scheduled or planned).
    Scheduled,
}

/// One dated event.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventDef {
    /// Stable slug, unique in the store.
    pub id: Text,
    /// EDTF date or interval, only as precise as the record supports.
    pub date: Text,
    /// One-line headline.
    pub title: Text,
    /// A few sentences on what happened.
    #[serde(default)]
    pub summary: Option<Text>,
    /// Place id (see `places`).
    #[serde(default)]
    pub place: Option<Text>,
    /// Actor ids (see `actors`).
    #[serde(default)]
    pub actors: Vec<Text>,
    /// Free-form tags.
    #[serde(default)]
    pub tags: Vec<Text>,
    /// Optional lane or group (TimelineJS `group`).
    #[serde(default)]
    pub lane: Option<Text>,
    /// Ids of related events.
    #[serde(default)]
    pub related: Vec<Text>,
    /// `occurred` (default) or `scheduled` when a source announced it ahead of time.
    #[serde(default)]
    pub status: Option<Spanned<Status>>,
    /// True for an event that neither source mentions but that is needed to read them.
    #[serde(default)]
    pub context: Option<Spanned<bool>>,
    /// Researcher's note: the basis of the date, the reference for a context event.
    #[serde(default)]
    pub note: Option<Text>,
    /// Verbatim quotes from the sources that speak of this event.
    #[serde(default)]
    pub excerpts: Vec<ExcerptDef>,
    /// Where a source disagrees with the record.
    #[serde(default)]
    pub discrepancies: Vec<DiscrepancyDef>,
}

/// A verbatim quote, in the spirit of the W3C TextQuoteSelector.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExcerptDef {
    /// Source id.
    pub source: Text,
    /// The exact words of the source.
    pub quote: Text,
    /// Text immediately before the quote, to pick one of several matches.
    #[serde(default)]
    pub prefix: Option<Text>,
    /// Text immediately after the quote, to pick one of several matches.
    #[serde(default)]
    pub suffix: Option<Text>,
}

/// A statement of a source that disagrees with the historical record.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiscrepancyDef {
    /// Source id.
    pub source: Text,
    /// The words in the source that carry the claim (verbatim, checked like an excerpt).
    #[serde(default)]
    pub quote: Option<Text>,
    /// What the source says, in plain words.
    pub says: Text,
    /// What the record says.
    pub record: Text,
    /// The evidence for the record.
    pub basis: Text,
}
