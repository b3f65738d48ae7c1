//! Readers: everything dossier can read, turned into [`RawDocument`]s.
//!
//! One entry point, [`read_inputs`], takes what the user named on the command line (files,
//! directories walked recursively, `-` for standard input) and returns the documents found and
//! one [`InputError`] per input that could not be read, so a bad file never stops a batch.
//!
//! | input | how |
//! |---|---|
//! | `.txt` | one article per file, text in any encoding |
//! | `.html`, `.htm`, `.xhtml` | main-content extraction ([`html`]) |
//! | `.jsonl`, `.ndjson` | one article per line: `url`, `outlet`, `title`, `published`, `text` or `html` |
//! | `.warc` | every HTML page of a `response` or `resource` record ([`warc`]) |
//! | `.rss`, `.atom`, `.xml` | every entry of an RSS, Atom or RDF feed ([`feed`]) |
//! | `*.gz` | gunzipped, then read by the inner extension (a truncated `.warc.gz` is read up to the cut) |
//!
//! WARC and JSONL files (gzipped or not) are streamed: read one record or line at a time
//! ([`stream_file`]), so a file of gigabytes never sits in memory whole.
//! | `-` or another extension | sniffed: WARC, feed, HTML, JSONL or text |
//!
//! This is the only crate besides the store that touches the disk.

pub mod budget;
pub mod encoding;
pub mod feed;
pub mod html;
pub mod stream;
pub mod warc;

pub use stream::{stream_file, Piece, Stream};

use dossier_model::{Hints, RawDocument, Sourced};
use rayon::prelude::*;
use serde::Deserialize;
use std::fmt;
use std::io::{BufRead, Read};
use std::path::Path;
use std::sync::Arc;

/// The largest single article file (or JSONL line) read; larger ones are refused with an error.
pub const MAX_ARTICLE_BYTES: usize = 16 << 20;
/// The largest input file read whole (a feed, a page; WARC and JSONL files are streamed and
/// have no limit).
pub const MAX_FILE_BYTES: u64 = 4 << 30;
/// The most a gzipped input read whole (a feed, an upload, standard input that is not a WARC
/// or JSONL stream) may inflate to; a gzipped page or text may inflate to
/// [`MAX_ARTICLE_BYTES`]. Inflating stops there with an error, so a gzip bomb costs no memory.
pub const MAX_INFLATED_BYTES: usize = 256 << 20;

/// An input that could not be read, and why: printed as `source[:line]: message`.
#[derive(Debug, Clone, PartialEq)]
pub struct InputError {
    pub source: String,
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: {}", self.source, l, self.message),
            None => write!(f, "{}: {}", self.source, self.message),
        }
    }
}

impl InputError {
    fn new(source: &str, message: impl Into<String>) -> Self {
        InputError {
            source: source.to_string(),
            line: None,
            message: message.into(),
        }
    }
}

