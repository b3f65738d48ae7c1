//! `dossier eval timeline` on Timeline17: prints the per-timeline and mean scores (kept in
//! docs/EVALUATION.md) and fails below the floor.

mod common;

use common::*;

/// Reached when the floor was set: Date-F1 0.5480 over 18 timelines; less 0.01. The issue's
/// bar is 0.50 (DATEWISE, the best published method, reaches 0.544 on all 19).
const DATE_F1_FLOOR: f64 = 0.538;

#[test]
fn timeline17_date_f1_stays_above_the_floor() {
    let Some(dir) = shared("eval/timeline/t17") else {
        return;
    };
    let (f1, report) = eval_metric(&["timeline", dir.to_str().unwrap()], "Date-F1");
    assert!(report.contains("AR1 "), "{report}");
    assert!(
        f1 >= DATE_F1_FLOOR,
        "Date-F1 {f1} fell below {DATE_F1_FLOOR}"
    );
}
