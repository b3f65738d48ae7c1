//! The brief: a few sentences that tell a story, each citing every article that supports it.
//!
//! Extractive. Every body sentence of the story's articles (headings, captions and furniture
//! are already gone) of a readable length, not a question, not mostly a quotation and not
//! opening on a pronoun that needs the sentence before it, is a candidate. Its weight is the
//! centroid score of its content words, where a word weighs the share of independent sources
//! (outlets, with copies and rewrites counted once) that use it; times a lead bonus (news puts
//! the story first); times the number of independent sources that say the same sentence (an
//! article supports it when one of its sentences holds at least [`SUPPORT`] of its content
//! words). Sentences are chosen by maximal marginal relevance, and one that shares
//! [`REDUNDANT`] of its words with a chosen one is never taken: no two brief sentences say the
//! same thing. Conflicts between outlets are named in a last sentence each, citing both sides.

use crate::quotes::quoted_spans;
use crate::reading::Sentence;
use crate::terms::{dice, Stems};
use dossier_model::{Article, BriefSentence, Evidence, Fact, FactReport, Relation};
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::HashSet;

/// Extracted sentences at most (conflict sentences come on top, up to [`MAX_CONFLICTS`]).
pub const MAX_SENTENCES: usize = 6;
const MAX_CONFLICTS: usize = 2;
/// Least share of a brief sentence's content words a sentence of another article must hold for
/// that article to be cited as saying it too.
pub const SUPPORT: f32 = 0.6;
/// Dice overlap at which a candidate repeats a chosen sentence.
const REDUNDANT: f32 = 0.5;
/// Weight of redundancy against relevance in the marginal relevance.
const DIVERSITY: f32 = 0.5;
/// How many best candidates get their support counted (the rest cannot win anyway).
const SHORTLIST: usize = 60;

struct Candidate<'a> {
    article: usize,
    text: &'a str,
    stems: Stems,
    score: f32,
    cites: Vec<usize>,
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
    if !(8..=60).contains(&words.len()) || text.trim_end().ends_with(['?', ':']) {
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

/// The brief of a story: `articles` its members, `sentences` each member's sentences, `facts`
/// its facts and `groups` each member's independent-source group (see
/// [`crate::copies::independent_groups`]).
pub fn story_brief(
    articles: &[&Article],
    sentences: &[Vec<Sentence>],
    facts: &[Fact],
    groups: &[usize],
) -> Vec<BriefSentence> {
    let mut brief = extract(articles, sentences, groups, MAX_SENTENCES);
    brief.extend(conflicts(articles, facts).into_iter().take(MAX_CONFLICTS));
    brief
}

/// The `n` best extracted sentences in the order of choice (the most central first).
pub fn extract(
    articles: &[&Article],
    sentences: &[Vec<Sentence>],
    groups: &[usize],
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
    let mut candidates: Vec<Candidate> = Vec::new();
    for (a, ss) in sentences.iter().enumerate() {
        for (k, s) in ss.iter().enumerate() {
            let stems = &all[a][k];
            if stems.len() < 4 || !readable(s.text) {
                continue;
            }
            let centrality: f32 =
                stems.iter().map(|t| weight(t)).sum::<f32>() / (stems.len() as f32).sqrt();
            let lead = 1.0 + 1.0 / (1.0 + k as f32);
            candidates.push(Candidate {
                article: a,
                text: s.text.trim(),
                stems: (*stems).clone(),
                score: centrality * lead,
                cites: vec![a],
            });
        }
    }
    candidates.sort_by(|x, y| y.score.total_cmp(&x.score));
    candidates.truncate(SHORTLIST);
    for c in &mut candidates {
        c.cites = supporters(c, &all);
        let independent: HashSet<usize> = c.cites.iter().map(|&a| groups[a]).collect();
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
                text: c.text.to_string(),
                articles: c.cites.iter().map(|&a| articles[a].id.clone()).collect(),
                evidence: Vec::new(),
            }
        })
        .collect()
}