/// What was read from a set of inputs.
#[derive(Debug, Default)]
pub struct Batch {
    pub documents: Vec<RawDocument>,
    pub errors: Vec<InputError>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Format {
    Text,
    Html,
    Jsonl,
    Warc,
    Arc,
    Feed,
    Sniff,
}

/// File extensions read when walking a directory; anything else there is skipped.
const KNOWN_EXTENSIONS: &[&str] = &[
    "txt", "text", "html", "htm", "xhtml", "jsonl", "ndjson", "warc", "arc", "rss", "atom", "xml",
];

/// Reads every input, in parallel, keeping the order given (directories in sorted order).
pub fn read_inputs(inputs: &[String]) -> Batch {
    let (files, mut batch) = list_inputs(inputs);
    let results: Vec<Vec<Result<RawDocument, InputError>>> =
        files.par_iter().map(|f| read_file(f)).collect();
    for r in results.into_iter().flatten() {
        match r {
            Ok(d) => batch.documents.push(d),
            Err(e) => batch.errors.push(e),
        }
    }
    batch
}

/// The files the inputs name (directories walked in sorted order, `-` kept as is), and an error
/// for each input that does not exist or cannot be walked (in the returned batch), for callers
/// that read the files one chunk at a time.
pub fn list_inputs(inputs: &[String]) -> (Vec<String>, Batch) {
    let mut files = Vec::new();
    let mut batch = Batch::default();
    for input in inputs {
        if input == "-" {
            files.push(input.clone());
            continue;
        }
        let path = Path::new(input);
        if path.is_dir() {
            let mut found: Vec<String> = walkdir::WalkDir::new(path)
                .follow_links(true)
                .into_iter()
                .filter_map(|e| match e {
                    Ok(e) => Some(e),
                    Err(err) => {
                        batch.errors.push(InputError::new(input, err.to_string()));
                        None
                    }
                })
                .filter(|e| e.file_type().is_file() && is_known(e.path()) && !is_hidden(e.path()))
                .map(|e| e.path().to_string_lossy().into_owned())
                .collect();
            found.sort();
            files.extend(found);
        } else if path.exists() {
            files.push(input.clone());
        } else {
            batch
                .errors
                .push(InputError::new(input, "no such file or directory"));
        }
    }
    (files, batch)
}

fn is_hidden(p: &Path) -> bool {
    p.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}

fn is_known(p: &Path) -> bool {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let inner = name.strip_suffix(".gz").unwrap_or(name);
    Path::new(inner)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| KNOWN_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

pub(crate) fn format_of(name: &str) -> Format {
    let ext = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "txt" | "text" => Format::Text,
        "html" | "htm" | "xhtml" => Format::Html,
        "jsonl" | "ndjson" => Format::Jsonl,
        "warc" => Format::Warc,
        "arc" => Format::Arc,
        "rss" | "atom" => Format::Feed,
        _ => Format::Sniff,
    }
}

/// Reads one file (or stdin, `-`) into zero or more documents and the errors met, in order.
/// An archive or JSONL file is read as a stream ([`stream_file`]) and its pieces turned into
/// documents in parallel.
pub fn read_file(source: &str) -> Vec<Result<RawDocument, InputError>> {
    stream::documents(stream_file(source).collect())
}

/// Reads one whole file (or stdin) at once: what [`stream_file`] does for the formats it does
/// not stream.
pub(crate) fn read_whole(source: &str) -> Vec<Result<RawDocument, InputError>> {
    match load(source) {
        Ok((bytes, name, cut)) => read_loaded(source, &bytes, &name, cut),
        Err(e) => vec![Err(e)],
    }
}

/// Reads bytes that arrived without a file (an upload): the format from `source`'s extension,
/// else sniffed; gzip recognised by its magic bytes. Errors name `source`.
pub fn read_bytes(source: &str, bytes: &[u8]) -> Vec<Result<RawDocument, InputError>> {
    let name = source.strip_suffix(".gz").unwrap_or(source);
    let read = if bytes.starts_with(&[0x1f, 0x8b]) {
        match gunzip(source, bytes, inflate_limit(name)) {
            Ok((out, cut)) => read_loaded(source, &out, name, cut),
            Err(e) => vec![Err(e)],
        }
    } else {
        read_loaded(source, bytes, name, None)
    };
    budget::bound_documents(read)
}

fn read_loaded(
    source: &str,
    bytes: &[u8],
    name: &str,
    cut: Option<InputError>,
) -> Vec<Result<RawDocument, InputError>> {
    let mut format = format_of(name);
    if format == Format::Sniff {
        format = sniff(bytes);
    }
    // Archives and feeds keep what was decoded before a broken gzip stream, then report it;
    // a single document cut short is only the error.
    let mut out = match format {
        Format::Warc => warc::read_warc(source, bytes),
        Format::Arc => vec![Err(warc::arc_error(source))],
        Format::Feed => feed::read_feed(source, bytes),
        _ if cut.is_some() => Vec::new(),
        Format::Jsonl => read_jsonl(source, bytes),
        Format::Html | Format::Text if bytes.len() > MAX_ARTICLE_BYTES => {
            vec![Err(too_large(source, bytes.len()))]
        }
        Format::Html | Format::Text => vec![read_document(
            source,
            bytes,
            format == Format::Html,
            Hints::default(),
        )],
        Format::Sniff => unreachable!("sniff always decides"),
    };
    out.extend(cut.map(Err));
    out
}

fn too_large(source: &str, len: usize) -> InputError {
    InputError::new(
        source,
        format!(
            "too large for one article: {:.1} MB (limit {} MB; put many articles in a JSONL file)",
            len as f64 / 1e6,
            MAX_ARTICLE_BYTES >> 20
        ),
    )
}

/// Loads the bytes of a file (gunzipped if `.gz`) or stdin, the name that decides its format,
/// and, for a broken gzip stream, the error with whatever was decoded before it (a truncated
/// WARC archive is still read up to the cut).
fn load(source: &str) -> Result<(Vec<u8>, String, Option<InputError>), InputError> {
    let err = |m: String| InputError::new(source, m);
    if source == "-" {
        let buf = read_bounded(std::io::stdin(), MAX_INFLATED_BYTES)
            .map_err(|e| err(format!("cannot read standard input: {e}")))?;
        return Ok((buf, String::new(), None));
    }
    let meta = std::fs::metadata(source).map_err(|e| err(format!("cannot read: {e}")))?;
    let one_article = matches!(format_of(source), Format::Text | Format::Html);
    if one_article && meta.len() > MAX_ARTICLE_BYTES as u64 {
        return Err(too_large(source, meta.len() as usize));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(err(format!(
            "file too large: {} bytes (limit {MAX_FILE_BYTES})",
            meta.len()
        )));
    }
    // A device or pipe states no size (`/dev/zero`, a FIFO): what it gives is bounded instead.
    let limit = match (meta.is_file(), one_article) {
        (true, _) => MAX_FILE_BYTES as usize,
        (false, true) => MAX_ARTICLE_BYTES,
        (false, false) => MAX_INFLATED_BYTES,
    };
    let raw = std::fs::File::open(source)
        .and_then(|f| read_bounded(f, limit))
        .map_err(|e| err(format!("cannot read: {e}")))?;
    if let Some(inner) = source.strip_suffix(".gz") {
        let (out, cut) = gunzip(source, &raw, inflate_limit(inner))?;
        return Ok((out, inner.to_string(), cut));
    }
    Ok((raw, source.to_string(), None))
}

/// Reads `r` to its end, or fails once it gives more than `limit` bytes (an endless stream,
/// `/dev/zero`, a gzip bomb) with an error saying so.
pub(crate) fn read_bounded(r: impl Read, limit: usize) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    r.take(limit as u64 + 1).read_to_end(&mut out)?;
    if out.len() > limit {
        return Err(std::io::Error::other(over_limit(limit)));
    }
    Ok(out)
}

