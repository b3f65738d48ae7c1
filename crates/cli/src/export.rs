//! `dossier export`: one table of the corpus to standard output or a file. The tables and
//! formats live in `dossier-export`; this is where the output goes and how a failure is told.
//! A file is written beside its final name and renamed when complete, so a failed export never
//! leaves half a table under that name.

use crate::corpus;
use dossier_export::{Format, Selection, Table};
use std::io::IsTerminal;
use std::path::Path;

/// Writes `table` of the store in `db` in `format` to `output` (standard output when `None`);
/// returns the number of rows.
pub fn run(
    db: &Path,
    table: Table,
    format: Format,
    selection: &Selection,
    output: Option<&Path>,
) -> anyhow::Result<usize> {
    if output.is_none() && format == Format::Parquet && std::io::stdout().is_terminal() {
        anyhow::bail!(
            "Parquet is binary: write it to a file (-o FILE) or a pipe, not to the terminal"
        );
    }
    let mut store = corpus::open_to_read(db)?;
    let Some(path) = output else {
        let out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout());
        return match dossier_export::export(&mut store, table, selection, format, out) {
            // a reader that stops early (`| head`) ends the export quietly
            Err(dossier_export::Error::Write(e)) if e.is_broken_pipe() => Ok(0),
            Err(dossier_export::Error::Write(e)) => {
                anyhow::bail!("cannot write to standard output: {e}")
            }
            Err(e) => Err(e.into()),
            Ok(rows) => Ok(rows),
        };
    };
    let name = path
        .file_name()
        .ok_or_else(|| anyhow::anyhow!("{}: not a file name", path.display()))?;
    let mut partial = name.to_os_string();
    partial.push(".partial");
    let partial = path.with_file_name(partial);
    let file = std::fs::File::create(&partial)
        .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
    let written = dossier_export::export(
        &mut store,
        table,
        selection,
        format,
        std::io::BufWriter::with_capacity(1 << 16, file),
    )
    .and_then(|rows| {
        std::fs::rename(&partial, path)
            .map_err(|e| dossier_export::Error::Write(e.into()))
            .map(|_| rows)
    });
    match written {
        Ok(rows) => Ok(rows),
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            match e {
                dossier_export::Error::Write(e) => {
                    anyhow::bail!("cannot write {}: {e}", path.display())
                }
                e => Err(e.into()),
            }
        }
    }
}

/// The table named on the command line (clap lists the names).
pub fn table_arg(name: &str) -> Result<Table, String> {
    Table::parse(name).ok_or_else(|| {
        format!(
            "{name:?} is not a table (use one of: {})",
            Table::NAMES.join(", ")
        )
    })
}
