//! Term vectors of articles for similarity: TF-IDF over stemmed content words, plus
//! capitalised names inside sentences and numbers as separate, heavier features; the title's
//! features count double.

use dossier_memo::Memo;
use dossier_model::Article;
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::{FxHashMap, FxHashSet};
use std::cell::RefCell;

/// How much more a shared name counts than a shared word.
const NAME_WEIGHT: f32 = 2.0;
/// How much more a shared number counts than a shared word.
const NUMBER_WEIGHT: f32 = 2.0;
/// How much more a word of the title counts than one of the body.
const TITLE_WEIGHT: f32 = 2.0;

pub(crate) const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "may",
    "me",
    "more",
    "most",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "out",
    "over",
    "own",
    "said",
    "same",
    "says",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
    "told",
    "new",
    "one",
    "two",
    "also",
    "last",
    "year",
    "years",
    "week",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "according",
    "like",
    "people",
    "time",
    "first",
    "including",
    "since",
    "many",
    "much",
    "get",
    "got",
    "make",
    "made",
    "per",
    "cent",
    "percent",
    "mr",
    "ms",
    "mrs",
];

/// Whether a lower-cased word is one of [`STOPWORDS`].
pub(crate) fn is_stopword(w: &str) -> bool {
    static SET: once_cell::sync::Lazy<FxHashSet<&'static str>> =
        once_cell::sync::Lazy::new(|| STOPWORDS.iter().copied().collect());
    SET.contains(w)
}

/// `word` lower-cased, without Unicode case tables when it is plain ASCII (most news words).
pub(crate) fn lowercase(word: &str) -> String {
    let mut out = String::new();
    lowercase_into(word, &mut out);
    out
}

/// `word` lower-cased (as `str::to_lowercase` does) into `buf`, which is returned: an ASCII
/// word, most news words, makes no new string.
fn lowercase_into<'b>(word: &str, buf: &'b mut String) -> &'b str {
    buf.clear();
    if word.is_ascii() {
        buf.push_str(word);
        buf.make_ascii_lowercase();
    } else {
        buf.push_str(&word.to_lowercase());
    }
    buf
}

/// How many stems a thread remembers before it starts afresh (a few MB).
const STEMS_REMEMBERED: usize = 100_000;

thread_local! {
    static STEMS: RefCell<(Stemmer, Memo<String, String>)> = RefCell::new((
        Stemmer::create(Algorithm::English),
        Memo::new(STEMS_REMEMBERED),
    ));
}

/// The English Snowball stem of a lower-cased word. News repeats its words, so each thread
/// remembers the stems it made: stemming was ~8 % of an ingest's time.
pub(crate) fn stem(word: &str) -> String {
    with_stem(word, str::to_string)
}

/// `f` of the stem of a lower-cased word ([`stem`] without copying it out of the thread's
/// memory; `f` must not stem).
fn with_stem<T>(word: &str, f: impl FnOnce(&str) -> T) -> T {
    STEMS.with(|cell| {
        let (stemmer, known) = &mut *cell.borrow_mut();
        if let Some(s) = known.get(word) {
            return f(s);
        }
        let s = stemmer.stem(word).into_owned();
        let out = f(&s);
        known.insert(word.to_string(), s);
        out
    })
}

/// One article's TF-IDF weights: feature ids (hashes) and weights, sorted by id, not normalised
/// ([`unit_scale`] says how they become a unit vector); each feature weighed by its inverse
/// document frequency in the fixed background (see [`Background`]), so the weights never
/// depend on the other articles read with it, and a name by [`NAME_SHARE`] of that.
pub fn article_vector(a: &Article) -> Vec<(u32, f32)> {
    let background = &BACKGROUND;
    let mut tf: FxHashMap<u64, (f32, f32)> = FxHashMap::default();
    each_article_feature(a.title.as_deref(), &a.text, |feature, weight| {
        let share = if feature.starts_with('@') {
            NAME_SHARE
        } else {
            1.0
        };
        tf.entry(feature_hash(feature)).or_insert((0.0, share)).0 += weight;
    });
    let mut v: Vec<(u32, f32)> = tf
        .into_iter()
        .map(|(h, (c, share))| (h as u32, (1.0 + c.ln()) * background.idf(h) * share))
        .collect();
    v.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    v.dedup_by_key(|(t, _)| *t);
    v
}

