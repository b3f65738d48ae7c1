//! A figure read in its sentence: what it measures (its unit, the noun it counts), what it
//! stands for in its clause (an actual value, a forecast, a goal, the value before a change, the
//! size of a change, a part, a total), the time frame and places named beside it, who is named
//! before it, the verb that tells what happened, and what it is about in words a reader can
//! print. The facts are grouped from these readings (see the parent module).

use crate::names::NameMatch;
use crate::terms::{content_stems, stem, Stems};
use chrono::{Months, NaiveDate};
use dossier_figures::{written, Dimension, Quantity};
use dossier_model::{Entity, EntityKind};
use dossier_time::{Kind, Precision, TimeExpression};
use once_cell::sync::Lazy;
use regex::Regex;
use std::collections::HashSet;
use std::rc::Rc;

/// How many words either side of a figure are read for what it stands for.
pub(super) const NEAR_WORDS: usize = 6;

/// What a figure measures.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum Measure {
    /// A unit's name: "dollar", "percentage", "hour".
    Unit(&'static str),
    /// The stem of the counted noun: "member" of "12 crew members".
    Count(String),
    /// A vote's ayes and noes: "61-38".
    Tally,
}

/// What a figure stands for in its clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Actual,
    /// A forecast, estimate or projection: "the 150,000 expected by economists".
    Expected,
    /// A goal, target, pledge or request: "aiming for 80%", "wants $12 billion".
    Intended,
    /// The value before a change: "from 4.1%", "212,400 a week earlier".
    Previous,
    /// The size of a change: "fell 12,000 to 201,000", "rose by 3%".
    Delta,
    /// A part of a larger count or sum: "two fellow climbers", "$4 billion in extra aid".
    Part,
    /// A total: "in total", "overall".
    Total,
}

/// The period a figure's clause names ("in July", "last month"), or the words of one no date
/// resolved ("XXXX-WXX-2": a Tuesday).
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Frame {
    Period(NaiveDate, NaiveDate),
    Unresolved(String),
}

impl Frame {
    pub(super) fn overlaps(&self, other: &Frame) -> bool {
        match (self, other) {
            (Frame::Period(a, b), Frame::Period(c, d)) => a < d && c < b,
            (Frame::Unresolved(a), Frame::Unresolved(b)) => a == b,
            _ => true,
        }
    }
}

/// A figure: a quantity, or a vote's tally.
#[derive(Debug, Clone)]
pub(super) enum Figure {
    Quantity(Quantity),
    Tally(u32, u32),
}

/// One figure as one article reports it.
pub(super) struct Report<'a> {
    pub(super) article: usize,
    pub(super) sentence: &'a str,
    /// The sentence's byte span in the article's text; `None` for the title.
    pub(super) span: Option<(usize, usize)>,
    /// The figure as written.
    pub(super) text: String,
    pub(super) figure: Figure,
    /// How far the exact value may be from the written one (rounding).
    pub(super) slack: f64,
    pub(super) measure: Measure,
    /// What is counted or measured, as written: "crew members", "relief bill".
    pub(super) noun: Option<Noun>,
    /// The stem of the noun's last word.
    pub(super) noun_head: Option<String>,
    /// Stems of the noun's other words and of an "of" phrase after it: "crew" of "12 crew
    /// members", "household" of "members of one household".
    pub(super) modifiers: Stems,
    /// The stems of an "of" phrase after a counted noun ("one household"); empty when none.
    pub(super) complement: Stems,
    pub(super) role: Role,
    pub(super) frame: Option<Frame>,
    /// Places named in the figure's window.
    pub(super) places: Vec<usize>,
    /// People and organisations named before the figure in its window.
    pub(super) actors: Vec<usize>,
    /// Entities named in the sentence.
    pub(super) entities: Rc<HashSet<usize>>,
    /// Content stems of the sentence.
    pub(super) words: Rc<Stems>,
    /// The figure's words in its sentence.
    pub(super) window: Window,
    /// What happened, as written beside the figure: "killed", "waited", "added".
    pub(super) verb: Option<Verb>,
    /// The last day the article named at or before this sentence (nearby).
    pub(super) day: Option<NaiveDate>,
    /// A word of change beside the figure ("revised", "condensed to", "rose").
    pub(super) change: bool,
    /// No other figure of the same measure in the sentence.
    pub(super) alone: bool,
    /// What the figure measures, in words a reader can print.
    pub(super) about: Option<String>,
}

impl Report<'_> {
    /// Content stems of the figure's window, its noun and units left out: what happened
    /// ("waited", "vote"). Made when a conflict is weighed, which is rare.
    pub(super) fn context(&self) -> Stems {
        let w = &self.window;
        let noun: Stems = self
            .noun
            .as_ref()
            .map(|n| content_stems(&n.text, |_| false))
            .unwrap_or_default();
        let mut context = content_stems(&self.sentence[w.prefix.0..w.prefix.1], |_| false);
        context.extend(content_stems(&self.sentence[w.own.0..w.own.1], |_| false));
        context.retain(|s| !noun.contains(s) && !UNIT_STEMS.contains(&s.as_str()));
        context
    }
}

/// A verb beside a figure and how it stands to the counted noun.
#[derive(Debug, Clone)]
pub(super) struct Verb {
    pub(super) word: String,
    /// "13 people died": the noun does it (else it is done to the noun: "killed 13 people",
    /// "13 people were killed").
    pub(super) intransitive: bool,
    /// The person named before the verb, who did it ("Lopez ... waited").
    pub(super) subject: Option<usize>,
}

/// Whether a figure could be part of a date: a day of the month, a year, a number of days.
pub(super) fn could_be_date(q: &Quantity) -> bool {
    let whole = q.value.fract() == 0.0;
    match q.unit {
        None => whole && ((1.0..=31.0).contains(&q.value) || (1000.0..=2100.0).contains(&q.value)),
        Some(u) => u.dimension == Dimension::Duration,
    }
}

/// Where a sentence stands: its article, text, span and dates.
pub(super) struct Place<'a, 't> {
    pub(super) article: usize,
    pub(super) text: &'a str,
    pub(super) span: Option<(usize, usize)>,
    pub(super) times: &'t [TimeExpression],
    pub(super) day: Option<NaiveDate>,
}

/// A vote's tally: "voted 52-47", "the 214-to-203 vote", "by a vote of 221 to 201".
pub(super) static TALLY: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?-u:\b)([0-9]{1,3})(?:-to-| to |-|–)([0-9]{1,3})(?-u:\b)")
        .expect("a valid pattern")
});

