//! Who said what: direct quotes and reported speech with their speakers.
//!
//! Works on one paragraph at a time and returns byte spans into it, so callers can cite the
//! exact text. Three shapes are found:
//!
//! - **direct quotes** in straight, curly or single quotation marks, with the speaker in an
//!   attribution right after (`“...,” Putin said`, `“...,” said Zelensky`) or right before
//!   (`Putin said: “...”`, `He declared, '...'`); a quote with no attribution of its own that
//!   follows an attributed one in the same paragraph continues it (same speaker);
//! - **partial quotes** inside a reporting clause (`described the talks as a 'normal process'`),
//!   attributed to the clause's subject;
//! - **reported speech**: `Ushakov stated that ...`, `..., the minister said.`,
//!   `according to officials, ...`.
//!
//! Speakers are returned as the text of the attribution (a name, a pronoun, a description);
//! [`crate::resolve_speakers`] ties them to the story's entities.

mod lexicon;

use crate::sentences::sentences;
use lexicon::*;
pub(crate) use lexicon::{BODY_NOUNS, BUSINESS_NOUNS, PERSON_NOUNS};
use std::ops::Range;

/// A quote or a piece of reported speech, as byte spans into the paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribution {
    /// What was said: the quote, or the reported clause (with any quote inside it).
    pub content: Range<usize>,
    /// For a direct quote, the text inside the quotation marks.
    pub quote: Option<Range<usize>>,
    pub source: Option<Range<usize>>,
    pub cue: Option<Range<usize>>,
    /// Whether the content stands in quotation marks.
    pub direct: bool,
}

/// Whether `w` is one of the plainest reporting verbs ("said", "told", "stated").
pub fn is_speech_verb(w: &str) -> bool {
    SPEECH_VERBS.contains(&w.to_lowercase().as_str())
}

const OPENERS: &[char] = &['“', '"', '‘', '\'', '«', '„'];

/// Whether `b` can be the first byte of one of [`OPENERS`] in UTF-8.
fn begins_opener(b: u8) -> bool {
    matches!(b, b'"' | b'\'' | 0xC2 | 0xE2)
}

fn closer_for(open: char) -> &'static [char] {
    match open {
        '“' | '„' => &['”', '"', '“'],
        '"' => &['"', '”'],
        '‘' => &['’', '\''],
        '\'' => &['\'', '’'],
        '«' => &['»'],
        _ => &[],
    }
}

/// A word of the paragraph with its byte span.
#[derive(Debug, Clone)]
struct Word<'a> {
    text: &'a str,
    span: Range<usize>,
}

fn words(p: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    let mut push = |s: usize, e: usize| {
        let raw = &p[s..e];
        // Keep the period of an abbreviation ("Mr.", "U.S."), drop a sentence's.
        let core = raw.trim_end_matches(['.', '\'', '’']);
        let abbreviation = raw.ends_with('.')
            && (core.contains('.') || (core.len() <= 3 && core.starts_with(char::is_uppercase)));
        let text = if abbreviation {
            &raw[..core.len() + 1]
        } else {
            core
        };
        if !text.is_empty() {
            out.push(Word {
                text,
                span: s..s + text.len(),
            });
        }
    };
    for (i, c) in p.char_indices() {
        let part_of_word =
            c.is_alphanumeric() || matches!(c, '-' | '.' | '\'' | '’') && start.is_some();
        match (start, part_of_word) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                push(s, i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        push(s, p.len());
    }
    out
}

/// Spans of quoted text (inside the marks) in a paragraph.
pub fn quoted_spans(p: &str) -> Vec<Range<usize>> {
    // half of all paragraphs hold no byte an opening mark begins with
    if !p.bytes().any(begins_opener) {
        return Vec::new();
    }
    let chars: Vec<(usize, char)> = p.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        let prev = i.checked_sub(1).map(|k| chars[k].1);
        let next = chars.get(i + 1).map(|x| x.1);
        let is_single = c == '\'' || c == '‘';
        let opens = OPENERS.contains(&c)
            && next.is_some_and(|n| !n.is_whitespace())
            && (!is_single || prev.is_none_or(|p| p.is_whitespace() || "([—–-:".contains(p)));
        if !opens {
            i += 1;
            continue;
        }
        let closers = closer_for(c);
        let mut j = i + 1;
        let mut found = None;
        while j < chars.len() {
            let (_, d) = chars[j];
            if closers.contains(&d) {
                let after = chars.get(j + 1).map(|x| x.1);
                let before = chars[j - 1].1;
                // An apostrophe inside a word ("don't") does not close a single quote.
                let closes = if is_single {
                    after.is_none_or(|a| !a.is_alphanumeric()) && !before.is_whitespace()
                } else {
                    true
                };
                if closes {
                    found = Some(j);
                    break;
                }
            }
            // A double quote does not run past an opening one of the same kind.
            if !is_single && j > i + 1 && d == c && c != '"' {
                break;
            }
            j += 1;
        }
        match found {
            Some(j) => {
                let start = pos + c.len_utf8();
                let end = chars[j].0;
                if p[start..end].split_whitespace().next().is_some() {
                    out.push(start..end);
                }
                i = j + 1;
            }
            None => i += 1,
        }
    }
    out
}

/// Word `i` used as a reporting verb: a cue word, not capitalised inside a sentence
/// ("United States", "Capitol Police Reports"; a headline in title case aside), not after a
/// determiner or a possessive ("his claims", "Chiu's comments").
fn verb_cue(t: &Para, i: usize) -> bool {
    let ws = t.ws.as_slice();
    let w = ws[i].text;
    if !is_cue(w) {
        return false;
    }
    // "states" and "state" are nouns far more often than verbs: a verb before "that" or ":"
    if matches!(w, "states" | "state") {
        let after = &t.p[ws[i].span.end..];
        let next = ws.get(i + 1).map(|n| n.text.to_lowercase());
        // "five states that have banned ...": "that" opens a relative clause, not what is said
        let relative = ws
            .get(i + 2)
            .is_some_and(|n| RELATIVE_CLAUSE_VERBS.contains(&n.text.to_lowercase().as_str()));
        return after.trim_start().starts_with(':')
            || (next.as_deref() == Some("that") && !relative);
    }
    let Some(prev) = i.checked_sub(1).map(|k| ws[k].text.to_lowercase()) else {
        return w != "show";
    };
    // "show" is a verb of what records say only after them ("polls show", "records show")
    if w == "show" {
        let plural = prev.len() > 3
            && prev.ends_with('s')
            && !prev.ends_with("ss")
            && !prev.ends_with("us")
            && prev.chars().all(|c| c.is_alphabetic());
        return (plural || prev == "data") && ws[i].span.start - ws[i - 1].span.end == 1;
    }
    // More than a space between (a closing quote, a comma) starts a new clause.
    if ws[i].span.start - ws[i - 1].span.end > 1 {
        return true;
    }
    let capitalised_inside = w.starts_with(char::is_uppercase) && !t.headline;
    let possessive = prev.ends_with("'s") || prev.ends_with("’s") || prev.ends_with("s'");
    // "48 states", "27 member states"
    let counted = prev.chars().all(|c| c.is_ascii_digit() || c == ',');
    // "was expected", "is known": the passive's subject is not who speaks
    let passive = matches!(
        prev.as_str(),
        "was" | "were" | "is" | "are" | "be" | "been" | "being"
    ) && !w.ends_with("ing");
    !capitalised_inside
        && !possessive
        && !counted
        && !passive
        && !NOT_BEFORE_A_VERB.contains(&prev.as_str())
}

/// Verbs that open a relative clause right after "that" ("states that have ...").
const RELATIVE_CLAUSE_VERBS: &[&str] = &[
    "have", "has", "had", "are", "is", "were", "was", "will", "would", "could", "can", "may",
    "might", "do", "does", "did", "allow", "allowed", "require", "required", "voted", "passed",
    "banned", "border",
];

/// The speaker named after a dash that follows a quote ending at `end` and ends the paragraph
/// ("“...” ― Ana Ruiz.", "“...” — Ana Ruiz, a nurse"), with the dash as the cue.
fn dash_speaker(p: &str, end: usize) -> Option<SpeakerAndCue> {
    let after = &p[end..];
    let skipped = after.len()
        - after
            .trim_start_matches(|c: char| c.is_whitespace() || "”\"’'".contains(c))
            .len();
    let rest = &after[skipped..];
    let dash = rest
        .chars()
        .next()
        .filter(|c| matches!(c, '―' | '—' | '–'))?;
    let dash_at = end + skipped;
    let name_from = dash_at + dash.len_utf8();
    let tail = &p[name_from..];
    let lead = tail.len() - tail.trim_start().len();
    let name = tail.trim_start();
    let name = name.split(", ").next().unwrap_or("").trim_end();
    let name = name.strip_suffix('.').unwrap_or(name).trim_end();
    let words = name.split_whitespace().count();
    let first_capital = name.starts_with(char::is_uppercase);
    let whole = p[name_from + lead + name.len()..]
        .trim_start_matches('.')
        .trim()
        .is_empty()
        || p[name_from + lead + name.len()..].starts_with(", ");
    (first_capital && (1..=6).contains(&words) && whole && is_speaker_phrase(name)).then(|| {
        let from = name_from + lead;
        (
            Some(from..from + name.len()),
            Some(dash_at..dash_at + dash.len_utf8()),
        )
    })
}

/// Whether a sentence ends between word `i` and the next (an abbreviation's period is part of
/// its word; "(D-Ariz.) told" goes on in lower case).
fn sentence_gap(t: &Para, i: usize) -> bool {
    let ws = t.ws.as_slice();
    ws.get(i + 1).is_some_and(|n| {
        t.p[ws[i].span.end..n.span.start].contains(['.', '!', '?'])
            && !n.text.starts_with(char::is_lowercase)
    })
}

/// Whether word `i` ends in "-ing" after a form of "be" ("are backing", "is creating").
fn progressive(t: &Para, i: usize) -> bool {
    let ws = t.ws.as_slice();
    i > 0
        && ws[i].text.ends_with("ing")
        && matches!(
            ws[i - 1].text.to_lowercase().as_str(),
            "is" | "are" | "was" | "were" | "been" | "be"
        )
        && t.p[ws[i - 1].span.end..ws[i].span.start].trim().is_empty()
}

/// Whether `w` is a reporting verb after which the speaker may stand ("..., said Lopez").
fn inverting(w: &str) -> bool {
    INVERTING_CUES.contains(&w.to_lowercase().as_str())
}

