//! The three output formats of `analyze` on the example corpus, and `-o FILE`.

mod common;

use common::*;

#[test]
fn markdown_reads_as_a_dossier() {
    let out = dossier(&["analyze", "examples/kremlin-talks"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let md = stdout(&out);
    assert!(
        md.starts_with("# Dossier: 2 stories from 6 articles"),
        "{}",
        &md[..200.min(md.len())]
    );
    assert!(md.contains("## Story 1: "));
    assert!(md.contains("| # | Title | Outlet | Published | Byline |"));
    assert!(md.contains("Removed by cleaning"));
    assert!(stderr(&out).contains("6 articles from 5 inputs in 2 stories"));
}

#[test]
fn html_is_one_self_contained_page_written_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("d.html");
    let out = dossier(&[
        "analyze",
        "examples/kremlin-talks",
        "-f",
        "html",
        "-q",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
    let page = std::fs::read_to_string(&file).unwrap();
    assert!(page.starts_with("<!doctype html>"));
    assert!(page.contains("Content-Security-Policy"));
    assert!(!page.contains("<script"), "no scripts in the page");
    assert!(
        !page.contains("src=\"http"),
        "nothing loaded from elsewhere"
    );
    assert!(page.contains("German spy chief warns of Russia threat to 2026 regional polls"));
    assert!(page.contains("Trump’s"), "text stays UTF-8");
}

#[test]
fn json_follows_the_contract() {
    let (v, out) = analyze_json(&["examples/kremlin-talks"]);
    assert!(out.status.success());
    for a in v["articles"].as_array().unwrap() {
        for key in [
            "id",
            "source",
            "part",
            "outlet",
            "title",
            "byline",
            "published",
            "text",
            "removed",
            "story",
        ] {
            assert!(a.get(key).is_some(), "article lacks {key}");
        }
    }
    for s in v["stories"].as_array().unwrap() {
        for key in [
            "id",
            "title",
            "articles",
            "entities",
            "quotes",
            "events",
            "facts",
            "positions",
            "brief",
        ] {
            assert!(s.get(key).is_some(), "story lacks {key}");
        }
    }
}
