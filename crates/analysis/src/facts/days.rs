//! The day a one-off happening is dated to, across outlets: "a Tuesday letter to the port
//! board" in one article, "wrote to the port board in a letter on Wednesday" in another.
//!
//! A day (a weekday, "yesterday", a calendar date) dates the happening its clause names next to
//! it: the noun right after it ("a Tuesday letter", "Monday's ruling") or the nearest before it
//! in the clause ("a letter to the board on Wednesday"). Only happenings that occur once
//! are read (a letter, a ruling, an indictment, a verdict), not those that recur within days
//! (votes, meetings, calls, statements), and only in sentences that report rather than
//! foresee. Two articles are in conflict when they date the same kind of happening, naming a
//! common person or organisation, to two days less than a week apart, each article giving one
//! day only; where an article gives two days for it, nothing is claimed, and a day more than a
//! week from the others dates another happening of that kind (an earlier letter).

use super::char_span;
use super::reading::word_spans;
use crate::names::NameFinder;
use crate::reading::Sentence;
use chrono::{Datelike, NaiveDate};
use dossier_model::{Article, Entity, EntityKind, Fact, FactReport, Relation};
use dossier_time::{Kind, Precision};
use std::collections::{BTreeMap, BTreeSet};

/// Happenings that occur once, so that two days given for one are a disagreement.
const ONCE: &[&str] = &[
    "letter",
    "ruling",
    "memo",
    "lawsuit",
    "indictment",
    "verdict",
    "subpoena",
    "resignation",
];

/// Words of a sentence that foresees rather than reports.
const FORESEEING: &[&str] = &[
    "will",
    "would",
    "could",
    "might",
    "may",
    "scheduled",
    "expected",
    "plans",
    "planned",
    "upcoming",
    "next",
    "set",
];

/// How many words before a day may name what it dates.
const BEFORE_WORDS: usize = 8;

/// One article's dating of a happening.
struct Dating<'s> {
    article: usize,
    happening: &'static str,
    day: NaiveDate,
    /// The day as written: "Tuesday", "on Wednesday".
    written: String,
    actors: BTreeSet<usize>,
    sentence: &'s str,
    span: Option<(usize, usize)>,
}

