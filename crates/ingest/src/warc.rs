//! WARC archives (Common Crawl's CC-NEWS form): every `response` record that holds an HTML page
//! with a 2xx status, and every HTML `resource` record, becomes one document, read exactly as an
//! `.html` file is read.
//!
//! Record headers are parsed by the `warc` crate's parser and blocks read by their
//! Content-Length (a block longer than a page may be is skipped, not held); the HTTP message inside a response by `httparse`.
//! What the crate leaves to its user is done here: the record's block digest is checked
//! (SHA-1 in base32, base64 or hex, as crawlers write it), chunked transfer coding and gzip or
//! deflate content coding are undone, and a truncated archive yields the records before the
//! cut plus one error saying where it stopped. A record with a wrong digest is reported and
//! skipped; the rest of the archive is read.
//!
//! Records are read one at a time ([`records`]), so an archive of gigabytes (a CC-NEWS file)
//! streams through memory; checking and decoding a record ([`Record::document`]) is left to
//! the caller, which does it for many records in parallel.

use crate::{until_error, InputError, RawDocument};
use dossier_model::Hints;
use rayon::prelude::*;
use sha1::{Digest, Sha1};
use std::io::{BufRead, Read};
use std::sync::Arc;
use warc::{RawRecordHeader, WarcHeader};

/// What one archive gave: its pages and the problems met, in record order.
pub fn read_warc(source: &str, bytes: &[u8]) -> Vec<Result<RawDocument, InputError>> {
    let read: Vec<Result<Record, InputError>> = records(source.into(), bytes).collect();
    read.into_par_iter()
        .flat_map_iter(|r| match r {
            Ok(record) => record.document(),
            Err(e) => Some(Err(e)),
        })
        .collect()
}

/// One WARC record as read, not yet checked or decoded (see [`Record::document`]).
pub struct Record {
    source: Arc<str>,
    /// Its place in the archive, from 1.
    n: usize,
    header: RawRecordHeader,
    body: Vec<u8>,
}

/// Most bytes a record's block may hold to be read (a page of [`crate::MAX_ARTICLE_BYTES`] and
/// its HTTP headers, compressed or not): a longer record is skipped, not held.
pub const MAX_RECORD_BYTES: usize = 2 * crate::MAX_ARTICLE_BYTES;

/// The records of an archive read from `r`, one at a time: a truncated archive or a broken
/// gzip stream ends the archive with one error saying where; a record longer than
/// [`MAX_RECORD_BYTES`] is read through and reported, and a record whose header is malformed or
/// whose block does not end where its Content-Length says is reported and reading resumes at
/// the next record header (a line starting `WARC/1.`).
pub fn records<R: BufRead>(
    source: Arc<str>,
    r: R,
) -> impl Iterator<Item = Result<Record, InputError>> {
    let name = source.to_string();
    let skipped = name.clone();
    let resynced = name.clone();
    until_error(
        RawRecords {
            r,
            carry: std::io::Cursor::new(Vec::new()),
        },
        move |n, read| match read {
            Raw::Record(header, body) => Ok(Record {
                source: source.clone(),
                n,
                header,
                body,
            }),
            Raw::Bad(why) => Err(InputError::new(
                &resynced,
                format!("record {n}: {why}; skipped to the next record"),
            )),
            Raw::TooLong(len) => Err(InputError::new(
                &skipped,
                format!(
                    "record {n}: {:.1} MB, more than a page may be (limit {} MB); skipped",
                    len as f64 / 1e6,
                    MAX_RECORD_BYTES >> 20
                ),
            )),
        },
        move |n, e| {
            Err(InputError {
                source: name.clone(),
                line: None,
                message: format!(
                    "record {n}: unreadable WARC record ({e}); the archive is read up to here"
                ),
            })
        },
    )
}

/// A record as read: its header and block, only the block's length when it is too long, or
/// why it could not be read when reading resumed after it.
enum Raw {
    Record(RawRecordHeader, Vec<u8>),
    TooLong(usize),
    Bad(String),
}

