//! CSL-JSON for the store's sources, so a reference manager (Zotero, pandoc
//! citeproc) can import them: `article-newspaper` items with the outlet as
//! `container-title` and `issued` holding `date-parts` only as far as known
//! (two arrays for a span such as "14–15 July 2023"), plus the EDTF string.

use serde_json::{Map, Value, json};

use super::{View, clean, endpoints, parts};
use crate::date::EventDate;

fn issued(d: &EventDate) -> Value {
    let (s, e) = endpoints(d);
    let mut date_parts = Vec::new();
    if let Some(p) = s.as_ref().and_then(parts) {
        date_parts.push(p);
        if let Some(q) = e.as_ref().and_then(parts) {
            date_parts.push(q);
        }
    }
    let mut m = Map::new();
    if !date_parts.is_empty() {
        m.insert("date-parts".into(), json!(date_parts));
    }
    if d.is_approximate() {
        m.insert("circa".into(), json!(true));
    }
    m.insert("edtf".into(), json!(d.edtf()));
    Value::Object(m)
}

/// Every source of the view's store as a CSL-JSON array (pretty, final newline).
pub fn to_string(view: &View<'_>) -> String {
    let items: Vec<Value> = view
        .store
        .sources
        .iter()
        .map(|s| {
            let mut m = Map::new();
            m.insert("id".into(), json!(clean(&s.id)));
            m.insert("type".into(), json!("article-newspaper"));
            m.insert("title".into(), json!(clean(&s.title)));
            m.insert("container-title".into(), json!(clean(&s.publisher)));
            if let Some(a) = &s.author {
                m.insert("author".into(), json!([{ "literal": clean(a) }]));
            }
            if let Some(d) = &s.published {
                m.insert("issued".into(), issued(d));
            }
            if let Some(u) = &s.url {
                m.insert("URL".into(), json!(clean(u)));
            }
            if let Some(l) = &s.language {
                m.insert("language".into(), json!(clean(l)));
            }
            if let Some(n) = &s.dated_by {
                m.insert("note".into(), json!(format!("Dated by: {}", clean(n))));
            }
            Value::Object(m)
        })
        .collect();
    let mut out = super::safe_json::to_string_pretty(&items).expect("JSON values serialise");
    out.push('\n');
    out
}