fn over_limit(limit: usize) -> String {
    format!("more than {} MB ({})", limit >> 20, limit_name(limit))
}

/// What a limit on bytes read whole is the limit of.
fn limit_name(limit: usize) -> &'static str {
    if limit == MAX_ARTICLE_BYTES {
        "the limit of one article"
    } else {
        "the limit of an input read whole; WARC and JSONL streams have none"
    }
}

/// The most a gzipped input named `name` (without `.gz`) may inflate to.
fn inflate_limit(name: &str) -> usize {
    match format_of(name) {
        Format::Html | Format::Text => MAX_ARTICLE_BYTES,
        _ => MAX_INFLATED_BYTES,
    }
}

/// Decompresses gzip data, keeping what came before a broken stream along with the error;
/// an error alone when it inflates past `limit` bytes (checked while inflating). A file of one
/// gzip member (every `.gz` page and most archives) whose trailer states a size within the limit
/// is inflated at once by libdeflate into a buffer of that size (about twice as fast as
/// streaming); anything else, or any doubt, goes through flate2's streaming decoder.
fn gunzip(
    source: &str,
    raw: &[u8],
    limit: usize,
) -> Result<(Vec<u8>, Option<InputError>), InputError> {
    if let Some(out) = gunzip_one_member(raw, limit) {
        return Ok((out, None));
    }
    let mut out = Vec::new();
    let cut = flate2::read::MultiGzDecoder::new(raw)
        .take(limit as u64 + 1)
        .read_to_end(&mut out)
        .err()
        .map(|e| {
            InputError::new(
                source,
                format!("broken gzip data after {} bytes: {e}", out.len()),
            )
        });
    if out.len() > limit {
        return Err(InputError::new(
            source,
            format!(
                "gzip data inflates past {} MB ({}); not read",
                limit >> 20,
                limit_name(limit)
            ),
        ));
    }
    Ok((out, cut))
}

