//! The `dossier` command line: a thin layer that parses arguments, runs the pipeline
//! (ingest -> clean -> analysis -> render) and reports errors. All the work lives in the
//! library crates.
//!
//! Exit status: 0 when every input was read; 3 when some inputs failed but the rest were
//! analysed; 1 when nothing could be analysed or the output could not be written; 2 for a
//! usage error.

mod corpus;
mod dates;
mod export;
mod follow;
mod pipeline;

// Articles are parsed into many small strings and trees and dropped again; mimalloc keeps that
// churn cheaper than the system allocator (a sixth of `analyze`'s time was malloc and free).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit status when some inputs failed and the rest were analysed.
const EXIT_PARTIAL: u8 = 3;

#[derive(Parser)]
#[command(
    name = "dossier",
    version,
    about = "Turn piles of news articles into story dossiers"
)]
struct Cli {
    /// The corpus directory; default: the user's data directory, `dossier/`. Only `ingest`
    /// creates one; the commands that read it fail where there is none.
    #[arg(long, global = true, env = "DOSSIER_DB")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Clean, analyse and group articles into stories, and print the dossier.
    Analyze {
        /// Files or directories (read recursively); `-` reads standard input.
        /// Reads .txt, .html/.htm, .jsonl and the same with .gz.
        #[arg(required = true)]
        paths: Vec<String>,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = Format::Md)]
        format: Format,
        /// Write to FILE instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Print no summary line.
        #[arg(long, short)]
        quiet: bool,
        /// Blend sentence embeddings into story similarity, with the all-MiniLM-L6-v2 model in
        /// this folder (a build with the `embeddings` feature; see docs/EVALUATION.md).
        #[arg(long, value_name = "MODEL_DIR")]
        embeddings: Option<PathBuf>,
    },
    /// Add articles to the corpus (`--db`): stored once each, stories grown, dossiers updated.
    /// Reads what `analyze` reads plus WARC archives (.warc, .warc.gz) and RSS/Atom feeds.
    Ingest {
        #[arg(required_unless_present = "rebuild_stories")]
        paths: Vec<String>,
        /// Before reading PATHS (if any), compute every stored article's story vector again
        /// and rebuild the stories from them: a store made by an older version of dossier
        /// then has the stories one fresh ingest of its articles would give.
        #[arg(long)]
        rebuild_stories: bool,
        /// Blend sentence embeddings into story similarity, with the all-MiniLM-L6-v2 model in
        /// this folder (a build with the `embeddings` feature), as `analyze --embeddings`
        /// does. A store clusters one way: the first ingest decides, and
        /// `--rebuild-stories` with or without this option changes it.
        #[arg(long, value_name = "MODEL_DIR")]
        embeddings: Option<PathBuf>,
        /// No progress bar and no summary line.
        #[arg(long, short)]
        quiet: bool,
        /// Group into stories now, compute the dossiers when first asked for.
        #[arg(long)]
        defer_dossiers: bool,
        /// Print the summary as JSON on standard output.
        #[arg(long)]
        json: bool,
    },
    /// List the stories of the corpus, newest first.
    Stories {
        /// Only stories with an article dated on or after DATE: YYYY-MM-DD, today,
        /// yesterday, or days or weeks back (7d, 2w).
        #[arg(long, value_name = "DATE", value_parser = dates::since_arg)]
        since: Option<chrono::NaiveDate>,
        /// Only stories with an article dated on or before DATE (the same forms as --since).
        #[arg(long, value_name = "DATE", value_parser = dates::since_arg)]
        until: Option<chrono::NaiveDate>,
        /// Only stories with an article of this outlet (ASCII case ignored).
        #[arg(long)]
        outlet: Option<String>,
        /// Only stories naming this entity (its id, as `serve` shows it: person_vladimir_putin).
        #[arg(long)]
        entity: Option<String>,
        /// Only stories with at least this many outlets.
        #[arg(long, default_value_t = 0)]
        min_outlets: usize,
        /// Only stories with at least this many articles (2 hides single-article stories).
        #[arg(long, default_value_t = 0)]
        min_articles: usize,
        #[arg(long, value_enum, default_value_t = StorySortArg::Newest)]
        sort: StorySortArg,
        /// Only stories whose articles match this search.
        #[arg(long)]
        query: Option<String>,
        /// Only the stories of this storyline (a story's `storyline`), earliest first.
        #[arg(long, conflicts_with_all = ["query", "since"])]
        storyline: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: usize,
        #[arg(long, short, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Print the dossier of one story of the corpus.
    Story {
        id: String,
        #[arg(long, short, value_enum, default_value_t = Format::Md)]
        format: Format,
        /// Write to FILE instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Search the articles and quotes of the corpus.
    Search {
        query: String,
        #[arg(long, default_value_t = 10)]
        limit: usize,
        #[arg(long, short, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Serve the corpus (`--db`) over HTTP: the web UI at `/` and the JSON API under `/api/`.
    Serve {
        /// Address to listen on; loopback by default, so only this machine can connect.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// Accept `POST /api/ingest` from requests with `Authorization: Bearer TOKEN`.
        #[arg(long)]
        allow_ingest: bool,
        /// The ingest token (default: a new random one, printed at start).
        #[arg(
            long,
            env = "DOSSIER_TOKEN",
            hide_env_values = true,
            requires = "allow_ingest"
        )]
        token: Option<String>,
        /// Read-only database handles serving requests in parallel.
        #[arg(long, default_value_t = 4)]
        readers: usize,
        /// Also follow the sources of this file (as `dossier follow` does, with its default
        /// delay and limits) in the background, the new articles served as they are stored.
        #[arg(long, value_name = "SOURCES")]
        follow: Option<PathBuf>,
        /// With `--follow`: where publishers can reach you, sent in the User-Agent.
        #[arg(long, env = "DOSSIER_CONTACT", requires = "follow")]
        contact: Option<String>,
    },
    /// Follow news sources live: poll the feeds, sitemaps and home pages of a sources file
    /// (TOML, `[[source]]` tables) and store every new article in the corpus (`--db`), as
    /// `ingest` does, politely (robots.txt, one request at a time per host, conditional
    /// requests). Runs until stopped; `--once` polls every source once and exits.
    Follow {
        /// The sources file.
        sources: PathBuf,
        /// Poll every source once, now, and exit (for cron).
        #[arg(long)]
        once: bool,
        /// A URL (or address) where publishers can reach you, sent in the User-Agent.
        #[arg(long, env = "DOSSIER_CONTACT")]
        contact: Option<String>,
        /// The least time between two requests to one host (robots.txt's Crawl-delay wins
        /// when longer).
        #[arg(long, default_value = "1s", value_parser = duration_arg)]
        delay: std::time::Duration,
        /// The most one request may take, the whole body read.
        #[arg(long, default_value = "30s", value_parser = duration_arg)]
        timeout: std::time::Duration,
        /// The most bytes read of one answer; a larger page is an error.
        #[arg(long, default_value_t = 8 << 20)]
        max_bytes: u64,
        /// Tries after the first for a request that failed in a way that may pass (no
        /// answer, a timeout, a 5xx, a 429), each after twice the wait of the last.
        #[arg(long, default_value_t = 2)]
        retries: u32,
        /// New pages fetched per source and poll at most; the rest wait for the next poll.
        #[arg(long, default_value_t = 200)]
        max_pages: usize,
        /// No summary lines (errors are still printed).
        #[arg(long, short)]
        quiet: bool,
    },
    /// Write one table of the corpus (one row per item, ids joining the tables; columns in
    /// docs/schema.md): articles, stories, entities, mentions, quotes, facts or events.
    Export {
        #[arg(value_parser = export::table_arg)]
        table: dossier_export::Table,
        #[arg(long, short, value_enum, default_value_t = ExportFormat::Csv)]
        format: ExportFormat,
        /// Write to FILE instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Only stories with an article dated on or after DATE (as `stories --since`).
        #[arg(long, value_name = "DATE", value_parser = dates::since_arg)]
        since: Option<chrono::NaiveDate>,
        /// Only stories with an article dated on or before DATE.
        #[arg(long, value_name = "DATE", value_parser = dates::since_arg)]
        until: Option<chrono::NaiveDate>,
        /// Only this story.
        #[arg(long, value_name = "ID")]
        story: Option<String>,
    },
    /// Score dossier on an evaluation set; the last line is `METRIC value`.
    Eval {
        #[command(subcommand)]
        task: EvalTask,
    },
}

