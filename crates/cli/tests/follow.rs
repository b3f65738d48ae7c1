//! `dossier follow` against a loopback HTTP server started by each test (a `TcpListener`
//! thread serving a feed and pages written here): every article stored once, robots.txt
//! obeyed, the per-host delay held, conditional requests answered 304 with nothing new
//! stored, each kind of failure one error line with the rest going on, and a follow killed
//! mid-poll resuming without loss or duplicates.

mod common;

use common::{stderr, workspace};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One request as the server saw it.
#[derive(Debug, Clone)]
struct Seen {
    path: String,
    at: Instant,
    headers: HashMap<String, String>,
}

/// What the server answers for a path.
#[derive(Clone)]
enum Reply {
    /// Status, content type, body; an ETag given makes a matching `If-None-Match` a 304.
    Ok(u16, &'static str, Vec<u8>, Option<&'static str>),
    Redirect(&'static str),
    /// Accepts and never answers.
    Hang,
    /// Headers, then a byte every 200 ms, for ever.
    Drip,
    /// A 100 MB body, sent as fast as it is read.
    Huge,
}

struct Server {
    addr: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    /// Starts a server whose routes are made knowing its address (for the feeds' links).
    fn start(routes: impl FnOnce(&str) -> HashMap<String, Reply>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = format!("http://{}", listener.local_addr().unwrap());
        let routes = routes(&addr);
        let seen = Arc::new(Mutex::new(Vec::new()));
        let (log, routes) = (seen.clone(), Arc::new(routes));
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (log, routes) = (log.clone(), routes.clone());
                std::thread::spawn(move || serve(stream, &routes, &log));
            }
        });
        Server { addr, seen }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.addr)
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    fn requests_of(&self, path: &str) -> usize {
        self.seen().iter().filter(|s| s.path == path).count()
    }
}

fn serve(stream: TcpStream, routes: &HashMap<String, Reply>, log: &Mutex<Vec<Seen>>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let at = Instant::now();
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut headers = HashMap::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
        }
    }
    log.lock().unwrap().push(Seen {
        path: path.clone(),
        at,
        headers: headers.clone(),
    });
    let mut out = stream;
    let head = |status: u16, extra: &str| {
        format!("HTTP/1.1 {status} X\r\nConnection: close\r\n{extra}\r\n")
    };
    let reply = routes.get(&path).cloned().unwrap_or(Reply::Ok(
        404,
        "text/plain",
        b"not here".to_vec(),
        None,
    ));
    let _ = match reply {
        Reply::Ok(status, kind, body, etag) => {
            if etag.is_some() && headers.get("if-none-match").map(String::as_str) == etag {
                out.write_all(head(304, "").as_bytes())
            } else {
                let tag = etag.map(|e| format!("ETag: {e}\r\n")).unwrap_or_default();
                let extra = format!(
                    "Content-Type: {kind}\r\nContent-Length: {}\r\n{tag}",
                    body.len()
                );
                out.write_all(head(status, &extra).as_bytes())
                    .and_then(|_| out.write_all(&body))
            }
        }
        Reply::Redirect(to) => {
            out.write_all(head(302, &format!("Location: {to}\r\nContent-Length: 0\r\n")).as_bytes())
        }
        Reply::Hang => {
            std::thread::sleep(Duration::from_secs(20));
            Ok(())
        }
        Reply::Drip => {
            let r = out.write_all(head(200, "Content-Type: text/html\r\n").as_bytes());
            for _ in 0..100 {
                std::thread::sleep(Duration::from_millis(200));
                if out.write_all(b"<p>").is_err() {
                    break;
                }
            }
            r
        }
        Reply::Huge => {
            let extra = format!(
                "Content-Type: text/html\r\nContent-Length: {}\r\n",
                100 << 20
            );
            let chunk = vec![b'a'; 1 << 16];
            let r = out.write_all(head(200, &extra).as_bytes());
            for _ in 0..(100 << 20) / chunk.len() {
                if out.write_all(&chunk).is_err() {
                    break;
                }
            }
            r
        }
    };
    let _ = out.flush();
    // Drain what the client may still send, so closing does not reset the connection early.
    let mut rest = [0u8; 1024];
    let _ = out.set_read_timeout(Some(Duration::from_millis(50)));
    let _ = reader.get_mut().read(&mut rest);
}

