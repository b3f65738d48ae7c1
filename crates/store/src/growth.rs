//! How the stored stories grow as articles arrive, with the batch clustering's own pieces
//! (`dossier_analysis::stories`): the same vectors, the same link test, the same average-link
//! clustering of a connected component in id order. Batches and increments therefore give the
//! same stories.
//!
//! For each new article, in turn: the articles sharing one of its heaviest features within
//! the time window come from the `postings` table (a range scan per feature, not a scan of the
//! corpus); each candidate that passes the link test becomes a row of `links`; the components
//! of the articles it is strongly linked to (`strong_components`: at least the story
//! threshold) merge into one. Each changed component is then marked `unsettled`; settling
//! (after the batch, or after a chunk of batches during an ingest) re-clusters each with all
//! its members' links and replaces its stories; a story whose members changed loses its dossier
//! (`dossier` NULL) until [`compute_dossiers`] fills it again.

use chrono::{Datelike, NaiveDate};
use dossier_analysis::stories::{
    cluster_component, story_vectors, BUCKET_COMPARISONS, MOST_COMPARISONS, TOP_FEATURES,
    WINDOW_DAYS,
};
use dossier_analysis::{StoryVector, STORY_THRESHOLD};
use dossier_model::{Article, Relation, Story};
use rayon::prelude::*;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use std::collections::{BTreeSet, HashMap, HashSet};

/// The `day` of an undated posting (links to every day, like an undated article).
const UNDATED: i64 = i64::MIN / 4;

/// An article ready to be stored: its normalised-content hash and story vector, computed in
/// parallel before the write transaction.
pub struct Prepared {
    pub article: Article,
    pub hash: [u8; 16],
    pub vector: StoryVector,
    pub top: Vec<u32>,
}

impl Prepared {
    /// The articles cleaned from one document (its parts), ready to store; see
    /// `dossier_analysis::stories::story_vectors` for the date a split-off part clusters by.
    pub fn all(articles: Vec<Article>) -> Vec<Prepared> {
        let vectors = story_vectors(&articles);
        articles
            .into_iter()
            .zip(vectors)
            .map(|(mut article, vector)| {
                article.story = None;
                let top = vector.top();
                Prepared {
                    hash: content_hash(&article),
                    article,
                    vector,
                    top,
                }
            })
            .collect()
    }
}

/// The same article whatever its whitespace, case or container: hash of the title and the
/// body's words, lower-cased.
pub fn content_hash(a: &Article) -> [u8; 16] {
    let mut norm = String::with_capacity(a.text.len() + 64);
    for w in a
        .title
        .as_deref()
        .unwrap_or("")
        .split_whitespace()
        .chain(a.text.split_whitespace())
    {
        if w.is_ascii() {
            norm.extend(w.bytes().map(|b| b.to_ascii_lowercase() as char));
        } else {
            norm.extend(w.chars().flat_map(char::to_lowercase));
        }
        norm.push(' ');
    }
    xxhash_rust::xxh3::xxh3_128(norm.as_bytes()).to_le_bytes()
}

fn day_number(d: Option<NaiveDate>) -> i64 {
    d.map_or(UNDATED, |d| d.num_days_from_ce() as i64)
}

/// The date of a stored vector's `day` (the inverse of [`day_number`]), when it has one.
fn day_date(day: Option<i64>) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(day?).ok()?)
}

fn encode_terms(terms: &[(u32, f32)]) -> Vec<u8> {
    let mut b = Vec::with_capacity(terms.len() * 8);
    for &(f, w) in terms {
        b.extend_from_slice(&f.to_le_bytes());
        b.extend_from_slice(&w.to_le_bytes());
    }
    b
}

/// A sentence embedding as a blob (`None`, SQL NULL, when there is none).
fn encode_meaning(m: &[f32]) -> Option<Vec<u8>> {
    (!m.is_empty()).then(|| m.iter().flat_map(|x| x.to_le_bytes()).collect())
}

/// The days a vector's article reports (hashes), as a blob.
fn encode_days(days: &[u32]) -> Vec<u8> {
    days.iter().flat_map(|d| d.to_le_bytes()).collect()
}

fn decode_days(b: Option<Vec<u8>>) -> Vec<u32> {
    b.unwrap_or_default()
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}

fn decode_meaning(b: Option<Vec<u8>>) -> Vec<f32> {
    b.unwrap_or_default()
        .chunks_exact(4)
        .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}

