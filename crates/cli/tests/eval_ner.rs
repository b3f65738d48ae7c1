//! `dossier eval ner` on the CoNLL-2003 dev split with the committed model: prints the scores
//! (kept in docs/EVALUATION.md) and fails below the floor.

mod common;

use common::*;

/// The F1 reached when the floor was set (0.9065 on eng.testa), less 0.01.
const F1_FLOOR: f64 = 0.8965;

#[test]
fn conll_dev_f1_stays_above_the_floor() {
    let Some(dev) = shared("eval/ner/conll2003/eng-4col/eng.testa") else {
        return;
    };
    let (f1, _) = eval_metric(&["ner", dev.to_str().unwrap()], "F1");
    assert!(f1 >= F1_FLOOR, "CoNLL dev F1 {f1} fell below {F1_FLOOR}");
}