/// An article page of our own: a headline and four paragraphs about a made-up town's `topic`.
fn article(n: usize, topic: &str) -> Vec<u8> {
    let towns = [
        "Ashford Vale",
        "Brennick",
        "Corlow",
        "Dunmere",
        "Elsworth",
        "Fallowby",
        "Garrow",
        "Hedley Cross",
        "Inchmore",
        "Jessop",
    ];
    let town = towns[n % towns.len()];
    format!(
        "<!doctype html><html><head><title>{town} {topic} - Loopback News</title></head><body>\
         <nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>\
         <article><h1>{town} council approves {topic} plan</h1>\
         <p>The council of {town} voted on Tuesday to approve a plan for {topic}, after three \
         months of public meetings in which residents argued about its cost and its timing.</p>\
         <p>The plan sets aside money for {topic} over the next four years, the council's \
         treasurer told reporters after the vote, and its first phase begins in the spring.</p>\
         <p>Opponents of the {topic} plan said the town could not afford it and asked for a \
         second vote, which the mayor of {town} refused, saying the matter was settled.</p>\
         <p>A public meeting on how the {topic} work will be carried out is planned for next \
         month at the town hall, where residents can put their questions to the engineers.</p>\
         </article><footer>Copyright Loopback News</footer></body></html>"
    )
    .into_bytes()
}

const TOPICS: [&str; 10] = [
    "flood defence",
    "school meals",
    "bus lane",
    "library repair",
    "harbour dredging",
    "bridge painting",
    "street lighting",
    "park drainage",
    "market hall",
    "cycle path",
];

