//! Prints what the readers make of each file named: documents (source, url, title, length) and errors.
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    for f in &args {
        for r in dossier_ingest::read_file(f) {
            match r {
                Ok(d) => println!(
                    "DOC {} url={:?} title={:?} published={:?} chars={}",
                    d.source,
                    d.hints.url,
                    d.hints.title.map(|t| t.value),
                    d.hints.published.map(|t| t.value),
                    d.text.len()
                ),
                Err(e) => println!("ERR {e}"),
            }
        }
    }
}
