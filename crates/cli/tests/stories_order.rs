//! Batch and stream agree on real news: a sample of the NeuS/AllSides raw crawl (dated
//! articles of many outlets, read in place from ../shared; skipped when it is absent) gives the
//! same stories and storylines from `analyze`, from one ingest, from an ingest one day at a
//! time (oldest first) and from an ingest of the days in a shuffled order in five parts.
//!
//! Tolerance: none. Every step of story and storyline finding depends only on pairs of
//! articles, on one component of links or on the stories themselves, each taken in id order,
//! so the test asserts equality (a story's id follows from its members, a storyline's from its
//! stories).

mod common;

use common::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;

/// Articles of the raw crawl's first issues, as dossier JSONL records.
const SAMPLE_ARTICLES: usize = 600;

fn write(path: &Path, records: &[&Value]) -> String {
    let mut f = std::fs::File::create(path).unwrap();
    for r in records {
        writeln!(f, "{r}").unwrap();
    }
    path.to_string_lossy().into_owned()
}

/// Each story id with its storyline ("-" when it has none).
fn stored(db: &Path) -> BTreeMap<String, String> {
    let rows = run(&[
        "--db",
        db.to_str().unwrap(),
        "stories",
        "--limit",
        "1000000",
        "--format",
        "json",
    ]);
    rows.as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let line = s["storyline"].as_str().unwrap_or("-");
            (s["id"].as_str().unwrap().to_string(), line.to_string())
        })
        .collect()
}

fn ingest(db: &Path, files: &[String]) {
    let mut args = vec![
        "--db",
        db.to_str().unwrap(),
        "ingest",
        "--defer-dossiers",
        "--json",
    ];
    args.extend(files.iter().map(String::as_str));
    let s = run(&args);
    assert_eq!(s["failed"], 0, "{s}");
}

#[test]
fn real_news_in_three_orders_and_batchings_gives_the_same_stories_and_storylines() {
    let Some(file) = shared(
        "eval/clustering/neus/raw_crawled/headline_11_2021-10-19_crawled_all.minus-test.jsonl",
    ) else {
        return;
    };
    let docs = dossier_eval::clustering::raw_crawl(&file).unwrap();
    let records: Vec<Value> = docs
        .into_iter()
        .take(SAMPLE_ARTICLES)
        .map(|(d, _)| {
            let h = &d.hints;
            serde_json::json!({
                "url": h.url,
                "outlet": h.outlet.as_ref().map(|o| &o.value),
                "title": h.title.as_ref().map(|t| &t.value),
                "published": h.published.as_ref().map(|p| &p.value),
                "text": d.text,
            })
        })
        .collect();
    // One file per publication day (an article's id follows from its file and line, so every
    // order below reads the same files).
    let mut by_day: BTreeMap<String, Vec<&Value>> = BTreeMap::new();
    for r in &records {
        let day = r["published"].as_str().unwrap_or("undated").to_string();
        by_day.entry(day).or_default().push(r);
    }
    assert!(by_day.len() > 20, "{} days", by_day.len());
    let tmp = tempfile::tempdir().unwrap();
    let days: Vec<String> = by_day
        .values()
        .enumerate()
        .map(|(k, day)| write(&tmp.path().join(format!("day-{k:03}.jsonl")), day))
        .collect();

    // `analyze` on all of them at once.
    let mut args = vec!["analyze", "--format", "json", "--quiet"];
    args.extend(days.iter().map(String::as_str));
    let analyzed = run(&args);
    let from_analyze: BTreeMap<String, String> = analyzed["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let line = s["storyline"].as_str().unwrap_or("-");
            (s["id"].as_str().unwrap().to_string(), line.to_string())
        })
        .collect();
    let storylines: BTreeSet<&String> = from_analyze.values().filter(|l| *l != "-").collect();
    assert!(from_analyze.len() > 100, "{} stories", from_analyze.len());
    assert!(storylines.len() > 5, "{} storylines", storylines.len());

    // One ingest of every day.
    let once = tmp.path().join("once");
    ingest(&once, &days);
    assert_eq!(stored(&once), from_analyze, "one ingest");

    // One ingest per day, oldest first.
    let daily = tmp.path().join("daily");
    for day in &days {
        ingest(&daily, std::slice::from_ref(day));
    }
    assert_eq!(stored(&daily), from_analyze, "one day at a time");

    // The days in a shuffled order (a fixed permutation), in five ingests.
    let mut shuffled: Vec<&String> = days.iter().collect();
    shuffled.sort_by_key(|d| {
        d.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
        })
    });
    let mixed = tmp.path().join("shuffled");
    for part in shuffled.chunks(shuffled.len().div_ceil(5)) {
        let part: Vec<String> = part.iter().map(|d| d.to_string()).collect();
        ingest(&mixed, &part);
    }
    assert_eq!(
        stored(&mixed),
        from_analyze,
        "shuffled days, in five ingests"
    );
}
