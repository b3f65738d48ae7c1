//! `dossier eval clustering` on ECB+ and on the NeuS validation stories: prints the scores
//! (kept in docs/EVALUATION.md) and fails below the floors.

mod common;

use common::*;

/// Reached when the floors were set (pairwise F1): ECB+ 0.7938, NeuS val 0.5322; less 0.01.
const ECBPLUS_FLOOR: f64 = 0.7838;
const NEUS_VAL_FLOOR: f64 = 0.5222;

#[test]
fn ecbplus_pairwise_f1_stays_above_the_floor() {
    let Some(dir) = shared("eval/clustering/ecbplus") else {
        return;
    };
    let (f1, report) = eval_metric(&["clustering", dir.to_str().unwrap()], "F1");
    assert!(report.contains("B3 precision"));
    assert!(
        f1 >= ECBPLUS_FLOOR,
        "pairwise F1 {f1} fell below {ECBPLUS_FLOOR}"
    );
}

#[test]
fn neus_validation_pairwise_f1_stays_above_the_floor() {
    let Some(file) =
        shared("eval/clustering/neus/naacl2022_lrc_roundup_random_order_probe/val.source")
    else {
        return;
    };
    let (f1, _) = eval_metric(&["clustering", file.to_str().unwrap()], "F1");
    assert!(
        f1 >= NEUS_VAL_FLOOR,
        "pairwise F1 {f1} fell below {NEUS_VAL_FLOOR}"
    );
}