/// The content of `raw` if it is exactly one whole gzip member whose trailer states its size
/// (below 1 GiB); `None` otherwise (several members, damage, a size the trailer cannot say).
fn gunzip_one_member(raw: &[u8], limit: usize) -> Option<Vec<u8>> {
    // Deflate expands at most 1032-fold (a 258-byte match per bit at best): a trailer that says
    // more than that of these bytes lies, and gets no memory reserved for its claim.
    const MAX_RATIO: usize = 1032;
    let trailer: [u8; 4] = raw.get(raw.len().checked_sub(4)?..)?.try_into().ok()?;
    let size = u32::from_le_bytes(trailer) as usize;
    if size > limit || raw.len() < 18 || size > raw.len().saturating_mul(MAX_RATIO) {
        return None;
    }
    // not zeroed first: libdeflate writes every byte it reports
    let mut out: Vec<u8> = Vec::with_capacity(size);
    let (mut consumed, mut written) = (0usize, 0usize);
    // SAFETY: the decompressor is checked for null and freed once; the input pointer comes
    // from a live slice with its true length, the output pointer from a vector with room for
    // `size` bytes, and libdeflate writes at most `size` bytes and the two counts.
    let result = unsafe {
        let d = libdeflate_sys::libdeflate_alloc_decompressor();
        if d.is_null() {
            return None;
        }
        let r = libdeflate_sys::libdeflate_gzip_decompress_ex(
            d,
            raw.as_ptr().cast(),
            raw.len(),
            out.as_mut_ptr().cast(),
            size,
            &mut consumed,
            &mut written,
        );
        libdeflate_sys::libdeflate_free_decompressor(d);
        r
    };
    let whole = result == libdeflate_sys::libdeflate_result_LIBDEFLATE_SUCCESS
        && consumed == raw.len()
        && written == size;
    if !whole {
        return None;
    }
    // SAFETY: on success libdeflate wrote `written` (= `size`, the capacity) bytes
    unsafe { out.set_len(written) };
    Some(out)
}

pub(crate) fn sniff(bytes: &[u8]) -> Format {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    let trimmed = head.trim_start_matches('\u{feff}').trim_start();
    if warc::looks_like_warc(bytes) {
        return Format::Warc;
    }
    if trimmed.starts_with('<') && feed::looks_like_feed(&head) && !head.contains("<html") {
        return Format::Feed;
    }
    if trimmed.starts_with('{') {
        let first = trimmed.lines().next().unwrap_or("");
        // A first line longer than the head: a JSON object opening on a key.
        let cut = !trimmed.contains('\n') && bytes.len() > head.len();
        if first.trim_end().ends_with('}') || (cut && trimmed.starts_with("{\"")) {
            return Format::Jsonl;
        }
    }
    if trimmed.starts_with('<')
        && [
            "<html",
            "<body",
            "<p",
            "<div",
            "<!doctype",
            "<article",
            "<head",
        ]
        .iter()
        .any(|t| head.contains(t))
    {
        return Format::Html;
    }
    Format::Text
}

/// Reads one HTML page given as bytes, exactly as a `.html` file is read.
pub fn read_html(source: &str, bytes: &[u8]) -> Result<RawDocument, InputError> {
    read_document(source, bytes, true, Hints::default())
}

/// Decodes and, for HTML, extracts one document.
pub(crate) fn read_document(
    source: &str,
    bytes: &[u8],
    is_html: bool,
    hints: Hints,
) -> Result<RawDocument, InputError> {
    let decoded =
        encoding::decode(bytes, is_html).map_err(|e| InputError::new(source, e.to_string()))?;
    document_from_text(source, &decoded.text, is_html, hints)
}

fn document_from_text(
    source: &str,
    text: &str,
    is_html: bool,
    mut hints: Hints,
) -> Result<RawDocument, InputError> {
    let text = if is_html {
        let url = hints.url.clone().or_else(|| url_of(source));
        let e = html::extract(text, url.as_deref()).map_err(|m| InputError::new(source, m))?;
        // Container hints (JSONL fields) win over what the page declares.
        hints.fill_from(e.hints);
        e.text
    } else {
        text.to_string()
    };
    if text.trim().is_empty() {
        return Err(InputError::new(source, "no text"));
    }
    if hints.url.is_none() {
        hints.url = url_of(source);
    }
    Ok(RawDocument {
        source: source.to_string(),
        text,
        hints,
    })
}

