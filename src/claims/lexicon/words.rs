//! The words that name parts of the calendar (months, weekdays, number
//! words) and the abbreviations after which a full stop ends no sentence.

/// Months, with the abbreviations news style uses.
const MONTHS: [&[&str]; 12] = [
    &["january", "jan"],
    &["february", "feb"],
    &["march", "mar"],
    &["april", "apr"],
    &["may"],
    &["june", "jun"],
    &["july", "jul"],
    &["august", "aug"],
    &["september", "sept", "sep"],
    &["october", "oct"],
    &["november", "nov"],
    &["december", "dec"],
];

/// Month number (1–12) of a lower-case word, full or abbreviated.
pub fn month_of(lower: &str) -> Option<u8> {
    MONTHS
        .iter()
        .position(|names| names.contains(&lower))
        .map(|i| i as u8 + 1)
}

/// Weekday number (0 = Monday) of a lower-case word, full or abbreviated.
pub fn weekday_of(lower: &str) -> Option<u8> {
    const DAYS: [&[&str]; 7] = [
        &["monday", "mon"],
        &["tuesday", "tue", "tues"],
        &["wednesday", "wed"],
        &["thursday", "thu", "thur", "thurs"],
        &["friday", "fri"],
        &["saturday", "sat"],
        &["sunday", "sun"],
    ];
    // Abbreviations only count with a full stop or capital, checked by the
    // finder; here any listed form maps.
    DAYS.iter()
        .position(|names| names.contains(&lower))
        .map(|i| i as u8)
}

/// Cardinal number words up to thirty, and the tens to ninety.
pub fn cardinal_of(lower: &str) -> Option<u32> {
    const SMALL: [&str; 21] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    const TENS: [(&str, u32); 7] = [
        ("thirty", 30),
        ("forty", 40),
        ("fifty", 50),
        ("sixty", 60),
        ("seventy", 70),
        ("eighty", 80),
        ("ninety", 90),
    ];
    if let Some(i) = SMALL.iter().position(|w| *w == lower) {
        return Some(i as u32);
    }
    if matches!(lower, "a" | "an") {
        return Some(1);
    }
    TENS.iter().find(|(w, _)| *w == lower).map(|(_, n)| *n)
}

/// Ordinal words (`first` … `twentieth`).
pub fn ordinal_of(lower: &str) -> Option<u32> {
    const ORD: [&str; 20] = [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
        "twentieth",
    ];
    ORD.iter().position(|w| *w == lower).map(|i| i as u32 + 1)
}

/// Words after which a full stop does not end a sentence.
pub(super) fn is_abbreviation(lower: &str) -> bool {
    lower.len() == 1
        || month_of(lower).is_some_and(|_| lower.len() <= 4)
        || matches!(
            lower,
            "mr" | "mrs"
                | "ms"
                | "dr"
                | "prof"
                | "st"
                | "gen"
                | "lt"
                | "col"
                | "sen"
                | "rep"
                | "gov"
                | "jr"
                | "sr"
                | "vs"
                | "no"
                | "inc"
                | "co"
                | "corp"
                | "u.s"
                | "u.n"
        )
}
