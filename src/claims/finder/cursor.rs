//! How the patterns read tokens: one token at a time, each look counted as
//! work, with the small recognisers (day, year, count, unit, month name)
//! every pattern shares.

use super::Unit;
use crate::claims::lexicon::{Tok, Token, cardinal_of, month_of};

pub(super) struct Cursor<'a> {
    pub(super) t: &'a [Token],
}

impl<'a> Cursor<'a> {
    /// The token at `i`: every look at a token counts as one step of work.
    pub(super) fn tok(&self, i: usize) -> Option<&'a Token> {
        crate::claims::work::step(1);
        self.t.get(i)
    }
    pub(super) fn word(&self, i: usize) -> Option<&'a str> {
        self.tok(i).and_then(Token::word)
    }
    pub(super) fn is(&self, i: usize, words: &[&str]) -> bool {
        self.word(i).is_some_and(|w| words.contains(&w))
    }
    pub(super) fn capital(&self, i: usize) -> bool {
        matches!(
            self.tok(i),
            Some(Token {
                tok: Tok::Word { capital: true, .. },
                ..
            })
        )
    }
    pub(super) fn punct(&self, i: usize, c: char) -> bool {
        matches!(self.tok(i), Some(Token { tok: Tok::Punct(p), .. }) if *p == c)
    }
    /// A day of the month (1–31, at most two digits or an ordinal).
    pub(super) fn day(&self, i: usize) -> Option<u8> {
        match self.tok(i)?.tok {
            Tok::Num { value, digits, .. } if digits <= 2 && (1..=31).contains(&value) => {
                Some(value as u8)
            }
            _ => None,
        }
    }
    /// A written year (four digits, 1000–2999).
    pub(super) fn year(&self, i: usize) -> Option<i32> {
        match self.tok(i)?.tok {
            Tok::Num {
                value,
                digits: 4,
                ordinal: false,
            } if (1000..=2999).contains(&value) => Some(value as i32),
            _ => None,
        }
    }
    /// A count: digits or a number word.
    pub(super) fn count(&self, i: usize) -> Option<u32> {
        match &self.tok(i)?.tok {
            Tok::Num {
                value,
                ordinal: false,
                ..
            } => Some(*value),
            Tok::Word { lower, .. } => cardinal_of(lower),
            _ => None,
        }
    }
    pub(super) fn unit(&self, i: usize) -> Option<Unit> {
        Some(match self.word(i)? {
            "day" | "days" => Unit::Day,
            "week" | "weeks" => Unit::Week,
            "month" | "months" => Unit::Month,
            "year" | "years" => Unit::Year,
            "decade" | "decades" => Unit::Decade,
            _ => return None,
        })
    }
    /// A month name at `i`, and the index after it (past an abbreviation's full stop).
    pub(super) fn month(&self, i: usize, needs_context: bool) -> Option<(u8, usize)> {
        let w = self.word(i)?;
        let m = month_of(w)?;
        let full = crate::date::MONTH_NAMES[m as usize - 1].eq_ignore_ascii_case(w);
        let mut next = i + 1;
        if !full && self.punct(next, '.') {
            next += 1;
        }
        let followed = self.day(next).is_some() || self.year(next).is_some();
        // "may", "mar", "march" are also verbs: a bare one must be capitalised,
        // and "May" also needs a preposition before it.
        let ok = if followed && !needs_context {
            full || self.capital(i)
        } else {
            self.capital(i)
                && (w != "may"
                    || followed
                    || self.is(
                        i.wrapping_sub(1),
                        &[
                            "in", "since", "of", "until", "by", "early", "late", "mid", "from",
                        ],
                    ))
        };
        ok.then_some((m, next))
    }
}