/// Happenings outlets date to different days.
pub(super) fn day_conflicts(
    articles: &[&Article],
    sentences: &[Vec<Sentence>],
    entities: &[Entity],
    names: &NameFinder,
) -> Vec<Fact> {
    let mut datings: Vec<Dating> = Vec::new();
    for (ai, ss) in sentences.iter().enumerate() {
        let base = articles[ai].text.as_ptr() as usize;
        for s in ss {
            let days = s
                .times
                .iter()
                .filter(|t| t.kind == Kind::Date && t.precision == Some(Precision::Day));
            let mut found = None;
            for t in days {
                let Some(day) = t.date else { continue };
                let Some(happening) = happening_beside(s.text, t.start, t.end) else {
                    continue;
                };
                let foreseen = found.get_or_insert_with(|| foresees(s.text));
                if *foreseen {
                    break;
                }
                let actors: BTreeSet<usize> = s
                    .names(names)
                    .iter()
                    .filter(|m| {
                        matches!(
                            entities[m.entity].kind,
                            EntityKind::Person | EntityKind::Organization
                        )
                    })
                    .map(|m| m.entity)
                    .collect();
                let start = (s.text.as_ptr() as usize).wrapping_sub(base);
                let span = (start + s.text.len() <= articles[ai].text.len())
                    .then_some((start, start + s.text.len()));
                datings.push(Dating {
                    article: ai,
                    happening,
                    day,
                    written: s.text[t.start..t.end].to_string(),
                    actors,
                    sentence: s.text,
                    span,
                });
            }
        }
    }
    let mut facts = Vec::new();
    let mut by_happening: BTreeMap<&str, Vec<&Dating>> = BTreeMap::new();
    for d in &datings {
        by_happening.entry(d.happening).or_default().push(d);
    }
    for (happening, list) in by_happening {
        // an article that gives two days for the happening says nothing sure of it
        let mut days_of: BTreeMap<usize, BTreeSet<NaiveDate>> = BTreeMap::new();
        for d in &list {
            days_of.entry(d.article).or_default().insert(d.day);
        }
        let sure: Vec<&Dating> = list
            .iter()
            .copied()
            .filter(|d| days_of[&d.article].len() == 1)
            .collect();
        // the datings that name one person or organisation, on days less than a week apart:
        // one happening (a letter weeks before is another letter); the first such group with
        // two days is the conflict
        let actors: BTreeSet<usize> = sure.iter().flat_map(|d| d.actors.iter().copied()).collect();
        let Some(sure) = actors.into_iter().find_map(|e| {
            let named: Vec<&Dating> = sure
                .iter()
                .copied()
                .filter(|d| d.actors.contains(&e))
                .collect();
            let days: BTreeSet<NaiveDate> = named.iter().map(|d| d.day).collect();
            within_a_week(&days).into_iter().find_map(|run| {
                (run.len() == 2).then(|| {
                    named
                        .iter()
                        .copied()
                        .filter(|d| run.contains(&d.day))
                        .collect::<Vec<&Dating>>()
                })
            })
        }) else {
            continue;
        };
        let days: BTreeSet<NaiveDate> = sure.iter().map(|d| d.day).collect();
        let (Some(first), Some(last)) = (days.first(), days.last()) else {
            continue;
        };
        let side = |day: NaiveDate| -> BTreeSet<usize> {
            sure.iter()
                .filter(|d| d.day == day)
                .map(|d| d.article)
                .collect()
        };
        let (a, b) = (side(*first), side(*last));
        let odd_day = match a.len().cmp(&b.len()) {
            std::cmp::Ordering::Less => Some(*first),
            std::cmp::Ordering::Greater => Some(*last),
            std::cmp::Ordering::Equal if a.len() == 1 => None,
            std::cmp::Ordering::Equal => continue, // two articles a side: say nothing
        };
        // side by side, the odd side last
        let mut ordered = sure.clone();
        ordered.sort_by_key(|d| (odd_day == Some(d.day), d.day != *first));
        let mut reported: BTreeSet<usize> = BTreeSet::new();
        let reports: Vec<FactReport> = ordered
            .iter()
            .filter(|d| reported.insert(d.article))
            .map(|d| {
                let chars = d.span.and_then(|s| char_span(&articles[d.article].text, s));
                FactReport {
                    article: articles[d.article].id.clone(),
                    text: d.written.clone(),
                    value: Some(day_in_words(d.day)),
                    sentence: d.sentence.to_string(),
                    start: chars.map(|c| c.0),
                    end: chars.map(|c| c.1),
                    odd: odd_day == Some(d.day),
                }
            })
            .collect();
        facts.push(Fact {
            about: format!("the day of the {happening}"),
            reports,
            relation: Relation::Conflict,
            sources: 0,
        });
    }
    facts
}

/// The one-off happening a day at `start..end` of `text` dates: the noun right after it ("a
/// Tuesday letter", "Monday's ruling") or the nearest before it in its clause.
fn happening_beside(text: &str, start: usize, end: usize) -> Option<&'static str> {
    let once = |w: &str| -> Option<&'static str> {
        let lower = w.to_lowercase();
        ONCE.iter().copied().find(|h| *h == lower)
    };
    let after = text[end..].trim_start_matches(['\'', '’', 's']);
    if after.starts_with(' ') {
        if let Some(h) = word_spans(after).first().and_then(|(_, w)| once(w)) {
            return Some(h);
        }
    }
    // the clause before the day: no stop, semicolon or comma between
    let clause_start = text[..start].rfind(['.', ';', ',']).map_or(0, |i| i + 1);
    word_spans(&text[clause_start..start])
        .into_iter()
        .rev()
        .take(BEFORE_WORDS)
        .find_map(|(_, w)| once(w))
}

fn foresees(text: &str) -> bool {
    word_spans(text)
        .iter()
        .any(|(_, w)| FORESEEING.iter().any(|f| w.eq_ignore_ascii_case(f)))
}

/// `days` in runs of days less than a week from the one before: "June 30" and "July 20, July
/// 21" are two runs.
fn within_a_week(days: &BTreeSet<NaiveDate>) -> Vec<BTreeSet<NaiveDate>> {
    let mut runs: Vec<BTreeSet<NaiveDate>> = Vec::new();
    let mut last: Option<NaiveDate> = None;
    for &d in days {
        match (last, runs.last_mut()) {
            (Some(l), Some(run)) if (d - l).num_days() <= 6 => {
                run.insert(d);
            }
            _ => runs.push(BTreeSet::from([d])),
        }
        last = Some(d);
    }
    runs
}

/// A day as people write it: "Tuesday, May 7".
fn day_in_words(d: NaiveDate) -> String {
    format!("{} {}", d.format("%A, %B"), d.day())
}
