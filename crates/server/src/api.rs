//! The HTTP JSON API under `/api/`: the same JSON as the CLI's `--format json` (`dossier
//! stories`, `dossier story`, `dossier search`), the stored article, an upload endpoint behind
//! a bearer token, and the OpenAPI document describing all of it. Errors are
//! `{"error": "...", "status": N}` with a status that fits.

use crate::{entity, outlet, plausible_id, AppState, Failure, MAX_UPLOAD_BYTES};
use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use dossier_model::Dossier;
use dossier_store::{AddReport, Prepared};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The OpenAPI 3.1 document of this API.
pub const OPENAPI: &str = include_str!("../assets/openapi.json");
/// The most rows one list request returns.
pub const MAX_LIMIT: usize = 500;

pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/api/stories", get(stories))
        .route("/api/stories/{id}", get(story))
        .route("/api/articles/{id}", get(article))
        .route("/api/search", get(search))
        .route("/api/entities", get(entities))
        .route("/api/entities/{id}", get(entity))
        .route("/api/outlets", get(outlets))
        .route("/api/outlets/{name}", get(outlet_profile))
        .route("/api/ingest", post(ingest))
        .route("/api/openapi.json", get(openapi))
        .route("/api", get(not_found))
        .route("/api/{*rest}", get(not_found).post(not_found))
}

/// An API error: a status and a message, sent as JSON.
#[derive(Debug)]
pub struct ApiError(pub StatusCode, pub String);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        #[derive(Serialize)]
        struct Body<'a> {
            error: &'a str,
            status: u16,
        }
        let mut r = (
            self.0,
            Json(Body {
                error: &self.1,
                status: self.0.as_u16(),
            }),
        )
            .into_response();
        if self.0 == StatusCode::UNAUTHORIZED {
            r.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Bearer"),
            );
        }
        r
    }
}

impl From<Failure> for ApiError {
    fn from(f: Failure) -> Self {
        let (status, message) = f.into_parts();
        ApiError(status, message)
    }
}

impl From<QueryRejection> for ApiError {
    fn from(r: QueryRejection) -> Self {
        ApiError(StatusCode::BAD_REQUEST, r.body_text())
    }
}

type ApiResult<T> = Result<Json<T>, ApiError>;

/// The query of the list endpoints.
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    pub q: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub outlet: Option<String>,
    pub entity: Option<String>,
    pub min_outlets: Option<usize>,
    pub min_articles: Option<usize>,
    /// A storyline id (a story's `storyline`).
    pub storyline: Option<String>,
    pub sort: Option<String>,
    pub limit: Option<usize>,
    pub offset: Option<usize>,
    /// The page of the web UI's story list (the API takes `offset`).
    pub page: Option<usize>,
}

/// Parameter `name` checked as a `YYYY-MM-DD` calendar date (blank is none).
fn calendar_date(name: &str, v: Option<&str>) -> Result<Option<String>, Failure> {
    match v.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map(|d| Some(d.to_string()))
            .map_err(|_| Failure::BadRequest(format!("{name}: {s:?} is not a YYYY-MM-DD date"))),
    }
}

