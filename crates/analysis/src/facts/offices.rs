//! Offices across outlets: "former President X" in one article, "President X" telling of the
//! present in another. "then-President X", and "President X" in past-tense reporting of older
//! events, say nothing about now and are left out.

use super::char_span;
use super::reading::word_spans;
use crate::names::{NameFinder, NameMatch};
use crate::reading::Sentence;
use chrono::NaiveDate;
use dossier_model::{Article, Entity, EntityKind, Fact, FactReport, Relation};
use dossier_time::{Kind, Precision, TimeExpression};
use once_cell::sync::Lazy;
use regex::Regex;
use std::collections::BTreeMap;

/// Offices written before a name, the longer first.
#[rustfmt::skip]
const OFFICES: &[&str] = &[
    "vice president", "prime minister", "attorney general", "secretary of state", "president",
    "chancellor", "minister", "secretary", "envoy", "governor", "senator", "mayor", "spokesman",
    "spokeswoman", "ambassador", "leader", "king", "queen",
];

/// What one mention says of a person's office.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tenure {
    /// "former President X": not now.
    Former,
    /// "President X" in a sentence about the present: now.
    Now,
}

/// A present or future verb after a name: the sentence tells of now.
static PRESENT: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?:['’]s)?(?:[[:space:]]+[[:alnum:]_-]+){0,2}?[[:space:]]+(?:is|are|has|have|will|says|say|wants|plans|hopes|would like)(?-u:\b)")
        .expect("a valid pattern")
});

/// People called "former" in some articles and holding the office now in others.
pub(super) fn office_conflicts(
    articles: &[&Article],
    sentences: &[Vec<Sentence>],
    entities: &[Entity],
    names: &NameFinder,
) -> Vec<Fact> {
    struct Mention<'s> {
        article: usize,
        tenure: Tenure,
        written: String,
        sentence: &'s str,
        span: Option<(usize, usize)>,
    }
    let mut seen: BTreeMap<(usize, &str), Vec<Mention>> = BTreeMap::new();
    for (ai, ss) in sentences.iter().enumerate() {
        let a = articles[ai];
        let base = a.text.as_ptr() as usize;
        for s in ss {
            for m in s.names(names) {
                if entities[m.entity].kind != EntityKind::Person {
                    continue;
                }
                let Some((office, tenure, from)) = office_before(s, m, a.published) else {
                    continue;
                };
                let start = (s.text.as_ptr() as usize).wrapping_sub(base);
                let span =
                    (start + s.text.len() <= a.text.len()).then_some((start, start + s.text.len()));
                seen.entry((m.entity, office)).or_default().push(Mention {
                    article: ai,
                    tenure,
                    written: s.text[from..m.end].to_string(),
                    sentence: s.text,
                    span,
                });
            }
        }
    }
    let mut facts = Vec::new();
    for ((e, office), list) in seen {
        // one say per article: an article that says both says nothing sure
        let mut by_article: BTreeMap<usize, Vec<&Mention>> = BTreeMap::new();
        for m in &list {
            by_article.entry(m.article).or_default().push(m);
        }
        let mut chosen: Vec<&Mention> = Vec::new();
        for ms in by_article.values() {
            let first = ms[0].tenure;
            if ms.iter().all(|m| m.tenure == first) {
                chosen.push(ms[0]);
            }
        }
        let former = chosen.iter().filter(|m| m.tenure == Tenure::Former).count();
        let now = chosen.len() - former;
        if former == 0 || now == 0 {
            continue;
        }
        let odd_tenure = match former.cmp(&now) {
            std::cmp::Ordering::Less => Some(Tenure::Former),
            std::cmp::Ordering::Greater => Some(Tenure::Now),
            std::cmp::Ordering::Equal => None,
        };
        facts.push(Fact {
            about: format!("{}'s office", entities[e].name),
            reports: chosen
                .into_iter()
                .map(|m| {
                    let chars = m.span.and_then(|s| char_span(&articles[m.article].text, s));
                    FactReport {
                        article: articles[m.article].id.clone(),
                        value: Some(match m.tenure {
                            Tenure::Former => format!("former {office}"),
                            Tenure::Now => office.to_string(),
                        }),
                        sentence: m.sentence.to_string(),
                        start: chars.map(|c| c.0),
                        end: chars.map(|c| c.1),
                        odd: odd_tenure == Some(m.tenure),
                        text: m.written.clone(),
                    }
                })
                .collect(),
            relation: Relation::Conflict,
            sources: 0,
        });
    }
    facts
}

