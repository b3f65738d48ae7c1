//! The `analyze` pipeline: read every input, clean each document in parallel, group the
//! articles into stories. Errors are collected, never fatal, so one bad input never stops a
//! batch.

use dossier_ingest::InputError;
use dossier_model::Dossier;
use rayon::prelude::*;

/// What one `analyze` run produced.
pub struct Run {
    pub dossier: Dossier,
    pub errors: Vec<InputError>,
    pub inputs_read: usize,
}

impl Run {
    pub fn summary(&self) -> String {
        let failed = match self.errors.len() {
            0 => String::new(),
            1 => ", 1 input failed".to_string(),
            n => format!(", {n} inputs failed"),
        };
        format!(
            "dossier: {} articles from {} inputs in {} stories{}",
            self.dossier.articles.len(),
            self.inputs_read,
            self.dossier.stories.len(),
            failed
        )
    }
}

/// A sentence-embedding model: one unit vector per text, in order.
pub type EmbedFn = dyn Fn(&[&str]) -> anyhow::Result<Vec<Vec<f32>>> + Sync;
pub type Embed<'a> = &'a EmbedFn;

/// Reads, cleans and analyses `paths`; with `embed`, story similarity blends in the articles'
/// sentence embeddings (the `embeddings` feature).
pub fn analyze(paths: &[String], embed: Option<Embed>) -> anyhow::Result<Run> {
    let batch = dossier_ingest::read_inputs(paths);
    let mut errors = batch.errors;
    let inputs_read = batch.documents.len();
    let cleaned: Vec<_> = batch
        .documents
        .par_iter()
        .map(|d| (d.source.clone(), dossier_clean::clean(d)))
        .collect();
    let mut articles = Vec::new();
    for (source, parts) in cleaned {
        if parts.is_empty() {
            errors.push(InputError {
                source,
                line: None,
                message: "only page furniture found, no article text".into(),
            });
        }
        articles.extend(parts);
    }
    let mut vectors = dossier_analysis::stories::story_vectors(&articles);
    if let Some(embed) = embed {
        dossier_analysis::stories::add_meaning(&mut vectors, &articles, embed)?;
    }
    let stories = dossier_analysis::analyze_by(&mut articles, &vectors);
    Ok(Run {
        dossier: Dossier { articles, stories },
        errors,
        inputs_read,
    })
}
