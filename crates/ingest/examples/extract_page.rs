//! Prints what HTML extraction finds in one page (extractor, metadata, text), for looking into
//! a page the benchmarks score badly. `cargo run --release -p dossier-ingest --example
//! extract_page PAGE.html[.gz]`
use std::io::Read;

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: extract_page PAGE.html[.gz]");
    let mut bytes = std::fs::read(&path).expect("readable file");
    if path.ends_with(".gz") {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&bytes[..])
            .read_to_end(&mut out)
            .expect("gzip");
        bytes = out;
    }
    let html = String::from_utf8_lossy(&bytes);
    match dossier_ingest::html::extract(&html, None) {
        Ok(e) => {
            println!(
                "extractor: {}\nhints: {:?}\n---\n{}",
                e.extractor, e.hints, e.text
            );
        }
        Err(e) => println!("error: {e}"),
    }
}
