//! Turning bytes of unknown encoding into text, and telling text from binary.
//!
//! Order of evidence: a byte-order mark; UTF-16 without one (NUL in every other byte); valid
//! UTF-8; for HTML, a `<meta charset>` declaration; then `chardetng`'s statistical guess.
//! Decoding never fails: a stray byte becomes U+FFFD.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
use once_cell::sync::Lazy;
use regex::bytes::Regex;
use std::borrow::Cow;

/// Text decoded from bytes, with the encoding that was used: borrowed from the bytes when they
/// are UTF-8 already (most pages), so a page is not copied before it is parsed.
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub encoding: &'static str,
}

/// Why bytes are not text.
#[derive(Debug, PartialEq)]
pub enum NotText {
    Empty,
    Binary(&'static str),
}

impl std::fmt::Display for NotText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotText::Empty => write!(f, "empty file"),
            NotText::Binary(what) => write!(f, "binary file ({what}), not text"),
        }
    }
}

static META_CHARSET: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r#"(?i-u)<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)"#).unwrap()
});

/// Decodes `bytes` as text; `html` enables the `<meta charset>` look-up.
pub fn decode(bytes: &[u8], html: bool) -> Result<Decoded<'_>, NotText> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(NotText::Empty);
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return Ok(finish(enc, &bytes[bom_len..]));
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        return Ok(finish(enc, bytes));
    }
    if let Some(kind) = binary_magic(bytes) {
        return Err(NotText::Binary(kind));
    }
    let head = &bytes[..bytes.len().min(8192)];
    let nuls = head.iter().filter(|&&b| b == 0).count();
    if nuls * 100 > head.len() {
        return Err(NotText::Binary("contains NUL bytes"));
    }
    let decoded = if let Ok(text) = std::str::from_utf8(bytes) {
        Decoded {
            text: Cow::Borrowed(text),
            encoding: UTF_8.name(),
        }
    } else {
        let declared = if html {
            META_CHARSET
                .captures(&bytes[..bytes.len().min(4096)])
                .and_then(|c| Encoding::for_label(&c[1]))
        } else {
            None
        };
        let enc = declared.unwrap_or_else(|| {
            let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            det.feed(&bytes[..bytes.len().min(1 << 20)], true);
            det.guess(None, chardetng::Utf8Detection::Allow)
        });
        finish(enc, bytes)
    };
    if control_share(&decoded.text) > 0.05 {
        return Err(NotText::Binary("mostly control characters"));
    }
    Ok(decoded)
}

fn finish<'a>(enc: &'static Encoding, bytes: &'a [u8]) -> Decoded<'a> {
    let (text, _had_errors) = enc.decode_without_bom_handling(bytes);
    Decoded {
        text,
        encoding: enc.name(),
    }
}

/// UTF-16 text without a BOM shows NUL in nearly every other byte of ASCII-range text.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(1024) & !1];
    if head.len() < 8 {
        return None;
    }
    let pairs = head.len() / 2;
    let even_nul = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd_nul * 10 >= pairs * 8 && even_nul * 10 < pairs {
        Some(UTF_16LE)
    } else if even_nul * 10 >= pairs * 8 && odd_nul * 10 < pairs {
        Some(UTF_16BE)
    } else if one_script_high_bytes(head.iter().skip(1).step_by(2), even_nul, pairs) {
        Some(UTF_16LE)
    } else if one_script_high_bytes(head.iter().step_by(2), odd_nul, pairs) {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Whether `high` looks like the high bytes of UTF-16 text in one script beyond Latin
/// (Cyrillic, Greek, Hebrew, Arabic): NUL for its spaces, digits and punctuation (at least a
/// tenth), one other value for its letters, nothing else in 19 of 20, while the low bytes
/// (`low_nul` NULs of `pairs`) are almost never NUL. Text in a single-byte encoding has no NUL
/// at all.
fn one_script_high_bytes<'a>(
    high: impl Iterator<Item = &'a u8>,
    low_nul: usize,
    pairs: usize,
) -> bool {
    let mut counts = [0usize; 256];
    high.for_each(|&b| counts[b as usize] += 1);
    let nul = counts[0];
    let script = counts[1..].iter().max().copied().unwrap_or(0);
    nul * 10 >= pairs && low_nul * 50 < pairs && (nul + script) * 20 >= pairs * 19
}

