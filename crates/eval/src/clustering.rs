//! Story clustering scored on public data: ECB+ (a folder with `clusters.tsv`: 982 documents,
//! two different events of the same kind per topic, gold `event_cluster`), a NeuS `.source`
//! file (each line one story: its outlets' articles separated by `[SEP]`; all articles are
//! shuffled together with a fixed seed and clustered back, without dates or outlets), or the
//! NeuS/AllSides raw crawl (`.jsonl`, one AllSides issue a line: its `news.{left,center,right}`
//! articles, each given its issue's date as `published` and its `newsSource` as outlet; gold =
//! the issue `id`), the setting a user has: dated articles of many outlets.
//!
//! Every document goes through cleaning and `dossier_analysis::group_stories`, the same path as
//! `dossier analyze`. Reported: pairwise precision, recall and F1 (over pairs of documents put
//! in one story), B-cubed precision, recall and F1 (per document, averaged), and counts a
//! reader can picture: stories, single-article stories, gold events kept whole (all their
//! articles in one story), events split (their share among the events of two or more
//! articles), and stories mixing events. The last line is `F1` (pairwise).

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
    shape: Shape,
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

    /// The share of the gold events of two or more articles that were split across stories.
    pub fn split_share(&self) -> f64 {
        self.shape.split as f64 / self.shape.splittable.max(1) as f64
    }
}

/// The stories' shape against the gold events.
#[derive(Debug, Default, Clone, PartialEq)]
struct Shape {
    /// Predicted stories of one article.
    singletons: usize,
    /// Gold events all of whose articles are in one predicted story.
    whole: usize,
    /// Gold events of two or more articles spread over several predicted stories.
    split: usize,
    /// Gold events of two or more articles.
    splittable: usize,
    /// Predicted stories holding articles of more than one gold event.
    mixed: usize,
}

fn shape(gold: &[usize], predicted: &[usize]) -> Shape {
    let mut events: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut stories: HashMap<usize, Vec<usize>> = HashMap::new();
    for (&g, &p) in gold.iter().zip(predicted) {
        events.entry(g).or_default().push(p);
        stories.entry(p).or_default().push(g);
    }
    let distinct = |v: &Vec<usize>| {
        let mut v = v.clone();
        v.sort_unstable();
        v.dedup();
        v.len()
    };
    Shape {
        singletons: stories.values().filter(|m| m.len() == 1).count(),
        whole: events.values().filter(|p| distinct(p) == 1).count(),
        split: events.values().filter(|p| distinct(p) > 1).count(),
        splittable: events.values().filter(|p| p.len() > 1).count(),
        mixed: stories.values().filter(|g| distinct(g) > 1).count(),
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{}: documents {} gold stories {} predicted stories {} ({:.1} s)",
            self.set, self.documents, self.gold_clusters, self.predicted_clusters, self.seconds
        )?;
        let sh = &self.shape;
        writeln!(
            f,
            "stories {} singletons {} events whole {} split {} ({:.1} % of the {} events of two or more articles) stories mixing events {}",
            self.predicted_clusters,
            sh.singletons,
            sh.whole,
            sh.split,
            100.0 * self.split_share(),
            sh.splittable,
            sh.mixed
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
    let wrong = if mistakes {
        worst_mistakes(&articles, &stories, &gold, &predicted)
    } else {
        Vec::new()
    };
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
        shape: shape(&gold, &predicted),
        seconds: started.elapsed().as_secs_f64(),
        mistakes: wrong,
    })
}

