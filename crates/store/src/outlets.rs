//! The read side of one outlet across the corpus: its articles and stories over time (with its
//! share of each story's articles), the copies and rewrites its articles make of other outlets'
//! and others make of its own, and the facts where its report is the odd one out. An outlet is
//! the name its articles give (ASCII case ignored, as the story list's `outlet` filter reads
//! it). Copies and facts come from the stored dossiers: a story whose dossier is not computed
//! yet adds none until it is.

use dossier_model::{CopyKind, Fact};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

/// One outlet: its name as its newest article gives it, its articles and stories, and the
/// days of its first and last dated article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutletRow {
    pub name: String,
    pub articles: usize,
    pub stories: usize,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
}

/// One article of the outlet, as a list shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutletArticle {
    pub id: String,
    pub title: Option<String>,
    pub published: Option<String>,
}

/// One story the outlet reports in: the story's id, title, dates and size, the outlet's
/// articles in it (newest first) and their share of the story's articles (0 to 1).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coverage {
    pub story: String,
    pub title: String,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    /// All the story's articles, of every outlet.
    pub story_articles: usize,
    pub story_outlets: usize,
    pub articles: Vec<OutletArticle>,
    pub share: f64,
}

/// One side of a copy link: an article and its outlet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CopySide {
    pub article: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
}

/// A copy or rewrite with the outlet on one side: `article` repeats the wording of `of`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutletCopy {
    pub story: String,
    pub kind: CopyKind,
    /// The share of `article`'s own sentences with a counterpart in `of`.
    pub share: f64,
    pub article: CopySide,
    pub of: CopySide,
}

/// A fact of a story where the outlet's report is the odd one out of a conflict.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OddFact {
    pub story: String,
    pub story_title: String,
    /// What is measured ("how many people were hurt").
    pub about: String,
    /// The outlet's report: its article, value and sentence with its place in the text.
    pub article: String,
    pub value: String,
    pub sentence: String,
    pub start: Option<usize>,
    pub end: Option<usize>,
    /// The values the other reports give, each once.
    pub others: Vec<String>,
}

fn clamp(n: usize) -> i64 {
    n.min(i64::MAX as usize) as i64
}

fn outlet_row(r: &rusqlite::Row) -> rusqlite::Result<OutletRow> {
    Ok(OutletRow {
        name: r.get(0)?,
        articles: r.get::<_, i64>(1)? as usize,
        stories: r.get::<_, i64>(2)? as usize,
        first_date: r.get(3)?,
        last_date: r.get(4)?,
    })
}

