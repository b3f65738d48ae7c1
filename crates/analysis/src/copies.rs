//! Copies and rewrites: which articles repeat another outlet's own wording.
//!
//! Candidates come from MinHash signatures (`gaoya`) over stemmed content-word pairs, banded
//! into buckets (LSH), so a batch costs about one lookup per article rather than a comparison
//! of every pair, and at most [`BUCKET_COMPARISONS`] per bucket when thousands of copies share
//! it; an article is shown to copy at most [`MOST_SOURCES`] others. Each
//! candidate pair of different outlets is then aligned sentence by sentence, one sentence to at
//! most one counterpart, on the articles' *own* words only: words inside quotation marks and
//! the attributions of a source ("..., the minister said", "according to officials, ...",
//! reported speech) are what independent reports of one speech, statement or press release
//! share, so they are left out. A sentence with fewer than [`SENTENCE_WORDS`] own words is not
//! compared, and an article with fewer than [`ARTICLE_SENTENCES`] compared sentences or
//! [`ARTICLE_WORDS`] own words is not judged: a short lead around one quote says too little.
//!
//! A sentence has a counterpart when their words are nearly the same, in the same order (a
//! copy: Jaccard of word pairs at least [`COPY_SENTENCE`]) or, failing that, when they share
//! most content words (a paraphrase: Dice at least [`REWRITE_SENTENCE`] over three or more
//! stems). An article most of whose compared sentences are copied ([`COPY_SHARE`]) is a
//! [`CopyKind::Copy`] of the other; one most of whose sentences have either kind of
//! counterpart ([`REWRITE_SHARE`]) a [`CopyKind::Rewrite`].
//!
//! An article that credits the other's outlet for what it reports ("according to the Los
//! Angeles Times", "the Wall Street Journal reported", "a US official told the Associated
//! Press") is the one that repeats it, and its attributed sentences are its account of the
//! other's report: for that pair, everything outside quotation marks is compared. Otherwise
//! the later article (or, on the same day, the one with fewer own sentences) is the one that
//! repeats the other. Articles of one outlet (an updated version, a second edition) are one
//! source already and are not linked.

use crate::quotes::{attributions, quoted_spans};
use crate::reading::Sentence;
use crate::terms::{content_stems, is_stopword, lowercase, stem, Stems};
use dossier_model::{Article, CopyKind, CopyLink, Evidence, SharedPassage};
use gaoya::minhash::{MinHasher, MinHasher32};
use rustc_hash::{FxHashMap, FxHashSet, FxHasher};
use std::hash::{Hash, Hasher};
use std::ops::Range;

/// Least Jaccard of word pairs for two sentences to be copies of each other.
const COPY_SENTENCE: f32 = 0.6;
/// Least content-stem Dice for two sentences to say the same in other words.
const REWRITE_SENTENCE: f32 = 0.5;
/// Least shared content stems for two sentences to say the same in other words.
const REWRITE_STEMS: usize = 3;
/// Least Jaccard of word pairs for a paraphrase by an article that does not credit the other:
/// independent reports of one event share its facts (content words) but seldom its phrasing.
const REWRITE_WORDING: f32 = 0.2;
/// Least share of an article's compared sentences copied for the article to be a copy.
const COPY_SHARE: f32 = 0.6;
/// Least share of an article's compared sentences with any counterpart for it to be a rewrite.
const REWRITE_SHARE: f32 = 0.6;
/// Least own words of a sentence for it to be compared.
const SENTENCE_WORDS: usize = 6;
/// Least compared sentences of an article for it to be judged.
const ARTICLE_SENTENCES: usize = 2;
/// Least own words, over its compared sentences, of an article for it to be judged.
const ARTICLE_WORDS: usize = 40;
/// LSH bands and rows: 64 bands of 2 rows make pairs with a Jaccard of 0.3 candidates almost
/// always and pairs below 0.05 rarely.
const BANDS: usize = 64;
const ROWS: usize = 2;
/// Least estimated Jaccard of a candidate (far below what a rewrite shares).
const CANDIDATE: f64 = 0.08;
/// Most articles of one LSH bucket an article is aligned with (the latest before it): the
/// articles of a news story share a bucket by the dozen at most; a story of thousands of
/// near-copies puts them all in every bucket.
const BUCKET_COMPARISONS: usize = 50;
/// Most articles one article is shown to copy or rewrite (those it shares most with): one
/// source is what a reader needs, and a report copied thousands of times would otherwise list
/// every copy as a copy of every other.
pub const MOST_SOURCES: usize = 3;

