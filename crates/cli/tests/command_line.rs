//! The command line's own rough edges, through the real binary: dates typed on the command
//! line, read commands on a store that does not exist, `story -o`.

mod common;

use common::*;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn read_commands_on_a_missing_store_fail_and_create_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("mistyped");
    let db = p(&missing);
    for args in [
        vec!["stories"],
        vec!["stories", "--query", "bridge"],
        vec!["story", "s0123456789"],
        vec!["search", "bridge"],
    ] {
        let mut all = vec!["--db", db];
        all.extend(&args);
        let o = dossier(&all);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("no corpus in") && stderr(&o).contains("mistyped"),
            "{args:?}: {}",
            stderr(&o)
        );
        assert!(stdout(&o).is_empty(), "{args:?}: {}", stdout(&o));
        assert!(!missing.exists(), "{args:?} created the store");
    }
    // `serve` too, before it listens (a server that started would run until killed).
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["--db", db, "serve", "--addr", "127.0.0.1:0"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(30) {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("serve started on a store that does not exist");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let err = std::io::read_to_string(child.stderr.take().unwrap()).unwrap();
    assert_eq!(status.code(), Some(1), "{err}");
    assert!(err.contains("no corpus in"), "{err}");
    assert!(!missing.exists());
}

#[test]
fn since_takes_dates_people_type_and_names_what_it_cannot_read() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("store");
    let d = p(&db);
    let ingested = dossier(&["--db", d, "ingest", "-q", "examples/kremlin-talks"]);
    assert!(ingested.status.success(), "{}", stderr(&ingested));
    let listed = |since: &str| dossier(&["--db", d, "stories", "--since", since]);
    // The sample's dated story ends on 2025-12-08.
    let o = listed("2025-12-01");
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 2, "{}", stdout(&o));
    let o = listed("2025-12-09");
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 1, "{}", stdout(&o));
    // Relative forms are read (the sample is older than any of them).
    for since in ["today", "yesterday", "7d", "2w"] {
        let o = listed(since);
        assert!(o.status.success(), "{since}: {}", stderr(&o));
        assert_eq!(stdout(&o).lines().count(), 1, "{since}: {}", stdout(&o));
    }
    // A far enough count back reaches the sample.
    let o = listed("100000d");
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 2, "{}", stdout(&o));
    // Anything else is a usage error that names the value.
    for since in ["10/15/2021", "tomorrow", "2021-02-30", "7 months"] {
        let o = listed(since);
        assert_eq!(o.status.code(), Some(2), "{since}: {}", stdout(&o));
        assert!(
            stderr(&o).contains(&format!("{since:?}")),
            "{since}: {}",
            stderr(&o)
        );
        assert!(stdout(&o).is_empty());
    }
}

#[test]
fn story_writes_to_the_file_given_with_o() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("store");
    let d = p(&db);
    let ingested = dossier(&["--db", d, "ingest", "-q", "examples/kremlin-talks"]);
    assert!(ingested.status.success(), "{}", stderr(&ingested));
    let listed = dossier(&["--db", d, "stories", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    let id = rows[0]["id"].as_str().unwrap();
    let page = tmp.path().join("story.html");
    let o = dossier(&["--db", d, "story", id, "-f", "html", "-o", p(&page)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).is_empty(), "{}", stdout(&o));
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.to_ascii_lowercase().starts_with("<!doctype html>"));
    // The same page as on standard output.
    let printed = dossier(&["--db", d, "story", id, "-f", "html"]);
    assert_eq!(stdout(&printed), html);
    // A file that cannot be written is an error naming it.
    let nowhere = tmp.path().join("no/such/dir/story.md");
    let o = dossier(&["--db", d, "story", id, "--output", p(&nowhere)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("cannot write"), "{}", stderr(&o));
    assert!(stderr(&o).contains("no/such/dir"), "{}", stderr(&o));
}
