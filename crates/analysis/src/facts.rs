//! Facts across outlets: the reports of the same figure or the same office, grouped, and how
//! they relate.
//!
//! Figures (from `dossier-figures`, in titles and body sentences) are reports of one fact when
//! they measure the same kind of thing (the same unit, or the same counted noun) or give the
//! same value, and their sentences share enough (people and organisations count one, places a
//! half, content words a half, the same kind and the same value one each). A group's reports
//! are read as intervals ("over four hours" is more than 4; "about 100" is 80 to 120): all
//! equal is `agree`; overlapping is `compatible`; apart, with a word of change in a report
//! ("condensed to", "revised", "cut to"), `changed`; apart and dated on different days (two
//! nights' drone attacks) they are different facts; otherwise `conflict`, the minority value
//! marked as the odd one out. A figure only one article gives is kept as `single-source` when
//! it is a percentage, money, an area or a count of a thousand or more.
//!
//! Offices: where some articles call a person "former" president and others president, that
//! is a `conflict` too, the minority side marked.

use crate::names::{NameFinder, NameMatch};
use crate::reading::Sentence;
use crate::terms::{content_stems, stem, Stems};
use chrono::NaiveDate;
use dossier_figures::{quantities, Dimension, Qualifier, Quantity};
use dossier_model::{Article, Entity, EntityKind, Fact, FactReport, Relation};
use dossier_time::{Kind, Precision};
use once_cell::sync::Lazy;
use regex::Regex;
use std::collections::HashSet;

/// Least evidence for two figures to report the same fact.
const SAME_FACT: f32 = 2.0;

/// Words that say a figure changed over time.
static CHANGE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:condensed|revised|reduced|cut|raised|increased|lowered|updated|amended|trimmed|expanded|scaled back|down from|up from|pared|shortened|narrowed|now)(?-u:\b)")
        .expect("a valid pattern")
});

/// One figure as one article reports it.
struct Report {
    article: usize,
    text: String,
    sentence: String,
    quantity: Quantity,
    /// The unit's name, or "count:" and the stem of what is counted.
    kind: String,
    entities: HashSet<usize>,
    words: Stems,
    /// The last day the article named at or before this sentence (nearby).
    day: Option<NaiveDate>,
}

/// The facts of a story.
pub fn story_facts(
    articles: &[&Article],
    sentences: &[Vec<Sentence>],
    entities: &[Entity],
    names: &NameFinder,
) -> Vec<Fact> {
    let mut reports = Vec::new();
    for (ai, (a, ss)) in articles.iter().zip(sentences).enumerate() {
        if let Some(t) = &a.title {
            let about = || (entity_set(&names.find(t)), content_stems(t, |_| false));
            collect(ai, t, &quantities(t), &[], None, about, &mut reports);
        }
        let mut last_day: Option<(NaiveDate, usize)> = None;
        for s in ss {
            if let Some(d) = s
                .times
                .iter()
                .filter(|t| t.precision == Some(Precision::Day))
                .filter_map(|t| t.date)
                .next_back()
            {
                last_day = Some((d, s.paragraph));
            }
            // a date named within the last few paragraphs still dates the sentence
            let day = last_day
                .filter(|(_, p)| s.paragraph <= p + 8)
                .map(|(d, _)| d);
            collect(
                ai,
                s.text,
                &s.quantities,
                &s.times,
                day,
                || (entity_set(s.names(names)), s.stems().clone()),
                &mut reports,
            );
        }
    }
    let mut facts = figure_facts(articles, &reports, entities);
    facts.extend(office_conflicts(articles, sentences, entities, names));
    facts
}

/// The entities of a text's name matches.
fn entity_set(found: &[NameMatch]) -> HashSet<usize> {
    found.iter().map(|m| m.entity).collect()
}