/// A sentence's words as the comparison sees them.
#[derive(Default)]
struct Words {
    /// Hashes of consecutive word pairs, so a copy keeps the word order too.
    pairs: FxHashSet<u64>,
    stems: Stems,
    count: usize,
}

/// One sentence of an article: where it stands in the article's text (bytes), its own words
/// (outside quotation marks and attributions) and its plain words (outside quotation marks).
struct Compared {
    span: Range<usize>,
    own: Words,
    plain: Words,
}

impl Compared {
    fn words(&self, credited: bool) -> &Words {
        if credited {
            &self.plain
        } else {
            &self.own
        }
    }
}

/// The sentences of one article as compared.
fn compared(a: &Article, read: &[Sentence]) -> Vec<Compared> {
    let base = a.text.as_ptr() as usize;
    let mut out = Vec::new();
    // quotation marks and attributions are found per paragraph (a quote may open in an
    // earlier sentence), once per paragraph
    let mut paragraph: (usize, Vec<Range<usize>>, Vec<Range<usize>>) =
        (usize::MAX, Vec::new(), Vec::new());
    for s in read {
        if paragraph.0 != s.paragraph {
            let p = s.paragraph_text;
            let attributed = attributions(p)
                .into_iter()
                .flat_map(|at| [Some(at.content), at.source, at.cue])
                .flatten()
                .collect();
            paragraph = (s.paragraph, quoted(p), attributed);
        }
        let (_, quoted, attributed) = &paragraph;
        let para_at = s.paragraph_text.as_ptr() as usize;
        let at = s.text.as_ptr() as usize - para_at;
        let inside = |spans: &[Range<usize>], k: usize| spans.iter().any(|r| r.contains(&k));
        let plain = words(s.text, |k| !inside(quoted, at + k));
        let own = words(s.text, |k| {
            !inside(quoted, at + k) && !inside(attributed, at + k)
        });
        let start = s.text.as_ptr() as usize - base;
        out.push(Compared {
            span: start..start + s.text.len(),
            own,
            plain,
        });
    }
    out
}

/// The quoted spans of a paragraph, with a quotation left open running to its end: a lead cut
/// short inside a quote, or a quote that goes on in the next paragraph (news style leaves such
/// a paragraph without a closing mark).
fn quoted(p: &str) -> Vec<Range<usize>> {
    let mut spans = quoted_spans(p);
    let from = spans
        .iter()
        .map(|r| r.end + p[r.end..].chars().next().map_or(0, char::len_utf8))
        .max()
        .unwrap_or(0);
    let rest = &p[from..];
    let mut prev: Option<char> = None;
    for (k, c) in rest.char_indices() {
        let opens = matches!(c, '"' | '“')
            && prev.is_none_or(|b| b.is_whitespace() || "([—–-:".contains(b))
            && rest[k + c.len_utf8()..]
                .chars()
                .next()
                .is_some_and(|n| !n.is_whitespace());
        if opens {
            let inside = from + k + c.len_utf8();
            if !p[inside..].contains(['"', '”']) {
                spans.push(inside..p.len());
            }
            break;
        }
        prev = Some(c);
    }
    spans
}

/// The words of `sentence` whose byte offset `keep` accepts.
fn words(sentence: &str, keep: impl Fn(usize) -> bool) -> Words {
    let base = sentence.as_ptr() as usize;
    let kept: Vec<String> = sentence
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && keep(w.as_ptr() as usize - base))
        .map(lowercase)
        .collect();
    let pairs = kept
        .windows(2)
        .map(|p| {
            let mut h = FxHasher::default();
            p.hash(&mut h);
            h.finish()
        })
        .collect();
    Words {
        pairs,
        stems: content_stems(&kept.join(" "), |_| false),
        count: kept.len(),
    }
}

/// The shingles MinHash sees: consecutive pairs of content-word stems.
fn shingles(text: &str) -> Vec<String> {
    let stems: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 2)
        .map(str::to_lowercase)
        .filter(|w| !is_stopword(w))
        .map(|w| stem(&w))
        .collect();
    stems
        .windows(2)
        .map(|w| format!("{} {}", w[0], w[1]))
        .collect()
}

