//! What each party of a story demands, offers, accepts or rejects.
//!
//! A position is a stance a party states; where the clause does not say one, there is none.
//! A sentence is cut into clauses (at ";", dashes, ", but", ", though", ", while"). In each
//! clause a stance cue ("has demanded that", "insisted that", "is ready to", "has rejected",
//! "would not cede", "suggested a", "Moscow's demands, including") marks a position, unless it
//! is quoted speech, a noun ("a demand"), an infinitive ("pressure to accept") or a condition
//! ("if Ukraine rejects"); a negation before it ("did not seek") makes it a rejection. Each cue
//! must mean a stance: "would not" and "will not" only before a matter of will ("would not
//! cede", not "won't make sense"); "offer", "propose" and "suggest" only of something that can
//! be put forward ("a counter-proposal", "to halt the fighting", not "a defiant defense");
//! "wants to" and "seeks to" state an aim of the subject's own, not a demand.
//!
//! The holder is the subject of the cue's verb: the party named right before it, past
//! auxiliaries, adverbs, a time phrase and one aside ("Putin, who ..., has demanded"), or its
//! people as a body ("European nations have offered"); not a party merely named in the clause,
//! a population ("most Americans are ready"), a place the subject is in ("the embassy in
//! Kabul said") or the object of a relative clause ("what it wanted"). "It" stands for the
//! speaker of the reporting verb before it ("Kyiv has said it would not ...") or for the last
//! country or government that was a clause's subject in this sentence or the one before, "he"
//! and "she" likewise for a person; a clause opening on anyone else breaks the chain. After
//! "and" the clause's own subject holds the verb ("Putin warned ... and dismissed ..."). A
//! modal ("Zelensky said any plan must end the war") is a demand of the speaker, unless it looks
//! back ("should have left"). For a noun cue the holder is the word before it ("Russian
//! demands").
//!
//! The holder becomes a party: a country named, or the country its capital ("Kyiv"), people
//! ("Russian"), government ("the Kremlin", "the White House"), agency ("the U.S. Centers for
//! Disease Control") or leader's office ("Russian President" Putin) stands for; Europe and NATO
//! as alliances. What follows the cue is the position, when it is a statement of the holder's:
//! not one that opens on punctuation, breaks off ("..."), or runs into another source's
//! attribution ("..., Zelensky said", "according to a report"); a clause of its own after it
//! (", and they will ...") is cut off. It is split into one entry per item of a list ("abandon
//! its NATO bid, limit its army, and ..."); the same party's equal positions across articles are
//! one entry.

use crate::names::{NameFinder, NameMatch};
use crate::places;
use crate::reading::Sentence;
use dossier_model::{Entity, EntityKind, Position};
use once_cell::sync::Lazy;
use regex::Regex;
use std::collections::HashSet;

/// The verb cues of a stance, by stance.
const CUE_SOURCES: &[(&str, &str)] = &[
    (
        r"(?:has|have|had|also)\s+demanded|demanded|demands?\s+that|insists?\s+(?:on|that)|insisted\s+(?:on|that)|wants?|wanted|calls?\s+for|called\s+for|seeks?|sought|seeking|urged?|urges|pushe[sd]\s+for|push\s+for",
        "demands",
    ),
    (r"must|should|has\s+to|have\s+to|needs?\s+to", MODAL),
    (
        r"(?:is|are|was|were|it's|it’s|they're|they’re)?\s*(?:ready|willing|prepared)\s+to|offer(?:s|ed)?|propos(?:e|es|ed)|suggest(?:s|ed)?",
        "offers",
    ),
    (
        r"accept(?:s|ed)?|agree(?:s|d)?\s+to|endorse[sd]?",
        "accepts",
    ),
    (
        r"reject(?:s|ed)?|refuse[sd]?(?:\s+to)?|dismiss(?:es|ed)?|oppose[sd]?|ruled?\s+out|rules\s+out|would\s+not|will\s+not|won't|won’t|cannot\s+accept",
        "rejects",
    ),
];

fn cue(alternatives: &str) -> Regex {
    Regex::new(&format!(r"(?i)(?-u:\b)(?:{alternatives})(?-u:\b)")).expect("a valid cue")
}

static CUES: Lazy<Vec<(Regex, &'static str)>> = Lazy::new(|| {
    CUE_SOURCES
        .iter()
        .map(|(s, stance)| (cue(s), *stance))
        .collect()
});

/// Any cue at all: one pass that lets most clauses skip the five searches of [`CUES`].
static ANY_CUE: Lazy<Regex> = Lazy::new(|| {
    let all: Vec<&str> = CUE_SOURCES.iter().map(|(s, _)| *s).collect();
    cue(&all.join("|"))
});

/// A modal cue: a demand of whoever is reported as saying it.
const MODAL: &str = "modal";

/// Verbs that report what someone said or thinks: a subject after them is the reported one.
static SPEECH: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:said|says|say|stated|states|insisted|insists|warned|warns|reiterated|emphasi[sz]ed|added|argued|noted|declared|told|believes|believe|signalled|signaled|indicated|made clear|announced)(?-u:\b)(?:\s+that)?")
        .expect("a valid pattern")
});

/// Words that open a phrase before the subject ("Since the release of ..., Europe ...").
const OPENERS: &[&str] = &[
    "since",
    "as",
    "after",
    "before",
    "while",
    "when",
    "in",
    "on",
    "at",
    "following",
    "despite",
    "amid",
    "with",
    "without",
    "during",
    "although",
    "though",
    "if",
    "because",
    "under",
    "for",
    "by",
    "from",
    "according",
    "just",
    "speaking",
    "meanwhile",
    "however",
    "earlier",
    "later",
];

/// "Moscow's main demands, including ...", "Key Russian demands include ...".
static NOUN_CUE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:main\s+|key\s+|core\s+|central\s+)?demands?(?:,)?\s+(?:include|including|are|that)(?-u:\b)")
        .expect("a valid cue")
});

