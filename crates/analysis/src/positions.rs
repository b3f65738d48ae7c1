//! What each party of a story demands, offers, accepts or rejects.
//!
//! A sentence is cut into clauses (at ";", dashes, ", but", ", though", ", while"). In each
//! clause a stance cue ("wants", "has demanded that", "insisted that", "is ready to", "has
//! rejected", "would not", "suggested a", "Moscow's demands, including") marks a position,
//! unless it is quoted speech, a noun ("a demand"), an infinitive ("pressure to accept") or a
//! condition ("if Ukraine rejects"); a negation before it ("did not seek") makes it a
//! rejection. Its holder is the clause's subject: the first party named, past an opening
//! phrase ("Since the release of the U.S. plan, European nations ...") and asides (", who
//! ..., "); where the subject reports another's stance ("Putin said Russia does not want ..."),
//! the reported subject; "it", "he", "they" stand for the subject before. A modal ("Zelensky
//! said any plan must end the war") is the speaker's demand. For a noun cue the holder is the
//! word before it ("Russian demands").
//! The holder becomes a party: a country named, or the country its capital ("Kyiv"), people
//! ("Russian"), government ("the Kremlin", "the White House") or leader's office ("Russian
//! President" Putin) stands for; Europe and NATO as alliances. What follows the cue is the
//! position, split into one entry per item of a list ("abandon its NATO bid, limit its army,
//! and ..."); the same party's equal positions across articles are one entry.

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
        r"(?:has|have|had|also)\s+demanded|demanded|demands?\s+that|insists?(?:\s+on|\s+that)?|insisted(?:\s+on|\s+that)?|wants?|wanted|calls?\s+for|called\s+for|seeks?|sought|seeking|urged?|urges|pushe[sd]\s+for|push\s+for",
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
        let mut last: Option<(String, String)> = None;
        // quotes are found in the paragraph (a quote may open in an earlier sentence), once
        // per paragraph
        let mut quoted: (usize, Vec<std::ops::Range<usize>>) = (usize::MAX, Vec::new());
        for s in ss {
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
                for found in clause_positions(clause, named, &parties, &mut last, &in_quotes) {
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
    static WORD_PARTIES: std::cell::RefCell<rustc_hash::FxHashMap<String, Option<String>>> =
        Default::default();
}

/// [`party_of`] a capitalised word alone, remembered per thread: the same few names and
/// demonyms recur in every clause, and each look-up lower-cases and searches the gazetteer.
fn word_party(w: &str) -> Option<String> {
    WORD_PARTIES.with_borrow_mut(|known| {
        if let Some(p) = known.get(w) {
            return p.clone();
        }
        let p = party_of(w, None);
        if known.len() >= PARTIES_REMEMBERED {
            known.clear();
        }
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

/// The party terms of a text, in order: (byte start, end, term, party).
fn party_terms(
    text: &str,
    named: &[NameMatch],
    parties: &Parties,
    last: &Option<(String, String)>,
) -> Vec<(usize, usize, String, String)> {
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut out = Vec::new();
    for m in named {
        let side = parties.sides.get(&m.entity).cloned();
        let term = &text[m.start..m.end];
        if let Some(p) = side.or_else(|| party_of(term, Some(&parties.entities[m.entity]))) {
            taken.push((m.start, m.end));
            out.push((m.start, m.end, term.to_string(), p));
        }
    }
    // capitalised words the entities missed: "Russian", "Kyiv", "European"; and pronouns
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
        // (ASCII case-folding: no other letter lower-cases to these words' letters)
        if ["it", "he", "she", "they", "its", "his", "her", "their"]
            .iter()
            .any(|p| w.eq_ignore_ascii_case(p))
        {
            if let Some((holder, party)) = last {
                out.push((
                    at,
                    at + w.len(),
                    format!("{PRONOUN}{holder}"),
                    party.clone(),
                ));
            }
            continue;
        }
        if w.chars().next().is_some_and(char::is_uppercase) {
            if let Some(p) = word_party(w) {
                out.push((at, at + w.len(), w.to_string(), p));
            }
        }
    }
    out.sort_by_key(|t| t.0);
    // "Ukrainian President Volodymyr Zelensky": the person, not the word for their country
    let mut k = 0;
    while k + 1 < out.len() {
        let between = &text[out[k].1..out[k + 1].0];
        let office = between.split_whitespace().all(|w| {
            is_title_word(&w.to_lowercase()) || w.chars().next().is_some_and(char::is_uppercase)
        });
        if office && between.split_whitespace().count() <= 3 && out[k].3 == out[k + 1].3 {
            out.remove(k);
        } else {
            k += 1;
        }
    }
    out
}

/// Marks a holder found through a pronoun ("it", "he"): the subject named before stands in.
const PRONOUN: &str = "\u{1}";

/// The positions stated in one clause, whose entity names are `named`.
fn clause_positions(
    clause: &str,
    named: &[NameMatch],
    parties: &Parties,
    last: &mut Option<(String, String)>,
    in_quotes: &dyn Fn(usize) -> bool,
) -> Vec<Found> {
    let terms = party_terms(clause, named, parties, last);
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
            t.1 <= m.start() && clause[t.1..m.start()].split_whitespace().nth(2).is_none()
        });
        if let Some((_, _, holder, party)) = before {
            for item in items(&clause[m.end()..]) {
                out.push(Found {
                    party: party.clone(),
                    holder: clean(holder),
                    stance: "demands",
                    text: item,
                });
            }
        }
    }
    // the subject: past an opening phrase and outside asides
    let subject_from = opening_phrase_end(clause);
    let asides = asides(clause);
    let outside = |t: &(usize, usize, String, String)| {
        t.0 >= subject_from && !asides.iter().any(|r| r.contains(&t.0))
    };
    let subject = terms.iter().find(|t| outside(t));
    if let Some((_, _, holder, party)) = subject {
        if !holder.starts_with(PRONOUN) || last.is_none() {
            *last = Some((clean(holder), party.clone()));
        }
    }
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
    let Some(subject) = subject.filter(|t| t.1 <= start) else {
        return out;
    };
    // "X said (that) Y wants ...": Y holds the position; "X said Y must ...": X demands it
    let speech = SPEECH
        .find_iter(&clause[subject.1..start])
        .last()
        .map(|m| (subject.1 + m.start(), subject.1 + m.end()));
    let reported = speech.and_then(|(_, e)| terms.iter().find(|t| t.0 >= e && t.1 <= start));
    // "Putin warned that ... and dismissed ...": a verb joined to the main one is the subject's
    let joined = clause[..start].trim_end().ends_with(" and");
    let (holder, party, text_from, stance) = if stance == MODAL {
        let Some((_, e)) = speech else { return out };
        // the demand reads from the reported clause: "any plan must end the war for good"
        let from = clause[e..start]
            .rfind("that ")
            .map_or(e, |k| e + k + "that ".len());
        (&subject.2, &subject.3, from, "demands")
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
        let stance = if negated { "rejects" } else { stance };
        match reported {
            // a pronoun after "said" is the speaker ("Kyiv has said it's ready to")
            Some(r) if !r.2.starts_with(PRONOUN) && !joined => (&r.2, &r.3, end, stance),
            _ => (&subject.2, &subject.3, end, stance),
        }
    };
    // "refused to specify which points ...": declining to say is not a stance
    let next = clause[end..]
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase();
    if matches!(
        next.as_str(),
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
    ) {
        return out;
    }
    for item in items(&clause[text_from..]) {
        out.push(Found {
            party: party.clone(),
            holder: clean(holder),
            stance,
            text: item,
        });
    }
    out
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

/// Asides set off by commas (", who received ..., "; ", which ..., ").
fn asides(clause: &str) -> Vec<std::ops::Range<usize>> {
    static ASIDE: Lazy<Regex> =
        Lazy::new(|| Regex::new(r",\s+(?:who|which|whose|whom)(?-u:\b)[^,]*,").expect("valid"));
    ASIDE.find_iter(clause).map(|m| m.range()).collect()
}

/// Whether a cue at `start..end` is a verb with a content after it: not a noun ("a demand",
/// "an offer"), not an infinitive ("pressure to accept"), not a condition ("if Ukraine
/// rejects"), and for "suggest"/"propose"/"offer" followed by what is put forward.
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
    if before
        .iter()
        .any(|w| matches!(w.as_str(), "if" | "unless" | "whether"))
    {
        return false;
    }
    if cue.starts_with("suggest") || cue.starts_with("propos") || cue.starts_with("offer") {
        let next = clause[end..]
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_lowercase();
        return matches!(
            next.as_str(),
            "a" | "an" | "the" | "to" | "new" | "its" | "his" | "her" | "their" | "talks"
        );
    }
    true
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
    if rest.split_whitespace().nth(1).is_none() || matches!(first, "as" | "by" | "in" | "on" | "at")
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
