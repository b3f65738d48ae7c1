//! Following news sources live (`dossier follow SOURCES`): each source's feeds, news sitemaps
//! and home page are polled on a schedule, the article URLs found that the store does not hold
//! are fetched politely ([`fetch`]), read and cleaned as `ingest` reads an HTML file
//! (`dossier_ingest::read_html`, `dossier_clean::clean`) and stored with their stories grown
//! (`dossier_store`).
//!
//! What was requested, with its validators and failures, is kept in the store
//! (`dossier_store::follow`), so a restart resumes: a page read for good (stored, a duplicate,
//! or refused for good) is never requested again, a stored article's URL is never fetched
//! again, a feed is asked conditionally. Each poll of a source ends in a [`Report`]; a failing
//! URL is one error line and the poll goes on; a failing source never stops the others.

pub mod fetch;
pub mod links;
pub mod sources;

use dossier_store::follow::Fetched;
use dossier_store::{AddReport, Prepared, Store};
use fetch::{Answer, Failure, Fetcher, Validators};
use links::Link;
pub use sources::Source;
use std::time::{Duration, Instant};

/// Failed requests in a row after which a page is given up.
pub const PAGE_TRIES: u32 = 3;
/// Sitemaps of a sitemap index read per poll, the most recently changed first.
const SITEMAPS_PER_INDEX: usize = 5;

/// How polling runs.
#[derive(Debug, Clone)]
pub struct Options {
    pub fetch: fetch::Settings,
    /// New pages fetched per source and poll at most (the rest wait for the next poll).
    pub max_pages: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            fetch: fetch::Settings::default(),
            max_pages: 200,
        }
    }
}

/// What one poll of one source did.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct Report {
    pub outlet: String,
    /// Feeds and sitemaps asked.
    pub lists: usize,
    /// Of those, how many had not changed (304).
    pub not_modified: usize,
    /// Article URLs they listed.
    pub links: usize,
    /// Article URLs already read (stored, or given up) and not fetched.
    pub known: usize,
    /// New pages tried (fetched, or refused before a request by robots.txt).
    pub tried: usize,
    #[serde(flatten)]
    pub added: AddReport,
    /// Requests and pages that failed (each printed as an error line).
    pub failed: usize,
    /// New article URLs left for the next poll (over `max_pages`).
    pub deferred: usize,
    pub seconds: f64,
}

impl Report {
    pub fn line(&self) -> String {
        let deferred = if self.deferred > 0 {
            format!(", {} left for the next poll", self.deferred)
        } else {
            String::new()
        };
        format!(
            "dossier: follow: {}: polled {} feeds and sitemaps in {:.1}s ({} unchanged): {} links, \
             {} known, {} new pages tried{deferred}: {} new articles, {} duplicates, {} failed; \
             {} stories created, {} grown",
            self.outlet,
            self.lists,
            self.seconds,
            self.not_modified,
            self.links,
            self.known,
            self.tried,
            self.added.new,
            self.added.duplicates,
            self.failed,
            self.added.stories_created,
            self.added.stories_grown
        )
    }
}

/// The crawler: one fetcher (so the per-host delay holds across sources) and the options.
pub struct Follower {
    fetcher: Fetcher,
    options: Options,
    /// The lists read whole in this poll, remembered at its end.
    listed: Vec<Fetched>,
    /// Told each URL before it is asked for (a progress display).
    progress: Option<Progress>,
}

/// What [`Follower::on_progress`] is given.
type Progress = Box<dyn FnMut(&str) + Send>;

impl Follower {
    pub fn new(options: Options) -> Follower {
        Follower {
            fetcher: Fetcher::new(options.fetch.clone()),
            options,
            listed: Vec::new(),
            progress: None,
        }
    }

    /// Has `progress` told each URL before it is asked for.
    pub fn on_progress(&mut self, progress: impl FnMut(&str) + Send + 'static) {
        self.progress = Some(Box::new(progress));
    }