#[derive(Subcommand)]
enum EvalTask {
    /// Main-content extraction on a folder laid out like AEB (html/*.html.gz, ground-truth.json)
    /// or like WCXB (ground-truth/*.json beside html/, or one split folder holding them).
    Extraction {
        dir: PathBuf,
        /// Also write the extracted bodies as JSON for the benchmark's own evaluate.py.
        #[arg(long)]
        predictions: Option<PathBuf>,
    },
    /// Named entities on CoNLL-format files (a file or a folder of them): entity-level F1.
    Ner {
        path: PathBuf,
        /// Score this model file instead of the committed one.
        #[arg(long)]
        model: Option<PathBuf>,
    },
    /// Quotes and speakers on a PolNeAR split (text/ and attributions/): content F1, speaker accuracy.
    Quotes { dir: PathBuf },
    /// Story clustering on ECB+ (a folder with clusters.tsv), a NeuS .source file or the NeuS
    /// raw crawl (.jsonl, dated): B3 and pairwise F1, events kept whole and split.
    Clustering {
        path: PathBuf,
        /// Print the stories that mix gold events (most wrong pairs first) and the gold events
        /// split apart (most lost pairs first), each article with its date, outlet and title.
        #[arg(long)]
        mistakes: bool,
        /// Blend sentence embeddings into story similarity, with the all-MiniLM-L6-v2 model in
        /// this folder (a build with the `embeddings` feature; see docs/EVALUATION.md).
        #[arg(long, value_name = "MODEL_DIR")]
        embeddings: Option<PathBuf>,
    },
    /// Timeline summarisation on Timeline17 (a folder of topics with articles.json and
    /// *.timeline.json): Date-F1 and alignment ROUGE (AR1, AR2) as in news-tls.
    Timeline { path: PathBuf },
    /// The brief on a NeuS .source file (its .target beside it): ROUGE-1/2/L of dossier, lead
    /// and TextRank with the same number of sentences, and citation precision.
    Brief {
        source: PathBuf,
        /// Sentences per summary, for every system.
        #[arg(long, default_value_t = 3)]
        sentences: usize,
    },
    /// The claims of a dossier on judged real news (DIR holds articles.jsonl and gold.json):
    /// the precision of conflicts, copies, quotes, people, speakers, event dates and brief
    /// citations, as the set's score.py scores the JSON of `analyze`.
    Claims {
        dir: PathBuf,
        /// List every false claim, grouped by type, before the scores.
        #[arg(long)]
        mistakes: bool,
    },
    /// Time expressions on TimeML files (every .tml under PATH): extraction F1, value accuracy.
    Time {
        path: PathBuf,
        /// Print every matched expression whose value is wrong before the scores.
        #[arg(long)]
        mistakes: bool,
    },
    /// Figures on Recognizers-Text English specs and quantulum3 cases (a file or a folder): value accuracy.
    Numbers {
        path: PathBuf,
        /// Print every failed case (input, gold, predicted) before the scores.
        #[arg(long)]
        failures: bool,
    },
}

