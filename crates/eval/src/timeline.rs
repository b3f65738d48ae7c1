//! Timeline summarisation scored on Timeline17 as in news-tls (Gholipour Ghalandari and Ifrim,
//! ACL 2020): a folder of topics, each with an `articles.json` pool (`uid`, `dct`, PTB-tokenised
//! `text`) and one or more `*.timeline.json` gold timelines (`date`, `text`).
//!
//! For each gold timeline, the pool's articles published from seven days before its first date
//! to seven days after its last go through cleaning and `dossier_analysis::analyze_story` (the
//! path of `dossier analyze`); the story's events give the timeline through
//! `dossier_analysis::timeline::key_dates` (events and the articles' lead sentences), with as
//! many dates as the gold timeline, as many sentences per date as its average (rounded), and
//! dates within its first and last date.
//!
//! Scores, averaged over timelines: Date-F1 (the chosen days against the gold days) and the
//! alignment-based ROUGE-1 and ROUGE-2 F1 of tilse (`align_date_content_costs_many_to_one`,
//! "align+ m:1"): each system day is aligned to the gold day of least cost (date distance times
//! content distance), and its n-gram matches count weighted by 1 / (days apart + 1). Tokens are
//! lower-cased and Porter-stemmed (rouge-score's tokenizer, via `rougers`) with stopwords left
//! out: close to tilse's reimplementation, whose stopword list (ROUGE's SMART list) is longer
//! than the one here. The last line is `Date-F1`.

use anyhow::{bail, Context};
use chrono::NaiveDate;
use dossier_model::{Article, Hints, RawDocument, Sourced};
use rayon::prelude::*;
use rougers::Tokenizer;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

/// Days of articles taken before the first and after the last gold date.
const INPUT_MARGIN: i64 = 7;

pub struct TimelineScore {
    name: String,
    articles: usize,
    gold_dates: usize,
    date: (f64, f64, f64),
    ar1: f64,
    ar2: f64,
}

pub struct Report {
    timelines: Vec<TimelineScore>,
    skipped: Vec<String>,
    seconds: f64,
}

impl Report {
    fn mean(&self, f: impl Fn(&TimelineScore) -> f64) -> f64 {
        if self.timelines.is_empty() {
            return 0.0;
        }
        self.timelines.iter().map(f).sum::<f64>() / self.timelines.len() as f64
    }

    pub fn date_f1(&self) -> f64 {
        self.mean(|t| t.date.2)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for t in &self.timelines {
            writeln!(
                f,
                "{:<55} articles {:>4} dates {:>3}  Date-F1 {:.3}  AR1 {:.3}  AR2 {:.3}",
                t.name, t.articles, t.gold_dates, t.date.2, t.ar1, t.ar2
            )?;
        }
        for s in &self.skipped {
            writeln!(f, "skipped {s}")?;
        }
        writeln!(
            f,
            "{} timelines, {:.1} s",
            self.timelines.len(),
            self.seconds
        )?;
        writeln!(
            f,
            "Date precision {:.4} recall {:.4}",
            self.mean(|t| t.date.0),
            self.mean(|t| t.date.1)
        )?;
        writeln!(f, "AR1 {:.4}", self.mean(|t| t.ar1))?;
        writeln!(f, "AR2 {:.4}", self.mean(|t| t.ar2))?;
        writeln!(f, "Date-F1 {:.4}", self.date_f1())
    }
}

/// One gold or system timeline: days and their sentences.
type Timeline = BTreeMap<NaiveDate, Vec<String>>;

