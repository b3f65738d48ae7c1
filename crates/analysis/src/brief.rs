//! The brief: a few sentences that tell a story, each citing every article that says it, with
//! the sentence of each cited article that says it.
//!
//! Extractive. Every body sentence of the story's articles (headings, captions and furniture
//! are already gone) of a readable length, not a question, not mostly a quotation and not
//! opening on a pronoun that needs the sentence before it, is a candidate, as a reader will
//! see it: a leading dateline ("BERLIN:", "WASHINGTON (AP) —") cut, and every relative date
//! ("on Tuesday", "last week") followed by the date it resolves to in brackets ("on Tuesday
//! [1 June 2021]"), or left out where nothing resolves it (an undated article's "on Tuesday";
//! the evidence keeps the article's words). A sentence whose relative date can be neither
//! ("since Monday" undated, "nearly four years ago"), that the source cut off ("..."), that
//! begins inside a quotation, or that holds a slip the facts flag (the odd report of a
//! conflict: "former" where the other outlets say "president") is not a candidate. Its weight is the centroid score of its content words,
//! where a word weighs the share of independent sources (outlets, with copies and rewrites
//! counted once) that use it; times a lead bonus (news puts the story first); times the number
//! of independent sources that say the same.
//!
//! Another article says the same when one of its sentences makes the same claim
//! ([`Claim::supported_by`]): it holds [`SUPPORT`] of the candidate's content stems and
//! [`WORDING`] of its own words (the bracketed dates the brief adds left out), [`PREDICATE`]
//! (by rarity) of its words outside the story's names (all of them when there are few), "not"
//! where it says "not", a word of what is expected, intended or will happen where it tells
//! what is expected or intended ("intends to sign" is not "signed"), every figure of it with
//! the same value, unit and hedge (a sentence that says "111 drones" does not say "138
//! drones"), every story entity it names, and for every date it gives a date within it. That sentence is the article's evidence; an article without
//! one is not cited. Sentences are chosen by maximal marginal relevance, and one that shares
//! [`REDUNDANT`] of its words with a chosen one is never taken: no two brief sentences say the
//! same thing. Conflicts between outlets are named in a last sentence each, citing both sides
//! with the sentences of their reports.

use crate::names::NameFinder;
use crate::quotes::quoted_spans;
use crate::reading::Sentence;
use crate::terms::{dice, stem, stem_rarity, Stems};
use chrono::{Datelike, Duration, Months, NaiveDate};
use dossier_figures::Quantity;
use dossier_model::{Article, BriefSentence, Evidence, Fact, FactReport, Relation};
use dossier_time::{Kind, Precision, TimeExpression};
use once_cell::sync::Lazy;
use regex::Regex;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::HashSet;

/// Extracted sentences at most (conflict sentences come on top, up to [`MAX_CONFLICTS`]).
pub const MAX_SENTENCES: usize = 6;
const MAX_CONFLICTS: usize = 2;
/// Least share of a brief sentence's content stems a sentence of another article must hold
/// for that article to be cited as saying it too.
pub const SUPPORT: f32 = 0.6;
/// Least share of its own words (the dates the brief adds in brackets left out: they neither
/// make nor break support): over half, a margin for outlets that split the same words into
/// two sentences.
const WORDING: f32 = 0.55;
/// Least share, weighed by rarity, of its words outside the names it gives (what it says of
/// them: "named the committee's members" is not "announced the committee").
const PREDICATE: f32 = 0.5;
/// Up to this many such words, every one must be held (a short claim rests on each word).
const SHORT_PREDICATE: usize = 4;
/// Dice overlap at which a candidate repeats a chosen sentence.
const REDUNDANT: f32 = 0.5;
/// Weight of redundancy against relevance in the marginal relevance.
const DIVERSITY: f32 = 0.5;
/// How many best candidates get their support counted (the rest cannot win anyway).
const SHORTLIST: usize = 60;

struct Candidate<'a> {
    article: usize,
    sentence: &'a Sentence<'a>,
    /// The sentence as the brief shows it (dateline cut, relative dates resolved).
    text: String,
    /// Where the shown part begins in `sentence.text` (after a dateline).
    from: usize,
    stems: Stems,
    score: f32,
    /// The articles that say it, each with its sentence that does (its own first).
    cites: Vec<(usize, &'a Sentence<'a>)>,
}

/// Pronouns and links that need the sentence before them.
const DANGLING: &[&str] = &[
    "he",
    "she",
    "they",
    "it",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "their",
    "its",
    "but",
    "and",
    "however",
    "meanwhile",
    "also",
    "still",
    "yet",
    "so",
    "then",
    "there",
];

fn readable(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let end = text.trim_end();
    // a question, a lead-in, or a sentence the source cut off ("...")
    if !(8..=60).contains(&words.len())
        || end.ends_with(['?', ':', '\u{2026}'])
        || end.ends_with("..")
    {
        return false;
    }
    // A bullet, a dash or an opening quote mark: a fragment of a list or of a quotation.
    if !text.starts_with(|c: char| c.is_alphanumeric()) {
        return false;
    }
    let first = words[0]
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    if DANGLING.contains(&first.as_str()) {
        return false;
    }
    let quoted: usize = quoted_spans(text).iter().map(|r| r.len()).sum();
    quoted * 2 < text.len()
}

/// Whether the sentence begins inside a quotation opened in a sentence before it: someone's
/// words, which the brief would show as its own.
fn opens_inside_quote(s: &Sentence) -> bool {
    let Some(at) = offset_in(s.paragraph_text, s.text) else {
        return false;
    };
    at > 0
        && quoted_spans(s.paragraph_text)
            .iter()
            .any(|q| q.start < at && at < q.end)
}

/// A dateline before a sentence: a place in capitals ("BERLIN", "NEW YORK, June 3", "KYIV,
/// Ukraine") and/or an agency in brackets ("(AP)", "(Reuters)"), then a colon or a dash.
static DATELINE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"^(?:\p{Lu}[\p{Lu}.'’\-]*\p{Lu}[\p{Lu}.'’\-]*\p{Lu}[\p{Lu}.'’\-]*(?:\s+\p{Lu}[\p{Lu}.'’\-]+)*(?:,\s*[\p{Lu}\d][\w.'’\-]*(?:\s+[\p{Lu}\d][\w.'’\-]*){0,3}){0,2}(?:\s*\([^()]{1,40}\))?|\([^()]{1,40}\))\s*(?::|—|–|--?)\s*",
    )
    .expect("the dateline pattern compiles")
});

/// A place in capitals before the sentence with nothing between them, as some pages keep a
/// dateline ("MOSCOW Russian President ...").
static BARE_DATELINE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(\p{Lu}{3,}(?:\s+\p{Lu}{3,}){0,2})\s+\p{Lu}\p{Ll}")
        .expect("the bare dateline pattern compiles")
});

