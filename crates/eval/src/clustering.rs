//! Story clustering scored on public data: ECB+ (a folder with `clusters.tsv`: 982 documents,
//! two different events of the same kind per topic, gold `event_cluster`) or a NeuS `.source`
//! file (each line one story: its outlets' articles separated by `[SEP]`; all articles are
//! shuffled together with a fixed seed and clustered back).
//!
//! Every document goes through cleaning and `dossier_analysis::group_stories`, the same path as
//! `dossier analyze`. Reported: pairwise precision, recall and F1 (over pairs of documents put
//! in one story) and B-cubed precision, recall and F1 (per document, averaged). The last line is
//! `F1` (pairwise).

use anyhow::{bail, Context};
use dossier_model::{Article, Hints, RawDocument, Sourced};
use std::collections::HashMap;
use std::fmt;
use std::path::Path;

pub struct Report {
    set: &'static str,
    documents: usize,
    gold_clusters: usize,
    predicted_clusters: usize,
    pairwise: (f64, f64, f64),
    bcubed: (f64, f64, f64),
    seconds: f64,
    /// Predicted stories that mix gold stories, and gold stories split apart (with
    /// `--mistakes`).
    pub mistakes: Vec<String>,
}

impl Report {
    /// Pairwise F1 (the last line).
    pub fn f1(&self) -> f64 {
        self.pairwise.2
    }

