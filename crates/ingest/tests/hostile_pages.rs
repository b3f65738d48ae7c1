//! Hostile and pathological pages, generated here: deep nesting, unclosed formatting tags,
//! nested tables, tens of thousands of attributes, formatting tags a browser would reopen in
//! every block. Each must give a result or an error naming the file within a stated CPU time
//! and peak memory, and never stop the rest of the batch (pages are read on rayon workers,
//! whose stacks are smaller than the main thread's).

use dossier_ingest::{html, read_file, read_inputs};
use std::time::Duration;

const PARA: &str = "<p>Officials from both governments met for five hours on Tuesday to discuss \
                    the plan, people familiar with the talks said, and agreed to meet again.</p>";

/// CPU time used by this process so far (user and system), from /proc/self/stat.
fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command name (which may hold spaces) end with ')'.
    let after = stat.rsplit_once(')').map_or("", |(_, s)| s);
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    // utime and stime are the 14th and 15th fields; `after` starts at the 3rd.
    Duration::from_millis((ticks(11) + ticks(12)) * 10)
}

/// Peak resident memory of this process so far in MB (VmHWM).
fn peak_rss_mb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb / 1024)
}

/// About `bytes` of `unit` repeated, inside a page.
fn page_of(unit: &str, bytes: usize) -> String {
    format!(
        "<html><body>{}</body></html>",
        unit.repeat(bytes / unit.len())
    )
}

/// The pathological pages: (name, page). Each is about 1 MB or is the reproducer.
fn hostile_pages() -> Vec<(&'static str, String)> {
    let attrs = |n: usize| -> String {
        (0..n)
            .map(|i| format!(" a{i}=\"v{i}\""))
            .collect::<String>()
    };
    let reopened: String = (0..1000)
        .map(|k| format!("<div><b class=c{k}>x</div>"))
        .collect();
    vec![
        (
            "unclosed-span-b-i.html",
            format!("<html><body>{}{}", "<span><b><i>".repeat(10_000), PARA),
        ),
        (
            "unclosed-span-b-i-1mb.html",
            page_of("<span><b><i>", 1 << 20),
        ),
        (
            "nested-divs.html",
            format!("{}{}", "<div>".repeat(10_000), PARA.repeat(3)),
        ),
        ("nested-divs-1mb.html", page_of("<div>", 1 << 20)),
        (
            "nested-tables-1mb.html",
            page_of("<table><tr><td>", 1 << 20),
        ),
        (
            "many-attributes.html",
            format!("<html><body><div{}>{}</div>", attrs(50_000), PARA.repeat(3)),
        ),
        (
            "many-attributes-no-prose.html",
            format!("<html><body><div{}>x</div>", attrs(50_000)),
        ),
        (
            "depth-just-allowed-1mb.html",
            page_of(
                &format!("{}x{}", "<div>".repeat(99), "</div>".repeat(99)),
                1 << 20,
            ),
        ),
        (
            "reopened-formatting.html",
            format!("<html><body>{reopened}{}", "<div>y</div>".repeat(30_000)),
        ),
    ]
}

#[test]
fn each_pathological_page_is_read_or_refused_fast_on_a_worker_stack() {
    for (name, page) in hostile_pages() {
        // A rayon worker's stack (2 MB), not the main thread's.
        let started = cpu_time();
        let result = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || html::extract(&page, None).map(|e| e.text))
            .unwrap()
            .join()
            .unwrap_or_else(|_| panic!("{name}: the extractor panicked"));
        let spent = cpu_time() - started;
        assert!(
            spent < Duration::from_secs(2),
            "{name}: {spent:?} of CPU (bound 2 s)"
        );
        match result {
            Ok(text) => assert!(!text.trim().is_empty(), "{name}"),
            Err(e) => assert!(e.contains("no article text"), "{name}: {e}"),
        }
    }
    assert!(peak_rss_mb() < 1024, "peak memory {} MB", peak_rss_mb());
}

#[test]
fn prose_behind_ten_thousand_unclosed_tags_is_still_found() {
    let page = format!(
        "<html><body>{}{}</body></html>",
        "<span><b><i>".repeat(10_000),
        PARA.repeat(3)
    );
    let text = html::extract(&page, None).unwrap().text;
    assert!(text.contains("Officials from both governments"), "{text}");
}

#[test]
fn a_page_too_deep_for_the_fallbacks_says_so_when_it_has_no_text() {
    let page = format!("<html><body>{}short", "<div>".repeat(5_000));
    let err = html::extract(&page, None).err().unwrap();
    assert!(err.contains("nested deeper than"), "{err}");
}

#[test]
fn a_batch_of_hostile_pages_reads_the_good_one_and_names_the_bad_ones() {
    let dir = tempfile::tempdir().unwrap();
    let mut inputs = Vec::new();
    for (name, page) in hostile_pages() {
        let path = dir.path().join(name);
        std::fs::write(&path, page).unwrap();
        inputs.push(path.to_string_lossy().into_owned());
    }
    let good = dir.path().join("zz-good.html");
    std::fs::write(
        &good,
        format!(
            "<html><head><title>Talks</title></head><body><article>{}</article></body></html>",
            PARA.repeat(4)
        ),
    )
    .unwrap();
    inputs.push(good.to_string_lossy().into_owned());
    let started = cpu_time();
    let batch = read_inputs(&inputs);
    let spent = cpu_time() - started;
    assert!(
        spent < Duration::from_secs(2 * inputs.len() as u64),
        "{spent:?} of CPU for {} pages",
        inputs.len()
    );
    assert_eq!(batch.documents.len() + batch.errors.len(), inputs.len());
    assert!(batch
        .documents
        .iter()
        .any(|d| d.source.ends_with("zz-good.html")));
    for e in &batch.errors {
        assert!(e.source.ends_with(".html"), "{e}");
    }
}

#[test]
fn a_feed_entry_of_deeply_nested_markup_is_read_as_text() {
    let content = format!(
        "{}Officials met on Tuesday.{}",
        "&lt;div&gt;&lt;b class=x&gt;".repeat(20_000),
        "&lt;/div&gt;".repeat(10)
    );
    let feed = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Example News</title>\
         <item><title>Talks</title><link>https://example.com/a</link>\
         <description>{content}</description></item></channel></rss>"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deep.rss");
    std::fs::write(&path, feed).unwrap();
    let started = cpu_time();
    let docs = read_file(&path.to_string_lossy());
    assert!(cpu_time() - started < Duration::from_secs(2));
    let doc = docs.into_iter().next().unwrap().unwrap();
    assert!(
        doc.text.contains("Officials met on Tuesday."),
        "{}",
        doc.text
    );
}
