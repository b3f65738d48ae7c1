//! Reading a file as a stream of pieces, so that an input of any size goes through bounded
//! memory: a CC-NEWS WARC file is a gigabyte of gzip holding tens of thousands of pages.
//!
//! [`stream_file`] reads WARC and JSONL files (gzipped or not) one record or line at a time;
//! every other input is one [`Piece::File`], read whole when its turn comes (an article page, a
//! feed). Reading is sequential, one file after another; turning pieces into documents
//! ([`Piece::documents`]: digest checks, decoding, HTML extraction) is the costly part, and the
//! caller does it for a chunk of pieces in parallel ([`documents`]).

use crate::{format_of, jsonl_line, read_whole, sniff, warc, Format, InputError, RawDocument};
use rayon::prelude::*;
use std::io::{BufRead, BufReader, Read};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Buffer of a streamed file (a WARC record is read through it line by line).
const BUFFER_BYTES: usize = 1 << 20;

/// One piece of an input, read but not yet turned into documents.
pub enum Piece {
    /// A whole file (or stdin), read when its documents are asked for.
    File { source: String, bytes: u64 },
    /// One line of a JSONL file.
    Line {
        source: Arc<str>,
        n: usize,
        bytes: Vec<u8>,
    },
    /// One record of a WARC archive.
    Record(warc::Record),
    /// A document or an error, known as soon as it was read.
    Ready(Result<RawDocument, InputError>),
}

impl Piece {
    /// About how many bytes of input it holds (what chunks of pieces are measured in).
    pub fn size(&self) -> u64 {
        match self {
            Piece::File { bytes, .. } => *bytes,
            Piece::Line { bytes, .. } => bytes.len() as u64,
            Piece::Record(r) => r.len() as u64,
            Piece::Ready(_) => 0,
        }
    }

    /// The documents it holds and the errors met, in order.
    /// Each document's text is bounded for analysis ([`crate::budget`]).
    pub fn documents(self) -> Vec<Result<RawDocument, InputError>> {
        crate::budget::bound_documents(self.read_documents())
    }

    fn read_documents(self) -> Vec<Result<RawDocument, InputError>> {
        match self {
            Piece::File { source, .. } => read_whole(&source),
            Piece::Line { source, n, bytes } => {
                if crate::is_blank(&bytes) {
                    return Vec::new();
                }
                let line = match crate::encoding::decode(&bytes, false) {
                    Ok(d) => d.text,
                    Err(e) => {
                        return vec![Err(InputError {
                            source: source.to_string(),
                            line: Some(n),
                            message: e.to_string(),
                        })]
                    }
                };
                vec![jsonl_line(&source, n, line.trim())]
            }
            Piece::Record(r) => r.document().into_iter().collect(),
            Piece::Ready(r) => vec![r],
        }
    }
}

/// The documents of `pieces`, turned in parallel, in order.
pub fn documents(pieces: Vec<Piece>) -> Vec<Result<RawDocument, InputError>> {
    pieces
        .into_par_iter()
        .flat_map_iter(Piece::documents)
        .collect()
}

/// The pieces of one input, read lazily, and how far into the file reading has got.
pub struct Stream {
    pieces: Box<dyn Iterator<Item = Piece> + Send>,
    consumed: Arc<AtomicU64>,
}

impl Stream {
    /// Bytes of the file read so far (compressed bytes for a gzipped file); a file that is not
    /// streamed counts as read once its one piece has been taken.
    pub fn consumed(&self) -> u64 {
        self.consumed.load(Ordering::Relaxed)
    }
}

impl Iterator for Stream {
    type Item = Piece;

    fn next(&mut self) -> Option<Piece> {
        self.pieces.next()
    }
}

