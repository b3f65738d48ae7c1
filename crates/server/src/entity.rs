//! One person, organisation or place across the corpus: the stories naming it, newest first,
//! with its roles, its quotes and the positions it holds or is the party of in each, and the
//! entities most often beside it. The API (`/api/entities/{id}`) and the entity page share it.

use dossier_model::{Position, Quote};
use dossier_store::entities::{entity_id, EntityRow};
use dossier_store::{Store, StoryRow};
use serde::Serialize;

/// Stories whose quotes and positions are read for one profile (the newest); older ones are
/// listed without them.
pub const DETAILED_STORIES: usize = 20;
/// Stories listed on one profile.
pub const LISTED_STORIES: usize = 200;
/// Entities listed as most often beside it.
pub const BESIDE: usize = 12;
/// The longest name `/api/entities?name=` takes.
pub const MAX_NAME: usize = 200;

/// An entity across the corpus.
#[derive(Debug, Serialize)]
pub struct Profile {
    pub id: String,
    pub kind: String,
    pub name: String,
    /// Every other spelling its stories give it.
    pub aliases: Vec<String>,
    /// How many stories name it (more than `stories` lists when there are very many).
    pub story_count: usize,
    pub stories: Vec<InStory>,
    /// The entities named in the most of the same stories; `stories` counts those shared.
    pub beside: Vec<EntityRow>,
}

/// The entity in one story.
#[derive(Debug, Serialize)]
pub struct InStory {
    pub story: StoryRow,
    /// Its roles there ("Russian President"); empty also when the dossier is not computed.
    pub roles: Vec<String>,
    /// Its quotes there.
    pub quotes: Vec<Quote>,
    /// The positions it holds or is the party of there.
    pub positions: Vec<Position>,
    /// `false` when the story's quotes and positions were not read (an older story of a long
    /// list, or a dossier not computed yet).
    pub detailed: bool,
}

/// Whether `id` can be an entity id (letters, digits and `_`); anything else is a 404 unread.
pub fn plausible_entity_id(id: &str) -> bool {
    (1..=MAX_NAME + 20).contains(&id.len()) && id.chars().all(|c| c.is_alphanumeric() || c == '_')
}

/// The profile of entity `id`; `None` when no story names it.
pub fn profile(store: &Store, id: &str) -> dossier_store::Result<Option<Profile>> {
    let Some(dossier_store::entities::Found {
        row,
        stories: story_ids,
        members,
    }) = store.entity(id)?
    else {
        return Ok(None);
    };
    let listed: Vec<String> = story_ids.iter().take(LISTED_STORIES).cloned().collect();
    let rows = store.stories(None, Some(&listed), 0, listed.len())?;
    let mut aliases: Vec<String> = Vec::new();
    let mut stories = Vec::new();
    for (i, story) in rows.into_iter().enumerate() {
        let mut found = InStory {
            story,
            roles: Vec::new(),
            quotes: Vec::new(),
            positions: Vec::new(),
            detailed: false,
        };
        if i < DETAILED_STORIES {
            if let Some((s, _)) = store.stored_story(&found.story.id)? {
                if let Some(e) = s
                    .entities
                    .iter()
                    .find(|e| members.contains(&entity_id(e.kind, &e.name)))
                {
                    let names: Vec<&str> = std::iter::once(e.name.as_str())
                        .chain(e.aliases.iter().map(String::as_str))
                        .collect();
                    found.roles = e.roles.clone();
                    found.quotes = s
                        .quotes
                        .iter()
                        .filter(|q| q.speaker.as_deref().is_some_and(|w| names.contains(&w)))
                        .cloned()
                        .collect();
                    found.positions = s
                        .positions
                        .iter()
                        .filter(|p| {
                            names.contains(&p.party.as_str()) || names.contains(&p.holder.as_str())
                        })
                        .cloned()
                        .collect();
                    for a in std::iter::once(&e.name).chain(&e.aliases) {
                        if *a != row.name && !aliases.contains(a) {
                            aliases.push(a.clone());
                        }
                    }
                    found.detailed = true;
                }
            }
        }
        stories.push(found);
    }
    let beside = store.entities_beside(&row.id, BESIDE)?;
    Ok(Some(Profile {
        id: row.id,
        kind: row.kind,
        name: row.name,
        aliases,
        story_count: row.stories,
        stories,
        beside,
    }))
}
