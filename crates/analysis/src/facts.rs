//! Facts across outlets: the reports of the same quantity or the same office, grouped, and how
//! they relate.
//!
//! Each figure of a title or body sentence (from `dossier-figures`, dates left out) and each
//! vote tally ("passed 61-38") is read with what tells one quantity from another: what it
//! measures (its unit, the noun it counts: "12 firefighters", "a 6-person crew"), what
//! it stands for in its clause (a forecast or estimate, a goal or request, the value before a
//! change, the size of a change, a part, a total: "expected", "aiming for", "from 4.1%",
//! "fell 12,000 to", "two fellow climbers", "in total"), the time frame named beside it
//! ("in July", "last month"), the places named beside it and the people or organisations named
//! before it (the winner's share is not the loser's), all within its window of the sentence:
//! its clause, cut where the next figure's words begin.
//!
//! Reports of different articles join one fact when they measure the same thing, nothing of
//! the above tells them apart, and their sentences share enough (people and organisations
//! count one, places a half, content words a half, the same counted noun and the same value
//! one each). A group's reports are read as intervals: hedges ("over four hours" is more than
//! 4, "about 100" is 80 to 120) and visible rounding ("1.2 million" is 1.15 to 1.25 million,
//! "$40 billion" is 39.5 to 40.5 billion) widen them. All equal is `agree`; overlapping is
//! `compatible`; apart with a word of change beside a figure ("condensed to", "revised",
//! "rose to") `changed`; apart and dated on different days (two nights' drone attacks) they
//! are different facts. Otherwise the group is a `conflict` only when it passes a stricter
//! test: two sides, each article on one of them; both reports are actual values, each the
//! only figure of its kind in its sentence, within a factor of 1.5 of each other, naming a
//! common person or organisation and a common word of what happened beside the figure
//! ("waited", "killed"), and what is disputed can be named in words. A group that fails is
//! split into its agreeing parts: a conflict claimed on two different quantities is the worst
//! error here. A figure only one article gives is kept as `single-source` when it is a
//! percentage, money, an area or a count of a thousand or more.
//!
//! Offices: "former President X" says X holds the office no longer; "President X" says X holds
//! it now only where the sentence tells of the present (a present or future verb after the
//! name, a day of the week or a date within days of publication); "then-President X", and
//! "President X" in past-tense reporting of older events, say nothing about now. Where some
//! articles say former and others say now, that is a `conflict`, the minority side marked.

mod days;
mod offices;
mod reading;

use crate::names::NameFinder;
use crate::reading::Sentence;
use crate::terms::content_stems;
use chrono::NaiveDate;
use dossier_figures::{quantities, written, Dimension, Qualifier};
use dossier_model::{Article, Entity, Fact, FactReport, Relation};
use dossier_time::{find_times, Precision};
use reading::{
    could_be_date, kind_in_words, may_hold_tally, sentence_reports, Figure, Measure, Place, Report,
    Role,
};
use rustc_hash::FxHashMap;
use std::collections::HashSet;

/// Least evidence for two figures to report the same fact.
const SAME_FACT: f32 = 2.0;

/// Two values further apart than this ratio are never claimed as one quantity in dispute.
const CONFLICT_RATIO: f64 = 1.5;

/// A bound ("more than", "at least", "up to") and another value this far apart or more are
/// two quantities.
const BOUND_RATIO: f64 = 1.25;

/// An estimate ("about", "nearly") and a plain value further apart than this are two
/// quantities.
const ESTIMATE_RATIO: f64 = 1.1;

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
            let found = quantities(t);
            if !found.is_empty() || may_hold_tally(t) {
                // dates are read only where a figure could be one ("2026", "Dec. 3", "two
                // days ago")
                let times = if found.iter().any(could_be_date) {
                    find_times(t, a.published)
                } else {
                    Vec::new()
                };
                let place = Place {
                    article: ai,
                    text: t,
                    span: None,
                    times: &times,
                    day: None,
                };
                let about = || (names.find(t), content_stems(t, |_| false));
                sentence_reports(&place, &found, about, entities, &mut reports);
            }
        }
        let base = a.text.as_ptr() as usize;
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
            if s.quantities.is_empty() && !may_hold_tally(s.text) {
                continue;
            }
            // a date named within the last few paragraphs still dates the sentence
            let day = last_day
                .filter(|(_, p)| s.paragraph <= p + 8)
                .map(|(d, _)| d);
            let start = (s.text.as_ptr() as usize).wrapping_sub(base);
            let span =
                (start + s.text.len() <= a.text.len()).then_some((start, start + s.text.len()));
            let place = Place {
                article: ai,
                text: s.text,
                span,
                times: &s.times,
                day,
            };
            let about = || (s.names(names).to_vec(), s.stems().clone());
            sentence_reports(&place, &s.quantities, about, entities, &mut reports);
        }
    }
    let mut facts = figure_facts(articles, &reports);
    facts.extend(offices::office_conflicts(
        articles, sentences, entities, names,
    ));
    facts.extend(days::day_conflicts(articles, sentences, entities, names));
    facts
}