fn decode_terms(b: &[u8]) -> Vec<(u32, f32)> {
    b.chunks_exact(8)
        .map(|c| {
            let f = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
            let w = f32::from_le_bytes([c[4], c[5], c[6], c[7]]);
            (f, w)
        })
        .collect()
}

fn next_gen(tx: &Transaction) -> rusqlite::Result<i64> {
    tx.execute("UPDATE meta SET value = value + 1 WHERE key = 'gen'", [])?;
    tx.query_row("SELECT value FROM meta WHERE key = 'gen'", [], |r| r.get(0))
}

/// Stores `batch` in one transaction and marks the components it touched unsettled; with
/// `settle`, re-clusters them in the same transaction. Returns the report and the articles added
/// with their seqs, in seq order.
///
/// In four steps, with the same result as taking the articles one at a time: store the new
/// articles; find each one's candidates (stored articles from the postings, and the batch's
/// earlier articles from memory, under the same time window); run the link tests of all of
/// them in parallel (the one costly computation, ~10 % of an ingest); then, in order, write
/// the links, merge the components and post the features.
pub fn add(
    conn: &mut Connection,
    cache: &mut Vectors,
    batch: Vec<Prepared>,
    settle: bool,
) -> rusqlite::Result<(crate::AddReport, Vec<(i64, Article)>)> {
    let mut report = crate::AddReport::default();
    let tx = conn.transaction()?;
    let now = chrono::Utc::now().to_rfc3339();
    let mut dirty: BTreeSet<i64> = BTreeSet::new();
    let mut seen: HashSet<[u8; 16]> = HashSet::new();

    // 1. The new articles, stored with their vectors.
    let mut fresh: Vec<Fresh> = Vec::new();
    for mut p in batch {
        let exists: Option<i64> = tx
            .prepare_cached("SELECT seq FROM articles WHERE hash = ?1")?
            .query_row(params![&p.hash[..]], |r| r.get(0))
            .optional()?;
        if exists.is_some() || !seen.insert(p.hash) {
            report.duplicates += 1;
            continue;
        }
        // The same source with new content (an edited file, an updated page) is another
        // article: its id says which version it is.
        let taken: bool = tx
            .prepare_cached("SELECT 1 FROM articles WHERE id = ?1")?
            .query_row([&p.article.id], |_| Ok(()))
            .optional()?
            .is_some();
        if taken {
            let v = u32::from_le_bytes([p.hash[0], p.hash[1], p.hash[2], p.hash[3]]);
            p.article.id = format!("{}v{v:08x}", p.article.id);
            p.vector.article = p.article.id.clone();
        }
        let a = &p.article;
        let json = serde_json::to_string(a).expect("an Article always serialises");
        tx.prepare_cached(
            "INSERT INTO articles (id, hash, source, url, outlet, title, published, json, component, ingested)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0, ?9)",
        )?
        .execute(params![
                a.id,
                &p.hash[..],
                a.source,
                a.url,
                a.outlet,
                a.title,
                a.published.map(|d| d.to_string()),
                json,
                now
            ])?;
        let seq = tx.last_insert_rowid();
        let day = day_number(p.vector.published);
        tx.prepare_cached(
            "INSERT INTO vectors (seq, terms, day, meaning, days) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![
            seq,
            encode_terms(&p.vector.terms),
            p.vector.published.map(|_| day),
            encode_meaning(&p.vector.meaning),
            encode_days(&p.vector.when)
        ])?;
        fresh.push(Fresh {
            seq,
            day,
            top: p.top,
            vector: p.vector,
            article: p.article,
        });
    }

    if let Some(f) = fresh.first() {
        // The first article stored decides whether the store clusters with embeddings
        // (`Store::check_meaning` keeps the rest alike).
        tx.execute(
            "INSERT OR IGNORE INTO meta (key, value) VALUES ('meaning', ?1)",
            [f.vector.meaning.len() as i64],
        )?;
    }
    report.new += fresh.len();
    let added = link(&tx, cache, fresh, &mut dirty)?;
    {
        let mut mark = tx.prepare_cached("INSERT OR IGNORE INTO unsettled VALUES (?1)")?;
        for &comp in &dirty {
            mark.execute([comp])?;
        }
    }
    if settle {
        settle_in(&tx, cache, &mut report)?;
    }
    tx.commit()?;
    trim(cache);
    Ok((report, added))
}