impl ListQuery {
    /// The search text, if any and not blank, checked against the query limits
    /// ([`dossier_store::search::check_query`]) before anything else is done with the request.
    pub fn text(&self) -> Result<Option<String>, Failure> {
        let Some(q) = self.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) else {
            return Ok(None);
        };
        dossier_store::search::check_query(q)
            .map_err(|m| Failure::BadRequest(format!("q: {m}")))?;
        Ok(Some(q.to_string()))
    }

    /// `since` checked as a calendar date.
    pub fn since_date(&self) -> Result<Option<String>, Failure> {
        calendar_date("since", self.since.as_deref())
    }

    /// The story-list filters and order, each checked: dates as calendar dates, `sort` one of
    /// `newest`, `outlets`, `conflicts`, an outlet or entity of at most 200 characters, a
    /// storyline in the form of a storyline id.
    pub fn filter(&self) -> Result<dossier_store::listing::StoryFilter, Failure> {
        use dossier_store::listing::{StoryFilter, StorySort};
        let text = |name: &str, v: Option<&str>| -> Result<Option<String>, Failure> {
            match v.map(str::trim).filter(|v| !v.is_empty()) {
                None => Ok(None),
                Some(v) if v.chars().count() > 200 => Err(Failure::BadRequest(format!(
                    "{name}: longer than 200 characters"
                ))),
                Some(v) => Ok(Some(v.to_string())),
            }
        };
        let sort = match self
            .sort
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => StorySort::Newest,
            Some(s) => StorySort::parse(s).ok_or_else(|| {
                Failure::BadRequest(format!(
                    "sort: {s:?} is not one of newest, outlets, conflicts"
                ))
            })?,
        };
        let storyline = match self.storyline.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(l) if dossier_store::listing::is_storyline_id(l) => Some(l.to_string()),
            Some(l) => {
                let shown: String = l.chars().take(40).collect();
                return Err(Failure::BadRequest(format!(
                    "storyline: {shown:?} is not a storyline id (\"l\" and ten hexadecimal digits)"
                )));
            }
        };
        Ok(StoryFilter {
            since: self.since_date()?,
            until: calendar_date("until", self.until.as_deref())?,
            outlet: text("outlet", self.outlet.as_deref())?,
            entity: text("entity", self.entity.as_deref())?,
            min_outlets: self.min_outlets.unwrap_or(0),
            min_articles: self.min_articles.unwrap_or(0),
            storyline,
            sort,
        })
    }

    pub fn limit_or(&self, default: usize) -> Result<usize, Failure> {
        match self.limit {
            None => Ok(default),
            Some(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
            Some(n) => Err(Failure::BadRequest(format!(
                "limit: {n} is not between 1 and {MAX_LIMIT}"
            ))),
        }
    }
}

/// The story list; the header `X-Total-Count` says how many stories the filters let through.
async fn stories(
    State(state): State<Arc<AppState>>,
    query: Result<Query<ListQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(q) = query?;
    let text = q.text()?;
    let (filter, limit, offset) = (q.filter()?, q.limit_or(50)?, q.offset.unwrap_or(0));
    let (rows, total) = state
        .read(move |s| Ok(s.filtered_stories(text.as_deref(), &filter, offset, limit)?))
        .await?;
    Ok(([(TOTAL_COUNT, total.to_string())], Json(rows)).into_response())
}

/// The response header giving the number of rows a list's filters let through in all.
pub const TOTAL_COUNT: &str = "x-total-count";

