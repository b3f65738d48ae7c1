//! The tagger's weights, Viterbi decoding, averaged-perceptron training, and the model file.

// Loops run over tag ids that index several arrays at once; ranges read clearer here.
#![allow(clippy::needless_range_loop)]

use crate::features::{word_features, word_hashes, Sentence};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Feature keys are already xxh3 hashes: use them as they are instead of hashing them again.
#[derive(Default)]
pub struct KeyIsHash(u64);

impl Hasher for KeyIsHash {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type FeatureIndex = HashMap<u64, u32, BuildHasherDefault<KeyIsHash>>;

/// How many words a thread remembers the feature rows of before it starts afresh (a few MB).
const WORDS_REMEMBERED: usize = 100_000;

/// What a thread remembers of each word it tagged, for the model `model`: most words of news
/// text recur, and their hashing and twelve feature lookups are then one lookup.
struct WordRows {
    model: u64,
    rows: dossier_memo::Memo<Box<str>, KnownWord>,
}

/// A word's value hashes ([`word_hashes`]) and the sum of the model's rows of its word-alone
/// features ([`word_features`]), added in their order from zero: the start of its emission
/// scores, to which its context features' rows are added in order as before.
#[derive(Clone, Copy)]
struct KnownWord {
    lower: u64,
    short: u64,
    emission: [f32; N],
}

thread_local! {
    static WORD_ROWS: std::cell::RefCell<WordRows> = std::cell::RefCell::new(WordRows {
        model: 0,
        rows: dossier_memo::Memo::new(WORDS_REMEMBERED),
    });
}

/// The id of the next model loaded from a file.
static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
use std::io::{Read, Write};

pub const N: usize = 9;

/// BIO tags over the four CoNLL types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Tag(pub u8);

pub const TAGS: [&str; N] = [
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
];

impl Tag {
    pub const O: Tag = Tag(0);

    pub fn parse(s: &str) -> Option<Tag> {
        TAGS.iter().position(|t| *t == s).map(|i| Tag(i as u8))
    }

    pub fn name(self) -> &'static str {
        TAGS[self.0 as usize]
    }

    /// `PER`, `ORG`, `LOC`, `MISC`, or `None` for O.
    pub fn kind(self) -> Option<&'static str> {
        self.name().split_once('-').map(|(_, k)| k)
    }

    pub fn is_begin(self) -> bool {
        self.name().starts_with("B-")
    }

    /// Whether `self` may follow `prev` (`None` = sentence start) under BIO.
    fn may_follow(self, prev: Option<Tag>) -> bool {
        if !self.name().starts_with("I-") {
            return true;
        }
        prev.is_some_and(|p| p.kind() == self.kind())
    }
}

/// Weights: per feature, one weight per tag; per tag pair, a transition weight (row `N` is the
/// sentence start).
#[derive(Default)]
pub struct Model {
    /// Which loaded model this is (from 1; 0 for one in training, whose index still grows), so
    /// a thread's remembered word rows are never used with another model.
    id: u64,
    index: FeatureIndex,
    rows: Vec<[f32; N]>,
    trans: [[f32; N]; N + 1],
}

impl Model {
    /// Tags a sentence given as words.
    pub fn tag(&self, words: &[&str]) -> Vec<Tag> {
        let (mut buf, mut text) = (Vec::new(), String::new());
        let n = words.len();
        let (mut lower, mut short) = (Vec::with_capacity(n), Vec::with_capacity(n));
        let mut emission: Vec<[f32; N]> = Vec::with_capacity(n);
        WORD_ROWS.with_borrow_mut(|remembered| {
            if remembered.model != self.id {
                remembered.model = self.id;
                remembered.rows.clear();
            }
            for w in words {
                let known = match remembered.rows.get(*w).filter(|_| self.id != 0) {
                    Some(known) => *known,
                    None => {
                        let (l, sh) = word_hashes(w, &mut text);
                        buf.clear();
                        word_features(w, &mut buf);
                        let mut e = [0f32; N];
                        self.add_rows(&buf, &mut e);
                        let known = KnownWord {
                            lower: l,
                            short: sh,
                            emission: e,
                        };
                        if self.id != 0 {
                            remembered.rows.insert((*w).into(), known);
                        }
                        known
                    }
                };
                lower.push(known.lower);
                short.push(known.short);
                emission.push(known.emission);
            }
        });
        let s = Sentence::with_hashes(words, lower, short);
        for (i, e) in emission.iter_mut().enumerate() {
            buf.clear();
            s.context_features(i, &mut buf);
            self.add_rows(&buf, e);
        }
        self.best_path(&emission)
    }

