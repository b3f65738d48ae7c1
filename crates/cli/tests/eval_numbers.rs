//! `dossier eval numbers` on the Recognizers-Text English specs and quantulum3's cases: prints
//! the scores (kept in docs/EVALUATION.md) and fails below the floor.

mod common;

use common::*;

/// Reached when the floor was set: value accuracy 0.8077 on ../shared/eval/numbers; less 0.01.
const VALUE_ACCURACY_FLOOR: f64 = 0.7977;

#[test]
fn recognizers_and_quantulum_value_accuracy_stays_above_the_floor() {
    let Some(dir) = shared("eval/numbers") else {
        return;
    };
    let (accuracy, report) = eval_metric(&["numbers", dir.to_str().unwrap()], "value accuracy");
    assert!(report.contains("CurrencyModel.json (Currency)"));
    assert!(report.contains("quantities.json (Quantulum)"));
    assert!(
        accuracy >= VALUE_ACCURACY_FLOOR,
        "value accuracy {accuracy} fell below {VALUE_ACCURACY_FLOOR}"
    );
}