/// Words that make a pair of numbers a vote's tally when they stand just before it.
pub(super) static TALLY_BEFORE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)(?:(?-u:\b)vot(?:e|es|ed|ing)|(?-u:\b)pass(?:ed|es)?|(?-u:\b)approved?|(?-u:\b)confirmed?|(?-u:\b)rejected?|(?-u:\b)defeated?|(?-u:\b)adopted?|(?-u:\b)margin of|(?-u:\b)tally of|(?-u:\b)split|(?-u:\b)vote (?:was|of))[^[:alnum:]_]+(?:[[:alnum:]_]+[^[:alnum:]_]+){0,5}$")
        .expect("a valid pattern")
});

/// Words that make it one when they follow it.
pub(super) static TALLY_AFTER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^[^[:alnum:]_]*(?:[[:alnum:]_-]+[[:space:]]+)?(?:vote|votes|margin|tally|decision|ruling)(?-u:\b)")
        .expect("a valid pattern")
});

/// A vote's tallies in `text`: where each stands, and its two numbers.
pub(super) fn tallies(text: &str) -> Vec<(usize, usize, u32, u32)> {
    let mut out = Vec::new();
    if !may_hold_tally(text) {
        return out;
    }
    for c in TALLY.captures_iter(text) {
        let m = c.get(0).expect("the whole match");
        let (Ok(a), Ok(b)) = (c[1].parse::<u32>(), c[2].parse::<u32>()) else {
            continue;
        };
        let after = &text[m.end()..];
        // "10-15%", "20-30 people": ranges
        if after.starts_with('%') || after.starts_with(" percent") {
            continue;
        }
        // the cue stands within a few words before
        let mut from = m.start().saturating_sub(80);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let before = &text[from..m.start()];
        let cue = TALLY_BEFORE.is_match(before) || TALLY_AFTER.is_match(after);
        if cue && a + b >= 3 {
            out.push((m.start(), m.end(), a, b));
        }
    }
    out
}

/// Whether `text` has a digit followed by "-", "–" or " to " and a digit: a cheap test
/// before the patterns of [`tallies`].
pub(super) fn may_hold_tally(text: &str) -> bool {
    let b = text.as_bytes();
    let dash = "–".as_bytes();
    (0..b.len()).any(|i| {
        b[i].is_ascii_digit() && {
            let rest = &b[i + 1..];
            let after = if rest.starts_with(b"-to-") || rest.starts_with(b" to ") {
                4
            } else if rest.starts_with(b"-") {
                1
            } else if rest.starts_with(dash) {
                dash.len()
            } else {
                return false;
            };
            rest.get(after).is_some_and(u8::is_ascii_digit)
        }
    })
}

/// A sentence's names as found, its entities and its content stems.
pub(super) type SentenceNames = (Vec<NameMatch>, Rc<HashSet<usize>>, Rc<Stems>);

/// Adds the reports of one sentence's figures to `out`; `about` gives the sentence's entities
/// and content stems, asked for once, when it has a figure worth reporting.
pub(super) fn sentence_reports<'a>(
    at: &Place<'a, '_>,
    found: &[Quantity],
    about: impl FnOnce() -> (Vec<NameMatch>, Stems),
    entities: &[Entity],
    out: &mut Vec<Report<'a>>,
) {
    let text = at.text;
    let tallies = tallies(text);
    // the figures worth reading: not dates, not restatements, not part of a tally
    let mut items: Vec<(usize, usize, Figure)> = found
        .iter()
        .filter(|q| !q.conversion)
        .filter(|q| {
            !at.times.iter().any(|t| {
                matches!(t.kind, Kind::Date | Kind::Time) && t.start < q.end && q.start < t.end
            })
        })
        .filter(|q| !tallies.iter().any(|t| t.0 < q.end && q.start < t.1))
        .map(|q| (q.start, q.end, Figure::Quantity(q.clone())))
        .collect();
    items.extend(
        tallies
            .iter()
            .map(|&(s, e, a, b)| (s, e, Figure::Tally(a, b))),
    );
    items.sort_by_key(|i| i.0);
    if items.is_empty() {
        return;
    }
    let spans: Vec<(usize, usize)> = items.iter().map(|i| (i.0, i.1)).collect();
    let windows = windows(text, &spans);
    // what each figure measures, its noun as written
    let title = at.span.is_none() && title_case(text);
    let mut measured: Vec<Option<(Measure, Option<Noun>)>> = Vec::with_capacity(items.len());
    for (k, (_, _, fig)) in items.iter().enumerate() {
        let m = match fig {
            Figure::Tally(..) => Some((Measure::Tally, None)),
            Figure::Quantity(q) => {
                let own = measure_of(text, q, &windows[k], title);
                // "172,000 jobs ..., far more than the 150,000 expected": the noun is left out
                own.or_else(|| {
                    let bare = q.unit.is_none();
                    let j = (0..k).rev().find(|&j| measured[j].is_some())?;
                    let Figure::Quantity(p) = &items[j].2 else {
                        return None;
                    };
                    let near = q.value.abs() <= 10.0 * p.value.abs()
                        && p.value.abs() <= 10.0 * q.value.abs();
                    let counted = matches!(measured[j], Some((Measure::Count(_), _)));
                    (bare && near && counted)
                        .then(|| measured[j].clone())
                        .flatten()
                })
                .or_else(|| participle_measure(q))
            }
        };
        measured.push(m);
    }
    // the sentence's names, entities and stems, read once and shared by its reports
    let mut sentence_about: Option<SentenceNames> = None;
    let mut about = Some(about);
    for (k, (start, end, fig)) in items.iter().enumerate() {
        let Some((measure, noun)) = measured[k].clone() else {
            continue;
        };
        let (found_names, sentence_entities, words) = sentence_about.get_or_insert_with(|| {
            let (found, stems) = about.take().expect("asked for once")();
            let entities = found.iter().map(|m| m.entity).collect();
            (found, Rc::new(entities), Rc::new(stems))
        });
        let w = &windows[k];
        let alone = measured
            .iter()
            .enumerate()
            .all(|(j, m)| j == k || m.as_ref().is_none_or(|m| m.0 != measure));
        let before = before_words(text, w, *start);
        let near = near_words(text, w, &before, *end);
        let named_in = |from: usize, to: usize, kinds: &[EntityKind]| -> Vec<usize> {
            let mut v: Vec<usize> = found_names
                .iter()
                .filter(|m| m.start >= from && m.end <= to)
                .filter(|m| kinds.contains(&entities[m.entity].kind))
                .map(|m| m.entity)
                .collect();
            v.dedup();
            v
        };
        // places the figure is of ("7% of Ohio's pharmacies", "6.5% in Ohio"); people and
        // organisations in the words before it
        let places: Vec<usize> = found_names
            .iter()
            .filter(|m| entities[m.entity].kind == EntityKind::Place)
            .filter(|m| m.start >= near.from && m.end <= near.to)
            .filter(|m| place_of_figure(text, (*start, *end), (m.start, m.end)))
            .map(|m| m.entity)
            .collect();
        let actors_from = before
            .len()
            .checked_sub(ACTOR_WORDS)
            .map_or(w.prefix.0.min(w.own.0), |i| before[i].0);
        let actors = named_in(
            actors_from,
            *start,
            &[EntityKind::Person, EntityKind::Organization],
        );
        let noun_text = noun.as_ref().map(|n| n.text.as_str());
        let noun_head = noun_text.and_then(head_word).map(|h| stem(&h));
        // "10 members of one household"
        let complement: Stems = match (&measure, noun.as_ref()) {
            (Measure::Count(_), Some(n)) if n.prep.is_none() => {
                noun_after(past_words(&text[*end..], &n.text), &["of"], title)
                    .map(|c| content_stems(&c.text, |_| false))
                    .unwrap_or_default()
            }
            _ => Stems::default(),
        };
        let mut modifiers: Stems = noun_text
            .map(|n| content_stems(n, |_| false))
            .unwrap_or_default();
        if let Some(h) = &noun_head {
            modifiers.remove(h);
        }
        let duration = matches!(fig, Figure::Quantity(q) if q.unit.is_some_and(|u| u.dimension == Dimension::Duration));
        let verb = verb_of(
            text,
            w,
            &before,
            (*start, *end),
            noun.as_ref()
                .filter(|n| n.prep.is_none())
                .map(|n| n.text.as_str()),
            duration,
            found_names,
            entities,
        );
        let (slack, written_text) = match fig {
            Figure::Quantity(q) => (
                written::rounding(&text[*start..*end], q),
                text[*start..*end].to_string(),
            ),
            Figure::Tally(..) => (0.0, text[*start..*end].to_string()),
        };
        let mut r = Report {
            article: at.article,
            sentence: text,
            span: at.span,
            text: written_text,
            figure: fig.clone(),
            slack,
            measure,
            noun,
            noun_head,
            modifiers,
            complement,
            role: role_of(&near),
            frame: frame_of(at.times, w, *start),
            places,
            actors,
            entities: Rc::clone(sentence_entities),
            words: Rc::clone(words),
            window: *w,
            verb,
            day: at.day,
            change: near.before.iter().chain(&near.after).any(|w| is_change(w)),
            alone,
            about: None,
        };
        r.about = about_of(&r, entities);
        out.push(r);
    }
}

