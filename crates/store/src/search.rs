//! The full-text index (tantivy) over articles (title and cleaned text) and the quotes of
//! computed dossiers, with English stemming, and highlighted snippets for hits.
//!
//! The index is derived data: the database is the truth. Each commit carries a [`Mark`] (the
//! last article seq and dossier generation indexed) as its payload, so the store can tell what
//! a crash left out and index it again.
//!
//! A query is checked against [`MAX_QUERY_CHARS`], [`MAX_QUERY_DEPTH`] and
//! [`MAX_QUERY_OPERATORS`] before tantivy's parser sees it ([`check_query`]): the parser
//! recurses once per parenthesis and per `NOT`, and a few hundred of them in one request would
//! overflow its stack and end the process.

use crate::{Error, Result};
use dossier_model::{Article, Story};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use tantivy::collector::TopDocs;
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle, WritePtr,
};
use tantivy::query::QueryParser;
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, STORED, STRING,
};
use tantivy::{
    doc, Index as TIndex, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term,
};

/// The longest search query read, in characters.
pub const MAX_QUERY_CHARS: usize = 1_000;
/// The deepest nesting of parentheses in a query.
pub const MAX_QUERY_DEPTH: usize = 10;
/// The most operators in a query: `AND`, `OR`, `NOT`, and `+` or `-` before a word.
pub const MAX_QUERY_OPERATORS: usize = 32;

/// Checks a search query against the limits above, in one pass over its characters, before it
/// is parsed; the message says which limit it passes and by how much.
pub fn check_query(query: &str) -> std::result::Result<(), String> {
    let (mut depth, mut deepest, mut operators) = (0usize, 0usize, 0usize);
    // The byte where the current word began, if one has.
    let mut word: Option<usize> = None;
    let is_operator = |w: &str| matches!(w, "AND" | "OR" | "NOT");
    for (n, (i, c)) in query.char_indices().enumerate() {
        if n == MAX_QUERY_CHARS {
            return Err(format!(
                "the search is longer than {MAX_QUERY_CHARS} characters ({} given)",
                query.chars().count()
            ));
        }
        if c.is_whitespace() || c == '(' || c == ')' {
            if let Some(from) = word.take() {
                operators += usize::from(is_operator(&query[from..i]));
            }
            if c == '(' {
                depth += 1;
                deepest = deepest.max(depth);
            } else if c == ')' {
                depth = depth.saturating_sub(1);
            }
        } else if word.is_none() {
            operators += usize::from(c == '+' || c == '-');
            word = Some(i);
        }
    }
    if let Some(from) = word {
        operators += usize::from(is_operator(&query[from..]));
    }
    if deepest > MAX_QUERY_DEPTH {
        return Err(format!(
            "the search nests parentheses {deepest} deep (at most {MAX_QUERY_DEPTH})"
        ));
    }
    if operators > MAX_QUERY_OPERATORS {
        return Err(format!(
            "the search has {operators} operators (AND, OR, NOT, + or - before a word; at most \
             {MAX_QUERY_OPERATORS})"
        ));
    }
    Ok(())
}

/// How far the index has caught up with the database.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
pub struct Mark {
    pub articles: i64,
    pub dossiers: i64,
}

/// One search result.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// `article` or `quote`.
    pub kind: String,
    pub article: String,
    pub story: Option<String>,
    pub title: Option<String>,
    /// The speaker of a quote.
    pub speaker: Option<String>,
    pub score: f32,
    /// A passage around the best matches.
    pub snippet: String,
    /// Byte ranges of `snippet` that match the query.
    pub highlights: Vec<(usize, usize)>,
}

impl Hit {
    /// The snippet with each match wrapped in `open` and `close`.
    pub fn marked(&self, open: &str, close: &str) -> String {
        let mut out = String::new();
        for (piece, hit) in self.segments() {
            if hit {
                out.push_str(open);
                out.push_str(piece);
                out.push_str(close);
            } else {
                out.push_str(piece);
            }
        }
        out
    }

    /// The snippet cut into pieces, each with whether it matches the query (for a renderer
    /// that escapes each piece).
    pub fn segments(&self) -> Vec<(&str, bool)> {
        let s = self.snippet.as_str();
        let mut out = Vec::new();
        let mut at = 0;
        for &(start, end) in &self.highlights {
            if start < at || end > s.len() || !s.is_char_boundary(start) || !s.is_char_boundary(end)
            {
                continue;
            }
            if start > at {
                out.push((&s[at..start], false));
            }
            out.push((&s[start..end], true));
            at = end;
        }
        if at < s.len() {
            out.push((&s[at..], false));
        }
        out
    }
}

