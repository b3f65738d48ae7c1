//! `dossier serve` as a user starts it: on a corpus made by `dossier ingest`, on a free port,
//! answering the API over a real socket, taking an upload with its token, and stopping cleanly
//! on SIGTERM.

#![cfg(unix)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};

fn dossier() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
}

fn repo() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// One HTTP/1.1 request; returns the status and the body.
fn http(port: u16, method: &str, path: &str, headers: &str, body: &[u8]) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n{headers}Content-Length: {}\r\n\r\n",
        body.len()
    )
    .unwrap();
    s.write_all(body).unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    let status = out[9..12].parse().unwrap();
    let body = out
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_string();
    (status, body)
}

/// Starts `dossier serve` on a free port of the loopback: the process, its port and the line
/// it printed.
fn serve(db: &Path, args: &[&str]) -> (std::process::Child, u16, String) {
    let mut child = dossier()
        .arg("--db")
        .arg(db)
        .args(["serve", "--addr", "127.0.0.1:0"])
        .args(args)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let line = lines.next().unwrap().unwrap();
    let port: u16 = line
        .split("http://127.0.0.1:")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no address in {line:?}"));
    (child, port, line)
}

fn ingest_examples(db: &Path) {
    let ok = dossier()
        .args(["--db"])
        .arg(db)
        .args(["ingest", "--quiet"])
        .arg(repo().join("examples/kremlin-talks"))
        .status()
        .unwrap();
    assert!(ok.success());
}

#[test]
fn serve_a_corpus_take_an_upload_and_stop() {
    let db = tempfile::tempdir().unwrap();
    ingest_examples(db.path());

    let short = dossier()
        .arg("--db")
        .arg(db.path())
        .args(["serve", "--allow-ingest", "--token", "short"])
        .output()
        .unwrap();
    assert!(!short.status.success());
    assert!(String::from_utf8_lossy(&short.stderr).contains("at least 16"));

    let token = "a-token-for-this-test-only";
    let (mut child, port, line) = serve(db.path(), &["--allow-ingest", "--token", token]);
    assert!(line.contains("POST /api/ingest enabled"), "{line}");

    let (status, body) = http(port, "GET", "/api/stories", "", b"");
    assert_eq!(status, 200);
    let stories: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(stories.as_array().unwrap().len(), 2);

    let upload =
        std::fs::read(repo().join("crates/server/tests/fixtures/booby-trapped.jsonl")).unwrap();
    let auth = format!("Authorization: Bearer {token}\r\n");
    let (status, body) = http(port, "POST", "/api/ingest?name=a.jsonl", &auth, &upload);
    assert_eq!(status, 201, "{body}");
    let (status, _) = http(port, "POST", "/api/ingest", "", &upload);
    assert_eq!(status, 401);
    let (status, body) = http(port, "GET", "/api/stories", "", b"");
    assert_eq!(status, 200);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&body)
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        3
    );

    // SAFETY: sending a signal to our own child process.
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let status = child.wait().unwrap();
    assert!(status.success(), "{status:?}");
}

#[test]
fn hostile_queries_get_a_400_and_the_server_and_the_cli_go_on() {
    let db = tempfile::tempdir().unwrap();
    ingest_examples(db.path());
    let deep = format!("{}Putin{}", "%28".repeat(740), "%29".repeat(740));
    let nots = "NOT%20".repeat(3_000);
    let (mut child, port, _) = serve(db.path(), &[]);
    let start = std::time::Instant::now();
    for q in [&deep, &nots] {
        for path in ["/api/search", "/api/stories", "/search", "/"] {
            let (status, body) = http(port, "GET", &format!("{path}?q={q}"), "", b"");
            assert_eq!(status, 400, "{path}: {body}");
            assert!(body.contains("q: the search "), "{path}: {body}");
        }
    }
    let (status, _) = http(port, "GET", "/api/search?q=Putin", "", b"");
    assert_eq!(status, 200);
    assert!(start.elapsed() < std::time::Duration::from_secs(10));
    // SAFETY: sending a signal to our own child process.
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    assert!(child.wait().unwrap().success());

    // The same queries on the command line: a usage error naming the limit, no crash.
    for (args, q) in [
        (
            ["search"].as_slice(),
            format!("{}Putin{}", "(".repeat(740), ")".repeat(740)),
        ),
        (["stories", "--query"].as_slice(), "NOT ".repeat(3_000)),
    ] {
        let out = dossier()
            .arg("--db")
            .arg(db.path())
            .args(args)
            .arg(&q)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.starts_with("dossier: error: search: the search "),
            "{err}"
        );
    }
}
