//! Rendering a [`Dossier`] for people (Markdown, a self-contained HTML page) and for programs
//! (JSON, the contract in `docs/schema.md`).
//!
//! Article text is untrusted: the HTML page is an askama template, which escapes every value by
//! default, and carries a content-security policy that allows no scripts at all.

mod markdown;
mod page;

use dossier_model::{Article, Dossier, Quote, Story};
use std::collections::BTreeSet;

pub use markdown::markdown;
pub use page::html;

/// The dossier as pretty-printed JSON, ending with a newline.
pub fn json(d: &Dossier) -> String {
    let mut s = serde_json::to_string_pretty(d).expect("a Dossier always serialises");
    s.push('\n');
    s
}

/// Facts about a story that both renderers show in its header.
pub(crate) struct StorySummary<'a> {
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

/// A short label for an article in lists: its number in the dossier and its title or opening.
pub(crate) fn article_number(d: &Dossier, id: &str) -> usize {
    d.articles
        .iter()
        .position(|a| a.id == id)
        .map_or(0, |i| i + 1)
}

/// A story's quotes grouped by speaker, the most quoted first, unattributed quotes last; each
/// group keeps the story's order.
pub(crate) fn quotes_by_speaker(s: &Story) -> Vec<(Option<&str>, Vec<&Quote>)> {
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