async fn story(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> ApiResult<Dossier> {
    if !plausible_id(&id) {
        return Err(ApiError(StatusCode::NOT_FOUND, format!("no story {id:?}")));
    }
    let (story, articles) = state.story(id).await?;
    Ok(Json(Dossier {
        articles,
        stories: vec![story],
    }))
}

async fn article(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> ApiResult<dossier_model::Article> {
    let missing = || ApiError(StatusCode::NOT_FOUND, format!("no article {id:?}"));
    if !plausible_id(&id) {
        return Err(missing());
    }
    let key = id.clone();
    match state.read(move |s| Ok(s.article(&key)?)).await? {
        Some(a) => Ok(Json(a)),
        None => Err(missing()),
    }
}

async fn search(
    State(state): State<Arc<AppState>>,
    query: Result<Query<ListQuery>, QueryRejection>,
) -> ApiResult<Vec<dossier_store::search::Hit>> {
    let Query(q) = query?;
    let limit = q.limit_or(10)?;
    let Some(text) = q.text()? else {
        return Err(ApiError(
            StatusCode::BAD_REQUEST,
            "q: a search is needed".into(),
        ));
    };
    Ok(Json(
        state.read(move |s| Ok(s.search(&text, limit)?)).await?,
    ))
}

/// The query of `GET /api/entities`.
#[derive(Debug, Default, Deserialize)]
pub struct EntityQuery {
    pub name: Option<String>,
    pub limit: Option<usize>,
}

impl EntityQuery {
    /// The name asked for: needed, not blank, at most [`entity::MAX_NAME`] characters.
    pub fn name(&self) -> Result<String, Failure> {
        let name = self.name.as_deref().map(str::trim).unwrap_or("");
        if name.is_empty() {
            return Err(Failure::BadRequest("name: a name is needed".into()));
        }
        if name.chars().count() > entity::MAX_NAME {
            return Err(Failure::BadRequest(format!(
                "name: longer than {} characters",
                entity::MAX_NAME
            )));
        }
        Ok(name.to_string())
    }
}

async fn entities(
    State(state): State<Arc<AppState>>,
    query: Result<Query<EntityQuery>, QueryRejection>,
) -> ApiResult<Vec<dossier_store::entities::EntityRow>> {
    let Query(q) = query?;
    let name = q.name()?;
    let limit = ListQuery {
        limit: q.limit,
        ..Default::default()
    }
    .limit_or(20)?;
    Ok(Json(
        state
            .read(move |s| Ok(s.entities_named(&name, limit)?))
            .await?,
    ))
}

async fn entity(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> ApiResult<entity::Profile> {
    let missing = || ApiError(StatusCode::NOT_FOUND, format!("no entity {id:?}"));
    if !entity::plausible_entity_id(&id) {
        return Err(missing());
    }
    let key = id.clone();
    match state.read(move |s| Ok(entity::profile(s, &key)?)).await? {
        Some(p) => Ok(Json(p)),
        None => Err(missing()),
    }
}

/// The query of `GET /api/outlets`.
#[derive(Debug, Default, Deserialize)]
pub struct OutletQuery {
    pub name: Option<String>,
    pub limit: Option<usize>,
    pub offset: Option<usize>,
}

/// The outlets (those whose name contains `name`, when given), most articles first; the
/// header `X-Total-Count` says how many there are.
async fn outlets(
    State(state): State<Arc<AppState>>,
    query: Result<Query<OutletQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(q) = query?;
    let name = q.name.as_deref().map(str::trim).filter(|n| !n.is_empty());
    if name.is_some_and(|n| n.chars().count() > outlet::MAX_NAME) {
        return Err(ApiError(
            StatusCode::BAD_REQUEST,
            format!("name: longer than {} characters", outlet::MAX_NAME),
        ));
    }
    let name = name.map(str::to_string);
    let limit = ListQuery {
        limit: q.limit,
        ..Default::default()
    }
    .limit_or(50)?;
    let offset = q.offset.unwrap_or(0);
    let (rows, total) = state
        .read(move |s| Ok(s.outlets(name.as_deref(), offset, limit)?))
        .await?;
    Ok(([(TOTAL_COUNT, total.to_string())], Json(rows)).into_response())
}

/// One outlet's profile; `limit` and `offset` page its stories.
async fn outlet_profile(
    State(state): State<Arc<AppState>>,
    Path(name): Path<String>,
    query: Result<Query<ListQuery>, QueryRejection>,
) -> ApiResult<outlet::Profile> {
    let Query(q) = query?;
    let missing = || ApiError(StatusCode::NOT_FOUND, format!("no outlet {name:?}"));
    if !outlet::plausible_name(&name) {
        return Err(missing());
    }
    let (limit, offset) = (q.limit_or(20)?, q.offset.unwrap_or(0));
    let key = name.clone();
    match state
        .read(move |s| Ok(outlet::profile(s, &key, offset, limit)?))
        .await?
    {
        Some(p) => Ok(Json(p)),
        None => Err(missing()),
    }
}

/// The query of `POST /api/ingest`.
#[derive(Debug, Deserialize)]
pub struct IngestQuery {
    /// A file name for the body: its extension decides the format (`.jsonl`, `.html`,
    /// `.warc.gz`, `.rss`, ...); without one the format is sniffed.
    pub name: Option<String>,
}

/// What an upload did: as `dossier ingest --json`, with the errors met.
#[derive(Debug, Serialize)]
pub struct IngestReport {
    pub read: usize,
    pub failed: usize,
    #[serde(flatten)]
    pub added: AddReport,
    pub errors: Vec<String>,
}

/// An upload: the token is checked from the headers before a byte of the body is read, then
/// the body is read up to [`MAX_UPLOAD_BYTES`] (a larger declared length is refused at once).
async fn ingest(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    query: Result<Query<IngestQuery>, QueryRejection>,
    body: axum::body::Body,
) -> Result<(StatusCode, Json<IngestReport>), ApiError> {
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    match state.token_matches(given) {
        None => {
            return Err(ApiError(
                StatusCode::FORBIDDEN,
                "ingest is off: start the server with --allow-ingest".into(),
            ))
        }
        Some(false) => {
            return Err(ApiError(
                StatusCode::UNAUTHORIZED,
                "a valid bearer token is needed".into(),
            ))
        }
        Some(true) => {}
    }
    let Query(q) = query?;
    let body = read_upload(&headers, body).await?;
    if body.is_empty() {
        return Err(ApiError(
            StatusCode::BAD_REQUEST,
            "the body is empty".into(),
        ));
    }
    let name = q.name.unwrap_or_default();
    let name: String = name
        .chars()
        .filter(|c| !c.is_control() && *c != '/' && *c != '\\')
        .take(200)
        .collect();
    let source = format!("upload:{}", if name.is_empty() { "body" } else { &name });
    // Read and clean on the blocking pool without the writing store: another upload or a
    // stale dossier being stored waits only for the transaction, not for the cleaning. A
    // request that is dropped (timed out, the client gone) stops that work between documents.
    let cancelled = Cancelled::default();
    let dropped = cancelled.on_drop();
    let (mut report, mut batch) = crate::run_blocking(move || {
        let mut report = IngestReport {
            read: 0,
            failed: 0,
            added: AddReport::default(),
            errors: Vec::new(),
        };
        let mut batch = Vec::new();
        for doc in dossier_ingest::read_bytes(&source, &body) {
            if cancelled.is_set() {
                return Err(Failure::Internal("the upload was cancelled".into()));
            }
            match doc {
                Ok(d) => {
                    report.read += 1;
                    let parts = dossier_clean::clean(&d);
                    if parts.is_empty() {
                        report.failed += 1;
                        report.errors.push(format!(
                            "{}: only page furniture found, no article text",
                            d.source
                        ));
                    }
                    batch.extend(Prepared::all(parts));
                }
                Err(e) => {
                    report.failed += 1;
                    report.errors.push(e.to_string());
                }
            }
        }
        Ok((report, batch))
    })
    .await?;
    drop(dropped);
    report.added = state
        .write(move |store| {
            let mut added = AddReport::default();
            while !batch.is_empty() {
                let rest = batch.split_off(batch.len().min(500));
                added.absorb(&store.add(std::mem::replace(&mut batch, rest))?);
            }
            Ok(added)
        })
        .await?;
    // The changed stories' dossiers are computed after the answer (and on demand before).
    if report.added.new > 0 {
        let state = Arc::clone(&state);
        tokio::spawn(async move {
            let _ = state
                .write(|s| Ok(s.refresh_dossiers(&mut |_, _| {})?))
                .await;
        });
    }
    let status = if report.added.new > 0 {
        StatusCode::CREATED
    } else if report.read == 0 {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, Json(report)))
}

async fn openapi() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI)
}

