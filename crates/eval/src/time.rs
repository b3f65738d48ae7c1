//! Time expressions scored on TimeML (TempEval-3) files: every `.tml` file under a path. Gold
//! TIMEX3 spans and values come from the document's `<TEXT>`; dossier reads the same plain text
//! with the document's creation time (`<DCT>`) as the publication date.
//!
//! Reported as TempEval-3 task A reports them: strict (same span) and relaxed (overlapping
//! span) precision, recall and F1 of extraction; type and value accuracy on the relaxed matches;
//! value F1 (relaxed F1 times value accuracy). The last line is `value accuracy`.

use anyhow::{bail, Context};
use chrono::NaiveDate;
use dossier_time::find_times;
use std::fmt;
use std::path::{Path, PathBuf};

struct Gold {
    start: usize,
    end: usize,
    kind: String,
    value: String,
}

/// One TimeML document: its plain text, creation date and gold expressions.
struct Document {
    text: String,
    created: Option<NaiveDate>,
    gold: Vec<Gold>,
}

fn read_tml(path: &Path) -> anyhow::Result<Document> {
    let raw = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read", path.display()))?;
    let xml = roxmltree::Document::parse(&raw)
        .with_context(|| format!("{}: not well-formed TimeML", path.display()))?;
    let created = xml
        .descendants()
        .find(|n| {
            n.has_tag_name("TIMEX3") && n.attribute("functionInDocument") == Some("CREATION_TIME")
        })
        .and_then(|n| n.attribute("value"))
        .and_then(|v| NaiveDate::parse_from_str(v.get(..10)?, "%Y-%m-%d").ok());
    let Some(body) = xml.descendants().find(|n| n.has_tag_name("TEXT")) else {
        bail!("{}: no <TEXT> element", path.display());
    };
    let mut doc = Document {
        text: String::new(),
        created,
        gold: Vec::new(),
    };
    collect(body, &mut doc);
    Ok(doc)
}

fn collect(node: roxmltree::Node, doc: &mut Document) {
    for child in node.children() {
        if child.is_text() {
            doc.text.push_str(child.text().unwrap_or(""));
        } else if child.is_element() {
            let start = doc.text.len();
            collect(child, doc);
            if child.has_tag_name("TIMEX3") {
                doc.gold.push(Gold {
                    start,
                    end: doc.text.len(),
                    kind: child.attribute("type").unwrap_or("").to_string(),
                    value: child.attribute("value").unwrap_or("").to_string(),
                });
            }
        }
    }
}

#[derive(Default)]
pub struct Report {
    documents: usize,
    gold: usize,
    predicted: usize,
    strict: usize,
    relaxed: usize,
    type_correct: usize,
    value_correct: usize,
    /// Relaxed matches with a wrong value (text, gold, predicted), kept when asked for.
    pub mistakes: Vec<String>,
    seconds: f64,
}

impl Report {
    pub fn value_accuracy(&self) -> f64 {
        self.value_correct as f64 / self.relaxed.max(1) as f64
    }
}

fn prf(tp: usize, pred: usize, gold: usize) -> (f64, f64, f64) {
    let p = tp as f64 / pred.max(1) as f64;
    let r = tp as f64 / gold.max(1) as f64;
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "documents {} gold {} predicted {} ({:.0} documents per second)",
            self.documents,
            self.gold,
            self.predicted,
            self.documents as f64 / self.seconds.max(1e-9)
        )?;
        let (p, r, f1) = prf(self.strict, self.predicted, self.gold);
        writeln!(f, "strict precision {p:.4} recall {r:.4} F1 {f1:.4}")?;
        let (p, r, rf1) = prf(self.relaxed, self.predicted, self.gold);
        writeln!(f, "relaxed precision {p:.4} recall {r:.4} F1 {rf1:.4}")?;
        let type_accuracy = self.type_correct as f64 / self.relaxed.max(1) as f64;
        writeln!(f, "type accuracy {type_accuracy:.4}")?;
        writeln!(f, "value F1 {:.4}", rf1 * self.value_accuracy())?;
        writeln!(f, "value accuracy {:.4}", self.value_accuracy())
    }
}

/// Scores every `.tml` file under `path` (or `path` itself).
pub fn run(path: &Path, keep_mistakes: bool) -> anyhow::Result<Report> {
    let mut files: Vec<PathBuf> = if path.is_dir() {
        walkdir::WalkDir::new(path)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "tml"))
            .map(|e| e.into_path())
            .collect()
    } else {
        vec![path.to_path_buf()]
    };
    files.sort();
    if files.is_empty() {
        bail!("{}: no .tml files", path.display());
    }
    let mut report = Report::default();
    let started = std::time::Instant::now();
    for file in &files {
        let doc = match read_tml(file) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("{e:#}");
                continue;
            }
        };
        report.documents += 1;
        let predicted = find_times(&doc.text, doc.created);
        report.gold += doc.gold.len();
        report.predicted += predicted.len();
        let mut used = vec![false; predicted.len()];
        for g in &doc.gold {
            let hit = predicted
                .iter()
                .enumerate()
                .find(|(k, p)| !used[*k] && p.start < g.end && g.start < p.end);
            let Some((k, p)) = hit else { continue };
            used[k] = true;
            report.relaxed += 1;
            if p.start == g.start && p.end == g.end {
                report.strict += 1;
            }
            if p.kind.as_str() == g.kind {
                report.type_correct += 1;
            }
            if p.value == g.value {
                report.value_correct += 1;
            } else if keep_mistakes {
                report.mistakes.push(format!(
                    "{}\t{:?}\tgold {}\tpredicted {} ({:?})\tDCT {:?}",
                    file.file_name().and_then(|n| n.to_str()).unwrap_or(""),
                    &doc.text[g.start..g.end],
                    g.value,
                    p.value,
                    &doc.text[p.start..p.end],
                    doc.created
                ));
            }
        }
    }
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}
