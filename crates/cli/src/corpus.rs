//! The corpus commands: `ingest` (read, clean and store articles, growing the stories) and the
//! queries over a store (`stories`, `story`, `search`).
//!
//! Ingest reads the input files in chunks (files read, cleaned and vectorised in parallel, on a
//! thread of their own, while the previous chunk is stored), and stores each chunk in
//! transactions of a few hundred articles: a crash loses at most the transaction under way,
//! and a re-run skips what is stored (duplicates by content) and completes the rest.

use dossier_ingest::InputError;
use dossier_model::Dossier;
use dossier_store::{AddReport, Prepared, Store};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::Path;

/// Files per chunk at most, and bytes per chunk at most (whichever comes first).
const CHUNK_FILES: usize = 256;
const CHUNK_BYTES: u64 = 64 << 20;
/// Articles stored per transaction.
const ARTICLES_PER_COMMIT: usize = 500;

/// What one ingest run did.
#[derive(Default, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub read: usize,
    pub failed: usize,
    #[serde(flatten)]
    pub added: AddReport,
    pub dossiers: usize,
    pub seconds: f64,
}

impl Summary {
    pub fn line(&self) -> String {
        format!(
            "dossier: ingested {} files in {:.1}s: {} articles read, {} new, {} duplicates, {} failed; \
             {} stories created, {} grown; {} dossiers computed",
            self.files,
            self.seconds,
            self.read,
            self.added.new,
            self.added.duplicates,
            self.failed,
            self.added.stories_created,
            self.added.stories_grown,
            self.dossiers
        )
    }
}

fn progress(total: u64, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden());
    }
    let pb = ProgressBar::new(total);
    pb.set_style(
        ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} {bytes_per_sec} ETA {eta} {msg}",
        )
        .expect("a valid template"),
    );
    pb
}

/// Reads `paths` into the store at `db`. Errors in inputs are printed and counted, never fatal.
pub fn ingest(paths: &[String], db: &Path, quiet: bool, defer: bool) -> anyhow::Result<Summary> {
    let start = std::time::Instant::now();
    let mut store = Store::open(db)?;
    let (files, listing) = dossier_ingest::list_inputs(paths);
    let mut summary = Summary {
        files: files.len(),
        ..Default::default()
    };
    let sizes: Vec<u64> = files
        .iter()
        .map(|f| std::fs::metadata(f).map_or(0, |m| m.len()))
        .collect();
    let pb = progress(sizes.iter().sum(), quiet);
    for e in &listing.errors {
        report_error(&pb, e);
        summary.failed += 1;
    }
    // Chunks of files, each about CHUNK_BYTES (or CHUNK_FILES files) at most.
    let mut chunks: Vec<(usize, usize, u64)> = Vec::new();
    let mut at = 0;
    while at < files.len() {
        let (mut end, mut bytes) = (at, 0);
        while end < files.len() && end - at < CHUNK_FILES && (bytes < CHUNK_BYTES || end == at) {
            bytes += sizes[end];
            end += 1;
        }
        chunks.push((at, end, bytes));
        at = end;
    }
    // One thread reads and cleans the next chunk (in parallel) while this one stores the
    // last: storing is one writer, so the two overlap instead of taking turns.
    let (send, receive) = std::sync::mpsc::sync_channel::<Cleaned>(0);
    let store_result = std::thread::scope(|scope| {
        let reader = {
            let (pb, files) = (pb.clone(), &files);
            scope.spawn(move || {
                for &(at, end, bytes) in &chunks {
                    let cleaned = read_and_clean(&files[at..end], bytes, &pb);
                    if send.send(cleaned).is_err() {
                        break; // the store failed; stop reading
                    }
                }
            })
        };
        let mut stored = Ok(());
        for c in receive.iter() {
            summary.read += c.read;
            summary.failed += c.failed;
            let mut batch = c.articles;
            // One transaction per part, so a crash costs at most one part of the chunk; the
            // stories the chunk changed are re-clustered once, after its last part.
            while !batch.is_empty() && stored.is_ok() {
                let rest = batch.split_off(batch.len().min(ARTICLES_PER_COMMIT));
                stored = store
                    .add_unsettled(std::mem::replace(&mut batch, rest))
                    .map(|added| summary.added.absorb(&added));
            }
            if stored.is_ok() {
                stored = store.settle().map(|settled| summary.added.absorb(&settled));
            }
            if stored.is_err() {
                break;
            }
            pb.inc(c.bytes);
            pb.set_message(format!("{} new", summary.added.new));
        }
        drop(receive);
        reader.join().expect("the reading thread does not panic");
        stored
    });
    store_result?;
    pb.finish_and_clear();
    if !defer {
        let stale = store.stats()?.stale_dossiers as u64;
        let pb = progress(stale, quiet);
        if stale > 0 {
            pb.set_style(
                ProgressStyle::with_template("{spinner} dossiers {wide_bar} {pos}/{len} ETA {eta}")
                    .expect("a valid template"),
            );
        }
        summary.dossiers = store.refresh_dossiers(&mut |done, _| pb.set_position(done as u64))?;
        pb.finish_and_clear();
    }
    summary.seconds = start.elapsed().as_secs_f64();
    Ok(summary)
}

