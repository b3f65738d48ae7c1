//! Which articles tell the same event, in a way that grows with a corpus.
//!
//! Each article becomes a [`StoryVector`]: TF-IDF weights of its features (stemmed content
//! words, capitalised names at a quarter of a word's weight, numbers; the title's count
//! double), where the IDF comes from a fixed background (see [`crate::terms`]), so a vector
//! never depends on which other articles were read with it; and the days its title and lead
//! report (`when`). Two articles are *linked* when they share one of their [`TOP_FEATURES`]
//! heaviest features (found through an inverted index, not by comparing all pairs), were
//! published within [`WINDOW_DAYS`] of each other (when both are dated), and their
//! similarity is at least [`STORY_FLOOR`]: the cosine of their words, times what their dates
//! say ([`StoryVector::time_factor`]: the same day counts for more, days apart for less unless
//! the text ties them by a day both report).
//!
//! Stories are found inside each connected component of the links of at least
//! [`STORY_THRESHOLD`] ([`strong_components`]) on its own. There the words are weighed again
//! by how many of the component's articles use them ([`in_context`]): the names and words a
//! whole run of reports shares (a saga's protagonist) count less than what only one event's
//! reports share, so a story is one event, not a topic. Then average-link agglomerative
//! clustering: two groups merge while their mean similarity is at least [`STORY_THRESHOLD`],
//! so a story cannot drift from one event to the next by one resembling member at a time. In
//! a component of up to [`TOPIC_ARTICLES`] (one event's reports and its neighbours) a pair
//! that is not linked counts as similarity 0 in that mean: short reports of one event told in
//! different words need not all share a heavy word. In a larger one (a topic of many events)
//! every pair across two groups must be linked ([`Unlinked`]).
//!
//! Every step depends only on a pair of articles or on the articles of one component, taken in
//! id order: a corpus read in one batch or in ten gives the same stories, and a new article only
//! re-clusters the component it joins (what the store does as articles stream in).

use chrono::NaiveDate;
use dossier_model::Article;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use std::collections::{BinaryHeap, HashMap};

/// Least average similarity for two groups of articles to be one story.
pub const STORY_THRESHOLD: f32 = 0.25;
/// Least similarity of two articles to be linked (and of any two members of a story): a story
/// whose members drift apart (weekly jobless claims, one summit after another) is several
/// stories of one topic.
pub const STORY_FLOOR: f32 = 0.15;
/// How many of an article's heaviest features are indexed to find the articles it may link to.
pub const TOP_FEATURES: usize = 24;
/// Most days between the publication of two linked articles.
pub const WINDOW_DAYS: i64 = 60;
/// What two articles published on the same day gain: the reports of one event mostly appear
/// the day it happens.
pub const SAME_DAY: f32 = 1.3;
/// What two articles published a day apart keep of their similarity: the next day's news is
/// often the next step of the story, not the same event.
pub const NEXT_DAY: f32 = 0.7;
/// What each further day apart takes away, down to [`DAYS_APART`].
pub const PER_DAY: f32 = 0.15;
/// What articles published several days apart keep of their similarity: only near-copies
/// stay linked.
pub const DAYS_APART: f32 = 0.3;
/// The most that dates apart take from a pair's similarity: two reports alike in most of their
/// words (a follow-up that retells the event, a late rewrite) stay linked across days, while
/// two that share a topic's words fall apart.
pub const MOST_TIME_TAKES: f32 = 0.25;
/// What two articles that report one day in common gain (the same weekday, date or "Tuesday"
/// in their title or lead), and what two that each report days but none in common keep.
pub const SAME_REPORTED_DAY: f32 = 1.3;
pub const OTHER_REPORTED_DAYS: f32 = 0.8;
/// Characters of an article's text after its title read for the days it reports.
pub const LEAD_CHARS: usize = 600;
/// The size of the notional corpus the background stands for when a component's own articles
/// are counted in ([`in_context`]): the fewer, the more a component's common words lose.
pub const CONTEXT_DOCUMENTS: f32 = 1000.0;
/// The size of a component from which on it is a topic of many events rather than one event's
/// reports: above it, the background counts for less ([`in_context`]: `CONTEXT_DOCUMENTS`
/// times the square root of this over the component's size), so the words a topic's many
/// reports share weigh less still against what one event's reports share, and two groups
/// merge only when every pair across them is linked ([`Unlinked::Blocks`]; up to it, an
/// unlinked pair counts as 0). Undated NeuS train (one chain of over 6,000 articles) pairwise
/// F1 0.543 -> 0.562; components of ECB+ and of the dated raw crawl stay below it (ECB+ B3 F1
/// 0.864 -> 0.896 when their unlinked pairs stopped blocking merges).
pub const TOPIC_ARTICLES: f32 = 200.0;
/// The share of an article pair's similarity that comes from their sentence embeddings, when
/// both have one (the `embeddings` feature); the rest is the cosine of their words.
pub const MEANING_WEIGHT: f32 = 0.4;
/// The cosine of two embeddings that counts as nothing in common: two news articles on
/// unrelated stories already score 0.2-0.4, so only what lies above it is similarity.
pub const MEANING_BASE: f32 = 0.45;
/// Characters of an article's text embedded after its title (about the 256 tokens the model
/// reads).
pub const MEANING_CHARS: usize = 1500;
/// Which weighting [`StoryVector::of`] computes; a store remembers the version its vectors were
/// made with. 1: TF-IDF over the fixed background; 2: the heaviest features capped
/// (`terms::MAX_FEATURE_WEIGHT`); 3: weights kept unnormalised (rescaled when compared), names
/// at `terms::NAME_SHARE`, the reported days.
pub const VECTOR_VERSION: i64 = 3;

/// What story clustering knows of an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryVector {
    pub article: String,
    pub published: Option<NaiveDate>,
    /// Feature ids and TF-IDF weights (`terms::article_vector`), sorted by id.
    pub terms: Vec<(u32, f32)>,
    /// How a weight becomes one of the unit vector: `min(weight * scale, clip)`
    /// (`terms::unit_scale`).
    #[serde(skip)]
    unit: (f32, f32),
    /// The days its title and lead report, as hashes of their TIMEX values (resolved dates in a
    /// dated article, "XXXX-WXX-2" for a Tuesday in an undated one), sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub when: Vec<u32>,
    /// A sentence embedding of the article (unit length), when one was computed (the
    /// `embeddings` feature); empty otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub meaning: Vec<f32>,
    /// Its outlet (a hash of the name), when known: an outlet's own recurring phrases do not
    /// tie its articles together ([`cluster_component`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<u32>,
}

/// The [`StoryVector::outlet`] of an outlet's name.
pub fn outlet_key(outlet: Option<&str>) -> Option<u32> {
    outlet.map(|o| xxhash_rust::xxh3::xxh3_64(o.trim().to_lowercase().as_bytes()) as u32)
}

