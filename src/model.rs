//! The on-disk shape of `events.yaml`, exactly as a researcher writes it: the
//! one description of the store format.
//!
//! The loader ([`crate::yaml`]) deserialises these types (unknown keys are
//! errors; every value keeps the line and column a finding may point at), the
//! importers and the synthetic generator build them and serialise them with
//! [`to_yaml`], and `chronoscope schema` prints the JSON Schema derived from
//! them. [`crate::store`] turns them into the checked, ordered domain types.
//!
//! Values are [`At`] (value, line, column), which schemars cannot see through: each field names
//! the schema of its plain value (`with = …`), where [`Id`] and [`Edtf`] add
//! the shared `id` and `edtf` definitions. Doc comments become the schema's
//! descriptions, so they are written for the researcher.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A value together with where it was written in the store file: line and
/// column, 1-based (0 when it was built in memory). Two `u32`s rather than
/// the parser's own spanned type (two full locations with byte spans, 88
/// bytes a string): a million-event store holds about fifteen million.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct At<T> {
    /// The value.
    pub value: T,
    /// 1-based line; 0 when unknown.
    pub line: u32,
    /// 1-based column, in characters; 0 when unknown.
    pub col: u32,
}

/// A string together with where it was written in the store file.
pub type Text = At<String>;

impl<T> At<T> {
    /// A value read at `line`, `col`.
    pub fn new(value: T, line: u32, col: u32) -> At<T> {
        At { value, line, col }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for At<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // serde-saphyr records the position for its own spanned wrapper only.
        let s = serde_saphyr::Spanned::<T>::deserialize(d)?;
        let clamp = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
        Ok(At {
            value: s.value,
            line: clamp(s.referenced.line()),
            col: clamp(s.referenced.column()),
        })
    }
}

impl<T: Serialize> Serialize for At<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(s)
    }
}

/// A value built in memory (by an importer or the generator): it was read
/// from no file, so it has no line and column.
pub fn in_memory<T>(value: T) -> At<T> {
    At::new(value, 0, 0)
}

/// A text value built in memory (see [`in_memory`]).
pub fn text(value: impl Into<String>) -> Text {
    in_memory(value.into())
}

/// [`text`] for an optional value.
pub fn opt_text(value: Option<impl Into<String>>) -> Option<Text> {
    value.map(text)
}

/// The store as YAML in the house style (list items indented under their key,
/// long values folded): what the importers and the generator write.
pub fn to_yaml(store: &StoreFile) -> Result<String, serde_saphyr::ser::Error> {
    let options = serde_saphyr::ser_options! { compact_list_indent: false };
    serde_saphyr::to_string_with_options(store, options)
}

/// The schema of a stable identifier (`$defs/id`).
struct Id;

impl JsonSchema for Id {
    fn schema_name() -> Cow<'static, str> {
        "id".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "minLength": 1,
            "description": "A stable identifier (slug), unique among its kind."
        })
    }
}

/// The schema of an EDTF date or interval (`$defs/edtf`).
struct Edtf;

impl JsonSchema for Edtf {
    fn schema_name() -> Cow<'static, str> {
        "edtf".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "minLength": 1,
            "pattern": "^[0-9XYES?~%./:TZ+\\-]+$",
            "description": "An EDTF (ISO 8601-2) level 0/1 date or interval: 1977-11-15, 2014-03, 1987, 2023-05~, 2014-03-30/2014-03-31, 2011-12/.. — only as precise as the record supports."
        })
    }
}

/// A source-anchored chronology: archived sources, actors, places, eras and
/// EDTF-dated events whose excerpts quote the sources verbatim. Unknown keys
/// are errors. `chronoscope check` verifies what a schema cannot: that dates
/// are valid EDTF level 0/1 calendar dates, ids are unique and referenced ids
/// exist, and every quote is in its source.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "chronoscope store (events.yaml)")]
#[schemars(extend("$id" = "https://chronoscope.invalid/schema/events.schema.json"))]
pub struct StoreFile {
    /// Name of the chronology, shown in the title bar.
    #[schemars(with = "String")]
    pub title: Text,
    /// What the chronology covers and how it was compiled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub description: Option<Text>,
    /// The archived sources that excerpts quote.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceDef>,
    /// People and organisations, with the other names they go by.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<NamedDef>,
    /// Places, with the other names they go by.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<NamedDef>,
    /// Named spans of time (premierships, periods) drawn as bands.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub eras: Vec<EraDef>,
    /// The dated events.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<EventDef>,
}

