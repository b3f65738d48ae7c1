//! Main-content extraction scored as each benchmark's own `evaluate.py` scores it.
//!
//! - AEB layout (`ground-truth.json`, `html/<id>.html.gz`): per page, 4-token shingle TP/FP/FN
//!   normalised to sum 1; precision and recall averaged over pages; F1 from the averages.
//! - WCXB layout (`[split/]ground-truth/<id>.json`, `[split/]html/<id>.html.gz`): per page,
//!   bag-of-words precision, recall and F1 over lower-cased `\w+` tokens, each averaged over
//!   pages; also the share of the gold's `with` snippets found and of its `without` snippets
//!   (furniture) left in.
//!
//! Each page goes through the same path as an `.html` file given to `dossier analyze` (decode,
//! extract, clean); the body scored is the first article's text.

use anyhow::{bail, Context};
use once_cell::sync::Lazy;
use regex::Regex;
use std::collections::HashMap;
use std::fmt;
use std::io::Read;
use std::path::Path;
use std::time::{Duration, Instant};

/// The scores of one run.
#[derive(Debug, Clone)]
pub struct Report {
    pub pages: usize,
    pub failed: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub accuracy: f64,
    /// Time spent extracting and cleaning, on one thread.
    pub elapsed: Duration,
    /// WCXB only: mean share of the gold's must-have snippets found, and of its furniture
    /// snippets left in (lower is better).
    pub snippets: Option<(f64, f64)>,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secs = self.elapsed.as_secs_f64();
        writeln!(f, "pages {}", self.pages)?;
        writeln!(f, "failed {}", self.failed)?;
        writeln!(f, "precision {:.4}", self.precision)?;
        writeln!(f, "recall {:.4}", self.recall)?;
        writeln!(f, "accuracy {:.4}", self.accuracy)?;
        if let Some((with, without)) = self.snippets {
            writeln!(f, "with snippets found {with:.4}")?;
            writeln!(f, "without snippets left {without:.4}")?;
        }
        writeln!(
            f,
            "ms per page {:.2}",
            secs * 1000.0 / self.pages.max(1) as f64
        )?;
        writeln!(
            f,
            "pages per second per core {:.1}",
            self.pages as f64 / secs.max(1e-9)
        )?;
        writeln!(f, "F1 {:.4}", self.f1)
    }
}

/// Runs the benchmark in `dir`: AEB's layout (`ground-truth.json` and `html/<id>.html.gz` or
/// `.html`) or WCXB's (`ground-truth/<id>.json` beside `html/`, in `dir` or one split folder
/// under it). With `predictions`, also writes the bodies in the form the benchmark's own
/// `evaluate.py` reads: `{id: {"articleBody": text}}` (AEB) or `{id: text}` (WCXB).
pub fn run(dir: &Path, predictions: Option<&Path>) -> anyhow::Result<Report> {
    if let Some(split) = wcxb_split(dir) {
        return run_wcxb(&split, predictions);
    }
    let gt_path = dir.join("ground-truth.json");
    let gt: HashMap<String, serde_json::Value> = serde_json::from_slice(
        &std::fs::read(&gt_path).with_context(|| format!("cannot read {}", gt_path.display()))?,
    )
    .with_context(|| format!("{}: not a ground-truth JSON object", gt_path.display()))?;
    if gt.is_empty() {
        bail!("{}: no pages", gt_path.display());
    }
    let mut ids: Vec<&String> = gt.keys().collect();
    ids.sort();
    let mut scores = Vec::with_capacity(ids.len());
    let mut exact = 0usize;
    let mut timed = Timed::default();
    let mut out = serde_json::Map::new();
    for id in ids {
        let truth = gt[id]["articleBody"].as_str().unwrap_or("");
        let bytes = load_page(dir, id)?;
        let predicted = timed.body(id, &bytes);
        if tokens(truth) == tokens(&predicted) {
            exact += 1;
        }
        scores.push(shingle_match(truth, &predicted));
        out.insert(id.clone(), serde_json::json!({ "articleBody": predicted }));
    }
    write_predictions(predictions, out)?;
    let (precision, recall, f1) = aggregate(&scores);
    Ok(Report {
        pages: scores.len(),
        failed: timed.failed,
        precision,
        recall,
        f1,
        accuracy: exact as f64 / scores.len() as f64,
        elapsed: timed.elapsed,
        snippets: None,
    })
}

/// The folder holding WCXB's `ground-truth/` and `html/`: `dir` itself or one folder under it.
fn wcxb_split(dir: &Path) -> Option<std::path::PathBuf> {
    let is_split = |d: &Path| d.join("ground-truth").is_dir() && d.join("html").is_dir();
    if is_split(dir) {
        return Some(dir.to_path_buf());
    }
    let mut splits: Vec<_> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|d| is_split(d))
        .collect();
    splits.sort();
    (splits.len() == 1).then(|| splits.remove(0))
}

