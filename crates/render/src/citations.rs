//! Where a citation lands: for every claim of a story and every article it cites, the passage
//! of that article that supports it, so that a link can go to that sentence rather than the top
//! of the article.
//!
//! The analysis gives the passage outright for brief sentences, timeline events, fact reports
//! and shared passages of copies (`Evidence`, character offsets into the article's text). For a
//! quote, a position and an entity it gives the words; they are found in the article's text
//! here (a quote's words, a position's sentence, an entity's first mention as a whole word),
//! and a claim whose words are not found there links to the article alone.

use dossier_model::{Article, Dossier, Entity, Evidence, FactReport, Position, Quote, Story};
use std::collections::HashMap;

/// The first place `needle` stands in `a`'s text, as evidence; `None` when it is not there.
pub fn find_passage(a: &Article, needle: &str) -> Option<Evidence> {
    let needle = needle.trim();
    if needle.is_empty() {
        return None;
    }
    let i = a.text.find(needle)?;
    Some(Evidence::of(&a.id, &a.text, i, i + needle.len()))
}

/// The first place `word` stands in `a`'s text as a whole word (not inside a longer one).
fn find_word(a: &Article, word: &str) -> Option<Evidence> {
    let word = word.trim();
    if word.is_empty() {
        return None;
    }
    let is_word_char = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    a.text.match_indices(word).find_map(|(i, m)| {
        let before = a.text[..i].chars().next_back();
        let after = a.text[i + m.len()..].chars().next();
        (!is_word_char(before) && !is_word_char(after))
            .then(|| Evidence::of(&a.id, &a.text, i, i + m.len()))
    })
}

/// A quote's words in its article.
pub fn quote_passage(d: &Dossier, q: &Quote) -> Option<Evidence> {
    find_passage(d.article(&q.article)?, &q.text)
}

/// A position's sentence in article `id`, where that article holds it.
pub fn position_passage(d: &Dossier, p: &Position, id: &str) -> Option<Evidence> {
    find_passage(d.article(id)?, &p.sentence)
}

/// An entity's first mention in article `id`: its name, else the first of its other spellings
/// found there.
pub fn entity_passage(d: &Dossier, e: &Entity, id: &str) -> Option<Evidence> {
    let a = d.article(id)?;
    std::iter::once(&e.name)
        .chain(&e.aliases)
        .find_map(|w| find_word(a, w))
}

/// A fact report's sentence; `None` when it is the article's title (no place in the text).
pub fn report_passage(r: &FactReport) -> Option<Evidence> {
    match (r.start, r.end) {
        (Some(start), Some(end)) if start < end && !r.sentence.is_empty() => Some(Evidence {
            article: r.article.clone(),
            start,
            end,
            sentence: r.sentence.clone(),
        }),
        _ => None,
    }
}

/// Every passage a story's claims cite: brief, timeline and key dates, quotes, positions,
/// entities, fact reports and the shared passages of copies.
pub fn story_passages(d: &Dossier, s: &Story) -> Vec<Evidence> {
    let mut out: Vec<Evidence> = Vec::new();
    out.extend(s.brief.iter().flat_map(|b| b.evidence.iter().cloned()));
    out.extend(s.events.iter().flat_map(|e| e.evidence.iter().cloned()));
    out.extend(
        s.key_dates
            .iter()
            .flat_map(|k| &k.events)
            .flat_map(|e| e.evidence.iter().cloned()),
    );
    out.extend(s.quotes.iter().filter_map(|q| quote_passage(d, q)));
    for p in &s.positions {
        out.extend(
            p.articles
                .iter()
                .filter_map(|id| position_passage(d, p, id)),
        );
    }
    for e in &s.entities {
        out.extend(e.articles.iter().filter_map(|id| entity_passage(d, e, id)));
    }
    out.extend(
        s.facts
            .iter()
            .flat_map(|f| &f.reports)
            .filter_map(report_passage),
    );
    for c in &s.copies {
        for p in &c.passages {
            out.push(p.article.clone());
            out.push(p.of.clone());
        }
    }
    out
}

