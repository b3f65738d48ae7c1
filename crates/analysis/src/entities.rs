//! Who and where: people, organisations and places of a story, one entry per real-world
//! entity, with every spelling seen and the roles the text gives them.
//!
//! Mentions come from the NER tagger ([`dossier_ner`]) run sentence by sentence over the
//! cleaned text. Mentions are then merged: the same name in any case; a possessive or a lost
//! apostrophe ("Trump's", "Trumps") with the bare name; a surname with the one full name that
//! ends in it ("Putin" -> "Vladimir Putin"); and spellings of a person's name one or two letters
//! apart ("Zelensky" / "Zelenskyy"). An entity's kind is the majority of its mentions' tags.
//! Roles come from a title before the name ("special envoy Steve Witkoff", "Trump's son-in-law
//! Jared Kushner") or an apposition after it ("Yuri Ushakov, a senior foreign policy adviser").

use crate::places;
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
                    w => w,
                })
                .collect();
            let tags = model().tag(&words);
            for m in with_media_names(&words, mentions(&tags)) {
                let span = sentence[m.start].start..sentence[m.end - 1].end;
                let text = para[span.clone()].to_string();
                let kind = match m.kind {
                    "PER" => EntityKind::Person,
                    "ORG" => EntityKind::Organization,
                    "LOC" => EntityKind::Place,
                    // "the Donetsk region": a place name used as a modifier.
                    _ if words
                        .get(m.end)
                        .is_some_and(|w| PLACE_NOUNS.contains(&w.to_lowercase().as_str()))
                        && places::lookup(&text).is_some() =>
                    {
                        EntityKind::Place
                    }
                    _ => continue,
                };
                let role = (kind == EntityKind::Person)
                    .then(|| role_before(&words[..m.start]).or_else(|| role_after(&words[m.end..])))
                    .flatten();
                out.push(Mention {
                    article: a.id.clone(),
                    kind,
                    text,
                    role,
                    paragraph: index,
                    span,
                });
            }
        }
    }
    out
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

/// The tagged mentions of a sentence, corrected: a news outlet's name before a media noun is
/// one organisation ("India Today TV channel": not the place India); a one-word person in a
/// list of places is a place.
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
    ROLES
        .iter()
        .find_map(|r| joined.ends_with(r).then(|| with_modifiers(&joined, r)))
}

/// A role in an apposition right after a name: ", a senior foreign policy adviser to Putin".
fn role_after(words: &[&str]) -> Option<String> {
    if words.first() != Some(&",") {
        return None;
    }
    let phrase: Vec<String> = words[1..]
        .iter()
        .take_while(|w| !matches!(**w, "," | "." | ";" | "said" | "says" | "told"))
        .take(8)
        .map(|w| w.to_lowercase())
        .collect();
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
    let head = phrase[..cut].join(" ");
    ROLES
        .iter()
        .find_map(|r| head.ends_with(r).then(|| with_modifiers(&head, r)))
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
    // A lost apostrophe: "Trumps" is "Trump" when "Trump" is a name here.
    merge_where(
        &mut groups,
        |a| a.keys.iter().any(|k| k.ends_with('s')),
        |a, b| {
            a.keys
                .iter()
                .any(|k| k.strip_suffix('s').is_some_and(|s| b.keys.contains(s)))
        },
    );
    // A surname alone joins the one person whose full name ends in it.
    merge_where(&mut groups, Group::single_token, |a, b| {
        b.is_person()
            && b.keys.iter().any(|k| {
                k.contains(' ') && k.rsplit(' ').next() == a.keys.iter().next().map(String::as_str)
            })
    });
    // Spellings of a person's name a letter or two apart.
    merge_where(&mut groups, Group::is_person, |a, b| {
        b.is_person() && similar_names(a, b)
    });
    let mut out: Vec<Entity> = groups
        .into_iter()
        .filter(|g| g.count > 0)
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

#[derive(Default, Debug)]
struct Group {
    keys: BTreeSet<String>,
    surfaces: HashMap<String, usize>,
    kinds: HashMap<EntityKind, usize>,
    roles: Vec<String>,
    articles: BTreeSet<String>,
    first_article: Option<String>,
    count: usize,
    /// [`Group::kind`], computed once until the group changes.
    kind_cache: std::cell::Cell<Option<EntityKind>>,
}

impl Group {
    fn add(&mut self, m: &Mention, key: &str) {
        self.kind_cache.set(None);
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
    }

    fn absorb(&mut self, other: Group) {
        self.kind_cache.set(None);
        self.keys.extend(other.keys);
        for (s, n) in other.surfaces {
            *self.surfaces.entry(s).or_insert(0) += n;
        }
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
    }

    fn kind(&self) -> EntityKind {
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
        self.kind() == EntityKind::Person
    }

    fn single_token(&self) -> bool {
        self.keys.iter().all(|k| !k.contains(' '))
    }

    fn into_entity(self) -> Entity {
        let mut kind = self.kind();
        // The canonical name: the longest of the most used spellings with the most words.
        let mut surfaces: Vec<(&String, &usize)> = self.surfaces.iter().collect();
        surfaces.sort_by(|a, b| {
            let words = |s: &str| s.split_whitespace().count();
            words(b.0)
                .cmp(&words(a.0))
                .then(b.1.cmp(a.1))
                .then(a.0.cmp(b.0))
        });
        // Prefer a spelling that is not in capitals ("Berlin" over "BERLIN").
        let capitals = |s: &str| !s.chars().any(char::is_lowercase);
        let name = surfaces
            .iter()
            .find(|(s, _)| !capitals(s))
            .unwrap_or(&surfaces[0])
            .0
            .clone();
        // A one-word "person" the gazetteer knows as a country, region or large city is a place
        // the tagger misread ("Kyiv said ...").
        let place = places::lookup(&name);
        if kind == EntityKind::Person
            && self.single_token()
            && place.is_some_and(|p| p.kind != "city" || p.population >= 100_000)
        {
            kind = EntityKind::Place;
        }
        let link = place
            .filter(|_| kind == EntityKind::Place)
            .and_then(|p| p.geonames)
            .map(|id| format!("geonames:{id}"));
        let mut aliases: Vec<String> = surfaces
            .iter()
            .map(|(s, _)| (*s).clone())
            .filter(|s| *s != name)
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

/// The spelling shown: possessive removed.
fn clean_surface(s: &str) -> String {
    let s = s.trim();
    s.strip_suffix("'s")
        .or_else(|| s.strip_suffix("’s"))
        .unwrap_or(s)
        .trim()
        .to_string()
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
}