/// What a name weighs against a word of the same count and rarity. A name is also counted as
/// a word (its stem), and in the fixed background nearly every name is rare, so at full weight
/// the people and places a topic keeps naming ("Kavanaugh", "Brett", "Senate") outweighed what
/// each article says happened, and every report of a month-long saga looked alike: NeuS train
/// pairwise F1 0.30 -> 0.44 with the rest unchanged.
pub const NAME_SHARE: f32 = 0.25;

/// How the weights `v` become a unit vector whose heaviest weights are brought down towards
/// `cap`: clipped to it and normalised again, three times (each round lifts the rest a little,
/// so a short article's few features may stay above the cap, its IDF contrasts softened, not
/// erased). Each round keeps the form `min(w * scale, clip)`, so the two numbers returned say
/// it all: a vector is stored as its weights and rescaled when compared.
pub fn unit_scale(v: &[(u32, f32)], cap: f32) -> (f32, f32) {
    let norm = |scale: f32, clip: f32| -> f32 {
        v.iter()
            .map(|&(_, w)| (w * scale).min(clip).powi(2))
            .sum::<f32>()
            .sqrt()
    };
    let n = norm(1.0, f32::INFINITY);
    if n <= 0.0 {
        return (0.0, 0.0);
    }
    let (mut scale, mut clip) = (1.0 / n, f32::INFINITY);
    for _ in 0..3 {
        clip = clip.min(cap);
        let n = norm(scale, clip);
        if n <= 0.0 {
            break;
        }
        scale /= n;
        clip /= n;
    }
    (scale, clip)
}

/// What one feature may weigh in an article's unit vector (see [`unit_scale`]). In a short
/// article one name (counted as a name and as a word, and again in the title) would otherwise
/// outweigh all that the article says happened, and link it to every article about that
/// person: capped, NeuS train pairwise F1 0.249 -> 0.303 and ECB+ B3 0.877 -> 0.881 (chosen on
/// those two; NeuS val, held out, 0.568 -> 0.612).
pub const MAX_FEATURE_WEIGHT: f32 = 0.3;

/// The number of documents of the fixed background and how many of them hold the feature
/// whose id (the low 32 bits of its hash) is `id`: what a feature's rarity is measured
/// against when a story's own articles are taken into account (`stories::in_context`).
pub fn background_frequency(id: u32) -> (u32, u32) {
    (BACKGROUND.documents(), BACKGROUND.df_of_id(id))
}

/// The hash of a feature's text; its low 32 bits are the feature's id in a vector (the same
/// feature gets the same id in every batch).
fn feature_hash(t: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(t.as_bytes())
}

/// How rare a word stem is in the fixed background (smoothed inverse document frequency):
/// the rarer, the more a sentence's claim rests on it.
pub(crate) fn stem_rarity(stem: &str) -> f32 {
    BACKGROUND.idf(feature_hash(stem))
}

/// The features of an article and their counts: the title's count double.
pub fn article_features(title: Option<&str>, text: &str) -> FxHashMap<String, f32> {
    let mut tf: FxHashMap<String, f32> = FxHashMap::default();
    each_article_feature(title, text, |feature, weight| {
        *tf.entry(feature.to_string()).or_insert(0.0) += weight;
    });
    tf
}

/// The inverse document frequency of a feature (as [`article_features`] spells it) in the
/// fixed background.
pub fn background_idf(feature: &str) -> f32 {
    BACKGROUND.idf(feature_hash(feature))
}

/// Calls `out` with each feature of an article's title and text ([`each_feature`]) and its
/// weight, the title's scaled by [`TITLE_WEIGHT`].
fn each_article_feature(title: Option<&str>, text: &str, mut out: impl FnMut(&str, f32)) {
    if let Some(t) = title {
        each_feature(t, |feature, weight| out(feature, weight * TITLE_WEIGHT));
    }
    each_feature(text, &mut out);
}

/// Document frequencies of features in a fixed background of ~900 news and web articles
/// (`data/background.tsv.gz`, built by `src/bin/build-background.rs`), as `build.rs` lays it
/// out: a document count, then hash slots of (feature hash, frequency), read in place.
pub struct Background {
    bytes: &'static [u8],
}

static BACKGROUND: Background = Background {
    bytes: include_bytes!(concat!(env!("OUT_DIR"), "/background.bin")),
};

