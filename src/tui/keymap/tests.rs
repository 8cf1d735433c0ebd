//! Unit tests of key decoding and dispatch.

use super::*;

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