/// The words a figure's window gives it: `prefix` (the clause's words before its first figure,
/// shared by every figure of the clause) and `own` (from where the figure's words begin to where
/// the next figure's begin, or the clause's end).
#[derive(Debug, Clone, Copy)]
pub(super) struct Window {
    pub(super) prefix: (usize, usize),
    pub(super) own: (usize, usize),
}

/// Strong breaks between clauses.
#[rustfmt::skip]
pub(super) const CLAUSE_BREAKS: &[&str] = &[
    "; ", " — ", " – ", " -- ", ", while ", ", but ", ", whereas ", ", although ", ", though ",
    ", according to ",
];

/// Words between two figures that hand the rest to the second: "$14 billion in aid, and
/// another $6 billion".
#[rustfmt::skip]
pub(super) const FIGURE_BREAKS: &[&str] = &[
    ", ", " and ", " or ", " as well as ", " while ", " but ", " plus ", " versus ", " vs. ",
    " vs ",
];

pub(super) fn windows(text: &str, spans: &[(usize, usize)]) -> Vec<Window> {
    // every clause break of the sentence, found once: (start, end); each begins with ";", ","
    // or a space before a dash
    let bytes = text.as_bytes();
    let breaks: Vec<(usize, usize)> = memchr::memchr3_iter(b';', b',', b' ', bytes)
        .filter(|&i| bytes[i] != b' ' || matches!(bytes.get(i + 1), Some(b'-' | 0xE2)))
        .filter_map(|i| {
            CLAUSE_BREAKS
                .iter()
                .find(|b| text[i..].starts_with(*b))
                .map(|b| (i, i + b.len()))
        })
        .collect();
    let clause_start = |at: usize| -> usize {
        breaks
            .iter()
            .filter(|b| b.1 <= at)
            .map(|b| b.1)
            .max()
            .unwrap_or(0)
    };
    let clause_end = |at: usize| -> usize {
        breaks
            .iter()
            .find(|b| b.0 >= at)
            .map_or(text.len(), |b| b.0)
    };
    let split = |from: usize, to: usize| -> usize {
        let between = &text[from..to];
        FIGURE_BREAKS
            .iter()
            .filter_map(|b| between.rfind(b).map(|i| from + i + b.len()))
            .max()
            .unwrap_or(from)
    };
    let mut out = Vec::with_capacity(spans.len());
    for (k, &(s, e)) in spans.iter().enumerate() {
        let cs = clause_start(s);
        let ce = clause_end(e);
        let prev = (k > 0 && spans[k - 1].1 > cs && spans[k - 1].1 <= s).then(|| spans[k - 1]);
        let next = spans.get(k + 1).filter(|n| n.0 < ce && n.0 >= e).copied();
        let own_start = prev.map_or(cs, |p| split(p.1, s));
        let own_end = next.map_or(ce, |n| {
            let at = split(e, n.0);
            if at == e {
                e // no break: the words between are the next figure's ("to 4.3% from 4.1%")
            } else {
                at
            }
        });
        // the clause's words before its first figure
        let first = spans.iter().map(|sp| sp.0).find(|&x| x >= cs).unwrap_or(s);
        let prefix = if own_start > cs {
            (cs, first.min(own_start))
        } else {
            (cs, cs)
        };
        out.push(Window {
            prefix,
            own: (own_start.min(s), own_end.max(e)),
        });
    }
    out
}

/// The words either side of a figure in its window, lower-cased, and the bytes they span.
pub(super) struct Near {
    pub(super) before: Vec<String>,
    /// Words of the clause before `before` (a forecast is often said far ahead of its
    /// figure: "analysts had said before the report that the firm would sell nearly 2 million cars").
    pub(super) earlier: Vec<String>,
    pub(super) after: Vec<String>,
    pub(super) from: usize,
    pub(super) to: usize,
}

/// Whether a place named near a figure is where the figure holds: joined to it by "of" or
/// "in" within a few words after it ("6.5% of pharmacies in Ohio"), or just
/// before it ("In Ohio, 6.5%", "Ohio's 6.5%").
pub(super) fn place_of_figure(text: &str, figure: (usize, usize), place: (usize, usize)) -> bool {
    if place.0 >= figure.1 {
        let between: Vec<&str> = text[figure.1..place.0].split_whitespace().collect();
        between.len() <= 4 && between.iter().any(|w| matches!(*w, "of" | "in"))
    } else if place.1 <= figure.0 {
        let between = &text[place.1..figure.0];
        between.split_whitespace().count() <= 1
            && !between
                .chars()
                .any(|c| c.is_alphanumeric() && !matches!(c, 's'))
    } else {
        false
    }
}

/// How many words before the near ones are read for a forecast.
const EARLIER_WORDS: usize = 8;

