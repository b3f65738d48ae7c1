//! The corpus on disk: articles, stories and their dossiers in an embedded SQLite database
//! (WAL mode, migrations in [`schema`]), and a tantivy full-text index of articles and quotes
//! ([`search`]). No server: a store is one directory.
//!
//! Articles arrive in batches ([`Store::add`]); each batch is one transaction, so a crash
//! loses at most the batch under way and a re-run completes it. An article whose normalised
//! text is already stored is a duplicate and is skipped, so ingest is idempotent.
//!
//! Stories grow incrementally ([`growth`]) with the same code as a batch analysis
//! (`dossier_analysis::stories`): a new article's candidates come from a postings table of
//! each article's heaviest features within the time window, not from a scan; links join
//! connected components, and only the components that changed are re-clustered. A changed
//! story's dossier is marked stale and recomputed by [`Store::refresh_dossiers`] (or on
//! demand by [`Store::story`]).
//!
//! SQLite is the source of truth; the search index records in its commit payload how far it
//! has caught up, and [`Store::open`] re-indexes whatever a crash left out.

pub mod entities;
pub mod follow;
mod growth;
pub mod listing;
pub mod outlets;
pub mod schema;
pub mod search;
mod stems;

use dossier_analysis::stories::VECTOR_VERSION;
use dossier_model::{Article, Story};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use std::path::{Path, PathBuf};

pub use growth::{Embed, Prepared};

/// What can go wrong with a store.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("database {path}: {source}")]
    Db {
        path: String,
        source: rusqlite::Error,
    },
    #[error("search index {path}: {message}")]
    Index { path: String, message: String },
    #[error("{0}")]
    Io(String),
    #[error("no story with id {0:?}")]
    NoStory(String),
    /// A search query past the limits of [`search::check_query`].
    #[error("{0}")]
    Query(String),
    /// Articles whose story vectors do (or do not) carry sentence embeddings, for a store
    /// that clusters otherwise.
    #[error("{}", meaning_mismatch(*store, *given))]
    Meaning { store: usize, given: usize },
}

fn meaning_mismatch(store: usize, given: usize) -> String {
    match (store, given) {
        (0, _) => "this store clusters stories by their words alone, and these articles come with \
                   sentence embeddings: ingest them without --embeddings, or rebuild the store's \
                   stories with embeddings first (dossier ingest --rebuild-stories --embeddings MODEL)"
            .to_string(),
        (_, 0) => format!(
            "this store clusters stories with sentence embeddings ({store} dimensions), and these \
             articles come without: ingest them with --embeddings MODEL (a build with the \
             `embeddings` feature), or rebuild the store's stories without embeddings first \
             (dossier ingest --rebuild-stories)"
        ),
        _ => format!(
            "this store's sentence embeddings have {store} dimensions and these articles' {given}: \
             ingest with the model the store was made with, or rebuild its stories with this one"
        ),
    }
}

pub type Result<T> = std::result::Result<T, Error>;

/// An open corpus.
pub struct Store {
    dir: PathBuf,
    conn: Connection,
    index: search::Index,
    /// The story-vector version of the stored articles (see [`Store::outdated_vectors`]).
    vectors: i64,
    /// Dimensions of the stored articles' sentence embeddings (0: clustered by words alone;
    /// `None`: not decided, no article stored yet).
    meaning: Option<usize>,
    /// Opened by [`Store::open_reader`]: nothing is written (a stale dossier is computed for
    /// the asker, not stored).
    reader: bool,
    /// The search-index writer an ingest keeps open between settles, fed the articles as
    /// they are stored so that tantivy's indexing thread works while the next ones are read;
    /// committed at the next settle (dropped uncommitted, its documents are fed again by the
    /// next catch-up: the committed mark says what the index holds).
    feeding: Option<Feeding>,
    /// Story vectors of recent articles (see [`growth::Vectors`]).
    cached: growth::Vectors,
    /// The seqs of the articles this handle stored, one range a transaction (a transaction
    /// holds the write lock, so no other writer's articles fall inside one).
    stored: Vec<(i64, i64)>,
}

/// An open index writer and the last article seq it was given.
struct Feeding {
    session: search::IndexWriterSession,
    fed: i64,
}

/// What one [`Store::add`] did.
#[derive(Debug, Default, Clone, Serialize)]
pub struct AddReport {
    pub new: usize,
    pub duplicates: usize,
    pub stories_created: usize,
    pub stories_grown: usize,
}

impl AddReport {
    pub fn absorb(&mut self, o: &AddReport) {
        self.new += o.new;
        self.duplicates += o.duplicates;
        self.stories_created += o.stories_created;
        self.stories_grown += o.stories_grown;
    }
}

/// What [`Store::rebuild_stories`] did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Rebuilt {
    /// Articles whose story vectors were computed again.
    pub articles: usize,
    /// Stories after the rebuild.
    pub stories: usize,
    /// Stories with the same members as before, which kept their dossiers.
    pub kept: usize,
    /// Dimensions of the articles' sentence embeddings now (0: words alone; `None` in an
    /// empty store).
    pub meaning: Option<usize>,
}

/// One row of the story list.
#[derive(Debug, Clone, Serialize)]
pub struct StoryRow {
    pub id: String,
    pub title: String,
    pub articles: usize,
    pub outlets: usize,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    /// Facts on which outlets conflict; `null` until the dossier is computed.
    pub conflicts: Option<usize>,
    /// Its storyline, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub storyline: Option<String>,
}

