//! The Markdown dossier: what a reader sees first in a terminal or a notes app.

use crate::{
    article_number, copy_notes, copy_passages, fact_matrix, figure_value, positions_by_party,
    quotes_by_speaker, StorySummary,
};
use dossier_model::{Article, Dossier, Entity, EntityKind, Story};
use std::fmt::Write;

/// Renders the dossier as Markdown.
pub fn markdown(d: &Dossier) -> String {
    markdown_in_storylines(d, &[])
}

/// [`markdown`], where `others` are stories the dossier does not hold that share a storyline
/// with one it does (a corpus story's storyline, from the store): each story's "Earlier / Later
/// in this storyline" lines name them with the dossier's own.
pub fn markdown_in_storylines(d: &Dossier, others: &[StorylineStory]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Dossier: {} {} from {} {}\n",
        d.stories.len(),
        plural(d.stories.len(), "story", "stories"),
        d.articles.len(),
        plural(d.articles.len(), "article", "articles")
    );
    let mut known: Vec<StorylineStory> = d
        .stories
        .iter()
        .enumerate()
        .filter(|(_, s)| s.storyline.is_some())
        .map(|(i, s)| StorylineStory {
            id: s.id.clone(),
            title: s.title.clone(),
            storyline: s.storyline.clone().unwrap_or_default(),
            first_date: StorySummary::new(d, s).first,
            number: Some(i + 1),
        })
        .collect();
    known.extend(others.iter().cloned());
    for (i, s) in d.stories.iter().enumerate() {
        story(&mut out, d, s, i + 1);
        storyline_lines(&mut out, s, &known);
    }
    out.push_str("---\n\n# Articles, cleaned\n\n");
    for (i, a) in d.articles.iter().enumerate() {
        article(&mut out, a, i + 1);
    }
    out
}

/// A story of a storyline, as the lines that name it need it.
#[derive(Debug, Clone, PartialEq)]
pub struct StorylineStory {
    pub id: String,
    pub title: String,
    pub storyline: String,
    /// Its earliest publication date (`YYYY-MM-DD`).
    pub first_date: Option<String>,
    /// Its number in this dossier ("Story 2"), when the dossier holds it.
    pub number: Option<usize>,
}

/// The other stories of a story's storyline, as a story page lists them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StorylineNeighbours {
    /// Those before it by first date (then id), earliest first.
    pub earlier: Vec<StorylineStory>,
    /// Those after it, earliest first.
    pub later: Vec<StorylineStory>,
    /// Those that cannot be placed: it or they have no date.
    pub undated: Vec<StorylineStory>,
}

