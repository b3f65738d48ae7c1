//! The web UI: server-rendered HTML pages from askama templates compiled into the binary
//! (`templates/`), which escape every value. No JavaScript; one stylesheet served from here.
//!
//! - `/`: the story list (search box, newest first, counts, a conflict badge), paged;
//! - `/stories/{id}`: the story page (brief with citations, SVG timeline, who said what,
//!   positions side by side, figures and disagreements, sources with copies and the matrix);
//! - `/articles/{id}`: one article, its cleaned text with the cut furniture struck through
//!   where it stood, with the reason;
//! - `/entities/{id}`: one person, organisation or place across the corpus;
//! - `/outlets/{name}`: one outlet across the corpus (its stories, copies, odd reports);
//! - `/search?q=`: stories, articles and quotes matching a search.

use crate::api::ListQuery;
use crate::outlet::{self, encode};
use crate::{entity, plausible_id, AppState, Failure};
use askama::Template;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use dossier_model::{Article, CopyKind, Dossier, EntityKind, Evidence, KeyDate, Relation, Story};
use dossier_render::timeline::{self, Timeline};
use dossier_render::{citations, StorylineNeighbours, StorylineStory};
use dossier_store::entities::entity_id;
use dossier_store::search::Hit;
use dossier_store::StoryRow;
use std::collections::HashMap;
use std::sync::Arc;

const CSS: &str = include_str!("../assets/app.css");
const ICON: &str = include_str!("../assets/icon.svg");
/// Stories per page of the list.
const PAGE_SIZE: usize = 30;

pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/", get(story_list))
        .route("/stories/{id}", get(story_page))
        .route("/articles/{id}", get(article_page))
        .route("/search", get(search_page))
        .route("/entities/{id}", get(entity_page))
        .route("/outlets/{name}", get(outlet_page))
        .route(
            "/static/app.css",
            get(|| asset("text/css; charset=utf-8", CSS)),
        )
        .route("/static/icon.svg", get(|| asset("image/svg+xml", ICON)))
        .route("/favicon.ico", get(|| asset("image/svg+xml", ICON)))
        .fallback(not_found)
}

async fn asset(kind: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}

/// A page that could not be shown, as an HTML page with the status.
pub struct PageError(StatusCode, String);

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    title: String,
    q: &'a str,
    status: u16,
    message: &'a str,
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let page = ErrorPage {
            title: self.0.canonical_reason().unwrap_or("Error").to_string(),
            q: "",
            status: self.0.as_u16(),
            message: &self.1,
        };
        (self.0, render(&page)).into_response()
    }
}

impl From<Failure> for PageError {
    fn from(f: Failure) -> Self {
        let (status, message) = f.into_parts();
        PageError(status, message)
    }
}

impl From<QueryRejection> for PageError {
    fn from(r: QueryRejection) -> Self {
        PageError(StatusCode::BAD_REQUEST, r.body_text())
    }
}

fn render(t: &impl Template) -> Html<String> {
    Html(t.render().unwrap_or_else(|e| {
        format!("<!doctype html><title>Error</title><p>the page could not be rendered: {e}</p>")
            .replace('<', "&lt;")
    }))
}

async fn not_found() -> PageError {
    PageError(StatusCode::NOT_FOUND, "There is no page here.".into())
}

// ---------------------------------------------------------------------------------------
// The story list

#[derive(Template)]
#[template(path = "stories.html")]
struct StoryList {
    title: String,
    q: String,
    /// The filters as given, for the form and the pager's links.
    since: String,
    until: String,
    outlet: String,
    entity: String,
    min_outlets: String,
    min_articles: String,
    storyline: String,
    sort: String,
    rows: Vec<Card>,
    total: usize,
    page: usize,
    more: bool,
}

/// A story of the list with its outlets and the first sentence of its brief.
struct Card {
    row: StoryRow,
    outlets: Vec<String>,
    lead: Option<String>,
}

impl StoryList {
    fn filtered(&self) -> bool {
        [
            &self.q,
            &self.since,
            &self.until,
            &self.outlet,
            &self.entity,
            &self.min_outlets,
            &self.min_articles,
            &self.storyline,
        ]
        .iter()
        .any(|v| !v.is_empty())
            || !self.sort.is_empty()
    }

    /// The page of outlet `name`.
    fn outlet_href(&self, name: &str) -> String {
        outlet::href(name)
    }

