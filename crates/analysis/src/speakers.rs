//! Who said it: ties each quote of a story to an entity of the story.
//!
//! The attribution's speaker text (from [`crate::quotes`]) is resolved, in document order:
//!
//! - a name (or alias) of a story entity inside it ("Kremlin spokesman Dmitry Peskov",
//!   "Zelenskyy") is that entity, so "Joe Biden", "Mr. Biden" and "Biden" are one speaker;
//! - a pronoun is resolved to the subject of the exchange: "he"/"she" to the person who spoke
//!   or was the subject in the same sentence before it, else in the nearest sentence before
//!   that has one (the last speaker, not the last name mentioned: "“...,” Biden said beside
//!   Putin. “...,” he added." is Biden); "it" to an organisation or place, "they" to a plural
//!   subject ("Merck and Ridgeback"), "who"/"which" to the name right before it;
//! - a definite description ("the former president", "the company", "the New Jersey-based
//!   drugmaker", "the top House Republican") to the one person holding that role, else the
//!   person (or, for a company or a body, the organisation) the text has been speaking of; in
//!   a lead that names no one before, the one it names next;
//! - anything else keeps the attribution's own words ("a senior Kyiv official", "officials").
//!
//! A quote whose speaker stays unknown (no attribution, or a pronoun nothing before resolves)
//! is not shown: unknown stays unknown, and a quote without its speaker is not a claim.

use crate::entities::{key_of, Mention, CAPTION};
use crate::quotes::{
    document_attributions, is_speech_verb, quoted_spans, subject_phrase, DocAttribution,
    BODY_NOUNS, BUSINESS_NOUNS, PERSON_NOUNS,
};
use crate::sentences::sentences;
use dossier_model::{Article, Entity, EntityKind, Quote};
use std::collections::HashMap;
use std::ops::Range;

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
        let doc = Document::new(&paragraphs, ms, &names);
        let mut said: Vec<Said> = Vec::new();
        for at in document_attributions(&paragraphs) {
            let p = paragraphs[at.paragraph];
            let cue = at.cue.as_ref().map(|c| p[c.clone()].to_lowercase());
            // Reported speech is shown when a plain reporting verb introduces it; other cues
            // ("wants", "criticized") are positions, not quotes.
            let reported_speech = cue
                .as_deref()
                .is_some_and(|c| c == "according" || is_speech_verb(c));
            let speaker = doc.speaker(&at, &said);
            if let (Some((sp, span)), Some(s)) = (&at.source, &speaker) {
                said.push(Said {
                    at: doc.sentence_at(*sp, span.start),
                    speaker: s.clone(),
                    words: paragraphs[*sp][span.clone()].to_lowercase(),
                });
            }
            if at.quote.is_none() && !reported_speech {
                continue;
            }
            // reported speech without its "that" ("said that the bridge ...")
            let text = p[at.quote.clone().unwrap_or(at.content.clone())].trim();
            let text = text
                .strip_prefix("that ")
                .unwrap_or(text)
                .trim_end_matches(',')
                .to_string();
            if text.split_whitespace().count() < 2 {
                continue;
            }
            let Some(speaker) = speaker else {
                continue;
            };
            out.push(Quote {
                speaker: Some(speaker.name),
                text,
                article: a.id.clone(),
                direct: at.quote.is_some(),
            });
        }
    }
    out
}

/// What a resolved speaker is, for the pronouns that may refer back to it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Person,
    /// An organisation or a place ("it").
    Body,
    /// More than one ("they"): "officials", "Merck and Ridgeback".
    Plural,
    /// A description that is neither ("a new report").
    Other,
    /// A name the story's entities leave out ("Moderna" read as a person's name, and one
    /// word): only a description of a company may refer to it.
    Name,
}

#[derive(Debug, Clone)]
struct Speaker {
    name: String,
    kind: Kind,
    /// Whether it is named by the story's entities (not a description).
    named: bool,
}

/// A speaker found earlier in the article, at a sentence, with the attribution's own words.
struct Said {
    at: SentenceId,
    speaker: Speaker,
    words: String,
}

/// A sentence of an article: its paragraph and its index there.
type SentenceId = (usize, usize);

/// How far back a pronoun or a description looks for what it refers to.
const LOOK_BACK_SENTENCES: usize = 6;