    /// Adds to `e` the rows of the features (hashes) the model knows, in order.
    fn add_rows(&self, feats: &[u64], e: &mut [f32; N]) {
        for f in feats {
            if let Some(&r) = self.index.get(f) {
                self.add_row(r as usize, e);
            }
        }
    }

    /// The emission scores of a token with these feature rows (training's view: row ids).
    fn emissions(&self, feats: &[u32]) -> [f32; N] {
        let mut e = [0f32; N];
        for &f in feats {
            self.add_row(f as usize, &mut e);
        }
        e
    }

    /// Adds row `r`'s weights to `e`.
    #[inline]
    fn add_row(&self, r: usize, e: &mut [f32; N]) {
        let row = &self.rows[r];
        for t in 0..N {
            e[t] += row[t];
        }
    }

    fn viterbi<F: AsRef<[u32]>>(&self, feats: &[F]) -> Vec<Tag> {
        let emission: Vec<[f32; N]> = feats.iter().map(|f| self.emissions(f.as_ref())).collect();
        self.best_path(&emission)
    }

    /// The best tag sequence for tokens with these emission scores (Viterbi).
    fn best_path(&self, emission: &[[f32; N]]) -> Vec<Tag> {
        let n = emission.len();
        if n == 0 {
            return Vec::new();
        }
        // The transitions with those BIO forbids set to minus infinity, so the inner loop is
        // plain arithmetic (a forbidden or unreachable path never beats a reachable one).
        let mut trans = self.trans;
        for (p, row) in trans.iter_mut().enumerate() {
            let prev = (p < N).then_some(Tag(p as u8));
            for (t, w) in row.iter_mut().enumerate() {
                if !Tag(t as u8).may_follow(prev) {
                    *w = f32::NEG_INFINITY;
                }
            }
        }
        let mut score = vec![[f32::NEG_INFINITY; N]; n];
        let mut back = vec![[0u8; N]; n];
        let e0 = emission[0];
        for t in 0..N {
            score[0][t] = e0[t] + trans[N][t];
        }
        for i in 1..n {
            let e = emission[i];
            for t in 0..N {
                let mut best = (f32::NEG_INFINITY, 0u8);
                for p in 0..N {
                    let s = score[i - 1][p] + trans[p][t];
                    if s > best.0 {
                        best = (s, p as u8);
                    }
                }
                score[i][t] = best.0 + e[t];
                back[i][t] = best.1;
            }
        }
        let mut t = (0..N)
            .max_by(|&a, &b| score[n - 1][a].total_cmp(&score[n - 1][b]))
            .unwrap();
        let mut out = vec![Tag::O; n];
        for i in (0..n).rev() {
            out[i] = Tag(t as u8);
            t = back[i][t] as usize;
        }
        out
    }

    /// Reads a gzipped model file.
    pub fn from_gz(bytes: &[u8]) -> std::io::Result<Model> {
        let mut raw = Vec::new();
        flate2::read::GzDecoder::new(bytes).read_to_end(&mut raw)?;
        Model::from_bytes(&raw)
    }

    /// Reads an inflated model file.
    pub fn from_bytes(raw: &[u8]) -> std::io::Result<Model> {
        let bad =
            || std::io::Error::new(std::io::ErrorKind::InvalidData, "not a dossier NER model");
        if raw.len() < 12 || &raw[..8] != b"DNERv1\0\0" {
            return Err(bad());
        }
        let mut pos = 8;
        let mut take = |k: usize| -> std::io::Result<&[u8]> {
            let s = raw.get(pos..pos + k).ok_or_else(bad)?;
            pos += k;
            Ok(s)
        };
        let mut m = Model {
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            ..Model::default()
        };
        for row in m.trans.iter_mut() {
            for w in row.iter_mut() {
                *w = f32::from_le_bytes(take(4)?.try_into().unwrap());
            }
        }
        let count = u32::from_le_bytes(take(4)?.try_into().unwrap()) as usize;
        let scale = f32::from_le_bytes(take(4)?.try_into().unwrap());
        m.rows.reserve(count);
        m.index.reserve(count);
        for i in 0..count {
            let hash = u64::from_le_bytes(take(8)?.try_into().unwrap());
            let mut row = [0f32; N];
            for w in row.iter_mut() {
                *w = i16::from_le_bytes(take(2)?.try_into().unwrap()) as f32 * scale;
            }
            m.index.insert(hash, i as u32);
            m.rows.push(row);
        }
        Ok(m)
    }

