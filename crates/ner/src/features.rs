//! The features of one token in its sentence, as 64-bit hashes of (template, value).

use std::borrow::Cow;

/// The shape class of one character: letters to X/x, digits to d, others kept.
fn shape_of(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_alphabetic() {
        'x'
    } else if c.is_ascii_digit() {
        'd'
    } else {
        c
    }
}

/// A word's shape: letters to X/x, digits to d, other characters kept ("U.S." -> "X.X.",
/// "Zelenskyy" -> "Xxxxxxxxx").
pub fn shape(w: &str) -> String {
    w.chars().map(shape_of).collect()
}

/// The shape with runs collapsed ("Xxxxxxxxx" -> "Xx").
pub fn short_shape(w: &str) -> String {
    let mut out = String::new();
    push_short_shape(w, &mut out);
    out
}

/// Appends [`short_shape`] of `w` to `out`.
fn push_short_shape(w: &str, out: &mut String) {
    let mut last = None;
    for c in w.chars().map(shape_of) {
        if last != Some(c) {
            out.push(c);
            last = Some(c);
        }
    }
}

/// `w` lower-cased, borrowed when it already is (most words of a sentence).
fn lowercase(w: &str) -> Cow<'_, str> {
    if w.bytes().all(|b| !b.is_ascii_uppercase() && b.is_ascii()) {
        Cow::Borrowed(w)
    } else {
        Cow::Owned(w.to_lowercase())
    }
}

/// The [`value_hash`] of `w` lower-cased, made in `buf` when `w` is ASCII with capitals.
fn lower_hash(w: &str, buf: &mut String) -> u64 {
    if !w.is_ascii() {
        value_hash(&w.to_lowercase())
    } else if w.bytes().any(|b| b.is_ascii_uppercase()) {
        buf.clear();
        buf.push_str(w);
        buf.make_ascii_lowercase();
        value_hash(buf)
    } else {
        value_hash(w)
    }
}

/// The hash of a template and its values: xxh3 of `template, (0x1f, value)*`. The bytes are
/// laid out on the stack and hashed at once (the same digest as streaming them, much cheaper
/// than a streaming hasher per feature).
fn h(template: u8, parts: &[&str]) -> u64 {
    let len = 1 + parts.iter().map(|p| 1 + p.len()).sum::<usize>();
    let mut stack = [0u8; 160];
    let mut heap = Vec::new();
    let buf: &mut [u8] = if len <= stack.len() {
        &mut stack[..len]
    } else {
        heap.resize(len, 0);
        &mut heap
    };
    buf[0] = template;
    let mut at = 1;
    for p in parts {
        buf[at] = 0x1f;
        buf[at + 1..at + 1 + p.len()].copy_from_slice(p.as_bytes());
        at += 1 + p.len();
    }
    xxhash_rust::xxh3::xxh3_64(buf)
}

/// A token's value hash for context features: xxh3 of its bytes.
fn value_hash(v: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(v.as_bytes())
}

/// Value hashes standing for the places before the start and after the end of a sentence, for
/// a sentence in capitals or not, and for the first token or another.
const BEFORE_START: u64 = 0x243f_6a88_85a3_08d3;
const AFTER_END: u64 = 0x1319_8a2e_0370_7344;
const CAPS: u64 = 0xa409_3822_299f_31d0;
const NOT_CAPS: u64 = 0x082e_fa98_ec4e_6c89;
const FIRST: u64 = 0x4528_21e6_38d0_1377;
const INNER: u64 = 0xbe54_66cf_34e9_0c6c;

