//! Rendering a [`Dossier`] for people (Markdown, a self-contained HTML page) and for programs
//! (JSON, the contract in `docs/schema.md`).
//!
//! Article text is untrusted: the HTML page is an askama template, which escapes every value by
//! default, and carries a content-security policy that allows no scripts at all.

mod markdown;
mod page;

use dossier_model::{Article, CopyKind, Dossier, Figure, Position, Quote, Story};
use std::collections::BTreeSet;

pub use markdown::markdown;
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

/// How an article of a story repeats others of it: "copy of [2] (92% of its sentences)".
pub fn copy_notes(d: &Dossier, s: &Story, id: &str) -> Vec<String> {
    s.copies
        .iter()
        .filter(|c| c.article == id)
        .map(|c| {
            let kind = match c.kind {
                CopyKind::Copy => "copy",
                CopyKind::Rewrite => "rewrite",
            };
            format!(
                "{kind} of [{}] ({:.0}% of its sentences)",
                article_number(d, &c.of),
                c.share * 100.0
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
