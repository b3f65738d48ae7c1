//! The tables and their columns, and how one story of the store becomes rows of each: the
//! codebook of `docs/schema.md` ("Export tables") in code. Ids join the tables: an article's
//! `id` and `story`, a story's `id`, an entity's `id` (the corpus-wide id of
//! `dossier_store::entities::entity_id`).

use chrono::NaiveDate;
use dossier_model::{Article, Story};
use dossier_store::entities::entity_id;
use dossier_store::StoryRow;
use std::collections::HashSet;

/// One of the tables `dossier export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Articles,
    Stories,
    Entities,
    Mentions,
    Quotes,
    Facts,
    Events,
}

impl Table {
    /// Every table's name, as the command line takes it.
    pub const NAMES: [&'static str; 7] = [
        "articles", "stories", "entities", "mentions", "quotes", "facts", "events",
    ];

    /// The table named `name` (as in [`Table::NAMES`]).
    pub fn parse(name: &str) -> Option<Table> {
        Some(match name {
            "articles" => Table::Articles,
            "stories" => Table::Stories,
            "entities" => Table::Entities,
            "mentions" => Table::Mentions,
            "quotes" => Table::Quotes,
            "facts" => Table::Facts,
            "events" => Table::Events,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Table::Articles => "articles",
            Table::Stories => "stories",
            Table::Entities => "entities",
            Table::Mentions => "mentions",
            Table::Quotes => "quotes",
            Table::Facts => "facts",
            Table::Events => "events",
        }
    }

    /// The table's columns, in order.
    pub fn columns(self) -> &'static [Column] {
        match self {
            Table::Articles => ARTICLES,
            Table::Stories => STORIES,
            Table::Entities => ENTITIES,
            Table::Mentions => MENTIONS,
            Table::Quotes => QUOTES,
            Table::Facts => FACTS,
            Table::Events => EVENTS,
        }
    }

    /// Whether its rows come from a story's dossier (computed where it is stale), not only
    /// from the stored articles and story rows.
    pub(crate) fn needs_dossier(self) -> bool {
        !matches!(self, Table::Articles | Table::Stories)
    }
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Integer,
    Boolean,
    /// A calendar day: Parquet `DATE`, `YYYY-MM-DD` in CSV and JSON Lines.
    Date,
    /// A list of strings: a Parquet list, a JSON array (also inside a CSV cell).
    List,
}

/// One column of a table.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub name: &'static str,
    pub kind: Kind,
    /// May be null (unknown, or not applicable).
    pub nullable: bool,
}

const fn col(name: &'static str, kind: Kind) -> Column {
    Column {
        name,
        kind,
        nullable: false,
    }
}

const fn opt(name: &'static str, kind: Kind) -> Column {
    Column {
        name,
        kind,
        nullable: true,
    }
}

use Kind::{Boolean, Date, Integer, List, Text};

const ARTICLES: &[Column] = &[
    col("id", Text),
    col("story", Text),
    col("part", Integer),
    col("source", Text),
    opt("url", Text),
    opt("outlet", Text),
    opt("title", Text),
    opt("byline", Text),
    opt("published", Date),
    opt("updated", Date),
    opt("language", Text),
    col("text", Text),
];

const STORIES: &[Column] = &[
    col("id", Text),
    col("title", Text),
    opt("storyline", Text),
    opt("first_date", Date),
    opt("last_date", Date),
    col("article_count", Integer),
    col("outlet_count", Integer),
    col("articles", List),
];

const ENTITIES: &[Column] = &[
    col("id", Text),
    col("story", Text),
    col("kind", Text),
    col("name", Text),
    col("aliases", List),
    col("roles", List),
    opt("link", Text),
    col("article_count", Integer),
];

const MENTIONS: &[Column] = &[
    col("entity", Text),
    col("story", Text),
    col("article", Text),
    col("kind", Text),
    col("name", Text),
];

const QUOTES: &[Column] = &[
    col("story", Text),
    col("quote", Integer),
    col("article", Text),
    opt("speaker", Text),
    opt("speaker_entity", Text),
    col("direct", Boolean),
    col("text", Text),
];

const FACTS: &[Column] = &[
    col("story", Text),
    col("fact", Integer),
    col("about", Text),
    col("relation", Text),
    col("sources", Integer),
    col("article", Text),
    col("text", Text),
    opt("value", Text),
    col("sentence", Text),
    opt("start", Integer),
    opt("end", Integer),
    col("odd", Boolean),
];