/// The speaker phrase in `r`: all of it when [`is_speaker_phrase`] accepts it, else the
/// name before a verb that follows it ("Clinton celebrated her win" -> "Clinton").
fn speaker_span(p: &str, r: Range<usize>) -> Option<Range<usize>> {
    if is_speaker_phrase(&p[r.clone()]) {
        return Some(r);
    }
    let text = &p[r.clone()];
    let mut prev_capitalised = false;
    let mut offset = 0;
    for w in text.split(' ') {
        let at = offset;
        offset += w.len() + 1;
        let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
        let lower = bare.to_lowercase();
        let verb = prev_capitalised
            && bare.starts_with(char::is_lowercase)
            && (PAST_TENSES.contains(&lower.as_str()) || lower.ends_with("ed"))
            && !ROLE_WORDS.contains(&lower.as_str())
            && !PERSON_NOUNS.contains(&lower.as_str())
            && !BODY_NOUNS.contains(&lower.as_str());
        if verb {
            let cut = r.start..r.start + text[..at].trim_end().len();
            return is_speaker_phrase(&p[cut.clone()]).then_some(cut);
        }
        prev_capitalised = bare.starts_with(char::is_uppercase);
    }
    None
}

/// Whether `text` can name who spoke: a pronoun, a name, or a noun phrase for a person, a
/// group or a body ("a senior Kyiv official", "the company", "officials"). Not a piece of a
/// clause ("the attack a", "demanding to", "what they", "the country is"), a date or time
/// phrase ("on Thursday"), a number ("000 jobs"), or a sentence adverb ("Moreover").
pub fn is_speaker_phrase(text: &str) -> bool {
    let words: Vec<&str> = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let Some(first) = lower.first() else {
        return false;
    };
    let listed = |list: &[&str], w: &str| list.contains(&w);
    let digits = |w: &str| {
        w.chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    };
    if lower.len() == 1 {
        let w = first.as_str();
        if listed(SPEAKER_PRONOUNS, w) {
            return true;
        }
        if listed(NOT_A_SPEAKER_WORD, w)
            || listed(TIME_WORDS, w)
            || listed(PREPOSITIONS, w)
            || listed(NOT_IN_A_SPEAKER, w)
            || listed(SENTENCE_ADVERBS, w)
            || digits(w)
        {
            return false;
        }
        if words[0].starts_with(char::is_uppercase) {
            // "Described by ...": a verb opening a sentence
            return !is_cue(w);
        }
        // A plural or a group ("officials", "police"), not a verb or an adverb.
        return listed(COLLECTIVE_SPEAKERS, w)
            || (w.ends_with('s') && !w.ends_with("ss") && w.len() > 3);
    }
    let contraction = |w: &str| {
        let w = w.replace('’', "'");
        w.contains("n't")
            || ["'re", "'ve", "'ll", "'d", "'m"]
                .iter()
                .any(|e| w.ends_with(e))
            || matches!(
                w.as_str(),
                "it's" | "he's" | "she's" | "that's" | "there's" | "what's" | "who's" | "here's"
            )
    };
    let last = lower.last().map(String::as_str).unwrap_or("");
    let adverb = |w: &str| {
        w.len() > 5 && w.ends_with("ly") && !matches!(w, "family" | "assembly" | "supply")
    };
    let participle =
        first.len() > 4 && first.ends_with("ing") && !ROLE_WORDS.contains(&first.as_str());
    if lower.len() > 14
        || listed(PREPOSITIONS, first)
        || listed(SENTENCE_ADVERBS, first)
        || adverb(first)
        || participle
        || listed(PREPOSITIONS, last)
        || listed(NOT_LAST_IN_A_SPEAKER, last)
        || listed(NOT_IN_A_SPEAKER, last)
        || (first.starts_with('0') && digits(first))
        || lower.iter().all(|w| listed(TIME_WORDS, w) || digits(w))
    {
        return false;
    }
    // "Some 49": a number with nothing it counts
    if digits(last) {
        return false;
    }
    // "$2 trillion", "1.5 million": an amount
    if digits(first)
        && lower.get(1).is_some_and(|w| {
            matches!(
                w.as_str(),
                "million" | "billion" | "trillion" | "thousand" | "hundred"
            )
        })
    {
        return false;
    }
    for (k, w) in lower.iter().enumerate() {
        // a verb after a name: "Hamas followed suit", "Pfizer took"
        if k > 0
            && words[k - 1].starts_with(char::is_uppercase)
            && words[k].starts_with(char::is_lowercase)
            && (PAST_TENSES.contains(&w.as_str())
                || (w.ends_with("ed")
                    && lower.get(k + 1).is_none_or(|n| {
                        DETERMINERS.contains(&n.as_str())
                            || PREPOSITIONS.contains(&n.as_str())
                            || matches!(n.as_str(), "out" | "up" | "suit" | "down")
                    })))
            && !ROLE_WORDS.contains(&w.as_str())
            && !PERSON_NOUNS.contains(&w.as_str())
            && !BODY_NOUNS.contains(&w.as_str())
            && !w.ends_with("-based")
        {
            return false;
        }
        if k > 0 && words[k] == "I" {
            return false;
        }
        // a pronoun as written ("us", "It" first), not a name in capitals ("US", "IT")
        let pronoun = matches!(
            words[k],
            "him" | "them" | "me" | "us" | "he" | "she" | "they" | "we" | "it"
        ) || (k == 0
            && matches!(words[k], "He" | "She" | "They" | "We" | "It" | "I"));
        let w = w.as_str();
        // "to" before a verb ("power to punish"), not before a name ("adviser to the president").
        let to_verb = w == "to"
            && lower.get(k + 1).is_some_and(|n| {
                !listed(DETERMINERS, n) && words[k + 1].starts_with(char::is_lowercase)
            });
        if contraction(w) || pronoun || to_verb || (w != "to" && listed(NOT_IN_A_SPEAKER, w)) {
            return false;
        }
    }
    true
}

/// Whether the quoted span `q` is a title ("on “Fox & Friends”", "the series “The Calling”")
/// or a term ("what's known as a “motion to vacate”", "the so-called “deal”"), not words
/// someone said.
fn is_title_or_term(t: &Para, q: &Range<usize>) -> bool {
    let p = t.p;
    let before = p[..q.start]
        .trim_end_matches(|c: char| c.is_whitespace() || OPENERS.contains(&c))
        .to_lowercase();
    let ends_with_words = |k: &str| {
        before
            .strip_suffix(k)
            .is_some_and(|rest| rest.is_empty() || rest.ends_with(|c: char| !c.is_alphanumeric()))
    };
    if TERM_MARKERS.iter().any(|k| ends_with_words(k)) {
        return true;
    }
    // A short quote in title case after a preposition, an article or a possessive.
    let inner: Vec<&str> = p[q.clone()]
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    let title_case = !inner.is_empty()
        && inner.len() <= 6
        && inner[0].starts_with(char::is_uppercase)
        && inner.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                || (w.len() <= 3 && w.chars().all(char::is_lowercase))
        });
    if !title_case || t.headline {
        return false;
    }
    // Step back over an owner's name ("on CNN's", "on ABC's").
    let mut rest = before.trim_end_matches([',', ' ']);
    let last_word = |s: &str| s.rsplit(' ').next().unwrap_or("").to_string();
    let owner = last_word(rest);
    if owner.ends_with("'s") || owner.ends_with("’s") {
        rest = rest[..rest.len() - owner.len()].trim_end();
    }
    TITLE_MARKERS.contains(&last_word(rest).as_str())
}

fn is_cue(w: &str) -> bool {
    static SET: once_cell::sync::Lazy<rustc_hash::FxHashSet<&'static str>> =
        once_cell::sync::Lazy::new(|| CUES.iter().copied().collect());
    if w.chars().all(|c| c.is_lowercase() || !c.is_alphabetic()) {
        SET.contains(w)
    } else {
        SET.contains(w.to_lowercase().as_str())
    }
}