/// One chunk of input, read and cleaned, ready to store.
struct Cleaned {
    articles: Vec<Prepared>,
    read: usize,
    failed: usize,
    bytes: u64,
}

/// Reads `files` and cleans their documents (both in parallel), printing each input error.
fn read_and_clean(files: &[String], bytes: u64, pb: &ProgressBar) -> Cleaned {
    let mut out = Cleaned {
        articles: Vec::new(),
        read: 0,
        failed: 0,
        bytes,
    };
    let read: Vec<Vec<Result<dossier_model::RawDocument, InputError>>> = files
        .par_iter()
        .map(|f| dossier_ingest::read_file(f))
        .collect();
    let mut docs = Vec::new();
    for r in read.into_iter().flatten() {
        match r {
            Ok(d) => docs.push(d),
            Err(e) => {
                report_error(pb, &e);
                out.failed += 1;
            }
        }
    }
    out.read = docs.len();
    let cleaned: Vec<(String, Vec<Prepared>)> = docs
        .par_iter()
        .map(|d| (d.source.clone(), Prepared::all(dossier_clean::clean(d))))
        .collect();
    for (source, parts) in cleaned {
        if parts.is_empty() {
            report_error(
                pb,
                &InputError {
                    source,
                    line: None,
                    message: "only page furniture found, no article text".into(),
                },
            );
            out.failed += 1;
        }
        out.articles.extend(parts);
    }
    out
}

/// Prints an input error above the progress bar.
fn report_error(pb: &ProgressBar, e: &InputError) {
    pb.suspend(|| eprintln!("dossier: error: {e}"));
}

/// The story list as a table for people.
pub fn stories_table(rows: &[dossier_store::StoryRow]) -> String {
    let mut out =
        String::from("ID           ARTICLES OUTLETS FIRST      LAST       CONFLICTS TITLE\n");
    for r in rows {
        out.push_str(&format!(
            "{:<12} {:>8} {:>7} {:<10} {:<10} {:>9} {}\n",
            r.id,
            r.articles,
            r.outlets,
            r.first_date.as_deref().unwrap_or("-"),
            r.last_date.as_deref().unwrap_or("-"),
            r.conflicts.map_or("?".to_string(), |c| c.to_string()),
            one_line(&r.title)
        ));
    }
    out
}

/// Search hits for people: one block per hit, matches in `**`.
pub fn hits_table(hits: &[dossier_store::search::Hit]) -> String {
    let mut out = String::new();
    for h in hits {
        let head = match h.kind.as_str() {
            "quote" => format!(
                "quote by {} in {}",
                h.speaker.as_deref().unwrap_or("unknown speaker"),
                h.article
            ),
            _ => format!(
                "article {}: {}",
                h.article,
                one_line(h.title.as_deref().unwrap_or("(untitled)"))
            ),
        };
        out.push_str(&format!(
            "{head}  [story {}]\n    {}\n",
            h.story.as_deref().unwrap_or("-"),
            one_line(&h.marked("**", "**"))
        ));
    }
    out
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One story's dossier as a [`Dossier`] the renderers take.
pub fn story_dossier(store: &mut Store, id: &str) -> anyhow::Result<Dossier> {
    let (story, articles) = store.story(id)?;
    Ok(Dossier {
        articles,
        stories: vec![story],
    })
}