    fn tell(&mut self, url: &str) {
        if let Some(p) = self.progress.as_mut() {
            p(url);
        }
    }

    /// Polls every source once, in order, then the stories are settled and their dossiers
    /// refreshed. `on_error` gets each failure as `URL: message`; `on_report` each source's
    /// report. Only a store error ends it early.
    pub fn poll_all(
        &mut self,
        store: &mut Store,
        sources: &[&Source],
        on_error: &mut dyn FnMut(&str),
        on_report: &mut dyn FnMut(&Report),
    ) -> dossier_store::Result<()> {
        for source in sources {
            let report = self.poll(store, source, on_error)?;
            on_report(&report);
        }
        store.refresh_dossiers(&mut |_, _| {})?;
        Ok(())
    }

    /// Polls one source: its lists (home page feeds, feeds, sitemaps), then each new page.
    pub fn poll(
        &mut self,
        store: &mut Store,
        source: &Source,
        on_error: &mut dyn FnMut(&str),
    ) -> dossier_store::Result<Report> {
        let start = Instant::now();
        // (what a poll ended by a store error left)
        self.listed.clear();
        let mut report = Report {
            outlet: source.outlet.clone(),
            ..Report::default()
        };
        let mut fail = |report: &mut Report, url: &str, message: &str| {
            report.failed += 1;
            on_error(&format!("{url}: {message}"));
        };
        let mut found: Vec<Link> = Vec::new();
        let mut feeds = source.feeds.clone();
        if let Some(home) = &source.homepage {
            match self.list(store, home, "homepage")? {
                Ok(Some(page)) => {
                    let announced = links::announced_feeds(&page.url, &page.bytes);
                    if announced.is_empty() {
                        fail(&mut report, home, "the home page announces no feed (no <link rel=\"alternate\" type=\"application/rss+xml\">)");
                    }
                    feeds.extend(announced.into_iter().filter(|f| !source.feeds.contains(f)));
                }
                Ok(None) => {}
                Err(m) => fail(&mut report, home, &m),
            }
        }
        for feed in &feeds {
            report.lists += 1;
            match self.list(store, feed, "feed")? {
                Ok(Some(page)) => match links::feed_links(&page.url, &page.bytes) {
                    Ok(l) => found.extend(l),
                    Err(m) => {
                        self.forget_validators(feed);
                        fail(&mut report, feed, &m);
                    }
                },
                Ok(None) => report.not_modified += 1,
                Err(m) => fail(&mut report, feed, &m),
            }
        }
        let mut sitemaps: Vec<String> = source.sitemaps.clone();
        let mut i = 0;
        while i < sitemaps.len() {
            let map = sitemaps[i].clone();
            i += 1;
            report.lists += 1;
            match self.list(store, &map, "sitemap")? {
                Ok(Some(page)) => match links::sitemap(&page.url, &page.bytes) {
                    Ok(mut s) => {
                        found.extend(s.pages.into_iter().map(|(url, date)| Link {
                            url,
                            hints: dossier_model::Hints {
                                published:
                                    date.map(|d| dossier_model::Sourced::new(d, "sitemap date")),
                                ..Default::default()
                            },
                        }));
                        // Only one level of index: an index's sitemaps list pages.
                        if i <= source.sitemaps.len() {
                            s.sitemaps.sort_by(|a, b| b.1.cmp(&a.1));
                            sitemaps.extend(
                                s.sitemaps
                                    .into_iter()
                                    .take(SITEMAPS_PER_INDEX)
                                    .map(|(u, _)| u),
                            );
                        }
                    }
                    Err(m) => {
                        self.forget_validators(&map);
                        fail(&mut report, &map, &m);
                    }
                },
                Ok(None) => report.not_modified += 1,
                Err(m) => fail(&mut report, &map, &m),
            }
        }
        // Each URL once, the first listing's hints kept.
        let mut seen = std::collections::HashSet::new();
        found.retain(|l| seen.insert(l.url.clone()));
        report.links = found.len();
        let mut fresh = Vec::new();
        for link in found {
            let known = match store.fetched(&link.url)? {
                Some(f) => f.done,
                None => false,
            };
            if known || store.holds_url(&link.url)? {
                report.known += 1;
            } else {
                fresh.push(link);
            }
        }
        report.deferred = fresh.len().saturating_sub(self.options.max_pages);
        fresh.truncate(self.options.max_pages);
        let mut unread = report.deferred;
        for link in fresh {
            report.tried += 1;
            if let Err(m) = self.read_page(store, source, &link, &mut report)? {
                fail(&mut report, &link.url, &m);
                unread += usize::from(!store.fetched(&link.url)?.is_some_and(|f| f.done));
            }
        }
        // A list whose pages were all read is asked conditionally next time; one with pages
        // left for later (or to try again) is read whole again, so none is forgotten.
        for mut row in std::mem::take(&mut self.listed) {
            if unread > 0 {
                (row.etag, row.modified) = (None, None);
            }
            store.record_fetched(&row)?;
        }
        let settled = store.settle()?;
        report.added.stories_created += settled.stories_created;
        report.added.stories_grown += settled.stories_grown;
        report.seconds = start.elapsed().as_secs_f64();
        Ok(report)
    }

