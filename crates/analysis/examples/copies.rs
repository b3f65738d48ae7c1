//! Prints, for every pair of articles in a `dossier analyze --format json` output (stdin), the
//! share of the first's sentences copied in the second and the share with any counterpart.
//! A tool for tuning the copy and rewrite thresholds.

use dossier_model::Dossier;
use std::io::Read;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input)?;
    let d: Dossier = serde_json::from_str(&input)?;
    for a in &d.articles {
        for b in &d.articles {
            if a.id != b.id {
                let (copied, matched) = dossier_analysis::copies::alignment_shares(a, b);
                println!(
                    "{} {} copied {copied:.2} matched {matched:.2}",
                    a.source, b.source
                );
            }
        }
    }
    Ok(())
}