impl StoryVector {
    pub fn of(a: &Article) -> Self {
        let mut v = StoryVector::new(
            a.id.clone(),
            a.published,
            crate::terms::article_vector(a),
            reported_days(a, a.published),
        );
        v.outlet = outlet_key(a.outlet.as_deref());
        v
    }

    /// A vector of the given weights (sorted by id) and reported days, without an embedding.
    pub fn new(
        article: String,
        published: Option<NaiveDate>,
        terms: Vec<(u32, f32)>,
        when: Vec<u32>,
    ) -> Self {
        let unit = crate::terms::unit_scale(&terms, crate::terms::MAX_FEATURE_WEIGHT);
        StoryVector {
            article,
            published,
            terms,
            unit,
            when,
            meaning: Vec::new(),
            outlet: None,
        }
    }

    /// The feature ids and their weights in the unit vector.
    pub fn unit_terms(&self) -> impl Iterator<Item = (u32, f32)> + '_ {
        let (scale, clip) = self.unit;
        self.terms
            .iter()
            .map(move |&(t, w)| (t, (w * scale).min(clip)))
    }

    /// The ids of the heaviest features (ties by id), the keys of the link index.
    pub fn top(&self) -> Vec<u32> {
        let mut t: Vec<(u32, f32)> = self.unit_terms().collect();
        t.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        t.into_iter().take(TOP_FEATURES).map(|(id, _)| id).collect()
    }

    pub fn cosine(&self, other: &StoryVector) -> f32 {
        let (a, b) = (&self.terms, &other.terms);
        let ((sa, ca), (sb, cb)) = (self.unit, other.unit);
        let (mut x, mut y, mut dot) = (0, 0, 0.0);
        while x < a.len() && y < b.len() {
            match a[x].0.cmp(&b[y].0) {
                std::cmp::Ordering::Less => x += 1,
                std::cmp::Ordering::Greater => y += 1,
                std::cmp::Ordering::Equal => {
                    dot += (a[x].1 * sa).min(ca) * (b[y].1 * sb).min(cb);
                    x += 1;
                    y += 1;
                }
            }
        }
        dot
    }

    /// How alike the two are: the cosine of their words, blended with that of their meaning
    /// when both have an embedding.
    pub fn similarity(&self, other: &StoryVector) -> f32 {
        let words = self.cosine(other);
        if self.meaning.is_empty() || self.meaning.len() != other.meaning.len() {
            return words;
        }
        let meaning: f32 = self
            .meaning
            .iter()
            .zip(&other.meaning)
            .map(|(x, y)| x * y)
            .sum();
        let meaning = ((meaning - MEANING_BASE) / (1.0 - MEANING_BASE)).max(0.0);
        (1.0 - MEANING_WEIGHT) * words + MEANING_WEIGHT * meaning
    }

    /// Published within the window of each other (or either undated).
    pub fn near_in_time(&self, other: &StoryVector) -> bool {
        match (self.published, other.published) {
            (Some(a), Some(b)) => (a - b).num_days().abs() <= WINDOW_DAYS,
            _ => true,
        }
    }

    /// What the two articles' dates make of their similarity, or `None` when they are too far
    /// apart to be linked at all. Days apart by publication count against a pair ([`NEXT_DAY`],
    /// [`PER_DAY`] down to [`DAYS_APART`]), the same day for it ([`SAME_DAY`]); two that
    /// report a day in common are tied by their text and count as at most a day apart (not as
    /// one day's news: the reports of a week-long saga share its days too). Reported days
    /// are compared only between two dated or two undated articles (a dated article's days
    /// are resolved, an undated one's are not); sharing one counts for the pair
    /// ([`SAME_REPORTED_DAY`]), reporting only different ones against it
    /// ([`OTHER_REPORTED_DAYS`]).
    pub fn time_factor(&self, other: &StoryVector) -> Option<f32> {
        let comparable = self.published.is_some() == other.published.is_some()
            && !self.when.is_empty()
            && !other.when.is_empty();
        let shared = comparable && sorted_share(&self.when, &other.when);
        let reported = match (comparable, shared) {
            (false, _) => 1.0,
            (true, true) => SAME_REPORTED_DAY,
            (true, false) => OTHER_REPORTED_DAYS,
        };
        let published = match (self.published, other.published) {
            (Some(a), Some(b)) => {
                let days = (a - b).num_days().abs();
                if days > WINDOW_DAYS {
                    return None;
                }
                let apart = match days {
                    0 => SAME_DAY,
                    1 => NEXT_DAY,
                    d => (NEXT_DAY - PER_DAY * (d - 1) as f32).max(DAYS_APART),
                };
                if shared {
                    apart.max(NEXT_DAY)
                } else {
                    apart
                }
            }
            _ => 1.0,
        };
        Some(reported * published)
    }

    /// The similarity of a link between the two, if they are linked (given that they share a
    /// top feature): their [`similarity`](Self::similarity) times their
    /// [`time_factor`](Self::time_factor), which takes away at most [`MOST_TIME_TAKES`], at
    /// least [`STORY_FLOOR`].
    pub fn link(&self, other: &StoryVector) -> Option<f32> {
        let similarity = self.similarity(other);
        let factor = self.time_factor(other)?;
        let s = (similarity * factor).max(similarity - MOST_TIME_TAKES);
        (s >= STORY_FLOOR).then_some(s)
    }
}

