//! The sample corpus against its gold (`../shared/seeds/gold.json`): articles, split-off
//! article, stories, titles, dates, byline, furniture removed with reasons, quotes kept.

mod common;

use common::*;
use serde_json::Value;

/// Lower-case, straight quotes, single spaces: the gold's matching rule.
fn norm(s: &str) -> String {
    s.replace(['’', '‘', '`'], "'")
        .replace(['“', '”'], "\"")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn file_of(a: &Value) -> String {
    let src = a["source"].as_str().unwrap();
    std::path::Path::new(src)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

struct Run {
    dossier: Value,
    gold: Value,
}

impl Run {
    fn load() -> Option<Run> {
        let gold_path = shared("seeds/gold.json")?;
        let gold: Value = serde_json::from_slice(&std::fs::read(gold_path).unwrap()).unwrap();
        let (dossier, out) = analyze_json(&["examples/kremlin-talks"]);
        assert!(out.status.success(), "{}", stderr(&out));
        Some(Run { dossier, gold })
    }

    fn articles(&self) -> &Vec<Value> {
        self.dossier["articles"].as_array().unwrap()
    }

    fn article(&self, file: &str, part: u64) -> &Value {
        self.articles()
            .iter()
            .find(|a| file_of(a) == file && a["part"] == part)
            .unwrap_or_else(|| panic!("no article for {file} part {part}"))
    }

    fn story_text(&self, story: &str) -> String {
        let s = self.dossier["stories"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == story)
            .unwrap();
        let mut text = String::new();
        for section in ["brief", "facts", "quotes", "events", "positions"] {
            text.push_str(&s[section].to_string());
        }
        text
    }
}

#[test]
fn six_articles_in_two_stories() {
    let Some(run) = Run::load() else { return };
    assert_eq!(
        run.articles().len(),
        6,
        "five files, one with a pasted second article"
    );
    let stories = run.dossier["stories"].as_array().unwrap();
    assert_eq!(stories.len(), 2);
    // Gold stories: each gold member list is exactly one of our stories.
    for (name, s) in run.gold["stories"].as_object().unwrap() {
        let members: Vec<&Value> = s["members"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                let m = m.as_str().unwrap();
                match m.strip_suffix("#appended") {
                    Some(f) => run.article(f, 2),
                    None => run.article(m, 1),
                }
            })
            .collect();
        let story = members[0]["story"].as_str().unwrap();
        assert!(
            members.iter().all(|a| a["story"] == story),
            "story {name} split up"
        );
        let ours = stories.iter().find(|s| s["id"] == story).unwrap();
        assert_eq!(
            ours["articles"].as_array().unwrap().len(),
            members.len(),
            "story {name}"
        );
    }
}

#[test]
fn titles_dates_and_byline_as_gold() {
    let Some(run) = Run::load() else { return };
    for g in run.gold["articles"].as_array().unwrap() {
        let file = g["file"].as_str().unwrap();
        let a = run.article(file, 1);
        assert_eq!(a["title"], g["title"], "{file}: title");
        assert_eq!(a["published"], g["published"], "{file}: published");
        if let Some(b) = g.get("byline") {
            assert_eq!(&a["byline"], b, "{file}: byline");
        }
        if a["published"].is_string() {
            assert!(
                a["provenance"]["published"].is_string(),
                "{file}: date without provenance"
            );
        }
        if let Some(app) = g.get("appended_article") {
            let p2 = run.article(file, 2);
            assert_eq!(p2["title"], app["title"], "{file}: pasted article title");
            for s in app["must_contain"].as_array().unwrap() {
                let s = s.as_str().unwrap();
                assert!(
                    norm(p2["text"].as_str().unwrap()).contains(&norm(s)),
                    "{file} part 2 lacks {s}"
                );
            }
        }
    }
}

#[test]
fn furniture_is_gone_and_every_cut_has_a_reason() {
    let Some(run) = Run::load() else { return };
    for g in run.gold["articles"].as_array().unwrap() {
        let file = g["file"].as_str().unwrap();
        let a = run.article(file, 1);
        let text = a["text"].as_str().unwrap();
        let story_text = run.story_text(a["story"].as_str().unwrap());
        for s in g["must_not_appear"].as_array().unwrap() {
            let s = norm(s.as_str().unwrap());
            assert!(!norm(text).contains(&s), "{file}: '{s}' left in the text");
            assert!(
                !norm(&story_text).contains(&s),
                "{file}: '{s}' in the story"
            );
        }
        let removed = a["removed"].as_array().unwrap();
        for r in removed {
            assert!(!r["reason"].as_str().unwrap().is_empty());
        }
        for b in g
            .get("boilerplate_lines")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let b = norm(b.as_str().unwrap());
            let bare = |l: &str| norm(l.trim_start_matches(['-', '•', ' ']));
            assert!(
                !text.lines().any(|l| bare(l) == bare(&b)),
                "{file}: boilerplate line '{b}' left"
            );
            if b.len() >= 12 {
                assert!(!norm(text).contains(&b), "{file}: boilerplate '{b}' left");
            }
            assert!(
                removed
                    .iter()
                    .any(|r| bare(r["text"].as_str().unwrap()) == bare(&b)),
                "{file}: '{b}' not listed among the removals"
            );
        }
    }
}

#[test]
fn every_gold_quote_survives_cleaning() {
    let Some(run) = Run::load() else { return };
    let all: String = run
        .articles()
        .iter()
        .map(|a| norm(a["text"].as_str().unwrap()))
        .collect::<Vec<_>>()
        .join("\n");
    for q in run.gold["quotes"].as_array().unwrap() {
        let t = norm(q["text"].as_str().unwrap());
        assert!(all.contains(&t), "quote lost in cleaning: {t}");
    }
}