/// The speaker phrase that ends right before word `cue` (walking left), if any. Auxiliaries
/// ("also", "has") are stepped over, and so is an apposition set off by commas
/// ("Mukasey, the former attorney general, criticized ...": the speaker is "Mukasey").
fn speaker_before(t: &Para, cue: usize, floor: usize) -> Option<Range<usize>> {
    let (p, ws) = (t.p, t.ws.as_slice());
    let gap = |i: usize| &p[ws[i].span.end..ws[i + 1].span.start];
    let mut end = cue;
    // step over auxiliaries and a time phrase: "Yellen on Tuesday has said", "Biden Monday said"
    while end > 0 && ws[end - 1].span.start >= floor && gap(end - 1).trim().is_empty() {
        let w = ws[end - 1].text.to_lowercase();
        let time_noun = |w: &str| TIME_WORDS.contains(&w) && !TIME_MODIFIERS.contains(&w);
        // "on" of "on Tuesday"
        let time_modifier = TIME_MODIFIERS.contains(&w.as_str())
            && ws
                .get(end)
                .is_some_and(|n| time_noun(&n.text.to_lowercase()));
        // "Pfizer now said", "Critics roundly criticized"
        let adverb =
            (w.len() > 4 && w.ends_with("ly") && ws[end - 1].text.starts_with(char::is_lowercase))
                || matches!(
                    w.as_str(),
                    "now" | "along" | "too" | "first" | "further" | "quickly"
                );
        if !(CUE_AUXILIARIES.contains(&w.as_str()) || time_noun(&w) || time_modifier || adverb) {
            break;
        }
        end -= 1;
    }
    if end == 0 || ws[end - 1].span.start < floor {
        return None;
    }
    // "Sen. Ann Cole (D-Ariz.) told": step over the bracket
    let bracketed = gap(end - 1).trim().ends_with(')');
    if bracketed {
        let open = p[..ws[end - 1].span.end].rfind('(')?;
        let before = (0..end).rev().find(|&k| ws[k].span.end <= open)?;
        if ws[before].span.start < floor || !p[ws[before].span.end..open].trim().is_empty() {
            return None;
        }
        end = before + 1;
    }
    // "Sen. Ann Cole, R-Tenn., told": the period of an abbreviation before the comma
    if !bracketed && gap(end - 1).trim().trim_start_matches('.') == "," {
        // An apposition: the phrase before the previous comma names the speaker; when the
        // clause's first phrase names one, it is the speaker ("Ghani, in his first remarks
        // since ..., capturing ..., said").
        let first_comma = (0..end - 1)
            .find(|&k| ws[k].span.start >= floor && gap(k).trim().trim_start_matches('.') == ",")
            .filter(|&k| end - k <= 30);
        let from_floor = first_comma.and_then(|k| {
            let start = ws.iter().position(|w| w.span.start >= floor)?;
            let r = ws[start].span.start..ws[k].span.end;
            (k < end - 1 && k + 1 - start <= 8 && is_speaker_phrase(&p[r.clone()])).then_some(r)
        });
        if from_floor.is_some() {
            return from_floor;
        }
        let open = (end.saturating_sub(16)..end - 1)
            .rev()
            .find(|&k| ws[k].span.start >= floor && gap(k).trim() == ",")?;
        end = open + 1;
    } else if !bracketed && !gap(end - 1).trim().is_empty() {
        return None;
    }
    let mut start = end;
    while start > 0 {
        let w = &ws[start - 1];
        if w.span.start < floor {
            break;
        }
        if start < end
            && !gap(start - 1)
                .chars()
                .all(|c| c.is_whitespace() || matches!(c, '\'' | '’' | 's' | '&'))
        {
            break;
        }
        let lower = w.text.to_lowercase();
        // "..., who said": the relative pronoun stands for the speaker; "what it said": the
        // phrase ends at the question word.
        if matches!(lower.as_str(), "who" | "which") && start == end {
            start -= 1;
            break;
        }
        // "the Food and Drug Administration": "and" between capitalised words
        let in_name = lower == "and"
            && start < end
            && ws[start].text.starts_with(char::is_uppercase)
            && start >= 2
            && ws[start - 2].text.starts_with(char::is_uppercase);
        if (SPEAKER_STOPS.contains(&lower.as_str()) && !in_name)
            || is_cue(w.text)
            || matches!(lower.as_str(), "what" | "who" | "which" | "whom")
        {
            break;
        }
        if end - start >= 12 {
            break;
        }
        start -= 1;
    }
    // "Even the organizer of the rally said": not the sentence adverb
    while start + 1 < end && SENTENCE_ADVERBS.contains(&ws[start].text.to_lowercase().as_str()) {
        start += 1;
    }
    // "officials who spoke with the Post said": the relative clause's antecedent with it
    if start > 0
        && start < end
        && ws[start - 1].span.start >= floor
        && ws[start - 1].text.eq_ignore_ascii_case("who")
        && gap(start - 1).trim().is_empty()
    {
        let who = start - 1;
        let mut first = who;
        while first > 0
            && who - first < 6
            && ws[first - 1].span.start >= floor
            && gap(first - 1).trim().is_empty()
            && !SPEAKER_STOPS.contains(&ws[first - 1].text.to_lowercase().as_str())
            && !is_cue(ws[first - 1].text)
        {
            first -= 1;
        }
        let antecedent = ws[first].span.start..ws[who - 1].span.end;
        if first < who && is_speaker_phrase(&p[antecedent]) {
            return Some(ws[first].span.start..ws[end - 1].span.end);
        }
    }
    (start < end)
        .then(|| ws[start].span.start..ws[end - 1].span.end)
        .and_then(|r| speaker_span(p, r))
}

fn is_participle(w: &str) -> bool {
    w.len() > 4 && w.to_lowercase().ends_with("ing")
}

/// The subject noun phrase of `sentence` (one sentence), when it has one a speaker could be:
/// a pronoun, a name, a description ("The company", "Merck and its partner Ridgeback").
pub fn subject_phrase(sentence: &str) -> Option<Range<usize>> {
    let t = Para::new(sentence);
    let from = sentence.len()
        - sentence
            .trim_start_matches(|c: char| c.is_whitespace() || OPENERS.contains(&c))
            .len();
    sentence_subject(&t, from)
}

/// The subject of the sentence starting at byte `from`: a pronoun, or a run of capitalised
/// words, after any opening clause set off by a comma.
fn sentence_subject(t: &Para, from: usize) -> Option<Range<usize>> {
    let (p, ws) = (t.p, t.ws.as_slice());
    // not a word inside a quote the sentence opens with
    let first = ws.iter().position(|w| {
        w.span.start >= from
            && !t
                .quoted
                .iter()
                .any(|q| q.start <= w.span.start && w.span.end <= q.end)
    })?;
    // a dateline: "WASHINGTON — Sen. Bernie Sanders said ..."
    let first = match ws.get(first + 1) {
        Some(next)
            if ws[first].text.len() > 2
                && ws[first]
                    .text
                    .chars()
                    .all(|c| c.is_uppercase() || !c.is_alphabetic())
                && p[ws[first].span.end..next.span.start].contains(['—', '–', '-', ':', '(']) =>
        {
            first + 1
        }
        _ => first,
    };
    // "Conversely, the agency rated ...": the subject after a sentence adverb
    let first = match ws.get(first + 1) {
        Some(next)
            if SENTENCE_ADVERBS.contains(&ws[first].text.to_lowercase().as_str())
                && p[ws[first].span.end..next.span.start].trim() == "," =>
        {
            first + 1
        }
        _ => first,
    };
    let opener = |w: &Word| CLAUSE_OPENERS.contains(&w.text.to_lowercase().as_str());
    if opener(&ws[first]) {
        // The subject after the opening clause's comma, else the one inside the clause
        // ("While US President Trump expressed optimism, saying ...").
        let comma = (first..ws.len().saturating_sub(1).min(first + 20))
            .find(|&k| p[ws[k].span.end..ws[k + 1].span.start].contains(','));
        return comma
            .and_then(|c| subject_at(t, c + 1))
            .or_else(|| subject_at(t, first + 1));
    }
    subject_at(t, first)
}

/// The subject noun phrase starting at word `i`: a pronoun, or a phrase that begins with a
/// capital or a determiner ("Former Democratic candidate Bernie Sanders", "The top House
/// Republican", "A spokesman for the ministry"), up to its verb or a comma.
fn subject_at(t: &Para, i: usize) -> Option<Range<usize>> {
    let (p, ws) = (t.p, t.ws.as_slice());
    ws.get(i)?;
    let lower = ws[i].text.to_lowercase();
    if matches!(lower.as_str(), "he" | "she" | "they" | "i" | "we" | "it") {
        return Some(ws[i].span.clone());
    }
    // "76-year-old Morton Blackwell"
    let age = ws[i].text.starts_with(|c: char| c.is_ascii_digit()) && ws[i].text.contains('-');
    if !ws[i].text.starts_with(char::is_uppercase) && !DETERMINERS.contains(&lower.as_str()) && !age
    {
        return None;
    }
    let mut j = i;
    while j + 1 < ws.len() && j - i < 7 {
        let gap = &p[ws[j].span.end..ws[j + 1].span.start];
        let next = ws[j + 1].text;
        let next_lower = next.to_lowercase();
        // "The World Health Organization (WHO) chief": an acronym in brackets belongs
        let acronym = (gap.trim() == "(" && next.chars().all(|c| c.is_uppercase()))
            || (gap.trim() == ")" && ws[j].text.chars().all(|c| c.is_uppercase()));
        // a description ends at its head noun ("The Taiwanese president stood ...")
        let this = ws[j].text;
        let head_done = this.starts_with(char::is_lowercase)
            && (PERSON_NOUNS.contains(&this) || BODY_NOUNS.contains(&this))
            && !matches!(next, "of" | "for")
            && !next.starts_with(char::is_uppercase);
        // after a name, a lower-case word is its verb ("Laura Italiano resigned") unless it
        // belongs to a description ("Democratic candidate", "Pfizer spokesman")
        let verb_after_name = this.starts_with(char::is_uppercase)
            && (j > i || !DETERMINERS.contains(&this.to_lowercase().as_str()))
            && next.starts_with(char::is_lowercase)
            && !matches!(next, "of" | "for")
            && !PERSON_NOUNS.contains(&next)
            && !BODY_NOUNS.contains(&next)
            && !ROLE_WORDS.contains(&next)
            && !next.ends_with("-based");
        if (!gap.trim().is_empty() && !acronym)
            || head_done
            || verb_after_name
            || (is_cue(next) && (next.starts_with(char::is_lowercase) || t.headline))
            || CUE_AUXILIARIES.contains(&next_lower.as_str())
            || SPEAKER_STOPS.contains(&next_lower.as_str())
            || NOT_IN_A_SPEAKER.contains(&next_lower.as_str())
            || (PREPOSITIONS.contains(&next_lower.as_str()) && !matches!(next, "of" | "for"))
            || TIME_WORDS.contains(&next_lower.as_str()) && next.starts_with(char::is_uppercase)
        {
            break;
        }
        j += 1;
    }
    // not ending on "of" or "for"
    while j > i && matches!(ws[j].text, "of" | "for") {
        j -= 1;
    }
    Some(ws[i].span.start..ws[j].span.end).and_then(|r| speaker_span(p, r))
}

/// The speaker phrase right after word `cue` (`said Zelensky, ...`), up to punctuation.
fn speaker_after(t: &Para, cue: usize) -> Option<Range<usize>> {
    let (p, ws) = (t.p, t.ws.as_slice());
    let mut end = cue + 1;
    while end < ws.len() && end - cue <= 6 {
        let gap = &p[ws[end - 1].span.end..ws[end].span.start];
        if end > cue + 1 && gap.chars().any(|c| !c.is_whitespace()) {
            break;
        }
        if end == cue + 1 && gap.chars().any(|c| !c.is_whitespace()) {
            return None;
        }
        let lower = ws[end].text.to_lowercase();
        if matches!(
            lower.as_str(),
            "on" | "in"
                | "at"
                | "during"
                | "that"
                | "after"
                | "before"
                | "to"
                | "when"
                | "while"
                | "adding"
                | "who"
        ) {
            break;
        }
        end += 1;
    }
    (end > cue + 1)
        .then(|| ws[cue + 1].span.start..ws[end - 1].span.end)
        .and_then(|r| speaker_span(p, r))
}

/// An attribution's speaker and cue spans, each possibly unknown.
type SpeakerAndCue = (Option<Range<usize>>, Option<Range<usize>>);

/// A paragraph read for attributions: its words, its sentences ([`sentences`]), and whether it
/// is a headline in title case (where a capitalised "Says" is still a verb).
struct Para<'a> {
    p: &'a str,
    ws: Vec<Word<'a>>,
    sentences: Vec<Range<usize>>,
    /// Its quoted spans ([`quoted_spans`]).
    quoted: Vec<Range<usize>>,
    headline: bool,
}

