//! chronoscope: explore and check a source-anchored chronology.
//!
//! How the pieces fit: [`model`] is the file format; [`yaml`] reads it safely;
//! [`store`] builds the ordered [`store::Store`] ([`cache`] keeps snapshots of
//! big ones, parsed and checked); [`date`] is EDTF; [`quote`]
//! finds verbatim excerpts; [`check`] runs the rules; [`search`] is the query
//! grammar and index shared by `/` and `chronoscope search`; [`export`] and
//! [`import`] speak the interchange formats; [`sanitize`] keeps store text
//! from reaching a terminal raw. These domain modules never touch the
//! terminal; [`tui`] (the explorer) and [`cli`] sit on top. [`synth`] builds
//! synthetic stores for the benchmarks.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod cache;
pub mod check;
pub mod cli;
pub mod date;
pub mod error;
pub mod export;
pub mod finding;
pub mod import;
pub mod model;
pub mod quote;
pub mod sanitize;
pub mod search;
pub mod sources;
pub mod store;
pub mod synth;
pub mod tui;
pub mod yaml;
