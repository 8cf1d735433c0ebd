//! Leap seconds: `23:59:60` UTC exists only at the end of the days on which
//! the IERS inserted one (27 of them, 1972–2016; none has been announced
//! since, and none will be after 2035). Any other second 60 is refused.

use chrono::{Datelike as _, NaiveDate, NaiveTime, TimeDelta};
use edtf_core::{Edtf, TimeShift};

/// The days (UTC) that ended with an inserted leap second, from IERS
/// Bulletin C (the `leap-seconds.list` published by IERS and IANA).
const LEAP_SECOND_DAYS: [(i32, u32, u32); 27] = [
    (1972, 6, 30),
    (1972, 12, 31),
    (1973, 12, 31),
    (1974, 12, 31),
    (1975, 12, 31),
    (1976, 12, 31),
    (1977, 12, 31),
    (1978, 12, 31),
    (1979, 12, 31),
    (1981, 6, 30),
    (1982, 6, 30),
    (1983, 6, 30),
    (1985, 6, 30),
    (1987, 12, 31),
    (1989, 12, 31),
    (1990, 12, 31),
    (1992, 6, 30),
    (1993, 6, 30),
    (1994, 6, 30),
    (1995, 12, 31),
    (1997, 6, 30),
    (1998, 12, 31),
    (2005, 12, 31),
    (2008, 12, 31),
    (2012, 6, 30),
    (2015, 6, 30),
    (2016, 12, 31),
];

/// True when `dt` (whose second is 60) names a real leap second: its time,
/// moved to UTC by its offset, is 23:59:60 on a leap-second day. A time with
/// no zone cannot be placed in UTC, so it is refused too.
pub(super) fn is_leap_second(dt: &edtf_core::DateTime) -> bool {
    let offset_minutes = match dt.time.shift {
        Some(TimeShift::Utc) => 0,
        Some(TimeShift::Offset { minutes, .. }) => i64::from(minutes),
        None => return false,
    };
    let edtf_core::Bound::Date(d) = Edtf::Date(dt.date).bounds().earliest else {
        return false;
    };
    let (Ok(year), Some(local_minute)) = (
        i32::try_from(d.year),
        NaiveTime::from_hms_opt(dt.time.hour.into(), dt.time.minute.into(), 0),
    ) else {
        return false;
    };
    let Some(local) = NaiveDate::from_ymd_opt(year, d.month.into(), d.day.into())
        .map(|day| day.and_time(local_minute))
    else {
        return false;
    };
    let utc = local - TimeDelta::minutes(offset_minutes);
    utc.time() == NaiveTime::from_hms_opt(23, 59, 0).expect("a valid time")
        && LEAP_SECOND_DAYS.contains(&(utc.year(), utc.month(), utc.day()))
}
