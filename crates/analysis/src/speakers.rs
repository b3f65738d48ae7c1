//! Who said it: ties each quote of a story to an entity of the story.
//!
//! The attribution's speaker text is resolved in order: a name (or alias) of a story entity
//! inside it ("Kremlin spokesman Dmitry Peskov", "Zelenskyy"); a pronoun ("He declared, ...")
//! to the subject of the nearest earlier sentence that names a person; a description with a
//! role ("the Kremlin spokesman") to the one person holding that role. Unresolved speakers keep
//! the text of the attribution ("a senior Kyiv official"); quotes with no speaker at all keep
//! `null`.

use crate::entities::{key_of, Mention};
use crate::quotes::{document_attributions, is_speech_verb, DocAttribution};
use dossier_model::{Article, Entity, EntityKind, Quote};
use std::collections::HashMap;

const PRONOUNS: &[&str] = &["he", "she", "him", "her", "i"];

/// The quotes of the story's articles, with speakers tied to `entities`.
pub fn story_quotes(
    articles: &[&Article],
    mentions: &[&[Mention]],
    entities: &[Entity],
) -> Vec<Quote> {
    let names = NameIndex::new(entities);
    let mut out = Vec::new();
    for (a, ms) in articles.iter().zip(mentions) {
        let paragraphs: Vec<&str> = a.paragraphs().collect();
        for at in document_attributions(&paragraphs) {
            let p = paragraphs[at.paragraph];
            let cue = at.cue.as_ref().map(|c| p[c.clone()].to_lowercase());
            // Reported speech is shown when a plain reporting verb introduces it; other cues
            // ("wants", "criticized") are positions, not quotes.
            let reported_speech = cue
                .as_deref()
                .is_some_and(|c| c == "according" || is_speech_verb(c));
            if at.quote.is_none() && !reported_speech {
                continue;
            }
            let text = p[at.quote.clone().unwrap_or(at.content.clone())]
                .trim()
                .trim_end_matches(',')
                .to_string();
            if text.split_whitespace().count() < 2 {
                continue;
            }
            let speaker = speaker_of(&at, &paragraphs, ms, &names);
            out.push(Quote {
                speaker,
                text,
                article: a.id.clone(),
                direct: at.quote.is_some(),
            });
        }
    }
    out
}

/// Entity names and aliases by key, people first.
struct NameIndex<'a> {
    by_key: HashMap<String, &'a Entity>,
    people: Vec<&'a Entity>,
}

impl<'a> NameIndex<'a> {
    fn new(entities: &'a [Entity]) -> Self {
        let mut by_key = HashMap::new();
        let mut order: Vec<&Entity> = entities.iter().collect();
        // People win a shared key over organisations and places.
        order.sort_by_key(|e| e.kind != EntityKind::Person);
        for e in order.iter().rev() {
            for n in std::iter::once(&e.name).chain(&e.aliases) {
                by_key.insert(key_of(n), *e);
            }
        }
        NameIndex {
            by_key,
            people: entities
                .iter()
                .filter(|e| e.kind == EntityKind::Person)
                .collect(),
        }
    }

    /// The entity whose name appears in `text`: a person first, then the longest name.
    fn named_in(&self, text: &str) -> Option<&'a Entity> {
        let words: Vec<String> = key_of(text).split(' ').map(str::to_string).collect();
        let mut other = None;
        for len in (1..=words.len().min(5)).rev() {
            for w in words.windows(len) {
                if let Some(e) = self.by_key.get(&w.join(" ")) {
                    if e.kind == EntityKind::Person {
                        return Some(e);
                    }
                    other = other.or(Some(*e));
                }
            }
        }
        other
    }

    /// The one person one of whose name words is `text` ("Xi" for "Xi Jinping").
    fn by_name_part(&self, text: &str) -> Option<&'a Entity> {
        let key = key_of(text);
        if key.contains(' ') || key.len() < 2 {
            return None;
        }
        let holders: Vec<&&Entity> = self
            .people
            .iter()
            .filter(|e| key_of(&e.name).split(' ').any(|w| w == key))
            .collect();
        (holders.len() == 1).then(|| *holders[0])
    }

    /// The one person whose role ends with a role word in `text` ("the Kremlin spokesman").
    fn by_role(&self, text: &str) -> Option<&'a Entity> {
        let lower = text.to_lowercase();
        let last = lower.split_whitespace().last()?;
        let holders: Vec<&&Entity> = self
            .people
            .iter()
            .filter(|e| {
                e.roles
                    .iter()
                    .any(|r| r.split_whitespace().last() == Some(last))
            })
            .collect();
        (holders.len() == 1).then(|| *holders[0])
    }
}

fn speaker_of(
    at: &DocAttribution,
    paragraphs: &[&str],
    mentions: &[Mention],
    names: &NameIndex,
) -> Option<String> {
    let (sp, span) = at.source.clone()?;
    let text = paragraphs[sp][span.clone()].trim();
    if PRONOUNS.contains(&text.to_lowercase().as_str()) {
        return earlier_subject(sp, span.start, paragraphs, mentions, names)
            .or_else(|| Some(text.to_string()));
    }
    // A person named in the attribution, or the whole attribution naming a party ("Moscow
    // has said"); not a place inside a description ("a senior Kyiv official").
    if let Some(e) = names.named_in(text) {
        if e.kind == EntityKind::Person
            || std::iter::once(&e.name)
                .chain(&e.aliases)
                .any(|n| key_of(n) == key_of(text))
        {
            return Some(e.name.clone());
        }
    }
    if let Some(e) = names.by_name_part(text) {
        return Some(e.name.clone());
    }
    if let Some(e) = names.by_role(text) {
        return Some(e.name.clone());
    }
    Some(text.to_string())
}

/// The person a pronoun at (`paragraph`, `at`) refers to: in the nearest earlier sentence that
/// names a person, the first person named there who is not a possessive ("Trump's").
fn earlier_subject(
    paragraph: usize,
    at: usize,
    paragraphs: &[&str],
    mentions: &[Mention],
    names: &NameIndex,
) -> Option<String> {
    let people: Vec<&Mention> = mentions
        .iter()
        .filter(|m| m.kind == EntityKind::Person && m.paragraph != crate::entities::CAPTION)
        .filter(|m| (m.paragraph, m.span.start) < (paragraph, at))
        .filter(|m| {
            let after = &paragraphs[m.paragraph][m.span.end..];
            !(after.starts_with("'s") || after.starts_with("’s"))
        })
        .collect();
    let last = people.last()?;
    let text = paragraphs[last.paragraph];
    let sentence_start = text[..last.span.start].rfind(". ").map_or(0, |i| i + 2);
    let first = people
        .iter()
        .find(|m| m.paragraph == last.paragraph && m.span.start >= sentence_start)?;
    names
        .named_in(&first.text)
        .map(|e| e.name.clone())
        .or_else(|| Some(first.text.clone()))
}
