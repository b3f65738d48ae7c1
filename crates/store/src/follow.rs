//! What following sources (`dossier follow`) remembers between polls, so that a restart
//! resumes: each feed, sitemap, home page and article page requested, with the validators of
//! its last answer (for a conditional request), its failures in a row, and whether a page is
//! read for good. The articles themselves are stored as any ingest stores them; a page is also
//! known by the URL of a stored article.

use crate::{Result, Store};
use rusqlite::{params, OptionalExtension};

/// One URL as last requested.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Fetched {
    pub url: String,
    /// `feed`, `sitemap`, `homepage` or `page`.
    pub kind: String,
    /// RFC 3339 time of the last request.
    pub polled: String,
    /// The last HTTP status; `None` when no answer came.
    pub status: Option<u16>,
    pub etag: Option<String>,
    /// `Last-Modified` as the server sent it.
    pub modified: Option<String>,
    /// Failed requests in a row (0 after a success).
    pub failures: u32,
    /// The last failure.
    pub error: Option<String>,
    /// A page read for good (stored, a duplicate, or refused for good): never requested again.
    pub done: bool,
}

impl Store {
    /// What is remembered of `url`, if it was requested before.
    pub fn fetched(&self, url: &str) -> Result<Option<Fetched>> {
        self.conn
            .prepare_cached(
                "SELECT kind, polled, status, etag, modified, failures, error, done
                 FROM fetched WHERE url = ?1",
            )
            .and_then(|mut s| {
                s.query_row([url], |r| {
                    Ok(Fetched {
                        url: url.to_string(),
                        kind: r.get(0)?,
                        polled: r.get(1)?,
                        status: r.get(2)?,
                        etag: r.get(3)?,
                        modified: r.get(4)?,
                        failures: r.get(5)?,
                        error: r.get(6)?,
                        done: r.get(7)?,
                    })
                })
                .optional()
            })
            .map_err(|e| self.db_err(e))
    }

    /// Remembers the last request of `f.url`, replacing what was remembered.
    pub fn record_fetched(&mut self, f: &Fetched) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT OR REPLACE INTO fetched
                 (url, kind, polled, status, etag, modified, failures, error, done)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    f.url, f.kind, f.polled, f.status, f.etag, f.modified, f.failures, f.error,
                    f.done
                ])
            })
            .map(|_| ())
            .map_err(|e| self.db_err(e))
    }

    /// Whether a stored article has `url` as its URL (the canonical URL its page or record
    /// gave, else the address it was read from). A page read under another address is known
    /// by its `fetched` row instead.
    pub fn holds_url(&self, url: &str) -> Result<bool> {
        self.conn
            .prepare_cached("SELECT 1 FROM articles WHERE url = ?1 LIMIT 1")
            .and_then(|mut s| s.query_row([url], |_| Ok(())).optional())
            .map(|found| found.is_some())
            .map_err(|e| self.db_err(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fetch_is_remembered_across_opens_and_replaced_by_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        assert_eq!(store.fetched("http://example.test/feed").unwrap(), None);
        let mut f = Fetched {
            url: "http://example.test/feed".into(),
            kind: "feed".into(),
            polled: "2026-01-02T03:04:05+00:00".into(),
            status: Some(200),
            etag: Some("\"v1\"".into()),
            ..Fetched::default()
        };
        store.record_fetched(&f).unwrap();
        drop(store);
        let mut store = Store::open(dir.path()).unwrap();
        assert_eq!(store.fetched(&f.url).unwrap().as_ref(), Some(&f));
        f.status = None;
        f.failures = 1;
        f.error = Some("timed out".into());
        store.record_fetched(&f).unwrap();
        assert_eq!(store.fetched(&f.url).unwrap(), Some(f));
        assert!(!store.holds_url("http://example.test/a").unwrap());
    }
}
