//! Bad input never stops a batch: each bad file gets one clear error line naming it (and the
//! line, for JSONL), the rest is analysed, the exit status is 3, and nothing panics.

mod common;

use common::*;
use std::io::Write;
use std::path::Path;

const BODY: &str = "Rescue teams searched collapsed buildings in the port city on Tuesday after a strong earthquake struck before dawn, officials said.\n\
The regional governor said at least a dozen people had been pulled alive from the rubble and that hospitals were treating more than a hundred injured.\n\
Aftershocks rattled the coast through the morning, and schools across the province were closed while engineers inspected their buildings.";

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::File::create(dir.join(name))
        .unwrap()
        .write_all(bytes)
        .unwrap();
}

#[test]
fn each_bad_file_is_named_and_the_rest_is_analysed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "good.txt",
        format!("Earthquake hits port city\n{BODY}").as_bytes(),
    );
    write(d, "empty.txt", b"");
    write(
        d,
        "binary.txt",
        &[0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0xff, 0x00, 0x10],
    );
    let big = vec![b'a'; 50 << 20];
    write(d, "big.txt", &big);
    write(
        d,
        "broken.html",
        format!(
            "<html><body><div><p>{}<p><b>unclosed <i>tags",
            BODY.replace('\n', "<p>")
        )
        .as_bytes(),
    );
    write(
        d,
        "nothing.html",
        b"<html><head><title>x</title></head><body><div></div></body></html>",
    );
    let good_line = serde_json::json!({"url": "https://news.example.org/quake", "title": "Quake", "text": BODY});
    write(
        d,
        "feed.jsonl",
        format!("{good_line}\n{{\"title\": broken\n{good_line}\n").as_bytes(),
    );
    let russian = "Землетрясение в портовом городе\nСпасатели во вторник искали выживших под завалами домов в портовом городе после сильного землетрясения, сообщили власти.\nГубернатор сообщил, что из-под завалов живыми извлекли не менее десяти человек.";
    let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(russian);
    write(d, "cp1251.txt", &cp1251);

    let (v, out) = analyze_json(&[d.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(
        out.status.code(),
        Some(3),
        "partial failure status; stderr: {err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    let lines: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("dossier: error:"))
        .collect();
    let expect = [
        ("empty.txt", "empty file"),
        ("binary.txt", "binary file"),
        ("big.txt", "too large"),
        ("nothing.html", "no article text"),
        ("feed.jsonl:2", "invalid JSON"),
    ];
    for (file, what) in expect {
        assert!(
            lines.iter().any(|l| l.contains(file) && l.contains(what)),
            "no error naming {file} ({what}) in:\n{err}"
        );
    }
    assert_eq!(lines.len(), expect.len(), "one line per bad input:\n{err}");

    let articles = v["articles"].as_array().unwrap();
    let sources: Vec<&str> = articles
        .iter()
        .map(|a| a["source"].as_str().unwrap())
        .collect();
    assert_eq!(articles.len(), 5, "{sources:?}");
    for want in [
        "good.txt",
        "broken.html",
        "feed.jsonl:1",
        "feed.jsonl:3",
        "cp1251.txt",
    ] {
        assert!(
            sources.iter().any(|s| s.ends_with(want)),
            "{want} missing from {sources:?}"
        );
    }
    let ru = articles
        .iter()
        .find(|a| a["source"].as_str().unwrap().ends_with("cp1251.txt"))
        .unwrap();
    assert_eq!(ru["title"], "Землетрясение в портовом городе");
    assert!(ru["text"]
        .as_str()
        .unwrap()
        .contains("Спасатели во вторник"));
    assert_eq!(ru["language"], "rus");
}

#[test]
fn nothing_readable_is_a_failure() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "empty.txt", b"");
    let out = dossier(&["analyze", dir.path().join("empty.txt").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("empty.txt: empty file"));
    let out = dossier(&["analyze", "no/such/path.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no/such/path.txt: no such file or directory"));
}

#[test]
fn reads_standard_input() {
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["analyze", "-f", "json", "-q", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("Earthquake hits port city\n{BODY}").as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["articles"][0]["source"], "-");
    assert_eq!(v["articles"][0]["title"], "Earthquake hits port city");
}

/// `--embeddings` in a build without the `embeddings` feature is a clear error naming the
/// folder and the feature, not a silent fallback to words alone.
#[cfg(not(feature = "embeddings"))]
#[test]
fn embeddings_without_the_feature_say_how_to_build_it() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.txt",
        format!("Earthquake hits port city\n{BODY}").as_bytes(),
    );
    let model = dir.path().join("model");
    let out = dossier(&[
        "analyze",
        dir.path().join("a.txt").to_str().unwrap(),
        "--embeddings",
        model.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(model.to_str().unwrap()), "{err}");
    assert!(err.contains("--features embeddings"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}