fn url_of(source: &str) -> Option<String> {
    (source.starts_with("http://") || source.starts_with("https://")).then(|| source.to_string())
}

/// One JSONL record. Unknown fields are ignored.
#[derive(Deserialize)]
struct JsonlRecord {
    url: Option<String>,
    outlet: Option<String>,
    title: Option<String>,
    published: Option<serde_json::Value>,
    byline: Option<String>,
    author: Option<String>,
    text: Option<String>,
    html: Option<String>,
}

fn read_jsonl(source: &str, bytes: &[u8]) -> Vec<Result<RawDocument, InputError>> {
    let text = match encoding::decode(bytes, false) {
        Ok(d) => d.text,
        Err(e) => return vec![Err(InputError::new(source, e.to_string()))],
    };
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty())
        .collect();
    lines
        .par_iter()
        .map(|&(n, line)| jsonl_line(source, n, line))
        .collect()
}

/// The lines of a JSONL stream read from `r`, one at a time (blank ones skipped), each to be
/// read by [`stream::Piece::documents`]; a read error (a broken gzip stream) ends the file with
/// one error saying where.
pub(crate) fn jsonl_lines<R: BufRead>(
    source: Arc<str>,
    r: R,
) -> impl Iterator<Item = stream::Piece> {
    let name = source.to_string();
    let too_long = name.clone();
    until_error(
        BoundedLines {
            r,
            limit: MAX_ARTICLE_BYTES,
            done: false,
        },
        move |n, line| match line {
            Line::Text(bytes) => stream::Piece::Line {
                source: source.clone(),
                n,
                bytes,
            },
            Line::TooLong(len) => stream::Piece::Ready(Err(InputError {
                line: Some(n),
                ..too_large(&too_long, len)
            })),
        },
        move |n, e| {
            stream::Piece::Ready(Err(InputError {
                source: name.clone(),
                line: Some(n),
                message: format!("unreadable from here on: {e}"),
            }))
        },
    )
    .filter(|p| !matches!(p, stream::Piece::Line { bytes, .. } if is_blank(bytes)))
}

/// `items` (numbered from 1) turned by `item` or `error`, ending after the first error: a
/// stream is not read past a broken spot (a truncated archive, a cut gzip stream).
fn until_error<T, E, Out>(
    items: impl Iterator<Item = Result<T, E>>,
    mut item: impl FnMut(usize, T) -> Out,
    mut error: impl FnMut(usize, E) -> Out,
) -> impl Iterator<Item = Out> {
    let mut stopped = false;
    items.enumerate().map_while(move |(i, read)| {
        if stopped {
            return None;
        }
        let n = i + 1;
        Some(match read {
            Ok(x) => item(n, x),
            Err(e) => {
                stopped = true;
                error(n, e)
            }
        })
    })
}

/// A line of a streamed file: its bytes, or only its length when it is longer than the limit.
enum Line {
    Text(Vec<u8>),
    TooLong(usize),
}

/// The lines of `r` (without their `\n`), none kept longer than `limit` bytes: a longer line is
/// read through and reported by its length, so a file of one endless line never fills memory.
struct BoundedLines<R> {
    r: R,
    limit: usize,
    done: bool,
}

impl<R: BufRead> Iterator for BoundedLines<R> {
    type Item = std::io::Result<Line>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let (mut kept, mut len, mut read_any) = (Vec::new(), 0usize, false);
        loop {
            let available = match self.r.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            };
            if available.is_empty() {
                self.done = true;
                if !read_any {
                    return None;
                }
                break;
            }
            read_any = true;
            let end = memchr::memchr(b'\n', available);
            let part = &available[..end.unwrap_or(available.len())];
            len += part.len();
            if len <= self.limit {
                kept.extend_from_slice(part);
            } else if !kept.is_empty() {
                kept = Vec::new();
            }
            let used = end.map_or(part.len(), |i| i + 1);
            self.r.consume(used);
            if end.is_some() {
                break;
            }
        }
        Some(Ok(if len > self.limit {
            Line::TooLong(len)
        } else {
            Line::Text(kept)
        }))
    }
}