/// The length in bytes of a dateline opening `text` (0 when there is none).
fn dateline_len(text: &str) -> usize {
    match DATELINE.find(text) {
        Some(m)
            if text[m.end()..].starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) =>
        {
            m.end()
        }
        _ => match BARE_DATELINE.captures(text) {
            Some(c) if crate::places::lookup(&c[1]).is_some() => {
                let place = c.get(1).expect("the place group");
                let rest = &text[place.end()..];
                place.end() + rest.len() - rest.trim_start().len()
            }
            _ => 0,
        },
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Whether the words of a time expression name a month or a year ("June 14", "last May",
/// "in 2020"): a reader can place those without help.
fn names_month_or_year(words: &str) -> bool {
    words
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .any(|w| {
            let lower = w.to_lowercase();
            (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
                || MONTHS.iter().any(|m| {
                    let m = m.to_lowercase();
                    lower == m || (lower.len() >= 3 && m.starts_with(&lower))
                })
        })
}

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Whether time expression `t` of `s` is a date the sentence gives (the shown part begins at
/// `from`): not a capitalised phrase inside it that names no weekday or month, which is part
/// of a name ("CBS This Morning", "the Today show").
fn gives_date(s: &Sentence, t: &TimeExpression, from: usize) -> bool {
    let words = &s.text[t.start..t.end];
    // "a week earlier", "the day before": counted from another happening, not from the day
    // the article was written
    let mut own = words.split_whitespace().map(str::to_lowercase);
    let counted = own.next().is_some_and(|w| {
        ["a", "an", "one", "the", "two", "three", "few", "several"].contains(&w.as_str())
            || w.bytes().all(|b| b.is_ascii_digit())
    }) && own.any(|w| {
        [
            "day", "days", "week", "weeks", "month", "months", "year", "years",
        ]
        .contains(&w.as_str())
    });
    let next = s.text[t.end..]
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    let last = words
        .rsplit(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    if counted
        && [next, last].iter().any(|w| {
            ["earlier", "later", "before", "after", "prior", "previously"]
                .contains(&w.to_lowercase().as_str())
        })
    {
        return false;
    }
    if t.start < from || !words.starts_with(char::is_uppercase) {
        return t.start >= from;
    }
    let opens = s.text[from..t.start].trim().is_empty();
    opens
        || names_month_or_year(words)
        || words.split(|c: char| !c.is_alphanumeric()).any(|w| {
            let lower = w.to_lowercase();
            lower.len() >= 3 && WEEKDAYS.iter().any(|d| d.starts_with(&lower))
        })
}

/// A clock time ("at 1 p.m."): dated by the article's day, not by its words.
fn is_clock(t: &TimeExpression) -> bool {
    t.kind == Kind::Time && t.relative && t.value.contains(':')
}

/// The period a resolved date expression denotes, as days `start..end`.
fn period(t: &TimeExpression) -> Option<(NaiveDate, NaiveDate)> {
    if !matches!(t.kind, Kind::Date | Kind::Time) || is_clock(t) {
        return None;
    }
    let (date, precision) = (t.date?, t.precision?);
    let monday = |d: NaiveDate| d - Duration::days(d.weekday().num_days_from_monday() as i64);
    Some(match precision {
        Precision::Day => (date, date + Duration::days(1)),
        Precision::Week if t.value.ends_with("-WE") => {
            let saturday = monday(date) + Duration::days(5);
            (saturday, saturday + Duration::days(2))
        }
        Precision::Week => (monday(date), monday(date) + Duration::days(7)),
        Precision::Month => (date, date.checked_add_months(Months::new(1))?),
        Precision::Quarter => (date, date.checked_add_months(Months::new(3))?),
        Precision::Year => (date, date.checked_add_months(Months::new(12))?),
        Precision::Decade => (date, date.checked_add_months(Months::new(120))?),
    })
}

/// A resolved date in words: "1 June 2021", "the week of 24 May 2021", "August 2021".
fn spelled(t: &TimeExpression) -> Option<String> {
    let day = |d: NaiveDate| format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year());
    if let (Some(date), Some(precision)) = (t.date, t.precision) {
        let (start, _) = period(t)?;
        return Some(match precision {
            Precision::Day => day(date),
            Precision::Week if t.value.ends_with("-WE") => format!("the weekend of {}", day(start)),
            Precision::Week => format!("the week of {}", day(start)),
            Precision::Month => format!("{} {}", MONTHS[date.month0() as usize], date.year()),
            Precision::Quarter => format!(
                "the {} quarter of {}",
                ["first", "second", "third", "fourth"][date.month0() as usize / 3],
                date.year()
            ),
            Precision::Year => date.year().to_string(),
            Precision::Decade => format!("the {}s", date.year()),
        });
    }
    // a season of a known year: "2020-SU"
    let (year, season) = t.value.split_once('-')?;
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let season = match season {
        "SP" => "spring",
        "SU" => "summer",
        "FA" => "autumn",
        "WI" => "winter",
        _ => return None,
    };
    Some(format!("{season} {year}"))
}

/// Relative dates as words, for the ones the time expressions left out (an undated article's
/// "last week" resolves to nothing and is not returned): a brief sentence must not hold one.
static RELATIVE_WORDS: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|(?i:yesterday|today|tomorrow|tonight|(?:last|this|next|past|coming)\s+(?:week|weekend|month|year)|(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|several|few)\s+(?:day|week|month|year)s?\s+ago))\b",
    )
    .expect("the relative-date pattern compiles")
});

/// Words one of which every match of `RELATIVE_WORDS` holds, in any case ("week" cut to "wee",
/// as Unicode case folding lets the Kelvin sign stand for its "k"): most sentences hold none,
/// and this literal search rules them out before the slower search with Unicode word bounds.
static RELATIVE_WORD_HINTS: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i-u)day|tomorrow|tonight|wee|month|year")
        .expect("the relative-date hints compile")
});

/// The relative dates as words in `text` (`RELATIVE_WORDS`), with their byte ranges.
fn relative_words(text: &str) -> impl Iterator<Item = regex::Match<'_>> {
    let possible = RELATIVE_WORD_HINTS.is_match(text);
    possible
        .then(|| RELATIVE_WORDS.find_iter(text))
        .into_iter()
        .flatten()
}

/// A hedge just before an expression: "nearly four years ago" is no date to print.
fn hedged(before: &str) -> bool {
    let last = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_lowercase();
    [
        "nearly",
        "almost",
        "about",
        "around",
        "roughly",
        "approximately",
        "some",
        "over",
        "than",
        "under",
        "least",
    ]
    .contains(&last.as_str())
}