/// The records of a WARC stream. The header is parsed by the `warc` crate's parser; the block
/// is read by its Content-Length here (the crate's own reader reads it line by line into
/// memory whatever its length).
struct RawRecords<R> {
    r: R,
    /// Bytes read past a bad record that belong to the next ones, read before `r`.
    carry: std::io::Cursor<Vec<u8>>,
}

/// How a record header starts.
const RECORD_START: &[u8] = b"WARC/1.";

impl<R: BufRead> RawRecords<R> {
    fn read(&mut self) -> Result<Option<Raw>, String> {
        let io = |e: std::io::Error| format!("read error: {e}");
        let truncated = || "the file ends inside a record: truncated".to_string();
        let mut src = Read::chain(&mut self.carry, &mut self.r);
        // The header: lines up to an empty one (a blank line before it is the end of the
        // previous record's padding, tolerated as the crate does).
        let mut header: Vec<u8> = Vec::with_capacity(4096);
        loop {
            let n = (&mut src)
                .take(MAX_HEADER_BYTES as u64)
                .read_until(b'\n', &mut header)
                .map_err(io)?;
            if n == 0 {
                return if header.is_empty() {
                    Ok(None)
                } else {
                    Err(truncated())
                };
            }
            if header == b"\r\n" || header == b"\n" {
                header.clear();
                continue;
            }
            if n == 2 && header.ends_with(b"\r\n") {
                break;
            }
            if header.len() > MAX_HEADER_BYTES {
                return Err(format!(
                    "a record header over {} MB",
                    MAX_HEADER_BYTES >> 20
                ));
            }
        }
        let Ok((_, (version, fields, len))) = warc::parser::headers(&header) else {
            let next = header_after(&header).map(|at| header.split_off(at));
            return self.resync(next, "malformed record header");
        };
        // The block and the two line ends after it.
        let want = len as u64 + 4;
        if len > MAX_RECORD_BYTES {
            let got =
                std::io::copy(&mut (&mut src).take(want), &mut std::io::sink()).map_err(io)?;
            return if got < want {
                Err(truncated())
            } else {
                Ok(Some(Raw::TooLong(len)))
            };
        }
        let mut block = Vec::with_capacity(len + 4);
        (&mut src).take(want).read_to_end(&mut block).map_err(io)?;
        let ends_well = block.ends_with(b"\r\n\r\n");
        // A Content-Length too long for the record: the next header is inside the block.
        if !ends_well || block.len() < len + 4 {
            let why = "its block does not end where its Content-Length says";
            match header_after(&block) {
                Some(at) => return self.resync(Some(block.split_off(at)), why),
                None if block.len() < len + 4 => return Err(truncated()),
                None => return self.resync(None, why),
            }
        }
        block.truncate(len);
        let header = RawRecordHeader {
            version: version.to_owned(),
            headers: fields
                .into_iter()
                .map(|(token, value)| (token.into(), value.to_owned()))
                .collect(),
        };
        Ok(Some(Raw::Record(header, block)))
    }
}

impl<R: BufRead> RawRecords<R> {
    /// After a bad record: reading goes on from `next` (bytes already read that start the next
    /// record), or else from the next line of the stream that starts a record header; the bad
    /// record is reported as `why`.
    fn resync(&mut self, next: Option<Vec<u8>>, why: &str) -> Result<Option<Raw>, String> {
        let mut carry = match next {
            Some(bytes) => bytes,
            None => {
                let mut src = Read::chain(&mut self.carry, &mut self.r);
                let mut line = Vec::new();
                loop {
                    line.clear();
                    let n = (&mut src)
                        .take(MAX_HEADER_BYTES as u64)
                        .read_until(b'\n', &mut line)
                        .map_err(|e| format!("read error: {e}"))?;
                    if n == 0 || line.starts_with(RECORD_START) {
                        break;
                    }
                }
                line
            }
        };
        // What was left of the earlier carry follows.
        let at = self.carry.position() as usize;
        carry.extend_from_slice(&self.carry.get_ref()[at.min(self.carry.get_ref().len())..]);
        self.carry = std::io::Cursor::new(carry);
        Ok(Some(Raw::Bad(why.to_string())))
    }
}

