//! Any text as a store file: the fast reader either declines it or returns
//! exactly what serde-saphyr returns (values, lines and columns), and never
//! takes a text serde-saphyr refuses; on one thread or several.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let Some(fast) = chronoscope::yaml::fast_parse_on(text, 1) else {
        return;
    };
    match chronoscope::yaml::saphyr_parse(text) {
        Ok(slow) => assert!(fast == slow, "the fast reader differs"),
        Err(e) => panic!("the fast reader took what serde-saphyr refuses: {e}"),
    }
    assert!(chronoscope::yaml::fast_parse_on(text, 2).as_ref() == Some(&fast));
});