fn index_error(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::Index {
        path: path.display().to_string(),
        message: e.to_string(),
    }
}

#[derive(Clone, Copy)]
struct Fields {
    kind: Field,
    key: Field,
    article: Field,
    story: Field,
    title: Field,
    speaker: Field,
    text: Field,
}

pub struct Index {
    path: PathBuf,
    index: TIndex,
    reader: IndexReader,
    f: Fields,
}

/// An open writer (it holds the index's writer lock); dropped without
/// [`IndexWriterSession::commit`], nothing is written.
pub struct IndexWriterSession {
    path: PathBuf,
    f: Fields,
    w: IndexWriter,
}

fn schema() -> Schema {
    let mut b = Schema::builder();
    let text = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(crate::stems::NAME)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    b.add_text_field("kind", STRING | STORED);
    b.add_text_field("key", STRING | STORED);
    b.add_text_field("article", STRING | STORED);
    b.add_text_field("story", STRING | STORED);
    b.add_text_field("title", text.clone());
    b.add_text_field("speaker", text.clone());
    b.add_text_field("text", text);
    b.build()
}

/// The folder of an index that this process may not write: files are read as from any
/// folder, and the locks, which only keep a writer's clean-up away from readers, are not taken
/// (no one writes a folder that cannot be written).
#[derive(Clone, Debug)]
struct ReadOnlyDirectory(MmapDirectory);

impl Directory for ReadOnlyDirectory {
    fn get_file_handle(
        &self,
        path: &Path,
    ) -> std::result::Result<std::sync::Arc<dyn FileHandle>, OpenReadError> {
        self.0.get_file_handle(path)
    }
    fn delete(&self, path: &Path) -> std::result::Result<(), DeleteError> {
        self.0.delete(path)
    }
    fn exists(&self, path: &Path) -> std::result::Result<bool, OpenReadError> {
        self.0.exists(path)
    }
    fn open_write(&self, path: &Path) -> std::result::Result<WritePtr, OpenWriteError> {
        self.0.open_write(path)
    }
    fn atomic_read(&self, path: &Path) -> std::result::Result<Vec<u8>, OpenReadError> {
        self.0.atomic_read(path)
    }
    fn atomic_write(&self, path: &Path, data: &[u8]) -> std::io::Result<()> {
        self.0.atomic_write(path, data)
    }
    fn sync_directory(&self) -> std::io::Result<()> {
        Ok(())
    }
    fn acquire_lock(&self, _lock: &Lock) -> std::result::Result<DirectoryLock, LockError> {
        Ok(DirectoryLock::from(Box::new(())))
    }
    fn watch(&self, callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.0.watch(callback)
    }
}

impl Index {
    /// Opens (creating if needed) the index at `path`. `follow`: the reader picks up commits
    /// made by other handles or processes by itself (a server's readers); otherwise it
    /// reloads only when told to ([`Index::reload`]).
    pub fn open(path: &Path, follow: bool) -> Result<Index> {
        let err = |m: String| Error::Index {
            path: path.display().to_string(),
            message: m,
        };
        std::fs::create_dir_all(path).map_err(|e| err(e.to_string()))?;
        let dir = MmapDirectory::open(path).map_err(|e| err(e.to_string()))?;
        let policy = if follow {
            ReloadPolicy::OnCommitWithDelay
        } else {
            ReloadPolicy::Manual
        };
        let opened = TIndex::open_or_create(dir.clone(), schema()).and_then(|index| {
            let reader = index.reader_builder().reload_policy(policy).try_into()?;
            Ok((index, reader))
        });
        let (index, reader) = match opened {
            Ok(opened) => opened,
            // A reader that may not write the folder (a read-only disk, another user's store)
            // cannot take the lock that keeps a writer's clean-up away: none can write there.
            Err(e) if follow => {
                let index = TIndex::open(ReadOnlyDirectory(dir)).map_err(|_| err(e.to_string()))?;
                let reader = index
                    .reader_builder()
                    .reload_policy(policy)
                    .try_into()
                    .map_err(|e: tantivy::TantivyError| err(e.to_string()))?;
                (index, reader)
            }
            Err(e) => return Err(err(e.to_string())),
        };
        index
            .tokenizers()
            .register(crate::stems::NAME, crate::stems::analyzer());
        let s = index.schema();
        let field = |n: &str| s.get_field(n).expect("field in schema");
        let f = Fields {
            kind: field("kind"),
            key: field("key"),
            article: field("article"),
            story: field("story"),
            title: field("title"),
            speaker: field("speaker"),
            text: field("text"),
        };
        Ok(Index {
            path: path.to_path_buf(),
            index,
            reader,
            f,
        })
    }

