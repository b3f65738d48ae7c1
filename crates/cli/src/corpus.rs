//! The corpus commands: `ingest` (read, clean and store articles, growing the stories) and the
//! queries over a store (`stories`, `story`, `search`).
//!
//! Ingest reads the inputs as a stream of pieces (whole files, JSONL lines, WARC records: see
//! `dossier_ingest::stream`) in chunks of bounded size, so a WARC file of gigabytes goes
//! through bounded memory; each chunk is turned into documents, cleaned and vectorised in
//! parallel, on a thread of its own, while the previous chunk is stored, in transactions of up
//! to two thousand articles: a crash loses at most the transaction under way, and a re-run skips
//! what is stored (duplicates by content) and completes the rest. The stories the stored
//! articles changed are re-clustered (and the search index committed) every
//! [`SETTLE_EVERY`] articles and at the end, not after every chunk: chunks stay small so that
//! reading and storing overlap from the first one.

use crate::pipeline::EmbedFn;
use dossier_ingest::InputError;
use dossier_model::Dossier;
use dossier_store::{AddReport, Prepared, Rebuilt, Store};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::Path;

/// Pieces (files, lines, records) per chunk at most, and bytes of input per chunk at most
/// (whichever comes first).
const CHUNK: Limits = Limits {
    pieces: 2_048,
    bytes: 8 << 20,
};

/// Articles stored between two re-clusterings of the stories they changed. Each re-clusters
/// whole connected components, so settling after every small chunk would re-cluster a long
/// story many times over (10k-article ingest: 7.9 s with one settle per 16,384-piece chunk;
/// see docs/PERFORMANCE.md).
const SETTLE_EVERY: usize = 16_384;

/// How big a chunk of input may grow.
struct Limits {
    pieces: usize,
    bytes: u64,
}

/// Articles stored per transaction (about one chunk): each commit rewrites the index pages
/// it touched, so 500 a transaction cost a sixth of a 100k ingest's time.
const ARTICLES_PER_COMMIT: usize = 2000;

/// What one ingest run did.
#[derive(Default, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub read: usize,
    pub failed: usize,
    #[serde(flatten)]
    pub added: AddReport,
    /// What `--rebuild-stories` did (`null` without it).
    pub rebuilt: Option<Rebuilt>,
    pub dossiers: usize,
    pub seconds: f64,
}