/// Governments and alliances named by their seat, office or short name.
const METONYMS: &[(&str, &str)] = &[
    ("Kremlin", "Russia"),
    ("White House", "United States"),
    ("Pentagon", "United States"),
    ("State Department", "United States"),
    ("Washington", "United States"),
    ("U.S.", "United States"),
    ("US", "United States"),
    ("USA", "United States"),
    ("America", "United States"),
    ("American", "United States"),
    ("Americans", "United States"),
    ("Downing Street", "United Kingdom"),
    ("Britain", "United Kingdom"),
    ("UK", "United Kingdom"),
    ("U.K.", "United Kingdom"),
    ("Elysee", "France"),
    ("Élysée", "France"),
    ("Brussels", "Europe"),
    ("EU", "Europe"),
    ("E.U.", "Europe"),
    ("European Union", "Europe"),
    ("European Commission", "Europe"),
    ("Europe", "Europe"),
    ("European", "Europe"),
    ("Europeans", "Europe"),
    ("NATO", "NATO"),
    ("Nato", "NATO"),
    ("Kiev", "Ukraine"),
    ("Russians", "Russia"),
    ("Ukrainians", "Ukraine"),
];

/// The positions of a story: `articles` are its member ids, `sentences` each member's
/// sentences, `entities` the story's entities.
pub fn story_positions(
    articles: &[&str],
    sentences: &[Vec<Sentence>],
    entities: &[Entity],
    names: &NameFinder,
) -> Vec<Position> {
    let sides = affiliations(sentences, names, entities);
    let parties = Parties {
        entities,
        sides: &sides,
    };
    let mut out: Vec<Position> = Vec::new();
    for (ai, ss) in sentences.iter().enumerate() {
        let mut last: Option<Antecedent> = None;
        // quotes are found in the paragraph (a quote may open in an earlier sentence), once
        // per paragraph
        let mut quoted: (usize, Vec<std::ops::Range<usize>>) = (usize::MAX, Vec::new());
        for (si, s) in ss.iter().enumerate() {
            if quoted.0 != s.paragraph {
                quoted = (s.paragraph, crate::quotes::quoted_spans(s.paragraph_text));
            }
            let quoted = &quoted.1;
            let base = s.paragraph_text.as_ptr() as usize;
            for clause in clauses(s.text) {
                let at = clause.as_ptr() as usize - base;
                let in_quotes = |k: usize| quoted.iter().any(|q| q.contains(&(at + k)));
                // most sentences are one clause, whose names are the sentence's
                let of_clause;
                let named = if clause.len() == s.text.len() {
                    s.names(names)
                } else {
                    of_clause = names.find(clause);
                    &of_clause
                };
                let found = clause_positions(clause, named, &parties, &mut last, si, &in_quotes);
                for found in found {
                    add(&mut out, found, articles[ai], s.text);
                }
            }
        }
    }
    out
}

/// What the story knows about who speaks for whom.
struct Parties<'a> {
    entities: &'a [Entity],
    /// entity index -> the party a person belongs to ("Russian President Vladimir Putin").
    sides: &'a std::collections::HashMap<usize, String>,
}

/// The party each person of the story speaks for, from the words written before their name
/// anywhere in the story ("Russian President Vladimir Putin", "US special envoy Steve
/// Witkoff", "Kremlin spokesman Dmitry Peskov"): the most frequent one.
fn affiliations(
    sentences: &[Vec<Sentence>],
    names: &NameFinder,
    entities: &[Entity],
) -> std::collections::HashMap<usize, String> {
    let mut votes: std::collections::HashMap<usize, std::collections::HashMap<String, usize>> =
        Default::default();
    for s in sentences.iter().flatten() {
        for m in s.names(names) {
            if entities[m.entity].kind != EntityKind::Person {
                continue;
            }
            let before: Vec<&str> = s.text[..m.start].split_whitespace().rev().take(4).collect();
            // stop at a break in the noun phrase ("said", a comma)
            for w in before {
                let clean = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
                if let Some(p) = party_of(clean, None) {
                    *votes.entry(m.entity).or_default().entry(p).or_default() += 1;
                    break;
                }
                if w.ends_with([',', ';', ':'])
                    || clean.chars().next().is_some_and(char::is_lowercase) && !is_title_word(clean)
                {
                    break;
                }
            }
        }
    }
    votes
        .into_iter()
        .filter_map(|(i, v)| {
            v.into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
                .map(|(p, _)| (i, p))
        })
        .collect()
}

/// Lower-case words of an office that may stand between a country and a name ("US special
/// envoy Steve Witkoff").
fn is_title_word(w: &str) -> bool {
    matches!(
        w,
        "president"
            | "prime"
            | "minister"
            | "foreign"
            | "defence"
            | "defense"
            | "special"
            | "envoy"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "aide"
            | "chief"
            | "secretary"
            | "general"
            | "leader"
            | "negotiator"
            | "official"
            | "ambassador"
            | "economic"
            | "top"
            | "senior"
            | "former"
            | "deputy"
            | "chancellor"
            | "state"
            | "national"
            | "security"
            | "adviser"
            | "advisor"
            | "head"
            | "coordinator"
            | "director"
            | "commissioner"
            | "administrator"
            | "press"
            | "representative"
            | "of"
            | "the"
    )
}

struct Found {
    party: String,
    holder: String,
    stance: &'static str,
    text: String,
}

fn add(out: &mut Vec<Position>, f: Found, article: &str, sentence: &str) {
    let words = |t: &str| -> HashSet<String> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() > 2)
            .map(str::to_lowercase)
            .collect()
    };
    let mine = words(&f.text);
    let same = out.iter_mut().find(|p| {
        p.party == f.party && p.stance == f.stance && {
            let theirs = words(&p.text);
            let inter = mine.intersection(&theirs).count() as f32;
            let union = mine.union(&theirs).count().max(1) as f32;
            inter / union >= 0.5
        }
    });
    match same {
        Some(p) => {
            if !p.articles.iter().any(|a| a == article) {
                p.articles.push(article.to_string());
            }
        }
        None => out.push(Position {
            party: f.party,
            stance: f.stance.to_string(),
            text: f.text,
            holder: f.holder,
            sentence: sentence.to_string(),
            articles: vec![article.to_string()],
        }),
    }
}

/// The clauses of a sentence.
fn clauses(s: &str) -> Vec<&str> {
    static SPLIT: Lazy<Regex> = Lazy::new(|| {
        Regex::new(r";|\s?[—–]\s?|\s-\s|,\s+(?:but|though|although|while|whereas)\s")
            .expect("valid")
    });
    SPLIT
        .split(s)
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect()
}

