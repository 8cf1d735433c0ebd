//! `--from`, `--to` and `--query`: the selection `list` and `export` share.

use std::sync::Arc;

use clap::Args;

use crate::cache::index::IndexCache;
use crate::date::EventDate;
use crate::export::View;
use crate::sanitize::for_terminal;
use crate::search::{CancelToken, Engine};
use crate::store::Store;

/// Parses an EDTF prefix given on the command line (`2014`, `2014-03`, `2014-03-22`).
pub fn parse_date(s: &str) -> Result<EventDate, String> {
    EventDate::parse(s)
        .map_err(|e| format!("{e}; give an EDTF date such as 2014, 2014-03 or 2014-03-22"))
}

/// A date range and a search query.
#[derive(Debug, Args, Clone)]
pub struct DateFilter {
    /// Only events with some day on or after the start of DATE (EDTF: 2014, 2014-03, 2014-03-22).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub from: Option<EventDate>,
    /// Only events with some day on or before the end of DATE (EDTF: 2014 means up to 31 December 2014).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub to: Option<EventDate>,
    /// Only events matching this search (the explorer's `/` grammar: words, "phrases", tag: actor:
    /// place: source: lane: year: date: has:, before: after: within: during: overlaps:, -negation);
    /// the result stays in chronological order, events that only possibly match included.
    #[arg(long, short = 'q', value_name = "QUERY")]
    pub query: Option<String>,
}

impl DateFilter {
    /// The events of `store` this selection keeps, in chronological order,
    /// or a message naming what is wrong with the range or the query.
    /// A query's index is read from `index` when kept there.
    pub fn view<'a>(
        &self,
        store: &'a Arc<Store>,
        index: Option<&IndexCache>,
    ) -> Result<View<'a>, String> {
        self.check_range()?;
        let mut view = View::between(store, self.from.as_ref(), self.to.as_ref());
        if let Some(text) = &self.query {
            let engine = Engine::cached(Arc::clone(store), index);
            let query = engine.parse(text).map_err(|e| {
                let bad = text.get(e.span.clone()).unwrap_or(text);
                format!(
                    "chronoscope: bad --query: {} (at `{}`)\n  hint: see `chronoscope search --help` for the grammar",
                    e.message,
                    for_terminal(bad)
                )
            })?;
            let results = engine.search(&query, &CancelToken::new());
            let keep: Vec<usize> = results
                .events_in_order(store.events.len())
                .into_iter()
                .map(|i| i as usize)
                .collect();
            view.retain(&keep);
        }
        Ok(view)
    }

    /// A range that ends before it starts selects nothing by construction:
    /// that is a mistake to report, not an empty answer.
    fn check_range(&self) -> Result<(), String> {
        let (Some(from), Some(to)) = (&self.from, &self.to) else {
            return Ok(());
        };
        if from.earliest() <= to.latest() {
            return Ok(());
        }
        Err(format!(
            "chronoscope: --from {} starts after --to {} ends, so no event could match\n  hint: swap them: --from {} --to {}",
            for_terminal(from.edtf()),
            for_terminal(to.edtf()),
            for_terminal(to.edtf()),
            for_terminal(from.edtf()),
        ))
    }
}