/// Adds the reports of `text`'s quantities to `out`; `about` gives the text's entities and
/// content stems, asked for once, when the text has a quantity worth reporting.
fn collect(
    article: usize,
    text: &str,
    found_quantities: &[Quantity],
    times: &[dossier_time::TimeExpression],
    day: Option<NaiveDate>,
    about: impl FnOnce() -> (HashSet<usize>, Stems),
    out: &mut Vec<Report>,
) {
    let mut about = Some(about);
    let mut found = None;
    for q in found_quantities {
        let is_date = times.iter().any(|t| {
            matches!(t.kind, Kind::Date | Kind::Time) && t.start < q.end && q.start < t.end
        });
        if is_date || q.conversion {
            continue;
        }
        let kind = match (&q.unit, &q.counts) {
            (Some(u), _) => u.name.to_string(),
            (None, Some(c)) => match head_noun(c) {
                Some(h) => format!("count:{}", stem(&h.to_lowercase())),
                None => continue,
            },
            (None, None) => continue,
        };
        let (entities, words) =
            found.get_or_insert_with(|| about.take().expect("asked for once")());
        out.push(Report {
            article,
            text: text[q.start..q.end].to_string(),
            sentence: text.to_string(),
            kind,
            entities: entities.clone(),
            words: words.clone(),
            day,
            quantity: q.clone(),
        });
    }
}

/// The noun a counted phrase is about: its last word before "and"/"or" ("points", "drones",
/// "proposals" of "U.S. draft peace proposals").
fn head_noun(counts: &str) -> Option<String> {
    let first_part = counts
        .split([' '])
        .take_while(|w| !matches!(*w, "and" | "or"));
    first_part
        .filter(|w| w.chars().any(char::is_alphabetic) && !w.ends_with('.'))
        .last()
        .map(str::to_string)
}

fn is_dimensionless(r: &Report) -> bool {
    r.quantity.unit.is_none()
}

fn evidence(a: &Report, b: &Report, entities: &[Entity]) -> f32 {
    let named: f32 = a
        .entities
        .intersection(&b.entities)
        .map(|&i| match entities[i].kind {
            EntityKind::Place => 0.5,
            _ => 1.0,
        })
        .sum();
    let same_kind = if a.kind == b.kind { 1.0 } else { 0.0 };
    // the same small number ("two people", "two men") says little
    let same_value = if a.quantity.value == b.quantity.value && a.quantity.value.abs() >= 10.0 {
        1.0
    } else {
        0.0
    };
    named + 0.5 * a.words.intersection(&b.words).count() as f32 + same_kind + same_value
}

/// Whether two reports could measure the same thing at all.
fn comparable(a: &Report, b: &Report) -> bool {
    let dim = |r: &Report| r.quantity.unit.map(|u| u.dimension);
    if dim(a) != dim(b) || is_dimensionless(a) != is_dimensionless(b) {
        return false;
    }
    if a.kind != b.kind && (a.quantity.value != b.quantity.value || a.quantity.value.abs() < 10.0) {
        return false;
    }
    let (x, y) = (a.quantity.value.abs(), b.quantity.value.abs());
    x.max(y) <= 2.0 * x.min(y).max(f64::MIN_POSITIVE)
}

/// The values a report allows, as a closed interval.
fn interval(q: &Quantity) -> (f64, f64) {
    let v = q.value;
    let hi = q.upper.unwrap_or(v);
    match q.qualifier {
        Some(Qualifier::MoreThan) => (v + f64::EPSILON * v.abs().max(1.0), f64::INFINITY),
        Some(Qualifier::AtLeast) => (v, f64::INFINITY),
        Some(Qualifier::LessThan) => (f64::NEG_INFINITY, v - f64::EPSILON * v.abs().max(1.0)),
        Some(Qualifier::AtMost) => (f64::NEG_INFINITY, v),
        Some(Qualifier::About) => (v * 0.8, hi * 1.2),
        Some(Qualifier::Nearly) => (v * 0.85, hi),
        None => (v, hi),
    }
}