    /// B-cubed F1.
    pub fn bcubed_f1(&self) -> f64 {
        self.bcubed.2
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{}: documents {} gold stories {} predicted stories {} ({:.1} s)",
            self.set, self.documents, self.gold_clusters, self.predicted_clusters, self.seconds
        )?;
        let (p, r, b) = self.bcubed;
        writeln!(f, "B3 precision {p:.4} recall {r:.4} F1 {b:.4}")?;
        let (p, r, f1) = self.pairwise;
        writeln!(f, "pairwise precision {p:.4} recall {r:.4}")?;
        writeln!(f, "F1 {f1:.4}")
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

/// Pairwise and B-cubed scores of `predicted` against `gold` (one label per document).
fn score(gold: &[usize], predicted: &[usize]) -> ((f64, f64, f64), (f64, f64, f64)) {
    let n = gold.len();
    let (mut tp, mut pred_pairs, mut gold_pairs) = (0u64, 0u64, 0u64);
    let (mut bp, mut br) = (0.0, 0.0);
    for i in 0..n {
        let (mut same_both, mut same_pred, mut same_gold) = (0u64, 0u64, 0u64);
        for j in 0..n {
            let g = gold[i] == gold[j];
            let p = predicted[i] == predicted[j];
            same_both += (g && p) as u64;
            same_pred += p as u64;
            same_gold += g as u64;
        }
        bp += same_both as f64 / same_pred as f64;
        br += same_both as f64 / same_gold as f64;
        // pairs with j != i
        tp += same_both - 1;
        pred_pairs += same_pred - 1;
        gold_pairs += same_gold - 1;
    }
    let p = tp as f64 / pred_pairs.max(1) as f64;
    let r = tp as f64 / gold_pairs.max(1) as f64;
    let (bp, br) = (bp / n.max(1) as f64, br / n.max(1) as f64);
    ((p, r, f1(p, r)), (bp, br, f1(bp, br)))
}

/// A sentence-embedding model: one unit vector per text, in order.
pub type Embed<'a> = &'a dyn Fn(&[&str]) -> anyhow::Result<Vec<Vec<f32>>>;

/// Clusters the documents as `analyze` would and scores them.
fn evaluate(
    set: &'static str,
    docs: Vec<(RawDocument, usize)>,
    mistakes: bool,
    embed: Option<Embed>,
) -> anyhow::Result<Report> {
    let started = std::time::Instant::now();
    let mut articles: Vec<Article> = Vec::new();
    let mut gold: Vec<usize> = Vec::new();
    for (doc, label) in &docs {
        // one article per document: a "pasted second article" split is cleaning's guess,
        // and the gold knows one story per document
        if let Some(a) = dossier_clean::clean(doc).into_iter().next() {
            articles.push(a);
            gold.push(*label);
        }
    }
    if articles.is_empty() {
        bail!("no documents to cluster");
    }
    let mut vectors = dossier_analysis::stories::story_vectors(&articles);
    if let Some(embed) = embed {
        dossier_analysis::stories::add_meaning(&mut vectors, &articles, embed)?;
    }
    let stories = dossier_analysis::group_stories_by(&mut articles, &vectors);
    let index: HashMap<&str, usize> = stories
        .iter()
        .enumerate()
        .flat_map(|(k, s)| s.articles.iter().map(move |a| (a.as_str(), k)))
        .collect();
    let predicted: Vec<usize> = articles.iter().map(|a| index[a.id.as_str()]).collect();
    let (pairwise, bcubed) = score(&gold, &predicted);
    let mut wrong = Vec::new();
    if mistakes {
        let label = |i: usize| format!("[{}] {}", gold[i], articles[i].label());
        for (k, s) in stories.iter().enumerate() {
            let members: Vec<usize> = (0..articles.len()).filter(|&i| predicted[i] == k).collect();
            let mut labels: Vec<usize> = members.iter().map(|&i| gold[i]).collect();
            labels.sort_unstable();
            labels.dedup();
            if labels.len() > 1 {
                let titles: Vec<String> = members.iter().map(|&i| label(i)).collect();
                wrong.push(format!("MIXED {}: {}", s.id, titles.join(" | ")));
            }
        }
        let mut split: Vec<usize> = gold.clone();
        split.sort_unstable();
        split.dedup();
        for g in split {
            let members: Vec<usize> = (0..articles.len()).filter(|&i| gold[i] == g).collect();
            let mut parts: Vec<usize> = members.iter().map(|&i| predicted[i]).collect();
            parts.sort_unstable();
            parts.dedup();
            if parts.len() > 1 {
                let titles: Vec<String> = members.iter().map(|&i| label(i)).collect();
                wrong.push(format!(
                    "SPLIT into {}: {}",
                    parts.len(),
                    titles.join(" | ")
                ));
            }
        }
    }
    let mut labels = gold.clone();
    labels.sort_unstable();
    labels.dedup();
    Ok(Report {
        set,
        documents: articles.len(),
        gold_clusters: labels.len(),
        predicted_clusters: stories.len(),
        pairwise,
        bcubed,
        seconds: started.elapsed().as_secs_f64(),
        mistakes: wrong,
    })
}

/// Scores clustering on an ECB+ folder or a NeuS `.source` file, with sentence embeddings
/// blended into the similarity when `embed` is given.
pub fn run(path: &Path, mistakes: bool, embed: Option<Embed>) -> anyhow::Result<Report> {
    if path.is_dir() && path.join("clusters.tsv").exists() {
        evaluate("ECB+", ecbplus(path)?, mistakes, embed)
    } else if path.is_file() {
        evaluate("NeuS", neus(path)?, mistakes, embed)
    } else {
        bail!(
            "{}: neither an ECB+ folder (with clusters.tsv) nor a NeuS .source file",
            path.display()
        )
    }
}

/// The ECB+ documents of a folder with `clusters.tsv`, each with its gold story label.
pub fn ecbplus(dir: &Path) -> anyhow::Result<Vec<(RawDocument, usize)>> {
    let tsv = std::fs::read_to_string(dir.join("clusters.tsv"))
        .with_context(|| format!("{}: cannot read clusters.tsv", dir.display()))?;
    let mut labels: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for line in tsv.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 6 {
            continue;
        }
        let n = labels.len();
        let label = *labels.entry(cols[5].to_string()).or_insert(n);
        let file = dir.join(cols[0]);
        let xml = match std::fs::read_to_string(&file) {
            Ok(x) => x,
            Err(e) => {
                eprintln!("{}: {e}", file.display());
                continue;
            }
        };
        let text = ecb_text(&xml, cols[1].contains("ecbplus"))
            .with_context(|| format!("{}: not ECB+ XML", file.display()))?;
        out.push((
            RawDocument {
                source: cols[1].to_string(),
                text,
                hints: Hints::default(),
            },
            label,
        ));
    }
    Ok(out)
}