/// The hash of a context feature: its template and its values' hashes, combined by
/// multiply-rotate rounds and finished by the MurmurHash3 mixer (the model's index uses the
/// hash's bits as they are).
fn mix(template: u8, parts: &[u64]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut x = (u64::from(template) + 1).wrapping_mul(K);
    for &p in parts {
        x = (x ^ p).wrapping_mul(K).rotate_left(31);
    }
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

/// `v[i]`, or the boundary hash before the start and after the end of the sentence.
fn padded_hash(v: &[u64], i: isize) -> u64 {
    if i < 0 {
        BEFORE_START
    } else {
        v.get(i as usize).copied().unwrap_or(AFTER_END)
    }
}

/// "1" to "4": the lengths of prefixes and suffixes, as feature values.
const LENGTHS: [&str; 5] = ["0", "1", "2", "3", "4"];

fn prefix(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

fn suffix(s: &str, n: usize) -> &str {
    let count = s.chars().count();
    if count <= n {
        return s;
    }
    let (i, _) = s.char_indices().nth(count - n).unwrap();
    &s[i..]
}

/// The value hashes of a word for its neighbours' context features: of the word lower-cased
/// and of its short shape (`buf` is room to make them in).
pub fn word_hashes(w: &str, buf: &mut String) -> (u64, u64) {
    let lower = lower_hash(w, buf);
    buf.clear();
    push_short_shape(w, buf);
    (lower, value_hash(buf))
}

/// Appends the hashes of the features of a word alone (the same wherever it stands, so a
/// tagger may remember them per word).
pub fn word_features(w: &str, out: &mut Vec<u64>) {
    let l = &*lowercase(w);
    out.push(h(0, &[]));
    out.push(h(1, &[l]));
    out.push(h(2, &[w]));
    out.push(h(3, &[&shape(w)]));
    out.push(h(4, &[&short_shape(w)]));
    for (n, len) in LENGTHS.iter().enumerate().take(4).skip(1) {
        out.push(h(5, &[prefix(l, n), len]));
    }
    for (n, len) in LENGTHS.iter().enumerate().skip(1) {
        out.push(h(6, &[suffix(l, n), len]));
    }
}

/// Per-sentence view of the tokens that feature extraction needs.
pub struct Sentence<'a> {
    words: &'a [&'a str],
    /// The [`value_hash`] of each word lower-cased, and of its short shape.
    lower_h: Vec<u64>,
    short_h: Vec<u64>,
    all_caps: bool,
}

impl<'a> Sentence<'a> {
    pub fn new(words: &'a [&'a str]) -> Self {
        let mut buf = String::new();
        let (lower, short) = words.iter().map(|w| word_hashes(w, &mut buf)).unzip();
        Sentence::with_hashes(words, lower, short)
    }

    /// The sentence of `words` whose [`word_hashes`] are already known.
    pub fn with_hashes(words: &'a [&'a str], lower_h: Vec<u64>, short_h: Vec<u64>) -> Self {
        let (mut letters, mut upper) = (0usize, 0usize);
        for c in words
            .iter()
            .flat_map(|w| w.chars())
            .filter(|c| c.is_alphabetic())
        {
            letters += 1;
            upper += usize::from(c.is_uppercase());
        }
        Sentence {
            lower_h,
            short_h,
            words,
            all_caps: letters > 3 && upper == letters,
        }
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The feature hashes of token `i`: [`Sentence::word_features`], then
    /// [`Sentence::context_features`].
    pub fn features(&self, i: usize, out: &mut Vec<u64>) {
        out.clear();
        self.word_features(i, out);
        self.context_features(i, out);
    }

    /// Appends the hashes of the features of token `i` that are of the word alone
    /// ([`word_features`]).
    pub fn word_features(&self, i: usize, out: &mut Vec<u64>) {
        word_features(self.words[i], out);
    }

    /// Appends the hashes of the features of token `i` that depend on its neighbours, its
    /// place or the sentence: each composed by [`mix`] from the tokens' own hashes, made once
    /// a sentence, not by hashing the joined strings (15 string hashes a token were a twentieth
    /// of an `analyze`).
    pub fn context_features(&self, i: usize, out: &mut Vec<u64>) {
        let x = i as isize;
        let (l, sh) = (self.lower_h[i], self.short_h[i]);
        let (lower, short) = (
            |k| padded_hash(&self.lower_h, k),
            |k| padded_hash(&self.short_h, k),
        );
        let caps = if self.all_caps { CAPS } else { NOT_CAPS };
        let place = if i == 0 { FIRST } else { INNER };
        out.extend([
            mix(7, &[lower(x - 1)]),
            mix(8, &[lower(x + 1)]),
            mix(9, &[lower(x - 2)]),
            mix(10, &[lower(x + 2)]),
            mix(11, &[short(x - 1)]),
            mix(12, &[short(x + 1)]),
            mix(13, &[lower(x - 1), l]),
            mix(14, &[l, lower(x + 1)]),
            mix(15, &[short(x - 1), sh, short(x + 1)]),
            mix(16, &[place, sh]),
            mix(17, &[caps, sh]),
            mix(18, &[caps, l]),
            mix(19, &[lower(x - 1), sh]),
            mix(20, &[sh, lower(x + 1)]),
        ]);
    }
}
