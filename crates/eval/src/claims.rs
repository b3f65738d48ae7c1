//! The claims of a dossier scored on judged real news: a folder holding `articles.jsonl`
//! (dossier's JSONL input, each article with the `issue`, the event, it belongs to) and
//! `gold.json` (one record per event: what careful readers found true in its articles, without
//! seeing any program's output: real conflicts between outlets, copies and rewrites, every
//! quote with its speaker, every person, every dated happening).
//!
//! The dossier `dossier analyze` makes of the articles is scored as the set's reference scorer
//! (`score.py`) scores that dossier's JSON, to the same printed figures: its text normalisation
//! (NFKC, soft hyphens and zero-width spaces dropped, curly quotes folded, whitespace runs
//! made one space, lower case), its words (Python's `[\w']+` over Unicode), its name keys
//! (honorifics, possessives and one-letter tokens left out), its sentence split for
//! citations, and the order it matches things in: stories in order, and the events of a story
//! in the order CPython iterates a set of their integer ids (which event's person an entity
//! matches first decides whether a later entity is a duplicate).
//!
//! Lines: `conflicts`, `copies`, `quotes`, `people` (made, precision, recall), `speakers`,
//! `events` (judged, accuracy), `citations` (made, precision) and last `precision`, the lowest
//! of the conflict, copy, quote and people precisions and the speaker and event accuracies.
//! See `docs/EVALUATION.md`.

use anyhow::{bail, Context};
use dossier_model::{Article, Dossier};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::Path;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The claim types, in the order their lines are printed and their mistakes listed.
pub const TYPES: [&str; 7] = [
    "conflicts",
    "copies",
    "quotes",
    "people",
    "speakers",
    "events",
    "citations",
];

const HONORIFICS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sen",
    "senator",
    "rep",
    "representative",
    "gov",
    "governor",
    "president",
    "vice",
    "former",
    "then",
    "sir",
    "dame",
    "lord",
    "gen",
    "general",
    "col",
    "lt",
    "sgt",
    "judge",
    "justice",
    "secretary",
    "speaker",
    "leader",
    "prime",
    "minister",
    "chancellor",
    "mayor",
    "attorney",
    "prof",
    "professor",
    "rev",
    "pope",
    "king",
    "queen",
    "prince",
    "princess",
    "chief",
    "director",
    "u.s.",
    "us",
];

const STOP: &[&str] = &[
    "the", "a", "an", "of", "to", "in", "on", "and", "or", "for", "at", "by", "with", "that",
    "this", "is", "was", "are", "were", "be", "it", "its", "as", "from", "he", "she", "they",
    "his", "her", "their", "has", "have", "had", "said", "says", "will", "would", "not",
];

/// One claim type's line: how many claims were made (or judged), the share right, and for
/// the first four the share of the gold found (`None` where the gold has none).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Line {
    pub made: usize,
    pub precision: f64,
    pub recall: Option<f64>,
}

pub struct Report {
    pub conflicts: Line,
    pub copies: Line,
    pub quotes: Line,
    pub people: Line,
    pub speakers: Line,
    pub events: Line,
    pub citations: Line,
    /// The false claims of each type, in [`TYPES`] order.
    pub mistakes: Vec<(&'static str, Vec<String>)>,
}

impl Report {
    /// The lowest of the conflict, copy, quote and people precisions and the speaker and
    /// event accuracies (citations are reported beside it, not in it).
    pub fn precision(&self) -> f64 {
        [
            self.conflicts,
            self.copies,
            self.quotes,
            self.speakers,
            self.people,
            self.events,
        ]
        .iter()
        .map(|l| l.precision)
        .fold(f64::INFINITY, f64::min)
    }

    /// The false claims, grouped by type with a count, one claim a line.
    pub fn mistakes_text(&self) -> String {
        let mut out = String::new();
        for (kind, list) in &self.mistakes {
            out.push_str(&format!("{kind}: {} false\n", list.len()));
            for m in list {
                out.push_str(&format!("  - {m}\n"));
            }
        }
        out
    }
}

/// `x` with three decimals, or `n/a`.
fn three(x: Option<f64>) -> String {
    x.map_or_else(|| "n/a".to_string(), |x| format!("{x:.3}"))
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (name, l) in [
            ("conflicts", self.conflicts),
            ("copies", self.copies),
            ("quotes", self.quotes),
            ("people", self.people),
        ] {
            writeln!(
                f,
                "{name} made {} precision {} recall {}",
                l.made,
                three(Some(l.precision)),
                three(l.recall)
            )?;
        }
        for (name, l) in [("speakers", self.speakers), ("events", self.events)] {
            writeln!(
                f,
                "{name} judged {} accuracy {}",
                l.made,
                three(Some(l.precision))
            )?;
        }
        writeln!(
            f,
            "citations made {} precision {}",
            self.citations.made,
            three(Some(self.citations.precision))
        )?;
        writeln!(f, "precision {}", three(Some(self.precision())))
    }
}

// ---- the gold

/// An event id as the gold writes it: an integer, or any other JSON value (its JSON text).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Issue {
    Int(i64),
    Other(String),
}

impl Issue {
    fn of(v: &serde_json::Value) -> Issue {
        match v.as_i64() {
            Some(n) if v.is_i64() || v.is_u64() => Issue::Int(n),
            _ => Issue::Other(v.to_string()),
        }
    }
}