/// Links stored articles (`fresh`, in seq order, none linked yet) to the articles linked
/// before them and to each other, merges their components (marking the changed ones in
/// `dirty`) and posts their features. Returns the articles with their seqs.
fn link(
    tx: &Transaction,
    cache: &mut Vectors,
    fresh: Vec<Fresh>,
    dirty: &mut BTreeSet<i64>,
) -> rusqlite::Result<Vec<(i64, Article)>> {
    // 2. Candidates: articles sharing a heavy feature within the window. The batch's own
    // features are not posted yet: its earlier articles are found in `posted`, under the
    // same condition as the query.
    let mut candidates: Vec<BTreeSet<i64>> = Vec::with_capacity(fresh.len());
    let mut posted: HashMap<u32, Vec<(i64, i64)>> = HashMap::new();
    {
        // One query per article and kind of day for all its features (`feature IN (...)`, the
        // list padded to TOP_FEATURES by repeating its first), not one per feature.
        let features = vec!["?"; TOP_FEATURES].join(", ");
        // Rows past MOST_COMPARISONS mean a dense story: then each feature gives only its
        // latest BUCKET_COMPARISONS, as in the batch's `links`.
        let mut dated = tx.prepare_cached(&format!(
            "SELECT seq FROM postings WHERE feature IN ({features}) AND day BETWEEN ?{} AND ?{} LIMIT {}",
            TOP_FEATURES + 1,
            TOP_FEATURES + 2,
            MOST_COMPARISONS + 1,
        ))?;
        let mut undated = tx.prepare_cached(&format!(
            "SELECT seq FROM postings WHERE feature IN ({features}) AND day = ?{} LIMIT {}",
            TOP_FEATURES + 1,
            MOST_COMPARISONS + 1,
        ))?;
        let mut latest = tx.prepare_cached(&format!(
            "SELECT seq FROM postings WHERE feature = ?1 AND day BETWEEN ?2 AND ?3 ORDER BY day DESC, seq DESC LIMIT {BUCKET_COMPARISONS}"
        ))?;
        for f in &fresh {
            let mut found: BTreeSet<i64> = BTreeSet::new();
            let ranges: &[[i64; 2]] = match f.day {
                UNDATED => &[[i64::MIN, i64::MAX]],
                day => &[[day - WINDOW_DAYS, day + WINDOW_DAYS], [UNDATED, UNDATED]],
            };
            if let Some(&first) = f.top.first() {
                let mut values: Vec<i64> = f.top.iter().map(|&x| x as i64).collect();
                values.resize(TOP_FEATURES, first as i64);
                let mut rows = 0;
                let mut query =
                    |st: &mut rusqlite::CachedStatement, days: &[i64]| -> rusqlite::Result<()> {
                        let mut bound = values.clone();
                        bound.extend_from_slice(days);
                        let found_rows =
                            st.query_map(rusqlite::params_from_iter(bound), |r| r.get(0))?;
                        for s in found_rows {
                            found.insert(s?);
                            rows += 1;
                        }
                        Ok(())
                    };
                if f.day == UNDATED {
                    query(&mut dated, &[i64::MIN, i64::MAX])?;
                } else {
                    query(&mut dated, &[f.day - WINDOW_DAYS, f.day + WINDOW_DAYS])?;
                    query(&mut undated, &[UNDATED])?;
                }
                if rows > MOST_COMPARISONS {
                    found.clear();
                    'features: for &feature in &f.top {
                        for days in ranges {
                            let params = params![feature, days[0], days[1]];
                            for s in latest.query_map(params, |r| r.get(0))? {
                                found.insert(s?);
                                if found.len() == MOST_COMPARISONS {
                                    break 'features;
                                }
                            }
                        }
                    }
                }
            }
            for &feature in &f.top {
                let near = posted
                    .get(&feature)
                    .into_iter()
                    .flatten()
                    .rev()
                    .filter(|&&(_, day)| {
                        f.day == UNDATED
                            || day == UNDATED
                            || (f.day - WINDOW_DAYS..=f.day + WINDOW_DAYS).contains(&day)
                    });
                for &(seq, _) in near.take(BUCKET_COMPARISONS) {
                    found.insert(seq);
                }
            }
            for &feature in &f.top {
                posted.entry(feature).or_default().push((f.seq, f.day));
            }
            candidates.push(found);
        }
    }
    let in_batch: HashMap<i64, usize> = fresh.iter().enumerate().map(|(i, f)| (f.seq, i)).collect();
    for found in &candidates {
        for &c in found {
            if !in_batch.contains_key(&c) && !cache.contains_key(&c) {
                let v = load_vector(tx, c)?;
                cache.insert(c, v);
            }
        }
    }

    // 3. The link tests, in parallel.
    let links: Vec<Vec<(i64, f32)>> = LINK_POOL.install(|| {
        fresh
            .par_iter()
            .zip(&candidates)
            .map(|(f, found)| {
                found
                    .iter()
                    .filter_map(|&c| {
                        let v = match in_batch.get(&c) {
                            Some(&k) => &fresh[k].vector,
                            None => &cache[&c],
                        };
                        f.vector.link(v).map(|sim| (c, sim))
                    })
                    .collect()
            })
            .collect()
    });

    // 4. In order: links, components, postings.
    let mut added = Vec::with_capacity(fresh.len());
    for (f, links) in fresh.iter().zip(links) {
        let seq = f.seq;
        let mut linked_components: BTreeSet<i64> = BTreeSet::new();
        for (c, sim) in links {
            tx.prepare_cached("INSERT OR REPLACE INTO links (a, b, sim) VALUES (?1, ?2, ?3)")?
                .execute(params![c.min(seq), c.max(seq), sim as f64])?;
            // Only a strong link can put two articles in one story (`strong_components`).
            if sim >= STORY_THRESHOLD {
                let comp: i64 = tx
                    .prepare_cached("SELECT component FROM articles WHERE seq = ?1")?
                    .query_row([c], |r| r.get(0))?;
                linked_components.insert(comp);
            }
        }
        // The new article's component: the oldest of those it joins, or its own.
        let component = linked_components.first().copied().unwrap_or(seq);
        for &other in linked_components.iter().skip(1) {
            tx.execute(
                "UPDATE articles SET component = ?1 WHERE component = ?2",
                params![component, other],
            )?;
            tx.execute(
                "UPDATE stories SET component = ?1 WHERE component = ?2",
                params![component, other],
            )?;
            dirty.remove(&other);
            tx.execute("DELETE FROM unsettled WHERE component = ?1", [other])?;
        }
        tx.prepare_cached("UPDATE articles SET component = ?1 WHERE seq = ?2")?
            .execute(params![component, seq])?;
        dirty.insert(component);
        {
            let mut post = tx.prepare_cached(
                "INSERT OR IGNORE INTO postings (feature, day, seq) VALUES (?1, ?2, ?3)",
            )?;
            for &feature in &f.top {
                post.execute(params![feature, f.day, seq])?;
            }
        }
    }
    for f in fresh {
        cache.insert(f.seq, f.vector);
        added.push((f.seq, f.article));
    }
    Ok(added)
}

