//! Rendering a [`Dossier`] for people (Markdown, a self-contained HTML page) and for programs
//! (JSON, the contract in `docs/schema.md`).
//!
//! Article text is untrusted: the HTML page is an askama template, which escapes every value by
//! default, and carries a content-security policy that allows no scripts at all.

pub mod citations;
mod markdown;
mod page;
pub mod timeline;

use dossier_model::{
    Article, CopyKind, CopyLink, Dossier, Event, Figure, Position, Quote, SharedPassage, Story,
};
use std::collections::BTreeSet;

pub use citations::Anchors;
pub use markdown::{markdown, markdown_in_storylines, StorylineNeighbours, StorylineStory};
pub use page::html;

/// The dossier as pretty-printed JSON, ending with a newline.
pub fn json(d: &Dossier) -> String {
    let mut out = Vec::new();
    write_json(d, &mut out).expect("a Dossier always serialises");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// [`json`] written to `w` as it is made, without a string of the whole dossier (megabytes
/// for a few hundred articles).
pub fn write_json(d: &Dossier, mut w: impl std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut w, d)?;
    w.write_all(b"\n")
}

/// When a timeline entry happened, in words a reader can take as they are: its date
/// ("2021-01-06", "2025-W49", "1960s"), "about 2022" for an approximate one, and for a date
/// nothing anchored what is known of it ("a Tuesday, date unknown", "4 December, year
/// unknown"), never a TIMEX code.
pub fn event_when(e: &Event) -> String {
    match &e.date {
        Some(d) if e.approximate => format!("about {d}"),
        Some(d) => d.clone(),
        None => unresolved_when(&e.when),
    }
}

/// What an unanchored time phrase still says ("on Tuesday" is a Tuesday).
fn unresolved_when(when: &str) -> String {
    const WEEKDAYS: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
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
    let words: Vec<String> = when
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let named = |names: &[&'static str]| -> Option<&'static str> {
        names.iter().copied().find(|n| {
            let n = n.to_lowercase();
            words
                .iter()
                .any(|w| w.len() >= 3 && n.starts_with(w.as_str()))
        })
    };
    if let Some(day) = named(&WEEKDAYS) {
        return format!("a {day}, date unknown");
    }
    if let Some(month) = named(&MONTHS) {
        let day = words
            .iter()
            .find_map(|w| w.trim_end_matches(char::is_alphabetic).parse::<u32>().ok())
            .filter(|d| (1..=31).contains(d));
        return match day {
            Some(d) => format!("{d} {month}, year unknown"),
            None => format!("{month}, year unknown"),
        };
    }
    "date unknown".to_string()
}

/// Facts about a story that both renderers show in its header.
pub struct StorySummary<'a> {
    pub members: Vec<&'a Article>,
    pub outlets: Vec<String>,
    pub first: Option<String>,
    pub last: Option<String>,
}

impl<'a> StorySummary<'a> {
    pub fn new(d: &'a Dossier, s: &Story) -> Self {
        let members: Vec<&Article> = s.articles.iter().filter_map(|id| d.article(id)).collect();
        let outlets: BTreeSet<String> = members.iter().filter_map(|a| a.outlet.clone()).collect();
        let dates: BTreeSet<String> = members
            .iter()
            .filter_map(|a| a.published.map(|p| p.to_string()))
            .collect();
        StorySummary {
            outlets: outlets.into_iter().collect(),
            first: dates.iter().next().cloned(),
            last: dates.iter().next_back().cloned(),
            members,
        }
    }

    pub fn dates(&self) -> String {
        match (&self.first, &self.last) {
            (Some(f), Some(l)) if f != l => format!("{f} to {l}"),
            (Some(f), _) => f.clone(),
            _ => "no dates known".into(),
        }
    }

    pub fn outlets(&self) -> String {
        if self.outlets.is_empty() {
            "outlets unknown".into()
        } else {
            self.outlets.join(", ")
        }
    }
}

/// How an article of a story repeats others of it: "copy of [2] (92% of its own sentences)".
pub fn copy_notes(d: &Dossier, s: &Story, id: &str) -> Vec<String> {
    s.copies
        .iter()
        .filter(|c| c.article == id)
        .map(|c| copy_note(d, c))
        .collect()
}