/// How the brief shows one time expression of a sentence.
enum Edit {
    /// Followed by its date in brackets.
    Date(String),
    /// Left out: a relative date nothing resolves (an undated article's "on Tuesday").
    Drop,
}

/// The bytes to cut for a relative date the brief leaves out, at `start..end` of `text` whose
/// shown part begins at `from`: the date with an "on" before it and the space or the comma
/// that joined it, and whether the next word then opens the sentence. `None` where cutting
/// would break the sentence ("since Monday", "Tuesday's vote").
fn drop_range(text: &str, start: usize, end: usize, from: usize) -> Option<(usize, usize, bool)> {
    let after = &text[end..];
    if after.starts_with("'s") || after.starts_with("\u{2019}s") {
        return None;
    }
    let before = &text[from..start];
    if hedged(before) {
        return None;
    }
    let prev = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_lowercase();
    let tail = before.trim_end();
    let joined = tail.len() == before.len() || tail.ends_with(|c: char| c.is_alphanumeric());
    if joined
        && [
            "from", "to", "until", "till", "by", "since", "before", "after", "through", "between",
            "and", "or", "of", "than", "for", "until", "the",
        ]
        .contains(&prev.as_str())
    {
        return None;
    }
    let mut cut_start = start;
    if prev == "on" && joined {
        cut_start = from + tail.len() - 2;
    }
    let mut cut_end = end;
    if text[from..cut_start].trim().is_empty() {
        // "On Tuesday, the council voted": the council opens the sentence
        let rest = &text[cut_end..];
        let skip = rest.len() - rest.trim_start_matches([',', ' ']).len();
        cut_end += skip;
        return Some((from, cut_end, true));
    }
    let kept = text[..cut_start].trim_end();
    cut_start = kept.len();
    if kept.ends_with(',') && text[cut_end..].starts_with(',') {
        cut_end += 1;
    }
    Some((cut_start, cut_end, false))
}

/// The sentence as the brief would show it, and where the shown part begins: a leading
/// dateline cut, each relative date a reader could not place followed by its date in
/// brackets, or left out where nothing resolves it. `None` when such a date cannot be shown
/// either way (only an approximate date, or cutting it would break the sentence).
fn shown(s: &Sentence) -> Option<(String, usize)> {
    let text = s.text;
    let lead = text.len() - text.trim_start().len();
    let from = lead + dateline_len(&text[lead..]);
    let mut edits: Vec<(usize, usize, Edit)> = Vec::new();
    for t in s.times.iter().filter(|t| gives_date(s, t, from)) {
        let words = &text[t.start..t.end];
        if !t.relative
            || !matches!(t.kind, Kind::Date | Kind::Time)
            || t.value.ends_with("_REF")
            || is_clock(t)
            || names_month_or_year(words)
        {
            continue;
        }
        if words.ends_with("ago") && hedged(&text[..t.start]) {
            return None;
        }
        let edit = match spelled(t) {
            Some(date) => Edit::Date(date),
            None => Edit::Drop,
        };
        edits.push((t.start, t.end, edit));
    }
    for m in relative_words(&text[from..]) {
        let (start, end) = (from + m.start(), from + m.end());
        // "India Today", "CBS This Morning": a capitalised phrase inside the sentence that
        // names no weekday is part of a name
        let name = m.as_str().starts_with(char::is_uppercase)
            && !text[from..start].trim().is_empty()
            && !WEEKDAYS
                .iter()
                .any(|d| m.as_str().to_lowercase().starts_with(d));
        if !name && !s.times.iter().any(|t| t.start < end && start < t.end) {
            edits.push((start, end, Edit::Drop));
        }
    }
    edits.sort_by_key(|e| e.0);
    let mut out = String::with_capacity(text.len() + 32);
    let mut at = from;
    let mut capital = false;
    for (start, end, edit) in edits {
        if start < at {
            return None;
        }
        match edit {
            Edit::Date(date) => {
                out.push_str(&text[at..end]);
                out.push_str(" [");
                out.push_str(&date);
                out.push(']');
                at = end;
            }
            Edit::Drop => {
                // without "next year" or "tomorrow" a sentence would tell the future as the
                // present: only past and weekday references are left out
                let words = text[start..end].to_lowercase();
                if ["next", "coming", "tomorrow", "this"]
                    .iter()
                    .any(|w| words.split_whitespace().any(|x| x == *w))
                {
                    return None;
                }
                let (cut_start, cut_end, opens) = drop_range(text, start, end, from)?;
                if cut_start < at {
                    return None;
                }
                out.push_str(&text[at..cut_start]);
                capital |= opens;
                at = cut_end;
            }
        }
    }
    out.push_str(&text[at..]);
    let mut out = out.trim_end().to_string();
    if capital {
        if let Some(c) = out.chars().next() {
            out.replace_range(..c.len_utf8(), &c.to_uppercase().to_string());
        }
    }
    Some((out, from))
}

/// Words too common to carry a claim.
const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "of", "to", "in", "on", "and", "or", "for", "at", "by", "with", "that",
    "this", "is", "was", "are", "were", "be", "it", "its", "as", "from", "he", "she", "they",
    "his", "her", "their", "has", "have", "had", "said", "says", "will", "would", "not",
];

/// The lower-cased words of a text (letters, digits and apostrophes), function words aside.
fn content_words(text: &str) -> FxHashSet<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}'))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().replace('\u{2019}', "'"))
        .filter(|w| !FUNCTION_WORDS.contains(&w.as_str()))
        .collect()
}

/// Whether a text says "not": "not", "no", "never", "n't" and the like.
fn negates(text: &str) -> bool {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}'))
        .any(|w| {
            [
                "not", "no", "never", "neither", "nor", "nobody", "nothing", "cannot",
            ]
            .iter()
            .any(|n| w.eq_ignore_ascii_case(n))
                || w.len() > 3
                    && (w.ends_with("n't") || w.ends_with("n\u{2019}t") || w.ends_with("N'T"))
        })
}

/// Words that tell what is expected or intended rather than what was done ("is expected to
/// announce", "intends to sign", "plans to").
#[rustfmt::skip]
const FORESEEING: &[&str] = &[
    "expect", "expects", "expected", "expecting", "intend", "intends", "intended", "intending",
    "plans", "planned", "planning", "forecast", "forecasts", "projection", "projected",
    "predicted", "predicts", "anticipated", "anticipates", "likely", "aims", "aiming",
];

/// Verbs that tell what will or may happen ("will require", "could affect").
const MODALS: &[&str] = &["will", "would", "could", "might", "shall"];

