//! The sources file (`dossier follow SOURCES`): TOML with one `[[source]]` table per outlet,
//! naming its RSS/Atom feeds, news sitemaps and home page (whose feeds are found from its
//! `<link rel="alternate">`), and how often to poll it.
//!
//! ```toml
//! [[source]]
//! outlet = "Loopback News"
//! feeds = ["http://127.0.0.1:8000/feed.xml"]
//! sitemaps = ["http://127.0.0.1:8000/news-sitemap.xml"]
//! homepage = "http://127.0.0.1:8000/"
//! every = "15m"
//! ```

use serde::Deserialize;
use std::time::Duration;

/// How often a source is polled when its table does not say.
pub const DEFAULT_EVERY: Duration = Duration::from_secs(15 * 60);

/// One outlet to follow.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub outlet: String,
    pub feeds: Vec<String>,
    pub sitemaps: Vec<String>,
    pub homepage: Option<String>,
    pub every: Duration,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    source: Vec<RawSource>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    outlet: String,
    #[serde(default)]
    feeds: Vec<String>,
    #[serde(default)]
    sitemaps: Vec<String>,
    homepage: Option<String>,
    every: Option<String>,
}

/// Reads a sources file's text; `name` names it in errors. Every source needs an outlet and at
/// least one feed, sitemap or home page, each an http(s) URL.
pub fn parse(name: &str, text: &str) -> Result<Vec<Source>, String> {
    let file: File = toml::from_str(text).map_err(|e| format!("{name}: {e}"))?;
    if file.source.is_empty() {
        return Err(format!(
            "{name}: no [[source]] table (each names an outlet and its feeds)"
        ));
    }
    let mut out = Vec::new();
    for (i, raw) in file.source.into_iter().enumerate() {
        let at = format!("{name}: source {} ({:?})", i + 1, raw.outlet);
        if raw.outlet.trim().is_empty() {
            return Err(format!("{name}: source {}: empty outlet", i + 1));
        }
        let urls = raw.feeds.iter().chain(&raw.sitemaps).chain(&raw.homepage);
        for u in urls.clone() {
            check_url(u).map_err(|e| format!("{at}: {u:?}: {e}"))?;
        }
        if urls.count() == 0 {
            return Err(format!("{at}: no feeds, sitemaps or homepage to poll"));
        }
        let every = match &raw.every {
            None => DEFAULT_EVERY,
            Some(s) => parse_duration(s).map_err(|e| format!("{at}: every = {s:?}: {e}"))?,
        };
        out.push(Source {
            outlet: raw.outlet.trim().to_string(),
            feeds: raw.feeds,
            sitemaps: raw.sitemaps,
            homepage: raw.homepage,
            every,
        });
    }
    Ok(out)
}

fn check_url(u: &str) -> Result<(), String> {
    let parsed = url::Url::parse(u).map_err(|e| e.to_string())?;
    match parsed.scheme() {
        "http" | "https" if parsed.host().is_some() => Ok(()),
        "http" | "https" => Err("no host".into()),
        other => Err(format!("an http or https URL is needed, not {other}:")),
    }
}

/// A duration as people write it in a config: a number and a unit, `ms`, `s`, `m`, `h` or `d`
/// (`90s`, `15m`, `1.5h`, `0.2s`).
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .ok_or("a unit is needed (s, m, h or d)")?;
    let (number, unit) = s.split_at(split);
    let n: f64 = number
        .parse()
        .map_err(|_| format!("{number:?} is not a number"))?;
    let seconds = match unit.trim() {
        "ms" => n / 1000.0,
        "s" => n,
        "m" | "min" => n * 60.0,
        "h" => n * 3600.0,
        "d" => n * 86400.0,
        u => return Err(format!("unknown unit {u:?} (s, m, h or d)")),
    };
    Duration::try_from_secs_f64(seconds).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sources_file_reads_with_defaults() {
        let text = r#"
            [[source]]
            outlet = "Harbour Gazette"
            feeds = ["https://gazette.example/rss.xml"]
            every = "5m"

            [[source]]
            outlet = "Valley Post"
            homepage = "http://valley.example/"
        "#;
        let sources = parse("s.toml", text).unwrap();
        assert_eq!(sources.len(), 2);
        assert_eq!(sources[0].every, Duration::from_secs(300));
        assert_eq!(sources[1].every, DEFAULT_EVERY);
        assert_eq!(
            sources[1].homepage.as_deref(),
            Some("http://valley.example/")
        );
    }

    #[test]
    fn a_bad_sources_file_says_where() {
        let no_feeds = "[[source]]\noutlet = \"A\"\n";
        assert!(parse("s.toml", no_feeds).unwrap_err().contains("no feeds"));
        let ftp = "[[source]]\noutlet = \"A\"\nfeeds = [\"ftp://a.example/f\"]\n";
        assert!(parse("s.toml", ftp).unwrap_err().contains("http or https"));
        let typo = "[[source]]\noutlet = \"A\"\nfeed = [\"http://a.example/f\"]\n";
        assert!(parse("s.toml", typo).unwrap_err().contains("s.toml"));
        let every =
            "[[source]]\noutlet = \"A\"\nfeeds = [\"http://a.example/f\"]\nevery = \"soon\"\n";
        assert!(parse("s.toml", every).unwrap_err().contains("every"));
        assert!(parse("s.toml", "").unwrap_err().contains("no [[source]]"));
    }

    #[test]
    fn durations_read_with_their_units() {
        assert_eq!(parse_duration("90s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("1.5h"), Ok(Duration::from_secs(5400)));
        assert_eq!(parse_duration("200ms"), Ok(Duration::from_millis(200)));
        assert!(parse_duration("15").is_err());
        assert!(parse_duration("3 weeks").is_err());
    }
}