    /// Fetches a feed, sitemap or home page, conditionally when it was read before: the page
    /// when it changed, `None` when it did not, or the failure. A failure or a 304 is
    /// remembered at once; a page read is remembered (in `listed`) when the poll has read
    /// the pages it lists, so that a poll cut short asks for it whole again.
    fn list(
        &mut self,
        store: &mut Store,
        url: &str,
        kind: &str,
    ) -> dossier_store::Result<Result<Option<fetch::Page>, String>> {
        let before = store.fetched(url)?;
        // A home page is read whole each time: the feeds it announces are not remembered.
        let validators = before
            .as_ref()
            .filter(|_| kind != "homepage")
            .map(|f| Validators {
                etag: f.etag.clone(),
                modified: f.modified.clone(),
            })
            .unwrap_or_default();
        self.tell(url);
        let answer = self.fetcher.get(url, &validators);
        let mut row = Fetched {
            url: url.to_string(),
            kind: kind.to_string(),
            polled: now(),
            ..Fetched::default()
        };
        let out = match answer {
            Ok(Answer::NotModified) => {
                row.status = Some(304);
                (row.etag, row.modified) = (validators.etag, validators.modified);
                Ok(None)
            }
            Ok(Answer::Body(page)) => {
                row.status = Some(page.status);
                (row.etag, row.modified) = (
                    page.validators.etag.clone(),
                    page.validators.modified.clone(),
                );
                // Remembered once the pages it lists are read (see `poll`).
                self.listed.push(row);
                return Ok(Ok(Some(page)));
            }
            Err(f) => {
                row.status = f.status;
                row.failures = before.as_ref().map_or(0, |b| b.failures) + 1;
                (row.etag, row.modified) = (validators.etag, validators.modified);
                row.error = Some(f.message.clone());
                Err(f.message)
            }
        };
        store.record_fetched(&row)?;
        Ok(out)
    }

    /// Drops the validators of a list read in this poll whose body could not be read, so the
    /// next poll reads it whole again rather than being told it has not changed.
    fn forget_validators(&mut self, url: &str) {
        for row in self.listed.iter_mut().filter(|r| r.url == url) {
            (row.etag, row.modified) = (None, None);
        }
    }