impl Summary {
    pub fn line(&self) -> String {
        let rebuilt = match &self.rebuilt {
            Some(r) if self.files == 0 => {
                return format!(
                    "dossier: rebuilt the stories of {} stored articles in {:.1}s: {} stories, \
                     {} of them unchanged; {} dossiers computed",
                    r.articles, self.seconds, r.stories, r.kept, self.dossiers
                )
            }
            Some(r) => format!(
                "rebuilt the stories of {} stored articles: {} stories, {} of them unchanged; ",
                r.articles, r.stories, r.kept
            ),
            None => String::new(),
        };
        format!(
            "dossier: {rebuilt}ingested {} files in {:.1}s: {} articles read, {} new, {} duplicates, {} failed; \
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

/// How an ingest runs.
pub struct How<'a> {
    /// No progress bars.
    pub quiet: bool,
    /// Leave the dossiers of changed stories to be computed when first asked for.
    pub defer: bool,
    /// Rebuild the stored stories from freshly computed story vectors first.
    pub rebuild: bool,
    /// The sentence-embedding model, when stories are clustered with embeddings.
    pub embed: Option<&'a EmbedFn>,
}

/// Reads `paths` into the store at `db`. Errors in inputs are printed and counted, never fatal.
pub fn ingest(paths: &[String], db: &Path, how: How) -> anyhow::Result<Summary> {
    let How {
        quiet,
        defer,
        rebuild,
        embed,
    } = how;
    let start = std::time::Instant::now();
    lower_cleaning_priority();
    let mut store = Store::open(db)?;
    let mut summary = Summary::default();
    if rebuild {
        let total = store.stats()?.articles as u64;
        let pb = progress(total, quiet);
        pb.set_style(
            ProgressStyle::with_template(
                "{spinner} story vectors {wide_bar} {pos}/{len} ETA {eta}",
            )
            .expect("a valid template"),
        );
        let boxed = embed.map(|e| {
            move |texts: &[&str]| -> Result<Vec<Vec<f32>>, Box<dyn std::error::Error + Send + Sync>> {
                e(texts).map_err(Into::into)
            }
        });
        let rebuilt = store.rebuild_stories(
            boxed.as_ref().map(|b| b as dossier_store::Embed),
            &mut |done, _| pb.set_position(done as u64),
        )?;
        pb.finish_and_clear();
        summary.rebuilt = Some(rebuilt);
    } else if let Some(w) = store.outdated_warning() {
        eprintln!("dossier: warning: {w}");
    }
    if let Some(dims) = store.meaning() {
        if (dims > 0) != embed.is_some() {
            // Only the kind matters here (the model's dimensions are known once it has run;
            // the store checks them then).
            let given = usize::from(embed.is_some());
            return Err(dossier_store::Error::Meaning { store: dims, given }.into());
        }
    }
    let (files, listing) = dossier_ingest::list_inputs(paths);
    summary.files = files.len();
    let sizes: Vec<u64> = files
        .iter()
        .map(|f| std::fs::metadata(f).map_or(0, |m| m.len()))
        .collect();
    let pb = progress(sizes.iter().sum(), quiet);
    for e in &listing.errors {
        report_error(&pb, e);
        summary.failed += 1;
    }
    // One thread reads and cleans the next chunk (in parallel) while this one stores the
    // last: storing is one writer, so the two overlap instead of taking turns.
    let (send, receive) = std::sync::mpsc::sync_channel::<Cleaned>(1);
    let store_result = std::thread::scope(|scope| {
        let reader = {
            let (pb, files, sizes) = (pb.clone(), &files, &sizes);
            scope.spawn(move || {
                read_chunks(files, sizes, &CHUNK, &pb, embed, |c| send.send(c).is_ok())
            })
        };
        let mut stored = Ok(());
        let mut unsettled = 0;
        let mut chunks = receive.iter().peekable();
        while let Some(c) = chunks.next() {
            summary.read += c.read;
            summary.failed += c.failed;
            unsettled += c.articles.len();
            let mut batch = c.articles;
            // One transaction per part, so a crash costs at most one part of the chunk; the
            // stories the chunk changed are re-clustered once, after its last part.
            while !batch.is_empty() && stored.is_ok() {
                let rest = batch.split_off(batch.len().min(ARTICLES_PER_COMMIT));
                stored = store
                    .add_unsettled(std::mem::replace(&mut batch, rest))
                    .map(|added| summary.added.absorb(&added));
            }
            if stored.is_ok() && (unsettled >= SETTLE_EVERY || chunks.peek().is_none()) {
                stored = store.settle().map(|settled| summary.added.absorb(&settled));
                unsettled = 0;
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
    // The settles counted the stories of whatever was unsettled, which under another ingest
    // into the same store at the same time includes its articles: count this run's own.
    (summary.added.stories_created, summary.added.stories_grown) = store.own_stories()?;
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

/// Runs the cleaning threads (rayon's global pool) at a lower priority than the storing
/// thread: storing is one thread and the pace of the whole ingest, and with the cleaning of
/// the next chunk on both cores it got half a core. The cleaning still has every cycle the
/// store leaves. Best effort (Linux nice values are per thread); nothing else changes.
fn lower_cleaning_priority() {
    #[cfg(target_os = "linux")]
    {
        let _ = rayon::ThreadPoolBuilder::new()
            .start_handler(|_| {
                // SAFETY: setpriority on the calling thread (who = 0) has no memory effects.
                unsafe {
                    libc::setpriority(libc::PRIO_PROCESS, 0, 10);
                }
            })
            .build_global();
    }
}

/// One chunk of input, read and cleaned, ready to store.
struct Cleaned {
    articles: Vec<Prepared>,
    read: usize,
    failed: usize,
    bytes: u64,
}

/// Reads `files` (of `sizes` bytes) as one stream of pieces, cut into chunks within `limits`,
/// each cleaned and handed to `take` (which says whether to go on) with the bytes of input it
/// covers.
fn read_chunks(
    files: &[String],
    sizes: &[u64],
    limits: &Limits,
    pb: &ProgressBar,
    embed: Option<&EmbedFn>,
    mut take: impl FnMut(Cleaned) -> bool,
) {
    let (mut pieces, mut bytes) = (Vec::new(), 0u64);
    // Bytes of input reached: all of the files done, and as far as the current one is read.
    let (mut done, mut reported) = (0u64, 0u64);
    for (file, &size) in files.iter().zip(sizes) {
        let mut stream = dossier_ingest::stream_file(file);
        while let Some(piece) = stream.next() {
            bytes += piece.size();
            pieces.push(piece);
            if pieces.len() >= limits.pieces || bytes >= limits.bytes {
                let reached = done + stream.consumed().min(size);
                let chunk = std::mem::take(&mut pieces);
                if !take(read_and_clean(chunk, reached - reported, pb, embed)) {
                    return; // the store failed; stop reading
                }
                (bytes, reported) = (0, reached);
            }
        }
        done += size;
    }
    if !pieces.is_empty() || done > reported {
        take(read_and_clean(pieces, done - reported, pb, embed));
    }
}

/// Turns `pieces` into documents and cleans them (both in parallel), printing each input error.
fn read_and_clean(
    pieces: Vec<dossier_ingest::Piece>,
    bytes: u64,
    pb: &ProgressBar,
    embed: Option<&EmbedFn>,
) -> Cleaned {
    let mut out = Cleaned {
        articles: Vec::new(),
        read: 0,
        failed: 0,
        bytes,
    };
    let mut docs = Vec::new();
    for r in dossier_ingest::stream::documents(pieces) {
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
    if let Some(embed) = embed {
        add_meaning(&mut out, embed, pb);
    }
    out
}

/// Gives each cleaned article of the chunk its sentence embedding; if the model fails, the
/// chunk's articles are reported and dropped (a re-run stores them).
fn add_meaning(chunk: &mut Cleaned, embed: &EmbedFn, pb: &ProgressBar) {
    let articles = chunk.articles.iter().map(|p| &p.article);
    match dossier_analysis::stories::embed_articles(articles, embed) {
        Ok(meanings) => {
            for (p, m) in chunk.articles.iter_mut().zip(meanings) {
                p.vector.meaning = m;
            }
        }
        Err(e) => {
            for p in chunk.articles.drain(..) {
                let failure = InputError {
                    source: p.article.source,
                    line: None,
                    message: format!("sentence embeddings failed: {e:#}"),
                };
                report_error(pb, &failure);
                chunk.failed += 1;
            }
        }
    }
}

/// Prints an input error above the progress bar.
fn report_error(pb: &ProgressBar, e: &InputError) {
    pb.suspend(|| eprintln!("dossier: error: {e}"));
}

/// The story list as a table for people: `-` where no article names its outlet or date, `?`
/// where the conflicts are not counted yet (the dossier is not computed).
pub fn stories_table(rows: &[dossier_store::StoryRow]) -> String {
    let mut out =
        String::from("ID           ARTICLES OUTLETS FIRST      LAST       CONFLICTS TITLE\n");
    for r in rows {
        out.push_str(&format!(
            "{:<12} {:>8} {:>7} {:<10} {:<10} {:>9} {}\n",
            r.id,
            r.articles,
            match r.outlets {
                0 => "-".to_string(),
                n => n.to_string(),
            },
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

/// Fails with a message saying so where `db` holds no store: a command that only reads one
/// (a mistyped `--db`) must not create an empty one and answer from it.
pub fn require_store(db: &Path) -> anyhow::Result<()> {
    if dossier_store::exists(db) {
        return Ok(());
    }
    anyhow::bail!(
        "no corpus in {} (`dossier ingest PATH...` creates one; `--db DIR` or DOSSIER_DB \
         chooses another)",
        db.display()
    )
}

/// The store in `db` for a command that only reads it (`stories`, `story`, `search`): opened
/// as `ingest` opens it (migrated, an interrupted ingest settled) when it can be written;
/// otherwise (a store on a read-only disk, or another user's) opened for reading only, so it
/// can still be browsed. Where there is no store, an error says so.
pub fn open_to_read(db: &Path) -> anyhow::Result<Store> {
    require_store(db)?;
    let store = match Store::open(db) {
        Ok(store) => store,
        Err(first) => Store::open_reader(db).map_err(|_| first)?,
    };
    if let Some(w) = store.outdated_warning() {
        eprintln!("dossier: warning: {w}");
    }
    Ok(store)
}

/// One story's dossier as a [`Dossier`] the renderers take.
pub fn story_dossier(store: &mut Store, id: &str) -> anyhow::Result<Dossier> {
    let (story, articles) = store.story(id)?;
    Ok(Dossier {
        articles,
        stories: vec![story],
    })
}

/// The stories of the storylines of `d`'s stories that `d` does not hold, from the store (for
/// a story page's "Earlier / Later in this storyline").
pub fn storyline_stories(
    store: &Store,
    d: &Dossier,
) -> anyhow::Result<Vec<dossier_render::StorylineStory>> {
    let mut out = Vec::new();
    for s in &d.stories {
        let Some(line) = &s.storyline else { continue };
        for row in store.storyline(line)? {
            if d.stories.iter().all(|held| held.id != row.id) {
                out.push(dossier_render::StorylineStory {
                    id: row.id,
                    title: row.title,
                    storyline: line.clone(),
                    first_date: row.first_date,
                    number: None,
                });
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn a_big_file_is_read_in_chunks_that_cover_it_once() {
        let dir = tempfile::tempdir().unwrap();
        let jsonl = dir.path().join("many.jsonl.gz");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        for i in 0..10 {
            writeln!(
                gz,
                r#"{{"title":"Report {i}","text":"The council met for the {i}th time on Tuesday and approved the budget of the city for next year."}}"#
            )
            .unwrap();
        }
        writeln!(gz, "{{not json").unwrap();
        std::fs::write(&jsonl, gz.finish().unwrap()).unwrap();
        let txt = dir.path().join("one.txt");
        std::fs::write(
            &txt,
            "Officials said the bridge would reopen on Monday after repairs.",
        )
        .unwrap();
        let files: Vec<String> = [&jsonl, &txt]
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        let sizes: Vec<u64> = files
            .iter()
            .map(|f| std::fs::metadata(f).unwrap().len())
            .collect();
        let limits = Limits {
            pieces: 3,
            bytes: u64::MAX,
        };
        let mut chunks = Vec::new();
        read_chunks(&files, &sizes, &limits, &ProgressBar::hidden(), None, |c| {
            chunks.push((c.read, c.failed, c.bytes));
            true
        });
        // 11 lines and a file, three pieces a chunk: four chunks; every article read once,
        // the bad line counted as failed, the bytes adding up to the inputs' sizes.
        assert_eq!(chunks.len(), 4, "{chunks:?}");
        assert_eq!(chunks.iter().map(|c| c.0).sum::<usize>(), 11);
        assert_eq!(chunks.iter().map(|c| c.1).sum::<usize>(), 1);
        assert_eq!(
            chunks.iter().map(|c| c.2).sum::<u64>(),
            sizes.iter().sum::<u64>()
        );
        // Stopping early (a failed store) reads no further.
        let mut taken = 0;
        read_chunks(
            &files,
            &sizes,
            &limits,
            &ProgressBar::hidden(),
            None,
            |_| {
                taken += 1;
                false
            },
        );
        assert_eq!(taken, 1);
    }

    #[test]
    fn the_story_table_says_what_is_unknown() {
        let row = |outlets, conflicts| dossier_store::StoryRow {
            id: "s1".into(),
            title: "Floods close roads\nin Porto".into(),
            articles: 3,
            outlets,
            first_date: Some("2025-12-01".into()),
            last_date: None,
            conflicts,
            storyline: None,
        };
        let table = stories_table(&[row(0, None), row(2, Some(1))]);
        let lines: Vec<Vec<&str>> = table
            .lines()
            .skip(1)
            .map(|l| l.split_whitespace().collect())
            .collect();
        assert_eq!(lines[0][..6], ["s1", "3", "-", "2025-12-01", "-", "?"]);
        assert_eq!(lines[1][..6], ["s1", "3", "2", "2025-12-01", "-", "1"]);
        assert!(table.contains("Floods close roads in Porto"), "{table}");
    }
}
