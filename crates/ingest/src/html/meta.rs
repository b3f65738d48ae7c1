//! What a page declares about itself: title, outlet, byline, dates and canonical address, from
//! JSON-LD, `<meta>` tags (Open Graph, article:*, Dublin Core, the common `name=` forms),
//! `<link rel=canonical>`, `<time>` and byline elements, in that order of trust.

use super::tree::{collapse, Kind, Tree};
use serde_json::Value;

/// The page's declared metadata, each value trimmed and non-empty.
#[derive(Debug, Default)]
pub struct Meta {
    pub title: Option<String>,
    pub site_name: Option<String>,
    pub byline: Option<String>,
    pub published: Option<String>,
    pub modified: Option<String>,
    /// The canonical or og:url address.
    pub url: Option<String>,
}

/// Reads the metadata of `tree`.
pub fn read(tree: &Tree) -> Meta {
    let mut m = Meta::default();
    let mut ld = LinkedData::default();
    for (id, e) in tree.elements_named("script") {
        if e.attr("type")
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
        {
            if let Ok(v) = serde_json::from_str::<Value>(tree.text_raw(id).trim()) {
                ld.visit(&v, 0);
            }
        }
    }
    let metas: Vec<(String, String)> = tree
        .elements_named("meta")
        .filter_map(|(_, e)| {
            let key = e
                .attr("property")
                .or(e.attr("name"))
                .or(e.attr("itemprop"))?;
            let value = e.attr("content")?.trim();
            (!value.is_empty()).then(|| (key.trim().to_ascii_lowercase(), value.to_string()))
        })
        .collect();
    let meta = |keys: &[&str]| -> Option<String> {
        keys.iter().find_map(|k| {
            metas
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
        })
    };
    m.title = ld
        .headline
        .take()
        .or_else(|| meta(&["og:title", "twitter:title", "title", "dc.title", "headline"]))
        .or_else(|| page_title(tree))
        .map(|t| collapse(&t));
    m.site_name = meta(&["og:site_name"])
        .or(ld.publisher.take())
        .or_else(|| meta(&["application-name", "publisher", "dc.publisher"]));
    // The first that reads like a person's name: structured data and meta tags also carry
    // the outlet ("Cleveland Clinic") or an account name ("andrew.keaveney") as the author.
    let site = m.site_name.as_deref().map(str::to_lowercase);
    let named = |a: &String| {
        let lower = a.to_lowercase();
        !a.starts_with("http")
            && site.as_deref() != Some(lower.as_str())
            && a.split_whitespace().count() >= 2
    };
    let author_meta = meta(&[
        "author",
        "article:author",
        "byl",
        "dc.creator",
        "sailthru.author",
        "parsely-author",
    ])
    .map(|a| strip_by(&a).to_string());
    let element = byline_element(tree);
    m.byline = [ld.author.take(), author_meta.clone(), element.clone()]
        .into_iter()
        .flatten()
        .find(named)
        .or(element)
        .or(author_meta.filter(|a| !a.starts_with("http")));
    m.published = ld.published.take().or_else(|| {
        meta(&[
            "article:published_time",
            "og:published_time",
            "datepublished",
            "date",
            "pubdate",
            "publishdate",
            "publish-date",
            "publish_date",
            "dc.date",
            "dc.date.issued",
            "dcterms.created",
            "sailthru.date",
            "parsely-pub-date",
            "article.published",
        ])
        .or_else(|| time_element(tree))
    });
    m.modified = ld.modified.take().or_else(|| {
        meta(&[
            "article:modified_time",
            "og:updated_time",
            "datemodified",
            "dc.date.modified",
        ])
    });
    m.url = tree
        .elements_named("link")
        .find(|(_, e)| {
            e.attr("rel")
                .is_some_and(|r| r.eq_ignore_ascii_case("canonical"))
        })
        .and_then(|(_, e)| e.attr("href").map(str::to_string))
        .or_else(|| meta(&["og:url"]));
    for v in [
        &mut m.title,
        &mut m.site_name,
        &mut m.byline,
        &mut m.published,
        &mut m.modified,
        &mut m.url,
    ] {
        *v = v
            .take()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty());
    }
    m
}

