//! Finding a second article pasted after the first.
//!
//! A pasted article announces itself the way the first one did: a headline followed by header
//! furniture (an "Updated" stamp, a share widget, a byline) or by a repeat of itself, then a
//! body that often opens with a dateline ("BERLIN: ..."), and usually on another topic. A split
//! needs one structural sign and one more sign of any kind, and enough body on both sides, so
//! a sub-heading inside one article does not split it.

use crate::furniture::{is_body_like, is_headline_like, normalise};
use crate::Line;
use once_cell::sync::Lazy;
use regex::Regex;
use std::collections::{BTreeMap, HashMap};

static DATELINE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^\p{Lu}[\p{Lu} .'\-]{2,30}(?:,\s*\p{Lu}[\p{L} .]{1,20})?(?:\s*\([\p{L} ]{1,30}\))?\s*(?::|—|–|--| - )\s*\S").unwrap()
});

/// How many lines after a headline its header block (furniture, repeated headline) may hold.
const HEADER_WINDOW: usize = 6;
/// Least body (words in prose lines) on each side of a split.
const MIN_BODY_WORDS_BEFORE: usize = 60;
const MIN_BODY_WORDS_AFTER: usize = 60;
/// Below this cosine similarity of content words, the two sides are on different topics.
const TOPIC_SHIFT_COSINE: f64 = 0.3;

/// Indices of the lines that start a pasted article (each a headline), in order.
pub fn find_splits(lines: &[Line]) -> Vec<usize> {
    let mut splits = Vec::new();
    let mut start = 0;
    let keys: Vec<String> = lines.iter().map(|l| text_key(&l.text)).collect();
    let mut occurrences: HashMap<&str, usize> = HashMap::new();
    for k in &keys {
        *occurrences.entry(k.as_str()).or_insert(0) += 1;
    }
    for c in 0..lines.len() {
        if c <= start || lines[c].removed.is_some() {
            continue;
        }
        let text = normalise(&lines[c].text);
        if !is_headline_like(text) || is_body_like(text) {
            continue;
        }
        // The header block: the lines right after the headline that are furniture or a
        // repeat of it, up to the first line of anything else.
        // (`same_text` by the keys already made)
        let header: Vec<&Line> = lines[c + 1..]
            .iter()
            .zip(&keys[c + 1..])
            .take(HEADER_WINDOW)
            .take_while(|(l, k)| l.removed.is_some() || (!k.is_empty() && **k == keys[c]))
            .map(|(l, _)| l)
            .collect();
        let repeats = header.iter().filter(|l| l.removed.is_none()).count();
        // A line that recurs elsewhere (a table header, a section label) is no headline.
        if occurrences[keys[c].as_str()] > 1 + repeats {
            continue;
        }
        let repeated = repeats > 0;
        let header_furniture = header
            .iter()
            .any(|l| l.removed.is_some_and(|r| r.is_header_furniture()));
        let structural = repeated as u32 + header_furniture as u32;
        if structural == 0 {
            continue;
        }
        let before = body_lines(&lines[start..c]);
        let after = body_lines(&lines[c + 1..]);
        if word_count(&before) < MIN_BODY_WORDS_BEFORE
            || before.len() < 2
            || word_count(&after) < MIN_BODY_WORDS_AFTER
            || after.len() < 3
        {
            continue;
        }
        let dateline = lines[c + 1..]
            .iter()
            .filter(|l| l.removed.is_none() && is_body_like(&l.text))
            .take(1)
            .any(|l| DATELINE.is_match(normalise(&l.text)));
        let shift = cosine(&before, &after) < TOPIC_SHIFT_COSINE;
        if structural + dateline as u32 + shift as u32 >= 2 {
            splits.push(c);
            start = c;
        }
    }
    splits
}

fn body_lines(lines: &[Line]) -> Vec<&str> {
    lines
        .iter()
        .filter(|l| l.removed.is_none() && is_body_like(&l.text))
        .map(|l| l.text.as_str())
        .collect()
}

fn word_count(lines: &[&str]) -> usize {
    lines.iter().map(|l| l.split_whitespace().count()).sum()
}

/// A line reduced to lower-case letters and digits, for comparing lines that differ only in
/// case, punctuation or list markers.
pub(crate) fn text_key(s: &str) -> String {
    let s = normalise(s);
    if s.is_ascii() {
        // The same key, a byte at a time: every line of every page is keyed.
        return s
            .bytes()
            .filter(u8::is_ascii_alphanumeric)
            .map(|b| b.to_ascii_lowercase() as char)
            .collect();
    }
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether `text_key(s)` is `key`, without making it.
pub(crate) fn has_key(s: &str, key: &str) -> bool {
    let s = normalise(s);
    if s.is_ascii() {
        return s
            .bytes()
            .filter(u8::is_ascii_alphanumeric)
            .map(|b| b.to_ascii_lowercase())
            .eq(key.bytes());
    }
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .eq(key.chars())
}

pub(crate) fn same_text(a: &str, b: &str) -> bool {
    let a = text_key(a);
    !a.is_empty() && a == text_key(b)
}

const STOPWORDS: &[&str] = &[
    "that", "this", "with", "from", "have", "been", "were", "their", "they", "will", "would",
    "said", "says", "which", "about", "after", "also", "than", "more", "what", "when", "where",
    "there", "into", "over", "other", "could", "some", "such", "them", "then", "these", "those",
    "while", "since", "being", "just", "only", "very", "most", "your", "year",
];

/// Content-word counts, in a sorted map so sums run in the same order on every run.
fn content_words(lines: &[&str]) -> BTreeMap<String, f64> {
    let mut m = BTreeMap::new();
    for l in lines {
        for w in l.split(|c: char| !c.is_alphanumeric()) {
            if w.chars().count() >= 4 {
                let w = w.to_lowercase();
                if !STOPWORDS.contains(&w.as_str()) {
                    *m.entry(w).or_insert(0.0) += 1.0;
                }
            }
        }
    }
    m
}

fn cosine(a: &[&str], b: &[&str]) -> f64 {
    let (a, b) = (content_words(a), content_words(b));
    let dot: f64 = a.iter().filter_map(|(w, x)| b.get(w).map(|y| x * y)).sum();
    let na: f64 = a.values().map(|x| x * x).sum::<f64>().sqrt();
    let nb: f64 = b.values().map(|x| x * x).sum::<f64>().sqrt();
    if na == 0.0 || nb == 0.0 {
        0.0
    } else {
        dot / (na * nb)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_has_the_key_text_key_makes_of_it() {
        let lines = [
            "Putin meets Witkoff in Moscow",
            "• PUTIN MEETS WITKOFF, IN MOSCOW!",
            "Putin meets Witkoff in Moscow today",
            "Зеленский: «План должен закончить войну»",
            "— Зеленский: план должен закончить войну",
            "Straße İstanbul ǅemal",
            "",
            "***",
        ];
        for a in lines {
            for b in lines {
                let key = text_key(b);
                assert_eq!(has_key(a, &key), text_key(a) == key, "{a:?} / {b:?}");
            }
        }
    }
}
