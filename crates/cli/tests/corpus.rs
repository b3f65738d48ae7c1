//! The corpus end to end, through the real binary: ingest then browse, idempotent re-ingest,
//! the same stories from one batch, from ten increments and from `analyze`, and a SIGKILL in
//! the middle of a 10,000-article ingest.

mod common;

use common::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn ingest_then_browse_the_sample_corpus() {
    let db = tempfile::tempdir().unwrap();
    let d = p(db.path());
    let s = run(&["--db", d, "ingest", "examples/kremlin-talks", "--json"]);
    assert_eq!(s["new"], 6, "{s}");
    assert_eq!(s["duplicates"], 0);
    assert_eq!(s["stories_created"], 2);
    assert_eq!(s["dossiers"], 2);
    // The same files again: nothing new, nothing lost.
    let again = run(&["--db", d, "ingest", "examples/kremlin-talks", "--json"]);
    assert_eq!(again["new"], 0, "{again}");
    assert_eq!(again["duplicates"], 6);
    let stories = run(&["--db", d, "stories", "--format", "json"]);
    let list = stories.as_array().unwrap();
    assert_eq!(list.len(), 2);
    let main = &list.iter().max_by_key(|s| s["articles"].as_u64()).unwrap();
    assert_eq!(main["articles"], 5);
    assert!(main["conflicts"].as_u64().unwrap() >= 1, "{main}");
    // The dossier of a stored story is the analysis of its articles.
    let id = main["id"].as_str().unwrap();
    let page = run(&["--db", d, "story", id, "--format", "json"]);
    assert_eq!(page["stories"][0]["id"], id);
    assert_eq!(page["articles"].as_array().unwrap().len(), 5);
    assert!(page["stories"][0]["brief"].as_array().unwrap().len() >= 5);
    // Search finds articles and quotes, and leads to the story.
    let hits = run(&["--db", d, "search", "Witkoff", "--format", "json"]);
    let hits = hits.as_array().unwrap();
    assert!(!hits.is_empty());
    assert!(hits
        .iter()
        .all(|h| h["snippet"].as_str().unwrap().len() > 20));
    assert!(hits.iter().any(|h| h["story"] == id));
    let found = run(&[
        "--db", d, "stories", "--query", "Kushner", "--format", "json",
    ]);
    assert_eq!(found[0]["id"], id);
    let since = run(&[
        "--db",
        d,
        "stories",
        "--since",
        "2030-01-01",
        "--format",
        "json",
    ]);
    assert!(since.as_array().unwrap().is_empty());
    // The filters and orders of the server's story list.
    let more = run(&[
        "--db",
        d,
        "stories",
        "--min-articles",
        "2",
        "--sort",
        "conflicts",
        "--format",
        "json",
    ]);
    let more = more.as_array().unwrap();
    assert_eq!(more.len(), 1);
    assert_eq!(more[0]["id"], id);
    let until = run(&[
        "--db",
        d,
        "stories",
        "--until",
        "1990-01-01",
        "--format",
        "json",
    ]);
    assert!(until.as_array().unwrap().is_empty());
    let entity = run(&[
        "--db",
        d,
        "stories",
        "--entity",
        "person_vladimir_putin",
        "--format",
        "json",
    ]);
    assert!(entity.as_array().unwrap().iter().any(|s| s["id"] == id));
    let bad = dossier(&["--db", d, "stories", "--until", "2025-02-30"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("YYYY-MM-DD"));
    // An unknown story id is a clear error.
    let o = dossier(&["--db", d, "story", "s../../etc", "--format", "json"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("no story"));
}

/// Writes `records` as `files` JSONL files in `dir`, returning their paths.
fn write_parts(dir: &Path, records: &[Value], files: usize) -> Vec<String> {
    let per = records.len().div_ceil(files);
    records
        .chunks(per)
        .enumerate()
        .map(|(i, chunk)| {
            let path = dir.join(format!("part-{i:02}.jsonl"));
            let mut f = std::fs::File::create(&path).unwrap();
            for r in chunk {
                writeln!(f, "{r}").unwrap();
            }
            path.to_string_lossy().into_owned()
        })
        .collect()
}

fn sample_bases() -> Vec<dossier_corpusgen::Base> {
    dossier_corpusgen::load_bases(&workspace().join("examples")).unwrap()
}

/// Every story id of the store in `db`.
fn stored_stories(db: &Path) -> BTreeSet<String> {
    let all = [
        "--db",
        p(db),
        "stories",
        "--limit",
        "10000000",
        "--format",
        "json",
    ];
    story_ids(&run(&all))
}

fn story_ids(v: &Value) -> BTreeSet<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect()
}

/// `n` generated variants of the sample articles (`seed`), plus the ECB+ documents `ecb` when
/// ../shared is here (43 topics of two events each: many stories that share a topic).
fn mixed_records(n: usize, seed: u64, ecb: std::ops::Range<usize>) -> Vec<Value> {
    let bases = sample_bases();
    let mut records: Vec<Value> = (0..n)
        .map(|k| dossier_corpusgen::article(&bases, k, seed))
        .collect();
    if let Some(dir) = shared("eval/clustering/ecbplus") {
        let docs = dossier_eval::clustering::ecbplus(&dir).unwrap();
        for (doc, _) in docs.into_iter().skip(ecb.start).take(ecb.len()) {
            records.push(serde_json::json!({"url": format!("https://ecb.example/{}", doc.source), "text": doc.text}));
        }
    }
    records
}

#[test]
fn one_batch_ten_increments_and_analyze_give_the_same_stories() {
    let records = mixed_records(240, 7, 0..400);
    let tmp = tempfile::tempdir().unwrap();
    let parts = write_parts(tmp.path(), &records, 10);
    let one = tmp.path().join("one");
    let ten = tmp.path().join("ten");
    let mut args = vec!["--db", p(&one), "ingest", "--defer-dossiers", "--json"];
    args.extend(parts.iter().map(String::as_str));
    let s = run(&args);
    assert_eq!(s["failed"], 0, "{s}");
    let mut grown = 0;
    for part in &parts {
        let s = run(&[
            "--db",
            p(&ten),
            "ingest",
            "--defer-dossiers",
            "--json",
            part,
        ]);
        grown += s["stories_grown"].as_u64().unwrap();
    }
    assert!(grown > 0, "increments never grew a story");
    // Increments out of order: the newest part first.
    let backwards = tmp.path().join("backwards");
    for part in parts.iter().rev() {
        run(&[
            "--db",
            p(&backwards),
            "ingest",
            "--defer-dossiers",
            "--json",
            part,
        ]);
    }
    let list = stored_stories;
    let batch = list(&one);
    assert!(batch.len() > 20, "{}", batch.len());
    assert_eq!(batch, list(&ten));
    assert_eq!(batch, list(&backwards));
    // `analyze` on the same files finds the same stories (story ids follow from members).
    let mut args = vec!["analyze", "--format", "json", "--quiet"];
    args.extend(parts.iter().map(String::as_str));
    let analyzed = run(&args);
    let from_analyze: BTreeSet<String> = story_ids(&analyzed["stories"]);
    assert_eq!(batch, from_analyze);
}

#[test]
fn a_store_of_older_story_vectors_is_rebuilt_into_the_stories_of_a_fresh_ingest() {
    let records = mixed_records(120, 5, 400..600);
    let tmp = tempfile::tempdir().unwrap();
    let parts = write_parts(tmp.path(), &records, 10);
    let fresh = tmp.path().join("fresh");
    let mut args = vec!["--db", p(&fresh), "ingest", "--defer-dossiers", "--json"];
    args.extend(parts.iter().map(String::as_str));
    run(&args);
    let want = stored_stories(&fresh);

    // A store whose first nine parts were weighed by an older version: their stored vectors
    // (here: emptied) are not what this build computes, and it says so.
    let old = tmp.path().join("old");
    let mut args = vec!["--db", p(&old), "ingest", "--json"];
    args.extend(parts[..9].iter().map(String::as_str));
    run(&args);
    let c = rusqlite::Connection::open(old.join("dossier.sqlite")).unwrap();
    c.execute_batch(
        "UPDATE vectors SET terms = x''; DELETE FROM postings;
         UPDATE meta SET value = 1 WHERE key = 'vectors';",
    )
    .unwrap();
    drop(c);
    let o = dossier(&["--db", p(&old), "ingest", &parts[9]]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("--rebuild-stories"), "{}", stderr(&o));
    assert_ne!(
        stored_stories(&old),
        want,
        "the older vectors changed nothing"
    );
    let listed = dossier(&["--db", p(&old), "stories"]);
    assert!(
        stderr(&listed).contains("older version"),
        "{}",
        stderr(&listed)
    );

    let s = run(&["--db", p(&old), "ingest", "--rebuild-stories", "--json"]);
    let r = &s["rebuilt"];
    assert_eq!(
        r["articles"].as_u64(),
        Some(article_ids(&fresh).len() as u64),
        "{s}"
    );
    assert_eq!(r["stories"].as_u64(), Some(want.len() as u64), "{s}");
    assert!(r["kept"].as_u64().unwrap() > 0, "no dossier was kept: {s}");
    assert_eq!(stored_stories(&old), want);
    // Every story has its dossier again (kept or computed), and the warning is gone.
    let c = rusqlite::Connection::open(old.join("dossier.sqlite")).unwrap();
    let stale: i64 = c
        .query_row(
            "SELECT count(*) FROM stories WHERE dossier IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(stale, 0);
    drop(c);
    let o = dossier(&["--db", p(&old), "ingest", &parts[0]]);
    assert!(
        o.status.success() && !stderr(&o).contains("warning"),
        "{}",
        stderr(&o)
    );
    let listed = dossier(&["--db", p(&old), "stories"]);
    assert!(!stderr(&listed).contains("warning"), "{}", stderr(&listed));
    // Search still finds the articles, with their new stories.
    let hits = run(&["--db", p(&old), "search", "dispatch", "--format", "json"]);
    let hits = hits.as_array().unwrap();
    assert!(!hits.is_empty());
    assert!(hits
        .iter()
        .all(|h| h["story"].as_str().is_some_and(|id| want.contains(id))));
}

fn article_ids(db: &Path) -> Vec<String> {
    let c = rusqlite::Connection::open(db.join("dossier.sqlite")).unwrap();
    let mut st = c.prepare("SELECT id FROM articles ORDER BY id").unwrap();
    let ids: Vec<String> = st
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    ids
}

fn article_count(db: &Path) -> usize {
    let Ok(c) = rusqlite::Connection::open(db.join("dossier.sqlite")) else {
        return 0;
    };
    c.query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0))
        .map_or(0, |n| n as usize)
}