async fn not_found() -> ApiError {
    ApiError(StatusCode::NOT_FOUND, "no such endpoint".into())
}

/// The body of an upload, at most [`MAX_UPLOAD_BYTES`]: a `Content-Length` over it is refused
/// before reading, a body that runs over it is refused when it does.
async fn read_upload(headers: &HeaderMap, body: axum::body::Body) -> Result<Bytes, ApiError> {
    let too_large = || {
        ApiError(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "the body is larger than the upload limit ({} MB)",
                MAX_UPLOAD_BYTES >> 20
            ),
        )
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_UPLOAD_BYTES as u64) {
        return Err(too_large());
    }
    axum::body::to_bytes(body, MAX_UPLOAD_BYTES)
        .await
        .map_err(|e| {
            let length_limit = std::error::Error::source(&e)
                .is_some_and(|s| s.is::<http_body_util::LengthLimitError>());
            if length_limit {
                too_large()
            } else {
                ApiError(
                    StatusCode::BAD_REQUEST,
                    format!("the body could not be read: {e}"),
                )
            }
        })
}

/// Set when the request that started some blocking work is dropped (the timeout fired or the
/// client went away), so the work can stop.
#[derive(Clone, Default)]
struct Cancelled(Arc<std::sync::atomic::AtomicBool>);

impl Cancelled {
    fn is_set(&self) -> bool {
        self.0.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// A guard that sets the flag when it is dropped.
    fn on_drop(&self) -> CancelOnDrop {
        CancelOnDrop(self.clone())
    }
}

/// Sets its [`Cancelled`] when dropped: held by the request's future across the blocking work,
/// it is dropped early exactly when that future is.
struct CancelOnDrop(Cancelled);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0 .0.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}