#[derive(Deserialize)]
struct GoldRecord {
    issue: serde_json::Value,
    #[serde(default)]
    conflicts: Vec<GoldConflict>,
    #[serde(default)]
    copies: Vec<GoldCopy>,
    #[serde(default)]
    quotes: Vec<GoldQuote>,
    #[serde(default)]
    people: Vec<GoldPerson>,
    #[serde(default)]
    events: Vec<GoldEvent>,
}

#[derive(Deserialize)]
struct GoldConflict {
    a: Side,
    b: Side,
}

#[derive(Deserialize)]
struct Side {
    url: String,
    span: String,
}

#[derive(Deserialize)]
struct GoldCopy {
    article: String,
    of: String,
}

#[derive(Deserialize)]
struct GoldQuote {
    url: String,
    span: String,
    speaker: String,
}

#[derive(Deserialize)]
struct GoldPerson {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
}

#[derive(Deserialize)]
struct GoldEvent {
    url: String,
    span: String,
    date: String,
}

/// The gold records by event, in the order of the file (a repeated event keeps its first
/// place and its last record, as a Python dict does).
struct Gold {
    order: Vec<Issue>,
    records: HashMap<Issue, GoldRecord>,
}

impl Gold {
    fn read(path: &Path) -> anyhow::Result<Gold> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("{}: cannot read the gold", path.display()))?;
        let list: Vec<GoldRecord> = serde_json::from_str(&text)
            .with_context(|| format!("{}: not a list of gold records", path.display()))?;
        let mut gold = Gold {
            order: Vec::new(),
            records: HashMap::new(),
        };
        for r in list {
            let id = Issue::of(&r.issue);
            if gold.records.insert(id.clone(), r).is_none() {
                gold.order.push(id);
            }
        }
        Ok(gold)
    }

    fn records(&self) -> impl Iterator<Item = &GoldRecord> {
        self.order.iter().map(|i| &self.records[i])
    }

    fn get(&self, issue: &Issue) -> Option<&GoldRecord> {
        self.records.get(issue)
    }
}

/// Each article's event, by URL, from `articles.jsonl` (blank lines skipped).
fn read_issues(path: &Path) -> anyhow::Result<HashMap<String, Issue>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read the articles", path.display()))?;
    let mut out = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: not JSON", path.display(), n + 1))?;
        let (Some(url), Some(issue)) = (v.get("url").and_then(|u| u.as_str()), v.get("issue"))
        else {
            bail!(
                "{}:{}: an article needs `url` and `issue`",
                path.display(),
                n + 1
            );
        };
        out.insert(url.to_string(), Issue::of(issue));
    }
    Ok(out)
}

// ---- the scorer's text pieces

/// Python's `str.isspace`: Unicode white space and the four information separators.
fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's `\w` on a `str`: letters, numbers and the underscore (combining marks are not).
fn is_word(c: char) -> bool {
    c == '_' || (c.is_alphanumeric() && !is_combining_mark(c))
}

