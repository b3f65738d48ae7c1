//! Prints the quote attributions found in each paragraph of standard input (a study aid):
//! `cargo run -p dossier-analysis --example attrib < text.txt`.
use std::io::Read;

fn main() {
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text).expect("stdin");
    let paragraphs: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    for a in dossier_analysis::quotes::document_attributions(&paragraphs) {
        let p = paragraphs[a.paragraph];
        let source = a
            .source
            .as_ref()
            .map_or("-", |(k, s)| &paragraphs[*k][s.clone()]);
        let cue = a.cue.as_ref().map_or("-", |c| &p[c.clone()]);
        println!("[{source}] [{cue}] {}", &p[a.content.clone()]);
    }
}
