//! Resolution of each kind of expression against a fixed reference day.

use super::*;

fn at(e: Expr, today: &str, future: bool) -> R {
    let today = NaiveDate::parse_from_str(today, "%Y-%m-%d").unwrap();
    resolve(
        &e,
        &Ctx {
            today,
            future,
            anchor: None,
        },
    )
}

#[test]
fn a_bare_weekday_looks_back_in_the_past_and_forward_in_the_future() {
    // 2014-03-22 was a Saturday; 2019-09-23 a Monday.
    assert_eq!(
        at(Expr::Weekday(4, Dir::Bare), "2014-03-22", false).unwrap(),
        "2014-03-21"
    );
    assert_eq!(
        at(Expr::Weekday(4, Dir::Bare), "2014-03-22", true).unwrap(),
        "2014-03-28"
    );
    assert_eq!(
        at(Expr::Weekday(0, Dir::Bare), "2019-09-23", false).unwrap(),
        "2019-09-23"
    );
    assert_eq!(
        at(Expr::Weekday(0, Dir::Next), "2019-09-23", false).unwrap(),
        "2019-09-30"
    );
    assert_eq!(
        at(Expr::Weekday(0, Dir::Last), "2019-09-23", false).unwrap(),
        "2019-09-16"
    );
}

#[test]
fn a_month_day_without_year_takes_the_nearest_year_the_tense_allows() {
    let days = |m, d| Expr::Days {
        year: None,
        month: m,
        first: d,
        last: d,
    };
    assert_eq!(at(days(12, 30), "2021-01-12", false).unwrap(), "2020-12-30");
    assert_eq!(at(days(1, 5), "2021-12-20", true).unwrap(), "2022-01-05");
    // 29 February in a year without one is no date at all.
    assert_eq!(
        at(days(2, 29), "2021-03-01", false),
        Err(Unresolved::Impossible)
    );
}

#[test]
fn approximate_spans_keep_honest_bounds() {
    assert_eq!(
        at(Expr::Ago(Qual::More, 3, Unit::Decade), "2014-03-22", false).unwrap(),
        "../1984-03-22"
    );
    assert_eq!(
        at(Expr::Ago(Qual::Less, 2, Unit::Month), "2023-07-14", false).unwrap(),
        "2023-05-14/2023-07-14"
    );
    assert_eq!(
        at(Expr::Ago(Qual::Exact, 2, Unit::Year), "2023-07-14", false).unwrap(),
        "2021"
    );
    assert_eq!(at(Expr::Run(5), "2023-07-14", false).unwrap(), "2019/2023");
}

#[test]
fn pointing_back_needs_an_anchor_precise_enough() {
    let today = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    let month = EventDate::parse("1954-09").unwrap();
    let ctx = Ctx {
        today,
        future: false,
        anchor: Some(&month),
    };
    assert_eq!(
        resolve(&Expr::Following(1, Unit::Month), &ctx).unwrap(),
        "1954-10"
    );
    // A month is not a day: "two days later" cannot count from it.
    assert_eq!(
        resolve(&Expr::Later(2, Unit::Day), &ctx),
        Err(Unresolved::NoAnchor)
    );
    assert_eq!(
        at(Expr::That(Unit::Year), "2020-01-01", false),
        Err(Unresolved::NoAnchor)
    );
}
