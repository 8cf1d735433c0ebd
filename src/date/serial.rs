//! How an [`EventDate`] is serialised: as its EDTF text for human-readable
//! formats (JSON), and for binary ones (the cache's snapshots, postcard) as
//! its text beside the parsed EDTF value, so that reading it back needs no
//! EDTF parse (a fifth of a warm open of 100 000 events went to it).
//!
//! A snapshot can still never hold a date the parser would refuse: the
//! value read is checked field by field against the ranges the parser
//! produces (digits 0–9, months 1–12 or seasons 21–24, days 1–31, times of
//! day, years within ±9999); its text must be the value's canonical
//! spelling (or parse to the value); it goes through every check
//! [`EventDate::parse`] makes after reading the text (level 0/1 only,
//! calendar bounds, leap seconds, interval order); and its bounds must be
//! real calendar days. Anything else fails the decode, and the cache
//! rebuilds the snapshot from YAML.

use chrono::NaiveDate;
use edtf_core::{Date, DateField, Edtf, IntervalEndpoint, Time, TimeShift, YearKind};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{Edge, EventDate, MAX_YEAR, MIN_YEAR};

impl Serialize for EventDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            s.serialize_str(&self.raw)
        } else {
            (&self.raw, &self.edtf).serialize(s)
        }
    }
}

impl<'de> Deserialize<'de> for EventDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        if d.is_human_readable() {
            let text = String::deserialize(d)?;
            return EventDate::parse(&text).map_err(D::Error::custom);
        }
        let (raw, edtf) = <(String, Edtf)>::deserialize(d)?;
        if !in_range(&edtf) || !spells(&raw, &edtf) {
            return Err(D::Error::custom("a date out of range"));
        }
        let date = EventDate::from_edtf(&raw, edtf).map_err(D::Error::custom)?;
        if ![date.earliest, date.latest].iter().all(real_day) || date.earliest > date.latest {
            return Err(D::Error::custom("a date out of range"));
        }
        Ok(date)
    }
}

/// Whether `raw` is the text of `edtf`: its canonical spelling (what
/// edtf-core writes, and what nearly every store writes), else what the
/// parser makes of it (a store may spell a date another valid way).
fn spells(raw: &str, edtf: &Edtf) -> bool {
    use std::fmt::Write as _;
    let mut canonical = String::with_capacity(raw.len());
    let _ = write!(canonical, "{edtf}");
    canonical == raw || Edtf::parse(raw).is_ok_and(|parsed| parsed == *edtf)
}

/// A bound that is unbounded, or a day the calendar has.
fn real_day(edge: &Edge) -> bool {
    match edge {
        Edge::Day(d) => i32::try_from(d.year)
            .is_ok_and(|y| NaiveDate::from_ymd_opt(y, d.month.into(), d.day.into()).is_some()),
        Edge::Before | Edge::After => true,
    }
}

/// Whether every field of the value lies in the range the parser gives it.
fn in_range(edtf: &Edtf) -> bool {
    match edtf {
        Edtf::Date(d) => date_in_range(d),
        Edtf::DateTime(dt) => date_in_range(&dt.date) && time_in_range(&dt.time),
        Edtf::Interval(iv) => [&iv.start, &iv.end].into_iter().all(|e| match e {
            IntervalEndpoint::Date(d)
            | IntervalEndpoint::OnOrBefore(d)
            | IntervalEndpoint::OnOrAfter(d) => date_in_range(d),
            IntervalEndpoint::Open | IntervalEndpoint::Unknown => true,
        }),
        Edtf::Set(_) => false,
    }
}

fn date_in_range(d: &Date) -> bool {
    let year = match d.year.kind {
        YearKind::Standard { digits, .. } => digits.iter().flatten().all(|&x| x <= 9),
        YearKind::Big { .. } | YearKind::Exponential { .. } => d
            .year
            .value()
            .is_some_and(|y| (MIN_YEAR..=MAX_YEAR).contains(&y)),
    };
    let month = d
        .month
        .is_none_or(|m| field_in_range(m, |v| (1..=12).contains(&v) || (21..=24).contains(&v)));
    let day = d
        .day
        .is_none_or(|x| d.month.is_some() && field_in_range(x, |v| (1..=31).contains(&v)));
    year && d.year.significant_digits.is_none() && month && day
}

/// Digits 0–9 (or unspecified), and a value `ok` accepts when both are known.
fn field_in_range(f: DateField, ok: impl Fn(u8) -> bool) -> bool {
    f.digits.iter().flatten().all(|&x| x <= 9) && f.value().is_none_or(ok)
}

fn time_in_range(t: &Time) -> bool {
    let shift = match t.shift {
        Some(TimeShift::Offset { minutes, .. }) => minutes.unsigned_abs() < 24 * 60,
        Some(TimeShift::Utc) | None => true,
    };
    t.hour <= 23 && t.minute <= 59 && t.second <= 60 && shift
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Level 0 and 1 dates in canonical and other spellings.
    const DATES: [&str; 24] = [
        "2014",
        "2014-03",
        "2014-03-31",
        "-0044-03-15",
        "2014-21",
        "2014-24",
        "201X",
        "19XX",
        "2014-XX",
        "2014-03-XX",
        "2014?",
        "2014-03~",
        "2014-03-31%",
        "2016-12-31T23:59:60Z",
        "2017-01-01T08:59:60+09:00",
        "2014-03-31T10:20:30+05",
        "2014/2019",
        "2014-03/2014-05-02",
        "2014/",
        "/2014",
        "2019-08/..",
        "../2001-03",
        "2014-03-01~/2014-05?",
        "1985-04-12/1985-04-12",
    ];

    #[test]
    fn every_date_the_parser_accepts_reads_back_from_its_binary_form() {
        for text in DATES {
            let date = EventDate::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            let bytes = postcard::to_stdvec(&date).expect("encodes");
            let back: EventDate = postcard::from_bytes(&bytes).expect(text);
            assert_eq!(back, date, "{text}");
        }
    }

    #[test]
    fn a_value_with_a_day_the_calendar_lacks_is_refused() {
        let date = EventDate::parse("2023-02-28").expect("a date");
        let mut edtf = date.edtf.clone();
        if let Edtf::Date(d) = &mut edtf {
            d.day = Some(DateField {
                digits: [Some(3), Some(0)],
                qualifier: d.day.expect("a day").qualifier,
            });
        }
        let bytes = postcard::to_stdvec(&("2023-02-30", &edtf)).expect("encodes");
        assert!(postcard::from_bytes::<EventDate>(&bytes).is_err());
        let bytes = postcard::to_stdvec(&("2023-02-28", &edtf)).expect("encodes");
        assert!(postcard::from_bytes::<EventDate>(&bytes).is_err());
    }

    #[test]
    fn json_keeps_the_text() {
        let date = EventDate::parse("2014-03~").expect("a date");
        assert_eq!(serde_json::to_string(&date).expect("json"), "\"2014-03~\"");
    }
}