    fn err(&self, e: impl std::fmt::Display) -> Error {
        index_error(&self.path, e)
    }

    /// What the last commit says it covers.
    pub fn mark(&self) -> Mark {
        self.index
            .load_metas()
            .ok()
            .and_then(|m| m.payload)
            .and_then(|p| serde_json::from_str(&p).ok())
            .unwrap_or_default()
    }

    /// No other writer holds the index (probing takes and releases its lock).
    pub fn is_writable(&self) -> bool {
        self.index
            .writer_with_num_threads::<TantivyDocument>(1, 15 << 20)
            .is_ok()
    }

    /// A writer, or `None` when another process holds the writer lock (an ingest under way:
    /// it brings the index up to date when it commits).
    pub fn try_writer(&self) -> Result<Option<IndexWriterSession>> {
        match self.index.writer_with_num_threads(1, 64 << 20) {
            Ok(w) => Ok(Some(IndexWriterSession {
                path: self.path.clone(),
                f: self.f,
                w,
            })),
            Err(tantivy::TantivyError::LockFailure(LockError::LockBusy, _)) => Ok(None),
            Err(e) => Err(self.err(e)),
        }
    }

    pub fn reload(&self) -> Result<()> {
        self.reader.reload().map_err(|e| self.err(e))
    }

    /// The best `limit` hits for `query`; `snippets: false` leaves `snippet` and
    /// `highlights` empty (for callers that only want which articles match).
    /// A query past the limits of [`check_query`] is [`Error::Query`], never parsed.
    pub fn search(&self, query: &str, limit: usize, snippets: bool) -> Result<Vec<Hit>> {
        check_query(query).map_err(Error::Query)?;
        let searcher = self.reader.searcher();
        let f = &self.f;
        let mut parser = QueryParser::for_index(&self.index, vec![f.title, f.text, f.speaker]);
        parser.set_field_boost(f.title, 2.0);
        let (q, _errors) = parser.parse_query_lenient(query);
        let top = searcher
            .search(&q, &TopDocs::with_limit(limit.max(1)).order_by_score())
            .map_err(|e| self.err(e))?;
        let mut gen = tantivy::snippet::SnippetGenerator::create(&searcher, &*q, f.text)
            .map_err(|e| self.err(e))?;
        gen.set_max_num_chars(220);
        let mut out = Vec::new();
        for (score, addr) in top {
            let d: TantivyDocument = searcher.doc(addr).map_err(|e| self.err(e))?;
            let get = |field: Field| {
                d.get_first(field)
                    .and_then(|v| v.as_str())
                    .map(str::to_string)
                    .filter(|s| !s.is_empty())
            };
            let (mut snippet, mut highlights) = (String::new(), Vec::new());
            if snippets {
                let snip = gen.snippet_from_doc(&d);
                snippet = snip.fragment().to_string();
                highlights = snip
                    .highlighted()
                    .iter()
                    .map(|r| (r.start, r.end))
                    .collect();
            }
            if snippets && snippet.is_empty() {
                let text = get(f.text).unwrap_or_default();
                snippet = dossier_model::truncate_words(&text, 30);
                highlights.clear();
            }
            out.push(Hit {
                kind: get(f.kind).unwrap_or_default(),
                article: get(f.article).unwrap_or_default(),
                story: get(f.story),
                title: get(f.title),
                speaker: get(f.speaker),
                score,
                snippet,
                highlights,
            });
        }
        Ok(out)
    }
}

impl IndexWriterSession {
    fn err(&self, e: impl std::fmt::Display) -> Error {
        index_error(&self.path, e)
    }

