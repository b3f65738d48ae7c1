//! Studying quote-attribution errors on a PolNeAR split (use the train split, not dev):
//! `misses` prints gold attributions no prediction overlaps, with their cue;
//! `false` prints predictions that overlap no gold content, with their speaker;
//! `partial` prints gold contents a prediction overlaps but does not cover, the uncovered
//! characters in brackets, and how many characters go uncovered in missed and in partly
//! covered attributions; `over` prints predictions that overlap a gold content and reach
//! beyond every gold content, the characters beyond in brackets, with counts; `speakers` prints predictions matched to a gold attribution with a source whose speaker the
//! scorer counts wrong, with the gold source.
//!
//! `cargo run --release -p dossier-eval --example quote_errors -- misses|false|partial|over|speakers DIR [N] [--context] [--all]`

use dossier_eval::quotes::{documents, predict, GoldAttribution};
use std::ops::Range;

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// The gold attribution whose content overlaps `c` most, as the scorer matches them.
fn best_gold<'a>(gold: &'a [GoldAttribution], c: &Range<usize>) -> Option<&'a GoldAttribution> {
    let overlap = |g: &GoldAttribution| -> usize {
        g.content
            .iter()
            .map(|gc| gc.end.min(c.end).saturating_sub(gc.start.max(c.start)))
            .sum()
    };
    gold.iter()
        .filter(|g| overlap(g) > 0)
        .max_by_key(|g| overlap(g))
}

/// The last word of a source, lower-cased, possessive removed (the scorer's head word).
fn head_word(s: &str) -> String {
    let s = s.trim().trim_end_matches("'s").trim_end_matches("’s");
    s.split(|c: char| !c.is_alphanumeric() && c != '_')
        .rfind(|w| !w.is_empty())
        .map(str::to_lowercase)
        .unwrap_or_default()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (mode, dir) = (args[1].as_str(), std::path::Path::new(&args[2]));
    let n: usize = args.get(3).and_then(|x| x.parse().ok()).unwrap_or(40);
    let context = args.iter().any(|a| a == "--context");
    // every article with --all, else every seventh (a sample of the train split)
    let step = if args.iter().any(|a| a == "--all") {
        1
    } else {
        7
    };
    let mut shown = 0;
    let (mut missed_chars, mut partial_chars) = (0, 0);
    for doc in documents(dir)
        .expect("a PolNeAR split")
        .iter()
        .step_by(step)
    {
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
        } else if mode == "partial" {
            for g in &doc.gold {
                let covered = |i: usize| predicted.iter().any(|(p, _)| p.start <= i && i < p.end);
                let chars_of = || g.content.iter().flat_map(|c| c.clone());
                let uncovered = chars_of()
                    .filter(|&i| !covered(i) && chars.get(i).is_some_and(|c| c.is_alphanumeric()))
                    .count();
                if chars_of().all(|i| !covered(i)) {
                    missed_chars += uncovered;
                    continue;
                }
                partial_chars += uncovered;
                if uncovered > 0 && shown < n {
                    let marked: String = chars_of()
                        .map(|i| {
                            let c = chars.get(i).copied().unwrap_or(' ');
                            if covered(i) {
                                c.to_string()
                            } else {
                                format!("\u{332}{c}")
                            }
                        })
                        .collect();
                    let cue = g.cue.first().map(&slice).unwrap_or_default();
                    println!("[{cue}] {}", marked.replace('\u{332}', "_"));
                    shown += 1;
                }
            }
        } else if mode == "over" {
            let in_gold = |i: usize| {
                doc.gold
                    .iter()
                    .any(|g| g.content.iter().any(|c| c.start <= i && i < c.end))
            };
            for (c, _) in &predicted {
                let letters = |i: &usize| chars.get(*i).is_some_and(|c| c.is_alphanumeric());
                let outside = c.clone().filter(letters).filter(|&i| !in_gold(i)).count();
                if c.clone().all(|i| !in_gold(i)) {
                    missed_chars += outside;
                    continue;
                }
                partial_chars += outside;
                if outside > 0 && shown < n {
                    let marked: String = c
                        .clone()
                        .map(|i| {
                            let ch = chars.get(i).copied().unwrap_or(' ');
                            if in_gold(i) {
                                ch.to_string()
                            } else {
                                format!("_{ch}")
                            }
                        })
                        .collect();
                    println!("{marked}");
                    shown += 1;
                }
            }
        } else if mode == "speakers" {
            for (c, s) in &predicted {
                let Some(best) = best_gold(&doc.gold, c) else {
                    continue;
                };
                if best.source.is_empty() || shown >= n {
                    continue;
                }
                let right = s.as_ref().is_some_and(|s| {
                    best.source.iter().any(|gs| overlaps(gs, s))
                        || best
                            .source
                            .iter()
                            .any(|gs| head_word(&slice(gs)) == head_word(&slice(s)))
                });
                if !right {
                    let who = s.as_ref().map(&slice).unwrap_or_default();
                    let gold = best
                        .source
                        .iter()
                        .map(&slice)
                        .collect::<Vec<_>>()
                        .join(" … ");
                    println!("[{who}] for [{gold}]: {}", slice(c));
                    if context {
                        let at = c.start.min(best.source[0].start);
                        let from = at.saturating_sub(120);
                        println!(
                            "    CONTEXT: {}",
                            slice(&(from..c.end.max(best.source[0].end) + 20)).replace('\n', " ¶ ")
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
    if mode == "over" {
        println!("characters outside gold: {missed_chars} in predictions overlapping none, {partial_chars} in predictions overlapping one");
    }
    if mode == "partial" {
        println!("uncovered characters: {missed_chars} in missed attributions, {partial_chars} in partly covered ones");
    }
}