/// The outlets whose name contains `name` (every outlet when `None`; ASCII case ignored), most
/// articles first, `offset` skipped and at most `limit`, with how many there are in all.
pub fn list(
    conn: &Connection,
    name: Option<&str>,
    offset: usize,
    limit: usize,
) -> rusqlite::Result<(Vec<OutletRow>, usize)> {
    let pattern = name.map(|n| {
        format!(
            "%{}%",
            n.replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        )
    });
    const WHERE: &str = "outlet IS NOT NULL AND (?1 IS NULL OR outlet LIKE ?1 ESCAPE '\\')";
    let total: i64 = conn
        .prepare_cached(&format!(
            "SELECT count(DISTINCT outlet COLLATE NOCASE) FROM articles WHERE {WHERE}"
        ))?
        .query_row([&pattern], |r| r.get(0))?;
    let mut st = conn.prepare_cached(&format!(
        "SELECT max(outlet), count(*) AS n, count(DISTINCT story), min(published), \
         max(published) FROM articles WHERE {WHERE} GROUP BY outlet COLLATE NOCASE \
         ORDER BY n DESC, max(outlet) LIMIT ?2 OFFSET ?3"
    ))?;
    let rows = st
        .query_map(params![pattern, clamp(limit), clamp(offset)], outlet_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok((rows, total as usize))
}

/// The outlet named `name` (ASCII case ignored); `None` when no stored article gives it.
pub fn outlet(conn: &Connection, name: &str) -> rusqlite::Result<Option<OutletRow>> {
    let found = conn
        .query_row(
            "SELECT (SELECT outlet FROM articles WHERE outlet = ?1 COLLATE NOCASE \
             ORDER BY published IS NULL, published DESC, seq DESC LIMIT 1), \
             count(*), count(DISTINCT story), min(published), max(published) \
             FROM articles WHERE outlet = ?1 COLLATE NOCASE",
            [name],
            |r| {
                Ok(match r.get::<_, Option<String>>(0)? {
                    Some(_) => Some(outlet_row(r)?),
                    None => None,
                })
            },
        )
        .optional()?;
    Ok(found.flatten())
}

/// The stories of outlet `name`, newest first (by the story's last date), `offset` skipped and
/// at most `limit`, each with the outlet's articles in it and their share.
pub fn coverage(
    conn: &Connection,
    name: &str,
    offset: usize,
    limit: usize,
) -> rusqlite::Result<Vec<Coverage>> {
    let mut st = conn.prepare_cached(&format!(
        "{} WHERE id IN (SELECT story FROM articles WHERE outlet = ?1 COLLATE NOCASE) \
         ORDER BY last_date IS NULL, last_date DESC, articles DESC, id LIMIT ?2 OFFSET ?3",
        crate::listing::COLUMNS
    ))?;
    let stories: Vec<crate::StoryRow> = st
        .query_map(
            params![name, clamp(limit), clamp(offset)],
            crate::listing::row,
        )?
        .collect::<rusqlite::Result<_>>()?;
    let mut members = conn.prepare_cached(
        "SELECT id, title, published FROM articles WHERE story = ?1 \
         AND outlet = ?2 COLLATE NOCASE ORDER BY published IS NULL, published DESC, seq DESC",
    )?;
    let mut out = Vec::with_capacity(stories.len());
    for story in stories {
        let articles: Vec<OutletArticle> = members
            .query_map(params![story.id, name], |r| {
                Ok(OutletArticle {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    published: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let n = story.articles;
        let share = if n > 0 {
            articles.len() as f64 / n as f64
        } else {
            0.0
        };
        out.push(Coverage {
            story: story.id,
            title: story.title,
            first_date: story.first_date,
            last_date: story.last_date,
            story_articles: n,
            story_outlets: story.outlets,
            articles,
            share,
        });
    }
    Ok(out)
}

/// The copies and rewrites in the stored dossiers with an article of outlet `name` on either
/// side (articles of one outlet are never linked), the newest stories first, at most `limit`.
pub fn copies(conn: &Connection, name: &str, limit: usize) -> rusqlite::Result<Vec<OutletCopy>> {
    let mut st = conn.prepare_cached(
        "SELECT s.id, json_extract(c.value, '$.kind'), json_extract(c.value, '$.share'), \
         a.id, a.title, a.outlet, a.published, o.id, o.title, o.outlet, o.published \
         FROM stories s, json_each(s.dossier, '$.copies') c \
         JOIN articles a ON a.id = json_extract(c.value, '$.article') \
         JOIN articles o ON o.id = json_extract(c.value, '$.of') \
         WHERE s.dossier IS NOT NULL \
         AND s.id IN (SELECT story FROM articles WHERE outlet = ?1 COLLATE NOCASE) \
         AND (a.outlet = ?1 COLLATE NOCASE OR o.outlet = ?1 COLLATE NOCASE) \
         ORDER BY s.last_date IS NULL, s.last_date DESC, s.id, c.key LIMIT ?2",
    )?;
    let rows = st.query_map(params![name, clamp(limit)], |r| {
        let kind: String = r.get(1)?;
        Ok(OutletCopy {
            story: r.get(0)?,
            kind: if kind == "rewrite" {
                CopyKind::Rewrite
            } else {
                CopyKind::Copy
            },
            share: r.get::<_, Option<f64>>(2)?.unwrap_or(0.0),
            article: CopySide {
                article: r.get(3)?,
                title: r.get(4)?,
                outlet: r.get(5)?,
                published: r.get(6)?,
            },
            of: CopySide {
                article: r.get(7)?,
                title: r.get(8)?,
                outlet: r.get(9)?,
                published: r.get(10)?,
            },
        })
    })?;
    rows.collect()
}

/// The conflicts in the stored dossiers where a report of an article of outlet `name` is the
/// odd one out, the newest stories first, at most `limit`.
pub fn odd_facts(conn: &Connection, name: &str, limit: usize) -> rusqlite::Result<Vec<OddFact>> {
    let mut st = conn.prepare_cached(
        "SELECT s.id, s.title, f.value FROM stories s, json_each(s.dossier, '$.facts') f \
         WHERE s.dossier IS NOT NULL \
         AND s.id IN (SELECT story FROM articles WHERE outlet = ?1 COLLATE NOCASE) \
         AND json_extract(f.value, '$.relation') = 'conflict' \
         ORDER BY s.last_date IS NULL, s.last_date DESC, s.id, f.key",
    )?;
    let facts: Vec<(String, String, String)> = st
        .query_map([name], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut of_outlet = conn.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM articles WHERE id = ?1 AND outlet = ?2 COLLATE NOCASE)",
    )?;
    let mut out = Vec::new();
    for (story, story_title, json) in facts {
        // A fact an older version stored in another shape is left out, not an error.
        let Ok(fact) = serde_json::from_str::<Fact>(&json) else {
            continue;
        };
        let shown = |r: &dossier_model::FactReport| r.value.clone().unwrap_or(r.text.clone());
        for r in fact.reports.iter().filter(|r| r.odd) {
            if !of_outlet.query_row(params![r.article, name], |x| x.get::<_, bool>(0))? {
                continue;
            }
            let mut others: Vec<String> = Vec::new();
            for o in fact.reports.iter().filter(|o| !o.odd) {
                let v = shown(o);
                if !others.contains(&v) {
                    others.push(v);
                }
            }
            out.push(OddFact {
                story: story.clone(),
                story_title: story_title.clone(),
                about: fact.about.clone(),
                article: r.article.clone(),
                value: shown(r),
                sentence: r.sentence.clone(),
                start: r.start,
                end: r.end,
                others,
            });
            if out.len() >= limit {
                return Ok(out);
            }
        }
    }
    Ok(out)
}

/// How many of outlet `name`'s stories have no computed dossier yet (their copies and facts
/// are not counted).
pub fn stale_stories(conn: &Connection, name: &str) -> rusqlite::Result<usize> {
    conn.query_row(
        "SELECT count(*) FROM stories WHERE dossier IS NULL \
         AND id IN (SELECT story FROM articles WHERE outlet = ?1 COLLATE NOCASE)",
        [name],
        |r| r.get::<_, i64>(0).map(|n| n as usize),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A store of three outlets: "Daily Post" (two articles, one the odd report of a conflict
    /// and the copy of the other outlet's article), "Evening Star" and "Morning Wire".
    fn corpus() -> Connection {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::schema::migrate(&mut conn).unwrap();
        for (seq, id, outlet, story, published) in [
            (1, "a1", "Morning Wire", "s1", "2025-03-01"),
            (2, "a2", "Daily Post", "s1", "2025-03-02"),
            (3, "a3", "Evening Star", "s1", "2025-03-02"),
            (4, "a4", "daily post", "s2", "2025-04-10"),
            (5, "a5", "Evening Star", "s2", "2025-04-11"),
        ] {
            conn.execute(
                "INSERT INTO articles (seq, id, hash, source, outlet, title, published, json, \
                 component, story, ingested) VALUES (?1, ?2, ?1, 'x', ?3, ?2, ?4, '{}', 1, ?5, 'now')",
                params![seq, id, outlet, published, story],
            )
            .unwrap();
        }
        let s1 = r#"{"id":"s1","title":"Bridge closed","articles":["a1","a2","a3"],
            "copies":[{"article":"a2","of":"a1","kind":"copy","share":0.9}],
            "facts":[{"about":"how many lanes closed","relation":"conflict","sources":3,"reports":[
              {"article":"a1","text":"four lanes","value":"4","sentence":"Four lanes closed.","start":0,"end":18,"odd":false},
              {"article":"a2","text":"two lanes","value":"2","sentence":"Two lanes closed.","start":0,"end":17,"odd":true},
              {"article":"a3","text":"4 lanes","value":"4","sentence":"All 4 lanes shut.","start":5,"end":22,"odd":false}]},
              {"about":"the toll","relation":"agree","sources":2,"reports":[]}]}"#;
        for (id, dossier, first, last, n, outlets) in [
            ("s1", Some(s1), "2025-03-01", "2025-03-02", 3, 3),
            ("s2", None, "2025-04-10", "2025-04-11", 2, 2),
        ] {
            conn.execute(
                "INSERT INTO stories (id, component, title, articles, outlets, first_date, \
                 last_date, dossier, gen) VALUES (?1, 1, ?1, ?2, ?3, ?4, ?5, ?6, 0)",
                params![id, n, outlets, first, last, dossier],
            )
            .unwrap();
        }
        conn
    }

    #[test]
    fn an_outlet_is_its_articles_and_stories_whatever_the_case_of_its_name() {
        let conn = corpus();
        let post = outlet(&conn, "DAILY POST").unwrap().unwrap();
        assert_eq!((post.articles, post.stories), (2, 2));
        assert_eq!(post.name, "daily post", "the name of its newest article");
        assert_eq!(
            (post.first_date.as_deref(), post.last_date.as_deref()),
            (Some("2025-03-02"), Some("2025-04-10"))
        );
        assert!(outlet(&conn, "Nobody's Gazette").unwrap().is_none());
        let (all, total) = list(&conn, None, 0, 10).unwrap();
        assert_eq!(total, 3);
        assert_eq!(all[0].articles, 2);
        let (some, total) = list(&conn, Some("star"), 0, 10).unwrap();
        assert_eq!(
            (some.len(), total, some[0].name.as_str()),
            (1, 1, "Evening Star")
        );
        assert!(list(&conn, Some("%"), 0, 10).unwrap().0.is_empty());
    }

    #[test]
    fn coverage_is_newest_first_with_the_outlets_share_of_each_story() {
        let conn = corpus();
        let c = coverage(&conn, "Daily Post", 0, 10).unwrap();
        assert_eq!(
            c.iter().map(|c| c.story.as_str()).collect::<Vec<_>>(),
            ["s2", "s1"]
        );
        assert_eq!(c[1].articles[0].id, "a2");
        assert!((c[1].share - 1.0 / 3.0).abs() < 1e-9);
        assert!((c[0].share - 0.5).abs() < 1e-9);
        assert_eq!(coverage(&conn, "Daily Post", 1, 10).unwrap().len(), 1);
    }

    #[test]
    fn copies_in_and_out_and_the_facts_where_the_outlet_is_the_odd_one_out() {
        let conn = corpus();
        let out = copies(&conn, "Daily Post", 10).unwrap();
        assert_eq!(out.len(), 1);
        assert_eq!(
            (out[0].article.article.as_str(), out[0].of.outlet.as_deref()),
            ("a2", Some("Morning Wire"))
        );
        let copied = copies(&conn, "Morning Wire", 10).unwrap();
        assert_eq!(copied.len(), 1, "the copied outlet sees it too");
        assert!(copies(&conn, "Evening Star", 10).unwrap().is_empty());

        let odd = odd_facts(&conn, "Daily Post", 10).unwrap();
        assert_eq!(odd.len(), 1);
        assert_eq!(
            (
                odd[0].about.as_str(),
                odd[0].value.as_str(),
                odd[0].others.clone()
            ),
            ("how many lanes closed", "2", vec!["4".to_string()])
        );
        assert!(odd_facts(&conn, "Morning Wire", 10).unwrap().is_empty());
        assert_eq!(stale_stories(&conn, "Daily Post").unwrap(), 1);
    }
}