/// An article's paragraphs read for resolving speakers: sentences, quoted spans and the
/// entity mentions of each sentence.
struct Document<'a> {
    paragraphs: &'a [&'a str],
    sentences: Vec<Vec<Range<usize>>>,
    /// Every sentence, in text order.
    order: Vec<SentenceId>,
    quoted: Vec<Vec<Range<usize>>>,
    /// Mentions by sentence, in text order.
    mentions: HashMap<SentenceId, Vec<&'a Mention>>,
    names: &'a NameIndex<'a>,
    /// "Mr." / "Mrs." / "Ms." before a person's name in this article: true for a woman.
    female: HashMap<String, bool>,
}

impl<'a> Document<'a> {
    fn new(paragraphs: &'a [&'a str], mentions: &'a [Mention], names: &'a NameIndex<'a>) -> Self {
        let sentences: Vec<Vec<Range<usize>>> = paragraphs.iter().map(|p| sentences(p)).collect();
        let quoted = paragraphs.iter().map(|p| quoted_spans(p)).collect();
        let order = sentences
            .iter()
            .enumerate()
            .flat_map(|(p, ss)| (0..ss.len()).map(move |k| (p, k)))
            .collect();
        let mut doc = Document {
            paragraphs,
            order,
            sentences,
            quoted,
            mentions: HashMap::new(),
            names,
            female: HashMap::new(),
        };
        for m in mentions.iter().filter(|m| m.paragraph != CAPTION) {
            if m.paragraph >= paragraphs.len() {
                continue;
            }
            let id = doc.sentence_at(m.paragraph, m.span.start);
            doc.mentions.entry(id).or_default().push(m);
            if m.kind == EntityKind::Person {
                let before = paragraphs[m.paragraph][..m.span.start].trim_end();
                let female = if before.ends_with("Mrs.")
                    || before.ends_with("Ms.")
                    || before.ends_with("Miss")
                {
                    Some(true)
                } else if before.ends_with("Mr.") || before.ends_with("Mr") {
                    Some(false)
                } else {
                    None
                };
                if let (Some(f), Some(e)) = (female, names.entity_of(&m.text)) {
                    doc.female.insert(e.name.clone(), f);
                }
            }
        }
        for v in doc.mentions.values_mut() {
            v.sort_by_key(|m| m.span.start);
        }
        doc
    }

    /// The sentence of paragraph `p` that holds byte `at`.
    fn sentence_at(&self, p: usize, at: usize) -> SentenceId {
        let k = self.sentences[p].partition_point(|s| s.start <= at);
        (p, k.saturating_sub(1))
    }

    /// Whether the lower-case word `word` stands in one of the three sentences before `id`
    /// outside any name ("the independent panel").
    fn said_before(&self, id: SentenceId, word: &str) -> bool {
        self.before(id).take(3).any(|prev| {
            let p = self.paragraphs[prev.0];
            let r = self.sentences[prev.0][prev.1].clone();
            let names: Vec<&Range<usize>> = self
                .mentions
                .get(&prev)
                .into_iter()
                .flatten()
                .map(|m| &m.span)
                .collect();
            p[r.clone()].match_indices(word).any(|(o, _)| {
                let at = r.start + o;
                let bounded = !p[..at].ends_with(char::is_alphanumeric)
                    && !p[at + word.len()..].starts_with(char::is_alphanumeric);
                bounded && !names.iter().any(|n| n.start <= at && at < n.end)
            })
        })
    }

    /// The position of sentence `id` in the article's order of sentences.
    fn position(&self, id: SentenceId) -> usize {
        self.order.partition_point(|s| *s < id)
    }

    /// The sentences before `id`, nearest first, up to [`LOOK_BACK_SENTENCES`].
    fn before(&self, id: SentenceId) -> impl Iterator<Item = SentenceId> + '_ {
        let k = self.position(id);
        self.order[k.saturating_sub(LOOK_BACK_SENTENCES)..k]
            .iter()
            .rev()
            .copied()
    }

    /// The sentences after `id`, nearest first, up to `n`.
    fn after(&self, id: SentenceId, n: usize) -> impl Iterator<Item = SentenceId> + '_ {
        let k = (self.position(id) + 1).min(self.order.len());
        self.order[k..(k + n).min(self.order.len())].iter().copied()
    }

    /// The mentions of sentence `id` that stand where a subject does: outside quotation
    /// marks, not after a preposition; possessives ("Trump's") only when `possessive`.
    /// Those before byte `until` when given.
    fn subjects(&self, id: SentenceId, possessive: bool, until: Option<usize>) -> Vec<&'a Mention> {
        let p = self.paragraphs[id.0];
        let quoted = &self.quoted[id.0];
        self.mentions
            .get(&id)
            .into_iter()
            .flatten()
            .filter(|m| until.is_none_or(|u| m.span.end <= u))
            .filter(|m| {
                !quoted
                    .iter()
                    .any(|q| q.start <= m.span.start && m.span.end <= q.end)
            })
            .filter(|m| {
                let after = &p[m.span.end..];
                possessive || !(after.starts_with("'s") || after.starts_with("’s"))
            })
            .filter(|m| {
                // the word before, past a determiner ("of the January 6 committee")
                let mut words = p[..m.span.start]
                    .split_whitespace()
                    .rev()
                    .map(str::to_lowercase);
                let mut before = words.next().unwrap_or_default();
                if matches!(
                    before.as_str(),
                    "the" | "a" | "an" | "its" | "their" | "his" | "her"
                ) {
                    before = words.next().unwrap_or_default();
                }
                !AFTER_A_PREPOSITION.contains(&before.as_str())
            })
            .copied()
            .collect()
    }

    /// The speaker of `at`, resolved; `said` holds the speakers found before it.
    fn speaker(&self, at: &DocAttribution, said: &[Said]) -> Option<Speaker> {
        let (sp, span) = at.source.clone()?;
        let p = self.paragraphs[sp];
        let text = p[span.clone()].trim();
        let id = self.sentence_at(sp, span.start);
        let lower = text.to_lowercase();
        match lower.as_str() {
            "he" | "she" | "him" | "her" => {
                return self.antecedent(id, Some(span.start), said, false, |s| {
                    s.kind == Kind::Person
                        && self
                            .female
                            .get(&s.name)
                            .is_none_or(|&f| f == (lower == "she" || lower == "her"))
                });
            }
            "it" => {
                return self.antecedent(id, Some(span.start), said, false, |s| s.kind == Kind::Body)
            }
            "they" => {
                return self.antecedent(id, Some(span.start), said, false, |s| {
                    s.kind == Kind::Plural
                })
            }
            "who" | "which" => return self.relative(sp, span.start),
            "i" | "we" | "you" | "us" | "me" => return None,
            _ => {}
        }
        // "Allies of former President Maria Alvarez said": the allies speak, not the one named
        if group_of_someone(text) {
            return Some(Speaker {
                name: text.to_string(),
                kind: Kind::Plural,
                named: false,
            });
        }
        if let Some(e) = self.names.named_in(text) {
            // A person named in the attribution, or the whole attribution naming a party
            // ("Moscow has said"); not a place inside a description ("a senior Kyiv
            // official").
            if e.kind == EntityKind::Person
                || std::iter::once(&e.name)
                    .chain(&e.aliases)
                    .any(|n| key_of(n) == key_of(text))
            {
                return Some(self.names.speaker(e));
            }
        }
        if let Some(e) = self.names.by_name_part(text) {
            return Some(self.names.speaker(e));
        }
        if let Some(d) = Description::read(text) {
            if let Some(s) = self.description(&d, id, span.start, said) {
                return Some(s);
            }
        }
        Some(Speaker {
            name: text.to_string(),
            kind: if name_like(text) {
                Kind::Name
            } else {
                phrase_kind(text)
            },
            named: false,
        })
    }

    /// What a definite description refers to: the one person holding its role, else what the
    /// text has been speaking of (in a lead that names no one before it, the one it names
    /// next).
    fn description(
        &self,
        d: &Description,
        id: SentenceId,
        at: usize,
        said: &[Said],
    ) -> Option<Speaker> {
        // "The official said" after "a senior White House official said": the same source
        let same_head = said.iter().rev().take(4).find(|s| {
            s.words
                .split_whitespace()
                .next_back()
                .is_some_and(|w| w == d.head || w == d.written_head)
        });
        if let Some(s) = same_head {
            return Some(s.speaker.clone());
        }
        if d.plural && !d.person {
            // "the companies" after "Pfizer and BioNTech"
            return self.antecedent(id, Some(at), said, true, |s| {
                s.kind == Kind::Plural && s.named
            });
        }
        if d.person {
            if let Some(e) = self.names.by_role(&d.role) {
                return Some(self.names.speaker(e));
            }
            // an official or a spokesman is someone the text has not named
            if ANONYMOUS_HEADS.contains(&d.head.as_str()) {
                return None;
            }
            let wanted = |s: &Speaker| s.kind == Kind::Person;
            return self
                .antecedent(id, Some(at), said, true, wanted)
                .or_else(|| self.cataphor(id, said, EntityKind::Person, &d.head));
        }
        // "the caucus" is the "House Freedom Caucus" named before, if one is
        let named_so = |s: &Speaker| {
            d.fits_body(s)
                && s.name
                    .to_lowercase()
                    .split_whitespace()
                    .any(|w| w == d.head)
        };
        // "The panel said" after "the independent panel": the body the text left unnamed
        if !BUSINESS_NOUNS.contains(&d.head.as_str()) && self.said_before(id, &d.written_head) {
            return None;
        }
        let fits = |s: &Speaker| d.fits_body(s);
        // "Acme's profit rose 5%, the company said": the company the reported words name
        if BUSINESS_NOUNS.contains(&d.head.as_str()) {
            if let Some(s) = self
                .subjects_of(id, Some(at), true)
                .into_iter()
                .find(|s| fits(s))
            {
                return Some(s);
            }
        }
        self.antecedent(id, Some(at), said, true, named_so)
            .or_else(|| self.antecedent(id, Some(at), said, true, fits))
            .or_else(|| self.cataphor(id, said, EntityKind::Organization, &d.head))
    }

    /// In a lead that names nothing fitting before `id`, the first fitting subject named in the
    /// next two sentences ("The top House Republican said ... McCarthy's ...").
    fn cataphor(
        &self,
        id: SentenceId,
        said: &[Said],
        kind: EntityKind,
        head: &str,
    ) -> Option<Speaker> {
        let earlier_fit = said
            .iter()
            .any(|s| s.at < id && matches!(s.speaker.kind, Kind::Person | Kind::Body));
        let earlier_mention = self
            .mentions
            .iter()
            .any(|(k, ms)| *k < id && ms.iter().any(|m| m.kind == kind));
        if earlier_fit || earlier_mention {
            return None;
        }
        self.after(id, 2)
            .flat_map(|s| self.subjects(s, true, None))
            .filter(|m| m.kind == kind)
            .filter_map(|m| self.names.entity_of(&m.text))
            .find(|e| kind == EntityKind::Person || Description::body_fits(head, &e.name))
            .map(|e| self.names.speaker(e))
    }

    /// The nearest speaker or subject before byte `at` of sentence `id` (within the sentence
    /// first, then the sentences before) that `wanted` accepts: in each sentence, a speaker
    /// found there, else its subject.
    fn antecedent(
        &self,
        id: SentenceId,
        at: Option<usize>,
        said: &[Said],
        possessive: bool,
        wanted: impl Fn(&Speaker) -> bool,
    ) -> Option<Speaker> {
        // the sentence's own subject before the pronoun ("Israel ... what it said"), unless
        // the attribution is set off inside the sentence ("The plan, she said, ...")
        let inserted = at.is_some_and(|at| self.paragraphs[id.0][..at].trim_end().ends_with(','));
        if !inserted {
            if let Some(s) = self
                .subjects_of(id, at, possessive)
                .into_iter()
                .find(|s| wanted(s))
            {
                return Some(s);
            }
        }
        for prev in self.before(id) {
            let spoke = said.iter().rev().find(|s| s.at == prev).map(|s| &s.speaker);
            if let Some(s) = spoke {
                if wanted(s) {
                    return Some(s.clone());
                }
            }
            if let Some(s) = self
                .subjects_of(prev, None, possessive)
                .into_iter()
                .find(|s| wanted(s))
            {
                return Some(s);
            }
            // a sentence whose speaker or subject is someone else ends the search for a
            // person: "he" is not the one named two sentences ago.
            if spoke.is_some_and(|s| s.kind == Kind::Person) {
                break;
            }
        }
        None
    }

    /// The candidates for the subject of sentence `id` (before byte `until`), in text order:
    /// the entities of its subject mentions, two joined by "and" as a plural ("Merck and
    /// Ridgeback Biotherapeutics") before the first of them, and a plural description at its
    /// start ("The senators will ...").
    fn subjects_of(&self, id: SentenceId, until: Option<usize>, possessive: bool) -> Vec<Speaker> {
        let p = self.paragraphs[id.0];
        let mut out = Vec::new();
        for m in self.subjects(id, possessive, until) {
            let Some(e) = self.names.entity_of(&m.text) else {
                if modifies_a_noun(p, &m.span) {
                    continue;
                }
                out.push(Speaker {
                    name: m.text.clone(),
                    kind: Kind::Name,
                    named: false,
                });
                continue;
            };
            let first = self.names.speaker(e);
            // "Merck and its partner Ridgeback Biotherapeutics"
            if let Some(and) = p[m.span.end..].strip_prefix(" and ") {
                let joined = self.mentions.get(&id).into_iter().flatten().find(|n| {
                    n.span.start > m.span.end
                        && n.span.start <= m.span.end + 5 + and.len().min(30)
                        && p[m.span.end + 5..n.span.start].split_whitespace().count() <= 3
                });
                if let Some(n) = joined.and_then(|n| self.names.entity_of(&n.text)) {
                    out.push(Speaker {
                        name: format!("{} and {}", first.name, n.name),
                        kind: Kind::Plural,
                        named: true,
                    });
                }
            }
            out.push(first);
        }
        let described = self.sentences[id.0].get(id.1).and_then(|s| {
            let r = subject_phrase(&p[s.clone()])?;
            let text = &p[s.start + r.start..s.start + r.end];
            (phrase_kind(text) == Kind::Plural && until.is_none_or(|u| s.start + r.end <= u)).then(
                || Speaker {
                    name: text.to_string(),
                    kind: Kind::Plural,
                    named: false,
                },
            )
        });
        out.extend(described);
        out
    }

    /// What "who" or "which" at byte `at` of paragraph `p` stands for: the name right before
    /// it ("Judge Ana Torres, who called it ...").
    fn relative(&self, p: usize, at: usize) -> Option<Speaker> {
        let text = self.paragraphs[p];
        let id = self.sentence_at(p, at);
        self.mentions
            .get(&id)
            .into_iter()
            .flatten()
            .filter(|m| m.span.end <= at)
            .find(|m| {
                text[m.span.end..at]
                    .trim()
                    .trim_end_matches(',')
                    .trim()
                    .is_empty()
            })
            .and_then(|m| self.names.entity_of(&m.text))
            .map(|e| self.names.speaker(e))
    }
}

