//! Text as users type it: the trimming every input field gets.

/// `s` without leading and trailing white space (as [`str::trim`]), looking at no
/// character when both ends are plain ASCII: every registration trims two IINs and an
/// e-mail address, and `str::trim` decodes characters from both ends.
pub(crate) fn trimmed(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(a), Some(z)) if is_plain(*a) && is_plain(*z) => s,
        _ => s.trim(),
    }
}

/// An ASCII byte that is not white space (nor the start of a longer character).
fn is_plain(b: u8) -> bool {
    b.is_ascii() && !is_ascii_space(b)
}

/// An ASCII byte that [`char::is_whitespace`] (and so [`str::trim`]) counts as white space:
/// [`u8::is_ascii_whitespace`] plus the vertical tab, which it leaves out.
pub(crate) fn is_ascii_space(b: u8) -> bool {
    b.is_ascii_whitespace() || b == 0x0b
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn trims_as_str_trim() {
        for s in [
            "",
            " ",
            "a",
            " a ",
            "\ta\n",
            "a b",
            "\u{a0}a",
            "a\u{2003}",
            "ə",
            " ə ",
            "\u{b}a\u{b}",
            "a\u{c}",
        ] {
            assert_eq!(trimmed(s), s.trim(), "{s:?}");
        }
    }

    proptest! {
        #[test]
        fn trims_any_text_as_str_trim(s in "\\PC*|[ \\t\\u{b}\\u{c}\\u{a0}\\u{2003}a-z0-9@.]{0,12}") {
            prop_assert_eq!(trimmed(&s), s.trim());
        }
    }
}