fn is_blank(bytes: &[u8]) -> bool {
    bytes.iter().all(u8::is_ascii_whitespace)
}

/// Line `n` of a JSONL file: one article.
pub(crate) fn jsonl_line(source: &str, n: usize, line: &str) -> Result<RawDocument, InputError> {
    let at_line = |m: String| InputError {
        source: source.to_string(),
        line: Some(n),
        message: m,
    };
    if line.len() > MAX_ARTICLE_BYTES {
        return Err(at_line(too_large(source, line.len()).message));
    }
    let rec: JsonlRecord =
        serde_json::from_str(line).map_err(|e| at_line(format!("invalid JSON: {e}")))?;
    let from = "jsonl field";
    let published = match rec.published {
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => {
            Some(Sourced::new(s, "jsonl field published"))
        }
        _ => None,
    };
    let hints = Hints {
        url: rec.url.clone(),
        outlet: rec
            .outlet
            .filter(|s| !s.trim().is_empty())
            .map(|s| Sourced::new(s, format!("{from} outlet"))),
        title: rec
            .title
            .filter(|s| !s.trim().is_empty())
            .map(|s| Sourced::new(s, format!("{from} title"))),
        byline: rec
            .byline
            .or(rec.author)
            .filter(|s| !s.trim().is_empty())
            .map(|s| Sourced::new(s, format!("{from} byline"))),
        published,
        updated: None,
    };
    let doc_source = format!("{source}:{n}");
    let (body, is_html) = match (rec.text, rec.html) {
        (Some(t), _) if !t.trim().is_empty() => (t, false),
        (_, Some(h)) if !h.trim().is_empty() => (h, true),
        _ => return Err(at_line("record has neither `text` nor `html`".into())),
    };
    document_from_text(&doc_source, &body, is_html, hints).map_err(|e| at_line(e.message))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
        let p = dir.join(name);
        std::fs::File::create(&p).unwrap().write_all(bytes).unwrap();
        p.to_string_lossy().into_owned()
    }

    const BODY: &str =
        "The talks lasted five hours and ended without a deal, officials said on Tuesday.\n\
        Both sides agreed to meet again next week in Geneva to continue the negotiations.";

    #[test]
    fn reads_a_directory_recursively_in_order_and_skips_unknown_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        write(dir.path(), "b.txt", BODY.as_bytes());
        write(&dir.path().join("sub"), "a.txt", BODY.as_bytes());
        write(dir.path(), "notes.md", b"# not an article");
        let batch = read_inputs(&[dir.path().to_string_lossy().into_owned()]);
        assert!(batch.errors.is_empty(), "{:?}", batch.errors);
        let names: Vec<_> = batch
            .documents
            .iter()
            .map(|d| Path::new(&d.source).file_name().unwrap().to_owned())
            .collect();
        assert_eq!(names, ["b.txt", "a.txt"]);
    }

    #[test]
    fn a_line_longer_than_the_limit_is_reported_by_its_length_not_kept() {
        let input = format!("short\n\n{}\nafter\n{}", "x".repeat(100), "y".repeat(11));
        let lines: Vec<String> = BoundedLines {
            r: std::io::BufReader::with_capacity(8, input.as_bytes()),
            limit: 10,
            done: false,
        }
        .map(|l| match l.unwrap() {
            Line::Text(b) => String::from_utf8(b).unwrap(),
            Line::TooLong(n) => format!("too long: {n}"),
        })
        .collect();
        assert_eq!(
            lines,
            ["short", "", "too long: 100", "after", "too long: 11"]
        );
    }

    #[test]
    fn an_oversized_jsonl_line_is_an_error_of_its_line_and_the_rest_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let good = serde_json::json!({"title": "Talks", "text": BODY});
        let huge = serde_json::json!({"title": "Huge", "text": "word ".repeat(MAX_ARTICLE_BYTES / 5 + 10)});
        let content = format!("{good}\n{huge}\n{good}\n");
        let f = write(dir.path(), "big.jsonl", content.as_bytes());
        let batch = read_inputs(std::slice::from_ref(&f));
        assert_eq!(batch.documents.len(), 2);
        assert_eq!(batch.documents[1].source, format!("{f}:3"));
        assert_eq!(batch.errors.len(), 1);
        assert_eq!(batch.errors[0].line, Some(2));
        assert!(
            batch.errors[0]
                .to_string()
                .contains("too large for one article"),
            "{}",
            batch.errors[0]
        );
    }

    #[test]
    fn jsonl_bad_line_is_reported_and_the_rest_read() {
        let dir = tempfile::tempdir().unwrap();
        let good = serde_json::json!({"url": "https://www.example.com/x", "outlet": "Example",
            "title": "Talks", "published": "2025-12-02", "text": BODY, "extra": 1});
        let content = format!(
            "{good}\n{{not json\n\n{}\n",
            serde_json::json!({"title": "no body"})
        );
        let f = write(dir.path(), "a.jsonl", content.as_bytes());
        let batch = read_inputs(std::slice::from_ref(&f));
        assert_eq!(batch.documents.len(), 1);
        let d = &batch.documents[0];
        assert_eq!(d.source, format!("{f}:1"));
        assert_eq!(d.hints.outlet.as_ref().unwrap().value, "Example");
        assert_eq!(d.hints.published.as_ref().unwrap().value, "2025-12-02");
        assert_eq!(batch.errors.len(), 2);
        assert_eq!(batch.errors[0].line, Some(2));
        assert!(batch.errors[0].to_string().contains("invalid JSON"));
        assert_eq!(batch.errors[1].line, Some(4));
    }

    #[test]
    fn gzip_and_sniffing() {
        let dir = tempfile::tempdir().unwrap();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(BODY.as_bytes()).unwrap();
        let f = write(dir.path(), "a.txt.gz", &gz.finish().unwrap());
        let g = write(
            dir.path(),
            "page.dat",
            format!("<html><body><p>{BODY}</p><p>{BODY}</p></body></html>").as_bytes(),
        );
        let batch = read_inputs(&[f, g]);
        assert!(batch.errors.is_empty(), "{:?}", batch.errors);
        assert_eq!(batch.documents.len(), 2);
        assert!(!batch.documents[1].text.contains("<p>"));
    }

    #[test]
    fn gzip_members_all_count_and_a_cut_keeps_what_came_before() {
        let member = |text: &str| {
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            gz.write_all(text.as_bytes()).unwrap();
            gz.finish().unwrap()
        };
        let one = member(BODY);
        assert_eq!(gunzip("a.gz", &one, 1 << 20).unwrap().0, BODY.as_bytes());
        // Two members, even identical ones whose trailers agree, are both read.
        let twice = [one.clone(), one.clone()].concat();
        let (out, cut) = gunzip("b.gz", &twice, 1 << 20).unwrap();
        assert_eq!(out, format!("{BODY}{BODY}").as_bytes());
        assert!(cut.is_none());
        let two = [member("first "), member("second")].concat();
        assert_eq!(gunzip("c.gz", &two, 1 << 20).unwrap().0, b"first second");
        // Cut inside the second member: the first stays, with an error naming the file.
        let (out, cut) = gunzip("d.gz", &twice[..one.len() + 20], 1 << 20).unwrap();
        assert!(out.starts_with(BODY.as_bytes()));
        assert!(cut.unwrap().to_string().contains("d.gz"));
        // A trailer that lies about the size is not trusted.
        let mut lying = one.clone();
        let n = lying.len();
        lying[n - 4..].copy_from_slice(&7u32.to_le_bytes());
        assert!(gunzip_one_member(&lying, 1 << 30).is_none());
        assert!(gunzip_one_member(b"", 1 << 30).is_none());
        // Nor one that claims more than deflate can expand its bytes to; the streaming
        // reader reads what is there and says the trailer is wrong.
        lying[n - 4..].copy_from_slice(&(900u32 << 20).to_le_bytes());
        assert!(gunzip_one_member(&lying, 1 << 30).is_none());
        let (out, cut) = gunzip("e.gz", &lying, 1 << 20).unwrap();
        assert_eq!(out, BODY.as_bytes());
        assert!(cut.unwrap().to_string().contains("e.gz"));
        // The bound holds for the most compressible input there is.
        let zeros = vec![0u8; 4 << 20];
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&zeros).unwrap();
        let packed = gz.finish().unwrap();
        assert_eq!(
            gunzip_one_member(&packed, 1 << 30).as_deref(),
            Some(&zeros[..])
        );
        // Past the limit, inflating stops with an error naming the file and the limit.
        let err = gunzip("z.html.gz", &packed, 1 << 20).unwrap_err();
        assert!(err
            .to_string()
            .contains("z.html.gz: gzip data inflates past 1 MB"));
    }

    #[test]
    fn a_gzip_bomb_stops_at_the_limit_in_files_uploads_and_streams() {
        // 1 GB of spaces in 1 MB: a page, a feed and an upload of it.
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        let spaces = vec![b' '; 1 << 20];
        for _ in 0..1024 {
            gz.write_all(&spaces).unwrap();
        }
        let bomb = gz.finish().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let started = std::time::Instant::now();
        for name in ["bomb.html.gz", "bomb.rss.gz", "bomb.gz"] {
            let path = write(dir.path(), name, &bomb);
            let got = read_file(&path);
            assert_eq!(got.len(), 1, "{name}");
            let err = got[0].as_ref().unwrap_err().to_string();
            assert!(err.contains(name) && err.contains("inflates past"), "{err}");
        }
        let got = read_bytes("upload.html", &bomb);
        assert!(got[0]
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("inflates past 16 MB"));
        assert!(started.elapsed() < std::time::Duration::from_secs(10));
    }

    #[test]
    fn bad_files_get_one_error_each() {
        let dir = tempfile::tempdir().unwrap();
        let empty = write(dir.path(), "empty.txt", b"");
        let bin = write(dir.path(), "img.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
        let missing = dir
            .path()
            .join("missing.txt")
            .to_string_lossy()
            .into_owned();
        let batch = read_inputs(&[empty, bin, missing]);
        assert!(batch.documents.is_empty());
        let msgs: Vec<String> = batch.errors.iter().map(|e| e.to_string()).collect();
        assert!(
            msgs.iter().any(|m| m.contains("empty.txt: empty file")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter().any(|m| m.contains("img.txt: binary file")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter().any(|m| m.contains("missing.txt: no such file")),
            "{msgs:?}"
        );
    }

    #[test]
    fn a_big_jsonl_gz_streams_and_reads_as_it_would_whole() {
        let dir = tempfile::tempdir().unwrap();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        let body = BODY.replace('\n', " ");
        for i in 0..20_000 {
            writeln!(gz, r#"{{"title":"Report {i}","text":"{body} Item {i}."}}"#).unwrap();
        }
        writeln!(gz).unwrap();
        writeln!(gz, "{{broken").unwrap();
        let bytes = gz.finish().unwrap();
        let f = write(dir.path(), "big.jsonl.gz", &bytes);
        // The first line comes out long before the file is read to its end.
        let mut stream = stream_file(&f);
        assert!(matches!(stream.next(), Some(Piece::Line { n: 1, .. })));
        assert!(
            stream.consumed() < bytes.len() as u64 / 2,
            "{}",
            stream.consumed()
        );
        // Streamed, it gives what reading the file whole gives (an upload is read whole).
        let streamed = read_file(&f);
        assert_eq!(streamed.len(), 20_001);
        assert_eq!(streamed, read_bytes(&f, &bytes));
        let last = streamed.last().unwrap().as_ref().unwrap_err();
        assert_eq!(last.line, Some(20_002));
        assert!(last.message.contains("invalid JSON"), "{last}");
    }

    #[test]
    fn an_empty_or_blank_streamed_file_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        for (name, bytes) in [
            ("empty.jsonl", &b""[..]),
            ("blank.jsonl", b"\n  \n"),
            ("empty.warc", b""),
        ] {
            let f = write(dir.path(), name, bytes);
            let out = read_file(&f);
            assert_eq!(out.len(), 1, "{name}: {out:?}");
            let e = out[0].as_ref().unwrap_err();
            assert_eq!(e.message, "empty file", "{name}");
            assert_eq!(e.source, f);
        }
    }
}
