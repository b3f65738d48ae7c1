//! Named-entity recognition scored like `conlleval`: entity-level exact match (same span, same
//! type), micro precision, recall and F1 overall and per type, on CoNLL-format files.

use anyhow::Context;
use dossier_ner::{mentions, Model};
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

const TYPES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    pred: usize,
    gold: usize,
}

impl Counts {
    fn prf(&self) -> (f64, f64, f64) {
        let p = if self.pred > 0 {
            self.tp as f64 / self.pred as f64
        } else {
            0.0
        };
        let r = if self.gold > 0 {
            self.tp as f64 / self.gold as f64
        } else {
            0.0
        };
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }
}

pub struct Report {
    sentences: usize,
    tokens: usize,
    by_type: BTreeMap<&'static str, Counts>,
    all: Counts,
    seconds: f64,
}

impl Report {
    pub fn f1(&self) -> f64 {
        self.all.prf().2
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "sentences {} tokens {}", self.sentences, self.tokens)?;
        writeln!(
            f,
            "tokens per second {:.0}",
            self.tokens as f64 / self.seconds.max(1e-9)
        )?;
        for t in TYPES {
            let c = self.by_type.get(t).copied().unwrap_or_default();
            let (p, r, f1) = c.prf();
            writeln!(
                f,
                "{t} precision {p:.4} recall {r:.4} F1 {f1:.4} (gold {})",
                c.gold
            )?;
        }
        let (p, r, f1) = self.all.prf();
        writeln!(f, "overall precision {p:.4} recall {r:.4}")?;
        writeln!(f, "F1 {f1:.4}")
    }
}

/// Scores `model` (the committed one when `None`) on a CoNLL file, or on every file under a
/// folder.
pub fn run(path: &Path, model: Option<&Path>) -> anyhow::Result<Report> {
    let loaded;
    let model: &Model = match model {
        Some(p) => {
            let bytes = std::fs::read(p).with_context(|| format!("cannot read {}", p.display()))?;
            loaded = Model::from_gz(&bytes).with_context(|| format!("{}", p.display()))?;
            &loaded
        }
        None => dossier_ner::model(),
    };
    let mut report = Report {
        sentences: 0,
        tokens: 0,
        by_type: BTreeMap::new(),
        all: Counts::default(),
        seconds: 0.0,
    };
    let files = files_under(path)?;
    if files.is_empty() {
        anyhow::bail!("{}: no CoNLL files", path.display());
    }
    for file in files {
        let text = std::fs::read_to_string(&file)
            .with_context(|| format!("cannot read {}", file.display()))?;
        let sentences = dossier_ner::conll::read(&text);
        if sentences.is_empty() {
            anyhow::bail!("{}: no tagged sentences", file.display());
        }
        let started = std::time::Instant::now();
        let predicted: Vec<_> = sentences
            .iter()
            .map(|s| {
                let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
                model.tag(&words)
            })
            .collect();
        report.seconds += started.elapsed().as_secs_f64();
        for (s, pred) in sentences.iter().zip(predicted) {
            report.sentences += 1;
            report.tokens += s.words.len();
            let gold = mentions(&s.tags);
            let pred = mentions(&pred);
            for m in &gold {
                report.by_type.entry(m.kind).or_default().gold += 1;
                report.all.gold += 1;
            }
            for m in &pred {
                report.by_type.entry(m.kind).or_default().pred += 1;
                report.all.pred += 1;
                if gold.contains(m) {
                    report.by_type.entry(m.kind).or_default().tp += 1;
                    report.all.tp += 1;
                }
            }
        }
    }
    Ok(report)
}

fn files_under(path: &Path) -> anyhow::Result<Vec<PathBuf>> {
    if path.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut out = Vec::new();
    for e in std::fs::read_dir(path).with_context(|| format!("cannot read {}", path.display()))? {
        let p = e?.path();
        if p.is_file()
            && !p
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        {
            out.push(p);
        }
    }
    out.sort();
    Ok(out)
}
