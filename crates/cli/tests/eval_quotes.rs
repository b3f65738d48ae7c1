//! `dossier eval quotes` on the PolNeAR dev split: prints the scores (kept in
//! docs/EVALUATION.md) and fails below the floors.

mod common;

use common::*;

/// Reached when the floors were set: content F1 0.8088, speaker accuracy 0.9028; less 0.01.
const CONTENT_F1_FLOOR: f64 = 0.7988;
const SPEAKER_ACCURACY_FLOOR: f64 = 0.8928;

#[test]
fn polnear_dev_scores_stay_above_the_floors() {
    let Some(dev) = shared("eval/quotes/polnear/dev") else {
        return;
    };
    let (speaker, report) = eval_metric(&["quotes", dev.to_str().unwrap()], "speaker accuracy");
    let content: f64 = report
        .lines()
        .find_map(|l| l.strip_prefix("content F1 "))
        .and_then(|v| v.parse().ok())
        .expect("a `content F1` line");
    let lines: Vec<&str> = report.lines().collect();
    assert!(
        lines[lines.len() - 2].starts_with("content F1 "),
        "second-to-last line is content F1"
    );
    assert!(
        content >= CONTENT_F1_FLOOR,
        "content F1 {content} fell below {CONTENT_F1_FLOOR}"
    );
    assert!(
        speaker >= SPEAKER_ACCURACY_FLOOR,
        "speaker accuracy {speaker} fell below {SPEAKER_ACCURACY_FLOOR}"
    );
}