/// The party a term stands for, if any.
fn party_of(term: &str, entity: Option<&Entity>) -> Option<String> {
    let t = term.trim_end_matches("'s").trim_end_matches("’s");
    if let Some(e) = entity {
        match e.kind {
            EntityKind::Person => {
                // a person's side comes from `affiliations`; here only an office that names it
                return e.roles.iter().find_map(|r| {
                    r.split_whitespace().find_map(|w| {
                        metonym(w).or_else(|| places::country_of(w).map(str::to_string))
                    })
                });
            }
            _ => {
                return metonym(&e.name)
                    .or_else(|| e.aliases.iter().find_map(|a| metonym(a)))
                    .or_else(|| places::country_of(&e.name).map(str::to_string));
            }
        }
    }
    metonym(t).or_else(|| {
        // "Moscows": a possessive that lost its apostrophe
        places::country_of(t)
            .or_else(|| t.strip_suffix('s').and_then(places::country_of))
            .map(str::to_string)
    })
}

/// How many words' parties a thread remembers before it starts afresh.
const PARTIES_REMEMBERED: usize = 50_000;

thread_local! {
    static WORD_PARTIES: std::cell::RefCell<dossier_memo::Memo<String, Option<String>>> =
        std::cell::RefCell::new(dossier_memo::Memo::new(PARTIES_REMEMBERED));
}

/// [`party_of`] a capitalised word alone, remembered per thread: the same few names and
/// demonyms recur in every clause, and each look-up lower-cases and searches the gazetteer.
fn word_party(w: &str) -> Option<String> {
    WORD_PARTIES.with_borrow_mut(|known| {
        if let Some(p) = known.get(w) {
            return p.clone();
        }
        let p = party_of(w, None);
        known.insert(w.to_string(), p.clone());
        p
    })
}

fn metonym(w: &str) -> Option<String> {
    let w = w
        .trim_start_matches("the ")
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
    METONYMS
        .iter()
        .find(|(k, _)| *k == w)
        .map(|(_, p)| p.to_string())
}

/// A party named in a clause: where, as written, the party it stands for, and whether it is a
/// person ("Putin") or a country, capital, people or government ("Kyiv", "the Kremlin").
#[derive(Debug, Clone)]
struct Term {
    start: usize,
    end: usize,
    text: String,
    party: String,
    person: bool,
}

/// The subject a pronoun can stand for: the last clause subject that was a party, in this
/// sentence or the one before.
#[derive(Debug, Clone)]
struct Antecedent {
    holder: String,
    party: String,
    person: bool,
    sentence: usize,
}

/// The party terms of a text, in order.
fn party_terms(text: &str, named: &[NameMatch], parties: &Parties) -> Vec<Term> {
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut out = Vec::new();
    for m in named {
        let entity = &parties.entities[m.entity];
        let side = parties.sides.get(&m.entity).cloned();
        let term = &text[m.start..m.end];
        if let Some(p) = side.or_else(|| party_of(term, Some(entity))) {
            taken.push((m.start, m.end));
            out.push(Term {
                start: m.start,
                end: m.end,
                text: term.to_string(),
                party: p,
                person: entity.kind == EntityKind::Person,
            });
        } else if entity.kind == EntityKind::Organization {
            // "the U.S. Centers for Disease Control", "Russia's Defence Ministry": an agency of
            // the party named right before it
            let head = text[..m.start].trim_end();
            let word_start = head.rfind(char::is_whitespace).map_or(0, |k| k + 1);
            let word = &head[word_start..];
            let free = !taken.iter().any(|&(a, b)| word_start < b && a < m.end);
            if free && word.chars().next().is_some_and(char::is_uppercase) && head.len() < m.start {
                if let Some(p) = word_party(word.trim_end_matches(['\'', '’', 's'])) {
                    taken.push((word_start, m.end));
                    out.push(Term {
                        start: word_start,
                        end: m.end,
                        text: text[word_start..m.end].to_string(),
                        party: p,
                        person: false,
                    });
                }
            }
        }
    }
    // capitalised words the entities missed: "Russian", "Kyiv", "European"
    let mut offset = 0;
    for word in text.split_inclusive(|c: char| c.is_whitespace()) {
        let w = word
            .trim()
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '\'' && c != '’');
        // `w` is a slice of `word` (the same as `word.find(w)`, without building a searcher)
        let at = offset + (w.as_ptr() as usize - word.as_ptr() as usize);
        offset += word.len();
        if w.is_empty() || taken.iter().any(|&(a, b)| at < b && a < at + w.len()) {
            continue;
        }
        if w.chars().next().is_some_and(char::is_uppercase) {
            if let Some(p) = word_party(w) {
                out.push(Term {
                    start: at,
                    end: at + w.len(),
                    text: w.to_string(),
                    party: p,
                    person: false,
                });
            }
        }
    }
    out.sort_by_key(|t| t.start);
    // "Ukrainian President Volodymyr Zelensky": the person, not the word for their country
    let mut k = 0;
    while k + 1 < out.len() {
        if out[k + 1].start < out[k].end {
            out.remove(k + 1); // one name inside another's span
            continue;
        }
        let between = &text[out[k].end..out[k + 1].start];
        let office = between.split_whitespace().all(|w| {
            is_title_word(&w.to_lowercase()) || w.chars().next().is_some_and(char::is_uppercase)
        });
        if office && between.split_whitespace().count() <= 3 && out[k].party == out[k + 1].party {
            out.remove(k);
        } else {
            k += 1;
        }
    }
    out
}

/// Nouns for the people who act for a party ("European nations", "Russian officials").
fn is_group_noun(w: &str) -> bool {
    matches!(
        w,
        "nations"
            | "countries"
            | "leaders"
            | "officials"
            | "government"
            | "governments"
            | "negotiators"
            | "diplomats"
            | "authorities"
            | "allies"
            | "ministers"
            | "delegation"
            | "side"
            | "forces"
            | "military"
    )
}

/// What stands first in a clause, past an opening phrase and a connective.
enum Subject {
    /// A party ("Moscow has ...", "Russian President Vladimir Putin said ...").
    Party(usize),
    /// "it", "he", "she", "they".
    Pronoun,
    /// Someone or something else ("The company said ...", "Biden said ..."), so a later "it"
    /// or "he" no longer stands for the party before.
    Other,
    /// Nothing to tell.
    Unknown,
}