impl<'a> Para<'a> {
    fn new(p: &'a str) -> Self {
        let ws = words(p);
        let long: Vec<&Word> = ws.iter().filter(|w| w.text.len() > 3).collect();
        let capitalised = long
            .iter()
            .filter(|w| w.text.starts_with(char::is_uppercase))
            .count();
        Para {
            headline: long.len() >= 3 && capitalised * 4 >= long.len() * 3,
            sentences: sentences(p),
            quoted: quoted_spans(p),
            ws,
            p,
        }
    }

    /// The sentence that holds byte `at` (the last one starting at or before it).
    fn sentence_of(&self, at: usize) -> Range<usize> {
        let k = self.sentences.partition_point(|s| s.start <= at);
        match k.checked_sub(1) {
            Some(k) => self.sentences[k].clone(),
            None => 0..self.p.len(),
        }
    }

    /// The index of the sentence before the one that holds byte `at`, if any.
    fn sentence_before(&self, at: usize) -> Option<Range<usize>> {
        let k = self.sentences.partition_point(|s| s.start <= at);
        k.checked_sub(2).map(|k| self.sentences[k].clone())
    }

    /// Where the sentence holding byte `at` ends, before its final punctuation (closing quotes
    /// kept).
    fn sentence_end(&self, at: usize) -> usize {
        let s = self.sentence_of(at);
        self.p[..s.end.max(at)]
            .trim_end_matches(['.', '!', '?'])
            .len()
            .max(at)
    }
}

/// Finds the attributions of one paragraph.
pub fn attributions(original: &str) -> Vec<Attribution> {
    // Typewriter quotes written as two apostrophes or backticks (''like this'' or ``this'')
    // become a double quote mark; the replacement keeps every byte offset.
    let typed;
    let p = if original.contains("''") || original.contains("``") {
        typed = original.replace("''", "\"\u{1}").replace("``", "\"\u{1}");
        typed.as_str()
    } else {
        original
    };
    let t = Para::new(p);
    let ws = t.ws.as_slice();
    let quotes: Vec<Range<usize>> = t
        .quoted
        .iter()
        .cloned()
        .map(|q| {
            if p[q.start..].starts_with('\u{1}') {
                q.start + 1..q.end
            } else {
                q
            }
        })
        .filter(|q| q.start < q.end)
        .collect();
    let mut out: Vec<Attribution> = Vec::new();
    let word_at = |byte: usize| ws.iter().position(|w| w.span.start >= byte);

    for q in &quotes {
        if is_title_or_term(&t, q) {
            continue;
        }
        let mut found: Option<SpeakerAndCue> = None;
        let mut cue_after: Option<Range<usize>> = None;
        // After the quote: [,] SPEAKER CUE  |  [,] CUE SPEAKER
        // A quote that ends its sentence ("... position.'") is not attributed by what follows.
        let ends_sentence = p[q.clone()]
            .trim_end_matches(['”', '"', '’', '\'', ' '])
            .ends_with('.');
        if let Some(k) = word_at(q.end).filter(|_| !ends_sentence) {
            let between = &p[q.end..ws[k].span.start];
            if !between.contains(['.', '!', '?'])
                || between
                    .trim_start_matches(['”', '"', '’', '\''])
                    .trim()
                    .is_empty()
            {
                // "“...,” according to the agency."
                let according = ws[k].text.eq_ignore_ascii_case("according")
                    && ws
                        .get(k + 1)
                        .is_some_and(|w| w.text.eq_ignore_ascii_case("to"))
                    && k + 2 < ws.len();
                // "“...,” adding, “...”" introduces the next quote; "“...,” denounced her
                // record" has its speaker before the quote
                if according {
                    let end = t.sentence_end(q.end);
                    let from = ws[k + 2].span.start;
                    let last = (k + 2..ws.len())
                        .take_while(|&j| {
                            ws[j].span.end <= end && !p[from..ws[j].span.end].contains(',')
                        })
                        .last();
                    let source = last.map(|j| from..ws[j].span.end);
                    if let Some(src) = source.filter(|s| is_speaker_phrase(&p[s.clone()])) {
                        found = Some((Some(src), Some(ws[k].span.start..ws[k + 1].span.end)));
                    }
                } else if verb_cue(&t, k) && !is_participle(ws[k].text) {
                    let s = inverting(ws[k].text)
                        .then(|| speaker_after(&t, k))
                        .flatten();
                    if s.is_some() {
                        found = Some((s, Some(ws[k].span.clone())));
                    } else {
                        cue_after = Some(ws[k].span.clone());
                    }
                } else if let Some(c) = (k..ws.len().min(k + 24))
                    .take_while(|&c| c == k || !sentence_gap(&t, c - 1))
                    .find(|&c| is_cue(ws[c].text) && !ws[c].text.starts_with(char::is_uppercase))
                {
                    // "“...,” Ann Cole, the director of the agency since 2019, told": a name
                    // and its apposition; "“...” of the plan, Cole said.": a phrase that
                    // completes the quote, then the speaker and the verb that end the sentence
                    let s = speaker_before(&t, c, q.end);
                    let ends_sentence = c + 1 == ws.len() || sentence_gap(&t, c);
                    let after_comma = p[q.end..ws[c].span.start].rfind(',').map(|o| q.end + o + 1);
                    if s.as_ref().is_some_and(|s| s.start == ws[k].span.start) {
                        found = Some((s, Some(ws[c].span.clone())));
                    } else if let Some(comma) = after_comma.filter(|_| ends_sentence && c <= k + 12)
                    {
                        let s = speaker_before(&t, c, comma).filter(|s| {
                            p[comma..s.start].trim().is_empty()
                                && !p[q.end..comma].contains(['(', ')'])
                        });
                        if s.is_some() {
                            found = Some((s, Some(ws[c].span.clone())));
                        }
                    }
                }
            }
        }
        // "“...” — Ana Ruiz": a name after a dash ends the paragraph (a reader's comment, an
        // epigraph)
        if found.is_none() {
            found = dash_speaker(p, q.end);
        }
        // Before the quote: SPEAKER CUE [that|:|,] “...”  (also a partial quote in a clause).
        // The content is then the whole reported clause, quote included.
        let mut content = q.clone();
        if found.is_none() {
            let mut sentence_start = t.sentence_of(q.start).start;
            // A quote that opens its sentence may be introduced by the one before ("He said:").
            if p[sentence_start..q.start]
                .trim_matches(|c: char| c.is_whitespace() || OPENERS.contains(&c))
                .is_empty()
            {
                if let Some(prev) = t
                    .sentence_before(q.start)
                    .filter(|prev| p[prev.clone()].trim_end().ends_with(':'))
                {
                    sentence_start = prev.start;
                }
            }
            let before: Vec<usize> = (0..ws.len())
                .filter(|&i| ws[i].span.start >= sentence_start && ws[i].span.end <= q.start)
                .collect();
            // a cue an earlier quote of the sentence took is not this one's
            // and a cue inside another quote ("“Every time you say that,” Cole said, “...”")
            // is words said, not a verb of this one
            let taken = |i: usize| {
                out.iter().any(|a| a.cue.as_ref() == Some(&ws[i].span))
                    || quotes
                        .iter()
                        .any(|o| o.start <= ws[i].span.start && ws[i].span.end <= o.end)
            };
            let first_speech = before
                .iter()
                .find(|&&i| is_speech_verb(ws[i].text) && verb_cue(&t, i) && !taken(i));
            let nearest_cue = before.iter().rev().find(|&&i| verb_cue(&t, i) && !taken(i));
            if let Some(&c) = first_speech.or(nearest_cue) {
                // A participle ("..., claiming ...", "adding: ...") takes the subject of the
                // sentence (the speaker of an earlier quote in it, else its subject); so does
                // a cue with no speaker next to it ("... but stated that"). A speaker after
                // the cue only with a verb that inverts ("said Lopez: ...").
                let s = if is_participle(ws[c].text) {
                    out.iter()
                        .rev()
                        .find(|a| a.content.start >= sentence_start && a.source.is_some())
                        .and_then(|a| a.source.clone())
                        .or_else(|| {
                            // "Police announced ..., saying": the speaker of the verb before
                            before
                                .iter()
                                .rev()
                                .filter(|&&i| {
                                    i < c
                                        && verb_cue(&t, i)
                                        && (is_speech_verb(ws[i].text)
                                            || ws[i].text.eq_ignore_ascii_case("announced"))
                                })
                                .find_map(|&i| speaker_before(&t, i, sentence_start))
                        })
                } else {
                    speaker_before(&t, c, sentence_start).or_else(|| {
                        (inverting(ws[c].text) && c + 1 < ws.len() && ws[c + 1].span.end <= q.start)
                            .then(|| speaker_after(&t, c))
                            .flatten()
                            .filter(|s| {
                                let between = p[s.end..q.start].trim();
                                between.starts_with([',', ':'])
                                    && between[1..].trim().chars().all(|c| OPENERS.contains(&c))
                            })
                    })
                }
                .or_else(|| {
                    // "A timeline was not set, but Austin directed ..., telling": the subject
                    // of the clause the participle ends
                    let clause = if is_participle(ws[c].text) {
                        ["; ", ", but ", ", and ", " but "]
                            .iter()
                            .filter_map(|m| {
                                p[sentence_start..ws[c].span.start]
                                    .rfind(m)
                                    .map(|o| sentence_start + o + m.len())
                            })
                            .max()
                            .unwrap_or(sentence_start)
                    } else {
                        sentence_start
                    };
                    sentence_subject(&t, clause).or_else(|| sentence_subject(&t, sentence_start))
                });
                // where the said words begin: after "that", a time phrase, whom it was told
                let sentence_words: Vec<usize> = (c + 1..ws.len())
                    .take_while(|&i| ws[i].span.start < t.sentence_end(q.end))
                    .collect();
                let from = reported_clause_start(&t, &sentence_words, 0, ws[c].text)
                    .and_then(|k| sentence_words.get(k))
                    .map(|&i| ws[i].span.start)
                    .filter(|&f| f <= q.start)
                    .unwrap_or(ws[c].span.end);
                let from =
                    from + (p[from..].len() - p[from..].trim_start_matches([' ', ',', ':']).len());
                let end = t.sentence_end(q.end);
                if from < q.start {
                    content = from..end.max(q.end);
                }
                found = Some((s, Some(ws[c].span.clone())));
            }
        }
        if found.is_none() {
            if let Some(cue) = cue_after.filter(|c| !inverting(&p[c.clone()])) {
                let from = t.sentence_of(q.start).start;
                found = Some((sentence_subject(&t, from), Some(cue)));
            }
        }
        // "Jeffrey M. Jones: “...”", "Bernie Sanders: ‘It Is Not A Radical Idea’ ...": a name
        // and a colon introduce the words after it.
        if found.is_none() {
            let before = p[..q.start].trim_end_matches(['“', '"', '‘', '\'', ' ']);
            if let Some(colon) = before.strip_suffix(':').map(str::len) {
                // "She went on: “...”": the subject of a short clause before the colon
                let clause = t.sentence_of(colon.saturating_sub(1));
                let short = p[clause.start..colon].split_whitespace().nth(12).is_none();
                let src = colon_speaker(p, colon).or_else(|| {
                    short
                        .then(|| sentence_subject(&t, clause.start))
                        .flatten()
                        .filter(|s| s.end < colon)
                });
                if let Some(src) = src {
                    content = q.start..t.sentence_end(q.end).max(q.end);
                    found = Some((Some(src), Some(colon..colon + 1)));
                }
            }
        }
        // A quote of its own with no attribution continues the previous attributed quote.
        // With no attribution in reach, the quote is kept unattributed (source `None`) for
        // `document_attributions`, which may find its speaker in the paragraph before.
        let (source, cue) = match found {
            Some(f) => f,
            None => {
                // long enough, or a sentence of its own ("This is all me."), to be speech
                let inner = p[q.clone()].trim();
                let speech = q.end - q.start > 20
                    || (inner.starts_with(char::is_uppercase)
                        && inner.ends_with(['.', '!', '?', ','])
                        && inner.split_whitespace().nth(1).is_some());
                match out.iter().rev().find(|a| a.direct && a.source.is_some()) {
                    Some(prev) if speech => (prev.source.clone(), None),
                    _ if speech => (None, None),
                    _ => continue,
                }
            }
        };
        out.push(Attribution {
            content,
            quote: Some(q.clone()),
            source,
            cue,
            direct: true,
        });
    }

    // Reported speech in sentences with no quotation marks of their own.
    for range in &t.sentences {
        if quotes
            .iter()
            .any(|q| q.start < range.end && q.end > range.start)
        {
            continue;
        }
        if let Some(mut a) = reported(&t, range.clone()) {
            // "A, saying B", "A and said B", "A, Ryan said, B": B is said again, apart
            if let Some((cut, again)) = next_attribution(&t, &a) {
                a.content.end = cut;
                out.push(again);
            }
            // "A, officials said, B": the said words on both sides of the attribution
            let inside = a.source.as_ref().zip(a.cue.as_ref()).filter(|(s, c)| {
                s.start > a.content.start && c.end < a.content.end && s.start < c.start
            });
            if let Some((src, cue)) = inside {
                let before = a.content.start..p[..src.start].trim_end_matches([',', ' ']).len();
                let rest = &p[cue.end..a.content.end];
                let after =
                    a.content.end - rest.trim_start_matches([',', ' ']).len()..a.content.end;
                for part in [before, after] {
                    // not "In a phone interview with CNN, Lopez said, ..."'s opening phrase
                    let first = p[part.clone()]
                        .split_whitespace()
                        .next()
                        .unwrap_or("")
                        .to_lowercase();
                    let words = p[part.clone()].split_whitespace().count();
                    let clause = words >= 4
                        && !is_participle(&first)
                        && !(PREPOSITIONS.contains(&first.as_str()) && words <= 8);
                    if clause {
                        out.push(Attribution {
                            content: part,
                            ..a.clone()
                        });
                    }
                }
                continue;
            }
            out.push(a);
        }
    }
    // Every span must lie inside the paragraph on character boundaries; callers slice with them.
    let valid = |r: &Range<usize>| {
        r.start < r.end
            && r.end <= p.len()
            && p.is_char_boundary(r.start)
            && p.is_char_boundary(r.end)
    };
    out.retain(|a| {
        valid(&a.content)
            && a.quote.as_ref().is_none_or(valid)
            && a.source.as_ref().is_none_or(valid)
            && a.cue.as_ref().is_none_or(valid)
    });
    out.sort_by_key(|a| a.content.start);
    out
}

