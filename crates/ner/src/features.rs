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
    let mut last = None;
    for c in w.chars().map(shape_of) {
        if last != Some(c) {
            out.push(c);
            last = Some(c);
        }
    }
    out
}

/// `w` lower-cased, borrowed when it already is (most words of a sentence).
fn lowercase(w: &str) -> Cow<'_, str> {
    if w.bytes().all(|b| !b.is_ascii_uppercase() && b.is_ascii()) {
        Cow::Borrowed(w)
    } else {
        Cow::Owned(w.to_lowercase())
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

/// `v[i]`, or a boundary marker before the start and after the end of the sentence.
fn padded<S: AsRef<str>>(v: &[S], i: isize) -> &str {
    if i < 0 {
        "<s>"
    } else {
        v.get(i as usize).map_or("</s>", AsRef::as_ref)
    }
}

/// Per-sentence view of the tokens that feature extraction needs.
pub struct Sentence<'a> {
    lower: Vec<Cow<'a, str>>,
    words: &'a [&'a str],
    short: Vec<String>,
    all_caps: bool,
}

impl<'a> Sentence<'a> {
    pub fn new(words: &'a [&'a str]) -> Self {
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
            lower: words.iter().map(|w| lowercase(w)).collect(),
            words,
            short: words.iter().map(|w| short_shape(w)).collect(),
            all_caps: letters > 3 && upper == letters,
        }
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    fn lower(&self, i: isize) -> &str {
        padded(&self.lower, i)
    }

    fn short(&self, i: isize) -> &str {
        padded(&self.short, i)
    }

    /// The feature hashes of token `i`: [`Sentence::word_features`], then
    /// [`Sentence::context_features`].
    pub fn features(&self, i: usize, out: &mut Vec<u64>) {
        out.clear();
        self.word_features(i, out);
        self.context_features(i, out);
    }

    /// Appends the hashes of the features of token `i` that are of the word alone (the same
    /// wherever the word stands, so a tagger may remember them per word).
    pub fn word_features(&self, i: usize, out: &mut Vec<u64>) {
        let w = &self.words[i];
        let l = &self.lower[i];
        out.push(h(0, &[]));
        out.push(h(1, &[l]));
        out.push(h(2, &[w]));
        out.push(h(3, &[&shape(w)]));
        out.push(h(4, &[&self.short[i]]));
        for (n, len) in LENGTHS.iter().enumerate().take(4).skip(1) {
            out.push(h(5, &[prefix(l, n), len]));
        }
        for (n, len) in LENGTHS.iter().enumerate().skip(1) {
            out.push(h(6, &[suffix(l, n), len]));
        }
    }

    /// Appends the hashes of the features of token `i` that depend on its neighbours, its
    /// place or the sentence.
    pub fn context_features(&self, i: usize, out: &mut Vec<u64>) {
        let x = i as isize;
        let l = &self.lower[i];
        let caps = if self.all_caps { "C" } else { "c" };
        out.push(h(7, &[self.lower(x - 1)]));
        out.push(h(8, &[self.lower(x + 1)]));
        out.push(h(9, &[self.lower(x - 2)]));
        out.push(h(10, &[self.lower(x + 2)]));
        out.push(h(11, &[self.short(x - 1)]));
        out.push(h(12, &[self.short(x + 1)]));
        out.push(h(13, &[self.lower(x - 1), l]));
        out.push(h(14, &[l, self.lower(x + 1)]));
        out.push(h(
            15,
            &[self.short(x - 1), &self.short[i], self.short(x + 1)],
        ));
        out.push(h(
            16,
            &[if i == 0 { "first" } else { "inner" }, &self.short[i]],
        ));
        out.push(h(17, &[caps, &self.short[i]]));
        out.push(h(18, &[caps, l]));
        out.push(h(19, &[self.lower(x - 1), &self.short[i]]));
        out.push(h(20, &[&self.short[i], self.lower(x + 1)]));
    }
}
