//! Quotes and reported speech scored on a PolNeAR split (`text/*.txt`, brat `attributions/`):
//! content-span F1 by token overlap, and speaker accuracy on matched attributions.
//!
//! Content: a word token of the text counts for precision if a predicted content covers it and
//! a gold content too; for recall, the other way round (micro over all documents). Speaker: a
//! predicted attribution is matched to the gold attribution whose content it overlaps most;
//! where that gold attribution names a source, the speaker is right when the predicted source
//! overlaps the gold source span or ends with the same head word. Articles annotated twice are
//! scored against their first annotation file.

use anyhow::Context;
use dossier_analysis::quotes::document_attributions;
use once_cell::sync::Lazy;
use regex::Regex;
use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::path::Path;

#[derive(Default)]
pub struct Report {
    docs: usize,
    gold: usize,
    predicted: usize,
    tp_pred_tokens: usize,
    pred_tokens: usize,
    tp_gold_tokens: usize,
    gold_tokens: usize,
    matched_with_source: usize,
    speaker_right: usize,
}

impl Report {
    pub fn content_f1(&self) -> f64 {
        let p = self.tp_pred_tokens as f64 / self.pred_tokens.max(1) as f64;
        let r = self.tp_gold_tokens as f64 / self.gold_tokens.max(1) as f64;
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }

    pub fn speaker_accuracy(&self) -> f64 {
        self.speaker_right as f64 / self.matched_with_source.max(1) as f64
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "documents {}", self.docs)?;
        writeln!(
            f,
            "gold attributions {} predicted {}",
            self.gold, self.predicted
        )?;
        writeln!(
            f,
            "content precision {:.4} recall {:.4}",
            self.tp_pred_tokens as f64 / self.pred_tokens.max(1) as f64,
            self.tp_gold_tokens as f64 / self.gold_tokens.max(1) as f64
        )?;
        writeln!(f, "speakers judged {}", self.matched_with_source)?;
        writeln!(f, "content F1 {:.4}", self.content_f1())?;
        writeln!(f, "speaker accuracy {:.4}", self.speaker_accuracy())
    }
}

/// One gold attribution: its content and source spans, in characters.
pub struct GoldAttribution {
    pub content: Vec<Range<usize>>,
    pub source: Vec<Range<usize>>,
    pub cue: Vec<Range<usize>>,
}

/// Reads a brat `.ann` file into attributions. Offsets are in characters.
pub fn read_ann(text: &str) -> Vec<GoldAttribution> {
    let mut spans: HashMap<&str, (&str, Vec<Range<usize>>)> = HashMap::new();
    let mut events = Vec::new();
    for line in text.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 2 {
            continue;
        }
        if f[0].starts_with('T') {
            let (kind, ranges) = f[1].split_once(' ').unwrap_or((f[1], ""));
            let ranges = ranges
                .split(';')
                .filter_map(|r| {
                    let (a, b) = r.trim().split_once(' ')?;
                    Some(a.parse().ok()?..b.parse().ok()?)
                })
                .collect();
            spans.insert(f[0], (kind, ranges));
        } else if f[0].starts_with('E') {
            events.push(f[1]);
        }
    }
    events
        .iter()
        .filter_map(|e| {
            let mut g = GoldAttribution {
                content: Vec::new(),
                source: Vec::new(),
                cue: Vec::new(),
            };
            for arg in e.split_whitespace() {
                let (role, id) = arg.split_once(':')?;
                let ranges = spans.get(id).map(|s| s.1.clone()).unwrap_or_default();
                match role {
                    "Content" => g.content.extend(ranges),
                    "Source" => g.source.extend(ranges),
                    "Cue" => g.cue.extend(ranges),
                    _ => {}
                }
            }
            (!g.content.is_empty()).then_some(g)
        })
        .collect()
}

static WORD: Lazy<Regex> = Lazy::new(|| Regex::new(r"\w+").unwrap());

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

fn head_word(s: &str) -> String {
    let s = s.trim().trim_end_matches("'s").trim_end_matches("’s");
    WORD.find_iter(s)
        .last()
        .map(|m| m.as_str().to_lowercase())
        .unwrap_or_default()
}

/// One annotated article of a PolNeAR split.
pub struct Document {
    pub name: String,
    pub text: String,
    pub gold: Vec<GoldAttribution>,
}