#[test]
fn sigkill_halfway_through_ten_thousand_articles_then_rerun() {
    let bases = sample_bases();
    let records: Vec<Value> = (0..10_000)
        .map(|k| dossier_corpusgen::article(&bases, k, 11))
        .collect();
    let tmp = tempfile::tempdir().unwrap();
    let parts = write_parts(tmp.path(), &records, 4);
    let killed = tmp.path().join("killed");
    let mut args: Vec<String> = ["--db", p(&killed), "ingest", "--quiet", "--defer-dossiers"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    args.extend(parts.iter().cloned());
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(&args)
        .current_dir(workspace())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while article_count(&killed) < 1_500 {
        assert!(start.elapsed().as_secs() < 600, "ingest made no progress");
        assert!(
            child.try_wait().unwrap().is_none(),
            "ingest ended before the kill"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let at_kill = article_count(&killed);
    eprintln!("killed with {at_kill} articles stored");
    assert!(at_kill < 10_000, "the kill came too late to test anything");
    // The re-run completes the batch.
    let o = dossier(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // The same batch ingested without a crash: exactly the same articles, each once.
    let clean = tmp.path().join("clean");
    let mut a2 = vec!["--db", p(&clean), "ingest", "--quiet", "--defer-dossiers"];
    a2.extend(parts.iter().map(String::as_str));
    let o = dossier(&a2);
    assert!(o.status.success());
    let (got, want) = (article_ids(&killed), article_ids(&clean));
    assert!(want.len() >= 10_000);
    assert_eq!(got.len(), want.len());
    assert_eq!(got, want);
    // Same stories too, and search sees every article.
    let list = stored_stories;
    assert_eq!(list(&killed), list(&clean));
    let hits = run(&[
        "--db",
        p(&killed),
        "search",
        "\"dispatch number 9999\"",
        "--format",
        "json",
    ]);
    assert!(
        !hits.as_array().unwrap().is_empty(),
        "the last article is not searchable"
    );
}

/// Total size of the files under `dir`.
fn dir_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| {
            let m = e.metadata().unwrap();
            if m.is_dir() {
                dir_bytes(&e.path())
            } else {
                m.len()
            }
        })
        .sum()
}

#[cfg(unix)]
#[test]
fn a_full_disk_is_a_clear_error_and_loses_nothing_stored() {
    use std::os::unix::process::CommandExt;
    let bases = sample_bases();
    let records: Vec<Value> = (0..1_520)
        .map(|k| dossier_corpusgen::article(&bases, k, 13))
        .collect();
    let tmp = tempfile::tempdir().unwrap();
    for d in ["first", "rest"] {
        std::fs::create_dir(tmp.path().join(d)).unwrap();
    }
    let first = write_parts(&tmp.path().join("first"), &records[..20], 1);
    let rest = write_parts(&tmp.path().join("rest"), &records[20..], 1);
    let db = tmp.path().join("db");
    let s = run(&["--db", p(&db), "ingest", "--json", &first[0]]);
    assert_eq!(s["new"], 20, "{s}");
    let stories_before = stored_stories(&db);
    // No file may grow past what the store already holds plus 64 KiB: the next batch cannot be
    // written, as on a full disk (the kernel's file size limit, RLIMIT_FSIZE).
    let limit = dir_bytes(&db) + (64 << 10);
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"));
    cmd.args(["--db", p(&db), "ingest", "--quiet", &rest[0]])
        .current_dir(workspace());
    // SAFETY: setrlimit is async-signal-safe; nothing else runs between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            let r = libc::rlimit {
                rlim_cur: limit,
                rlim_max: limit,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &r) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let o = cmd.output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    eprintln!("{err}");
    assert!(!o.status.success(), "the ingest cannot have fitted");
    assert!(
        o.status.code().is_some(),
        "ended by a signal: {:?}",
        o.status
    );
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.contains(p(&db)), "the error names the store: {err}");
    // Nothing stored is lost, and the store still opens and answers.
    assert!(article_count(&db) >= 20);
    assert!(stored_stories(&db).is_superset(&stories_before));
    // With room again, the same command completes the batch: the same articles, each once,
    // and the same stories as a store that never ran out of room.
    run(&["--db", p(&db), "ingest", "--json", &rest[0]]);
    let roomy = tmp.path().join("roomy");
    run(&["--db", p(&roomy), "ingest", "--json", &first[0], &rest[0]]);
    let want = article_ids(&roomy);
    assert!(want.len() >= 1_520);
    assert_eq!(article_ids(&db), want);
    assert_eq!(stored_stories(&db), stored_stories(&roomy));
}