/// An attribution in a document of several paragraphs; spans are into paragraph `paragraph`,
/// except the source, which names its own paragraph (a speaker introduced with "He said:" at
/// the end of one paragraph, quoted in the next).
#[derive(Debug, Clone, PartialEq)]
pub struct DocAttribution {
    pub paragraph: usize,
    pub content: Range<usize>,
    pub quote: Option<Range<usize>>,
    pub cue: Option<Range<usize>>,
    pub source: Option<(usize, Range<usize>)>,
    pub direct: bool,
}

/// Attributions of a document given as paragraphs. A quote with no speaker of its own takes
/// the speaker of the paragraph before when that paragraph ends by introducing it ("...
/// Cruz called them on it:") or ends with an attributed quote that this paragraph continues.
/// Quotes with neither a speaker nor a reporting verb are dropped.
pub fn document_attributions(paragraphs: &[&str]) -> Vec<DocAttribution> {
    let mut out = Vec::new();
    let mut carried: Option<(usize, Range<usize>)> = None;
    for (i, p) in paragraphs.iter().enumerate() {
        if p.trim().is_empty() {
            continue;
        }
        let found = attributions(p);
        // a paragraph introduced by "He said:" with no attribution of its own is what he said
        let introduced = paragraphs[..i]
            .iter()
            .rev()
            .find(|q| !q.trim().is_empty())
            .is_some_and(|q| q.trim_end().ends_with(':'));
        if found.is_empty() && introduced {
            if let Some(source) = carried.clone() {
                let content = p.len() - p.trim_start().len()..p.trim_end().len();
                out.push(DocAttribution {
                    paragraph: i,
                    content,
                    quote: None,
                    cue: None,
                    source: Some(source),
                    direct: false,
                });
                carried = None;
                continue;
            }
        }
        let opens_with_quote = p.trim_start().starts_with(OPENERS);
        for a in &found {
            let source = match &a.source {
                Some(s) => Some((i, s.clone())),
                None if a.direct && opens_with_quote => carried.clone(),
                // a quote of its own later in a paragraph whose quotes the last speaker said
                None if a.direct && a.cue.is_none() => out
                    .last()
                    .filter(|d: &&DocAttribution| d.direct && d.paragraph + 1 >= i)
                    .and_then(|d| d.source.clone()),
                None => None,
            };
            // A quote with neither a speaker nor a reporting verb is no attribution.
            if source.is_none() && a.cue.is_none() {
                continue;
            }
            out.push(DocAttribution {
                paragraph: i,
                content: a.content.clone(),
                quote: a.quote.clone(),
                cue: a.cue.clone(),
                source,
                direct: a.direct,
            });
        }
        // What the next paragraph may inherit.
        let trimmed = p.trim_end();
        carried = if trimmed.ends_with(':') {
            introducing_speaker(p).map(|s| (i, s))
        } else if opens_with_quote || found.last().is_some_and(|a| a.direct) {
            out.iter()
                .rev()
                .find(|a| a.paragraph == i && a.direct)
                .and_then(|a| a.source.clone())
        } else {
            None
        };
        if !p.trim().is_empty() && carried.is_none() && !trimmed.ends_with(':') {
            carried = None;
        }
    }
    out
}

/// The speaker of a paragraph that ends by introducing a quote ("He said:").
fn introducing_speaker(p: &str) -> Option<Range<usize>> {
    let t = Para::new(p);
    let ws = t.ws.as_slice();
    let floor = t.sentences.last().map_or(0, |s| s.start);
    let colon = p.trim_end().len() - 1;
    let Some(c) = (0..ws.len())
        .rev()
        .find(|&i| ws[i].span.start >= floor && verb_cue(&t, i))
    else {
        // "Mark Blumenthal and Jon Cohen:", "More from the report:"
        return colon_speaker(p, colon).or_else(|| {
            let from = ws
                .iter()
                .rposition(|w| w.span.start >= floor && w.text == "from")?;
            let r = ws.get(from + 1)?.span.start..colon;
            is_speaker_phrase(&p[r.clone()]).then_some(r)
        });
    };
    speaker_before(&t, c, floor).or_else(|| {
        inverting(ws[c].text)
            .then(|| speaker_after(&t, c))
            .flatten()
    })
}

