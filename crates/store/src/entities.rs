//! The corpus-wide index of people, organisations and places: one row per entity per story,
//! written with each story's dossier, so that one entity has one page across stories.
//!
//! An entity's id joins its kind and its name as the analysis settles it in a story (the
//! fullest spelling its alias merging found), lower-cased, runs of anything but letters and
//! digits turned into `_`: "Vladimir Putin" the person is `person_vladimir_putin` in every story
//! that names him so.
//!
//! Across stories, as the analysis merges aliases within a story: when the corpus gives a
//! surname only to full names that can all be one person ("Joe Biden", "Joseph R. Biden": the
//! same given name or a short form of it, initials aside), those and the surname alone
//! ("Biden", "Mr Biden": titles are not part of a name) are one person, under the full name of
//! the most stories. [`canonical`] and [`members`] join the ids when they are read, so the
//! page, the story list's filter and the name search see one entity. Two people sharing the
//! surname ("Joe Biden", "Jill Biden") leave each full name and the surname alone apart.
//! A surname alone that is also a given name ("Omar", "Lee") joins no one: it may be a first
//! name, or the name of someone known by one name. Resolving when reading, not when writing, keeps every story's rows as its analysis wrote
//! them, so a full name that arrives later joins (or, another person's, parts) the stored ones
//! at once.

use dossier_analysis::personal_names;
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

const PERSON: &str = "person_";

/// The surname of a person's id (its last word), `None` for other kinds and for a name ending
/// in a suffix ("Jr", "III": the father's name is not the son's).
fn surname(id: &str) -> Option<&str> {
    let name = id.strip_prefix(PERSON)?;
    let last = name.rsplit_once('_').map_or(name, |(_, last)| last);
    (!personal_names::is_suffix(last)).then_some(last)
}

/// Whether a word of an id (lower case) is a given name of the census list.
fn is_given_name(word: &str) -> bool {
    let mut chars = word.chars();
    let capital: String = chars
        .next()
        .into_iter()
        .flat_map(char::to_uppercase)
        .collect();
    personal_names::is_given_name(&format!("{capital}{}", chars.as_str()))
}

/// The given name of a person's id of more than one word (its first word).
fn given_name(id: &str) -> Option<&str> {
    let (first, _) = id.strip_prefix(PERSON)?.split_once('_')?;
    Some(first)
}

/// The ids of the full names the corpus gives surname `last`, the most stories first, when
/// they can all be one person (every two of them with given names that can be one:
/// "Donald Trump", "Donald J. Trump"); `None` when there is none, or two people ("Joe
/// Biden", "Jill Biden").
fn one_person(conn: &Connection, last: &str) -> rusqlite::Result<Option<Vec<String>>> {
    let mut st = conn.prepare_cached(
        "SELECT id FROM entities WHERE surname = ?1 AND kind = 'person' \
         GROUP BY id ORDER BY count(DISTINCT story) DESC, id",
    )?;
    let full: Vec<String> = st
        .query_map([last], |r| r.get::<_, String>(0))?
        .filter(|id| id.as_ref().map_or(true, |id| given_name(id).is_some()))
        .collect::<rusqlite::Result<_>>()?;
    let given: Vec<String> = full
        .iter()
        .filter_map(|id| given_name(id))
        .map(personal_names::plain)
        .collect();
    let compatible = given.iter().enumerate().all(|(i, a)| {
        given[i + 1..]
            .iter()
            .all(|b| personal_names::same_given_name(a, b))
    });
    Ok((!full.is_empty() && compatible).then_some(full))
}

/// Replaces the index rows of story `story` with its entities.
pub fn replace(conn: &Connection, story: &str, s: &Story) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM entities WHERE story = ?1", [story])?;
    let mut st = conn.prepare_cached(
        "INSERT OR IGNORE INTO entities (story, id, kind, name, aliases, surname) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for e in &s.entities {
        let id = entity_id(e.kind, &e.name);
        st.execute(params![
            story,
            id,
            kind_name(e.kind),
            e.name,
            e.aliases.join("\n"),
            surname(&id)
        ])?;
    }
    Ok(())
}

