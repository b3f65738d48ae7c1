//! The story list with filters and an order: dates, an outlet, an entity, a storyline, the
//! least coverage, newest first or by coverage or by conflicts, with the total the filters
//! leave.

use crate::StoryRow;
pub use dossier_analysis::storylines::is_storyline_id;
use rusqlite::{Connection, OptionalExtension, ToSql};

/// How the story list is ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum StorySort {
    /// By the last article's date, newest first.
    #[default]
    Newest,
    /// By the number of outlets, most first.
    Outlets,
    /// By the number of facts outlets conflict on, most first.
    Conflicts,
}

impl StorySort {
    /// `newest`, `outlets` or `conflicts`.
    pub fn parse(s: &str) -> Option<StorySort> {
        match s {
            "newest" => Some(StorySort::Newest),
            "outlets" => Some(StorySort::Outlets),
            "conflicts" => Some(StorySort::Conflicts),
            _ => None,
        }
    }

    fn order_by(self) -> &'static str {
        match self {
            StorySort::Newest => "last_date IS NULL, last_date DESC, articles DESC, id",
            StorySort::Outlets => {
                "outlets DESC, articles DESC, last_date IS NULL, last_date DESC, id"
            }
            StorySort::Conflicts => {
                "coalesce(conflicts, 0) DESC, last_date IS NULL, last_date DESC, id"
            }
        }
    }
}

/// Which stories the list shows; every field `None` (or 0) lets all through.
#[derive(Debug, Clone, Default)]
pub struct StoryFilter {
    /// The last article dated on or after this day (`YYYY-MM-DD`).
    pub since: Option<String>,
    /// The first article dated on or before this day.
    pub until: Option<String>,
    /// An article of this outlet (as the articles name it, ASCII case ignored).
    pub outlet: Option<String>,
    /// The story names this entity ([`crate::entities::entity_id`]; a surname alone and the
    /// full names of one person are one entity, [`crate::entities::members`]).
    pub entity: Option<String>,
    pub min_outlets: usize,
    pub min_articles: usize,
    /// The story is of this storyline (its `storyline` id).
    pub storyline: Option<String>,
    pub sort: StorySort,
}

const WHERE: &str = "(?1 IS NULL OR last_date >= ?1) AND (?2 IS NULL OR first_date <= ?2) \
     AND (?3 IS NULL OR EXISTS (SELECT 1 FROM articles a WHERE a.story = stories.id \
          AND a.outlet = ?3 COLLATE NOCASE)) \
     AND (?4 IS NULL OR EXISTS (SELECT 1 FROM entities e WHERE e.story = stories.id \
          AND e.id IN (SELECT value FROM json_each(?4)))) \
     AND outlets >= ?5 AND articles >= ?6 AND (?7 IS NULL OR storyline = ?7)";
pub(crate) const COLUMNS: &str =
    "SELECT id, title, articles, outlets, first_date, last_date, conflicts, storyline FROM stories";

pub(crate) fn row(r: &rusqlite::Row) -> rusqlite::Result<StoryRow> {
    Ok(StoryRow {
        id: r.get(0)?,
        title: r.get(1)?,
        articles: r.get::<_, i64>(2)? as usize,
        outlets: r.get::<_, i64>(3)? as usize,
        first_date: r.get(4)?,
        last_date: r.get(5)?,
        conflicts: r.get::<_, Option<i64>>(6)?.map(|c| c as usize),
        storyline: r.get(7)?,
    })
}

fn clamp(n: usize) -> i64 {
    n.min(i64::MAX as usize) as i64
}

/// The values of a filter's `WHERE` (`?1` to `?7`), the entity as the JSON list of its ids
/// (the one entity across stories, `entities::members`), as `?4` reads it.
struct Bound {
    since: Option<String>,
    until: Option<String>,
    outlet: Option<String>,
    entity: Option<String>,
    min_outlets: i64,
    min_articles: i64,
    storyline: Option<String>,
}

impl Bound {
    fn new(conn: &Connection, f: &StoryFilter) -> rusqlite::Result<Bound> {
        let entity = match &f.entity {
            Some(id) => Some(
                serde_json::to_string(&crate::entities::members(conn, id)?)
                    .expect("strings serialise"),
            ),
            None => None,
        };
        Ok(Bound {
            since: f.since.clone(),
            until: f.until.clone(),
            outlet: f.outlet.clone(),
            entity,
            min_outlets: clamp(f.min_outlets),
            min_articles: clamp(f.min_articles),
            storyline: f.storyline.clone(),
        })
    }

