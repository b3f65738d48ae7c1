//! Main-content extraction from HTML pages.
//!
//! The primary is dossier's own: a light tree of the page ([`tree`]), Readability's scoring on
//! it ([`body`]) and the page's declared metadata ([`meta`]). Where it finds too little text,
//! `dom_smoothie` (a Readability port on html5ever) and then `trafilatura` (a port of
//! go-trafilatura) are tried, each several times slower (docs/EVALUATION.md has the figures).
//! Cleaning then removes the furniture any of them leaves behind.
//!
//! The fallbacks parse with html5ever, whose work per element grows with the nesting around it
//! and whose walks recurse per level: a page nested deeper than [`FALLBACK_MAX_DEPTH`], with
//! more than [`MAX_ATTRIBUTES`] attributes on an element or more than [`MAX_REOPENED`]
//! elements a browser would add by reopening formatting tags left open, is read by dossier's
//! own extractor alone (whose tree is bounded at [`MAX_DEPTH`] levels), so a hostile page costs
//! linear time and a bounded stack. The page's metadata (title,
//! author, site name, publication and update dates from `<meta>` and JSON-LD) become [`Hints`]
//! with their provenance.

mod body;
mod meta;
mod tree;

pub(crate) use tree::collapse;

use dossier_model::{Hints, Sourced};

/// Below this many characters of extracted text the primary is taken to have missed the article.
const MIN_PRIMARY_CHARS: usize = 250;

/// The most attributes on one element a page may have for the fallbacks to read it (html5ever
/// compares each attribute with every other; real pages have tens).
pub const MAX_ATTRIBUTES: usize = 1_000;

/// The most elements a browser would add to a page by reopening the formatting tags (`b`,
/// `font`, ...) it leaves open across blocks, for the fallbacks to read it (html5ever reopens
/// every distinct one inside each later block: a few hundred such tags make millions).
pub const MAX_REOPENED: usize = 100_000;

/// The deepest nesting the fallbacks read (their work per element grows with it; news pages
/// nest a few tens deep).
pub const FALLBACK_MAX_DEPTH: usize = 100;

pub use tree::MAX_DEPTH;

/// The article text of an HTML page and the metadata the page declares.
pub struct Extracted {
    pub text: String,
    pub hints: Hints,
    /// Which extractor produced the text.
    pub extractor: &'static str,
}

/// Extracts the main content of `html`. `url` (absolute) helps resolve the outlet.
/// Returns an error message when no extractor finds any article text.
pub fn extract(html: &str, url: Option<&str>) -> Result<Extracted, String> {
    let url = url.filter(|u| url::Url::parse(u).is_ok());
    let (own, shape) = own(html, url);
    if own.text.chars().count() >= MIN_PRIMARY_CHARS {
        return Ok(own);
    }
    if let Some(why) = beyond_fallbacks(&shape) {
        return if own.text.trim().is_empty() {
            Err(format!(
                "no article text found in the HTML ({why}: only dossier's own extractor read it)"
            ))
        } else {
            Ok(own)
        };
    }
    let primary = match readability(html, url) {
        Ok(mut p) if p.text.trim().len() >= own.text.trim().len() => {
            // The own reader's metadata, measured the better, wins where it has any.
            let mut hints = own.hints;
            hints.fill_from(p.hints);
            p.hints = hints;
            Ok(p)
        }
        _ if !own.text.trim().is_empty() => Ok(own),
        other => other,
    };
    if let Ok(p) = &primary {
        if p.text.chars().count() >= MIN_PRIMARY_CHARS {
            return primary;
        }
    }
    match fallback(html, url) {
        Ok(f) if f.text.trim().len() > primary.as_ref().map_or(0, |p| p.text.trim().len()) => {
            // Keep the primary's metadata where the fallback has none.
            let mut f = f;
            if let Ok(p) = primary {
                f.hints.fill_from(p.hints);
            }
            Ok(f)
        }
        _ => match primary {
            Ok(p) if !p.text.trim().is_empty() => Ok(p),
            _ => Err("no article text found in the HTML".into()),
        },
    }
}

/// The text of an HTML fragment (a feed entry's content) read by dossier's own tree, with the
/// reason, when html5ever must not read it (see [`extract`]); `None` for a fragment it may read.
pub(crate) fn hostile_fragment_text(html: &str) -> Option<(String, String)> {
    let tree = tree::Tree::parse(html);
    beyond_fallbacks(&tree.shape).map(|why| (tree.text_of(0), why))
}

/// Why the fallbacks must not read a page of this shape, if they must not.
fn beyond_fallbacks(shape: &tree::Shape) -> Option<String> {
    if shape.too_deep || shape.deepest > FALLBACK_MAX_DEPTH {
        Some(format!("nested deeper than {FALLBACK_MAX_DEPTH} levels"))
    } else if shape.most_attributes > MAX_ATTRIBUTES {
        Some(format!(
            "{} attributes on one element (limit {MAX_ATTRIBUTES})",
            shape.most_attributes
        ))
    } else if shape.reopened > MAX_REOPENED {
        Some(format!(
            "formatting tags left open would add {} elements (limit {MAX_REOPENED})",
            shape.reopened
        ))
    } else {
        None
    }
}

