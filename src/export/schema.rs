//! JSON Schemas (draft 2020-12): the store's, derived from [`crate::model`] so
//! it cannot drift from what the loader accepts, for editors to validate a
//! store as it is typed; and the JSON export's, hand-written next to its writer.

use crate::model::StoreFile;

/// The JSON Schema of a store file (`events.yaml`), generated from the model.
pub fn store_schema() -> serde_json::Value {
    let mut schema = schemars::schema_for!(StoreFile).to_value();
    unwrap_descriptions(&mut schema);
    schema
}

/// Joins the lines of descriptions taken from doc comments, which wrap at
/// the source's width, into one line each, as editors show them.
fn unwrap_descriptions(v: &mut serde_json::Value) {
    use serde_json::Value;
    match v {
        Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                match value {
                    Value::String(s) if key == "description" => *s = s.replace('\n', " "),
                    other => unwrap_descriptions(other),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(unwrap_descriptions),
        _ => {}
    }
}

/// The JSON Schema of `chronoscope export --format json`.
pub const EXPORT_SCHEMA: &str = include_str!("export.schema.json");