impl StoreFile {
    /// A store with a title and nothing else yet.
    pub fn new(title: impl Into<String>) -> StoreFile {
        StoreFile {
            title: text(title),
            description: None,
            sources: Vec::new(),
            actors: Vec::new(),
            places: Vec::new(),
            eras: Vec::new(),
            events: Vec::new(),
        }
    }
}

/// An archived source text that excerpts quote.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "source")]
pub struct SourceDef {
    /// Stable identifier that excerpts refer to.
    #[schemars(with = "Id")]
    pub id: Text,
    /// Headline or title of the source.
    #[schemars(with = "String")]
    pub title: Text,
    /// Publisher or outlet (news agency, newspaper).
    #[schemars(with = "String")]
    pub publisher: Text,
    /// Publication date as EDTF (normally day precision).
    #[schemars(with = "Edtf")]
    pub published: Text,
    /// How the publication date was established from the text's own evidence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub dated_by: Option<Text>,
    /// Author or byline, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub author: Option<Text>,
    /// Where the source was published, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub url: Option<Text>,
    /// BCP 47 language tag of the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub language: Option<Text>,
    /// Path of the archived text, relative to the store file and inside its folder.
    #[schemars(with = "String", length(min = 1))]
    pub text: Text,
}

/// An actor or a place: a canonical name plus aliases (other scripts,
/// romanisations, family-name-first order).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "named")]
pub struct NamedDef {
    /// Stable identifier that events refer to.
    #[schemars(with = "Id")]
    pub id: Text,
    /// The name shown in the explorer.
    #[schemars(with = "String")]
    pub name: Text,
    /// Other names: kanji/kana/hangul forms, romanisation variants.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Vec<String>")]
    pub aliases: Vec<Text>,
    /// A short description (role, office).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub note: Option<Text>,
}

/// A named span of time drawn as a band.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "era")]
pub struct EraDef {
    /// Stable identifier.
    #[schemars(with = "Id")]
    pub id: Text,
    /// Name of the era shown on the band.
    #[schemars(with = "String")]
    pub name: Text,
    /// The span as an EDTF interval (or any EDTF date).
    #[schemars(with = "Edtf")]
    pub date: Text,
    /// Optional grouping of eras (e.g. `japan`, `north-korea`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub lane: Option<Text>,
    /// Where the span comes from when no excerpt supports it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub note: Option<Text>,
}

/// Whether an event had happened when its sources were written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(rename = "status")]
pub enum Status {
    /// The sources report it as having happened (the default).
    #[default]
    Occurred,
    /// A source announced it ahead of time (scheduled or planned).
    Scheduled,
}

/// One dated event.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "event")]
pub struct EventDef {
    /// Stable slug, unique in the store.
    #[schemars(with = "Id")]
    pub id: Text,
    /// EDTF date or interval, only as precise as the record supports.
    #[schemars(with = "Edtf")]
    pub date: Text,
    /// One-line headline.
    #[schemars(with = "String")]
    pub title: Text,
    /// A few sentences on what happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub summary: Option<Text>,
    /// Place id (see `places`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<Id>")]
    pub place: Option<Text>,
    /// Actor ids (see `actors`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Vec<Id>")]
    pub actors: Vec<Text>,
    /// Free-form tags.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Vec<String>")]
    pub tags: Vec<Text>,
    /// Optional lane or group (TimelineJS `group`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub lane: Option<Text>,
    /// Ids of related events.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Vec<Id>")]
    pub related: Vec<Text>,
    /// `occurred` (default) or `scheduled` when a source announced it ahead of time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<Status>")]
    pub status: Option<At<Status>>,
    /// True for an event that neither source mentions but that is needed to
    /// read them (give a `note` with the reference).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<bool>")]
    pub context: Option<At<bool>>,
    /// Researcher's note: the basis of the date, the reference for a context event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub note: Option<Text>,
    /// Verbatim quotes from the sources that speak of this event.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excerpts: Vec<ExcerptDef>,
    /// Where a source disagrees with the record.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub discrepancies: Vec<DiscrepancyDef>,
}

