//! Copies and rewrites: which articles repeat another's text.
//!
//! Candidates come from a MinHash LSH index (`gaoya`) over stemmed content-word pairs, so a
//! batch costs about one lookup per article rather than a comparison of every pair. Each
//! candidate pair is then aligned sentence by sentence: a sentence of one article has a
//! counterpart in the other when their words are nearly the same, in the same order (a copy:
//! Jaccard of word pairs at least [`COPY_SENTENCE`]) or, failing that, when they share most content words (a rewrite:
//! Dice at least [`REWRITE_SENTENCE`] over three or more stems). An article whose sentences
//! are mostly copied is a [`CopyKind::Copy`] of the other, one whose sentences mostly have
//! either kind of counterpart a [`CopyKind::Rewrite`].
//!
//! The later article (or, on the same day, the shorter) is the one that copies; `share` is the
//! part of its sentences that have a counterpart.

use crate::sentences::sentences;
use crate::terms::{content_stems, is_stopword, stem, Stems};
use dossier_model::{Article, CopyKind, CopyLink};
use gaoya::minhash::{MinHashIndex, MinHasher, MinHasher32, VecContainer};

/// Least Jaccard of word pairs for two sentences to be copies of each other.
const COPY_SENTENCE: f32 = 0.6;
/// Least content-stem Dice for two sentences to say the same in other words.
const REWRITE_SENTENCE: f32 = 0.5;
/// Least share of an article's sentences copied for the article to be a copy.
const COPY_SHARE: f32 = 0.6;
/// Least share of an article's sentences with any counterpart for it to be a rewrite.
const REWRITE_SHARE: f32 = 0.5;
/// LSH bands and rows: 64 bands of 2 rows make pairs with a Jaccard of 0.3 candidates almost
/// always and pairs below 0.05 rarely.
const BANDS: usize = 64;
const ROWS: usize = 2;
/// Least estimated Jaccard of a candidate (far below what a rewrite shares).
const CANDIDATE: f64 = 0.08;

/// One article's sentences, as words and as content stems.
struct Aligned {
    words: Vec<Stems>,
    stems: Vec<Stems>,
}

