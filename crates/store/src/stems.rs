//! The search index's `en_stem` analyzer with its stems remembered.
//!
//! tantivy's built-in `en_stem` (simple tokenizer, tokens over 40 bytes dropped, lower case,
//! English Snowball stemmer) stems every token of every article it indexes; news repeats its
//! words, and stemming was a tenth of an ingest's time. [`analyzer`] is the same chain with the
//! stemmer's answers remembered per thread, so it makes the same tokens (a test compares the
//! two), and stores made before it read the same.

use dossier_memo::Memo;
use std::cell::RefCell;
use tantivy::tokenizer::{
    LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Token, TokenFilter, TokenStream,
    Tokenizer,
};

/// The name the schema gives the analyzer (tantivy's own, which this one replaces).
pub const NAME: &str = "en_stem";

/// How many words a thread remembers before it starts afresh (a few MB).
const REMEMBERED: usize = 100_000;

thread_local! {
    static STEMS: RefCell<(frostem::Stemmer, Memo<String, String>)> = RefCell::new((
        frostem::Stemmer::new(frostem::Algorithm::English),
        Memo::new(REMEMBERED),
    ));
}

/// tantivy's `en_stem` chain, its stemmer's answers remembered.
pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(RememberedStems)
        .build()
}

/// The English stemmer as a token filter that remembers what it made.
#[derive(Clone, Copy)]
struct RememberedStems;

impl TokenFilter for RememberedStems {
    type Tokenizer<T: Tokenizer> = Stemming<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> Stemming<T> {
        Stemming { inner: tokenizer }
    }
}

#[derive(Clone)]
struct Stemming<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for Stemming<T> {
    type TokenStream<'a> = StemmedStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        StemmedStream {
            tail: self.inner.token_stream(text),
        }
    }
}

struct StemmedStream<T> {
    tail: T,
}

impl<T: TokenStream> TokenStream for StemmedStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let text = &mut self.tail.token_mut().text;
        STEMS.with(|cell| {
            let (stemmer, known) = &mut *cell.borrow_mut();
            if let Some(stem) = known.get(text.as_str()) {
                text.clear();
                text.push_str(stem);
                return;
            }
            let stem = stemmer.stem(text).into_owned();
            let word = std::mem::replace(text, stem.clone());
            known.insert(word, stem);
        });
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::TokenizerManager;

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut out = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {
            let t = stream.token();
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        out
    }

    #[test]
    fn the_same_tokens_as_tantivys_en_stem() {
        let mut builtin = TokenizerManager::default()
            .get(NAME)
            .expect("tantivy's en_stem");
        let mut remembered = analyzer();
        let mut texts: Vec<String> = vec![
            "Running runners ran; the RUNNING man's runs. Generously generous generals".into(),
            "Zelensky Zelenskyy Zelenskyy's Kremlin Kyiv Kiev Ärzte über naïve café ſtate".into(),
            "Ограничения были введены 12 марта; 東京 2024年 ΑΘΗΝΑ αθηνα".into(),
            format!("short {} words", "x".repeat(41)),
            String::new(),
        ];
        let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
        for entry in walk(&seeds) {
            texts.push(std::fs::read_to_string(entry).unwrap_or_default());
        }
        assert!(texts.len() > 5, "the sample articles in examples/");
        // twice: the second pass answers from what the first remembered
        for _ in 0..2 {
            for t in &texts {
                assert_eq!(tokens(&mut remembered, t), tokens(&mut builtin, t));
            }
        }
    }

    fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut out = Vec::new();
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
        out
    }
}
