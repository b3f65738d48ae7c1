//! Studying quote-attribution errors on a PolNeAR split (use the train split, not dev):
//! `misses` prints gold attributions no prediction overlaps, with their cue;
//! `false` prints predictions that overlap no gold content, with their speaker.
//!
//! `cargo run --release -p dossier-eval --example quote_errors -- misses|false DIR [N] [--context]`

use dossier_eval::quotes::{documents, predict};
use std::ops::Range;

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (mode, dir) = (args[1].as_str(), std::path::Path::new(&args[2]));
    let n: usize = args.get(3).and_then(|x| x.parse().ok()).unwrap_or(40);
    let context = args.iter().any(|a| a == "--context");
    let mut shown = 0;
    for doc in documents(dir).expect("a PolNeAR split").iter().step_by(7) {
        let chars: Vec<char> = doc.text.chars().collect();
        let slice = |r: &Range<usize>| {
            chars[r.start..r.end.min(chars.len())]
                .iter()
                .collect::<String>()
        };
        let predicted = predict(&doc.text);
        if mode == "misses" {
            for g in &doc.gold {
                let hit = g
                    .content
                    .iter()
                    .any(|c| predicted.iter().any(|(p, _)| overlaps(p, c)));
                if !hit && shown < n {
                    let cue = g.cue.first().map(&slice).unwrap_or_default();
                    println!(
                        "[{cue}] {}",
                        g.content.iter().map(&slice).collect::<Vec<_>>().join(" … ")
                    );
                    if context {
                        let at = g.content.first().map_or(0, |c| c.start);
                        let from = at.saturating_sub(160);
                        println!(
                            "    CONTEXT: {}",
                            slice(&(from..at + 60)).replace('\n', " ¶ ")
                        );
                    }
                    shown += 1;
                }
            }
        } else {
            for (c, s) in &predicted {
                let hit = doc
                    .gold
                    .iter()
                    .any(|g| g.content.iter().any(|gc| overlaps(gc, c)));
                if !hit && shown < n {
                    let who = s.as_ref().map(&slice).unwrap_or_default();
                    println!("[{who}] {}", slice(c));
                    shown += 1;
                }
            }
        }
    }
}
