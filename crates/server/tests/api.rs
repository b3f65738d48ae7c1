//! The HTTP API and pages, called in-process (no socket): status codes, the JSON contract,
//! errors as JSON, limits, headers, and escaping of untrusted article text.

mod common;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use dossier_server::{app, AppState};
use http_body_util::BodyExt;
use std::sync::{Arc, OnceLock};
use tower::ServiceExt;

const TOKEN: &str = "test-token-0123456789abcdef";

/// One corpus for all tests of this file (built once; requests only read it, except the
/// ingest test, which uses a corpus of its own).
fn corpus() -> &'static std::path::Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let d = tempfile::tempdir().unwrap();
        common::build_corpus(d.path());
        d
    })
    .path()
}

fn state(token: Option<&str>) -> Arc<AppState> {
    Arc::new(AppState::open(corpus(), 2, token.map(str::to_string)).unwrap())
}

struct Reply {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

impl Reply {
    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| {
            panic!("not JSON ({e}): {}", &self.body[..self.body.len().min(300)])
        })
    }
}

async fn call(state: Arc<AppState>, req: Request<Body>) -> Reply {
    let r = app(state).oneshot(req).await.unwrap();
    let status = r.status();
    let headers = r.headers().clone();
    let bytes = r.into_body().collect().await.unwrap().to_bytes();
    Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

async fn get(path: &str) -> Reply {
    call(state(None), Request::get(path).body(Body::empty()).unwrap()).await
}

/// The story of the sample corpus: the one with the most articles.
async fn main_story() -> serde_json::Value {
    let list = get("/api/stories").await.json();
    list.as_array()
        .unwrap()
        .iter()
        .max_by_key(|s| s["articles"].as_u64())
        .unwrap()
        .clone()
}

/// A word of a story's title to search for.
fn title_word(story: &serde_json::Value) -> String {
    let title = story["title"].as_str().unwrap();
    title
        .split_whitespace()
        .find(|w| w.len() > 4)
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn story_list_matches_the_store() {
    let r = get("/api/stories").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    let list = r.json();
    let rows = list.as_array().unwrap();
    let store = dossier_store::Store::open_reader(corpus()).unwrap();
    let expected = store.stories(None, None, 0, 50).unwrap();
    assert_eq!(rows.len(), expected.len());
    assert_eq!(list, serde_json::to_value(&expected).unwrap());
    // Searching and paging.
    let top = main_story().await;
    let word = title_word(&top);
    let found = get(&format!("/api/stories?q={word}")).await.json();
    assert!(found
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["id"] == top["id"]));
    let one = get("/api/stories?limit=1&offset=1").await.json();
    assert_eq!(one.as_array().unwrap().len(), 1);
    assert_eq!(one[0]["id"], rows[1]["id"]);
    let none = get("/api/stories?since=2100-01-01").await.json();
    assert!(none.as_array().unwrap().is_empty());
}

#[tokio::test]
async fn story_and_article_are_the_cli_contract() {
    let top = main_story().await;
    let id = top["id"].as_str().unwrap();
    let r = get(&format!("/api/stories/{id}")).await;
    assert_eq!(r.status, StatusCode::OK);
    let got: dossier_model::Dossier = serde_json::from_str(&r.body).unwrap();
    let mut store = dossier_store::Store::open(corpus()).unwrap();
    let (story, articles) = store.story(id).unwrap();
    assert_eq!(got.stories, vec![story.clone()]);
    assert_eq!(got.articles, articles);
    assert!(!story.brief.is_empty() && !story.events.is_empty());

    let aid = &story.articles[0];
    let a = get(&format!("/api/articles/{aid}")).await;
    assert_eq!(a.status, StatusCode::OK);
    let article: dossier_model::Article = serde_json::from_str(&a.body).unwrap();
    assert_eq!(&article.id, aid);
    assert_eq!(article.story.as_deref(), Some(id));
    assert!(!article.text.is_empty());
}

#[tokio::test]
async fn search_finds_articles_and_quotes() {
    let top = main_story().await;
    let word = title_word(&top);
    let hits = get(&format!("/api/search?q={word}&limit=5")).await.json();
    let hits = hits.as_array().unwrap();
    assert!(!hits.is_empty() && hits.len() <= 5);
    assert!(hits
        .iter()
        .all(|h| h["kind"] == "article" || h["kind"] == "quote"));
    assert!(hits
        .iter()
        .any(|h| !h["highlights"].as_array().unwrap().is_empty()));
}

#[tokio::test]
async fn errors_are_json_with_fitting_status() {
    for (path, status) in [
        ("/api/stories/s0000000000", StatusCode::NOT_FOUND),
        ("/api/articles/a000000000000", StatusCode::NOT_FOUND),
        (
            "/api/articles/..%2F..%2Fetc%2Fpasswd",
            StatusCode::NOT_FOUND,
        ),
        ("/api/stories/%3Cscript%3E", StatusCode::NOT_FOUND),
        ("/api/search", StatusCode::BAD_REQUEST),
        ("/api/search?q=x&limit=0", StatusCode::BAD_REQUEST),
        ("/api/stories?since=yesterday", StatusCode::BAD_REQUEST),
        ("/api/stories?limit=100000", StatusCode::BAD_REQUEST),
        ("/api/stories?offset=-1", StatusCode::BAD_REQUEST),
        ("/api/nothing/here", StatusCode::NOT_FOUND),
    ] {
        let r = get(path).await;
        assert_eq!(r.status, status, "{path}: {}", r.body);
        let j = r.json();
        assert_eq!(j["status"], status.as_u16(), "{path}");
        assert!(!j["error"].as_str().unwrap().is_empty(), "{path}");
    }
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let top = main_story().await;
    for path in [
        "/".to_string(),
        format!("/stories/{}", top["id"].as_str().unwrap()),
        "/api/stories".into(),
        "/no/such/page".into(),
        "/static/app.css".into(),
    ] {
        let r = get(&path).await;
        let csp = r.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(
            csp.contains("default-src 'none'") && !csp.contains("script-src"),
            "{path}"
        );
        assert_eq!(
            r.headers[header::X_CONTENT_TYPE_OPTIONS],
            "nosniff",
            "{path}"
        );
    }
}

#[tokio::test]
async fn openapi_document_lists_every_endpoint() {
    let r = get("/api/openapi.json").await;
    assert_eq!(r.status, StatusCode::OK);
    let doc = r.json();
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    // The routes the API serves, read from its source, are the paths the document lists.
    let source = include_str!("../src/api.rs");
    let mut routes: Vec<&str> = source
        .split(".route(")
        .skip(1)
        .filter_map(|r| r.trim_start().strip_prefix('"'))
        .map(|r| &r[..r.find('"').unwrap()])
        .filter(|r| *r != "/api" && !r.contains('*'))
        .collect();
    routes.sort_unstable();
    let mut documented: Vec<&str> = paths.keys().map(String::as_str).collect();
    documented.sort_unstable();
    assert_eq!(routes, documented);
    // Every schema reference resolves.
    let text = r.body.clone();
    for part in text.split("\"$ref\": \"#/components/schemas/").skip(1) {
        let name = &part[..part.find('"').unwrap()];
        assert!(doc["components"]["schemas"].get(name).is_some(), "{name}");
    }
}

#[tokio::test]
async fn ingest_needs_the_token_and_respects_limits() {
    let dir = tempfile::tempdir().unwrap();
    dossier_store::Store::open(dir.path()).unwrap();
    let open = |token: Option<&str>| {
        Arc::new(AppState::open(dir.path(), 1, token.map(str::to_string)).unwrap())
    };
    let post = |auth: Option<&str>, body: Vec<u8>| {
        let mut b = Request::builder()
            .method(Method::POST)
            .uri("/api/ingest?name=upload.jsonl");
        if let Some(a) = auth {
            b = b.header(header::AUTHORIZATION, a);
        }
        b.body(Body::from(body)).unwrap()
    };
    let jsonl = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/booby-trapped.jsonl"),
    )
    .unwrap();

    let off = call(
        open(None),
        post(Some(&format!("Bearer {TOKEN}")), jsonl.clone()),
    )
    .await;
    assert_eq!(off.status, StatusCode::FORBIDDEN);
    let state = open(Some(TOKEN));
    let none = call(state.clone(), post(None, jsonl.clone())).await;
    assert_eq!(none.status, StatusCode::UNAUTHORIZED);
    assert_eq!(none.headers[header::WWW_AUTHENTICATE], "Bearer");
    let wrong = call(
        state.clone(),
        post(Some("Bearer test-token-0123456789abcdeX"), jsonl.clone()),
    )
    .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);

    let auth = format!("Bearer {TOKEN}");
    let ok = call(state.clone(), post(Some(&auth), jsonl.clone())).await;
    assert_eq!(ok.status, StatusCode::CREATED, "{}", ok.body);
    let report = ok.json();
    assert_eq!(report["new"], 1);
    assert_eq!(report["stories_created"], 1);
    let again = call(state.clone(), post(Some(&auth), jsonl.clone())).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.json()["duplicates"], 1);

    let bad = call(
        state.clone(),
        post(Some(&auth), b"{not json at all\n".to_vec()),
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert!(bad.json()["errors"][0]
        .as_str()
        .unwrap()
        .contains("upload.jsonl"));
    let empty = call(state.clone(), post(Some(&auth), Vec::new())).await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);
    let huge = vec![b'x'; dossier_server::MAX_UPLOAD_BYTES + 1];
    let big = call(state.clone(), post(Some(&auth), huge)).await;
    assert_eq!(big.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(big.json()["status"], 413);

    // What was stored before is still there, and the upload is searchable.
    let list = call(
        state.clone(),
        Request::get("/api/stories").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(list.json().as_array().unwrap().len(), 1);
    // Other routes take no body beyond axum's default limit.
    let other = call(
        state,
        Request::builder()
            .method(Method::POST)
            .uri("/api/stories")
            .body(Body::from(vec![b'x'; 3 << 20]))
            .unwrap(),
    )
    .await;
    assert!(other.status.is_client_error());
}

#[tokio::test]
async fn an_upload_into_a_store_that_clusters_with_embeddings_is_a_conflict() {
    // A store whose articles carry sentence embeddings (as `ingest --embeddings` makes them):
    // the server has no model, so it refuses to mix in articles without, and says why.
    let dir = tempfile::tempdir().unwrap();
    let mut store = dossier_store::Store::open(dir.path()).unwrap();
    let mut p = dossier_store::Prepared::all(vec![dossier_model::Article {
        id: "a1".into(),
        source: "a.txt".into(),
        text: "The council approved the budget on Tuesday after a long debate.".into(),
        ..Default::default()
    }])
    .remove(0);
    p.vector.meaning = vec![0.6, 0.8];
    store.add(vec![p]).unwrap();
    drop(store);
    let state = Arc::new(AppState::open(dir.path(), 1, Some(TOKEN.to_string())).unwrap());
    let jsonl = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/booby-trapped.jsonl"),
    )
    .unwrap();
    let req = Request::builder()
        .method(Method::POST)
        .uri("/api/ingest?name=upload.jsonl")
        .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
        .body(Body::from(jsonl))
        .unwrap();
    let r = call(state.clone(), req).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert!(
        r.json()["error"].as_str().unwrap().contains("--embeddings"),
        "{}",
        r.body
    );
    let list = call(
        state,
        Request::get("/api/stories").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(list.json().as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn pages_render_every_section() {
    let top = main_story().await;
    let id = top["id"].as_str().unwrap();
    let list = get("/").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains(&format!("/stories/{id}")));
    assert!(
        list.body.contains("badge conflict"),
        "the sample story has a conflict"
    );
    let page = get(&format!("/stories/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    for section in [
        "id=\"brief\"",
        "id=\"timeline\"",
        "<svg class=\"tl\"",
        "<circle",
        "id=\"quotes\"",
        "id=\"positions\"",
        "id=\"figures\"",
        "id=\"sources\"",
        "class=\"matrix\"",
    ] {
        assert!(page.body.contains(section), "{section} missing");
    }
    let article = top_article(id).await;
    let a = get(&format!("/articles/{article}")).await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(
        a.body.contains("<del>"),
        "the cut furniture is shown struck through"
    );
    let s = get("/search?q=Putin").await;
    assert_eq!(s.status, StatusCode::OK);
    assert!(s.body.contains("<mark>"));
    let missing = get("/stories/s0000000000").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.body.contains("<!doctype html>"));
    let traversal = get("/static/../Cargo.toml").await;
    assert_eq!(traversal.status, StatusCode::NOT_FOUND);
}

/// The article of the story with the most furniture cut.
async fn top_article(story: &str) -> String {
    let d = get(&format!("/api/stories/{story}")).await.json();
    d["articles"]
        .as_array()
        .unwrap()
        .iter()
        .max_by_key(|a| a["removed"].as_array().map_or(0, |r| r.len()))
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn untrusted_text_is_escaped_on_every_page() {
    let hits = get("/api/search?q=harbour").await.json();
    let hit = &hits[0];
    let article = hit["article"].as_str().unwrap();
    let story = hit["story"].as_str().unwrap();
    for path in [
        "/".to_string(),
        format!("/stories/{story}"),
        format!("/articles/{article}"),
        "/search?q=harbour".into(),
        format!("/outlets/{}", query_encoded("<i>Evil</i> Gazette")),
        "/?q=%3Cscript%3Ewindow.__xss%3D1%3C%2Fscript%3E".into(),
        "/search?q=%3Cscript%3Ewindow.__xss%3D1%3C%2Fscript%3E".into(),
    ] {
        let r = get(&path).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        let b = &r.body;
        assert!(!b.contains("<script"), "{path}: a script tag got through");
        assert!(!b.contains("<img"), "{path}: an img tag got through");
        assert!(
            !b.contains("href=\"javascript"),
            "{path}: a javascript: link got through"
        );
        assert!(
            !b.contains("<b>") && !b.contains("<i>"),
            "{path}: markup from an article got through"
        );
    }
    let a = get(&format!("/articles/{article}")).await.body;
    assert!(
        a.contains("&#60;script&#62;") || a.contains("&lt;script&gt;"),
        "shown as text"
    );
}

/// `s` encoded for a query string.
fn query_encoded(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn hostile_queries_are_refused_by_every_entry_point_and_the_server_goes_on() {
    let start = std::time::Instant::now();
    let hostile = [
        format!("{}Putin{}", "(".repeat(740), ")".repeat(740)),
        "NOT ".repeat(3_000),
        format!("{}talks", "(".repeat(20)),
        "-a ".repeat(100),
    ];
    for q in &hostile {
        let q = query_encoded(q);
        for path in ["/api/search", "/api/stories", "/search", "/"] {
            let r = get(&format!("{path}?q={q}")).await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{path}: {}", r.body);
            if path.starts_with("/api/") {
                let message = r.json()["error"].as_str().unwrap().to_string();
                assert!(message.starts_with("q: the search "), "{message}");
            } else {
                assert!(r.body.contains("q: the search "), "{path}");
            }
        }
    }
    // A query within the limits, operators and all, is answered, and so is everything after.
    let ok = get(&format!(
        "/api/search?q={}",
        query_encoded("(Putin OR Kremlin) AND NOT \"no such phrase\"")
    ))
    .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    assert_eq!(get("/api/stories").await.status, StatusCode::OK);
    assert!(start.elapsed() < std::time::Duration::from_secs(10));
}

/// A request body that never ends and never gives a byte: reading it would hang.
struct Endless;

impl axum::body::HttpBody for Endless {
    type Data = axum::body::Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        std::task::Poll::Pending
    }
}

#[tokio::test]
async fn an_upload_is_refused_before_its_body_is_read() {
    let dir = tempfile::tempdir().unwrap();
    dossier_store::Store::open(dir.path()).unwrap();
    let state = Arc::new(AppState::open(dir.path(), 1, Some(TOKEN.to_string())).unwrap());
    let upload = |auth: Option<&str>, length: u64| {
        let mut b = Request::builder()
            .method(Method::POST)
            .uri("/api/ingest?name=upload.jsonl")
            .header(header::CONTENT_LENGTH, length);
        if let Some(a) = auth {
            b = b.header(header::AUTHORIZATION, a);
        }
        b.body(Body::new(Endless)).unwrap()
    };
    let bound = std::time::Duration::from_secs(5);
    // Without the token: 401 at once, though the body (474 MB declared) never arrives.
    let r = tokio::time::timeout(bound, call(state.clone(), upload(None, 474 << 20)))
        .await
        .expect("the body was read before the token was checked");
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    // With it, a declared length over the limit is 413 at once.
    let auth = format!("Bearer {TOKEN}");
    let r = tokio::time::timeout(bound, call(state.clone(), upload(Some(&auth), 474 << 20)))
        .await
        .expect("a body over the limit was read");
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(r.json()["error"].as_str().unwrap().contains("32 MB"));
}

#[tokio::test]
async fn a_gzip_bomb_upload_stops_at_the_inflate_limit() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    dossier_store::Store::open(dir.path()).unwrap();
    let state = Arc::new(AppState::open(dir.path(), 1, Some(TOKEN.to_string())).unwrap());
    // 1 GB of spaces in 1 MB, sent as a page.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let spaces = vec![b' '; 1 << 20];
    for _ in 0..1024 {
        gz.write_all(&spaces).unwrap();
    }
    let req = Request::builder()
        .method(Method::POST)
        .uri("/api/ingest?name=page.html.gz")
        .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
        .body(Body::from(gz.finish().unwrap()))
        .unwrap();
    let started = std::time::Instant::now();
    let r = call(state, req).await;
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    assert!(r.status.is_client_error(), "{}", r.status);
    let errors = r.json()["errors"].to_string();
    assert!(errors.contains("inflates past 16 MB"), "{errors}");
}

#[tokio::test]
async fn entities_have_one_page_across_stories_and_a_name_search() {
    let found = get("/api/entities?name=putin").await;
    assert_eq!(found.status, StatusCode::OK);
    let rows = found.json();
    let rows = rows.as_array().unwrap();
    let putin = rows
        .iter()
        .find(|r| r["kind"] == "person" && r["name"].as_str().unwrap().contains("Putin"))
        .expect("the sample corpus names Putin");
    let id = putin["id"].as_str().unwrap();
    assert!(id.starts_with("person_") && id.contains("putin"), "{id}");
    // the name search is case-insensitive and finds other spellings
    let upper = get("/api/entities?name=PUTIN&limit=1").await.json();
    assert_eq!(upper.as_array().unwrap().len(), 1);

    let profile = get(&format!("/api/entities/{id}")).await;
    assert_eq!(profile.status, StatusCode::OK);
    let p = profile.json();
    assert_eq!(p["id"], id);
    let stories = p["stories"].as_array().unwrap();
    assert_eq!(stories.len() as u64, p["story_count"].as_u64().unwrap());
    assert!(!stories.is_empty());
    // newest first
    let dates: Vec<&str> = stories
        .iter()
        .filter_map(|s| s["story"]["last_date"].as_str())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    // every story listed names it, and its quotes there are his
    for s in stories {
        let sid = s["story"]["id"].as_str().unwrap();
        let d = get(&format!("/api/stories/{sid}")).await.json();
        let e = d["stories"][0]["entities"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["name"] == p["name"])
            .expect("the story names the entity");
        let names: Vec<&serde_json::Value> = std::iter::once(&e["name"])
            .chain(e["aliases"].as_array().unwrap())
            .collect();
        for q in s["quotes"].as_array().unwrap() {
            assert!(names.contains(&&q["speaker"]), "{q}");
        }
    }
    assert!(
        stories
            .iter()
            .any(|s| !s["quotes"].as_array().unwrap().is_empty()),
        "Putin is quoted in the sample"
    );
    let beside = p["beside"].as_array().unwrap();
    assert!(beside
        .iter()
        .all(|b| b["id"] != id && b["stories"].as_u64() >= Some(1)));

    // the page, linked from the story page
    let page = get(&format!("/entities/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<h1>"), "{}", page.body);
    let sid = stories[0]["story"]["id"].as_str().unwrap();
    assert!(page.body.contains(&format!("href=\"/stories/{sid}\"")));
    let story_page = get(&format!("/stories/{sid}")).await;
    assert!(story_page
        .body
        .contains(&format!("href=\"/entities/{id}\"")));

    // errors
    for (path, status) in [
        ("/api/entities", StatusCode::BAD_REQUEST),
        ("/api/entities?name=%20", StatusCode::BAD_REQUEST),
        ("/api/entities?name=putin&limit=0", StatusCode::BAD_REQUEST),
        ("/api/entities?name=putin&limit=x", StatusCode::BAD_REQUEST),
        ("/api/entities/person_nobody_at_all", StatusCode::NOT_FOUND),
        ("/api/entities/..%2Fetc", StatusCode::NOT_FOUND),
        ("/entities/person_nobody_at_all", StatusCode::NOT_FOUND),
    ] {
        let r = get(path).await;
        assert_eq!(r.status, status, "{path}: {}", r.body);
    }
    let long = format!("/api/entities?name={}", "a".repeat(201));
    assert_eq!(get(&long).await.status, StatusCode::BAD_REQUEST);
    // a name with LIKE wildcards matches them literally
    let wild = get("/api/entities?name=%25_%25").await.json();
    assert!(wild.as_array().unwrap().is_empty(), "{wild}");
}

#[tokio::test]
async fn citations_land_on_their_sentence_and_the_article_page_marks_it() {
    let top = main_story().await;
    let sid = top["id"].as_str().unwrap();
    let d = get(&format!("/api/stories/{sid}")).await.json();
    let story = &d["stories"][0];
    let page = get(&format!("/stories/{sid}")).await.body;
    let ev = story["brief"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|b| b["evidence"].as_array().cloned().unwrap_or_default())
        .next()
        .expect("the sample brief cites a sentence");
    let (aid, start, end) = (
        ev["article"].as_str().unwrap(),
        ev["start"].as_u64().unwrap(),
        ev["end"].as_u64().unwrap(),
    );
    let href = format!("/articles/{aid}?at={start}-{end}#{aid}-at-{start}");
    assert!(
        page.contains(&format!("href=\"{href}\"")),
        "{href} not on the story page"
    );
    // events land on their sentences too
    let event_ev = story["events"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["evidence"].as_array().cloned().unwrap_or_default())
        .next()
        .expect("the sample timeline cites a sentence");
    assert!(page.contains(&format!(
        "/articles/{}?at={}-{}#",
        event_ev["article"].as_str().unwrap(),
        event_ev["start"],
        event_ev["end"]
    )));

    let a = get(&format!("/articles/{aid}?at={start}-{end}")).await;
    assert_eq!(a.status, StatusCode::OK);
    let marked = format!("<mark class=\"cited\" id=\"{aid}-at-{start}\">");
    let at = a.body.find(&marked).expect("the cited passage is marked");
    let rest = &a.body[at + marked.len()..];
    let shown = &rest[..rest.find("</mark>").unwrap()];
    let sentence = ev["sentence"].as_str().unwrap();
    let escaped = sentence
        .replace('&', "&#38;")
        .replace('<', "&#60;")
        .replace('>', "&#62;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;");
    assert!(
        escaped.starts_with(shown) || shown == escaped,
        "{shown:?} vs {escaped:?}"
    );
    // no local path: the source is a file name or an address
    assert!(!a.body.contains(&common::repo().display().to_string()));
    // a malformed passage is refused; one beyond the text marks nothing
    for bad in ["x", "5", "9-3", "3-3", "-1-4", "1-99999999999999999999999"] {
        let r = get(&format!("/articles/{aid}?at={bad}")).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "at={bad}");
    }
    let beyond = get(&format!("/articles/{aid}?at=900000-900010")).await;
    assert_eq!(beyond.status, StatusCode::OK);
    assert!(!beyond.body.contains("<mark class=\"cited\""));
}

#[tokio::test]
async fn story_list_filters_sorts_and_counts() {
    let all = get("/api/stories?limit=500").await;
    let total: usize = all.headers["x-total-count"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    let rows = all.json();
    let rows = rows.as_array().unwrap().clone();
    assert_eq!(rows.len(), total);
    let top = main_story().await;
    let id = top["id"].as_str().unwrap();
    let count = |r: &Reply| -> usize {
        r.headers["x-total-count"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap()
    };
    let ids = |r: &Reply| -> Vec<String> {
        r.json()
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].as_str().unwrap().to_string())
            .collect()
    };
    // at least as many outlets or articles as the main story: it is among them, and each is
    let n_out = top["outlets"].as_u64().unwrap();
    let r = get(&format!("/api/stories?min_outlets={n_out}")).await;
    assert!(ids(&r).contains(&id.to_string()));
    assert!(r
        .json()
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["outlets"].as_u64() >= Some(n_out)));
    assert_eq!(count(&r), ids(&r).len());
    let n_art = top["articles"].as_u64().unwrap();
    let r = get(&format!("/api/stories?min_articles={}", n_art + 1)).await;
    assert!(!ids(&r).contains(&id.to_string()));
    // single-article stories hidden
    let r = get("/api/stories?min_articles=2&limit=500").await;
    let singles = rows.iter().filter(|s| s["articles"] == 1).count();
    assert_eq!(count(&r), total - singles);
    // until and since bracket the story's dates
    let first = top["first_date"].as_str().unwrap();
    let last = top["last_date"].as_str().unwrap();
    let r = get(&format!("/api/stories?since={first}&until={last}")).await;
    assert!(ids(&r).contains(&id.to_string()));
    let r = get("/api/stories?until=1990-01-01").await;
    assert!(ids(&r).is_empty());
    // an outlet (the sample's own articles name none; the booby-trapped one does), any case
    let d = get(&format!("/api/stories/{id}")).await.json();
    let hit = get("/api/search?q=harbour").await.json();
    let other = hit
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["kind"] == "article")
        .unwrap()["story"]
        .as_str()
        .unwrap()
        .to_string();
    let od = get(&format!("/api/stories/{other}")).await.json();
    let outlet = od["articles"][0]["outlet"].as_str().unwrap().to_string();
    let encoded: String = outlet
        .to_uppercase()
        .bytes()
        .map(|b| format!("%{b:02X}"))
        .collect();
    let r = get(&format!("/api/stories?outlet={encoded}")).await;
    assert_eq!(ids(&r), vec![other], "{outlet}");
    let page = get(&format!("/?outlet={encoded}")).await;
    assert!(
        page.body.contains("&#60;i&#62;Evil&#60;/i&#62; Gazette"),
        "the card names the outlet, escaped"
    );
    let r = get("/api/stories?outlet=No%20Such%20Outlet").await;
    assert!(ids(&r).is_empty());
    // an entity of the story
    let putin = get("/api/entities?name=putin").await.json()[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = get(&format!("/api/stories?entity={putin}")).await;
    assert!(!ids(&r).is_empty());
    let profile = get(&format!("/api/entities/{putin}")).await.json();
    assert_eq!(count(&r), profile["story_count"].as_u64().unwrap() as usize);
    // sorts
    let r = get("/api/stories?sort=outlets&limit=500").await.json();
    let outlets: Vec<u64> = r
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["outlets"].as_u64().unwrap())
        .collect();
    assert!(outlets.windows(2).all(|w| w[0] >= w[1]), "{outlets:?}");
    let r = get("/api/stories?sort=conflicts&limit=1").await.json();
    let most = rows
        .iter()
        .map(|s| s["conflicts"].as_u64().unwrap_or(0))
        .max()
        .unwrap();
    assert_eq!(r[0]["conflicts"].as_u64().unwrap_or(0), most);
    // a text search with a filter
    let word = title_word(&top);
    let r = get(&format!("/api/stories?q={word}&min_outlets={n_out}")).await;
    assert!(ids(&r).contains(&id.to_string()));
    // malformed or unknown values are refused
    for bad in [
        "until=2025-13-01",
        "until=yesterday",
        "min_outlets=-1",
        "min_outlets=two",
        "min_articles=1.5",
        "sort=oldest",
    ] {
        let r = get(&format!("/api/stories?{bad}")).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}: {}", r.body);
        let page = get(&format!("/?{bad}")).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "page {bad}");
    }
    // the page: total, outlets and lead line on each card, filters kept by the pager
    let page = get(&format!("/?min_outlets={n_out}&sort=outlets")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&format!(
        "{} stor",
        ids(&get(&format!("/api/stories?min_outlets={n_out}")).await).len()
    )));
    let lead = d["stories"][0]["brief"][0]["text"].as_str().unwrap();
    let lead_start: String = lead.chars().take(20).collect();
    assert!(
        page.body
            .contains(&lead_start.replace('\'', "&#39;").replace('"', "&#34;")),
        "the card shows the brief's first sentence"
    );
}

