//! Sentences of a paragraph, as byte ranges: split after `.`, `!` or `?` (and any closing
//! quote) when a capital, digit or opening quote follows, but not after initials ("U.S."),
//! titles ("Mr.", "Gen.") or abbreviated months ("Dec.").

use std::ops::Range;

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "gov", "sen", "rep", "st",
    "jr", "sr", "inc", "corp", "co", "ltd", "no", "vs", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "rev", "adm", "maj", "pres", "hon", "approx",
    "dept", "est", "fig", "mt", "ft", "e.g", "i.e", "etc", "cf", "al",
];

/// The sentences of `p`, trimmed, in order.
pub fn sentences(p: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = p.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        if matches!(c, '.' | '!' | '?') {
            let mut end = i + c.len_utf8();
            let mut n = k + 1;
            while let Some(&(j, d)) = chars.get(n) {
                if "\"'”’)]".contains(d) {
                    end = j + d.len_utf8();
                    n += 1;
                } else {
                    break;
                }
            }
            let space = chars.get(n).is_some_and(|&(_, d)| d.is_whitespace());
            let mut m = n;
            while chars.get(m).is_some_and(|&(_, d)| d.is_whitespace()) {
                m += 1;
            }
            let next_starts = chars.get(m).is_some_and(|&(_, d)| {
                d.is_uppercase() || d.is_ascii_digit() || "\"“‘'(".contains(d)
            });
            if space && next_starts && !(c == '.' && abbreviation_before(p, i)) {
                push(p, start..end, &mut out);
                start = chars.get(m).map_or(p.len(), |&(j, _)| j);
                k = m;
                continue;
            }
        }
        k += 1;
    }
    push(p, start..p.len(), &mut out);
    out
}

fn push(p: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &p[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if r.end - trail > r.start + lead {
        out.push(r.start + lead..r.end - trail);
    }
}

/// Whether the word ending at the period at byte `dot` is an abbreviation or an initial.
fn abbreviation_before(p: &str, dot: usize) -> bool {
    let word: String = p[..dot]
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let w = word.trim_start_matches('.');
    let single_letter = w.chars().count() == 1 && w.chars().all(char::is_uppercase);
    let dotted = w.contains('.') && w.split('.').all(|part| part.chars().count() <= 2);
    single_letter || dotted || ABBREVIATIONS.contains(&w.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(p: &str) -> Vec<&str> {
        sentences(p).into_iter().map(|r| &p[r]).collect()
    }

    #[test]
    fn splits_sentences_not_abbreviations() {
        assert_eq!(
            split(
                "The U.S. envoy met Mr. Putin on Dec. 2. \"It was useful,\" he said. Talks go on."
            ),
            [
                "The U.S. envoy met Mr. Putin on Dec. 2.",
                "\"It was useful,\" he said.",
                "Talks go on."
            ]
        );
        assert_eq!(split("No end mark"), ["No end mark"]);
    }
}
