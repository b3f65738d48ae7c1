//! rs-trafilatura's extraction alone on an AEB-layout folder: every `html/*.html.gz` page
//! decoded (UTF-8, lossy, as the Python side does) and extracted on one thread, timed around
//! the extraction calls only; the bodies written as predictions for AEB's `evaluate.py`.
//!
//!   rust-extractor-bench AEB_DIR PREDICTIONS.json   # prints "<pages> <seconds>"
use std::io::Read;
use std::time::{Duration, Instant};

fn main() {
    let mut args = std::env::args().skip(1);
    let (dir, out) = match (args.next(), args.next()) {
        (Some(d), Some(o)) => (std::path::PathBuf::from(d), o),
        _ => {
            eprintln!("usage: rust-extractor-bench AEB_DIR PREDICTIONS.json");
            std::process::exit(2);
        }
    };
    let mut pages: Vec<std::path::PathBuf> = std::fs::read_dir(dir.join("html"))
        .expect("an AEB folder with html/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".html.gz"))
        .collect();
    pages.sort();
    let mut predictions = serde_json::Map::new();
    let mut spent = Duration::ZERO;
    for p in &pages {
        let mut bytes = Vec::new();
        flate2::read::MultiGzDecoder::new(std::fs::File::open(p).expect("readable page"))
            .read_to_end(&mut bytes)
            .expect("gzip page");
        let html = String::from_utf8_lossy(&bytes);
        let start = Instant::now();
        let body = rs_trafilatura::extract(&html)
            .map(|r| r.content_text)
            .unwrap_or_default();
        spent += start.elapsed();
        let name = p.file_name().unwrap().to_string_lossy();
        let key = name.trim_end_matches(".html.gz").to_string();
        predictions.insert(key, serde_json::json!({ "articleBody": body }));
    }
    std::fs::write(&out, serde_json::Value::Object(predictions).to_string())
        .expect("writable predictions file");
    println!("{} {:.4}", pages.len(), spent.as_secs_f64());
}