    fn page_link(&self, page: usize) -> String {
        let mut params = vec![format!("page={page}")];
        for (name, value) in [
            ("q", &self.q),
            ("since", &self.since),
            ("until", &self.until),
            ("outlet", &self.outlet),
            ("entity", &self.entity),
            ("min_outlets", &self.min_outlets),
            ("min_articles", &self.min_articles),
            ("storyline", &self.storyline),
            ("sort", &self.sort),
        ] {
            if !value.is_empty() {
                params.push(format!("{name}={}", encode(value)));
            }
        }
        format!("/?{}", params.join("&"))
    }
}

async fn story_list(
    State(state): State<Arc<AppState>>,
    query: Result<Query<ListQuery>, QueryRejection>,
) -> Result<Html<String>, PageError> {
    let Query(p) = query?;
    let text = p.text()?;
    let filter = p.filter()?;
    let page = p.page.unwrap_or(1).clamp(1, 100_000);
    let offset = (page - 1) * PAGE_SIZE;
    let (t, f) = (text.clone(), filter.clone());
    let (rows, total) = state
        .read(move |store| {
            let (mut rows, total) =
                store.filtered_stories(t.as_deref(), &f, offset, PAGE_SIZE + 1)?;
            let more = rows.len() > PAGE_SIZE;
            rows.truncate(PAGE_SIZE);
            let mut cards = Vec::with_capacity(rows.len());
            for row in rows {
                let (outlets, lead) = store.story_card(&row.id)?;
                cards.push(Card { row, outlets, lead });
            }
            Ok(((cards, more), total))
        })
        .await?;
    let (rows, more) = rows;
    let title = match (&text, &filter.storyline) {
        (Some(q), _) => format!("Stories about {q}"),
        (None, Some(line)) => format!("Stories of storyline {line}"),
        (None, None) => "Stories".into(),
    };
    let shown = |v: Option<usize>| {
        v.filter(|n| *n > 0)
            .map_or(String::new(), |n| n.to_string())
    };
    Ok(render(&StoryList {
        title,
        q: text.unwrap_or_default(),
        since: filter.since.unwrap_or_default(),
        until: filter.until.unwrap_or_default(),
        outlet: filter.outlet.unwrap_or_default(),
        entity: filter.entity.unwrap_or_default(),
        min_outlets: shown(p.min_outlets),
        min_articles: shown(p.min_articles),
        storyline: filter.storyline.unwrap_or_default(),
        sort: p
            .sort
            .clone()
            .filter(|s| s != "newest" && !s.is_empty())
            .unwrap_or_default(),
        rows,
        total,
        page,
        more,
    }))
}

// ---------------------------------------------------------------------------------------
// The story page

/// A link to an article of the story: its number in the story, its label, and where the link
/// goes (the supporting passage in the article, highlighted there, else the article).
#[derive(Debug, Clone)]
struct Cite {
    id: String,
    n: usize,
    label: String,
    href: String,
}

struct QuoteView {
    text: String,
    direct: bool,
    cite: Vec<Cite>,
}

struct PositionView {
    stance: String,
    text: String,
    holder: String,
    cites: Vec<Cite>,
}

/// One side of a fact: the reports that give one value, and their outlets.
struct Side {
    value: String,
    odd: bool,
    reports: Vec<(String, Vec<Cite>)>,
    /// The outlets of its reports, each with its page (an article without an outlet is named
    /// by its number and has none).
    outlets: Vec<(String, Option<String>)>,
}

struct FactView {
    about: String,
    relation: &'static str,
    sources: usize,
    sides: Vec<Side>,
}

struct SourceRow {
    cite: Cite,
    outlet: Option<String>,
    published: String,
    byline: String,
    copies: Vec<String>,
}

struct EntityView {
    /// The entity's page.
    id: String,
    name: String,
    roles: String,
    aliases: String,
    cites: Vec<Cite>,
}