fn clause_subject(clause: &str, terms: &[Term]) -> Subject {
    let from = opening_phrase_end(clause);
    let mut at = from;
    for w in clause[from..].split_inclusive(char::is_whitespace) {
        let bare = w.trim().trim_matches(|c: char| !c.is_alphanumeric());
        if matches!(
            bare.to_lowercase().as_str(),
            "and" | "but" | "though" | "although" | "while" | "whereas" | "yet" | "so"
        ) {
            at += w.len();
        } else {
            break;
        }
    }
    let first = clause[at..].split_whitespace().next().unwrap_or("");
    let bare = first.trim_matches(|c: char| !c.is_alphanumeric());
    if ["it", "he", "she", "they"]
        .iter()
        .any(|p| bare.eq_ignore_ascii_case(p))
    {
        return Subject::Pronoun;
    }
    // the subject's words up to a party: "the", titles and capitalised words ("Russian
    // President Vladimir Putin", "the Kremlin")
    if let Some(k) = terms.iter().position(|t| t.start >= at) {
        let lead: Vec<&str> = clause[at..terms[k].start].split_whitespace().collect();
        let in_subject = lead.len() <= 4
            && lead.iter().all(|w| {
                let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
                is_title_word(&w.to_lowercase()) || w.chars().next().is_some_and(char::is_uppercase)
            })
            && !lead.iter().any(|w| w.ends_with(','));
        if in_subject {
            return Subject::Party(k);
        }
    }
    if bare.chars().next().is_some_and(char::is_uppercase) {
        Subject::Other
    } else {
        Subject::Unknown
    }
}

/// Marks a holder found through a pronoun ("it", "he"): the subject named before stands in.
const PRONOUN: &str = "\u{1}";

/// Words of a verb group that may stand between a subject and its stance verb ("Moscow has
/// also repeatedly demanded", "Kyiv would not").
fn is_verb_group_word(w: &str) -> bool {
    matches!(
        w,
        "has"
            | "have"
            | "had"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "will"
            | "would"
            | "could"
            | "can"
            | "may"
            | "might"
            | "shall"
            | "did"
            | "does"
            | "do"
            | "not"
            | "never"
            | "also"
            | "still"
            | "now"
            | "again"
            | "already"
            | "repeatedly"
            | "reportedly"
            | "publicly"
            | "formally"
            | "officially"
            | "firmly"
            | "flatly"
            | "strongly"
            | "further"
            | "then"
            | "once"
            | "previously"
            | "recently"
            | "initially"
            | "openly"
            | "immediately"
            | "privately"
            | "explicitly"
            | "long"
            | "quickly"
            | "swiftly"
    ) || w.ends_with("n't")
        || w.ends_with("n’t")
}

/// Words of a time phrase between a subject and its verb ("Ukraine on Monday rejected", "Kyiv
/// earlier this week offered").
fn is_time_word(w: &str) -> bool {
    matches!(
        w,
        "on" | "last"
            | "this"
            | "earlier"
            | "later"
            | "week"
            | "month"
            | "year"
            | "night"
            | "morning"
            | "afternoon"
            | "evening"
            | "today"
            | "yesterday"
            | "tonight"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
    )
}

/// Where the subject of a verb at `at` ends: before the verb group, a time phrase and one
/// aside set off by commas ("Putin, who received the envoys, signalled ...").
fn subject_end(clause: &str, at: usize) -> usize {
    let mut end = clause[..at].trim_end().len();
    let mut aside_skipped = false;
    loop {
        let head = &clause[..end];
        let word_start = head.rfind(char::is_whitespace).map_or(0, |k| {
            k + head[k..].chars().next().map_or(1, char::len_utf8)
        });
        let word = &head[word_start..];
        let lower = word.to_lowercase();
        if word.is_empty() {
            return end;
        }
        if word.ends_with(',') {
            if aside_skipped {
                return end;
            }
            // an aside: back to the comma that opens it, if it is short
            let inner = &head[..end - 1];
            let Some(open) = inner.rfind(", ") else {
                return end;
            };
            if inner[open + 2..].split_whitespace().count() > 15 {
                return end;
            }
            aside_skipped = true;
            end = open;
            continue;
        }
        if is_verb_group_word(&lower) || is_time_word(&lower) {
            end = head[..word_start].trim_end().len();
            continue;
        }
        return end;
    }
}

/// Who the subject of a verb at `at` is, as a party: the party named right before it, "it"
/// or "he" for the speaker of the reporting verb before ("Kyiv has said it would not ...") or
/// for the subject before, and after "and" the clause's own subject ("Putin warned ... and
/// dismissed ...").
fn holder_at(
    clause: &str,
    at: usize,
    terms: &[Term],
    subject: Option<&Term>,
    last: &Option<Antecedent>,
) -> Option<(String, String)> {
    let end = subject_end(clause, at);
    let head = &clause[..end];
    let word_start = head.rfind(char::is_whitespace).map_or(0, |k| k + 1);
    let word = head[word_start..].to_lowercase();
    // "Moscow has ...", or "European nations have ...": the party, or its people as a body
    let party_end = if is_group_noun(&word) {
        head[..word_start].trim_end().len()
    } else {
        end
    };
    if let Some(t) = terms.iter().find(|t| t.end == party_end) {
        return heads_subject(clause, t).then(|| (t.text.clone(), t.party.clone()));
    }
    let relative = head[..word_start]
        .split_whitespace()
        .next_back()
        .is_some_and(|w| matches!(w.to_lowercase().as_str(), "what" | "whatever" | "which"));
    match word.as_str() {
        // "what it wanted": the stance's object stands before it
        "it" | "he" | "she" if relative => None,
        "it" | "he" | "she" => pronoun_holder(clause, word_start, word == "it", terms, last),
        "and" => subject.map(|t| (t.text.clone(), t.party.clone())),
        // "President Biden, who demanded ...": the one the relative clause is about
        "who" => {
            let before = head[..word_start].trim_end().strip_suffix(',')?;
            terms
                .iter()
                .find(|t| t.end == before.len() && t.person)
                .map(|t| (t.text.clone(), t.party.clone()))
        }
        _ => {
            // "Israel and Hamas agreed ...": the party of a pair named together
            let pair = head[..word_start].trim_end().strip_suffix(" and")?;
            let named = word.chars().next().is_some_and(char::is_alphabetic)
                && head[word_start..].starts_with(char::is_uppercase);
            if !named {
                return None;
            }
            terms
                .iter()
                .find(|t| t.end == pair.len())
                .map(|t| (t.text.clone(), t.party.clone()))
        }
    }
}

