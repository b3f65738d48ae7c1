//! Sentences of a paragraph, as byte ranges. A sentence ends after `.`, `!` or `?` (and any
//! closing quote or bracket) followed by a space and a capital, a digit or an opening quote.
//! A period does not end a sentence after an abbreviation that always has a word after it
//! (titles "Mr.", "Sen.", "Gen.", "St."; "No. 3"; months before a day, "Aug. 31"), after an
//! initial ("Vladimir V. Putin"), nor after an abbreviation that may end one ("U.S.", "a.m.",
//! "Inc.", "D-Ariz.", "Calif.") unless the next word is one that begins sentences ("The",
//! "He", "But"). Decimals ("3.5") have no space after the period. Everything that reads text
//! sentence by sentence (quotes, facts, events, the brief, copies) splits here.

use std::ops::Range;

/// Abbreviations that are always followed by more of their sentence (titles before names).
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "mx", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "cmdr", "gov", "sen",
    "sens", "rep", "reps", "st", "rev", "adm", "maj", "pres", "hon", "supt", "atty", "msgr", "fr",
    "cpl", "pvt", "brig", "lieut", "vs", "v", "e.g", "i.e", "cf", "al", "ft", "mt", "ave",
    "approx", "dept", "est", "fig", "nos",
];

/// Month abbreviations: not an end before a day or a year ("Aug. 31", "Sept. 2021").
const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Abbreviations that may end a sentence (company suffixes, U.S. state abbreviations, dotted
/// initialisms): an end only before a word that typically begins a sentence.
const MAY_END: &[&str] = &[
    "inc", "corp", "co", "ltd", "llc", "plc", "bros", "jr", "sr", "etc", "ala", "ariz", "ark",
    "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "kans", "ky", "la", "md",
    "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa", "tenn", "tex",
    "va", "vt", "wash", "wis", "wyo",
];

/// Words that begin sentences and rarely follow an abbreviation inside one.
const SENTENCE_OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "You",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "His",
    "Her",
    "Their",
    "Its",
    "Our",
    "But",
    "And",
    "So",
    "Yet",
    "Or",
    "In",
    "On",
    "At",
    "As",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "Since",
    "Some",
    "Many",
    "Most",
    "Other",
    "Others",
    "No",
    "Not",
    "Now",
    "Then",
    "Still",
    "Meanwhile",
    "However",
    "Also",
    "Asked",
    "According",
    "What",
    "Why",
    "How",
    "Who",
    "Where",
    "Last",
    "Earlier",
    "Later",
];

/// The sentences of `p`, trimmed, in order.
pub fn sentences(p: &str) -> Vec<Range<usize>> {
    let b = p.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if !matches!(c, b'.' | b'!' | b'?') {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        // closing quotes and brackets: " ' ) ] ” ’
        loop {
            match b.get(end) {
                Some(b'"' | b'\'' | b')' | b']') => end += 1,
                Some(0xE2) if matches!(b.get(end + 1..end + 3), Some([0x80, 0x9D | 0x99])) => {
                    end += 3
                }
                _ => break,
            }
        }
        let mut next = end;
        while next < b.len() && is_space(b, next) {
            next += space_len(b, next);
        }
        if next == end || next >= b.len() {
            i = end.max(i + 1);
            continue;
        }
        if starts_sentence(p, next) && !(c == b'.' && abbreviation_before(p, i, next)) {
            push(p, start..end, &mut out);
            start = next;
            i = next;
            continue;
        }
        i = end.max(i + 1);
    }
    push(p, start..p.len(), &mut out);
    out
}

/// Whether byte `i` of `b` begins white space (ASCII, or a no-break space).
fn is_space(b: &[u8], i: usize) -> bool {
    b[i].is_ascii_whitespace() || (b[i] == 0xC2 && b.get(i + 1) == Some(&0xA0))
}

fn space_len(b: &[u8], i: usize) -> usize {
    if b[i] == 0xC2 {
        2
    } else {
        1
    }
}

/// Whether the text at byte `at` can begin a sentence: a capital, a digit, an opening quote or
/// bracket.
fn starts_sentence(p: &str, at: usize) -> bool {
    p[at..].chars().next().is_some_and(|d| {
        d.is_uppercase() || d.is_ascii_digit() || matches!(d, '"' | '“' | '‘' | '\'' | '(' | '[')
    })
}

