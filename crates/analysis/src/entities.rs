//! Who and where: people, organisations and places of a story, one entry per real-world
//! entity, with every spelling seen and the roles the text gives them.
//!
//! Mentions come from the NER tagger ([`dossier_ner`]) run sentence by sentence over the
//! cleaned text, with a person's name cut down to the name (no "Mr.", "Sen." or "Chair", no
//! word that only opens the sentence: "Though Biden") and the words around it noted when they
//! say a person is named (a title, an apposition with a role or an age, "who"). Mentions are
//! then merged: the same name in any case; a lost apostrophe ("Trumps") with the bare name,
//! and not kept as a spelling; one country by any of its names ("US", "United States",
//! "America"); full names of one person ("Vladimir V. Putin", "Joe Manchin III", "Chris Wray"
//! / "Christopher Wray"; see [`personal_names`]); a surname or given name alone with the one
//! full name that holds it (left out when two people share it); spellings a letter or two
//! apart ("Zelensky" / "Zelenskyy"). An entity's kind is the majority of its mentions' tags,
//! but a person only where the text supports it (see [`merge`]). Roles come from a title
//! before the name ("special envoy Steve Witkoff", "Sen. Joe Manchin") or an apposition after
//! it ("Yuri Ushakov, a senior foreign policy adviser"). A place is linked to GeoNames only
//! when the name is a place's.

use crate::{personal_names, places};
use dossier_model::{Article, Entity, EntityKind};
use dossier_ner::{mentions, model, tokenize, Token};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};

/// One name as it appears in one article.
#[derive(Debug, Clone)]
pub struct Mention {
    pub article: String,
    pub kind: EntityKind,
    pub text: String,
    pub role: Option<String>,
    /// Where: the index of the paragraph in [`Article::paragraphs`] ([`CAPTION`] for a
    /// caption) and the byte span in it.
    pub paragraph: usize,
    pub span: std::ops::Range<usize>,
    /// For a person: the words around the name say a person is named (a courtesy title, rank
    /// or office before it: "Mr.", "Sen.", "President"; an apposition with a role or an age
    /// after it, or "who").
    pub person_cue: bool,
}

/// The `paragraph` of a mention found in a photo caption.
pub const CAPTION: usize = usize::MAX;

/// The removal reason cleaning gives photo captions (`docs/schema.md`).
const CAPTION_REASON: &str = "photo caption or credit";

/// Nouns after a place name used as a modifier ("the Donetsk region").
const PLACE_NOUNS: &[&str] = &[
    "region", "oblast", "province", "district", "area", "city", "town", "state", "county",
];

/// Role nouns, longest first so "secretary of state" wins over "secretary".
const ROLES: &[&str] = &[
    "secretary of state",
    "attorney general",
    "surgeon general",
    "solicitor general",
    "inspector general",
    "secretary-general",
    "secretary general",
    "prime minister",
    "foreign minister",
    "defence minister",
    "defense minister",
    "interior minister",
    "finance minister",
    "vice president",
    "son-in-law",
    "daughter-in-law",
    "chief of staff",
    "national security adviser",
    "press secretary",
    "spokeswoman",
    "spokesperson",
    "spokesman",
    "president",
    "minister",
    "secretary",
    "chancellor",
    "premier",
    "envoy",
    "aide",
    "adviser",
    "advisor",
    "governor",
    "mayor",
    "senator",
    "congressman",
    "congresswoman",
    "ambassador",
    "general",
    "commander",
    "chief",
    "head",
    "director",
    "leader",
    "chairman",
    "chairwoman",
    "chair",
    "speaker",
    "justice",
    "ceo",
    "founder",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "judge",
    "prosecutor",
    "negotiator",
    "official",
    "analyst",
    "spy chief",
    "lawmaker",
    "representative",
    "deputy",
    "chief executive",
    "executive",
    "co-founder",
    "correspondent",
    "reporter",
    "journalist",
    "columnist",
    "anchor",
    "host",
    "editor",
    "publisher",
    "lawyer",
    "attorney",
    "doctor",
    "physician",
    "surgeon",
    "nurse",
    "epidemiologist",
    "virologist",
    "immunologist",
    "scientist",
    "researcher",
    "professor",
    "historian",
    "economist",
    "strategist",
    "pollster",
    "consultant",
    "commentator",
    "activist",
    "billionaire",
    "entrepreneur",
    "investor",
    "businessman",
    "businesswoman",
    "candidate",
    "nominee",
    "challenger",
    "officer",
    "detective",
    "sheriff",
    "trooper",
    "soldier",
    "veteran",
    "pastor",
    "bishop",
    "rabbi",
    "imam",
    "actor",
    "actress",
    "singer",
    "rapper",
    "comedian",
    "author",
    "writer",
    "filmmaker",
    "producer",
    "athlete",
    "gymnast",
    "player",
    "quarterback",
    "coach",
    "son",
    "daughter",
    "wife",
    "husband",
    "brother",
    "sister",
    "father",
    "mother",
];

/// Words that may stand before a role noun and belong to the role.
const ROLE_MODIFIERS: &[&str] = &[
    "special",
    "senior",
    "top",
    "chief",
    "deputy",
    "former",
    "vice",
    "foreign",
    "presidential",
    "economic",
    "business",
    "regional",
    "acting",
    "interim",
    "first",
    "prime",
    "policy",
    "assistant",
    "associate",
    "executive",
    "general",
    "national",
    "security",
    "state",
    "homeland",
    "defense",
    "defence",
    "treasury",
    "health",
    "interior",
    "energy",
    "transportation",
    "commerce",
    "labor",
    "education",
    "agriculture",
    "housing",
    "press",
    "white",
    "house",
];

/// Finds the people, organisations and places of each article (in parallel).
pub fn find_mentions(articles: &[Article]) -> Vec<Vec<Mention>> {
    articles.par_iter().map(article_mentions).collect()
}

fn article_mentions(a: &Article) -> Vec<Mention> {
    let mut out = Vec::new();
    // Captions are cut from the body but name real people, places and agencies.
    let captions = a
        .removed
        .iter()
        .filter(|r| r.reason == CAPTION_REASON)
        .map(|r| without_credit(&r.text));
    let body = a.paragraphs().enumerate().filter(|(_, p)| !is_heading(p));
    for (index, para) in body.chain(captions.map(|c| (CAPTION, c))) {
        let tokens = tokenize(para);
        for sentence in split_sentences(&tokens) {
            // The tagger learned straight quotes (CoNLL has no curly ones).
            let words: Vec<&str> = sentence
                .iter()
                .map(|t| match t.text.as_str() {
                    "“" | "”" | "„" => "\"",
                    "‘" | "’" => "'",
                    "’s" => "'s",
                    w => w,
                })
                .collect();
            let tags = model().tag(&words);
            let found = with_media_names(&words, mentions(&tags));
            for (n, m) in found.iter().enumerate() {
                let (start, end) = if m.kind == "PER" {
                    match person_words(&words, m.start, m.end) {
                        Some(span) => span,
                        None => continue,
                    }
                } else {
                    (m.start, m.end)
                };
                let span = sentence[start].start..sentence[end - 1].end;
                let mut text = para[span.clone()].to_string();
                let kind = match m.kind {
                    "PER" => EntityKind::Person,
                    "ORG" => EntityKind::Organization,
                    "LOC" => EntityKind::Place,
                    // "the Donetsk region": a place name used as a modifier.
                    _ if words
                        .get(end)
                        .is_some_and(|w| PLACE_NOUNS.contains(&w.to_lowercase().as_str()))
                        && places::lookup(&text).is_some() =>
                    {
                        EntityKind::Place
                    }
                    _ => continue,
                };
                let person = kind == EntityKind::Person;
                let role = person
                    .then(|| role_before(&words[..start]).or_else(|| role_after(&words[end..])))
                    .flatten();
                let person_cue = person
                    && (role.is_some()
                        || start.checked_sub(1).is_some_and(|i| {
                            personal_names::is_courtesy(words[i])
                                || PARTY_MEMBERS.contains(&words[i].to_lowercase().as_str())
                        })
                        || described_after(&words[end..]));
                // "Bill and Melinda Gates": the first given name takes the surname after it.
                if person && end - start == 1 {
                    if let Some(surname) = shared_surname(&words, end, found.get(n + 1)) {
                        text = format!("{text} {surname}");
                    }
                }
                out.push(Mention {
                    article: a.id.clone(),
                    kind,
                    text,
                    role,
                    paragraph: index,
                    span,
                    person_cue,
                });
            }
        }
    }
    out
}