#[derive(Template)]
#[template(path = "story.html")]
struct StoryPage<'a> {
    title: String,
    q: &'a str,
    story: &'a Story,
    meta: Vec<String>,
    brief: Vec<(String, Vec<Cite>)>,
    conflicts: usize,
    timeline: Timeline<'a>,
    /// The timeline drawn ([`timeline::svg`]), its dots linking to the list under it.
    timeline_svg: String,
    /// The story's key dates, each with its label.
    key_dates: Vec<(&'a KeyDate, String)>,
    people: Vec<EntityView>,
    /// Names and entity ids.
    organisations: Vec<(String, String)>,
    places: Vec<(String, String)>,
    speakers: Vec<(String, Vec<QuoteView>)>,
    parties: Vec<(String, Vec<PositionView>)>,
    facts: Vec<FactView>,
    sources: Vec<SourceRow>,
    /// Each copy link with the first passages it shares.
    passages: Vec<(String, &'a [dossier_model::SharedPassage])>,
    matrix: Vec<dossier_render::FactRow<'a>>,
    numbers: HashMap<String, Cite>,
    /// The story's storyline and its other stories, when it has one.
    storyline: Option<(String, StorylineNeighbours)>,
}

impl StoryPage<'_> {
    /// The storyline's other stories under their headings ("Earlier in this storyline", ...),
    /// the empty lists left out.
    fn storyline_lists(&self) -> Vec<(&'static str, &[StorylineStory])> {
        let Some((_, around)) = &self.storyline else {
            return Vec::new();
        };
        [
            ("Earlier in this storyline", &around.earlier),
            ("Later in this storyline", &around.later),
            ("Also in this storyline", &around.undated),
        ]
        .into_iter()
        .filter(|(_, list)| !list.is_empty())
        .map(|(label, list)| (label, list.as_slice()))
        .collect()
    }
    /// The citations of an event, each landing on the sentence that reports it.
    fn event_cites(&self, e: &dossier_model::Event) -> Vec<Cite> {
        cites_to(&self.numbers, &e.articles, &e.evidence)
    }
    /// The page of outlet `name`.
    fn outlet_href(&self, name: &str) -> String {
        outlet::href(name)
    }
    /// The citation of one side of a shared passage.
    fn passage_cite(&self, e: &Evidence) -> Vec<Cite> {
        cites_to(
            &self.numbers,
            std::slice::from_ref(&e.article),
            std::slice::from_ref(e),
        )
    }
}

/// The citations of articles `ids` of the story, in the story's order, each linking to its
/// passage among `passages` (`/articles/{id}?at=START-END#ANCHOR`, which the article page
/// highlights), or to the article where none is given.
fn cites_to(numbers: &HashMap<String, Cite>, ids: &[String], passages: &[Evidence]) -> Vec<Cite> {
    let mut v: Vec<Cite> = ids
        .iter()
        .filter_map(|id| numbers.get(id))
        .map(|c| {
            let mut c = c.clone();
            if let Some(e) = passages.iter().find(|e| e.article == c.id) {
                c.href = format!(
                    "/articles/{}?at={}-{}#{}",
                    c.id,
                    e.start,
                    e.end,
                    citations::anchor(&c.id, e.start)
                );
            }
            c
        })
        .collect();
    v.sort_by_key(|c| c.n);
    v.dedup_by_key(|c| c.n);
    v
}