/// Whether an attribution's words name a group of people by whom they stand for ("allies of
/// ...", "two lawyers for ...", "aides to ..."): a plural person noun first, then "of", "for"
/// or "to".
fn group_of_someone(text: &str) -> bool {
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| w.to_lowercase())
        .skip_while(|w| {
            matches!(
                w.as_str(),
                "the"
                    | "some"
                    | "several"
                    | "many"
                    | "two"
                    | "three"
                    | "four"
                    | "other"
                    | "his"
                    | "her"
                    | "their"
            )
        })
        .collect();
    let [head, link, ..] = words.as_slice() else {
        return false;
    };
    let plural_person = head.ends_with('s')
        && (PERSON_NOUNS.contains(&singular(head).as_str())
            || GROUP_MEMBERS.contains(&singular(head).as_str()));
    plural_person && matches!(link.as_str(), "of" | "for" | "to")
}

/// People named by whom they are close to ("allies", "supporters").
const GROUP_MEMBERS: &[&str] = &[
    "ally",
    "supporter",
    "friend",
    "critic",
    "member",
    "relative",
    "backer",
    "opponent",
    "associate",
    "colleague",
    "loyalist",
    "lawyer",
    "adviser",
    "advisor",
    "aide",
];

/// Whether an attribution's words look like a name the tagger missed ("Corvalix" at the start
/// of a sentence): one to three capitalised words, no determiner, no digits.
fn name_like(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (1..=3).contains(&words.len())
        && words.iter().all(|w| w.starts_with(char::is_uppercase))
        && !matches!(words[0], "The" | "A" | "An" | "This" | "That")
        && !text.contains(|c: char| c.is_ascii_digit())
}