/// A sentence-embedding model: one unit vector per text, in order.
pub type Embed<'a> =
    &'a (dyn Fn(&[&str]) -> Result<Vec<Vec<f32>>, Box<dyn std::error::Error + Send + Sync>> + Sync);

/// Why a [`rebuild`] failed.
pub enum RebuildError {
    Db(rusqlite::Error),
    Embed(Box<dyn std::error::Error + Send + Sync>),
}

impl From<rusqlite::Error> for RebuildError {
    fn from(e: rusqlite::Error) -> Self {
        RebuildError::Db(e)
    }
}

/// Articles re-vectorised and re-linked per step of [`rebuild`].
const REBUILD_CHUNK: usize = 4096;

/// Computes every stored article's story vector again with this build's weighting and
/// rebuilds the links, components and stories from them, in one transaction (a crash leaves
/// the store as it was): the stories an ingest of the same articles, in the order they
/// arrived, gives now. A story whose members do not change keeps its dossier. Each article
/// clusters by the date it clustered by before (a split-off part's is its page's).
/// `progress(done, total)` is called after each step.
///
/// With `embed` (texts to unit vectors, see `dossier_analysis::stories::embed_articles`), the
/// new vectors carry sentence embeddings; without, they have none. A failure of `embed` is
/// returned and changes nothing.
pub fn rebuild(
    conn: &mut Connection,
    cache: &mut Vectors,
    embed: Option<Embed>,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<crate::Rebuilt, RebuildError> {
    let mut report = crate::AddReport::default();
    cache.clear();
    let tx = conn.transaction()?;
    tx.execute_batch(
        "CREATE TEMP TABLE kept AS SELECT id, title, conflicts, dossier FROM stories WHERE dossier IS NOT NULL;
         DELETE FROM stories; DELETE FROM links; DELETE FROM postings; DELETE FROM unsettled;
         UPDATE articles SET component = seq, story = NULL;",
    )?;
    let total: usize = tx.query_row("SELECT count(*) FROM articles", [], |r| {
        r.get::<_, i64>(0).map(|n| n as usize)
    })?;
    let mut dirty: BTreeSet<i64> = BTreeSet::new();
    let (mut after, mut done) = (0i64, 0usize);
    // Dimensions of the new embeddings (the model's, known after the first call).
    let mut dims = 0;
    loop {
        let rows: Vec<(i64, String, Option<i64>)> = {
            let mut st = tx.prepare_cached(
                "SELECT a.seq, a.json, v.day FROM articles a JOIN vectors v ON v.seq = a.seq
                 WHERE a.seq > ?1 ORDER BY a.seq LIMIT ?2",
            )?;
            let rows = st.query_map(params![after, REBUILD_CHUNK as i64], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let Some(&(last, _, _)) = rows.last() else {
            break;
        };
        let mut fresh: Vec<Fresh> = rows
            .into_par_iter()
            .map(|(seq, json, day)| {
                let article: Article = serde_json::from_str(&json).map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(
                        1,
                        rusqlite::types::Type::Text,
                        Box::new(e),
                    )
                })?;
                let mut vector = story_vectors(std::slice::from_ref(&article))
                    .pop()
                    .expect("one vector per article");
                if let Some(d) = day_date(day).filter(|&d| vector.published != Some(d)) {
                    vector.published = Some(d);
                    vector.when = dossier_analysis::stories::reported_days(&article, Some(d));
                }
                Ok(Fresh {
                    seq,
                    day: day_number(vector.published),
                    top: vector.top(),
                    vector,
                    article,
                })
            })
            .collect::<rusqlite::Result<_>>()?;
        if let Some(embed) = embed {
            let articles = fresh.iter().map(|f| &f.article);
            let meanings = dossier_analysis::stories::embed_articles(articles, embed)
                .map_err(RebuildError::Embed)?;
            for (f, m) in fresh.iter_mut().zip(meanings) {
                f.vector.meaning = m;
            }
        }
        {
            let mut set = tx.prepare_cached(
                "UPDATE vectors SET terms = ?1, meaning = ?2, days = ?3 WHERE seq = ?4",
            )?;
            for f in &fresh {
                set.execute(params![
                    encode_terms(&f.vector.terms),
                    encode_meaning(&f.vector.meaning),
                    encode_days(&f.vector.when),
                    f.seq
                ])?;
            }
        }
        dims = fresh.first().map_or(dims, |f| f.vector.meaning.len());
        done += fresh.len();
        link(&tx, cache, fresh, &mut dirty)?;
        trim(cache);
        after = last;
        progress(done, total);
    }
    for &comp in &dirty {
        tx.prepare_cached("INSERT OR IGNORE INTO unsettled VALUES (?1)")?
            .execute([comp])?;
    }
    settle_in(&tx, cache, &mut report)?;
    let kept = tx.execute(
        "UPDATE stories SET title = kept.title, conflicts = kept.conflicts, dossier = kept.dossier
         FROM kept WHERE stories.id = kept.id",
        [],
    )?;
    tx.execute("DROP TABLE kept", [])?;
    tx.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('vectors', ?1)",
        [dossier_analysis::stories::VECTOR_VERSION],
    )?;
    if done > 0 {
        tx.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('meaning', ?1)",
            [dims as i64],
        )?;
    } else {
        tx.execute("DELETE FROM meta WHERE key = 'meaning'", [])?;
    }
    tx.commit()?;
    trim(cache);
    Ok(crate::Rebuilt {
        articles: done,
        stories: report.stories_created,
        kept,
        meaning: (done > 0).then_some(dims),
    })
}