/// Nouns for a party's members, written before a person's name ("Democrat Al Gore").
const PARTY_MEMBERS: &[&str] = &["democrat", "republican", "tory", "liberal", "conservative"];

/// Words that may start a sentence before a name and are no part of it ("Though Biden ...",
/// "Was Harris ..."), besides the stopwords.
const NOT_NAME_WORDS: &[&str] = &[
    "though",
    "although",
    "however",
    "meanwhile",
    "yet",
    "still",
    "even",
    "instead",
    "unlike",
    "without",
    "within",
    "whether",
    "perhaps",
    "maybe",
    "thus",
    "besides",
    "despite",
    "amid",
    "among",
    "against",
    "dear",
    "thanks",
    "sorry",
    "yes",
    "oh",
    "asked",
    "briefly",
    "well",
];

/// The words of a person's name inside the tagger's span `start..end`: without the courtesy
/// titles, ranks and offices it took in ("Mr. McCarthy", "Chair Lina M. Khan"), a word that
/// only starts the sentence ("Though Biden"), and punctuation ("— Biles"). `None` when no name
/// is left.
fn person_words(words: &[&str], mut start: usize, mut end: usize) -> Option<(usize, usize)> {
    let has_letters = |w: &str| w.chars().any(char::is_alphanumeric);
    let tagged_start = start;
    while start < end {
        let w = words[start];
        let lower = crate::terms::lowercase(w);
        // a common word that only starts the sentence ("Moreover Makary")
        let opens_sentence = start == 0 || words[..start].iter().all(|w| !has_letters(w));
        let strip = !has_letters(w)
            || matches!(w, "'s" | "’s")
            || personal_names::is_courtesy(w)
            || personal_names::title_role(w).is_some()
            || ((crate::terms::is_stopword(&lower)
                || NOT_NAME_WORDS.contains(&lower.as_str())
                || opens_sentence && start + 1 < end && common_word(w))
                && !personal_names::is_given_name(w));
        if !strip {
            break;
        }
        start += 1;
    }
    while end > start && (!has_letters(words[end - 1]) || matches!(words[end - 1], "'s" | "'")) {
        end -= 1;
    }
    // "Amy Coney Barrett" tagged from "Coney": a given name right before belongs to the name.
    if start == tagged_start
        && start > 0
        && personal_names::is_given_name(words[start - 1])
        && !common_word(words[start - 1])
    {
        start -= 1;
    }
    // "Dobbs v. Jackson Women's Health Organization": a name ending in a common word is the
    // start of a thing's name, even past a possessive
    let after = match words.get(end) {
        Some(&"'s") if end - start > 1 && common_word(words[end - 1]) => &words[end + 1..],
        _ => &words[end..],
    };
    (start < end && !names_a_thing(after)).then_some((start, end))
}

/// Last words of the names of things named after a person ("the John Lewis Voting Rights
/// Act", "Martin Luther King Jr. Day").
const NAMED_AFTER_HEADS: &[&str] = &[
    "act",
    "day",
    "award",
    "prize",
    "foundation",
    "center",
    "centre",
    "institute",
    "school",
    "college",
    "university",
    "hospital",
    "organization",
    "bridge",
    "airport",
    "boulevard",
    "street",
    "avenue",
    "park",
    "memorial",
    "library",
    "museum",
    "stadium",
    "arena",
    "program",
    "fund",
    "scholarship",
    "lecture",
    "trophy",
    "medal",
    "building",
    "law",
    "amendment",
    "doctrine",
    "rule",
    "tower",
    "company",
    "corporation",
    "inc",
    "group",
    "highway",
];

/// Whether the words right after a person's name go on to name a thing after them: a run of
/// capitalised words ending in a word such as "Act" or "Foundation".
fn names_a_thing(after: &[&str]) -> bool {
    let mut last = None;
    for w in after.iter().take(8) {
        if w.chars().next().is_some_and(char::is_uppercase) {
            last = Some(*w);
        } else if !matches!(*w, "of" | "and" | "for" | "in" | "on" | "to" | "the" | "&") {
            break;
        }
    }
    last.is_some_and(|w| NAMED_AFTER_HEADS.contains(&personal_names::bare(w).as_str()))
}

/// Whether the words after a name describe a person: an age (", 45," or "(45)") or ", who".
fn described_after(after: &[&str]) -> bool {
    let age = |w: &str| w.parse::<u32>().is_ok_and(|n| (1..=120).contains(&n));
    match after {
        [",", "who", ..] => true,
        [",", n, ",", ..] | ["(", n, ")", ..] => age(n),
        _ => false,
    }
}

/// The surname a lone given name shares with the full name after "and" ("Bill and Melinda
/// Gates": "Gates"), when `next` is that full name's mention.
fn shared_surname(
    words: &[&str],
    end: usize,
    next: Option<&dossier_ner::Mention>,
) -> Option<String> {
    let next = next.filter(|m| m.kind == "PER" && m.start == end + 1 && m.end - m.start >= 2)?;
    let given = |w: &str| personal_names::is_given_name(w);
    (matches!(words[end], "and" | "&") && given(words[end - 1]) && given(words[next.start]))
        .then(|| words[next.start + 1..next.end].join(" "))
}

/// Nouns that follow a news outlet's name ("the India Today TV channel", "the Kommersant
/// newspaper").
const MEDIA_NOUNS: &[&str] = &[
    "channel",
    "newspaper",
    "broadcaster",
    "magazine",
    "daily",
    "tabloid",
    "network",
    "radio",
    "agency",
    "outlet",
    "website",
    "station",
];

/// The last words of newspapers' names that begin with a place ("Washington Post").
const PRESS_HEADS: &[&str] = &[
    "Post",
    "Times",
    "Journal",
    "Tribune",
    "Herald",
    "Gazette",
    "Chronicle",
    "Globe",
    "Examiner",
    "Inquirer",
    "Observer",
    "Telegraph",
    "Courier",
    "Dispatch",
    "Register",
    "Bulletin",
];