/// The order of `dossier stories`.
#[derive(Clone, Copy, ValueEnum)]
enum StorySortArg {
    /// By the last article's date, newest first.
    Newest,
    /// Most outlets first.
    Outlets,
    /// Most conflicting facts first.
    Conflicts,
}

#[derive(Clone, Copy, ValueEnum)]
enum ListFormat {
    Table,
    Json,
}

/// The formats of `dossier export`.
#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    /// A header row, then one record a row (a list cell is a JSON array).
    Csv,
    /// One JSON object a line.
    Jsonl,
    /// Apache Parquet (snappy-compressed).
    Parquet,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Md,
    Json,
    Html,
}

fn main() -> ExitCode {
    // A closed pipe (`dossier ... | head`) ends the program quietly, as for any Unix filter,
    // instead of a panic in `print!`.
    #[cfg(unix)]
    // SAFETY: setting the actions of two signals before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        // A file that may not grow (a file size limit) is a write error the store reports and
        // rolls back, not a signal that kills the process mid-transaction.
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("dossier: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn print_out(s: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            anyhow::bail!("cannot write to standard output: {e}");
        }
    }
    Ok(())
}

fn to_json<T: serde::Serialize>(v: &T) -> String {
    let mut s = serde_json::to_string_pretty(v).expect("serialisable");
    s.push('\n');
    s
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let db = cli.db.clone().unwrap_or_else(dossier_store::default_dir);
    match cli.command {
        Command::Ingest {
            paths,
            rebuild_stories,
            embeddings,
            quiet,
            defer_dossiers,
            json,
        } => {
            let model = embeddings.as_deref().map(embedder).transpose()?;
            let how = corpus::How {
                quiet,
                defer: defer_dossiers,
                rebuild: rebuild_stories,
                embed: model.as_deref(),
            };
            let summary = corpus::ingest(&paths, &db, how)?;
            if json {
                print_out(&to_json(&summary))?;
            } else if !quiet {
                eprintln!("{}", summary.line());
            }
            Ok(if summary.failed == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(EXIT_PARTIAL)
            })
        }
        Command::Stories {
            since,
            until,
            outlet,
            entity,
            min_outlets,
            min_articles,
            sort,
            query,
            storyline,
            limit,
            format,
        } => {
            if let Some(code) = query.as_deref().and_then(refuse_query) {
                return Ok(code);
            }
            let store = corpus::open_to_read(&db)?;
            use dossier_store::listing::{StoryFilter, StorySort};
            let filter = StoryFilter {
                since: since.map(|d| d.to_string()),
                until: until.map(|d| d.to_string()),
                outlet,
                entity,
                min_outlets,
                min_articles,
                storyline: None,
                sort: match sort {
                    StorySortArg::Newest => StorySort::Newest,
                    StorySortArg::Outlets => StorySort::Outlets,
                    StorySortArg::Conflicts => StorySort::Conflicts,
                },
            };
            let rows = match &storyline {
                Some(line) => store.storyline(line)?.into_iter().take(limit).collect(),
                None => {
                    store
                        .filtered_stories(query.as_deref(), &filter, 0, limit)?
                        .0
                }
            };
            print_out(&match format {
                ListFormat::Json => to_json(&rows),
                ListFormat::Table => corpus::stories_table(&rows),
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Story { id, format, output } => {
            let mut store = corpus::open_to_read(&db)?;
            let d = corpus::story_dossier(&mut store, &id)?;
            let page = match format {
                Format::Json => dossier_render::json(&d),
                Format::Md => dossier_render::markdown_in_storylines(
                    &d,
                    &corpus::storyline_stories(&store, &d)?,
                ),
                Format::Html => dossier_render::html(&d),
            };
            match &output {
                Some(path) => std::fs::write(path, page)
                    .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?,
                None => print_out(&page)?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Search {
            query,
            limit,
            format,
        } => {
            if let Some(code) = refuse_query(&query) {
                return Ok(code);
            }
            let store = corpus::open_to_read(&db)?;
            let hits = store.search(&query, limit)?;
            print_out(&match format {
                ListFormat::Json => to_json(&hits),
                ListFormat::Table => corpus::hits_table(&hits),
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Export {
            table,
            format,
            output,
            since,
            until,
            story,
        } => {
            let format = match format {
                ExportFormat::Csv => dossier_export::Format::Csv,
                ExportFormat::Jsonl => dossier_export::Format::Jsonl,
                ExportFormat::Parquet => dossier_export::Format::Parquet,
            };
            let selection = dossier_export::Selection {
                since,
                until,
                story,
            };
            export::run(&db, table, format, &selection, output.as_deref())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve {
            addr,
            allow_ingest,
            token,
            readers,
            follow,
            contact,
        } => {
            corpus::require_store(&db)?;
            if let Some(path) = follow {
                let sources = follow::read_sources(&path)?;
                let options = dossier_follow::Options {
                    fetch: dossier_follow::fetch::Settings {
                        contact,
                        ..Default::default()
                    },
                    ..Default::default()
                };
                let db = db.clone();
                std::thread::spawn(move || {
                    if let Err(e) = follow::run(&sources, &db, options, false, false) {
                        eprintln!("dossier: error: following {}: {e:#}", path.display());
                    }
                });
            }
            let ingest_token = match (allow_ingest, token) {
                (false, _) => None,
                (true, Some(t)) if t.len() >= 16 => Some(t),
                (true, Some(_)) => anyhow::bail!("--token: use at least 16 characters"),
                (true, None) => {
                    let t = dossier_server::new_token()?;
                    eprintln!("dossier: ingest token (send as `Authorization: Bearer ...`): {t}");
                    Some(t)
                }
            };
            // A client that hangs up mid-response must not end the server: SIGPIPE is
            // ignored again (main restored its default action for the filter commands).
            #[cfg(unix)]
            // SAFETY: setting the action of one signal; no handler code is involved.
            unsafe {
                libc::signal(libc::SIGPIPE, libc::SIG_IGN);
            }
            dossier_server::run(dossier_server::Options {
                db,
                addr,
                ingest_token,
                readers,
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Follow {
            sources,
            once,
            contact,
            delay,
            timeout,
            max_bytes,
            retries,
            max_pages,
            quiet,
        } => {
            let sources = follow::read_sources(&sources)?;
            let options = dossier_follow::Options {
                fetch: dossier_follow::fetch::Settings {
                    contact,
                    delay,
                    timeout,
                    max_bytes,
                    retries,
                    ..Default::default()
                },
                max_pages,
            };
            follow::run(&sources, &db, options, once, quiet)
        }
        Command::Analyze {
            paths,
            format,
            output,
            quiet,
            embeddings,
        } => {
            let run = match embeddings {
                None => pipeline::analyze(&paths, None)?,
                Some(dir) => pipeline::analyze(&paths, Some(&*embedder(&dir)?))?,
            };
            for e in &run.errors {
                eprintln!("dossier: error: {e}");
            }
            if run.dossier.articles.is_empty() {
                anyhow::bail!("no articles could be read from the input");
            }
            // JSON is written as it is made; the other formats are made whole, then written
            let write = |w: &mut dyn Write| -> std::io::Result<()> {
                match format {
                    Format::Json => dossier_render::write_json(&run.dossier, &mut *w)?,
                    Format::Md => w.write_all(dossier_render::markdown(&run.dossier).as_bytes())?,
                    Format::Html => w.write_all(dossier_render::html(&run.dossier).as_bytes())?,
                }
                w.flush()
            };
            match &output {
                Some(path) => std::fs::File::create(path)
                    .and_then(|f| write(&mut std::io::BufWriter::new(f)))
                    .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?,
                None => {
                    let mut out =
                        std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
                    if let Err(e) = write(&mut out) {
                        if e.kind() != std::io::ErrorKind::BrokenPipe {
                            anyhow::bail!("cannot write to standard output: {e}");
                        }
                    }
                }
            }
            if !quiet {
                eprintln!("{}", run.summary());
            }
            Ok(if run.errors.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(EXIT_PARTIAL)
            })
        }
        Command::Eval { task } => match task {
            EvalTask::Extraction { dir, predictions } => {
                let report = dossier_eval::extraction::run(&dir, predictions.as_deref())?;
                print!("{report}");
                Ok(ExitCode::SUCCESS)
            }
            EvalTask::Quotes { dir } => {
                print!("{}", dossier_eval::quotes::run(&dir)?);
                Ok(ExitCode::SUCCESS)
            }
            EvalTask::Clustering {
                path,
                mistakes,
                embeddings,
            } => {
                let report = match embeddings {
                    None => dossier_eval::clustering::run(&path, mistakes, None)?,
                    Some(dir) => {
                        dossier_eval::clustering::run(&path, mistakes, Some(&*embedder(&dir)?))?
                    }
                };
                for m in &report.mistakes {
                    println!("{m}");
                }
                print!("{report}");
                Ok(ExitCode::SUCCESS)
            }
            EvalTask::Timeline { path } => {
                print!("{}", dossier_eval::timeline::run(&path)?);
                Ok(ExitCode::SUCCESS)
            }
            EvalTask::Brief { source, sentences } => {
                print!("{}", dossier_eval::brief::run(&source, sentences)?);
                Ok(ExitCode::SUCCESS)
            }
            EvalTask::Claims { dir, mistakes } => {
                let articles = dir.join("articles.jsonl");
                if !articles.is_file() || !dir.join("gold.json").is_file() {
                    anyhow::bail!(
                        "{}: not a judged claims set (articles.jsonl and gold.json are needed)",
                        dir.display()
                    );
                }
                let run = pipeline::analyze(&[articles.to_string_lossy().into_owned()], None)?;
                // as `analyze`: an input that fails is reported and left out
                for e in &run.errors {
                    eprintln!("dossier: error: {e}");
                }
                if run.dossier.articles.is_empty() {
                    anyhow::bail!("{}: no articles could be read", articles.display());
                }
                let report = dossier_eval::claims::score(&dir, &run.dossier)?;
                if mistakes {
                    print!("{}", report.mistakes_text());
                }
                print!("{report}");
                Ok(ExitCode::SUCCESS)
            }
            EvalTask::Time { path, mistakes } => {
                let report = dossier_eval::time::run(&path, mistakes)?;
                for m in &report.mistakes {
                    println!("WRONG {m}");
                }
                print!("{report}");
                Ok(ExitCode::SUCCESS)
            }
            EvalTask::Numbers { path, failures } => {
                let report = dossier_eval::numbers::run(&path, failures)?;
                for failure in &report.failures {
                    println!("FAIL {failure}");
                }
                print!("{report}");
                Ok(ExitCode::SUCCESS)
            }
            EvalTask::Ner { path, model } => {
                let report = dossier_eval::ner::run(&path, model.as_deref())?;
                print!("{report}");
                Ok(ExitCode::SUCCESS)
            }
        },
    }
}

/// A search past the query limits, said on stderr with the usage-error status; `None` when it
/// may be run.
fn refuse_query(query: &str) -> Option<ExitCode> {
    let message = dossier_store::search::check_query(query).err()?;
    eprintln!("dossier: error: search: {message}");
    Some(ExitCode::from(2))
}

/// A duration argument: `1s`, `500ms`, `2m`.
fn duration_arg(s: &str) -> Result<std::time::Duration, String> {
    dossier_follow::sources::parse_duration(s)
}

/// A sentence-embedding model loaded from `dir`, as a function from texts to unit vectors.
#[cfg(feature = "embeddings")]
fn embedder(dir: &std::path::Path) -> anyhow::Result<Box<pipeline::EmbedFn>> {
    let model = dossier_embed::Embedder::load(dir)?;
    Ok(Box::new(move |texts: &[&str]| model.embed(texts)))
}

#[cfg(not(feature = "embeddings"))]
fn embedder(dir: &std::path::Path) -> anyhow::Result<Box<pipeline::EmbedFn>> {
    anyhow::bail!(
        "{}: this dossier was built without the `embeddings` feature (cargo build --release --features embeddings)",
        dir.display()
    )
}