/// Whether a text tells what is expected or intended ("expected", "plans to", "is set to"),
/// or with `modals` also what will or may happen ("will", "could", "she'll").
fn foresees(text: &str, modals: bool) -> bool {
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}'))
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().enumerate().any(|(i, w)| {
        FORESEEING.iter().any(|f| w.eq_ignore_ascii_case(f))
            || w.eq_ignore_ascii_case("set") && words.get(i + 1) == Some(&"to")
            || modals
                && (*w == "may" // "May" is a month; the modal is lower-case
                    || MODALS.iter().any(|f| w.eq_ignore_ascii_case(f))
                    || w.len() > 3 && (w.ends_with("'ll") || w.ends_with("\u{2019}ll")))
    })
}

/// The stems of what a text says is expected or intended: the verbs after "intends to",
/// "is expected to", "plans to", "is set to" ("sign" of "intends to sign", "approve" of "is
/// expected to be approved").
fn intended_acts(text: &str) -> Vec<String> {
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut acts = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let intends =
            FORESEEING.iter().any(|f| w.eq_ignore_ascii_case(f)) || w.eq_ignore_ascii_case("set");
        if !intends || words.get(i + 1) != Some(&"to") {
            continue;
        }
        let mut j = i + 2;
        if words.get(j).is_some_and(|v| ["be", "have"].contains(v)) {
            j += 1;
        }
        if let Some(v) = words.get(j) {
            acts.push(stem(&v.to_lowercase()));
        }
    }
    acts
}

/// Whether two figures are the same: value, upper bound, hedge and what they measure.
fn same_figure(a: &Quantity, b: &Quantity) -> bool {
    let close = |x: f64, y: f64| (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0);
    close(a.value, b.value)
        && match (a.upper, b.upper) {
            (None, None) => true,
            (Some(x), Some(y)) => close(x, y),
            _ => false,
        }
        && a.qualifier == b.qualifier
        && match (&a.unit, &b.unit) {
            (Some(x), Some(y)) => x.dimension == y.dimension,
            _ => true,
        }
}

/// What a candidate claims, as another article's sentence must say it to support it.
struct Claim<'a> {
    stems: &'a Stems,
    /// Its own words: the article's, without the dates the brief adds in brackets.
    words: FxHashSet<String>,
    /// The stems of its words outside the entity names it gives, each with its rarity.
    predicate: Vec<(String, f32)>,
    /// Whether it says "not".
    negated: bool,
    /// Whether it tells what is expected or intended: a sentence telling it as done does not
    /// say the same ("intends to sign" is not "signed"; "will" or "could" in the other is
    /// enough, "will see" says "is set to receive"). Where it tells a thing as done, a sentence
    /// saying that thing is only intended ("intends to sign" for "signed") does not say it
    /// either; one expecting something else may ("..., a policy the state expects to affect
    /// millions").
    foreseen: bool,
    figures: Vec<&'a Quantity>,
    dates: Vec<(NaiveDate, NaiveDate)>,
    entities: Vec<usize>,
}

