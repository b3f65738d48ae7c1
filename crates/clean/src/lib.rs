//! Cleaning: from a [`RawDocument`] to one or more clean [`Article`]s.
//!
//! The body is read line by line. Each line is first judged on its own shape
//! ([`furniture::classify`]: ad markers, widgets, counters, captions, teasers, bylines, date
//! lines), then in context (lists of related headlines, capitals labels inside furniture runs),
//! then the document is split where a second article was pasted ([`split`]). Each part gets its
//! title, byline, dates and outlet, each with where it came from. Every cut line is kept in
//! [`Article::removed`] with its reason, so the cleaning can be audited.
//!
//! Pure: no I/O, deterministic for the same input.

pub mod dates;
pub mod furniture;
mod language;
pub mod split;

use chrono::NaiveDate;
use dossier_model::{Article, Provenance, RawDocument, Removal, Sourced};
use furniture::{
    byline_name, classify, is_body_like, is_caps_label, is_headline_like, is_listing_meta,
    is_related_heading, is_related_link, normalise, Reason,
};

/// The longest line taken for a headline in a list of links to other stories.
const MAX_LISTING_HEADLINE_WORDS: usize = 30;

/// The most lines one teaser (kicker, headline, blurb) of a list of other stories spans.
const MAX_TEASER_LINES: usize = 3;

/// One line of the input and, once judged, why it was cut.
#[derive(Debug, Clone)]
pub struct Line {
    pub text: String,
    pub removed: Option<Reason>,
    /// An absolute date this line gave, when it was a date line.
    date: Option<(NaiveDate, dates::DateKind)>,
}

/// Cleans one document. Returns its articles in order (more than one when articles were
/// pasted together); empty when nothing but furniture was found.
pub fn clean(doc: &RawDocument) -> Vec<Article> {
    let mut lines = judge_lines(&doc.text);
    mark_related_lists(&mut lines);
    mark_labels_in_furniture(&mut lines);

    let splits = split::find_splits(&lines);
    let mut bounds = vec![0];
    bounds.extend(&splits);
    bounds.push(lines.len());

    let mut articles = Vec::new();
    for (i, w) in bounds.windows(2).enumerate() {
        let part = i as u32 + 1;
        let pasted_after = splits.get(i).map(|&s| lines[s].text.clone());
        // each part's lines are its own: judging one part's leaves the next part's as they were
        if let Some(a) = build_article(doc, part, &mut lines[w[0]..w[1]], pasted_after) {
            articles.push(a);
        }
    }
    // Parts are numbered as they survive, so `part` always counts 1, 2, ...
    for (i, a) in articles.iter_mut().enumerate() {
        let part = i as u32 + 1;
        if a.part != part {
            a.part = part;
            a.id = Article::make_id(&a.source, part);
        }
    }
    articles
}

/// Splits the text into lines and judges each one on its own.
fn judge_lines(text: &str) -> Vec<Line> {
    text.lines()
        .map(|l| {
            const ODD_SPACES: [char; 3] = ['\u{a0}', '\t', '\u{200b}'];
            if l.contains(ODD_SPACES) {
                l.replace(ODD_SPACES, " ").trim().to_string()
            } else {
                l.trim().to_string()
            }
        })
        .filter(|l| !l.is_empty())
        .map(|text| {
            if let Some(d) = dates::date_line(normalise(&text)) {
                if d.rest.is_empty()
                    || classify(d.rest).is_some()
                    || furniture::is_timestamp_line(d.rest)
                {
                    let date = Some((d.date, d.kind));
                    return Line {
                        text,
                        removed: Some(Reason::DateLine),
                        date,
                    };
                }
            }
            let removed = classify(&text);
            Line {
                text,
                removed,
                date: None,
            }
        })
        .collect()
}

