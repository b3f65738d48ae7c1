//! Where extraction time goes on a folder of `html/*.html.gz` pages (AEB, or a WCXB split):
//! extract vs clean, and how often each extractor is the one that answers.
//! `cargo run --release -p dossier-eval --example extraction_profile DIR`
use std::io::Read;
use std::time::{Duration, Instant};
fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).expect("DIR"));
    let (mut t_ex, mut t_cl, mut n) = (Duration::ZERO, Duration::ZERO, 0);
    let mut by = std::collections::BTreeMap::<&str, usize>::new();
    for e in std::fs::read_dir(dir.join("html")).unwrap() {
        let p = e.unwrap().path();
        let mut b = Vec::new();
        flate2::read::MultiGzDecoder::new(std::fs::File::open(&p).unwrap())
            .read_to_end(&mut b)
            .unwrap();
        let t = Instant::now();
        let s = String::from_utf8_lossy(&b);
        let x = dossier_ingest::html::extract(&s, None);
        t_ex += t.elapsed();
        if let Ok(x) = x {
            *by.entry(x.extractor).or_default() += 1;
            let doc = dossier_model::RawDocument {
                source: "x".into(),
                text: x.text,
                hints: x.hints,
            };
            let t = Instant::now();
            let _ = dossier_clean::clean(&doc);
            t_cl += t.elapsed();
        }
        n += 1;
    }
    println!(
        "pages {n} extract {:.2} ms/page clean {:.2} ms/page, answered by {by:?}",
        t_ex.as_secs_f64() * 1e3 / n as f64,
        t_cl.as_secs_f64() * 1e3 / n as f64
    );
}