/// Where a line starting a record header begins in `bytes` (after a line end), if anywhere.
fn header_after(bytes: &[u8]) -> Option<usize> {
    memchr::memmem::find_iter(bytes, RECORD_START).find(|&k| k > 0 && bytes[k - 1] == b'\n')
}

/// Most bytes of one record's header.
const MAX_HEADER_BYTES: usize = 1 << 20;

impl<R: BufRead> Iterator for RawRecords<R> {
    type Item = Result<Raw, String>;

    fn next(&mut self) -> Option<Self::Item> {
        self.read().transpose()
    }
}

impl Record {
    /// Bytes held.
    pub fn len(&self) -> usize {
        self.body.len()
    }

    pub fn is_empty(&self) -> bool {
        self.body.is_empty()
    }

    /// The page this record holds: none for records that are not HTML responses or resources,
    /// an error for a corrupt one (its digest) or an unreadable page.
    pub fn document(self) -> Option<Result<RawDocument, InputError>> {
        let Record {
            source,
            n,
            header,
            body,
        } = self;
        let at = |m: String| InputError {
            source: source.to_string(),
            line: None,
            message: format!("record {n}: {m}"),
        };
        let get = |h: WarcHeader| {
            header
                .headers
                .get(&h)
                .map(|v| String::from_utf8_lossy(v).trim().to_string())
        };
        let kind = get(WarcHeader::WarcType).unwrap_or_default();
        if kind != "response" && kind != "resource" {
            return None;
        }
        if let Some(d) = get(WarcHeader::BlockDigest) {
            if let Err(m) = check_digest(&d, &body) {
                return Some(Err(at(m)));
            }
        }
        let uri = get(WarcHeader::TargetURI)
            .map(|u| u.trim_matches(|c| c == '<' || c == '>').to_string())
            .filter(|u| !u.is_empty());
        let page = if kind == "response" {
            match http_payload(&body) {
                Ok(Some(p)) => p,
                Ok(None) => return None,
                Err(m) => return Some(Err(at(m))),
            }
        } else {
            let ct = get(WarcHeader::ContentType).unwrap_or_default();
            if !is_html_type(&ct) {
                return None;
            }
            body
        };
        let doc_source = format!("{source}#record{n}");
        let hints = Hints {
            url: uri.clone(),
            ..Default::default()
        };
        let doc = crate::read_document(&doc_source, &page, true, hints).map(|mut d| {
            if d.hints.url.is_none() {
                d.hints.url = uri;
            }
            d
        });
        Some(doc.map_err(|e| at(e.message)))
    }
}

/// Checks a `WARC-Block-Digest` (`sha1:...`); other algorithms are not checked.
fn check_digest(declared: &str, body: &[u8]) -> Result<(), String> {
    let Some((algo, value)) = declared.split_once(':') else {
        return Err(format!("unreadable block digest {declared:?}"));
    };
    if !algo.eq_ignore_ascii_case("sha1") {
        return Ok(());
    }
    let want = decode_digest(value.trim())
        .ok_or_else(|| format!("unreadable block digest {declared:?}"))?;
    let got = Sha1::digest(body);
    if want[..] == got[..] {
        Ok(())
    } else {
        Err(format!(
            "block digest mismatch (declared {declared}): the record is corrupt and was skipped"
        ))
    }
}

fn decode_digest(v: &str) -> Option<Vec<u8>> {
    use data_encoding::{BASE32, BASE64, BASE64URL, HEXLOWER_PERMISSIVE};
    let candidates: [&data_encoding::Encoding; 4] =
        [&BASE32, &HEXLOWER_PERMISSIVE, &BASE64, &BASE64URL];
    candidates
        .iter()
        .filter_map(|enc| enc.decode(v.as_bytes()).ok())
        .find(|d| d.len() == 20)
}