fn story_view<'a>(d: &'a Dossier, q: &'a str) -> StoryPage<'a> {
    let s = &d.stories[0];
    let sum = dossier_render::StorySummary::new(d, s);
    let numbers: HashMap<String, Cite> = sum
        .members
        .iter()
        .enumerate()
        .map(|(i, a)| {
            (
                a.id.clone(),
                Cite {
                    id: a.id.clone(),
                    n: i + 1,
                    label: a.label(),
                    href: format!("/articles/{}", a.id),
                },
            )
        })
        .collect();
    let outlet_of = |id: &str| match d.article(id).and_then(|a| a.outlet.clone()) {
        Some(o) => {
            let href = outlet::href(&o);
            (o, Some(href))
        }
        None => (format!("[{}]", numbers.get(id).map_or(0, |c| c.n)), None),
    };
    let cite1 = |id: &str, passage: Option<Evidence>| {
        cites_to(&numbers, &[id.to_string()], passage.as_slice())
    };
    let meta = vec![
        plural(sum.members.len(), "article"),
        match sum.outlets.len() {
            0 => "outlets unknown".into(),
            n => plural(n, "outlet"),
        },
        sum.dates(),
    ];
    let brief = s
        .brief
        .iter()
        .map(|b| (b.text.clone(), cites_to(&numbers, &b.articles, &b.evidence)))
        .collect();
    let speakers = dossier_render::quotes_by_speaker(s)
        .into_iter()
        .map(|(who, qs)| {
            (
                who.unwrap_or("Unattributed").to_string(),
                qs.into_iter()
                    .map(|q| QuoteView {
                        text: q.text.clone(),
                        direct: q.direct,
                        cite: cite1(&q.article, citations::quote_passage(d, q)),
                    })
                    .collect(),
            )
        })
        .collect();
    let parties = dossier_render::positions_by_party(s)
        .into_iter()
        .map(|(party, ps)| {
            (
                party.to_string(),
                ps.into_iter()
                    .map(|p| PositionView {
                        stance: p.stance.clone(),
                        text: p.text.clone(),
                        holder: p.holder.clone(),
                        cites: cites_to(
                            &numbers,
                            &p.articles,
                            &passages_of(&p.articles, |id| citations::position_passage(d, p, id)),
                        ),
                    })
                    .collect(),
            )
        })
        .collect();
    let facts = s
        .facts
        .iter()
        .map(|f| {
            let mut sides: Vec<Side> = Vec::new();
            for r in &f.reports {
                let value = r.value.clone().unwrap_or_else(|| r.text.clone());
                let side = match sides
                    .iter_mut()
                    .find(|x| x.value == value && x.odd == r.odd)
                {
                    Some(x) => x,
                    None => {
                        sides.push(Side {
                            value,
                            odd: r.odd,
                            reports: Vec::new(),
                            outlets: Vec::new(),
                        });
                        sides.last_mut().expect("pushed")
                    }
                };
                let said = if r.sentence.trim().is_empty() {
                    format!("“{}”", r.text)
                } else {
                    r.sentence.clone()
                };
                side.reports
                    .push((said, cite1(&r.article, citations::report_passage(r))));
            }
            for side in &mut sides {
                let mut outlets: Vec<(String, Option<String>)> = Vec::new();
                for (_, c) in &side.reports {
                    for c in c {
                        let o = outlet_of(&c.id);
                        if !outlets.contains(&o) {
                            outlets.push(o);
                        }
                    }
                }
                side.outlets = outlets;
            }
            FactView {
                about: f.about.clone(),
                relation: f.relation.as_str(),
                sources: f.sources,
                sides,
            }
        })
        .collect();
    let conflicts = s
        .facts
        .iter()
        .filter(|f| f.relation == Relation::Conflict)
        .count();
    let sources = sum
        .members
        .iter()
        .map(|a| SourceRow {
            cite: numbers[&a.id].clone(),
            outlet: a.outlet.clone(),
            published: a.published.map_or_else(|| "–".into(), |p| p.to_string()),
            byline: a.byline.clone().unwrap_or_else(|| "–".into()),
            copies: dossier_render::copy_notes(d, s, &a.id),
        })
        .collect();
    let by_kind = |k: EntityKind| -> Vec<(String, String)> {
        s.entities
            .iter()
            .filter(|e| e.kind == k)
            .map(|e| (e.name.clone(), entity_id(e.kind, &e.name)))
            .collect()
    };
    let people = s
        .entities
        .iter()
        .filter(|e| e.kind == EntityKind::Person)
        .map(|e| EntityView {
            id: entity_id(e.kind, &e.name),
            name: e.name.clone(),
            roles: e.roles.join(", "),
            aliases: e.aliases.join(", "),
            cites: cites_to(
                &numbers,
                &e.articles,
                &passages_of(&e.articles, |id| citations::entity_passage(d, e, id)),
            ),
        })
        .collect();
    let drawn = timeline::layout(&s.events);
    StoryPage {
        title: s.title.clone(),
        q,
        story: s,
        meta,
        brief,
        conflicts,
        timeline_svg: timeline::svg(&drawn, ""),
        timeline: drawn,
        key_dates: s
            .key_dates
            .iter()
            .map(|k| (k, timeline::label(&k.date)))
            .collect(),
        people,
        organisations: by_kind(EntityKind::Organization),
        places: by_kind(EntityKind::Place),
        speakers,
        parties,
        facts,
        sources,
        passages: dossier_render::copy_passages(d, s),
        matrix: dossier_render::fact_matrix(s, &sum.members),
        numbers,
        storyline: None,
    }
}

/// The stories of story `id`'s storyline before and after it, from `rows` (the storyline's
/// stories as the store lists them, it among them).
fn storyline_around(id: &str, line: &str, rows: Vec<StoryRow>) -> StorylineNeighbours {
    let known: Vec<StorylineStory> = rows
        .into_iter()
        .map(|r| StorylineStory {
            id: r.id,
            title: r.title,
            storyline: line.to_string(),
            first_date: r.first_date,
            number: None,
        })
        .collect();
    match known.iter().find(|k| k.id == id) {
        Some(me) => StorylineNeighbours::of(me, &known),
        None => StorylineNeighbours::default(),
    }
}

