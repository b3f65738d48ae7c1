//! Finding a story's entities in its sentences by any of their spellings, in one pass over
//! the text (an Aho-Corasick automaton over every name and alias, longest match first, whole
//! words only).

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use dossier_model::Entity;

/// Every spelling of a story's entities, ready to search text with.
pub struct NameFinder {
    automaton: Option<AhoCorasick>,
    /// For each pattern, its entity's index in the story's entity list.
    entity: Vec<usize>,
}

/// One entity named in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameMatch {
    pub start: usize,
    pub end: usize,
    pub entity: usize,
}

impl NameFinder {
    /// Spellings shorter than `min_chars` are left out.
    pub fn new(entities: &[Entity], min_chars: usize) -> Self {
        let mut surface = Vec::new();
        let mut entity = Vec::new();
        for (i, e) in entities.iter().enumerate() {
            for s in std::iter::once(&e.name).chain(&e.aliases) {
                if s.chars().count() >= min_chars && !surface.contains(s) {
                    surface.push(s.clone());
                    entity.push(i);
                }
            }
        }
        let automaton = (!surface.is_empty()).then(|| {
            // one automaton a story, run over that story's few articles: a DFA would cost more
            // to build than it saves
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .kind(Some(AhoCorasickKind::NoncontiguousNFA))
                .build(&surface)
                .expect("entity names build an automaton")
        });
        NameFinder { automaton, entity }
    }

    /// The entities named in `text`, left to right, as whole words.
    pub fn find(&self, text: &str) -> Vec<NameMatch> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        ac.find_iter(text)
            .filter(|m| {
                let before = text[..m.start()].chars().next_back();
                let after = text[m.end()..].chars().next();
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
            })
            .map(|m| NameMatch {
                start: m.start(),
                end: m.end(),
                entity: self.entity[m.pattern().as_usize()],
            })
            .collect()
    }
}