impl<'a> Claim<'a> {
    fn of(c: &'a Candidate, finder: &NameFinder) -> Claim<'a> {
        let s = c.sentence;
        let in_time = |q: &Quantity| {
            s.times
                .iter()
                .any(|t| t.start <= q.start && q.end <= t.end && t.kind != Kind::Duration)
        };
        let mut entities: Vec<usize> = s
            .names(finder)
            .iter()
            .filter(|m| m.start >= c.from)
            .map(|m| m.entity)
            .collect();
        entities.sort_unstable();
        entities.dedup();
        // the words outside the story's names: what the sentence says of them
        let mut outside = s.text[c.from..].to_string();
        for m in s.names(finder).iter().filter(|m| m.start >= c.from) {
            let (a, b) = (m.start - c.from, m.end - c.from);
            outside.replace_range(a..b, &" ".repeat(b - a));
        }
        let outside_words = content_words(&outside);
        Claim {
            negated: negates(&s.text[c.from..]),
            foreseen: foresees(&s.text[c.from..], false),
            stems: &c.stems,
            predicate: outside_words
                .iter()
                .map(|w| stem(w))
                .collect::<FxHashSet<String>>()
                .into_iter()
                .map(|w| {
                    let rarity = stem_rarity(&w);
                    (w, rarity)
                })
                .collect(),
            words: content_words(&s.text[c.from..]),
            figures: s
                .quantities
                .iter()
                .filter(|q| q.start >= c.from && !q.conversion && !in_time(q))
                .collect(),
            dates: s
                .times
                .iter()
                .filter(|t| gives_date(s, t, c.from))
                .filter_map(period)
                .collect(),
            entities,
        }
    }

    /// How much of the claim's wording `t` holds, when `t` makes the same claim (see the
    /// module comment).
    fn supported_by(&self, t: &Sentence, finder: &NameFinder) -> Option<f32> {
        let need = ((self.stems.len() as f32 * SUPPORT).ceil() as usize).max(3);
        if t.stems().intersection(self.stems).count() < need {
            return None;
        }
        let words = content_words(t.text);
        let held = self.words.iter().filter(|w| words.contains(*w)).count();
        let share = held as f32 / self.words.len().max(1) as f32;
        if share < WORDING {
            return None;
        }
        let stems: FxHashSet<String> = words.iter().map(|w| stem(w)).collect();
        let total: f32 = self.predicate.iter().map(|(_, r)| r).sum();
        let held: f32 = self
            .predicate
            .iter()
            .filter(|(w, _)| stems.contains(w))
            .map(|(_, r)| r)
            .sum();
        let short = self.predicate.len() <= SHORT_PREDICATE;
        if held < PREDICATE * total
            || (short && held < total)
            || negates(t.text) != self.negated
            || self.foreseen && !foresees(t.text, true)
            || !self.foreseen && intended_acts(t.text).iter().any(|v| self.stems.contains(v))
        {
            return None;
        }
        if !self
            .figures
            .iter()
            .all(|q| t.quantities.iter().any(|r| same_figure(q, r)))
        {
            return None;
        }
        let periods: Vec<(NaiveDate, NaiveDate)> = t.times.iter().filter_map(period).collect();
        if !self
            .dates
            .iter()
            .all(|&(s, e)| periods.iter().any(|&(ts, te)| s <= ts && te <= e))
        {
            return None;
        }
        let named = t.names(finder);
        self.entities
            .iter()
            .all(|e| named.iter().any(|m| m.entity == *e))
            .then_some(share)
    }
}

/// The odd reports of the story's conflicts: the slips the facts flag.
fn slips(facts: &[Fact]) -> Vec<&FactReport> {
    facts
        .iter()
        .filter(|f| f.relation == Relation::Conflict)
        .flat_map(|f| {
            f.reports
                .iter()
                .filter(|r| r.odd && !r.text.trim().is_empty())
        })
        .collect()
}

/// Where `inner`, a slice of `outer`, begins in it.
fn offset_in(outer: &str, inner: &str) -> Option<usize> {
    let at = (inner.as_ptr() as usize).checked_sub(outer.as_ptr() as usize)?;
    (at + inner.len() <= outer.len()).then_some(at)
}

/// The evidence of sentence `s` of article `a`.
fn evidence(a: &Article, s: &Sentence) -> Option<Evidence> {
    let text = s.text.trim();
    let start = offset_in(&a.text, text)?;
    Some(Evidence::of(&a.id, &a.text, start, start + text.len()))
}

/// The brief of a story: `articles` its members, `sentences` each member's sentences, `facts`
/// its facts, `groups` each member's independent-source group (see
/// [`crate::copies::independent_groups`]) and `finder` the story's entity names.
pub fn story_brief(
    articles: &[&Article],
    sentences: &[Vec<Sentence>],
    facts: &[Fact],
    groups: &[usize],
    finder: &NameFinder,
) -> Vec<BriefSentence> {
    let mut brief = extract(articles, sentences, facts, groups, finder, MAX_SENTENCES);
    brief.extend(
        conflicts(articles, sentences, facts)
            .into_iter()
            .take(MAX_CONFLICTS),
    );
    brief
}

/// The `n` best extracted sentences in the order of choice (the most central first).
pub fn extract(
    articles: &[&Article],
    sentences: &[Vec<Sentence>],
    facts: &[Fact],
    groups: &[usize],
    finder: &NameFinder,
    n: usize,
) -> Vec<BriefSentence> {
    let all: Vec<Vec<&Stems>> = sentences
        .iter()
        .map(|ss| ss.iter().map(|s| s.stems()).collect())
        .collect();
    // The centroid: each stem weighs the share of independent sources using it.
    let sources: HashSet<usize> = groups.iter().copied().collect();
    let mut users: FxHashMap<&str, FxHashSet<usize>> = FxHashMap::default();
    for (a, stems) in all.iter().enumerate() {
        for t in stems.iter().flat_map(|s| s.iter()) {
            users.entry(t.as_str()).or_default().insert(groups[a]);
        }
    }
    let weight = |t: &str| users.get(t).map_or(0.0, |u| u.len() as f32) / sources.len() as f32;
    let slips = slips(facts);
    // Every sentence scored first, best first (a stable sort: ties keep the text's order); the
    // tests of what a sentence would show then run down that order until the shortlist is full.
    let mut scored: Vec<(usize, usize, f32)> = Vec::new();
    for (a, ss) in all.iter().enumerate() {
        for (k, stems) in ss.iter().enumerate() {
            if stems.len() < 4 {
                continue;
            }
            let centrality: f32 =
                stems.iter().map(|t| weight(t)).sum::<f32>() / (stems.len() as f32).sqrt();
            let lead = 1.0 + 1.0 / (1.0 + k as f32);
            scored.push((a, k, centrality * lead));
        }
    }
    scored.sort_by(|x, y| y.2.total_cmp(&x.2));
    let mut candidates: Vec<Candidate> = Vec::new();
    for (a, k, score) in scored {
        if candidates.len() == SHORTLIST {
            break;
        }
        let s = &sentences[a][k];
        let Some((text, from)) = shown(s) else {
            continue;
        };
        if !readable(&text)
            || opens_inside_quote(s)
            || slips
                .iter()
                .any(|r| r.article == articles[a].id && s.text.contains(r.text.trim()))
        {
            continue;
        }
        candidates.push(Candidate {
            article: a,
            sentence: s,
            text,
            from,
            stems: (*all[a][k]).clone(),
            score,
            cites: vec![(a, s)],
        });
    }
    for c in &mut candidates {
        c.cites = supporters(c, sentences, finder);
        let independent: HashSet<usize> = c.cites.iter().map(|&(a, _)| groups[a]).collect();
        c.score *= 1.0 + (independent.len() as f32).ln();
    }
    let top = candidates.iter().map(|c| c.score).fold(0.0f32, f32::max);
    let mut chosen: Vec<usize> = Vec::new();
    // each candidate's greatest overlap with a chosen sentence, brought up to date as each is
    // chosen (not recomputed against all chosen in every round)
    let mut overlaps = vec![0.0f32; candidates.len()];
    while chosen.len() < n {
        if let Some(&last) = chosen.last() {
            for (i, c) in candidates.iter().enumerate() {
                if !chosen.contains(&i) {
                    overlaps[i] = overlaps[i].max(dice(&c.stems, &candidates[last].stems));
                }
            }
        }
        let mut best: Option<(usize, f32)> = None;
        for (i, c) in candidates.iter().enumerate() {
            if chosen.contains(&i) {
                continue;
            }
            let overlap = overlaps[i];
            if overlap >= REDUNDANT {
                continue;
            }
            let value = c.score / top - DIVERSITY * overlap;
            if best.is_none_or(|(_, b)| value > b) {
                best = Some((i, value));
            }
        }
        match best {
            Some((i, _)) => chosen.push(i),
            None => break,
        }
    }
    chosen
        .into_iter()
        .map(|i| {
            let c = &candidates[i];
            BriefSentence {
                text: c.text.clone(),
                articles: c
                    .cites
                    .iter()
                    .map(|&(a, _)| articles[a].id.clone())
                    .collect(),
                evidence: c
                    .cites
                    .iter()
                    .filter_map(|&(a, s)| evidence(articles[a], s))
                    .collect(),
            }
        })
        .collect()
}

/// The articles that say the candidate, each with its sentence that says it best (its own
/// article and sentence first).
fn supporters<'a>(
    c: &Candidate<'a>,
    sentences: &'a [Vec<Sentence<'a>>],
    finder: &NameFinder,
) -> Vec<(usize, &'a Sentence<'a>)> {
    let claim = Claim::of(c, finder);
    let mut out = vec![(c.article, c.sentence)];
    for (a, ss) in sentences.iter().enumerate() {
        if a == c.article {
            continue;
        }
        let best = ss
            .iter()
            .filter_map(|t| claim.supported_by(t, finder).map(|share| (share, t)))
            .fold(
                None,
                |best: Option<(f32, &Sentence)>, (share, t)| match best {
                    Some((b, _)) if b >= share => best,
                    _ => Some((share, t)),
                },
            );
        if let Some((_, t)) = best {
            out.push((a, t));
        }
    }
    out
}