/// The passages `find` finds in each of articles `ids`.
fn passages_of(ids: &[String], find: impl Fn(&str) -> Option<Evidence>) -> Vec<Evidence> {
    ids.iter().filter_map(|id| find(id)).collect()
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

async fn story_page(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Html<String>, PageError> {
    if !plausible_id(&id) {
        return Err(PageError(
            StatusCode::NOT_FOUND,
            "There is no such story.".into(),
        ));
    }
    let (story, articles) = state.story(id).await?;
    let storyline = match story.storyline.clone() {
        Some(line) => {
            let key = line.clone();
            let rows = state.read(move |s| Ok(s.storyline(&key)?)).await?;
            let around = storyline_around(&story.id, &line, rows);
            (!around.is_empty()).then_some((line, around))
        }
        None => None,
    };
    let d = Dossier {
        articles,
        stories: vec![story],
    };
    let mut page = story_view(&d, "");
    page.storyline = storyline;
    Ok(render(&page))
}

// ---------------------------------------------------------------------------------------
// The article page

/// A piece of the article as it stood: a kept paragraph (in pieces, the cited passage one of
/// its own) or a cut one.
enum Block {
    Kept(Vec<Piece>),
    Cut { text: String, reason: String },
}

/// Part of a kept paragraph; `cited` for the passage a citation links to, whose first piece
/// carries the anchor.
struct Piece {
    text: String,
    cited: bool,
    anchor: Option<String>,
}

#[derive(Template)]
#[template(path = "article.html")]
struct ArticlePage<'a> {
    title: String,
    q: &'a str,
    a: &'a Article,
    /// The outlet, linked to its page; `facts` the rest of what is known of the article.
    outlet: Option<(&'a str, String)>,
    facts: Vec<String>,
    /// The article's address, only when it is a web address.
    url: Option<&'a str>,
    /// Where it came from, without local directories.
    source: String,
    blocks: Vec<Block>,
    /// Cut pieces whose place is not recorded.
    unplaced: Vec<(String, String)>,
    cuts: usize,
}

/// The byte span of characters `start..end` of `text`, when both are in it.
fn char_span(text: &str, (start, end): (usize, usize)) -> Option<(usize, usize)> {
    if start >= end {
        return None;
    }
    let mut bytes = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()));
    let s = bytes.nth(start)?;
    let e = bytes.nth(end - start - 1)?;
    Some((s, e))
}

/// A kept line (at byte `offset` of the text) in pieces around the cited byte span.
fn pieces(
    line: &str,
    offset: usize,
    cited: Option<(usize, usize)>,
    anchor: &mut Option<String>,
) -> Vec<Piece> {
    let piece = |text: &str, cited: bool, anchor: Option<String>| Piece {
        text: text.to_string(),
        cited,
        anchor,
    };
    let Some((start, end)) = cited else {
        return vec![piece(line, false, None)];
    };
    let from = start.saturating_sub(offset).min(line.len());
    let to = end.saturating_sub(offset).min(line.len());
    if from >= to || !line.is_char_boundary(from) || !line.is_char_boundary(to) {
        return vec![piece(line, false, None)];
    }
    let mut out = Vec::new();
    if from > 0 {
        out.push(piece(&line[..from], false, None));
    }
    out.push(piece(&line[from..to], true, anchor.take()));
    if to < line.len() {
        out.push(piece(&line[to..], false, None));
    }
    out
}