fn figure_facts(articles: &[&Article], reports: &[Report], entities: &[Entity]) -> Vec<Fact> {
    // group: each report joins the group holding its best match, if good enough
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, r) in reports.iter().enumerate() {
        let best = groups
            .iter()
            .enumerate()
            .filter_map(|(gi, g)| {
                g.iter()
                    .filter(|&&k| comparable(&reports[k], r))
                    .map(|&k| evidence(&reports[k], r, entities))
                    .fold(None, |m: Option<f32>, e| Some(m.map_or(e, |m| m.max(e))))
                    .map(|score| (gi, score))
            })
            .filter(|&(_, score)| score >= SAME_FACT)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        match best {
            Some((gi, _)) => groups[gi].push(i),
            None => groups.push(vec![i]),
        }
    }
    let mut facts = Vec::new();
    for g in groups {
        for part in split_by_day(&g, reports) {
            if let Some(f) = fact_of(articles, &part, reports) {
                facts.push(f);
            }
        }
    }
    facts
}

/// Reports that cannot all be true and are dated on different days tell of different
/// happenings (two nights' attacks): one group per day then.
fn split_by_day(g: &[usize], reports: &[Report]) -> Vec<Vec<usize>> {
    if compatible(g, reports) || has_change(g, reports) {
        return vec![g.to_vec()];
    }
    let days: HashSet<Option<NaiveDate>> = g.iter().map(|&k| reports[k].day).collect();
    if days.len() < 2 || days.contains(&None) {
        return vec![g.to_vec()];
    }
    let mut parts: Vec<Vec<usize>> = Vec::new();
    for &k in g {
        match parts
            .iter_mut()
            .find(|p| reports[p[0]].day == reports[k].day)
        {
            Some(p) => p.push(k),
            None => parts.push(vec![k]),
        }
    }
    parts
}

fn compatible(g: &[usize], reports: &[Report]) -> bool {
    let (lo, hi) = g
        .iter()
        .fold((f64::NEG_INFINITY, f64::INFINITY), |(lo, hi), &k| {
            let (a, b) = interval(&reports[k].quantity);
            (lo.max(a), hi.min(b))
        });
    lo <= hi
}

fn has_change(g: &[usize], reports: &[Report]) -> bool {
    g.iter().any(|&k| CHANGE.is_match(&reports[k].sentence))
}

fn value_text(q: &Quantity) -> String {
    let n = |v: f64| {
        if v.fract() == 0.0 {
            format!("{}", v as i64)
        } else {
            format!("{v}")
        }
    };
    let mut s = String::new();
    if let Some(x) = q.qualifier {
        s.push_str(&x.as_str().replace('-', " "));
        s.push(' ');
    }
    s.push_str(&n(q.value));
    if let Some(u) = q.upper {
        s.push_str(&format!("–{}", n(u)));
    }
    match (&q.unit, &q.counts) {
        (Some(u), _) => s.push_str(&format!(" {}", u.name)),
        (None, Some(c)) => s.push_str(&format!(" {c}")),
        _ => {}
    }
    if let Some(p) = &q.per {
        s.push_str(&format!(" per {p}"));
    }
    s
}

/// A figure worth listing when only one article gives it.
fn notable(q: &Quantity) -> bool {
    matches!(
        q.unit.map(|u| u.dimension),
        Some(Dimension::Percent | Dimension::Currency | Dimension::Area)
    ) || q.unit.is_none() && q.value.abs().max(q.upper.unwrap_or(0.0)) >= 1000.0
}

