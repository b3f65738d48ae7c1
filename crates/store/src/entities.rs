//! The corpus-wide index of people, organisations and places: one row per entity per story,
//! written with each story's dossier, so that one entity has one page across stories.
//!
//! An entity's id joins its kind and its name as the analysis settles it in a story (the
//! fullest spelling its alias merging found), lower-cased, runs of anything but letters and
//! digits turned into `_`: "Vladimir Putin" the person is `person_vladimir_putin` in every story
//! that names him so. Two stories that settle on different spellings ("Putin" alone where no
//! article gave the first name) stay two ids; a name search finds both through their aliases.

use dossier_model::{EntityKind, Story};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

/// The id of an entity of `kind` named `name`, the same in every story.
pub fn entity_id(kind: EntityKind, name: &str) -> String {
    let mut id = String::from(kind_name(kind));
    let mut gap = true;
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if gap {
                id.push('_');
            }
            id.push(c);
            gap = false;
        } else {
            gap = true;
        }
    }
    id
}

fn kind_name(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "person",
        EntityKind::Organization => "organization",
        EntityKind::Place => "place",
    }
}

/// One entity of the corpus: its id, kind, the name it has in its newest story, and how many
/// stories name it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityRow {
    pub id: String,
    pub kind: String,
    pub name: String,
    pub stories: usize,
}

/// Replaces the index rows of story `story` with its entities.
pub fn replace(conn: &Connection, story: &str, s: &Story) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM entities WHERE story = ?1", [story])?;
    let mut st = conn.prepare_cached(
        "INSERT OR IGNORE INTO entities (story, id, kind, name, aliases) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for e in &s.entities {
        st.execute(params![
            story,
            entity_id(e.kind, &e.name),
            kind_name(e.kind),
            e.name,
            e.aliases.join("\n")
        ])?;
    }
    Ok(())
}

/// Fills the index from the stored dossiers once (a store made before the index existed);
/// stale dossiers add theirs when computed.
pub fn backfill(conn: &mut Connection) -> rusqlite::Result<()> {
    let done: Option<i64> = conn
        .query_row("SELECT value FROM meta WHERE key = 'entities'", [], |r| {
            r.get(0)
        })
        .optional()?;
    if done.is_some() {
        return Ok(());
    }
    /// Only what the index needs of a stored dossier.
    #[derive(serde::Deserialize)]
    struct Entities {
        #[serde(default)]
        entities: Vec<dossier_model::Entity>,
    }
    let tx = conn.transaction()?;
    {
        let mut st = tx.prepare("SELECT id, dossier FROM stories WHERE dossier IS NOT NULL")?;
        let rows: Vec<(String, String)> = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (id, json) in rows {
            if let Ok(found) = serde_json::from_str::<Entities>(&json) {
                let s = Story {
                    entities: found.entities,
                    ..Default::default()
                };
                replace(&tx, &id, &s)?;
            }
        }
    }
    tx.execute("INSERT INTO meta VALUES ('entities', 1)", [])?;
    tx.commit()
}

/// The entity `id`, with the name of its newest story; `None` when no story names it.
pub fn entity(conn: &Connection, id: &str) -> rusqlite::Result<Option<EntityRow>> {
    conn.query_row(
        "SELECT e.id, e.kind, e.name, (SELECT count(*) FROM entities x JOIN stories y \
         ON y.id = x.story WHERE x.id = e.id) FROM entities e JOIN stories s ON s.id = e.story \
         WHERE e.id = ?1 ORDER BY s.last_date IS NULL, s.last_date DESC LIMIT 1",
        [id],
        row,
    )
    .optional()
}

fn row(r: &rusqlite::Row) -> rusqlite::Result<EntityRow> {
    Ok(EntityRow {
        id: r.get(0)?,
        kind: r.get(1)?,
        name: r.get(2)?,
        stories: r.get::<_, i64>(3)? as usize,
    })
}

/// The ids of the stories naming entity `id`, newest first.
pub fn stories_of(conn: &Connection, id: &str) -> rusqlite::Result<Vec<String>> {
    let mut st = conn.prepare_cached(
        "SELECT s.id FROM entities e JOIN stories s ON s.id = e.story WHERE e.id = ?1 \
         ORDER BY s.last_date IS NULL, s.last_date DESC, s.articles DESC, s.id",
    )?;
    let rows = st.query_map([id], |r| r.get(0))?;
    rows.collect()
}