/// The tagged mentions of a sentence, corrected: a news outlet's name before a media noun is
/// one organisation ("India Today TV channel": not the place India); a place before a
/// newspaper's last word is the newspaper ("Washington Post"); a name before "administration"
/// is a person's; a given name the tagger joined to a word before it is the person's ("Democrat
/// Al Gore"); a one-word person in a list of places is a place.
fn with_media_names(
    words: &[&str],
    mut found: Vec<dossier_ner::Mention>,
) -> Vec<dossier_ner::Mention> {
    for (i, w) in words.iter().enumerate() {
        if !MEDIA_NOUNS.contains(&w.to_lowercase().as_str()) {
            continue;
        }
        let mut end = i;
        if end > 0 && matches!(words[end - 1], "TV" | "television" | "news" | "radio") {
            end -= 1;
        }
        let mut start = end;
        while start > 0
            && words[start - 1]
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        {
            start -= 1;
        }
        // one word that names a country's people is not an outlet ("Russian state TV")
        let lone_demonym = end - start == 1 && places::country_of(words[start]).is_some();
        if start == end || lone_demonym || end - start > 5 {
            continue;
        }
        found.retain(|m| m.end <= start || m.start >= end);
        found.push(dossier_ner::Mention {
            start,
            end,
            kind: "ORG",
        });
    }
    found.sort_by_key(|m| m.start);
    // "the Washington Post", "the New York Times": a place name before a newspaper's last
    // word is the newspaper.
    let mut i = 0;
    while i < found.len() {
        if found[i].kind != "ORG"
            && words
                .get(found[i].end)
                .is_some_and(|w| PRESS_HEADS.contains(w))
        {
            found[i].end += 1;
            found[i].kind = "ORG";
            let end = found[i].end;
            // the newspaper's last word may have been tagged on its own
            while found.get(i + 1).is_some_and(|n| n.start < end) {
                found.remove(i + 1);
            }
        }
        i += 1;
    }
    // "the Biden administration": a leader's name, not a place or an organisation
    for m in found.iter_mut() {
        if m.kind != "PER"
            && m.end - m.start == 1
            && words.get(m.end) == Some(&"administration")
            && places::lookup(words[m.start]).is_none()
        {
            m.kind = "PER";
        }
    }
    // "Democrat Al Gore" read as "Democrat Al" (MISC) and "Gore": the given name belongs to
    // the person.
    for i in 1..found.len() {
        let (before, after) = found.split_at_mut(i);
        let (misc, per) = (&mut before[i - 1], &mut after[0]);
        if misc.kind == "MISC"
            && per.kind == "PER"
            && misc.end == per.start
            && misc.end - misc.start >= 2
            && personal_names::is_given_name(words[misc.end - 1])
        {
            misc.end -= 1;
            per.start -= 1;
        }
    }
    // A one-word "person" listed among places is a place ("Crimea, Donbas, Zaporizhzhia, and
    // Kherson").
    let listed = |a: &dossier_ner::Mention, b: &dossier_ner::Mention| {
        let (first, second) = if a.end <= b.start { (a, b) } else { (b, a) };
        let between: Vec<&str> = words[first.end..second.start].to_vec();
        matches!(
            between.as_slice(),
            [","] | ["and"] | ["or"] | [",", "and"] | [",", "or"]
        )
    };
    let places: Vec<dossier_ner::Mention> =
        found.iter().filter(|m| m.kind == "LOC").cloned().collect();
    for m in found.iter_mut() {
        if m.kind == "PER" && m.end - m.start == 1 && places.iter().any(|p| listed(m, p)) {
            m.kind = "LOC";
        }
    }
    found
}

/// A caption without its trailing photo credit ("... (Getty Images via AFP)").
fn without_credit(caption: &str) -> &str {
    let t = caption.trim_end().trim_end_matches('.');
    match (t.ends_with(')'), t.rfind('(')) {
        (true, Some(i)) => t[..i].trim_end(),
        _ => caption,
    }
}

/// A sub-heading or standfirst line: short and not ending like a sentence. Its capitalised
/// words are headline style, not names.
pub(crate) fn is_heading(p: &str) -> bool {
    let p = p.trim();
    p.split_whitespace().nth(12).is_none() && !p.ends_with(['.', '!', '?', '"', '”', '’', ':'])
}

/// Sentences of a paragraph's tokens: a break after . ! ? (and closing quotes) before a token
/// that starts with a capital, a digit or a quote.
fn split_sentences(tokens: &[Token]) -> Vec<&[Token]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..tokens.len() {
        let t = tokens[i].text.as_str();
        if !matches!(t, "." | "!" | "?" | "..." | "…") {
            continue;
        }
        let mut end = i + 1;
        while end < tokens.len()
            && matches!(tokens[end].text.as_str(), "”" | "\"" | "'" | "’" | ")")
        {
            end += 1;
        }
        let next_starts = tokens.get(end).is_none_or(|n| {
            n.text
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"“‘'(".contains(c))
        });
        if next_starts && end > start {
            out.push(&tokens[start..end]);
            start = end;
        }
    }
    if start < tokens.len() {
        out.push(&tokens[start..]);
    }
    out
}

/// A role in the words right before a name: "[Trump 's] special envoy", "Kremlin aide".
fn role_before(words: &[&str]) -> Option<String> {
    // "the Kremlin's business envoy, Kirill Dmitriev": a comma may stand between.
    let words = words.strip_suffix(&[","]).unwrap_or(words);
    let lower: Vec<String> = words
        .iter()
        .rev()
        .take(5)
        .rev()
        .map(|w| w.to_lowercase())
        .collect();
    let joined = lower.join(" ").replace(" - ", "-");
    ending_role(&joined).or_else(|| {
        // "Sen.", "Gov.", "Lt.": a rank or office written short
        let last = words.last()?;
        let short = last.ends_with('.') || last.chars().next().is_some_and(char::is_uppercase);
        short
            .then(|| personal_names::title_role(last))
            .flatten()
            .map(str::to_string)
    })
}

/// A role in an apposition right after a name: ", a senior foreign policy adviser to Putin".
fn role_after(words: &[&str]) -> Option<String> {
    if words.first() != Some(&",") {
        return None;
    }
    let mut phrase: Vec<String> = Vec::new();
    for w in words[1..].iter().take(9) {
        match *w {
            "," | "." | ";" | ")" => break,
            // ", a YouTube spokesperson said": the subject of a new clause, no apposition
            "said" | "says" | "told" => return None,
            w => phrase.push(w.to_lowercase()),
        }
    }
    phrase.truncate(8);
    // The role is the last role noun before "of"/"to"/"at" (or the end).
    let cut = phrase
        .iter()
        .position(|w| {
            matches!(
                w.as_str(),
                "of" | "to" | "at" | "for" | "in" | "who" | "and"
            )
        })
        .unwrap_or(phrase.len());
    ending_role(&phrase[..cut].join(" "))
}

/// The role noun a phrase ends with (a whole word: "son" is not the end of "Johnson"), with
/// its modifiers.
fn ending_role(phrase: &str) -> Option<String> {
    ROLES.iter().find_map(|r| {
        let whole = phrase.ends_with(r)
            && (phrase.len() == r.len() || phrase.as_bytes()[phrase.len() - r.len() - 1] == b' ');
        whole.then(|| with_modifiers(phrase, r))
    })
}