/// Lists of links to other stories: headline + listing-meta pairs ("9 seconds ago 2 min read
/// WORLD"), runs after a "Related stories" heading, and single "Read more: ..." lines.
fn mark_related_lists(lines: &mut [Line]) {
    let n = lines.len();
    // A listing item is a line followed by a listing-meta line; consecutive items (nothing
    // kept between them) form a list, and two or more items make it a related list.
    let meta: Vec<bool> = lines.iter().map(|l| is_listing_meta(&l.text)).collect();
    let items: Vec<usize> = (0..n.saturating_sub(1))
        .filter(|&i| {
            !meta[i]
                && furniture::at_most(&lines[i].text, MAX_LISTING_HEADLINE_WORDS)
                && meta[i + 1]
        })
        .collect();
    let mut group: Vec<usize> = Vec::new();
    for (k, &i) in items.iter().enumerate() {
        group.push(i);
        let next_adjacent = items
            .get(k + 1)
            .is_some_and(|&j| (i + 2..j).all(|m| lines[m].removed.is_some()));
        if !next_adjacent {
            if group.len() >= 2 {
                for l in &mut lines[group[0]..=i + 1] {
                    l.removed = Some(Reason::RelatedHeadlines);
                }
            }
            group.clear();
        }
    }
    // Teasers: a capitals kicker over a headline ("TIME TRAVELLER" / "Experts say ..."), each
    // perhaps with a one-line blurb; two or more in a row are a list of other stories.
    let kickers: Vec<usize> = (0..n.saturating_sub(1))
        .filter(|&i| {
            lines[i].removed.is_none()
                && furniture::is_kicker(&lines[i].text)
                && lines[i + 1].removed.is_none()
                && is_headline_like(&lines[i + 1].text)
                && !is_body_like(&lines[i + 1].text)
        })
        .collect();
    let mut run_start = 0;
    for k in 0..kickers.len() {
        let continues = kickers
            .get(k + 1)
            .is_some_and(|&next| next - kickers[k] <= MAX_TEASER_LINES);
        if !continues {
            if k > run_start {
                let gap = kickers[k] - kickers[k - 1];
                let end = (kickers[k] + gap - 1).min(n - 1);
                for l in &mut lines[kickers[run_start]..=end] {
                    l.removed = Some(Reason::RelatedHeadlines);
                }
            }
            run_start = k + 1;
        }
    }
    let mut i = 0;
    while i < n {
        if lines[i].removed.is_none() && is_related_heading(&lines[i].text) {
            let mut j = i + 1;
            while j < n
                && (lines[j].removed.is_some()
                    || (is_headline_like(&lines[j].text) && !is_body_like(&lines[j].text)))
            {
                j += 1;
            }
            if j > i + 1 {
                for l in &mut lines[i..j] {
                    l.removed = Some(Reason::RelatedHeadlines);
                }
            }
            i = j;
            continue;
        }
        if lines[i].removed.is_none() && is_related_link(&lines[i].text) {
            lines[i].removed = Some(Reason::RelatedHeadlines);
        }
        i += 1;
    }
}

/// A capitals label ("WORLD") next to other furniture is furniture too.
fn mark_labels_in_furniture(lines: &mut [Line]) {
    for i in 0..lines.len() {
        if lines[i].removed.is_some() || !is_caps_label(&lines[i].text) {
            continue;
        }
        let prev = i > 0 && lines[i - 1].removed.is_some();
        let next = lines.get(i + 1).is_some_and(|l| l.removed.is_some());
        if prev || next {
            lines[i].removed = Some(Reason::SectionLabel);
        }
    }
}

