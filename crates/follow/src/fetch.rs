//! The polite HTTP client of `dossier follow`: every request goes through [`Fetcher::get`],
//! which
//!
//! - asks each host's `robots.txt` first (RFC 9309 through `texting_robots`: a missing file
//!   allows everything, an unreachable or failing one allows nothing this run) and honours its
//!   `Crawl-delay` (up to [`MAX_CRAWL_DELAY`]);
//! - sends one request at a time per host, the next no sooner than the delay after the last
//!   one ended;
//! - names dossier and a contact URL in its `User-Agent`;
//! - asks conditionally (`If-None-Match`, `If-Modified-Since`) where validators are known;
//! - accepts gzip; times out on connecting and on the whole exchange (a page that drips in
//!   slowly included);
//! - reads at most a size cap of the body, streamed, and stops there;
//! - follows at most [`Settings::max_redirects`] redirects itself, so each hop is checked
//!   against its host's robots.txt and delay, and says so when they loop;
//! - retries a failed connection, a timeout, a 5xx or a 429 with a doubling backoff.

use std::collections::HashMap;
use std::time::{Duration, Instant};
use texting_robots::Robot;

/// The product token robots.txt rules are matched against.
pub const ROBOT_NAME: &str = "dossier";
/// The longest `Crawl-delay` honoured as given; longer ones are cut to it.
pub const MAX_CRAWL_DELAY: Duration = Duration::from_secs(60);
/// The largest robots.txt read (RFC 9309 asks crawlers to read at least 500 KiB).
const MAX_ROBOTS_BYTES: u64 = 512 << 10;
/// How long a host's robots.txt is trusted before it is asked again.
const ROBOTS_TTL: Duration = Duration::from_secs(24 * 3600);

/// How the fetcher behaves.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Where a publisher can reach whoever runs this crawler (put in the `User-Agent`).
    pub contact: Option<String>,
    /// The least time between the end of one request to a host and the start of the next.
    pub delay: Duration,
    pub connect_timeout: Duration,
    /// The most one exchange may take, reading the whole body included.
    pub timeout: Duration,
    /// The most bytes of a body read (after decompression).
    pub max_bytes: u64,
    pub max_redirects: usize,
    /// Tries after the first for a failure that may pass.
    pub retries: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            contact: None,
            delay: Duration::from_secs(1),
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_bytes: 8 << 20,
            max_redirects: 5,
            retries: 2,
        }
    }
}

/// What a server last said of a URL, to ask whether it changed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Validators {
    pub etag: Option<String>,
    pub modified: Option<String>,
}

/// A successful answer.
#[derive(Debug)]
pub enum Answer {
    /// 304: unchanged since the validators sent.
    NotModified,
    Body(Page),
}

/// A body read whole.
#[derive(Debug)]
pub struct Page {
    /// Where it was read from, after redirects.
    pub url: String,
    pub status: u16,
    pub content_type: Option<String>,
    pub validators: Validators,
    pub bytes: Vec<u8>,
}

/// A request that failed, with what to tell the user.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    pub message: String,
    /// The last HTTP status, if an answer came.
    pub status: Option<u16>,
    /// Asking again later will not help (a 404, robots.txt forbids it, a page over the cap).
    pub permanent: bool,
    /// The URL was not asked for: its host's robots.txt could not be read (not the page's
    /// failure).
    pub host_unreadable: bool,
}

impl Failure {
    fn new(message: impl Into<String>, status: Option<u16>, permanent: bool) -> Self {
        Failure {
            message: message.into(),
            status,
            permanent,
            host_unreadable: false,
        }
    }
}

/// What is known of one host (scheme, name and port).
struct Host {
    /// When its last request ended.
    last: Option<Instant>,
    robots: Option<(Robots, Instant)>,
}

enum Robots {
    Rules(Box<Robot>),
    AllowAll,
    /// robots.txt could not be read (a 5xx, no answer): nothing is fetched from the host.
    DisallowAll(String),
}

/// One exchange's outcome before its body is read.
enum Exchange {
    Done(Page),
    NotModified,
    Redirect(String),
}

/// The HTTP client; one per crawler, so the per-host delay holds across sources.
pub struct Fetcher {
    agent: ureq::Agent,
    settings: Settings,
    hosts: HashMap<String, Host>,
}