fn binary_magic(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG", "PNG image"),
        (b"%PDF", "PDF document"),
        (b"PK\x03\x04", "ZIP archive"),
        (b"\x1f\x8b", "gzip data; name it .gz"),
        (b"\x7fELF", "executable"),
        (b"GIF8", "GIF image"),
        (b"\xff\xd8\xff", "JPEG image"),
    ];
    MAGIC
        .iter()
        .find(|(m, _)| bytes.starts_with(m))
        .map(|(_, k)| *k)
}

/// The share of control characters (other than line breaks, tabs and form feeds) among the
/// first 20,000 characters of `text`.
fn control_share(text: &str) -> f64 {
    // Read by bytes (a page is read here whole): a character starts at every byte that is not
    // a UTF-8 continuation byte; the control characters are the ASCII ones and U+0080-U+009F,
    // written C2 80 to C2 9F.
    let bytes = text.as_bytes();
    let mut total = 0usize;
    let mut control = 0usize;
    for (i, &b) in bytes.iter().enumerate() {
        if b & 0xC0 == 0x80 {
            continue;
        }
        if total == 20_000 {
            break;
        }
        total += 1;
        let ascii_control = (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C)) || b == 0x7F;
        let c1_control = b == 0xC2 && bytes.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n));
        if ascii_control || c1_control {
            control += 1;
        }
    }
    if total == 0 {
        0.0
    } else {
        control as f64 / total as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_share_counts_what_char_is_control_counts() {
        let by_chars = |text: &str| {
            let cs: Vec<char> = text.chars().take(20_000).collect();
            let control = cs
                .iter()
                .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
                .count();
            if cs.is_empty() {
                0.0
            } else {
                control as f64 / cs.len() as f64
            }
        };
        let long = "ab\u{1}\u{85}".repeat(6_000);
        for text in [
            "",
            "plain text\n\twith tabs\r\n",
            "\u{0}\u{1f}\u{7f}\u{80}\u{9f}\u{a0}\u{c}é中文𝄞",
            "Zelenskyy’s plan \u{9d}\u{81} «x»",
            long.as_str(),
        ] {
            assert_eq!(control_share(text), by_chars(text), "{text:?}");
        }
    }

    #[test]
    fn utf8_passes_through() {
        let d = decode("Zelenskyy’s plan".as_bytes(), false).unwrap();
        assert_eq!(d.text, "Zelenskyy’s plan");
        assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let s = "Kyiv and Moscow talks resumed on Tuesday.";
        let mut le = vec![0xff, 0xfe];
        for u in s.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&le, false).unwrap().text, s);
        let be: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(decode(&be, false).unwrap().text, s);
    }

    #[test]
    fn cyrillic_utf16_without_bom() {
        let s =
            "Переговоры в Москве продолжались пять часов, сообщил во вторник помощник президента.";
        let le: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let d = decode(&le, false).unwrap();
        assert_eq!(d.text, s);
        assert_eq!(d.encoding, "UTF-16LE");
        let be: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        let d = decode(&be, false).unwrap();
        assert_eq!(d.text, s);
        assert_eq!(d.encoding, "UTF-16BE");
    }

    #[test]
    fn windows_1251_is_detected() {
        let s = "Президент России Владимир Путин заявил во вторник, что переговоры были полезными и трудными.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(s);
        let d = decode(&bytes, false).unwrap();
        assert_eq!(d.text, s);
        assert_eq!(d.encoding, "windows-1251");
    }

    #[test]
    fn latin1_and_meta_charset() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode("Café crème à Genève, déjà vu.");
        assert_eq!(
            decode(&bytes, false).unwrap().text,
            "Café crème à Genève, déjà vu."
        );
        let mut html = b"<html><head><meta charset=\"iso-8859-1\"></head><body>".to_vec();
        html.extend_from_slice(&bytes);
        assert!(decode(&html, true).unwrap().text.contains("Genève"));
    }

    #[test]
    fn stray_byte_does_not_fail() {
        let mut b = "Putin met Witkoff in Moscow for five hours. "
            .repeat(20)
            .into_bytes();
        b.push(0xff);
        let d = decode(&b, false).unwrap();
        assert!(d.text.starts_with("Putin met"));
    }

    #[test]
    fn empty_and_binary_are_refused() {
        assert_eq!(decode(b"  \n ", false).err(), Some(NotText::Empty));
        assert!(matches!(
            decode(b"\x89PNG\r\n\x1a\n....", false),
            Err(NotText::Binary(_))
        ));
        let noise: Vec<u8> = (0..4000u32).map(|i| (i * 7 % 256) as u8).collect();
        assert!(decode(&noise, false).is_err());
    }
}
