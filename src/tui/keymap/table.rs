//! The key table as text: the rows of the `?` overlay, the README's
//! Markdown table, and the check that no key is bound twice.

use super::{BINDINGS, KeyContext, Token, token};

/// (keys, help) rows for one context, as shown in the `?` overlay.
pub fn help_rows(context: KeyContext) -> Vec<(String, &'static str)> {
    BINDINGS
        .iter()
        .filter(|b| b.context == context)
        .map(|b| (b.keys.join(" "), b.help))
        .collect()
}

/// The README key table (Markdown), generated from [`BINDINGS`].
pub fn markdown_table() -> String {
    let mut out = String::new();
    for ctx in KeyContext::ALL {
        out.push_str(&format!(
            "\n**{}**\n\n| Keys | Does |\n|---|---|\n",
            ctx.title()
        ));
        for (keys, help) in help_rows(ctx) {
            let keys: Vec<String> = keys.split(' ').map(|k| format!("`{k}`")).collect();
            out.push_str(&format!(
                "| {} | {} |\n",
                keys.join(" "),
                help.replace('|', "\\|")
            ));
        }
    }
    out
}

/// Every (context, key) that is bound more than once, written as in the table.
pub fn duplicate_bindings() -> Vec<(KeyContext, &'static str)> {
    let mut seen: Vec<(KeyContext, Token)> = Vec::new();
    let mut dups = Vec::new();
    for b in BINDINGS {
        for k in b.keys {
            let t = token(k);
            if seen.contains(&(b.context, t)) {
                dups.push((b.context, *k));
            } else {
                seen.push((b.context, t));
            }
        }
    }
    dups
}