/// Scores every timeline under `path` (a Timeline17-like folder, or one topic folder).
pub fn run(path: &Path) -> anyhow::Result<Report> {
    let started = std::time::Instant::now();
    let mut topics: Vec<PathBuf> = Vec::new();
    if path.join("articles.json").exists() || has_timelines(path) {
        topics.push(path.to_path_buf());
    } else {
        for entry in std::fs::read_dir(path).with_context(|| format!("{}", path.display()))? {
            let p = entry?.path();
            if p.is_dir() {
                topics.push(p);
            }
        }
    }
    topics.sort();
    let words = Tokenizer::new(true);
    let mut report = Report {
        timelines: Vec::new(),
        skipped: Vec::new(),
        seconds: 0.0,
    };
    // (gold timeline file, its topic's pool), scored in parallel
    let mut jobs: Vec<(PathBuf, std::sync::Arc<Vec<Value>>)> = Vec::new();
    for topic in topics {
        let mut golds: Vec<PathBuf> = std::fs::read_dir(&topic)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.to_string_lossy().ends_with(".timeline.json"))
            .collect();
        golds.sort();
        if golds.is_empty() {
            continue;
        }
        let pool = topic.join("articles.json");
        if !pool.exists() {
            for g in golds {
                report
                    .skipped
                    .push(format!("{}: no articles.json beside it", g.display()));
            }
            continue;
        }
        let pool: Vec<Value> = serde_json::from_slice(
            &std::fs::read(&pool).with_context(|| format!("{}", pool.display()))?,
        )
        .with_context(|| format!("{}: not a JSON list of articles", pool.display()))?;
        let pool = std::sync::Arc::new(pool);
        jobs.extend(golds.into_iter().map(|g| (g, pool.clone())));
    }
    report.timelines = jobs
        .par_iter()
        .map(|(g, pool)| score_one(g, pool, &read_gold(g)?, &words))
        .collect::<anyhow::Result<Vec<_>>>()?;
    if report.timelines.is_empty() {
        bail!("{}: no timeline with an article pool", path.display());
    }
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

fn has_timelines(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|mut r| {
        r.any(|e| e.is_ok_and(|e| e.path().to_string_lossy().ends_with(".timeline.json")))
    })
}

fn read_gold(file: &Path) -> anyhow::Result<Timeline> {
    let entries: Vec<Value> = serde_json::from_slice(&std::fs::read(file)?)
        .with_context(|| format!("{}: not a JSON timeline", file.display()))?;
    let mut tl = Timeline::new();
    for e in entries {
        let (Some(date), Some(text)) = (e["date"].as_str(), e["text"].as_str()) else {
            continue;
        };
        let date = NaiveDate::parse_from_str(date, "%Y-%m-%d")
            .with_context(|| format!("{}: bad date {date}", file.display()))?;
        let sentences = dossier_analysis::sentences::sentences(text)
            .into_iter()
            .map(|r| text[r].trim().to_string())
            .filter(|s| !s.is_empty());
        tl.entry(date).or_default().extend(sentences);
    }
    if tl.is_empty() {
        bail!("{}: an empty timeline", file.display());
    }
    Ok(tl)
}

/// PTB tokens back to text: brackets, quotes, and the spaces before punctuation and clitics.
fn detokenize(s: &str) -> String {
    let mut t = s
        .replace("-LRB-", "(")
        .replace("-RRB-", ")")
        .replace("-LSB-", "[")
        .replace("-RSB-", "]")
        .replace("`` ", "\"")
        .replace(" ''", "\"")
        .replace("``", "\"")
        .replace("''", "\"");
    for (from, to) in [
        (" ,", ","),
        (" .", "."),
        (" ;", ";"),
        (" :", ":"),
        (" ?", "?"),
        (" !", "!"),
        (" 's", "'s"),
        (" n't", "n't"),
        ("( ", "("),
        (" )", ")"),
    ] {
        t = t.replace(from, to);
    }
    t
}