/// The article page; `at` (characters `start..end` of the text) is the passage a citation
/// links to, highlighted.
fn article_view<'a>(a: &'a Article, q: &'a str, at: Option<(usize, usize)>) -> ArticlePage<'a> {
    let cited = at.and_then(|span| char_span(&a.text, span));
    let mut anchor = at.map(|(start, _)| citations::anchor(&a.id, start));
    let base = a.text.as_ptr() as usize;
    let mut facts = dossier_render::article_facts(a);
    let outlet = a.outlet.as_deref().map(|o| (o, outlet::href(o)));
    if outlet.is_some() {
        // the outlet comes first among the facts; the page shows it as a link instead
        facts.remove(0);
    }
    if let Some(l) = &a.language {
        facts.push(format!("language {l}"));
    }
    let lines: Vec<&str> = a.text.lines().collect();
    let mut blocks = Vec::new();
    let mut unplaced = Vec::new();
    let mut placed: Vec<Vec<(String, String)>> = vec![Vec::new(); lines.len() + 1];
    for r in &a.removed {
        match r.at {
            Some(i) if i <= lines.len() => placed[i].push((r.text.clone(), r.reason.clone())),
            _ => unplaced.push((r.text.clone(), r.reason.clone())),
        }
    }
    for (i, cuts) in placed.into_iter().enumerate() {
        for (text, reason) in cuts {
            blocks.push(Block::Cut { text, reason });
        }
        if let Some(l) = lines.get(i).filter(|l| !l.trim().is_empty()) {
            let offset = l.as_ptr() as usize - base;
            blocks.push(Block::Kept(pieces(l, offset, cited, &mut anchor)));
        }
    }
    ArticlePage {
        title: a.label(),
        q,
        a,
        outlet,
        facts,
        url: dossier_render::web_address(a),
        source: dossier_render::source_name(a),
        blocks,
        unplaced,
        cuts: a.removed.len(),
    }
}

#[derive(serde::Deserialize, Default)]
struct ArticleParams {
    /// `START-END`: the cited passage, in characters of the text.
    at: Option<String>,
}

/// `START-END` as two character offsets, the start before the end.
fn passage_param(at: &str) -> Result<(usize, usize), PageError> {
    let bad = || {
        PageError(
            StatusCode::BAD_REQUEST,
            format!("at: expected START-END (character offsets, START < END), got {at:?}"),
        )
    };
    let (start, end) = at.split_once('-').ok_or_else(bad)?;
    let (start, end) = (
        start.parse::<usize>().map_err(|_| bad())?,
        end.parse::<usize>().map_err(|_| bad())?,
    );
    if start >= end {
        return Err(bad());
    }
    Ok((start, end))
}

async fn article_page(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    query: Result<Query<ArticleParams>, QueryRejection>,
) -> Result<Html<String>, PageError> {
    let Query(p) = query?;
    let at = p.at.as_deref().map(passage_param).transpose()?;
    let missing = || PageError(StatusCode::NOT_FOUND, "There is no such article.".into());
    if !plausible_id(&id) {
        return Err(missing());
    }
    let a = state
        .read(move |s| Ok(s.article(&id)?))
        .await?
        .ok_or_else(missing)?;
    Ok(render(&article_view(&a, "", at)))
}

// ---------------------------------------------------------------------------------------
// Search

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    title: String,
    q: String,
    stories: Vec<StoryRow>,
    hits: Vec<HitView>,
    page: usize,
    /// Hits per page, when not the default.
    limit: Option<usize>,
    more: bool,
}

/// A search hit with what a reader needs to judge it: its article's label, outlet, date and
/// story.
struct HitView {
    hit: Hit,
    label: String,
    outlet: Option<String>,
    published: Option<String>,
    story_title: Option<String>,
}

impl SearchPage {
    fn page_link(&self, page: usize) -> String {
        let limit = self.limit.map_or(String::new(), |n| format!("&limit={n}"));
        format!("/search?q={}&page={page}{limit}", encode(&self.q))
    }
}

/// Hits per page of search results, and the pages one search can be paged through.
const HITS_PER_PAGE: usize = 20;
const SEARCH_PAGES: usize = 25;

async fn search_page(
    State(state): State<Arc<AppState>>,
    query: Result<Query<ListQuery>, QueryRejection>,
) -> Result<Html<String>, PageError> {
    let Query(p) = query?;
    let Some(text) = p.text()? else {
        return Ok(render(&SearchPage {
            title: "Search".into(),
            q: String::new(),
            stories: Vec::new(),
            hits: Vec::new(),
            page: 1,
            limit: None,
            more: false,
        }));
    };
    let limit = p.limit_or(HITS_PER_PAGE)?;
    let page = p.page.unwrap_or(1).clamp(1, SEARCH_PAGES);
    let offset = (page - 1) * limit;
    let t = text.clone();
    let (stories, hits, more) = state
        .read(move |s| {
            let stories = if page == 1 {
                s.search_stories(&t, None, 0, 5)?
            } else {
                Vec::new()
            };
            let found = s.search(&t, offset + limit + 1)?;
            let more = found.len() > offset + limit && page < SEARCH_PAGES;
            let mut hits = Vec::new();
            for h in found.into_iter().skip(offset).take(limit) {
                let label = match &h.title {
                    Some(t) => t.clone(),
                    None => s
                        .article(&h.article)?
                        .map_or(h.article.clone(), |a| a.label()),
                };
                let (outlet, published, story_title) = s.hit_context(&h.article)?;
                hits.push(HitView {
                    hit: h,
                    label,
                    outlet,
                    published,
                    story_title,
                });
            }
            Ok((stories, hits, more))
        })
        .await?;
    Ok(render(&SearchPage {
        title: format!("Search: {text}"),
        q: text,
        stories,
        hits,
        page,
        limit: p.limit.filter(|n| *n != HITS_PER_PAGE),
        more,
    }))
}