/// The values a report allows, as a closed interval.
fn interval(r: &Report) -> (f64, f64) {
    let q = match &r.figure {
        Figure::Quantity(q) => q,
        Figure::Tally(a, b) => {
            let v = f64::from(*a) * 1000.0 + f64::from(*b);
            return (v, v);
        }
    };
    let v = q.value;
    let hi = q.upper.unwrap_or(v);
    // rounding, but never more than a tenth of the value: "$2 trillion" is not $1.1 trillion
    let slack = r.slack.min(0.1 * v.abs());
    let (lo, hi) = (v - slack, hi + slack);
    match q.qualifier {
        Some(Qualifier::MoreThan) => (v + f64::EPSILON * v.abs().max(1.0), f64::INFINITY),
        Some(Qualifier::AtLeast) => (v, f64::INFINITY),
        Some(Qualifier::LessThan) => (f64::NEG_INFINITY, v - f64::EPSILON * v.abs().max(1.0)),
        Some(Qualifier::AtMost) => (f64::NEG_INFINITY, v),
        Some(Qualifier::About) => (lo.min(v * 0.8), hi.max(q.upper.unwrap_or(v) * 1.2)),
        Some(Qualifier::Nearly) => (lo.min(v * 0.85), hi.max(v)),
        None => (lo, hi),
    }
}

/// The size of a report's value, for comparing magnitudes.
fn magnitude(r: &Report) -> f64 {
    match &r.figure {
        Figure::Quantity(q) => q.value.abs(),
        Figure::Tally(a, b) => f64::from(a + b),
    }
}

fn compatible_pair(a: &Report, b: &Report) -> bool {
    let (x, y) = (interval(a), interval(b));
    x.0 <= y.1 && y.0 <= x.1
}

/// Whether two reports can be one quantity at all (`None` when something tells them apart), and
/// if so how much their sentences share (nothing for counts of other things).
fn same_fact(a: &Report, b: &Report) -> Option<f32> {
    let same_value = (magnitude(a) - magnitude(b)).abs() < 1e-9;
    let compatible = compatible_pair(a, b);
    // "28-point plan", "28 draft proposals": the same value of one thing in other words links
    // them; other values of other counted things neither link nor part them
    let mut unrelated = false;
    match (&a.measure, &b.measure) {
        (Measure::Count(x), Measure::Count(y)) if x != y => {
            unrelated = !(same_value && magnitude(a) >= 10.0);
        }
        (x, y) if x != y => return None,
        _ => {}
    }
    // "a $3 billion shortfall", "a $2 billion cap" (a length of time is of the happening, whatever
    // it is called: "meeting", "talks")
    let timed = matches!(&a.figure, Figure::Quantity(q) if q.unit.is_some_and(|u| u.dimension == Dimension::Duration));
    if let (Measure::Unit(_), Some(x), Some(y), false) =
        (&a.measure, &a.noun_head, &b.noun_head, timed)
    {
        if x != y && !same_value {
            return None;
        }
    }
    if a.article == b.article && a.sentence == b.sentence && !same_value && !a.change && !b.change {
        return None;
    }
    if a.article == b.article && !compatible && !a.change && !b.change {
        return None; // one article, two values: two quantities
    }
    // a forecast, a goal, a value before a change or the size of a change is another quantity
    // than the value itself, however close ("from March's 6%" is not April's 6.1%); a part or
    // a total may be told as a plain value
    let of_its_own = |r: Role| {
        matches!(
            r,
            Role::Expected | Role::Intended | Role::Previous | Role::Delta
        )
    };
    if a.role != b.role && (!compatible || of_its_own(a.role) || of_its_own(b.role)) {
        return None;
    }
    // values apart are grouped only where the text names what they measure
    if !compatible && (a.about.is_none() || b.about.is_none()) {
        return None;
    }
    if let (Some(x), Some(y)) = (&a.frame, &b.frame) {
        if !x.overlaps(y) {
            return None;
        }
    }
    let disjoint = |x: &[usize], y: &[usize]| {
        !x.is_empty() && !y.is_empty() && !x.iter().any(|e| y.contains(e))
    };
    if disjoint(&a.places, &b.places) || (!compatible && disjoint(&a.actors, &b.actors)) {
        return None;
    }
    if let (Figure::Quantity(x), Figure::Quantity(y)) = (&a.figure, &b.figure) {
        if x.per != y.per {
            return None;
        }
    }
    if let (Figure::Tally(a1, b1), Figure::Tally(a2, b2)) = (&a.figure, &b.figure) {
        // the same body votes with about the same members present
        let (t1, t2) = (f64::from(a1 + b1), f64::from(a2 + b2));
        if (t1 - t2).abs() > 0.05 * t1.max(t2) || (a1 >= b1) != (a2 >= b2) {
            return None;
        }
    }
    let (x, y) = (magnitude(a), magnitude(b));
    if x.max(y) > 2.0 * x.min(y).max(f64::MIN_POSITIVE) {
        return None;
    }
    // a bound is written near the value it bounds ("more than 1.6 million" of 1,626,042), an
    // estimate near the count ("about 10,000" of 10,503): "more than $500 billion" is not
    // $928 billion, "about 9 million" not 7.5 million
    if !same_value {
        let ratio = x.max(y) / x.min(y).max(f64::MIN_POSITIVE);
        let qualified = |r: &Report, q: &[Qualifier]| matches!(&r.figure, Figure::Quantity(f) if f.qualifier.is_some_and(|k| q.contains(&k)));
        let bounds = [
            Qualifier::MoreThan,
            Qualifier::AtLeast,
            Qualifier::LessThan,
            Qualifier::AtMost,
        ];
        let bounded = qualified(a, &bounds) || qualified(b, &bounds);
        // (a small count's next whole number is near: a five-hour meeting is "over four hours")
        if bounded && ratio >= BOUND_RATIO && (x - y).abs() > 1.0 {
            return None;
        }
        let estimates = [Qualifier::About, Qualifier::Nearly];
        let estimated = qualified(a, &estimates) || qualified(b, &estimates);
        if estimated && !bounded && ratio > ESTIMATE_RATIO {
            return None;
        }
    }
    if unrelated {
        return Some(f32::NEG_INFINITY);
    }
    Some(evidence(a, b, same_value))
}