/// Whether the name at `span` of `p` stands before a noun it modifies ("the Biden
/// administration", "Biden administration officials", "a Delta flight").
fn modifies_a_noun(p: &str, span: &Range<usize>) -> bool {
    let before = p[..span.start]
        .split_whitespace()
        .next_back()
        .unwrap_or_default()
        .to_lowercase();
    let after = p[span.end..]
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .trim_matches(|c: char| !c.is_alphanumeric());
    matches!(before.as_str(), "the" | "a" | "an")
        || PUBLIC_BODY_WORDS.contains(&after)
        || after.starts_with(char::is_lowercase)
            && (BODY_NOUNS.contains(&after) || PERSON_NOUNS.contains(&after))
}

/// Words after which a name is not a sentence's subject ("met with Putin", "told Biden").
const AFTER_A_PREPOSITION: &[&str] = &[
    "to",
    "with",
    "by",
    "from",
    "for",
    "of",
    "against",
    "at",
    "on",
    "in",
    "about",
    "than",
    "like",
    "between",
    "beside",
    "besides",
    "toward",
    "towards",
    "into",
    "over",
    "under",
    "after",
    "before",
    "during",
    "without",
    "among",
    "via",
    "told",
    "asked",
    "urged",
    "called",
    "thanked",
    "met",
    "criticized",
    "criticised",
    "accused",
    "praised",
    "and",
    "or",
    "nor",
];

