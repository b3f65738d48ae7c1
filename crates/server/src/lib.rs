//! `dossier serve`: one process that serves a corpus (a [`dossier_store::Store`] directory)
//! to people and to programs.
//!
//! - [`api`]: the HTTP JSON API under `/api/` (stories, one story's dossier, articles, search,
//!   ingest behind a token), the same JSON contract as the CLI's `--format json`, errors as
//!   JSON, and the OpenAPI document at `/api/openapi.json`.
//! - [`pages`]: the web UI, server-rendered from askama templates compiled into the binary
//!   (every value escaped), with no JavaScript: the story list, the story page (its timeline
//!   drawn as SVG by `dossier_render::timeline`), the article page with the cleaning shown and the cited
//!   passage highlighted, one page per person, organisation or place ([`entity`]) and per
//!   outlet ([`outlet`]), search.
//!
//! Requests run the store's blocking calls on tokio's blocking pool, each on one of a few
//! read-only store handles; a single writing handle computes stale dossiers and takes
//! uploads. Every response carries a content-security policy that allows no script at all;
//! bodies are size-limited, requests time out, ids are looked up as values (never as paths)
//! and the ingest token is compared in constant time.

pub mod api;
pub mod entity;
pub mod outlet;
pub mod pages;

use axum::http::{header, HeaderValue};
use axum::Router;
use dossier_store::Store;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tower_http::set_header::SetResponseHeaderLayer;

/// The largest request body accepted by `POST /api/ingest`.
pub const MAX_UPLOAD_BYTES: usize = 32 << 20;
/// Requests taking longer than this are answered with 408 and dropped.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// The content-security policy of every response: no scripts, no frames, styles and images
/// from this server only, forms posting only here.
pub const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; \
                       form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// How to serve.
#[derive(Debug, Clone)]
pub struct Options {
    /// The corpus directory.
    pub db: PathBuf,
    pub addr: SocketAddr,
    /// `Some`: `POST /api/ingest` is enabled for requests carrying this bearer token.
    pub ingest_token: Option<String>,
    /// Read-only store handles for request handlers.
    pub readers: usize,
}

/// What every handler shares.
pub struct AppState {
    readers: Vec<Mutex<Store>>,
    next: AtomicUsize,
    writer: Mutex<Store>,
    ingest_token: Option<String>,
}

/// A failure of a store call, kept apart from the request's own errors.
#[derive(Debug)]
pub enum Failure {
    NotFound(String),
    BadRequest(String),
    /// The request cannot be done on this store as it is (articles without sentence
    /// embeddings for a store that clusters with them: the server has no model).
    Conflict(String),
    Internal(String),
}

impl Failure {
    /// The HTTP status that fits and the message, for the JSON and the HTML error answers.
    pub fn into_parts(self) -> (axum::http::StatusCode, String) {
        use axum::http::StatusCode;
        match self {
            Failure::NotFound(m) => (StatusCode::NOT_FOUND, m),
            Failure::BadRequest(m) => (StatusCode::BAD_REQUEST, m),
            Failure::Conflict(m) => (StatusCode::CONFLICT, m),
            Failure::Internal(m) => (StatusCode::INTERNAL_SERVER_ERROR, m),
        }
    }
}

impl From<dossier_store::Error> for Failure {
    fn from(e: dossier_store::Error) -> Self {
        match e {
            dossier_store::Error::NoStory(id) => Failure::NotFound(format!("no story {id:?}")),
            e @ dossier_store::Error::Meaning { .. } => Failure::Conflict(e.to_string()),
            dossier_store::Error::Query(m) => Failure::BadRequest(format!("q: {m}")),
            e => Failure::Internal(e.to_string()),
        }
    }
}

impl AppState {
    /// Opens the corpus at `db`: one writing handle (which migrates the schema and catches
    /// the search index up) and `readers` read-only handles.
    pub fn open(db: &Path, readers: usize, ingest_token: Option<String>) -> anyhow::Result<Self> {
        let writer = Store::open(db)?;
        let readers = (0..readers.max(1))
            .map(|_| Store::open_reader(db).map(Mutex::new))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(AppState {
            readers,
            next: AtomicUsize::new(0),
            writer: Mutex::new(writer),
            ingest_token,
        })
    }