/// The byte span of `e` in `a`'s text, when its offsets are in the text and read its sentence.
pub fn byte_span(a: &Article, e: &Evidence) -> Option<(usize, usize)> {
    if e.article != a.id || e.start >= e.end {
        return None;
    }
    let mut indices = a.text.char_indices().map(|(i, _)| i).skip(e.start);
    let start = indices.next()?;
    let end = indices
        .nth(e.end - e.start - 1)
        .unwrap_or(a.text.len())
        .min(a.text.len());
    (a.text.get(start..end) == Some(e.sentence.as_str())).then_some((start, end))
}

/// A piece of a paragraph of an article's text, with its anchor when a claim cites it.
pub struct Segment<'a> {
    pub text: &'a str,
    pub anchor: Option<String>,
}

/// The cited passages of a dossier's articles, where they stand, overlapping ones merged into
/// one (a quote inside a cited sentence is marked once), each merged passage with one anchor
/// that every citation of a passage inside it links to.
pub struct Anchors {
    /// Per article: merged byte spans in text order, each with the character offset of its
    /// start (which names its anchor).
    spans: HashMap<String, Vec<(usize, usize, usize)>>,
}

impl Anchors {
    /// The anchors of every passage the dossier's stories cite.
    pub fn of_dossier(d: &Dossier) -> Anchors {
        let passages: Vec<Evidence> = d
            .stories
            .iter()
            .flat_map(|s| story_passages(d, s))
            .collect();
        Anchors::new(d, &passages)
    }

    /// The anchors of `passages`; a passage whose offsets do not read its sentence in its
    /// article is left out.
    pub fn new(d: &Dossier, passages: &[Evidence]) -> Anchors {
        let mut spans: HashMap<String, Vec<(usize, usize, usize)>> = HashMap::new();
        for e in passages {
            let Some(a) = d.article(&e.article) else {
                continue;
            };
            if let Some((start, end)) = byte_span(a, e) {
                spans
                    .entry(a.id.clone())
                    .or_default()
                    .push((start, end, e.start));
            }
        }
        for list in spans.values_mut() {
            list.sort_unstable();
            let mut merged: Vec<(usize, usize, usize)> = Vec::with_capacity(list.len());
            for &(start, end, at) in list.iter() {
                match merged.last_mut() {
                    Some(last) if start < last.1 => last.1 = last.1.max(end),
                    _ => merged.push((start, end, at)),
                }
            }
            *list = merged;
        }
        Anchors { spans }
    }

    /// Where a citation of `e` links in the page: the anchor of the marked passage holding it,
    /// else the article itself.
    pub fn href(&self, d: &Dossier, e: &Evidence) -> String {
        let found = d.article(&e.article).and_then(|a| {
            let (start, _) = byte_span(a, e)?;
            self.spans
                .get(&a.id)?
                .iter()
                .find(|s| s.0 <= start && start < s.1)
        });
        match found {
            Some(&(_, _, at)) => anchor(&e.article, at),
            None => e.article.clone(),
        }
    }

    /// The paragraphs of article `a`, each cut into pieces so that every marked passage is a
    /// piece of its own with its anchor (a passage across two paragraphs is marked in the first
    /// only as far as it reaches).
    pub fn paragraphs<'a>(&self, a: &'a Article) -> Vec<Vec<Segment<'a>>> {
        let spans = self.spans.get(&a.id).map_or(&[][..], |v| v.as_slice());
        let base = a.text.as_ptr() as usize;
        a.paragraphs()
            .map(|p| {
                let p_start = p.as_ptr() as usize - base;
                let p_end = p_start + p.len();
                let mut out = Vec::new();
                let mut at = p_start;
                for &(start, end, chars) in spans.iter().filter(|s| s.0 >= p_start && s.0 < p_end) {
                    let end = end.min(p_end);
                    if start > at {
                        out.push(Segment {
                            text: &a.text[at..start],
                            anchor: None,
                        });
                    }
                    out.push(Segment {
                        text: &a.text[start..end],
                        anchor: Some(anchor(&a.id, chars)),
                    });
                    at = end;
                }
                if at < p_end {
                    out.push(Segment {
                        text: &a.text[at..p_end],
                        anchor: None,
                    });
                }
                out
            })
            .collect()
    }
}

