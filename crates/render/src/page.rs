//! The self-contained HTML dossier: one file, inline CSS, no scripts, every value escaped.

use crate::citations::{self, Anchors, Segment};
use crate::{
    article_number, copy_notes, copy_passages, fact_matrix, figure_value, positions_by_party,
    quotes_by_speaker, FactRow, StorySummary,
};
use askama::Template;
use dossier_model::{
    Article, Dossier, Entity, EntityKind, Event, Evidence, FactReport, Figure, Position, Quote,
    SharedPassage, Story,
};

#[derive(Template)]
#[template(path = "dossier.html")]
struct Page<'a> {
    d: &'a Dossier,
    stories: Vec<StoryView<'a>>,
    articles: Vec<ArticleView<'a>>,
    /// Each article's paragraphs, in the order of `articles`, with the cited passages marked.
    texts: Vec<Vec<Vec<Segment<'a>>>>,
    anchors: Anchors,
}

/// One citation: where it links (the cited passage, or the article where there is none), the
/// article's number, and the cited passage.
struct Cite {
    href: String,
    n: usize,
    sentence: String,
}

struct StoryView<'a> {
    n: usize,
    s: &'a Story,
    speakers: Vec<(Option<&'a str>, Vec<&'a Quote>)>,
    parties: Vec<(&'a str, Vec<&'a Position>)>,
    outlets: String,
    dates: String,
    members: Vec<ArticleView<'a>>,
    /// How each member copies or rewrites others, in the members' order.
    copies: Vec<Vec<String>>,
    /// Each copy link with the first passages it shares.
    passages: Vec<(String, &'a [SharedPassage])>,
    /// Which member reports which fact.
    matrix: Vec<FactRow<'a>>,
    /// The timeline drawn ([`crate::timeline::svg`]; empty without dated events), each dot
    /// linking to the first event of its date in `events`.
    timeline_svg: String,
    /// The story's events in order, the first of each drawn date with its anchor.
    events: Vec<(Option<String>, &'a Event)>,
}

/// The story's events in their order, the first event of each date of the drawing `t` with the
/// anchor its dot links to (`STORY-` + the group's anchor).
fn anchored_events<'a>(
    s: &'a Story,
    t: &crate::timeline::Timeline<'a>,
) -> Vec<(Option<String>, &'a Event)> {
    let mut done = vec![false; t.groups.len()];
    s.events
        .iter()
        .map(|e| {
            let group = t
                .groups
                .iter()
                .position(|g| g.events.iter().any(|x| std::ptr::eq(*x, e)));
            let anchor = match group {
                Some(i) if !done[i] => {
                    done[i] = true;
                    Some(format!("{}-{}", s.id, t.groups[i].anchor))
                }
                _ => None,
            };
            (anchor, e)
        })
        .collect()
}

struct ArticleView<'a> {
    n: usize,
    a: &'a Article,
    label: String,
    facts: Vec<String>,
}

impl<'a> ArticleView<'a> {
    fn new(d: &Dossier, a: &'a Article) -> Self {
        let mut facts = crate::article_facts(a);
        if a.part > 1 {
            facts.push(format!("part {} of {}", a.part, crate::source_name(a)));
        } else {
            facts.push(crate::source_name(a));
        }
        ArticleView {
            n: article_number(d, &a.id),
            a,
            label: a.label(),
            facts,
        }
    }
}

/// Renders the dossier as one self-contained HTML page.
pub fn html(d: &Dossier) -> String {
    let stories = d
        .stories
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let sum = StorySummary::new(d, s);
            let drawn = crate::timeline::layout(&s.events);
            StoryView {
                timeline_svg: if drawn.groups.is_empty() {
                    String::new()
                } else {
                    crate::timeline::svg(&drawn, &format!("{}-", s.id))
                },
                events: anchored_events(s, &drawn),
                n: i + 1,
                s,
                speakers: quotes_by_speaker(s),
                parties: positions_by_party(s),
                outlets: sum.outlets(),
                dates: sum.dates(),
                members: sum.members.iter().map(|a| ArticleView::new(d, a)).collect(),
                copies: sum
                    .members
                    .iter()
                    .map(|a| copy_notes(d, s, &a.id))
                    .collect(),
                passages: copy_passages(d, s),
                matrix: fact_matrix(s, &sum.members),
            }
        })
        .collect();
    let articles = d.articles.iter().map(|a| ArticleView::new(d, a)).collect();
    let anchors = Anchors::of_dossier(d);
    let texts = d.articles.iter().map(|a| anchors.paragraphs(a)).collect();
    Page {
        d,
        stories,
        articles,
        texts,
        anchors,
    }
    .render()
    .expect("the dossier template renders")
}

