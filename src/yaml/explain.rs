//! What a parse error means to a researcher: the parser's safety limits
//! named with their numbers, and a hint for ordinary YAML mistakes.

use super::{
    MAX_ALIAS_EXPANDED_BYTES, MAX_ALIAS_REPLAY, MAX_ALIASES, MAX_DEPTH, MAX_DOCUMENTS, MAX_EVENTS,
    MAX_EXPANSIONS_PER_ANCHOR, expanded_cap,
};

const SEE_SECURITY: &str = "see SECURITY.md, \"Limits\"";

/// A researcher-facing message and hint for the parser's safety-limit errors,
/// naming the limit and its number; `None` for ordinary YAML/format errors.
pub(super) fn explain_limit(e: &serde_saphyr::Error, text_len: usize) -> Option<(String, String)> {
    // A breach met while replaying an alias comes wrapped with both places.
    let mut e = e;
    while let serde_saphyr::Error::AliasError { error, .. }
    | serde_saphyr::Error::WithSnippet { error, .. } = e
    {
        e = error;
    }
    let (what, hint) = match e {
        serde_saphyr::Error::Budget { breach, .. } => explain_breach(breach, text_len),
        serde_saphyr::Error::AliasExpansionLimitExceeded { expansions, .. } => (
            format!(
                "one anchor is used {expansions} times through aliases, over the cap of {MAX_EXPANSIONS_PER_ANCHOR} (max_alias_expansions_per_anchor)"
            ),
            format!(
                "write the values out instead of repeating them through aliases; {SEE_SECURITY}"
            ),
        ),
        serde_saphyr::Error::AliasReplayLimitExceeded {
            total_replayed_events,
            ..
        } => (
            format!(
                "aliases expand to {total_replayed_events} parser events, over the cap of {MAX_ALIAS_REPLAY} (max_total_replayed_events): an alias bomb"
            ),
            format!(
                "write the values out instead of repeating them through aliases; {SEE_SECURITY}"
            ),
        ),
        serde_saphyr::Error::AliasReplayStackDepthExceeded {
            depth, max_depth, ..
        } => (
            format!(
                "aliases nest {depth} deep, over the cap of {max_depth} (max_replay_stack_depth): an alias bomb"
            ),
            format!(
                "write the values out instead of repeating them through aliases; {SEE_SECURITY}"
            ),
        ),
        serde_saphyr::Error::MergeKeyNotAllowed { .. } => (
            "merge keys (`<<`) are not allowed in a store".to_string(),
            "write the keys out instead of merging them in".to_string(),
        ),
        serde_saphyr::Error::NullIntoString { .. } => (
            "this value is empty or null (`~`, `null`), but text is required here".to_string(),
            "give a value in quotes, or remove the key if it is optional".to_string(),
        ),
        _ if e.to_string().contains("recursion limit exceeded") => (
            format!("collections are nested deeper than the cap of {MAX_DEPTH} levels (max_depth)"),
            format!("a store needs only a few levels; remove the extra nesting; {SEE_SECURITY}"),
        ),
        _ => return None,
    };
    Some((what, hint))
}

/// Message and hint for a breach of the parser's budget (counts of
/// documents, aliases, anchors, nesting, events, nodes, expanded bytes).
fn explain_breach(
    breach: &serde_saphyr::budget::BudgetBreach,
    text_len: usize,
) -> (String, String) {
    use serde_saphyr::budget::BudgetBreach as B;
    match breach {
        B::Documents { .. } => (
            format!("the file holds more than {MAX_DOCUMENTS} YAML document (a `---` separator starts a second one) (max_documents)"),
            "a store is one YAML document; remove the `---` separator or split the file into several stores".to_string(),
        ),
        B::Aliases { aliases } => (
            format!("the store uses {aliases} aliases (`*name`), over the cap of {MAX_ALIASES} (max_aliases)"),
            format!("write the values out instead of repeating them through aliases; {SEE_SECURITY}"),
        ),
        B::Anchors { anchors } => (
            format!("the store defines {anchors} anchors (`&name`), over the cap of {MAX_ALIASES} (max_anchors)"),
            format!("remove the anchors; {SEE_SECURITY}"),
        ),
        B::AliasAnchorRatio { aliases, anchors } => (
            format!("the store uses {aliases} aliases for {anchors} anchors, which looks like an alias bomb (alias_anchor_ratio)"),
            format!("write the values out instead of repeating them through aliases; {SEE_SECURITY}"),
        ),
        B::Depth { depth } => (
            format!("collections are nested {depth} levels deep, over the cap of {MAX_DEPTH} (max_depth)"),
            format!("a store needs only a few levels; remove the extra nesting; {SEE_SECURITY}"),
        ),
        B::Events { events } => (
            format!("the store has {events} YAML parser events, over the cap of {MAX_EVENTS} (max_events)"),
            format!("split the store; {SEE_SECURITY}"),
        ),
        B::Nodes { nodes } => (
            format!("the store has {nodes} YAML nodes, over the cap of {MAX_EVENTS} (max_nodes)"),
            format!("split the store; {SEE_SECURITY}"),
        ),
        B::ScalarBytes { total_scalar_bytes } => (
            format!(
                "aliases (`*name`) expand the store's values to more than {total_scalar_bytes} bytes, over the cap of {} (the file's {text_len} bytes plus {MAX_ALIAS_EXPANDED_BYTES} bytes repeated through aliases, max_alias_expanded_bytes): an alias bomb",
                expanded_cap(text_len)
            ),
            format!("write the values out instead of repeating long ones through aliases; {SEE_SECURITY}"),
        ),
        B::MergeKeys { .. } => (
            "merge keys (`<<`) are not allowed in a store (max_merge_keys = 0)".to_string(),
            "write the keys out instead of merging them in".to_string(),
        ),
        other => (
            format!("the store breaks a parser safety limit ({other:?})"),
            SEE_SECURITY.to_string(),
        ),
    }
}

/// What to do about an ordinary YAML or format error, from the parser's message.
pub(super) fn hint_for(message: &str) -> &'static str {
    let m = message.to_ascii_lowercase();
    if m.contains("unknown field") {
        "remove the key or correct its spelling (the message lists the keys allowed here)"
    } else if m.contains("missing field") {
        "add the missing key; see README.md, \"The store format\""
    } else if m.contains("duplicate") {
        "each key may appear only once in a mapping; merge or remove the repeated key"
    } else if m.contains("tag") {
        "custom YAML tags (`!name`) are not allowed in a store; remove the tag"
    } else if m.contains("bool") {
        "use `true` or `false` (YAML 1.1 forms like yes/no/on/off are not booleans here)"
    } else if m.contains("expected mapping") {
        "a store (and each source, actor, place, era and event) is a mapping of `key: value` lines; see README.md, \"The store format\""
    } else {
        "fix the YAML at this position; see README.md, \"The store format\""
    }
}
