//! JSON Schemas (draft 2020-12), hand-written next to the types they describe:
//! one for `events.yaml` itself, so editors can validate a store as it is
//! typed, and one for the JSON export.

/// The JSON Schema of a store file (`events.yaml`).
pub const STORE_SCHEMA: &str = include_str!("store.schema.json");

/// The JSON Schema of `chronoscope export --format json`.
pub const EXPORT_SCHEMA: &str = include_str!("export.schema.json");