/// The link tests' own threads: the global pool is busy cleaning the next chunk, and the
/// writer would wait behind that work.
static LINK_POOL: std::sync::LazyLock<rayon::ThreadPool> = std::sync::LazyLock::new(|| {
    rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("dossier-links-{i}"))
        .build()
        .expect("a thread pool")
});

/// An article of the batch being added, stored and waiting for its links.
struct Fresh {
    seq: i64,
    /// The day it clusters by ([`UNDATED`] when none).
    day: i64,
    top: Vec<u32>,
    vector: StoryVector,
    /// The article as stored (handed back to the caller to index).
    article: Article,
}

/// Re-clusters every unsettled component in one transaction.
pub fn settle(conn: &mut Connection, cache: &mut Vectors) -> rusqlite::Result<crate::AddReport> {
    let mut report = crate::AddReport::default();
    let tx = conn.transaction()?;
    settle_in(&tx, cache, &mut report)?;
    tx.commit()?;
    trim(cache);
    Ok(report)
}

/// Story vectors by article seq, kept by the store between transactions: a new article's
/// candidates are mostly the articles stored just before it (news arrives in about the order
/// it is published), and reading them from SQLite again for every transaction was a third of
/// the storing thread's time (at 100k articles, ~100 candidates an article, nine in ten read
/// again). A vector never changes once stored; after a failed transaction the store forgets
/// them all (a rolled-back seq can be given again).
pub type Vectors = HashMap<i64, StoryVector>;

