//! Analysis of cleaned articles: which articles tell the same story, and each story's
//! dossier (entities, quotes, events, positions, facts, figures, copies, brief).
//!
//! [`group_stories`] represents each article by TF-IDF weights of its stemmed content words plus
//! its capitalised names and numbers (weighted higher: shared people, places and figures are the
//! strongest sign of a shared story), and merges articles by average-link agglomerative
//! clustering on cosine similarity until no two groups are more similar than
//! [`STORY_THRESHOLD`]; two groups with any pair of members less similar than [`STORY_FLOOR`]
//! never merge. Average link with a floor, not single link, so a chain of loosely related
//! articles does not collapse into one story, and one topic's many events stay apart.
//!
//! Pure: no I/O, deterministic for the same input.

pub mod brief;
pub mod copies;
pub mod entities;
pub mod events;
pub mod facts;
pub mod figures;
pub mod names;
pub mod places;
pub mod positions;
pub mod quotes;
pub mod reading;
pub mod sentences;
pub mod speakers;
pub mod terms;
pub mod timeline;

use dossier_model::{Article, Story};
use terms::TermVectors;

/// Least average cosine similarity for two groups of articles to be one story.
pub const STORY_THRESHOLD: f32 = 0.2;
/// Least cosine similarity of any two articles of one story: a story whose members drift
/// apart (weekly jobless claims, one summit after another) is several stories of one topic.
pub const STORY_FLOOR: f32 = 0.15;

/// Groups `articles` into stories and fills each story's analysis sections. Sets each
/// article's `story`.
pub fn analyze(articles: &mut [Article]) -> Vec<Story> {
    let mut stories = group_stories(articles);
    let mentions = entities::find_mentions(articles);
    let index: std::collections::HashMap<&str, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    for s in &mut stories {
        let members: Vec<usize> = s
            .articles
            .iter()
            .filter_map(|id| index.get(id.as_str()).copied())
            .collect();
        fill_story(s, articles, &mentions, &members);
    }
    stories
}

/// Analyses `articles` as one story, whatever their similarity (for a story whose members
/// are known, as in an evaluation set or a stored story that grew).
pub fn analyze_story(articles: &mut [Article]) -> Story {
    let ids: Vec<String> = articles.iter().map(|a| a.id.clone()).collect();
    let vectors = TermVectors::build(articles);
    let members: Vec<usize> = (0..articles.len()).collect();
    let mut story = Story {
        id: story_id(&ids),
        title: story_title(articles, &members, &vectors),
        articles: ids,
        ..Default::default()
    };
    for a in articles.iter_mut() {
        a.story = Some(story.id.clone());
    }
    let mentions = entities::find_mentions(articles);
    fill_story(&mut story, articles, &mentions, &members);
    story
}

/// Fills the analysis sections of story `s`, whose members are `articles[members]`.
fn fill_story(
    s: &mut Story,
    articles: &[Article],
    mentions: &[Vec<entities::Mention>],
    members: &[usize],
) {
    let of_story: Vec<&entities::Mention> = members.iter().flat_map(|&i| &mentions[i]).collect();
    s.entities = entities::merge(&of_story);
    let member_articles: Vec<&Article> = members.iter().map(|&i| &articles[i]).collect();
    let member_mentions: Vec<&[entities::Mention]> =
        members.iter().map(|&i| mentions[i].as_slice()).collect();
    s.quotes = speakers::story_quotes(&member_articles, &member_mentions, &s.entities);
    let read: Vec<Vec<reading::Sentence>> =
        member_articles.iter().map(|a| reading::read(a)).collect();
    let ids: Vec<&str> = member_articles.iter().map(|a| a.id.as_str()).collect();
    let names = names::NameFinder::new(&s.entities, 1);
    s.events = events::story_events(&ids, &read, &s.entities, &names);
    s.positions = positions::story_positions(&ids, &read, &s.entities, &names);
    s.facts = facts::story_facts(&member_articles, &read, &s.entities, &names);
    s.figures = member_articles
        .iter()
        .zip(&read)
        .flat_map(|(a, r)| figures::article_figures(a, r))
        .collect();
    s.copies = copies::find_copies(&member_articles);
    let groups = copies::independent_groups(&member_articles, &s.copies);
    for f in &mut s.facts {
        let mut independent: Vec<usize> = f
            .reports
            .iter()
            .filter_map(|r| member_articles.iter().position(|a| a.id == r.article))
            .map(|i| groups[i])
            .collect();
        independent.sort_unstable();
        independent.dedup();
        f.sources = independent.len();
    }
    s.brief = brief::story_brief(&member_articles, &read, &s.facts, &groups);
}

/// Groups `articles` into stories, sets each article's `story`, and returns the stories,
/// largest first. Story sections other than `articles` are left for later stages.
pub fn group_stories(articles: &mut [Article]) -> Vec<Story> {
    let vectors = TermVectors::build(articles);
    let clusters = average_link(&vectors, STORY_THRESHOLD, STORY_FLOOR);
    let mut stories: Vec<Story> = clusters
        .into_iter()
        .map(|members| {
            let ids: Vec<String> = members.iter().map(|&i| articles[i].id.clone()).collect();
            let title = story_title(articles, &members, &vectors);
            Story {
                id: story_id(&ids),
                title,
                articles: ids,
                ..Default::default()
            }
        })
        .collect();
    stories.sort_by_key(|s| std::cmp::Reverse(s.articles.len()));
    for s in &stories {
        for a in articles.iter_mut().filter(|a| s.articles.contains(&a.id)) {
            a.story = Some(s.id.clone());
        }
    }
    stories
}