/// Words of the names of public bodies (not what "the company" refers to).
const PUBLIC_BODY_WORDS: &[&str] = &[
    "administration",
    "department",
    "agency",
    "commission",
    "court",
    "congress",
    "senate",
    "house",
    "committee",
    "police",
    "ministry",
    "council",
    "bureau",
    "service",
    "centers",
    "centres",
    "institute",
    "institutes",
    "government",
    "office",
    "state",
    "states",
    "union",
    "nations",
    "organization",
    "fbi",
    "cia",
    "fda",
    "cdc",
    "who",
    "nato",
    "un",
    "eu",
];

/// A definite description of a speaker: "the former president", "Taiwan's defence minister",
/// "the New Jersey-based drugmaker".
struct Description {
    /// Its words after the determiner or the owner, lower-case ("former president").
    role: String,
    /// Its last word ("president", "drugmaker").
    head: String,
    /// The head as written, plural or not ("companies").
    written_head: String,
    /// Whether it describes a person (else an organisation).
    person: bool,
    /// Whether it describes more than one ("the companies").
    plural: bool,
}

impl Description {
    fn read(text: &str) -> Option<Description> {
        let words: Vec<&str> = text.split_whitespace().collect();
        let first = words.first()?.to_lowercase();
        let owner = first.ends_with("'s") || first.ends_with("’s");
        if !(matches!(first.as_str(), "the" | "this" | "that") || owner) || words.len() < 2 {
            return None;
        }
        // "the No. 3 Republican": the rank is not the role
        let rest: Vec<String> = words[1..]
            .iter()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
                    .to_lowercase()
            })
            .filter(|w| !w.is_empty() && w != "no" && !w.chars().all(|c| c.is_ascii_digit()))
            .collect();
        let head = rest.last()?.clone();
        // "the president of Iran": the head comes before "of"
        let head = rest
            .iter()
            .position(|w| matches!(w.as_str(), "of" | "for" | "from" | "at" | "in"))
            .and_then(|k| k.checked_sub(1).map(|k| rest[k].clone()))
            .unwrap_or(head);
        let written_head = head.clone();
        let singular = singular(&head);
        let plural = singular != head
            && (PERSON_NOUNS.contains(&singular.as_str())
                || BODY_NOUNS.contains(&singular.as_str()));
        let head = if plural { singular } else { head };
        let person = PERSON_NOUNS.contains(&head.as_str());
        if !person && !BODY_NOUNS.contains(&head.as_str()) {
            return None;
        }
        // "Southwest's pilots' union": the owner already says whose
        if owner && !person {
            return None;
        }
        // "The Oversight Board" is a name; "the Catalan justice department" a body the words
        // name already; "the New Jersey-based drugmaker" a company to find.
        let capitalised = |w: &&str| w.starts_with(char::is_uppercase);
        if !person {
            let head_written = words.iter().rev().find(|w| {
                w.to_lowercase()
                    .trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
                    == head
            });
            let named = head_written.is_some_and(capitalised)
                || (!BUSINESS_NOUNS.contains(&head.as_str()) && words[1..].iter().any(capitalised));
            if named {
                return None;
            }
        }
        // plural heads ("The two top congressional Republicans") are not one speaker
        Some(Description {
            role: rest.join(" "),
            head,
            written_head,
            person,
            plural,
        })
    }

    /// Whether `s` can be what this description of a body refers to: an organisation or a
    /// place; for a business, not a public body, or a one-word name the tagger took for a
    /// person ("Moderna").
    fn fits_body(&self, s: &Speaker) -> bool {
        match s.kind {
            Kind::Body => Self::body_fits(&self.head, &s.name),
            Kind::Person => BUSINESS_NOUNS.contains(&self.head.as_str()) && !s.name.contains(' '),
            Kind::Name => {
                BUSINESS_NOUNS.contains(&self.head.as_str())
                    && s.name.split_whitespace().count() <= 3
                    && s.name
                        .split_whitespace()
                        .all(|w| w.starts_with(char::is_uppercase))
                    && Self::body_fits(&self.head, &s.name)
            }
            _ => false,
        }
    }

    fn body_fits(head: &str, name: &str) -> bool {
        let public = key_of(name)
            .split(' ')
            .any(|w| PUBLIC_BODY_WORDS.contains(&w));
        !(BUSINESS_NOUNS.contains(&head) && public)
    }
}