fn rss(base: &str, paths: &[&str]) -> Vec<u8> {
    let items: String = paths
        .iter()
        .enumerate()
        .map(|(i, p)| {
            format!(
                "<item><title>Report {i}</title><link>{base}{p}</link>\
                 <pubDate>Tue, 03 Mar 2026 1{i}:00:00 GMT</pubDate></item>"
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Loopback News</title>\
         <link>{base}/</link>{items}</channel></rss>"
    )
    .into_bytes()
}

fn html(body: Vec<u8>) -> Reply {
    Reply::Ok(200, "text/html; charset=utf-8", body, None)
}

fn sources_file(dir: &Path, sources: &[(&str, &[String])]) -> String {
    let text: String = sources
        .iter()
        .map(|(outlet, feeds)| {
            let feeds: Vec<String> = feeds.iter().map(|f| format!("{f:?}")).collect();
            format!(
                "[[source]]\noutlet = {outlet:?}\nfeeds = [{}]\n\n",
                feeds.join(", ")
            )
        })
        .collect();
    let path = dir.join("sources.toml");
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

fn follow_command(db: &Path, sources: &str, extra: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_dossier"));
    c.args(["--db", &db.to_string_lossy(), "follow", sources, "--once"])
        .args(["--contact", "https://example.org/dossier-test"])
        .args(extra)
        .current_dir(workspace())
        .stdin(Stdio::null());
    c
}

fn follow(db: &Path, sources: &str, extra: &[&str]) -> Output {
    follow_command(db, sources, extra)
        .output()
        .expect("dossier runs")
}

/// (articles, distinct sources) in the store.
fn stored(db: &Path) -> (i64, i64) {
    let conn = rusqlite::Connection::open(db.join("dossier.sqlite")).unwrap();
    conn.query_row(
        "SELECT count(*), count(DISTINCT source) FROM articles",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .unwrap()
}

fn error_lines(out: &Output) -> Vec<String> {
    stderr(out)
        .lines()
        .filter(|l| l.starts_with("dossier: error:"))
        .map(String::from)
        .collect()
}

#[test]
fn follow_stores_each_article_once_politely_and_asks_again_conditionally() {
    let pages = [
        "/news/1.html",
        "/news/2.html",
        "/news/3.html",
        "/private/4.html",
    ];
    let server = Server::start(|addr| {
        let mut routes = HashMap::new();
        routes.insert(
            "/robots.txt".to_string(),
            Reply::Ok(
                200,
                "text/plain",
                b"User-agent: *\nDisallow: /private/\n".to_vec(),
                None,
            ),
        );
        for (i, p) in pages.iter().enumerate() {
            routes.insert(p.to_string(), html(article(i, TOPICS[i])));
        }
        // The feed has an ETag, so a second poll can be told it has not changed.
        let feed = Reply::Ok(
            200,
            "application/rss+xml",
            rss(addr, &pages),
            Some("\"v1\""),
        );
        routes.insert("/feed.xml".to_string(), feed);
        routes
    });
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    let sources = sources_file(tmp.path(), &[("Loopback News", &[server.url("/feed.xml")])]);

    let first = follow(&db, &sources, &["--delay", "300ms"]);
    let text = stderr(&first);
    eprintln!("{text}");
    assert_eq!(stored(&db), (3, 3), "three articles stored, each once");
    assert_eq!(
        server.requests_of("/private/4.html"),
        0,
        "robots.txt forbids it"
    );
    let errors = error_lines(&first);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("/private/4.html") && errors[0].contains("robots.txt"),
        "{errors:?}"
    );
    assert!(text.contains("Loopback News: polled 1 feeds"), "{text}");
    assert!(text.contains("3 new articles"), "{text}");

    let seen = server.seen();
    assert_eq!(seen[0].path, "/robots.txt", "robots.txt is asked first");
    for s in &seen {
        let encodings = s
            .headers
            .get("accept-encoding")
            .cloned()
            .unwrap_or_default();
        assert!(encodings.contains("gzip"), "{}: {encodings:?}", s.path);
        let agent = s.headers.get("user-agent").cloned().unwrap_or_default();
        assert!(
            agent.starts_with("dossier/") && agent.contains("https://example.org/dossier-test"),
            "{agent}"
        );
    }
    for pair in seen.windows(2) {
        let gap = pair[1].at.duration_since(pair[0].at);
        assert!(
            gap >= Duration::from_millis(290),
            "{} then {} after {gap:?}",
            pair[0].path,
            pair[1].path
        );
    }

    // The second poll: the feed answers 304 and nothing is fetched or stored.
    let before = seen.len();
    let second = follow(&db, &sources, &["--delay", "300ms"]);
    let text = stderr(&second);
    eprintln!("{text}");
    assert!(
        second.status.success() || error_lines(&second).is_empty(),
        "{text}"
    );
    let again: Vec<String> = server.seen()[before..]
        .iter()
        .map(|s| s.path.clone())
        .collect();
    assert_eq!(
        again,
        ["/robots.txt", "/feed.xml"],
        "only robots.txt and the feed are asked"
    );
    let feed_request = server
        .seen()
        .into_iter()
        .rev()
        .find(|s| s.path == "/feed.xml")
        .unwrap();
    assert_eq!(
        feed_request
            .headers
            .get("if-none-match")
            .map(String::as_str),
        Some("\"v1\"")
    );
    assert!(
        text.contains("(1 unchanged)") && text.contains("0 new articles"),
        "{text}"
    );
    assert_eq!(stored(&db), (3, 3));
}

#[test]
fn each_failure_is_one_error_line_and_the_rest_goes_on() {
    let bad = [
        "/e500.html",
        "/hang.html",
        "/drip.html",
        "/huge.html",
        "/loop-a.html",
    ];
    let good = ["/ok/1.html", "/ok/2.html"];
    let server = Server::start(|addr| {
        let mut routes = HashMap::new();
        let mut listed: Vec<&str> = bad.to_vec();
        listed.extend(good);
        routes.insert(
            "/feed.xml".into(),
            Reply::Ok(200, "application/rss+xml", rss(addr, &listed), None),
        );
        routes.insert(
            "/e500.html".into(),
            Reply::Ok(500, "text/html", b"<p>oops</p>".to_vec(), None),
        );
        routes.insert("/hang.html".into(), Reply::Hang);
        routes.insert("/drip.html".into(), Reply::Drip);
        routes.insert("/huge.html".into(), Reply::Huge);
        routes.insert("/loop-a.html".into(), Reply::Redirect("/loop-b.html"));
        routes.insert("/loop-b.html".into(), Reply::Redirect("/loop-a.html"));
        for (i, p) in good.iter().enumerate() {
            routes.insert(p.to_string(), html(article(i + 5, TOPICS[i + 5])));
        }
        // A "feed" that is a web page, and a source whose only feed fails.
        routes.insert("/not-a-feed.html".into(), html(article(9, TOPICS[9])));
        routes.insert(
            "/broken-feed.xml".into(),
            Reply::Ok(503, "text/plain", b"down".to_vec(), None),
        );
        routes
    });
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    let feeds = [server.url("/feed.xml"), server.url("/not-a-feed.html")];
    let broken = [server.url("/broken-feed.xml")];
    let sources = sources_file(
        tmp.path(),
        &[("Broken Wire", &broken), ("Loopback News", &feeds)],
    );
    let started = Instant::now();
    let out = follow(
        &db,
        &sources,
        &["--delay", "50ms", "--timeout", "2s", "--retries", "1"],
    );
    let text = stderr(&out);
    eprintln!("{text}");
    assert_eq!(out.status.code(), Some(3), "some inputs failed: {text}");
    assert_eq!(stored(&db), (2, 2), "the good pages are stored");
    let errors = error_lines(&out);
    let expected = [
        ("/broken-feed.xml", "HTTP 503"),
        ("/not-a-feed.html", "not an RSS/Atom feed"),
        ("/e500.html", "HTTP 500"),
        ("/hang.html", "timed out"),
        ("/drip.html", "timed out"),
        ("/huge.html", "stopped reading at the cap"),
        ("/loop-a.html", "redirect loop"),
    ];
    assert_eq!(errors.len(), expected.len(), "{errors:#?}");
    for (path, why) in expected {
        let line = errors.iter().find(|l| l.contains(&server.url(path)));
        assert!(
            line.is_some_and(|l| l.contains(why)),
            "{path}: {why} in {errors:#?}"
        );
    }
    // Failures that may pass were tried twice (--retries 1); the others once.
    assert_eq!(server.requests_of("/e500.html"), 2);
    assert_eq!(server.requests_of("/broken-feed.xml"), 2);
    assert_eq!(server.requests_of("/huge.html"), 1);
    assert!(
        text.contains("Broken Wire: polled 1 feeds")
            && text.contains("Loopback News: polled 2 feeds"),
        "{text}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn a_follow_killed_mid_poll_resumes_without_loss_or_duplicates() {
    let pages: Vec<String> = (0..8).map(|i| format!("/story/{i}.html")).collect();
    let server = Server::start(|addr| {
        let mut routes = HashMap::new();
        let listed: Vec<&str> = pages.iter().map(String::as_str).collect();
        routes.insert(
            "/feed.xml".into(),
            Reply::Ok(
                200,
                "application/rss+xml",
                rss(addr, &listed),
                Some("\"k\""),
            ),
        );
        for (i, p) in pages.iter().enumerate() {
            routes.insert(p.clone(), html(article(i, TOPICS[i])));
        }
        routes
    });
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    let sources = sources_file(tmp.path(), &[("Loopback News", &[server.url("/feed.xml")])]);
    let mut child = follow_command(&db, &sources, &["--delay", "300ms", "-q"])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while server
        .seen()
        .iter()
        .filter(|s| s.path.starts_with("/story/"))
        .count()
        < 4
    {
        assert!(Instant::now() < deadline, "the pages were never asked for");
        assert!(
            child.try_wait().unwrap().is_none(),
            "follow ended before the kill"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL, in the middle of the poll
    child.wait().unwrap();
    let at_kill = stored(&db).0;
    eprintln!("killed with {at_kill} articles stored");
    assert!(at_kill < 8, "the kill came too late to test anything");

    let out = follow(&db, &sources, &["--delay", "50ms"]);
    eprintln!("{}", stderr(&out));
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stored(&db), (8, 8), "every article stored, once");
    for p in &pages {
        assert!(
            server.requests_of(p) <= 2,
            "{p} asked {} times",
            server.requests_of(p)
        );
    }
    // And a third poll asks for nothing but robots.txt and the (unchanged) feed.
    let before = server.seen().len();
    follow(&db, &sources, &["--delay", "50ms"]);
    assert_eq!(server.seen().len() - before, 2);
    assert_eq!(stored(&db), (8, 8));
}

#[test]
fn serve_follows_on_a_schedule_and_serves_what_it_stores() {
    let pages = ["/a.html", "/b.html"];
    let server = Server::start(|addr| {
        let mut routes = HashMap::new();
        routes.insert(
            "/feed.xml".into(),
            Reply::Ok(200, "application/rss+xml", rss(addr, &pages), Some("\"s\"")),
        );
        for (i, p) in pages.iter().enumerate() {
            routes.insert(p.to_string(), html(article(i + 3, TOPICS[i + 3])));
        }
        routes
    });
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    let path = tmp.path().join("sources.toml");
    let text = format!(
        "[[source]]\noutlet = \"Loopback News\"\nfeeds = [{:?}]\nevery = \"1s\"\n",
        server.url("/feed.xml")
    );
    std::fs::write(&path, text).unwrap();
    // `serve` needs a corpus: one made by `ingest` of nothing but a text of our own.
    let seed = tmp.path().join("seed.txt");
    std::fs::write(
        &seed,
        "The river ferry will run an extra boat on Saturdays from next month, its operator said.",
    )
    .unwrap();
    let made = common::dossier(&[
        "--db",
        &db.to_string_lossy(),
        "ingest",
        "-q",
        &seed.to_string_lossy(),
    ]);
    assert!(made.status.success(), "{}", stderr(&made));
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr = format!("127.0.0.1:{port}");
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["--db", &db.to_string_lossy(), "serve", "--addr", &addr])
        .args([
            "--follow",
            &path.to_string_lossy(),
            "--contact",
            "https://example.org/dossier-test",
        ])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Polled on its schedule: the feed asked at least twice, the second time conditionally.
    let deadline = Instant::now() + Duration::from_secs(60);
    while server.requests_of("/feed.xml") < 2 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    let stories = (|| -> std::io::Result<String> {
        let mut s = TcpStream::connect(&addr)?;
        write!(
            s,
            "GET /api/stories HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
        )?;
        let mut body = String::new();
        s.read_to_string(&mut body)?;
        Ok(body)
    })();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        server.requests_of("/feed.xml") >= 2,
        "the feed was not polled again"
    );
    let second = server
        .seen()
        .into_iter()
        .filter(|s| s.path == "/feed.xml")
        .nth(1)
        .unwrap();
    assert_eq!(
        second.headers.get("if-none-match").map(String::as_str),
        Some("\"s\"")
    );
    assert_eq!(stored(&db).0, 3, "the seed and the two pages");
    let stories = stories.unwrap();
    assert!(
        stories.starts_with("HTTP/1.1 200") && stories.contains("\"articles\""),
        "{stories}"
    );
    assert_eq!(
        server.requests_of("/a.html") + server.requests_of("/b.html"),
        2
    );
}

#[test]
fn a_host_whose_robots_txt_fails_is_left_alone() {
    let server = Server::start(|addr| {
        let mut routes = HashMap::new();
        routes.insert(
            "/robots.txt".into(),
            Reply::Ok(503, "text/plain", b"busy".to_vec(), None),
        );
        routes.insert(
            "/feed.xml".into(),
            Reply::Ok(200, "application/rss+xml", rss(addr, &["/x.html"]), None),
        );
        routes.insert("/x.html".into(), html(article(1, TOPICS[1])));
        routes
    });
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    let sources = sources_file(tmp.path(), &[("Loopback News", &[server.url("/feed.xml")])]);
    let out = follow(&db, &sources, &["--delay", "50ms", "--retries", "1"]);
    let errors = error_lines(&out);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].contains("/feed.xml") && errors[0].contains("robots.txt could not be read"),
        "{errors:#?}"
    );
    let asked: Vec<String> = server.seen().into_iter().map(|s| s.path).collect();
    assert_eq!(
        asked,
        ["/robots.txt", "/robots.txt"],
        "only robots.txt, tried twice"
    );
    assert_eq!(stored(&db).0, 0);
}
