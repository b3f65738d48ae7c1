//! The data model of dossier and its JSON contract.
//!
//! Every stage speaks these types: readers produce [`RawDocument`]s, cleaning turns each into one
//! or more [`Article`]s, analysis groups articles into [`Story`]s, and a [`Dossier`] is what the
//! interfaces print or serve. Field names here *are* the public JSON contract documented in
//! `docs/schema.md`: renaming one is a breaking change.
//!
//! Principles: unknown stays unknown (`None` serialises as `null`, never a guess), and every
//! derived value says where it came from ([`Provenance`]).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What a reader hands to cleaning: the text of one input document with whatever metadata the
/// container itself carried (HTML meta tags, JSONL fields). Cleaning decides the rest.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawDocument {
    /// Path or URL as the user gave it (a JSONL line is `path:LINE`).
    pub source: String,
    /// The body as text, paragraphs separated by newlines (HTML already reduced to text).
    pub text: String,
    /// Metadata found in the container, each with where it came from.
    pub hints: Hints,
}

/// Metadata a container offers before the text is read: HTML `<meta>`/JSON-LD, JSONL fields.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Hints {
    pub url: Option<String>,
    pub outlet: Option<Sourced<String>>,
    pub title: Option<Sourced<String>>,
    pub byline: Option<Sourced<String>>,
    /// Raw date strings as the container gave them ("2019-03-04T12:00:00Z"); cleaning parses.
    pub published: Option<Sourced<String>>,
    pub updated: Option<Sourced<String>>,
}

impl Hints {
    /// Fills each field still unknown here from `other` (what is known here wins).
    pub fn fill_from(&mut self, other: Hints) {
        self.url = self.url.take().or(other.url);
        self.outlet = self.outlet.take().or(other.outlet);
        self.title = self.title.take().or(other.title);
        self.byline = self.byline.take().or(other.byline);
        self.published = self.published.take().or(other.published);
        self.updated = self.updated.take().or(other.updated);
    }
}

/// A value with a short human-readable statement of where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Sourced<T> {
    pub value: T,
    pub from: String,
}

impl<T> Sourced<T> {
    pub fn new(value: T, from: impl Into<String>) -> Self {
        Sourced {
            value,
            from: from.into(),
        }
    }
}

/// One cleaned news article. A source file that held two pasted articles yields two, with the
/// same `source` and `part` 1 and 2.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub id: String,
    pub source: String,
    pub part: u32,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub byline: Option<String>,
    #[serde(with = "opt_date")]
    pub published: Option<NaiveDate>,
    #[serde(with = "opt_date")]
    pub updated: Option<NaiveDate>,
    /// Where each metadata field came from; a field absent here is unknown.
    pub provenance: Provenance,
    /// ISO 639-3 code of the body's language, when it can be told.
    pub language: Option<String>,
    /// The cleaned body, paragraphs separated by newlines.
    pub text: String,
    /// Everything cleaning cut from the body, in order, with the reason.
    pub removed: Vec<Removal>,
    /// Id of the story this article belongs to (set by analysis).
    pub story: Option<String>,
}

impl Article {
    /// A stable id from where the article came from: the same source and part always get the
    /// same id, so links into a dossier survive a re-run.
    pub fn make_id(source: &str, part: u32) -> String {
        let h = xxhash_rust::xxh3::xxh3_64(format!("{source}#{part}").as_bytes());
        format!("a{:012x}", h >> 16)
    }

    /// The paragraphs of the cleaned body.
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.text.lines().filter(|l| !l.trim().is_empty())
    }

    /// A label for people: the title, else the start of the text.
    pub fn label(&self) -> String {
        match &self.title {
            Some(t) => t.clone(),
            None => {
                let first = self.paragraphs().next().unwrap_or("");
                truncate_words(first, 12)
            }
        }
    }
}

/// Shortens `s` to at most `n` words, marking the cut with an ellipsis.
pub fn truncate_words(s: &str, n: usize) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.len() <= n {
        words.join(" ")
    } else {
        format!("{} …", words[..n].join(" "))
    }
}

/// Where each metadata field of an [`Article`] came from, in words ("html meta tag
/// article:published_time", "text line 'Updated 02 December 2025' (update date; no publication
/// date given)").
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Provenance {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
}

/// A piece of the input that cleaning cut from the body, with why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Removal {
    pub text: String,
    pub reason: String,
    /// Where it stood: the number of kept lines of `text` before it (so a piece cut before
    /// the first paragraph has 0, one cut after the last has the number of lines). Absent in
    /// articles stored before this field existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<usize>,
}

