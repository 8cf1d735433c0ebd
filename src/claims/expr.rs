//! What a temporal expression says, before the calendar is consulted: the
//! finder's output and the resolver's input.

/// A unit of time in relative phrases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A day.
    Day,
    /// A week (Monday to Sunday).
    Week,
    /// A calendar month.
    Month,
    /// A calendar year.
    Year,
    /// Ten years.
    Decade,
}

/// How a count is qualified ("less than", "more than", "about").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Qual {
    /// Exactly.
    Exact,
    /// Less than: within the span.
    Less,
    /// More than: before the span.
    More,
    /// About.
    About,
}

/// Which way a weekday or part of a period points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    /// No word: tense decides.
    Bare,
    /// "last".
    Last,
    /// "next".
    Next,
    /// "this".
    This,
}

/// A recognised expression, before the calendar is consulted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    /// "July 12, 2023", "Sept. 17", "March 30 and 31", "10th March".
    Days {
        /// Year when written.
        year: Option<i32>,
        /// Month.
        month: u8,
        /// First day.
        first: u8,
        /// Last day (the same for one day).
        last: u8,
    },
    /// "December 2012", "in March", "in May last year" (`rel_year` -1).
    Month {
        /// Year when written.
        year: Option<i32>,
        /// Month.
        month: u8,
        /// "last year" / "this year" / "next year" after it.
        rel_year: Option<i32>,
    },
    /// "1977".
    Year(i32),
    /// "the 1970s", "the 1970s and '80s" (decade starts, century maybe missing).
    Decades(Vec<(u32, bool)>),
    /// "Wednesday", "last Wednesday".
    Weekday(u8, Dir),
    /// "today" (0), "last month" (-1), "next year" (+1).
    Rel(Unit, i32),
    /// "earlier this month" (`false`), "later this year" (`true`).
    PartOf(Unit, bool),
    /// "less than two months ago".
    Ago(Qual, u32, Unit),
    /// "since 2020", "since the start of 2022".
    Since(Box<Expr>),
    /// "for five days from March 10".
    For(u32, Unit, Box<Expr>),
    /// "at the end of the month" (`None`: the current month), "end of March".
    EndOf(Unit, Option<Box<Expr>>),
    /// "for the fifth straight year".
    Run(u32),
    /// "two days later" (refers back).
    Later(i32, Unit),
    /// "the following month", "the previous day" (refers back).
    Following(i32, Unit),
    /// "that year", "the same day" (refers back).
    That(Unit),
    /// "since then" (refers back).
    SinceThen,
    /// "two days after the summit": refers to an event, not a date.
    AfterEvent,
    /// "in two weeks": counted forward from publication.
    In(u32, Unit),
}

impl Expr {
    /// The kind of expression, as reported.
    pub fn kind(&self) -> &'static str {
        match self {
            Expr::Days { year: Some(_), .. } | Expr::Month { year: Some(_), .. } => "date",
            Expr::Days { .. } | Expr::Month { .. } => "partial-date",
            Expr::Year(_) => "year",
            Expr::Decades(_) => "decade",
            Expr::Weekday(..) => "weekday",
            Expr::Rel(..) | Expr::PartOf(..) | Expr::EndOf(..) | Expr::In(..) => "relative",
            Expr::Ago(Qual::Exact, ..) => "relative",
            Expr::Ago(..) => "approximate",
            Expr::Since(_) | Expr::For(..) => "span",
            Expr::Run(_) => "counted-run",
            Expr::Later(..)
            | Expr::Following(..)
            | Expr::That(_)
            | Expr::SinceThen
            | Expr::AfterEvent => "anaphoric",
        }
    }
}
