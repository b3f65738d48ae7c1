//! `dossier eval time` on the TempEval-3 training TimeML files: prints the scores (kept in
//! docs/EVALUATION.md) and fails below the floor.

mod common;

use common::*;

/// Reached when the floor was set: value accuracy 0.8243 on tempeval3-train; less 0.01.
const VALUE_ACCURACY_FLOOR: f64 = 0.8143;

#[test]
fn tempeval_value_accuracy_stays_above_the_floor() {
    let Some(dir) = shared("eval/timeline/tempeval3-train") else {
        return;
    };
    let (accuracy, report) = eval_metric(&["time", dir.to_str().unwrap()], "value accuracy");
    assert!(report.contains("relaxed precision"));
    assert!(
        accuracy >= VALUE_ACCURACY_FLOOR,
        "value accuracy {accuracy} fell below {VALUE_ACCURACY_FLOOR}"
    );
}
