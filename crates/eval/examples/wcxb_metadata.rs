//! How often the page metadata dossier reads (title, byline, publication date) matches WCXB's
//! gold, page by page. `cargo run --release -p dossier-eval --example wcxb_metadata
//! ../shared/eval/extraction/wcxb-dev/dev`
//!
//! Title: equal after lower-casing and collapsing whitespace. Byline: the gold author's words
//! all in the byline (bylines carry "By" and co-authors). Date: the same calendar day.
use std::io::Read;

fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).expect("SPLIT_DIR"));
    let mut files: Vec<_> = std::fs::read_dir(dir.join("ground-truth"))
        .expect("ground-truth/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let (mut n, mut title, mut byline, mut bylines, mut date, mut dates) = (0, 0, 0, 0, 0, 0);
    for f in files {
        let gt: serde_json::Value = serde_json::from_slice(&std::fs::read(&f).unwrap()).unwrap();
        let id = f.file_stem().unwrap().to_string_lossy().to_string();
        let mut html = Vec::new();
        flate2::read::MultiGzDecoder::new(
            std::fs::File::open(dir.join("html").join(format!("{id}.html.gz"))).unwrap(),
        )
        .read_to_end(&mut html)
        .unwrap();
        let Ok(x) = dossier_ingest::html::extract(&String::from_utf8_lossy(&html), None) else {
            continue;
        };
        let g = &gt["ground_truth"];
        n += 1;
        let got = |v: &Option<dossier_model::Sourced<String>>| {
            v.as_ref().map(|s| s.value.clone()).unwrap_or_default()
        };
        if let Some(t) = g["title"].as_str() {
            title += usize::from(norm(t) == norm(&got(&x.hints.title)));
        }
        if let Some(a) = g["author"].as_str().filter(|a| !a.trim().is_empty()) {
            bylines += 1;
            let by = norm(&got(&x.hints.byline));
            let ok = norm(a).split(' ').all(|w| by.contains(w));
            byline += usize::from(ok);
            if !ok && std::env::var("SHOW").is_ok() {
                println!("{id}\tgold {a:?}\tgot {by:?}");
            }
        }
        if let Some(d) = g["publish_date"].as_str().filter(|d| d.len() >= 10) {
            dates += 1;
            date += usize::from(got(&x.hints.published).starts_with(&d[..10]));
        }
    }
    println!("pages {n}");
    println!("title exact {title}/{n} ({:.3})", title as f64 / n as f64);
    println!(
        "byline has the author {byline}/{bylines} ({:.3})",
        byline as f64 / bylines as f64
    );
    println!(
        "published on the gold day {date}/{dates} ({:.3})",
        date as f64 / dates as f64
    );
}