/// The fields of the first article-like JSON-LD object (and of any object for the publisher).
#[derive(Default)]
struct LinkedData {
    headline: Option<String>,
    author: Option<String>,
    publisher: Option<String>,
    published: Option<String>,
    modified: Option<String>,
}

impl LinkedData {
    fn visit(&mut self, v: &Value, depth: usize) {
        if depth > 6 {
            return;
        }
        match v {
            Value::Array(items) => items.iter().for_each(|i| self.visit(i, depth + 1)),
            Value::Object(o) => {
                if let Some(graph) = o.get("@graph") {
                    self.visit(graph, depth + 1);
                }
                let kind = match o.get("@type") {
                    Some(Value::String(s)) => s.clone(),
                    Some(Value::Array(a)) => a
                        .iter()
                        .filter_map(Value::as_str)
                        .collect::<Vec<_>>()
                        .join(" "),
                    _ => String::new(),
                };
                if !(kind.contains("Article") || kind.contains("BlogPosting") || kind == "Report") {
                    return;
                }
                let text = |k: &str| o.get(k).and_then(Value::as_str).map(str::to_string);
                if self.headline.is_none() {
                    self.headline = text("headline").or_else(|| text("name"));
                }
                if self.published.is_none() {
                    self.published = text("datePublished").or_else(|| text("dateCreated"));
                }
                if self.modified.is_none() {
                    self.modified = text("dateModified");
                }
                if self.author.is_none() {
                    self.author = o
                        .get("author")
                        .and_then(names)
                        .filter(|a| !a.starts_with("http"));
                }
                if self.publisher.is_none() {
                    self.publisher = o.get("publisher").and_then(names);
                }
            }
            _ => {}
        }
    }
}

/// A person or organisation value as names: a string, `{name}`, or a list of either.
fn names(v: &Value) -> Option<String> {
    let list: Vec<String> = match v {
        Value::String(s) => vec![s.trim().to_string()],
        Value::Object(o) => o
            .get("name")
            .and_then(Value::as_str)
            .map(|s| vec![s.trim().to_string()])
            .unwrap_or_default(),
        Value::Array(a) => a.iter().filter_map(names).collect(),
        _ => Vec::new(),
    };
    let list: Vec<String> = list.into_iter().filter(|s| !s.is_empty()).collect();
    (!list.is_empty()).then(|| list.join(", "))
}

/// The `<title>`, less the site name its separators set off ("Story - Site"); without one,
/// the page's only `h1`.
fn page_title(tree: &Tree) -> Option<String> {
    let full = tree
        .elements_named("title")
        .next()
        .and_then(|(id, _)| tree.short_text_of(id, 2000))
        .unwrap_or_default();
    for sep in [" | ", " - ", " – ", " — ", " :: ", " » ", " / "] {
        if let Some(k) = full.rfind(sep) {
            let head = full[..k].trim();
            if head.split_whitespace().count() >= 3 {
                return Some(head.to_string());
            }
            let tail = full[k + sep.len()..].trim();
            if tail.split_whitespace().count() >= 3 {
                return Some(tail.to_string());
            }
        }
    }
    if full.is_empty() {
        let mut h1s = tree.elements_named("h1");
        return match (h1s.next(), h1s.next()) {
            (Some((id, _)), None) => tree.short_text_of(id, 2000).filter(|t| !t.is_empty()),
            _ => None,
        };
    }
    Some(full)
}

/// The text of a short element marked as the author or byline.
fn byline_element(tree: &Tree) -> Option<String> {
    tree.nodes.iter().enumerate().find_map(|(i, n)| {
        let Kind::Element(e) = &n.kind else {
            return None;
        };
        // Readability's byline marks, on class and id.
        let marked = e.attr("rel") == Some("author")
            || e.attr("itemprop").is_some_and(|p| p.contains("author"))
            || [e.attr("class"), e.attr("id")]
                .into_iter()
                .flatten()
                .any(|v| {
                    let v = v.to_ascii_lowercase();
                    ["byline", "author", "dateline", "writtenby", "p-author"]
                        .iter()
                        .any(|k| v.contains(k))
                });
        if !marked {
            return None;
        }
        // Raw text holds indentation: a generous byte limit, then the real one on characters.
        let text = tree.short_text_of(i as u32, 1000)?;
        let name = strip_by(&text);
        (!name.is_empty() && text.chars().count() < 100).then(|| name.to_string())
    })
}

