//! `make-corpus [--dense] N OUT_DIR [SOURCE_DIR...]`: writes N generated articles as JSONL
//! files of 10,000 articles each (`part-00000.jsonl`, ...) built from the texts under
//! SOURCE_DIRs (default: ../shared/eval/extraction and examples/). With `--dense`, all N are
//! near-copies of one story (`dossier_corpusgen::dense_article`). See `dossier_corpusgen`.

use std::io::Write;

fn main() -> anyhow::Result<()> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let dense = args.first().is_some_and(|a| a == "--dense");
    if dense {
        args.remove(0);
    }
    let (Some(n), Some(out)) = (args.first(), args.get(1)) else {
        anyhow::bail!("usage: make-corpus [--dense] N OUT_DIR [SOURCE_DIR...]");
    };
    let n: usize = n.parse()?;
    let sources: Vec<String> = if args.len() > 2 {
        args[2..].to_vec()
    } else {
        vec!["../shared/eval/extraction".into(), "examples".into()]
    };
    let mut bases = Vec::new();
    for s in &sources {
        bases.extend(dossier_corpusgen::load_bases(std::path::Path::new(s))?);
    }
    anyhow::ensure!(!bases.is_empty(), "no base texts found under {sources:?}");
    std::fs::create_dir_all(out)?;
    let per_file = 10_000;
    let mut bytes = 0usize;
    for (part, start) in (0..n).step_by(per_file).enumerate() {
        let path = std::path::Path::new(out).join(format!("part-{part:05}.jsonl"));
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path)?);
        for k in start..(start + per_file).min(n) {
            let line = match dense {
                true => dossier_corpusgen::dense_article(&bases, k, 42),
                false => dossier_corpusgen::article(&bases, k, 42),
            }
            .to_string();
            bytes += line.len() + 1;
            writeln!(f, "{line}")?;
        }
        f.flush()?;
    }
    eprintln!(
        "make-corpus: {n} articles from {} base texts, {:.1} MB, in {out}",
        bases.len(),
        bytes as f64 / 1e6
    );
    Ok(())
}
