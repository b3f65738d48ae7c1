//! Analysis of cleaned articles: which articles tell the same story, and each story's
//! dossier (entities, quotes, events, positions, facts, figures, copies, brief).
//!
//! [`group_stories`] finds the stories (see [`stories`]: linked articles found through an index
//! of their heaviest features, average-link clustering inside each connected component of
//! links, vectors weighed by a fixed background so batches and increments agree), then
//! [`analyze`] fills each story's sections.
//!
//! Pure: no I/O, deterministic for the same input.

pub mod brief;
pub mod copies;
pub mod entities;
pub mod events;
pub mod facts;
pub mod figures;
pub mod names;
pub mod personal_names;
pub mod places;
pub mod positions;
pub mod quotes;
pub mod reading;
pub mod sentences;
pub mod speakers;
pub mod stories;
pub mod storylines;
pub mod terms;
pub mod timeline;

use dossier_model::{Article, Story};

pub use stories::{StoryVector, STORY_FLOOR, STORY_THRESHOLD};

/// Groups `articles` into stories and fills each story's analysis sections. Sets each
/// article's `story`.
pub fn analyze(articles: &mut [Article]) -> Vec<Story> {
    let vectors = stories::story_vectors(articles);
    analyze_by(articles, &vectors)
}

/// [`analyze`] with the story vectors given (`vectors[i]` of `articles[i]`), e.g. with
/// sentence embeddings added ([`stories::add_meaning`]).
pub fn analyze_by(articles: &mut [Article], vectors: &[StoryVector]) -> Vec<Story> {
    let mut stories = group_stories_by(articles, vectors);
    let index: std::collections::HashMap<&str, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let read: Vec<Vec<usize>> = stories
        .iter()
        .map(|s| {
            let members: Vec<usize> = s
                .articles
                .iter()
                .filter_map(|id| index.get(id.as_str()).copied())
                .collect();
            dossier_members(articles, members)
        })
        .collect();
    let mentions = mentions_of(articles, read.iter().flatten().copied());
    for (s, members) in stories.iter_mut().zip(&read) {
        fill_story(s, articles, &mentions, members);
    }
    stories
}

/// Most articles of one story its dossier is read from. News stories stay below it (an event
/// told by every outlet, or a news archive's pool of a topic's several hundred reports, as in
/// Timeline17); a story of thousands of near-copies (a syndicated report, a flood of spam)
/// would make the sections that compare its articles with each other (facts, copies, the
/// brief) quadratic.
pub const DOSSIER_ARTICLES: usize = 500;

/// The members of a story its dossier is read from: all of them, or for a story of more than
/// [`DOSSIER_ARTICLES`], that many spread evenly over its articles in order of publication
/// (then id), the first and the last among them; in the order of `members`.
pub fn dossier_members(articles: &[Article], members: Vec<usize>) -> Vec<usize> {
    if members.len() <= DOSSIER_ARTICLES {
        return members;
    }
    let mut by_date = members.clone();
    by_date.sort_by(|&a, &b| {
        (articles[a].published, &articles[a].id).cmp(&(articles[b].published, &articles[b].id))
    });
    let last = by_date.len() - 1;
    let mut chosen: Vec<usize> = (0..DOSSIER_ARTICLES)
        .map(|k| by_date[k * last / (DOSSIER_ARTICLES - 1)])
        .collect();
    chosen.sort_unstable();
    chosen.dedup();
    members
        .into_iter()
        .filter(|m| chosen.binary_search(m).is_ok())
        .collect()
}

/// The entity mentions of `articles[i]` for each `i` of `read`, none for the others.
fn mentions_of(
    articles: &[Article],
    read: impl Iterator<Item = usize>,
) -> Vec<Vec<entities::Mention>> {
    let mut wanted = vec![false; articles.len()];
    read.for_each(|i| wanted[i] = true);
    if wanted.iter().all(|&w| w) {
        return entities::find_mentions(articles);
    }
    let subset: Vec<Article> = articles
        .iter()
        .zip(&wanted)
        .filter(|(_, &w)| w)
        .map(|(a, _)| a.clone())
        .collect();
    let mut found = entities::find_mentions(&subset).into_iter();
    wanted
        .iter()
        .map(|&w| match w {
            true => found.next().unwrap_or_default(),
            false => Vec::new(),
        })
        .collect()
}

