//! Prints, for every pair of articles of a story in a `dossier analyze --format json` output
//! (stdin), how much of the first the second repeats: its compared sentences (own words, or
//! all words outside quotation marks when it credits the other's outlet), how many are copied
//! and how many have any counterpart, and the matched sentences. A tool for tuning the copy and
//! rewrite thresholds.

use dossier_model::Dossier;
use std::io::Read;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input)?;
    let d: Dossier = serde_json::from_str(&input)?;
    for s in &d.stories {
        for a in s.articles.iter().filter_map(|id| d.article(id)) {
            for b in s.articles.iter().filter_map(|id| d.article(id)) {
                if a.id == b.id {
                    continue;
                }
                let Some(al) = dossier_analysis::copies::alignment(a, b) else {
                    continue;
                };
                if al.matched == 0 {
                    continue;
                }
                println!(
                    "{} <- {}: compared {} copied {} matched {} -> {:?}",
                    a.url.as_deref().unwrap_or(&a.source),
                    b.url.as_deref().unwrap_or(&b.source),
                    al.compared,
                    al.copied,
                    al.matched,
                    al.kind()
                );
                for (x, y) in &al.pairs {
                    println!("    | {}\n    > {}", &a.text[x.clone()], &b.text[y.clone()]);
                }
            }
        }
    }
    Ok(())
}