/// The sentences of an ECB+ document, one per line (sentence 0 of an ECB+ addition is its URL).
fn ecb_text(xml: &str, skip_url: bool) -> anyhow::Result<String> {
    let doc = roxmltree::Document::parse(xml)?;
    let mut sentences: Vec<(u32, String)> = Vec::new();
    for t in doc.descendants().filter(|n| n.has_tag_name("token")) {
        let s: u32 = t
            .attribute("sentence")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        if skip_url && s == 0 {
            continue;
        }
        let word = t.text().unwrap_or("");
        match sentences.last_mut() {
            Some((k, text)) if *k == s => {
                let glue = matches!(word, "." | "," | "'s" | "n't" | ":" | ";" | "?" | "!" | ")")
                    || text.ends_with(['(', '$']);
                if !glue {
                    text.push(' ');
                }
                text.push_str(word);
            }
            _ => sentences.push((s, word.to_string())),
        }
    }
    Ok(sentences
        .into_iter()
        .map(|(_, s)| s)
        .collect::<Vec<_>>()
        .join("\n"))
}

fn neus(file: &Path) -> anyhow::Result<Vec<(RawDocument, usize)>> {
    let mut out: Vec<(RawDocument, usize)> = neus_stories(file)?
        .into_iter()
        .enumerate()
        .flat_map(|(story, docs)| docs.into_iter().map(move |d| (d, story)))
        .collect();
    if out.is_empty() {
        bail!("{}: no `[SEP]`-separated stories", file.display());
    }
    // all stories' articles mixed together, in an order that does not follow the stories
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for i in (1..out.len()).rev() {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let j = (state >> 33) as usize % (i + 1);
        out.swap(i, j);
    }
    Ok(out)
}

/// The stories of a NeuS `.source` file, one per line, each its articles (`TITLE=> ...
/// ARTICLE=> ...`, separated by `[SEP]`) as raw documents. An empty line is an empty story.
pub(crate) fn neus_stories(file: &Path) -> anyhow::Result<Vec<Vec<RawDocument>>> {
    let raw = std::fs::read_to_string(file)
        .with_context(|| format!("{}: cannot read", file.display()))?;
    let mut out = Vec::new();
    for (story, line) in raw.lines().enumerate() {
        let mut docs = Vec::new();
        for (k, part) in line.split("[SEP]").enumerate() {
            let part = part.trim();
            let (title, body) = match part.split_once("ARTICLE=>") {
                Some((t, b)) => (t.trim().trim_start_matches("TITLE=>").trim(), b.trim()),
                None => ("", part),
            };
            if body.is_empty() {
                continue;
            }
            let hints = Hints {
                title: (!title.is_empty()).then(|| Sourced::new(title.to_string(), "NeuS TITLE")),
                ..Default::default()
            };
            docs.push(RawDocument {
                source: format!("{}:{}:{}", file.display(), story + 1, k + 1),
                text: body.to_string(),
                hints,
            });
        }
        out.push(docs);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfect_and_lumped_clusterings() {
        let gold = [0, 0, 1, 1];
        let (pw, b3) = score(&gold, &[5, 5, 7, 7]);
        assert_eq!((pw.2, b3.2), (1.0, 1.0));
        let (pw, b3) = score(&gold, &[1, 1, 1, 1]);
        assert!((pw.0 - 1.0 / 3.0).abs() < 1e-9 && pw.1 == 1.0);
        assert!((b3.0 - 0.5).abs() < 1e-9 && b3.1 == 1.0);
    }
}