/// A WARC record holding one HTML page, as crawlers write it (one gzip member per record).
fn warc_record(uri: &str, html: &str) -> Vec<u8> {
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}");
    let record = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
        http.len()
    );
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(record.as_bytes()).unwrap();
    gz.finish().unwrap()
}

#[test]
fn a_warc_gz_piped_to_standard_input_is_streamed_into_the_store() {
    use std::process::{Command, Stdio};
    let db = tempfile::tempdir().unwrap();
    let mut archive = Vec::new();
    for (i, city) in ["Lisbon", "Porto", "Faro"].iter().enumerate() {
        let html = format!(
            "<html><head><title>Floods close roads in {city}</title></head><body><article>\
             <h1>Floods close roads in {city}</h1>\
             <p>Heavy rain flooded the centre of {city} on Monday, closing roads and schools \
             while firefighters pumped water out of dozens of homes.</p>\
             <p>The mayor of {city} said the clean-up would take at least a week and asked \
             residents to stay away from the river banks until the water level falls.</p>\
             </article></body></html>"
        );
        archive.extend(warc_record(&format!("https://news.example/{i}"), &html));
    }
    // The last record cut short: the records before it are kept, the cut reported.
    let cut = warc_record(
        "https://news.example/cut",
        "<html><body><p>Cut</p></body></html>",
    );
    archive.extend(&cut[..cut.len() / 2]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["--db", p(db.path()), "ingest", "--json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&archive).unwrap();
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    // 3: some input failed (the cut record), the rest stored.
    assert_eq!(out.status.code(), Some(3), "{err}");
    let s: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(s["new"], 3, "{s} {err}");
    assert_eq!(s["failed"], 1, "{s}");
    assert!(err.contains("-: record 4: unreadable WARC record"), "{err}");
    let found = run(&["--db", p(db.path()), "search", "Porto", "--format", "json"]);
    assert_eq!(found[0]["title"], "Floods close roads in Porto", "{found}");
    // The page keeps the record's URL.
    let story = found[0]["story"].as_str().unwrap();
    let dossier = run(&["--db", p(db.path()), "story", story, "--format", "json"]);
    assert!(
        dossier.to_string().contains("https://news.example/1"),
        "{dossier}"
    );
}

/// Runs the dossier binary as a user who may not write `db` (as root, the `nobody` user: root
/// writes everywhere); `None` when that cannot be arranged here.
fn dossier_without_write(db: &Path, args: &[&str]) -> Option<std::process::Output> {
    use std::os::unix::process::CommandExt;
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"));
    cmd.arg("--db").arg(db).args(args).current_dir(workspace());
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        cmd.uid(65534).gid(65534);
    }
    match cmd.output() {
        Ok(o) => Some(o),
        Err(e) => {
            eprintln!("SKIPPED: cannot run dossier as a user without write access: {e}");
            None
        }
    }
}

/// Sets the permissions of `path` and everything under it.
fn chmod_all(path: &Path, mode: impl Fn(bool) -> u32 + Copy) {
    use std::os::unix::fs::PermissionsExt;
    let is_dir = path.is_dir();
    if is_dir {
        for e in std::fs::read_dir(path).unwrap() {
            chmod_all(&e.unwrap().path(), mode);
        }
    }
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode(is_dir))).unwrap();
}