    /// Writes the model gzipped, weights quantised to 16 bits, features whose weights are all
    /// below `prune` dropped.
    pub fn write_gz(&self, w: impl Write, prune: f32) -> std::io::Result<usize> {
        let max = self
            .rows
            .iter()
            .flat_map(|r| r.iter())
            .fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 {
            max / i16::MAX as f32
        } else {
            1.0
        };
        let mut kept: Vec<(u64, u32)> = self
            .index
            .iter()
            .filter(|(_, &r)| self.rows[r as usize].iter().any(|w| w.abs() >= prune))
            .map(|(&h, &r)| (h, r))
            .collect();
        kept.sort_unstable();
        let mut out = flate2::write::GzEncoder::new(w, flate2::Compression::best());
        out.write_all(b"DNERv1\0\0")?;
        for row in &self.trans {
            for x in row {
                out.write_all(&x.to_le_bytes())?;
            }
        }
        out.write_all(&(kept.len() as u32).to_le_bytes())?;
        out.write_all(&scale.to_le_bytes())?;
        for (h, r) in &kept {
            out.write_all(&h.to_le_bytes())?;
            for x in &self.rows[*r as usize] {
                out.write_all(&((x / scale).round() as i16).to_le_bytes())?;
            }
        }
        out.finish()?;
        Ok(kept.len())
    }
}

/// Averaged structured-perceptron training.
pub struct Trainer {
    model: Model,
    /// Sums of weights over time (for averaging), and when each was last brought up to date.
    totals: Vec<[f32; N]>,
    stamps: Vec<[u32; N]>,
    trans_totals: [[f32; N]; N + 1],
    trans_stamps: [[u32; N]; N + 1],
    step: u32,
}

impl Default for Trainer {
    fn default() -> Self {
        Self::new()
    }
}

impl Trainer {
    pub fn new() -> Self {
        Trainer {
            model: Model::default(),
            totals: Vec::new(),
            stamps: Vec::new(),
            trans_totals: [[0.0; N]; N + 1],
            trans_stamps: [[0; N]; N + 1],
            step: 0,
        }
    }

    /// Feature rows of a sentence, adding unseen features.
    pub fn featurize(&mut self, words: &[&str]) -> Vec<Vec<u32>> {
        let s = Sentence::new(words);
        let mut buf = Vec::new();
        (0..s.len())
            .map(|i| {
                s.features(i, &mut buf);
                buf.iter()
                    .map(|f| {
                        let next = self.model.rows.len() as u32;
                        let id = *self.model.index.entry(*f).or_insert(next);
                        if id == next {
                            self.model.rows.push([0.0; N]);
                            self.totals.push([0.0; N]);
                            self.stamps.push([0; N]);
                        }
                        id
                    })
                    .collect()
            })
            .collect()
    }

    /// One perceptron step on a sentence; returns whether the prediction was wrong.
    pub fn learn(&mut self, feats: &[Vec<u32>], gold: &[Tag]) -> bool {
        self.step += 1;
        let pred = self.model.viterbi(feats);
        if pred == gold {
            return false;
        }
        for (i, f) in feats.iter().enumerate() {
            let (g, p) = (gold[i].0 as usize, pred[i].0 as usize);
            if g != p {
                for &r in f {
                    self.bump(r as usize, g, 1.0);
                    self.bump(r as usize, p, -1.0);
                }
            }
            let gp = if i == 0 { N } else { gold[i - 1].0 as usize };
            let pp = if i == 0 { N } else { pred[i - 1].0 as usize };
            if gp != pp || g != p {
                self.bump_trans(gp, g, 1.0);
                self.bump_trans(pp, p, -1.0);
            }
        }
        true
    }

    fn bump(&mut self, r: usize, t: usize, by: f32) {
        let elapsed = (self.step - self.stamps[r][t]) as f32;
        self.totals[r][t] += elapsed * self.model.rows[r][t];
        self.stamps[r][t] = self.step;
        self.model.rows[r][t] += by;
    }

    fn bump_trans(&mut self, p: usize, t: usize, by: f32) {
        let elapsed = (self.step - self.trans_stamps[p][t]) as f32;
        self.trans_totals[p][t] += elapsed * self.model.trans[p][t];
        self.trans_stamps[p][t] = self.step;
        self.model.trans[p][t] += by;
    }

    /// The averaged model.
    pub fn finish(mut self) -> Model {
        let step = self.step.max(1) as f32;
        for r in 0..self.model.rows.len() {
            for t in 0..N {
                let elapsed = (self.step - self.stamps[r][t]) as f32;
                let total = self.totals[r][t] + elapsed * self.model.rows[r][t];
                self.model.rows[r][t] = total / step;
            }
        }
        for p in 0..=N {
            for t in 0..N {
                let elapsed = (self.step - self.trans_stamps[p][t]) as f32;
                let total = self.trans_totals[p][t] + elapsed * self.model.trans[p][t];
                self.model.trans[p][t] = total / step;
            }
        }
        self.model
    }

    /// The current (not averaged) model, for decoding during training.
    pub fn model(&self) -> &Model {
        &self.model
    }
}
