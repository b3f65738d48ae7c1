//! The tables of a corpus for analysts and for jobs that write the same tables elsewhere:
//! `articles`, `stories`, `entities`, `mentions`, `quotes`, `facts` and `events`, one row per
//! item, joined by article, story and entity ids ([`tables`]), written as CSV, JSON Lines or
//! Parquet ([`Format`]).
//!
//! Rows are written as they are read: the stories are walked in id order a page at a time,
//! and each story's rows go out before the next story is read (its stored dossier, computed
//! where it is stale, for the tables drawn from the analysis). The filters choose stories, and
//! every table holds the rows of the chosen stories, so the joins hold within one selection.
//!
//! ```no_run
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let mut store = dossier_store::Store::open_reader(std::path::Path::new("corpus"))?;
//! let rows = dossier_export::export(
//!     &mut store,
//!     dossier_export::Table::Quotes,
//!     &dossier_export::Selection::default(),
//!     dossier_export::Format::Csv,
//!     std::io::stdout(),
//! )?;
//! eprintln!("{rows} quotes");
//! # Ok(())
//! # }
//! ```

mod sink;
pub mod tables;

pub use sink::{arrow_schema, Format, WriteError};
pub use tables::{Column, Kind, Table};

use chrono::NaiveDate;
use dossier_store::{listing::StoryFilter, Store};
use std::io::Write;

/// Which stories' rows a table holds; the default is every story.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Stories with an article dated on or after this day.
    pub since: Option<NaiveDate>,
    /// Stories with an article dated on or before this day.
    pub until: Option<NaiveDate>,
    /// Only this story.
    pub story: Option<String>,
}

/// What can go wrong with an export.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Store(#[from] dossier_store::Error),
    /// The output could not be written.
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error("no story with id {0:?}")]
    NoStory(String),
}

/// Stories read from the store at a time.
const PAGE: usize = 256;

/// Writes the rows of `table` for the stories `selection` chooses to `out` in `format`, as they
/// are read; returns how many rows were written.
pub fn export<W: Write + Send>(
    store: &mut Store,
    table: Table,
    selection: &Selection,
    format: Format,
    out: W,
) -> Result<usize, Error> {
    let filter = StoryFilter {
        since: selection.since.map(|d| d.to_string()),
        until: selection.until.map(|d| d.to_string()),
        ..StoryFilter::default()
    };
    let only = selection.story.as_deref();
    if let Some(id) = only {
        if store
            .stories_by_id(&StoryFilter::default(), Some(id), None, 1)?
            .is_empty()
        {
            return Err(Error::NoStory(id.to_string()));
        }
    }
    let mut sink = sink::Sink::new(format, table.columns(), out)?;
    let mut rows = 0;
    let mut after: Option<String> = None;
    loop {
        let page = store.stories_by_id(&filter, only, after.as_deref(), PAGE)?;
        let Some(last) = page.last() else { break };
        after = Some(last.id.clone());
        for story in &page {
            match table {
                Table::Articles => {
                    for a in store.story_articles(&story.id)? {
                        sink.write(tables::article_row(&a))?;
                        rows += 1;
                    }
                }
                Table::Stories => {
                    let members = store.story_members(&story.id)?;
                    sink.write(tables::story_row(story, members))?;
                    rows += 1;
                }
                _ => {
                    debug_assert!(table.needs_dossier());
                    let (dossier, _) = store.story(&story.id)?;
                    tables::dossier_rows(table, &dossier, &mut |row| {
                        rows += 1;
                        sink.write(row)
                    })?;
                }
            }
        }
    }
    sink.finish()?;
    Ok(rows)
}
