//! Trains the NER model on CoNLL-2003 and writes `crates/ner/model/conll2003-en.bin.gz`.
//!
//! `cargo run --release -p dossier-ner --bin train-ner -- ../shared/eval/ner/conll2003/eng-4col/eng.train [EPOCHS] [OUT]`
//!
//! Deterministic: the same data and epochs give the same weights (the sentence order is
//! shuffled per epoch with a fixed seed).

use dossier_ner::model::Trainer;
use dossier_ner::Tag;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(train) = args.get(1) else {
        eprintln!("usage: train-ner TRAIN_FILE [EPOCHS] [OUT]");
        std::process::exit(2);
    };
    let epochs: usize = args.get(2).and_then(|e| e.parse().ok()).unwrap_or(12);
    let out = args.get(3).cloned().unwrap_or_else(|| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/model/conll2003-en.bin.gz").into()
    });
    let text = std::fs::read_to_string(train).unwrap_or_else(|e| {
        eprintln!("cannot read {train}: {e}");
        std::process::exit(1)
    });
    let sentences = dossier_ner::conll::read(&text);
    eprintln!("{} sentences", sentences.len());
    let mut trainer = Trainer::new();
    let data: Vec<(Vec<Vec<u32>>, Vec<Tag>)> = sentences
        .iter()
        .map(|s| {
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            (trainer.featurize(&words), s.tags.clone())
        })
        .collect();
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut seed = 0x9e3779b97f4a7c15u64;
    for epoch in 1..=epochs {
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        let mut wrong = 0;
        for &i in &order {
            if trainer.learn(&data[i].0, &data[i].1) {
                wrong += 1;
            }
        }
        eprintln!("epoch {epoch}: {wrong} sentences wrong");
    }
    let model = trainer.finish();
    let file = std::fs::File::create(&out).expect("model file can be written");
    let kept = model.write_gz(std::io::BufWriter::new(file), 0.05).unwrap();
    eprintln!("wrote {out}: {kept} features");
}
