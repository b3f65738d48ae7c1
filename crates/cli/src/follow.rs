//! `dossier follow SOURCES`: polls the sources file's outlets on their schedules (or once, with
//! `--once`) into the store, printing each failure as an error line and each poll's summary.
//! The crawling itself is `dossier_follow`'s.

use dossier_follow::{Follower, Options, Source};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Reads the sources file; the error names it.
pub fn read_sources(path: &Path) -> anyhow::Result<Vec<Source>> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| anyhow::anyhow!("cannot read sources file {}: {e}", path.display()))?;
    dossier_follow::sources::parse(&path.display().to_string(), &text).map_err(anyhow::Error::msg)
}

/// Polls `sources` into the store at `db`: once, or on their schedules until stopped.
pub fn run(
    sources: &[Source],
    db: &Path,
    options: Options,
    once: bool,
    quiet: bool,
) -> anyhow::Result<ExitCode> {
    if options.fetch.contact.is_none() && !quiet {
        eprintln!(
            "dossier: warning: no --contact URL: the User-Agent cannot tell publishers how to \
             reach you"
        );
    }
    let mut store = dossier_store::Store::open(db)?;
    let mut follower = Follower::new(options);
    // On a terminal, a spinner names the URL being asked for; lines print above it.
    let spinner = if quiet || !std::io::stderr().is_terminal() {
        ProgressBar::hidden()
    } else {
        let pb = ProgressBar::new_spinner();
        pb.set_style(
            ProgressStyle::with_template("{spinner} [{elapsed_precise}] {wide_msg}")
                .expect("a valid template"),
        );
        pb.enable_steady_tick(Duration::from_millis(200));
        pb
    };
    let shown = spinner.clone();
    follower.on_progress(move |url| shown.set_message(url.to_string()));
    let mut failed = 0;
    let mut on_error = |m: &str| {
        failed += 1;
        spinner.suspend(|| eprintln!("dossier: error: {m}"));
    };
    let mut on_report = |r: &dossier_follow::Report| {
        if !quiet {
            spinner.suspend(|| eprintln!("{}", r.line()));
        }
        spinner.set_message("waiting for the next poll");
    };
    if once {
        let all: Vec<&Source> = sources.iter().collect();
        follower.poll_all(&mut store, &all, &mut on_error, &mut on_report)?;
        spinner.finish_and_clear();
        return Ok(if failed == 0 {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(crate::EXIT_PARTIAL)
        });
    }
    let mut due = dossier_follow::next_polls(&store, sources)?;
    loop {
        let now = Instant::now();
        let ready: Vec<&Source> = sources
            .iter()
            .zip(&due)
            .filter(|(_, d)| **d <= now)
            .map(|(s, _)| s)
            .collect();
        if !ready.is_empty() {
            follower.poll_all(&mut store, &ready, &mut on_error, &mut on_report)?;
            let after = Instant::now();
            for (s, d) in sources.iter().zip(due.iter_mut()) {
                if *d <= now {
                    *d = after + s.every;
                }
            }
        }
        let next = due.iter().min().copied().unwrap_or(now);
        std::thread::sleep(next.saturating_duration_since(Instant::now()));
    }
}
