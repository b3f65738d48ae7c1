//! The SQLite schema and its migrations. `PRAGMA user_version` says which migrations a database
//! has had; [`migrate`] applies the rest in one transaction each, so an old corpus opens in a
//! new version and a crash mid-migration leaves the old schema intact.

use rusqlite::Connection;

/// Each migration, in order; index + 1 is the `user_version` after it.
const MIGRATIONS: &[&str] = &[
    // 1: articles, their story vectors and link index, links, stories.
    "
    CREATE TABLE articles (
        seq        INTEGER PRIMARY KEY,         -- order of arrival
        id         TEXT NOT NULL UNIQUE,        -- Article.id
        hash       BLOB NOT NULL UNIQUE,        -- normalised content (idempotent ingest)
        source     TEXT NOT NULL,
        url        TEXT,
        outlet     TEXT,
        title      TEXT,
        published  TEXT,                        -- YYYY-MM-DD or NULL
        json       TEXT NOT NULL,               -- the Article (story field not kept here)
        component  INTEGER NOT NULL,            -- connected component of links (a seq)
        story      TEXT,                        -- Story.id
        ingested   TEXT NOT NULL
    );
    CREATE INDEX articles_component ON articles(component);
    CREATE INDEX articles_story ON articles(story);
    CREATE TABLE vectors (
        seq   INTEGER PRIMARY KEY REFERENCES articles(seq),
        terms BLOB NOT NULL                     -- (u32 feature, f32 weight) little-endian pairs
    );
    -- Each article's heaviest features, keyed for range scans by day (UNDATED when unknown).
    CREATE TABLE postings (
        feature INTEGER NOT NULL,
        day     INTEGER NOT NULL,
        seq     INTEGER NOT NULL,
        PRIMARY KEY (feature, day, seq)
    ) WITHOUT ROWID;
    CREATE TABLE links (
        a   INTEGER NOT NULL,
        b   INTEGER NOT NULL,
        sim REAL NOT NULL,
        PRIMARY KEY (a, b)
    ) WITHOUT ROWID;
    CREATE INDEX links_b ON links(b);
    CREATE TABLE stories (
        id         TEXT PRIMARY KEY,
        component  INTEGER NOT NULL,
        title      TEXT NOT NULL,
        articles   INTEGER NOT NULL,
        outlets    INTEGER NOT NULL,
        first_date TEXT,
        last_date  TEXT,
        conflicts  INTEGER,                     -- NULL until the dossier is computed
        dossier    TEXT,                        -- the Story as JSON; NULL while stale
        gen        INTEGER NOT NULL             -- generation of the last change
    );
    CREATE INDEX stories_component ON stories(component);
    CREATE INDEX stories_last ON stories(last_date);
    CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
    INSERT INTO meta VALUES ('gen', 0);
    ",
    // 2: the date a story vector clusters by, when it is not the article's own (an undated
    // part split off a page takes the page's date); NULL for undated vectors and older rows.
    // Components that gained articles and are not re-clustered yet (an ingest re-clusters
    // once per chunk, not per transaction; a crash leaves them for the next open).
    "
    ALTER TABLE vectors ADD COLUMN day INTEGER;
    CREATE TABLE unsettled (component INTEGER PRIMARY KEY);
    ",
    // 3: the sentence embedding of a story vector (f32 little-endian), in a store that
    // clusters with them (`meta` key `meaning`: their dimensions, 0 for words alone).
    "
    ALTER TABLE vectors ADD COLUMN meaning BLOB;
    ",
    // 4: the days a vector's article reports in its title and lead (u32 hashes of TIMEX
    // values, little-endian; NULL in rows of older stores, which `ingest --rebuild-stories`
    // fills).
    "
    ALTER TABLE vectors ADD COLUMN days BLOB;
    ",
    // 5: the entities each story's dossier names, by corpus-wide id (`entities.rs`); filled
    // from the stored dossiers on the first open (`meta` key `entities`).
    "
    CREATE TABLE entities (
        story   TEXT NOT NULL,
        id      TEXT NOT NULL,
        kind    TEXT NOT NULL,
        name    TEXT NOT NULL,
        aliases TEXT NOT NULL,                  -- other spellings, one a line
        PRIMARY KEY (story, id)
    ) WITHOUT ROWID;
    CREATE INDEX entities_id ON entities(id);
    ",
    // 6: the storyline of a story (`dossier_analysis::storylines`), NULL when it stands alone
    // (and in older stores until their next settle).
    "
    ALTER TABLE stories ADD COLUMN storyline TEXT;
    CREATE INDEX stories_storyline ON stories(storyline);
    ",
    // 7: articles by outlet, ASCII case ignored (the outlet pages and the story list's
    // filter); a person's surname (the last word of the name in its id) in the entity index,
    // which joins a surname alone to the full names of one person (`entities.rs`);
    // filled for older rows on the first open (`meta` key `surnames`).
    "
    CREATE INDEX articles_outlet ON articles(outlet COLLATE NOCASE);
    ALTER TABLE entities ADD COLUMN surname TEXT;
    CREATE INDEX entities_surname ON entities(surname) WHERE surname IS NOT NULL;
    ",
    // 8: what following sources remembers (`follow.rs`): each feed, sitemap, home page and
    // article page requested, with its validators and failures; articles found by their URL
    // (the page's canonical one, else where it was read from).
    "
    CREATE TABLE fetched (
        url      TEXT PRIMARY KEY,              -- as requested (normalised)
        kind     TEXT NOT NULL,                 -- feed, sitemap, homepage, page
        polled   TEXT NOT NULL,                 -- RFC 3339 time of the last request
        status   INTEGER,                       -- the last HTTP status; NULL: no answer
        etag     TEXT,
        modified TEXT,                          -- Last-Modified as the server sent it
        failures INTEGER NOT NULL,              -- failed requests in a row
        error    TEXT,                          -- the last failure
        done     INTEGER NOT NULL               -- a page read for good: never requested again
    ) WITHOUT ROWID;
    CREATE INDEX articles_url ON articles(url);
    ",
];

/// Brings the database to the newest schema.
pub fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    let version = |c: &Connection| -> rusqlite::Result<usize> {
        Ok(c.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))? as usize)
    };
    if version(conn)? >= MIGRATIONS.len() {
        return Ok(());
    }
    // Each step reads the version again under the write lock: two processes opening a new
    // store at once take turns, and the second finds the step done.
    loop {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let have = version(&tx)?;
        let Some(sql) = MIGRATIONS.get(have) else {
            return Ok(());
        };
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (have + 1) as i64)?;
        tx.commit()?;
    }
}

/// The schema version this build writes.
pub fn version() -> usize {
    MIGRATIONS.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_store_of_an_older_schema_keeps_its_rows_and_gains_the_new_columns() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(MIGRATIONS[0]).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.execute(
            "INSERT INTO articles (seq, id, hash, source, json, component, ingested)
             VALUES (1, 'a', x'00', 's', '{}', 1, 'now')",
            [],
        )
        .unwrap();
        conn.execute("INSERT INTO vectors (seq, terms) VALUES (1, x'')", [])
            .unwrap();
        migrate(&mut conn).unwrap();
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v as usize, version());
        let day: Option<i64> = conn
            .query_row("SELECT day FROM vectors WHERE seq = 1", [], |r| r.get(0))
            .unwrap();
        assert_eq!(day, None);
    }
}