/// The role noun with the modifier words right before it that belong to it.
fn with_modifiers(phrase: &str, role: &str) -> String {
    let before = &phrase[..phrase.len() - role.len()];
    let mods: Vec<&str> = before
        .split_whitespace()
        .rev()
        .take_while(|w| ROLE_MODIFIERS.contains(w))
        .collect();
    let mut out: Vec<&str> = mods.into_iter().rev().collect();
    out.push(role);
    out.join(" ")
}

/// Merges the mentions of a story's articles into entities, most mentioned first.
///
/// People are shown only where the text supports it: a name of two words or more is a person
/// unless a word of it says organisation ("Fox News"), place ("El Paso") or common noun
/// ("Warp Speed") and nothing says person (a given name, a title, a role); a one-word name
/// is a person when it is a full name's surname or given name, or when a title or role goes
/// with it ("Mr. Katko"); otherwise it is left out, as is a surname two people share.
pub fn merge(mentions: &[&Mention]) -> Vec<Entity> {
    // Group by a normalised key; later passes merge groups.
    let mut groups: Vec<Group> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for m in mentions {
        let key = key_of(&m.text);
        if key.is_empty() {
            continue;
        }
        let g = *by_key.entry(key.clone()).or_insert_with(|| {
            groups.push(Group::default());
            groups.len() - 1
        });
        groups[g].add(m, &key);
    }
    // A lost apostrophe: "Trumps" is "Trump" when "Trump" is a name here (and no spelling of it).
    for i in 0..groups.len() {
        let Some(bare) = groups[i]
            .single_key()
            .and_then(|k| k.strip_suffix('s'))
            .map(str::to_string)
        else {
            continue;
        };
        if let Some(&j) = by_key
            .get(&bare)
            .filter(|&&j| j != i && groups[j].count > 0)
        {
            let g = std::mem::take(&mut groups[i]);
            groups[j].absorb_uses(g);
        }
    }
    // One country, many spellings: "US", "U.S.", "United States", "America".
    merge_where(
        &mut groups,
        |a| a.kind() != EntityKind::Person && a.country().is_some(),
        |a, b| b.kind() != EntityKind::Person && b.country() == a.country(),
    );
    // Names of two words or more the tagger read as people: people, unless the words say
    // otherwise.
    for g in groups.iter_mut().filter(|g| g.count > 0 && !g.one_word()) {
        if g.is_person() {
            g.verdict = Some(judge_full_name(g));
        }
    }
    // One person, many full names: "Vladimir V. Putin", "Joe Manchin III", "Chris Wray".
    merge_unique(
        &mut groups,
        |a| a.is_person() && !a.one_word(),
        |a, b| b.is_person() && !b.one_word() && a.parts().same_person(b.parts()),
    );
    // A surname or given name alone joins the one person whose full name holds it ("Putin",
    // "Mr. McCarthy", "Derek", "Zhao"); shared by several, it joins the one named far more
    // often, or none.
    // A one-word organisation or place that is the surname of one person of the story is that
    // person ("Powell" read as an organisation three times beside "Colin Powell").
    for i in 0..groups.len() {
        if groups[i].count == 0 || !groups[i].one_word() {
            continue;
        }
        let person = groups[i].may_be_person();
        if !person && !groups[i].may_be_surname() {
            continue;
        }
        // the name's words: "Hannah-Jones" is two, the tail of "Nikole Hannah-Jones"
        let name = groups[i].parts().words.clone();
        if name.is_empty() {
            continue;
        }
        let holders: Vec<usize> = (0..groups.len())
            .filter(|&j| {
                let b = &groups[j];
                j != i && b.count > 0 && b.is_person() && !b.one_word() && {
                    let p = b.parts();
                    p.words.len() > name.len()
                        && (p.words.ends_with(&name) || person && p.words.starts_with(&name))
                }
            })
            .collect();
        let dominant = holders.iter().copied().find(|&j| {
            holders
                .iter()
                .all(|&k| k == j || person && groups[j].count >= 3 * groups[k].count)
        });
        match dominant {
            Some(j) => {
                let g = std::mem::take(&mut groups[i]);
                groups[j].absorb(g);
            }
            None if holders.len() > 1 => groups[i].verdict = Some(Verdict::Unknown),
            None => {}
        }
    }
    // Spellings of a person's name a letter or two apart.
    merge_where(&mut groups, Group::is_person, |a, b| {
        b.is_person() && similar_names(a, b)
    });
    // A one-word name left alone is a person only when the text says so.
    for g in groups.iter_mut().filter(|g| g.count > 0 && g.one_word()) {
        if g.verdict.is_none() && g.is_person() {
            g.verdict = Some(judge_single_name(g));
        }
    }
    // Places and organisations the gazetteer does not know, read from a title, an initial
    // or a common word ("Lt.", "R.", "Court").
    for g in groups
        .iter_mut()
        .filter(|g| g.count > 0 && g.verdict.is_none())
    {
        if g.kind() != EntityKind::Person {
            g.verdict = judge_other(g);
        }
    }
    let mut out: Vec<Entity> = groups
        .into_iter()
        .filter(|g| g.count > 0 && g.verdict != Some(Verdict::Unknown))
        .map(Group::into_entity)
        .collect();
    out.sort_by(|a, b| {
        b.articles
            .len()
            .cmp(&a.articles.len())
            .then_with(|| a.name.cmp(&b.name))
    });
    out
}

/// What a name the tagger read as a person's turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Is(EntityKind),
    /// Not shown: nothing says what it is ("Warp Speed", "Navy" alone).
    Unknown,
}

/// Words that make a name an organisation's ("Fox News", "Freedom Caucus", "Hussman School").
const ORGANISATION_WORDS: &[&str] = &[
    "news",
    "inc",
    "corp",
    "corporation",
    "co",
    "llc",
    "ltd",
    "plc",
    "company",
    "group",
    "holdings",
    "university",
    "college",
    "school",
    "academy",
    "institute",
    "committee",
    "commission",
    "council",
    "caucus",
    "party",
    "association",
    "foundation",
    "agency",
    "administration",
    "department",
    "ministry",
    "bureau",
    "pharmaceuticals",
    "pharma",
    "biotherapeutics",
    "therapeutics",
    "biotech",
    "technologies",
    "airlines",
    "airways",
    "organization",
    "organisation",
    "coalition",
    "federation",
    "network",
    "enforcement",
    "prevention",
    "police",
    "senate",
    "congress",
    "parliament",
    "hospital",
    "clinic",
    "museum",
    "times",
    "journal",
    "tribune",
    "herald",
    "gazette",
    "advertiser",
    "inquirer",
    "chronicle",
    "broadcasting",
    "media",
    "club",
    "united",
    "bank",
    "fund",
    "trust",
];