/// The scorer's normal form: NFKC, soft hyphens and zero-width spaces dropped, curly quotes
/// made straight, whitespace runs one space, trimmed, lower case.
fn norm(s: &str) -> String {
    let folded = s
        .nfkc()
        .filter(|&c| c != '\u{ad}' && c != '\u{200b}')
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            c => c,
        });
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in folded {
        if is_space(c) {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out.to_lowercase()
}

/// `re.findall(r"[\w']+", norm(s))`.
fn words(s: &str) -> Vec<String> {
    let n = norm(s);
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in n.chars() {
        if is_word(c) || c == '\'' {
            cur.push(c);
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn word_set(s: &str) -> HashSet<String> {
    words(s).into_iter().collect()
}

/// Share of the shorter text's words found in the other (word sets).
fn overlap(a: &str, b: &str) -> f64 {
    let (wa, wb) = (word_set(a), word_set(b));
    if wa.is_empty() || wb.is_empty() {
        return 0.0;
    }
    wa.intersection(&wb).count() as f64 / wa.len().min(wb.len()) as f64
}

/// Share of `a`'s content words (stopwords aside) found in `b`.
fn overlap_content(a: &str, b: &str) -> f64 {
    let content = |s: &str| -> HashSet<String> {
        words(s)
            .into_iter()
            .filter(|w| !STOP.contains(&w.as_str()))
            .collect()
    };
    let (wa, wb) = (content(a), content(b));
    if wa.is_empty() || wb.is_empty() {
        return 0.0;
    }
    wa.intersection(&wb).count() as f64 / wa.len() as f64
}

/// A person's name without honorifics, possessives and one-letter tokens: "Mr. Joe Biden's"
/// and "Biden" become "joe biden" and "biden".
fn name_key(s: &str) -> String {
    words(s)
        .iter()
        .map(|t| t.trim_matches(['.', '\'']))
        .map(|t| t.strip_suffix("'s").unwrap_or(t))
        .filter(|t| !t.is_empty() && !HONORIFICS.contains(t) && t.chars().count() != 1)
        .collect::<Vec<_>>()
        .join(" ")
}

fn last_word(s: &str) -> &str {
    s.split(' ').next_back().unwrap_or("")
}

fn first_word(s: &str) -> &str {
    s.split(' ').next().unwrap_or("")
}

/// `re.split(r"(?<=[.!?])\s+|\n", text)`: cut after sentence punctuation and its white
/// space, and at every line break (empty pieces kept).
fn split_sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev: Option<char> = None;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if is_space(c) && matches!(prev, Some('.' | '!' | '?')) {
            out.push(&text[start..i]);
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = iter.peek() {
                if !is_space(d) {
                    break;
                }
                end = j + d.len_utf8();
                iter.next();
            }
            start = end;
            prev = None;
            continue;
        }
        if c == '\n' {
            out.push(&text[start..i]);
            start = i + 1;
        }
        prev = Some(c);
    }
    out.push(&text[start..]);
    out
}

/// Python's `re.match(r"^\d{4}(-\d{2}(-\d{2})?)?$", date)`: a year, month or day date.
fn is_calendar_date(date: &str) -> bool {
    let date = date.strip_suffix('\n').unwrap_or(date);
    let digits = |s: &str, n: usize| s.chars().count() == n && s.chars().all(char::is_numeric);
    let parts: Vec<&str> = date.split('-').collect();
    let decimal = date.chars().all(|c| c == '-' || c.is_numeric());
    decimal
        && !parts.is_empty()
        && parts.len() <= 3
        && digits(parts[0], 4)
        && parts[1..].iter().all(|p| digits(p, 2))
}

/// The first `n` characters of `s` (Python's `s[:n]`).
fn prefix(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

// ---- CPython's set order

/// A set of integers laid out as CPython 3 lays out a `set` (open addressing, nine linear
/// probes then perturbation, resized at three-fifths full), to iterate it in the same order.
struct PySet {
    table: Vec<Option<i64>>,
    used: usize,
}

const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;

/// `hash(n)` of a Python int, as the unsigned value the set probes with.
fn py_hash(n: i64) -> u64 {
    const MODULUS: i128 = (1 << 61) - 1;
    let n = n as i128;
    let h = if n >= 0 {
        n % MODULUS
    } else {
        -((-n) % MODULUS)
    };
    let h = if h == -1 { -2 } else { h };
    h as i64 as u64
}

/// Puts `key` in the first empty slot of its probe sequence (no key is in the table twice).
fn insert_clean(table: &mut [Option<i64>], key: i64) {
    let mask = table.len() - 1;
    let hash = py_hash(key);
    let mut perturb = hash;
    let mut i = hash as usize & mask;
    loop {
        let probes = if i + LINEAR_PROBES <= mask {
            LINEAR_PROBES
        } else {
            0
        };
        if let Some(j) = (i..=i + probes).find(|&j| table[j].is_none()) {
            table[j] = Some(key);
            return;
        }
        perturb >>= PERTURB_SHIFT;
        i = i
            .wrapping_mul(5)
            .wrapping_add(1)
            .wrapping_add(perturb as usize)
            & mask;
    }
}

impl PySet {
    fn new() -> PySet {
        PySet {
            table: vec![None; 8],
            used: 0,
        }
    }

    fn mask(&self) -> usize {
        self.table.len() - 1
    }

    fn add(&mut self, key: i64) {
        let mask = self.mask();
        let hash = py_hash(key);
        let mut perturb = hash;
        let mut i = hash as usize & mask;
        loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            for j in i..=i + probes {
                match self.table[j] {
                    Some(k) if k == key => return,
                    Some(_) => {}
                    None => {
                        self.table[j] = Some(key);
                        self.used += 1;
                        if self.used * 5 >= mask * 3 {
                            let wanted = if self.used > 50_000 {
                                self.used * 2
                            } else {
                                self.used * 4
                            };
                            self.resize(wanted);
                        }
                        return;
                    }
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize)
                & mask;
        }
    }

    fn resize(&mut self, min_used: usize) {
        let mut size = 8;
        while size <= min_used {
            size <<= 1;
        }
        let old = std::mem::replace(&mut self.table, vec![None; size]);
        for k in old.into_iter().flatten() {
            insert_clean(&mut self.table, k);
        }
    }

    fn keys(&self) -> impl Iterator<Item = i64> + '_ {
        self.table.iter().flatten().copied()
    }

    /// `self - {None}`: a copy (sets of 8 or more) or a new set filled in this one's order.
    fn minus_one(&self) -> PySet {
        if self.used >> 2 > 1 {
            let mut copy = PySet::new();
            if self.used * 5 >= copy.mask() * 3 {
                copy.resize(self.used * 2);
            }
            if copy.mask() == self.mask() {
                copy.table = self.table.clone();
            } else {
                for k in self.keys() {
                    insert_clean(&mut copy.table, k);
                }
            }
            copy.used = self.used;
            copy
        } else {
            let mut fresh = PySet::new();
            for k in self.keys() {
                fresh.add(k);
            }
            fresh
        }
    }
}

/// `{issue_of(a) for a in ids} - {None}` in CPython's iteration order (for integer ids; other
/// ids, whose hashes Python randomises, in first-seen order).
fn python_set_order(ids: impl Iterator<Item = Issue>) -> Vec<Issue> {
    let seen: Vec<Issue> = ids.collect();
    let mut ints = PySet::new();
    let mut unique: Vec<Issue> = Vec::new();
    for i in &seen {
        if let Issue::Int(n) = i {
            ints.add(*n);
        }
        if !unique.contains(i) {
            unique.push(i.clone());
        }
    }
    if unique.iter().all(|i| matches!(i, Issue::Int(_))) {
        ints.minus_one().keys().map(Issue::Int).collect()
    } else {
        unique
    }
}

// ---- scoring

fn share(right: usize, of: usize) -> Option<f64> {
    (of > 0).then(|| right as f64 / of as f64)
}

struct Scorer<'a> {
    gold: Gold,
    issue_of_url: HashMap<String, Issue>,
    /// Each article's URL (its source where it has none) and text, by id.
    articles: HashMap<&'a str, &'a Article>,
}

impl<'a> Scorer<'a> {
    fn url(&self, id: &str) -> Option<&'a str> {
        self.articles.get(id).map(|a| match &a.url {
            Some(u) if !u.is_empty() => u.as_str(),
            _ => a.source.as_str(),
        })
    }

    fn issue_of(&self, id: &str) -> Option<&Issue> {
        self.url(id).and_then(|u| self.issue_of_url.get(u))
    }

    /// The events of a story's articles, in the order the reference scorer visits them.
    fn issues(&self, article_ids: &[String]) -> Vec<Issue> {
        python_set_order(
            article_ids
                .iter()
                .filter_map(|id| self.issue_of(id).cloned()),
        )
    }

    fn people(&self, issue: Option<&Issue>) -> &[GoldPerson] {
        issue
            .and_then(|i| self.gold.get(i))
            .map_or(&[], |r| r.people.as_slice())
    }
}