const EVENTS: &[Column] = &[
    col("story", Text),
    col("event", Integer),
    opt("date", Text),
    col("precision", Text),
    col("approximate", Boolean),
    col("text", Text),
    col("when", Text),
    col("articles", List),
];

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Text(String),
    Integer(i64),
    Boolean(bool),
    Date(NaiveDate),
    List(Vec<String>),
}

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

fn opt_text(s: Option<&str>) -> Value {
    s.map_or(Value::Null, text)
}

fn int(n: usize) -> Value {
    Value::Integer(i64::try_from(n).unwrap_or(i64::MAX))
}

fn opt_date(d: Option<NaiveDate>) -> Value {
    d.map_or(Value::Null, Value::Date)
}

/// A stored `YYYY-MM-DD` (anything else is unknown).
fn stored_date(d: Option<&str>) -> Value {
    opt_date(d.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()))
}

/// The row of an article.
pub(crate) fn article_row(a: &Article) -> Vec<Value> {
    vec![
        text(&a.id),
        opt_text(a.story.as_deref()),
        int(a.part as usize),
        text(&a.source),
        opt_text(a.url.as_deref()),
        opt_text(a.outlet.as_deref()),
        opt_text(a.title.as_deref()),
        opt_text(a.byline.as_deref()),
        opt_date(a.published),
        opt_date(a.updated),
        opt_text(a.language.as_deref()),
        text(&a.text),
    ]
}

/// The row of a story, with the ids of its articles.
pub(crate) fn story_row(s: &StoryRow, members: Vec<String>) -> Vec<Value> {
    vec![
        text(&s.id),
        text(&s.title),
        opt_text(s.storyline.as_deref()),
        stored_date(s.first_date.as_deref()),
        stored_date(s.last_date.as_deref()),
        int(s.articles),
        int(s.outlets),
        Value::List(members),
    ]
}

/// The rows of `table` (one of those [`Table::needs_dossier`]) from story `story`'s dossier,
/// each passed to `emit` in the dossier's order.
pub(crate) fn dossier_rows<E>(
    table: Table,
    story: &Story,
    emit: &mut dyn FnMut(Vec<Value>) -> Result<(), E>,
) -> Result<(), E> {
    let sid = || text(&story.id);
    match table {
        Table::Articles | Table::Stories => Ok(()),
        Table::Entities => {
            // Two entities of one story whose names differ only in case or punctuation have
            // one id: the first is the row (as the store's entity index keeps it).
            let mut seen = HashSet::new();
            for e in &story.entities {
                let id = entity_id(e.kind, &e.name);
                if !seen.insert(id.clone()) {
                    continue;
                }
                emit(vec![
                    Value::Text(id),
                    sid(),
                    text(kind_name(e.kind)),
                    text(&e.name),
                    Value::List(e.aliases.clone()),
                    Value::List(e.roles.clone()),
                    opt_text(e.link.as_deref()),
                    int(e.articles.len()),
                ])?;
            }
            Ok(())
        }
        Table::Mentions => {
            // one row per entity id and article (two entities of one id: see above)
            let mut seen = HashSet::new();
            for e in &story.entities {
                let id = entity_id(e.kind, &e.name);
                for article in &e.articles {
                    if !seen.insert((id.clone(), article.as_str())) {
                        continue;
                    }
                    emit(vec![
                        text(&id),
                        sid(),
                        text(article),
                        text(kind_name(e.kind)),
                        text(&e.name),
                    ])?;
                }
            }
            Ok(())
        }
        Table::Quotes => {
            for (n, q) in story.quotes.iter().enumerate() {
                let entity = q.speaker.as_deref().and_then(|speaker| {
                    story
                        .entities
                        .iter()
                        .find(|e| e.name == speaker)
                        .map(|e| entity_id(e.kind, &e.name))
                });
                emit(vec![
                    sid(),
                    int(n + 1),
                    text(&q.article),
                    opt_text(q.speaker.as_deref()),
                    entity.map_or(Value::Null, Value::Text),
                    Value::Boolean(q.direct),
                    text(&q.text),
                ])?;
            }
            Ok(())
        }
        Table::Facts => {
            for (n, f) in story.facts.iter().enumerate() {
                for r in &f.reports {
                    emit(vec![
                        sid(),
                        int(n + 1),
                        text(&f.about),
                        text(f.relation.as_str()),
                        int(f.sources),
                        text(&r.article),
                        text(&r.text),
                        opt_text(r.value.as_deref()),
                        text(&r.sentence),
                        r.start.map_or(Value::Null, int),
                        r.end.map_or(Value::Null, int),
                        Value::Boolean(r.odd),
                    ])?;
                }
            }
            Ok(())
        }
        Table::Events => {
            for (n, ev) in story.events.iter().enumerate() {
                emit(vec![
                    sid(),
                    int(n + 1),
                    opt_text(ev.date.as_deref()),
                    text(&ev.precision),
                    Value::Boolean(ev.approximate),
                    text(&ev.text),
                    text(&ev.when),
                    Value::List(ev.articles.clone()),
                ])?;
            }
            Ok(())
        }
    }
}