/// The stories that mix gold events, the most wrong pairs first, then the gold events split
/// across stories, the most lost pairs first; each article on a line of its own with its gold
/// event, date, outlet and title.
fn worst_mistakes(
    articles: &[Article],
    stories: &[dossier_model::Story],
    gold: &[usize],
    predicted: &[usize],
) -> Vec<String> {
    let line = |i: usize, part: Option<usize>| {
        let a = &articles[i];
        let date = a.published.map_or("undated".to_string(), |d| d.to_string());
        let outlet = a.outlet.as_deref().unwrap_or("-");
        let part = part.map_or(String::new(), |p| format!("story {p} "));
        format!("    {part}[{}] {date} {outlet}: {}", gold[i], a.label())
    };
    // Pairs of `members` whose `key`s differ.
    let pairs_apart = |members: &[usize], key: &dyn Fn(usize) -> usize| -> usize {
        let mut n = 0;
        for (x, &i) in members.iter().enumerate() {
            n += members[x + 1..]
                .iter()
                .filter(|&&j| key(i) != key(j))
                .count();
        }
        n
    };
    let mut by_story: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut by_event: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..articles.len() {
        by_story.entry(predicted[i]).or_default().push(i);
        by_event.entry(gold[i]).or_default().push(i);
    }
    let mut merges: Vec<(usize, String)> = Vec::new();
    for (&k, members) in &by_story {
        let mut members = members.clone();
        members.sort_by_key(|&i| (gold[i], i));
        let wrong = pairs_apart(&members, &|i| gold[i]);
        if wrong > 0 {
            let mut events: Vec<usize> = members.iter().map(|&i| gold[i]).collect();
            events.dedup();
            let mut text = format!(
                "MERGED {wrong} wrong pairs: story {} \"{}\", {} articles of {} events",
                stories[k].id,
                stories[k].title,
                members.len(),
                events.len()
            );
            for &i in &members {
                text.push('\n');
                text.push_str(&line(i, None));
            }
            merges.push((wrong, text));
        }
    }
    let mut splits: Vec<(usize, String)> = Vec::new();
    for (&g, members) in &by_event {
        let mut members = members.clone();
        members.sort_by_key(|&i| (predicted[i], i));
        let lost = pairs_apart(&members, &|i| predicted[i]);
        if lost > 0 {
            let mut parts: Vec<usize> = members.iter().map(|&i| predicted[i]).collect();
            parts.dedup();
            let mut text = format!(
                "SPLIT {lost} lost pairs: event {g}, {} articles in {} stories",
                members.len(),
                parts.len()
            );
            for &i in &members {
                let part = parts.iter().position(|&p| p == predicted[i]).map(|p| p + 1);
                text.push('\n');
                text.push_str(&line(i, part));
            }
            splits.push((lost, text));
        }
    }
    // Worst first; equal ones in the order of their text, so the listing is the same each run.
    merges.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    splits.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    merges.into_iter().chain(splits).map(|(_, t)| t).collect()
}

/// Scores clustering on an ECB+ folder, a NeuS `.source` file or a NeuS raw crawl, with
/// sentence embeddings blended into the similarity when `embed` is given.
pub fn run(path: &Path, mistakes: bool, embed: Option<Embed>) -> anyhow::Result<Report> {
    let (set, docs) = documents(path)?;
    evaluate(set, docs, mistakes, embed)
}