/// A group of articles telling the same story, with its analysis. The analysis sections are
/// filled by later stages; an empty list means "nothing found", not "not computed".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Story {
    pub id: String,
    pub title: String,
    pub articles: Vec<String>,
    /// The storyline this event belongs to (the id shared by the stories of one subject over
    /// days or weeks), absent when it stands alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storyline: Option<String>,
    pub entities: Vec<Entity>,
    pub quotes: Vec<Quote>,
    pub events: Vec<Event>,
    /// The few days of a long story that matter most, each told by a few of its reports
    /// (empty when the timeline is short enough to read whole).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub key_dates: Vec<KeyDate>,
    /// Every figure the articles report, in article order (the raw material of `facts`).
    #[serde(default)]
    pub figures: Vec<Figure>,
    pub facts: Vec<Fact>,
    pub positions: Vec<Position>,
    pub brief: Vec<BriefSentence>,
    /// Which member articles copy or rewrite which others.
    #[serde(default)]
    pub copies: Vec<CopyLink>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organization,
    Place,
}

/// One real-world entity of a story, with every spelling seen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub name: String,
    pub kind: EntityKind,
    pub aliases: Vec<String>,
    pub roles: Vec<String>,
    pub articles: Vec<String>,
    /// For a place, its GeoNames entry (`geonames:ID`), when the gazetteer knows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

/// A quote and who said it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    pub speaker: Option<String>,
    pub text: String,
    pub article: String,
    /// `true` for words in quotation marks, `false` for reported speech ("X said that ...").
    #[serde(default = "yes")]
    pub direct: bool,
}

fn yes() -> bool {
    true
}

/// A dated happening, as every article that reports it dates it.
///
/// `date` is as precise as the reports allow: `YYYY-MM-DD`, `YYYY-Www` (an ISO week),
/// `YYYY-MM`, `YYYY-Qn` or `YYYY`; a weekday nothing anchored stays unresolved, written with
/// X's (`XXXX-WXX-2`: a Tuesday), never guessed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// `YYYY-MM-DD`, `YYYY-Www`, `YYYY-MM`, `YYYY-Qn`, `YYYY` or `YYY0s` (a decade), as
    /// `precision` says; `None` when nothing anchored it (`precision` is then `unresolved`).
    #[serde(default)]
    pub date: Option<String>,
    /// `day`, `week`, `month`, `quarter`, `year`, `decade`, or `unresolved`.
    #[serde(default)]
    pub precision: String,
    /// The date is the middle of a hedged span back ("nearly four years ago").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub approximate: bool,
    /// What the first report says happened: its sentence; the clause of its date where the
    /// sentence dates two happenings; the noun phrase a date names ("the Jan. 6 riot").
    pub text: String,
    /// How that report says when ("the previous Tuesday", "December 2, 2025").
    #[serde(default)]
    pub when: String,
    pub articles: Vec<String>,
    /// For each cited article, its sentence that reports the happening.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

/// A day of a long story that matters most: the more articles date something on it, the more
/// it matters; told by the reports closest to what that day's reports say in common.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyDate {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// How many articles date something on this day.
    pub reports: usize,
    /// The reports that tell it: dated events of the day, or the undated lead sentence of an
    /// article published that day or the next (`when` empty), each with its articles.
    pub events: Vec<Event>,
}

/// A number an article reports, read as a value: what it counts, in what unit, how hedged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// As written: "more than 19%", "five-hour", "25,000 to 30,000".
    pub text: String,
    /// The value, or the lower end of a range.
    pub value: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upper: Option<f64>,
    /// "hour", "percentage", "US dollar", "square kilometre".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// What the unit measures: "duration", "percent", "currency", "length", ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimension: Option<String>,
    /// `about`, `nearly`, `more-than`, `at-least`, `less-than`, `at-most`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
    /// What it counts or measures: "ballistic missiles", "meeting".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counts: Option<String>,
    /// The denominator of a rate: "month" in "30,000 casualties per month".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per: Option<String>,
    pub sentence: String,
    pub article: String,
}

/// How the reports of one fact relate across outlets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Relation {
    Agree,
    Compatible,
    Changed,
    Conflict,
    SingleSource,
}

