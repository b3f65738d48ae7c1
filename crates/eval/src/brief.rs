//! The brief scored on NeuS: each line of a `.source` file is one story (three outlets'
//! articles separated by `[SEP]`), the same line of the `.target` file beside it a
//! human-written neutral summary of it.
//!
//! Each story's articles go through cleaning and `dossier_analysis::analyze_story`, the path of
//! `dossier analyze`, and the first `n` sentences of the brief (the most central first) are
//! scored against the summary with ROUGE-1, ROUGE-2 and ROUGE-Lsum F1 (`rougers`, identical to
//! Google's `rouge-score` with its Porter stemmer), averaged over stories. In the same run, with
//! the same `n`: `lead` (the first `n` sentences of the story's first article) and `textrank`
//! (Mihalcea and Tarau 2004: sentences ranked by PageRank over word-overlap similarity).
//!
//! Citation precision: the share of (brief sentence, cited article) pairs where the article
//! really says the sentence, checked independently of how the brief chose its citations: one
//! of the article's sentences holds at least half of the brief sentence's words (ROUGE
//! tokens, stopwords aside); for a sentence that quotes ("Outlets disagree on ...: “former
//! president” ..."), one of the article's sentences holds every word of one of the quoted
//! phrases. All brief sentences count here, not only the first `n`.

use anyhow::{bail, Context};
use dossier_analysis::sentences::sentences;
use dossier_model::Article;
use rougers::{RougeScorer, RougeType, Tokenizer};
use std::collections::HashSet;
use std::fmt;
use std::path::Path;

const TYPES: [RougeType; 3] = [RougeType::N(1), RougeType::N(2), RougeType::LSum];

/// Mean ROUGE F1 (1, 2, Lsum) of one system.
#[derive(Default, Clone, Copy)]
pub struct Rouge {
    pub r1: f64,
    pub r2: f64,
    pub rl: f64,
}

pub struct Report {
    stories: usize,
    sentences: usize,
    pub dossier: Rouge,
    pub lead: Rouge,
    pub textrank: Rouge,
    /// Cited (sentence, article) pairs checked, and how many hold.
    citations: usize,
    supported: usize,
    /// Mean number of articles a brief sentence cites.
    cites_per_sentence: f64,
    seconds: f64,
}

impl Report {
    pub fn citation_precision(&self) -> f64 {
        if self.citations == 0 {
            0.0
        } else {
            self.supported as f64 / self.citations as f64
        }
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "NeuS briefs: {} stories, {} sentences per system, {:.1} s",
            self.stories, self.sentences, self.seconds
        )?;
        for (name, r) in [
            ("dossier", self.dossier),
            ("lead", self.lead),
            ("textrank", self.textrank),
        ] {
            writeln!(
                f,
                "{name} ROUGE-1 {:.4} ROUGE-2 {:.4} ROUGE-L {:.4}",
                r.r1, r.r2, r.rl
            )?;
        }
        writeln!(
            f,
            "citations checked {} (mean {:.2} articles per brief sentence)",
            self.citations, self.cites_per_sentence
        )?;
        writeln!(f, "citation precision {:.4}", self.citation_precision())?;
        writeln!(f, "ROUGE-1 {:.4}", self.dossier.r1)
    }
}

