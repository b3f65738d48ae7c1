//! The web UI in a real browser: starts the server on a free loopback port over a corpus of
//! the sample articles and the booby-trapped one, and runs `tests/browser/run.mjs` (headless
//! Chromium through playwright-core). Screenshots go to `target/browser-screenshots/`.
//!
//! Needs Node.js, `npm ci` in `tests/browser/` and Chromium (`/usr/bin/chromium` or
//! `$CHROMIUM`); `.ci/run` installs them. Without them the test says so and passes, so a
//! fresh clone's `cargo test` works; CI sets `DOSSIER_BROWSER_TESTS=1` to make them required.

mod common;

use std::path::Path;
use std::process::Command;
use std::sync::Arc;

#[test]
fn the_ui_in_a_real_browser() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let node_ok = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let missing: Vec<&str> = [
        (!node_ok).then_some("node"),
        (!here.join("node_modules/playwright-core").is_dir())
            .then_some("playwright-core (npm ci in crates/server/tests/browser)"),
        (!Path::new(&chromium).exists()).then_some("chromium"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !missing.is_empty() {
        let msg = format!("browser tests need {}", missing.join(", "));
        if std::env::var_os("DOSSIER_BROWSER_TESTS").is_some() {
            panic!("{msg}");
        }
        eprintln!("skipped: {msg}");
        return;
    }

    let dir = tempfile::tempdir().unwrap();
    common::build_corpus(dir.path());
    let state = Arc::new(dossier_server::AppState::open(dir.path(), 2, None).unwrap());
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let listener = rt
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = rt.spawn(dossier_server::serve_on(listener, state, async {
        let _ = stopped.await;
    }));

    // The same corpus as one `analyze --format html` page, opened from a file.
    let page = dir.path().join("dossier.html");
    {
        let store = dossier_store::Store::open_reader(dir.path()).unwrap();
        let mut d = dossier_model::Dossier::default();
        for row in store.stories(None, None, 0, 100).unwrap() {
            if let Some((s, articles)) = store.stored_story(&row.id).unwrap() {
                d.articles.extend(articles);
                d.stories.push(s);
            }
        }
        std::fs::write(&page, dossier_render::html(&d)).unwrap();
    }
    let shots = common::repo().join("target/browser-screenshots");
    let out = Command::new("node")
        .arg(here.join("run.mjs"))
        .arg(format!("http://{addr}"))
        .arg(&shots)
        .arg(&page)
        .env("CHROMIUM", &chromium)
        .output()
        .expect("node runs");
    let _ = stop.send(());
    let _ = rt.block_on(server);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}");
    assert!(
        out.status.success(),
        "browser tests failed:\n{stdout}\n{stderr}"
    );
    println!("screenshots in {}", shots.display());
}
