//! The WARC and feed readers on public fixtures in `../shared/eval/formats` (warcio's test
//! archives, broken ones included; feedparser's test feeds, ill-formed ones included). Skips
//! with a message when `../shared` is absent.

use dossier_ingest::{feed, read_file, warc};
use std::path::{Path, PathBuf};

fn shared(sub: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/eval/formats")
        .join(sub);
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("skipped: {} not found", p.display());
        None
    }
}

fn docs_and_errors(path: &Path) -> (Vec<dossier_model::RawDocument>, Vec<String>) {
    let (mut docs, mut errs) = (Vec::new(), Vec::new());
    for r in read_file(&path.to_string_lossy()) {
        match r {
            Ok(d) => docs.push(d),
            Err(e) => errs.push(e.to_string()),
        }
    }
    (docs, errs)
}

#[test]
fn warc_pages_are_read_and_broken_archives_reported() {
    let Some(dir) = shared("warcio/data") else {
        return;
    };
    for name in [
        "example.warc",
        "example.warc.gz",
        "example-resource.warc.gz",
    ] {
        let (docs, errs) = docs_and_errors(&dir.join(name));
        assert!(errs.is_empty(), "{name}: {errs:?}");
        assert_eq!(docs.len(), 1, "{name}");
        assert_eq!(docs[0].hints.url.as_deref(), Some("http://example.com/"));
        assert_eq!(
            docs[0].hints.title.as_ref().unwrap().value,
            "Example Domain"
        );
        assert!(docs[0].text.contains("illustrative examples"), "{name}");
    }
    // Chunked transfer coding undone.
    let (docs, _) = docs_and_errors(&dir.join("example-iana.org-chunked.warc"));
    assert_eq!(docs.len(), 1);
    assert!(!docs[0].text.contains("\r\n0\r\n"));
    // Truncated: an error naming the file and the record, nothing panics.
    let (_, errs) = docs_and_errors(&dir.join("example-trunc.warc"));
    assert!(
        errs.iter()
            .any(|e| e.contains("example-trunc.warc") && e.contains("record 3")),
        "{errs:?}"
    );
    // Every fixture, broken or not, gives documents or errors and never panics.
    for entry in std::fs::read_dir(&dir).unwrap() {
        let _ = docs_and_errors(&entry.unwrap().path());
    }
    // ARC is named as unsupported.
    let (_, errs) = docs_and_errors(&dir.join("example.arc"));
    assert!(errs[0].contains("ARC archives are not read"), "{errs:?}");
}

#[test]
fn warc_record_with_a_wrong_digest_is_skipped_and_the_rest_read() {
    let Some(dir) = shared("warcio/data") else {
        return;
    };
    let good = std::fs::read(dir.join("example.warc")).unwrap();
    // Two copies of the archive, the first with one byte of its page changed.
    let mut bad = good.clone();
    let at = bad.windows(13).position(|w| w == b"Server: ECS (").unwrap();
    bad[at + 8] = b'X';
    let tmp = tempfile::tempdir().unwrap();
    let f = tmp.path().join("two.warc");
    std::fs::write(&f, [bad, good].concat()).unwrap();
    let (docs, errs) = docs_and_errors(&f);
    assert_eq!(docs.len(), 1, "{errs:?}");
    assert!(docs[0].source.ends_with("#record9"), "{}", docs[0].source);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(
        errs[0].contains("two.warc") && errs[0].contains("record 3"),
        "{errs:?}"
    );
    assert!(errs[0].contains("digest mismatch"), "{errs:?}");
    assert!(warc::looks_like_warc(&std::fs::read(&f).unwrap()));
}

#[test]
fn truncated_warc_gz_keeps_the_records_before_the_cut() {
    let Some(dir) = shared("warcio/data") else {
        return;
    };
    let full = std::fs::read(dir.join("example.warc")).unwrap();
    let mut gz = Vec::new();
    {
        use std::io::Write;
        // One gzip member per record, as crawlers write them; the second copy cut short.
        for half in [&full[..], &full[..]] {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            e.write_all(half).unwrap();
            gz.extend(e.finish().unwrap());
        }
    }
    gz.truncate(gz.len() - 300);
    let tmp = tempfile::tempdir().unwrap();
    let f = tmp.path().join("cut.warc.gz");
    std::fs::write(&f, &gz).unwrap();
    let (docs, errs) = docs_and_errors(&f);
    assert!(!docs.is_empty(), "{errs:?}");
    assert!(errs.iter().any(|e| e.contains("cut.warc.gz")), "{errs:?}");
}

/// Feeds feedparser calls well-formed: the share read; and `entries[N]['link']` assertions.
#[test]
fn feedparser_feeds() {
    let Some(dir) = shared("feedparser/tests") else {
        return;
    };
    let (mut wellformed, mut parsed, mut links, mut links_ok) = (0, 0, 0, 0);
    let link = regex::Regex::new(r"entries\[(\d+)\]\['link'\] == u?'([^']*)'\s*$").unwrap();
    for entry in walk(&dir) {
        let bytes = std::fs::read(&entry).unwrap();
        // Every file: documents or errors, never a panic.
        let _ = feed::read_feed(&entry.to_string_lossy(), &bytes);
        let text = String::from_utf8_lossy(&bytes);
        let Some(expect) = text.lines().find_map(|l| l.trim().strip_prefix("Expect:")) else {
            continue;
        };
        if !expect.trim_start().starts_with("not bozo") {
            continue;
        }
        wellformed += 1;
        let Ok(Ok(f)) = std::panic::catch_unwind(|| feed_rs::parser::parse(&bytes[..])) else {
            continue;
        };
        parsed += 1;
        if let Some(c) = link.captures(expect) {
            links += 1;
            let n: usize = c[1].parse().unwrap();
            if f.entries
                .get(n)
                .and_then(|e| e.links.first())
                .map(|l| l.href.as_str())
                == Some(&c[2])
            {
                links_ok += 1;
            }
        }
    }
    let rate = parsed as f64 / wellformed as f64;
    println!("feedparser well-formed feeds read: {parsed}/{wellformed} = {rate:.4}");
    println!("feedparser entry link assertions: {links_ok}/{links}");
    assert!(wellformed > 1500);
    assert!(rate >= 0.92, "{rate}");
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else if p.extension().is_some_and(|x| x == "xml") {
            out.push(p);
        }
    }
    out.sort();
    out
}