fn aligned(a: &Article) -> Aligned {
    let mut words = Vec::new();
    let mut stems = Vec::new();
    for para in a.paragraphs() {
        for r in sentences(para) {
            let s = &para[r];
            let tokens: Vec<String> = s
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect();
            if tokens.len() < 4 {
                continue;
            }
            // Word pairs, so a copy keeps the word order too.
            let w: Stems = tokens.windows(2).map(|p| p.join(" ")).collect();
            if w.is_empty() {
                continue;
            }
            words.push(w);
            stems.push(content_stems(s, |_| false));
        }
    }
    Aligned { words, stems }
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

fn jaccard(a: &Stems, b: &Stems) -> f32 {
    let shared = a.intersection(b).count();
    let union = a.len() + b.len() - shared;
    if union == 0 {
        0.0
    } else {
        shared as f32 / union as f32
    }
}

fn dice(a: &Stems, b: &Stems) -> (usize, f32) {
    let shared = a.intersection(b).count();
    let total = a.len() + b.len();
    if total == 0 {
        (0, 0.0)
    } else {
        (shared, 2.0 * shared as f32 / total as f32)
    }
}

/// Shares of `a`'s sentences with a copied counterpart in `b`, and with any counterpart.
fn alignment(a: &Aligned, b: &Aligned) -> (f32, f32) {
    if a.words.is_empty() {
        return (0.0, 0.0);
    }
    let (mut copied, mut matched) = (0usize, 0usize);
    for (wa, sa) in a.words.iter().zip(&a.stems) {
        if b.words.iter().any(|wb| jaccard(wa, wb) >= COPY_SENTENCE) {
            copied += 1;
            matched += 1;
        } else if b.stems.iter().any(|sb| {
            let (shared, d) = dice(sa, sb);
            shared >= 3 && d >= REWRITE_SENTENCE
        }) {
            matched += 1;
        }
    }
    let n = a.words.len() as f32;
    (copied as f32 / n, matched as f32 / n)
}

/// Shares of `a`'s sentences with a copied counterpart in `b`, and with any counterpart.
pub fn alignment_shares(a: &Article, b: &Article) -> (f32, f32) {
    alignment(&aligned(a), &aligned(b))
}

/// Which of `articles` copy or rewrite which others, each pair once, in a stable order.
pub fn find_copies(articles: &[&Article]) -> Vec<CopyLink> {
    if articles.len() < 2 {
        return Vec::new(); // no pair (and a signature costs 128 hashes a shingle)
    }
    let hasher = MinHasher32::new(BANDS * ROWS);
    // sized for this story's articles: the default sizing (a thousand entries in each of the
    // 64 bands) cost megabytes of fresh memory a story
    let mut index = MinHashIndex::<u32, usize, VecContainer<usize>>::new_with_capacity(
        BANDS,
        ROWS,
        CANDIDATE,
        articles.len(),
        0.0,
    );
    let signatures: Vec<Vec<u32>> = articles
        .iter()
        .map(|a| hasher.create_signature(shingles(&a.text).iter()))
        .collect();
    for (i, s) in signatures.iter().enumerate() {
        index.insert(i, s.clone());
    }
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (i, s) in signatures.iter().enumerate() {
        for j in index.query_owned(s) {
            if j > i {
                pairs.push((i, j));
            }
        }
    }
    pairs.sort_unstable();
    let mut cache: Vec<Option<Aligned>> = (0..articles.len()).map(|_| None).collect();
    let mut links = Vec::new();
    for (i, j) in pairs {
        for k in [i, j] {
            if cache[k].is_none() {
                cache[k] = Some(aligned(articles[k]));
            }
        }
        let (ai, aj) = (
            cache[i].as_ref().expect("set"),
            cache[j].as_ref().expect("set"),
        );
        // The copier: the later article; on the same day (or undated), the shorter.
        let later = match (articles[i].published, articles[j].published) {
            (Some(x), Some(y)) if x != y => x > y,
            _ => ai.words.len() < aj.words.len(),
        };
        let (copier, source, ca, cs) = if later {
            (i, j, ai, aj)
        } else {
            (j, i, aj, ai)
        };
        let (copied, matched) = alignment(ca, cs);
        let kind = if copied >= COPY_SHARE {
            CopyKind::Copy
        } else if matched >= REWRITE_SHARE {
            CopyKind::Rewrite
        } else {
            continue;
        };
        let share = if kind == CopyKind::Copy {
            copied
        } else {
            matched
        };
        links.push(CopyLink {
            article: articles[copier].id.clone(),
            of: articles[source].id.clone(),
            kind,
            share: (share * 100.0).round() / 100.0,
        });
    }
    links
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
            if let (Some(x), Some(y)) = (&a.outlet, &b.outlet) {
                if x.eq_ignore_ascii_case(y) {
                    pairs.push((i, j, 1.0));
                }
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

    fn art(id: &str, day: u32, text: &str) -> Article {
        Article {
            id: id.into(),
            text: text.into(),
            published: NaiveDate::from_ymd_opt(2025, 12, day),
            ..Default::default()
        }
    }

    const WIRE: &str = "Russian President Vladimir Putin met US envoy Steve Witkoff in Moscow on Tuesday for talks on a plan to end the war in Ukraine.\n\nThe meeting lasted five hours, the Kremlin said, and no compromise was reached on the question of territory.\n\nUkrainian President Volodymyr Zelensky said Kyiv would study the results before talks in Florida later this week.";

    #[test]
    fn wire_copy_is_a_copy_of_the_earlier_report() {
        let edited = WIRE.replace("on Tuesday", "on Tuesday evening");
        let a = art("first", 2, WIRE);
        let b = art("second", 3, &edited);
        let c = art("other", 2, "A magnitude 6.1 earthquake struck off the coast of Chile near Valparaiso on Monday, damaging buildings.\n\nNo tsunami warning was issued, the navy said.");
        let links = find_copies(&[&a, &b, &c]);
        assert_eq!(links.len(), 1, "{links:?}");
        assert_eq!(
            (links[0].article.as_str(), links[0].of.as_str()),
            ("second", "first")
        );
        assert_eq!(links[0].kind, CopyKind::Copy);
        assert!(links[0].share > 0.9);
        let groups = independent_groups(&[&a, &b, &c], &links);
        assert_eq!(groups[0], groups[1]);
        assert_ne!(groups[0], groups[2]);
    }

    #[test]
    fn paraphrase_is_a_rewrite() {
        let a = art("wire", 2, WIRE);
        let b = art("farm", 3, "Vladimir Putin, the Russian president, held talks with US envoy Steve Witkoff in Moscow on Tuesday about a plan to end Ukraine's war.\n\nAccording to the Kremlin the five-hour meeting ended with no compromise reached on territory.\n\nKyiv will study the results ahead of talks in Florida later this week, Ukrainian President Volodymyr Zelensky said.");
        let links = find_copies(&[&a, &b]);
        assert_eq!(links.len(), 1, "{links:?}");
        assert_eq!(links[0].kind, CopyKind::Rewrite);
        assert_eq!(links[0].article, "farm");
    }

    #[test]
    fn same_story_told_independently_is_not_a_copy() {
        let a = art("a", 2, WIRE);
        let b = art("b", 2, "Ukraine's allies in Europe are pressing Washington to keep sanctions on Moscow while the peace talks go on.\n\nEuropean officials fear a deal that rewards the invasion, diplomats in Brussels said on Wednesday.\n\nThe European Union is preparing a new package of measures against Russian oil exports.");
        assert!(find_copies(&[&a, &b]).is_empty());
    }
}