/// Analyses `articles` as one story, whatever their similarity (for a story whose members
/// are known, as in an evaluation set or a stored story that grew).
pub fn analyze_story(articles: &mut [Article]) -> Story {
    let ids: Vec<String> = articles.iter().map(|a| a.id.clone()).collect();
    let vectors = stories::story_vectors(articles);
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
    let members = dossier_members(articles, members);
    let mentions = mentions_of(articles, members.iter().copied());
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
    s.events = events::story_events(&member_articles, &read, &s.entities, &names);
    s.key_dates = timeline::story_key_dates(&s.events, &member_articles, &read);
    s.positions = positions::story_positions(&ids, &read, &s.entities, &names);
    s.facts = facts::story_facts(&member_articles, &read, &s.entities, &names);
    s.figures = member_articles
        .iter()
        .zip(&read)
        .flat_map(|(a, r)| figures::article_figures(a, r))
        .collect();
    s.copies = copies::find_copies(&member_articles, &read);
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
    s.brief = brief::story_brief(&member_articles, &read, &s.facts, &groups, &names);
}

/// Groups `articles` into stories (see [`stories`]), sets each article's `story`, and returns
/// the stories, largest first. Story sections other than `articles` are left for later stages.
pub fn group_stories(articles: &mut [Article]) -> Vec<Story> {
    let vectors = stories::story_vectors(articles);
    group_stories_by(articles, &vectors)
}

/// [`group_stories`] with the story vectors given (`vectors[i]` of `articles[i]`), e.g. with
/// sentence embeddings added.
pub fn group_stories_by(articles: &mut [Article], vectors: &[StoryVector]) -> Vec<Story> {
    let mut out: Vec<Story> = stories::cluster(vectors)
        .into_iter()
        .map(|members| {
            let ids: Vec<String> = members.iter().map(|&i| articles[i].id.clone()).collect();
            let title = story_title(articles, &members, vectors);
            Story {
                id: story_id(&ids),
                title,
                articles: ids,
                ..Default::default()
            }
        })
        .collect();
    set_storylines(&mut out, articles, vectors);
    out.sort_by_key(|s| std::cmp::Reverse(s.articles.len()));
    let index: std::collections::HashMap<&str, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let mut assign: Vec<(usize, String)> = Vec::new();
    for s in &out {
        for id in &s.articles {
            if let Some(&i) = index.get(id.as_str()) {
                assign.push((i, s.id.clone()));
            }
        }
    }
    for (i, story) in assign {
        articles[i].story = Some(story);
    }
    out
}

/// Sets the `storyline` of each of `stories` ([`storylines`]) from its members' vectors
/// (`vectors[i]` of `articles[i]`).
pub fn set_storylines(stories: &mut [Story], articles: &[Article], vectors: &[StoryVector]) {
    let index: std::collections::HashMap<&str, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let outlines: Vec<storylines::StoryOutline> = stories
        .iter()
        .map(|s| {
            let members: Vec<&StoryVector> = s
                .articles
                .iter()
                .filter_map(|id| index.get(id.as_str()).map(|&i| &vectors[i]))
                .collect();
            storylines::StoryOutline::of(&s.id, &members)
        })
        .collect();
    for (s, line) in stories.iter_mut().zip(storylines::storylines(&outlines)) {
        s.storyline = line;
    }
}

/// A story's id follows from its members, so the same grouping gets the same id.
pub fn story_id(member_ids: &[String]) -> String {
    let mut sorted = member_ids.to_vec();
    sorted.sort();
    let h = xxhash_rust::xxh3::xxh3_64(sorted.join(",").as_bytes());
    format!("s{:010x}", h >> 24)
}

/// The title of the story's most central member (the most typical report of its event), else
/// its label. `vectors[i]` is the vector of `articles[i]`.
///
/// Only members published on the story's day are candidates when it has dated members (the
/// day most of them were published, the later of a tie): a preview written the day before
/// ("... to meet on Tuesday") or a follow-up days later does not name the event. Among them,
/// the one whose unit vector has the highest summed cosine with all the members' (its dot
/// product with their sum, less itself): a member that joined from the story's edge (an
/// outlier, a roundup) is least like the rest. One pass over the members' features, not every
/// pair (a story of thousands of articles is re-titled whenever it grows). Members within
/// [`TYPICAL_TIE`] of the most central are a tie (the two members of a two-article story
/// always are), won by the first in `members`' order.
pub fn story_title(articles: &[Article], members: &[usize], vectors: &[StoryVector]) -> String {
    let mut sum: rustc_hash::FxHashMap<u32, f64> = rustc_hash::FxHashMap::default();
    for &j in members {
        for (t, w) in vectors[j].unit_terms() {
            *sum.entry(t).or_default() += f64::from(w);
        }
    }
    let centrality = |i: usize| -> f64 {
        let (with_self, own) = vectors[i].unit_terms().fold((0.0, 0.0), |(d, o), (t, w)| {
            let w = f64::from(w);
            (d + w * sum[&t], o + w * w)
        });
        with_self - own
    };
    let day = story_day(articles, members);
    let titled = |on_day: bool| -> Vec<usize> {
        members
            .iter()
            .copied()
            .filter(|&i| articles[i].title.is_some())
            .filter(|&i| !on_day || articles[i].published == day)
            .collect()
    };
    let mut candidates = titled(day.is_some());
    if candidates.is_empty() {
        candidates = titled(false);
    }
    let scored: Vec<(usize, f64)> = candidates.iter().map(|&i| (i, centrality(i))).collect();
    let most = scored.iter().map(|c| c.1).fold(f64::NEG_INFINITY, f64::max);
    let best = scored
        .iter()
        .find(|c| c.1 >= most - TYPICAL_TIE)
        .map(|c| c.0)
        .or_else(|| members.first().copied());
    best.map(|i| articles[i].label()).unwrap_or_default()
}

