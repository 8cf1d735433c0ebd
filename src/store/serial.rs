//! How store values are written in a snapshot (see [`crate::cache`]): source
//! texts are not (they are read again); dates write themselves (see
//! `crate::date`'s serial form).

use std::sync::Arc;

use super::SourceText;
use crate::sources::SourceProblem;

/// A source whose text has not been read yet (the cache reads it again).
pub(super) fn unread() -> Result<Arc<SourceText>, SourceProblem> {
    Err(SourceProblem::Missing)
}