/// The singular of a plural noun ("companies" -> "company", "drugmakers" -> "drugmaker"); a
/// word that is not plural is returned as it is.
fn singular(w: &str) -> String {
    if let Some(stem) = w.strip_suffix("ies") {
        format!("{stem}y")
    } else if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && w.len() > 3 {
        w[..w.len() - 1].to_string()
    } else {
        w.to_string()
    }
}

/// Words that may follow a name in it.
const NAME_SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv"];

/// Heads of descriptions of sources the text usually leaves unnamed ("the official").
const ANONYMOUS_HEADS: &[&str] = &["official", "officer", "source", "spokesperson", "aide"];

/// Whether an unresolved speaker phrase names more than one ("officials", "The senators",
/// "critics and analysts").
fn phrase_kind(text: &str) -> Kind {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let last = words.last().copied().unwrap_or("");
    let plural = words.contains(&"and")
        || (last.ends_with('s')
            && !last.ends_with("ss")
            && !last.ends_with("'s")
            && !last.ends_with("’s")
            && text
                .split_whitespace()
                .last()
                .is_some_and(|w| w.starts_with(char::is_lowercase)))
        || matches!(last, "police" | "people" | "staff");
    if plural {
        Kind::Plural
    } else {
        Kind::Other
    }
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

    /// The entity a mention's text names.
    fn entity_of(&self, mention: &str) -> Option<&'a Entity> {
        self.by_key.get(&key_of(mention)).copied()
    }

    /// The speaker an entity is.
    fn speaker(&self, e: &Entity) -> Speaker {
        Speaker {
            name: e.name.clone(),
            kind: if e.kind == EntityKind::Person {
                Kind::Person
            } else {
                Kind::Body
            },
            named: true,
        }
    }

    /// The entity whose name appears in `text`: a person first, then the longest name.
    fn named_in(&self, text: &str) -> Option<&'a Entity> {
        let words: Vec<String> = key_of(text).split(' ').map(str::to_string).collect();
        let mut other = None;
        for len in (1..=words.len().min(5)).rev() {
            for (k, w) in words.windows(len).enumerate() {
                // a name before more words modifies them ("a Manchin aide", "Netanyahu's
                // office"), unless they are a suffix ("Joe Manchin III")
                let rest = &words[k + len..];
                let suffix = rest.iter().all(|r| NAME_SUFFIXES.contains(&r.as_str()))
                    || rest.first().is_some_and(|r| r == "of" || r == "from");
                if !suffix {
                    continue;
                }
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

    /// The one person with the role `role` ("former president", "kremlin spokesman"), or
    /// failing that the one whose role ends with the same word.
    fn by_role(&self, role: &str) -> Option<&'a Entity> {
        let one = |holders: Vec<&&'a Entity>| (holders.len() == 1).then(|| *holders[0]);
        let exact: Vec<&&Entity> = self
            .people
            .iter()
            .filter(|e| e.roles.iter().any(|r| r.eq_ignore_ascii_case(role)))
            .collect();
        if !exact.is_empty() {
            return one(exact);
        }
        let last = role.split_whitespace().last()?;
        one(self
            .people
            .iter()
            .filter(|e| {
                e.roles
                    .iter()
                    .any(|r| r.split_whitespace().last() == Some(last))
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::{find_mentions, merge};

    /// The quotes of one article, as (speaker, text).
    fn quotes_of(text: &str) -> Vec<(String, String)> {
        let a = Article {
            id: "a1".into(),
            text: text.into(),
            ..Default::default()
        };
        let articles = [a];
        let mentions = find_mentions(&articles);
        let refs: Vec<&Mention> = mentions[0].iter().collect();
        let entities = merge(&refs);
        story_quotes(&[&articles[0]], &[mentions[0].as_slice()], &entities)
            .into_iter()
            .map(|q| (q.speaker.unwrap_or_default(), q.text))
            .collect()
    }

    fn speaker_of(quotes: &[(String, String)], words: &str) -> String {
        quotes
            .iter()
            .find(|(_, t)| t.contains(words))
            .unwrap_or_else(|| panic!("no quote with {words:?} in {quotes:?}"))
            .0
            .clone()
    }

    #[test]
    fn he_added_is_the_last_speaker_not_the_last_name() {
        let q = quotes_of(
            "“We will keep talking,” President Joe Biden said on Monday at a news conference beside Prime Minister Mark Carney.\n“Nobody wants this to drag on,” he added.",
        );
        assert_eq!(speaker_of(&q, "drag on"), "Joe Biden");
    }

    #[test]
    fn a_pronoun_takes_the_subject_of_the_sentence_before() {
        let q = quotes_of(
            "Governor Maria Alvarez visited the flooded town of Brookfield on Tuesday with her deputy.\nShe said the state would pay for the repairs.",
        );
        assert_eq!(speaker_of(&q, "pay for the repairs"), "Maria Alvarez");
    }

    #[test]
    fn surname_and_title_are_one_speaker() {
        let q = quotes_of(
            "Senator Ellen Park said the vote would be close.\n“We have the numbers,” Park told reporters on Wednesday.",
        );
        assert_eq!(speaker_of(&q, "vote would be close"), "Ellen Park");
        assert_eq!(speaker_of(&q, "the numbers"), "Ellen Park");
    }

    #[test]
    fn a_description_is_the_entity_the_text_identifies() {
        let q = quotes_of(
            "Novaxa Inc. asked regulators on Monday to approve its new pill.\nThe company said the pill halved the risk of hospital stays in a trial of 1,200 patients.",
        );
        assert_eq!(speaker_of(&q, "halved the risk"), "Novaxa Inc.");
        let q = quotes_of(
            "Former President Donald Trump spoke at a rally in Ohio on Saturday.\nThe former president said the election had been stolen from him.",
        );
        assert_eq!(speaker_of(&q, "election had been stolen"), "Donald Trump");
    }

    #[test]
    fn it_and_they_and_who() {
        let q = quotes_of(
            "The Springfield Police Department cleared the officer on Monday.\nThe officer acted “within department policy,” it said.",
        );
        assert_eq!(
            speaker_of(&q, "department policy"),
            "Springfield Police Department"
        );
        let q = quotes_of(
            "The ruling came from Judge Ana Torres, who called it the “proper course” for the case.",
        );
        assert!(
            speaker_of(&q, "proper course").ends_with("Ana Torres"),
            "{q:?}"
        );
    }

    #[test]
    fn they_is_the_plural_subject_before() {
        let q = quotes_of(
            "Novaxa Pharmaceuticals and its partner Helix Therapeutics will ask regulators to approve the pill.\n“We expect a decision within a few weeks,” they said on Monday.",
        );
        let s = speaker_of(&q, "within a few weeks");
        assert!(s.contains("Novaxa") && s.contains("Helix"), "{s}");
    }

    #[test]
    fn the_company_is_a_one_word_name_the_entities_leave_out() {
        let q = quotes_of(
            "On Thursday, Corvalix released the results of its trial in older adults.\nThe drugmaker said its pill cut hospital stays by half.",
        );
        assert_eq!(speaker_of(&q, "hospital stays"), "Corvalix");
        let q = quotes_of(
            "In a trial, Corvalix's new pill cut hospital stays by half, the drugmaker said on Thursday.",
        );
        assert_eq!(speaker_of(&q, "hospital stays"), "Corvalix");
    }

    #[test]
    fn according_to_a_news_agency() {
        let q = quotes_of(
            "The national marriage rate fell again in 2020 despite hopes that the U.S. would see a “wedding boom” after the lockdowns. The rate is now at the “lowest level since officials began counting a century ago,” according to the Associated Press.",
        );
        assert_eq!(
            speaker_of(&q, "lowest level"),
            "the Associated Press",
            "{q:?}"
        );
    }

    #[test]
    fn allies_of_a_person_are_not_that_person() {
        let q = quotes_of(
            "Former President Maria Alvarez left office in May.\nAllies of former President Maria Alvarez said the inquiry was not needed.",
        );
        assert_eq!(
            speaker_of(&q, "inquiry was not needed"),
            "Allies of former President Maria Alvarez"
        );
    }

    #[test]
    fn the_company_is_the_name_that_spoke_before() {
        let q = quotes_of(
            "Corvalix said on Friday it will ask regulators to approve its pill.\nThe drugmaker said the pill cut hospital stays by half.",
        );
        assert_eq!(speaker_of(&q, "hospital stays"), "Corvalix");
    }

    #[test]
    fn the_company_is_not_a_name_that_modifies_a_noun() {
        let q = quotes_of(
            "On Friday, the drugmakers were formally asking the Biden administration to approve a pill for children.\n“This is an important step,” the pharmaceutical giant said.",
        );
        assert!(q.iter().all(|(s, _)| s != "Biden"), "{q:?}");
    }

    #[test]
    fn an_official_the_text_does_not_name_stays_a_description() {
        let q = quotes_of(
            "President Maria Alvarez will travel to Lisbon next week, a senior government official said on Tuesday.\nThe official said the trip would last three days.",
        );
        assert_eq!(
            speaker_of(&q, "trip would last"),
            "a senior government official"
        );
    }

    #[test]
    fn unresolved_pronouns_are_not_shown() {
        let q = quotes_of("“It was a long night,” he said.");
        assert!(q.is_empty(), "{q:?}");
    }
}