impl Relation {
    /// The name used in JSON ("single-source").
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Agree => "agree",
            Relation::Compatible => "compatible",
            Relation::Changed => "changed",
            Relation::Conflict => "conflict",
            Relation::SingleSource => "single-source",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    pub about: String,
    pub reports: Vec<FactReport>,
    pub relation: Relation,
    /// How many independent sources report it: articles of one outlet, and copies and
    /// rewrites of one another, count once.
    #[serde(default)]
    pub sources: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FactReport {
    pub article: String,
    /// The figure or words as written ("over four hours", "former US President Donald Trump").
    pub text: String,
    /// The value read from them, as people write it ("more than 4 hours", "$2 trillion",
    /// "former president").
    pub value: Option<String>,
    /// The sentence they stand in.
    #[serde(default)]
    pub sentence: String,
    /// Where `sentence` stands in the article's `text`: `start..end` in characters, as in
    /// [`Evidence`]; `None` when it is the article's title.
    #[serde(default)]
    pub start: Option<usize>,
    #[serde(default)]
    pub end: Option<usize>,
    /// The odd one out of a conflict: what fewer articles say.
    #[serde(default)]
    pub odd: bool,
}

/// What a party demands, offers, accepts or rejects: one entry per distinct demand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Position {
    /// The country, government or alliance ("Russia": Putin, Moscow and the Kremlin speak for
    /// it).
    pub party: String,
    /// `demands`, `offers`, `accepts` or `rejects`.
    #[serde(default)]
    pub stance: String,
    /// What is demanded, offered, accepted or rejected.
    pub text: String,
    /// Who says it in the first report ("Putin", "Moscow", "Kyiv").
    #[serde(default)]
    pub holder: String,
    /// The sentence of the first report.
    #[serde(default)]
    pub sentence: String,
    pub articles: Vec<String>,
}

/// How an article repeats another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CopyKind {
    /// The same text, lightly edited (wire copy run by several outlets).
    Copy,
    /// The same sentences, reworded (a paraphrase of the other article).
    Rewrite,
}

/// `article` copies or rewrites `of` (the one it credits, else the earlier, or the fuller, of
/// the two).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CopyLink {
    pub article: String,
    pub of: String,
    pub kind: CopyKind,
    /// Share of `article`'s own sentences that have a counterpart in `of` (0 to 1).
    pub share: f32,
    /// The sentences the two share, in `article`'s order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub passages: Vec<SharedPassage>,
}

/// A sentence of a copy or rewrite and its counterpart in the article it repeats.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedPassage {
    /// The sentence of [`CopyLink::article`].
    pub article: Evidence,
    /// Its counterpart in [`CopyLink::of`].
    pub of: Evidence,
}

/// One sentence of the brief and every article that supports it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BriefSentence {
    pub text: String,
    pub articles: Vec<String>,
    /// For each cited article, its sentence that supports this one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

/// The sentence of one article that supports a claim, and where it stands in the article's
/// `text`: `start..end` in characters (Unicode scalar values, as JavaScript and Python index
/// strings), end exclusive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub article: String,
    pub start: usize,
    pub end: usize,
    pub sentence: String,
}

impl Evidence {
    /// The evidence of `text[byte_start..byte_end]` of article `article` whose text is
    /// `text` (byte offsets, on char boundaries).
    pub fn of(article: &str, text: &str, byte_start: usize, byte_end: usize) -> Evidence {
        let start = text[..byte_start].chars().count();
        let end = start + text[byte_start..byte_end].chars().count();
        Evidence {
            article: article.to_string(),
            start,
            end,
            sentence: text[byte_start..byte_end].to_string(),
        }
    }
}

/// The result of analysing a set of articles: what `dossier analyze --format json` prints.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Dossier {
    pub articles: Vec<Article>,
    pub stories: Vec<Story>,
}

impl Dossier {
    pub fn article(&self, id: &str) -> Option<&Article> {
        self.articles.iter().find(|a| a.id == id)
    }
}

/// `Option<NaiveDate>` as `"YYYY-MM-DD"` or `null`.
mod opt_date {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.serialize_str(&d.format("%Y-%m-%d").to_string()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        let s: Option<String> = Option::deserialize(d)?;
        s.map(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(serde::de::Error::custom))
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_distinct_per_part() {
        assert_eq!(Article::make_id("a.txt", 1), Article::make_id("a.txt", 1));
        assert_ne!(Article::make_id("a.txt", 1), Article::make_id("a.txt", 2));
    }

    #[test]
    fn dates_serialise_as_iso_or_null() {
        let a = Article {
            published: NaiveDate::from_ymd_opt(2025, 12, 2),
            ..Default::default()
        };
        let v = serde_json::to_value(&a).unwrap();
        assert_eq!(v["published"], "2025-12-02");
        assert!(v["updated"].is_null());
        let back: Article = serde_json::from_value(v).unwrap();
        assert_eq!(back, a);
    }

    #[test]
    fn relation_names_follow_the_contract() {
        let v = serde_json::to_value(Relation::SingleSource).unwrap();
        assert_eq!(v, "single-source");
    }
}