fn jaccard(a: &FxHashSet<u64>, b: &FxHashSet<u64>) -> f32 {
    let shared = a.intersection(b).count();
    let union = a.len() + b.len() - shared;
    if union == 0 {
        0.0
    } else {
        shared as f32 / union as f32
    }
}

/// How two sentences relate: a copy (with its Jaccard), a paraphrase (with its Dice), or
/// neither. A paraphrase by an article that does not credit the other's outlet must keep some
/// of its phrasing too.
fn counterpart(a: &Words, b: &Words, credited: bool) -> Option<(CopyKind, f32)> {
    let j = jaccard(&a.pairs, &b.pairs);
    if j >= COPY_SENTENCE {
        return Some((CopyKind::Copy, j));
    }
    if !credited && j < REWRITE_WORDING {
        return None;
    }
    let shared = a.stems.intersection(&b.stems).count();
    let total = a.stems.len() + b.stems.len();
    let dice = if total == 0 {
        0.0
    } else {
        2.0 * shared as f32 / total as f32
    };
    (shared >= REWRITE_STEMS && dice >= REWRITE_SENTENCE).then_some((CopyKind::Rewrite, dice))
}

/// How much of one article another repeats.
#[derive(Debug, Clone, PartialEq)]
pub struct Alignment {
    /// Sentences of the first article compared (enough own words).
    pub compared: usize,
    /// Of those, the ones with a near-identical counterpart in the second.
    pub copied: usize,
    /// Of those, the ones with any counterpart (copied or paraphrased).
    pub matched: usize,
    /// The pairs of sentences matched, as byte spans into the two texts, in the first's order.
    pub pairs: Vec<(Range<usize>, Range<usize>)>,
}

impl Alignment {
    /// What the first article is of the second, if anything.
    pub fn kind(&self) -> Option<CopyKind> {
        let n = self.compared.max(1) as f32;
        if self.copied as f32 / n >= COPY_SHARE {
            Some(CopyKind::Copy)
        } else if self.matched as f32 / n >= REWRITE_SHARE {
            Some(CopyKind::Rewrite)
        } else {
            None
        }
    }
}

/// Aligns `a`'s compared sentences with `b`'s, each sentence to at most one counterpart, the
/// closest pairs first. `None` when `a` has too little text of its own to judge.
fn align(a: &[Compared], b: &[Compared], credited: bool) -> Option<Alignment> {
    let enough = |c: &&Compared| c.words(credited).count >= SENTENCE_WORDS;
    let mine: Vec<&Compared> = a.iter().filter(enough).collect();
    let theirs: Vec<&Compared> = b.iter().filter(enough).collect();
    let own_words: usize = mine.iter().map(|c| c.words(credited).count).sum();
    if mine.len() < ARTICLE_SENTENCES || own_words < ARTICLE_WORDS {
        return None;
    }
    let mut found: Vec<(f32, usize, usize, CopyKind)> = Vec::new();
    for (x, cx) in mine.iter().enumerate() {
        for (y, cy) in theirs.iter().enumerate() {
            if let Some((kind, score)) =
                counterpart(cx.words(credited), cy.words(credited), credited)
            {
                // a copied pair goes before any paraphrase
                let rank = if kind == CopyKind::Copy { 1.0 } else { 0.0 } + score;
                found.push((rank, x, y, kind));
            }
        }
    }
    found.sort_by(|p, q| q.0.total_cmp(&p.0).then((p.1, p.2).cmp(&(q.1, q.2))));
    let (mut used_x, mut used_y) = (vec![false; mine.len()], vec![false; theirs.len()]);
    let mut chosen: Vec<(usize, usize, CopyKind)> = Vec::new();
    for (_, x, y, kind) in found {
        if !used_x[x] && !used_y[y] {
            used_x[x] = true;
            used_y[y] = true;
            chosen.push((x, y, kind));
        }
    }
    chosen.sort_by_key(|c| c.0);
    Some(Alignment {
        compared: mine.len(),
        copied: chosen.iter().filter(|c| c.2 == CopyKind::Copy).count(),
        matched: chosen.len(),
        pairs: chosen
            .iter()
            .map(|&(x, y, _)| (mine[x].span.clone(), theirs[y].span.clone()))
            .collect(),
    })
}