impl Background {
    fn u32_at(&self, at: usize) -> u32 {
        u32::from_le_bytes(self.bytes[at..at + 4].try_into().expect("four bytes"))
    }

    fn documents(&self) -> u32 {
        self.u32_at(0)
    }

    /// The number of background documents a feature (its [`feature_hash`]) occurs in.
    fn df(&self, feature: u64) -> u32 {
        self.find(feature as usize, |hash| hash == feature)
    }

    /// [`Background::df`] of the feature whose id is `id` (the slots are probed from the low
    /// bits of the hash, so its low 32 bits find it; two features of the background sharing
    /// them would be taken for one).
    fn df_of_id(&self, id: u32) -> u32 {
        self.find(id as usize, |hash| hash as u32 == id)
    }

    /// The frequency in the first slot, probing from `start`, whose hash is `found`, or 0.
    fn find(&self, start: usize, found: impl Fn(u64) -> bool) -> u32 {
        const SLOT: usize = 12;
        let slots = (self.bytes.len() - 4) / SLOT;
        let mut at = start & (slots - 1);
        loop {
            let start = 4 + SLOT * at;
            let hash = u64::from_le_bytes(self.bytes[start..start + 8].try_into().expect("8"));
            let n = self.u32_at(start + 8);
            if n == u32::MAX {
                return 0;
            }
            if found(hash) {
                return n;
            }
            at = (at + 1) & (slots - 1);
        }
    }

    /// Smoothed inverse document frequency: a feature the background never saw weighs most.
    fn idf(&self, feature: u64) -> f32 {
        let documents = self.documents() as f32;
        let df = self.df(feature) as f32;
        ((documents + 1.0) / (df + 1.0)).ln() + 1.0
    }
}

/// How the background writes a word: the number of its documents that hold the word's stem,
/// and the share of those that hold it capitalised inside a sentence (a name, "Trump", near
/// 1; a common noun, "plan", near 0). `None` for a word the background never saw.
///
/// The stem's documents count every word of the stem, so a name that shares its stem with
/// another name ("Aly", "Ali") counts that name's capitalised uses too.
pub(crate) fn capitalised_share(word: &str) -> Option<(u32, f32)> {
    let lower = lowercase(word);
    let (stem_df, stem_name_df) = with_stem(&lower, |s| {
        let as_name = if s == lower {
            0
        } else {
            BACKGROUND.df(feature_hash(&format!("@{s}")))
        };
        (BACKGROUND.df(feature_hash(s)), as_name)
    });
    let name_df = BACKGROUND.df(feature_hash(&format!("@{lower}"))) + stem_name_df;
    let documents = stem_df.max(name_df);
    (documents > 0).then(|| (documents, name_df as f32 / documents as f32))
}

/// Calls `out` with each feature of `text` and its weight: content-word stems (1), capitalised
/// names not at a sentence start ([`NAME_WEIGHT`]) and numbers ([`NUMBER_WEIGHT`]), the last
/// two prefixed so they never collide with words.
fn each_feature(text: &str, mut out: impl FnMut(&str, f32)) {
    let mut buf = String::new();
    let mut lower_buf = String::new();
    let mut sentence_start = true;
    for raw in text.split_whitespace() {
        let trimmed = raw.trim_matches(|c: char| !c.is_alphanumeric());
        // "Trump's" and "Trump’s" count as "Trump".
        let word = trimmed
            .strip_suffix("'s")
            .or_else(|| trimmed.strip_suffix("’s"))
            .unwrap_or(trimmed);
        if !word.is_empty() {
            let lower = lowercase_into(word, &mut lower_buf);
            let is_name = !sentence_start
                && word.chars().next().is_some_and(char::is_uppercase)
                && word.chars().count() > 1;
            let stopword = is_stopword(lower);
            if is_name && !stopword {
                buf.clear();
                buf.push('@');
                buf.push_str(lower);
                out(&buf, NAME_WEIGHT);
            }
            // "385,000" jobless claims or a 6.1 quake: the figures of one event
            if word.len() >= 2 && word.chars().any(|c| c.is_ascii_digit()) {
                buf.clear();
                buf.push('#');
                buf.extend(word.chars().filter(|&c| c != ','));
                out(&buf, NUMBER_WEIGHT);
            }
            if lower.chars().count() > 2 && !stopword && !lower.chars().all(|c| c.is_ascii_digit())
            {
                with_stem(lower, |s| out(s, 1.0));
            }
        }
        sentence_start = raw.ends_with(['.', '!', '?', ':', '"', '”']) || raw.ends_with(".\"");
    }
}

