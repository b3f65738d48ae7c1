//! The README's command blocks (```sh) run as written, on a temporary corpus: the commands a
//! newcomer types first must work. `dossier` is this build's binary (so are
//! `./target/release/dossier` and `cargo run --release -p dossier --`); lines that build
//! (`cargo ...`), listen on the network (`serve`, `curl`) or download a model (`--embeddings`)
//! are left out and listed.

mod common;

use common::*;
use std::process::Command;

/// The lines of every ```sh block of `markdown`, each with its line number.
fn shell_lines(markdown: &str) -> Vec<(usize, String)> {
    let mut lines = Vec::new();
    let mut inside = false;
    for (n, line) in markdown.lines().enumerate() {
        let fence = line.trim_start().starts_with("```");
        if fence {
            inside = !inside && line.trim() == "```sh";
            continue;
        }
        if inside && !line.trim().is_empty() {
            lines.push((n + 1, line.trim().to_string()));
        }
    }
    lines
}

/// Why a README line is not run here, if it is not.
fn left_out(line: &str, have_jq: bool) -> Option<&'static str> {
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.first() == Some(&"cargo") && !line.contains("-p dossier --") {
        return Some("a build step (this test's build did it)");
    }
    let listens = |w: &[&str]| w == ["dossier", "serve"] || w == ["dossier", "follow"];
    if words.windows(2).any(listens) || words.contains(&"curl") {
        return Some("needs the network");
    }
    if line.contains("--embeddings") || line.contains("embedding-model.sh") {
        return Some("downloads a model");
    }
    if words.contains(&"jq") && !have_jq {
        return Some("jq is not installed");
    }
    None
}

/// `line` with the README's ways of naming the binary turned into `dossier`.
fn as_run(line: &str) -> String {
    line.replace("cargo run --release -p dossier --", "dossier")
        .replace("./target/release/dossier", "dossier")
}

#[test]
fn the_readme_commands_run_as_written() {
    let readme = std::fs::read_to_string(workspace().join("README.md")).unwrap();
    let lines = shell_lines(&readme);
    assert!(lines.len() >= 10, "README blocks not found: {lines:?}");
    // A folder to run in, holding the examples (the README's paths are relative to the
    // checkout), a corpus of its own and `dossier` first on the PATH.
    let tmp = tempfile::tempdir().unwrap();
    let (bin, here) = (tmp.path().join("bin"), tmp.path().join("checkout"));
    std::fs::create_dir_all(&bin).unwrap();
    std::fs::create_dir_all(&here).unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_dossier"), bin.join("dossier")).unwrap();
        std::os::unix::fs::symlink(workspace().join("examples"), here.join("examples")).unwrap();
    }
    #[cfg(not(unix))]
    {
        eprintln!("SKIPPED: the README's commands are POSIX shell");
        return;
    }
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let have_jq = Command::new("jq").arg("--version").output().is_ok();
    let mut ran = 0;
    for (n, line) in &lines {
        if let Some(why) = left_out(line, have_jq) {
            println!("README.md:{n}: left out ({why}): {line}");
            continue;
        }
        let command = as_run(line);
        let o = Command::new("sh")
            .args(["-c", &command])
            .current_dir(&here)
            .env("PATH", &path)
            .env("DOSSIER_DB", tmp.path().join("corpus"))
            .env_remove("DOSSIER_TOKEN")
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "README.md:{n}: `{command}` failed ({}):\n{}",
            o.status,
            stderr(&o)
        );
        // Every command the README shows prints something or writes its file.
        let wrote_file = command.contains(" -o ");
        assert!(
            wrote_file || !o.stdout.is_empty() || command.contains(" ingest "),
            "README.md:{n}: `{command}` printed nothing"
        );
        println!("README.md:{n}: ran: {command}");
        ran += 1;
    }
    assert!(ran >= 8, "only {ran} README commands ran");
    for written in ["kremlin.html", "story.html"] {
        let page = std::fs::read_to_string(here.join(written)).unwrap();
        assert!(page.contains("Witkoff"), "{written}");
    }
}

#[test]
fn shell_blocks_are_found_and_the_binary_renamed() {
    let markdown = "Text\n\n```sh\ncargo build --release\n./target/release/dossier stories   # list\n\n```\n\n```text\ndossier analyze PATH...\n```\n\n```sh\ncargo run --release -p dossier -- analyze x\ndossier serve\n```\n";
    let lines = shell_lines(markdown);
    let texts: Vec<&str> = lines.iter().map(|(_, l)| l.as_str()).collect();
    assert_eq!(
        texts,
        [
            "cargo build --release",
            "./target/release/dossier stories   # list",
            "cargo run --release -p dossier -- analyze x",
            "dossier serve"
        ]
    );
    assert_eq!(lines[0].0, 4);
    assert!(left_out(texts[0], true).is_some());
    assert_eq!(left_out(texts[1], true), None);
    assert_eq!(as_run(texts[1]), "dossier stories   # list");
    assert_eq!(left_out(texts[2], true), None);
    assert_eq!(as_run(texts[2]), "dossier analyze x");
    assert_eq!(left_out(texts[3], true), Some("needs the network"));
    assert_eq!(
        left_out("dossier analyze x -f json | jq .", false),
        Some("jq is not installed")
    );
}