/// How many words before a figure may name who did what it counts.
pub(super) const ACTOR_WORDS: usize = 10;

/// The words of a figure's window before it, with their byte offsets: the clause's opening
/// words, then the figure's own.
pub(super) fn before_words<'t>(text: &'t str, w: &Window, start: usize) -> Vec<(usize, &'t str)> {
    let mut out: Vec<(usize, &str)> = word_spans(&text[w.prefix.0..w.prefix.1])
        .into_iter()
        .map(|(at, word)| (w.prefix.0 + at, word))
        .collect();
    let own_from = w.own.0.min(start);
    out.extend(
        word_spans(&text[own_from..start])
            .into_iter()
            .map(|(at, word)| (own_from + at, word)),
    );
    out
}

pub(super) fn near_words(text: &str, w: &Window, before: &[(usize, &str)], end: usize) -> Near {
    let at = before.len().saturating_sub(NEAR_WORDS);
    let earlier = &before[at.saturating_sub(EARLIER_WORDS)..at];
    let before = &before[at..];
    let after: Vec<(usize, &str)> = word_spans(&text[end..w.own.1.max(end)])
        .into_iter()
        .take(NEAR_WORDS)
        .map(|(at, word)| (end + at, word))
        .collect();
    Near {
        before: before.iter().map(|(_, x)| x.to_lowercase()).collect(),
        earlier: earlier.iter().map(|(_, x)| x.to_lowercase()).collect(),
        after: after.iter().map(|(_, x)| x.to_lowercase()).collect(),
        from: before.first().map_or(end, |(at, _)| *at),
        to: after.last().map_or(end, |(at, x)| at + x.len()),
    }
}

/// Stems of unit words, which say nothing of what a figure is about.
#[rustfmt::skip]
pub(super) const UNIT_STEMS: &[&str] = &[
    "percent", "percentag", "point", "dollar", "billion", "million", "trillion", "thousand",
    "hour", "minut", "day", "week", "month", "year",
];

/// What a figure counts or measures, as written.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Noun {
    pub(super) text: String,
    /// The word joining it to the figure: "in" of "$4 billion in extra aid"; `None`
    /// when it follows the figure directly ("12 firefighters", "a 28-point plan").
    pub(super) prep: Option<&'static str>,
    /// "the jobless rate fell to 4.3%": the rate named before a percentage.
    pub(super) rate: bool,
}

impl Noun {
    fn direct(text: String) -> Noun {
        Noun {
            text,
            prep: None,
            rate: false,
        }
    }
}

/// Words that end a noun phrase after a figure.
#[rustfmt::skip]
pub(super) const PHRASE_ENDS: &[&str] = &[
    "to", "that", "which", "who", "whom", "whose", "for", "in", "on", "by", "with", "from",
    "of", "at", "as", "over", "since", "than", "this", "these", "those", "last", "next", "its",
    "their", "his", "her", "our", "against", "toward", "towards", "into", "under", "after",
    "before", "during", "across", "through", "per", "via", "among", "amid", "despite",
    "without", "within", "including", "like", "such", "is", "are", "was", "were", "be", "been",
    "being", "has", "have", "had", "will", "would", "can", "could", "may", "might", "must",
    "should", "not", "do", "does", "did", "said", "says", "say", "while", "when", "where", "if",
    "but", "so", "because", "worth", "each", "apiece", "total", "more", "less", "annually",
    "compared", "vs", "versus", "plus", "about", "around", "nearly", "almost", "up", "down",
    "out", "off", "back", "there", "here", "it", "they", "he", "she", "we", "you", "them",
    "him", "what", "how", "why", "then", "now", "also", "just", "only", "even", "still", "yet",
    "already", "ago", "earlier", "later", "according", "get", "gets", "got", "set", "trln",
    "bln", "mln", "percent", "a", "an", "the", "every", "all", "both", "either", "own", "other",
    "another", "overnight", "today", "yesterday", "tonight", "again", "apart",
];

/// Words that cannot open the noun of a figure: times, ordinals, pronouns.
#[rustfmt::skip]
pub(super) const NOT_NOUNS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "year", "years", "month", "months", "week", "weeks", "day", "days",
    "quarter", "today", "yesterday", "tonight", "past", "previous", "prior", "first", "second",
    "third", "fourth", "fifth", "those", "them", "these", "percent", "percentage", "times",
];

/// Nouns ending in "-ing" ("infrastructure spending"); other "-ing" words end a phrase
/// ("fund covering repairs").
#[rustfmt::skip]
pub(super) const ING_NOUNS: &[&str] = &[
    "spending", "funding", "financing", "housing", "training", "building", "buildings",
    "meeting", "meetings", "polling", "testing", "shooting", "shootings", "bombing", "bombings",
    "killing", "killings", "hearing", "hearings", "ruling", "rulings", "warning", "warnings",
    "rating", "ratings", "ceiling", "earnings", "savings", "holdings", "filing", "filings",
    "opening", "openings", "listing", "listings", "booking", "bookings", "crossing",
    "crossings", "landing", "landings", "gathering", "gatherings", "lending", "manufacturing",
    "clothing", "borrowing", "shipping", "drilling", "striking", "offering", "offerings",
    "screening", "screenings", "sighting", "sightings", "beating", "beatings", "stabbing",
    "stabbings", "mailing", "mailings", "posting", "postings", "recording", "recordings",
];

/// Nouns ending in "-ly"; other "-ly" words are adverbs that end a phrase.
#[rustfmt::skip]
pub(super) const LY_NOUNS: &[&str] = &[
    "family", "supply", "assembly", "rally", "ally", "monopoly", "anomaly", "reply", "italy",
    "july", "butterfly", "jelly", "belly",
];

/// Plurals without an "s".
#[rustfmt::skip]
pub(super) const PLURALS: &[&str] = &[
    "people", "men", "women", "children", "police", "personnel", "staff", "cattle", "feet",
    "teeth", "mice", "geese", "data", "media", "aircraft", "livestock", "deer", "sheep", "fish",
    "militia", "crew", "faculty", "clergy", "youth",
];

pub(super) fn is_plural(word: &str) -> bool {
    let w = word.to_lowercase();
    let w = w.rsplit('-').next().unwrap_or(&w);
    PLURALS.contains(&w)
        || (w.len() > 2
            && w.ends_with('s')
            && !w.ends_with("ss")
            && !w.ends_with("us")
            && !w.ends_with("is"))
}

/// A title written in title case: most of its words capitalised.
pub(super) fn title_case(text: &str) -> bool {
    let words: Vec<&str> = text
        .split_whitespace()
        .filter(|w| w.len() > 3 && w.chars().next().is_some_and(char::is_alphabetic))
        .collect();
    words.len() >= 3
        && words
            .iter()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .count()
            * 4
            >= words.len() * 3
}