#[tokio::test]
async fn search_hits_show_outlet_date_and_story_and_page_on() {
    let hits = get("/api/search?q=harbour").await.json();
    let hit = hits
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["kind"] == "article")
        .unwrap()
        .clone();
    let page = get("/search?q=harbour").await;
    assert_eq!(page.status, StatusCode::OK);
    // the booby-trapped article's outlet, escaped, its date and its story
    assert!(
        page.body.contains("&#60;i&#62;Evil&#60;/i&#62; Gazette"),
        "{}",
        page.body
    );
    assert!(page.body.contains("2025-12-03"));
    let story = hit["story"].as_str().unwrap();
    assert!(page
        .body
        .contains(&format!("story: <a href=\"/stories/{story}\">")));
    // a pager through the hits, one a page
    let all = get("/api/search?q=Putin&limit=50").await.json();
    let n = all.as_array().unwrap().len();
    assert!(n >= 2);
    let first = get("/search?q=Putin&limit=1").await.body;
    assert!(
        first.contains("href=\"/search?q=Putin&#38;page=2&#38;limit=1\""),
        "{first}"
    );
    let last = get(&format!("/search?q=Putin&limit=1&page={n}")).await.body;
    assert!(last.contains("page=") && !last.contains(&format!("page={}", n + 1)));
    assert_eq!(last.matches("class=\"card hit\"").count(), 1);
    let bad = get("/search?q=Putin&page=x").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn outlets_have_a_page_of_their_stories_copies_and_odd_reports() {
    let r = get("/api/outlets").await;
    assert_eq!(r.status, StatusCode::OK);
    let rows = r.json();
    let rows = rows.as_array().unwrap();
    let total: usize = r.headers["x-total-count"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(total, rows.len());
    assert!(rows.len() >= 2, "the sample has several outlets: {rows:?}");
    let counts: Vec<u64> = rows
        .iter()
        .map(|o| o["articles"].as_u64().unwrap())
        .collect();
    assert!(
        counts.windows(2).all(|w| w[0] >= w[1]),
        "most articles first"
    );
    // every stored article of each outlet is counted once
    let store = dossier_store::Store::open_reader(corpus()).unwrap();
    let mut articles = 0;
    for row in store.stories(None, None, 0, 1000).unwrap() {
        let (_, members) = store.stored_story(&row.id).unwrap().unwrap();
        articles += members.iter().filter(|a| a.outlet.is_some()).count() as u64;
    }
    assert_eq!(counts.iter().sum::<u64>(), articles);

    // the story of the most outlets
    let top = get("/api/stories?sort=outlets&limit=1").await.json()[0].clone();
    assert!(top["outlets"].as_u64() >= Some(3), "{top}");
    let sid = top["id"].as_str().unwrap();
    let d = get(&format!("/api/stories/{sid}")).await.json();
    let outlet_of = |id: &str| {
        d["articles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id)
            .and_then(|a| a["outlet"].as_str())
            .map(str::to_string)
    };
    let name = d["articles"][0]["outlet"]
        .as_str()
        .expect("an outlet")
        .to_string();
    let path = format!("/api/outlets/{}", query_encoded(&name));
    let p = get(&path).await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    let p = p.json();
    assert_eq!(p["name"], name.as_str());
    // its stories, newest first, with its articles and their share
    let coverage = p["coverage"].as_array().unwrap();
    let dates: Vec<&str> = coverage
        .iter()
        .filter_map(|c| c["last_date"].as_str())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    let mine = coverage
        .iter()
        .find(|c| c["story"] == sid)
        .expect("the story is listed");
    let members: Vec<&str> = mine["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    let expected: Vec<String> = d["articles"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["outlet"] == name.as_str())
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(members.len(), expected.len());
    assert!(members.iter().all(|m| expected.iter().any(|e| e == m)));
    let share = mine["share"].as_f64().unwrap();
    assert!((share - expected.len() as f64 / top["articles"].as_f64().unwrap()).abs() < 1e-9);
    // copies in and out are the story's copy links with the outlet on that side
    let copies = d["stories"][0]["copies"].as_array().unwrap();
    let out_here = copies
        .iter()
        .filter(|c| outlet_of(c["article"].as_str().unwrap()).as_deref() == Some(name.as_str()))
        .count();
    let in_here = copies
        .iter()
        .filter(|c| outlet_of(c["of"].as_str().unwrap()).as_deref() == Some(name.as_str()))
        .count();
    let in_story = |list: &serde_json::Value| {
        list.as_array()
            .unwrap()
            .iter()
            .filter(|c| c["story"] == sid)
            .count()
    };
    assert_eq!(in_story(&p["copies_out"]), out_here);
    assert_eq!(in_story(&p["copies_in"]), in_here);
    // the odd reports are its articles' reports marked odd
    let odd_here = d["stories"][0]["facts"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["reports"].as_array().unwrap())
        .filter(|r| {
            r["odd"] == true
                && outlet_of(r["article"].as_str().unwrap()).as_deref() == Some(name.as_str())
        })
        .count();
    assert_eq!(in_story(&p["odd_facts"]), odd_here);
    // the name is read whatever its case; paging
    let upper = get(&format!(
        "/api/outlets/{}",
        query_encoded(&name.to_uppercase())
    ))
    .await;
    assert_eq!(upper.status, StatusCode::OK);
    assert_eq!(upper.json()["articles"], p["articles"]);
    let paged = get(&format!("{path}?limit=1&offset=1")).await.json();
    assert!(paged["coverage"].as_array().unwrap().len() <= 1);
    assert_eq!(paged["offset"], 1);
    // a name search
    let found = get(&format!(
        "/api/outlets?name={}",
        query_encoded(&name[1..name.len() - 1])
    ))
    .await
    .json();
    assert!(found
        .as_array()
        .unwrap()
        .iter()
        .any(|o| o["name"] == name.as_str()));

    // the page, linked from the story page, the story list and the article page
    let link = format!(
        "href=\"/outlets/{}\"",
        query_encoded(&name).replace("%2E", ".")
    );
    let page = get(&format!("/outlets/{}", query_encoded(&name))).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&format!("href=\"/stories/{sid}\"")));
    assert!(
        get(&format!("/stories/{sid}")).await.body.contains(&link),
        "story page links {link}"
    );
    assert!(
        get("/").await.body.contains(&link),
        "story cards link {link}"
    );
    let a = &expected[0];
    assert!(
        get(&format!("/articles/{a}")).await.body.contains(&link),
        "article page links {link}"
    );

    // a hostile outlet name is escaped and encoded
    let evil = get(&format!(
        "/api/outlets/{}",
        query_encoded("<i>Evil</i> Gazette")
    ))
    .await;
    assert_eq!(evil.status, StatusCode::OK);
    let hits = get("/api/search?q=harbour").await.json();
    let harbour = hits[0]["story"].as_str().unwrap();
    let story_page = get(&format!("/stories/{harbour}")).await.body;
    assert!(
        story_page.contains("href=\"/outlets/%3Ci%3EEvil%3C%2Fi%3E%20Gazette\""),
        "encoded"
    );
    assert!(!story_page.contains("<i>Evil"));

    for (path, status) in [
        ("/api/outlets/Nobody%27s%20Gazette", StatusCode::NOT_FOUND),
        ("/api/outlets/%20", StatusCode::NOT_FOUND),
        ("/api/outlets/a%0Ab", StatusCode::NOT_FOUND),
        ("/outlets/Nobody%27s%20Gazette", StatusCode::NOT_FOUND),
        ("/outlets/..", StatusCode::NOT_FOUND),
        ("/api/outlets?limit=0", StatusCode::BAD_REQUEST),
        ("/api/outlets?offset=x", StatusCode::BAD_REQUEST),
    ] {
        let r = get(path).await;
        assert_eq!(r.status, status, "{path}: {}", r.body);
    }
    let long = format!("/api/outlets?name={}", "a".repeat(201));
    assert_eq!(get(&long).await.status, StatusCode::BAD_REQUEST);
    let wild = get("/api/outlets?name=%25_%25").await.json();
    assert!(wild.as_array().unwrap().is_empty(), "{wild}");
}

/// A corpus of one port strike told by two outlets over three weeks (three events: the ballot,
/// the walkout, the deal) and an unrelated story, with its dossiers computed.
fn strike_corpus(dir: &std::path::Path) {
    let articles = [
        ("Harbour Post", "2025-04-01", "Velmora dockworkers vote to strike over pay", "Dockworkers at the Port of Velmora voted on Tuesday to strike over pay, the Velmora Harbour Workers Union said. Union leader Anselm Kroft said 87 percent of members backed a walkout in the ballot after the port operator Baltline offered a 2 percent raise. The union wants 9 percent. Kroft said the strike would start next week unless Baltline improved its offer."),
        ("City Ledger", "2025-04-01", "Port of Velmora union backs strike in ballot", "Members of the Velmora Harbour Workers Union backed a strike at the Port of Velmora in a ballot on Tuesday, rejecting the 2 percent pay offer of the operator Baltline. Union leader Anselm Kroft said 87 percent voted for a walkout and the union still asks for 9 percent."),
        ("Harbour Post", "2025-04-08", "Velmora port strike begins, ships wait offshore", "The strike at the Port of Velmora began on Tuesday as dockworkers walked off the job, leaving container ships waiting offshore. Union leader Anselm Kroft joined pickets at the gates of the Baltline terminal. Cranes stood idle and trucks were turned away. Exporters said perishable cargo was at risk and asked the government to intervene."),
        ("City Ledger", "2025-04-08", "Ships queue as Velmora dockers walk out", "Container ships queued offshore on Tuesday as the dockworkers' strike at the Port of Velmora began. Pickets led by union leader Anselm Kroft stood at the gates of the Baltline terminal, where cranes stood idle. Exporters of fruit warned of spoiled cargo and asked the government to step in."),
        ("Harbour Post", "2025-04-22", "Mediator brokers deal to end Velmora port strike", "A mediator appointed by the labour ministry brokered a two-year wage agreement on Tuesday that ends the Port of Velmora strike. Cranes will turn again on Wednesday, Anselm Kroft said. The mediator, retired judge Oda Brenner, led talks for two weeks in the ministry's offices."),
        ("City Ledger", "2025-04-22", "Judge Oda Brenner ends Velmora dock dispute", "Retired judge Oda Brenner, the labour ministry's mediator, secured a two-year wage agreement on Tuesday after two weeks of talks in the ministry's offices, ending the dispute at the Port of Velmora. Kroft said dockworkers would be back on Wednesday."),
        ("City Ledger", "2025-04-08", "Museum reopens after roof repairs", "The Velmora natural history museum reopened on Tuesday after a year of roof repairs, its director Ilse Marrow said. The renovation cost 4 million euros and added a gallery of fossils."),
    ];
    let jsonl: String = articles
        .iter()
        .map(|(outlet, published, title, text)| {
            let r = serde_json::json!({"outlet": outlet, "published": published, "title": title, "text": text});
            format!("{r}\n")
        })
        .collect();
    let file = dir.join("strike.jsonl");
    std::fs::write(&file, jsonl).unwrap();
    let mut store = dossier_store::Store::open(dir).unwrap();
    let mut batch = Vec::new();
    for doc in dossier_ingest::read_file(&file.display().to_string()) {
        batch.extend(dossier_store::Prepared::all(dossier_clean::clean(
            &doc.unwrap(),
        )));
    }
    store.add(batch).unwrap();
    store.refresh_dossiers(&mut |_, _| {}).unwrap();
}

#[tokio::test]
async fn stories_of_a_storyline_are_listed_and_each_story_page_names_the_others() {
    let dir = tempfile::tempdir().unwrap();
    strike_corpus(dir.path());
    let state = Arc::new(AppState::open(dir.path(), 1, None).unwrap());
    let fetch = |path: String| {
        let state = state.clone();
        async move { call(state, Request::get(path).body(Body::empty()).unwrap()).await }
    };
    let all = fetch("/api/stories?limit=500".into()).await.json();
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 4, "three events and the museum: {all:#?}");
    let line = all
        .iter()
        .find_map(|s| s["storyline"].as_str())
        .expect("the strike's events form a storyline")
        .to_string();
    let mut strike: Vec<&serde_json::Value> =
        all.iter().filter(|s| s["storyline"] == line).collect();
    assert_eq!(strike.len(), 3, "{all:#?}");
    strike.sort_by_key(|s| s["first_date"].as_str().unwrap().to_string());

    // The list filtered by the storyline: its three stories, counted.
    let r = fetch(format!("/api/stories?storyline={line}")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.headers["x-total-count"], "3");
    let mut listed: Vec<String> = r
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect();
    listed.sort();
    let mut want: Vec<String> = strike
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect();
    want.sort();
    assert_eq!(listed, want);
    // Combined with another filter; a well-formed id of no storyline lists nothing.
    let r = fetch(format!("/api/stories?storyline={line}&since=2025-04-20")).await;
    assert_eq!(r.json().as_array().unwrap().len(), 1);
    let r = fetch("/api/stories?storyline=l0000000000".into()).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.json().as_array().unwrap().is_empty());
    // The page of the list says which storyline it shows and keeps it in its form.
    let page = fetch(format!("/?storyline={line}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&format!("Stories of storyline {line}")));
    assert!(page
        .body
        .contains(&format!("name=\"storyline\" value=\"{line}\"")));
    // Malformed storylines are refused by the API and the page.
    for bad in [
        "L0000000000",
        "l00000",
        "l000000000g",
        "l0000000000%3Cb%3E",
        "%27%20OR%201",
    ] {
        let r = fetch(format!("/api/stories?storyline={bad}")).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}: {}", r.body);
        assert!(r.json()["error"]
            .as_str()
            .unwrap()
            .starts_with("storyline:"));
        let page = fetch(format!("/?storyline={bad}")).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "page {bad}");
    }

    // The walkout's page names the ballot as earlier and the deal as later, linked.
    let id = |s: &serde_json::Value| s["id"].as_str().unwrap().to_string();
    let title = |s: &serde_json::Value| s["title"].as_str().unwrap().replace('\'', "&#39;");
    let middle = fetch(format!("/stories/{}", id(strike[1]))).await;
    assert_eq!(middle.status, StatusCode::OK);
    let body = &middle.body;
    let earlier = body.find("Earlier in this storyline").expect("earlier");
    let later = body.find("Later in this storyline").expect("later");
    let ballot = body.find(&format!("/stories/{}", id(strike[0]))).unwrap();
    let deal = body.find(&format!("/stories/{}", id(strike[2]))).unwrap();
    assert!(earlier < ballot && ballot < later && later < deal, "{body}");
    assert!(body.contains(&title(strike[0])) && body.contains(&title(strike[2])));
    assert!(body.contains(&format!("/?storyline={line}")));
    // The first has only later stories; the museum, in no storyline, has no such section.
    let first = fetch(format!("/stories/{}", id(strike[0]))).await.body;
    assert!(
        !first.contains("Earlier in this storyline") && first.contains("Later in this storyline")
    );
    let museum = all.iter().find(|s| s["storyline"].is_null()).unwrap();
    let alone = fetch(format!("/stories/{}", id(museum))).await.body;
    assert!(!alone.contains("in this storyline"));
}