// ---------------------------------------------------------------------------------------
// Entities

/// Quotes shown per story on an entity page (the story page has the rest).
const QUOTES_SHOWN: usize = 3;

#[derive(Template)]
#[template(path = "entity.html")]
struct EntityPage {
    title: String,
    q: String,
    kind: &'static str,
    p: entity::Profile,
}

/// The entity page; an id that is another's across the corpus (a surname alone that joins a
/// full name) is sent to that one's page.
async fn entity_page(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let missing = || {
        PageError(
            StatusCode::NOT_FOUND,
            "No story names this person, organisation or place.".into(),
        )
    };
    if !entity::plausible_entity_id(&id) {
        return Err(missing());
    }
    let key = id.clone();
    let p = state
        .read(move |s| Ok(entity::profile(s, &key)?))
        .await?
        .ok_or_else(missing)?;
    if p.id != id {
        return Ok(axum::response::Redirect::to(&format!("/entities/{}", p.id)).into_response());
    }
    let kind = match p.kind.as_str() {
        "person" => "person",
        "organization" => "organisation",
        _ => "place",
    };
    Ok(render(&EntityPage {
        title: p.name.clone(),
        q: String::new(),
        kind,
        p,
    })
    .into_response())
}

// ---------------------------------------------------------------------------------------
// Outlets

/// Stories per page of an outlet page.
const OUTLET_STORIES: usize = 20;
use outlet::LISTED_LINKS;

#[derive(Template)]
#[template(path = "outlet.html")]
struct OutletPage {
    title: String,
    q: String,
    p: outlet::Profile,
    page: usize,
    more: bool,
}

impl OutletPage {
    fn page_link(&self, page: usize) -> String {
        format!("{}?page={page}", outlet::href(&self.p.outlet.name))
    }
    fn outlet_href(&self, name: &str) -> String {
        outlet::href(name)
    }
    /// The outlet's name as a query value or a path segment.
    fn encoded_name(&self) -> String {
        encode(&self.p.outlet.name)
    }
    /// The odd report's sentence in its article, highlighted there.
    fn odd_href(&self, f: &dossier_store::outlets::OddFact) -> String {
        match (f.start, f.end) {
            (Some(start), Some(end)) if start < end => format!(
                "/articles/{}?at={start}-{end}#{}",
                f.article,
                citations::anchor(&f.article, start)
            ),
            _ => format!("/articles/{}", f.article),
        }
    }
}

/// A share (0 to 1) as a whole percentage.
fn percent(share: &f64) -> String {
    format!("{:.0} %", share * 100.0)
}

#[derive(serde::Deserialize, Default)]
struct PageParams {
    page: Option<usize>,
}

async fn outlet_page(
    State(state): State<Arc<AppState>>,
    Path(name): Path<String>,
    query: Result<Query<PageParams>, QueryRejection>,
) -> Result<Html<String>, PageError> {
    let Query(params) = query?;
    let missing = || {
        PageError(
            StatusCode::NOT_FOUND,
            "No article comes from this outlet.".into(),
        )
    };
    if !outlet::plausible_name(&name) {
        return Err(missing());
    }
    let page = params.page.unwrap_or(1).clamp(1, 100_000);
    let offset = (page - 1) * OUTLET_STORIES;
    let mut p = state
        .read(move |s| Ok(outlet::profile(s, &name, offset, OUTLET_STORIES + 1)?))
        .await?
        .ok_or_else(missing)?;
    let more = p.coverage.len() > OUTLET_STORIES;
    p.coverage.truncate(OUTLET_STORIES);
    Ok(render(&OutletPage {
        title: p.outlet.name.clone(),
        q: String::new(),
        p,
        page,
        more,
    }))
}
