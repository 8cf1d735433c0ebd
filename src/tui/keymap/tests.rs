//! Unit tests of key decoding and dispatch.

use super::*;
use Action as A;
use KeyContext::{Browse, Prompt};

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

#[test]
fn plain_keys_sequences_and_counts() {
    assert_eq!(action_for(Browse, None, false, key('j')), Some(A::Down));
    assert_eq!(
        action_for(Browse, None, false, key(']')),
        Some(A::Prefix(']'))
    );
    assert_eq!(
        action_for(Browse, Some(']'), false, key('y')),
        Some(A::NextYear)
    );
    assert_eq!(action_for(Browse, Some(']'), false, key('x')), None);
    assert_eq!(action_for(Browse, None, false, key('5')), Some(A::Count(5)));
    assert_eq!(action_for(Browse, None, false, key('0')), None);
    assert_eq!(action_for(Browse, None, true, key('0')), Some(A::Count(0)));
}

#[test]
fn shift_is_folded_and_prompt_takes_text() {
    let shifted = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
    assert_eq!(action_for(Browse, None, false, shifted), Some(A::Bottom));
    assert_eq!(
        action_for(Prompt, None, false, key('j')),
        Some(A::PromptInput('j'))
    );
    let ctrl_d = KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL);
    assert_eq!(
        action_for(Browse, None, false, ctrl_d),
        Some(A::HalfPageDown)
    );
}

#[test]
fn ctrl_c_quits_from_every_context_through_the_table() {
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    for ctx in KeyContext::ALL {
        assert_eq!(
            action_for(ctx, None, false, ctrl_c),
            Some(A::Quit),
            "{ctx:?}"
        );
    }
    let q = key('q');
    assert_eq!(
        action_for(KeyContext::Loading, None, false, q),
        Some(A::Quit)
    );
    let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(
        action_for(KeyContext::Loading, None, false, esc),
        Some(A::Quit)
    );
    assert_eq!(action_for(Browse, None, false, esc), Some(A::Cancel));
}
