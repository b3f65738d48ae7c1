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
    let out = dossier(&["eval", "ner", dev.to_str().unwrap()]);
    let text = stdout(&out);
    println!("dossier eval ner {}\n{text}", dev.display());
    assert!(out.status.success(), "{}", stderr(&out));
    let f1: f64 = text
        .lines()
        .last()
        .unwrap()
        .strip_prefix("F1 ")
        .unwrap()
        .parse()
        .unwrap();
    assert!(f1 >= F1_FLOOR, "CoNLL dev F1 {f1} fell below {F1_FLOOR}");
}