fn push(p: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &p[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if r.end - trail > r.start + lead {
        out.push(r.start + lead..r.end - trail);
    }
}

/// Whether the period at byte `dot` closes an abbreviation or an initial rather than the
/// sentence; `next` is where the following word begins.
fn abbreviation_before(p: &str, dot: usize, next: usize) -> bool {
    let head = &p[..dot];
    let from = head
        .rfind(|c: char| !(c.is_alphanumeric() || c == '.' || c == '-'))
        .map_or(0, |i| {
            i + head[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = head[from..].trim_start_matches(['.', '-']);
    // "D-Ariz.", "R-Texas.": the state after a party letter.
    let word = word.rsplit('-').next().unwrap_or(word);
    if word.is_empty() {
        return false;
    }
    let next_word: &str = p[next..]
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let opener = SENTENCE_OPENERS.contains(&next_word);
    let next_is_digit = p[next..].starts_with(|c: char| c.is_ascii_digit());
    let mut letters = word.chars();
    let first = letters.next().unwrap_or(' ');
    // An initial: "V." in "Vladimir V. Putin", "J." in "J. Edgar Hoover"; "Roe v. Wade".
    if letters.next().is_none() {
        return first.is_uppercase() || first == 'v';
    }
    let lower = word.to_ascii_lowercase();
    let lower = lower.as_str();
    // "No. 3", "Nos. 4 and 5"; a sentence ending in "no." is a word.
    if lower == "no" {
        return first == 'N' && next_is_digit;
    }
    if TITLES.contains(&lower) {
        return true;
    }
    if MONTHS.contains(&lower) {
        return next_is_digit || !opener;
    }
    // Dotted initialisms ("U.S.", "U.N.", "a.m.", "D.C.", "W.Va.") and the abbreviations that
    // may end a sentence: an end only before a typical sentence opener.
    let dotted = word.contains('.') && word.split('.').all(|part| part.chars().count() <= 3);
    if dotted || MAY_END.contains(&lower) {
        return !opener;
    }
    false
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

    #[test]
    fn titles_and_honorifics_never_end_a_sentence() {
        for p in [
            "The minister called on Mr. Lopez to resign.",
            "She met Mrs. Grant and Ms. Ortiz on Friday.",
            "Dr. Amal Noor said the ward was full.",
            "Sen. Ann Cole and Rep. Tom Baird voted no.",
            "Gov. Lee spoke after Gen. Ward and Lt. Col. Park.",
            "The parade ended at St. Paul's church.",
            "The No. 2 official resigned.",
            "The case was Smith vs. Jones in the lower court.",
        ] {
            assert_eq!(split(p), [p]);
        }
    }

    #[test]
    fn initials_and_initialisms() {
        for p in [
            "Vladimir V. Putin spoke for an hour.",
            "The U.S. Senate and the U.N. Security Council met.",
            "Talks in the U.K. Parliament resumed.",
            "Sen. Mark Kelly, D-Ariz., and Sen. Ted Cruz, R-Texas, disagreed.",
            "The vote was at 10 a.m. Tuesday in the U.N. General Assembly.",
            "The court overturned Roe v. Wade in June.",
            "Acme Corp. Chief Executive Dana Ruiz resigned.",
        ] {
            assert_eq!(split(p), [p], "{p}");
        }
        assert_eq!(
            split("The plan would divide the U.S. The senator disagreed."),
            ["The plan would divide the U.S.", "The senator disagreed."]
        );
        assert_eq!(
            split("She works for Acme Inc. He does not."),
            ["She works for Acme Inc.", "He does not."]
        );
    }

    #[test]
    fn months_decimals_and_ends() {
        assert_eq!(
            split("He is sticking to his Aug. 31 deadline. Others are not."),
            ["He is sticking to his Aug. 31 deadline.", "Others are not."]
        );
        assert_eq!(
            split("Growth was 3.5 percent in Sept. 2021."),
            ["Growth was 3.5 percent in Sept. 2021."]
        );
        assert_eq!(
            split("“Why now?” asked the mayor. “Because!” She left."),
            ["“Why now?” asked the mayor.", "“Because!”", "She left."]
        );
        assert_eq!(
            split("The answer was no. The vote failed."),
            ["The answer was no.", "The vote failed."]
        );
        assert_eq!(
            split("He wrote to J. Edgar Hoover. I saw it."),
            ["He wrote to J. Edgar Hoover.", "I saw it."]
        );
    }

    #[test]
    fn odd_input_never_panics() {
        for p in [
            "",
            ".",
            ". ",
            "a.",
            "“.” ’",
            "Mr.",
            "U.S.  ",
            ". . . A",
            "é. É",
            "x.\u{a0}Y",
        ] {
            let _ = sentences(p);
        }
        assert_eq!(split("Fin.\u{a0}Next one."), ["Fin.", "Next one."]);
    }
}