/// Citation numbers for a list of article ids, for templates.
fn cites(d: &Dossier, ids: &[String]) -> Vec<(String, usize)> {
    let mut v: Vec<(String, usize)> = ids
        .iter()
        .map(|id| (id.clone(), article_number(d, id)))
        .collect();
    v.sort_by_key(|(_, n)| *n);
    v
}

impl Page<'_> {
    /// Citations of `ids`, in article order, each linking to its passage in `passages`.
    fn cites_to(&self, ids: &[String], passages: &[Evidence]) -> Vec<Cite> {
        cites(self.d, ids)
            .into_iter()
            .map(|(id, n)| match passages.iter().find(|e| e.article == id) {
                Some(e) => Cite {
                    href: self.anchors.href(self.d, e),
                    n,
                    sentence: e.sentence.clone(),
                },
                None => Cite {
                    href: id,
                    n,
                    sentence: String::new(),
                },
            })
            .collect()
    }
    /// The citations of a brief sentence or an event.
    fn brief_cites(&self, b: &dossier_model::BriefSentence) -> Vec<Cite> {
        self.cites_to(&b.articles, &b.evidence)
    }
    fn event_cites(&self, e: &Event) -> Vec<Cite> {
        self.cites_to(&e.articles, &e.evidence)
    }
    fn quote_cites(&self, q: &Quote) -> Vec<Cite> {
        let found: Vec<Evidence> = citations::quote_passage(self.d, q).into_iter().collect();
        self.cites_to(std::slice::from_ref(&q.article), &found)
    }
    fn position_cites(&self, p: &Position) -> Vec<Cite> {
        let found: Vec<Evidence> = p
            .articles
            .iter()
            .filter_map(|id| citations::position_passage(self.d, p, id))
            .collect();
        self.cites_to(&p.articles, &found)
    }
    fn entity_cites(&self, e: &Entity) -> Vec<Cite> {
        let found: Vec<Evidence> = e
            .articles
            .iter()
            .filter_map(|id| citations::entity_passage(self.d, e, id))
            .collect();
        self.cites_to(&e.articles, &found)
    }
    fn report_cites(&self, r: &FactReport) -> Vec<Cite> {
        let found: Vec<Evidence> = citations::report_passage(r).into_iter().collect();
        self.cites_to(std::slice::from_ref(&r.article), &found)
    }
    fn passage_cites(&self, e: &Evidence) -> Vec<Cite> {
        self.cites_to(std::slice::from_ref(&e.article), std::slice::from_ref(e))
    }
    fn figure_cites(&self, f: &Figure) -> Vec<Cite> {
        let found: Vec<Evidence> = self
            .d
            .article(&f.article)
            .and_then(|a| citations::find_passage(a, &f.sentence))
            .into_iter()
            .collect();
        self.cites_to(std::slice::from_ref(&f.article), &found)
    }
    fn value(&self, f: &Figure) -> String {
        figure_value(f)
    }
    fn when(&self, e: &Event) -> String {
        crate::event_when(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_model::Removal;

    #[test]
    fn article_text_is_escaped() {
        let a = Article {
            id: "a1".into(),
            source: "x.html".into(),
            part: 1,
            title: Some("<script>alert(1)</script>".into()),
            text: "<img src=x onerror=alert(1)> and <a href=\"javascript:alert(1)\">x</a>".into(),
            removed: vec![Removal {
                text: "<b>Share</b>".into(),
                reason: "share".into(),
                at: Some(0),
            }],
            ..Default::default()
        };
        let d = Dossier {
            stories: vec![Story {
                id: "s1".into(),
                title: a.title.clone().unwrap(),
                articles: vec!["a1".into()],
                ..Default::default()
            }],
            articles: vec![a],
        };
        let page = html(&d);
        assert!(!page.contains("<script>alert"));
        assert!(!page.contains("<img src=x"));
        assert!(!page.contains("<a href=\"javascript"));
        assert!(!page.contains("<b>Share"));
        assert!(page.contains("&#60;script&#62;alert(1)&#60;/script&#62;"));
        assert!(page.contains("Content-Security-Policy"));
    }

    #[test]
    fn shared_passages_are_shown_under_their_copy_link() {
        use dossier_model::{CopyKind, CopyLink, Evidence, SharedPassage};
        let article = |id: &str, text: &str| Article {
            id: id.into(),
            source: format!("{id}.txt"),
            part: 1,
            text: text.into(),
            ..Default::default()
        };
        let (a, b) = (
            article("a1", "The council banned gas stoves <in new homes>."),
            article("a2", "Gas stoves were banned in new homes by the council."),
        );
        let passage = SharedPassage {
            article: Evidence::of("a2", &b.text, 0, b.text.len()),
            of: Evidence::of("a1", &a.text, 0, a.text.len()),
        };
        let d = Dossier {
            stories: vec![Story {
                id: "s1".into(),
                title: "Stoves".into(),
                articles: vec!["a1".into(), "a2".into()],
                copies: vec![CopyLink {
                    article: "a2".into(),
                    of: "a1".into(),
                    kind: CopyKind::Rewrite,
                    share: 1.0,
                    passages: vec![passage; 5],
                }],
                ..Default::default()
            }],
            articles: vec![a, b],
        };
        let page = html(&d);
        assert!(page.contains("[2] rewrite of [1] (100% of its own sentences)"));
        let section = page.split("<h4>Shared passages</h4>").nth(1).unwrap();
        let section = section.split("<h").next().unwrap();
        assert_eq!(section.matches("“Gas stoves were banned").count(), 3);
        // each side's citation lands on its sentence
        assert!(section.contains("<a href=\"#a2-at-0\" title=\"[2] Gas stoves were banned"));
        assert!(page.contains("gas stoves &#60;in new homes&#62;."));
        let md = crate::markdown(&d);
        assert!(md.contains("#### Shared passages"), "{md}");
        assert_eq!(md.matches("“Gas stoves were banned").count(), 3, "{md}");
    }

    #[test]
    fn the_timeline_is_drawn_and_each_dot_lands_on_its_date() {
        let event = |date: Option<&str>, text: &str| Event {
            date: date.map(str::to_string),
            precision: if date.is_some() { "day" } else { "unresolved" }.into(),
            approximate: false,
            text: text.into(),
            when: "on Monday".into(),
            articles: vec!["a1".into()],
            evidence: Vec::new(),
        };
        let d = Dossier {
            stories: vec![Story {
                id: "s7".into(),
                title: "Bridge".into(),
                articles: vec!["a1".into()],
                events: vec![
                    event(Some("2025-03-03"), "The bridge <opened>."),
                    event(Some("2025-03-03"), "Crowds came."),
                    event(Some("2025-03-10"), "Tolls began."),
                    event(None, "A vote followed."),
                ],
                ..Default::default()
            }],
            articles: vec![Article {
                id: "a1".into(),
                source: "a1.txt".into(),
                part: 1,
                text: "The bridge opened.".into(),
                ..Default::default()
            }],
        };
        let page = html(&d);
        assert_eq!(page.matches("<svg class=\"tl\"").count(), 1);
        assert_eq!(page.matches("<circle").count(), 2, "one dot a date");
        for date in ["2025-03-03", "2025-03-10"] {
            assert!(page.contains(&format!("href=\"#s7-t-{date}\"")), "{date}");
            assert_eq!(
                page.matches(&format!("id=\"s7-t-{date}\"")).count(),
                1,
                "{date}"
            );
        }
        assert!(page.contains("The bridge &#60;opened&#62;."));
        // a story without dated events draws nothing
        let mut undated = d.clone();
        undated.stories[0].events.truncate(0);
        assert!(!html(&undated).contains("<svg"));
    }

    #[test]
    fn brief_citations_link_to_their_highlighted_sentences() {
        let d = crate::tests::cited_dossier();
        let page = html(&d);
        assert!(
            page.contains(
                "<a href=\"#a1-at-12\" title=\"[1] The mayor opened the &#60;b&#62;bridge"
            ),
            "{page}"
        );
        assert!(page.contains("<a href=\"#b2-at-6\""));
        assert!(page.contains(
            "<mark class=\"cited\" id=\"a1-at-12\">The mayor opened the &#60;b&#62;bridge&#60;/b&#62; on Monday.</mark> Crowds came."
        ));
        assert!(!page.contains("<b>bridge"));
    }
}
