//! chronoscope: explore and check a source-anchored chronology.
//!
//! How the pieces fit: [`model`] is the file format; [`yaml`] reads it safely;
//! [`store`] builds the ordered [`store::Store`] ([`cache`] keeps snapshots of
//! big ones, parsed and checked); [`date`] is EDTF; [`quote`]
//! finds verbatim excerpts; [`check`] runs the rules; [`search`] is the query
//! grammar and index shared by `/` and `chronoscope search`; [`export`] and
//! [`import`] speak the interchange formats; [`sanitize`] keeps store text
//! from reaching a terminal raw; [`exit`] holds the process exit codes. These
//! domain modules never touch the terminal. The explorer (`tui`), the command
//! line (`cli`, with its one printer) and the synthetic-store generator
//! (`synth`, for benchmarks) sit on top and are not public API; `text` is
//! the command line's layout helpers (width, wrapping, caret diagnostics).
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod cache;
pub mod check;
pub mod claims;
pub mod date;
pub mod edit;
pub mod error;
pub mod exit;
pub mod export;
pub mod finding;
pub mod import;
pub mod memory;
pub mod model;
pub mod quote;
pub mod sanitize;
pub mod search;
pub mod sources;
pub mod store;
pub mod suggest;
pub mod yaml;

mod text;

// Not public API: the explorer, the command line and the synthetic-store
// generator are applications of the library, not parts another program would
// build on. They stay `pub` only because the binary calls `cli::main`, the
// integration tests drive `tui` and the benchmarks build stores with `synth`;
// `doc(hidden)` keeps them out of the documented surface (and out of
// `missing_docs`), and nothing about them is promised to stay.
#[doc(hidden)]
pub mod cli;
#[doc(hidden)]
pub mod synth;
#[doc(hidden)]
pub mod tui;
