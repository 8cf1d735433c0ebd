//! Elapsed time in words: the only place the explorer words a
//! [`calendar::Elapsed`] (the calendar computes values, the view writes them).

use crate::tui::app::{App, FromMark};
use crate::tui::calendar::{Elapsed, Unit, since};
use crate::tui::text::safe;

fn plural(n: i64, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

/// "about 25 years 10 months": the amount alone (empty when zero).
fn amount(e: &Elapsed) -> String {
    let mut parts = Vec::new();
    if e.years > 0 {
        parts.push(plural(e.years, "year"));
    }
    if e.months > 0 {
        parts.push(plural(e.months, "month"));
    }
    if e.days > 0 {
        parts.push(plural(e.days, "day"));
    }
    let about = if e.about { "about " } else { "" };
    format!("{about}{}", parts.join(" "))
}

fn unit(e: &Elapsed) -> &'static str {
    match e.unit {
        Unit::Day => "day",
        Unit::Month => "month",
        Unit::Year => "year",
    }
}

/// "25 years 10 months after", "12 years before", "the same month as".
pub fn relative(e: &Elapsed) -> String {
    if e.is_zero() {
        return format!("the same {} as", unit(e));
    }
    let word = if e.before { "before" } else { "after" };
    format!("{} {word}", amount(e))
}

/// "about 48 years 4 months ago", "in 3 days", "the same year as today".
pub fn from_today(e: &Elapsed) -> String {
    if e.is_zero() {
        format!("the same {} as today", unit(e))
    } else if e.before {
        // Today is before the date: it is still to come.
        format!("in {}", amount(e))
    } else {
        format!("{} ago", amount(e))
    }
}

/// The detail pane's "since" line for the selected event.
pub fn since_selected(app: &App) -> Option<String> {
    let e = app.selected_event()?;
    since(&e.date, app.today).map(|x| from_today(&x))
}

/// The detail pane's "mark" line: "25 years 10 months after <marked title>".
pub fn from_mark(app: &App) -> Option<String> {
    Some(match app.from_mark()? {
        FromMark::Itself => "this is the marked event".into(),
        FromMark::Elapsed(x, title) => format!("{} {}", relative(&x), safe(title)),
    })
}