/// A store that cannot be written (a read-only disk, another user's store) is still browsed:
/// the table of stories, search, and a story whose dossier was deferred, computed for the
/// asker; an ingest into it is one clear error, and nothing stored is lost.
#[test]
fn a_read_only_store_is_browsed_and_an_ingest_into_it_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    let dbs = db.to_str().unwrap();
    let first = "examples/kremlin-talks/000_9070f26e91f07f42.txt";
    let out = dossier(&["--db", dbs, "ingest", "--quiet", "--defer-dossiers", first]);
    assert!(out.status.success(), "{}", stderr(&out));
    // readable by all, writable by none
    chmod_all(tmp.path(), |dir| if dir { 0o555 } else { 0o444 });
    let Some(listed) = dossier_without_write(&db, &["stories", "--format", "json"]) else {
        chmod_all(tmp.path(), |dir| if dir { 0o755 } else { 0o644 });
        return;
    };
    if !listed.status.success() && stderr(&listed).contains("Permission denied (os error 13)") {
        eprintln!("SKIPPED: the dossier binary is not reachable for an unprivileged user here");
        chmod_all(tmp.path(), |dir| if dir { 0o755 } else { 0o644 });
        return;
    }
    assert!(listed.status.success(), "{}", stderr(&listed));
    let rows: Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 1);
    let id = rows[0]["id"].as_str().unwrap().to_string();
    let story = dossier_without_write(&db, &["story", &id, "--format", "json"]).unwrap();
    assert!(story.status.success(), "{}", stderr(&story));
    let d: Value = serde_json::from_slice(&story.stdout).unwrap();
    assert!(!d["stories"][0]["brief"].as_array().unwrap().is_empty());
    let found = dossier_without_write(&db, &["search", "Putin", "--format", "json"]).unwrap();
    assert!(found.status.success(), "{}", stderr(&found));
    assert!(!serde_json::from_slice::<Value>(&found.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .is_empty());
    let refused =
        dossier_without_write(&db, &["ingest", "--quiet", "examples/kremlin-talks"]).unwrap();
    assert_eq!(refused.status.code(), Some(1));
    let err = stderr(&refused);
    assert!(
        err.contains("cannot be written") && err.contains(dbs),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    chmod_all(tmp.path(), |dir| if dir { 0o755 } else { 0o644 });
    let after = dossier(&["--db", dbs, "stories", "--format", "json"]);
    let rows_after: Value = serde_json::from_slice(&after.stdout).unwrap();
    assert_eq!(rows_after, rows, "the store changed");
}

#[test]
fn two_ingests_into_one_store_at_once_each_report_their_own_stories() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("store");
    let inputs: Vec<String> = [11, 12]
        .iter()
        .map(|&seed| {
            let dir = tmp.path().join(format!("seed{seed}"));
            std::fs::create_dir(&dir).unwrap();
            let records = mixed_records(600, seed, 0..0);
            write_parts(&dir, &records, 1).remove(0)
        })
        .collect();
    // Both at once, each storing in several transactions (the store takes its writers in
    // turn; whichever settles first re-clusters the other's stored articles too).
    let runs: Vec<std::process::Child> = inputs
        .iter()
        .map(|input| {
            std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
                .args([
                    "--db",
                    p(&db),
                    "ingest",
                    "--json",
                    "--defer-dossiers",
                    input,
                ])
                .current_dir(workspace())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let reports: Vec<Value> = runs
        .into_iter()
        .map(|run| {
            let o = run.wait_with_output().unwrap();
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
            serde_json::from_slice(&o.stdout).unwrap()
        })
        .collect();
    let c = rusqlite::Connection::open(db.join("dossier.sqlite")).unwrap();
    let mut stored_total = 0;
    for (input, report) in inputs.iter().zip(&reports) {
        // The stories that hold this run's articles: its own, whoever settled them.
        let mut st = c
            .prepare(
                "SELECT COUNT(*), COUNT(DISTINCT story) FROM articles \
                 WHERE source LIKE ?1 || '%' AND story IS NOT NULL",
            )
            .unwrap();
        let (articles, stories): (i64, i64) = st
            .query_row([input], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap();
        let (articles, stories) = (articles as u64, stories as u64);
        assert_eq!(report["new"].as_u64(), Some(articles), "{report}");
        let counted =
            report["stories_created"].as_u64().unwrap() + report["stories_grown"].as_u64().unwrap();
        assert!(stories > 0);
        assert_eq!(counted, stories, "{input}: {report}");
        stored_total += articles;
    }
    let all: i64 = c
        .query_row("SELECT COUNT(*) FROM articles", [], |r| r.get(0))
        .unwrap();
    assert_eq!(all as u64, stored_total, "every stored article has a story");
}