/// The office written before a person's name, what the mention says of it now, and where the
/// office's words (with their hedge) begin; `None` when it says nothing of now.
fn office_before(
    s: &Sentence,
    m: &NameMatch,
    published: Option<NaiveDate>,
) -> Option<(&'static str, Tenure, usize)> {
    // the last words before the name: enough for "the former US Secretary of State"
    let mut from = m.start.saturating_sub(80);
    while !s.text.is_char_boundary(from) {
        from += 1;
    }
    let before = &s.text[..m.start];
    let spans: Vec<(usize, &str)> = word_spans(&before[from..])
        .into_iter()
        .map(|(at, w)| (from + at, w))
        .collect();
    let (last_at, last_word) = *spans.last()?;
    // nothing but spaces between the office and the name
    if !before[last_at + last_word.len()..].trim().is_empty() {
        return None;
    }
    let tail: Vec<(usize, String)> = spans[spans.len().saturating_sub(8)..]
        .iter()
        .map(|(at, w)| (*at, w.to_lowercase()))
        .collect();
    let n = tail.len();
    // the office's words end the tail; the last may carry a hedge: "then-president"
    let (office, first, hedge) = OFFICES.iter().copied().find_map(|o| {
        let words: Vec<&str> = o.split(' ').collect();
        let k = words.len();
        if n < k
            || tail[n - k..n - 1]
                .iter()
                .map(|(_, w)| w.as_str())
                .ne(words[..k - 1].iter().copied())
        {
            return None;
        }
        let last = tail[n - 1].1.as_str();
        let hedge = if last == words[k - 1] {
            None
        } else {
            Some(
                last.strip_suffix(words[k - 1])?
                    .strip_suffix('-')?
                    .to_string(),
            )
        };
        Some((o, n - k, hedge))
    })?;
    let mut from = tail[first].0;
    let mut hedge = hedge;
    if hedge.is_none() {
        // "former US President": a hedge, perhaps a country between it and the office
        for (at, w) in tail[..first].iter().rev().take(3) {
            if HEDGES.contains(&w.as_str()) {
                hedge = Some(w.clone());
                from = *at;
                break;
            }
            let country_like =
                w.len() <= 4 || w.ends_with("an") || w.ends_with("ish") || w.ends_with("ese");
            if !country_like {
                break;
            }
        }
    }
    match hedge.as_deref() {
        Some("former" | "ex" | "onetime" | "one-time" | "erstwhile") => {
            Some((office, Tenure::Former, from))
        }
        Some(_) => None, // "then-President", "the late President": of then, not of now
        None => tells_of_now(s, m, published).then_some((office, Tenure::Now, from)),
    }
}

/// Words before an office that say its holder held it once: no longer, or then (which says
/// nothing of now).
#[rustfmt::skip]
const HEDGES: &[&str] = &[
    "former", "ex", "onetime", "one-time", "erstwhile", "then", "late",
];

/// Whether a sentence naming a person tells of the present: a present or future verb in the
/// name's clause, or a day of the week, "today" or a date within days of publication, and no
/// date older than a month.
fn tells_of_now(s: &Sentence, m: &NameMatch, published: Option<NaiveDate>) -> bool {
    // "President X has said", "President X's envoy will meet"
    if PRESENT.is_match(&s.text[m.end..].to_lowercase()) {
        return true;
    }
    let dated: Vec<&TimeExpression> = s.times.iter().filter(|t| t.kind == Kind::Date).collect();
    let old = |d: NaiveDate| published.is_some_and(|p| d + chrono::Duration::days(31) < p);
    if dated.iter().any(|t| t.date.is_some_and(old)) {
        return false;
    }
    dated.iter().any(|t| {
        let near_day = matches!(t.precision, Some(Precision::Day | Precision::Week));
        match (t.date, published) {
            (Some(d), Some(p)) => near_day && (d - p).num_days().abs() <= 10,
            (Some(_), None) => near_day && t.relative,
            (None, _) => t.weekday.is_some() || t.relative,
        }
    })
}
