//! Word tokens as CoNLL-2003 (Penn Treebank style) writes them: punctuation split from words,
//! possessive "'s" its own token, abbreviations ("U.S.", "Mr.") and hyphenated words kept whole.

/// A token and its byte span in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// Splits `text` into tokens with byte offsets.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < text.len() {
        let c = text[i..].chars().next().unwrap();
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        // A whitespace-delimited chunk; an en or em dash inside one parts words
        // ("Richardson–joined", "herself—is"), as a space would.
        let mut j = i;
        while j < text.len() {
            let d = text[j..].chars().next().unwrap();
            if d.is_whitespace() || (j > i && matches!(d, '–' | '—')) {
                break;
            }
            j += d.len_utf8();
        }
        split_chunk(text, i, j, &mut out);
        i = j;
        let _ = bytes;
    }
    out
}

fn is_punct(c: char) -> bool {
    !c.is_alphanumeric() && !matches!(c, '\'' | '’' | '-' | '&' | '@' | '.' | '/' | '%')
}

fn split_chunk(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let push = |out: &mut Vec<Token>, s: usize, e: usize| {
        if s < e {
            out.push(Token {
                text: text[s..e].to_string(),
                start: s,
                end: e,
            })
        }
    };
    let mut s = start;
    let mut e = end;
    // Leading punctuation, one token each (quotes, brackets).
    while s < e {
        let c = text[s..e].chars().next().unwrap();
        if is_punct(c) || c == '\'' || c == '’' {
            push(out, s, s + c.len_utf8());
            s += c.len_utf8();
        } else {
            break;
        }
    }
    // Trailing punctuation, collected in reverse.
    let mut tail = Vec::new();
    while e > s {
        let c = text[s..e].chars().next_back().unwrap();
        let word = &text[s..e];
        let keep_period = c == '.' && is_abbreviation(word);
        if (is_punct(c) || c == '.' || c == '\'' || c == '’') && !keep_period {
            tail.push((e - c.len_utf8(), e));
            e -= c.len_utf8();
        } else {
            break;
        }
    }
    // Possessive or contraction: "Putin's" -> "Putin" "'s"; "don't" -> "do" "n't".
    let word = &text[s..e];
    let lower = word.to_lowercase();
    let mut split_at = None;
    for suf in [
        "'s", "’s", "n't", "n’t", "'re", "’re", "'ve", "’ve", "'ll", "’ll", "'d", "’d", "'m", "’m",
    ] {
        if lower.ends_with(suf) && lower.len() > suf.len() {
            split_at = Some(e - suf.len());
            break;
        }
    }
    if lower.ends_with("s'") && lower.len() > 2 {
        split_at = Some(e - 1);
    }
    match split_at {
        Some(m) if text.is_char_boundary(m) => {
            push(out, s, m);
            push(out, m, e);
        }
        _ => push(out, s, e),
    }
    for (a, b) in tail.into_iter().rev() {
        push(out, a, b);
    }
}

/// "U.S.", "Mr.", "Jan.", "a.m.": a final period that belongs to the word.
fn is_abbreviation(word: &str) -> bool {
    let core = word.trim_end_matches('.');
    if core.is_empty() {
        return false;
    }
    if core.contains('.') && core.chars().all(|c| c.is_alphabetic() || c == '.') {
        return true; // U.S. / a.m.
    }
    const ABBR: &[&str] = &[
        "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "sgt", "capt", "gov", "sen", "rep",
        "st", "jr", "sr", "inc", "corp", "co", "ltd", "jan", "feb", "mar", "apr", "jun", "jul",
        "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs", "messrs", "rev", "adm", "maj",
    ];
    ABBR.contains(&core.to_lowercase().as_str())
        || (core.chars().count() == 1 && core.chars().all(char::is_uppercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        tokenize(s).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn splits_like_conll() {
        assert_eq!(
            toks("Putin's envoy, Mr. Witkoff, met U.S. officials (in Moscow)."),
            [
                "Putin",
                "'s",
                "envoy",
                ",",
                "Mr.",
                "Witkoff",
                ",",
                "met",
                "U.S.",
                "officials",
                "(",
                "in",
                "Moscow",
                ")",
                "."
            ]
        );
        assert_eq!(
            toks("“We don't know,” he said."),
            ["“", "We", "do", "n't", "know", ",", "”", "he", "said", "."]
        );
        assert_eq!(toks("a five-hour meeting"), ["a", "five-hour", "meeting"]);
        assert_eq!(
            toks("Judge Ann Lee–joined by two others—agreed"),
            ["Judge", "Ann", "Lee", "–", "joined", "by", "two", "others", "—", "agreed"]
        );
    }

    #[test]
    fn offsets_point_into_the_text() {
        let s = "Zelenskyy’s plan — in Kyiv.";
        for t in tokenize(s) {
            assert_eq!(&s[t.start..t.end], t.text);
        }
    }
}