fn build_article(
    doc: &RawDocument,
    part: u32,
    lines: &mut [Line],
    pasted_after: Option<String>,
) -> Option<Article> {
    let hints = &doc.hints;
    let mut prov = Provenance::default();
    let first_part = part == 1;

    // Title: the container's, else the first line when it has a headline's shape.
    let first_kept = lines.iter().position(|l| l.removed.is_none());
    let mut title: Option<String> = None;
    if first_part {
        if let Some(t) = &hints.title {
            title = Some(t.value.clone());
            prov.title = Some(t.from.clone());
        }
    }
    if let Some(i) = first_kept {
        let text = lines[i].text.clone();
        let has_more = lines[i + 1..].iter().any(|l| l.removed.is_none());
        match &title {
            Some(t) if split::same_text(t, &text) => lines[i].removed = Some(Reason::Headline),
            None if has_more && looks_like_title(&text) => {
                title = Some(normalise(&text).to_string());
                prov.title = Some(if first_part {
                    "first line of the text (headline shape)".into()
                } else {
                    "headline of the pasted article".into()
                });
                lines[i].removed = Some(Reason::Headline);
            }
            _ => {}
        }
    }
    // Repeats of the title. Other repeated lines stay: a recipe or a table repeats its
    // labels, and an interview its questions.
    if let Some(key) = title.as_deref().map(split::text_key) {
        for l in lines.iter_mut().filter(|l| l.removed.is_none()) {
            if !key.is_empty() && split::has_key(&l.text, &key) {
                l.removed = Some(Reason::RepeatedLine);
            }
        }
    }

    let text: Vec<&str> = lines
        .iter()
        .filter(|l| l.removed.is_none())
        .map(|l| l.text.as_str())
        .collect();
    if text.is_empty() {
        return None;
    }
    let text = text.join("\n");

    // Byline: the container's, else a byline line.
    let mut byline = None;
    if let Some(b) = hints.byline.as_ref().filter(|_| first_part) {
        byline = Some(b.value.clone());
        prov.byline = Some(b.from.clone());
    } else if let Some(l) = lines.iter().find(|l| l.removed == Some(Reason::Byline)) {
        byline = byline_name(&l.text);
        prov.byline = Some(format!("text line '{}'", l.text));
    }

    let (published, updated) = resolve_dates(lines, hints, first_part, &mut prov);

    let (outlet, outlet_from) = outlet_of(hints);
    prov.outlet = outlet_from;

    let mut kept = 0;
    let mut removed: Vec<Removal> = lines
        .iter()
        .filter_map(|l| match l.removed {
            None => {
                kept += 1;
                None
            }
            Some(r) => Some(Removal {
                text: l.text.clone(),
                reason: r.as_str().to_string(),
                at: Some(kept),
            }),
        })
        .collect();
    if let Some(next) = pasted_after {
        removed.push(Removal {
            text: next,
            reason: Reason::PastedArticle.as_str().to_string(),
            at: Some(kept),
        });
    }

    let language = language::language(&text);

    Some(Article {
        id: Article::make_id(&doc.source, part),
        source: doc.source.clone(),
        part,
        url: hints.url.clone(),
        outlet,
        title,
        byline,
        published,
        updated,
        provenance: prov,
        language,
        text,
        removed,
        story: None,
    })
}

/// A first line is a title when it has a headline's shape and is short, or does not end like
/// a sentence.
fn looks_like_title(line: &str) -> bool {
    let s = normalise(line);
    is_headline_like(s) && (furniture::at_most(s, 14) || !s.ends_with('.'))
}

/// Publication and update dates: the container's metadata first, then date lines in the text.
/// With only an update date, `published` takes it and says so.
fn resolve_dates(
    lines: &[Line],
    hints: &dossier_model::Hints,
    first_part: bool,
    prov: &mut Provenance,
) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let from_hint = |h: &Option<Sourced<String>>| {
        h.as_ref().filter(|_| first_part).and_then(|s| {
            dates::parse_date(&s.value).map(|d| (d, format!("{} '{}'", s.from, s.value)))
        })
    };
    let from_text = |kind: dates::DateKind| {
        lines.iter().find_map(|l| match l.date {
            Some((d, k)) if k == kind => Some((d, format!("text line '{}'", l.text))),
            _ => None,
        })
    };
    let published = from_hint(&hints.published).or_else(|| from_text(dates::DateKind::Published));
    let updated = from_hint(&hints.updated).or_else(|| from_text(dates::DateKind::Updated));
    prov.updated = updated.as_ref().map(|(_, f)| f.clone());
    let published = match (published, &updated) {
        (Some(p), _) => Some(p),
        (None, Some((d, f))) => Some((
            *d,
            format!("{f} (update date: the page gives no publication date)"),
        )),
        (None, None) => None,
    };
    prov.published = published.as_ref().map(|(_, f)| f.clone());
    (published.map(|p| p.0), updated.map(|u| u.0))
}