/// The noun phrase that opens `text`: "crew members" of " crew members were
/// hurt", "water bill" of " water bill Ortega backs". A leading article
/// is dropped; the phrase ends at a function word, a number, punctuation, an adverb, a verb
/// form or a new capitalised name. In a title-case title, words other than names of peoples
/// and acronyms are lower-cased.
pub(super) fn noun_phrase(text: &str, title: bool) -> Option<String> {
    let mut out: Vec<String> = Vec::new();
    let mut lower_seen = false;
    for raw in text.split_whitespace().take(6) {
        if raw.starts_with(['"', '“', '‘', '\'', '(', '[']) {
            break;
        }
        // "U.S." keeps its dots; other words end at punctuation
        let abbreviation = raw.matches('.').count() >= 2;
        let word = if abbreviation {
            raw.trim_end_matches([',', ';', ':', ')', '"', '”'])
        } else {
            raw.trim_end_matches([',', '.', ';', ':', ')', '"', '”', '’', '!', '?'])
        };
        let ended = word.len() < raw.len();
        if word.is_empty() {
            break;
        }
        let lower = word.to_lowercase();
        let first = out.is_empty();
        if first && matches!(lower.as_str(), "the" | "a" | "an") {
            continue;
        }
        if PHRASE_ENDS.contains(&lower.as_str())
            || lower.chars().any(|c| c.is_ascii_digit())
            || lower.ends_with("n't")
            || lower.ends_with("n’t")
            || lower.contains('’')
            || lower.contains('\'')
        {
            break;
        }
        if first && NOT_NOUNS.contains(&lower.as_str()) {
            return None;
        }
        if !first
            && ((lower.len() > 4 && lower.ends_with("ly") && !LY_NOUNS.contains(&lower.as_str()))
                || is_participle(&lower)
                || (lower.ends_with("ing") && !ING_NOUNS.contains(&lower.as_str())))
        {
            break;
        }
        let capital = word.chars().next().is_some_and(char::is_uppercase);
        if !first && capital && lower_seen && !title {
            break; // "bill Ortega backs": a name opens another phrase
        }
        let acronym = word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
        let people = lower.ends_with("ans") || lower.ends_with("ese");
        if title && capital && !acronym && !people {
            out.push(lower);
        } else {
            out.push(word.to_string());
        }
        if !capital {
            lower_seen = true;
        }
        if ended {
            break;
        }
    }
    while out
        .last()
        .is_some_and(|w| matches!(w.as_str(), "and" | "or" | "&"))
    {
        out.pop();
    }
    // "doctors and other medical": a list that ends without its noun is cut at its "and"
    if let Some(at) = out.iter().position(|w| w == "and" || w == "or") {
        match out.iter().rposition(|w| is_plural(w)).filter(|&p| p > at) {
            Some(p) => out.truncate(p + 1),
            None => out.truncate(at),
        }
    }
    (!out.is_empty()).then(|| out.join(" "))
}

/// The noun phrase after one of `preps` right after a figure: "extra aid" of "$4
/// billion in extra aid to help".
pub(super) fn noun_after(after: &str, preps: &[&'static str], title: bool) -> Option<Noun> {
    let rest = after.trim_start();
    let (word, tail) = rest.split_once(' ')?;
    let prep = preps.iter().copied().find(|p| *p == word)?;
    let text = noun_phrase(tail, title)?;
    Some(Noun {
        text,
        prep: Some(prep),
        rate: false,
    })
}

/// `text` after the words of `noun` that open it (and an article before them), from the space
/// that follows them.
pub(super) fn past_words<'t>(text: &'t str, noun: &str) -> &'t str {
    // counted in `word_spans`' words: "U.S." is two of them
    let mut skip = word_spans(noun).len();
    let spans = word_spans(text);
    if spans
        .first()
        .is_some_and(|(_, w)| matches!(w.to_lowercase().as_str(), "the" | "a" | "an"))
        && !noun.to_lowercase().starts_with("the ")
    {
        skip += 1;
    }
    match spans.get(skip.saturating_sub(1)) {
        Some((at, w)) if skip > 0 => {
            let end = at + w.len();
            let rest = &text[end..];
            // a dot or a quote closing the last word belongs to it
            let closing = rest.len() - rest.trim_start_matches(['.', '’', '\'', '"', '”']).len();
            &text[end + closing..]
        }
        _ => text,
    }
}

/// The last word of a noun phrase, its head: "members" of "crew members".
pub(super) fn head_word(noun: &str) -> Option<String> {
    noun.split([' ', '-'])
        .rfind(|w| w.chars().any(char::is_alphabetic) && !w.ends_with('.'))
        .map(str::to_lowercase)
}

/// Nouns of a change a percentage can measure: "a 5% increase".
#[rustfmt::skip]
pub(super) const CHANGE_NOUNS: &[&str] = &[
    "increase", "decrease", "drop", "rise", "gain", "decline", "reduction", "growth", "bump",
    "cut", "jump", "fall", "hike", "surge", "loss", "boost", "raise",
];

/// What a figure measures and its noun as written, or `None` for a bare number.
pub(super) fn measure_of(
    text: &str,
    q: &Quantity,
    w: &Window,
    title: bool,
) -> Option<(Measure, Option<Noun>)> {
    let mut after = &text[q.end..];
    if after.starts_with('-') {
        // "four-year-long war": the noun follows the modifier's last word
        after = &after[after.find(char::is_whitespace).unwrap_or(after.len())..];
    }
    let direct = if q.modifier && q.unit.is_none() {
        q.counts.as_deref().and_then(|c| noun_phrase(c, title))
    } else {
        noun_phrase(after, title)
    };
    match q.unit {
        Some(u) => {
            let noun = match u.dimension {
                Dimension::Percent => direct
                    .filter(|n| head_word(n).is_some_and(|h| CHANGE_NOUNS.contains(&h.as_str())))
                    .map(Noun::direct)
                    .or_else(|| noun_after(after, &["of"], title))
                    .or_else(|| rate_before(text, w, q.start)),
                Dimension::Duration => direct.filter(|_| q.modifier).map(Noun::direct),
                _ => direct
                    .map(Noun::direct)
                    .or_else(|| noun_after(after, &["in", "of", "for", "on"], title)),
            };
            Some((Measure::Unit(u.name), noun))
        }
        None => {
            let mut words: Vec<&str> = direct.as_deref()?.split(' ').collect();
            if !q.modifier && q.value != 1.0 {
                // "people dead": the phrase ends at its last plural
                let last_plural = words.iter().rposition(|w| is_plural(w))?;
                words.truncate(last_plural + 1);
            }
            let noun = words.join(" ");
            let head = head_word(&noun)?;
            Some((Measure::Count(stem(&head)), Some(Noun::direct(noun))))
        }
    }
}