impl Fetcher {
    pub fn new(settings: Settings) -> Fetcher {
        let user_agent = match &settings.contact {
            Some(c) => format!("{ROBOT_NAME}/{} (+{c})", env!("CARGO_PKG_VERSION")),
            None => format!("{ROBOT_NAME}/{}", env!("CARGO_PKG_VERSION")),
        };
        let config = ureq::Agent::config_builder()
            .user_agent(user_agent)
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_connect(Some(settings.connect_timeout))
            .timeout_global(Some(settings.timeout))
            .build();
        Fetcher {
            agent: ureq::Agent::new_with_config(config),
            settings,
            hosts: HashMap::new(),
        }
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Fetches `url` politely (see the module's comment), conditionally when `validators`
    /// are given.
    pub fn get(&mut self, url: &str, validators: &Validators) -> Result<Answer, Failure> {
        self.get_following(url, validators, true, self.settings.max_bytes)
    }

    fn get_following(
        &mut self,
        url: &str,
        validators: &Validators,
        check_robots: bool,
        cap: u64,
    ) -> Result<Answer, Failure> {
        let mut hops = vec![url.to_string()];
        loop {
            let current = hops.last().expect("one hop at least").clone();
            let parsed = url::Url::parse(&current)
                .map_err(|e| Failure::new(format!("not a URL: {e}"), None, true))?;
            if !matches!(parsed.scheme(), "http" | "https") || parsed.host().is_none() {
                return Err(Failure::new("not an http(s) URL", None, true));
            }
            if check_robots {
                self.check_robots(&parsed)?;
            }
            // The validators belong to the URL asked for, not to where it redirects.
            let sent = if hops.len() == 1 {
                validators.clone()
            } else {
                Validators::default()
            };
            match self.exchange_with_retries(&parsed, &sent, cap)? {
                Exchange::Done(page) => return Ok(Answer::Body(page)),
                Exchange::NotModified => return Ok(Answer::NotModified),
                Exchange::Redirect(to) => {
                    if hops.contains(&to) {
                        hops.push(to);
                        return Err(Failure::new(
                            format!("redirect loop: {}", hops.join(" -> ")),
                            None,
                            true,
                        ));
                    }
                    if hops.len() > self.settings.max_redirects {
                        return Err(Failure::new(
                            format!("more than {} redirects", self.settings.max_redirects),
                            None,
                            true,
                        ));
                    }
                    hops.push(to);
                }
            }
        }
    }

    /// Refuses a URL its host's robots.txt disallows, reading that file first if needed.
    fn check_robots(&mut self, url: &url::Url) -> Result<(), Failure> {
        let origin = origin(url);
        let fresh = self
            .hosts
            .get(&origin)
            .and_then(|h| h.robots.as_ref())
            .is_some_and(|(_, at)| at.elapsed() < ROBOTS_TTL);
        if !fresh {
            let robots = self.read_robots(&origin);
            self.host(&origin).robots = Some((robots, Instant::now()));
        }
        let (robots, _) = self.hosts[&origin].robots.as_ref().expect("just read");
        match robots {
            Robots::AllowAll => Ok(()),
            Robots::Rules(r) if r.allowed(url.as_str()) => Ok(()),
            Robots::Rules(_) => Err(Failure::new("disallowed by robots.txt", None, true)),
            Robots::DisallowAll(why) => Err(Failure {
                host_unreadable: true,
                ..Failure::new(
                    format!(
                        "{origin}/robots.txt could not be read ({why}): nothing is fetched from \
                         this host"
                    ),
                    None,
                    false,
                )
            }),
        }
    }

    fn read_robots(&mut self, origin: &str) -> Robots {
        let url = format!("{origin}/robots.txt");
        match self.get_following(&url, &Validators::default(), false, MAX_ROBOTS_BYTES) {
            Ok(Answer::Body(page)) => match Robot::new(ROBOT_NAME, &page.bytes) {
                Ok(r) => Robots::Rules(Box::new(r)),
                Err(_) => Robots::AllowAll,
            },
            Ok(Answer::NotModified) => Robots::AllowAll,
            // RFC 9309: a 4xx means no rules; a 5xx or no answer, assume nothing is allowed.
            Err(f) if f.status.is_some_and(|s| (400..500).contains(&s)) => Robots::AllowAll,
            Err(f) => Robots::DisallowAll(f.message),
        }
    }

    fn host(&mut self, origin: &str) -> &mut Host {
        self.hosts.entry(origin.to_string()).or_insert(Host {
            last: None,
            robots: None,
        })
    }

    /// The delay before the next request to `origin`: the setting, or the host's
    /// `Crawl-delay` when longer.
    fn delay(&self, origin: &str) -> Duration {
        let crawl = self
            .hosts
            .get(origin)
            .and_then(|h| match &h.robots {
                Some((Robots::Rules(r), _)) => r.delay,
                _ => None,
            })
            .and_then(|s| Duration::try_from_secs_f32(s).ok())
            .map_or(Duration::ZERO, |d| d.min(MAX_CRAWL_DELAY));
        self.settings.delay.max(crawl)
    }

    fn exchange_with_retries(
        &mut self,
        url: &url::Url,
        validators: &Validators,
        cap: u64,
    ) -> Result<Exchange, Failure> {
        let mut attempt = 0;
        loop {
            match self.exchange(url, validators, cap) {
                Err((failure, retry_after))
                    if !failure.permanent && attempt < self.settings.retries =>
                {
                    let backoff =
                        self.settings.delay.max(Duration::from_millis(100)) * 2u32.pow(attempt + 1);
                    let wait = retry_after.map_or(backoff, |r| r.min(MAX_CRAWL_DELAY).max(backoff));
                    std::thread::sleep(wait);
                    attempt += 1;
                }
                Err((mut failure, _)) => {
                    if attempt > 0 {
                        failure.message =
                            format!("{} (after {} tries)", failure.message, attempt + 1);
                    }
                    return Err(failure);
                }
                Ok(e) => return Ok(e),
            }
        }
    }

    /// One request, in the host's turn; the failure comes with the server's `Retry-After`.
    fn exchange(
        &mut self,
        url: &url::Url,
        validators: &Validators,
        cap: u64,
    ) -> Result<Exchange, (Failure, Option<Duration>)> {
        let origin = origin(url);
        let delay = self.delay(&origin);
        if let Some(last) = self.host(&origin).last {
            let since = last.elapsed();
            if since < delay {
                std::thread::sleep(delay - since);
            }
        }
        let result = self.exchange_now(url, validators, cap);
        self.host(&origin).last = Some(Instant::now());
        result
    }

    fn exchange_now(
        &self,
        url: &url::Url,
        validators: &Validators,
        cap: u64,
    ) -> Result<Exchange, (Failure, Option<Duration>)> {
        let mut request = self.agent.get(url.as_str());
        if let Some(etag) = &validators.etag {
            request = request.header("If-None-Match", etag);
        }
        if let Some(modified) = &validators.modified {
            request = request.header("If-Modified-Since", modified);
        }
        let timeouts = (self.settings.connect_timeout, self.settings.timeout);
        let mut response = request
            .call()
            .map_err(|e| (transport_failure(e, timeouts), None))?;
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        match status {
            304 => return Ok(Exchange::NotModified),
            301 | 302 | 303 | 307 | 308 => {
                let Some(location) = header("location") else {
                    return Err((
                        Failure::new(
                            format!("HTTP {status} without a Location"),
                            Some(status),
                            true,
                        ),
                        None,
                    ));
                };
                return match url.join(&location) {
                    Ok(to) => Ok(Exchange::Redirect(to.to_string())),
                    Err(e) => Err((
                        Failure::new(
                            format!("HTTP {status} to a bad Location {location:?}: {e}"),
                            Some(status),
                            true,
                        ),
                        None,
                    )),
                };
            }
            200..=299 => {}
            _ => {
                let retry_after = header("retry-after")
                    .and_then(|v| v.parse::<u64>().ok())
                    .map(Duration::from_secs);
                let passing = status >= 500 || status == 429 || status == 408;
                let reason = response.status().canonical_reason().unwrap_or("");
                return Err((
                    Failure::new(
                        format!("HTTP {status} {reason}").trim_end().to_string(),
                        Some(status),
                        !passing,
                    ),
                    retry_after,
                ));
            }
        }
        let content_type = header("content-type");
        let validators = Validators {
            etag: header("etag"),
            modified: header("last-modified"),
        };
        let bytes = response
            .body_mut()
            .with_config()
            .limit(cap)
            .read_to_vec()
            .map_err(|e| match e {
                ureq::Error::BodyExceedsLimit(_) => (
                    Failure::new(
                        format!("larger than {}: stopped reading at the cap", size(cap)),
                        Some(status),
                        true,
                    ),
                    None,
                ),
                e => (transport_failure(e, timeouts), None),
            })?;
        Ok(Exchange::Done(Page {
            url: url.to_string(),
            status,
            content_type,
            validators,
            bytes,
        }))
    }
}

/// `scheme://host[:port]` of a URL: the unit of politeness.
fn origin(url: &url::Url) -> String {
    url.origin().ascii_serialization()
}

/// A failure without an HTTP answer; `timeouts` are (connect, whole request) for the message.
fn transport_failure(e: ureq::Error, timeouts: (Duration, Duration)) -> Failure {
    let message = match &e {
        ureq::Error::Timeout(ureq::Timeout::Connect) => {
            format!("no connection within {:?}", timeouts.0)
        }
        ureq::Error::Timeout(ureq::Timeout::Global) => {
            format!("no complete answer within {:?}: timed out", timeouts.1)
        }
        ureq::Error::Timeout(t) => format!("timed out ({t})"),
        ureq::Error::Io(io) => format!("connection failed: {io}"),
        ureq::Error::HostNotFound => "host not found".to_string(),
        ureq::Error::ConnectionFailed => "connection failed".to_string(),
        e => e.to_string(),
    };
    Failure::new(message, None, false)
}

/// A byte count for people: `8 MiB`, `512 KiB`, `300 bytes`.
fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 && b % (1 << 20) == 0 => format!("{} MiB", b >> 20),
        b if b >= 1 << 20 => format!("{:.1} MiB", b as f64 / f64::from(1 << 20)),
        b if b >= 1 << 10 => format!("{} KiB", b >> 10),
        b => format!("{b} bytes"),
    }
}
