//! Where the article URLs come from: the entries of an RSS/Atom/JSON feed (through feed-rs,
//! with each entry's title, authors and dates as [`Hints`] for the page), the pages of a news
//! sitemap or the sitemaps of a sitemap index, and the feeds a home page announces in its
//! `<link rel="alternate">`. URLs are normalised so one article has one key: fragment and
//! tracking parameters dropped.

use dossier_model::Hints;
use once_cell::sync::Lazy;
use regex::Regex;

/// One article URL found, with what its feed entry says of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub url: String,
    pub hints: Hints,
}

/// The article links of a feed, in the feed's order; an error when the bytes are not a feed.
pub fn feed_links(base: &str, bytes: &[u8]) -> Result<Vec<Link>, String> {
    // The XML layer under feed-rs can panic on odd encoding declarations.
    let parsed = std::panic::catch_unwind(|| feed_rs::parser::parse(bytes));
    let feed = match parsed {
        Ok(Ok(f)) => f,
        Ok(Err(e)) => return Err(format!("not an RSS/Atom feed: {e}")),
        Err(_) => return Err("not an RSS/Atom feed: the XML parser gave up".into()),
    };
    let mut out = Vec::new();
    for entry in &feed.entries {
        // The entry's page: its alternate link (or first), else an id that is a URL.
        let href = entry
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .or(entry.links.first())
            .map(|l| l.href.as_str())
            .or_else(|| entry.id.starts_with("http").then_some(entry.id.as_str()));
        let Some(url) = href.and_then(|h| normalise(base, h)) else {
            continue;
        };
        let hints = dossier_ingest::feed::entry_hints(entry);
        out.push(Link { url, hints });
    }
    Ok(out)
}

/// What a sitemap lists: pages (a `<urlset>`) or other sitemaps (a `<sitemapindex>`), each
/// with its `<lastmod>` or news publication date where given.
#[derive(Debug, Default, PartialEq)]
pub struct Sitemap {
    pub pages: Vec<(String, Option<String>)>,
    pub sitemaps: Vec<(String, Option<String>)>,
}

static SITEMAP_ENTRY: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?s)<(url|sitemap)\b[^>]*>(.*?)</(?:url|sitemap)\s*>").expect("a valid pattern")
});
static LOC: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?s)<loc\b[^>]*>\s*(?:<!\[CDATA\[)?(.*?)(?:\]\]>)?\s*</loc\s*>")
        .expect("a valid pattern")
});
static LASTMOD: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?s)<(?:\w+:)?(?:publication_date|lastmod)\b[^>]*>\s*([^<]*?)\s*</")
        .expect("a valid pattern")
});

/// Reads a sitemap (the sitemaps.org protocol, with Google News' `<news:publication_date>`).
pub fn sitemap(base: &str, bytes: &[u8]) -> Result<Sitemap, String> {
    let text = String::from_utf8_lossy(bytes);
    let head: String = text
        .chars()
        .take(4096)
        .collect::<String>()
        .to_ascii_lowercase();
    if !head.contains("<urlset") && !head.contains("<sitemapindex") {
        return Err("not a sitemap (no <urlset> or <sitemapindex>)".into());
    }
    let mut out = Sitemap::default();
    for c in SITEMAP_ENTRY.captures_iter(&text) {
        let inner = &c[2];
        let Some(loc) = LOC.captures(inner).map(|l| unescape(&l[1])) else {
            continue;
        };
        let Some(url) = normalise(base, &loc) else {
            continue;
        };
        let date = LASTMOD.captures(inner).map(|d| d[1].to_string());
        match &c[1] {
            "url" => out.pages.push((url, date)),
            _ => out.sitemaps.push((url, date)),
        }
    }
    Ok(out)
}

static LINK_TAG: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"(?is)<link\b([^>]*)>").expect("a valid pattern"));
static ATTRIBUTE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r#"(?is)([a-z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))"#)
        .expect("a valid pattern")
});

/// The feeds a home page announces (`<link rel="alternate" type="application/rss+xml">`, Atom
/// and JSON Feed too), absolute, in page order.
pub fn announced_feeds(base: &str, html: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(html);
    let mut out: Vec<String> = Vec::new();
    for tag in LINK_TAG.captures_iter(&text) {
        let (mut rel, mut kind, mut href) = (String::new(), String::new(), None);
        for a in ATTRIBUTE.captures_iter(&tag[1]) {
            let value = a
                .get(2)
                .or(a.get(3))
                .or(a.get(4))
                .map_or("", |m| m.as_str());
            match a[1].to_ascii_lowercase().as_str() {
                "rel" => rel = value.to_ascii_lowercase(),
                "type" => kind = value.to_ascii_lowercase(),
                "href" => href = Some(unescape(value)),
                _ => {}
            }
        }
        let is_feed = [
            "application/rss+xml",
            "application/atom+xml",
            "application/feed+json",
        ]
        .iter()
        .any(|t| kind.trim() == *t);
        if !rel.split_whitespace().any(|r| r == "alternate") || !is_feed {
            continue;
        }
        if let Some(url) = href.and_then(|h| normalise(base, &h)) {
            if !out.contains(&url) {
                out.push(url);
            }
        }
    }
    out
}