/// Whether a party named right before a verb heads its subject: not a people counted as a
/// population ("most Americans are ready to ..."), not a place a subject is in or from ("the
/// U.S. embassy in Afghanistan said ..."), not the object of a relative clause ("what it
/// wanted"); "the president of Iran" and "the member states of the European Union" are the
/// party's own.
fn heads_subject(clause: &str, t: &Term) -> bool {
    let lower = t.text.to_lowercase();
    if !t.person && lower.ends_with("ans") {
        return false; // "Americans", "Russians", "Europeans": people, not a government
    }
    let mut before = clause[..t.start].split_whitespace().rev().map(|w| {
        w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
            .to_lowercase()
    });
    let mut word = before.next().unwrap_or_default();
    if word == "the" {
        word = before.next().unwrap_or_default();
    }
    match word.as_str() {
        "what" | "whatever" | "which" => false,
        "in" | "at" | "from" | "to" | "with" | "for" | "on" | "by" | "against" | "over"
        | "near" | "into" | "about" | "between" => false,
        "of" => before.next().is_some_and(|h| {
            is_title_word(&h)
                || is_group_noun(&h)
                || matches!(h.as_str(), "president-elect" | "states" | "members")
        }),
        _ => true,
    }
}

/// What a pronoun at `at` stands for: the speaker when it follows a reporting verb ("Kyiv
/// said it ..."), else the subject before; "it" only for a country or government, "he" and
/// "she" only for a person.
fn pronoun_holder(
    clause: &str,
    at: usize,
    thing: bool,
    terms: &[Term],
    last: &Option<Antecedent>,
) -> Option<(String, String)> {
    let head = clause[..at].trim_end();
    let head = head.strip_suffix(" that").unwrap_or(head);
    let speech = SPEECH
        .find_iter(head)
        .last()
        .filter(|m| m.end() == head.len() || head[..m.end()].trim_end().len() == head.len());
    if let Some(m) = speech {
        let end = subject_end(clause, m.start());
        return terms
            .iter()
            .find(|t| t.end == end && t.person != thing && heads_subject(clause, t))
            .map(|t| (format!("{PRONOUN}{}", t.text), t.party.clone()));
    }
    last.as_ref()
        .filter(|l| l.person != thing)
        .map(|l| (format!("{PRONOUN}{}", l.holder), l.party.clone()))
}

/// Verbs whose refusal is a stance ("would not cede", "will not accept"): after "would not" and
/// "will not", anything else is a forecast ("won't make sense", "would not strike").
fn is_volitional(w: &str) -> bool {
    matches!(
        w,
        "accept"
            | "allow"
            | "agree"
            | "cede"
            | "recognize"
            | "recognise"
            | "give"
            | "surrender"
            | "withdraw"
            | "negotiate"
            | "tolerate"
            | "back"
            | "budge"
            | "compromise"
            | "permit"
            | "sign"
            | "join"
            | "abandon"
            | "hand"
            | "relinquish"
            | "yield"
            | "support"
            | "endorse"
            | "approve"
            | "rule"
            | "drop"
            | "renounce"
            | "stop"
            | "halt"
            | "lift"
            | "resume"
    )
}

/// What may be offered or proposed: a stance's object ("offered a counter-proposal",
/// "suggested a 10-year security guarantee"), not any noun ("offered a defense").
fn is_proposal_noun(w: &str) -> bool {
    let w = w.strip_suffix('s').unwrap_or(w);
    matches!(
        w,
        "deal"
            | "plan"
            | "proposal"
            | "counter-proposal"
            | "counterproposal"
            | "ceasefire"
            | "cease-fire"
            | "truce"
            | "talk"
            | "negotiation"
            | "concession"
            | "compromise"
            | "guarantee"
            | "aid"
            | "assistance"
            | "help"
            | "money"
            | "fund"
            | "funding"
            | "loan"
            | "settlement"
            | "term"
            | "amnesty"
            | "exchange"
            | "swap"
            | "package"
            | "agreement"
            | "peace"
            | "framework"
            | "incentive"
            | "compensation"
            | "reward"
            | "asylum"
            | "weapon"
            | "arm"
            | "troop"
            | "vaccine"
            | "dose"
            | "resolution"
            | "solution"
            | "mediation"
            | "dialogue"
            | "meeting"
            | "summit"
            | "referendum"
            | "pause"
            | "moratorium"
    )
}

/// Verbs after a stance that say nothing of the matter: declining to say is not a stance.
fn is_saying(w: &str) -> bool {
    matches!(
        w,
        "specify"
            | "say"
            | "comment"
            | "disclose"
            | "elaborate"
            | "confirm"
            | "discuss"
            | "reveal"
            | "name"
            | "answer"
            | "talk"
            | "speak"
    )
}

/// The lower-cased words after `at`, without punctuation.
fn words_after(clause: &str, at: usize, n: usize) -> Vec<String> {
    clause[at..]
        .split_whitespace()
        .take(n)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
                .to_lowercase()
        })
        .collect()
}

