//! `dossier eval timeline` on Timeline17: prints the per-timeline and mean scores (kept in
//! docs/EVALUATION.md) and fails below the floor.

mod common;

use common::*;

/// Reached when the floor was set: Date-F1 0.5480 over 18 timelines; less 0.01. The issue's
/// bar is 0.50 (DATEWISE, the best published method, reaches 0.544 on all 19).
const DATE_F1_FLOOR: f64 = 0.538;
/// Alignment ROUGE-1 when the per-day sentences became centroid-ranked with the leads of the
/// day's articles (0.0854, 2026-11-23), less 0.005. DATEWISE reaches 0.120.
const AR1_FLOOR: f64 = 0.0804;

#[test]
fn timeline17_date_f1_stays_above_the_floor() {
    let Some(dir) = shared("eval/timeline/t17") else {
        return;
    };
    let (f1, report) = eval_metric(&["timeline", dir.to_str().unwrap()], "Date-F1");
    let ar1: f64 = report
        .lines()
        .find_map(|l| l.strip_prefix("AR1 "))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("no AR1 line in {report}"));
    assert!(ar1 >= AR1_FLOOR, "AR1 {ar1} fell below {AR1_FLOOR}");
    assert!(
        f1 >= DATE_F1_FLOOR,
        "Date-F1 {f1} fell below {DATE_F1_FLOOR}"
    );
}