/// "over 1.2 million killed or wounded": a count of those a verb befell, named by the verb.
pub(super) fn participle_measure(q: &Quantity) -> Option<(Measure, Option<Noun>)> {
    let counts = q.counts.as_deref().filter(|_| q.unit.is_none())?;
    let words: Vec<String> = counts.split(' ').map(str::to_lowercase).collect();
    let all_verbs = words
        .iter()
        .all(|w| is_participle(w) || matches!(w.as_str(), "or" | "and"));
    all_verbs.then(|| (Measure::Count(stem(&words[0])), None))
}

/// "the jobless rate fell to 4.3%": the rate a percentage is of.
pub(super) fn rate_before(text: &str, w: &Window, start: usize) -> Option<Noun> {
    let before = &text[w.prefix.0.min(w.own.0)..start];
    let words: Vec<&str> = before.split_whitespace().collect();
    let at = words
        .iter()
        .rposition(|x| x.to_lowercase().trim_end_matches([',', '\'', '’', 's']) == "rate")?;
    if words.len() - at > 6 || at == 0 {
        return None;
    }
    let modifier = words[at - 1].trim_matches(|c: char| !c.is_alphanumeric());
    let lower = modifier.to_lowercase();
    if modifier.is_empty()
        || PHRASE_ENDS.contains(&lower.as_str())
        || lower.chars().any(|c| c.is_ascii_digit())
    {
        return None;
    }
    Some(Noun {
        text: format!("{lower} rate"),
        prep: None,
        rate: true,
    })
}

/// Past participles that read the same as the past tense ("sent 500 troops", "500 troops were
/// sent"), besides regular "-ed" verbs.
#[rustfmt::skip]
pub(super) const PARTICIPLES: &[&str] = &[
    "lost", "won", "sent", "held", "spent", "paid", "sold", "bought", "shot", "hit", "built",
    "cut", "set", "made", "cast", "left", "struck", "brought", "caught", "fought", "found",
    "kept", "put", "hurt", "laid", "led", "lent", "met", "read", "shed", "spread", "taught",
    "told",
];

/// Verbs a counted noun does itself: "13 people died".
#[rustfmt::skip]
pub(super) const INTRANSITIVE: &[&str] = &[
    "died", "waited", "fled", "voted", "marched", "protested", "attended", "survived", "lived",
    "arrived", "remained", "stayed", "worked", "gathered", "rallied", "fell", "rose",
];

pub(super) fn is_participle(w: &str) -> bool {
    (w.len() > 4
        && w.ends_with("ed")
        && !w.ends_with("eed")
        && !matches!(w, "according" | "hundred"))
        || PARTICIPLES.contains(&w)
}

/// Verbs that take a length of time: "waited six hours", "deliberated for two days".
#[rustfmt::skip]
pub(super) const DURATION_VERBS: &[&str] = &[
    "waited", "lasted", "spent", "stayed", "served", "worked", "lived", "remained", "queued",
    "talked", "met", "spoke", "negotiated", "deliberated", "debated", "detained", "held",
    "jailed", "imprisoned", "hospitalized", "hospitalised", "delayed", "closed", "stranded",
    "trapped", "sat", "stood", "slept", "fasted", "marched", "walked", "drove", "flew",
    "searched", "testified", "questioned", "interrogated", "blocked", "suspended",
];

/// Words that may stand between a verb and its object figure: "killed at least 13".
#[rustfmt::skip]
pub(super) const BEFORE_OBJECT: &[&str] = &[
    "a", "an", "the", "some", "another", "just", "only", "roughly", "nearly", "almost", "about",
    "around", "over", "more", "than", "at", "least", "up", "to", "fewer", "less", "another",
];

/// Verbs of speech: they frame a figure, they do not say what it counts.
#[rustfmt::skip]
pub(super) const SPEECH: &[&str] = &[
    "said", "told", "remarked", "noted", "stated", "explained", "wrote", "reported",
    "according", "announced",
];

/// The verb that tells what happened to or with a figure's noun: right after the noun
/// ("13 people were killed", "13 people died"), or right before the figure ("killed 13
/// people", "added 172,000 jobs"); for a length of time, a verb that takes one a few words
/// before it ("waited in line ... for seven hours").
#[allow(clippy::too_many_arguments)]
pub(super) fn verb_of(
    text: &str,
    w: &Window,
    before: &[(usize, &str)],
    span: (usize, usize),
    noun: Option<&str>,
    duration: bool,
    found: &[NameMatch],
    entities: &[Entity],
) -> Option<Verb> {
    let (_, end) = span;
    // after the noun, nothing but spaces between
    let mut rest = &text[end..w.own.1.max(end)];
    if let Some(n) = noun {
        rest = past_words(rest, n);
    }
    if rest.starts_with(' ') {
        let next: Vec<(usize, &str)> = word_spans(rest).into_iter().take(3).collect();
        let plain = |i: usize| {
            // only spaces between the words read
            next.get(i).is_some_and(|(at, _)| {
                rest[..*at]
                    .chars()
                    .all(|c| c.is_alphanumeric() || c.is_whitespace() || c == '-' || c == '\'')
            })
        };
        let lower: Vec<String> = next.iter().map(|(_, x)| x.to_lowercase()).collect();
        let word = |i: usize| lower.get(i).map(String::as_str).unwrap_or("");
        if plain(1) && matches!(word(0), "were" | "was" | "are" | "is") && is_participle(word(1)) {
            return Some(Verb {
                word: word(1).into(),
                intransitive: false,
                subject: None,
            });
        }
        if plain(2)
            && matches!(word(0), "have" | "had" | "has")
            && word(1) == "been"
            && is_participle(word(2))
        {
            return Some(Verb {
                word: word(2).into(),
                intransitive: false,
                subject: None,
            });
        }
        if plain(0) && INTRANSITIVE.contains(&word(0)) && !duration {
            return Some(Verb {
                word: word(0).into(),
                intransitive: true,
                subject: None,
            });
        }
    }
    // before the figure
    let tail = &before[before.len().saturating_sub(8)..];
    for (i, &(at, word)) in tail.iter().enumerate().rev() {
        let lower = word.to_lowercase();
        if SPEECH.contains(&lower.as_str()) {
            return None;
        }
        // "to cast his ballot": an infinitive; "United": a name
        let infinitive = i > 0 && tail[i - 1].1.eq_ignore_ascii_case("to");
        let capital = word.chars().next().is_some_and(char::is_uppercase);
        let fits = if duration {
            DURATION_VERBS.contains(&lower.as_str())
        } else {
            is_participle(&lower)
        };
        if fits && !infinitive && !capital {
            let subject = found
                .iter()
                .filter(|m| m.end <= at && entities[m.entity].kind == EntityKind::Person)
                .map(|m| m.entity)
                .next_back();
            return Some(Verb {
                word: lower,
                intransitive: duration,
                subject,
            });
        }
        // a counted figure is the verb's object: only a few small words may stand between
        if !duration && !BEFORE_OBJECT.contains(&lower.as_str()) {
            return None;
        }
    }
    None
}

