//! How store values are written in a snapshot (see [`crate::cache`]): dates
//! as their EDTF text, parsed again when read (the parse is the only way to
//! build an [`EventDate`], so a snapshot can never hold a date the parser
//! would refuse).

use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::SourceText;
use crate::date::EventDate;
use crate::sources::SourceProblem;

/// A source whose text has not been read yet (the cache reads it again).
pub(super) fn unread() -> Result<Arc<SourceText>, SourceProblem> {
    Err(SourceProblem::Missing)
}

pub(super) mod date {
    use super::*;

    pub fn serialize<S: Serializer>(d: &EventDate, s: S) -> Result<S::Ok, S::Error> {
        d.to_string().serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<EventDate, D::Error> {
        let text = String::deserialize(d)?;
        EventDate::parse(&text).map_err(serde::de::Error::custom)
    }
}

pub(super) mod opt_date {
    use super::*;

    pub fn serialize<S: Serializer>(d: &Option<EventDate>, s: S) -> Result<S::Ok, S::Error> {
        d.as_ref().map(EventDate::to_string).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<EventDate>, D::Error> {
        Option::<String>::deserialize(d)?
            .map(|text| EventDate::parse(&text).map_err(serde::de::Error::custom))
            .transpose()
    }
}
