//! `dossier eval extraction` on AEB and on WCXB dev: prints their scores (kept in
//! docs/EVALUATION.md) and fails if body F1 falls below the floor.

mod common;

use common::*;

/// The F1 reached when the floor was set (0.9629), less 0.01.
const F1_FLOOR: f64 = 0.9529;

#[test]
fn aeb_body_f1_stays_above_the_floor() {
    let Some(aeb) = shared("eval/extraction/aeb") else {
        return;
    };
    let (f1, report) = eval_metric(&["extraction", aeb.to_str().unwrap()], "F1");
    assert!(f1 >= F1_FLOOR, "AEB body F1 {f1} fell below {F1_FLOOR}");
    assert!(report.contains("failed 0"), "every page yields text");
}

/// The WCXB dev F1 reached when the floor was set (0.9420), less 0.01.
const WCXB_F1_FLOOR: f64 = 0.9320;

#[test]
fn wcxb_body_f1_stays_above_the_floor() {
    let Some(wcxb) = shared("eval/extraction/wcxb-dev") else {
        return;
    };
    let (f1, report) = eval_metric(&["extraction", wcxb.to_str().unwrap()], "F1");
    assert!(
        f1 >= WCXB_F1_FLOOR,
        "WCXB body F1 {f1} fell below {WCXB_F1_FLOOR}"
    );
    assert!(report.contains("pages 711"), "{report}");
    assert!(report.contains("without snippets left"), "{report}");
}

#[test]
fn a_folder_without_ground_truth_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = dossier(&["eval", "extraction", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("ground-truth.json"),
        "{}",
        stderr(&out)
    );
}