/// Reported speech in one sentence: `SPEAKER CUE (that) CONTENT.`, `CONTENT, SPEAKER CUE.`,
/// `CONTENT, CUE SPEAKER.`, `According to SPEAKER, CONTENT.`
fn reported(t: &Para, s: Range<usize>) -> Option<Attribution> {
    let (p, ws) = (t.p, t.ws.as_slice());
    let idx: Vec<usize> = (0..ws.len())
        .filter(|&i| ws[i].span.start >= s.start && ws[i].span.end <= s.end)
        .collect();
    if idx.len() < 4 {
        return None;
    }
    let text_end = p[..s.end].trim_end_matches(['.', '!', '?']).len();
    // NAME: WHAT THEY SAY (a headline or a quoted source in a roundup)
    if let Some(colon) = p[s.start..text_end].find(':').map(|o| s.start + o) {
        if let Some(src) = colon_speaker(p, colon) {
            let from = colon + 1 + (p[colon + 1..].len() - p[colon + 1..].trim_start().len());
            if p[from..text_end].split_whitespace().nth(2).is_some() {
                return Some(Attribution {
                    content: from..text_end,
                    quote: None,
                    source: Some(src),
                    cue: Some(colon..colon + 1),
                    direct: false,
                });
            }
        }
    }
    // According to X, ...
    if let Some(k) = idx
        .iter()
        .position(|&i| ws[i].text.eq_ignore_ascii_case("according"))
    {
        let i = idx[k];
        if idx.len() > k + 2 && ws[idx[k + 1]].text.eq_ignore_ascii_case("to") {
            let src_start = idx[k + 2];
            let src_end = idx[k + 2..]
                .iter()
                .take_while(|&&j| !p[ws[src_start].span.start..ws[j].span.end].contains(','))
                .last()
                .copied()
                .unwrap_or(src_start);
            let source = ws[src_start].span.start..ws[src_end].span.end;
            if !is_speaker_phrase(&p[source.clone()]) {
                return None;
            }
            let content = if i == idx[0] {
                let after = p[source.end.min(text_end)..text_end].trim_start_matches([',', ' ']);
                text_end - after.len()..text_end
            } else {
                ws[idx[0]].span.start..p[..ws[i].span.start].trim_end_matches([',', ' ']).len()
            };
            return (content.end > content.start).then_some(Attribution {
                content,
                quote: None,
                source: Some(source),
                cue: Some(ws[i].span.start..ws[idx[k + 1]].span.end),
                direct: false,
            });
        }
    }
    // Trailing attribution: CONTENT, SPEAKER CUE.  /  CONTENT, CUE SPEAKER.
    // "..., said the officials, who spoke on condition of anonymity."
    for &c in &idx[idx.len().saturating_sub(16)..] {
        if !verb_cue(t, c) || !inverting(ws[c].text) {
            continue;
        }
        let before = p[s.start..ws[c].span.start].trim_end();
        let Some(src) = before.ends_with(',').then(|| speaker_after(t, c)).flatten() else {
            continue;
        };
        let rest = p[src.end.min(text_end)..text_end].trim_start();
        let content = ws[idx[0]].span.start..s.start + before.len() - 1;
        if (rest.is_empty() || rest.starts_with(','))
            && content.start < content.end
            && p[content.clone()].split_whitespace().nth(2).is_some()
        {
            return Some(Attribution {
                content,
                quote: None,
                source: Some(src),
                cue: Some(ws[c].span.clone()),
                direct: false,
            });
        }
    }
    let tail = &idx[idx.len().saturating_sub(8)..];
    if let Some(&c) = tail.iter().rev().find(|&&i| verb_cue(t, i)) {
        let comma = p[s.start..ws[c].span.start].rfind(',').map(|o| s.start + o);
        if let Some(comma) = comma {
            let after_comma: Vec<usize> = idx
                .iter()
                .copied()
                .filter(|&i| ws[i].span.start > comma)
                .collect();
            let content = ws[idx[0]].span.start..comma;
            if after_comma.first() == Some(&c) {
                // "..., said Maria Lopez[, the union's leader]." ends the sentence.
                // ... and is a name, not a clause ("..., said the Boeing was unusual")
                let reaches_end = |src: &Range<usize>| {
                    let rest = p[src.end.min(text_end)..text_end].trim();
                    let clause = p[src.clone()].split_whitespace().any(|w| {
                        matches!(
                            w,
                            "was"
                                | "is"
                                | "were"
                                | "are"
                                | "has"
                                | "have"
                                | "had"
                                | "will"
                                | "would"
                                | "could"
                                | "can"
                                | "did"
                                | "does"
                                | "should"
                                | "he"
                                | "she"
                                | "they"
                                | "it"
                                | "we"
                                | "I"
                        )
                    });
                    (rest.is_empty() || rest.starts_with(',')) && !clause
                };
                if let Some(src) = speaker_after(t, c).filter(reaches_end) {
                    return Some(Attribution {
                        content,
                        quote: None,
                        source: Some(src),
                        cue: Some(ws[c].span.clone()),
                        direct: false,
                    });
                }
            } else if let Some(src) = speaker_before(t, c, comma) {
                if after_comma
                    .first()
                    .is_some_and(|&f| ws[f].span.start == src.start)
                    && ws[c].span.end >= ws[*tail.last().unwrap()].span.start.saturating_sub(20)
                {
                    return Some(Attribution {
                        content,
                        quote: None,
                        source: Some(src),
                        cue: Some(ws[c].span.clone()),
                        direct: false,
                    });
                }
            }
        }
    }
    // Attribution set off inside the sentence: CONTENT, SPEAKER CUE, CONTENT.
    for &c in &idx[2..idx.len().saturating_sub(2)] {
        if !verb_cue(t, c)
            || !p[ws[c].span.end..ws[c + 1].span.start]
                .trim()
                .starts_with(',')
        {
            continue;
        }
        let Some(comma) = p[s.start..ws[c].span.start].rfind(',').map(|o| s.start + o) else {
            continue;
        };
        if let Some(src) = speaker_before(t, c, comma) {
            let first_after_comma = idx.iter().find(|&&i| ws[i].span.start > comma);
            if first_after_comma.is_some_and(|&f| ws[f].span.start == src.start) {
                let content = ws[idx[0]].span.start..text_end;
                return Some(Attribution {
                    content,
                    quote: None,
                    source: Some(src),
                    cue: Some(ws[c].span.clone()),
                    direct: false,
                });
            }
        }
    }
    // A participle after a comma: "..., saying (that) CONTENT": the sentence's subject speaks
    // (when the sentence has no attribution of its own before it).
    let participle_attribution = || {
        for (k, &c) in idx.iter().enumerate().skip(2) {
            let w = ws[c].text.to_lowercase();
            let participle = w.ends_with("ing") && is_cue(&w.replace("ing", "ed"))
                || matches!(
                    w.as_str(),
                    "saying"
                        | "adding"
                        | "arguing"
                        | "noting"
                        | "claiming"
                        | "insisting"
                        | "warning"
                        | "stating"
                        | "telling"
                        | "writing"
                );
            if !participle || !p[ws[idx[k - 1]].span.end..ws[c].span.start].contains(',') {
                continue;
            }
            // the content keeps a leading "that" (as attribution corpora mark it)
            let from = k + 1;
            if idx.len() - from < 3 {
                break;
            }
            let Some(src) = sentence_subject(t, s.start) else {
                break;
            };
            if src.end > ws[c].span.start {
                break;
            }
            return Some(Attribution {
                content: ws[idx[from]].span.start..text_end,
                quote: None,
                source: Some(src),
                cue: Some(ws[c].span.clone()),
                direct: false,
            });
        }
        None
    };
    // Leading attribution: SPEAKER CUE (that) CONTENT.
    let head = &idx[..idx.len().min(60)];
    // a speech verb of a relative clause ("leaders who say the law ..."), used when the
    // sentence has no other attribution
    let mut in_relative: Option<Attribution> = None;
    let relative = |src: &Range<usize>| {
        let before = p[..src.start].split_whitespace().next_back().unwrap_or("");
        let first = p[src.clone()].split_whitespace().next().unwrap_or("");
        [before, first]
            .iter()
            .any(|w| matches!(w.to_lowercase().as_str(), "who" | "which" | "whom" | "that"))
    };
    for (pos, &c) in head
        .iter()
        .enumerate()
        .filter(|(_, &i)| verb_cue(t, i) && (!ws[i].text.ends_with("ing") || progressive(t, i)))
    {
        // "Sullivan put off deciding ... but said ...": the sentence's subject speaks. Far into
        // a sentence ("Greg Raiff, chief executive of ..., said") only a speaker right before
        // the cue counts. A relative clause ("Sanders, who endorsed Clinton, said ...") is an
        // aside: its verb is not the cue.
        if in_relative_clause(t, s.start, c) {
            let who = (0..c).rev().take(3).find(|&k| {
                matches!(ws[k].text.to_lowercase().as_str(), "who" | "which")
                    && p[ws[k].span.end..ws[c].span.start]
                        .split_whitespace()
                        .all(|w| CUE_AUXILIARIES.contains(&w.to_lowercase().as_str()))
            });
            let after = idx.iter().position(|&i| i == c)? + 1;
            // "in which he said ...": the pronoun; "who say ...": the relative pronoun
            let who = who.map(|k| ws[k].span.clone()).or_else(|| {
                speaker_before(t, c, s.start).filter(|r| {
                    (0..c).rev().take(4).any(|k| {
                        matches!(ws[k].text.to_lowercase().as_str(), "which" | "whom")
                            && ws[k].span.end <= r.start
                    })
                })
            });
            if let (Some(who), true, None) = (who, is_speech_verb(ws[c].text), &in_relative) {
                if let Some(k) = reported_clause_start(t, &idx, after, ws[c].text) {
                    let end = p[ws[idx[k]].span.start..text_end]
                        .find(", ")
                        .filter(|_| p[..who.start].trim_end().ends_with(','))
                        .map_or(text_end, |o| ws[idx[k]].span.start + o);
                    if idx.len() - k >= 3 {
                        in_relative = Some(Attribution {
                            content: ws[idx[k]].span.start..end,
                            quote: None,
                            source: Some(who),
                            cue: Some(ws[c].span.clone()),
                            direct: false,
                        });
                    }
                }
            }
            continue;
        }
        // "... reminisced about her days, and said ...": the subject of the sentence
        let coordinated = c > 0
            && matches!(ws[c - 1].text.to_lowercase().as_str(), "and" | "but")
            && ws[c - 1].span.start >= s.start;
        // "are backing the measure": the subject stands before "are"
        let verb = if progressive(t, c) { c - 1 } else { c };
        let Some(src) = speaker_before(t, verb, s.start)
            .or_else(|| {
                (pos < 16 || coordinated)
                    .then(|| sentence_subject(t, s.start))
                    .flatten()
                    .filter(|src| src.end <= ws[c].span.start)
            })
            .filter(|src| !relative(src))
        else {
            continue;
        };
        let after = idx.iter().position(|&i| i == c)? + 1;
        let Some(k) = reported_clause_start(t, &idx, after, ws[c].text) else {
            continue;
        };
        if idx.len() - k < 2 || p[..text_end].trim_end().ends_with(':') {
            break;
        }
        // "..., conceding the race" after it is its aside, not another attribution
        return Some(Attribution {
            content: ws[idx[k]].span.start..text_end,
            quote: None,
            source: Some(src),
            cue: Some(ws[c].span.clone()),
            direct: false,
        });
    }
    participle_attribution().or(in_relative)
}

/// A second attribution inside the content of `a`: "..., saying B", "... and said B", "...,
/// Ryan said, B". Returns where `a`'s content ends and the attribution of B (the same
/// speaker, or the one named).
fn next_attribution(t: &Para, a: &Attribution) -> Option<(usize, Attribution)> {
    let (p, ws) = (t.p, t.ws.as_slice());
    let content = a.content.clone();
    let inside: Vec<usize> = (0..ws.len())
        .filter(|&i| ws[i].span.start >= content.start && ws[i].span.end <= content.end)
        .collect();
    for (n, &i) in inside.iter().enumerate().skip(2) {
        if !verb_cue(t, i) {
            continue;
        }
        let gap_before = &p[ws[i - 1].span.end..ws[i].span.start];
        let participle = is_participle(ws[i].text) && gap_before.contains(',');
        let and_said = is_speech_verb(ws[i].text) && ws[i - 1].text.eq_ignore_ascii_case("and");
        let (cut, source) = if participle {
            (ws[i - 1].span.end, a.source.clone())
        } else if and_said {
            (ws[i - 2].span.end, a.source.clone())
        } else if is_speech_verb(ws[i].text) && p[ws[i].span.end..].trim_start().starts_with(',') {
            // "..., Ryan said, ...": a name right after a comma
            let comma = p[content.start..ws[i].span.start].rfind(',')? + content.start;
            let src = speaker_before(t, i, comma)?;
            if !p[comma + 1..src.start].trim().is_empty() {
                continue;
            }
            (comma, Some(src))
        } else {
            continue;
        };
        let rest_from = p[ws[i].span.end..content.end]
            .find(|c: char| c.is_alphanumeric() || OPENERS.contains(&c))?
            + ws[i].span.end;
        let words_before = inside[..n].len();
        if words_before < 3 || rest_from >= content.end || cut <= content.start {
            return None;
        }
        return Some((
            p[..cut].trim_end_matches([',', ' ']).len(),
            Attribution {
                content: rest_from..content.end,
                quote: None,
                source,
                cue: Some(ws[i].span.clone()),
                direct: false,
            },
        ));
    }
    None
}