    /// Runs `f` with a read-only store on the blocking pool: the first idle handle, else the
    /// next one in turn.
    pub async fn read<T, F>(self: &Arc<Self>, f: F) -> Result<T, Failure>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, Failure> + Send + 'static,
    {
        let state = Arc::clone(self);
        run_blocking(move || {
            let n = state.readers.len();
            let start = state.next.fetch_add(1, Ordering::Relaxed);
            let idle = (0..n).find_map(|i| state.readers[(start + i) % n].try_lock().ok());
            let store = match idle {
                Some(s) => s,
                None => lock(&state.readers[start % n]),
            };
            f(&store)
        })
        .await
    }

    /// Runs `f` with the writing store on the blocking pool (one at a time).
    pub async fn write<T, F>(self: &Arc<Self>, f: F) -> Result<T, Failure>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T, Failure> + Send + 'static,
    {
        let state = Arc::clone(self);
        run_blocking(move || f(&mut lock(&state.writer))).await
    }

    /// A story's dossier and articles, computing a stale dossier with the writing handle.
    pub async fn story(
        self: &Arc<Self>,
        id: String,
    ) -> Result<(dossier_model::Story, Vec<dossier_model::Article>), Failure> {
        let key = id.clone();
        if let Some(found) = self.read(move |s| Ok(s.stored_story(&key)?)).await? {
            return Ok(found);
        }
        self.write(move |s| Ok(s.story(&id)?)).await
    }

    /// Whether `given` is the ingest token (compared in constant time); `None` when ingest is
    /// off.
    pub fn token_matches(&self, given: &str) -> Option<bool> {
        use subtle::ConstantTimeEq;
        self.ingest_token
            .as_ref()
            .map(|t| bool::from(t.as_bytes().ct_eq(given.as_bytes())))
    }
}

/// A poisoned lock only means another request panicked while holding it; the store handle
/// itself stays usable (SQLite rolled the transaction back).
fn lock(m: &Mutex<Store>) -> std::sync::MutexGuard<'_, Store> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// Runs `f` (work that needs no store, such as cleaning an upload) on the blocking pool.
async fn run_blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, Failure> + Send + 'static,
) -> Result<T, Failure> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| Failure::Internal(format!("request handler failed: {e}")))?
}

/// Whether `id` can be a story or article id; anything else is answered 404 without a lookup.
pub fn plausible_id(id: &str) -> bool {
    (1..=80).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// The whole application: API, pages, static assets and the security layers.
pub fn app(state: Arc<AppState>) -> Router {
    let h = |v: &'static str| HeaderValue::from_static(v);
    Router::new()
        .merge(api::routes())
        .merge(pages::routes())
        .with_state(state)
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            h(CSP),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            h("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            h("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            h("DENY"),
        ))
}

/// Serves until Ctrl-C or SIGTERM on a tokio runtime of its own (for a caller that is not
/// async, like the CLI).
pub fn run(opts: Options) -> anyhow::Result<()> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(serve(opts))
}

/// A new random ingest token: 32 hex digits from the operating system's generator.
pub fn new_token() -> anyhow::Result<String> {
    let mut b = [0u8; 16];
    getrandom::fill(&mut b).map_err(|e| anyhow::anyhow!("no random numbers: {e}"))?;
    Ok(b.iter().map(|x| format!("{x:02x}")).collect())
}

/// Serves until Ctrl-C or SIGTERM.
pub async fn serve(opts: Options) -> anyhow::Result<()> {
    let state = Arc::new(AppState::open(
        &opts.db,
        opts.readers,
        opts.ingest_token.clone(),
    )?);
    if let Some(w) = lock(&state.writer).outdated_warning() {
        eprintln!("dossier: warning: {w}");
    }
    let listener = tokio::net::TcpListener::bind(opts.addr)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", opts.addr))?;
    let addr = listener.local_addr()?;
    eprintln!(
        "dossier: serving {} on http://{addr}/ ({})",
        opts.db.display(),
        if opts.ingest_token.is_some() {
            "POST /api/ingest enabled"
        } else {
            "read-only"
        }
    );
    serve_on(listener, state, shutdown()).await
}

/// Serves `state` on a bound listener until `stop` completes (tests bind port 0).
pub async fn serve_on(
    listener: tokio::net::TcpListener,
    state: Arc<AppState>,
    stop: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    axum::serve(listener, app(state))
        .with_graceful_shutdown(stop)
        .await?;
    Ok(())
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