fn evidence(a: &Report, b: &Report, same_value: bool) -> f32 {
    let named = a.entities.intersection(&b.entities).count() as f32
        - 0.5 * a.places.iter().filter(|p| b.places.contains(p)).count() as f32;
    let same_kind = if a.measure == b.measure { 1.0 } else { 0.0 };
    // the same small number ("two people", "two men") says little
    let same_value = if same_value && magnitude(a) >= 10.0 {
        1.0
    } else {
        0.0
    };
    named.max(0.0) + 0.5 * a.words.intersection(&b.words).count() as f32 + same_kind + same_value
}

/// The key a report is indexed by for grouping: its measure, and for counts its value.
fn keys(r: &Report) -> Vec<String> {
    let mut k = vec![format!("{:?}", r.measure)];
    if matches!(r.measure, Measure::Count(_)) && magnitude(r) >= 10.0 {
        k.push(format!("value:{}", magnitude(r)));
    }
    k
}

fn figure_facts(articles: &[&Article], reports: &[Report]) -> Vec<Fact> {
    // each report joins the group holding its best match, if good enough and nothing in the
    // group tells them apart
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut index: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for (i, r) in reports.iter().enumerate() {
        let my_keys = keys(r);
        let mut candidates: Vec<usize> = my_keys
            .iter()
            .filter_map(|k| index.get(k))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut best: Option<(usize, f32)> = None;
        for gi in candidates {
            let mut score: Option<f32> = Some(f32::NEG_INFINITY);
            for &k in &groups[gi] {
                match same_fact(&reports[k], r) {
                    Some(e) => score = score.map(|s| s.max(e)),
                    None => {
                        score = None;
                        break;
                    }
                }
            }
            if let Some(s) = score.filter(|&s| s >= SAME_FACT) {
                if best.is_none_or(|(_, b)| s > b) {
                    best = Some((gi, s));
                }
            }
        }
        let gi = match best {
            Some((gi, _)) => {
                groups[gi].push(i);
                gi
            }
            None => {
                groups.push(vec![i]);
                groups.len() - 1
            }
        };
        for k in my_keys {
            let list = index.entry(k).or_default();
            if !list.contains(&gi) {
                list.push(gi);
            }
        }
    }
    let mut facts = Vec::new();
    for g in groups {
        for part in split_by_day(&g, reports) {
            for (members, relation) in relate(&part, reports) {
                if let Some(f) = fact_of(articles, &members, relation, reports) {
                    facts.push(f);
                }
            }
        }
    }
    facts
}