/// Opens one input (a file, or `-` for stdin) as a stream of pieces: WARC and JSONL files
/// (by their name, `.gz` or not) record by record or line by line; anything else as one piece.
/// A file that cannot be opened gives one error.
pub fn stream_file(source: &str) -> Stream {
    let consumed = Arc::new(AtomicU64::new(0));
    let whole = |bytes: u64| {
        let file = Piece::File {
            source: source.to_string(),
            bytes,
        };
        one(file, Arc::new(AtomicU64::new(bytes)))
    };
    if source == "-" {
        return stream_stdin(consumed);
    }
    let gzipped = source.ends_with(".gz");
    let name = source.strip_suffix(".gz").unwrap_or(source);
    let format = format_of(name);
    if !matches!(format, Format::Warc | Format::Jsonl) {
        return whole(std::fs::metadata(source).map_or(0, |m| m.len()));
    }
    let file = match std::fs::File::open(source) {
        Ok(f) => f,
        Err(e) => {
            let err = InputError {
                source: source.to_string(),
                line: None,
                message: format!("cannot read: {e}"),
            };
            return one(Piece::Ready(Err(err)), consumed);
        }
    };
    let counted = Counted {
        inner: file,
        consumed: consumed.clone(),
    };
    let raw: Box<dyn Read + Send> = if gzipped {
        Box::new(flate2::read::MultiGzDecoder::new(BufReader::new(counted)))
    } else {
        Box::new(counted)
    };
    let reader = BufReader::with_capacity(BUFFER_BYTES, raw);
    Stream {
        pieces: streamed(format, source, reader),
        consumed,
    }
}

/// The pieces of a WARC archive or a JSONL file read from `reader`.
fn streamed(
    format: Format,
    source: &str,
    reader: BufReader<Box<dyn Read + Send>>,
) -> Box<dyn Iterator<Item = Piece> + Send> {
    let src: Arc<str> = source.into();
    let empty = Some(source.to_string());
    match format {
        Format::Warc => Box::new(NotEmpty {
            inner: warc::records(src, reader).map(|read| match read {
                Ok(record) => Piece::Record(record),
                Err(e) => Piece::Ready(Err(e)),
            }),
            empty,
        }),
        _ => Box::new(NotEmpty {
            inner: crate::jsonl_lines(src, reader),
            empty,
        }),
    }
}

/// Standard input as a stream: gunzipped when it starts with gzip's magic bytes, its format
/// sniffed from what the first read gives. A WARC archive or JSONL streams
/// (`zcat CC-NEWS-*.warc.gz | dossier ingest -`); a page or a feed is read whole.
fn stream_stdin(consumed: Arc<AtomicU64>) -> Stream {
    let err = |message: String| Piece::Ready(Err(InputError::new("-", message)));
    let raw: Box<dyn Read + Send> = Box::new(Counted {
        inner: std::io::stdin(),
        consumed: consumed.clone(),
    });
    let mut reader = BufReader::with_capacity(BUFFER_BYTES, raw);
    let gzipped = match reader.fill_buf() {
        Ok(head) => head.starts_with(&[0x1f, 0x8b]),
        Err(e) => return one(err(format!("cannot read standard input: {e}")), consumed),
    };
    let mut reader: BufReader<Box<dyn Read + Send>> = if gzipped {
        let inflated = flate2::read::MultiGzDecoder::new(reader);
        BufReader::with_capacity(BUFFER_BYTES, Box::new(inflated))
    } else {
        reader
    };
    let format = match reader.fill_buf() {
        Ok(head) => sniff(head),
        Err(e) => return one(err(format!("cannot read standard input: {e}")), consumed),
    };
    let pieces = match format {
        Format::Warc | Format::Jsonl => streamed(format, "-", reader),
        _ => {
            // A page or feed read whole stops at the limit (endless input, a gzip bomb).
            let all = match crate::read_bounded(reader, crate::MAX_INFLATED_BYTES) {
                Ok(all) => all,
                Err(e) => return one(err(format!("cannot read standard input: {e}")), consumed),
            };
            Box::new(crate::read_bytes("-", &all).into_iter().map(Piece::Ready))
        }
    };
    Stream { pieces, consumed }
}

/// A stream of one piece.
fn one(piece: Piece, consumed: Arc<AtomicU64>) -> Stream {
    Stream {
        pieces: Box::new(std::iter::once(piece)),
        consumed,
    }
}

/// A reader that counts the bytes read through it.
struct Counted<R> {
    inner: R,
    consumed: Arc<AtomicU64>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.consumed.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// A stream that says so when a file gave nothing at all (a 0-byte or blank file).
struct NotEmpty<I> {
    inner: I,
    /// The file's name until something was read from it.
    empty: Option<String>,
}

impl<I: Iterator<Item = Piece>> Iterator for NotEmpty<I> {
    type Item = Piece;

    fn next(&mut self) -> Option<Piece> {
        match self.inner.next() {
            Some(p) => {
                self.empty = None;
                Some(p)
            }
            None => self.empty.take().map(|source| {
                Piece::Ready(Err(InputError {
                    source,
                    line: None,
                    message: "empty file".into(),
                }))
            }),
        }
    }
}