/// Whether two sorted lists hold a value in common.
fn sorted_share(a: &[u32], b: &[u32]) -> bool {
    let (mut x, mut y) = (0, 0);
    while x < a.len() && y < b.len() {
        match a[x].cmp(&b[y]) {
            std::cmp::Ordering::Less => x += 1,
            std::cmp::Ordering::Greater => y += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// The days the title and lead of `a` report (its first [`LEAD_CHARS`] characters), read
/// against `published`: every time expression of one day, resolved ("2021-09-20") or, in an
/// undated article, as far as the words go ("XXXX-WXX-2" for "Tuesday", "XXXX-09-20" for
/// "Sept. 20"), as hashes, sorted. What happened on a day is what one event's reports share
/// and a topic's many events do not.
pub fn reported_days(a: &Article, published: Option<NaiveDate>) -> Vec<u32> {
    let cut = a
        .text
        .char_indices()
        .nth(LEAD_CHARS)
        .map_or(a.text.len(), |(i, _)| i);
    let mut days: Vec<u32> = Vec::new();
    for text in [a.title.as_deref().unwrap_or(""), &a.text[..cut]] {
        for t in dossier_time::find_times(text, published) {
            let one_day = match (t.precision, t.date) {
                (Some(p), Some(_)) => p == dossier_time::Precision::Day,
                (_, None) => t.weekday.is_some() || is_month_day(&t.value),
                _ => false,
            };
            if t.kind == dossier_time::Kind::Date && one_day {
                days.push(xxhash_rust::xxh3::xxh3_64(t.value.as_bytes()) as u32);
            }
        }
    }
    days.sort_unstable();
    days.dedup();
    days
}

/// A TIMEX value of a month and day without a year ("XXXX-09-20").
fn is_month_day(value: &str) -> bool {
    let b = value.as_bytes();
    b.len() == 10 && value.starts_with("XXXX-") && b[5..7].iter().all(u8::is_ascii_digit)
}

/// The vectors of the articles of one component weighed again by their own company: each
/// feature's background IDF is replaced by its IDF in the background joined by these articles
/// (the background counted as [`CONTEXT_DOCUMENTS`] documents, fewer in a component larger than
/// [`TOPIC_ARTICLES`]). A word most of a large
/// component's articles use (a saga's protagonist, a season's topic) loses weight against the
/// words only one event's reports share; in a component of a few articles little changes.
/// It depends on the component's articles alone, so batches and increments agree.
pub fn in_context(vectors: &[&StoryVector]) -> Vec<StoryVector> {
    let mut df: FxHashMap<u32, f32> = FxHashMap::default();
    for v in vectors {
        for &(t, _) in &v.terms {
            *df.entry(t).or_default() += 1.0;
        }
    }
    let n = vectors.len() as f32;
    let background_documents = CONTEXT_DOCUMENTS * (TOPIC_ARTICLES / n).min(1.0).sqrt();
    let factor: FxHashMap<u32, f32> = df
        .into_iter()
        .map(|(t, inside)| {
            let (documents, outside) = crate::terms::background_frequency(t);
            let documents = documents as f32;
            let outside = outside as f32;
            let background = ((documents + 1.0) / (outside + 1.0)).ln() + 1.0;
            let joined = ((background_documents + n + 1.0)
                / (outside * background_documents / documents + inside))
                .ln()
                + 1.0;
            (t, joined / background)
        })
        .collect();
    vectors
        .iter()
        .map(|v| {
            let terms = v.terms.iter().map(|&(t, w)| (t, w * factor[&t])).collect();
            let mut out = StoryVector::new(v.article.clone(), v.published, terms, v.when.clone());
            out.meaning = v.meaning.clone();
            out.outlet = v.outlet;
            out
        })
        .collect()
}

/// The story vectors of `articles`. An undated part split off a page (a pasted-in article,
/// `part` 2 and up) takes the date of the page it was found on (part 1 of the same source, when
/// it is among `articles`) for the time window: it was on the web by then. Without it, such a
/// part would be compared with every article of every date that shares a feature, which a
/// corpus of millions cannot afford.
pub fn story_vectors(articles: &[Article]) -> Vec<StoryVector> {
    let pages: HashMap<&str, NaiveDate> = articles
        .iter()
        .filter(|a| a.part == 1)
        .filter_map(|a| Some((a.source.as_str(), a.published?)))
        .collect();
    articles
        .iter()
        .map(|a| {
            let mut v = StoryVector::of(a);
            if v.published.is_none() && a.part > 1 {
                if let Some(&page) = pages.get(a.source.as_str()) {
                    v.published = Some(page);
                    v.when = reported_days(a, Some(page));
                }
            }
            v
        })
        .collect()
}

/// What of an article is embedded for its `meaning`: the title and the start of the text.
pub fn meaning_text(a: &Article) -> String {
    let body: String = a.text.chars().take(MEANING_CHARS).collect();
    match &a.title {
        Some(t) => format!("{t}. {body}"),
        None => body,
    }
}

/// The embeddings of `articles` ([`meaning_text`]), as `embed` gives them (one unit vector
/// per text, in order). The model stays outside: the analysis reads no files.
pub fn embed_articles<'a, E>(
    articles: impl IntoIterator<Item = &'a Article>,
    embed: impl FnOnce(&[&str]) -> Result<Vec<Vec<f32>>, E>,
) -> Result<Vec<Vec<f32>>, E> {
    let texts: Vec<String> = articles.into_iter().map(meaning_text).collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    embed(&refs)
}

/// Sets the `meaning` of `vectors[i]` to the embedding of `articles[i]` ([`embed_articles`]).
pub fn add_meaning<E>(
    vectors: &mut [StoryVector],
    articles: &[Article],
    embed: impl FnOnce(&[&str]) -> Result<Vec<Vec<f32>>, E>,
) -> Result<(), E> {
    for (v, m) in vectors.iter_mut().zip(embed_articles(articles, embed)?) {
        v.meaning = m;
    }
    Ok(())
}

/// A link between items `i` and `j` (`i < j`) and its similarity.
pub type Link = (usize, usize, f32);

/// Most articles of one feature's postings that an article is compared with: the latest
/// [`BUCKET_COMPARISONS`] posted before it (in id order here, in arrival order in a store).
/// Within the window, news puts a few dozen articles under one heavy feature, the 7,334
/// undated articles of NeuS train at most 300 or so; thousands of near-copies of one report (a
/// syndicated story, a flood of spam) would put all of them there and make link finding
/// quadratic in time and in links. Beyond it an article is compared with the latest of them:
/// enough to join their story ([`cluster_component`] collapses near-copies).
pub const BUCKET_COMPARISONS: usize = 400;
/// Most articles an article is compared with in all ([`links`]), its features taken heaviest
/// first.
pub const MOST_COMPARISONS: usize = 2 * BUCKET_COMPARISONS;

/// Every link among `vs`: (i, j, similarity) with i < j, sorted. Each article is compared with
/// the articles before it that share one of its heaviest features ([`StoryVector::top`]), at
/// most [`BUCKET_COMPARISONS`] of each feature and [`MOST_COMPARISONS`] in all, so the links
/// grow linearly with the articles even when thousands share every feature.
pub fn links(vs: &[&StoryVector]) -> Vec<(usize, usize, f32)> {
    let mut postings: FxHashMap<u32, Vec<usize>> = FxHashMap::default();
    // `seen[j] == i + 1` once `j` is a candidate of `i`.
    let mut seen: Vec<usize> = vec![0; vs.len()];
    let mut out: Vec<Link> = Vec::new();
    let mut candidates: Vec<usize> = Vec::new();
    for (i, v) in vs.iter().enumerate() {
        let top = v.top();
        candidates.clear();
        'features: for t in &top {
            let Some(list) = postings.get(t) else {
                continue;
            };
            for &j in list.iter().rev().take(BUCKET_COMPARISONS) {
                if seen[j] != i + 1 {
                    if candidates.len() == MOST_COMPARISONS {
                        break 'features;
                    }
                    seen[j] = i + 1;
                    candidates.push(j);
                }
            }
        }
        candidates.sort_unstable();
        out.extend(
            candidates
                .iter()
                .filter_map(|&j| vs[j].link(v).map(|s| (j, i, s))),
        );
        for t in top {
            postings.entry(t).or_default().push(i);
        }
    }
    out.sort_unstable_by_key(|&(i, j, _)| (i, j));
    out
}

/// The connected components of `links` over `n` items, each sorted, in order of their first.
pub fn components(n: usize, links: &[(usize, usize, f32)]) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    for &(i, j, _) in links {
        let (a, b) = (root(&mut parent, i), root(&mut parent, j));
        if a != b {
            parent[a.max(b)] = a.min(b);
        }
    }
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..n {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    let mut out: Vec<Vec<usize>> = groups.into_values().collect();
    out.sort_by_key(|g| g[0]);
    out
}

/// The stories among `vs`: groups of indices into `vs`, each in id order, the groups in order
/// of their first member's id.
pub fn cluster(vs: &[StoryVector]) -> Vec<Vec<usize>> {
    // Work in id order, so the input order never matters.
    let mut order: Vec<usize> = (0..vs.len()).collect();
    order.sort_by(|&a, &b| vs[a].article.cmp(&vs[b].article));
    let sorted: Vec<&StoryVector> = order.iter().map(|&i| &vs[i]).collect();
    let all = links(&sorted);
    let mut out = Vec::new();
    for (comp, edges) in strong_components(sorted.len(), &all) {
        let members: Vec<&StoryVector> = comp.iter().map(|&k| sorted[k]).collect();
        for group in cluster_component(&members, &edges) {
            out.push(
                group
                    .into_iter()
                    .map(|k| order[comp[k]])
                    .collect::<Vec<_>>(),
            );
        }
    }
    out.sort_by(|a: &Vec<usize>, b: &Vec<usize>| vs[a[0]].article.cmp(&vs[b[0]].article));
    out
}

/// The stories of one component of strong links (`vectors` in id order, `edges` every link
/// among them in their indices): its vectors weighed [`in_context`], each link's similarity
/// computed again from them (links that fall below [`STORY_FLOOR`] dropped; between two
/// articles of one outlet, without that outlet's [`house_phrases`]), then [`average_link`] at
/// [`STORY_THRESHOLD`], unlinked pairs counting as 0 in a component of up to
/// [`TOPIC_ARTICLES`] and blocking a merge in a larger one.
pub fn cluster_component(vectors: &[&StoryVector], edges: &[Link]) -> Vec<Vec<usize>> {
    if vectors.len() < 2 {
        return (0..vectors.len()).map(|i| vec![i]).collect();
    }
    let context = in_context(vectors);
    let house = house_phrases(&context);
    // The articles of an outlet that has house phrases, without them.
    let plain: Vec<Option<StoryVector>> = context
        .iter()
        .map(|v| {
            let phrases = house.get(&v.outlet?)?;
            let terms = v.terms.iter().copied();
            let terms = terms.filter(|t| !phrases.contains(&t.0)).collect();
            let mut out = StoryVector::new(v.article.clone(), v.published, terms, v.when.clone());
            out.meaning = v.meaning.clone();
            out.outlet = v.outlet;
            Some(out)
        })
        .collect();
    let edges: Vec<Link> = edges
        .iter()
        .filter_map(|&(i, j, _)| {
            let s = match (&plain[i], &plain[j]) {
                (Some(a), Some(b)) if a.outlet == b.outlet => a.link(b),
                _ => context[i].link(&context[j]),
            };
            s.map(|s| (i, j, s))
        })
        .collect();
    let unlinked = if vectors.len() as f32 <= TOPIC_ARTICLES {
        Unlinked::Zero
    } else {
        Unlinked::Blocks
    };
    if vectors.len() > DENSE_COMPONENT {
        if let Some(groups) = cluster_near_copies(&context, &edges) {
            return groups;
        }
    }
    average_link(vectors.len(), &edges, STORY_THRESHOLD, unlinked)
}

/// The size of a component from which on its near-copies are clustered as one item
/// ([`cluster_near_copies`]). The components of news stay far below it (the largest of the
/// dated raw crawl has a few dozen articles); thousands of copies of one report reach it.
pub const DENSE_COMPONENT: usize = 1000;
/// Least cosine of the words of two articles published the same day (or both undated) for
/// them to be near-copies of one report in a dense component.
pub const NEAR_COPY: f32 = 0.85;
/// Least near-copies of one report in a dense component for it to be clustered as near-copies
/// ([`cluster_near_copies`]): the undated chain of 6,000 articles of NeuS train is no such
/// component, a report copied thousands of times is.
pub const DENSE_COPIES: usize = 50;
/// Most items (near-copies as one) of a dense component whose every pair is compared
/// ([`cluster_near_copies`]).
pub const DENSE_ITEMS: usize = 2000;

/// [`average_link`] for a dense component: articles linked as near-copies ([`NEAR_COPY`],
/// transitively) are one item of their number's weight, and two items are as similar as the
/// mean of the links between their articles. Near-copies would be the first merges of
/// average-link clustering anyway; as items they keep the clustering of thousands of copies
/// to their few variants, and an article compared only with the latest copies before it
/// ([`BUCKET_COMPARISONS`]) still joins the story of the earliest. `None` when no report has
/// [`DENSE_COPIES`] near-copies there.
pub fn cluster_near_copies(vectors: &[StoryVector], edges: &[Link]) -> Option<Vec<Vec<usize>>> {
    let n = vectors.len();
    let copies: Vec<Link> = edges
        .iter()
        .copied()
        .filter(|&(i, j, _)| {
            vectors[i].published == vectors[j].published
                && vectors[i].cosine(&vectors[j]) >= NEAR_COPY
        })
        .collect();
    let items = components(n, &copies);
    if items.iter().all(|m| m.len() < DENSE_COPIES) {
        return None;
    }
    let mut item_of = vec![0usize; n];
    for (k, members) in items.iter().enumerate() {
        for &i in members {
            item_of[i] = k;
        }
    }
    // The sum and count of the links between two items.
    let mut between: FxHashMap<(usize, usize), (f64, usize)> = FxHashMap::default();
    for &(i, j, s) in edges {
        let (a, b) = (item_of[i], item_of[j]);
        if a != b {
            let e = between.entry((a.min(b), a.max(b))).or_default();
            e.0 += s as f64;
            e.1 += 1;
        }
    }
    let mut item_edges: Vec<Link> = between
        .iter()
        .map(|(&(a, b), &(sum, count))| (a, b, (sum / count as f64) as f32))
        .collect();
    // Few items: the pairs no link joins (the article of one was compared only with the latest
    // copies, not with the other) are compared through their first articles.
    if items.len() <= DENSE_ITEMS {
        for a in 0..items.len() {
            for b in a + 1..items.len() {
                if !between.contains_key(&(a, b)) {
                    let (x, y) = (&vectors[items[a][0]], &vectors[items[b][0]]);
                    if let Some(s) = x.link(y) {
                        item_edges.push((a, b, s));
                    }
                }
            }
        }
    }
    item_edges.sort_unstable_by_key(|&(a, b, _)| (a, b));
    let weights: Vec<f32> = items.iter().map(|m| m.len() as f32).collect();
    let mut out: Vec<Vec<usize>> =
        weighted_average_link(&weights, &item_edges, STORY_THRESHOLD, Unlinked::Blocks)
            .into_iter()
            .map(|group| {
                let mut g: Vec<usize> = group.iter().flat_map(|&k| items[k].clone()).collect();
                g.sort_unstable();
                g
            })
            .collect();
    out.sort_by_key(|m| m[0]);
    Some(out)
}

/// How many of an outlet's articles in a component must use a feature that no other outlet's
/// article there uses for it to be the outlet's own phrase, not news.
pub const HOUSE_PHRASE_ARTICLES: usize = 3;

/// Each outlet's house phrases in a component: the features at least
/// [`HOUSE_PHRASE_ARTICLES`] and half of its articles there use and no article of another
/// outlet does (an outlet's label for a thing, its sign-off, its recurring tagline: "CCP
/// (Chinese Communist Party) virus" in one outlet's every pandemic report). They would tie
/// that outlet's reports of different events to each other; in the similarity of two of its
/// articles they weigh nothing. Depends on the component alone, so batches and increments
/// agree.
pub fn house_phrases(vectors: &[StoryVector]) -> FxHashMap<u32, FxHashSet<u32>> {
    let mut articles: FxHashMap<u32, usize> = FxHashMap::default();
    for o in vectors.iter().filter_map(|v| v.outlet) {
        *articles.entry(o).or_default() += 1;
    }
    let mut out: FxHashMap<u32, FxHashSet<u32>> = FxHashMap::default();
    if !articles.values().any(|&n| n >= HOUSE_PHRASE_ARTICLES) || articles.len() < 2 {
        return out;
    }
    // For each feature: the one outlet using it and how often, or `None` once a second outlet
    // (or an article without one) uses it.
    let mut users: FxHashMap<u32, Option<(u32, usize)>> = FxHashMap::default();
    for v in vectors {
        for &(t, _) in &v.terms {
            let entry = users.entry(t).or_insert(v.outlet.map(|o| (o, 0)));
            *entry = match (*entry, v.outlet) {
                (Some((o, n)), Some(mine)) if o == mine => Some((o, n + 1)),
                _ => None,
            };
        }
    }
    for (t, user) in users {
        if let Some((o, n)) = user {
            if n >= HOUSE_PHRASE_ARTICLES && 2 * n >= articles[&o] {
                out.entry(o).or_default().insert(t);
            }
        }
    }
    out
}

/// The pieces of a link graph that [`average_link`] can cluster one at a time: the connected
/// components of the links of at least [`STORY_THRESHOLD`] ("strong" links), each with every
/// link among its members (weaker ones too), in local indices. Two groups merge only when
/// their mean similarity reaches the threshold, so only when some link between them does:
/// groups of different components never merge, and one component's merges never depend on
/// another's. Clustering them one by one therefore gives exactly the stories of clustering the
/// whole graph, and a new article re-clusters only the component its strong links join.
pub fn strong_components(n: usize, links: &[Link]) -> Vec<(Vec<usize>, Vec<Link>)> {
    let strong: Vec<Link> = links
        .iter()
        .copied()
        .filter(|l| l.2 >= STORY_THRESHOLD)
        .collect();
    let comps = components(n, &strong);
    // Each item's component and its index inside it.
    let mut at = vec![(0usize, 0usize); n];
    for (c, comp) in comps.iter().enumerate() {
        for (k, &i) in comp.iter().enumerate() {
            at[i] = (c, k);
        }
    }
    let mut edges: Vec<Vec<Link>> = vec![Vec::new(); comps.len()];
    for &(i, j, s) in links {
        let ((ci, ki), (cj, kj)) = (at[i], at[j]);
        if ci == cj {
            edges[ci].push((ki.min(kj), ki.max(kj), s));
        }
    }
    comps.into_iter().zip(edges).collect()
}

/// What a pair of items that is no edge means to [`average_link`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unlinked {
    /// Two groups with such a pair across them never merge (complete linkage of the edges).
    Blocks,
    /// It counts as similarity 0 in the mean of the pairs across two groups.
    Zero,
}