/// Whether the cue at word `c` is the verb of a relative clause ("..., who endorsed Clinton,
/// ..."): "who", "which" or "whom" between it and the clause's start (the sentence's start at
/// byte `from`, or the last comma before the cue).
fn in_relative_clause(t: &Para, from: usize, c: usize) -> bool {
    let (p, ws) = (t.p, t.ws.as_slice());
    let clause_start = p[from..ws[c].span.start]
        .rfind(',')
        .map_or(from, |o| from + o);
    ws[..c]
        .iter()
        .rev()
        .take_while(|w| w.span.start >= clause_start)
        .any(|w| matches!(w.text.to_lowercase().as_str(), "who" | "which" | "whom"))
}

/// Where the reported clause after a cue begins, as an index into `idx` (the sentence's words;
/// `after` is the word after the cue): after "that" ("said on Monday that ..."), after a time
/// phrase ("said Tuesday he ..."), after whom it was told ("told reporters ..."). `None` when
/// what follows is not a clause: a place or occasion ("said at the White House on Tuesday"), a
/// count ("added 235,000 jobs").
fn reported_clause_start(t: &Para, idx: &[usize], after: usize, cue: &str) -> Option<usize> {
    let ws = t.ws.as_slice();
    let lower = |k: usize| idx.get(k).map(|&i| ws[i].text.to_lowercase());
    let that_within = |from: usize, n: usize| {
        (from..idx.len().min(from + n)).find(|&k| lower(k).as_deref() == Some("that"))
    };
    if let Some(k) = that_within(after, 5) {
        return Some(k);
    }
    let mut k = after;
    // "said repeatedly that"
    while lower(k).is_some_and(|w| w.len() > 4 && w.ends_with("ly")) && lower(k + 1).is_some() {
        k += 1;
    }
    // "said Tuesday", "said on Monday", "said late Friday", "said last week"
    let skip_time = |mut k: usize| {
        let time_noun = |w: &str| TIME_WORDS.contains(&w) && !TIME_MODIFIERS.contains(&w);
        loop {
            match lower(k) {
                Some(w) if time_noun(&w) && lower(k + 1).is_some() => k += 1,
                Some(w)
                    if TIME_MODIFIERS.contains(&w.as_str())
                        && lower(k + 1).is_some_and(|n| time_noun(&n))
                        && lower(k + 2).is_some() =>
                {
                    k += 2
                }
                _ => break k,
            }
        }
    };
    k = skip_time(k);
    if matches!(
        cue.to_lowercase().as_str(),
        "told" | "tells" | "tell" | "assured" | "reminded"
    ) {
        // whom: "him", "reporters", "CNN's Jake Tapper", "The Associated Press"
        let first = lower(k)?;
        if matches!(first.as_str(), "him" | "her" | "them" | "me" | "us" | "you")
            || (first.ends_with('s') && ws[idx[k]].text.starts_with(char::is_lowercase))
        {
            k += 1;
        } else {
            if matches!(first.as_str(), "the" | "a" | "an") {
                k += 1;
            }
            while idx
                .get(k)
                .is_some_and(|&i| ws[i].text.starts_with(char::is_uppercase))
            {
                k += 1;
            }
        }
        k = skip_time(k);
    }
    // "asked all police forces": a request says what is asked ("to", "whether", "about")
    if matches!(
        cue.to_lowercase().as_str(),
        "asked" | "asks" | "urged" | "urges"
    ) && !(k..idx.len().min(k + 8)).any(|j| {
        lower(j).is_some_and(|w| {
            matches!(
                w.as_str(),
                "to" | "whether" | "if" | "about" | "why" | "what" | "how" | "when" | "for"
            )
        })
    }) {
        return None;
    }
    let first = lower(k)?;
    // "said in a statement", "told reporters at ...": the said words follow "that", or are
    // not in this sentence. Other cues take a preposition ("called for", "warned of").
    if PREPOSITIONS.contains(&first.as_str()) && is_speech_verb(cue) {
        // "said in politics it takes time": the clause's subject after a short phrase
        let subject = (k + 1..idx.len().min(k + 7)).find(|&j| {
            lower(j).is_some_and(|w| {
                matches!(
                    w.as_str(),
                    "he" | "she" | "it" | "they" | "we" | "i" | "there"
                )
            })
        });
        return that_within(k, 16).or(subject);
    }
    // "called on all nations to ...", "asked about his record": the object of the preposition
    if PREPOSITIONS.contains(&first.as_str()) && lower(k + 1).is_some() {
        k += 1;
    }
    let count = first.starts_with(|c: char| c.is_ascii_digit())
        || (matches!(
            first.as_str(),
            "just" | "only" | "nearly" | "about" | "almost" | "some"
        ) && lower(k + 1).is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit())));
    (!count).then_some(k)
}