/// One sentence per conflict, in words an editor can print: what is disputed, then each side's
/// value and who gives it ("Outlets disagree on how many people were hurt: 12 (2 articles)
/// against 9 (Daily News)."), the side more articles give first, citing every article with
/// the sentence it says it in.
fn conflicts(
    articles: &[&Article],
    sentences: &[Vec<Sentence>],
    facts: &[Fact],
) -> Vec<BriefSentence> {
    let name = |id: &str| -> String {
        articles
            .iter()
            .find(|a| a.id == id)
            .map(|a| {
                a.outlet
                    .clone()
                    .unwrap_or_else(|| format!("\u{2018}{}\u{2019}", a.label()))
            })
            .unwrap_or_else(|| id.to_string())
    };
    let said = |r: &FactReport| r.value.clone().unwrap_or_else(|| r.text.clone());
    // who gives a side: its outlet when one article does, else how many articles
    let by = |side: &[&FactReport]| -> String {
        let mut ids: Vec<&str> = side.iter().map(|r| r.article.as_str()).collect();
        ids.dedup();
        let distinct: HashSet<&str> = ids.iter().copied().collect();
        if distinct.len() == 1 {
            name(ids[0])
        } else {
            format!("{} articles", distinct.len())
        }
    };
    let mut out = Vec::new();
    for f in facts.iter().filter(|f| f.relation == Relation::Conflict) {
        let (odd, rest): (Vec<&FactReport>, Vec<&FactReport>) =
            f.reports.iter().partition(|r| r.odd);
        // without an odd side (one article on each), the first report's article is one side
        let (main, other) = if odd.is_empty() {
            let Some(first) = f.reports.first() else {
                continue;
            };
            f.reports.iter().partition(|r| r.article == first.article)
        } else {
            (rest, odd)
        };
        let (Some(m), Some(o)) = (main.first(), other.first()) else {
            continue;
        };
        let text = format!(
            "Outlets disagree on {}: {} ({}) against {} ({}).",
            f.about,
            said(m),
            by(&main),
            said(o),
            by(&other),
        );
        let mut cited: Vec<String> = Vec::new();
        let mut evidence: Vec<Evidence> = Vec::new();
        for rep in main.iter().chain(&other) {
            if cited.contains(&rep.article) {
                continue;
            }
            cited.push(rep.article.clone());
            // the report's own sentence where the facts located it, else found in the article
            if let (Some(start), Some(end)) = (rep.start, rep.end) {
                evidence.push(Evidence {
                    article: rep.article.clone(),
                    start,
                    end,
                    sentence: rep.sentence.clone(),
                });
            } else if let Some(e) = report_evidence(articles, sentences, &f.reports, &rep.article) {
                evidence.push(e);
            }
        }
        out.push(BriefSentence {
            text,
            articles: cited,
            evidence,
        });
    }
    out
}