/// The anchor of a passage of article `id` starting at character `start`.
pub fn anchor(id: &str, start: usize) -> String {
    format!("{id}-at-{start}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_model::{Entity, EntityKind};

    fn article(id: &str, text: &str) -> Article {
        Article {
            id: id.into(),
            text: text.into(),
            ..Default::default()
        }
    }

    #[test]
    fn cited_sentences_are_pieces_of_their_paragraphs() {
        let d = crate::tests::cited_dossier();
        let anchors = Anchors::of_dossier(&d);
        let paragraphs = anchors.paragraphs(&d.articles[0]);
        assert_eq!(paragraphs.len(), 2);
        assert_eq!(paragraphs[0].len(), 1);
        let pieces: Vec<(&str, Option<&str>)> = paragraphs[1]
            .iter()
            .map(|s| (s.text, s.anchor.as_deref()))
            .collect();
        assert_eq!(
            pieces,
            [
                (
                    "The mayor opened the <b>bridge</b> on Monday.",
                    Some("a1-at-12")
                ),
                (" Crowds came.", None)
            ]
        );
        // character offsets: "Über: " is six characters and seven bytes
        let of_b = anchors.paragraphs(&d.articles[1]);
        assert_eq!(of_b[0][1].anchor.as_deref(), Some("b2-at-6"));
    }

    #[test]
    fn a_quote_inside_a_cited_sentence_links_to_that_sentence() {
        let mut d = crate::tests::cited_dossier();
        d.stories[0].quotes.push(Quote {
            speaker: Some("mayor".into()),
            text: "bridge</b> on Monday".into(),
            article: "a1".into(),
            direct: true,
        });
        let anchors = Anchors::of_dossier(&d);
        let q = quote_passage(&d, &d.stories[0].quotes[0]).unwrap();
        assert_eq!(anchors.href(&d, &q), "a1-at-12");
        let marked: Vec<&str> = anchors.paragraphs(&d.articles[0])[1]
            .iter()
            .filter(|s| s.anchor.is_some())
            .map(|s| s.text)
            .collect();
        assert_eq!(marked, ["The mayor opened the <b>bridge</b> on Monday."]);
    }

    #[test]
    fn an_entity_lands_on_its_first_whole_word_mention() {
        let a = article("a", "Kimberly Ames met Kim in Seoul. Kim left.");
        let d = Dossier {
            articles: vec![a],
            stories: Vec::new(),
        };
        let e = Entity {
            name: "Kim".into(),
            kind: EntityKind::Person,
            aliases: Vec::new(),
            roles: Vec::new(),
            articles: vec!["a".into()],
            link: None,
        };
        let found = entity_passage(&d, &e, "a").unwrap();
        assert_eq!((found.start, found.end), (18, 21));
    }

    #[test]
    fn evidence_that_does_not_read_its_sentence_links_to_the_article() {
        let d = crate::tests::cited_dossier();
        let wrong = Evidence {
            article: "a1".into(),
            start: 0,
            end: 5,
            sentence: "Other".into(),
        };
        let anchors = Anchors::new(&d, std::slice::from_ref(&wrong));
        assert_eq!(anchors.href(&d, &wrong), "a1");
        assert!(anchors.paragraphs(&d.articles[0])[0][0].anchor.is_none());
    }
}