/// The articles with a sentence holding at least [`SUPPORT`] of the candidate's content words
/// (its own article first).
fn supporters(c: &Candidate, all: &[Vec<&Stems>]) -> Vec<usize> {
    let mut out = vec![c.article];
    let need = (c.stems.len() as f32 * SUPPORT).ceil() as usize;
    for (a, stems) in all.iter().enumerate() {
        if a != c.article
            && stems
                .iter()
                .any(|s| s.intersection(&c.stems).count() >= need.max(3))
        {
            out.push(a);
        }
    }
    out
}

/// One sentence per conflict, in words an editor can print: what is disputed, then each side's
/// value and who gives it ("Outlets disagree on how many people were killed: 13 (2 articles)
/// against 10 (Daily News)."), the side more articles give first, citing every article with
/// the sentence it says it in.
fn conflicts(articles: &[&Article], facts: &[Fact]) -> Vec<BriefSentence> {
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
            if let (Some(start), Some(end)) = (rep.start, rep.end) {
                evidence.push(Evidence {
                    article: rep.article.clone(),
                    start,
                    end,
                    sentence: rep.sentence.clone(),
                });
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reading::read;

    fn art(id: &str, outlet: &str, text: &str) -> Article {
        Article {
            id: id.into(),
            outlet: Some(outlet.into()),
            text: text.into(),
            ..Default::default()
        }
    }

    #[test]
    fn brief_cites_every_supporting_article_and_never_repeats() {
        let a = art("a", "Wire", "Finance ministers of the Eurozone agreed a bailout for Greece worth 10 billion euros in Brussels on Monday.\n\nThe deal ends months of talks between Athens and its creditors over pension cuts.\n\nShares in Greek banks rose sharply after the announcement in early trading.");
        let b = art("b", "Daily", "Eurozone finance ministers agreed a Greece bailout worth 10 billion euros at a meeting in Brussels on Monday.\n\nGreek Prime Minister Alexis Tsipras called the agreement a fresh start for the country's economy.");
        let c = art("c", "Courier", "A bailout for Greece worth 10 billion euros was agreed by Eurozone finance ministers in Brussels.\n\nThe money will be paid in three instalments over the next year, officials said.");
        let arts = [&a, &b, &c];
        let read: Vec<_> = arts.iter().map(|x| read(x)).collect();
        let brief = extract(&arts, &read, &[0, 1, 2], 3);
        assert_eq!(brief.len(), 3);
        // The sentence all three report comes first and cites all three.
        assert!(brief[0].text.contains("10 billion euros"), "{brief:?}");
        assert_eq!(brief[0].articles.len(), 3, "{brief:?}");
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
    fn conflicts_are_named_with_both_sides_cited() {
        let a = art("a", "Wire", "x");
        let b = art("b", "Daily", "x");
        let c = art("c", "Post", "x");
        let report = |id: &str, value: &str, odd| FactReport {
            article: id.into(),
            text: value.into(),
            value: Some(value.into()),
            sentence: format!("The storm killed {value} people."),
            start: Some(0),
            end: Some(26),
            odd,
        };
        let f = Fact {
            about: "how many people were killed".into(),
            reports: vec![
                report("a", "13", false),
                report("b", "10", true),
                report("c", "13", false),
            ],
            relation: Relation::Conflict,
            sources: 3,
        };
        let out = conflicts(&[&a, &b, &c], &[f]);
        assert_eq!(out.len(), 1);
        assert_eq!(
            out[0].text,
            "Outlets disagree on how many people were killed: 13 (2 articles) against 10 (Daily)."
        );
        assert_eq!(out[0].articles, ["a", "c", "b"]);
        assert_eq!(out[0].evidence.len(), 3);
        assert_eq!(out[0].evidence[2].sentence, "The storm killed 10 people.");
    }

    #[test]
    fn a_conflict_without_an_odd_side_names_both_outlets() {
        let a = art("a", "Wire", "x");
        let b = art("b", "Daily", "x");
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
        let out = conflicts(&[&a, &b], &[f]);
        assert_eq!(
            out[0].text,
            "Outlets disagree on how long the talks lasted: 6 hours (Wire) against 7 hours (Daily)."
        );
    }
}
