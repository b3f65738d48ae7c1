//! The full-text index (tantivy) over articles (title and cleaned text) and the quotes of
//! computed dossiers, with English stemming, and highlighted snippets for hits.
//!
//! The index is derived data: the database is the truth. Each commit carries a [`Mark`] (the
//! last article seq and dossier generation indexed) as its payload, so the store can tell what
//! a crash left out and index it again.
//!
//! Ranking: hits that match better come first by tiers, then by tantivy's BM25 score. A query of
//! plain words (no quotes, operators or fields) adds two preferences, as scores (so they reach
//! the hits collected) and as tiers: an article holding all its words, more so one holding them
//! near each other (a phrase with [`NEAR_SLOP`] positions of slack per extra word, either
//! order). A quote whose speaker is a bare pronoun or unknown ("you", "he") stands one tier
//! lower, so it never outranks the article holding the same words.
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
use tantivy::query::{
    BooleanQuery, BoostQuery, EnableScoring, Occur, PhraseQuery, Query, QueryParser, TermQuery,
    Weight,
};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, STORED, STRING,
};
use tantivy::{
    doc, DocAddress, DocSet, Index as TIndex, IndexReader, IndexWriter, ReloadPolicy, Searcher,
    TantivyDocument, Term, TERMINATED,
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

/// The positions of slack per query word after the first that still count as near each
/// other (moving a word past another costs 2).
pub const NEAR_SLOP: u32 = 4;
/// The hits collected beyond those asked for, so that the tiers can lift a better match that
/// BM25 alone ranks lower.
const RERANKED: usize = 50;

/// Speakers that name no one: a quote of theirs ranks below an article with the same words.
const BARE_PRONOUNS: &[&str] = &[
    "i", "you", "he", "she", "it", "we", "they", "me", "him", "her", "us", "them", "one",
    "someone", "somebody", "this", "that", "who",
];

/// The words of a query of plain words, stemmed as the index stems them, with their positions;
/// `None` for a query with quotes, parentheses, fields, operators or wildcards (the parser's
/// own syntax is left to it) or of fewer than two words.
fn plain_words(query: &str) -> Option<Vec<(usize, String)>> {
    if query.chars().any(|c| {
        matches!(
            c,
            '"' | '(' | ')' | ':' | '^' | '*' | '[' | ']' | '{' | '}' | '~' | '\\'
        )
    }) {
        return None;
    }
    let operator = |w: &str| {
        matches!(w, "AND" | "OR" | "NOT" | "IN") || w.starts_with('+') || w.starts_with('-')
    };
    if query.split_whitespace().any(operator) {
        return None;
    }
    let mut analyzer = crate::stems::analyzer();
    let mut stream = analyzer.token_stream(query);
    let mut words = Vec::new();
    while let Some(t) = tantivy::tokenizer::TokenStream::next(&mut stream) {
        words.push((t.position, t.text.clone()));
    }
    (words.len() >= 2).then_some(words)
}

/// Whether `speaker` (a quote's) names no one: empty or a bare pronoun.
fn names_no_one(speaker: Option<&str>) -> bool {
    match speaker.map(str::trim) {
        None | Some("") => true,
        Some(s) => BARE_PRONOUNS.iter().any(|p| p.eq_ignore_ascii_case(s)),
    }
}

/// What a plain-word query prefers: documents holding all its words, and holding them near
/// each other.
struct Preferences {
    all: Box<dyn Query>,
    near: Box<dyn Query>,
}

impl Preferences {
    fn new(f: &Fields, words: &[(usize, String)]) -> Preferences {
        let fields = [f.title, f.text];
        let all = BooleanQuery::intersection(
            words
                .iter()
                .map(|(_, w)| {
                    Box::new(BooleanQuery::union(
                        fields
                            .iter()
                            .map(|&field| {
                                Box::new(TermQuery::new(
                                    Term::from_field_text(field, w),
                                    IndexRecordOption::WithFreqs,
                                )) as Box<dyn Query>
                            })
                            .collect(),
                    )) as Box<dyn Query>
                })
                .collect(),
        );
        let slop = NEAR_SLOP * (words.len() as u32 - 1);
        let near = BooleanQuery::union(
            fields
                .iter()
                .map(|&field| {
                    let terms = words
                        .iter()
                        .map(|(at, w)| (*at, Term::from_field_text(field, w)))
                        .collect();
                    Box::new(PhraseQuery::new_with_offset_and_slop(terms, slop)) as Box<dyn Query>
                })
                .collect(),
        );
        Preferences {
            all: Box::new(all),
            near: Box::new(near),
        }
    }
}

/// Which of the documents `addrs` match `weight`: one scorer per segment, sought forward
/// through that segment's documents in order.
fn matching(
    searcher: &Searcher,
    weight: &dyn Weight,
    addrs: &[DocAddress],
) -> tantivy::Result<std::collections::HashSet<DocAddress>> {
    let mut sorted = addrs.to_vec();
    sorted.sort_unstable_by_key(|a| (a.segment_ord, a.doc_id));
    let mut found = std::collections::HashSet::new();
    for segment in sorted.chunk_by(|a, b| a.segment_ord == b.segment_ord) {
        let reader = searcher.segment_reader(segment[0].segment_ord);
        let mut scorer = weight.scorer(reader, 1.0)?;
        for addr in segment {
            // a scorer starts on its first document and seeks only forward
            let mut at = scorer.doc();
            if at < addr.doc_id {
                at = scorer.seek(addr.doc_id);
            }
            if at == TERMINATED {
                break;
            }
            if at == addr.doc_id {
                found.insert(*addr);
            }
        }
    }
    Ok(found)
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
        let (parsed, _errors) = parser.parse_query_lenient(query);
        let limit = limit.max(1);
        let preferences = plain_words(query).map(|w| Preferences::new(f, &w));
        let q: Box<dyn Query> = match &preferences {
            Some(p) => Box::new(BooleanQuery::new(vec![
                (Occur::Must, parsed),
                (
                    Occur::Should,
                    Box::new(BoostQuery::new(p.all.box_clone(), 1.0)),
                ),
                (
                    Occur::Should,
                    Box::new(BoostQuery::new(p.near.box_clone(), 2.0)),
                ),
            ])),
            None => parsed,
        };
        let collected = limit.saturating_add(RERANKED);
        let top = searcher
            .search(&q, &TopDocs::with_limit(collected).order_by_score())
            .map_err(|e| self.err(e))?;
        let no_scores = EnableScoring::disabled_from_searcher(&searcher);
        let addrs: Vec<DocAddress> = top.iter().map(|(_, a)| *a).collect();
        let preferred = |q: &dyn Query| {
            q.weight(no_scores)
                .and_then(|w| matching(&searcher, w.as_ref(), &addrs))
                .map_err(|e| self.err(e))
        };
        let tiers = match &preferences {
            Some(p) => Some((preferred(p.all.as_ref())?, preferred(p.near.as_ref())?)),
            None => None,
        };
        let mut ranked = Vec::with_capacity(top.len());
        for (score, addr) in top {
            let d: TantivyDocument = searcher.doc(addr).map_err(|e| self.err(e))?;
            let text_of = |field: Field| d.get_first(field).and_then(|v| v.as_str());
            let mut tier = 1u8;
            if let Some((all, near)) = &tiers {
                tier += u8::from(all.contains(&addr)) + u8::from(near.contains(&addr));
            }
            if text_of(f.kind) == Some("quote") && names_no_one(text_of(f.speaker)) {
                tier -= 1;
            }
            ranked.push((tier, score, d));
        }
        // stable: within a tier, BM25's order
        ranked.sort_by_key(|r| std::cmp::Reverse(r.0));
        ranked.truncate(limit);
        let mut gen = tantivy::snippet::SnippetGenerator::create(&searcher, &*q, f.text)
            .map_err(|e| self.err(e))?;
        gen.set_max_num_chars(220);
        let mut out = Vec::new();
        for (_, score, d) in ranked {
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

    /// An index of articles and quotes written for the test (`id`, title, text; story, speaker,
    /// quote).
    fn index_of(
        articles: &[(&str, &str, &str)],
        quotes: &[(&str, &str, &str)],
    ) -> (tempfile::TempDir, Index) {
        let dir = tempfile::tempdir().unwrap();
        let index = Index::open(dir.path(), false).unwrap();
        let mut w = index.try_writer().unwrap().unwrap();
        for (id, title, text) in articles {
            w.add_article(&Article {
                id: id.to_string(),
                title: Some(title.to_string()),
                text: text.to_string(),
                ..Default::default()
            })
            .unwrap();
        }
        for (story, speaker, text) in quotes {
            let story_value = Story {
                quotes: vec![dossier_model::Quote {
                    speaker: Some(speaker.to_string()).filter(|s| !s.is_empty()),
                    text: text.to_string(),
                    article: "a9".into(),
                    direct: true,
                }],
                ..Default::default()
            };
            w.replace_quotes(story, &story_value).unwrap();
        }
        w.commit(Mark::default()).unwrap();
        index.reload().unwrap();
        (dir, index)
    }

    fn order(index: &Index, query: &str) -> Vec<String> {
        index
            .search(query, 10, true)
            .unwrap()
            .into_iter()
            .map(|h| match h.speaker {
                Some(s) if h.kind == "quote" => format!("quote by {s}"),
                _ if h.kind == "quote" => "quote".to_string(),
                _ => h.article,
            })
            .collect()
    }

    #[test]
    fn plain_words_prefer_articles_holding_them_all_near_each_other() {
        let filler = "The council met on the hill for most of the afternoon and talked. ";
        let (_dir, index) = index_of(
            &[
                // "harbour" again and again, "tunnel" never
                (
                    "a1",
                    "Harbour day",
                    "Harbour boats, harbour fish, harbour nets: the harbour fair.",
                ),
                // both words, far apart
                (
                    "a2",
                    "Council notes",
                    &format!(
                        "The harbour was calm. {} The tunnel opened.",
                        filler.repeat(4)
                    ),
                ),
                // both words side by side, in a long article
                (
                    "a3",
                    "Works begin",
                    &format!(
                        "{} Crews began the harbour tunnel on Monday. {}",
                        filler.repeat(3),
                        filler.repeat(3)
                    ),
                ),
                // both words, reversed but near
                (
                    "a4",
                    "Digging",
                    &format!(
                        "{} The tunnel under the harbour is late. {}",
                        filler.repeat(3),
                        filler.repeat(3)
                    ),
                ),
            ],
            &[
                ("s1", "you", "The harbour tunnel, you see, is ours."),
                (
                    "s2",
                    "Ana Lima",
                    "We will finish the harbour tunnel by spring.",
                ),
            ],
        );
        let got = order(&index, "harbour tunnel");
        let at = |who: &str| {
            got.iter()
                .position(|g| g == who)
                .unwrap_or_else(|| panic!("{who} in {got:?}"))
        };
        assert!(
            at("a3") < at("a2") && at("a4") < at("a2"),
            "near before far: {got:?}"
        );
        assert!(at("a2") < at("a1"), "all words before some: {got:?}");
        assert!(
            at("a3") < at("quote by you") && at("a4") < at("quote by you"),
            "{got:?}"
        );
        assert!(
            at("quote by Ana Lima") < at("a2"),
            "a named speaker's quote is not demoted: {got:?}"
        );
        // BM25 alone puts the short quote of "you" first: the tiers are what moves it.
        let raw = index.search("harbour tunnel", 10, false).unwrap();
        let score = |id: &str, quote: bool| {
            raw.iter()
                .find(|h| {
                    (h.kind == "quote") == quote
                        && (quote || h.article == id)
                        && (!quote || h.speaker.as_deref() == Some("you"))
                })
                .unwrap()
                .score
        };
        assert!(score("", true) > score("a3", false), "{raw:?}");
        // A quoted phrase is the parser's as before; the quote of "you" still stands below
        // the article holding the phrase.
        let phrase = order(&index, "\"harbour tunnel\"");
        let at = |who: &str| phrase.iter().position(|g| g == who).unwrap();
        assert!(at("a3") < at("quote by you"), "{phrase:?}");
        assert!(!phrase.contains(&"a2".to_string()), "{phrase:?}");
    }

    #[test]
    fn only_plain_words_get_the_preferences() {
        assert_eq!(plain_words("harbour tunnel").map(|w| w.len()), Some(2));
        assert!(plain_words("harbour").is_none());
        for q in [
            "\"harbour tunnel\"",
            "harbour AND tunnel",
            "harbour -tunnel",
            "title:harbour tunnel",
            "(harbour tunnel)",
        ] {
            assert!(plain_words(q).is_none(), "{q}");
        }
        assert!(names_no_one(Some("You")) && names_no_one(None) && names_no_one(Some(" ")));
        assert!(!names_no_one(Some("Ana Lima")));
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