    pub fn add_article(&mut self, a: &Article) -> Result<()> {
        let f = &self.f;
        self.w.delete_term(Term::from_field_text(f.key, &a.id));
        self.w
            .add_document(doc!(
                f.kind => "article",
                f.key => a.id.clone(),
                f.article => a.id.clone(),
                f.title => a.title.clone().unwrap_or_default(),
                f.text => a.text.clone(),
            ))
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Replaces the indexed quotes of story `id` with those of its dossier.
    pub fn replace_quotes(&mut self, id: &str, s: &Story) -> Result<()> {
        let f = &self.f;
        self.w.delete_term(Term::from_field_text(f.story, id));
        for (i, q) in s.quotes.iter().enumerate() {
            self.w
                .add_document(doc!(
                    f.kind => "quote",
                    f.key => format!("{id}/q{i}"),
                    f.article => q.article.clone(),
                    f.story => id.to_string(),
                    f.speaker => q.speaker.clone().unwrap_or_default(),
                    f.text => q.text.clone(),
                ))
                .map_err(|e| self.err(e))?;
        }
        Ok(())
    }

    /// Commits, recording `mark`, and waits for the merges the commit starts: a writer is
    /// dropped after each batch, and merges abandoned that way would leave one segment per
    /// batch (hundreds at 100k articles), slowing every search.
    pub fn commit(mut self, mark: Mark) -> Result<()> {
        let payload = serde_json::to_string(&mark).expect("a mark serialises");
        let path = &self.path;
        let mut p = self.w.prepare_commit().map_err(|e| index_error(path, e))?;
        p.set_payload(&payload);
        p.commit().map_err(|e| index_error(path, e))?;
        self.w
            .wait_merging_threads()
            .map_err(|e| index_error(path, e))?;
        Ok(())
    }

    /// Segments in the index (for checks and benchmarks).
    pub fn segments(&self) -> usize {
        self.w
            .index()
            .searchable_segment_ids()
            .map_or(0, |s| s.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_past_the_limits_are_refused_before_parsing() {
        assert!(check_query("Witkoff Kushner").is_ok());
        assert!(check_query("(Putin OR Kremlin) AND talks -Geneva +\"peace plan\"").is_ok());
        // Lower-case words and hyphens inside words are no operators.
        let prose = "a well-known and long-running plan or not ".repeat(30);
        assert!(check_query(&prose[..MAX_QUERY_CHARS]).is_ok());
        let at_depth = |d: usize| format!("{}talks{}", "(".repeat(d), ")".repeat(d));
        assert!(check_query(&at_depth(MAX_QUERY_DEPTH)).is_ok());
        let deep = check_query(&at_depth(400)).unwrap_err();
        assert!(deep.contains("400 deep"), "{deep}");
        let nots = check_query(&"NOT ".repeat(3_000)).unwrap_err();
        assert!(nots.contains("longer than 1000 characters"), "{nots}");
        let many = check_query(&"NOT ".repeat(200)).unwrap_err();
        assert!(many.contains("200 operators"), "{many}");
        assert!(check_query(&"- ".repeat(MAX_QUERY_OPERATORS + 1)).is_err());
        assert!(check_query(&"a OR ".repeat(MAX_QUERY_OPERATORS)).is_ok());
        // Characters are counted, not bytes.
        assert!(check_query(&"ж".repeat(MAX_QUERY_CHARS)).is_ok());
        assert!(check_query(&"ж".repeat(MAX_QUERY_CHARS + 1)).is_err());
    }

    #[test]
    fn the_most_the_limits_allow_parses_on_a_small_stack() {
        // Every operator a NOT and every parenthesis nested: the parser's deepest recursion
        // within the limits, on a thread of 256 KiB (rayon's and tokio's workers have 2 MiB).
        let q = format!(
            "{}{}talks{}",
            "(".repeat(MAX_QUERY_DEPTH),
            "NOT ".repeat(MAX_QUERY_OPERATORS),
            ")".repeat(MAX_QUERY_DEPTH)
        );
        assert!(check_query(&q).is_ok());
        let dir = tempfile::tempdir().unwrap();
        let index = Index::open(dir.path(), false).unwrap();
        std::thread::scope(|s| {
            std::thread::Builder::new()
                .stack_size(256 << 10)
                .spawn_scoped(s, || index.search(&q, 10, true).map(|h| h.len()))
                .unwrap()
                .join()
                .unwrap()
        })
        .unwrap();
    }

    #[test]
    fn a_hostile_query_is_an_error_of_the_search_not_a_crash() {
        let dir = tempfile::tempdir().unwrap();
        let index = Index::open(dir.path(), false).unwrap();
        let start = std::time::Instant::now();
        for q in [
            format!("{}a{}", "(".repeat(740), ")".repeat(740)),
            "NOT ".repeat(3_000),
            "(".repeat(100_000),
        ] {
            match index.search(&q, 10, true) {
                Err(Error::Query(m)) => assert!(!m.is_empty()),
                other => panic!("{other:?}"),
            }
        }
        assert!(start.elapsed() < std::time::Duration::from_secs(1));
    }
}