/// Gives the persons of a store made before surnames were indexed theirs, once.
pub fn backfill_surnames(conn: &mut Connection) -> rusqlite::Result<()> {
    let done: Option<i64> = conn
        .query_row("SELECT value FROM meta WHERE key = 'surnames'", [], |r| {
            r.get(0)
        })
        .optional()?;
    if done.is_some() {
        return Ok(());
    }
    let tx = conn.transaction()?;
    // another writer opening the store at the same time may have done it meanwhile
    if tx
        .query_row("SELECT 1 FROM meta WHERE key = 'surnames'", [], |_| Ok(()))
        .optional()?
        .is_some()
    {
        return Ok(());
    }
    {
        let ids: Vec<String> = tx
            .prepare("SELECT DISTINCT id FROM entities WHERE kind = 'person' AND surname IS NULL")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut st = tx.prepare("UPDATE entities SET surname = ?2 WHERE id = ?1")?;
        for id in &ids {
            st.execute(params![id, surname(id)])?;
        }
    }
    tx.execute("INSERT INTO meta VALUES ('surnames', 1)", [])?;
    tx.commit()
}

/// The id of the one entity `id` is across the corpus: for a person whose surname the corpus
/// gives only to full names that can all be one person ([`one_person`]), the one of those
/// in the most stories, whether `id` is one of them or the surname alone; else `id`.
pub fn canonical(conn: &Connection, id: &str) -> rusqlite::Result<String> {
    let Some(last) = surname(id) else {
        return Ok(id.to_string());
    };
    if given_name(id).is_none() && is_given_name(last) {
        // "Omar", "Lee": a one-word name that is also a given name may be a first name or
        // someone known by one name
        return Ok(id.to_string());
    }
    Ok(match one_person(conn, last)? {
        Some(full) if given_name(id).is_none() || full.iter().any(|f| f == id) => full[0].clone(),
        _ => id.to_string(),
    })
}

/// Every stored id that is the entity `id` is: [`canonical`] first, then the other full
/// names of that person and the surname alone, when [`canonical`] joins them.
pub fn members(conn: &Connection, id: &str) -> rusqlite::Result<Vec<String>> {
    let first = canonical(conn, id)?;
    let mut all = vec![first.clone()];
    let Some(last) = surname(&first).filter(|_| given_name(&first).is_some()) else {
        return Ok(all);
    };
    if let Some(full) = one_person(conn, last)? {
        if full[0] == first {
            all.extend(full.into_iter().skip(1));
            let alone = format!("{PERSON}{last}");
            let stored: bool = conn
                .prepare_cached("SELECT EXISTS (SELECT 1 FROM entities WHERE id = ?1)")?
                .query_row([&alone], |r| r.get(0))?;
            if stored && canonical(conn, &alone)? == first {
                all.push(alone);
            }
        }
    }
    Ok(all)
}