/// A byline without its leading "By" / "Written by" and trailing punctuation.
fn strip_by(s: &str) -> &str {
    let t = s.trim();
    let lower = t.to_lowercase();
    let mut rest = t;
    for lead in ["written by", "posted by", "by"] {
        if lower.starts_with(lead) && lower.len() == t.len() {
            let after = &t[lead.len()..];
            if after.is_empty() || after.starts_with([' ', ':', '\u{a0}']) {
                rest = after;
                break;
            }
        }
    }
    rest.trim_matches(|c: char| c.is_whitespace() || matches!(c, ':' | ',' | '|' | '-'))
}

/// The `datetime` of the page's publication `<time>` (itemprop datePublished, else the first).
fn time_element(tree: &Tree) -> Option<String> {
    let times: Vec<_> = tree
        .elements_named("time")
        .filter(|(_, e)| e.attr("datetime").is_some_and(|d| !d.trim().is_empty()))
        .collect();
    times
        .iter()
        .find(|(_, e)| {
            e.attr("itemprop")
                .is_some_and(|p| p.eq_ignore_ascii_case("datePublished"))
        })
        .or(times.first())
        .and_then(|(_, e)| e.attr("datetime").map(str::to_string))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_wins_over_meta_tags_and_the_title_loses_its_site_name() {
        let t = Tree::parse(
            r#"<html><head><title>Talks resume in Geneva - Example News</title>
            <meta property="og:site_name" content="Example News">
            <meta name="author" content="Jane Roe">
            <meta property="article:published_time" content="2025-12-01T09:00:00Z">
            <link rel="canonical" href="https://example.com/a">
            <script type="application/ld+json">{"@graph":[{"@type":"NewsArticle",
              "datePublished":"2025-12-02T10:00:00Z","author":[{"name":"A. One"},{"name":"B. Two"}],
              "publisher":{"name":"Example"}}]}</script></head><body></body></html>"#,
        );
        let m = read(&t);
        assert_eq!(m.title.as_deref(), Some("Talks resume in Geneva"));
        assert_eq!(m.site_name.as_deref(), Some("Example News"));
        assert_eq!(m.byline.as_deref(), Some("A. One, B. Two"));
        assert_eq!(m.published.as_deref(), Some("2025-12-02T10:00:00Z"));
        assert_eq!(m.url.as_deref(), Some("https://example.com/a"));
    }

    #[test]
    fn a_byline_names_a_person_not_the_outlet_or_an_account() {
        let t = Tree::parse(
            r#"<html><head><meta property="og:site_name" content="Example Clinic">
            <meta name="author" content="example.editor">
            <script type="application/ld+json">{"@type":"Article","author":{"name":"Example Clinic"}}</script>
            </head><body><div class="post-author">By Jane Roe</div><p>Text.</p></body></html>"#,
        );
        assert_eq!(read(&t).byline.as_deref(), Some("Jane Roe"));
        assert_eq!(strip_by("Written by: Ann Lee,"), "Ann Lee");
        assert_eq!(strip_by("Byron Bay"), "Byron Bay");
        assert_eq!(strip_by("By"), "");
    }

    #[test]
    fn without_a_title_element_the_only_h1_is_the_title() {
        let t = Tree::parse("<body><h1>Talks resume in Geneva</h1><p>Text.</p></body>");
        assert_eq!(read(&t).title.as_deref(), Some("Talks resume in Geneva"));
        let two = Tree::parse("<body><h1>One</h1><h1>Two</h1></body>");
        assert_eq!(read(&two).title, None);
    }
}