fn person_keys(p: &GoldPerson) -> HashSet<String> {
    std::iter::once(&p.name)
        .chain(&p.aliases)
        .map(|n| name_key(n))
        .filter(|k| !k.is_empty())
        .collect()
}

/// Scores `dossier`, made by `dossier analyze DIR/articles.jsonl`, against `DIR/gold.json`.
pub fn score(dir: &Path, dossier: &Dossier) -> anyhow::Result<Report> {
    let gold = Gold::read(&dir.join("gold.json"))?;
    let issue_of_url = read_issues(&dir.join("articles.jsonl"))?;
    let scorer = Scorer {
        gold,
        issue_of_url,
        articles: dossier
            .articles
            .iter()
            .map(|a| (a.id.as_str(), a))
            .collect(),
    };
    let mut wrong: HashMap<&'static str, Vec<String>> = HashMap::new();
    let conflicts = score_conflicts(&scorer, dossier, &mut wrong);
    let copies = score_copies(&scorer, dossier, &mut wrong);
    let (quotes, speakers) = score_quotes(&scorer, dossier, &mut wrong);
    let people = score_people(&scorer, dossier, &mut wrong);
    let events = score_events(&scorer, dossier, &mut wrong);
    let citations = score_citations(&scorer, dossier, &mut wrong);
    Ok(Report {
        conflicts,
        copies,
        quotes,
        people,
        speakers,
        events,
        citations,
        mistakes: TYPES
            .iter()
            .map(|&t| (t, wrong.remove(t).unwrap_or_default()))
            .collect(),
    })
}

type Wrong = HashMap<&'static str, Vec<String>>;

/// A conflict fact is right when two of its reports, from different articles, hold the two
/// spans of one gold conflict of the story's events.
fn score_conflicts(sc: &Scorer, d: &Dossier, wrong: &mut Wrong) -> Line {
    let (mut claimed, mut right) = (0, 0);
    let mut found: HashSet<(Issue, usize)> = HashSet::new();
    let total: usize = sc.gold.records().map(|r| r.conflicts.len()).sum();
    for st in &d.stories {
        let gold: Vec<(Issue, usize, &GoldConflict)> = sc
            .issues(&st.articles)
            .into_iter()
            .flat_map(|i| {
                sc.gold
                    .get(&i)
                    .map(|r| r.conflicts.as_slice())
                    .unwrap_or(&[])
                    .iter()
                    .enumerate()
                    .map(move |(k, c)| (i.clone(), k, c))
            })
            .collect();
        for f in &st.facts {
            if f.relation != dossier_model::Relation::Conflict {
                continue;
            }
            claimed += 1;
            let holds = |side: &Side, r: &dossier_model::FactReport| {
                sc.url(&r.article) == Some(side.url.as_str())
                    && (norm(&r.sentence).contains(&norm(&side.span))
                        || overlap(&side.span, &r.sentence) >= 0.6)
            };
            let mut ok = false;
            for (issue, k, c) in &gold {
                for (i, r1) in f.reports.iter().enumerate() {
                    for (j, r2) in f.reports.iter().enumerate() {
                        if i != j && r1.article != r2.article && holds(&c.a, r1) && holds(&c.b, r2)
                        {
                            ok = true;
                        }
                    }
                }
                if ok {
                    found.insert((issue.clone(), *k));
                    break;
                }
            }
            if ok {
                right += 1;
            } else {
                let said: Vec<String> = f
                    .reports
                    .iter()
                    .map(|r| {
                        format!(
                            "\u{201c}{}\u{201d} ({})",
                            r.text,
                            sc.url(&r.article).unwrap_or("?")
                        )
                    })
                    .collect();
                wrong.entry("conflicts").or_default().push(format!(
                    "{}: {}: {}",
                    st.title,
                    f.about,
                    said.join(" against ")
                ));
            }
        }
    }
    Line {
        made: claimed,
        precision: share(right, claimed).unwrap_or(1.0),
        recall: share(found.len(), total),
    }
}

