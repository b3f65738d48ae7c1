//! RSS, Atom, RDF and JSON Feed files: every entry with text becomes one document.
//!
//! Parsing is `feed-rs`'s. An entry's text is its full content when the feed carries it, else
//! its summary, turned from HTML into paragraphs (`dom_query`); its title, first link, authors
//! and publication date become [`Hints`]. A feed that cannot be parsed is one error naming the
//! file; an entry with no text is skipped with an error naming the entry.

use crate::{InputError, RawDocument};
use dossier_model::{Hints, Sourced};

/// The entries of one feed file.
pub fn read_feed(source: &str, bytes: &[u8]) -> Vec<Result<RawDocument, InputError>> {
    let fail = |m: String| {
        vec![Err(InputError {
            source: source.to_string(),
            line: None,
            message: m,
        })]
    };
    // The XML layer under feed-rs can panic on odd encoding declarations: that is one bad
    // file, not the end of the batch.
    let parsed = std::panic::catch_unwind(|| feed_rs::parser::parse(bytes));
    let feed = match parsed {
        Ok(Ok(f)) => f,
        Ok(Err(e)) => return fail(format!("not a readable RSS/Atom feed: {e}")),
        Err(_) => return fail("not a readable RSS/Atom feed: the XML parser gave up".into()),
    };
    let outlet = feed
        .title
        .as_ref()
        .map(|t| fragment_text(&t.content))
        .filter(|t| !t.is_empty());
    let mut out = Vec::new();
    for (i, entry) in feed.entries.iter().enumerate() {
        let n = i + 1;
        let body = entry
            .content
            .as_ref()
            .and_then(|c| c.body.as_deref())
            .map(fragment_text)
            .filter(|t| !t.trim().is_empty())
            .or_else(|| {
                entry
                    .summary
                    .as_ref()
                    .map(|s| fragment_text(&s.content))
                    .filter(|t| !t.trim().is_empty())
            });
        let Some(text) = body else {
            out.push(Err(InputError {
                source: source.to_string(),
                line: None,
                message: format!("entry {n}: no content or summary"),
            }));
            continue;
        };
        let hints = Hints {
            url: entry
                .links
                .first()
                .map(|l| l.href.clone())
                .filter(|h| h.starts_with("http")),
            outlet: outlet.clone().map(|o| Sourced::new(o, "feed title")),
            ..entry_hints(entry)
        };
        out.push(Ok(RawDocument {
            source: format!("{source}#entry{n}"),
            text,
            hints,
        }));
    }
    out
}

/// What a feed entry says of its article: its title, authors and dates (no URL or outlet),
/// each credited to the entry.
pub fn entry_hints(entry: &feed_rs::model::Entry) -> Hints {
    let from = "feed entry";
    let authors: Vec<&str> = entry
        .authors
        .iter()
        .filter_map(|p| p.name.as_deref().map(str::trim))
        .filter(|n| !n.is_empty())
        .collect();
    Hints {
        url: None,
        outlet: None,
        title: entry
            .title
            .as_ref()
            .map(|t| fragment_text(&t.content))
            .filter(|t| !t.is_empty())
            .map(|t| Sourced::new(t, format!("{from} title"))),
        byline: (!authors.is_empty())
            .then(|| Sourced::new(authors.join(", "), format!("{from} author"))),
        published: entry
            .published
            .or(entry.updated)
            .map(|d| Sourced::new(d.to_rfc3339(), format!("{from} date"))),
        updated: entry
            .updated
            .map(|d| Sourced::new(d.to_rfc3339(), format!("{from} updated"))),
    }
}

/// The text of an HTML fragment, one paragraph per block element; plain text passes through.
pub fn fragment_text(html: &str) -> String {
    if !html.contains('<') && !html.contains('&') {
        return html.trim().to_string();
    }
    // A fragment html5ever would take long over (deep, reopened tags) is read as plain text.
    if let Some((text, _)) = crate::html::hostile_fragment_text(html) {
        return text;
    }
    let doc = dom_query::Document::fragment(html);
    let blocks = doc.select("p, li, h1, h2, h3, h4, h5, h6, blockquote, pre");
    let paras: Vec<String> = if blocks.is_empty() {
        vec![doc.root().text().to_string()]
    } else {
        blocks
            .iter()
            .filter(|b| b.select("p, li, blockquote").is_empty())
            .map(|b| b.text().to_string())
            .collect()
    };
    paras
        .iter()
        .map(|p| crate::html::collapse(p))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first bytes say RSS, Atom or RDF.
pub fn looks_like_feed(head: &str) -> bool {
    ["<rss", "<feed", "<rdf:rdf", "<channel"]
        .iter()
        .any(|t| head.contains(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_items_become_documents() {
        let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Example News</title>
            <item><title>Talks &amp; more</title><link>https://example.com/a</link>
            <pubDate>Tue, 02 Dec 2025 10:00:00 GMT</pubDate><author>jane@example.com (Jane Roe)</author>
            <description>&lt;p&gt;The talks lasted five hours.&lt;/p&gt;&lt;p&gt;They end today.&lt;/p&gt;</description></item>
            <item><title>Empty</title></item></channel></rss>"#;
        let docs = read_feed("f.rss", rss.as_bytes());
        assert_eq!(docs.len(), 2);
        let d = docs[0].as_ref().unwrap();
        assert_eq!(d.text, "The talks lasted five hours.\nThey end today.");
        assert_eq!(d.hints.title.as_ref().unwrap().value, "Talks & more");
        assert_eq!(d.hints.url.as_deref(), Some("https://example.com/a"));
        assert_eq!(d.hints.outlet.as_ref().unwrap().value, "Example News");
        assert!(d
            .hints
            .published
            .as_ref()
            .unwrap()
            .value
            .starts_with("2025-12-02"));
        assert!(docs[1].as_ref().unwrap_err().message.contains("entry 2"));
    }

    #[test]
    fn not_xml_is_one_error() {
        let docs = read_feed("f.xml", b"this is not a feed");
        assert_eq!(docs.len(), 1);
        assert!(docs[0]
            .as_ref()
            .unwrap_err()
            .message
            .contains("not a readable"));
    }
}