/// How many vectors the cache keeps at most (~2.5 KB each): past it, the older half (by seq)
/// goes.
const VECTORS_KEPT: usize = 65_536;

fn trim(cache: &mut Vectors) {
    if cache.len() > VECTORS_KEPT {
        let newest = cache.keys().copied().max().unwrap_or(0);
        cache.retain(|&seq, _| seq > newest - (VECTORS_KEPT / 2) as i64);
    }
}

fn settle_in(
    tx: &Transaction,
    cache: &mut Vectors,
    report: &mut crate::AddReport,
) -> rusqlite::Result<()> {
    let comps: Vec<i64> = {
        let mut st = tx.prepare_cached("SELECT component FROM unsettled ORDER BY component")?;
        let rows = st.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    if comps.is_empty() {
        return Ok(());
    }
    let gen = next_gen(tx)?;
    for comp in comps {
        // A component merged into an older one since it was marked has no articles left
        // (the one it joined is marked too).
        let live = tx
            .query_row(
                "SELECT 1 FROM articles WHERE component = ?1 LIMIT 1",
                [comp],
                |_| Ok(()),
            )
            .optional()?
            .is_some();
        if live {
            recluster(tx, comp, gen, cache, report)?;
        }
    }
    tx.execute("DELETE FROM unsettled", [])?;
    Ok(())
}

fn load_vector(tx: &Connection, seq: i64) -> rusqlite::Result<StoryVector> {
    type Row = (
        String,
        Option<String>,
        Vec<u8>,
        Option<i64>,
        Option<Vec<u8>>,
        Option<Vec<u8>>,
        Option<String>,
    );
    let (id, published, terms, day, meaning, days, outlet): Row = tx
        .prepare_cached(
            "SELECT a.id, a.published, v.terms, v.day, v.meaning, v.days, a.outlet FROM articles a JOIN vectors v ON v.seq = a.seq WHERE a.seq = ?1",
        )?
        .query_row([seq], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })?;
    // The vector's own date (a split-off part's is its page's); stores from before schema 2
    // have only the article's.
    let published = day_date(day).or_else(|| published.and_then(|p| p.parse().ok()));
    let mut v = StoryVector::new(id, published, decode_terms(&terms), decode_days(days));
    v.meaning = decode_meaning(meaning);
    v.outlet = dossier_analysis::stories::outlet_key(outlet.as_deref());
    Ok(v)
}