impl StorylineNeighbours {
    /// The other stories of `me`'s storyline among `known`, each once.
    pub fn of(me: &StorylineStory, known: &[StorylineStory]) -> StorylineNeighbours {
        let mut others: Vec<&StorylineStory> = known
            .iter()
            .filter(|k| k.storyline == me.storyline && k.id != me.id)
            .collect();
        others.sort_by(|a, b| (&a.first_date, &a.id).cmp(&(&b.first_date, &b.id)));
        others.dedup_by(|a, b| a.id == b.id);
        let at = (&me.first_date, &me.id);
        let mut out = StorylineNeighbours::default();
        for k in others {
            let list = if k.first_date.is_none() || me.first_date.is_none() {
                &mut out.undated
            } else if (&k.first_date, &k.id) < at {
                &mut out.earlier
            } else {
                &mut out.later
            };
            list.push(k.clone());
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        self.earlier.is_empty() && self.later.is_empty() && self.undated.is_empty()
    }
}

/// "Earlier in this storyline" and "Later in this storyline": the other stories of `s`'s
/// storyline (from `known`) before and after it by their first date (then id); those without a
/// date as "Also in this storyline".
fn storyline_lines(out: &mut String, s: &Story, known: &[StorylineStory]) {
    let Some(line) = &s.storyline else { return };
    let Some(me) = known.iter().find(|k| k.id == s.id) else {
        return;
    };
    let name = |k: &StorylineStory| -> String {
        let place = match k.number {
            Some(n) => format!("Story {n}"),
            None => format!("`{}`", k.id),
        };
        let date = k.first_date.as_deref().unwrap_or("date unknown");
        format!("{place} ({date}): {}", inline(&k.title))
    };
    let around = StorylineNeighbours::of(me, known);
    for (label, list) in [
        ("Earlier in this storyline", &around.earlier),
        ("Later in this storyline", &around.later),
        ("Also in this storyline", &around.undated),
    ] {
        if !list.is_empty() {
            let _ = writeln!(out, "**{label}** (`{line}`):\n");
            for k in list {
                let _ = writeln!(out, "- {}", name(k));
            }
            out.push('\n');
        }
    }
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

fn story(out: &mut String, d: &Dossier, s: &Story, n: usize) {
    let sum = StorySummary::new(d, s);
    let _ = writeln!(out, "## Story {n}: {}\n", inline(&s.title));
    let _ = writeln!(
        out,
        "*{} {} · {} · {}* · id `{}`\n",
        sum.members.len(),
        plural(sum.members.len(), "article", "articles"),
        inline(&sum.outlets()),
        sum.dates(),
        s.id
    );
    let cite = |ids: &[String]| -> String {
        let mut numbers: Vec<usize> = ids.iter().map(|id| article_number(d, id)).collect();
        numbers.sort_unstable();
        numbers.iter().map(|n| format!("[{n}]")).collect()
    };
    if !s.brief.is_empty() {
        out.push_str("### Brief\n\n");
        // each cited sentence quoted in a footnote of its brief sentence
        let mut notes = String::new();
        for (k, b) in s.brief.iter().enumerate() {
            let mut note = String::new();
            if !b.evidence.is_empty() {
                let label = format!("s{n}-{}", k + 1);
                let mut quoted: Vec<(usize, &str)> = b
                    .evidence
                    .iter()
                    .map(|e| (article_number(d, &e.article), e.sentence.as_str()))
                    .collect();
                quoted.sort_by_key(|(n, _)| *n);
                let said: Vec<String> = quoted
                    .iter()
                    .map(|(n, sentence)| format!("[{n}] “{}”", inline(sentence)))
                    .collect();
                let _ = writeln!(notes, "[^{label}]: {}", said.join(" · "));
                note = format!("[^{label}]");
            }
            let _ = writeln!(out, "{} {}{note}", inline(&b.text), cite(&b.articles));
        }
        out.push('\n');
        if !notes.is_empty() {
            out.push_str(&notes);
            out.push('\n');
        }
    }
    if !s.entities.is_empty() {
        out.push_str("### Who and where\n\n");
        let people: Vec<&Entity> = s
            .entities
            .iter()
            .filter(|e| e.kind == EntityKind::Person)
            .collect();
        for e in &people {
            let mut about = Vec::new();
            if !e.roles.is_empty() {
                about.push(inline(&e.roles.join(", ")));
            }
            if !e.aliases.is_empty() {
                about.push(format!("also “{}”", inline(&e.aliases.join("”, “"))));
            }
            let about = if about.is_empty() {
                String::new()
            } else {
                format!(" — {}", about.join("; "))
            };
            let _ = writeln!(
                out,
                "- **{}**{} {}",
                inline(&e.name),
                about,
                cite(&e.articles)
            );
        }
        for (kind, label) in [
            (EntityKind::Organization, "Organisations"),
            (EntityKind::Place, "Places"),
        ] {
            let names: Vec<String> = s
                .entities
                .iter()
                .filter(|e| e.kind == kind)
                .map(|e| format!("{} {}", inline(&e.name), cite(&e.articles)))
                .collect();
            if !names.is_empty() {
                let _ = writeln!(out, "\n**{label}:** {}", names.join(", "));
            }
        }
        out.push('\n');
    }
    if !s.key_dates.is_empty() {
        out.push_str("### Key dates\n\n");
        for k in &s.key_dates {
            let articles = if k.reports == 1 {
                "article"
            } else {
                "articles"
            };
            let _ = writeln!(out, "- **{}** (dated by {} {articles})", k.date, k.reports);
            for e in &k.events {
                let _ = writeln!(out, "  - {} {}", inline(&e.text), cite(&e.articles));
            }
        }
        out.push('\n');
    }
    if !s.events.is_empty() {
        out.push_str("### Timeline\n\n");
        for e in &s.events {
            let _ = writeln!(
                out,
                "- **{}** ({}, “{}”) {} {}",
                crate::event_when(e),
                e.precision,
                inline(&e.when),
                inline(&e.text),
                cite(&e.articles)
            );
        }
        out.push('\n');
    }
    if !s.quotes.is_empty() {
        out.push_str("### Who said what\n\n");
        for (who, quotes) in quotes_by_speaker(s) {
            let _ = writeln!(out, "**{}**\n", inline(who.unwrap_or("Unattributed")));
            for q in quotes {
                let said = if q.direct {
                    format!("“{}”", inline(&q.text))
                } else {
                    format!("*(reported)* {}", inline(&q.text))
                };
                let _ = writeln!(out, "- {said} {}", cite(std::slice::from_ref(&q.article)));
            }
            out.push('\n');
        }
    }
    if !s.positions.is_empty() {
        out.push_str("### Positions\n\n");
        for (party, ps) in positions_by_party(s) {
            let _ = writeln!(out, "**{}**\n", inline(party));
            for p in ps {
                let _ = writeln!(
                    out,
                    "- *{}* {} ({}) {}",
                    p.stance,
                    inline(&p.text),
                    inline(&p.holder),
                    cite(&p.articles)
                );
            }
            out.push('\n');
        }
    }
    if !s.facts.is_empty() {
        out.push_str("### Figures and disagreements\n\n");
        for f in &s.facts {
            let _ = writeln!(
                out,
                "- **{}** ({}; {} independent {})",
                inline(&f.about),
                f.relation.as_str(),
                f.sources,
                plural(f.sources, "source", "sources")
            );
            for r in &f.reports {
                let value = r.value.as_deref().map(|v| format!(" = {}", inline(v)));
                let _ = writeln!(
                    out,
                    "  - “{}”{} {}{}",
                    inline(&r.text),
                    value.unwrap_or_default(),
                    cite(std::slice::from_ref(&r.article)),
                    if r.odd {
                        " **← the odd one out**"
                    } else {
                        ""
                    }
                );
            }
        }
        out.push('\n');
    }
    if !s.figures.is_empty() {
        out.push_str(
            "#### Every figure reported\n\n| Figure | Value | Of | Source |\n|---|---|---|---|\n",
        );
        for f in &s.figures {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                cell(&f.text),
                cell(&figure_value(f)),
                cell(f.counts.as_deref().unwrap_or("–")),
                cite(std::slice::from_ref(&f.article))
            );
        }
        out.push('\n');
    }
    out.push_str(
        "### Sources\n\n| # | Title | Outlet | Published | Byline | Copies |\n|---|---|---|---|---|---|\n",
    );
    for a in &sum.members {
        let copies = copy_notes(d, s, &a.id);
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            article_number(d, &a.id),
            cell(&a.label()),
            cell(a.outlet.as_deref().unwrap_or("–")),
            a.published.map_or("–".to_string(), |p| p.to_string()),
            cell(a.byline.as_deref().unwrap_or("–")),
            if copies.is_empty() {
                "–".to_string()
            } else {
                cell(&copies.join("; "))
            },
        );
    }
    out.push('\n');
    let passages = copy_passages(d, s);
    if !passages.is_empty() {
        out.push_str("#### Shared passages\n\n");
        for (link, shown) in passages {
            let _ = writeln!(out, "{}:\n", inline(&link));
            for p in shown {
                let _ = writeln!(
                    out,
                    "- “{}” [{}]  \n  “{}” [{}]",
                    inline(&p.article.sentence),
                    article_number(d, &p.article.article),
                    inline(&p.of.sentence),
                    article_number(d, &p.of.article)
                );
            }
            out.push('\n');
        }
    }
    let matrix = fact_matrix(s, &sum.members);
    if !matrix.is_empty() {
        let numbers: Vec<String> = sum
            .members
            .iter()
            .map(|a| format!("[{}]", article_number(d, &a.id)))
            .collect();
        let _ = writeln!(
            out,
            "**Who reports what**\n\n| Fact | Relation | {} |\n|---|---|{}",
            numbers.join(" | "),
            "---|".repeat(numbers.len())
        );
        for row in &matrix {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                cell(row.about),
                row.relation,
                row.cells.join(" | ")
            );
        }
        out.push('\n');
    }
}

