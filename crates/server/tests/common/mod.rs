//! A corpus for the server tests: the sample articles of `examples/kremlin-talks`, the
//! booby-trapped article and the story of four outlets of `fixtures/`, ingested as `dossier
//! ingest` does.

use dossier_store::{Prepared, Store};
use std::path::{Path, PathBuf};

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Builds the corpus in `dir` (dossiers computed) and returns it closed.
pub fn build_corpus(dir: &Path) {
    let mut store = Store::open(dir).expect("store opens");
    let inputs = [
        repo().join("examples/kremlin-talks").display().to_string(),
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/booby-trapped.jsonl")
            .display()
            .to_string(),
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/outlets.jsonl")
            .display()
            .to_string(),
    ];
    let (files, listing) = dossier_ingest::list_inputs(&inputs);
    assert!(listing.errors.is_empty(), "{:?}", listing.errors);
    let mut batch = Vec::new();
    for f in files {
        for doc in dossier_ingest::read_file(&f) {
            let doc = doc.expect("fixture reads");
            batch.extend(Prepared::all(dossier_clean::clean(&doc)));
        }
    }
    store.add(batch).expect("articles stored");
    store
        .refresh_dossiers(&mut |_, _| {})
        .expect("dossiers computed");
}
