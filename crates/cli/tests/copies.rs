//! Copies across outlets, end to end: the sample articles plus a lightly edited copy of one of
//! them (as a second outlet running wire copy would publish it).

mod common;

use common::*;
use serde_json::Value;

#[test]
fn a_republished_article_is_marked_as_a_copy_and_counted_once() {
    let dir = tempfile::tempdir().unwrap();
    let samples = workspace().join("examples/kremlin-talks");
    for entry in std::fs::read_dir(&samples).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_some_and(|e| e == "txt") {
            std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
        }
    }
    // The copy: the same text with its first paragraph reworded and another line dropped.
    let original = std::fs::read_to_string(samples.join("003_d91c096374eaec4b.txt")).unwrap();
    let mut lines: Vec<&str> = original.lines().collect();
    let first = lines
        .iter()
        .position(|l| l.split_whitespace().count() > 12)
        .unwrap();
    lines[first] = "Vladimir Putin met the American envoys in Moscow, a republished report said.";
    let last = lines
        .iter()
        .rposition(|l| l.split_whitespace().count() > 12)
        .unwrap();
    lines.remove(last);
    std::fs::write(dir.path().join("republished.txt"), lines.join("\n")).unwrap();

    let (d, out) = analyze_json(&[dir.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let id_of = |file: &str| -> String {
        d["articles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["source"].as_str().unwrap().ends_with(file) && a["part"] == 1)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let (copy, original) = (id_of("republished.txt"), id_of("003_d91c096374eaec4b.txt"));
    let story: &Value = d["stories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["articles"].as_array().unwrap().iter().any(|a| a == &copy))
        .unwrap();
    assert!(
        story["articles"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == &original),
        "the copy and its original are one story"
    );
    let links = story["copies"].as_array().unwrap();
    assert_eq!(links.len(), 1, "{links:#?}");
    let link = &links[0];
    // Undated copies: the shorter (the copy, a line cut) copies the fuller.
    assert_eq!(link["article"], copy.as_str());
    assert_eq!(link["of"], original.as_str());
    assert_eq!(link["kind"], "copy");
    assert!(link["share"].as_f64().unwrap() > 0.8, "{link}");
    // A fact both report counts them as one independent source.
    for f in story["facts"].as_array().unwrap() {
        let reporters: Vec<&str> = f["reports"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["article"].as_str().unwrap())
            .collect();
        if reporters.contains(&copy.as_str()) && reporters.contains(&original.as_str()) {
            let mut distinct = reporters.clone();
            distinct.sort();
            distinct.dedup();
            assert!(
                f["sources"].as_u64().unwrap() < distinct.len() as u64,
                "the copy counted as a source of its own: {f:#}"
            );
        }
    }
}