fn article(out: &mut String, a: &Article, n: usize) {
    let _ = writeln!(out, "## [{n}] {}\n", inline(&a.label()));
    let mut facts = vec![format!(
        "source `{}`",
        crate::source_name(a).replace('`', "'")
    )];
    if a.part > 1 {
        facts.push(format!("part {} of the source", a.part));
    }
    if let Some(o) = &a.outlet {
        facts.push(inline(o));
    }
    if let Some(b) = &a.byline {
        facts.push(format!("by {}", inline(b)));
    }
    match (&a.published, &a.provenance.published) {
        (Some(p), Some(from)) => facts.push(format!("published {p} (from {})", inline(from))),
        _ => facts.push("publication date unknown".into()),
    }
    if let Some(u) = a.updated {
        facts.push(format!("updated {u}"));
    }
    let _ = writeln!(out, "*{}* · id `{}`\n", facts.join(" · "), a.id);
    for p in a.paragraphs() {
        let _ = writeln!(out, "{}\n", block(p));
    }
    if !a.removed.is_empty() {
        let _ = writeln!(
            out,
            "<details><summary>Removed by cleaning ({})</summary>\n",
            a.removed.len()
        );
        for r in &a.removed {
            let _ = writeln!(out, "- *{}*: ~~{}~~", r.reason, inline(&r.text));
        }
        out.push_str("\n</details>\n\n");
    }
}