/// The names an outlet goes by in other outlets' text: "Los Angeles Times (News)" as "Los
/// Angeles Times", "LA Times", "L.A. Times" and "LAT"; "Associated Press" as "AP"; "CNN
/// (Online News)" as "CNN".
fn outlet_names(outlet: &str) -> Vec<String> {
    let name = outlet.split(" (").next().unwrap_or(outlet).trim();
    let name = name.strip_prefix("The ").unwrap_or(name);
    let name = [".com", ".org", ".net", ".co.uk"]
        .iter()
        .find_map(|d| name.strip_suffix(d))
        .unwrap_or(name)
        .trim();
    let mut out = Vec::new();
    if name.chars().filter(|c| c.is_alphanumeric()).count() >= 2 {
        out.push(name.to_string());
    }
    let words: Vec<&str> = name
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect();
    let capitalised = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    if words.len() >= 2 && words.iter().all(capitalised) {
        let initial = |w: &&str| w.chars().next().expect("a word");
        out.push(words.iter().map(initial).collect());
        if words.len() >= 3 {
            let (head, last) = words.split_at(words.len() - 1);
            let initials: String = head.iter().map(initial).collect();
            let dotted: String = head.iter().map(|w| format!("{}.", initial(w))).collect();
            out.push(format!("{initials} {}", last[0]));
            out.push(format!("{dotted} {}", last[0]));
        }
    }
    // "AP Politics & Fact Check", "ABC News": the acronym it opens with
    if let Some(first) = words.first() {
        if words.len() >= 2
            && first.chars().count() >= 2
            && first.chars().all(|c| c.is_ascii_uppercase())
        {
            out.push(first.to_string());
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Words before an outlet's name that credit it with a report ("according to the Wall Street
/// Journal", "told the Associated Press").
const CREDIT_BEFORE: &[&str] = &[
    "according to",
    "reported by",
    "told",
    "telling",
    "spoke to",
    "spoke with",
    "speaking to",
    "speaking with",
    "talking to",
    "cited by",
    "obtained by",
    "reviewed by",
    "seen by",
    "confirmed to",
    "interview with",
    "report by",
    "report in",
    "report from",
    "reporting by",
    "published by",
    "first reported by",
];

/// Words after an outlet's name that credit it with a report ("the Wall Street Journal
/// reported", "CNN first reported", "Axios' report").
const CREDIT_AFTER: &[&str] = &[
    "reported",
    "reports",
    "has reported",
    "had reported",
    "first reported",
    "reported first",
    "revealed",
    "first revealed",
    "was first to report",
    "'s report",
    "’s report",
    "'s reporting",
    "’s reporting",
    ", which first reported",
];

/// Whether `text` credits the outlet `outlet` with what it reports.
fn credits(text: &str, outlet: &str) -> bool {
    outlet_names(outlet).iter().any(|name| {
        text.match_indices(name.as_str())
            .any(|(at, _)| credit_frame(text, at, at + name.len()))
    })
}

/// Whether the outlet's name at `start..end` of `text` stands in a phrase that credits it.
fn credit_frame(text: &str, start: usize, end: usize) -> bool {
    let word_edge = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    if !word_edge(text[..start].chars().next_back()) || !word_edge(text[end..].chars().next()) {
        return false;
    }
    let before = text[..start].trim_end();
    let before = before
        .strip_suffix(" the")
        .or_else(|| before.strip_suffix(" The"))
        .unwrap_or(before)
        .to_lowercase();
    let credited_before = CREDIT_BEFORE.iter().any(|c| {
        before.ends_with(c) && word_edge(before[..before.len() - c.len()].chars().next_back())
    });
    let after = text[end..].to_lowercase();
    let credited_after = CREDIT_AFTER.iter().any(|c| {
        let c_spaced = if c.starts_with(['\'', '’', ',']) {
            c.to_string()
        } else {
            format!(" {c}")
        };
        after.starts_with(&c_spaced) && word_edge(after[c_spaced.len()..].chars().next())
    });
    credited_before || credited_after
}

/// How much of `a` repeats `b`: shares of `a`'s compared sentences (own words only, or all
/// words outside quotation marks when `a` credits `b`'s outlet) with a counterpart in `b`.
/// `None` when `a` has too little text of its own to judge.
pub fn alignment(a: &Article, b: &Article) -> Option<Alignment> {
    let (ra, rb) = (crate::reading::read(a), crate::reading::read(b));
    let credited = b.outlet.as_deref().is_some_and(|o| credits(&a.text, o));
    align(&compared(a, &ra), &compared(b, &rb), credited)
}

/// Which of `articles` copy or rewrite which others, each pair once, in a stable order.
/// `read[i]` holds the sentences of `articles[i]`.
pub fn find_copies(articles: &[&Article], read: &[Vec<Sentence>]) -> Vec<CopyLink> {
    if articles.len() < 2 {
        return Vec::new(); // no pair (and a signature costs 128 hashes a shingle)
    }
    let hasher = MinHasher32::new(BANDS * ROWS);
    let signatures: Vec<Vec<u32>> = articles
        .iter()
        .map(|a| hasher.create_signature(shingles(&a.text).iter()))
        .collect();
    let pairs = candidate_pairs(&signatures, |i, j| !same_outlet(articles[i], articles[j]));
    let mut cache: Vec<Option<Vec<Compared>>> = (0..articles.len()).map(|_| None).collect();
    let mut links: Vec<(usize, CopyLink)> = Vec::new();
    for (i, j) in pairs {
        for k in [i, j] {
            if cache[k].is_none() {
                cache[k] = Some(compared(articles[k], &read[k]));
            }
        }
        let credit = |x: usize, y: usize| {
            articles[y]
                .outlet
                .as_deref()
                .is_some_and(|o| credits(&articles[x].text, o))
        };
        let (copier, source, credited) = match (credit(i, j), credit(j, i)) {
            (true, false) => (i, j, true),
            (false, true) => (j, i, true),
            (both, _) => {
                // The copier: the later article; on the same day (or undated), the one with
                // fewer own sentences, then fewer own words (whatever the articles' order).
                let own = |k: usize| {
                    let compared = cache[k].as_ref().expect("set").iter();
                    let counts = compared
                        .map(|c| c.words(both).count)
                        .filter(|&n| n >= SENTENCE_WORDS);
                    let (sentences, words) = counts.fold((0, 0), |(s, w), n| (s + 1, w + n));
                    (sentences, words, &articles[k].id)
                };
                let later = match (articles[i].published, articles[j].published) {
                    (Some(x), Some(y)) if x != y => x > y,
                    _ => own(i) < own(j),
                };
                if later {
                    (i, j, both)
                } else {
                    (j, i, both)
                }
            }
        };
        let (cc, cs) = (
            cache[copier].as_ref().expect("set"),
            cache[source].as_ref().expect("set"),
        );
        let Some(aligned) = align(cc, cs, credited) else {
            continue;
        };
        let Some(kind) = aligned.kind() else {
            continue;
        };
        let share = if kind == CopyKind::Copy {
            aligned.copied
        } else {
            aligned.matched
        } as f32
            / aligned.compared as f32;
        let (a, b) = (articles[copier], articles[source]);
        links.push((
            copier,
            CopyLink {
                article: a.id.clone(),
                of: b.id.clone(),
                kind,
                share: (share * 100.0).round() / 100.0,
                passages: aligned
                    .pairs
                    .iter()
                    .map(|(x, y)| SharedPassage {
                        article: Evidence::of(&a.id, &a.text, x.start, x.end),
                        of: Evidence::of(&b.id, &b.text, y.start, y.end),
                    })
                    .collect(),
            },
        ));
    }
    most_sources(links)
}

/// Of the links of each copier, the [`MOST_SOURCES`] with the largest share (ties: the first
/// found), in the order found.
fn most_sources(mut links: Vec<(usize, CopyLink)>) -> Vec<CopyLink> {
    let mut per_copier: FxHashMap<usize, Vec<(f32, usize)>> = FxHashMap::default();
    for (k, (copier, l)) in links.iter().enumerate() {
        per_copier.entry(*copier).or_default().push((l.share, k));
    }
    let mut keep = vec![false; links.len()];
    for mut found in per_copier.into_values() {
        found.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        for &(_, k) in found.iter().take(MOST_SOURCES) {
            keep[k] = true;
        }
    }
    let mut k = 0;
    links.retain(|_| {
        k += 1;
        keep[k - 1]
    });
    links.into_iter().map(|(_, l)| l).collect()
}

/// The pairs `(i, j)`, `i < j`, of `signatures` that share a band (LSH: [`BANDS`] bands of
/// [`ROWS`] rows) and whose estimated Jaccard is at least [`CANDIDATE`], for which `keep`
/// holds, sorted. Each signature is compared with at most [`BUCKET_COMPARISONS`] of those
/// before it in a band (the latest), so a story of thousands of copies costs a bounded number
/// of alignments per article, not one per pair.
fn candidate_pairs(
    signatures: &[Vec<u32>],
    keep: impl Fn(usize, usize) -> bool,
) -> Vec<(usize, usize)> {
    let mut buckets: FxHashMap<(usize, u64), Vec<usize>> = FxHashMap::default();
    let mut seen: Vec<usize> = vec![0; signatures.len()];
    let mut pairs = Vec::new();
    for (j, s) in signatures.iter().enumerate() {
        let keys: Vec<(usize, u64)> = (0..BANDS)
            .map(|b| {
                let mut h = FxHasher::default();
                s[b * ROWS..(b + 1) * ROWS].hash(&mut h);
                (b, h.finish())
            })
            .collect();
        for key in &keys {
            let Some(bucket) = buckets.get(key) else {
                continue;
            };
            for &i in bucket.iter().rev().take(BUCKET_COMPARISONS) {
                if seen[i] == j + 1 {
                    continue;
                }
                seen[i] = j + 1;
                let same = s.iter().zip(&signatures[i]).filter(|(x, y)| x == y).count();
                if same as f64 / s.len() as f64 >= CANDIDATE && keep(i, j) {
                    pairs.push((i, j));
                }
            }
        }
        for key in keys {
            buckets.entry(key).or_default().push(j);
        }
    }
    pairs.sort_unstable();
    pairs
}

/// Whether two articles come from one outlet.
fn same_outlet(a: &Article, b: &Article) -> bool {
    matches!((&a.outlet, &b.outlet), (Some(x), Some(y)) if x.eq_ignore_ascii_case(y))
}

/// Groups of independent sources: `group[i]` is the same for articles linked by copies or
/// rewrites (transitively) and for articles of the same outlet.
pub fn independent_groups(articles: &[&Article], links: &[CopyLink]) -> Vec<usize> {
    let pos = |id: &str| articles.iter().position(|a| a.id == id);
    let mut pairs: Vec<(usize, usize, f32)> = links
        .iter()
        .filter_map(|l| Some((pos(&l.article)?, pos(&l.of)?, l.share)))
        .collect();
    for (i, a) in articles.iter().enumerate() {
        for (j, b) in articles.iter().enumerate().skip(i + 1) {
            if same_outlet(a, b) {
                pairs.push((i, j, 1.0));
            }
        }
    }
    let mut group = vec![0; articles.len()];
    for (g, members) in crate::stories::components(articles.len(), &pairs)
        .into_iter()
        .enumerate()
    {
        for i in members {
            group[i] = g;
        }
    }
    group
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn art(id: &str, outlet: &str, day: u32, text: &str) -> Article {
        Article {
            id: id.into(),
            outlet: Some(outlet.into()),
            text: text.into(),
            published: NaiveDate::from_ymd_opt(2025, 12, day),
            ..Default::default()
        }
    }

    fn copies(articles: &[&Article]) -> Vec<CopyLink> {
        let read: Vec<Vec<Sentence>> = articles.iter().map(|a| crate::reading::read(a)).collect();
        find_copies(articles, &read)
    }

    const WIRE: &str = "Russian President Vladimir Putin met US envoy Steve Witkoff in Moscow on Tuesday for talks on a plan to end the war in Ukraine.\n\nThe meeting lasted five hours and ended late at night without a compromise on the question of territory.\n\nUkrainian officials were waiting for an account of the talks before a round of negotiations in Florida later this week.";

    #[test]
    fn wire_copy_is_a_copy_of_the_earlier_report() {
        let edited = WIRE.replace("on Tuesday", "on Tuesday evening");
        let a = art("first", "Wire", 2, WIRE);
        let b = art("second", "Daily", 3, &edited);
        let c = art("other", "Coast", 2, "A magnitude 6.1 earthquake struck off the coast of Chile near Valparaiso on Monday, damaging buildings along the shore.\n\nNo tsunami warning was issued, and the navy sent ships to the ports of the region to look for damage.");
        let links = copies(&[&a, &b, &c]);
        assert_eq!(links.len(), 1, "{links:?}");
        assert_eq!(
            (links[0].article.as_str(), links[0].of.as_str()),
            ("second", "first")
        );
        assert_eq!(links[0].kind, CopyKind::Copy);
        assert!(links[0].share > 0.9);
        // every sentence is a shared passage, with its place in both texts
        assert_eq!(links[0].passages.len(), 3);
        let p = &links[0].passages[1];
        assert!(p.of.sentence.starts_with("The meeting lasted"));
        let chars: Vec<char> = WIRE.chars().collect();
        assert_eq!(
            chars[p.of.start..p.of.end].iter().collect::<String>(),
            p.of.sentence
        );
        let groups = independent_groups(&[&a, &b, &c], &links);
        assert_eq!(groups[0], groups[1]);
        assert_ne!(groups[0], groups[2]);
    }

    #[test]
    fn a_wire_copy_that_frames_its_quotes_differently_is_a_copy() {
        let a = art("wire", "Wire", 2, &format!("{WIRE}\n\n\"We made progress but there is a lot of work left,\" Witkoff said after the meeting."));
        let b = art("paper", "Paper", 3, &format!("{WIRE}\n\nThe American envoy told reporters: \"There is a lot of work left, but we made progress.\""));
        let links = copies(&[&a, &b]);
        assert_eq!(links.len(), 1, "{links:?}");
        assert_eq!(links[0].kind, CopyKind::Copy);
        assert_eq!(links[0].article, "paper");
    }

    #[test]
    fn paraphrase_sentence_by_sentence_is_a_rewrite() {
        let a = art("wire", "Wire", 2, WIRE);
        let b = art("farm", "Farm", 3, "Vladimir Putin, the Russian president, held talks in Moscow with US envoy Steve Witkoff on Tuesday about a plan to end Ukraine's war.\n\nThe talks went on for five hours and ended late at night with no compromise reached on the question of territory.\n\nOfficials in Ukraine were waiting for an account of the talks ahead of negotiations in Florida later this week.");
        let links = copies(&[&a, &b]);
        assert_eq!(links.len(), 1, "{links:?}");
        assert_eq!(links[0].kind, CopyKind::Rewrite);
        assert_eq!(links[0].article, "farm");
        assert_eq!(links[0].passages.len(), 3);
    }

    #[test]
    fn same_story_told_independently_is_not_a_copy() {
        let a = art("a", "Wire", 2, WIRE);
        let b = art("b", "Paper", 2, "Ukraine's allies in Europe are pressing Washington to keep sanctions on Moscow while the peace talks go on.\n\nEuropean officials fear a deal that rewards the invasion, diplomats in Brussels said on Wednesday.\n\nThe European Union is preparing a new package of measures against Russian oil exports.");
        assert!(copies(&[&a, &b]).is_empty());
    }

    /// Two outlets reporting one statement, each in its own words around the same quotes.
    #[test]
    fn sharing_only_a_quoted_statement_is_not_a_copy() {
        let statement = "\"The company has identified a flaw in the braking software of its delivery vans and is recalling every vehicle built since March,\" the statement said. \"No injuries have been reported, and owners will be contacted by letter within two weeks.\"";
        let a = art("a", "Herald", 2, &format!("A van maker ordered a recall on Friday after its engineers found trouble with the brakes.\n\n{statement}\n\nShares in the firm fell sharply in early trading."));
        let b = art("b", "Gazette", 2, &format!("Thousands of electric delivery vans are headed back to the factory.\n\n{statement}\n\nThe recall is the second for the carmaker this year, after a battery fault in January."));
        assert!(copies(&[&a, &b]).is_empty(), "{:?}", copies(&[&a, &b]));
    }

    /// Reported speech of one speaker, told by two outlets: the speaker's words, not theirs.
    #[test]
    fn sharing_only_reported_speech_is_not_a_rewrite() {
        let a = art("a", "Herald", 2, "The mayor said the city would close three bridges for repairs starting next month.\n\nShe said the work on the bridges would take about a year and cost the city nearly $40 million.\n\nCommuters were already bracing for longer trips across the river.");
        let b = art("b", "Gazette", 2, "Three bridges will be closed for repairs starting next month, the mayor said on Friday.\n\nThe repair work would take about a year and cost nearly $40 million, she said.\n\nBus routes that cross the river are being redrawn by the transit agency.");
        assert!(copies(&[&a, &b]).is_empty(), "{:?}", copies(&[&a, &b]));
    }

    #[test]
    fn a_short_lead_around_one_quote_is_not_judged() {
        let quote = "“We will rebuild every home that the flood destroyed, and we will do it this year,” the governor said.";
        let a = art(
            "a",
            "Herald",
            2,
            &format!("The governor promised on Monday to rebuild the flooded towns.\n\n{quote}"),
        );
        let b = art(
            "b",
            "Gazette",
            2,
            &format!("The governor promised to rebuild flooded towns on Monday.\n\n{quote}"),
        );
        assert!(copies(&[&a, &b]).is_empty());
    }

    #[test]
    fn a_report_that_credits_another_outlet_and_restates_it_is_its_rewrite() {
        let original = art("times", "Metro Times (News)", 2, "The city council voted on Tuesday to ban gas stoves in all new buildings from next year, the first such rule in the state.\n\nThe ban will apply to homes and offices whose permits are filed after January, the council's lawyer said, and older buildings are exempt.");
        let aggregator = art("post", "Daily Post", 2, "City lawmakers on Tuesday banned gas stoves in every new building starting next year in a first-of-its-kind rule for the state, according to the Metro Times.\n\nThe rule covers homes and offices with permits filed after January, while older buildings are exempt, the council's lawyer told the MT.");
        let links = copies(&[&original, &aggregator]);
        assert_eq!(links.len(), 1, "{links:?}");
        assert_eq!(links[0].kind, CopyKind::Rewrite);
        assert_eq!(links[0].article, "post");
        assert_eq!(links[0].of, "times");
        // the same text with no credit: attributed sentences are the lawyer's, and one own
        // sentence is too little to judge
        let uncredited = art(
            "post",
            "Daily Post",
            2,
            &aggregator
                .text
                .replace(", according to the Metro Times", "")
                .replace("told the MT", "said"),
        );
        assert!(copies(&[&original, &uncredited]).is_empty());
    }

    #[test]
    fn a_quotation_left_open_runs_to_the_paragraphs_end() {
        let p = "The mayor spoke at noon. “We will rebuild the bridge and the roads around it...";
        let spans = quoted(p);
        assert_eq!(spans.len(), 1);
        assert!(p[spans[0].clone()].starts_with("We will rebuild"));
        assert!(p[spans[0].clone()].ends_with("..."));
        let closed = "He said “we will rebuild” and left.";
        assert_eq!(quoted(closed).len(), 1);
        assert_eq!(&closed[quoted(closed)[0].clone()], "we will rebuild");
    }

    #[test]
    fn outlets_are_known_by_their_short_names_in_credits() {
        let names = outlet_names("Los Angeles Times (News)");
        for n in ["Los Angeles Times", "LA Times", "L.A. Times", "LAT"] {
            assert!(names.iter().any(|x| x == n), "{n} in {names:?}");
        }
        assert!(outlet_names("Associated Press").contains(&"AP".to_string()));
        assert!(outlet_names("The Wall Street Journal").contains(&"WSJ".to_string()));
        assert!(credits(
            "Shares fell, the Wall Street Journal reported.",
            "Wall Street Journal (News)"
        ));
        assert!(credits(
            "Two officials told The Associated Press.",
            "Associated Press"
        ));
        assert!(credits(
            "The plan stalled, according to the L.A. Times.",
            "Los Angeles Times"
        ));
        // a mention is not a credit
        assert!(!credits(
            "A Wall Street Journal reporter asked the question.",
            "Wall Street Journal"
        ));
        assert!(!credits("He spoke to APEC leaders.", "Associated Press"));
    }

    #[test]
    fn versions_of_one_outlets_article_are_not_linked() {
        let a = art("a", "Wire", 2, WIRE);
        let b = art(
            "b",
            "Wire",
            3,
            &WIRE.replace("on Tuesday", "on Tuesday evening"),
        );
        assert!(copies(&[&a, &b]).is_empty());
        assert_eq!(
            independent_groups(&[&a, &b], &[])[0],
            independent_groups(&[&a, &b], &[])[1]
        );
    }

    #[test]
    fn a_report_copied_by_many_outlets_lists_a_few_sources_per_copy() {
        let owned: Vec<Article> = (0..40)
            .map(|k| {
                art(
                    &format!("c{k:02}"),
                    &format!("Outlet {k}"),
                    2 + k / 10,
                    WIRE,
                )
            })
            .collect();
        let articles: Vec<&Article> = owned.iter().collect();
        let links = copies(&articles);
        assert!(!links.is_empty());
        for a in &owned {
            let sources = links.iter().filter(|l| l.article == a.id).count();
            assert!(sources <= MOST_SOURCES, "{}: {sources}", a.id);
        }
        // Every report of a later day copies one of the earlier ones.
        for a in owned.iter().skip(10) {
            assert!(links.iter().any(|l| l.article == a.id), "{}", a.id);
        }
    }
}
