//! `dossier eval brief` on the NeuS validation stories: prints the scores (kept in
//! docs/EVALUATION.md) and fails when the brief stops beating the lead baseline or its
//! citations fall below 0.95 precision.

mod common;

use common::*;

/// Reached when the floor was set: ROUGE-1 0.3854; less 0.01.
const ROUGE1_FLOOR: f64 = 0.3754;

/// The value after `name` on the line that starts with `system`.
fn score(report: &str, system: &str, name: &str) -> f64 {
    let line = report
        .lines()
        .find(|l| l.starts_with(system))
        .unwrap_or_else(|| panic!("no {system} line in\n{report}"));
    let words: Vec<&str> = line.split_whitespace().collect();
    let at = words.iter().position(|w| *w == name).expect("metric named");
    words[at + 1].parse().expect("a number")
}

#[test]
fn neus_brief_beats_lead_with_precise_citations() {
    let Some(file) =
        shared("eval/clustering/neus/naacl2022_lrc_roundup_random_order_probe/val.source")
    else {
        return;
    };
    let (r1, report) = eval_metric(&["brief", file.to_str().unwrap()], "ROUGE-1");
    assert!(r1 >= ROUGE1_FLOOR, "ROUGE-1 {r1} fell below {ROUGE1_FLOOR}");
    let lead = score(&report, "lead ", "ROUGE-1");
    assert!(r1 > lead, "dossier {r1} does not beat lead {lead}");
    let precision = score(&report, "citation precision", "precision");
    assert!(precision >= 0.95, "citation precision {precision}");
}