/// Query parameters that only track where a reader came from.
fn is_tracking(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.starts_with("utm_")
        || matches!(
            n.as_str(),
            "fbclid" | "gclid" | "mc_cid" | "mc_eid" | "ocid"
        )
}

/// `href` made absolute against `base`, without its fragment and tracking parameters; `None`
/// when it is not an http(s) URL.
pub fn normalise(base: &str, href: &str) -> Option<String> {
    let base = url::Url::parse(base).ok();
    let mut url = url::Url::options()
        .base_url(base.as_ref())
        .parse(href.trim())
        .ok()?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return None;
    }
    url.set_fragment(None);
    if url.query().is_some() {
        let kept: Vec<(String, String)> = url
            .query_pairs()
            .filter(|(k, _)| !is_tracking(k))
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        if kept.is_empty() {
            url.set_query(None);
        } else {
            url.query_pairs_mut().clear().extend_pairs(kept);
        }
    }
    Some(url.to_string())
}

fn unescape(s: &str) -> String {
    s.trim()
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_lose_fragments_and_tracking_but_keep_their_meaning() {
        let n = |h| normalise("https://news.example/section/", h);
        assert_eq!(
            n("/a.html#top").as_deref(),
            Some("https://news.example/a.html")
        );
        assert_eq!(
            n("b.html?utm_source=x&id=4").as_deref(),
            Some("https://news.example/section/b.html?id=4")
        );
        assert_eq!(
            n("https://News.Example/c?utm_medium=rss").as_deref(),
            Some("https://news.example/c")
        );
        assert_eq!(n("mailto:desk@news.example"), None);
    }

    #[test]
    fn a_feed_gives_its_entries_links_and_hints() {
        let rss = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Gazette</title>
            <item><title>Ferry resumes &amp; crews return</title><link>https://gazette.example/ferry?utm_source=rss</link>
              <pubDate>Tue, 03 Mar 2026 10:00:00 GMT</pubDate></item>
            <item><title>No link here</title></item>
            <item><guid isPermaLink="true">https://gazette.example/council</guid><title>Council</title></item>
            </channel></rss>"#;
        let links = feed_links("https://gazette.example/rss.xml", rss).unwrap();
        let urls: Vec<&str> = links.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "https://gazette.example/ferry",
                "https://gazette.example/council"
            ]
        );
        assert_eq!(
            links[0].hints.title.as_ref().unwrap().value,
            "Ferry resumes & crews return"
        );
        assert!(links[0]
            .hints
            .published
            .as_ref()
            .unwrap()
            .value
            .starts_with("2026-03-03"));
        assert!(feed_links("x", b"<html><body>Hello</body></html>")
            .unwrap_err()
            .contains("not an RSS/Atom feed"));
    }

    #[test]
    fn a_sitemap_lists_pages_or_sitemaps() {
        let urlset = br#"<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
            <url><loc>https://valley.example/a?x=1&amp;y=2</loc><news:news><news:publication_date>2026-03-01T08:00:00Z</news:publication_date></news:news></url>
            <url><loc>https://valley.example/b</loc><lastmod>2026-03-02</lastmod></url></urlset>"#;
        let s = sitemap("https://valley.example/sitemap.xml", urlset).unwrap();
        assert_eq!(
            s.pages[0],
            (
                "https://valley.example/a?x=1&y=2".to_string(),
                Some("2026-03-01T08:00:00Z".to_string())
            )
        );
        assert_eq!(s.pages[1].1.as_deref(), Some("2026-03-02"));
        let index = br#"<sitemapindex><sitemap><loc>/news-1.xml</loc></sitemap></sitemapindex>"#;
        let s = sitemap("https://valley.example/sitemap.xml", index).unwrap();
        assert_eq!(
            s.sitemaps,
            [("https://valley.example/news-1.xml".to_string(), None)]
        );
        assert!(sitemap("x", b"<html></html>").is_err());
    }

    #[test]
    fn a_home_page_announces_its_feeds() {
        let html = br#"<html><head>
            <link rel="stylesheet" href="/s.css">
            <link rel="alternate" type="application/rss+xml" title="All" href="/rss.xml">
            <link type='application/atom+xml' rel='alternate' href='https://other.example/atom'>
            <link rel="alternate" hreflang="fr" href="/fr/">
            </head></html>"#;
        assert_eq!(
            announced_feeds("https://valley.example/", html),
            [
                "https://valley.example/rss.xml",
                "https://other.example/atom"
            ]
        );
    }
}
