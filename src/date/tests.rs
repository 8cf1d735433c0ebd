use super::*;

fn d(s: &str) -> EventDate {
    EventDate::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

#[test]
fn precision_follows_the_written_parts() {
    assert_eq!(d("1977-11-15").precision(), Precision::Day);
    assert_eq!(d("2014-03").precision(), Precision::Month);
    assert_eq!(d("1977").precision(), Precision::Year);
    assert_eq!(d("197X").precision(), Precision::Decade);
    assert_eq!(d("19XX").precision(), Precision::Century);
    assert_eq!(d("1985-04-XX").precision(), Precision::Month);
    assert_eq!(d("2001-21").precision(), Precision::Season);
    assert_eq!(d("2014-03-10/2014-03-14").precision(), Precision::Day);
    assert_eq!(d("1977-09-19/1983-07").precision(), Precision::Month);
}

#[test]
fn bounds_never_invent_a_day() {
    let m = d("2014-03");
    assert_eq!(m.earliest(), Edge::Day(Day::new(2014, 3, 1)));
    assert_eq!(m.latest(), Edge::Day(Day::new(2014, 3, 31)));
    let x = d("197X");
    assert_eq!(x.earliest(), Edge::Day(Day::new(1970, 1, 1)));
    assert_eq!(x.latest(), Edge::Day(Day::new(1979, 12, 31)));
    assert_eq!(d("2019/..").latest(), Edge::After);
}

#[test]
fn qualifiers_are_kept() {
    let a = d("2023-05~");
    assert!(a.is_approximate() && !a.is_uncertain());
    assert_eq!(a.precision_words(), "month known, approximate");
    assert!(d("1977?").is_uncertain());
    let both = d("2004-06%");
    assert!(both.is_uncertain() && both.is_approximate());
    assert_eq!(both.qualifier_words(), "approximate and uncertain");
}

#[test]
fn invalid_dates_are_refused_with_reasons() {
    assert!(matches!(
        EventDate::parse("2023-02-30"),
        Err(DateError::Invalid { .. })
    ));
    assert!(matches!(
        EventDate::parse("1977-13"),
        Err(DateError::Invalid { .. })
    ));
    assert!(matches!(
        EventDate::parse("July 1977"),
        Err(DateError::Invalid { .. })
    ));
    let reversed = EventDate::parse("2014-03-31/2014-03-30").unwrap_err();
    assert!(reversed.to_string().contains("precedes"), "{reversed}");
    assert!(matches!(
        EventDate::parse("[1667,1668]"),
        Err(DateError::Level2(_))
    ));
    assert!(EventDate::parse("2000-02-29").is_ok());
    assert!(EventDate::parse("1900-02-29").is_err());
}

#[test]
fn ordering_is_earliest_then_latest_then_precision() {
    let mut v = [
        d("1977"),
        d("1977-11"),
        d("1977-11-15"),
        d("1977-01-01"),
        d("1976/1978"),
    ];
    v.sort_by(EventDate::chrono_cmp);
    let order: Vec<&str> = v.iter().map(EventDate::edtf).collect();
    assert_eq!(
        order,
        ["1976/1978", "1977-01-01", "1977", "1977-11", "1977-11-15"]
    );
    // Same bounds: the finer precision comes first.
    assert_eq!(
        d("2014-03-01/2014-03-31").chrono_cmp(&d("2014-03")),
        Ordering::Less
    );
}

#[test]
fn compact_and_long_forms_keep_precision() {
    assert_eq!(d("2014-03-30/2014-03-31").compact(), "2014-03-30…31");
    assert_eq!(
        d("2012-12-26/2020-09-16").compact(),
        "2012-12-26…2020-09-16"
    );
    assert_eq!(d("2014-03-10/2014-04-02").compact(), "2014-03-10…04-02");
    assert_eq!(d("2019/..").compact(), "2019…");
    assert_eq!(d("2023-05~").compact(), "2023-05~");
    assert_eq!(d("1977-11-15").long(), "15 November 1977");
    assert_eq!(d("2014-03").long(), "March 2014");
    assert_eq!(d("197X").long(), "the 1970s");
    assert_eq!(d("2014-03-10/2014-03-14").long(), "10–14 March 2014");
    assert_eq!(
        d("1977-09-19/1983-07").long(),
        "19 September 1977 to July 1983"
    );
}

#[test]
fn an_unknown_end_is_unbounded_not_the_known_day() {
    let end = d("2014/");
    assert!(end.is_end_unknown() && !end.is_end_open());
    assert_eq!(end.earliest(), Edge::Day(Day::new(2014, 1, 1)));
    assert_eq!(end.latest(), Edge::After);
    let start = d("/2014");
    assert!(start.is_start_unknown() && !start.is_start_open());
    assert_eq!(start.earliest(), Edge::Before);
    assert_eq!(start.latest(), Edge::Day(Day::new(2014, 12, 31)));
    // June 2014 onwards may still hold the event.
    let june = d("2014-06");
    assert!(end.overlaps(june.earliest(), Edge::After));
    assert!(d("2019/..").is_end_open() && !d("2019/..").is_end_unknown());
    assert!(d("../2019").is_start_open());
}

#[test]
fn open_and_unknown_ends_name_no_invented_day() {
    assert_eq!(d("2019-08/..").long(), "from August 2019 onwards");
    assert_eq!(d("../2001-03").long(), "until March 2001");
    assert_eq!(d("2014/").long(), "from 2014 (end unknown)");
    assert_eq!(d("/2014-03").long(), "until March 2014 (start unknown)");
    assert_eq!(d("1977-11-15/..").long(), "from 15 November 1977 onwards");
    assert_eq!(d("2001-21/..").long(), "from March–May 2001 onwards");
}

#[test]
fn second_60_is_a_leap_second_only_where_one_was_inserted() {
    assert!(EventDate::parse("2016-12-31T23:59:60Z").is_ok());
    assert!(EventDate::parse("1972-06-30T23:59:60Z").is_ok());
    // The same instant in Tokyo (UTC+9) is 08:59:60 the next morning.
    assert!(EventDate::parse("2017-01-01T08:59:60+09:00").is_ok());
    for bad in [
        "2014-03-10T12:00:60Z",
        "2014-12-31T23:59:60Z",
        "2016-12-31T23:59:60",
        "2016-12-31T23:59:60+09:00",
    ] {
        assert!(
            matches!(EventDate::parse(bad), Err(DateError::LeapSecond(_))),
            "{bad} accepted"
        );
    }
    assert!(EventDate::parse("2016-12-31T23:59:59").is_ok());
}

#[test]
fn an_event_date_stays_small() {
    // Every event holds one: the parsed EDTF tree (112 bytes) is not kept.
    assert!(
        std::mem::size_of::<EventDate>() <= 32,
        "EventDate is {} bytes",
        std::mem::size_of::<EventDate>()
    );
}

#[test]
fn packed_edges_round_trip_in_calendar_order() {
    let mut days = vec![Edge::Before, Edge::After];
    for year in [MIN_YEAR, -1, 0, 1, 1977, MAX_YEAR] {
        for (month, day) in [(1, 1), (2, 29), (6, 15), (12, 31)] {
            days.push(Edge::Day(Day::new(year, month, day)));
        }
    }
    days.sort();
    let packed: Vec<PackedEdge> = days.iter().map(|&e| PackedEdge::new(e).unwrap()).collect();
    assert!(packed.windows(2).all(|w| w[0] < w[1]), "order kept");
    for (e, p) in days.iter().zip(&packed) {
        assert_eq!(p.get(), *e);
    }
    let far = Edge::Day(Day::new(MAX_YEAR + 1, 1, 1));
    assert_eq!(PackedEdge::new(far), None, "outside the supported years");
}

#[test]
fn an_interval_is_parsed_again_only_when_asked() {
    let iv = d("1975~/1990-03").interval().expect("an interval");
    assert!(matches!(iv.start, edtf_core::IntervalEndpoint::Date(_)));
    assert!(d("1975~").interval().is_none());
    let open = d("2019-08/..");
    assert_eq!(
        open.interval().map(|iv| iv.end),
        Some(edtf_core::IntervalEndpoint::Open)
    );
}
