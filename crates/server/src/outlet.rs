//! One outlet across the corpus: its stories over time (newest first, paged), with its
//! articles in each and its share of the story's articles; the copies and rewrites its
//! articles make of other outlets' (out) and others make of its own (in); the conflicts where
//! its report is the odd one out. The API (`/api/outlets/{name}`) and the outlet page share it.

use dossier_store::outlets::{Coverage, OddFact, OutletCopy, OutletRow};
use dossier_store::Store;
use serde::Serialize;

/// Copies (in and out together) and odd facts listed on one profile, the newest stories first.
pub const LISTED_LINKS: usize = 200;
/// The longest outlet name looked up.
pub const MAX_NAME: usize = 200;

/// An outlet across the corpus.
#[derive(Debug, Serialize)]
pub struct Profile {
    #[serde(flatten)]
    pub outlet: OutletRow,
    /// The stories of this page, newest first; `offset` of them skipped.
    pub offset: usize,
    pub coverage: Vec<Coverage>,
    /// Its articles that copy or rewrite another outlet's.
    pub copies_out: Vec<OutletCopy>,
    /// Other outlets' articles that copy or rewrite its own.
    pub copies_in: Vec<OutletCopy>,
    /// Conflicts where its report is the odd one out.
    pub odd_facts: Vec<OddFact>,
    /// Its stories whose dossier is not computed yet: their copies and facts are not listed.
    pub stale_stories: usize,
}

/// Whether `name` can be an outlet name: not blank, at most [`MAX_NAME`] characters, no
/// control characters; anything else is a 404 unread.
pub fn plausible_name(name: &str) -> bool {
    !name.trim().is_empty()
        && name.chars().count() <= MAX_NAME
        && !name.chars().any(char::is_control)
        && !name.chars().all(|c| c == '.')
}

/// The profile of outlet `name` with stories `offset..offset + limit`; `None` when no article
/// gives that outlet.
pub fn profile(
    store: &Store,
    name: &str,
    offset: usize,
    limit: usize,
) -> dossier_store::Result<Option<Profile>> {
    let Some(outlet) = store.outlet(name)? else {
        return Ok(None);
    };
    let coverage = store.outlet_coverage(name, offset, limit)?;
    let (copies, odd_facts, stale_stories) = store.outlet_links(name, LISTED_LINKS)?;
    let ours = |side: &Option<String>| {
        side.as_deref()
            .is_some_and(|o| o.eq_ignore_ascii_case(name))
    };
    let (copies_out, copies_in) = copies.into_iter().partition(|c| ours(&c.article.outlet));
    Ok(Some(Profile {
        outlet,
        offset,
        coverage,
        copies_out,
        copies_in,
        odd_facts,
        stale_stories,
    }))
}

/// `name` encoded as one segment of a path or a query value (`/outlets/{name}`).
pub fn encode(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for b in name.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The path of outlet `name`'s page.
pub fn href(name: &str) -> String {
    format!("/outlets/{}", encode(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_one_path_segment() {
        assert_eq!(href("The Daily Post"), "/outlets/The%20Daily%20Post");
        assert_eq!(href("a/b?c#d"), "/outlets/a%2Fb%3Fc%23d");
        assert_eq!(href("\"><x"), "/outlets/%22%3E%3Cx");
        assert_eq!(href("Zürich"), "/outlets/Z%C3%BCrich");
        assert!(!plausible_name(" "));
        assert!(!plausible_name("a\nb"));
        assert!(!plausible_name(".."), "a dot segment");
        assert!(plausible_name("news.example.com"));
    }
}
