//! Synthetic news corpora built from real article texts, for benchmarks and fault tests.
//!
//! Articles come in bursts of [`BURST`]: burst `g` retells base text `g % T`, over three days,
//! by outlets from [`OUTLETS`]; the bursts of one base text come [`ROUND_DAYS`] apart, more
//! than twice the clustering window, so each burst is one story and a base text never chains
//! into one giant story however large the corpus (dates go back as far as the size needs).
//! Each article is a variant: its paragraphs after the lead in a
//! shuffled order, one paragraph sometimes dropped, a few words lightly rewritten, and a
//! correspondent line that makes every article's content unique. Deterministic: the same
//! texts, `k` and seed give the same article. A dense story ([`dense_article`]) makes every
//! article a variant of one text, so the whole corpus is one story of near-copies.

use chrono::{Duration, NaiveDate};
use serde_json::{json, Value};

/// Outlet names for the generated articles.
pub const OUTLETS: &[&str] = &[
    "Daily Ledger",
    "Morning Post",
    "Evening Courier",
    "Coastal Times",
    "Metro Herald",
    "Valley Gazette",
    "Northern Star",
    "Capital Review",
    "Harbour News",
    "Plains Tribune",
    "River City Journal",
    "Summit Observer",
    "Lakeside Chronicle",
    "Union Dispatch",
    "Frontier Wire",
    "Bay Reporter",
    "Highland Sentinel",
    "Citizen Daily",
    "Globe Digest",
    "Weekly Bulletin",
];

/// Articles per burst (one story).
pub const BURST: usize = 20;
/// Days between two bursts of the same base text.
pub const ROUND_DAYS: i64 = 130;

/// Light rewrites applied to some words (both directions).
const SWAPS: &[(&str, &str)] = &[
    ("said", "stated"),
    ("says", "states"),
    ("big", "large"),
    ("start", "begin"),
    ("help", "assist"),
    ("show", "indicate"),
    ("buy", "purchase"),
    ("also", "additionally"),
];

const FIRST: &[&str] = &[
    "Ana", "Ben", "Chen", "Dara", "Eli", "Femi", "Gita", "Hugo", "Ines", "Jon",
];
const LAST: &[&str] = &[
    "Moreau", "Okafor", "Silva", "Novak", "Haddad", "Kim", "Larsen", "Patel",
];

/// SplitMix64: a tiny, well-known deterministic generator.
struct Mix(u64);

impl Mix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// A base text: an optional title and paragraphs.
#[derive(Debug, Clone)]
pub struct Base {
    pub title: Option<String>,
    pub paragraphs: Vec<String>,
}

impl Base {
    pub fn new(title: Option<String>, text: &str) -> Base {
        Base {
            title,
            paragraphs: text
                .lines()
                .map(|l| l.trim().to_string())
                .filter(|l| !l.is_empty())
                .collect(),
        }
    }
}

/// Article `k` of the corpus over `bases`, as a JSONL record dossier reads.
pub fn article(bases: &[Base], k: usize, seed: u64) -> Value {
    let burst = k / BURST;
    variant(bases, burst % bases.len(), burst / bases.len(), k, seed)
}

/// Article `k` of a dense story: every article a variant of the first base text (the same
/// variations as [`article`]: paragraphs shuffled, one sometimes dropped, words rewritten, a
/// correspondent line of its own), published over three days by all the outlets. Thousands of
/// near-copies of one report in one story, as a wire story syndicated everywhere or a flood of
/// spam gives; [`article`] never makes more than [`BURST`] articles of one story.
pub fn dense_article(bases: &[Base], k: usize, seed: u64) -> Value {
    variant(bases, 0, 0, k, seed)
}

/// Variant `k` of base text `base` in its `round`-th burst.
fn variant(bases: &[Base], base: usize, round: usize, k: usize, seed: u64) -> Value {
    let b = &bases[base];
    let mut rng = Mix(seed ^ (k as u64).wrapping_mul(0x2545_F491_4F6C_DD1D));
    let mut paras = b.paragraphs.clone();
    if paras.len() > 3 {
        let tail = &mut paras[1..];
        for i in (1..tail.len()).rev() {
            let j = rng.below(i + 1);
            tail.swap(i, j);
        }
        if rng.below(3) == 0 {
            let drop = 1 + rng.below(paras.len() - 1);
            paras.remove(drop);
        }
    }
    let mut text: Vec<String> = paras
        .into_iter()
        .map(|p| {
            p.split(' ')
                .map(|w| {
                    let hit = SWAPS.iter().find_map(|&(a, b)| {
                        (w == a).then_some(b).or_else(|| (w == b).then_some(a))
                    });
                    match hit {
                        Some(s) if rng.below(2) == 0 => s.to_string(),
                        _ => w.to_string(),
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let reporter = format!(
        "{} {}",
        FIRST[rng.below(FIRST.len())],
        LAST[rng.below(LAST.len())]
    );
    text.push(format!(
        "{reporter} reported this story, dispatch number {k}."
    ));
    let end = NaiveDate::from_ymd_opt(2025, 12, 31).expect("a valid date");
    let offset = (base as i64 * 7) % ROUND_DAYS;
    let published = end - Duration::days(round as i64 * ROUND_DAYS + offset + rng.below(3) as i64);
    let outlet = OUTLETS[rng.below(OUTLETS.len())];
    json!({
        "url": format!("https://news{}.example/{k}", rng.below(OUTLETS.len())),
        "outlet": outlet,
        "title": b.title.clone().unwrap_or_else(|| words(&text[0], 10)),
        "published": published.to_string(),
        "byline": reporter,
        "text": text.join("\n"),
    })
}

fn words(s: &str, n: usize) -> String {
    s.split_whitespace().take(n).collect::<Vec<_>>().join(" ")
}

/// Base texts from a folder: every `.txt` file (first line the title when it is short), and
/// every AEB / WCXB ground-truth body (`ground-truth.json` or `*.json` with `articleBody`).
pub fn load_bases(dir: &std::path::Path) -> anyhow::Result<Vec<Base>> {
    let mut out = Vec::new();
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    files.sort();
    for f in files {
        let name = f.to_string_lossy();
        if name.ends_with(".txt") {
            let text = std::fs::read_to_string(&f).unwrap_or_default();
            let mut lines = text.lines().filter(|l| !l.trim().is_empty());
            let first = lines.next().unwrap_or("").trim().to_string();
            let rest: Vec<&str> = lines.collect();
            if first.split_whitespace().count() <= 20 && !rest.is_empty() {
                out.push(Base::new(Some(first), &rest.join("\n")));
            } else {
                out.push(Base::new(None, &text));
            }
        } else if name.ends_with("ground-truth.json") {
            let v: Value = serde_json::from_slice(&std::fs::read(&f)?)?;
            if let Some(m) = v.as_object() {
                for rec in m.values() {
                    if let Some(body) = rec.get("articleBody").and_then(Value::as_str) {
                        out.push(Base::new(None, body));
                    }
                }
            }
        }
    }
    out.retain(|b| b.paragraphs.iter().map(|p| p.len()).sum::<usize>() > 400);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_unique() {
        let bases = vec![Base::new(
            Some("T".into()),
            "Lead paragraph said here.\nSecond.\nThird said.\nFourth.\nFifth.",
        )];
        assert_eq!(article(&bases, 3, 1), article(&bases, 3, 1));
        assert_ne!(article(&bases, 3, 1)["text"], article(&bases, 4, 1)["text"]);
        assert!(article(&bases, 3, 1)["text"]
            .as_str()
            .unwrap()
            .starts_with("Lead paragraph"));
    }
}