/// Average-link agglomerative clustering of `n` items whose only similar pairs are `edges`:
/// groups merge while their mean similarity is at least `threshold`, a pair that is no edge
/// blocking the merge or counting as 0 (`unlinked`). Returns groups of indices, each sorted,
/// in order of their first member. Groups with no edge between them never merge.
///
/// Similarities are kept sparse (one map of neighbours per group, only edges), so memory
/// follows the edges, not `n` squared, and the candidate merges wait in a priority queue
/// (stale entries are skipped when they come up), so a merge costs the neighbours of the two
/// groups, not a pass over all groups: a story chain of hundreds of thousands of linked
/// articles is clustered in about `edges log edges`. The most similar pair merges first, ties
/// to the lowest indices; the arithmetic is that of the dense Lance-Williams update, so the
/// result does not depend on the layout (a test checks it against the dense version).
pub fn average_link(
    n: usize,
    edges: &[(usize, usize, f32)],
    threshold: f32,
    unlinked: Unlinked,
) -> Vec<Vec<usize>> {
    weighted_average_link(&vec![1.0; n], edges, threshold, unlinked)
}

/// [`average_link`] of items that stand for `weights[i]` articles each (a group of that many
/// starts as item `i`).
pub fn weighted_average_link(
    weights: &[f32],
    edges: &[Link],
    threshold: f32,
    unlinked: Unlinked,
) -> Vec<Vec<usize>> {
    let n = weights.len();
    let mut sim: Vec<HashMap<usize, f32>> = vec![HashMap::new(); n];
    for &(i, j, s) in edges {
        if i != j {
            sim[i].insert(j, s);
            sim[j].insert(i, s);
        }
    }
    let mut queue: BinaryHeap<Candidate> = sim
        .iter()
        .enumerate()
        .flat_map(|(i, row)| {
            row.iter()
                .filter(move |(&j, _)| i < j)
                .map(move |(&j, &s)| Candidate(s, i, j))
        })
        .filter(|c| c.0 >= threshold)
        .collect();
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    let mut size = weights.to_vec();
    while let Some(Candidate(s, a, b)) = queue.pop() {
        // Skip what a merge made stale: a group merged away, or a similarity since updated.
        if members[a].is_empty() || members[b].is_empty() || sim[a].get(&b) != Some(&s) {
            continue;
        }
        // Lance-Williams update for average linkage. When a pair that is no edge blocks the
        // merge, the merged group's neighbours are those of both; when it counts as 0, those of
        // either.
        let (na, nb) = (size[a], size[b]);
        let row_a = std::mem::take(&mut sim[a]);
        let row_b = std::mem::take(&mut sim[b]);
        for &k in row_b.keys() {
            if k != a {
                sim[k].remove(&b);
            }
        }
        // Each neighbour of either with its similarity to the merged group (`None`: no longer a
        // neighbour).
        let mut updates: Vec<(usize, Option<f32>)> = Vec::new();
        for (&k, &sak) in &row_a {
            if k == b {
                continue;
            }
            updates.push(match (row_b.get(&k), unlinked) {
                (Some(&sbk), _) => (k, Some((na * sak + nb * sbk) / (na + nb))),
                (None, Unlinked::Zero) => (k, Some(na * sak / (na + nb))),
                (None, Unlinked::Blocks) => (k, None),
            });
        }
        if unlinked == Unlinked::Zero {
            for (&k, &sbk) in &row_b {
                if k != a && !row_a.contains_key(&k) {
                    updates.push((k, Some(nb * sbk / (na + nb))));
                }
            }
        }
        let mut merged = HashMap::with_capacity(updates.len());
        for (k, s) in updates {
            match s {
                Some(s) => {
                    merged.insert(k, s);
                    sim[k].insert(a, s);
                    if s >= threshold {
                        queue.push(Candidate(s, a.min(k), a.max(k)));
                    }
                }
                None => {
                    sim[k].remove(&a);
                }
            }
        }
        sim[a] = merged;
        let moved = std::mem::take(&mut members[b]);
        members[a].extend(moved);
        size[a] += size[b];
    }
    let mut out: Vec<Vec<usize>> = members.into_iter().filter(|m| !m.is_empty()).collect();
    out.iter_mut().for_each(|m| m.sort_unstable());
    out.sort_by_key(|m| m[0]);
    out
}

