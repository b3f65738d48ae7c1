//! `dossier eval claims` on the judged real-news set prints what the set's own scorer,
//! `score.py`, prints for the JSON `dossier analyze` makes of the same articles: every metric
//! line, to the last digit.

mod common;

use common::*;
use std::process::Command;

/// The metric lines of a report (mistake listings and anything else left out).
fn metric_lines(report: &str) -> Vec<String> {
    const METRICS: [&str; 8] = [
        "conflicts made ",
        "copies made ",
        "quotes made ",
        "people made ",
        "speakers judged ",
        "events judged ",
        "citations made ",
        "precision ",
    ];
    report
        .lines()
        .filter(|l| METRICS.iter().any(|m| l.starts_with(m)))
        .map(str::to_string)
        .collect()
}

#[test]
fn eval_claims_prints_what_the_reference_scorer_prints() {
    let Some(dir) = shared("eval/claims/neus-dev") else {
        return;
    };
    let scorer = dir.join("../score.py");
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("SKIPPED: python3 is not installed");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let json = tmp.path().join("dossier.json");
    let articles = dir.join("articles.jsonl");
    let out = dossier(&[
        "analyze",
        articles.to_str().unwrap(),
        "-f",
        "json",
        "-q",
        "-o",
        json.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let reference = Command::new("python3")
        .arg(&scorer)
        .arg(&dir)
        .arg(&json)
        .output()
        .expect("python3 runs");
    assert!(
        reference.status.success(),
        "score.py: {}",
        stderr(&reference)
    );
    let expected = metric_lines(&stdout(&reference));
    assert_eq!(expected.len(), 8, "{}", stdout(&reference));

    let (_, report) = eval_metric(&["claims", dir.to_str().unwrap()], "precision");
    assert_eq!(metric_lines(&report), expected);

    // --mistakes lists the false claims first; the scores stay the same
    let out = dossier(&["eval", "claims", dir.to_str().unwrap(), "--mistakes"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(metric_lines(&text), expected);
    assert!(text
        .lines()
        .any(|l| l.starts_with("people: ") && l.ends_with(" false")));
}

#[test]
fn eval_claims_on_a_folder_without_the_set_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let out = dossier(&["eval", "claims", tmp.path().to_str().unwrap()]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("articles.jsonl"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}