fn kind_name(kind: dossier_model::EntityKind) -> &'static str {
    match kind {
        dossier_model::EntityKind::Person => "person",
        dossier_model::EntityKind::Organization => "organization",
        dossier_model::EntityKind::Place => "place",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_model::{Entity, EntityKind, Quote};

    fn story() -> Story {
        let person = |name: &str, articles: &[&str]| Entity {
            name: name.to_string(),
            kind: EntityKind::Person,
            aliases: vec![],
            roles: vec!["mayor".to_string()],
            articles: articles.iter().map(|a| a.to_string()).collect(),
            link: None,
        };
        Story {
            id: "s0000000001".to_string(),
            title: "A mayor resigns".to_string(),
            articles: vec!["a1".to_string(), "a2".to_string()],
            entities: vec![
                person("Ann Lee", &["a1", "a2"]),
                person("Ann  Lee.", &["a2"]),
                person("Bo Park", &["a2"]),
            ],
            quotes: vec![
                Quote {
                    speaker: Some("Ann Lee".to_string()),
                    text: "I am leaving.".to_string(),
                    article: "a1".to_string(),
                    direct: true,
                },
                Quote {
                    speaker: Some("a city official".to_string()),
                    text: "the budget was late".to_string(),
                    article: "a2".to_string(),
                    direct: false,
                },
            ],
            ..Story::default()
        }
    }

    fn rows(table: Table, s: &Story) -> Vec<Vec<Value>> {
        let mut out = Vec::new();
        dossier_rows::<()>(table, s, &mut |r| {
            assert_eq!(r.len(), table.columns().len(), "{table:?}");
            out.push(r);
            Ok(())
        })
        .unwrap();
        out
    }

    #[test]
    fn every_name_parses_to_its_table() {
        for name in Table::NAMES {
            assert_eq!(Table::parse(name).map(Table::name), Some(name));
        }
        assert_eq!(Table::parse("article"), None);
    }

    #[test]
    fn one_entity_id_is_one_row_and_its_mentions_are_unique() {
        let s = story();
        let entities = rows(Table::Entities, &s);
        assert_eq!(entities.len(), 2);
        assert_eq!(entities[0][0], text("person_ann_lee"));
        assert_eq!(entities[0][7], Value::Integer(2));
        let mentions = rows(Table::Mentions, &s);
        let pairs: Vec<_> = mentions
            .iter()
            .map(|r| (r[0].clone(), r[2].clone()))
            .collect();
        assert_eq!(
            pairs,
            vec![
                (text("person_ann_lee"), text("a1")),
                (text("person_ann_lee"), text("a2")),
                (text("person_bo_park"), text("a2")),
            ]
        );
    }

    #[test]
    fn a_quote_names_its_speakers_entity_only_when_the_speaker_is_one() {
        let q = rows(Table::Quotes, &story());
        assert_eq!(q[0][4], text("person_ann_lee"));
        assert_eq!(q[1][3], text("a city official"));
        assert_eq!(q[1][4], Value::Null);
        assert_eq!(q[1][5], Value::Boolean(false));
    }

    #[test]
    fn nothing_null_where_a_column_may_not_be() {
        let s = story();
        for table in [Table::Entities, Table::Mentions, Table::Quotes] {
            for r in rows(table, &s) {
                for (v, c) in r.iter().zip(table.columns()) {
                    assert!(c.nullable || *v != Value::Null, "{table:?}.{}", c.name);
                }
            }
        }
    }
}