    /// `?1` to `?7`, then `more` from `?8` on.
    fn with<'a>(&'a self, more: &[&'a dyn ToSql]) -> Vec<&'a dyn ToSql> {
        let mut p: Vec<&dyn ToSql> = vec![
            &self.since,
            &self.until,
            &self.outlet,
            &self.entity,
            &self.min_outlets,
            &self.min_articles,
            &self.storyline,
        ];
        p.extend_from_slice(more);
        p
    }
}

/// The stories `f` lets through, in its order (or, with `only`, in that order and among those
/// ids), `offset` skipped and at most `limit`, with how many it lets through in all.
pub fn list(
    conn: &Connection,
    f: &StoryFilter,
    only: Option<&[String]>,
    offset: usize,
    limit: usize,
) -> rusqlite::Result<(Vec<StoryRow>, usize)> {
    let bound = Bound::new(conn, f)?;
    match only {
        Some(ids) => {
            let mut st = conn.prepare_cached(&format!("{COLUMNS} WHERE id = ?8 AND {WHERE}"))?;
            let mut rows = Vec::new();
            for id in ids {
                if let Some(r) = st.query_row(&*bound.with(&[id]), row).optional()? {
                    rows.push(r);
                }
            }
            let total = rows.len();
            Ok((rows.into_iter().skip(offset).take(limit).collect(), total))
        }
        None => {
            let total: i64 = conn
                .prepare_cached(&format!("SELECT count(*) FROM stories WHERE {WHERE}"))?
                .query_row(&*bound.with(&[]), |r| r.get(0))?;
            let mut st = conn.prepare_cached(&format!(
                "{COLUMNS} WHERE {WHERE} ORDER BY {} LIMIT ?8 OFFSET ?9",
                f.sort.order_by()
            ))?;
            let (limit, offset) = (clamp(limit), clamp(offset));
            let rows = st
                .query_map(&*bound.with(&[&limit, &offset]), row)?
                .collect::<rusqlite::Result<_>>()?;
            Ok((rows, total as usize))
        }
    }
}

/// Up to `limit` stories `f` lets through (its order ignored), by id, after story `after`
/// (all when `None`), and only story `only` when given: a reader walks every story in pages
/// of bounded size.
pub fn page_by_id(
    conn: &Connection,
    f: &StoryFilter,
    only: Option<&str>,
    after: Option<&str>,
    limit: usize,
) -> rusqlite::Result<Vec<StoryRow>> {
    let bound = Bound::new(conn, f)?;
    let mut st = conn.prepare_cached(&format!(
        "{COLUMNS} WHERE {WHERE} AND (?8 IS NULL OR id = ?8) AND (?9 IS NULL OR id > ?9) \
         ORDER BY id LIMIT ?10"
    ))?;
    let limit = clamp(limit);
    let rows = st.query_map(&*bound.with(&[&only, &after, &limit]), row)?;
    rows.collect()
}

/// The ids of a story's articles, in id order.
pub fn members_of(conn: &Connection, story: &str) -> rusqlite::Result<Vec<String>> {
    let mut st = conn.prepare_cached("SELECT id FROM articles WHERE story = ?1 ORDER BY id")?;
    let rows = st.query_map([story], |r| r.get(0))?;
    rows.collect()
}

/// The outlets of a story's articles, by name.
pub fn outlets_of(conn: &Connection, story: &str) -> rusqlite::Result<Vec<String>> {
    let mut st = conn.prepare_cached(
        "SELECT DISTINCT outlet FROM articles WHERE story = ?1 AND outlet IS NOT NULL \
         ORDER BY outlet",
    )?;
    let rows = st.query_map([story], |r| r.get(0))?;
    rows.collect()
}

/// The first sentence of a story's stored brief; `None` while its dossier is not computed or
/// its brief is empty.
pub fn lead_of(conn: &Connection, story: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row(
        "SELECT json_extract(dossier, '$.brief[0].text') FROM stories WHERE id = ?1",
        [story],
        |r| r.get::<_, Option<String>>(0),
    )
    .optional()
    .map(Option::flatten)
}
