//! The dated happenings of a story, merged across outlets.
//!
//! Every sentence with a calendar date in it (resolved by `dossier-time` against its article's
//! date) is a report of an event. Reports from different articles are one event when their
//! dates agree (a week or month that contains the other's day counts) and they share enough:
//! people and organisations count one, places a half (they recur in every sentence of a
//! story), shared content words a half each. An article reports an event once. A weekday no
//! date anchored ("on Tuesday" in an undated article) takes the date of the matching report of
//! another article that falls on that weekday; otherwise it stays unresolved.

use crate::names::NameFinder;
use crate::reading::Sentence;
use crate::terms::{content_stems, Stems};
use chrono::{Datelike, NaiveDate, Weekday};
use dossier_model::{Entity, EntityKind, Event};
use dossier_time::{Precision, TimeExpression};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Least shared evidence for two reports to be one event.
const SAME_EVENT: f32 = 2.0;

/// One report of an event: a dated sentence of one article.
struct Report<'a> {
    article: usize,
    sentence: &'a str,
    when: &'a str,
    date: Option<NaiveDate>,
    precision: Option<Precision>,
    value: String,
    weekday: Option<Weekday>,
    entities: HashSet<usize>,
    words: Stems,
}

/// The events of a story: `articles` are its member ids, `sentences` each member's sentences,
/// `entities` the story's entities and `names` their finder. Sorted by date; unresolved ones
/// last.
pub fn story_events(
    articles: &[&str],
    sentences: &[Vec<Sentence>],
    entities: &[Entity],
    names: &NameFinder,
) -> Vec<Event> {
    let mut reports: Vec<Report> = Vec::new();
    for (ai, ss) in sentences.iter().enumerate() {
        for s in ss {
            for t in s.times.iter().filter(|t| is_event_date(t)) {
                reports.push(Report {
                    article: ai,
                    sentence: s.text,
                    when: &s.text[t.start..t.end],
                    date: t.date,
                    precision: t.precision,
                    value: t.value.clone(),
                    weekday: t.weekday,
                    // names of two letters ("US") are too common to tie reports together
                    entities: s
                        .names(names)
                        .iter()
                        .filter(|m| m.end - m.start >= 3)
                        .map(|m| m.entity)
                        .collect(),
                    words: content_stems(s.text, is_calendar_word),
                });
            }
        }
    }
    resolve_weekdays(&mut reports, entities);
    // Day-precise reports first, so coarser ones can join the day they contain.
    let mut order: Vec<usize> = (0..reports.len()).collect();
    order.sort_by_key(|&i| (reports[i].precision.is_none(), reports[i].precision, i));
    let mut groups: Vec<Vec<usize>> = Vec::new();
    // Groups by their lead's value, and day-precise groups by day: a report is compared only
    // with the groups its date can agree with (see `dates_agree`), not with every group.
    let mut by_value: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_day: BTreeMap<NaiveDate, Vec<usize>> = BTreeMap::new();
    for i in order {
        let r = &reports[i];
        let mut candidates: Vec<usize> =
            by_value.get(r.value.as_str()).cloned().unwrap_or_default();
        if let (Some(start), Some(p)) = (r.date, r.precision) {
            let end = match p {
                Precision::Week => Some(start + chrono::Duration::days(7)),
                Precision::Month => start.checked_add_months(chrono::Months::new(1)),
                _ => None,
            };
            if let Some(end) = end {
                candidates.extend(
                    by_day
                        .range(start..end)
                        .flat_map(|(_, g)| g.iter().copied()),
                );
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        let best = candidates
            .into_iter()
            .map(|gi| (gi, &groups[gi]))
            .filter(|(_, g)| g.iter().all(|&k| reports[k].article != r.article))
            .filter(|(_, g)| dates_agree(&reports[g[0]], r))
            .map(|(gi, g)| {
                let score = g
                    .iter()
                    .map(|&k| shared(&reports[k], r, entities))
                    .fold(0.0f32, f32::max);
                (gi, score)
            })
            .filter(|&(_, score)| score >= SAME_EVENT)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        match best {
            Some((gi, _)) => groups[gi].push(i),
            None => {
                let gi = groups.len();
                groups.push(vec![i]);
                by_value.entry(r.value.as_str()).or_default().push(gi);
                if let (Some(day), Some(Precision::Day)) = (r.date, r.precision) {
                    by_day.entry(day).or_default().push(gi);
                }
            }
        }
    }
    let mut events: Vec<Event> = groups
        .into_iter()
        .map(|g| {
            let first = &reports[g[0]];
            let mut ids: Vec<usize> = g.iter().map(|&k| reports[k].article).collect();
            ids.sort();
            ids.dedup();
            Event {
                date: first.value.clone(),
                precision: first
                    .precision
                    .filter(|_| first.date.is_some())
                    .map_or("unresolved", Precision::as_str)
                    .to_string(),
                text: first.sentence.to_string(),
                when: first.when.to_string(),
                articles: ids.into_iter().map(|k| articles[k].to_string()).collect(),
                evidence: Vec::new(),
            }
        })
        .collect();
    events.sort_by(|a, b| {
        let unresolved = |e: &Event| e.precision == "unresolved";
        (unresolved(a), &a.date)
            .cmp(&(unresolved(b), &b.date))
            .then(b.articles.len().cmp(&a.articles.len()))
    });
    events
}

/// A date that places a happening: a day, week, month, quarter or year (not "now", not a
/// duration), or a weekday or day of a month still to be anchored.
fn is_event_date(t: &TimeExpression) -> bool {
    match t.kind {
        dossier_time::Kind::Date | dossier_time::Kind::Time => {
            t.date.is_some() || t.weekday.is_some() || t.value.starts_with("XXXX-")
        }
        _ => false,
    }
}

fn is_calendar_word(w: &str) -> bool {
    dossier_time::calendar::month(w).is_some()
        || dossier_time::calendar::weekday(w).is_some()
        || matches!(
            w,
            "week" | "weeks" | "month" | "months" | "year" | "years" | "today"
        )
}

/// Evidence that two reports tell of the same happening.
fn shared(a: &Report, b: &Report, entities: &[Entity]) -> f32 {
    let people: f32 = a
        .entities
        .intersection(&b.entities)
        .map(|&i| match entities[i].kind {
            EntityKind::Place => 0.5,
            _ => 1.0,
        })
        .sum();
    people + 0.5 * a.words.intersection(&b.words).count() as f32
}

/// Whether `r` may report the same happening as the group led by `lead` (the group's most
/// precise report): the same value, or a coarser date that contains the lead's day.
fn dates_agree(lead: &Report, r: &Report) -> bool {
    if lead.value == r.value {
        return true;
    }
    let (Some(day), Some(start), Some(p)) = (lead.date, r.date, r.precision) else {
        return false;
    };
    if lead.precision != Some(Precision::Day) {
        return false;
    }
    match p {
        Precision::Week => day >= start && day < start + chrono::Duration::days(7),
        Precision::Month => day.year() == start.year() && day.month() == start.month(),
        _ => false,
    }
}

/// Gives an unanchored weekday the date of the best-matching dated report of another article
/// that falls on that weekday.
fn resolve_weekdays(reports: &mut [Report], entities: &[Entity]) {
    for i in 0..reports.len() {
        let Some(w) = reports[i].weekday.filter(|_| reports[i].date.is_none()) else {
            continue;
        };
        let best = (0..reports.len())
            .filter(|&k| {
                reports[k].article != reports[i].article
                    && reports[k].precision == Some(Precision::Day)
                    && reports[k].date.is_some_and(|d| d.weekday() == w)
            })
            .map(|k| (k, shared(&reports[k], &reports[i], entities)))
            .filter(|&(_, s)| s >= SAME_EVENT)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((k, _)) = best {
            let (date, value) = (reports[k].date, reports[k].value.clone());
            let r = &mut reports[i];
            r.date = date;
            r.value = value;
            r.precision = Some(Precision::Day);
            r.weekday = None;
        }
    }
}