/// dossier's own extractor: the light tree, Readability's scoring, the declared metadata; and
/// the shape of the page's markup.
fn own(html: &str, url: Option<&str>) -> (Extracted, tree::Shape) {
    let tree = tree::Tree::parse(html);
    let m = meta::read(&tree);
    let from = "html metadata (meta tags / JSON-LD)";
    let page_url = match (url, &m.site_name) {
        (None, None) => m.url.filter(|u| url::Url::parse(u).is_ok()),
        _ => None,
    };
    let hints = Hints {
        url: url.map(str::to_string).or(page_url),
        outlet: m
            .site_name
            .map(|s| Sourced::new(s, "html meta og:site_name / JSON-LD publisher")),
        title: m
            .title
            .map(|t| Sourced::new(t, "html JSON-LD headline / og:title / <title>")),
        byline: m
            .byline
            .map(|s| Sourced::new(s, "html author meta / JSON-LD author / byline element")),
        published: m.published.map(|d| Sourced::new(d, from)),
        updated: m.modified.map(|d| Sourced::new(d, from)),
    };
    let extracted = Extracted {
        text: body::article_text(&tree),
        hints,
        extractor: "dossier",
    };
    (extracted, tree.shape)
}

fn readability(html: &str, url: Option<&str>) -> Result<Extracted, String> {
    let cfg = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..Default::default()
    };
    let mut r = dom_smoothie::Readability::new(html, url, Some(cfg)).map_err(|e| e.to_string())?;
    let a = r.parse().map_err(|e| e.to_string())?;
    let from = "html metadata (meta tags / JSON-LD)";
    // Without a URL or a site name, the page's own canonical / og:url names the outlet.
    let page_url = match (url, &a.site_name) {
        (None, None) => r
            .get_article_metadata(None)
            .url
            .filter(|u| url::Url::parse(u).is_ok()),
        _ => None,
    };
    let hints = Hints {
        url: url.map(str::to_string).or(page_url),
        outlet: a
            .site_name
            .filter(|s| !s.trim().is_empty())
            .map(|s| Sourced::new(s.trim().to_string(), "html meta og:site_name")),
        title: Some(a.title.trim().to_string())
            .filter(|t| !t.is_empty())
            .map(|t| Sourced::new(t, "html <title> / og:title")),
        byline: a
            .byline
            .filter(|s| !s.trim().is_empty())
            .map(|s| Sourced::new(s.trim().to_string(), "html author meta / byline element")),
        published: a.published_time.map(|d| Sourced::new(d, from)),
        updated: a.modified_time.map(|d| Sourced::new(d, from)),
    };
    Ok(Extracted {
        text: a.text_content.to_string(),
        hints,
        extractor: "dom_smoothie",
    })
}

fn fallback(html: &str, url: Option<&str>) -> Result<Extracted, String> {
    let mut opts = trafilatura::Options::default();
    if let Some(u) = url.and_then(|u| url::Url::parse(u).ok()) {
        opts.original_url = Some(u);
    }
    let r = trafilatura::extract(html, &opts).map_err(|e| e.to_string())?;
    let m = r.metadata;
    let some = |s: String| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    let hints = Hints {
        url: url.map(str::to_string),
        outlet: some(m.sitename).map(|s| Sourced::new(s, "html site name (trafilatura)")),
        title: some(m.title).map(|s| Sourced::new(s, "html title (trafilatura)")),
        byline: some(m.author).map(|s| Sourced::new(s, "html author (trafilatura)")),
        published: m.date.map(|d| {
            Sourced::new(
                d.format("%Y-%m-%d").to_string(),
                "html date meta (trafilatura)",
            )
        }),
        updated: None,
    };
    Ok(Extracted {
        text: r.content_text,
        hints,
        extractor: "trafilatura",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extracts_body_and_metadata() {
        let para = "<p>Officials from both governments met for five hours on Tuesday to discuss the plan, \
                    according to people familiar with the talks, and agreed to meet again next week.</p>";
        let html = format!(
            r#"<html><head><title>Talks resume in Geneva</title>
            <meta property="article:published_time" content="2025-12-02T10:00:00Z">
            <meta property="og:site_name" content="Example News"></head>
            <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
            <article><h1>Talks resume in Geneva</h1>{}</article>
            <footer>Copyright Example News</footer></body></html>"#,
            para.repeat(4)
        );
        let e = extract(&html, Some("https://www.example.com/a")).unwrap();
        assert!(e.text.contains("Officials from both governments"));
        assert!(!e.text.contains("Copyright"));
        assert_eq!(e.hints.title.unwrap().value, "Talks resume in Geneva");
        assert_eq!(e.hints.outlet.unwrap().value, "Example News");
        assert!(e.hints.published.unwrap().value.starts_with("2025-12-02"));
    }

    #[test]
    fn broken_html_does_not_panic() {
        for html in [
            "<html><body><div><p>unclosed",
            "<<<>>>",
            "<p>",
            "</html>",
            "<script>alert(1)",
        ] {
            let _ = extract(html, None);
        }
    }

    #[test]
    fn a_deeply_nested_page_is_read_without_overflowing_the_stack() {
        let para =
            "<p>Officials met for five hours on Tuesday to discuss the plan, people said.</p>";
        let html = format!("{}{}", "<div>".repeat(100_000), para.repeat(10));
        let e = extract(&html, None).unwrap();
        assert!(e.text.contains("Officials met"));
    }
}