/// The words of `text` (letters, digits, hyphens and apostrophes) with their byte offsets.
pub(super) fn word_spans(text: &str) -> Vec<(usize, &str)> {
    crate::terms::word_spans_where(text, |c| c.is_alphanumeric() || c == '-' || c == '\'')
}

/// Verbs of change: a figure beside one was, or is, a different value at another time.
pub(super) fn is_change(w: &str) -> bool {
    matches!(
        w,
        "revised"
            | "revision"
            | "condensed"
            | "updated"
            | "amended"
            | "corrected"
            | "reduced"
            | "cut"
            | "raised"
            | "lowered"
            | "trimmed"
            | "expanded"
            | "pared"
            | "shortened"
            | "narrowed"
            | "now"
            | "risen"
            | "rose"
            | "climbed"
            | "increased"
            | "jumped"
            | "grew"
            | "fell"
            | "fallen"
            | "dropped"
            | "declined"
            | "decreased"
            | "slipped"
            | "plunged"
            | "surged"
            | "soared"
            | "tumbled"
            | "sank"
            | "doubled"
            | "tripled"
            | "halved"
            | "scaled"
            | "upped"
            | "boosted"
            | "slashed"
    )
}

pub(super) fn role_of(near: &Near) -> Role {
    let before: Vec<&str> = near.before.iter().map(String::as_str).collect();
    let after: Vec<&str> = near.after.iter().map(String::as_str).collect();
    let last = |n: usize| before.iter().rev().take(n).copied().collect::<Vec<&str>>();
    let first = |n: usize| after.iter().take(n).copied().collect::<Vec<&str>>();
    let is_move = |w: &str| {
        matches!(
            w,
            "rose"
                | "fell"
                | "dropped"
                | "declined"
                | "increased"
                | "decreased"
                | "climbed"
                | "jumped"
                | "slipped"
                | "grew"
                | "gained"
                | "plunged"
                | "surged"
                | "tumbled"
                | "sank"
                | "rising"
                | "falling"
                | "dropping"
                | "up"
                | "down"
                | "lost"
                | "shed"
        )
    };
    // "rose by 3%", "fell 12,000 to 201,000"
    if before.last() == Some(&"by") && last(4).iter().any(|w| is_move(w)) {
        return Role::Delta;
    }
    if before.last().is_some_and(|w| is_move(w)) && after.first() == Some(&"to") {
        return Role::Delta;
    }
    // "slashed more than $500 billion from the plan", "cut $2 off the price": what was taken
    // away, not what is left
    let cut = |w: &&str| {
        matches!(
            *w,
            "slashed" | "cut" | "cuts" | "trimmed" | "shaved" | "removed" | "knocked" | "lopped"
        )
    };
    if last(3).iter().any(cut) && first(4).iter().any(|w| matches!(*w, "from" | "off")) {
        return Role::Delta;
    }
    // "from 4.1%", "from a revised 212,400", "a week earlier"
    if last(3).contains(&"from")
        || first(4)
            .iter()
            .any(|w| matches!(*w, "earlier" | "ago" | "previously" | "prior"))
    {
        return Role::Previous;
    }
    let all = || before.iter().chain(after.iter()).copied();
    let pairs = || {
        before
            .windows(2)
            .chain(after.windows(2))
            .map(|p| (p[0], p[1]))
            .collect::<Vec<_>>()
    };
    let forecast_words = || all().chain(near.earlier.iter().map(String::as_str));
    if forecast_words().any(|w| {
        w.starts_with("expect")
            || w.starts_with("forecast")
            || w.starts_with("estimat")
            || w.starts_with("predict")
            || w.starts_with("anticipat")
            || matches!(
                w,
                "projected"
                    | "projection"
                    | "projections"
                    | "consensus"
                    | "economists"
                    | "analysts"
                    | "polled"
                    | "surveyed"
            )
    }) || pairs().contains(&("looking", "for"))
    {
        return Role::Expected;
    }
    if all().any(|w| {
        w.starts_with("target")
            || w.starts_with("goal")
            || w.starts_with("pledg")
            || w.starts_with("promis")
            || w.starts_with("request")
            || matches!(w, "proposed" | "proposes" | "propose" | "proposing")
            || matches!(
                w,
                "aim"
                    | "aims"
                    | "aimed"
                    | "aiming"
                    | "vowed"
                    | "vows"
                    | "seeks"
                    | "seeking"
                    | "sought"
                    | "seek"
                    | "wants"
                    | "want"
                    | "wanted"
                    | "hopes"
                    | "hoped"
                    | "hoping"
                    | "plans"
                    | "planned"
                    | "planning"
            )
    }) || pairs().iter().any(|p| {
        matches!(
            p,
            (
                "asking" | "asked" | "asks" | "calls" | "called" | "call",
                "for"
            )
        )
    }) {
        return Role::Intended;
    }
    if last(3)
        .iter()
        .any(|w| matches!(*w, "another" | "additional" | "including" | "among"))
        || first(3).iter().any(|w| {
            matches!(
                *w,
                "other" | "others" | "fellow" | "additional" | "more" | "remaining" | "extra"
            )
        })
        || matches!(
            first(2).as_slice(),
            ["of", "which" | "whom" | "them" | "those"]
        )
    {
        return Role::Part;
    }
    if last(3).iter().chain(first(3).iter()).any(|w| {
        matches!(
            *w,
            "total" | "overall" | "altogether" | "combined" | "cumulative"
        )
    }) || pairs().contains(&("in", "all"))
    {
        return Role::Total;
    }
    Role::Actual
}

/// The time frame named in a figure's window: the time expression nearest the figure.
pub(super) fn frame_of(times: &[TimeExpression], w: &Window, at: usize) -> Option<Frame> {
    let inside = |t: &&TimeExpression| {
        (t.start >= w.prefix.0 && t.end <= w.prefix.1) || (t.start >= w.own.0 && t.end <= w.own.1)
    };
    let t = times
        .iter()
        .filter(|t| t.kind == Kind::Date)
        .filter(inside)
        .filter(|t| t.value != "PRESENT_REF" && t.value != "PAST_REF" && t.value != "FUTURE_REF")
        .min_by_key(|t| t.start.abs_diff(at))?;
    match (t.date, t.precision) {
        (Some(d), Some(p)) => Some(Frame::Period(d, period_end(d, p))),
        _ => Some(Frame::Unresolved(t.value.clone())),
    }
}

pub(super) fn period_end(d: NaiveDate, p: Precision) -> NaiveDate {
    let months = |n: u32| d.checked_add_months(Months::new(n)).unwrap_or(d);
    match p {
        Precision::Day => d.succ_opt().unwrap_or(d),
        Precision::Week => d + chrono::Duration::days(7),
        Precision::Month => months(1),
        Precision::Quarter => months(3),
        Precision::Year => months(12),
        Precision::Decade => months(120),
    }
}