fn copy_note(d: &Dossier, c: &CopyLink) -> String {
    let kind = match c.kind {
        CopyKind::Copy => "copy",
        CopyKind::Rewrite => "rewrite",
    };
    format!(
        "{kind} of [{}] ({:.0}% of its own sentences)",
        article_number(d, &c.of),
        c.share * 100.0
    )
}

/// How many shared passages are shown under each copy link.
pub const PASSAGES_SHOWN: usize = 3;

/// Each copy link of a story, as "[3] rewrite of [1] (67% of its own sentences)", with its
/// first [`PASSAGES_SHOWN`] shared passages.
pub fn copy_passages<'a>(d: &Dossier, s: &'a Story) -> Vec<(String, &'a [SharedPassage])> {
    s.copies
        .iter()
        .filter(|c| !c.passages.is_empty())
        .map(|c| {
            let shown = &c.passages[..c.passages.len().min(PASSAGES_SHOWN)];
            (
                format!("[{}] {}", article_number(d, &c.article), copy_note(d, c)),
                shown,
            )
        })
        .collect()
}

/// What a reader is told about an article under its title: outlet, byline, publication date
/// with where it came from, update date.
pub fn article_facts(a: &Article) -> Vec<String> {
    let mut facts = Vec::new();
    if let Some(o) = &a.outlet {
        facts.push(o.clone());
    }
    if let Some(b) = &a.byline {
        facts.push(format!("by {b}"));
    }
    match (&a.published, &a.provenance.published) {
        (Some(p), Some(from)) => facts.push(format!("published {p} (from {from})")),
        (Some(p), None) => facts.push(format!("published {p}")),
        _ => facts.push("publication date unknown".into()),
    }
    if let Some(u) = a.updated {
        facts.push(format!("updated {u}"));
    }
    facts
}

/// The article's web address, when it has one (`http`/`https` only).
pub fn web_address(a: &Article) -> Option<&str> {
    a.url
        .as_deref()
        .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
}

/// Where an article came from, safe to show anyone: its web address, else the name of its
/// file alone (never a local directory), with a JSONL line number kept ("feed.jsonl:12").
pub fn source_name(a: &Article) -> String {
    if let Some(u) = web_address(a) {
        return u.to_string();
    }
    if a.source.starts_with("https://") || a.source.starts_with("http://") {
        return a.source.clone();
    }
    a.source
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(&a.source)
        .to_string()
}

/// One row of the matrix of which article reports which fact.
pub struct FactRow<'a> {
    pub about: &'a str,
    pub relation: &'static str,
    /// One cell per member article, in the members' order: "✓", "odd" or "".
    pub cells: Vec<&'static str>,
}

/// Which member article reports which fact of the story.
pub fn fact_matrix<'a>(s: &'a Story, members: &[&Article]) -> Vec<FactRow<'a>> {
    s.facts
        .iter()
        .map(|f| FactRow {
            about: &f.about,
            relation: f.relation.as_str(),
            cells: members
                .iter()
                .map(|a| {
                    let reports: Vec<_> = f.reports.iter().filter(|r| r.article == a.id).collect();
                    if reports.is_empty() {
                        ""
                    } else if reports.iter().all(|r| r.odd) {
                        "odd"
                    } else {
                        "✓"
                    }
                })
                .collect(),
        })
        .collect()
}

/// A short label for an article in lists: its number in the dossier and its title or opening.
pub fn article_number(d: &Dossier, id: &str) -> usize {
    d.articles
        .iter()
        .position(|a| a.id == id)
        .map_or(0, |i| i + 1)
}

/// A story's quotes grouped by speaker, the most quoted first, unattributed quotes last; each
/// group keeps the story's order.
pub fn quotes_by_speaker(s: &Story) -> Vec<(Option<&str>, Vec<&Quote>)> {
    let mut groups: Vec<(Option<&str>, Vec<&Quote>)> = Vec::new();
    for q in &s.quotes {
        let who = q.speaker.as_deref();
        match groups.iter_mut().find(|(w, _)| *w == who) {
            Some((_, qs)) => qs.push(q),
            None => groups.push((who, vec![q])),
        }
    }
    groups.sort_by_key(|(who, qs)| (who.is_none(), std::cmp::Reverse(qs.len())));
    groups
}