/// The name before a colon at byte `colon` ("Jeffrey M. Jones:", "Bernie Sanders:"), when the
/// colon opens its paragraph or a segment after a dash: one to four capitalised words.
fn colon_speaker(p: &str, colon: usize) -> Option<Range<usize>> {
    const NOT_NAMES: &[&str] = &[
        "related",
        "update",
        "updated",
        "note",
        "editor",
        "editors",
        "photo",
        "watch",
        "read",
        "source",
        "sources",
        "image",
        "credit",
        "advertisement",
        "video",
        "listen",
        "see",
        "more",
        "also",
        "correction",
        "disclosure",
        "warning",
        "breaking",
        "analysis",
        "opinion",
        "q",
        "a",
    ];
    let head = &p[..colon];
    let seg_start = ["- ", "– ", "— ", ". ", " -"]
        .iter()
        .filter_map(|d| head.rfind(d).map(|i| i + d.len()))
        .max()
        .unwrap_or(0);
    let name = head[seg_start..].trim();
    // "More from the report:", "From Blumenthal and Cohen:"
    let lower = name.to_lowercase();
    if let Some(at) = lower
        .strip_prefix("more from ")
        .or_else(|| lower.strip_prefix("from "))
        .map(|rest| name.len() - rest.len())
    {
        let source = &name[at..];
        let start = colon - source.len();
        return is_speaker_phrase(source).then_some(start..colon);
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    let name_like = |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase) || matches!(w, "and" | "&" | "of")
    };
    let ok = (1..=6).contains(&words.len())
        && words.iter().all(|w| name_like(w))
        && words.first().is_some_and(|w| {
            !NOT_NAMES.contains(
                &w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
                    .as_str(),
            )
        });
    if !ok {
        return None;
    }
    let start = head.trim_end().len() - name.len();
    Some(start..start + name.len()).and_then(|r| speaker_span(p, r))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_opening_mark_begins_with_a_byte_the_quick_check_knows() {
        for c in OPENERS {
            assert!(begins_opener(c.to_string().as_bytes()[0]), "{c}");
        }
    }

    fn show(p: &str) -> Vec<(String, Option<String>)> {
        attributions(p)
            .into_iter()
            .map(|a| {
                (
                    p[a.quote.unwrap_or(a.content)].to_string(),
                    a.source.map(|s| p[s].to_string()),
                )
            })
            .collect()
    }

    #[test]
    fn colon_headlines_participles_and_long_appositions() {
        let p = "Bernie Sanders: ‘It Is Not A Radical Idea’ To Ask For A Higher Wage";
        assert_eq!(show(p)[0].1.as_deref(), Some("Bernie Sanders"));
        let p = "Fiorina was upfront about her distaste for the front-runner, saying conservatives need to band together to stop him.";
        let got = show(p);
        assert_eq!(got[0].0, "conservatives need to band together to stop him");
        assert_eq!(got[0].1.as_deref(), Some("Fiorina"));
        let p = "“Cruz could win the general election in a landslide,” Viguerie concludes.";
        assert_eq!(show(p)[0].1.as_deref(), Some("Viguerie"));
        let p = "Former Democratic candidate Bernie Sanders, who on Tuesday endorsed the nominee after a long primary, said Wednesday he agrees with the remarks.";
        assert_eq!(
            show(p)[0].1.as_deref(),
            Some("Former Democratic candidate Bernie Sanders")
        );
    }

    #[test]
    fn a_progressive_verb_takes_the_subject_before_its_auxiliary() {
        let p = "Several county commissioners are urging residents to leave before the river crests on Friday.";
        let got = show(p);
        assert_eq!(got[0].1.as_deref(), Some("Several county commissioners"));
        // a passive is not the speaker's verb
        let p = "The measure was criticized by the mayor.";
        assert!(show(p)
            .iter()
            .all(|(_, s)| s.as_deref() != Some("The measure")));
    }

    #[test]
    fn a_quote_according_to_a_source_after_it() {
        let p = "The rate is now at the “lowest level since officials began counting a century ago,” according to the Associated Press.";
        assert_eq!(show(p)[0].1.as_deref(), Some("the Associated Press"));
        let p = "“We will not sign it,” according to two people who attended the meeting, the minister told aides.";
        assert_eq!(
            show(p)[0].1.as_deref(),
            Some("two people who attended the meeting")
        );
    }

    #[test]
    fn states_before_a_relative_clause_is_a_noun() {
        let p =
            "The agency opened inquiries into four states that have limited mask rules in schools.";
        assert!(show(p).is_empty(), "{:?}", show(p));
        let p = "The report states that the bridge was never inspected.";
        assert_eq!(show(p)[0].1.as_deref(), Some("The report"));
    }

    #[test]
    fn records_and_polls_show() {
        let p = "Court records show that the firm paid the fine in March.";
        let got = show(p);
        assert_eq!(got[0].0, "that the firm paid the fine in March");
        assert_eq!(got[0].1.as_deref(), Some("Court records"));
        assert!(show("They went to the show on Friday and stayed late.").is_empty());
        assert!(show("The results will show up in the spring.").is_empty());
    }

    #[test]
    fn direct_quotes_with_speakers_after_and_before() {
        let p = "“We will rebuild the bridge by spring,” the mayor said. “It is our first task.” Critics were unconvinced.";
        let got = show(p);
        assert_eq!(
            got[0],
            (
                "We will rebuild the bridge by spring,".into(),
                Some("the mayor".into())
            )
        );
        assert_eq!(
            got[1],
            ("It is our first task.".into(), Some("the mayor".into()))
        );
        let p = "Ahead of the vote, the senator declared, 'We are not planning to give up, whatever happens.'";
        assert_eq!(show(p)[0].1.as_deref(), Some("the senator"));
        let p = "\"Nobody expected this,\" said Maria Lopez, the union's leader.";
        assert_eq!(show(p)[0].1.as_deref(), Some("Maria Lopez"));
    }

    #[test]
    fn partial_quotes_and_apostrophes() {
        let p = "The spokesman described the talks as a 'normal process' and said nothing else. Officials didn't comment.";
        let got = show(p);
        assert_eq!(
            got[0],
            ("normal process".into(), Some("The spokesman".into()))
        );
        assert!(got.iter().all(|(c, _)| !c.contains("didn")));
    }

    #[test]
    fn a_speaker_introduced_before_a_quoted_paragraph() {
        let paras = [
            "The senator was in Ohio on Monday for a rally. He said:",
            "“The questions asked in this debate show why people do not trust us.”",
            "Turnout was low.",
        ];
        let got = document_attributions(&paras);
        assert_eq!(got.len(), 1);
        let (sp, src) = got[0].source.clone().unwrap();
        assert_eq!((got[0].paragraph, &paras[sp][src]), (1, "He"));
    }

    #[test]
    fn reported_speech() {
        let p = "The adviser stated that without progress on this issue the city sees no way out.";
        assert_eq!(
            show(p)[0],
            (
                "that without progress on this issue the city sees no way out".into(),
                Some("The adviser".into())
            )
        );
        let p = "The bridge will reopen in May, officials said.";
        assert_eq!(
            show(p)[0],
            (
                "The bridge will reopen in May".into(),
                Some("officials".into())
            )
        );
        let p = "According to the ministry, three people were hurt.";
        assert_eq!(
            show(p)[0],
            ("three people were hurt".into(), Some("the ministry".into()))
        );
        let p = "The bridge, the mayor said, will reopen in May.";
        assert_eq!(show(p)[0].1.as_deref(), Some("the mayor"));
    }

    #[test]
    fn reported_speech_is_not_cut_at_abbreviations() {
        let p = "The minister called on Mr. Lopez to resign, the party said.";
        assert_eq!(
            show(p)[0],
            (
                "The minister called on Mr. Lopez to resign".into(),
                Some("the party".into())
            )
        );
        let p = "Ms. Ortiz said she was sticking to her Aug. 31 deadline for the U.S. troops.";
        assert_eq!(
            show(p)[0].0,
            "she was sticking to her Aug. 31 deadline for the U.S. troops"
        );
        let p = "“We will finish the job,” Sen. Ann Cole (D-Ariz.) told reporters after a vote on Monday.";
        let got = show(p);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].1.as_deref(), Some("Sen. Ann Cole"));
    }

    #[test]
    fn a_speaker_is_a_name_a_pronoun_or_a_description() {
        for good in [
            "he",
            "Maria Lopez",
            "a senior Kyiv official",
            "the company",
            "officials",
            "police",
            "Sen. Ann Cole",
            "The No. 3 Republican in the House",
            "who",
            "a senior adviser to the president",
        ] {
            assert!(is_speaker_phrase(good), "{good}");
        }
        for bad in [
            "on Thursday",
            "late Monday night",
            "the attack a",
            "The",
            "general power to punish students for what they",
            "with his persistent false",
            "demanding to",
            "000 jobs",
            "11",
            "what it",
            "the country is",
            "Moreover",
            "directly",
            "Saying Hamas",
            "them the legislation is about",
            "Grassley hasn't",
        ] {
            assert!(!is_speaker_phrase(bad), "{bad}");
        }
    }

    #[test]
    fn the_object_of_told_or_urged_is_not_the_speaker() {
        let p = "He told Fox News the plan had failed.";
        assert_eq!(show(p)[0].1.as_deref(), Some("He"));
        let p = "The mayor urged residents to “stay indoors until the storm passes” on Sunday.";
        assert_eq!(show(p)[0].1.as_deref(), Some("The mayor"));
        let p = "The governor demanded the president “return our land to us.”";
        assert_eq!(show(p)[0].1.as_deref(), Some("The governor"));
    }

    #[test]
    fn a_place_or_an_occasion_after_said_is_not_what_was_said() {
        for p in [
            "The senator said in a statement Wednesday:",
            "“We are done,” Mr. Biden said at the White House on Tuesday.",
            "Dana Ruiz tweeted about the story and her resignation on Tuesday.",
            "America’s private employers added just 235,000 jobs in August.",
        ] {
            assert!(
                show(p).iter().all(|(c, _)| !c.starts_with("at the")
                    && !c.starts_with("in a statement")
                    && !c.starts_with("about")
                    && !c.starts_with("just 235,000")),
                "{p}: {:?}",
                show(p)
            );
        }
        let p = "The attorney general said in papers filed with the court that the law was sound.";
        assert_eq!(show(p)[0].0, "that the law was sound");
    }

    #[test]
    fn titles_terms_and_capitalised_nouns_are_not_quotes() {
        for p in [
            "“We have heard concerns,” the leader said on “Fox & Friends.”",
            "She spoke on CNN’s “State of the Union” about the vaccine.",
            "A vote on what’s known as a “motion to vacate the chair” would fail.",
            "The plane was forced down for a supposed “security alert” on Sunday.",
            "The United States is struggling to speed up the evacuations.",
            "Other states, like Ohio, also saw outages.",
        ] {
            let got = show(p);
            assert!(
                got.iter().all(|(c, _)| !matches!(
                    c.as_str(),
                    "Fox & Friends."
                        | "State of the Union"
                        | "motion to vacate the chair"
                        | "security alert"
                ) && !c.contains("is struggling")
                    && !c.contains("like Ohio")),
                "{p}: {got:?}"
            );
        }
    }

    #[test]
    fn a_quote_after_adding_is_the_same_speakers() {
        let p = "Lopez told the radio station that the council “had a plan that was doomed,” adding, “It never worked.”";
        let got = show(p);
        assert!(
            got.iter().all(|(_, s)| s.as_deref() == Some("Lopez")),
            "{got:?}"
        );
    }

    #[test]
    fn a_verb_inside_an_earlier_quote_is_not_the_next_quotes_cue() {
        let p = "“Every time you say that,” Cole said, referring to the excuse, “you hand the critics an argument.”";
        let got = show(p);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(
            got.iter().all(|(_, s)| s.as_deref() == Some("Cole")),
            "{got:?}"
        );
        assert_eq!(got[1].0, "you hand the critics an argument.");
    }

    #[test]
    fn a_quote_completed_by_a_phrase_then_its_speaker() {
        let p = "“I admire the design” of the new rules, Ms. Brandt said.";
        assert_eq!(show(p)[0].1.as_deref(), Some("Ms. Brandt"));
        let p = "“It is over” for the old plant, the union said.";
        assert_eq!(show(p)[0].1.as_deref(), Some("the union"));
        // a question ends the quote's sentence, not the attribution after it
        let p = "“Who would have thought we would get here?” Ms. Brandt said, smiling.";
        assert_eq!(show(p)[0].1.as_deref(), Some("Ms. Brandt"));
    }

    #[test]
    fn a_long_apposition_between_quote_and_verb() {
        let p = "“The plan is a mess,” Nora Lind, the head of the tenants’ union in the city since 2015 and a former nurse, told reporters.";
        assert_eq!(show(p)[0].1.as_deref(), Some("Nora Lind"));
    }

    #[test]
    fn a_capitalised_cue_word_in_a_name_is_no_verb() {
        // "Show" of a programme's name
        let p = "The mayor called the deal “a fine start” Tuesday on The Morning Show.";
        assert_eq!(show(p)[0].1.as_deref(), Some("The mayor"));
        let p = "He was “a fine host” Tuesday on The Morning Show.";
        assert!(
            show(p)
                .iter()
                .all(|(_, s)| s.as_deref() != Some("Tuesday on The Morning")),
            "{:?}",
            show(p)
        );
    }

    #[test]
    fn a_sentence_adverb_is_not_the_subject() {
        assert_eq!(
            subject_phrase("Conversely, the watchdog rated most claims as true.")
                .map(|r| &"Conversely, the watchdog rated most claims as true."[r]),
            Some("the watchdog")
        );
    }

    #[test]
    fn a_name_after_a_dash_says_the_quote() {
        let p = "“The new bus line changed my mornings. I can read again.” ― Ana Ruiz.";
        assert_eq!(show(p)[0].1.as_deref(), Some("Ana Ruiz"));
        let p = "“We waited two hours for a seat.” — Tom B. Hale, a teacher in the valley";
        assert_eq!(show(p)[0].1.as_deref(), Some("Tom B. Hale"));
        // a dash that goes on with the sentence names nobody
        let p = "“We waited two hours for a seat” — and then the doors closed on everyone.";
        assert!(show(p).iter().all(|(_, s)| s.is_none()), "{:?}", show(p));
    }

    #[test]
    fn a_label_someone_is_known_by_is_no_quote() {
        let p = "“I know what I saw,” Dana Reyes told reporters. Reyes was known only as “Confidential Witness Number Two” in the inspector's report released last week.";
        let got = show(p);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "I know what I saw,");
    }

    #[test]
    fn odd_input_never_panics() {
        for p in [
            "",
            "\"",
            "“",
            "'",
            "''",
            "“unclosed quote, he said",
            "He said.",
            "According to.",
            "According to Mr.",
            "A, B said, C.",
            "”reversed“ said X",
            "Ünïcödé “ä” sagte er.",
            "said said said, said said.",
            ", , , said",
        ] {
            let _ = attributions(p);
            let _ = document_attributions(&[p, p]);
        }
    }
}
