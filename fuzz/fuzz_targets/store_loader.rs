//! Any bytes as a store file: decoding, YAML parsing, building and every
//! check rule run to completion without a panic, and every error names a
//! position and carries no raw control character.
#![no_main]

use std::path::Path;

use chronoscope::sources::Resolver;
use chronoscope::store::{Origin, Store};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let text = match chronoscope::yaml::decode(bytes.to_vec(), Path::new("fuzz.yaml")) {
        Ok(t) => t,
        Err(e) => {
            assert!(!e.to_string().chars().any(|c| c.is_control() && c != '\n'));
            return;
        }
    };
    match Store::load_str(&text, Origin::Embedded, &Resolver::Embedded) {
        Ok(loaded) => {
            let report = chronoscope::check::check(&loaded);
            for f in &report.findings {
                let line = f.to_string();
                assert!(!line.chars().any(char::is_control), "{line:?}");
            }
            for e in &loaded.store.events {
                let _ = (e.date.compact(), e.date.long());
                for x in &e.excerpts {
                    let _ = loaded.store.locate(x);
                }
            }
        }
        Err(e) => {
            let msg = e.to_string();
            assert!(!msg.chars().any(|c| c.is_control() && c != '\n'), "{msg:?}");
            assert!(e.position().1.line >= 1);
        }
    }
});