/// The outlet: the container's name for it, else the URL's host.
fn outlet_of(hints: &dossier_model::Hints) -> (Option<String>, Option<String>) {
    if let Some(o) = &hints.outlet {
        return (Some(o.value.clone()), Some(o.from.clone()));
    }
    let host = hints
        .url
        .as_deref()
        .and_then(|u| url::Url::parse(u).ok())
        .and_then(|u| {
            u.host_str()
                .map(|h| h.trim_start_matches("www.").to_string())
        });
    match host {
        Some(h) => (Some(h), Some("url host".into())),
        None => (None, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_model::Hints;

    fn doc(text: &str) -> RawDocument {
        RawDocument {
            source: "t.txt".into(),
            text: text.into(),
            hints: Hints::default(),
        }
    }

    const P1: &str = "Officials from both governments met for five hours on Tuesday in the capital to discuss the ceasefire plan, according to several people familiar with the talks.";
    const P2: &str = "The delegations agreed to meet again next week, although neither side would say whether the main disputes over territory and guarantees had been narrowed.";
    const P3: &str = "Analysts said the meeting showed that both governments still wanted a negotiated settlement despite the heavy fighting along the front line this month.";

    #[test]
    fn headline_byline_dates_and_furniture() {
        let text = format!(
            "Talks resume in Geneva as ceasefire hopes grow\nBy Jane Doe\nUpdated 14 March 2024\nShare\n{P1}\nStory continues below advertisement\n{P2}\n- 5 min read\n{P3}"
        );
        let a = &clean(&doc(&text))[0];
        assert_eq!(
            a.title.as_deref(),
            Some("Talks resume in Geneva as ceasefire hopes grow")
        );
        assert_eq!(a.byline.as_deref(), Some("Jane Doe"));
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2024, 3, 14));
        assert_eq!(a.updated, NaiveDate::from_ymd_opt(2024, 3, 14));
        assert!(a
            .provenance
            .published
            .as_ref()
            .unwrap()
            .contains("no publication date"));
        assert_eq!(a.text, format!("{P1}\n{P2}\n{P3}"));
        let reasons: Vec<&str> = a.removed.iter().map(|r| r.reason.as_str()).collect();
        assert_eq!(
            reasons,
            [
                "headline (moved to title)",
                "byline (moved to metadata)",
                "date line (moved to metadata)",
                "share/follow/print widget",
                "advertisement marker",
                "read-time label"
            ]
        );
        // Each cut keeps its place among the kept paragraphs.
        let places: Vec<Option<usize>> = a.removed.iter().map(|r| r.at).collect();
        assert_eq!(
            places,
            [Some(0), Some(0), Some(0), Some(0), Some(1), Some(2)]
        );
    }

    #[test]
    fn no_title_when_first_line_is_prose_and_no_date_from_relative_stamps() {
        let text = format!("{P1}\nLast update: 2 days ago\n{P2}");
        let a = &clean(&doc(&text))[0];
        assert_eq!(a.title, None);
        assert_eq!(a.published, None);
    }

    #[test]
    fn related_headline_lists_are_cut() {
        let text = format!(
            "{P1}\n{P2}\nShare\nFarmers protest new fuel tax in the capital\n3 minutes ago 2 min read BUSINESS\nStorm leaves thousands without power\n10 minutes ago 4 min read WORLD\nLocal team wins the cup final\n1 hour ago 3 min read SPORT"
        );
        let a = &clean(&doc(&text))[0];
        assert_eq!(a.text, format!("{P1}\n{P2}"));
        assert_eq!(
            a.removed
                .iter()
                .filter(|r| r.reason == Reason::RelatedHeadlines.as_str())
                .count(),
            6
        );
    }

    #[test]
    fn teaser_lists_are_cut() {
        let text = format!(
            "{P1}\n{P2}\nTIME TRAVELLER\nExperts say they spotted a famous face in an old photo\nEYE POPPING\nMan has muscle removed after injecting oil\nDRIVEN\nCity opens new ring road after ten years of delays"
        );
        let a = &clean(&doc(&text))[0];
        assert_eq!(a.text, format!("{P1}\n{P2}"));
    }

    #[test]
    fn pasted_article_is_split_off() {
        let q1 = "Flood waters rose across the northern valley overnight, forcing hundreds of families from their homes as rivers burst their banks in several villages.";
        let q2 = "Emergency crews used boats to reach stranded residents, and the regional government opened schools and sports halls as shelters for those evacuated.";
        let q3 = "Forecasters warned that more heavy rain was expected through the weekend, raising fears that dams upstream could overflow before the water receded.";
        let text = format!(
            "Ceasefire talks resume\n{P1}\n{P2}\n{P3}\nFloods force hundreds from homes in northern valley\nUpdated 3 sec ago\nFollow\nFloods force hundreds from homes in northern valley\nVALLEYTOWN: {q1}\n{q2}\n{q3}"
        );
        let parts = clean(&doc(&text));
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].text, format!("{P1}\n{P2}\n{P3}"));
        assert_eq!(parts[1].part, 2);
        assert_eq!(
            parts[1].title.as_deref(),
            Some("Floods force hundreds from homes in northern valley")
        );
        assert!(parts[1].text.starts_with("VALLEYTOWN:"));
        assert_eq!(parts[1].published, None);
        assert_ne!(parts[0].id, parts[1].id);
        assert!(parts[0]
            .removed
            .iter()
            .any(|r| r.reason.starts_with("pasted second article")));
    }

    #[test]
    fn subheadings_do_not_split_an_article() {
        let text =
            format!("Talks resume\n{P1}\n{P2}\nWhat comes next\nShare\n{P3}\n{P1}x\n{P2}y\n{P3}z");
        assert_eq!(clean(&doc(&text)).len(), 1);
    }

    #[test]
    fn container_metadata_wins_and_outlet_from_url() {
        let mut d = doc(&format!("Talks resume in Geneva\n{P1}\n{P2}"));
        d.hints.title = Some(Sourced::new(
            "Talks resume in Geneva".into(),
            "html <title>",
        ));
        d.hints.published = Some(Sourced::new("2025-12-02T10:00:00Z".into(), "html meta"));
        d.hints.url = Some("https://www.example.com/world/talks".into());
        let a = &clean(&d)[0];
        assert_eq!(a.title.as_deref(), Some("Talks resume in Geneva"));
        assert_eq!(a.removed[0].reason, "headline (moved to title)");
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2025, 12, 2));
        assert_eq!(a.outlet.as_deref(), Some("example.com"));
        assert_eq!(a.provenance.outlet.as_deref(), Some("url host"));
        assert_eq!(a.language.as_deref(), Some("eng"));
    }

    /// Every non-empty input line ends up in exactly one place: an article's text or its
    /// removals (the split-off marker aside).
    fn assert_accounted(text: &str) {
        let parts = clean(&doc(text));
        let input = text.lines().filter(|l| !l.trim().is_empty()).count();
        let kept: usize = parts.iter().map(|a| a.paragraphs().count()).sum();
        let cut: usize = parts
            .iter()
            .flat_map(|a| &a.removed)
            .filter(|r| r.reason != Reason::PastedArticle.as_str())
            .count();
        assert_eq!(kept + cut, input, "lines lost or doubled");
    }

    #[test]
    fn no_line_is_dropped_silently() {
        let q = "Flood waters rose across the northern valley overnight, forcing hundreds of families from their homes as rivers burst their banks in several villages.";
        for text in [
            format!("Talks resume\nBy Jane Doe\nShare\n{P1}\n\n{P2}\n3 / 4\n{P3}"),
            format!("{P1}\n{P2}\n{P3}\nFloods hit the valley\nUpdated 3 sec ago\nFloods hit the valley\nVALLEY: {q}\n{q} Again.\n{q} More.\nRelated stories\nA headline here\nAnother headline there"),
        ] {
            assert_accounted(&text);
        }
    }

    #[test]
    fn only_furniture_gives_no_article() {
        assert!(clean(&doc("Share\nFollow\n3 / 4\nADVERTISEMENT")).is_empty());
    }
}