/// The articles of the split at `dir` (`text/*.txt` with `attributions/<name>_*.ann`), in name
/// order; an article annotated twice is read with its first annotation file.
pub fn documents(dir: &Path) -> anyhow::Result<Vec<Document>> {
    let list = |sub: &str, ext: &str| -> anyhow::Result<Vec<String>> {
        let d = dir.join(sub);
        let mut names: Vec<String> = std::fs::read_dir(&d)
            .with_context(|| format!("cannot read {}", d.display()))?
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.ends_with(ext))
            .collect();
        names.sort();
        Ok(names)
    };
    let anns = list("attributions", ".ann")?;
    let mut out = Vec::new();
    for t in list("text", ".txt")? {
        let stem = t.trim_end_matches(".txt");
        let Some(ann) = anns.iter().find(|a| {
            a.strip_prefix(stem)
                .is_some_and(|rest| rest.starts_with('_') || rest == ".ann")
        }) else {
            continue;
        };
        out.push(Document {
            text: std::fs::read_to_string(dir.join("text").join(&t))?,
            gold: read_ann(&std::fs::read_to_string(
                dir.join("attributions").join(ann),
            )?),
            name: t,
        });
    }
    Ok(out)
}

/// For each byte offset of `text` (and its end), the character offset: brat counts characters.
fn char_offsets(text: &str) -> Vec<usize> {
    let mut v = vec![0; text.len() + 1];
    for (ci, (bi, _)) in text.char_indices().enumerate() {
        v[bi] = ci;
    }
    v[text.len()] = text.chars().count();
    v
}

/// dossier's attributions in a document, as character spans of content and source (the form
/// of the gold), paragraphs being the lines of the text.
pub fn predict(text: &str) -> Vec<(Range<usize>, Option<Range<usize>>)> {
    let char_of = char_offsets(text);
    let paragraphs: Vec<&str> = text.split('\n').collect();
    let mut offsets = Vec::with_capacity(paragraphs.len());
    let mut at = 0;
    for p in &paragraphs {
        offsets.push(at);
        at += p.len() + 1;
    }
    document_attributions(&paragraphs)
        .into_iter()
        .map(|a| {
            let o = offsets[a.paragraph];
            let c = char_of[o + a.content.start]..char_of[o + a.content.end];
            let s = a
                .source
                .map(|(sp, s)| char_of[offsets[sp] + s.start]..char_of[offsets[sp] + s.end]);
            (c, s)
        })
        .collect()
}

/// Scores the split at `dir` (`text/` and `attributions/`).
pub fn run(dir: &Path) -> anyhow::Result<Report> {
    let mut r = Report::default();
    for doc in documents(dir)? {
        let (text, gold) = (&doc.text, &doc.gold);
        let char_of = char_offsets(text);
        let predicted = predict(text);
        r.docs += 1;
        r.gold += gold.len();
        r.predicted += predicted.len();
        for m in WORD.find_iter(text) {
            let tok = char_of[m.start()]..char_of[m.end()];
            let in_gold = gold
                .iter()
                .any(|g| g.content.iter().any(|c| overlaps(c, &tok)));
            let in_pred = predicted.iter().any(|(c, _)| overlaps(c, &tok));
            r.gold_tokens += in_gold as usize;
            r.pred_tokens += in_pred as usize;
            r.tp_gold_tokens += (in_gold && in_pred) as usize;
            r.tp_pred_tokens += (in_gold && in_pred) as usize;
        }
        let chars: Vec<char> = text.chars().collect();
        let slice = |r: &Range<usize>| {
            chars[r.start.min(chars.len())..r.end.min(chars.len())]
                .iter()
                .collect::<String>()
        };
        for (c, s) in &predicted {
            let overlap = |g: &GoldAttribution| -> usize {
                g.content
                    .iter()
                    .map(|gc| gc.end.min(c.end).saturating_sub(gc.start.max(c.start)))
                    .sum()
            };
            let Some(best) = gold
                .iter()
                .filter(|g| overlap(g) > 0)
                .max_by_key(|g| overlap(g))
            else {
                continue;
            };
            if best.source.is_empty() {
                continue;
            }
            r.matched_with_source += 1;
            let right = s.as_ref().is_some_and(|s| {
                best.source.iter().any(|gs| overlaps(gs, s))
                    || best
                        .source
                        .iter()
                        .any(|gs| head_word(&slice(gs)) == head_word(&slice(s)))
            });
            r.speaker_right += right as usize;
        }
    }
    if r.docs == 0 {
        anyhow::bail!("{}: no texts with attribution files", dir.display());
    }
    Ok(r)
}