/// The day most of the members were published (the later of a tie), if any is dated.
fn story_day(articles: &[Article], members: &[usize]) -> Option<chrono::NaiveDate> {
    let mut days: rustc_hash::FxHashMap<chrono::NaiveDate, usize> = Default::default();
    for &i in members {
        if let Some(d) = articles[i].published {
            *days.entry(d).or_default() += 1;
        }
    }
    days.into_iter()
        .max_by_key(|&(d, n)| (n, d))
        .map(|(d, _)| d)
}

/// How close two members' summed similarities must be to count as equally typical: well above
/// the rounding of f32 weights, well below any real difference between two reports.
const TYPICAL_TIE: f64 = 1e-5;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_huge_story_is_read_from_a_bounded_spread_of_its_articles() {
        let articles: Vec<Article> = (0..1000)
            .map(|k| Article {
                id: format!("a{k:04}"),
                published: chrono::NaiveDate::from_ymd_opt(2025, 1, 1 + (999 - k as u32) / 40),
                ..Default::default()
            })
            .collect();
        let chosen = dossier_members(&articles, (0..1000).collect());
        assert_eq!(chosen.len(), DOSSIER_ARTICLES);
        assert!(chosen.windows(2).all(|w| w[0] < w[1]));
        // The first published (the first id of the first day) and the last are both read.
        assert!(chosen.contains(&960) && chosen.contains(&39), "{chosen:?}");
        let small: Vec<usize> = (0..50).collect();
        assert_eq!(dossier_members(&articles, small.clone()), small);
    }

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
    fn a_story_is_titled_by_its_most_central_report_of_its_day() {
        let dated = |id: &str, day: u32, title: &str, text: &str| Article {
            id: id.into(),
            title: Some(title.into()),
            text: text.into(),
            published: chrono::NaiveDate::from_ymd_opt(2026, 3, day),
            ..Default::default()
        };
        let flood = "Floodwaters from the Marden river broke the levee at Eastwick on Tuesday, \
            forcing 4,000 residents from their homes as rescue boats searched flooded streets.";
        let articles = vec![
            // A preview the day before: central in words, but not the day's news.
            dated(
                "a",
                9,
                "Marden river expected to crest at Eastwick levee",
                "Forecasters expect the Marden river to crest at the Eastwick levee on Tuesday; \
                 residents may be forced from their homes and rescue boats stand ready.",
            ),
            dated("b", 10, "Eastwick levee breaks, 4,000 flee", flood),
            dated(
                "c",
                10,
                "Marden floods Eastwick after levee fails",
                &format!("{flood} The mayor asked for state help."),
            ),
            // On the day, but mostly about something else: the story's edge.
            dated(
                "d",
                10,
                "Regional budget talks stall; flooding also in the news",
                "Budget talks in the regional assembly stalled over school funding and road \
                 repairs, with ministers trading blame; separately the Marden river flooded \
                 Eastwick.",
            ),
        ];
        let vectors = stories::story_vectors(&articles);
        let title = story_title(&articles, &[0, 1, 2, 3], &vectors);
        assert!(
            title == "Eastwick levee breaks, 4,000 flee"
                || title == "Marden floods Eastwick after levee fails",
            "{title}"
        );
        // Undated, every titled member is a candidate, and the edge member still is not chosen.
        let undated: Vec<Article> = articles
            .iter()
            .cloned()
            .map(|a| Article {
                published: None,
                ..a
            })
            .collect();
        let vectors = stories::story_vectors(&undated);
        let title = story_title(&undated, &[1, 2, 3], &vectors);
        assert_ne!(
            title,
            "Regional budget talks stall; flooding also in the news"
        );
    }

    #[test]
    fn empty_input_gives_no_stories() {
        assert!(group_stories(&mut []).is_empty());
    }
}
