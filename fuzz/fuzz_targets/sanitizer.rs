//! Any string through the terminal sanitiser: nothing hazardous comes out,
//! no ESC byte, and sanitising the output again changes nothing.
#![no_main]

use chronoscope::sanitize::{for_terminal, for_terminal_multiline, hazard};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    let one = for_terminal(input);
    assert!(
        one.chars()
            .all(|c| hazard(c).is_none() && c != '\n' && c != '\t')
    );
    assert!(!one.contains('\u{1b}'));
    assert_eq!(for_terminal(&one), one);

    let many = for_terminal_multiline(input, 4);
    assert!(
        many.chars()
            .all(|c| c == '\n' || (hazard(c).is_none() && c != '\t'))
    );
    assert!(!many.contains('\u{1b}'));
    assert_eq!(for_terminal_multiline(&many, 4), many);
});