/// Re-clusters one component and replaces its stories; stories whose members did not change
/// keep their dossier.
fn recluster(
    tx: &Transaction,
    comp: i64,
    gen: i64,
    cache: &mut Vectors,
    report: &mut crate::AddReport,
) -> rusqlite::Result<()> {
    // Members in id order, as the batch clustering takes them.
    struct Member {
        seq: i64,
        id: String,
        title: Option<String>,
        outlet: Option<String>,
        published: Option<String>,
        story: Option<String>,
    }
    let members: Vec<Member> = {
        let mut st = tx.prepare_cached(
            "SELECT seq, id, title, outlet, published, story FROM articles WHERE component = ?1 ORDER BY id",
        )?;
        let rows = st.query_map([comp], |r| {
            Ok(Member {
                seq: r.get(0)?,
                id: r.get(1)?,
                title: r.get(2)?,
                outlet: r.get(3)?,
                published: r.get(4)?,
                story: r.get(5)?,
            })
        })?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let local: HashMap<i64, usize> = members
        .iter()
        .enumerate()
        .map(|(k, m)| (m.seq, k))
        .collect();
    let mut edges: Vec<(usize, usize, f32)> = Vec::new();
    {
        let mut st = tx.prepare_cached("SELECT b, sim FROM links WHERE a = ?1")?;
        for m in &members {
            for row in st.query_map([m.seq], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, f64>(1)?)))? {
                let (b, sim) = row?;
                if let Some(&j) = local.get(&b) {
                    let i = local[&m.seq];
                    edges.push((i.min(j), i.max(j), sim as f32));
                }
            }
        }
    }
    edges.sort_by_key(|e| (e.0, e.1));
    // Every member's vector: the component's words are weighed in their own company.
    for m in &members {
        if let std::collections::hash_map::Entry::Vacant(e) = cache.entry(m.seq) {
            e.insert(load_vector(tx, m.seq)?);
        }
    }
    let vectors: Vec<&StoryVector> = members.iter().map(|m| &cache[&m.seq]).collect();
    let groups = cluster_component(&vectors, &edges);
    let old: HashSet<String> = {
        let mut st = tx.prepare_cached("SELECT id FROM stories WHERE component = ?1")?;
        let rows = st.query_map([comp], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut keep: HashSet<String> = HashSet::new();
    for g in groups {
        let ids: Vec<String> = g.iter().map(|&k| members[k].id.clone()).collect();
        let id = dossier_analysis::story_id(&ids);
        if old.contains(&id) {
            keep.insert(id);
            continue;
        }
        if g.iter().any(|&k| members[k].story.is_some()) {
            report.stories_grown += 1;
        } else {
            report.stories_created += 1;
        }
        // The title as the batch gives it: the most typical member's.
        let story_vectors: Vec<StoryVector> = g.iter().map(|&k| vectors[k].clone()).collect();
        let arts: Vec<Article> = g
            .iter()
            .map(|&k| Article {
                id: members[k].id.clone(),
                title: members[k].title.clone(),
                published: members[k].published.as_deref().and_then(|p| p.parse().ok()),
                ..Default::default()
            })
            .collect();
        let title = match arts.iter().any(|a| a.title.is_some()) {
            true => dossier_analysis::story_title(
                &arts,
                &(0..arts.len()).collect::<Vec<_>>(),
                &story_vectors,
            ),
            false => first_words(tx, members[g[0]].seq)?,
        };
        let outlets: HashSet<&str> = g
            .iter()
            .filter_map(|&k| members[k].outlet.as_deref())
            .collect();
        let dates: Vec<&str> = g
            .iter()
            .filter_map(|&k| members[k].published.as_deref())
            .collect();
        tx.execute(
            "INSERT INTO stories (id, component, title, articles, outlets, first_date, last_date, conflicts, dossier, gen)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, NULL, NULL, ?8)",
            params![
                id,
                comp,
                title,
                g.len() as i64,
                outlets.len() as i64,
                dates.iter().min(),
                dates.iter().max(),
                gen
            ],
        )?;
        let mut set = tx.prepare_cached("UPDATE articles SET story = ?1 WHERE seq = ?2")?;
        for &k in &g {
            set.execute(params![id, members[k].seq])?;
        }
        keep.insert(id);
    }
    for gone in old.difference(&keep) {
        tx.execute("DELETE FROM stories WHERE id = ?1", [gone])?;
    }
    Ok(())
}

/// Sets every story's `storyline` ([`dossier_analysis::storylines`]) from its members'
/// stored vectors, in one transaction; returns how many stories changed storyline. One pass
/// over the stored vectors (read in story order, never all held at once beyond one outline per
/// story), candidates found by the outlines' heaviest features: linear in the corpus, run once
/// per settle, and the same stories give the same storylines however they were ingested.
pub fn refresh_storylines(conn: &mut Connection) -> rusqlite::Result<usize> {
    use dossier_analysis::storylines::{storylines, StoryOutline};
    let tx = conn.transaction()?;
    let mut outlines: Vec<StoryOutline> = Vec::new();
    let mut current: Vec<Option<String>> = Vec::new();
    {
        let mut st = tx.prepare(
            "SELECT s.id, s.storyline, a.id, a.published, v.terms, v.day \
             FROM stories s JOIN articles a ON a.story = s.id JOIN vectors v ON v.seq = a.seq \
             ORDER BY s.id, a.seq",
        )?;
        let mut rows = st.query([])?;
        let mut story: Option<String> = None;
        let mut members: Vec<StoryVector> = Vec::new();
        let mut flush = |id: Option<String>, members: &mut Vec<StoryVector>| {
            if let Some(id) = id {
                let refs: Vec<&StoryVector> = members.iter().collect();
                outlines.push(StoryOutline::of(&id, &refs));
            }
            members.clear();
        };
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            if story.as_deref() != Some(id.as_str()) {
                flush(story.take(), &mut members);
                current.push(r.get(1)?);
                story = Some(id);
            }
            let published: Option<String> = r.get(3)?;
            let day: Option<i64> = r.get(5)?;
            let published = day_date(day).or_else(|| published.and_then(|p| p.parse().ok()));
            let terms: Vec<u8> = r.get(4)?;
            members.push(StoryVector::new(
                r.get(2)?,
                published,
                decode_terms(&terms),
                Vec::new(),
            ));
        }
        flush(story, &mut members);
    }
    let mut changed = 0;
    {
        let mut set = tx.prepare_cached("UPDATE stories SET storyline = ?1 WHERE id = ?2")?;
        for ((o, new), old) in outlines.iter().zip(storylines(&outlines)).zip(current) {
            if new != old {
                set.execute(params![new, o.id])?;
                changed += 1;
            }
        }
    }
    tx.commit()?;
    Ok(changed)
}