/// A copy is right when the gold has the same pair of articles, in either direction.
fn score_copies(sc: &Scorer, d: &Dossier, wrong: &mut Wrong) -> Line {
    let pair = |a: Option<&str>, b: Option<&str>| {
        let (a, b) = (a.map(str::to_string), b.map(str::to_string));
        if a <= b {
            (a, b)
        } else {
            (b, a)
        }
    };
    let gold: HashSet<(Option<String>, Option<String>)> = sc
        .gold
        .records()
        .flat_map(|r| &r.copies)
        .map(|c| pair(Some(&c.article), Some(&c.of)))
        .collect();
    let (mut claimed, mut right) = (0, 0);
    let mut hit = HashSet::new();
    for st in &d.stories {
        for c in &st.copies {
            claimed += 1;
            let key = pair(sc.url(&c.article), sc.url(&c.of));
            if gold.contains(&key) {
                right += 1;
                hit.insert(key);
            } else {
                let kind = match c.kind {
                    dossier_model::CopyKind::Copy => "copy",
                    dossier_model::CopyKind::Rewrite => "rewrite",
                };
                wrong.entry("copies").or_default().push(format!(
                    "{} {kind} of {} ({:.0}% of its sentences)",
                    sc.url(&c.article).unwrap_or("?"),
                    sc.url(&c.of).unwrap_or("?"),
                    c.share * 100.0
                ));
            }
        }
    }
    Line {
        made: claimed,
        precision: share(right, claimed).unwrap_or(1.0),
        recall: share(hit.len(), gold.len()),
    }
}

/// Quotes: right when the text shares at least half of the shorter's words (and two or more)
/// with the gold quote of the same article it overlaps most. Speakers, over the right quotes:
/// the same person by any of the gold person's forms, or for a described source, a shared
/// content word.
fn score_quotes(sc: &Scorer, d: &Dossier, wrong: &mut Wrong) -> (Line, Line) {
    let mut by_url: HashMap<&str, Vec<&GoldQuote>> = HashMap::new();
    for q in sc.gold.records().flat_map(|r| &r.quotes) {
        by_url.entry(q.url.as_str()).or_default().push(q);
    }
    let (mut claimed, mut right, mut judged, mut speaker_right) = (0, 0, 0, 0);
    let mut found: HashSet<(&str, usize)> = HashSet::new();
    for st in &d.stories {
        for q in &st.quotes {
            let url = sc.url(&q.article);
            claimed += 1;
            let candidates = url.and_then(|u| by_url.get(u)).map_or(&[][..], |v| &v[..]);
            let mut best: Option<(usize, &GoldQuote)> = None;
            let mut best_overlap = 0.0;
            for (j, g) in candidates.iter().enumerate() {
                let o = overlap(&q.text, &g.span);
                if o > best_overlap {
                    best = Some((j, g));
                    best_overlap = o;
                }
            }
            let matched = best.filter(|(_, g)| {
                best_overlap >= 0.5
                    && word_set(&q.text).intersection(&word_set(&g.span)).count() >= 2
            });
            let Some((j, g)) = matched else {
                wrong.entry("quotes").or_default().push(format!(
                    "{}: \u{201c}{}\u{201d} ({})",
                    q.speaker.as_deref().unwrap_or("no speaker"),
                    q.text,
                    url.unwrap_or("?")
                ));
                continue;
            };
            right += 1;
            found.insert((url.unwrap_or(""), j));
            judged += 1;
            let said_by = q.speaker.as_deref().unwrap_or("");
            let people = sc.people(url.and_then(|u| sc.issue_of_url.get(u)));
            if speaker_is(said_by, &g.speaker, people) {
                speaker_right += 1;
            } else {
                wrong.entry("speakers").or_default().push(format!(
                    "{said_by:?} for {:?}: \u{201c}{}\u{201d}",
                    g.speaker, q.text
                ));
            }
        }
    }
    let total: usize = by_url.values().map(Vec::len).sum();
    (
        Line {
            made: claimed,
            precision: share(right, claimed).unwrap_or(1.0),
            recall: share(found.len(), total),
        },
        Line {
            made: judged,
            precision: share(speaker_right, judged).unwrap_or(1.0),
            recall: None,
        },
    )
}

/// Whether `said_by` names the gold speaker `gold`, given the event's gold people.
fn speaker_is(said_by: &str, gold: &str, people: &[GoldPerson]) -> bool {
    let (pk, gk) = (name_key(said_by), name_key(gold));
    if !pk.is_empty() && pk == gk {
        return true;
    }
    let mut ok = false;
    for p in people {
        let keys = person_keys(p);
        let names_gold = keys.contains(&gk)
            || (!gk.is_empty() && keys.iter().any(|k| last_word(&gk) == last_word(k)));
        if names_gold
            && (keys.contains(&pk)
                || (!pk.is_empty() && keys.iter().any(|k| last_word(&pk) == last_word(k))))
        {
            ok = true;
        }
    }
    if !ok
        && !pk.is_empty()
        && !gk.is_empty()
        && !people.iter().any(|p| person_keys(p).contains(&gk))
    {
        // a described source: a shared content word
        let a: HashSet<&str> = pk.split(' ').collect();
        ok = gk.split(' ').any(|w| a.contains(w) && !STOP.contains(&w));
    }
    ok
}