/// A possible merge in [`average_link`]: the most similar pair first, then the lowest indices.
#[derive(PartialEq)]
struct Candidate(f32, usize, usize);

impl Eq for Candidate {}

impl Ord for Candidate {
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        self.0
            .total_cmp(&o.0)
            .then_with(|| (o.1, o.2).cmp(&(self.1, self.2)))
    }
}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn art(id: &str, day: u32, text: &str) -> Article {
        Article {
            id: id.into(),
            text: text.into(),
            published: NaiveDate::from_ymd_opt(2024, 3, day),
            ..Default::default()
        }
    }

    fn corpus() -> Vec<Article> {
        vec![
            art("a", 4, "Finance ministers of the Eurozone met in Brussels on Monday to agree on a bailout for Greece. Athens asked for 10 billion euros."),
            art("b", 4, "Eurozone finance ministers meeting in Brussels agreed a Greece bailout worth 10 billion euros, Athens said."),
            art("c", 5, "A magnitude 6.1 earthquake struck off the coast of Chile near Valparaiso, damaging buildings; no tsunami warning was issued."),
            art("d", 6, "The Greek bailout deal reached by Eurozone ministers in Brussels eases pressure on Athens, which needs 10 billion euros."),
            art("e", 6, "Chile's navy said no tsunami followed the magnitude 6.1 earthquake near Valparaiso, which damaged buildings."),
        ]
    }

    fn stories(arts: &[Article]) -> Vec<Vec<String>> {
        let vs: Vec<StoryVector> = arts.iter().map(StoryVector::of).collect();
        let mut out: Vec<Vec<String>> = cluster(&vs)
            .into_iter()
            .map(|g| g.into_iter().map(|i| arts[i].id.clone()).collect())
            .collect();
        out.iter_mut().for_each(|g| g.sort());
        out.sort();
        out
    }

    #[test]
    fn same_story_together_other_story_apart_in_any_order() {
        let arts = corpus();
        let want = vec![vec!["a", "b", "d"], vec!["c", "e"]];
        assert_eq!(stories(&arts), want);
        let mut reversed = arts.clone();
        reversed.reverse();
        assert_eq!(stories(&reversed), want);
    }

    #[test]
    fn the_same_event_a_year_later_is_another_story() {
        let mut arts = corpus();
        arts[3].published = NaiveDate::from_ymd_opt(2025, 3, 6);
        let got = stories(&arts);
        assert!(got.contains(&vec!["d".to_string()]), "{got:?}");
    }

    #[test]
    fn a_part_split_off_a_page_clusters_by_the_page_date() {
        let mut page = art("p", 4, "Finance ministers met in Brussels.");
        page.source = "page.html".into();
        page.part = 1;
        let mut pasted = art("p-2", 4, "A magnitude 6.1 earthquake struck off Chile.");
        pasted.source = "page.html".into();
        pasted.part = 2;
        pasted.published = None;
        let mut other = pasted.clone();
        other.id = "q-2".into();
        other.source = "other.html".into();
        let mut undated_page = other.clone();
        undated_page.id = "q".into();
        undated_page.part = 1;
        let vs = story_vectors(&[page.clone(), pasted, other, undated_page]);
        assert_eq!(vs[1].published, page.published);
        assert_eq!(vs[2].published, None, "its page is not among the articles");
        assert_eq!(vs[3].published, None, "an undated page stays undated");
    }

    fn hashed(value: &str) -> u32 {
        xxhash_rust::xxh3::xxh3_64(value.as_bytes()) as u32
    }

    #[test]
    fn reported_days_are_resolved_in_a_dated_article_and_stay_weekdays_in_an_undated_one() {
        // 6 March 2024 was a Wednesday.
        let mut a = art(
            "a",
            6,
            "The council voted on Tuesday to close the bridge for repairs.",
        );
        assert_eq!(reported_days(&a, a.published), vec![hashed("2024-03-05")]);
        a.published = None;
        assert_eq!(reported_days(&a, None), vec![hashed("XXXX-WXX-2")]);
        let durations = art("b", 6, "Repairs will take three weeks, the council said.");
        assert!(reported_days(&durations, durations.published).is_empty());
    }

    #[test]
    fn days_apart_weigh_against_a_pair_unless_a_reported_day_ties_them() {
        let text = "Harbour authorities closed the Tallinn ferry terminal after a fuel leak.";
        let at = |d: u32| StoryVector::of(&art("x", d, text));
        let (first, same, next, week, far) = (at(1), at(1), at(2), at(8), at(1));
        assert_eq!(first.time_factor(&same), Some(SAME_DAY));
        assert_eq!(first.time_factor(&next), Some(NEXT_DAY));
        assert_eq!(first.time_factor(&week), Some(DAYS_APART));
        let mut later = far.clone();
        later.published = NaiveDate::from_ymd_opt(2024, 6, 1);
        assert_eq!(first.time_factor(&later), None, "beyond the window");
        // Both report the same day: a week apart counts as a day apart, and the shared day
        // counts for the pair.
        let mut tied = week.clone();
        tied.when = vec![7];
        let mut also = first.clone();
        also.when = vec![3, 7];
        assert_eq!(also.time_factor(&tied), Some(NEXT_DAY * SAME_REPORTED_DAY));
        also.when = vec![3];
        assert_eq!(
            also.time_factor(&tied),
            Some(DAYS_APART * OTHER_REPORTED_DAYS)
        );
        // An undated article's weekdays say nothing about a dated one's resolved days.
        let mut undated = tied.clone();
        undated.published = None;
        assert_eq!(also.time_factor(&undated), Some(1.0));
        // Near-identical reports stay linked across the days; the dates take at most
        // MOST_TIME_TAKES.
        assert!(first
            .link(&week)
            .is_some_and(|s| s >= 1.0 - MOST_TIME_TAKES - 1e-4));
    }

    #[test]
    fn a_saga_of_several_days_is_several_stories() {
        let saga = [
            ("a1", 4, "Mayor Ingrid Halvorsen closed the Lindholm bridge on Monday after engineers found cracks in two steel girders."),
            ("a2", 4, "Engineers found cracks in steel girders of the Lindholm bridge, and Mayor Ingrid Halvorsen ordered it closed on Monday."),
            ("a3", 4, "The Lindholm bridge is closed: Mayor Ingrid Halvorsen acted on Monday after cracks were found in its girders."),
            ("b1", 8, "Mayor Ingrid Halvorsen lost a council vote on Friday on her budget, which cut library hours and raised parking fees."),
            ("b2", 8, "The city council rejected Mayor Ingrid Halvorsen's budget on Friday, objecting to shorter library hours and higher parking fees."),
            ("c1", 15, "Mayor Ingrid Halvorsen resigned on Friday, saying a family illness left her no time for the office."),
            ("c2", 15, "Citing a family illness, Mayor Ingrid Halvorsen stepped down on Friday; her deputy takes over the office."),
        ];
        let arts: Vec<Article> = saga.iter().map(|&(id, d, t)| art(id, d, t)).collect();
        assert_eq!(
            stories(&arts),
            vec![vec!["a1", "a2", "a3"], vec!["b1", "b2"], vec!["c1", "c2"]]
        );
    }

    #[test]
    fn a_component_weighs_down_the_words_all_its_articles_share() {
        let v = |id: &str, t: &[(u32, f32)]| StoryVector::new(id.into(), None, t.to_vec(), vec![]);
        // Feature 1 in every article, feature 100 + k in one, and words of its own.
        let vs: Vec<StoryVector> = (0..30)
            .map(|k| {
                let mut t = vec![(1, 1.0), (100 + k, 1.0)];
                t.extend((0..20).map(|i| (1000 + 20 * k + i, 1.0)));
                v(&format!("a{k}"), &t)
            })
            .collect();
        let refs: Vec<&StoryVector> = vs.iter().collect();
        let context = in_context(&refs);
        let weight = |v: &StoryVector, t: u32| v.unit_terms().find(|x| x.0 == t).unwrap().1;
        assert!(weight(&context[0], 1) < weight(&context[0], 100) * 0.8);
        assert!((weight(&vs[0], 1) - weight(&vs[0], 100)).abs() < 1e-6);
        // A pair alone changes little.
        let pair = in_context(&refs[..2]);
        assert!(weight(&pair[0], 1) > weight(&pair[0], 100) * 0.9);
    }

    #[test]
    fn an_outlets_own_phrase_does_not_tie_its_articles() {
        let ledger = outlet_key(Some("Harbour Ledger"));
        let v = |id: &str, outlet: Option<u32>, t: &[(u32, f32)]| {
            let mut v = StoryVector::new(id.into(), None, t.to_vec(), vec![]);
            v.outlet = outlet;
            v
        };
        // Features 1 and 2 are the Ledger's tagline; 10-12, 20-22 and 30-32 are three events,
        // the first two also told by another outlet.
        let vs = vec![
            v(
                "a",
                ledger,
                &[(1, 1.0), (2, 1.0), (10, 1.0), (11, 1.0), (12, 1.0)],
            ),
            v(
                "b",
                ledger,
                &[(1, 1.0), (2, 1.0), (20, 1.0), (21, 1.0), (22, 1.0)],
            ),
            v(
                "c",
                ledger,
                &[(1, 1.0), (2, 1.0), (30, 1.0), (31, 1.0), (32, 1.0)],
            ),
            v(
                "d",
                outlet_key(Some("Post")),
                &[(10, 1.0), (11, 1.0), (12, 1.0)],
            ),
            v(
                "e",
                outlet_key(Some("Post")),
                &[(20, 1.0), (21, 1.0), (22, 1.0)],
            ),
        ];
        let house = house_phrases(&vs);
        assert_eq!(house.len(), 1);
        assert_eq!(house[&ledger.unwrap()].len(), 2);
        let refs: Vec<&StoryVector> = vs.iter().collect();
        let mut edges = Vec::new();
        for i in 0..vs.len() {
            for j in i + 1..vs.len() {
                edges.push((i, j, 1.0));
            }
        }
        assert!(
            vs[0].link(&vs[1]).is_some_and(|s| s > STORY_THRESHOLD),
            "glued"
        );
        assert_eq!(
            cluster_component(&refs, &edges),
            vec![vec![0, 3], vec![1, 4], vec![2]]
        );
    }

    #[test]
    fn average_link_needs_every_pair_linked_or_counts_the_unlinked_as_nothing() {
        // 0-1 and 1-2 are similar, 0-2 are not linked: three cannot be one group when that
        // blocks, and are one when the mean across (0 and 0.8) still reaches the threshold.
        let edges = [(0, 1, 0.9), (1, 2, 0.8)];
        let blocks = average_link(3, &edges, 0.3, Unlinked::Blocks);
        assert_eq!(blocks, vec![vec![0, 1], vec![2]]);
        let zero = average_link(3, &edges, 0.3, Unlinked::Zero);
        assert_eq!(zero, vec![vec![0, 1, 2]]);
        let zero = average_link(3, &edges, 0.5, Unlinked::Zero);
        assert_eq!(zero, vec![vec![0, 1], vec![2]]);
        // Items with no edge between them never merge.
        let apart = average_link(4, &[(0, 1, 0.9), (2, 3, 0.9)], 0.3, Unlinked::Zero);
        assert_eq!(apart, vec![vec![0, 1], vec![2, 3]]);
    }

    #[test]
    fn one_events_reports_in_different_words_are_one_story() {
        // Four reports of one fire on one day, each in words of its own (the mill, the factory,
        // the arson inquiry); a kitchen fire elsewhere the next day stays apart.
        let arts = [
            art("a", 4, "Fire destroyed the old Harwick mill on Tuesday; firefighters from three towns fought the blaze overnight."),
            art("b", 4, "The Harwick mill, a textile factory built in 1870, burned down on Tuesday; the blaze lasted all night."),
            art("c", 4, "The 1870 textile factory in Harwick burned down on Tuesday, and investigators suspect arson."),
            art("d", 4, "Investigators suspect arson in Tuesday's fire at the Harwick textile factory, police said."),
            art("e", 5, "A kitchen fire damaged a restaurant in Dunmore harbour; nobody was hurt, firefighters said."),
        ];
        assert_eq!(stories(&arts), vec![vec!["a", "b", "c", "d"], vec!["e"]]);
    }

    /// The dense implementation this module used before (a full n x n matrix), kept as the
    /// reference the sparse one must match exactly.
    /// Average-link agglomerative clustering of `n` items whose only similar pairs are `edges`:
    /// groups merge while their mean similarity is at least `threshold`, a pair that is no edge
    /// blocking the merge or counting as 0 (`unlinked`). Returns groups of indices, each sorted, in order of
    /// their first member. Each group keeps its most similar neighbour, so a merge costs one pass
    /// over the groups rather than over all pairs.
    fn average_link_dense(
        n: usize,
        edges: &[(usize, usize, f32)],
        threshold: f32,
        unlinked: Unlinked,
    ) -> Vec<Vec<usize>> {
        const NONE: f32 = f32::NEG_INFINITY;
        let mut sim = vec![vec![NONE; n]; n];
        for &(i, j, s) in edges {
            sim[i][j] = s;
            sim[j][i] = s;
        }
        let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
        let mut alive = vec![true; n];
        // The nearest alive neighbour of each cluster (lowest index among equals).
        let nearest = |sim: &[Vec<f32>], alive: &[bool], i: usize| -> Option<usize> {
            let mut best: Option<usize> = None;
            for j in 0..n {
                if alive[j]
                    && j != i
                    && sim[i][j] > NONE
                    && best.is_none_or(|b| sim[i][j] > sim[i][b])
                {
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
                            sim[a][b] > sim[pa][pb]
                                || (sim[a][b] == sim[pa][pb] && (a, b) < (pa, pb))
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
            // Lance-Williams update for average linkage; a pair that is no edge blocks the merge
            // or counts as 0.
            let (na, nb) = (members[a].len() as f32, members[b].len() as f32);
            for k in (0..n).filter(|&k| alive[k] && k != a && k != b) {
                let (sa, sb) = (sim[a][k], sim[b][k]);
                let s = match unlinked {
                    _ if sa == NONE && sb == NONE => NONE,
                    Unlinked::Blocks if sa == NONE || sb == NONE => NONE,
                    _ => (na * sa.max(0.0) + nb * sb.max(0.0)) / (na + nb),
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

    /// Random graphs of up to 41 items with few distinct similarities (so ties are common).
    fn random_graphs(count: usize) -> Vec<(usize, Vec<Link>)> {
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        (0..count)
            .map(|_| {
                let n = 2 + (next() % 40) as usize;
                let density = 1 + next() % 9;
                let mut edges = Vec::new();
                for i in 0..n {
                    for j in i + 1..n {
                        if next() % 10 < density {
                            let s = (next() % 8) as f32 / 8.0 + 0.1;
                            edges.push((i, j, s));
                        }
                    }
                }
                (n, edges)
            })
            .collect()
    }

    #[test]
    fn clustering_strong_components_one_by_one_is_clustering_the_whole() {
        for unlinked in [Unlinked::Blocks, Unlinked::Zero] {
            for (round, (n, edges)) in random_graphs(400).into_iter().enumerate() {
                let whole = average_link(n, &edges, STORY_THRESHOLD, unlinked);
                let mut parts: Vec<Vec<usize>> = strong_components(n, &edges)
                    .into_iter()
                    .flat_map(|(comp, local)| {
                        average_link(comp.len(), &local, STORY_THRESHOLD, unlinked)
                            .into_iter()
                            .map(move |g| g.into_iter().map(|k| comp[k]).collect::<Vec<_>>())
                            .collect::<Vec<_>>()
                    })
                    .collect();
                parts.sort_by_key(|g| g[0]);
                assert_eq!(parts, whole, "round {round}, n {n}, {unlinked:?}");
            }
        }
    }

    #[test]
    fn sparse_average_link_matches_the_dense_one() {
        for (round, (n, edges)) in random_graphs(400).into_iter().enumerate() {
            for threshold in [0.2, 0.3, 0.5] {
                for unlinked in [Unlinked::Blocks, Unlinked::Zero] {
                    assert_eq!(
                        average_link(n, &edges, threshold, unlinked),
                        average_link_dense(n, &edges, threshold, unlinked),
                        "round {round}, n {n}, threshold {threshold}, {unlinked:?}"
                    );
                }
            }
        }
    }

    /// `n` vectors dated 2024-03-04 sharing `shared` features of weight 1 (ids from 1000),
    /// each with `own` features of its own.
    fn alike(n: usize, shared: u32, own: u32) -> Vec<StoryVector> {
        (0..n)
            .map(|i| {
                let mut terms: Vec<(u32, f32)> = (1000..1000 + shared).map(|t| (t, 1.0)).collect();
                let base = 1_000_000 + (i as u32) * own;
                terms.extend((base..base + own).map(|t| (t, 1.0)));
                StoryVector::new(
                    format!("a{i:05}"),
                    NaiveDate::from_ymd_opt(2024, 3, 4),
                    terms,
                    vec![],
                )
            })
            .collect()
    }

    #[test]
    fn below_the_bucket_bound_links_are_every_linked_pair_sharing_a_top_feature() {
        let mut vs = alike(60, 6, 6);
        // Half of them share a second topic instead.
        for v in vs.iter_mut().skip(30) {
            let terms: Vec<(u32, f32)> = v.terms.iter().map(|&(t, w)| (t + 500, w)).collect();
            *v = StoryVector::new(v.article.clone(), v.published, terms, vec![]);
        }
        let refs: Vec<&StoryVector> = vs.iter().collect();
        let mut all = Vec::new();
        for i in 0..refs.len() {
            for j in i + 1..refs.len() {
                let shared = refs[i].top().iter().any(|t| refs[j].top().contains(t));
                if let (true, Some(s)) = (shared, refs[i].link(refs[j])) {
                    all.push((i, j, s));
                }
            }
        }
        assert!(!all.is_empty());
        assert_eq!(links(&refs), all);
    }

    #[test]
    fn thousands_of_near_copies_are_linked_boundedly_and_are_one_story() {
        let n = 3000;
        let vs = alike(n, 30, 1);
        let refs: Vec<&StoryVector> = vs.iter().collect();
        let found = links(&refs);
        assert!(found.len() <= n * MOST_COMPARISONS, "{} links", found.len());
        assert!(found.len() < n * (n - 1) / 4, "{} links", found.len());
        let stories = cluster(&vs);
        assert_eq!(
            stories.len(),
            1,
            "{:?}",
            stories.iter().map(Vec::len).collect::<Vec<_>>()
        );
        assert_eq!(stories[0].len(), n);
    }
}