/// Words that make a name no one's ("Hurricane Ida", "Operation Warp Speed").
const NOT_PERSON_WORDS: &[&str] = &[
    "hurricane",
    "storm",
    "typhoon",
    "cyclone",
    "tropical",
    "operation",
    "project",
    "program",
    "programme",
    "act",
    "initiative",
    "doctrine",
    "award",
    "prize",
    "cup",
    "championship",
    "olympics",
    "festival",
    "summit",
    "conference",
    "war",
    "crisis",
    "virus",
    "vaccine",
    "democratic",
    "republican",
    "gop",
    "syndrome",
    "disease",
    "siege",
    "riot",
    "riots",
    "insurrection",
    "shooting",
    "massacre",
    "bombing",
    "uprising",
    "islander",
    "islanders",
];

/// Last words that make a name a place's ("Bagram Airfield", "Champlain Towers").
const FACILITY_WORDS: &[&str] = &[
    "airfield",
    "airport",
    "base",
    "tower",
    "towers",
    "plaza",
    "square",
    "bridge",
    "station",
    "harbor",
    "harbour",
    "dam",
    "mall",
    "county",
    "district",
    "province",
    "region",
    "street",
    "avenue",
    "road",
    "boulevard",
    "highway",
    "island",
    "islands",
    "valley",
    "canyon",
    "river",
    "lake",
    "beach",
    "mountain",
    "mountains",
    "camp",
    "prison",
    "jail",
];

/// Words that begin the name of a region, not of a person ("Western Pacific").
const REGION_WORDS: &[&str] = &[
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "upper", "lower", "greater",
];

/// Whether a word is written lower-case most of the time (in the background of news and web
/// text: "plan", "speed", "lives", "take"), or is a stopword.
fn common_word(word: &str) -> bool {
    let lower = crate::terms::lowercase(word);
    crate::terms::is_stopword(&lower)
        || crate::terms::capitalised_share(&lower)
            .is_some_and(|(docs, share)| docs >= 3 && share < 0.3)
}

/// Whether a word names a nation's people ("Americans", "Afghan").
fn demonym(word: &str) -> bool {
    let w = word.strip_suffix('s').unwrap_or(word);
    !personal_names::is_given_name(word)
        && places::lookup(w).is_none()
        && places::country_of(w).is_some()
}

/// A name of two words or more the tagger read as a person's.
fn judge_full_name(g: &Group) -> Verdict {
    let name = g.canonical_name();
    // the words as written, for the word lists
    let listed: Vec<String> = name
        .split_whitespace()
        .flat_map(|w| {
            let b = personal_names::bare(w);
            b.split('-').map(str::to_string).collect::<Vec<_>>()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let listed_in = |list: &[&str]| listed.iter().any(|w| list.contains(&w.as_str()));
    if listed_in(ORGANISATION_WORDS) {
        return Verdict::Is(EntityKind::Organization);
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    if !g.cue
        && (places::lookup(&name).is_some()
            || listed
                .first()
                .is_some_and(|w| REGION_WORDS.contains(&w.as_str())))
    {
        return Verdict::Is(EntityKind::Place);
    }
    // "Carolina Chapel Hill": a place's name inside
    let holds_place = (0..words.len()).any(|i| {
        (i + 2..=words.len())
            .filter(|&j| j - i < words.len())
            .any(|j| places::lookup(&words[i..j].join(" ")).is_some())
    });
    // "Hawaii Democratic": a state or country first is no given name.
    let place_first = places::lookup(words[0])
        .is_some_and(|p| p.kind != "city" && !personal_names::is_given_name(words[0]));
    if place_first || holds_place || listed_in(NOT_PERSON_WORDS) || words.iter().any(|w| demonym(w))
    {
        return Verdict::Unknown;
    }
    let given = personal_names::is_given_name(words[0])
        || personal_names::is_given_name(name_start(&words));
    if g.cue || given {
        return Verdict::Is(EntityKind::Person);
    }
    if listed
        .last()
        .is_some_and(|w| FACILITY_WORDS.contains(&w.as_str()))
    {
        return Verdict::Is(EntityKind::Place);
    }
    let shouted = |w: &&str| w.chars().count() > 1 && !w.chars().any(char::is_lowercase);
    if words.iter().any(|w| common_word(w)) || words.iter().all(shouted) {
        return Verdict::Unknown;
    }
    Verdict::Is(EntityKind::Person)
}

/// The first name word of a written name, past its titles.
fn name_start<'a>(words: &[&'a str]) -> &'a str {
    words
        .iter()
        .find(|w| !personal_names::is_courtesy(w) && personal_names::title_role(w).is_none())
        .copied()
        .unwrap_or("")
}

/// A one-word name the tagger read as a person's that no full name of the story holds.
fn judge_single_name(g: &Group) -> Verdict {
    let name = g.canonical_name();
    let word = name_start(&name.split_whitespace().collect::<Vec<_>>()).to_string();
    // A one-word "person" the gazetteer knows as a country, region or large city is a place
    // the tagger misread ("Kyiv said ...").
    if places::lookup(&word).is_some_and(|p| p.kind != "city" || p.population >= 100_000) {
        return Verdict::Is(EntityKind::Place);
    }
    let shouted = word.chars().count() > 2 && !word.chars().any(char::is_lowercase);
    let bare = personal_names::bare(&word);
    if !g.cue
        || shouted
        || common_word(&word)
        || personal_names::is_suffix(&word)
        || ORGANISATION_WORDS.contains(&bare.as_str())
        || NOT_PERSON_WORDS.contains(&bare.as_str())
    {
        return Verdict::Unknown;
    }
    Verdict::Is(EntityKind::Person)
}