/// The positions stated in one clause, whose entity names are `named`.
fn clause_positions(
    clause: &str,
    named: &[NameMatch],
    parties: &Parties,
    last: &mut Option<Antecedent>,
    sentence: usize,
    in_quotes: &dyn Fn(usize) -> bool,
) -> Vec<Found> {
    if last.as_ref().is_some_and(|l| l.sentence + 1 < sentence) {
        *last = None; // a pronoun reaches back one sentence at most
    }
    let terms = party_terms(clause, named, parties);
    let clean = |h: &str| h.trim_start_matches(PRONOUN).to_string();
    let mut out = Vec::new();
    // noun cues: the party is the word right before ("Moscow's demands", "Russian demands")
    for m in NOUN_CUE.find_iter(clause) {
        if in_quotes(m.start()) {
            continue;
        }
        // "demands that Ukraine has rejected": a relative clause, not the demands' content
        let after: Vec<&str> = clause[m.end()..].split_whitespace().take(4).collect();
        if m.as_str().ends_with("that")
            && after
                .iter()
                .any(|w| matches!(*w, "has" | "have" | "had" | "is" | "was" | "were" | "are"))
        {
            continue;
        }
        let before = terms.iter().rfind(|t| {
            t.end <= m.start() && clause[t.end..m.start()].split_whitespace().nth(2).is_none()
        });
        let Some(t) = before else { continue };
        let Some(content) = content_of(&clause[m.end()..], &t.text) else {
            continue;
        };
        for item in items(&content) {
            out.push(Found {
                party: t.party.clone(),
                holder: t.text.clone(),
                stance: "demands",
                text: item,
            });
        }
    }
    let subject = match clause_subject(clause, &terms) {
        Subject::Party(k) => {
            let t = &terms[k];
            *last = Some(Antecedent {
                holder: t.text.clone(),
                party: t.party.clone(),
                person: t.person,
                sentence,
            });
            Some(t)
        }
        Subject::Other => {
            *last = None;
            None
        }
        Subject::Pronoun | Subject::Unknown => None,
    };
    if !ANY_CUE.is_match(clause) {
        return out; // no cue, so no stance below
    }
    let nouns: Vec<(usize, usize)> = NOUN_CUE
        .find_iter(clause)
        .map(|n| (n.start(), n.end()))
        .collect();
    let mut cues: Vec<(usize, usize, &'static str)> = CUES
        .iter()
        .flat_map(|(re, stance)| {
            re.find_iter(clause)
                .map(move |m| (m.start(), m.end(), *stance))
        })
        .filter(|(s, e, _)| !nouns.iter().any(|n| *s < n.1 && n.0 < *e))
        .filter(|(s, e, _)| !in_quotes(*s) && plain_verb(clause, *s, *e))
        .collect();
    cues.sort();
    let Some(&(start, end, stance)) = cues.first() else {
        return out;
    };
    let cue = clause[start..end].to_lowercase();
    let next = words_after(clause, end, 6);
    let (holder, party, text_from, stance) = if stance == MODAL {
        // "Zelensky said (that) any plan must end the war": a demand of the speaker, read
        // from the reported clause; "should have left" looks back, it demands nothing
        if next.first().is_some_and(|w| w == "have") {
            return out;
        }
        let Some(m) = SPEECH.find_iter(&clause[..start]).last() else {
            return out;
        };
        let reported = clause[m.end()..start].trim_start();
        // "said on Monday that any plan must ...": the reported clause starts after "that"
        let reported = match reported.rfind("that ") {
            Some(k) if k == 0 || reported[..k].ends_with(' ') => &reported[k + "that ".len()..],
            _ => reported,
        };
        if reported.split_whitespace().count() > 10 || reported.contains(',') {
            return out;
        }
        let Some((holder, party)) = holder_at(clause, m.start(), &terms, subject, last) else {
            return out;
        };
        (holder, party, start - reported.len(), "demands")
    } else {
        let negated = clause[..start]
            .split_whitespace()
            .rev()
            .take(2)
            .any(|w| matches!(w, "not" | "never") || w.ends_with("n't") || w.ends_with("n’t"));
        // "has not dismissed": not a stance either way
        if negated && stance == "rejects" {
            return out;
        }
        // "would not strike", "won't make sense": a forecast unless what is refused is a
        // matter of will ("would not cede")
        if ["would not", "will not", "won't", "won’t"].contains(&cue.as_str()) {
            let verb = next.iter().find(|w| !is_verb_group_word(w));
            if !verb.is_some_and(|v| is_volitional(v)) {
                return out;
            }
        }
        // "wants to talk", "sought to strengthen": an aim of its own, not a demand on another
        let aim = ["want", "seek", "sought"]
            .iter()
            .any(|v| cue.starts_with(v));
        if aim && next.first().is_some_and(|w| w == "to") {
            return out;
        }
        // "offered a defiant defense": only what can be put forward is an offer
        if ["offer", "propos", "suggest"]
            .iter()
            .any(|v| cue.starts_with(v))
        {
            let to = next.first().is_some_and(|w| w == "to" || w == "that");
            if !to && !next.iter().take(5).any(|w| is_proposal_noun(w)) {
                return out;
            }
        }
        // "it's ready to": the cue holds its own subject
        let own_pronoun = ["it's", "it’s"].iter().any(|p| cue.starts_with(p));
        let found = if own_pronoun {
            pronoun_holder(clause, start, true, &terms, last)
        } else {
            holder_at(clause, start, &terms, subject, last)
        };
        let Some((holder, party)) = found else {
            return out;
        };
        let stance = if negated { "rejects" } else { stance };
        (holder, party, end, stance)
    };
    // "refused to specify which points ...": declining to say is not a stance
    let first = next.iter().find(|w| *w != "to").map(String::as_str);
    if first.is_some_and(is_saying) {
        return out;
    }
    let Some(content) = content_of(&clause[text_from..], &clean(&holder)) else {
        return out;
    };
    for item in items(&content) {
        out.push(Found {
            party: party.clone(),
            holder: clean(&holder),
            stance,
            text: item,
        });
    }
    out
}

/// What a position says, from the words after its cue: `None` when it is not a well-formed
/// statement of the holder's: it opens on punctuation (", however, ..."), breaks off ("...")
/// or runs into another source's attribution ("..., Zelensky said", "according to a new
/// book"). The holder's own attribution at its end is cut off.
fn content_of(rest: &str, holder: &str) -> Option<String> {
    static ATTRIBUTION: Lazy<Regex> = Lazy::new(|| {
        Regex::new(r#"(?i),["”’']?\s+(?:([^,]{1,60}?)\s+(?:said|says|told|added|wrote|tweeted|stated)|according\s+to)(?-u:\b)"#)
            .expect("valid")
    });
    let rest = rest.trim();
    if !rest
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || "\"“'‘$".contains(c))
    {
        return None;
    }
    let unquoted = rest.trim_end_matches(['"', '”', '’', '\'']);
    if unquoted.ends_with("..") || unquoted.ends_with('…') {
        return None;
    }
    // ", and they'll meet ...": a clause of its own, with its own subject
    static NEXT_CLAUSE: Lazy<Regex> = Lazy::new(|| {
        Regex::new(r#"(?i),["”’']?\s+(?:and|but)\s+(?:he|she|it|they|we|i)(?-u:\b)"#)
            .expect("valid")
    });
    let cut;
    let rest = match NEXT_CLAUSE.find(rest) {
        Some(m) => {
            // a quotation the cut leaves open is closed again ("an infrastructure
            // “framework,” and they ..." -> an infrastructure “framework”)
            let mut kept = rest[..m.start()].to_string();
            if kept.matches('"').count() % 2 == 1 {
                kept.push('"');
            } else if kept.matches('“').count() > kept.matches('”').count() {
                kept.push('”');
            }
            cut = kept;
            cut.as_str()
        }
        None => rest,
    };
    let Some(m) = ATTRIBUTION.captures(rest) else {
        return Some(rest.to_string());
    };
    let speaker = m.get(1).map_or("", |s| s.as_str()).trim();
    // ", and U.S. officials stated ...": a clause of its own after the position
    let joined = ["and ", "but ", "while "]
        .iter()
        .any(|j| speaker.to_lowercase().starts_with(j));
    let own = matches!(speaker.to_lowercase().as_str(), "he" | "she" | "it")
        || (!speaker.is_empty() && speaker.contains(holder))
        || joined;
    own.then(|| rest[..m.get(0).expect("whole match").start()].to_string())
}

/// Where a clause's subject may start: after an opening phrase ("Since the release of the
/// U.S. draft proposals, ...") when the clause has one.
fn opening_phrase_end(clause: &str) -> usize {
    let first = clause
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase();
    if OPENERS.contains(&first.trim_matches(|c: char| !c.is_alphanumeric())) {
        if let Some(k) = clause.find(", ") {
            return k + 2;
        }
    }
    0
}

/// Whether a cue at `start..end` is a verb with a content after it: not a noun ("a demand",
/// "an offer"), not an infinitive ("pressure to accept"), not a condition ("if Ukraine
/// rejects").
fn plain_verb(clause: &str, start: usize, end: usize) -> bool {
    let before: Vec<String> = clause[..start]
        .split_whitespace()
        .rev()
        .take(6)
        .map(|w| w.to_lowercase())
        .collect();
    let cue = clause[start..end].to_lowercase();
    if let Some(prev) = before.first() {
        let determiner = matches!(
            prev.as_str(),
            "a" | "an"
                | "the"
                | "these"
                | "those"
                | "this"
                | "its"
                | "their"
                | "his"
                | "her"
                | "our"
                | "my"
                | "your"
        ) || prev.ends_with("'s")
            || prev.ends_with("’s");
        let infinitive = prev == "to" && !cue.ends_with(" to");
        if determiner || infinitive {
            return false;
        }
    }
    !before
        .iter()
        .any(|w| matches!(w.as_str(), "if" | "unless" | "whether"))
}

/// The items of what follows a cue: a list of three or more ("abandon its bid to join NATO,
/// limit the size of its army, and recognize ...") is one item each; anything else is one.
fn items(rest: &str) -> Vec<String> {
    let rest = rest
        .trim()
        .trim_start_matches("that ")
        .trim_end_matches(['.', '!', '?'])
        .trim();
    let first = rest.split_whitespace().next().unwrap_or("");
    if rest.split_whitespace().nth(1).is_none()
        || matches!(
            first,
            "as" | "by" | "in" | "on" | "at" | "through" | "from" | "with" | "during" | "after"
        )
    {
        return Vec::new();
    }
    let has_final = rest.contains(", and ") || rest.contains(", or ");
    let parts: Vec<&str> = rest.split(", ").collect();
    if !has_final || parts.len() < 3 {
        return vec![rest.to_string()];
    }
    // a part that starts with a name or "and Name" continues the item before it (a list of
    // places inside one demand)
    let mut merged: Vec<String> = Vec::new();
    for (k, part) in parts.iter().enumerate() {
        let p = part.trim_start_matches("and ").trim_start_matches("or ");
        let continues = k > 0
            && (p.chars().next().is_some_and(char::is_uppercase)
                || p.starts_with("alongside")
                || p.split_whitespace().count() == 1);
        match merged.last_mut() {
            Some(prev) if continues => {
                prev.push_str(", ");
                prev.push_str(part);
            }
            _ => merged.push(p.to_string()),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_model::Article;

    /// The positions of one article whose people are `people` (full name, then surname).
    fn positions_of(text: &str, people: &[(&str, &str)]) -> Vec<(String, String, String)> {
        let a = Article {
            id: "a".into(),
            text: text.into(),
            ..Default::default()
        };
        let entities: Vec<Entity> = people
            .iter()
            .map(|(name, surname)| Entity {
                name: name.to_string(),
                kind: EntityKind::Person,
                aliases: vec![surname.to_string()],
                roles: Vec::new(),
                articles: vec!["a".into()],
                link: None,
            })
            .collect();
        let names = NameFinder::new(&entities, 1);
        let read = vec![crate::reading::read(&a)];
        story_positions(&["a"], &read, &entities, &names)
            .into_iter()
            .map(|p| (p.party, p.stance, p.text))
            .collect()
    }

    #[test]
    fn an_agency_named_with_its_country_speaks_for_it() {
        let a = Article {
            id: "a".into(),
            text: "The Japanese Fisheries Agency has rejected the new quota for tuna.".into(),
            ..Default::default()
        };
        let entities = vec![Entity {
            name: "Fisheries Agency".into(),
            kind: EntityKind::Organization,
            aliases: Vec::new(),
            roles: Vec::new(),
            articles: vec!["a".into()],
            link: None,
        }];
        let names = NameFinder::new(&entities, 1);
        let read = vec![crate::reading::read(&a)];
        let found = story_positions(&["a"], &read, &entities, &names);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            (found[0].party.as_str(), found[0].stance.as_str()),
            ("Japan", "rejects")
        );
        assert_eq!(found[0].holder, "Japanese Fisheries Agency");
    }

    fn has(found: &[(String, String, String)], party: &str, stance: &str, text: &str) -> bool {
        found
            .iter()
            .any(|(p, s, t)| p == party && s == stance && t.contains(text))
    }

    #[test]
    fn the_party_is_the_subject_of_the_stance_verb() {
        let found = positions_of(
            "Finland has demanded that Moscow return the seized ferries.\n\nTalks in Helsinki ended without a deal, and Swedish officials urged both sides to keep talking.",
            &[],
        );
        assert!(
            has(
                &found,
                "Finland",
                "demands",
                "Moscow return the seized ferries"
            ),
            "{found:?}"
        );
        assert!(
            has(&found, "Sweden", "demands", "both sides to keep talking"),
            "{found:?}"
        );
        // a party merely named near the verb holds nothing
        let found = positions_of(
            "Tourists stranded in Norway want refunds from the airline.\n\nThe U.S. embassy in Chile said it would seek compensation for the families.",
            &[],
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn someone_elses_readiness_is_not_the_speakers_offer() {
        let found = positions_of(
            "Russian President Vladimir Putin said his troops were ready to push on until every goal is met.",
            &[("Vladimir Putin", "Putin")],
        );
        assert!(found.is_empty(), "{found:?}");
        let found = positions_of(
            "Kyiv has said it is ready to freeze the fighting along the current line.",
            &[],
        );
        assert!(
            has(&found, "Ukraine", "offers", "freeze the fighting"),
            "{found:?}"
        );
    }

    #[test]
    fn an_aim_of_ones_own_is_not_a_demand() {
        let found = positions_of(
            "The White House wanted to brief reporters after the meeting.\n\nFrance is seeking to widen its trade ties with Brazil.",
            &[],
        );
        assert!(found.is_empty(), "{found:?}");
        let found = positions_of("Poland wants stronger guarantees from its allies.", &[]);
        assert!(
            has(&found, "Poland", "demands", "stronger guarantees"),
            "{found:?}"
        );
    }

    #[test]
    fn a_forecast_is_not_a_refusal() {
        let found = positions_of(
            "Experts say Japan won't recover its tourism numbers this year.\n\nJapan will not allow fishing boats into the disputed waters.",
            &[],
        );
        assert!(!found.iter().any(|f| f.2.contains("recover")), "{found:?}");
        assert!(
            has(&found, "Japan", "rejects", "allow fishing boats"),
            "{found:?}"
        );
    }

    #[test]
    fn only_what_can_be_put_forward_is_an_offer() {
        let found = positions_of(
            "Canada offered a spirited defence of its climate record.\n\nCanada offered a loan of $2 billion to the utility.",
            &[],
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            has(&found, "Canada", "offers", "a loan of $2 billion"),
            "{found:?}"
        );
    }

    #[test]
    fn content_running_into_another_speakers_words_is_no_position() {
        let found = positions_of(
            "Germany demanded an inquiry into the crash, Polish prosecutors said on Friday.\n\nIndia rejected the proposal, according to a report in a local paper.",
            &[],
        );
        assert!(found.is_empty(), "{found:?}");
        let found = positions_of("Germany demanded an inquiry into the crash, it said.", &[]);
        assert!(
            has(&found, "Germany", "demands", "an inquiry into the crash"),
            "{found:?}"
        );
        assert!(!found.iter().any(|f| f.2.contains("said")), "{found:?}");
    }

    #[test]
    fn a_pronoun_stands_for_the_last_party_of_its_kind_nearby() {
        let found = positions_of(
            "Moscow has rejected the ceasefire plan.\n\nIt has also demanded that the sanctions be lifted.",
            &[],
        );
        assert!(
            has(&found, "Russia", "demands", "the sanctions be lifted"),
            "{found:?}"
        );
        // another subject in between: "it" no longer stands for Moscow
        let found = positions_of(
            "Moscow has rejected the ceasefire plan.\n\nThe company that runs the pipeline sent a letter.\n\nIt has also demanded that the sanctions be lifted.",
            &[],
        );
        assert!(
            !found.iter().any(|f| f.2.contains("sanctions")),
            "{found:?}"
        );
    }

    #[test]
    fn a_modal_is_a_demand_of_the_speaker_not_of_a_past_wish() {
        let found = positions_of(
            "Ukrainian President Volodymyr Zelensky said on Monday that any deal must return every prisoner.\n\nUkrainian President Volodymyr Zelensky said the talks should have started sooner.",
            &[("Volodymyr Zelensky", "Zelensky")],
        );
        assert!(
            has(
                &found,
                "Ukraine",
                "demands",
                "any deal must return every prisoner"
            ),
            "{found:?}"
        );
        assert!(!found.iter().any(|f| f.2.contains("sooner")), "{found:?}");
    }

    #[test]
    fn a_clause_after_the_position_is_cut_off() {
        let found = positions_of(
            "Norway has agreed to a fishing quota, and it will review the deal next year.",
            &[],
        );
        assert!(
            has(&found, "Norway", "accepts", "a fishing quota"),
            "{found:?}"
        );
        assert!(!found.iter().any(|f| f.2.contains("review")), "{found:?}");
    }

    #[test]
    fn lists_split_into_items_but_names_stay_together() {
        assert_eq!(
            items("that Ukraine abandon its bid to join NATO, limit the size of its army, and recognize the Church."),
            ["Ukraine abandon its bid to join NATO", "limit the size of its army", "recognize the Church"]
        );
        assert_eq!(
            items("preventing NATO entry, limiting the military, and securing claims to Crimea, Donbas, and Kherson"),
            ["preventing NATO entry", "limiting the military", "securing claims to Crimea, Donbas, and Kherson"]
        );
        assert_eq!(items("a counter-proposal"), ["a counter-proposal"]);
    }

    #[test]
    fn content_stops_where_another_clause_begins() {
        assert_eq!(
            content_of(
                "an infrastructure \"framework,\" and they'll meet with the president Thursday",
                "White House"
            )
            .as_deref(),
            Some("an infrastructure \"framework\"")
        );
    }

    #[test]
    fn parties_from_capitals_demonyms_and_seats() {
        assert_eq!(party_of("Kyiv", None).as_deref(), Some("Ukraine"));
        assert_eq!(party_of("Moscow's", None).as_deref(), Some("Russia"));
        assert_eq!(party_of("Moscows", None).as_deref(), Some("Russia"));
        assert_eq!(party_of("Kremlin", None).as_deref(), Some("Russia"));
        assert_eq!(party_of("European", None).as_deref(), Some("Europe"));
        assert_eq!(
            party_of("Washington", None).as_deref(),
            Some("United States")
        );
    }
}