/// Counts of what a store holds.
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    pub articles: usize,
    pub stories: usize,
    pub stale_dossiers: usize,
}

/// Whether `e` says the database cannot be written or its journal files cannot be made.
fn is_read_only(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::CannotOpen)
    )
}

/// `path` as an SQLite `file:` URI (the characters URIs give a meaning to escaped).
fn file_uri(path: &Path) -> String {
    let mut uri = String::from("file:");
    for c in path.to_string_lossy().chars() {
        match c {
            '%' | '?' | '#' | ' ' => uri.push_str(&format!("%{:02X}", c as u32)),
            c => uri.push(c),
        }
    }
    uri
}

/// The default place of the store: the user's data directory, `dossier/`.
pub fn default_dir() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("dossier")
}

/// Whether `dir` holds a store (commands that only read one refuse to make it).
pub fn exists(dir: &Path) -> bool {
    dir.join("dossier.sqlite").is_file()
}

impl Store {
    /// Opens (creating if needed) the store in `dir`, migrating an older schema and bringing
    /// the search index up to date with the database.
    pub fn open(dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::Io(format!("cannot create store {}: {e}", dir.display())))?;
        let db = dir.join("dossier.sqlite");
        let dberr = |source: rusqlite::Error| {
            if is_read_only(&source) {
                Error::Io(format!(
                    "store {} cannot be written (a read-only disk, or no permission to write \
                     it): nothing was changed; `dossier stories`, `story` and `search` still \
                     read it",
                    dir.display()
                ))
            } else {
                Error::Db {
                    path: db.display().to_string(),
                    source,
                }
            }
        };
        let mut conn = Connection::open(&db).map_err(dberr)?;
        // Waiting for another writer comes first: turning a new store's journal into WAL
        // takes the lock too, and two ingests may create one store at once.
        conn.busy_timeout(std::time::Duration::from_secs(60))
            .map_err(dberr)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(dberr)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(dberr)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(dberr)?;
        // Every transaction of a writing handle writes: taking the write lock at its start
        // makes another writer wait (busy timeout) instead of failing at once, as a read
        // turned write fails when another process committed since it began.
        conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
        // Ingest keeps ~20 statements prepared (rusqlite keeps 16 by default).
        conn.set_prepared_statement_cache_capacity(64);
        schema::migrate(&mut conn).map_err(dberr)?;
        entities::backfill(&mut conn).map_err(dberr)?;
        entities::backfill_surnames(&mut conn).map_err(dberr)?;
        let vectors = vector_version(&conn).map_err(dberr)?;
        let meaning = meaning_dimensions(&conn).map_err(dberr)?;
        let index = search::Index::open(&dir.join("search"), false)?;
        let mut store = Store {
            dir: dir.to_path_buf(),
            conn,
            index,
            vectors,
            meaning,
            reader: false,
            feeding: None,
            cached: growth::Vectors::new(),
            stored: Vec::new(),
        };
        // Another process writing (an ingest under way) holds the index: it catches up then.
        // It also settles the stories an interrupted ingest left unsettled.
        if store.index.is_writable() {
            store.settle()?;
        }
        Ok(store)
    }

    /// Opens an existing store for reading only, as a server's request handlers do: no
    /// migration and no index catch-up (a writing handle does those), and the search index
    /// follows commits made elsewhere. Fails if `dir` holds no store or an older schema.
    pub fn open_reader(dir: &Path) -> Result<Store> {
        let db = dir.join("dossier.sqlite");
        let dberr = |source| Error::Db {
            path: db.display().to_string(),
            source,
        };
        if !db.is_file() {
            return Err(Error::Io(format!(
                "no corpus in {} (create one with `dossier ingest`)",
                dir.display()
            )));
        }
        let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
            | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX
            | rusqlite::OpenFlags::SQLITE_OPEN_URI;
        let open = |path: &str| -> rusqlite::Result<(Connection, i64)> {
            let conn = Connection::open_with_flags(path, flags)?;
            conn.busy_timeout(std::time::Duration::from_secs(10))?;
            let version = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
            Ok((conn, version))
        };
        let (conn, version) = match open(&db.to_string_lossy()) {
            Ok(opened) => opened,
            // A write-ahead-logged database can only be read where its shared-memory file
            // exists or can be made: on a read-only disk or in a folder this user may not write
            // to, read it as immutable (nothing can write it there either).
            Err(e) if is_read_only(&e) => {
                open(&format!("{}?immutable=1", file_uri(&db))).map_err(|_| dberr(e))?
            }
            Err(e) => return Err(dberr(e)),
        };
        if version as usize != schema::version() {
            return Err(Error::Io(format!(
                "corpus {} has schema version {version}, this dossier reads {}: open it once \
                 with a writing command (`dossier ingest`) to migrate it",
                dir.display(),
                schema::version()
            )));
        }
        let index = search::Index::open(&dir.join("search"), true)?;
        let vectors = recorded_vector_version(&conn)
            .map_err(dberr)?
            .unwrap_or(VECTOR_VERSION);
        let meaning = meaning_dimensions(&conn).map_err(dberr)?;
        Ok(Store {
            dir: dir.to_path_buf(),
            conn,
            index,
            vectors,
            meaning,
            reader: true,
            feeding: None,
            cached: growth::Vectors::new(),
            stored: Vec::new(),
        })
    }

    /// The story-vector version of the stored articles, when it is older than this build's
    /// ([`VECTOR_VERSION`]): articles added now are weighed differently from the stored ones,
    /// so their stories can differ from those of one fresh ingest of everything.
    /// [`Store::rebuild_stories`] makes them consistent again.
    pub fn outdated_vectors(&self) -> Option<i64> {
        (self.vectors < VECTOR_VERSION).then_some(self.vectors)
    }

    /// What to tell the user of a store with [`Store::outdated_vectors`], if it has them.
    pub fn outdated_warning(&self) -> Option<String> {
        let old = self.outdated_vectors()?;
        Some(format!(
            "{}: the stored articles' story vectors are of an older version ({old}, this \
             dossier makes {VECTOR_VERSION}); articles added now are weighed differently, and \
             the stories may differ from those of one fresh ingest of everything (`dossier \
             ingest --rebuild-stories` rebuilds them)",
            self.dir.display()
        ))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The error of a failed write, after which the cached vectors are forgotten.
    fn forget(&mut self, source: rusqlite::Error) -> Error {
        self.cached.clear();
        self.db_err(source)
    }

    fn db_err(&self, source: rusqlite::Error) -> Error {
        Error::Db {
            path: self.dir.join("dossier.sqlite").display().to_string(),
            source,
        }
    }

    /// Adds cleaned articles (prepared in parallel by [`Prepared::all`]) in one transaction:
    /// stores the new ones, skips duplicates, and re-clusters the components they join. The
    /// new articles are then indexed for search.
    pub fn add(&mut self, batch: Vec<Prepared>) -> Result<AddReport> {
        self.check_meaning(&batch)?;
        let (report, added) = growth::add(&mut self.conn, &mut self.cached, batch, true)
            .map_err(|e| self.forget(e))?;
        self.note_stored(&added);
        if !added.is_empty() {
            growth::refresh_storylines(&mut self.conn).map_err(|e| self.forget(e))?;
            self.catch_up_index()?;
        }
        Ok(report)
    }

    /// Stores cleaned articles in one transaction, as [`Store::add`] does, but leaves the
    /// stories they change and the search index to the next [`Store::settle`]: a long ingest
    /// commits small transactions and settles once per chunk of them, so a story chain that
    /// many transactions touch is re-clustered once. What is stored is safe at once; until the
    /// settle, the new articles have no story (a crash leaves the work to the next open).
    pub fn add_unsettled(&mut self, batch: Vec<Prepared>) -> Result<AddReport> {
        self.check_meaning(&batch)?;
        let (report, added) = growth::add(&mut self.conn, &mut self.cached, batch, false)
            .map_err(|e| self.forget(e))?;
        self.note_stored(&added);
        if !added.is_empty() {
            if let Some(mut f) = self.take_feeding()? {
                self.feed(&mut f, added)?;
                self.feeding = Some(f);
            }
        }
        Ok(report)
    }

    fn note_stored(&mut self, added: &[(i64, Article)]) {
        if let (Some(first), Some(last)) = (added.first(), added.last()) {
            self.stored.push((first.0, last.0));
        }
    }

    /// The stories that hold the articles this handle stored, as (created, grown): created
    /// when none of its articles was stored before this handle's first, grown otherwise.
    /// Read from the stored stories once they are settled, so an ingest counts its own
    /// articles' stories even where another process writing the same store at the same time
    /// re-clustered them (each settle re-clusters whatever is unsettled, whoever stored it).
    pub fn own_stories(&self) -> Result<(usize, usize)> {
        let Some(&(first, _)) = self.stored.first() else {
            return Ok((0, 0));
        };
        let count = || -> rusqlite::Result<(usize, usize)> {
            let mut stories = std::collections::BTreeSet::new();
            let mut holding = self.conn.prepare_cached(
                "SELECT DISTINCT story FROM articles WHERE seq BETWEEN ?1 AND ?2 AND story IS NOT NULL",
            )?;
            for &(from, to) in &self.stored {
                for story in holding.query_map([from, to], |r| r.get::<_, String>(0))? {
                    stories.insert(story?);
                }
            }
            let mut oldest = self
                .conn
                .prepare_cached("SELECT MIN(seq) FROM articles WHERE story = ?1")?;
            let mut created = 0;
            for story in &stories {
                let min: i64 = oldest.query_row([story], |r| r.get(0))?;
                created += usize::from(min >= first);
            }
            Ok((created, stories.len() - created))
        };
        count().map_err(|e| self.db_err(e))
    }

    /// Dimensions of the stored articles' sentence embeddings: 0 when the store clusters by
    /// words alone, `None` while it holds no article (the first batch decides).
    pub fn meaning(&self) -> Option<usize> {
        self.meaning
    }

    /// Refuses a batch whose story vectors carry sentence embeddings when the store's do not,
    /// or the other way round: links between the two kinds would be weighed differently.
    fn check_meaning(&mut self, batch: &[Prepared]) -> Result<()> {
        let Some(first) = batch.first() else {
            return Ok(());
        };
        let given = first.vector.meaning.len();
        let store = self.meaning.unwrap_or(given);
        if let Some(p) = batch.iter().find(|p| p.vector.meaning.len() != store) {
            return Err(Error::Meaning {
                store,
                given: p.vector.meaning.len(),
            });
        }
        self.meaning = Some(store);
        Ok(())
    }

    /// Re-clusters the components changed since the last settle and brings the search index
    /// up to date.
    pub fn settle(&mut self) -> Result<AddReport> {
        let report =
            growth::settle(&mut self.conn, &mut self.cached).map_err(|e| self.forget(e))?;
        growth::refresh_storylines(&mut self.conn).map_err(|e| self.forget(e))?;
        self.catch_up_index()?;
        Ok(report)
    }

    /// Computes the stored articles' story vectors again with this build's weighting and
    /// rebuilds the stories from them, as one ingest of the same articles in the same order
    /// would give them now (see [`growth::rebuild`]): how a store made by an older version
    /// ([`Store::outdated_vectors`]) becomes consistent with the articles added to it now.
    /// Stories whose members do not change keep their dossiers; the others are stale until
    /// [`Store::refresh_dossiers`]. `progress(done, total)` counts articles.
    pub fn rebuild_stories(
        &mut self,
        embed: Option<growth::Embed>,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<Rebuilt> {
        let report = growth::rebuild(&mut self.conn, &mut self.cached, embed, progress).map_err(
            |e| match e {
                growth::RebuildError::Db(e) => self.forget(e),
                growth::RebuildError::Embed(e) => {
                    self.cached.clear();
                    Error::Io(format!(
                        "store {}: sentence embeddings failed, nothing was changed: {e}",
                        self.dir.display()
                    ))
                }
            },
        )?;
        self.vectors = VECTOR_VERSION;
        self.meaning = report.meaning;
        growth::refresh_storylines(&mut self.conn).map_err(|e| self.forget(e))?;
        self.catch_up_index()?;
        Ok(report)
    }

    /// Recomputes every stale dossier (in parallel), `chunk` stories per transaction, calling
    /// `progress(done, total)` after each chunk. Returns how many were computed.
    pub fn refresh_dossiers(&mut self, progress: &mut dyn FnMut(usize, usize)) -> Result<usize> {
        let stale: Vec<String> = {
            let mut st = self
                .conn
                .prepare("SELECT id FROM stories WHERE dossier IS NULL ORDER BY id")
                .map_err(|e| self.db_err(e))?;
            let rows = st
                .query_map([], |r| r.get(0))
                .and_then(|r| r.collect::<rusqlite::Result<Vec<String>>>());
            rows.map_err(|e| self.db_err(e))?
        };
        let total = stale.len();
        let mut done = 0;
        for chunk in stale.chunks(64) {
            growth::compute_dossiers(&mut self.conn, chunk).map_err(|e| self.db_err(e))?;
            done += chunk.len();
            progress(done, total);
        }
        if total > 0 {
            self.catch_up_index()?;
        }
        Ok(total)
    }

    /// The dossier of one story (computed now if stale, and stored unless the store was opened
    /// for reading only) and its articles.
    pub fn story(&mut self, id: &str) -> Result<(Story, Vec<Article>)> {
        if let Some(found) = self.stored_story(id)? {
            return Ok(found);
        }
        if self.reader {
            let mut done = growth::analyze_stories(&self.conn, &[id.to_string()])
                .map_err(|e| self.db_err(e))?;
            let (_, mut story) = done
                .pop()
                .ok_or_else(|| Error::Io(format!("story {id} has no articles")))?;
            story.storyline = self.storyline_of(id)?;
            let articles =
                growth::load_articles(&self.conn, &story.articles).map_err(|e| self.db_err(e))?;
            return Ok((story, articles));
        }
        growth::compute_dossiers(&mut self.conn, &[id.to_string()]).map_err(|e| self.db_err(e))?;
        self.catch_up_index()?;
        self.stored_story(id)?
            .ok_or_else(|| Error::Io(format!("the dossier of {id} was not stored")))
    }

    /// The stored dossier of one story and its articles; `None` when the story changed since
    /// its dossier was computed (then [`Store::story`] computes it), [`Error::NoStory`] when
    /// there is no such story.
    pub fn stored_story(&self, id: &str) -> Result<Option<(Story, Vec<Article>)>> {
        let found: Option<Option<String>> = self
            .conn
            .query_row("SELECT dossier FROM stories WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| self.db_err(e))?;
        let json = match found {
            None => return Err(Error::NoStory(id.to_string())),
            Some(None) => return Ok(None),
            Some(Some(j)) => j,
        };
        let mut story: Story = serde_json::from_str(&json)
            .map_err(|e| Error::Io(format!("stored dossier of {id} is unreadable: {e}")))?;
        story.storyline = self.storyline_of(id)?;
        let articles =
            growth::load_articles(&self.conn, &story.articles).map_err(|e| self.db_err(e))?;
        Ok(Some((story, articles)))
    }

    /// The storyline of story `id`, if it has one.
    fn storyline_of(&self, id: &str) -> Result<Option<String>> {
        self.conn
            .query_row("SELECT storyline FROM stories WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()
            .map(Option::flatten)
            .map_err(|e| self.db_err(e))
    }

    /// The stories of storyline `id`, earliest first (by first date, then id); empty when there
    /// is no such storyline.
    pub fn storyline(&self, id: &str) -> Result<Vec<StoryRow>> {
        let ids: Vec<String> = (|| -> rusqlite::Result<Vec<String>> {
            let mut st = self.conn.prepare_cached(
                "SELECT id FROM stories WHERE storyline = ?1 \
                 ORDER BY first_date IS NULL, first_date, last_date, id",
            )?;
            let rows = st.query_map([id], |r| r.get(0))?;
            rows.collect()
        })()
        .map_err(|e| self.db_err(e))?;
        self.stories(None, Some(&ids), 0, ids.len())
    }

    /// One stored article, with its story.
    pub fn article(&self, id: &str) -> Result<Option<Article>> {
        let mut got =
            growth::load_articles(&self.conn, &[id.to_string()]).map_err(|e| self.db_err(e))?;
        Ok(got.pop())
    }

    /// The stories, newest first (by last date, then id), optionally only those whose last
    /// article is dated on or after `since`, or whose ids are in `only` (then in that order);
    /// `offset` rows skipped, at most `limit` returned.
    pub fn stories(
        &self,
        since: Option<&str>,
        only: Option<&[String]>,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<StoryRow>> {
        use listing::{row as map, COLUMNS};
        let clamp = |n: usize| n.min(i64::MAX as usize) as i64;
        let rows = (|| -> rusqlite::Result<Vec<StoryRow>> {
            match only {
                // The listed stories, looked up one by one (never the whole table).
                Some(ids) => {
                    let mut st = self.conn.prepare_cached(&format!(
                        "{COLUMNS} WHERE id = ?1 AND (?2 IS NULL OR last_date >= ?2)"
                    ))?;
                    let mut rows = Vec::new();
                    for id in ids {
                        if rows.len() >= offset.saturating_add(limit) {
                            break;
                        }
                        if let Some(r) =
                            st.query_row(rusqlite::params![id, since], map).optional()?
                        {
                            rows.push(r);
                        }
                    }
                    Ok(rows.into_iter().skip(offset).collect())
                }
                None => {
                    let mut st = self.conn.prepare_cached(&format!(
                        "{COLUMNS} WHERE (?1 IS NULL OR last_date >= ?1) \
                         ORDER BY last_date IS NULL, last_date DESC, articles DESC, id \
                         LIMIT ?2 OFFSET ?3"
                    ))?;
                    let rows =
                        st.query_map(rusqlite::params![since, clamp(limit), clamp(offset)], map)?;
                    rows.collect()
                }
            }
        })();
        rows.map_err(|e| self.db_err(e))
    }

    /// The entity `id` is across the corpus (its row with the id of the one entity,
    /// [`entities::canonical`]), the stories naming it and every stored id that is it; `None`
    /// when no story names it.
    pub fn entity(&self, id: &str) -> Result<Option<entities::Found>> {
        let err = |e| self.db_err(e);
        let members = entities::members(&self.conn, id).map_err(err)?;
        let found = entities::entity(&self.conn, &members).map_err(err)?;
        let Some(row) = found else { return Ok(None) };
        let stories = entities::stories_of(&self.conn, &members).map_err(err)?;
        Ok(Some(entities::Found {
            row,
            stories,
            members,
        }))
    }

    /// Entities whose name or another spelling contains `name`, in the most stories first.
    pub fn entities_named(&self, name: &str, limit: usize) -> Result<Vec<entities::EntityRow>> {
        entities::named(&self.conn, name, limit).map_err(|e| self.db_err(e))
    }

    /// The entities most often in the same stories as entity `id`; `stories` counts the
    /// stories they share.
    pub fn entities_beside(&self, id: &str, limit: usize) -> Result<Vec<entities::EntityRow>> {
        let members = entities::members(&self.conn, id).map_err(|e| self.db_err(e))?;
        entities::beside(&self.conn, &members, limit).map_err(|e| self.db_err(e))
    }

    /// The outlets whose name contains `name` (all when `None`), most articles first, with how
    /// many there are in all.
    pub fn outlets(
        &self,
        name: Option<&str>,
        offset: usize,
        limit: usize,
    ) -> Result<(Vec<outlets::OutletRow>, usize)> {
        outlets::list(&self.conn, name, offset, limit).map_err(|e| self.db_err(e))
    }

    /// The outlet named `name` (ASCII case ignored); `None` when no article gives it.
    pub fn outlet(&self, name: &str) -> Result<Option<outlets::OutletRow>> {
        outlets::outlet(&self.conn, name).map_err(|e| self.db_err(e))
    }

    /// Outlet `name`'s stories, newest first, with its articles and share in each.
    pub fn outlet_coverage(
        &self,
        name: &str,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<outlets::Coverage>> {
        outlets::coverage(&self.conn, name, offset, limit).map_err(|e| self.db_err(e))
    }

    /// The copies and rewrites with outlet `name` on either side, the conflicts where it is
    /// the odd one out (each at most `limit`), and how many of its stories have no dossier
    /// yet (whose copies and facts are not among them).
    pub fn outlet_links(
        &self,
        name: &str,
        limit: usize,
    ) -> Result<(Vec<outlets::OutletCopy>, Vec<outlets::OddFact>, usize)> {
        let c = outlets::copies(&self.conn, name, limit).map_err(|e| self.db_err(e))?;
        let f = outlets::odd_facts(&self.conn, name, limit).map_err(|e| self.db_err(e))?;
        let stale = outlets::stale_stories(&self.conn, name).map_err(|e| self.db_err(e))?;
        Ok((c, f, stale))
    }

    /// The stories `f` lets through (and, with `query`, whose articles match it, best match
    /// first), `offset` skipped and at most `limit`, with how many it lets through in all
    /// (with `query`: among the best 200 article and quote hits).
    pub fn filtered_stories(
        &self,
        query: Option<&str>,
        f: &listing::StoryFilter,
        offset: usize,
        limit: usize,
    ) -> Result<(Vec<StoryRow>, usize)> {
        let ids = match query {
            Some(q) => {
                let mut ids: Vec<String> = Vec::new();
                for h in self.search_hits(q, 200, false)? {
                    if let Some(s) = h.story {
                        if !ids.contains(&s) {
                            ids.push(s);
                        }
                    }
                }
                Some(ids)
            }
            None => None,
        };
        listing::list(&self.conn, f, ids.as_deref(), offset, limit).map_err(|e| self.db_err(e))
    }

    /// Up to `limit` stories `f` lets through, in id order, after story `after` (from the
    /// first when `None`); only story `only` when given. Paging with the last id of each page
    /// walks every story without holding the list.
    pub fn stories_by_id(
        &self,
        f: &listing::StoryFilter,
        only: Option<&str>,
        after: Option<&str>,
        limit: usize,
    ) -> Result<Vec<StoryRow>> {
        listing::page_by_id(&self.conn, f, only, after, limit).map_err(|e| self.db_err(e))
    }

    /// The ids of story `id`'s articles, in id order; empty when there is no such story.
    pub fn story_members(&self, id: &str) -> Result<Vec<String>> {
        listing::members_of(&self.conn, id).map_err(|e| self.db_err(e))
    }

    /// The articles of story `id` (each with its story), in id order; empty when there is no
    /// such story.
    pub fn story_articles(&self, id: &str) -> Result<Vec<Article>> {
        let members = listing::members_of(&self.conn, id).map_err(|e| self.db_err(e))?;
        growth::load_articles(&self.conn, &members).map_err(|e| self.db_err(e))
    }

    /// What a search hit shows of its article: outlet, publication date and its story's title.
    pub fn hit_context(
        &self,
        article: &str,
    ) -> Result<(Option<String>, Option<String>, Option<String>)> {
        self.conn
            .query_row(
                "SELECT a.outlet, a.published, s.title FROM articles a \
                 LEFT JOIN stories s ON s.id = a.story WHERE a.id = ?1",
                [article],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()
            .map(|found| found.unwrap_or((None, None, None)))
            .map_err(|e| self.db_err(e))
    }

    /// The outlets of story `id`'s articles and the first sentence of its brief (`None` while
    /// its dossier is not computed), for a story card.
    pub fn story_card(&self, id: &str) -> Result<(Vec<String>, Option<String>)> {
        let outlets = listing::outlets_of(&self.conn, id).map_err(|e| self.db_err(e))?;
        let lead = listing::lead_of(&self.conn, id).map_err(|e| self.db_err(e))?;
        Ok((outlets, lead))
    }

    /// Articles and quotes matching `query`, best first, with highlighted snippets.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<search::Hit>> {
        self.search_hits(query, limit, true)
    }

    fn search_hits(&self, query: &str, limit: usize, snippets: bool) -> Result<Vec<search::Hit>> {
        let hits = self.index.search(query, limit * 2 + 10, snippets)?;
        // The database decides what exists: a hit left by a crash before the index caught up
        // with a deletion is dropped here.
        let mut out = Vec::new();
        let mut st = self
            .conn
            .prepare_cached("SELECT story FROM articles WHERE id = ?1")
            .map_err(|e| self.db_err(e))?;
        for mut h in hits {
            let story: Option<Option<String>> = st
                .query_row([&h.article], |r| r.get(0))
                .optional()
                .map_err(|e| self.db_err(e))?;
            let Some(story) = story else { continue };
            if h.kind == "quote" && story.as_deref() != h.story.as_deref() {
                continue;
            }
            h.story = story;
            out.push(h);
            if out.len() == limit {
                break;
            }
        }
        Ok(out)
    }

    /// The stories whose articles match `query`, best match first, optionally only those
    /// with an article dated on or after `since`.
    pub fn search_stories(
        &self,
        query: &str,
        since: Option<&str>,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<StoryRow>> {
        // Stories have many articles: a few hits per story asked for are enough, unless
        // `since` may filter many out.
        let wanted = match since {
            Some(_) => 200,
            None => offset
                .saturating_add(limit)
                .saturating_mul(4)
                .saturating_add(20)
                .min(200),
        };
        let hits = self.search_hits(query, wanted, false)?;
        let mut ids: Vec<String> = Vec::new();
        for h in hits {
            if let Some(s) = h.story {
                if !ids.contains(&s) {
                    ids.push(s);
                }
            }
        }
        self.stories(since, Some(&ids), offset, limit)
    }

    pub fn stats(&self) -> Result<Stats> {
        let q = |sql: &str| -> Result<usize> {
            self.conn
                .query_row(sql, [], |r| r.get::<_, i64>(0))
                .map(|n| n as usize)
                .map_err(|e| self.db_err(e))
        };
        Ok(Stats {
            articles: q("SELECT count(*) FROM articles")?,
            stories: q("SELECT count(*) FROM stories")?,
            stale_dossiers: q("SELECT count(*) FROM stories WHERE dossier IS NULL")?,
        })
    }

    /// Every story as its sorted member ids (for tests and checks).
    pub fn memberships(&self) -> Result<Vec<Vec<String>>> {
        let mut st = self
            .conn
            .prepare("SELECT story, id FROM articles ORDER BY story, id")
            .map_err(|e| self.db_err(e))?;
        let rows: Vec<(Option<String>, String)> = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(|r| r.collect())
            .map_err(|e| self.db_err(e))?;
        let mut out: Vec<Vec<String>> = Vec::new();
        let mut last: Option<Option<String>> = None;
        for (story, id) in rows {
            if last.as_ref() != Some(&story) {
                out.push(Vec::new());
                last = Some(story);
            }
            out.last_mut().expect("pushed").push(id);
        }
        out.sort();
        Ok(out)
    }

    /// Indexes the articles and dossier quotes the search index has not seen yet.
    /// The open index writer, or a new one starting at the committed mark; `None` when
    /// another process holds the writer (an ingest under way: it catches up when it commits).
    fn take_feeding(&mut self) -> Result<Option<Feeding>> {
        if let Some(f) = self.feeding.take() {
            return Ok(Some(f));
        }
        Ok(self.index.try_writer()?.map(|session| Feeding {
            session,
            fed: self.index.mark().articles,
        }))
    }

    /// Gives `f` the articles stored after the last one it was given: `added` as they are, when
    /// they are exactly those (consecutive seqs right after the last one given), else from the
    /// database, in pages.
    fn feed(&self, f: &mut Feeding, added: Vec<(i64, Article)>) -> Result<()> {
        let follows = added.first().is_some_and(|(seq, _)| *seq == f.fed + 1)
            && added.windows(2).all(|w| w[1].0 == w[0].0 + 1);
        if follows {
            for (seq, a) in &added {
                f.session.add_article(a)?;
                f.fed = *seq;
            }
            return Ok(());
        }
        loop {
            let page: Vec<(i64, String)> = {
                let mut st = self
                    .conn
                    .prepare_cached(
                        "SELECT seq, json FROM articles WHERE seq > ?1 ORDER BY seq LIMIT 2000",
                    )
                    .map_err(|e| self.db_err(e))?;
                let rows = st
                    .query_map([f.fed], |r| Ok((r.get(0)?, r.get(1)?)))
                    .and_then(|r| r.collect::<rusqlite::Result<Vec<_>>>());
                rows.map_err(|e| self.db_err(e))?
            };
            let Some(&(last, _)) = page.last() else {
                return Ok(());
            };
            for (_, json) in &page {
                if let Ok(a) = serde_json::from_str::<Article>(json) {
                    f.session.add_article(&a)?;
                }
            }
            f.fed = last;
        }
    }

    fn catch_up_index(&mut self) -> Result<()> {
        let mark = self.index.mark();
        let (max_seq, gen): (i64, i64) = self
            .conn
            .query_row(
                "SELECT (SELECT coalesce(max(seq), 0) FROM articles), \
                 (SELECT value FROM meta WHERE key = 'gen')",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| self.db_err(e))?;
        if self.feeding.is_none() && mark.articles >= max_seq && mark.dossiers >= gen {
            return Ok(());
        }
        let Some(mut f) = self.take_feeding()? else {
            return Ok(());
        };
        self.feed(&mut f, Vec::new())?;
        let mut w = f.session;
        // Quotes of dossiers computed after the mark.
        let fresh: Vec<(String, String)> = {
            let mut st = self
                .conn
                .prepare("SELECT id, dossier FROM stories WHERE gen > ?1 AND dossier IS NOT NULL")
                .map_err(|e| self.db_err(e))?;
            let rows = st
                .query_map([mark.dossiers], |r| Ok((r.get(0)?, r.get(1)?)))
                .and_then(|r| r.collect::<rusqlite::Result<Vec<_>>>());
            rows.map_err(|e| self.db_err(e))?
        };
        for (id, json) in fresh {
            if let Ok(s) = serde_json::from_str::<Story>(&json) {
                w.replace_quotes(&id, &s)?;
            }
        }
        w.commit(search::Mark {
            articles: f.fed,
            dossiers: gen,
        })?;
        self.index.reload()?;
        Ok(())
    }
}

impl From<rusqlite::Error> for Error {
    fn from(source: rusqlite::Error) -> Self {
        Error::Db {
            path: String::new(),
            source,
        }
    }
}

/// The story-vector version a writable store's articles were made with, recorded on first
/// open: a store that already holds articles but no record predates the record (version 1).
fn vector_version(conn: &Connection) -> rusqlite::Result<i64> {
    if let Some(v) = recorded_vector_version(conn)? {
        return Ok(v);
    }
    let any: bool = conn.query_row("SELECT EXISTS (SELECT 1 FROM articles)", [], |r| r.get(0))?;
    let v = if any { 1 } else { VECTOR_VERSION };
    conn.execute("INSERT INTO meta (key, value) VALUES ('vectors', ?1)", [v])?;
    Ok(v)
}

/// Dimensions of the stored sentence embeddings as `meta` records them (the first stored
/// article decides); a store with articles and no record predates embeddings in the store (0).
fn meaning_dimensions(conn: &Connection) -> rusqlite::Result<Option<usize>> {
    let recorded: Option<i64> = conn
        .query_row("SELECT value FROM meta WHERE key = 'meaning'", [], |r| {
            r.get(0)
        })
        .optional()?;
    if let Some(d) = recorded {
        return Ok(Some(d as usize));
    }
    let any: bool = conn.query_row("SELECT EXISTS (SELECT 1 FROM articles)", [], |r| r.get(0))?;
    Ok(any.then_some(0))
}

/// The story-vector version recorded in `meta`, if any.
fn recorded_vector_version(conn: &Connection) -> rusqlite::Result<Option<i64>> {
    conn.query_row("SELECT value FROM meta WHERE key = 'vectors'", [], |r| {
        r.get(0)
    })
    .optional()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_store_remembers_the_version_of_its_story_vectors() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(store.outdated_vectors(), None);
        let article = Article {
            id: "a1".into(),
            source: "a.txt".into(),
            text: "The council approved the budget on Tuesday after a long debate.".into(),
            ..Default::default()
        };
        let mut store = store;
        store
            .add(vec![Prepared::all(vec![article]).remove(0)])
            .unwrap();
        drop(store);
        // A store made before versions were recorded: articles and no record.
        let conn = Connection::open(dir.path().join("dossier.sqlite")).unwrap();
        conn.execute("DELETE FROM meta WHERE key = 'vectors'", [])
            .unwrap();
        drop(conn);
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(store.outdated_vectors(), Some(1));
        drop(store);
        assert_eq!(
            Store::open_reader(dir.path()).unwrap().outdated_vectors(),
            Some(1)
        );
    }

    fn article(id: &str, text: &str) -> Prepared {
        Prepared::all(vec![Article {
            id: id.into(),
            source: format!("{id}.txt"),
            published: chrono::NaiveDate::from_ymd_opt(2025, 3, 4),
            text: text.into(),
            ..Default::default()
        }])
        .remove(0)
    }

    #[test]
    fn the_first_article_decides_whether_a_store_clusters_with_embeddings() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        assert_eq!(store.meaning(), None);
        let mut a = article("a", "The council approved the budget on Tuesday.");
        a.vector.meaning = vec![0.6, 0.8];
        store.add(vec![a]).unwrap();
        assert_eq!(store.meaning(), Some(2));
        // Without an embedding, or with one of other dimensions: refused, nothing stored.
        let b = article("b", "The mayor vetoed the budget on Wednesday.");
        assert!(matches!(
            store.add(vec![b]),
            Err(Error::Meaning { store: 2, given: 0 })
        ));
        let mut c = article("c", "The council overrode the veto on Friday.");
        c.vector.meaning = vec![1.0, 0.0, 0.0];
        assert!(matches!(
            store.add(vec![c]),
            Err(Error::Meaning { store: 2, given: 3 })
        ));
        assert_eq!(store.stats().unwrap().articles, 1);
        drop(store);
        let mut store = Store::open(dir.path()).unwrap();
        assert_eq!(store.meaning(), Some(2));
        // The stored embedding is read back for the link test of the next article.
        let mut d = article("d", "The council approved the budget on Tuesday evening.");
        d.vector.meaning = vec![0.6, 0.8];
        store.add(vec![d]).unwrap();
        assert_eq!(store.memberships().unwrap().len(), 1);
        // A store of words alone, from before embeddings were stored, refuses them.
        let words = tempfile::tempdir().unwrap();
        let mut store = Store::open(words.path()).unwrap();
        store
            .add(vec![article("e", "Floods closed the bridge.")])
            .unwrap();
        assert_eq!(store.meaning(), Some(0));
        let mut f = article("f", "Floods closed the bridge again.");
        f.vector.meaning = vec![0.6, 0.8];
        let err = store.add(vec![f]).unwrap_err();
        assert!(err.to_string().contains("words alone"), "{err}");
    }

    /// An ingest keeps the index writer between settles; another handle on the same store
    /// meanwhile reads stories, computes a stale dossier and searches what is committed, and
    /// the ingest's next settle indexes its new articles and the other handle's quotes.
    #[test]
    fn a_store_is_read_while_an_ingest_holds_the_index_writer() {
        let dir = tempfile::tempdir().unwrap();
        let budget = "The city council approved the harbour budget on Tuesday after a long \
                      debate. \"This budget builds the new harbour wall,\" said Mayor Anna Lindqvist.";
        let mut ingest = Store::open(dir.path()).unwrap();
        ingest
            .add_unsettled(vec![
                article("a1", budget),
                article("a2", &format!("{budget} The vote was 7 to 2.")),
            ])
            .unwrap();
        ingest.settle().unwrap();
        // The next chunk: stored and fed to the open writer, not committed yet.
        ingest
            .add_unsettled(vec![article(
                "a3",
                "Fishermen protested against the new quota for cod in the northern waters.",
            )])
            .unwrap();

        let mut other = Store::open(dir.path()).unwrap();
        let stories = other.stories(None, None, 0, 10).unwrap();
        assert_eq!(stories.len(), 1, "only the settled articles have a story");
        let (story, _) = other.story(&stories[0].id).unwrap();
        assert!(
            !story.quotes.is_empty(),
            "the budget story quotes the mayor"
        );
        assert_eq!(other.search("harbour", 10).unwrap().len(), 2);
        assert!(
            other.search("quota", 10).unwrap().is_empty(),
            "not committed yet"
        );

        ingest.settle().unwrap();
        drop(ingest);
        let reader = Store::open_reader(dir.path()).unwrap();
        assert_eq!(reader.search("quota", 10).unwrap().len(), 1);
        let quotes = reader.search("wall", 10).unwrap();
        assert!(
            quotes.iter().any(|h| h.kind == "quote"),
            "the dossier computed by the other handle is indexed: {quotes:?}"
        );
    }
}