fn run_wcxb(split: &Path, predictions: Option<&Path>) -> anyhow::Result<Report> {
    let gt_dir = split.join("ground-truth");
    let mut files: Vec<_> = std::fs::read_dir(&gt_dir)
        .with_context(|| format!("cannot read {}", gt_dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    if files.is_empty() {
        bail!("{}: no ground-truth files", gt_dir.display());
    }
    let (mut sums, mut with, mut without) = ([0.0f64; 3], 0.0, 0.0);
    let mut exact = 0usize;
    let mut timed = Timed::default();
    let mut out = serde_json::Map::new();
    for file in &files {
        let gt: serde_json::Value = serde_json::from_slice(&std::fs::read(file)?)
            .with_context(|| format!("{}: not JSON", file.display()))?;
        let id = file.file_stem().unwrap_or_default().to_string_lossy();
        let truth = &gt["ground_truth"];
        let reference = truth["main_content"].as_str().unwrap_or("");
        let bytes = load_page(split, &id)?;
        let source = gt["url"].as_str().unwrap_or(&id).to_string();
        let predicted = timed.body(&source, &bytes);
        let (p, r, f) = word_match(reference, &predicted);
        sums[0] += p;
        sums[1] += r;
        sums[2] += f;
        if lower_tokens(reference) == lower_tokens(&predicted) {
            exact += 1;
        }
        with += snippet_share(&predicted, &truth["with"]);
        without += snippet_share(&predicted, &truth["without"]);
        out.insert(id.into_owned(), serde_json::Value::String(predicted));
    }
    write_predictions(predictions, out)?;
    let n = files.len() as f64;
    Ok(Report {
        pages: files.len(),
        failed: timed.failed,
        precision: sums[0] / n,
        recall: sums[1] / n,
        f1: sums[2] / n,
        accuracy: exact as f64 / n,
        elapsed: timed.elapsed,
        snippets: Some((with / n, without / n)),
    })
}

fn lower_tokens(s: &str) -> Vec<String> {
    WORD.find_iter(&s.to_lowercase())
        .map(|m| m.as_str().to_string())
        .collect()
}

/// Bag-of-words precision, recall and F1 of one page (WCXB's `word_f1`).
pub fn word_match(truth: &str, pred: &str) -> (f64, f64, f64) {
    let (t, p) = (lower_tokens(truth), lower_tokens(pred));
    if t.is_empty() {
        return if p.is_empty() {
            (1.0, 1.0, 1.0)
        } else {
            (0.0, 0.0, 0.0)
        };
    }
    if p.is_empty() {
        return (0.0, 0.0, 0.0);
    }
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    for w in &t {
        counts.entry(w).or_default().0 += 1;
    }
    for w in &p {
        counts.entry(w).or_default().1 += 1;
    }
    let overlap: usize = counts.values().map(|&(a, b)| a.min(b)).sum();
    let (precision, recall) = (
        overlap as f64 / p.len() as f64,
        overlap as f64 / t.len() as f64,
    );
    let f1 = if overlap > 0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    (precision, recall, f1)
}

/// The share of `snippets` (a JSON array of strings) found in `text`, case-insensitively;
/// 1 when there are none (as WCXB's `snippet_check`).
fn snippet_share(text: &str, snippets: &serde_json::Value) -> f64 {
    let list: Vec<&str> = snippets
        .as_array()
        .map(|a| a.iter().filter_map(|s| s.as_str()).collect())
        .unwrap_or_default();
    if list.is_empty() {
        return 1.0;
    }
    let text = text.to_lowercase();
    list.iter()
        .filter(|s| text.contains(&s.to_lowercase()))
        .count() as f64
        / list.len() as f64
}

fn load_page(dir: &Path, id: &str) -> anyhow::Result<Vec<u8>> {
    let gz = dir.join("html").join(format!("{id}.html.gz"));
    if gz.exists() {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(std::fs::File::open(&gz)?)
            .read_to_end(&mut out)
            .with_context(|| format!("{}: broken gzip", gz.display()))?;
        return Ok(out);
    }
    let plain = dir.join("html").join(format!("{id}.html"));
    std::fs::read(&plain).with_context(|| format!("cannot read {}", plain.display()))
}

/// Extraction time and failures over a run.
#[derive(Default)]
struct Timed {
    elapsed: Duration,
    failed: usize,
}

impl Timed {
    /// [`extract_body`], timed; a page without a body counts as failed and scores as "".
    fn body(&mut self, source: &str, html: &[u8]) -> String {
        let started = Instant::now();
        let body = extract_body(source, html);
        self.elapsed += started.elapsed();
        body.unwrap_or_else(|| {
            self.failed += 1;
            String::new()
        })
    }
}

/// Writes the bodies where `--predictions` asked, for the benchmark's own scorer.
fn write_predictions(
    path: Option<&Path>,
    bodies: serde_json::Map<String, serde_json::Value>,
) -> anyhow::Result<()> {
    if let Some(path) = path {
        std::fs::write(path, serde_json::Value::Object(bodies).to_string())
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}

/// The cleaned body of the page's first article, as `analyze` produces it.
pub fn extract_body(source: &str, html: &[u8]) -> Option<String> {
    let doc = dossier_ingest::read_html(source, html).ok()?;
    dossier_clean::clean(&doc)
        .into_iter()
        .next()
        .map(|a| a.text)
}

static WORD: Lazy<Regex> = Lazy::new(|| Regex::new(r"\w+").unwrap());

fn tokens(s: &str) -> Vec<&str> {
    WORD.find_iter(s).map(|m| m.as_str()).collect()
}

fn shingles(s: &str) -> HashMap<Vec<&str>, usize> {
    let t = tokens(s);
    let mut m = HashMap::new();
    let n = 4;
    for i in 0..t.len().saturating_sub(n - 1).max(1) {
        let sh: Vec<&str> = t[i..(i + n).min(t.len())].to_vec();
        if !sh.is_empty() {
            *m.entry(sh).or_insert(0) += 1;
        }
    }
    m
}

/// TP, FP, FN of one page, normalised to sum to 1 (as `evaluate.py`).
pub fn shingle_match(truth: &str, pred: &str) -> (f64, f64, f64) {
    let (t, p) = (shingles(truth), shingles(pred));
    let (mut tp, mut fp, mut fn_) = (0.0, 0.0, 0.0);
    for key in t.keys().chain(p.keys().filter(|k| !t.contains_key(*k))) {
        let (tc, pc) = (
            *t.get(key).unwrap_or(&0) as f64,
            *p.get(key).unwrap_or(&0) as f64,
        );
        tp += tc.min(pc);
        fp += (pc - tc).max(0.0);
        fn_ += (tc - pc).max(0.0);
    }
    let s = tp + fp + fn_;
    if s > 0.0 {
        (tp / s, fp / s, fn_ / s)
    } else {
        (0.0, 0.0, 0.0)
    }
}

/// Mean precision and recall over pages (pages without predictions or truth skipped as in
/// `evaluate.py`) and F1 from the means.
pub fn aggregate(scores: &[(f64, f64, f64)]) -> (f64, f64, f64) {
    let precision = |&(tp, fp, fn_): &(f64, f64, f64)| -> f64 {
        if fp == 0.0 && fn_ == 0.0 {
            1.0
        } else if tp == 0.0 && fp == 0.0 {
            0.0
        } else {
            tp / (tp + fp)
        }
    };
    let recall = |&(tp, fp, fn_): &(f64, f64, f64)| -> f64 {
        if fp == 0.0 && fn_ == 0.0 {
            1.0
        } else if tp == 0.0 && fn_ == 0.0 {
            0.0
        } else {
            tp / (tp + fn_)
        }
    };
    let ps: Vec<f64> = scores
        .iter()
        .filter(|s| s.0 + s.1 > 0.0)
        .map(precision)
        .collect();
    let rs: Vec<f64> = scores
        .iter()
        .filter(|s| s.0 + s.2 > 0.0)
        .map(recall)
        .collect();
    let mean = |v: &[f64]| {
        if v.is_empty() {
            0.0
        } else {
            v.iter().sum::<f64>() / v.len() as f64
        }
    };
    let (p, r) = (mean(&ps), mean(&rs));
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shingles_match_evaluate_py() {
        // Hand-computed: truth has shingles {abcd, bcde}, prediction {abcd, bcdx}.
        let (tp, fp, fn_) = shingle_match("a b c d e", "a b c d x");
        assert!(
            (tp - 1.0 / 3.0).abs() < 1e-9
                && (fp - 1.0 / 3.0).abs() < 1e-9
                && (fn_ - 1.0 / 3.0).abs() < 1e-9
        );
        // Fewer tokens than a shingle: one shingle of all tokens.
        assert_eq!(shingle_match("a b", "a b"), (1.0, 0.0, 0.0));
        let (p, r, f1) = aggregate(&[(1.0, 0.0, 0.0), (0.5, 0.5, 0.0)]);
        assert!((p - 0.75).abs() < 1e-9 && (r - 1.0).abs() < 1e-9);
        assert!((f1 - 2.0 * 0.75 / 1.75).abs() < 1e-9);
    }

    #[test]
    fn words_match_wcxb_evaluate_py() {
        // Truth a,a,b,c; prediction A,b,d: overlap 2 (one a, one b), case folded.
        let (p, r, f1) = word_match("a a b c", "A b, d");
        assert!((p - 2.0 / 3.0).abs() < 1e-9 && (r - 0.5).abs() < 1e-9);
        assert!((f1 - 2.0 * (2.0 / 3.0) * 0.5 / (2.0 / 3.0 + 0.5)).abs() < 1e-9);
        assert_eq!(word_match("", ""), (1.0, 1.0, 1.0));
        assert_eq!(word_match("a", ""), (0.0, 0.0, 0.0));
        let snippets = serde_json::json!(["Home", "Sign up"]);
        assert_eq!(snippet_share("go home now", &snippets), 0.5);
        assert_eq!(snippet_share("x", &serde_json::json!([])), 1.0);
    }
}
