//! Named-entity tagging: people, organisations, places and other names in running text.
//!
//! A first-order structured perceptron (averaged; Collins 2002) over hashed lexical features
//! ([`features`]), decoded with Viterbi under BIO constraints. The model is trained by this
//! project's own code (`cargo run --release -p dossier-ner --bin train-ner`) on the CoNLL-2003
//! training split in `../shared/eval/ner/`; only the learned weights are committed
//! (`model/conll2003-en.bin.gz`), never the data. Tokenization follows CoNLL ([`tokenize`]).
//!
//! Pure: the model is compiled into the binary and loaded once on first use.

pub mod conll;
pub mod features;
pub mod model;
pub mod tokenize;

pub use model::{Model, Tag, TAGS};
pub use tokenize::{tokenize, Token};

use once_cell::sync::Lazy;

/// The committed model (CoNLL-2003 English, four types; `model/conll2003-en.bin.gz`,
/// inflated by `build.rs`).
static MODEL_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/model.bin"));

static MODEL: Lazy<Model> =
    Lazy::new(|| Model::from_bytes(MODEL_BYTES).expect("the committed NER model loads"));

/// The committed model.
pub fn model() -> &'static Model {
    &MODEL
}

/// A name found in text: its type and token span.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// `PER`, `ORG`, `LOC` or `MISC`.
    pub kind: &'static str,
    /// Token indices, end exclusive.
    pub start: usize,
    pub end: usize,
}

/// Groups BIO tags into mentions.
pub fn mentions(tags: &[Tag]) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    for (i, t) in tags.iter().enumerate() {
        match t.kind() {
            None => {}
            Some(kind) => {
                let continues =
                    !t.is_begin() && out.last().is_some_and(|m| m.end == i && m.kind == kind);
                if continues {
                    out.last_mut().unwrap().end = i + 1;
                } else {
                    out.push(Mention {
                        kind,
                        start: i,
                        end: i + 1,
                    });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(String, &'static str)> {
        let toks = tokenize(text);
        let words: Vec<&str> = toks.iter().map(|t| t.text.as_str()).collect();
        let tags = model().tag(&words);
        mentions(&tags)
            .into_iter()
            .map(|m| (words[m.start..m.end].join(" "), m.kind))
            .collect()
    }

    #[test]
    fn the_committed_model_finds_people_places_and_organisations() {
        let found = names(
            "Russian President Vladimir Putin met U.S. envoy Steve Witkoff in Moscow on Tuesday, \
             while NATO ministers gathered in Brussels.",
        );
        for want in [
            ("Vladimir Putin", "PER"),
            ("Steve Witkoff", "PER"),
            ("Moscow", "LOC"),
            ("NATO", "ORG"),
            ("Brussels", "LOC"),
        ] {
            assert!(
                found.iter().any(|(n, k)| n == want.0 && *k == want.1),
                "{want:?} not in {found:?}"
            );
        }
    }

    #[test]
    fn mentions_group_bio_runs() {
        let t = |s: &str| Tag::parse(s).unwrap();
        let tags = [
            t("B-PER"),
            t("I-PER"),
            t("O"),
            t("B-LOC"),
            t("B-LOC"),
            t("I-ORG"),
        ];
        let m = mentions(&tags);
        assert_eq!(m.len(), 4);
        assert_eq!((m[0].start, m[0].end, m[0].kind), (0, 2, "PER"));
        assert_eq!((m[1].start, m[2].start, m[3].kind), (3, 4, "ORG"));
    }

    #[test]
    fn model_file_round_trips() {
        let mut bytes = Vec::new();
        model().write_gz(&mut bytes, 0.0).unwrap();
        let again = Model::from_gz(&bytes).unwrap();
        let words = ["Angela", "Merkel", "visited", "Paris", "."];
        assert_eq!(again.tag(&words), model().tag(&words));
        assert!(Model::from_gz(b"not gzip").is_err());
    }
}