impl EventDef {
    /// An event with its id, EDTF date and title, and nothing else yet.
    pub fn new(id: impl Into<String>, date: impl Into<String>, title: impl Into<String>) -> Self {
        EventDef {
            id: text(id),
            date: text(date),
            title: text(title),
            summary: None,
            place: None,
            actors: Vec::new(),
            tags: Vec::new(),
            lane: None,
            related: Vec::new(),
            status: None,
            context: None,
            note: None,
            excerpts: Vec::new(),
            discrepancies: Vec::new(),
        }
    }
}

/// A verbatim quote, in the spirit of the W3C TextQuoteSelector.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "excerpt")]
pub struct ExcerptDef {
    /// Source id.
    #[schemars(with = "Id")]
    pub source: Text,
    /// The exact words of the source.
    #[schemars(with = "String", length(min = 1))]
    pub quote: Text,
    /// Text immediately before the quote, to pick one of several matches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub prefix: Option<Text>,
    /// Text immediately after the quote, to pick one of several matches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub suffix: Option<Text>,
}

/// A statement of a source that disagrees with the historical record.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "discrepancy")]
pub struct DiscrepancyDef {
    /// Source id.
    #[schemars(with = "Id")]
    pub source: Text,
    /// The words in the source that carry the claim (verbatim, checked like an excerpt).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub quote: Option<Text>,
    /// What the source says, in plain words.
    #[schemars(with = "String")]
    pub says: Text,
    /// What the record says.
    #[schemars(with = "String")]
    pub record: Text,
    /// The evidence for the record.
    #[schemars(with = "String")]
    pub basis: Text,
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn store_with(value: &str) -> StoreFile {
        let mut store = StoreFile::new(value);
        store.description = Some(text(value));
        let mut e = EventDef::new("e", "2014-03", value);
        e.summary = Some(text(value));
        e.tags = vec![text(value), text(value)];
        e.excerpts = vec![ExcerptDef {
            source: text("s"),
            quote: text(value),
            prefix: Some(text(value)),
            suffix: None,
        }];
        store.events = vec![e];
        store
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Whatever a value holds (YAML syntax, quotes, leading or doubled
        /// spaces, line breaks, control characters, long lines that get
        /// folded), the loader reads back exactly what was written.
        #[test]
        fn written_values_load_back_exactly(
            value in "[ a-zA-Z0-9:#&*!|>'\"%@`,\\[\\]{}\\-?\n\r\t\u{0}\u{1b}\u{85}\u{a0}\u{2028}\u{feff}横田평양]{1,200}",
        ) {
            let yaml = to_yaml(&store_with(&value)).unwrap();
            let back = crate::yaml::parse(&yaml, std::path::Path::new("t.yaml"))
                .unwrap_or_else(|e| panic!("{e}\n{yaml}"));
            let e = &back.events[0];
            prop_assert_eq!(&back.title.value, &value);
            prop_assert_eq!(&back.description.as_ref().unwrap().value, &value);
            prop_assert_eq!(&e.title.value, &value);
            prop_assert_eq!(&e.summary.as_ref().unwrap().value, &value);
            prop_assert_eq!(&e.tags[1].value, &value);
            prop_assert_eq!(&e.excerpts[0].quote.value, &value);
            prop_assert_eq!(&e.excerpts[0].prefix.as_ref().unwrap().value, &value);
        }
    }

    #[test]
    fn unset_fields_are_not_written() {
        let yaml = to_yaml(&StoreFile::new("Only a title")).unwrap();
        assert_eq!(yaml, "title: Only a title\n");
    }
}