/// Happenings whose length "lasted": "a five-hour meeting".
#[rustfmt::skip]
pub(super) const EVENT_NOUNS: &[&str] = &[
    "meeting", "talks", "session", "call", "conversation", "visit", "trip", "flight", "hearing",
    "standoff", "debate", "interview", "speech", "war", "siege", "lockdown", "shutdown",
    "strike", "blackout", "outage", "summit", "trial", "deliberations", "negotiations",
    "filibuster", "marathon", "journey", "drive", "walk", "march", "protest", "rally", "battle",
    "fight", "conflict", "occupation", "ceasefire", "truce", "operation", "search", "chase",
    "delay", "wait", "vigil", "hunger",
];

/// Things with a length that is not of a happening: "a 10-year prison sentence".
#[rustfmt::skip]
pub(super) const SPAN_NOUNS: &[&str] = &[
    "sentence", "term", "contract", "lease", "extension", "mission", "deployment", "pause",
    "moratorium", "freeze", "suspension", "tenure", "career", "residency", "loan", "mortgage",
    "bond", "warranty", "visa",
];

/// What a figure measures, in words a reader can print ("how many crew members were
/// hurt", "how long Maria Lopez waited", "the size of the relief bill"), or `None` where
/// the text does not name it.
pub(super) fn about_of(r: &Report, entities: &[Entity]) -> Option<String> {
    let noun = r.noun.as_ref();
    let head = r.noun.as_ref().and_then(|n| head_word(&n.text));
    let Figure::Quantity(q) = &r.figure else {
        return Some("the vote count".into());
    };
    match &r.measure {
        Measure::Tally => Some("the vote count".into()),
        Measure::Count(_) => {
            let Some(noun) = noun else {
                // "1.2 million killed or wounded"
                return q.counts.as_ref().map(|c| format!("how many were {c}"));
            };
            let n = &noun.text;
            if q.modifier {
                // "a 28-point plan"
                return Some(format!("how many {}", written::plural(n)));
            }
            Some(match &r.verb {
                Some(v) if v.intransitive => format!("how many {n} {}", v.word),
                Some(v) => format!("how many {n} were {}", v.word),
                None => format!("how many {n}"),
            })
        }
        Measure::Unit(_) => match q.unit.map(|u| u.dimension)? {
            Dimension::Duration => {
                if let (Some(n), Some(h)) = (noun, head.as_deref()) {
                    if EVENT_NOUNS.contains(&h) {
                        return Some(format!("how long the {} lasted", n.text));
                    }
                    if SPAN_NOUNS.contains(&h) {
                        return Some(format!("the length of the {}", n.text));
                    }
                    return None;
                }
                let v = r.verb.as_ref()?;
                let who = v.subject.map(|e| entities[e].name.clone())?;
                Some(format!("how long {who} {}", v.word))
            }
            Dimension::Currency => {
                let n = noun?;
                Some(match n.prep {
                    None => format!("the size of the {}", n.text),
                    Some("for" | "on") => format!("how much for {}", n.text),
                    Some(_) => format!("how much {}", n.text),
                })
            }
            Dimension::Percent => {
                let n = noun?;
                Some(if n.rate {
                    format!("the {}", n.text)
                } else if n.prep == Some("of") {
                    format!("what share of {}", n.text)
                } else {
                    format!("the size of the {}", n.text)
                })
            }
            Dimension::Age => {
                // "Ann Lee, 45,": the person named just before
                let who = r
                    .actors
                    .last()
                    .filter(|&&e| entities[e].kind == EntityKind::Person)
                    .filter(|_| {
                        r.sentence[..r.sentence.find(&r.text).unwrap_or(0)]
                            .trim_end()
                            .ends_with(',')
                    })?;
                Some(format!("{}'s age", entities[*who].name))
            }
            _ => None,
        },
    }
}

/// What a fact is about when its text does not name it: "an amount of money", "a percentage".
pub(super) fn kind_in_words(r: &Report) -> String {
    let dimension = match &r.figure {
        Figure::Quantity(q) => q.unit.map(|u| u.dimension),
        Figure::Tally(..) => return "the vote count".into(),
    };
    match dimension {
        Some(Dimension::Currency) => "an amount of money",
        Some(Dimension::Percent) => "a percentage",
        Some(Dimension::Duration) => "a length of time",
        Some(Dimension::Area) => "an area",
        Some(Dimension::Length) => "a distance",
        Some(Dimension::Mass) => "a weight",
        Some(Dimension::Volume) => "a volume",
        Some(Dimension::Speed) => "a speed",
        Some(Dimension::Temperature) => "a temperature",
        Some(Dimension::Age) => "an age",
        _ => "a number",
    }
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noun_phrases_after_figures() {
        let np = |t: &str| noun_phrase(t, false);
        assert_eq!(
            np(" crew members were hurt").as_deref(),
            Some("crew members")
        );
        assert_eq!(
            np(" U.S. crew members were hurt").as_deref(),
            Some("U.S. crew members")
        );
        assert_eq!(
            np(" water bill Ortega backs").as_deref(),
            Some("water bill")
        );
        assert_eq!(np(" fund covering repairs").as_deref(), Some("fund"));
        assert_eq!(
            np(" strike and decoy drones overnight").as_deref(),
            Some("strike and decoy drones")
        );
        assert_eq!(np(" doctors and other medical"), Some("doctors".into()));
        assert_eq!(np(" in June"), None);
        assert_eq!(
            np("one household in Dover.").as_deref(),
            Some("one household")
        );
        assert_eq!(
            noun_phrase(" Lifeboat Crews Rescued", true).as_deref(),
            Some("lifeboat crews")
        );
        assert_eq!(
            past_words(" members of one household", "members"),
            " of one household"
        );
        assert_eq!(
            past_words(" U.S. crew members were", "U.S. crew members"),
            " were"
        );
        let c = noun_after(
            past_words(" members of one household in Dover.", "members"),
            &["of"],
            false,
        );
        assert_eq!(c.map(|c| c.text).as_deref(), Some("one household"));
    }

    #[test]
    fn tallies_are_read_in_their_forms() {
        let found = |t: &str| {
            tallies(t)
                .into_iter()
                .map(|t| (t.2, t.3))
                .collect::<Vec<_>>()
        };
        assert_eq!(found("The 214-to-203 vote came late."), [(214, 203)]);
        assert_eq!(found("The Senate voted 52-47 to confirm her."), [(52, 47)]);
        assert_eq!(found("It passed by a vote of 221 to 201."), [(221, 201)]);
        assert!(found("Prices rose 10-15% in the 2020-21 season.").is_empty());
        assert!(found("Children aged 5-11 can now get the shot.").is_empty());
    }
}