/// Entities whose name or another spelling contains `name` (case-insensitive for ASCII
/// letters), those in the most stories first.
pub fn named(conn: &Connection, name: &str, limit: usize) -> rusqlite::Result<Vec<EntityRow>> {
    let pattern = format!(
        "%{}%",
        name.replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    );
    let mut st = conn.prepare_cached(
        "SELECT e.id, e.kind, max(e.name), count(*) AS n FROM entities e \
         JOIN stories s ON s.id = e.story \
         WHERE e.name LIKE ?1 ESCAPE '\\' OR e.aliases LIKE ?1 ESCAPE '\\' \
         GROUP BY e.id ORDER BY n DESC, e.id LIMIT ?2",
    )?;
    let rows = st.query_map(params![pattern, limit.min(i64::MAX as usize) as i64], row)?;
    rows.collect()
}

/// The entities most often named in the same stories as entity `id`, with how many stories
/// they share.
pub fn beside(conn: &Connection, id: &str, limit: usize) -> rusqlite::Result<Vec<EntityRow>> {
    let mut st = conn.prepare_cached(
        "SELECT o.id, o.kind, max(o.name), count(*) AS n FROM entities e \
         JOIN entities o ON o.story = e.story AND o.id != e.id \
         JOIN stories s ON s.id = e.story \
         WHERE e.id = ?1 GROUP BY o.id ORDER BY n DESC, o.id LIMIT ?2",
    )?;
    let rows = st.query_map(params![id, limit.min(i64::MAX as usize) as i64], row)?;
    rows.collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_the_same_for_every_spelling_of_case_and_punctuation() {
        assert_eq!(
            entity_id(EntityKind::Person, "Vladimir Putin"),
            "person_vladimir_putin"
        );
        assert_eq!(
            entity_id(EntityKind::Person, "  vladimir   PUTIN. "),
            "person_vladimir_putin"
        );
        assert_eq!(
            entity_id(EntityKind::Organization, "U.S. Senate"),
            "organization_u_s_senate"
        );
        assert_eq!(entity_id(EntityKind::Place, "Zürich"), "place_zürich");
    }

    #[test]
    fn a_store_made_before_the_index_gets_it_from_its_stored_dossiers() {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::schema::migrate(&mut conn).unwrap();
        let dossier = r#"{"id":"s1","title":"Talks","articles":["a1"],"quotes":[],"events":[],
            "facts":[],"positions":[],"brief":[],"entities":[
            {"name":"Ana Lima","kind":"person","aliases":["Lima"],"roles":["minister"],"articles":["a1"]},
            {"name":"Porto","kind":"place","aliases":[],"roles":[],"articles":["a1"]}]}"#;
        for (id, json, last) in [
            ("s1", Some(dossier), "2025-01-02"),
            ("s2", None, "2025-01-03"),
        ] {
            conn.execute(
                "INSERT INTO stories (id, component, title, articles, outlets, last_date, dossier, gen)
                 VALUES (?1, 1, 'Talks', 1, 1, ?2, ?3, 0)",
                params![id, last, json],
            )
            .unwrap();
        }
        backfill(&mut conn).unwrap();
        let ana = entity(&conn, "person_ana_lima").unwrap().unwrap();
        assert_eq!((ana.name.as_str(), ana.stories), ("Ana Lima", 1));
        assert_eq!(stories_of(&conn, "person_ana_lima").unwrap(), ["s1"]);
        assert_eq!(
            named(&conn, "lima", 10).unwrap().len(),
            1,
            "found by an alias"
        );
        let beside = beside(&conn, "person_ana_lima", 10).unwrap();
        assert_eq!(beside[0].id, "place_porto");
        // once only: rows a later dossier replaced are not written again
        conn.execute("DELETE FROM entities", []).unwrap();
        backfill(&mut conn).unwrap();
        assert!(entity(&conn, "person_ana_lima").unwrap().is_none());
    }
}