fn score_one(
    file: &Path,
    pool: &[Value],
    gold: &Timeline,
    words: &Tokenizer,
) -> anyhow::Result<TimelineScore> {
    let first = *gold.keys().next().expect("not empty");
    let last = *gold.keys().last().expect("not empty");
    let from = first - chrono::Duration::days(INPUT_MARGIN);
    let to = last + chrono::Duration::days(INPUT_MARGIN);
    let mut articles = Vec::new();
    for (k, a) in pool.iter().enumerate() {
        let Some(dct) = a["dct"]
            .as_str()
            .and_then(|d| NaiveDate::parse_from_str(d.get(..10)?, "%Y-%m-%d").ok())
        else {
            continue;
        };
        if dct < from || dct > to {
            continue;
        }
        let text = detokenize(a["text"].as_str().unwrap_or(""));
        let uid = a["uid"]
            .as_str()
            .map_or_else(|| k.to_string(), str::to_string);
        let doc = RawDocument {
            source: format!("{}#{uid}", file.display()),
            text,
            hints: Hints {
                published: Some(Sourced::new(dct.to_string(), "Timeline17 dct")),
                ..Default::default()
            },
        };
        articles.extend(dossier_clean::clean(&doc).into_iter().next());
    }
    let dates = gold.len();
    let sentences: usize = gold.values().map(Vec::len).sum();
    let per_date = ((sentences as f64 / dates as f64).round() as usize).max(1);
    let story = dossier_analysis::analyze_story(&mut articles);
    let members: Vec<&Article> = articles.iter().collect();
    let read: Vec<_> = articles
        .iter()
        .map(dossier_analysis::reading::read)
        .collect();
    let system: Timeline = dossier_analysis::timeline::key_dates(
        &story.events,
        &members,
        &read,
        dates,
        per_date,
        Some((first, last)),
    )
    .into_iter()
    .filter_map(|k| {
        let day = NaiveDate::parse_from_str(&k.date, "%Y-%m-%d").ok()?;
        Some((day, k.events.into_iter().map(|e| e.text).collect()))
    })
    .collect();
    let name = file
        .strip_prefix(
            file.parent()
                .and_then(Path::parent)
                .unwrap_or(Path::new("")),
        )
        .unwrap_or(file)
        .display()
        .to_string();
    Ok(TimelineScore {
        name,
        articles: articles.len(),
        gold_dates: dates,
        date: date_scores(&system, gold),
        ar1: aligned_rouge(&system, gold, words, 1),
        ar2: aligned_rouge(&system, gold, words, 2),
    })
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

fn date_scores(system: &Timeline, gold: &Timeline) -> (f64, f64, f64) {
    let shared = system.keys().filter(|d| gold.contains_key(d)).count() as f64;
    let p = if system.is_empty() {
        0.0
    } else {
        shared / system.len() as f64
    };
    let r = shared / gold.len() as f64;
    (p, r, f1(p, r))
}

/// Stopwords left out of the ROUGE counts (as tilse leaves out ROUGE's common words).
const STOPWORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "but", "by", "can", "could", "did", "do", "for", "from", "had", "has", "have", "he", "her",
    "him", "his", "i", "if", "in", "into", "is", "it", "its", "more", "no", "not", "of", "on",
    "one", "or", "our", "out", "over", "said", "says", "she", "so", "some", "than", "that", "the",
    "their", "them", "then", "there", "these", "they", "this", "to", "up", "us", "was", "we",
    "were", "what", "when", "which", "who", "will", "with", "would", "you",
];

fn grams(sentences: &[String], words: &Tokenizer, n: usize) -> HashMap<Vec<String>, usize> {
    let stop: std::collections::HashSet<String> =
        STOPWORDS.iter().flat_map(|w| words.tokenize(w)).collect();
    let tokens: Vec<String> = sentences
        .iter()
        .flat_map(|s| words.tokenize(s))
        .filter(|t| !stop.contains(t))
        .collect();
    let mut out = HashMap::new();
    for g in tokens.windows(n) {
        *out.entry(g.to_vec()).or_insert(0) += 1;
    }
    out
}

fn matches(a: &HashMap<Vec<String>, usize>, b: &HashMap<Vec<String>, usize>) -> usize {
    a.iter()
        .map(|(g, &c)| c.min(b.get(g).copied().unwrap_or(0)))
        .sum()
}