/// The sentence of the first report of article `id`: its own `sentence` where the article's
/// text holds it, else the article's first sentence holding the report's words.
fn report_evidence(
    articles: &[&Article],
    sentences: &[Vec<Sentence>],
    reports: &[FactReport],
    id: &str,
) -> Option<Evidence> {
    let k = articles.iter().position(|a| a.id == id)?;
    let a = articles[k];
    reports.iter().filter(|r| r.article == id).find_map(|r| {
        let sentence = r.sentence.trim();
        if let Some(start) = (!sentence.is_empty())
            .then(|| a.text.find(sentence))
            .flatten()
        {
            return Some(Evidence::of(id, &a.text, start, start + sentence.len()));
        }
        let said = r.text.trim();
        let s = sentences
            .get(k)?
            .iter()
            .find(|s| !said.is_empty() && s.text.contains(said))?;
        evidence(a, s)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reading::read;

    #[test]
    fn the_literal_hints_rule_out_no_relative_word() {
        let texts = [
            "The port reopened on Monday after storms last week.",
            "YESTERDAY the vote failed; tonight the mayor speaks.",
            "Two years ago the plant closed, and this wee\u{212A}end it opens again.",
            "The ministry said it would act \u{201c}in the coming months\u{201d} at the latest.",
            "Officials gave no date for the talks.",
            "",
        ];
        for text in texts {
            let hinted: Vec<(usize, usize)> =
                relative_words(text).map(|m| (m.start(), m.end())).collect();
            let all: Vec<(usize, usize)> = RELATIVE_WORDS
                .find_iter(text)
                .map(|m| (m.start(), m.end()))
                .collect();
            assert_eq!(hinted, all, "{text}");
        }
        assert!(relative_words("Officials gave no date for the talks.")
            .next()
            .is_none());
        assert_eq!(
            relative_words(
                "Two years ago the plant closed, and this wee\u{212A}end it opens again."
            )
            .count(),
            2
        );
    }

    fn art(id: &str, outlet: &str, published: Option<&str>, text: &str) -> Article {
        Article {
            id: id.into(),
            outlet: Some(outlet.into()),
            published: published.map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap()),
            text: text.into(),
            ..Default::default()
        }
    }

    /// The extracted brief of `arts` (each its own source), with `facts`, no entities known.
    fn brief_of(arts: &[&Article], facts: &[Fact], n: usize) -> Vec<BriefSentence> {
        let read: Vec<_> = arts.iter().map(|x| read(x)).collect();
        let groups: Vec<usize> = (0..arts.len()).collect();
        extract(arts, &read, facts, &groups, &NameFinder::new(&[], 1), n)
    }

    fn cited<'b>(brief: &'b [BriefSentence], words: &str) -> &'b BriefSentence {
        brief
            .iter()
            .find(|b| b.text.contains(words))
            .unwrap_or_else(|| panic!("no brief sentence with {words:?}: {brief:#?}"))
    }

    const TUESDAY: Option<&str> = Some("2024-03-05");

    #[test]
    fn brief_cites_every_supporting_article_with_its_sentence_and_never_repeats() {
        let a = art("a", "Wire", TUESDAY, "Finance ministers of the Eurozone agreed a bailout for Greece worth 10 billion euros in Brussels on Monday.\n\nThe deal ends months of talks between Athens and its creditors over pension cuts.\n\nShares in Greek banks rose sharply after the announcement in early trading.");
        let b = art("b", "Daily", TUESDAY, "Eurozone finance ministers agreed a Greece bailout worth 10 billion euros at a meeting in Brussels on Monday.\n\nGreek Prime Minister Alexis Tsipras called the agreement a fresh start for the country's economy.");
        let c = art("c", "Courier", TUESDAY, "Talks ran late.\n\nA bailout for Greece worth 10 billion euros was agreed by Eurozone finance ministers in Brussels on Monday.\n\nThe money will be paid in three instalments over the next year, officials said.");
        let brief = brief_of(&[&a, &b, &c], &[], 3);
        assert_eq!(brief.len(), 3);
        // The sentence all three report comes first, cites all three, dates its Monday.
        assert!(brief[0].text.contains("10 billion euros"), "{brief:?}");
        assert!(brief[0].text.contains("Monday [4 March 2024]"), "{brief:?}");
        assert_eq!(brief[0].articles.len(), 3, "{brief:?}");
        // Each cited article's evidence is its sentence, at its character offsets.
        assert_eq!(brief[0].evidence.len(), 3);
        for (e, x) in brief[0].evidence.iter().zip([&a, &b, &c]) {
            assert_eq!(
                e.article,
                brief[0].articles[brief[0].evidence.iter().position(|f| f == e).unwrap()]
            );
            let chars: String = x.text.chars().skip(e.start).take(e.end - e.start).collect();
            if e.article == x.id {
                assert_eq!(chars, e.sentence);
            }
        }
        let of_c = brief[0].evidence.iter().find(|e| e.article == "c").unwrap();
        assert!(
            of_c.sentence.starts_with("A bailout for Greece"),
            "{of_c:?}"
        );
        assert_eq!(of_c.start, "Talks ran late.\n\n".chars().count());
        // The other two bailout sentences are not repeated.
        assert_eq!(
            brief
                .iter()
                .filter(|s| s.text.contains("10 billion"))
                .count(),
            1
        );
    }

    #[test]
    fn an_article_on_the_same_subject_saying_something_else_is_not_cited() {
        let a = art(
            "a",
            "Wire",
            TUESDAY,
            "The city council approved the new budget for public transport after a long debate.",
        );
        let b = art("b", "Daily", TUESDAY, "The city council will vote on the budget for public transport next month, its chair said.");
        // the same words, but "not"
        let c = art("c", "Courier", TUESDAY, "The city council has not approved the new budget for public transport after a long debate.");
        let brief = brief_of(&[&a, &b, &c], &[], 3);
        let s = cited(&brief, "council approved");
        assert_eq!(s.articles, ["a"], "{s:?}");
        assert_eq!(s.evidence.len(), 1);
    }

    #[test]
    fn what_is_intended_is_not_what_was_done() {
        let a = art("a", "Wire", TUESDAY, "Governor Ann Lee intends to sign an order that bars the city schools from requiring uniforms.");
        let b = art("b", "Daily", TUESDAY, "Governor Ann Lee signed an order that bars the city schools from requiring uniforms, her office said.");
        let c = art("c", "Courier", TUESDAY, "Governor Ann Lee is expected to sign an order that bars the city schools from requiring uniforms.");
        let brief = brief_of(&[&a, &c, &b], &[], 2);
        let foreseen = cited(&brief, "intends to sign an order");
        assert_eq!(foreseen.articles, ["a", "c"], "{brief:?}");
        assert!(!foresees("The board approved the plan in May.", true));
        assert!(foresees("The board is set to approve it.", false));
        assert!(foresees("The board may approve it.", true));
        assert!(!foresees("The board will approve it.", false));
        assert_eq!(
            intended_acts("The plan is expected to be approved, and she intends to sign it."),
            ["approv", "sign"]
        );
        // what was done is not said by what is intended
        let brief = brief_of(&[&b, &a], &[], 2);
        let done = cited(&brief, "signed an order");
        assert_eq!(done.articles, ["b"], "{brief:?}");
    }

    #[test]
    fn the_date_the_brief_adds_neither_makes_nor_breaks_support() {
        let dated = Some("2024-03-07");
        let a = art("a", "Wire", dated, "The harbour board approved the new ferry timetable on Tuesday after a long public consultation.");
        let b = art("b", "Daily", dated, "On Tuesday the harbour board approved the ferry timetable, ending months of public talks over fares.");
        let brief = brief_of(&[&a, &b], &[], 1);
        assert!(brief[0].text.contains("[5 March 2024]"), "{brief:?}");
        assert_eq!(brief[0].articles.len(), 2, "{brief:?}");
    }

    #[test]
    fn an_article_giving_another_figure_is_not_cited() {
        let a = art("a", "Wire", TUESDAY, "Rebel forces fired 138 rockets at the northern port city during the night, the army said.");
        let b = art("b", "Daily", TUESDAY, "Rebel forces fired 111 rockets at the northern port city during the night, the army said.");
        let c = art("c", "Courier", TUESDAY, "The army said rebel forces fired 138 rockets at the northern port city during the night.");
        let brief = brief_of(&[&a, &b, &c], &[], 1);
        assert!(brief[0].text.contains("138"), "{brief:?}");
        assert!(!brief[0].articles.contains(&"b".to_string()), "{brief:?}");
        assert!(brief[0].articles.contains(&"c".to_string()), "{brief:?}");
        // "about 138" is not "138" either
        let d = art("d", "Post", TUESDAY, "Rebel forces fired about 138 rockets at the northern port city during the night, the army said.");
        let brief = brief_of(&[&a, &d], &[], 1);
        assert_eq!(brief[0].articles.len(), 1, "{brief:?}");
    }

    #[test]
    fn a_dateline_is_cut_from_the_brief_but_kept_in_the_evidence() {
        let a = art("a", "Wire", TUESDAY, "PARIS (AP) — The French parliament adopted the disputed pension reform after a long night of debate in the lower house.");
        let brief = brief_of(&[&a], &[], 1);
        assert!(
            brief[0].text.starts_with("The French parliament"),
            "{brief:?}"
        );
        assert!(brief[0].evidence[0].sentence.starts_with("PARIS (AP)"));
        for (text, cut) in [
            (
                "BERLIN: Germany's spy chief warned of sabotage.",
                "Germany's",
            ),
            ("WASHINGTON (AP) — The Senate voted.", "The Senate"),
            ("KYIV, Ukraine (AP) — Drones hit the city.", "Drones"),
            ("NEW YORK, June 3 (Reuters) - Stocks fell.", "Stocks"),
            ("(CNN) — A storm hit the coast.", "A storm"),
            ("MOSCOW Russian troops advanced.", "Russian"),
        ] {
            assert_eq!(
                &text[dateline_len(text)..],
                &text[text.find(cut).unwrap()..]
            );
        }
        for text in [
            "U.S. - China talks resumed in Geneva.",
            "NATO allies met in Brussels.",
            "Biden — who spoke first — said little.",
            "Mayor Ann Lee: a profile of the city's leader.",
            "NATO Secretary General Mark Rutte spoke.",
        ] {
            assert_eq!(dateline_len(text), 0, "{text}");
        }
    }

    #[test]
    fn relative_dates_are_resolved_in_brackets_or_left_out() {
        let dated = art("a", "Wire", Some("2024-03-07"), "The mayor opened the new bridge over the river on Tuesday after three years of construction work.\n\nTraffic on the old bridge fell by half last week, the transport office said in its report.");
        let brief = brief_of(&[&dated], &[], 2);
        cited(&brief, "on Tuesday [5 March 2024] after");
        cited(&brief, "last week [the week of 26 February 2024], the");
        // undated: no date to give, so the relative dates are left out of what is shown
        let undated = art("b", "Wire", None, dated.text.as_str());
        let brief = brief_of(&[&undated], &[], 2);
        let river = cited(&brief, "over the river after three years");
        assert!(river.evidence[0]
            .sentence
            .contains("river on Tuesday after"));
        cited(&brief, "fell by half, the transport office");
        let opening = art(
            "b",
            "Wire",
            None,
            "On Tuesday, the mayor opened the new bridge over the river after three years of work.",
        );
        cited(&brief_of(&[&opening], &[], 1), "The mayor opened");
        // a name is no date
        let name = art("b", "Wire", None, "The president told the India Today channel that the talks with the envoys were useful.");
        cited(&brief_of(&[&name], &[], 1), "India Today channel");
        // where leaving it out would break the sentence or tell the future as the present, the
        // sentence is not shown
        let future = art(
            "b",
            "Wire",
            None,
            "The country holds five regional elections next year, including two in the east.",
        );
        assert!(brief_of(&[&future], &[], 1).is_empty());
        let broken = art("b", "Wire", None, "The old bridge over the river has been closed to all traffic since Monday for urgent repairs.");
        assert!(brief_of(&[&broken], &[], 1).is_empty());
        // an approximate date is not printed as a year
        let hedged = art("c", "Wire", Some("2024-03-07"), "The company was founded in a garage in the northern suburbs nearly four years ago by two brothers.");
        assert!(brief_of(&[&hedged], &[], 1).is_empty());
        // "a month earlier" counts from another happening: left as it is
        let narrative = art("d", "Wire", Some("2024-03-07"), "The unemployment rate rose to 6.1% in February, up from 6% a month earlier, the statistics office said.");
        let brief = brief_of(&[&narrative], &[], 1);
        assert!(brief[0].text.contains("a month earlier, the"), "{brief:?}");
    }

    #[test]
    fn a_sentence_holding_a_flagged_slip_is_not_repeated() {
        use dossier_model::FactReport;
        let a = art("a", "Wire", TUESDAY, "The council praised former Mayor Ann Lee for the new river bridge opened in the city centre.\n\nThe bridge cost the city more than it planned, officials said in a statement.");
        let report = |text: &str, odd| FactReport {
            article: "a".into(),
            text: text.into(),
            value: None,
            sentence: String::new(),
            start: None,
            end: None,
            odd,
        };
        let facts = [Fact {
            about: "Ann Lee's office (mayor)".into(),
            reports: vec![
                report("former Mayor Ann Lee", true),
                report("Mayor Ann Lee", false),
            ],
            relation: Relation::Conflict,
            sources: 2,
        }];
        let brief = brief_of(&[&a], &facts, 2);
        assert!(
            brief.iter().all(|b| !b.text.contains("former Mayor")),
            "{brief:?}"
        );
        assert!(!brief.is_empty());
    }

    #[test]
    fn a_sentence_cut_off_or_inside_a_quotation_is_not_a_candidate() {
        let a = art("a", "Wire", TUESDAY, "\u{201c}We will rebuild the harbour wall before the winter storms arrive. Every family on the coast deserves that promise,\u{201d} the governor told reporters.\n\nThe governor announced new funds for the harbour wall and for the families living along the...");
        let brief = brief_of(&[&a], &[], 3);
        assert!(
            brief.iter().all(|b| !b.text.starts_with("Every family")),
            "{brief:?}"
        );
        assert!(brief.iter().all(|b| !b.text.ends_with("...")), "{brief:?}");
    }

    #[test]
    fn conflicts_are_named_with_both_sides_cited_with_their_sentences() {
        use dossier_model::FactReport;
        let a = art(
            "a",
            "Wire",
            None,
            "The council praised former US President Donald Trump on Monday.",
        );
        let b = art(
            "b",
            "Daily",
            None,
            "Intro.\n\nUS President Donald Trump spoke.",
        );
        let report = |id: &str, text: &str, odd| FactReport {
            article: id.into(),
            text: text.into(),
            value: None,
            sentence: String::new(),
            start: None,
            end: None,
            odd,
        };
        let f = Fact {
            about: "Donald Trump's office (president)".into(),
            reports: vec![
                report("a", "former US President Donald Trump", true),
                report("b", "US President Donald Trump", false),
            ],
            relation: Relation::Conflict,
            sources: 2,
        };
        let read = [read(&a), read(&b)];
        let out = conflicts(&[&a, &b], &read, &[f]);
        assert_eq!(out.len(), 1);
        assert!(out[0].text.contains("(Wire)"), "{}", out[0].text);
        assert_eq!(out[0].articles, ["b", "a"]);
        assert_eq!(out[0].evidence.len(), 2);
        assert_eq!(
            out[0].evidence[0].sentence,
            "US President Donald Trump spoke."
        );
        assert_eq!(out[0].evidence[0].start, 8);
    }
    #[test]
    fn conflicts_are_named_with_both_sides_cited() {
        let a = art("a", "Wire", None, "x");
        let b = art("b", "Daily", None, "x");
        let c = art("c", "Post", None, "x");
        let report = |id: &str, value: &str, odd| FactReport {
            article: id.into(),
            text: value.into(),
            value: Some(value.into()),
            sentence: format!("The storm hurt {value} people."),
            start: Some(0),
            end: Some(26),
            odd,
        };
        let f = Fact {
            about: "how many people were hurt".into(),
            reports: vec![
                report("a", "12", false),
                report("b", "9", true),
                report("c", "12", false),
            ],
            relation: Relation::Conflict,
            sources: 3,
        };
        let out = conflicts(&[&a, &b, &c], &[read(&a), read(&b), read(&c)], &[f]);
        assert_eq!(out.len(), 1);
        assert_eq!(
            out[0].text,
            "Outlets disagree on how many people were hurt: 12 (2 articles) against 9 (Daily)."
        );
        assert_eq!(out[0].articles, ["a", "c", "b"]);
        assert_eq!(out[0].evidence.len(), 3);
        assert_eq!(out[0].evidence[2].sentence, "The storm hurt 9 people.");
    }

    #[test]
    fn a_conflict_without_an_odd_side_names_both_outlets() {
        let a = art("a", "Wire", None, "x");
        let b = art("b", "Daily", None, "x");
        let report = |id: &str, value: &str| FactReport {
            article: id.into(),
            text: value.into(),
            value: Some(value.into()),
            sentence: String::new(),
            start: None,
            end: None,
            odd: false,
        };
        let f = Fact {
            about: "how long the talks lasted".into(),
            reports: vec![report("a", "6 hours"), report("b", "7 hours")],
            relation: Relation::Conflict,
            sources: 2,
        };
        let out = conflicts(&[&a, &b], &[read(&a), read(&b)], &[f]);
        assert_eq!(
            out[0].text,
            "Outlets disagree on how long the talks lasted: 6 hours (Wire) against 7 hours (Daily)."
        );
    }
}