fn fact_of(articles: &[&Article], g: &[usize], reports: &[Report]) -> Option<Fact> {
    let ids: HashSet<usize> = g.iter().map(|&k| reports[k].article).collect();
    let first = &reports[g[0]];
    let relation = if ids.len() < 2 {
        if !notable(&first.quantity) {
            return None;
        }
        Relation::SingleSource
    } else {
        let values: HashSet<String> = g
            .iter()
            .map(|&k| {
                let q = &reports[k].quantity;
                format!(
                    "{:?} {} {:?} {:?}",
                    q.qualifier,
                    q.value,
                    q.upper,
                    q.unit.map(|u| u.name)
                )
            })
            .collect();
        if values.len() == 1 {
            Relation::Agree
        } else if compatible(g, reports) {
            Relation::Compatible
        } else if has_change(g, reports) {
            Relation::Changed
        } else {
            Relation::Conflict
        }
    };
    // the odd one out of a conflict: reports whose value fewer articles give
    let odd: HashSet<usize> = if relation == Relation::Conflict {
        let support = |k: usize| {
            g.iter()
                .filter(|&&j| reports[j].quantity.value == reports[k].quantity.value)
                .map(|&j| reports[j].article)
                .collect::<HashSet<_>>()
                .len()
        };
        let most = g.iter().map(|&k| support(k)).max().unwrap_or(0);
        g.iter().copied().filter(|&k| support(k) < most).collect()
    } else {
        HashSet::new()
    };
    let about = match (
        &first.quantity.unit,
        head_noun(first.quantity.counts.as_deref().unwrap_or("")),
    ) {
        (Some(u), Some(c)) => format!("{c}, in {}s", u.name),
        (Some(u), None) => format!("in {}s", u.name),
        (None, Some(c)) => c,
        (None, None) => first.text.clone(),
    };
    Some(Fact {
        about,
        reports: g
            .iter()
            .map(|&k| {
                let r = &reports[k];
                FactReport {
                    article: articles[r.article].id.clone(),
                    text: r.text.clone(),
                    value: Some(value_text(&r.quantity)),
                    sentence: r.sentence.clone(),
                    odd: odd.contains(&k),
                }
            })
            .collect(),
        relation,
        sources: 0,
    })
}

/// Offices written before a name.
const OFFICES: &[&str] = &[
    "president",
    "prime minister",
    "chancellor",
    "minister",
    "secretary",
    "envoy",
    "governor",
    "senator",
    "mayor",
    "spokesman",
    "spokeswoman",
    "ambassador",
    "leader",
    "king",
    "queen",
];

/// People called "former" in some articles and not in others, for the same office.
fn office_conflicts(
    articles: &[&Article],
    sentences: &[Vec<Sentence>],
    entities: &[Entity],
    names: &NameFinder,
) -> Vec<Fact> {
    // (entity, office) -> per article: (article, former?, the words as written)
    type Mentions = Vec<(usize, bool, String)>;
    let mut seen: std::collections::BTreeMap<(usize, &str), Mentions> = Default::default();
    for (ai, ss) in sentences.iter().enumerate() {
        for s in ss {
            for m in s.names(names) {
                if entities[m.entity].kind != EntityKind::Person {
                    continue;
                }
                let before: Vec<&str> =
                    s.text[..m.start].split_whitespace().rev().take(5).collect();
                let window = before
                    .iter()
                    .rev()
                    .map(|w| w.to_lowercase())
                    .collect::<Vec<_>>()
                    .join(" ");
                let Some(office) = OFFICES.iter().find(|o| {
                    window.ends_with(*o) || window.split(' ').rev().take(3).any(|w| w == **o)
                }) else {
                    continue;
                };
                let at = window.rfind(office).unwrap_or(0);
                let former = window[..at]
                    .split_whitespace()
                    .rev()
                    .take(3)
                    .any(|w| matches!(w, "former" | "ex" | "then") || w.starts_with("ex-"));
                let mut words: Vec<&str> = before.clone();
                words.reverse();
                let written = format!("{} {}", words.join(" "), &s.text[m.start..m.end]);
                let list = seen.entry((m.entity, office)).or_default();
                if !list.iter().any(|(a, _, _)| *a == ai) {
                    list.push((ai, former, written));
                }
            }
        }
    }
    let mut facts = Vec::new();
    for ((e, office), list) in seen {
        let former = list.iter().filter(|x| x.1).count();
        let current = list.len() - former;
        if former == 0 || current == 0 {
            continue;
        }
        let odd_is_former = former < current;
        facts.push(Fact {
            about: format!("{}'s office ({office})", entities[e].name),
            reports: list
                .into_iter()
                .map(|(ai, f, written)| FactReport {
                    article: articles[ai].id.clone(),
                    value: Some(if f {
                        format!("former {office}")
                    } else {
                        office.to_string()
                    }),
                    sentence: String::new(),
                    odd: f == odd_is_former && former != current,
                    text: written,
                })
                .collect(),
            relation: Relation::Conflict,
            sources: 0,
        });
    }
    facts
}