/// A person entity is right when a name of it matches a gold person of the story's events
/// that no earlier entity of the story matched.
fn score_people(sc: &Scorer, d: &Dossier, wrong: &mut Wrong) -> Line {
    let (mut claimed, mut right) = (0, 0);
    let mut found: HashSet<(Issue, usize)> = HashSet::new();
    for st in &d.stories {
        let gold: Vec<(Issue, usize, HashSet<String>)> = sc
            .issues(&st.articles)
            .into_iter()
            .flat_map(|i| {
                sc.people(Some(&i))
                    .iter()
                    .enumerate()
                    .map(move |(k, p)| (i.clone(), k, person_keys(p)))
                    .collect::<Vec<_>>()
            })
            .collect();
        let mut used: HashSet<(Issue, usize)> = HashSet::new();
        for e in &st.entities {
            if e.kind != dossier_model::EntityKind::Person {
                continue;
            }
            claimed += 1;
            let names: HashSet<String> = std::iter::once(&e.name)
                .chain(&e.aliases)
                .map(|n| name_key(n))
                .filter(|n| !n.is_empty())
                .collect();
            let same = |n: &String, k: &String| {
                last_word(n) == last_word(k)
                    && n.contains(' ')
                    && k.contains(' ')
                    && first_word(n) == first_word(k)
            };
            let matched = gold.iter().find(|(_, _, keys)| {
                !names.is_disjoint(keys) || names.iter().any(|n| keys.iter().any(|k| same(n, k)))
            });
            let why = match matched {
                Some((i, k, _)) if !used.contains(&(i.clone(), *k)) => {
                    used.insert((i.clone(), *k));
                    found.insert((i.clone(), *k));
                    right += 1;
                    continue;
                }
                Some(_) => "a duplicate",
                None => "not a person of the texts",
            };
            wrong.entry("people").or_default().push(format!(
                "{} ({why}) in \u{201c}{}\u{201d}",
                e.name, st.title
            ));
        }
    }
    let total: usize = sc.gold.records().map(|r| r.people.len()).sum();
    Line {
        made: claimed,
        precision: share(right, claimed).unwrap_or(1.0),
        recall: share(found.len(), total),
    }
}

/// Over timeline entries whose text overlaps a gold event of the same article by half: the
/// date agrees with one of those events' dates at the less precise of the two.
fn score_events(sc: &Scorer, d: &Dossier, wrong: &mut Wrong) -> Line {
    let mut by_url: HashMap<&str, Vec<&GoldEvent>> = HashMap::new();
    for e in sc.gold.records().flat_map(|r| &r.events) {
        by_url.entry(e.url.as_str()).or_default().push(e);
    }
    let (mut judged, mut right) = (0, 0);
    for st in &d.stories {
        for ev in &st.events {
            let date = ev.date.as_deref().unwrap_or("");
            if !is_calendar_date(date) {
                continue;
            }
            let len = date.chars().count();
            for id in &ev.articles {
                let near: Vec<&GoldEvent> = sc
                    .url(id)
                    .and_then(|u| by_url.get(u))
                    .map_or(&[][..], |v| &v[..])
                    .iter()
                    .filter(|g| overlap(&ev.text, &g.span) >= 0.5)
                    .copied()
                    .collect();
                if near.is_empty() {
                    continue;
                }
                judged += 1;
                let good = near.iter().any(|g| {
                    let glen = g.date.chars().count();
                    prefix(date, glen) == g.date || (len < glen && prefix(&g.date, len) == date)
                });
                if good {
                    right += 1;
                } else {
                    let dates: Vec<&str> = near.iter().map(|g| g.date.as_str()).collect();
                    wrong.entry("events").or_default().push(format!(
                        "{date} for gold {}: {}",
                        dates.join("/"),
                        near[0].span
                    ));
                }
            }
        }
    }
    Line {
        made: judged,
        precision: share(right, judged).unwrap_or(1.0),
        recall: None,
    }
}