    /// Fetches, reads, cleans and stores one article page; remembers the outcome. The inner
    /// error is the page's failure (one line for the user).
    fn read_page(
        &mut self,
        store: &mut Store,
        source: &Source,
        link: &Link,
        report: &mut Report,
    ) -> dossier_store::Result<Result<(), String>> {
        let before = store.fetched(&link.url)?;
        let mut row = Fetched {
            url: link.url.clone(),
            kind: "page".into(),
            polled: now(),
            ..Fetched::default()
        };
        self.tell(&link.url);
        let outcome = self
            .fetcher
            .get(&link.url, &Validators::default())
            .and_then(|answer| match answer {
                Answer::Body(page) => Ok(page),
                Answer::NotModified => Err(Failure {
                    message: "HTTP 304 to a request that was not conditional".into(),
                    status: Some(304),
                    permanent: false,
                    host_unreadable: false,
                }),
            })
            .and_then(|page| {
                row.status = Some(page.status);
                self.store_page(store, source, link, page)
                    .map_err(|m| Failure {
                        message: m,
                        status: row.status,
                        permanent: true,
                        host_unreadable: false,
                    })
            });
        let result = match outcome {
            Ok(Ok(added)) => {
                report.added.absorb(&added);
                row.done = true;
                Ok(())
            }
            Ok(Err(e)) => return Err(e),
            Err(f) => {
                row.status = row.status.or(f.status);
                // A host whose robots.txt cannot be read is not the page's failure.
                row.failures =
                    before.as_ref().map_or(0, |b| b.failures) + u32::from(!f.host_unreadable);
                row.done = f.permanent || row.failures >= PAGE_TRIES;
                row.error = Some(f.message.clone());
                Err(f.message)
            }
        };
        store.record_fetched(&row)?;
        Ok(result)
    }

    /// Reads a fetched page as `ingest` reads an HTML file and stores its articles (their
    /// stories settled at the end of the poll). The outer error is the page's (not an article
    /// page); the inner one the store's.
    fn store_page(
        &mut self,
        store: &mut Store,
        source: &Source,
        link: &Link,
        page: fetch::Page,
    ) -> Result<dossier_store::Result<AddReport>, String> {
        if let Some(kind) = &page.content_type {
            let essence = kind
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            if !matches!(essence.as_str(), "text/html" | "application/xhtml+xml" | "") {
                return Err(format!("not an HTML page ({essence})"));
            }
        }
        let mut doc = dossier_ingest::read_html(&page.url, &page.bytes).map_err(|e| e.message)?;
        // The outlet is the one the sources file names; the page fills in what its feed entry
        // did not say.
        doc.hints.outlet = Some(dossier_model::Sourced::new(
            source.outlet.clone(),
            "sources file",
        ));
        doc.hints.fill_from(link.hints.clone());
        if let Some(canonical) = doc.hints.url.as_deref() {
            if canonical != link.url && canonical != page.url {
                match store.holds_url(canonical) {
                    Ok(true) => {
                        return Ok(Ok(AddReport {
                            duplicates: 1,
                            ..AddReport::default()
                        }))
                    }
                    Ok(false) => {}
                    Err(e) => return Ok(Err(e)),
                }
            }
        }
        let articles = dossier_clean::clean(&doc);
        if articles.is_empty() {
            return Err("only page furniture found, no article text".into());
        }
        Ok(store.add_unsettled(Prepared::all(articles)))
    }
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339()
}

/// When each source is next due: its last poll (remembered in the store, so a restart keeps
/// the schedule) plus its `every`; a source never polled is due now.
pub fn next_polls(store: &Store, sources: &[Source]) -> dossier_store::Result<Vec<Instant>> {
    let now = Instant::now();
    let wall = chrono::Utc::now();
    let mut out = Vec::new();
    for s in sources {
        let first = s.homepage.iter().chain(&s.feeds).chain(&s.sitemaps).next();
        let last = match first {
            Some(url) => store
                .fetched(url)?
                .and_then(|f| chrono::DateTime::parse_from_rfc3339(&f.polled).ok()),
            None => None,
        };
        let due = match last {
            Some(t) => {
                let since = (wall - t.with_timezone(&chrono::Utc))
                    .to_std()
                    .unwrap_or(Duration::ZERO);
                now + s.every.saturating_sub(since)
            }
            None => now,
        };
        out.push(due);
    }
    Ok(out)
}
