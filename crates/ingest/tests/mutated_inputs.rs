//! Property test: fixtures of every format (an HTML page, an RSS feed, a WARC archive, JSONL,
//! each also gzipped) mutated at random (bytes flipped, inserted, deleted, spans repeated or
//! cut) never make a reader panic or hang: every input gives documents with text or errors
//! naming the input.

use dossier_ingest::read_bytes;
use proptest::prelude::*;
use std::io::Write;

const PAGE: &str = "<!doctype html><html><head><title>Floods close roads</title>\
<meta property=\"article:published_time\" content=\"2025-03-04T08:00:00Z\"></head><body>\
<nav><a href=\"/\">Home</a></nav><article><h1>Floods close roads</h1>\
<p>Heavy rain flooded the coast on Monday and closed the main roads for hours, the regional \
authority said.</p><p>Schools stayed open while crews cleared the water from the streets of \
the old town, and \"we expect more rain\", the mayor said.</p><table><tr><td>1</td><td>2\
</table></article><footer>Copyright</footer></body></html>";

fn feed() -> String {
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Example News</title>\
         <item><title>Floods</title><link>https://example.com/a</link>\
         <pubDate>Tue, 04 Mar 2025 08:00:00 GMT</pubDate><description><![CDATA[{PAGE}]]>\
         </description></item><item><title>Second</title><description>Crews cleared the \
         roads on Tuesday, officials said.</description></item></channel></rss>"
    )
}

fn warc() -> String {
    let record = |uri: &str| {
        format!(
            "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: {uri}\r\n\
             Content-Type: text/html\r\nContent-Length: {}\r\n\r\n{PAGE}\r\n\r\n",
            PAGE.len()
        )
    };
    [
        record("https://example.com/a"),
        record("https://example.com/b"),
    ]
    .concat()
}

fn jsonl() -> String {
    let line = serde_json::json!({
        "url": "https://example.com/a", "title": "Floods", "published": "2025-03-04",
        "text": "Heavy rain flooded the coast on Monday, the regional authority said."
    });
    let html = serde_json::json!({"url": "https://example.com/b", "html": PAGE});
    format!("{line}\n{html}\n{line}\n")
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

/// One change to a byte string.
#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Repeat(usize, usize, usize),
    Cut(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let bytes = prop::collection::vec(
        prop_oneof![
            any::<u8>(),
            Just(b'<'),
            Just(b'>'),
            Just(b'"'),
            Just(b'\n'),
            Just(b'\r'),
            Just(b'&'),
            Just(0xff),
        ],
        1..12,
    );
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        (any::<usize>(), bytes).prop_map(|(i, b)| Mutation::Insert(i, b)),
        (any::<usize>(), 1usize..64).prop_map(|(i, n)| Mutation::Delete(i, n)),
        (any::<usize>(), 1usize..64, 1usize..200).prop_map(|(i, n, k)| Mutation::Repeat(i, n, k)),
        any::<usize>().prop_map(Mutation::Cut),
    ]
}

fn apply(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        if bytes.is_empty() {
            break;
        }
        let at = |i: usize| i % bytes.len();
        match m {
            Mutation::Flip(i, b) => {
                let i = at(*i);
                bytes[i] = *b;
            }
            Mutation::Insert(i, b) => {
                let i = at(*i);
                bytes.splice(i..i, b.iter().copied());
            }
            Mutation::Delete(i, n) => {
                let i = at(*i);
                let end = (i + n).min(bytes.len());
                bytes.drain(i..end);
            }
            Mutation::Repeat(i, n, k) => {
                let i = at(*i);
                let end = (i + n).min(bytes.len());
                let span = bytes[i..end].repeat(*k);
                bytes.splice(end..end, span);
            }
            Mutation::Cut(i) => {
                let i = at(*i);
                bytes.truncate(i);
            }
        }
    }
    bytes
}

fn fixture(kind: usize) -> (&'static str, Vec<u8>) {
    match kind % 8 {
        0 => ("page.html", PAGE.as_bytes().to_vec()),
        1 => ("feed.rss", feed().into_bytes()),
        2 => ("archive.warc", warc().into_bytes()),
        3 => ("lines.jsonl", jsonl().into_bytes()),
        4 => ("page.html.gz", gzip(PAGE.as_bytes())),
        5 => ("feed.rss.gz", gzip(feed().as_bytes())),
        6 => ("archive.warc.gz", gzip(warc().as_bytes())),
        _ => ("upload", jsonl().into_bytes()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn a_mutated_input_gives_documents_or_errors_naming_it(
        kind in 0usize..8,
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let (name, bytes) = fixture(kind);
        let mutated = apply(bytes, &mutations);
        let started = std::time::Instant::now();
        for r in read_bytes(name, &mutated) {
            match r {
                Ok(doc) => prop_assert!(!doc.text.trim().is_empty()),
                Err(e) => {
                    prop_assert!(e.source.starts_with(name), "{}", e);
                    prop_assert!(!e.message.is_empty());
                }
            }
        }
        prop_assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }
}