/// Brief sentences citing two or more articles (conflict sentences aside): each citation
/// beyond the best-matching article is right when the article holds a sentence with at least
/// half of the brief sentence's content words.
fn score_citations(sc: &Scorer, d: &Dossier, wrong: &mut Wrong) -> Line {
    let (mut made, mut right) = (0, 0);
    for st in &d.stories {
        for b in &st.brief {
            if b.articles.len() < 2 || b.text.to_lowercase().starts_with("outlets disagree") {
                continue;
            }
            let scores: Vec<f64> = b
                .articles
                .iter()
                .map(|id| {
                    let text = sc.articles.get(id.as_str()).map_or("", |a| a.text.as_str());
                    split_sentences(text)
                        .into_iter()
                        .map(|s| overlap_content(&b.text, s))
                        .fold(0.0, f64::max)
                })
                .collect();
            let mut own = 0;
            for (i, s) in scores.iter().enumerate() {
                if *s > scores[own] {
                    own = i;
                }
            }
            for (i, s) in scores.iter().enumerate() {
                if i == own {
                    continue;
                }
                made += 1;
                if *s >= 0.5 {
                    right += 1;
                } else {
                    wrong.entry("citations").or_default().push(format!(
                        "{} for \u{201c}{}\u{201d}",
                        sc.url(&b.articles[i]).unwrap_or("?"),
                        b.text
                    ));
                }
            }
        }
    }
    Line {
        made,
        precision: share(right, made).unwrap_or(1.0),
        recall: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norm_folds_compatibility_forms_quotes_and_space() {
        assert_eq!(
            norm("  \u{201c}Caf\u{e9}\u{201d} \u{fb01}ne\u{ad}ly\u{200b}\n\t Mr\u{a0}X  "),
            "\"caf\u{e9}\" finely mr x"
        );
        assert_eq!(norm("\u{2018}No\u{2019}"), "'no'");
    }

    #[test]
    fn words_are_runs_of_word_characters_and_apostrophes() {
        assert_eq!(
            words("Biden\u{2019}s plan: $1.2 trillion (so-called) _x_"),
            ["biden's", "plan", "1", "2", "trillion", "so", "called", "_x_"]
        );
        // a combining mark ends a word, as Python's \w does not match it
        assert_eq!(words("ab\u{301}c"), ["ab", "c"]);
        assert_eq!(words("a\u{301}bc"), ["\u{e1}bc"]);
        assert_eq!(words("a\u{20dd}b"), ["a", "b"]);
    }

    #[test]
    fn name_keys_drop_honorifics_possessives_and_initials() {
        assert_eq!(name_key("Mr. Joe R. Biden's"), "joe biden");
        assert_eq!(name_key("former President Trump"), "trump");
        assert_eq!(name_key("Sen. Ann O'Neill"), "ann o'neill");
        assert_eq!(name_key("'Tis"), "tis");
        assert_eq!(name_key("the U.S. Senate"), "the senate");
        assert_eq!(name_key("he"), "he");
        assert_eq!(name_key("Mr."), "");
    }

    #[test]
    fn overlaps_count_word_sets() {
        assert_eq!(overlap("the cat sat", "the cat sat on the mat"), 1.0);
        assert!((overlap("a b c d", "a b x") - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(overlap("", "x"), 0.0);
        // stopwords aside, over the first text's words
        assert_eq!(
            overlap_content("The mayor opened the bridge", "A bridge was opened"),
            2.0 / 3.0
        );
    }

    #[test]
    fn sentences_split_as_the_reference_regex_does() {
        assert_eq!(
            split_sentences("One. Two!  Three?\nFour\n\nFive. "),
            ["One.", "Two!", "Three?", "Four", "", "Five.", ""]
        );
        assert_eq!(split_sentences("Mr. X came.\n"), ["Mr.", "X came.", ""]);
        assert_eq!(split_sentences(""), [""]);
    }

    #[test]
    fn calendar_dates_are_years_months_or_days() {
        for ok in ["2021", "2021-06", "2021-06-30", "2021-06-30\n"] {
            assert!(is_calendar_date(ok), "{ok}");
        }
        for no in [
            "2021-W23",
            "XXXX-WXX-2",
            "21-06",
            "2021-6",
            "2021-06-30-1",
            "",
        ] {
            assert!(!is_calendar_date(no), "{no}");
        }
    }

    #[test]
    fn three_decimals_round_as_python_formats() {
        // Python: f"{x:.3f}" rounds the exact binary value half to even
        assert_eq!(three(Some(0.0625)), "0.062");
        assert_eq!(three(Some(0.1875)), "0.188");
        assert_eq!(three(Some(2.0 / 3.0)), "0.667");
        assert_eq!(three(None), "n/a");
    }

    /// Orders Python 3.11 prints for `list({...} - {None})` of these ints.
    #[test]
    fn sets_of_ints_iterate_in_cpython_order() {
        let order = |xs: &[i64]| -> Vec<i64> {
            python_set_order(xs.iter().map(|&n| Issue::Int(n)))
                .into_iter()
                .map(|i| match i {
                    Issue::Int(n) => n,
                    Issue::Other(_) => unreachable!(),
                })
                .collect()
        };
        assert_eq!(order(&[5619, 5607]), [5619, 5607]);
        assert_eq!(order(&[9, 1, 17]), [9, 1, 17]);
        assert_eq!(order(&[3, 3, 11, 2]), [3, 2, 11]);
        assert_eq!(
            order(&[5800, 5655, 5719, 5607, 5630, 5701, 5790, 5832, 5611]),
            [5655, 5701, 5607, 5800, 5832, 5790, 5611, 5719, 5630]
        );
        // twelve: the set grows (and is copied, not refilled, when its `None` is taken out)
        assert_eq!(
            order(&[5800, 5655, 5719, 5607, 5630, 5701, 5790, 5832, 5611, 5999, 6001, 7003]),
            [5655, 5701, 5607, 5800, 5832, 5790, 5611, 5999, 6001, 5719, 7003, 5630]
        );
        // -1 and -2 share a hash
        assert_eq!(order(&[-1, -2]), [-1, -2]);
    }

    fn article(id: &str, url: &str, text: &str) -> Article {
        Article {
            id: id.into(),
            url: Some(url.into()),
            text: text.into(),
            ..Default::default()
        }
    }

    /// A tiny judged set in a temporary folder: two events, three articles.
    fn judged_set() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let articles = [
            (1, "u1", "Mayor Ann Lee opened the new river bridge on Monday. \"It will carry ten thousand cars a day,\" Lee said."),
            (1, "u2", "The river bridge opened on Monday, Mayor Ann Lee said. It cost 40 million dollars."),
            (2, "u3", "A storm closed the harbour on Sunday, port chief Tom Ray said."),
        ];
        let lines: Vec<String> = articles
            .iter()
            .map(|(issue, url, text)| {
                serde_json::json!({"url": url, "issue": issue, "text": text}).to_string()
            })
            .collect();
        std::fs::write(dir.path().join("articles.jsonl"), lines.join("\n")).unwrap();
        let gold = serde_json::json!([
            {"issue": 1,
             "conflicts": [],
             "copies": [],
             "quotes": [
                {"url": "u1", "span": "It will carry ten thousand cars a day", "speaker": "Ann Lee", "direct": true},
                {"url": "u2", "span": "The river bridge opened on Monday", "speaker": "Ann Lee", "direct": false}],
             "people": [{"name": "Ann Lee", "aliases": ["Lee", "Mayor Ann Lee"], "role": "mayor"}],
             "events": [{"url": "u1", "span": "Mayor Ann Lee opened the new river bridge on Monday", "date": "2024-03-04", "what": "bridge opens"}]},
            {"issue": 2,
             "people": [{"name": "Tom Ray", "aliases": ["Ray"]}],
             "quotes": [{"url": "u3", "span": "A storm closed the harbour on Sunday", "speaker": "Tom Ray", "direct": false}],
             "events": [{"url": "u3", "span": "A storm closed the harbour on Sunday", "date": "2024-03-03", "what": "storm"}]}
        ]);
        std::fs::write(dir.path().join("gold.json"), gold.to_string()).unwrap();
        dir
    }

    #[test]
    fn a_small_dossier_is_scored_claim_by_claim() {
        use dossier_model::*;
        let dir = judged_set();
        let texts = [
            ("a1", "u1", "Mayor Ann Lee opened the new river bridge on Monday. \"It will carry ten thousand cars a day,\" Lee said."),
            ("a2", "u2", "The river bridge opened on Monday, Mayor Ann Lee said. It cost 40 million dollars."),
            ("a3", "u3", "A storm closed the harbour on Sunday, port chief Tom Ray said."),
        ];
        let articles: Vec<Article> = texts.iter().map(|(i, u, t)| article(i, u, t)).collect();
        let person = |name: &str, aliases: &[&str]| Entity {
            name: name.into(),
            kind: EntityKind::Person,
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            roles: vec![],
            articles: vec![],
            link: None,
        };
        let quote = |speaker: &str, text: &str, article: &str| Quote {
            speaker: Some(speaker.into()),
            text: text.into(),
            article: article.into(),
            direct: true,
        };
        let story = Story {
            id: "s1".into(),
            title: "Bridge".into(),
            articles: vec!["a1".into(), "a2".into()],
            entities: vec![
                person("Ann Lee", &["Lee"]),
                // the same person again: a duplicate
                person("Mayor Lee", &[]),
                person("River Bridge", &[]),
            ],
            quotes: vec![
                quote("Ann Lee", "It will carry ten thousand cars a day", "a1"),
                // a right quote given to the wrong speaker
                quote("Tom Ray", "the river bridge opened on Monday", "a2"),
                // not a quote of the gold
                quote("Ann Lee", "forty million", "a2"),
            ],
            events: vec![
                Event {
                    date: Some("2024-03-04".into()),
                    approximate: false,
                    precision: "day".into(),
                    text: "Mayor Ann Lee opened the new river bridge on Monday.".into(),
                    when: "Monday".into(),
                    articles: vec!["a1".into()],
                    evidence: vec![],
                },
                // a week date is not judged
                Event {
                    date: Some("2024-W10".into()),
                    approximate: false,
                    precision: "week".into(),
                    text: "Mayor Ann Lee opened the new river bridge on Monday.".into(),
                    when: "".into(),
                    articles: vec!["a1".into()],
                    evidence: vec![],
                },
            ],
            brief: vec![
                BriefSentence {
                    text: "Mayor Ann Lee opened the new river bridge on Monday.".into(),
                    articles: vec!["a1".into(), "a2".into()],
                    evidence: vec![],
                },
                BriefSentence {
                    text: "It will carry ten thousand cars a day across the new bridge.".into(),
                    articles: vec!["a1".into(), "a2".into()],
                    evidence: vec![],
                },
            ],
            copies: vec![CopyLink {
                article: "a2".into(),
                of: "a1".into(),
                kind: CopyKind::Rewrite,
                share: 0.5,
                passages: vec![],
            }],
            ..Default::default()
        };
        let other = Story {
            id: "s2".into(),
            title: "Storm".into(),
            articles: vec!["a3".into()],
            entities: vec![person("Tom Ray", &[])],
            events: vec![Event {
                date: Some("2024-03-04".into()),
                approximate: false,
                precision: "day".into(),
                text: "A storm closed the harbour on Sunday.".into(),
                when: "Sunday".into(),
                articles: vec!["a3".into()],
                evidence: vec![],
            }],
            ..Default::default()
        };
        let d = Dossier {
            articles,
            stories: vec![story, other],
        };
        let r = score(dir.path(), &d).unwrap();
        assert_eq!(
            r.to_string(),
            "conflicts made 0 precision 1.000 recall n/a\n\
             copies made 1 precision 0.000 recall n/a\n\
             quotes made 3 precision 0.667 recall 0.667\n\
             people made 4 precision 0.500 recall 1.000\n\
             speakers judged 2 accuracy 0.500\n\
             events judged 2 accuracy 0.500\n\
             citations made 2 precision 0.500\n\
             precision 0.000\n"
        );
        let listed: Vec<(&str, usize)> = r.mistakes.iter().map(|(k, v)| (*k, v.len())).collect();
        assert_eq!(
            listed,
            [
                ("conflicts", 0),
                ("copies", 1),
                ("quotes", 1),
                ("people", 2),
                ("speakers", 1),
                ("events", 1),
                ("citations", 1)
            ]
        );
        assert!(r
            .mistakes_text()
            .contains("people: 2 false\n  - Mayor Lee (a duplicate)"));
    }

    #[test]
    fn bad_gold_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("articles.jsonl"), "").unwrap();
        std::fs::write(
            dir.path().join("gold.json"),
            "[{\"issue\": 1, \"quotes\": [{}]}]",
        )
        .unwrap();
        let e = score(dir.path(), &Dossier::default()).err().unwrap();
        assert!(
            format!("{e:#}").contains("not a list of gold records"),
            "{e:#}"
        );
        let e = score(&dir.path().join("missing"), &Dossier::default())
            .err()
            .unwrap();
        assert!(format!("{e:#}").contains("cannot read the gold"), "{e:#}");
    }
}