/// Dice overlap of two sets of words (0 when both are empty).
pub(crate) fn dice(a: &Stems, b: &Stems) -> f32 {
    let total = a.len() + b.len();
    if total == 0 {
        return 0.0;
    }
    2.0 * a.intersection(b).count() as f32 / total as f32
}

/// The stems of a text's content words (four letters or more, no digits, no stopwords),
/// leaving out the words `skip` names: what two sentences share when they tell of one thing.
/// A sentence's content-word stems (Fx-hashed: they are hashed and compared by the thousand
/// in every story).
pub(crate) type Stems = rustc_hash::FxHashSet<String>;

pub(crate) fn content_stems(text: &str, skip: impl Fn(&str) -> bool) -> Stems {
    let mut stems = Stems::default();
    // a stem is copied only when it is new here
    let mut buf = String::new();
    for w in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 4 && !w.chars().any(|c| c.is_ascii_digit()))
    {
        let lower = lowercase_into(w, &mut buf);
        if !is_stopword(lower) && !skip(lower) {
            with_stem(lower, |s| {
                if !stems.contains(s) {
                    stems.insert(s.to_string());
                }
            });
        }
    }
    stems
}

/// The runs of characters `inside` accepts in `text`, each with its byte offset.
pub(crate) fn word_spans_where(text: &str, inside: impl Fn(char) -> bool) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (inside(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The unit vector of weights `v` as [`unit_scale`] makes it.
    fn unit(v: &[(u32, f32)]) -> Vec<(u32, f32)> {
        let (scale, clip) = unit_scale(v, MAX_FEATURE_WEIGHT);
        v.iter().map(|&(t, w)| (t, (w * scale).min(clip))).collect()
    }

    #[test]
    fn the_heaviest_feature_comes_down_and_vectors_stay_unit() {
        let a = Article {
            title: Some("Kavanaugh accuser speaks out".into()),
            text: "Senators heard from Kavanaugh on Thursday. Kavanaugh denied it, and Kavanaugh \
                   said the hearing was unfair to Kavanaugh."
                .into(),
            ..Default::default()
        };
        let raw = article_vector(&a);
        let v = unit(&raw);
        let norm: f32 = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        assert!((norm - 1.0).abs() < 1e-4, "{norm}");
        let weight = |v: &[(u32, f32)], f: &str| {
            v.iter()
                .find(|(t, _)| *t == feature_hash(f) as u32)
                .unwrap()
                .1
        };
        let n: f32 = raw.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        let uncapped = weight(&raw, "kavanaugh") / n;
        assert!(uncapped > 0.5, "{uncapped}");
        assert!(weight(&v, "kavanaugh") < uncapped - 0.1, "{v:?}");
        // The word still weighs most; the name, counted twice as much, weighs less.
        let heaviest = v.iter().map(|(_, w)| *w).fold(0.0, f32::max);
        assert_eq!(weight(&v, "kavanaugh"), heaviest);
        assert!(weight(&raw, "@kavanaugh") < weight(&raw, "kavanaugh") * 0.5);
    }

    #[test]
    fn capping_a_long_vector_reaches_the_cap() {
        let v: Vec<(u32, f32)> = (0..40)
            .map(|i| (i, if i == 0 { 6.0 } else { 1.0 }))
            .collect();
        let v = unit(&v);
        assert!((v[0].1 - 0.3).abs() < 0.01, "{}", v[0].1);
        assert!(v[1..].iter().all(|(_, w)| *w < 0.3));
        let norm: f32 = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        assert!((norm - 1.0).abs() < 1e-4, "{norm}");
    }

    #[test]
    fn a_feature_is_found_in_the_background_by_its_id() {
        for word in ["minist", "the", "bailout", "@zzqxw"] {
            let h = feature_hash(word);
            assert_eq!(background_frequency(h as u32).1, BACKGROUND.df(h), "{word}");
        }
        assert!(background_frequency(feature_hash("minist") as u32).1 > 0);
    }
}