/// tilse's content distance: 1 - unigram F1 over raw tokens.
fn content_cost(a: &[String], b: &[String]) -> f64 {
    fn count(ss: &[String]) -> HashMap<&str, usize> {
        let mut m: HashMap<&str, usize> = HashMap::new();
        for t in ss.iter().flat_map(|s| s.split_whitespace()) {
            *m.entry(t).or_insert(0) += 1;
        }
        m
    }
    let (ca, cb) = (count(a), count(b));
    let shared: usize = ca
        .iter()
        .map(|(t, &c)| c.min(cb.get(t).copied().unwrap_or(0)))
        .sum();
    let (na, nb) = (ca.values().sum::<usize>(), cb.values().sum::<usize>());
    if na == 0 || nb == 0 {
        return 1.0;
    }
    1.0 - f1(shared as f64 / na as f64, shared as f64 / nb as f64)
}

/// tilse's align+ m:1 ROUGE-`n` F1 (see the module comment).
fn aligned_rouge(system: &Timeline, gold: &Timeline, words: &Tokenizer, n: usize) -> f64 {
    let sys: Vec<(&NaiveDate, &Vec<String>)> = system.iter().collect();
    let refs: Vec<(&NaiveDate, &Vec<String>)> = gold.iter().collect();
    if sys.is_empty() {
        return 0.0;
    }
    let factor = |a: &NaiveDate, b: &NaiveDate| 1.0 / ((*a - *b).num_days().abs() as f64 + 1.0);
    // each of `from` aligned to the `to` entry of least (1 - date factor) * content cost
    let align = |from: &[(&NaiveDate, &Vec<String>)], to: &[(&NaiveDate, &Vec<String>)]| {
        from.iter()
            .map(|(d, s)| {
                (0..to.len())
                    .min_by(|&x, &y| {
                        let cost = |k: usize| (1.0 - factor(d, to[k].0)) * content_cost(s, to[k].1);
                        cost(x).total_cmp(&cost(y))
                    })
                    .expect("not empty")
            })
            .collect::<Vec<usize>>()
    };
    let sys_grams: Vec<_> = sys.iter().map(|(_, s)| grams(s, words, n)).collect();
    let ref_grams: Vec<_> = refs.iter().map(|(_, s)| grams(s, words, n)).collect();
    let total = |g: &HashMap<Vec<String>, usize>| g.values().sum::<usize>() as f64;
    let (mut p_num, mut p_den, mut r_num, mut r_den) = (0.0, 0.0, 0.0, 0.0);
    for (i, j) in align(&sys, &refs).into_iter().enumerate() {
        p_num += factor(sys[i].0, refs[j].0) * matches(&sys_grams[i], &ref_grams[j]) as f64;
        p_den += total(&sys_grams[i]);
    }
    for (j, i) in align(&refs, &sys).into_iter().enumerate() {
        r_num += factor(sys[i].0, refs[j].0) * matches(&sys_grams[i], &ref_grams[j]) as f64;
        r_den += total(&ref_grams[j]);
    }
    let p = if p_den > 0.0 { p_num / p_den } else { 0.0 };
    let r = if r_den > 0.0 { r_num / r_den } else { 0.0 };
    f1(p, r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tl(entries: &[(&str, &str)]) -> Timeline {
        let mut t = Timeline::new();
        for (d, s) in entries {
            t.entry(NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap())
                .or_default()
                .push(s.to_string());
        }
        t
    }

    #[test]
    fn a_perfect_timeline_scores_one_and_a_day_off_scores_half() {
        let words = Tokenizer::new(true);
        let gold = tl(&[
            ("2010-04-20", "The Deepwater Horizon rig exploded"),
            ("2010-07-15", "BP capped the leaking well"),
        ]);
        assert_eq!(date_scores(&gold, &gold).2, 1.0);
        assert!((aligned_rouge(&gold, &gold, &words, 1) - 1.0).abs() < 1e-9);
        let late = tl(&[
            ("2010-04-21", "The Deepwater Horizon rig exploded"),
            ("2010-07-16", "BP capped the leaking well"),
        ]);
        assert_eq!(date_scores(&late, &gold).2, 0.0);
        assert!((aligned_rouge(&late, &gold, &words, 1) - 0.5).abs() < 1e-9);
    }

    #[test]
    fn ptb_text_is_detokenized() {
        assert_eq!(
            detokenize("BP -LRB- the company -RRB- said `` no '' , it 's done ."),
            "BP (the company) said \"no\", it's done."
        );
    }
}