/// The label of an untitled article: its first words.
fn first_words(tx: &Connection, seq: i64) -> rusqlite::Result<String> {
    let json: String = tx.query_row("SELECT json FROM articles WHERE seq = ?1", [seq], |r| {
        r.get(0)
    })?;
    Ok(serde_json::from_str::<Article>(&json)
        .map(|a| a.label())
        .unwrap_or_default())
}

/// Loads articles by id (those that exist), each with its story, in the order asked.
pub fn load_articles(conn: &Connection, ids: &[String]) -> rusqlite::Result<Vec<Article>> {
    let mut st = conn.prepare_cached("SELECT json, story FROM articles WHERE id = ?1")?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let row: Option<(String, Option<String>)> = st
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        if let Some((json, story)) = row {
            if let Ok(mut a) = serde_json::from_str::<Article>(&json) {
                a.story = story;
                out.push(a);
            }
        }
    }
    Ok(out)
}

/// Computes the dossiers of the stories `ids` (in parallel) and stores them in one transaction.
pub fn compute_dossiers(conn: &mut Connection, ids: &[String]) -> rusqlite::Result<()> {
    let done = analyze_stories(conn, ids)?;
    let tx = conn.transaction()?;
    let gen = next_gen(&tx)?;
    for (sid, s) in done {
        let conflicts = s
            .facts
            .iter()
            .filter(|f| f.relation == Relation::Conflict)
            .count();
        tx.execute(
            "UPDATE stories SET dossier = ?1, conflicts = ?2, title = ?3, gen = ?4 WHERE id = ?5",
            params![
                serde_json::to_string(&s).expect("a Story always serialises"),
                conflicts as i64,
                s.title,
                gen,
                sid
            ],
        )?;
        crate::entities::replace(&tx, &sid, &s)?;
    }
    tx.commit()
}

/// The dossiers of stories `ids` as their stored members give them now (in parallel), without
/// storing them.
pub fn analyze_stories(
    conn: &Connection,
    ids: &[String],
) -> rusqlite::Result<Vec<(String, Story)>> {
    let mut work: Vec<(String, Vec<Article>)> = Vec::new();
    {
        let mut st = conn.prepare_cached("SELECT id FROM articles WHERE story = ?1 ORDER BY id")?;
        for sid in ids {
            let members: Vec<String> = st
                .query_map([sid], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            if !members.is_empty() {
                work.push((sid.clone(), load_articles(conn, &members)?));
            }
        }
    }
    let done: Vec<(String, Story)> = work
        .into_par_iter()
        .map(|(sid, mut arts)| {
            let mut s = dossier_analysis::analyze_story(&mut arts);
            s.id = sid.clone();
            (sid, s)
        })
        .collect();
    Ok(done)
}