fn is_html_type(content_type: &str) -> bool {
    let ct = content_type.to_ascii_lowercase();
    ct.starts_with("text/html") || ct.starts_with("application/xhtml")
}

/// The HTML payload of an HTTP response block: `None` when it is not a 2xx HTML response.
fn http_payload(block: &[u8]) -> Result<Option<Vec<u8>>, String> {
    let mut headers = [httparse::EMPTY_HEADER; 128];
    let mut resp = httparse::Response::new(&mut headers);
    let start = match resp.parse(block) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => return Err("truncated HTTP headers".into()),
        Err(e) => return Err(format!("malformed HTTP response: {e}")),
    };
    if !(200..300).contains(&resp.code.unwrap_or(0)) {
        return Ok(None);
    }
    let header = |name: &str| {
        resp.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).to_ascii_lowercase())
    };
    // A page served without a content type is sniffed by the HTML reader like any page.
    if header("content-type").is_some_and(|ct| !is_html_type(&ct)) {
        return Ok(None);
    }
    let mut payload = block[start..].to_vec();
    if header("transfer-encoding").is_some_and(|t| t.contains("chunked")) {
        if let Some(d) = dechunk(&payload) {
            payload = d;
        }
    }
    match header("content-encoding").as_deref().map(str::trim) {
        Some("gzip") | Some("x-gzip") => {
            payload = inflate(flate2::read::MultiGzDecoder::new(&payload[..]))
                .map_err(|e| format!("broken gzip content encoding: {e}"))?;
        }
        Some("deflate") => {
            payload = inflate(flate2::read::ZlibDecoder::new(&payload[..]))
                .or_else(|_| inflate(flate2::read::DeflateDecoder::new(&payload[..])))
                .map_err(|e| format!("broken deflate content encoding: {e}"))?;
        }
        _ => {}
    }
    Ok(Some(payload))
}

fn inflate(r: impl Read) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    r.take(crate::MAX_ARTICLE_BYTES as u64)
        .read_to_end(&mut out)?;
    Ok(out)
}

/// Undoes HTTP chunked transfer coding; `None` when the data is not well-formed chunks (crawlers
/// often store the body already de-chunked while keeping the header).
fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    loop {
        let line_end = data.windows(2).position(|w| w == b"\r\n")?;
        let size_field = std::str::from_utf8(&data[..line_end]).ok()?;
        let size_hex = size_field.split(';').next()?.trim();
        let size = usize::from_str_radix(size_hex, 16).ok()?;
        data = &data[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        if data.len() < size {
            return None;
        }
        out.extend_from_slice(&data[..size]);
        data = data[size..].strip_prefix(b"\r\n")?;
    }
}

/// The archive's name says WARC (`.warc`, `.warc.gz`), or its first bytes do.
pub fn looks_like_warc(bytes: &[u8]) -> bool {
    bytes.starts_with(b"WARC/")
}