/// Text inside a line: no line breaks, and no raw HTML.
fn inline(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A table cell: inline text with pipes escaped.
fn cell(s: &str) -> String {
    inline(s).replace('|', "\\|")
}

/// A paragraph: a leading list marker or heading sign stays literal text.
fn block(s: &str) -> String {
    let s = inline(s);
    if s.starts_with(['#', '>', '=']) || s.starts_with("---") {
        format!("\\{s}")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn brief_citations_quote_their_sentences_in_footnotes() {
        let md = super::markdown(&crate::tests::cited_dossier());
        assert!(
            md.contains("The mayor opened the bridge on Monday [4 March 2024]. [1][2][^s1-1]\n"),
            "{md}"
        );
        assert!(md.contains(
            "[^s1-1]: [1] “The mayor opened the &lt;b&gt;bridge&lt;/b&gt; on Monday.” · [2] “the mayor opened the bridge on Monday.”\n"
        ));
    }

    #[test]
    fn a_story_names_the_earlier_and_later_stories_of_its_storyline() {
        use dossier_model::{Article, Dossier, Story};
        let article = |id: &str, day: u32| Article {
            id: id.into(),
            text: "Text.".into(),
            published: format!("2024-03-{day:02}").parse().ok(),
            ..Default::default()
        };
        let story = |id: &str, title: &str, member: &str, line: Option<&str>| Story {
            id: id.into(),
            title: title.into(),
            articles: vec![member.into()],
            storyline: line.map(Into::into),
            ..Default::default()
        };
        let d = Dossier {
            articles: vec![article("a1", 4), article("a2", 11), article("a3", 11)],
            stories: vec![
                story("s1", "Strike begins at the port", "a1", Some("l1")),
                story("s2", "Port strike ends with a deal", "a2", Some("l1")),
                story("s3", "Rail fares rise", "a3", None),
            ],
        };
        let stored = super::StorylineStory {
            id: "s9".into(),
            title: "Dockers vote to strike".into(),
            storyline: "l1".into(),
            first_date: Some("2024-03-01".into()),
            number: None,
        };
        let md = super::markdown_in_storylines(&d, &[stored]);
        let second = &md[md.find("## Story 2").unwrap()..md.find("## Story 3").unwrap()];
        assert!(second.contains("**Earlier in this storyline** (`l1`):\n\n- `s9` (2024-03-01): Dockers vote to strike\n- Story 1 (2024-03-04): Strike begins at the port\n"), "{second}");
        assert!(!second.contains("Later in this storyline"));
        let first = &md[md.find("## Story 1").unwrap()..md.find("## Story 2").unwrap()];
        assert!(first.contains("**Later in this storyline** (`l1`):\n\n- Story 2 (2024-03-11): Port strike ends with a deal\n"), "{first}");
        let third = &md[md.find("## Story 3").unwrap()..];
        assert!(!third.contains("storyline"));
    }
}