/// An organisation or place the tagger read: `None` keeps its kind.
fn judge_other(g: &Group) -> Option<Verdict> {
    let name = g.canonical_name();
    let place = places::lookup(&name);
    // "President Biden" and "the Biden administration": read as a person with a title, and
    // no country, region or large city, a person
    let small = place.is_none_or(|p| p.kind == "city" && p.population < 100_000);
    if g.cue && small && g.kinds.contains_key(&EntityKind::Person) && g.one_word() {
        return Some(Verdict::Is(EntityKind::Person));
    }
    let bare = personal_names::bare(&name);
    let title = bare.chars().count() <= 1
        || personal_names::is_courtesy(&bare)
        || personal_names::title_role(&bare).is_some()
        || matches!(bare.as_str(), "sens" | "reps");
    if title {
        return Some(Verdict::Unknown);
    }
    if place.is_some() || g.country().is_some() {
        return None;
    }
    let words: Vec<String> = name
        .split_whitespace()
        .flat_map(|w| {
            let b = personal_names::bare(w);
            b.split('-').map(str::to_string).collect::<Vec<_>>()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let [word] = words.as_slice() else {
        // "New Jersey Democrat": a person described, not a place; "U.S. News": a newspaper
        let place = g.kind() == EntityKind::Place;
        return if place && words.iter().any(|w| PARTY_MEMBERS.contains(&w.as_str())) {
            Some(Verdict::Unknown)
        } else if place
            && words
                .iter()
                .any(|w| ORGANISATION_WORDS.contains(&w.as_str()))
        {
            Some(Verdict::Is(EntityKind::Organization))
        } else {
            None
        };
    };
    (g.kind() == EntityKind::Place && common_word(word)).then_some(Verdict::Unknown)
}

#[derive(Default, Debug)]
struct Group {
    keys: BTreeSet<String>,
    surfaces: HashMap<String, usize>,
    kinds: HashMap<EntityKind, usize>,
    roles: Vec<String>,
    articles: BTreeSet<String>,
    first_article: Option<String>,
    count: usize,
    /// A mention's words said a person is named ([`Mention::person_cue`]).
    cue: bool,
    /// What the name turned out to be, where the tagger's vote was overruled.
    verdict: Option<Verdict>,
    /// [`Group::vote_kind`], computed once until the group changes.
    kind_cache: std::cell::Cell<Option<EntityKind>>,
    /// [`Group::parts`], computed once until the group changes.
    parts_cache: std::cell::OnceCell<personal_names::NameParts>,
}

impl Group {
    fn add(&mut self, m: &Mention, key: &str) {
        self.changed();
        self.keys.insert(key.to_string());
        *self.surfaces.entry(clean_surface(&m.text)).or_insert(0) += 1;
        *self.kinds.entry(m.kind).or_insert(0) += 1;
        if let Some(r) = &m.role {
            if !self.roles.iter().any(|x| x.eq_ignore_ascii_case(r)) {
                self.roles.push(r.clone());
            }
        }
        if self.first_article.is_none() {
            self.first_article = Some(m.article.clone());
        }
        self.articles.insert(m.article.clone());
        self.count += 1;
        self.cue |= m.person_cue;
    }

    fn changed(&mut self) {
        self.kind_cache.set(None);
        self.parts_cache.take();
    }

    fn absorb(&mut self, other: Group) {
        for (s, n) in &other.surfaces {
            *self.surfaces.entry(s.clone()).or_insert(0) += n;
        }
        self.keys.extend(other.keys.iter().cloned());
        self.absorb_uses(other);
    }

    /// Takes the other group's uses (counts, kinds, roles, articles) but not its spellings.
    fn absorb_uses(&mut self, other: Group) {
        self.changed();
        for (k, n) in other.kinds {
            *self.kinds.entry(k).or_insert(0) += n;
        }
        for r in other.roles {
            if !self.roles.iter().any(|x| x.eq_ignore_ascii_case(&r)) {
                self.roles.push(r);
            }
        }
        self.articles.extend(other.articles);
        self.count += other.count;
        self.cue |= other.cue;
    }

    fn kind(&self) -> EntityKind {
        match self.verdict {
            Some(Verdict::Is(k)) => k,
            _ => self.voted_kind(),
        }
    }

    fn voted_kind(&self) -> EntityKind {
        if let Some(k) = self.kind_cache.get() {
            return k;
        }
        let k = self.vote_kind();
        self.kind_cache.set(Some(k));
        k
    }

    fn vote_kind(&self) -> EntityKind {
        let order = [
            EntityKind::Person,
            EntityKind::Organization,
            EntityKind::Place,
        ];
        // A one-word name read as a person as often as a place or organisation ("controlling
        // Donbas" / "Crimea, Donbas and Kherson") is the place or organisation: people are
        // named in full at least once.
        let person_last = self.single_token();
        *order
            .iter()
            .max_by_key(|k| {
                let tie = if person_last && **k == EntityKind::Person {
                    0
                } else {
                    3 - **k as u8
                };
                (self.kinds.get(k).copied().unwrap_or(0), tie)
            })
            .unwrap()
    }

    fn is_person(&self) -> bool {
        self.verdict != Some(Verdict::Unknown) && self.kind() == EntityKind::Person
    }

    /// Whether a one-word name may be a person's: read so by the tagger at least once, and
    /// not a place the gazetteer knows ("Jordan" the country is no "Jim Jordan").
    fn may_be_person(&self) -> bool {
        self.verdict.is_none()
            && (self.is_person()
                || self.kinds.contains_key(&EntityKind::Person)
                    && self.kind() == EntityKind::Organization
                    && places::lookup(&self.canonical_name()).is_none())
    }

    /// Whether a one-word organisation or place may be a person's surname read wrongly ("the
    /// Biden administration"): no country, region or large city, no word of an organisation's
    /// name.
    fn may_be_surname(&self) -> bool {
        let name = self.canonical_name();
        // a place the tagger read as an organisation is a less likely reading
        let large = match self.kind() {
            EntityKind::Organization => 500_000,
            _ => 100_000,
        };
        self.verdict.is_none()
            && self.kind() != EntityKind::Person
            && name.chars().any(char::is_lowercase)
            && places::lookup(&name).is_none_or(|p| p.kind == "city" && p.population < large)
            && !ORGANISATION_WORDS.contains(&personal_names::bare(&name).as_str())
    }

    /// Whether the name is one word, past titles and initials ("B. Taney", "Hannah-Jones").
    fn one_word(&self) -> bool {
        self.parts().written <= 1
    }

    fn single_token(&self) -> bool {
        self.keys.iter().all(|k| !k.contains(' '))
    }

    /// The one key of a one-word group.
    fn single_key(&self) -> Option<&str> {
        let mut keys = self.keys.iter();
        match (keys.next(), keys.next()) {
            (Some(k), None) if !k.contains(' ') => Some(k),
            _ => None,
        }
    }

    /// The country the name is of one ("U.S.", "America").
    fn country(&self) -> Option<&'static str> {
        self.keys.iter().find_map(|k| places::country_code(k))
    }

    /// The canonical name: the longest of the most used spellings with the most words, not in
    /// capitals where another is ("Berlin" over "BERLIN").
    fn canonical_name(&self) -> String {
        let mut surfaces: Vec<(&String, &usize)> = self.surfaces.iter().collect();
        surfaces.sort_by(|a, b| {
            let words = |s: &str| s.split_whitespace().count();
            words(b.0)
                .cmp(&words(a.0))
                .then(b.1.cmp(a.1))
                .then(a.0.cmp(b.0))
        });
        let capitals = |s: &str| !s.chars().any(char::is_lowercase);
        surfaces
            .iter()
            .find(|(s, _)| !capitals(s))
            .or(surfaces.first())
            .map(|(s, _)| (*s).clone())
            .unwrap_or_default()
    }

    /// The parts of the canonical name, as a person's name.
    fn parts(&self) -> &personal_names::NameParts {
        self.parts_cache
            .get_or_init(|| personal_names::NameParts::of(&self.canonical_name()))
    }

    fn into_entity(self) -> Entity {
        let kind = self.kind();
        let name = self.canonical_name();
        let place = match kind {
            EntityKind::Place => self
                .country()
                .and_then(places::country_place)
                .or_else(|| places::lookup(&name)),
            _ => None,
        };
        let link = place
            .and_then(|p| p.geonames)
            .map(|id| format!("geonames:{id}"));
        let mut aliases: Vec<String> = self
            .surfaces
            .keys()
            .filter(|s| **s != name)
            .cloned()
            .collect();
        aliases.sort();
        Entity {
            name,
            kind,
            aliases,
            roles: self.roles,
            articles: self.articles.into_iter().collect(),
            link,
        }
    }
}

/// Merges groups pairwise while `same(a, b)` holds for some pair (b absorbs a).
fn merge_where(
    groups: &mut [Group],
    may_join: impl Fn(&Group) -> bool,
    same: impl Fn(&Group, &Group) -> bool,
) {
    // Passes until nothing merges; within a pass each group that `may_join` joins the first
    // it is the `same` as.
    loop {
        let mut merged = false;
        for i in 0..groups.len() {
            if groups[i].count == 0 || !may_join(&groups[i]) {
                continue;
            }
            let target = (0..groups.len())
                .find(|&j| i != j && groups[j].count > 0 && same(&groups[i], &groups[j]));
            if let Some(j) = target {
                let g = std::mem::take(&mut groups[i]);
                groups[j].absorb(g);
                merged = true;
            }
        }
        if !merged {
            break;
        }
    }
}

/// [`merge_where`], but a group joins another only when it is the `same` as exactly one (or
/// as several that are all the `same` as one another).
fn merge_unique(
    groups: &mut [Group],
    may_join: impl Fn(&Group) -> bool,
    same: impl Fn(&Group, &Group) -> bool,
) {
    loop {
        let mut merged = false;
        for i in 0..groups.len() {
            if groups[i].count == 0 || !may_join(&groups[i]) {
                continue;
            }
            let targets: Vec<usize> = (0..groups.len())
                .filter(|&j| i != j && groups[j].count > 0 && same(&groups[i], &groups[j]))
                .collect();
            // several targets that are one another's same are one
            let one = targets.iter().enumerate().all(|(n, &a)| {
                targets[n + 1..]
                    .iter()
                    .all(|&b| same(&groups[a], &groups[b]))
            });
            if let (Some(&j), true) = (targets.first(), one) {
                let g = std::mem::take(&mut groups[i]);
                groups[j].absorb(g);
                merged = true;
            }
        }
        if !merged {
            break;
        }
    }
}

fn similar_names(a: &Group, b: &Group) -> bool {
    a.keys.iter().any(|x| {
        b.keys.iter().any(|y| {
            // as many words (split at single spaces) in each, pairwise alike
            if x.matches(' ').count() != y.matches(' ').count() {
                return false;
            }
            x.split(' ').zip(y.split(' ')).all(|(p, q)| {
                p == q
                    || (p.chars().count() >= 6
                        && p.get(..4) == q.get(..4)
                        && strsim::levenshtein(p, q) <= 2)
            })
        })
    })
}

/// The spelling shown: possessive and an ellipsis after it removed.
fn clean_surface(s: &str) -> String {
    let s = s.trim();
    let s = s
        .strip_suffix("'s")
        .or_else(|| s.strip_suffix("’s"))
        .unwrap_or(s)
        .trim();
    // "James C....", "Miguel...": a name the text cuts off loses the ellipsis (an initial
    // keeps its period)
    let cut = s.trim_end_matches(['.', '…']);
    let initial = cut
        .rsplit(' ')
        .next()
        .is_some_and(|w| w.chars().count() == 1);
    match cut.len() + 1 < s.len() {
        true if initial => format!("{cut}."),
        true => cut.to_string(),
        false => s.to_string(),
    }
}

/// Lower-case name with possessive, dots and extra spaces removed.
pub fn key_of(s: &str) -> String {
    clean_surface(s)
        .to_lowercase()
        .replace(['.', '’', '\''], "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(text: &str, kind: EntityKind, role: Option<&str>, article: &str) -> Mention {
        Mention {
            article: article.into(),
            kind,
            text: text.into(),
            role: role.map(str::to_string),
            paragraph: 0,
            span: 0..text.len(),
            person_cue: role.is_some(),
        }
    }

    #[test]
    fn merges_spellings_surnames_and_possessives() {
        use EntityKind::*;
        let ms = [
            m("Volodymyr Zelensky", Person, Some("president"), "a1"),
            m("Zelenskyy", Person, None, "a2"),
            m("Volodymyr Zelenskyy", Person, None, "a2"),
            m("Donald Trump", Person, Some("president"), "a1"),
            m("Trumps", Person, None, "a3"),
            m("Trump", Person, None, "a2"),
            m("Moscow", Place, None, "a1"),
            m("Moscow", Organization, None, "a2"),
            m("Moscow", Place, None, "a3"),
        ];
        let refs: Vec<&Mention> = ms.iter().collect();
        let es = merge(&refs);
        assert_eq!(es.len(), 3, "{es:#?}");
        let z = es.iter().find(|e| e.name.starts_with("Volodymyr")).unwrap();
        assert!(z.aliases.contains(&"Zelenskyy".to_string()), "{z:?}");
        let t = es.iter().find(|e| e.name == "Donald Trump").unwrap();
        assert_eq!(t.articles, ["a1", "a2", "a3"]);
        assert_eq!(es.iter().find(|e| e.name == "Moscow").unwrap().kind, Place);
    }

    #[test]
    fn roles_before_and_after_names() {
        assert_eq!(
            role_before(&["Trump", "'s", "special", "envoy"]).as_deref(),
            Some("special envoy")
        );
        assert_eq!(
            role_before(&["Trump", "'s", "son-in-law"]).as_deref(),
            Some("son-in-law")
        );
        assert_eq!(
            role_before(&["U.S.", "Secretary", "of", "State"]).as_deref(),
            Some("secretary of state")
        );
        assert_eq!(
            role_after(&[",", "a", "senior", "foreign", "policy", "adviser", "to", "Putin", ","])
                .as_deref(),
            Some("senior foreign policy adviser")
        );
        assert_eq!(role_after(&["said", "on", "Monday"]), None);
    }

    /// A mention with or without words around it that say a person is named.
    fn cued(text: &str, kind: EntityKind, cue: bool) -> Mention {
        Mention {
            person_cue: cue,
            ..m(text, kind, None, "a1")
        }
    }

    fn kinds(es: &[Entity]) -> Vec<(String, EntityKind)> {
        es.iter().map(|e| (e.name.clone(), e.kind)).collect()
    }

    fn merged(ms: &[Mention]) -> Vec<Entity> {
        merge(&ms.iter().collect::<Vec<_>>())
    }

    #[test]
    fn no_person_without_evidence() {
        use EntityKind::*;
        let es = merged(&[
            // one word, nothing around it says person
            cued("Navy", Person, false),
            cued("Covid", Person, false),
            cued("Ariz", Person, false),
            cued("Counsel", Person, true),
            // words of an organisation, of a place, common nouns, a state first
            cued("Fox News", Person, false),
            cued("Ridgeback Biotherapeutics", Person, false),
            cued("Freedom Caucus", Person, false),
            cued("El Paso", Person, false),
            cued("Warp Speed", Person, false),
            cued("Jobs Plan", Person, false),
            cued("Hurricane Ida", Person, false),
            cued("Black Americans", Person, false),
            cued("Hawaii Democratic", Person, false),
            cued("Bagram Airfield", Person, false),
        ]);
        assert!(es.iter().all(|e| e.kind != Person), "{:?}", kinds(&es));
        let kind_of = |n: &str| es.iter().find(|e| e.name == n).map(|e| e.kind);
        assert_eq!(kind_of("Fox News"), Some(Organization));
        assert_eq!(kind_of("El Paso"), Some(Place));
        assert_eq!(kind_of("Warp Speed"), None, "unknown stays unknown");
        assert_eq!(kind_of("Navy"), None);
    }

    #[test]
    fn people_from_given_names_titles_and_full_names() {
        use EntityKind::*;
        let es = merged(&[
            // a given name of the census list
            cued("Stacey Abrams", Person, false),
            // a name of words no list knows, nothing against it
            cued("Tedros Ghebreyesus", Person, false),
            // one word with a title ("Mr. Katko")
            cued("Katko", Person, true),
            // a given name beats a surname that is also a word
            cued("Ned Price", Person, false),
        ]);
        let people: Vec<&str> = es
            .iter()
            .filter(|e| e.kind == Person)
            .map(|e| e.name.as_str())
            .collect();
        assert_eq!(people.len(), 4, "{:?}", kinds(&es));
        for n in ["Stacey Abrams", "Tedros Ghebreyesus", "Katko", "Ned Price"] {
            assert!(people.contains(&n), "{n} in {people:?}");
        }
    }

    #[test]
    fn one_entry_per_person_across_initials_suffixes_and_short_forms() {
        use EntityKind::*;
        let es = merged(&[
            cued("Vladimir V. Putin", Person, false),
            cued("Vladimir Putin", Person, false),
            cued("Putin", Person, false),
            cued("Joe Manchin III", Person, false),
            cued("Joe Manchin", Person, true),
            cued("Kevin McCarthy", Person, false),
            cued("McCarthy", Person, true),
            cued("Lina M. Khan", Person, true),
            cued("Lina Khan", Person, false),
            cued("Derek Chauvin", Person, false),
            cued("Derek", Person, false),
            cued("Chris Wray", Person, false),
            cued("Christopher Wray", Person, false),
        ]);
        let names: Vec<String> = es.iter().map(|e| e.name.clone()).collect();
        assert_eq!(es.len(), 6, "{names:?}");
        let putin = es.iter().find(|e| e.name == "Vladimir V. Putin").unwrap();
        assert_eq!(putin.aliases, ["Putin", "Vladimir Putin"]);
        let derek = es.iter().find(|e| e.name == "Derek Chauvin").unwrap();
        assert_eq!(derek.aliases, ["Derek"]);
    }

    #[test]
    fn two_people_one_surname_stay_apart() {
        use EntityKind::*;
        let es = merged(&[
            cued("Joe Biden", Person, true),
            cued("Jill Biden", Person, true),
            cued("Biden", Person, false),
        ]);
        assert_eq!(es.len(), 2, "{:?}", kinds(&es));
        assert!(
            es.iter().all(|e| e.aliases.is_empty()),
            "the surname is either's"
        );
        // named far more often, the one the surname means
        let mut ms = vec![
            cued("Jill Biden", Person, true),
            cued("Biden", Person, false),
        ];
        ms.extend((0..3).map(|_| cued("Joe Biden", Person, true)));
        let es = merged(&ms);
        let joe = es.iter().find(|e| e.name == "Joe Biden").unwrap();
        assert_eq!(joe.aliases, ["Biden"]);
    }

    #[test]
    fn possessives_are_no_aliases() {
        use EntityKind::*;
        let es = merged(&[
            cued("Donald Trump", Person, true),
            cued("Trump's", Person, false),
            cued("Trumps", Person, false),
        ]);
        assert_eq!(es.len(), 1);
        assert_eq!(es[0].aliases, ["Trump"]);
    }

    #[test]
    fn a_country_by_any_of_its_names_is_one_place() {
        use EntityKind::*;
        let es = merged(&[
            cued("US", Place, false),
            cued("U.S.", Place, false),
            cued("United States", Place, false),
            cued("America", Place, false),
            cued("Canada", Place, false),
        ]);
        assert_eq!(es.len(), 2, "{:?}", kinds(&es));
        let us = es.iter().find(|e| e.name == "United States").unwrap();
        assert_eq!(us.link.as_deref(), Some("geonames:6252001"));
    }

    fn mentions_of(text: &str) -> Vec<Mention> {
        article_mentions(&Article {
            id: "a1".into(),
            text: text.into(),
            ..Default::default()
        })
    }

    #[test]
    fn titles_leave_the_name_and_become_roles() {
        let ms = mentions_of(
            "Sen. Joe Manchin met Chair Lina M. Khan and Mr. Kevin Brandt on Tuesday in Ohio.",
        );
        let people: Vec<(&str, Option<&str>)> = ms
            .iter()
            .filter(|m| m.kind == EntityKind::Person)
            .map(|m| (m.text.as_str(), m.role.as_deref()))
            .collect();
        assert_eq!(
            people,
            [
                ("Joe Manchin", Some("senator")),
                ("Lina M. Khan", Some("chair")),
                ("Kevin Brandt", None)
            ]
        );
        assert!(ms
            .iter()
            .all(|m| m.kind != EntityKind::Person || m.person_cue));
    }

    #[test]
    fn a_role_is_the_persons_own() {
        // the noun after the comma is the subject of a new clause, not an apposition
        assert_eq!(
            role_after(&[",", "a", "company", "spokesperson", "said", "on", "Monday"]),
            None
        );
        assert_eq!(
            role_after(&[",", "a", "company", "spokesperson", ",", "said"]).as_deref(),
            Some("spokesperson")
        );
        // a role word is a whole word
        assert_eq!(role_before(&["met", "Johnson"]), None);
        assert_eq!(role_before(&["Sen."]).as_deref(), Some("senator"));
    }

    #[test]
    fn things_named_after_people_are_no_mentions() {
        let people = |t: &str| -> Vec<String> {
            mentions_of(t)
                .into_iter()
                .filter(|m| m.kind == EntityKind::Person)
                .map(|m| m.text)
                .collect()
        };
        assert!(people("The House passed the John Smith Voting Rights Act on Friday.").is_empty());
        assert!(people("Senators dropped the Anna Kowal Justice in Policing Act.").is_empty());
        assert!(
            people("The case, Roe v. Jackson Women's Health Organization, was heard.")
                .iter()
                .all(|p| !p.contains("Women"))
        );
        assert_eq!(
            people("Donald Trump's Justice Department opened an inquiry."),
            ["Donald Trump"]
        );
        assert_eq!(
            people("The couple, Bill and Melinda Hart, gave the money."),
            ["Bill Hart", "Melinda Hart"]
        );
    }

    #[test]
    fn a_surname_read_as_a_place_or_organisation_is_the_person() {
        use EntityKind::*;
        let es = merged(&[
            cued("Colin Powell", Person, true),
            cued("Powell", Organization, false),
            cued("Nikole Hannah-Jones", Person, true),
            cued("Hannah-Jones", Organization, false),
        ]);
        assert_eq!(es.len(), 2, "{:?}", kinds(&es));
        assert!(es.iter().all(|e| e.kind == Person && e.aliases.len() == 1));
        // "the Biden administration"
        let ms = mentions_of("The Biden administration said on Monday it would appeal.");
        assert_eq!(ms.len(), 1);
        assert_eq!((ms[0].text.as_str(), ms[0].kind), ("Biden", Person));
        // with nothing else to go on, no entity
        assert!(merged(&ms).is_empty());
    }

    #[test]
    fn no_place_from_a_title_an_initial_or_a_common_word() {
        use EntityKind::*;
        let es = merged(&[
            cued("Lt.", Place, false),
            cued("R.", Place, false),
            cued("Sens", Organization, false),
            cued("Given", Place, false),
            cued("New Jersey Democrat", Place, false),
            cued("Ohio", Place, false),
        ]);
        assert_eq!(kinds(&es), [("Ohio".to_string(), Place)]);
    }
}
