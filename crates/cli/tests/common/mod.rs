//! What the end-to-end tests share: run the real binary, find the shared data.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// `../shared` beside the checkout, or `None` (the test then skips with a message).
pub fn shared(sub: &str) -> Option<PathBuf> {
    let p = workspace().join("../shared").join(sub);
    if p.exists() {
        Some(p)
    } else {
        eprintln!(
            "SKIPPED: {} is absent (it ships beside the repository in CI)",
            p.display()
        );
        None
    }
}

pub fn dossier(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .current_dir(workspace())
        .stdin(Stdio::null())
        .output()
        .expect("the dossier binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs `dossier ARGS`, which must succeed, and parses its standard output as JSON.
pub fn run(args: &[&str]) -> serde_json::Value {
    let o = dossier(args);
    assert!(
        o.status.success(),
        "dossier {args:?} failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{args:?}: not JSON: {e}"))
}

/// Runs `dossier analyze ARGS -f json` and parses the dossier.
pub fn analyze_json(args: &[&str]) -> (serde_json::Value, Output) {
    let mut all = vec!["analyze", "-f", "json", "-q"];
    all.extend_from_slice(args);
    let out = dossier(&all);
    let v = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}); stderr: {}", stderr(&out)));
    (v, out)
}

/// Runs `dossier eval ARGS`, prints its report (the scores CI shows), and returns the value
/// of its last line, `METRIC value` (checking the metric's name), with the whole report.
pub fn eval_metric(args: &[&str], metric: &str) -> (f64, String) {
    let mut all = vec!["eval"];
    all.extend_from_slice(args);
    let out = dossier(&all);
    let text = stdout(&out);
    println!("dossier {}\n{text}", all.join(" "));
    assert!(out.status.success(), "{}", stderr(&out));
    let last = text.lines().last().unwrap_or("");
    let value = last
        .strip_prefix(metric)
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("last line is not `{metric} <value>`: {last}"));
    (value, text)
}
