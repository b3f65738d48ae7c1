//! The tokenizer figures are read from: words, digit runs ("1,500,000", "1.3e6") and single
//! symbols, each with its byte span and whether a space came before it.

use std::borrow::Cow;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    Digits,
    Sym,
}

#[derive(Debug, Clone)]
pub(crate) struct Tok<'a> {
    pub kind: Kind,
    pub text: &'a str,
    /// `text` lower-cased: borrowed when it already is (most tokens).
    pub lower: Cow<'a, str>,
    pub start: usize,
    pub end: usize,
    pub space_before: bool,
}

pub(crate) fn tokenize(text: &str) -> Vec<Tok<'_>> {
    let mut toks = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut k = 0;
    let mut space = true;
    let end_of = |k: usize| chars.get(k).map_or(text.len(), |c| c.0);
    while k < chars.len() {
        let (s, c) = chars[k];
        if c.is_whitespace() {
            space = true;
            k += 1;
            continue;
        }
        let starts_decimal =
            c == '.' && chars.get(k + 1).is_some_and(|n| n.1.is_ascii_digit()) && space;
        let kind = if c.is_ascii_digit() || starts_decimal {
            k += 1;
            loop {
                while chars.get(k).is_some_and(|n| n.1.is_ascii_digit()) {
                    k += 1;
                }
                let sep = chars.get(k).map(|n| n.1);
                let digit_after = chars.get(k + 1).is_some_and(|n| n.1.is_ascii_digit());
                if matches!(sep, Some('.') | Some(',')) && digit_after {
                    k += 1;
                } else {
                    break;
                }
            }
            // scientific notation: "1.3e6", "12.32e+14", "-12e-1"
            if matches!(chars.get(k).map(|c| c.1), Some('e' | 'E')) {
                let sign = matches!(chars.get(k + 1).map(|c| c.1), Some('+' | '-'));
                let d = k + 1 + usize::from(sign);
                let digits_follow = chars.get(d).is_some_and(|n| n.1.is_ascii_digit());
                let word_follows = chars.get(d + 1).is_some_and(|n| n.1.is_alphabetic())
                    || chars.get(d).is_some_and(|n| n.1.is_alphabetic());
                if digits_follow && !word_follows {
                    k = d;
                    while chars.get(k).is_some_and(|n| n.1.is_ascii_digit()) {
                        k += 1;
                    }
                }
            }
            Kind::Digits
        } else if c.is_alphabetic() {
            k += 1;
            while chars
                .get(k)
                .is_some_and(|n| n.1.is_alphanumeric() && !is_superscript(n.1))
            {
                k += 1;
            }
            // "USD115": a currency code glued to its amount is two tokens
            let glued_code = chars
                .get(s_index(&chars, s) + 3)
                .is_some_and(|n| n.1.is_ascii_digit())
                && text[s..].get(..3).is_some_and(|code| {
                    code.bytes().all(|b| b.is_ascii_uppercase())
                        && crate::units::CURRENCY_CODES
                            .iter()
                            .any(|(c, _)| c.eq_ignore_ascii_case(code))
                });
            if glued_code {
                k = s_index(&chars, s) + 3;
            }
            Kind::Word
        } else {
            k += 1;
            Kind::Sym
        };
        let e = end_of(k);
        let t = &text[s..e];
        toks.push(Tok {
            kind,
            text: t,
            lower: lowercase(t),
            start: s,
            end: e,
            space_before: space,
        });
        space = false;
    }
    toks
}

/// `t` lower-cased, borrowed when it has no capitals.
fn lowercase(t: &str) -> Cow<'_, str> {
    if !t.is_ascii() {
        Cow::Owned(t.to_lowercase())
    } else if t.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(t.to_ascii_lowercase())
    } else {
        Cow::Borrowed(t)
    }
}

/// The index in `chars` of the character at byte offset `byte`.
fn s_index(chars: &[(usize, char)], byte: usize) -> usize {
    chars.partition_point(|c| c.0 < byte)
}

fn is_superscript(c: char) -> bool {
    matches!(c, '²' | '³')
}

pub(crate) fn word_at<'a>(toks: &'a [Tok], i: usize) -> Option<&'a str> {
    toks.get(i)
        .filter(|t| t.kind == Kind::Word)
        .map(|t| &*t.lower)
}

pub(crate) fn sym_at(toks: &[Tok], i: usize, s: &str) -> bool {
    toks.get(i)
        .is_some_and(|t| t.kind == Kind::Sym && t.text == s)
}

pub(crate) fn attached(toks: &[Tok], i: usize) -> bool {
    toks.get(i).is_some_and(|t| !t.space_before)
}
