//! WARC archives (Common Crawl's CC-NEWS form): every `response` record that holds an HTML page
//! with a 2xx status, and every HTML `resource` record, becomes one document, read exactly as an
//! `.html` file is read.
//!
//! Records are parsed by the `warc` crate; the HTTP message inside a response by `httparse`.
//! What the crate leaves to its user is done here: the record's block digest is checked
//! (SHA-1 in base32, base64 or hex, as crawlers write it), chunked transfer coding and gzip or
//! deflate content coding are undone, and a truncated archive yields the records before the
//! cut plus one error saying where it stopped. A record with a wrong digest is reported and
//! skipped; the rest of the archive is read.
//!
//! Records are read one at a time ([`records`]), so an archive of gigabytes (a CC-NEWS file)
//! streams through memory; checking and decoding a record ([`Record::document`]) is left to
//! the caller, which does it for many records in parallel.

use crate::stream::Piece;
use crate::{InputError, RawDocument};
use dossier_model::Hints;
use sha1::{Digest, Sha1};
use std::io::{BufRead, Read};
use std::sync::Arc;
use warc::{RawRecordHeader, WarcHeader};

/// What one archive gave: its pages and the problems met, in record order.
pub fn read_warc(source: &str, bytes: &[u8]) -> Vec<Result<RawDocument, InputError>> {
    crate::stream::documents(records(source.into(), bytes).collect())
}

/// One WARC record as read, not yet checked or decoded (see [`Record::document`]).
pub struct Record {
    source: Arc<str>,
    /// Its place in the archive, from 1.
    n: usize,
    header: RawRecordHeader,
    body: Vec<u8>,
}

/// The records of an archive read from `r`, one at a time: a record that cannot be parsed
/// (a truncated archive, a broken gzip stream) ends the archive with one error saying where.
pub fn records<R: BufRead>(source: Arc<str>, r: R) -> impl Iterator<Item = Piece> {
    let name = source.to_string();
    crate::stream::until_error(
        warc::WarcReader::new(r).iter_raw_records(),
        move |n, (header, body)| {
            Piece::Record(Record {
                source: source.clone(),
                n,
                header,
                body,
            })
        },
        move |n, e| InputError {
            source: name.clone(),
            line: None,
            message: format!(
                "record {n}: unreadable WARC record ({}); the archive is read up to here",
                describe(&e)
            ),
        },
    )
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

fn describe(e: &warc::Error) -> String {
    match e {
        warc::Error::UnexpectedEOB => "the file ends inside a record: truncated".into(),
        warc::Error::ReadOverflow => "the record is longer than its Content-Length".into(),
        warc::Error::ParseHeaders(_) => "malformed record header".into(),
        warc::Error::ReadData(io) => format!("read error: {io}"),
        other => other.to_string(),
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
}