/// Scores the brief on the NeuS `.source` file `source` (its `.target` beside it), with `n`
/// sentences per summary.
pub fn run(source: &Path, n: usize) -> anyhow::Result<Report> {
    let started = std::time::Instant::now();
    let target = source.with_extension("target");
    let stories = crate::clustering::neus_stories(source)?;
    let references: Vec<String> = std::fs::read_to_string(&target)
        .with_context(|| format!("{}: cannot read the summaries", target.display()))?
        .lines()
        .map(|l| match l.split_once("ARTICLE=>") {
            Some((_, summary)) => summary.trim().to_string(),
            None => l.trim().to_string(),
        })
        .collect();
    if references.len() != stories.len() {
        bail!(
            "{} has {} lines but {} has {}",
            source.display(),
            stories.len(),
            target.display(),
            references.len()
        );
    }
    let scorer = RougeScorer::new(["rouge1", "rouge2", "rougeLsum"], true)?;
    let words = Tokenizer::new(true);
    let mut sums = [Rouge::default(); 3];
    let (mut scored, mut citations, mut supported, mut cited_sentences, mut cites) =
        (0usize, 0usize, 0usize, 0usize, 0usize);
    for (docs, reference) in stories.iter().zip(&references) {
        let mut articles: Vec<Article> = docs
            .iter()
            .filter_map(|d| dossier_clean::clean(d).into_iter().next())
            .collect();
        if articles.is_empty() || reference.is_empty() {
            continue;
        }
        let lead = lead(&articles[0], n);
        let textrank = textrank(&articles, n, &words);
        let story = dossier_analysis::analyze_story(&mut articles);
        let brief: Vec<String> = story.brief.iter().take(n).map(|b| b.text.clone()).collect();
        for (k, system) in [brief, lead, textrank].iter().enumerate() {
            let scores = scorer.score(reference, &system.join("\n"));
            let get = |t| scores.get(t).map_or(0.0, |s| s.fmeasure);
            sums[k].r1 += get(TYPES[0]);
            sums[k].r2 += get(TYPES[1]);
            sums[k].rl += get(TYPES[2]);
        }
        for b in &story.brief {
            cited_sentences += 1;
            cites += b.articles.len();
            for id in &b.articles {
                if let Some(a) = articles.iter().find(|a| &a.id == id) {
                    citations += 1;
                    if says(a, &b.text, &words) {
                        supported += 1;
                    }
                }
            }
        }
        scored += 1;
    }
    if scored == 0 {
        bail!("{}: no story with a summary to score", source.display());
    }
    let mean = |r: Rouge| Rouge {
        r1: r.r1 / scored as f64,
        r2: r.r2 / scored as f64,
        rl: r.rl / scored as f64,
    };
    Ok(Report {
        stories: scored,
        sentences: n,
        dossier: mean(sums[0]),
        lead: mean(sums[1]),
        textrank: mean(sums[2]),
        citations,
        supported,
        cites_per_sentence: cites as f64 / cited_sentences.max(1) as f64,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// The sentences of an article's body, in order.
fn article_sentences(a: &Article) -> Vec<String> {
    a.paragraphs()
        .flat_map(|p| {
            sentences(p)
                .into_iter()
                .map(move |r| p[r].trim().to_string())
        })
        .filter(|s| !s.is_empty())
        .collect()
}

fn lead(a: &Article, n: usize) -> Vec<String> {
    article_sentences(a).into_iter().take(n).collect()
}

/// TextRank: the `n` sentences of highest PageRank (damping 0.85) over the graph whose edge
/// weights are the shared words of two sentences over the sum of the logs of their lengths.
fn textrank(articles: &[Article], n: usize, words: &Tokenizer) -> Vec<String> {
    let all: Vec<String> = articles.iter().flat_map(article_sentences).collect();
    let tokens: Vec<HashSet<String>> = all
        .iter()
        .map(|s| words.tokenize(s).into_iter().collect())
        .collect();
    let k = all.len();
    let mut w = vec![vec![0.0f64; k]; k];
    for i in 0..k {
        for j in i + 1..k {
            let (a, b) = (tokens[i].len() as f64, tokens[j].len() as f64);
            if a < 2.0 || b < 2.0 {
                continue;
            }
            let shared = tokens[i].intersection(&tokens[j]).count() as f64;
            let sim = shared / (a.ln() + b.ln());
            w[i][j] = sim;
            w[j][i] = sim;
        }
    }
    let out_weight: Vec<f64> = w.iter().map(|row| row.iter().sum()).collect();
    let mut rank = vec![1.0f64; k];
    for _ in 0..50 {
        let next: Vec<f64> = (0..k)
            .map(|i| {
                let inflow: f64 = (0..k)
                    .filter(|&j| out_weight[j] > 0.0)
                    .map(|j| w[j][i] / out_weight[j] * rank[j])
                    .sum();
                0.15 + 0.85 * inflow
            })
            .collect();
        rank = next;
    }
    let mut order: Vec<usize> = (0..k).collect();
    order.sort_by(|&a, &b| rank[b].total_cmp(&rank[a]).then(a.cmp(&b)));
    order.into_iter().take(n).map(|i| all[i].clone()).collect()
}

const STOP: &[&str] = &[
    "the", "a", "an", "of", "to", "in", "and", "or", "on", "for", "at", "by", "with", "from", "is",
    "was", "are", "were", "be", "been", "has", "have", "had", "that", "this", "it", "its", "as",
    "but", "not", "will", "would", "said", "says",
];

fn content(words: &Tokenizer, text: &str) -> HashSet<String> {
    words
        .tokenize(text)
        .into_iter()
        .filter(|t| !STOP.contains(&t.as_str()))
        .collect()
}

/// Does article `a` say `sentence`? See the module comment.
fn says(a: &Article, sentence: &str, words: &Tokenizer) -> bool {
    let own: Vec<HashSet<String>> = article_sentences(a)
        .iter()
        .map(|s| content(words, s))
        .collect();
    let quoted: Vec<HashSet<String>> = sentence
        .split(['\u{201c}', '\u{201d}'])
        .skip(1)
        .step_by(2)
        .map(|q| content(words, q))
        .filter(|q| !q.is_empty())
        .collect();
    if !quoted.is_empty() {
        return quoted.iter().any(|q| own.iter().any(|s| q.is_subset(s)));
    }
    let want = content(words, sentence);
    if want.is_empty() {
        return false;
    }
    own.iter()
        .any(|s| s.intersection(&want).count() * 2 >= want.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn art(text: &str) -> Article {
        Article {
            id: "a".into(),
            text: text.into(),
            ..Default::default()
        }
    }

    #[test]
    fn an_article_says_what_it_paraphrases_closely_but_not_other_news() {
        let words = Tokenizer::new(true);
        let a = art(
            "Eurozone finance ministers agreed a bailout for Greece on Monday.\n\nShares rose.",
        );
        assert!(says(
            &a,
            "Finance ministers of the Eurozone agreed on a Greek bailout on Monday.",
            &words
        ));
        assert!(!says(
            &a,
            "An earthquake struck Chile near Valparaiso on Monday.",
            &words
        ));
        assert!(says(
            &a,
            "Outlets disagree on the deal: \u{201c}bailout for Greece\u{201d} in one.",
            &words
        ));
    }

    #[test]
    fn textrank_prefers_the_sentence_others_repeat() {
        let words = Tokenizer::new(true);
        let a = art("Greece got a bailout from Eurozone ministers.\n\nThe weather in Athens was sunny.\n\nEurozone ministers approved the Greece bailout.\n\nThe bailout for Greece was approved by ministers.");
        let top = textrank(&[a], 1, &words);
        assert!(top[0].contains("bailout"), "{top:?}");
    }
}