/// ARC, the WARC's predecessor, is recognised only to say it is not read.
pub fn arc_error(source: &str) -> InputError {
    InputError {
        source: source.to_string(),
        line: None,
        message: "ARC archives are not read; convert to WARC (e.g. `warcio recompress`)".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_are_joined() {
        assert_eq!(
            dechunk(b"4\r\nWiki\r\n5;x=1\r\npedia\r\n0\r\n\r\n").unwrap(),
            b"Wikipedia"
        );
        assert!(dechunk(b"<html>not chunked").is_none());
    }

    #[test]
    fn digests_in_any_encoding() {
        let body = b"hello";
        let raw = Sha1::digest(body);
        for enc in [
            data_encoding::BASE32.encode(&raw),
            data_encoding::BASE64.encode(&raw),
            data_encoding::HEXLOWER.encode(&raw),
        ] {
            assert!(check_digest(&format!("sha1:{enc}"), body).is_ok(), "{enc}");
        }
        assert!(check_digest("sha1:Z6W6WEQQQICP5WA7OWB2SS75WLK4K7Y3", body).is_err());
        assert!(check_digest("md5:whatever", body).is_ok());
    }

    fn record(uri: &str, block: &str, declared: usize) -> String {
        format!(
            "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: {uri}\r\nContent-Type: text/html\r\nContent-Length: {declared}\r\n\r\n{block}\r\n\r\n"
        )
    }

    fn read(archive: &str) -> Vec<Result<RawDocument, InputError>> {
        read_warc("a.warc", archive.as_bytes())
    }

    const PAGE: &str = "<html><head><title>Floods close roads</title></head><body><article><p>Heavy rain flooded the coast on Monday and closed the main roads for hours, the regional authority said.</p><p>Schools stayed open while crews cleared the water from the streets of the old town.</p></article></body></html>";

    #[test]
    fn a_record_longer_than_a_page_is_skipped_and_the_archive_goes_on() {
        let big = "x".repeat(MAX_RECORD_BYTES + 1);
        let archive = [
            record("https://example.com/big", &big, big.len()),
            record("https://example.com/a", PAGE, PAGE.len()),
        ]
        .concat();
        let out = read(&archive);
        assert_eq!(out.len(), 2);
        let err = out[0].as_ref().unwrap_err().to_string();
        assert!(
            err.contains("record 1:") && err.contains("skipped"),
            "{err}"
        );
        let doc = out[1].as_ref().unwrap();
        assert_eq!(doc.hints.url.as_deref(), Some("https://example.com/a"));
    }

    #[test]
    fn a_record_declaring_gigabytes_in_a_cut_file_is_a_truncation_not_an_allocation() {
        let archive = [
            record("https://example.com/a", PAGE, PAGE.len()),
            record("https://example.com/b", PAGE, 5_000_000_000),
        ]
        .concat();
        let out = read(&archive);
        assert_eq!(out.len(), 2);
        assert!(out[0].is_ok());
        let err = out[1].as_ref().unwrap_err().to_string();
        assert!(
            err.contains(
                "record 2: unreadable WARC record (the file ends inside a record: truncated)"
            ),
            "{err}"
        );
    }

    #[test]
    fn a_wrong_content_length_is_reported_and_the_next_record_read() {
        for wrong in [PAGE.len() - 10, PAGE.len() + 300, 3] {
            let archive = [
                record("https://example.com/a", PAGE, PAGE.len()),
                record("https://example.com/b", PAGE, wrong),
                record("https://example.com/c", PAGE, PAGE.len()),
                record("https://example.com/d", PAGE, PAGE.len()),
            ]
            .concat();
            let out = read(&archive);
            let urls: Vec<_> = out
                .iter()
                .filter_map(|r| r.as_ref().ok())
                .map(|d| d.hints.url.clone().unwrap())
                .collect();
            // The record after a too-long length is lost with it; the rest are read.
            assert!(
                urls.contains(&"https://example.com/a".to_string()),
                "{wrong}"
            );
            assert!(
                urls.contains(&"https://example.com/d".to_string()),
                "{wrong}"
            );
            let errs: Vec<_> = out.iter().filter_map(|r| r.as_ref().err()).collect();
            assert_eq!(errs.len(), 1, "{wrong}: {errs:?}");
            assert!(errs[0].to_string().contains("record 2"), "{}", errs[0]);
            assert!(
                errs[0].to_string().contains("Content-Length"),
                "{}",
                errs[0]
            );
        }
        // A malformed header is skipped the same way.
        let archive = [
            record("https://example.com/a", PAGE, PAGE.len()),
            "WARC/1.0\r\nnot a header line\r\n\r\ngarbage\r\n".to_string(),
            record("https://example.com/c", PAGE, PAGE.len()),
        ]
        .concat();
        let out = read(&archive);
        assert_eq!(out.iter().filter(|r| r.is_ok()).count(), 2, "{out:?}");
    }
}