/// `ids` as a JSON array, for `json_each` in a query.
fn json_list(ids: &[String]) -> String {
    serde_json::to_string(ids).expect("strings serialise")
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
    // another writer opening the store at the same time may have done it meanwhile
    if tx
        .query_row("SELECT 1 FROM meta WHERE key = 'entities'", [], |_| Ok(()))
        .optional()?
        .is_some()
    {
        return Ok(());
    }
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

/// One entity across the corpus, as [`crate::Store::entity`] finds it.
#[derive(Debug, Clone)]
pub struct Found {
    /// Its row, with the id of the one entity ([`canonical`]).
    pub row: EntityRow,
    /// The ids of the stories naming it, newest first.
    pub stories: Vec<String>,
    /// Every stored id that is it ([`members`]).
    pub members: Vec<String>,
}

/// The entity of ids `members` ([`members`]), with its id and the name of the first member's
/// newest story and the stories naming any member; `None` when no story names it.
pub fn entity(conn: &Connection, members: &[String]) -> rusqlite::Result<Option<EntityRow>> {
    let Some(first) = members.first() else {
        return Ok(None);
    };
    conn.query_row(
        "SELECT e.id, e.kind, e.name, (SELECT count(DISTINCT x.story) FROM entities x \
         JOIN stories y ON y.id = x.story WHERE x.id IN (SELECT value FROM json_each(?2))) \
         FROM entities e JOIN stories s ON s.id = e.story \
         WHERE e.id = ?1 ORDER BY s.last_date IS NULL, s.last_date DESC LIMIT 1",
        params![first, json_list(members)],
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

/// The ids of the stories naming any of ids `members`, newest first.
pub fn stories_of(conn: &Connection, members: &[String]) -> rusqlite::Result<Vec<String>> {
    let mut st = conn.prepare_cached(
        "SELECT s.id FROM stories s WHERE s.id IN (SELECT e.story FROM entities e \
         WHERE e.id IN (SELECT value FROM json_each(?1))) \
         ORDER BY s.last_date IS NULL, s.last_date DESC, s.articles DESC, s.id",
    )?;
    let rows = st.query_map([json_list(members)], |r| r.get(0))?;
    rows.collect()
}

/// `rows` with each entity under its [`canonical`] id (the name of the first row of that id
/// kept, the story counts added up), most stories first, at most `limit`.
fn joined(
    conn: &Connection,
    rows: Vec<EntityRow>,
    limit: usize,
) -> rusqlite::Result<Vec<EntityRow>> {
    let mut out: Vec<EntityRow> = Vec::new();
    for mut r in rows {
        let id = canonical(conn, &r.id)?;
        match out.iter_mut().find(|o| o.id == id) {
            Some(o) => {
                o.stories += r.stories;
                if o.id == r.id {
                    o.name = r.name;
                }
            }
            None => {
                if id != r.id {
                    // named by the full name's stored spelling
                    if let Some(full) = entity(conn, std::slice::from_ref(&id))? {
                        r.name = full.name;
                    }
                    r.id = id;
                }
                out.push(r);
            }
        }
    }
    out.sort_by(|a, b| b.stories.cmp(&a.stories).then_with(|| a.id.cmp(&b.id)));
    out.truncate(limit);
    Ok(out)
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
    let wanted = limit.saturating_mul(2).saturating_add(10);
    let rows = st
        .query_map(params![pattern, wanted.min(i64::MAX as usize) as i64], row)?
        .collect::<rusqlite::Result<_>>()?;
    joined(conn, rows, limit)
}

/// The entities most often named in the same stories as the entity of ids `members`, with
/// how many stories they share.
pub fn beside(
    conn: &Connection,
    members: &[String],
    limit: usize,
) -> rusqlite::Result<Vec<EntityRow>> {
    let mut st = conn.prepare_cached(
        "SELECT o.id, o.kind, max(o.name), count(DISTINCT o.story) AS n FROM entities e \
         JOIN entities o ON o.story = e.story \
         JOIN stories s ON s.id = e.story \
         WHERE e.id IN (SELECT value FROM json_each(?1)) \
         AND o.id NOT IN (SELECT value FROM json_each(?1)) \
         GROUP BY o.id ORDER BY n DESC, o.id LIMIT ?2",
    )?;
    let wanted = limit.saturating_mul(2).saturating_add(10);
    let rows = st
        .query_map(
            params![json_list(members), wanted.min(i64::MAX as usize) as i64],
            row,
        )?
        .collect::<rusqlite::Result<_>>()?;
    let mut rows = joined(conn, rows, limit + 1)?;
    rows.retain(|r| !members.contains(&r.id));
    rows.truncate(limit);
    Ok(rows)
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

    /// A store of `stories`, each an id, its last date and the persons it names.
    fn stories_naming(stories: &[(&str, &str, &[&str])]) -> Connection {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::schema::migrate(&mut conn).unwrap();
        for (id, last, people) in stories {
            conn.execute(
                "INSERT INTO stories (id, component, title, articles, outlets, last_date, gen)
                 VALUES (?1, 1, 'Talks', 1, 1, ?2, 0)",
                params![id, last],
            )
            .unwrap();
            let named = |name: &str, kind| dossier_model::Entity {
                name: name.to_string(),
                kind,
                aliases: Vec::new(),
                roles: Vec::new(),
                articles: Vec::new(),
                link: None,
            };
            let s = Story {
                entities: people
                    .iter()
                    .map(|n| named(n, EntityKind::Person))
                    .chain(std::iter::once(named("Geneva", EntityKind::Place)))
                    .collect(),
                ..Default::default()
            };
            replace(&conn, id, &s).unwrap();
        }
        conn
    }

    #[test]
    fn a_surname_alone_is_the_one_full_name_the_corpus_gives_it() {
        let conn = stories_naming(&[
            ("s1", "2025-01-01", &["Ana Lima", "Rui Costa"]),
            ("s2", "2025-01-05", &["Lima"]),
            ("s3", "2025-01-09", &["Costa", "Ana Lima"]),
        ]);
        let ana = members(&conn, "person_lima").unwrap();
        assert_eq!(ana, ["person_ana_lima", "person_lima"]);
        assert_eq!(members(&conn, "person_ana_lima").unwrap(), ana);
        let row = entity(&conn, &ana).unwrap().unwrap();
        assert_eq!(
            (row.id.as_str(), row.name.as_str()),
            ("person_ana_lima", "Ana Lima")
        );
        assert_eq!(row.stories, 3, "s3 names her twice but counts once");
        assert_eq!(stories_of(&conn, &ana).unwrap(), ["s3", "s2", "s1"]);
        // the name search and the entities beside see one entity
        let found = named(&conn, "lima", 10).unwrap();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            (found[0].id.as_str(), found[0].stories),
            ("person_ana_lima", 3)
        );
        let near = beside(&conn, &ana, 10).unwrap();
        assert!(near.iter().all(|r| !ana.contains(&r.id)), "{near:?}");
        let costa = near.iter().find(|r| r.id == "person_rui_costa").unwrap();
        assert_eq!(costa.stories, 2, "Rui Costa in s1, Costa in s3: {near:?}");
        // the story list's entity filter too
        let f = crate::listing::StoryFilter {
            entity: Some("person_ana_lima".into()),
            ..Default::default()
        };
        assert_eq!(crate::listing::list(&conn, &f, None, 0, 10).unwrap().1, 3);
    }

    #[test]
    fn full_names_that_can_be_one_person_are_one_with_their_surname_alone() {
        let conn = stories_naming(&[
            ("s1", "2025-01-01", &["Joseph Lima", "Ana Costa Jr"]),
            ("s2", "2025-01-05", &["Joe Lima"]),
            ("s3", "2025-01-09", &["Joe R. Lima", "Costa"]),
            ("s4", "2025-01-10", &["Lima", "Ana Costa"]),
        ]);
        let joe = members(&conn, "person_lima").unwrap();
        assert_eq!(
            joe[0], "person_joe_lima",
            "the full name of the most stories, then by id"
        );
        assert_eq!(joe.len(), 4, "{joe:?}");
        for id in ["person_joseph_lima", "person_joe_r_lima", "person_lima"] {
            assert!(joe.iter().any(|m| m == id), "{id}");
            assert_eq!(canonical(&conn, id).unwrap(), "person_joe_lima");
        }
        assert_eq!(entity(&conn, &joe).unwrap().unwrap().stories, 4);
        // a one-word name that is also a given name joins no one
        let conn2 = stories_naming(&[
            ("s1", "2025-01-01", &["Ilse Omar"]),
            ("s2", "2025-01-05", &["Omar"]),
        ]);
        assert_eq!(members(&conn2, "person_omar").unwrap(), ["person_omar"]);
        assert_eq!(
            members(&conn2, "person_ilse_omar").unwrap(),
            ["person_ilse_omar"]
        );
        // a name ending in a suffix is not its father's: "Costa" is Ana Costa alone
        assert_eq!(
            members(&conn, "person_costa").unwrap(),
            ["person_ana_costa", "person_costa"]
        );
        assert_eq!(
            members(&conn, "person_ana_costa_jr").unwrap(),
            ["person_ana_costa_jr"]
        );
    }

    #[test]
    fn two_full_names_of_one_surname_leave_the_surname_alone_apart() {
        let conn = stories_naming(&[
            ("s1", "2025-01-01", &["Ana Lima"]),
            ("s2", "2025-01-05", &["Lima"]),
            ("s3", "2025-01-09", &["Rosa Lima"]),
        ]);
        assert_eq!(members(&conn, "person_lima").unwrap(), ["person_lima"]);
        assert_eq!(
            members(&conn, "person_ana_lima").unwrap(),
            ["person_ana_lima"]
        );
        assert_eq!(named(&conn, "lima", 10).unwrap().len(), 3);
        // organisations and places are never joined this way
        assert_eq!(members(&conn, "place_geneva").unwrap(), ["place_geneva"]);
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
        let ana_id = members(&conn, "person_ana_lima").unwrap();
        let ana = entity(&conn, &ana_id).unwrap().unwrap();
        assert_eq!((ana.name.as_str(), ana.stories), ("Ana Lima", 1));
        assert_eq!(stories_of(&conn, &ana_id).unwrap(), ["s1"]);
        assert_eq!(
            named(&conn, "lima", 10).unwrap().len(),
            1,
            "found by an alias"
        );
        let beside = beside(&conn, &ana_id, 10).unwrap();
        assert_eq!(beside[0].id, "place_porto");
        // once only: rows a later dossier replaced are not written again
        conn.execute("DELETE FROM entities", []).unwrap();
        backfill(&mut conn).unwrap();
        assert!(entity(&conn, &ana_id).unwrap().is_none());
    }
}