/// A story's positions grouped by party, the party with the most positions first; within a
/// party, demands, then offers, acceptances and rejections, each in the story's order.
pub fn positions_by_party(s: &Story) -> Vec<(&str, Vec<&Position>)> {
    let mut groups: Vec<(&str, Vec<&Position>)> = Vec::new();
    for p in &s.positions {
        match groups.iter_mut().find(|(party, _)| *party == p.party) {
            Some((_, ps)) => ps.push(p),
            None => groups.push((p.party.as_str(), vec![p])),
        }
    }
    let rank = |stance: &str| match stance {
        "demands" => 0,
        "offers" => 1,
        "accepts" => 2,
        _ => 3,
    };
    for (_, ps) in &mut groups {
        ps.sort_by_key(|p| rank(&p.stance));
    }
    groups.sort_by_key(|(_, ps)| std::cmp::Reverse(ps.len()));
    groups
}

/// A figure's value as a reader would say it: "more than 19%", "25,000 to 30,000 per month",
/// "5 hours", "$2 trillion".
pub fn figure_value(f: &Figure) -> String {
    dossier_figures::written::from_parts(
        f.value,
        f.upper,
        f.unit.as_deref(),
        f.dimension.as_deref(),
        f.qualifier.as_deref(),
        f.per.as_deref(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_model::{BriefSentence, Evidence};

    #[test]
    fn dates_are_said_in_words_never_as_codes() {
        let event = |date: Option<&str>, approximate: bool, when: &str| Event {
            date: date.map(String::from),
            precision: if date.is_some() { "year" } else { "unresolved" }.into(),
            approximate,
            text: "The bridge opened.".into(),
            when: when.into(),
            articles: vec!["a".into()],
            evidence: Vec::new(),
        };
        assert_eq!(event_when(&event(Some("2021"), false, "in 2021")), "2021");
        assert_eq!(
            event_when(&event(Some("2022"), true, "nearly four years ago")),
            "about 2022"
        );
        assert_eq!(
            event_when(&event(None, false, "on Tuesday")),
            "a Tuesday, date unknown"
        );
        assert_eq!(
            event_when(&event(None, false, "Dec. 4")),
            "4 December, year unknown"
        );
        assert_eq!(event_when(&event(None, false, "yesterday")), "date unknown");
    }

    /// A dossier of two articles whose story's brief sentence cites a sentence of each.
    pub(crate) fn cited_dossier() -> Dossier {
        let a = Article {
            id: "a1".into(),
            text: "Intro line.\nThe mayor opened the <b>bridge</b> on Monday. Crowds came.".into(),
            ..Default::default()
        };
        let b = Article {
            id: "b2".into(),
            text: "Über: the mayor opened the bridge on Monday.".into(),
            ..Default::default()
        };
        let at = |x: &Article, s: &str| {
            let i = x.text.find(s).unwrap();
            Evidence::of(&x.id, &x.text, i, i + s.len())
        };
        let brief = BriefSentence {
            text: "The mayor opened the bridge on Monday [4 March 2024].".into(),
            articles: vec!["a1".into(), "b2".into()],
            evidence: vec![
                at(&a, "The mayor opened the <b>bridge</b> on Monday."),
                at(&b, "the mayor opened the bridge on Monday."),
            ],
        };
        Dossier {
            stories: vec![Story {
                id: "s1".into(),
                title: "Bridge".into(),
                articles: vec!["a1".into(), "b2".into()],
                brief: vec![brief],
                ..Default::default()
            }],
            articles: vec![a, b],
        }
    }

    #[test]
    fn sources_are_shown_without_local_directories() {
        let mut a = Article {
            source: "/home/someone/news/feed.jsonl:12".into(),
            ..Default::default()
        };
        assert_eq!(source_name(&a), "feed.jsonl:12");
        a.source = "C:\\Users\\x\\story.html".into();
        assert_eq!(source_name(&a), "story.html");
        a.url = Some("https://example.org/a".into());
        assert_eq!(source_name(&a), "https://example.org/a");
        a.url = Some("javascript:alert(1)".into());
        assert_eq!(source_name(&a), "story.html");
    }
}