/// A story's id follows from its members, so the same grouping gets the same id.
fn story_id(member_ids: &[String]) -> String {
    let mut sorted = member_ids.to_vec();
    sorted.sort();
    let h = xxhash_rust::xxh3::xxh3_64(sorted.join(",").as_bytes());
    format!("s{:010x}", h >> 24)
}

/// The title of the member most similar to the rest (the most typical report), else its label.
fn story_title(articles: &[Article], members: &[usize], v: &TermVectors) -> String {
    let centrality = |i: usize| -> f32 { members.iter().map(|&j| v.cosine(i, j)).sum() };
    let best = members
        .iter()
        .copied()
        .filter(|&i| articles[i].title.is_some())
        .max_by(|&a, &b| centrality(a).total_cmp(&centrality(b)))
        .or_else(|| members.first().copied());
    best.map(|i| articles[i].label()).unwrap_or_default()
}

/// Average-link agglomerative clustering, where two clusters with a pair of members less
/// similar than `floor` never merge. Returns clusters of indices, each in input order,
/// clusters ordered by their first member. Each cluster keeps its most similar neighbour, so a
/// merge costs one pass over the clusters rather than over all pairs (O(n^2) overall in the
/// usual case instead of O(n^3)).
fn average_link(v: &TermVectors, threshold: f32, floor: f32) -> Vec<Vec<usize>> {
    let n = v.len();
    let mut sim: Vec<Vec<f32>> = v.similarities();
    let mut least: Vec<Vec<f32>> = sim.clone();
    for row in sim.iter_mut() {
        for x in row.iter_mut() {
            if *x < floor {
                *x = f32::NEG_INFINITY;
            }
        }
    }
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    let mut alive = vec![true; n];
    // The nearest alive neighbour of each cluster (lowest index among equals).
    let nearest = |sim: &[Vec<f32>], alive: &[bool], i: usize| -> Option<usize> {
        let mut best: Option<usize> = None;
        for j in 0..n {
            if alive[j] && j != i && best.is_none_or(|b| sim[i][j] > sim[i][b]) {
                best = Some(j);
            }
        }
        best
    };
    let mut best: Vec<Option<usize>> = (0..n).map(|i| nearest(&sim, &alive, i)).collect();
    loop {
        // The most similar pair, ties broken by the lowest indices.
        let mut pick: Option<(usize, usize)> = None;
        for i in (0..n).filter(|&i| alive[i]) {
            if let Some(j) = best[i] {
                let (a, b) = (i.min(j), i.max(j));
                let better = match pick {
                    None => true,
                    Some((pa, pb)) => {
                        sim[a][b] > sim[pa][pb] || (sim[a][b] == sim[pa][pb] && (a, b) < (pa, pb))
                    }
                };
                if better {
                    pick = Some((a, b));
                }
            }
        }
        let Some((a, b)) = pick.filter(|&(a, b)| sim[a][b] >= threshold) else {
            break;
        };
        // Lance-Williams update for average linkage.
        let (na, nb) = (members[a].len() as f32, members[b].len() as f32);
        for k in (0..n).filter(|&k| alive[k] && k != a && k != b) {
            let m = least[a][k].min(least[b][k]);
            least[a][k] = m;
            least[k][a] = m;
            let s = if m < floor {
                f32::NEG_INFINITY
            } else {
                (na * sim[a][k] + nb * sim[b][k]) / (na + nb)
            };
            sim[a][k] = s;
            sim[k][a] = s;
        }
        let moved = std::mem::take(&mut members[b]);
        members[a].extend(moved);
        members[a].sort_unstable();
        alive[b] = false;
        for k in 0..n {
            if !alive[k] {
                continue;
            }
            if k == a || best[k] == Some(a) || best[k] == Some(b) {
                best[k] = nearest(&sim, &alive, k);
            } else if let Some(bk) = best[k] {
                if sim[k][a] > sim[k][bk] || (sim[k][a] == sim[k][bk] && a < bk) {
                    best[k] = Some(a);
                }
            }
        }
    }
    let mut out: Vec<Vec<usize>> = members.into_iter().filter(|m| !m.is_empty()).collect();
    out.sort_by_key(|m| m[0]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn art(id: &str, text: &str) -> Article {
        Article {
            id: id.into(),
            text: text.into(),
            ..Default::default()
        }
    }

    #[test]
    fn same_story_together_other_story_apart() {
        let mut a = vec![
            art("a", "Finance ministers of the Eurozone met in Brussels on Monday to agree on a bailout for Greece. Athens asked for 10 billion euros."),
            art("b", "Eurozone finance ministers meeting in Brussels agreed a Greece bailout worth 10 billion euros, Athens said."),
            art("c", "A magnitude 6.1 earthquake struck off the coast of Chile near Valparaiso, damaging buildings; no tsunami warning was issued."),
            art("d", "The Greek bailout deal reached by Eurozone ministers in Brussels eases pressure on Athens."),
        ];
        let stories = group_stories(&mut a);
        assert_eq!(stories.len(), 2);
        assert_eq!(stories[0].articles, ["a", "b", "d"]);
        assert_eq!(stories[1].articles, ["c"]);
        assert_eq!(a[2].story.as_deref(), Some(stories[1].id.as_str()));
    }

    #[test]
    fn empty_input_gives_no_stories() {
        assert!(group_stories(&mut []).is_empty());
    }
}