/// Reports that cannot all be true and are dated on different days tell of different
/// happenings (two nights' attacks): one group per day then.
fn split_by_day(g: &[usize], reports: &[Report]) -> Vec<Vec<usize>> {
    if all_compatible(g, reports) || has_change(g, reports) {
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

fn all_compatible(g: &[usize], reports: &[Report]) -> bool {
    if g.iter()
        .any(|&k| matches!(reports[k].figure, Figure::Tally(..)))
    {
        return g
            .iter()
            .all(|&k| compatible_pair(&reports[g[0]], &reports[k]));
    }
    let (lo, hi) = g
        .iter()
        .fold((f64::NEG_INFINITY, f64::INFINITY), |(lo, hi), &k| {
            let (a, b) = interval(&reports[k]);
            (lo.max(a), hi.min(b))
        });
    lo <= hi
}

fn has_change(g: &[usize], reports: &[Report]) -> bool {
    g.iter().any(|&k| reports[k].change)
}

/// How a group's reports relate; a group whose disagreement cannot be claimed as a conflict
/// comes back as its agreeing parts.
fn relate(g: &[usize], reports: &[Report]) -> Vec<(Vec<usize>, Relation)> {
    let articles: HashSet<usize> = g.iter().map(|&k| reports[k].article).collect();
    if articles.len() < 2 {
        return vec![(g.to_vec(), Relation::SingleSource)];
    }
    let values: HashSet<String> = g.iter().map(|&k| value_text(&reports[k])).collect();
    if values.len() == 1 {
        return vec![(g.to_vec(), Relation::Agree)];
    }
    if all_compatible(g, reports) {
        return vec![(g.to_vec(), Relation::Compatible)];
    }
    if has_change(g, reports) {
        return vec![(g.to_vec(), Relation::Changed)];
    }
    let sides = sides(g, reports);
    if sides.len() == 2 && claimable(&sides, reports) {
        return vec![(g.to_vec(), Relation::Conflict)];
    }
    // not sure they are one quantity: each agreeing part on its own
    sides
        .into_iter()
        .map(|side| {
            let articles: HashSet<usize> = side.iter().map(|&k| reports[k].article).collect();
            let values: HashSet<String> = side.iter().map(|&k| value_text(&reports[k])).collect();
            let relation = if articles.len() < 2 {
                Relation::SingleSource
            } else if values.len() == 1 {
                Relation::Agree
            } else {
                Relation::Compatible
            };
            (side, relation)
        })
        .collect()
}

/// A group's reports in parts whose values can all be true together, largest first (greedy by
/// value: each report joins the first part it fits).
fn sides(g: &[usize], reports: &[Report]) -> Vec<Vec<usize>> {
    let mut order = g.to_vec();
    order.sort_by(|&a, &b| interval(&reports[a]).0.total_cmp(&interval(&reports[b]).0));
    let mut parts: Vec<Vec<usize>> = Vec::new();
    for k in order {
        let with = |p: &Vec<usize>| {
            let mut q = p.clone();
            q.push(k);
            all_compatible(&q, reports)
        };
        match parts.iter().position(with) {
            Some(i) => parts[i].push(k),
            None => parts.push(vec![k]),
        }
    }
    for p in &mut parts {
        p.sort_unstable();
    }
    parts.sort_by_key(|p| std::cmp::Reverse(p.len()));
    parts
}

/// Whether two sides of a group are a conflict a reader can be told of: each article on one
/// side, and a pair of reports across the sides that surely tell of one quantity.
fn claimable(sides: &[Vec<usize>], reports: &[Report]) -> bool {
    let arts =
        |s: &Vec<usize>| -> HashSet<usize> { s.iter().map(|&k| reports[k].article).collect() };
    let (x, y) = (arts(&sides[0]), arts(&sides[1]));
    if !x.is_disjoint(&y) {
        return false;
    }
    // as many articles on each side: only one each, so each side is named by its outlet
    if x.len() == y.len() && x.len() > 1 {
        return false;
    }
    sides[0].iter().any(|&a| {
        sides[1]
            .iter()
            .any(|&b| surely_one(&reports[a], &reports[b]))
    })
}

/// The stricter test of a conflict's pair: actual values, each alone of its kind in its
/// sentence, close, naming a common actor and a common word of what happened, nameable.
/// A figure of one significant digit, a thousand or more: "$1 trillion", "5,000", "2 million".
fn round_figure(v: f64) -> bool {
    let v = v.abs();
    if v < 1000.0 {
        return false;
    }
    let scale = 10f64.powf(v.log10().floor());
    let digit = v / scale;
    (digit - digit.round()).abs() < 1e-9
}

fn surely_one(a: &Report, b: &Report) -> bool {
    if a.article == b.article || a.about.is_none() || b.about.is_none() {
        return false;
    }
    if !matches!(a.role, Role::Actual | Role::Total) || a.role != b.role {
        return false;
    }
    if !a.alone || !b.alone {
        return false;
    }
    let (x, y) = (magnitude(a), magnitude(b));
    if x.max(y) > CONFLICT_RATIO * x.min(y) {
        return false;
    }
    if a.measure != b.measure {
        return false;
    }
    if let (Figure::Quantity(p), Figure::Quantity(q)) = (&a.figure, &b.figure) {
        // a range or an approximation is not a claim precise enough to dispute
        if p.upper.is_some() || q.upper.is_some() {
            return false;
        }
        if matches!(p.qualifier, Some(Qualifier::About))
            || matches!(q.qualifier, Some(Qualifier::About))
        {
            return false;
        }
        // "a $1 trillion bill" against "$1.2 trillion": a sum of one significant digit is a
        // round figure, told that way by outlets that know the exact one
        if round_figure(p.value) || round_figure(q.value) {
            return false;
        }
    }
    // "crew members", "members of one household": the same noun of other things
    if a.noun_head != b.noun_head || a.complement != b.complement {
        return false;
    }
    if !a.modifiers.is_empty() && !b.modifiers.is_empty() && a.modifiers.is_disjoint(&b.modifiers) {
        return false;
    }
    if let (Some(x), Some(y)) = (&a.frame, &b.frame) {
        if !x.overlaps(y) {
            return false;
        }
    }
    match a.measure {
        Measure::Tally => true,
        _ => {
            let actors = a.entities.iter().any(|e| b.entities.contains(e));
            let (x, y) = (a.context(), b.context());
            let happening = x.intersection(&y).next().is_some();
            actors && happening
        }
    }
}

/// A report's value in words, as people write it: "13", "$2 trillion", "more than 19%".
fn value_text(r: &Report) -> String {
    match &r.figure {
        Figure::Quantity(q) => written::figure(q),
        Figure::Tally(a, b) => format!("{a}-{b}"),
    }
}

/// A figure worth listing when only one article gives it.
fn notable(r: &Report) -> bool {
    match &r.figure {
        Figure::Tally(..) => true,
        Figure::Quantity(q) => {
            matches!(
                q.unit.map(|u| u.dimension),
                Some(Dimension::Percent | Dimension::Currency | Dimension::Area)
            ) || q.unit.is_none() && q.value.abs().max(q.upper.unwrap_or(0.0)) >= 1000.0
        }
    }
}

/// Character offsets of a byte span of `text`.
fn char_span(text: &str, span: (usize, usize)) -> Option<(usize, usize)> {
    let (s, e) = span;
    if e > text.len() || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
        return None;
    }
    let start = text[..s].chars().count();
    Some((start, start + text[s..e].chars().count()))
}

fn fact_of(
    articles: &[&Article],
    g: &[usize],
    relation: Relation,
    reports: &[Report],
) -> Option<Fact> {
    let first = &reports[g[0]];
    if relation == Relation::SingleSource && !notable(first) {
        return None;
    }
    // a conflict's reports side by side, the side fewer articles give marked odd, and what
    // is disputed named as the pair that shows it names it
    let mut order: Vec<usize> = g.to_vec();
    let mut odd: HashSet<usize> = HashSet::new();
    let mut about = None;
    if relation == Relation::Conflict {
        let sides = sides(g, reports);
        let support = |s: &Vec<usize>| {
            s.iter()
                .map(|&k| reports[k].article)
                .collect::<HashSet<_>>()
                .len()
        };
        match support(&sides[0]).cmp(&support(&sides[1])) {
            std::cmp::Ordering::Greater => odd.extend(&sides[1]),
            std::cmp::Ordering::Less => odd.extend(&sides[0]),
            std::cmp::Ordering::Equal => {}
        }
        order = sides[0].iter().chain(&sides[1]).copied().collect();
        about = sides[0].iter().find_map(|&x| {
            sides[1]
                .iter()
                .any(|&y| surely_one(&reports[x], &reports[y]))
                .then(|| reports[x].about.clone())
                .flatten()
        });
    }
    let about = about
        .or_else(|| g.iter().find_map(|&k| reports[k].about.clone()))
        .unwrap_or_else(|| kind_in_words(first));
    Some(Fact {
        about,
        reports: order
            .iter()
            .map(|&k| {
                let r = &reports[k];
                let a = articles[r.article];
                let chars = r.span.and_then(|s| char_span(&a.text, s));
                FactReport {
                    article: a.id.clone(),
                    text: r.text.clone(),
                    value: Some(value_text(r)),
                    sentence: r.sentence.to_string(),
                    start: chars.map(|c| c.0),
                    end: chars.map(|c| c.1),
                    odd: odd.contains(&k),
                }
            })
            .collect(),
        relation,
        sources: 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reading::read;

    fn art(id: &str, outlet: &str, published: &str, text: &str) -> Article {
        Article {
            id: id.into(),
            outlet: Some(outlet.into()),
            published: NaiveDate::parse_from_str(published, "%Y-%m-%d").ok(),
            text: text.into(),
            ..Default::default()
        }
    }

    fn facts_of(articles: &[Article]) -> Vec<Fact> {
        let mentions = crate::entities::find_mentions(articles);
        let all: Vec<&crate::entities::Mention> = mentions.iter().flatten().collect();
        let entities = crate::entities::merge(&all);
        let refs: Vec<&Article> = articles.iter().collect();
        let read: Vec<Vec<Sentence>> = refs.iter().map(|a| read(a)).collect();
        let names = NameFinder::new(&entities, 1);
        story_facts(&refs, &read, &entities, &names)
    }

    fn conflicts(facts: &[Fact]) -> Vec<&Fact> {
        facts
            .iter()
            .filter(|f| f.relation == Relation::Conflict)
            .collect()
    }

    #[test]
    fn the_same_quantity_told_two_ways_is_a_conflict_named_in_words() {
        let facts = facts_of(&[
            art("a", "Wire", "2024-03-08", "Maria Lopez waited six hours at the passport office in Springfield."),
            art("b", "Daily", "2024-03-08", "The queue was long. At the passport office, Lopez waited in line for nine hours before she reached a clerk."),
        ]);
        let c = conflicts(&facts);
        assert_eq!(c.len(), 1, "{facts:#?}");
        assert_eq!(c[0].about, "how long Maria Lopez waited");
        let values: Vec<&str> = c[0]
            .reports
            .iter()
            .filter_map(|r| r.value.as_deref())
            .collect();
        assert_eq!(values, ["6 hours", "9 hours"]);
    }

    #[test]
    fn expected_and_actual_are_different_facts() {
        let facts = facts_of(&[
            art("a", "Wire", "2024-03-08", "Employers added 180,000 jobs in February, the Labor Department said."),
            art("b", "Daily", "2024-03-08", "Economists had expected employers to add 210,000 jobs in February, the Labor Department said."),
        ]);
        assert!(conflicts(&facts).is_empty(), "{facts:#?}");
    }

    #[test]
    fn a_total_and_a_part_are_different_facts() {
        let facts = facts_of(&[
            art("a", "Wire", "2024-03-08", "Nine climbers from the expedition were rescued from the glacier on Thursday."),
            art("b", "Daily", "2024-03-08", "Anna Berg and six other climbers from the expedition were rescued from the glacier on Thursday."),
        ]);
        assert!(conflicts(&facts).is_empty(), "{facts:#?}");
    }

    #[test]
    fn different_months_are_different_facts() {
        let facts = facts_of(&[
            art(
                "a",
                "Wire",
                "2024-07-12",
                "Prices in Freedonia rose 4.1% in June, the statistics office said.",
            ),
            art(
                "b",
                "Daily",
                "2024-07-12",
                "Prices in Freedonia rose 3.3% in May, the statistics office said.",
            ),
        ]);
        assert!(conflicts(&facts).is_empty(), "{facts:#?}");
    }

    #[test]
    fn the_winners_and_the_losers_shares_are_different_facts() {
        let facts = facts_of(&[
            art(
                "a",
                "Wire",
                "2024-11-06",
                "Governor Ellen Marsh won 54% of the vote in the county.",
            ),
            art(
                "b",
                "Daily",
                "2024-11-06",
                "Challenger Tom Reyes won 44% of the vote in the county.",
            ),
        ]);
        assert!(conflicts(&facts).is_empty(), "{facts:#?}");
    }

    #[test]
    fn hedged_and_rounded_values_are_compatible() {
        let facts = facts_of(&[
            art("a", "Wire", "2024-03-08", "The Ravenna festival drew more than 2.3 million visitors this year, organisers said."),
            art("b", "Daily", "2024-03-08", "The Ravenna festival drew 2,318,406 visitors this year, organisers said."),
            art("c", "Post", "2024-03-08", "The Ravenna festival drew 2.3 million visitors this year, organisers said."),
        ]);
        assert!(conflicts(&facts).is_empty(), "{facts:#?}");
        let f = facts
            .iter()
            .find(|f| f.reports.len() == 3)
            .unwrap_or_else(|| panic!("{facts:#?}"));
        assert_eq!(f.relation, Relation::Compatible);
        assert_eq!(f.about, "how many visitors");
    }

    /// Whether any fact groups reports of both values.
    fn grouped(facts: &[Fact], x: &str, y: &str) -> bool {
        facts.iter().any(|f| {
            let has = |v: &str| f.reports.iter().any(|r| r.value.as_deref() == Some(v));
            has(x) && has(y)
        })
    }

    #[test]
    fn a_bound_far_from_a_value_is_another_quantity() {
        // what a plan cuts is not what it spends; a bound is written near what it bounds
        let facts = facts_of(&[
            art("a", "Wire", "2024-03-08", "The senators unveiled a $930 billion road package on Thursday."),
            art("b", "Daily", "2024-03-08", "The senators unveiled a road package on Thursday that slashed more than $500 billion from the governor's plan."),
            art("c", "Post", "2024-03-08", "The senators unveiled a road package on Thursday worth more than $600 billion."),
        ]);
        assert!(
            !grouped(&facts, "$930 billion", "more than $500 billion"),
            "{facts:#?}"
        );
        assert!(
            !grouped(&facts, "$930 billion", "more than $600 billion"),
            "{facts:#?}"
        );
        assert!(conflicts(&facts).is_empty(), "{facts:#?}");
        // "over five years" against "over eight years": two spans of one plan
        let facts = facts_of(&[
            art(
                "a",
                "Wire",
                "2024-03-08",
                "The Orbis plan would cost $40 billion over five years, officials said.",
            ),
            art(
                "b",
                "Daily",
                "2024-03-08",
                "The Orbis plan would cost $70 billion over eight years, officials said.",
            ),
        ]);
        assert!(
            !facts.iter().any(|f| f.relation == Relation::Compatible
                && f.reports
                    .iter()
                    .map(|r| &r.article)
                    .collect::<HashSet<_>>()
                    .len()
                    == 2
                && f.about.contains("time")),
            "{facts:#?}"
        );
    }

    #[test]
    fn an_estimate_far_from_a_count_is_another_quantity() {
        let facts = facts_of(&[
            art(
                "a",
                "Wire",
                "2024-03-08",
                "The benefit cutoff on Monday hits 7.5 million people in the Orbis region.",
            ),
            art(
                "b",
                "Daily",
                "2024-03-08",
                "The benefit cutoff on Monday hits about 9 million people in the Orbis region.",
            ),
        ]);
        assert!(
            !grouped(&facts, "7.5 million", "about 9 million"),
            "{facts:#?}"
        );
        // close enough to be the same count told roughly
        let facts = facts_of(&[
            art(
                "a",
                "Wire",
                "2024-03-08",
                "The mayor said 10,503 migrants waited under the Orbis bridge on Thursday.",
            ),
            art(
                "b",
                "Daily",
                "2024-03-08",
                "The mayor said about 10,000 migrants waited under the Orbis bridge on Thursday.",
            ),
        ]);
        assert!(grouped(&facts, "10,503", "about 10,000"), "{facts:#?}");
        // an estimate against a bound near it: "nearly 28%" is "more than 25%"
        let facts = facts_of(&[
            art(
                "a",
                "Wire",
                "2024-03-08",
                "More than 25% of the Orbis airline's flights were canceled on Sunday.",
            ),
            art(
                "b",
                "Daily",
                "2024-03-08",
                "Nearly 28% of the Orbis airline's flights were canceled on Sunday.",
            ),
        ]);
        assert!(grouped(&facts, "more than 25%", "nearly 28%"), "{facts:#?}");
        let facts = facts_of(&[
            art(
                "a",
                "Wire",
                "2024-03-08",
                "The Orbis summit talks on Monday lasted over four hours, aides said.",
            ),
            art(
                "b",
                "Daily",
                "2024-03-08",
                "The Orbis summit talks on Monday lasted five hours, aides said.",
            ),
        ]);
        assert!(
            grouped(&facts, "more than 4 hours", "5 hours"),
            "{facts:#?}"
        );
    }

    #[test]
    fn hedges_and_rounding_allow_each_other() {
        for (x, y) in [
            ("at least 12.1 million viewers", "12 million viewers"),
            ("nearly 6 percent of the stations", "5.8% of the stations"),
            ("$40 billion in aid", "more than $40 billion in aid"),
        ] {
            let facts = facts_of(&[
                art(
                    "a",
                    "Wire",
                    "2024-03-08",
                    &format!("The Orbis network reported {x} on Monday."),
                ),
                art(
                    "b",
                    "Daily",
                    "2024-03-08",
                    &format!("The Orbis network reported {y} on Monday."),
                ),
            ]);
            assert!(conflicts(&facts).is_empty(), "{x} / {y}: {facts:#?}");
            assert!(
                facts
                    .iter()
                    .any(|f| f.relation == Relation::Compatible && f.reports.len() == 2),
                "{x} / {y}: {facts:#?}"
            );
        }
    }

    #[test]
    fn a_vote_tally_told_two_ways_is_a_conflict() {
        let facts = facts_of(&[
            art(
                "a",
                "Wire",
                "2024-03-08",
                "The Assembly passed the water bill 61-38 on Thursday.",
            ),
            art(
                "b",
                "Daily",
                "2024-03-08",
                "The vote on the water bill was 63-38 in the Assembly on Thursday.",
            ),
        ]);
        let c = conflicts(&facts);
        assert_eq!(c.len(), 1, "{facts:#?}");
        assert_eq!(c[0].about, "the vote count");
    }

    #[test]
    fn values_are_written_as_people_write_them() {
        let facts = facts_of(&[
            art(
                "a",
                "Wire",
                "2024-03-08",
                "Congress approved a $1.2 trillion spending bill for the Lunar Agency.",
            ),
            art(
                "b",
                "Daily",
                "2024-03-08",
                "Congress approved a $1.2 trillion spending bill for the Lunar Agency on Friday.",
            ),
        ]);
        let f = facts
            .iter()
            .find(|f| f.relation == Relation::Agree)
            .unwrap_or_else(|| panic!("{facts:#?}"));
        assert_eq!(f.reports[0].value.as_deref(), Some("$1.2 trillion"));
        assert_eq!(f.about, "the size of the spending bill");
    }

    #[test]
    fn reports_carry_their_sentences_offsets() {
        let text = "Crowds gathered early. The storm cut power to 12,000 homes in Brightwater, officials said.";
        let facts = facts_of(&[
            art("a", "Wire", "2024-03-08", text),
            art(
                "b",
                "Daily",
                "2024-03-08",
                "Officials said the storm in Brightwater cut power to 12,000 homes.",
            ),
        ]);
        let f = facts
            .iter()
            .find(|f| f.reports.len() == 2)
            .unwrap_or_else(|| panic!("{facts:#?}"));
        let r = f.reports.iter().find(|r| r.article == "a").unwrap();
        let (s, e) = (r.start.unwrap(), r.end.unwrap());
        let sentence: String = text.chars().skip(s).take(e - s).collect();
        assert_eq!(sentence, r.sentence);
        assert!(sentence.starts_with("The storm"));
    }

    #[test]
    fn a_letter_dated_to_two_days_is_a_conflict_and_a_vote_is_not() {
        let facts = facts_of(&[
            art("a", "Wire", "2024-05-09", "The dockworkers' union sent a letter to the Harbor Authority on Wednesday asking for the records."),
            art("b", "Daily", "2024-05-09", "In a Tuesday letter to the Harbor Authority, the dockworkers' union asked for the records."),
        ]);
        let c = conflicts(&facts);
        assert_eq!(c.len(), 1, "{facts:#?}");
        assert_eq!(c[0].about, "the day of the letter");
        let values: Vec<&str> = c[0]
            .reports
            .iter()
            .filter_map(|r| r.value.as_deref())
            .collect();
        assert_eq!(values, ["Tuesday, May 7", "Wednesday, May 8"]);
        // a vote can be held twice in a week: two days are two votes
        let facts = facts_of(&[
            art(
                "a",
                "Wire",
                "2024-05-09",
                "The Harbor Authority board approved the plan in a vote on Wednesday.",
            ),
            art(
                "b",
                "Daily",
                "2024-05-09",
                "In a Tuesday vote, the Harbor Authority board approved the plan.",
            ),
        ]);
        assert!(conflicts(&facts).is_empty(), "{facts:#?}");
    }

    #[test]
    fn a_forecast_or_an_earlier_value_is_not_grouped_with_the_value_however_close() {
        let facts = facts_of(&[
            art("a", "Wire", "2024-05-03", "Analysts had expected the jobless rate to fall to 4.2% in April, the statistics office said."),
            art("b", "Daily", "2024-05-03", "The jobless rate rose to 4.3% in April from 4.2% in March, the statistics office said."),
        ]);
        let rate = |f: &&Fact| f.reports.iter().any(|r| r.text.contains('%'));
        for f in facts.iter().filter(rate) {
            let values: Vec<&str> = f
                .reports
                .iter()
                .filter_map(|r| r.value.as_deref())
                .collect();
            assert!(
                !(values.contains(&"4.3%") && values.contains(&"4.2%")),
                "{facts:#?}"
            );
        }
    }

    #[test]
    fn a_round_sum_against_a_precise_one_is_no_conflict() {
        assert!(round_figure(1e12) && round_figure(5000.0) && round_figure(2e6));
        assert!(!round_figure(1.2e12) && !round_figure(10.0) && !round_figure(12_000.0));
        let facts = facts_of(&[
            art("a", "Wire", "2024-05-03", "The Senate passed a $2 billion harbour bill on Tuesday, sending it to the House."),
            art("b", "Daily", "2024-05-03", "The Senate passed a $2.4 billion harbour bill on Tuesday, sending it to the House."),
        ]);
        assert!(conflicts(&facts).is_empty(), "{facts:#?}");
    }

    #[test]
    fn a_letter_weeks_earlier_is_another_letter() {
        let facts = facts_of(&[
            art("a", "Wire", "2024-05-09", "The dockworkers' union sent a letter to the Harbor Authority on Wednesday asking for the records."),
            art("b", "Daily", "2024-05-09", "In a Tuesday letter to the Harbor Authority, the dockworkers' union asked for the records."),
            art("c", "Post", "2024-05-09", "In a letter on April 12, the Harbor Authority told the dockworkers' union the records were sealed."),
        ]);
        let c = conflicts(&facts);
        assert_eq!(c.len(), 1, "{facts:#?}");
        let values: Vec<&str> = c[0]
            .reports
            .iter()
            .filter_map(|r| r.value.as_deref())
            .collect();
        assert_eq!(values, ["Tuesday, May 7", "Wednesday, May 8"]);
        // three days within a week: nothing sure
        let facts = facts_of(&[
            art("a", "Wire", "2024-05-09", "The dockworkers' union sent a letter to the Harbor Authority on Wednesday asking for the records."),
            art("b", "Daily", "2024-05-09", "In a Tuesday letter to the Harbor Authority, the dockworkers' union asked for the records."),
            art("c", "Post", "2024-05-09", "In a Monday letter to the Harbor Authority, the dockworkers' union asked for the records."),
        ]);
        assert!(conflicts(&facts).is_empty(), "{facts:#?}");
    }

    #[test]
    fn then_president_and_former_president_agree() {
        let facts = facts_of(&[
            art(
                "a",
                "Wire",
                "2021-05-04",
                "The rule was signed by then-President Donald Trump in 2019.",
            ),
            art(
                "b",
                "Daily",
                "2021-05-04",
                "The rule, which former President Donald Trump signed, was struck down on Monday.",
            ),
            art(
                "c",
                "Post",
                "2021-05-04",
                "In 2019 President Donald Trump signed the rule, which a judge struck down.",
            ),
        ]);
        assert!(conflicts(&facts).is_empty(), "{facts:#?}");
    }

    #[test]
    fn former_against_a_sitting_president_is_a_conflict() {
        let facts = facts_of(&[
            art(
                "a",
                "Wire",
                "2025-12-03",
                "Envoys praised former US President Donald Trump for his peace push.",
            ),
            art(
                "b",
                "Daily",
                "2025-12-03",
                "US President Donald Trump will meet the envoys on Friday.",
            ),
            art(
                "c",
                "Post",
                "2025-12-03",
                "U.S. President Donald Trump has said the talks went well.",
            ),
        ]);
        let c = conflicts(&facts);
        assert_eq!(c.len(), 1, "{facts:#?}");
        let odd: Vec<&str> = c[0]
            .reports
            .iter()
            .filter(|r| r.odd)
            .map(|r| r.article.as_str())
            .collect();
        assert_eq!(odd, ["a"]);
    }
}