/// The name of the set at `path` and its documents, each with its gold story label, in the
/// order they are clustered.
pub fn documents(path: &Path) -> anyhow::Result<(&'static str, Vec<(RawDocument, usize)>)> {
    if path.is_dir() && path.join("clusters.tsv").exists() {
        Ok(("ECB+", ecbplus(path)?))
    } else if path.is_file() && is_raw_crawl(path)? {
        Ok(("NeuS raw crawl", raw_crawl(path)?))
    } else if path.is_file() {
        Ok(("NeuS", neus(path)?))
    } else {
        bail!(
            "{}: neither an ECB+ folder (with clusters.tsv), a NeuS .source file nor a NeuS raw crawl .jsonl",
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

/// Whether `file` is a NeuS raw crawl: JSON lines whose first holds a `news` object.
fn is_raw_crawl(file: &Path) -> anyhow::Result<bool> {
    use std::io::BufRead;
    let f =
        std::fs::File::open(file).with_context(|| format!("{}: cannot read", file.display()))?;
    let mut first = String::new();
    std::io::BufReader::new(f).read_line(&mut first)?;
    Ok(first.trim_start().starts_with('{')
        && serde_json::from_str::<serde_json::Value>(&first)
            .is_ok_and(|v| v.get("news").is_some_and(|n| n.is_object())))
}

/// The articles of a NeuS raw crawl, in file order, each labelled with its issue's `id`: the
/// text its `newBody` paragraphs, the title its `newsTitle`, the outlet its `newsSource`, the
/// URL its `newsLink`, and `published` its issue's date (the day part of `date`). A line that
/// is not such an issue is an error naming the line.
pub fn raw_crawl(file: &Path) -> anyhow::Result<Vec<(RawDocument, usize)>> {
    let raw = std::fs::read_to_string(file)
        .with_context(|| format!("{}: cannot read", file.display()))?;
    let text_of = |v: &serde_json::Value, key: &str| -> Option<String> {
        v.get(key)
            .and_then(|x| x.as_str())
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .map(str::to_string)
    };
    let mut out = Vec::new();
    for (n, line) in raw.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let at = || format!("{}:{}", file.display(), n + 1);
        let issue: serde_json::Value =
            serde_json::from_str(line).with_context(|| format!("{}: not JSON", at()))?;
        let id = issue
            .get("id")
            .and_then(|v| v.as_u64())
            .with_context(|| format!("{}: no numeric issue `id`", at()))? as usize;
        let date = text_of(&issue, "date").map(|d| d.chars().take(10).collect::<String>());
        let Some(news) = issue.get("news").and_then(|n| n.as_object()) else {
            bail!("{}: no `news` object", at());
        };
        for side in ["left", "center", "right"] {
            let Some(a) = news.get(side) else { continue };
            let body: Vec<&str> = a
                .get("newBody")
                .and_then(|b| b.as_array())
                .map(|ps| ps.iter().filter_map(|p| p.as_str()).collect())
                .unwrap_or_default();
            let text = body.join("\n");
            if text.trim().is_empty() {
                continue;
            }
            let from = "NeuS raw crawl";
            let hints = Hints {
                url: text_of(a, "newsLink"),
                outlet: text_of(a, "newsSource").map(|o| Sourced::new(o, from)),
                title: text_of(a, "newsTitle").map(|t| Sourced::new(t, from)),
                published: date
                    .clone()
                    .map(|d| Sourced::new(d, "the AllSides issue's date")),
                ..Default::default()
            };
            out.push((
                RawDocument {
                    source: format!("{}:{}:{side}", file.display(), n + 1),
                    text,
                    hints,
                },
                id,
            ));
        }
    }
    if out.is_empty() {
        bail!("{}: no articles in the raw crawl", file.display());
    }
    Ok(out)
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

    #[test]
    fn the_shape_counts_whole_split_and_mixed() {
        // events 0 (three articles), 1 (two), 2 (one); stories: {0, 0}, {0, 1}, {1}, {2}
        let gold = [0, 0, 0, 1, 1, 2];
        let predicted = [7, 7, 8, 8, 9, 10];
        let s = shape(&gold, &predicted);
        assert_eq!(
            s,
            Shape {
                singletons: 2,
                whole: 1,
                split: 2,
                splittable: 2,
                mixed: 1,
            }
        );
    }

    #[test]
    fn a_raw_crawl_issue_gives_each_side_its_date_and_outlet() {
        let dir = std::env::temp_dir().join(format!("dossier-raw-crawl-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("crawl.jsonl");
        let issue = serde_json::json!({
            "id": 41, "issue": "A bridge reopens", "date": "2024-05-02T09:30:00-07:00",
            "news": {
                "left": {"newsSource": "Harbour Post", "newsTitle": "Bridge reopens after repairs",
                         "newsLink": "https://example.org/a", "newBody": ["The bridge reopened on Thursday.", "Traffic resumed."]},
                "right": {"newsSource": "City Ledger", "newsTitle": "Drivers return to the bridge",
                          "newsLink": "https://example.org/b", "newBody": []}
            }
        });
        std::fs::write(&file, format!("{issue}\n")).unwrap();
        assert!(is_raw_crawl(&file).unwrap());
        let docs = raw_crawl(&file).unwrap();
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!(docs.len(), 1, "an empty body is no article");
        let (doc, label) = &docs[0];
        assert_eq!(*label, 41);
        assert_eq!(
            doc.text,
            "The bridge reopened on Thursday.\nTraffic resumed."
        );
        assert_eq!(doc.hints.outlet.as_ref().unwrap().value, "Harbour Post");
        assert_eq!(doc.hints.published.as_ref().unwrap().value, "2024-05-02");
        let a = dossier_clean::clean(doc).remove(0);
        assert_eq!(a.published, chrono::NaiveDate::from_ymd_opt(2024, 5, 2));
        assert_eq!(a.outlet.as_deref(), Some("Harbour Post"));
    }
}
