//! Builds `data/background.tsv.gz`, the document frequencies story clustering weighs words by,
//! from the gold article bodies of two permissively licensed extraction benchmarks in
//! `../shared/eval/extraction/` (see `data/NOTICE.md`): AEB (181 news pages, MIT) and WCXB
//! dev (711 article pages, CC BY 4.0).
//!
//! `cargo run --release -p dossier-analysis --bin build-background -- ../shared/eval/extraction`
//!
//! A fixed background, not the frequencies of the articles at hand, so that an article's
//! similarity to another never depends on what else was read with them: a corpus clustered in
//! one batch or in ten increments gives the same stories. First line `#documents<TAB>N`, then
//! `feature<TAB>document frequency` for every feature (stem, `@name`, `#number`) in two or more
//! documents, sorted.

use serde_json::Value;
use std::collections::{BTreeMap, HashSet};
use std::io::Write;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/eval/extraction".into());
    let dir = std::path::Path::new(&dir);
    let mut bodies: Vec<(Option<String>, String)> = Vec::new();
    let aeb: Value = serde_json::from_slice(
        &std::fs::read(dir.join("aeb/ground-truth.json")).expect("aeb/ground-truth.json"),
    )
    .expect("AEB ground truth is JSON");
    for page in aeb.as_object().expect("an object of pages").values() {
        if let Some(body) = page["articleBody"].as_str() {
            bodies.push((None, body.to_string()));
        }
    }
    let wcxb = dir.join("wcxb-dev/dev/ground-truth");
    let mut files: Vec<_> = std::fs::read_dir(&wcxb)
        .expect("wcxb-dev/dev/ground-truth")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    for f in files {
        let v: Value = serde_json::from_slice(&std::fs::read(&f).unwrap()).unwrap();
        let g = &v["ground_truth"];
        if let Some(body) = g["main_content"].as_str() {
            bodies.push((g["title"].as_str().map(str::to_string), body.to_string()));
        }
    }
    // PolNeAR's training texts (840 US political news articles, 2015-2016; research only: only
    // these counts are kept, as a model's weights would be)
    let polnear = dir.join("../quotes/polnear/train/text");
    if polnear.exists() {
        let mut files: Vec<_> = std::fs::read_dir(&polnear)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        files.sort();
        for f in files {
            bodies.push((None, std::fs::read_to_string(&f).unwrap_or_default()));
        }
    }
    let mut df: BTreeMap<String, u32> = BTreeMap::new();
    for (title, body) in &bodies {
        let features: HashSet<String> =
            dossier_analysis::terms::article_features(title.as_deref(), body)
                .into_keys()
                .collect();
        for f in features {
            *df.entry(f).or_insert(0) += 1;
        }
    }
    let out_path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/background.tsv.gz");
    let file = std::fs::File::create(&out_path).expect("writable data folder");
    let mut gz = flate2::write::GzEncoder::new(file, flate2::Compression::best());
    writeln!(gz, "#documents\t{}", bodies.len()).unwrap();
    let mut kept = 0;
    for (f, n) in df.iter().filter(|(_, &n)| n >= 2) {
        writeln!(gz, "{f}\t{n}").unwrap();
        kept += 1;
    }
    gz.finish().unwrap();
    eprintln!(
        "{} documents, {kept} features in two or more -> {}",
        bodies.len(),
        out_path.display()
    );
}
