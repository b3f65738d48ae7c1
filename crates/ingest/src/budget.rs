//! The text one document gives analysis, bounded so that no article costs more than seconds.
//!
//! Several analysis steps look at a paragraph once per sentence in it (quotes, the brief's
//! sentences) or at an article once per figure or date in it, which is fine for news (articles
//! of kilobytes, paragraphs of hundreds of bytes) and ruinous for a 15 MB file of one line. So
//! every document leaving ingest is bounded here, in linear time: a paragraph (line) longer than
//! [`MAX_PARAGRAPH_BYTES`] is broken into paragraphs at sentence ends (else at spaces), and a
//! text longer than [`MAX_ANALYSED_BYTES`] is cut at the last paragraph end before it, with a
//! notice naming the document. News text passes unchanged. (Analysis itself stays pure and
//! unbounded: these limits are the readers', like the size of a file read whole.)

use crate::{InputError, RawDocument};
use memchr::memchr;

/// The most text of one document analysed (256 KiB; a long read of 20,000 words is about
/// 120 KB). Beyond it, steps that compare every figure of a story with every other (facts)
/// would take minutes on a document that repeats itself.
pub const MAX_ANALYSED_BYTES: usize = 256 << 10;

/// The longest paragraph analysed as one; a longer line is broken at sentence ends.
pub const MAX_PARAGRAPH_BYTES: usize = 4_000;

/// `text` within the limits, and when it was cut, the notice saying how much was left out.
pub fn bound_text(text: String) -> (String, Option<String>) {
    let over_total = text.len() > MAX_ANALYSED_BYTES;
    if !over_total && !has_long_line(&text) {
        return (text, None);
    }
    let (kept, notice) = if over_total {
        let end = cut_point(&text, MAX_ANALYSED_BYTES);
        let notice = format!(
            "only the first {:.2} MB of {:.2} MB analysed (analysis reads {} KiB of a document)",
            end as f64 / 1e6,
            text.len() as f64 / 1e6,
            MAX_ANALYSED_BYTES >> 10
        );
        (&text[..end], Some(notice))
    } else {
        (text.as_str(), None)
    };
    (break_long_lines(kept), notice)
}

/// `results` with every document's text bounded; a document cut short is followed by a notice
/// naming it.
pub(crate) fn bound_documents(
    results: Vec<Result<RawDocument, InputError>>,
) -> Vec<Result<RawDocument, InputError>> {
    let mut out = Vec::with_capacity(results.len());
    for r in results {
        let Ok(mut doc) = r else {
            out.push(r);
            continue;
        };
        let (text, notice) = bound_text(std::mem::take(&mut doc.text));
        doc.text = text;
        let notice = notice.map(|message| InputError {
            source: doc.source.clone(),
            line: None,
            message,
        });
        out.push(Ok(doc));
        out.extend(notice.map(Err));
    }
    out
}

fn has_long_line(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut from = 0;
    loop {
        let end = memchr(b'\n', &bytes[from..]).map_or(bytes.len(), |k| from + k);
        if end - from > MAX_PARAGRAPH_BYTES {
            return true;
        }
        if end == bytes.len() {
            return false;
        }
        from = end + 1;
    }
}

/// Where to cut `text` to at most `limit` bytes: after the last line break in the second half
/// of the window, else after the last sentence end or space, else at a character boundary.
fn cut_point(text: &str, limit: usize) -> usize {
    if text.len() <= limit {
        return text.len();
    }
    let mut end = limit;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let window = &text.as_bytes()[..end];
    let floor = end / 2;
    if let Some(k) = memchr::memrchr(b'\n', window).filter(|&k| k >= floor) {
        return k + 1;
    }
    break_point(text, 0, end).unwrap_or(end)
}

/// The best place in `text[from..to]` (past its middle) to end a paragraph: after a sentence end
/// followed by a space, else after a space. `None` when there is neither.
fn break_point(text: &str, from: usize, to: usize) -> Option<usize> {
    let bytes = &text.as_bytes()[from..to];
    let floor = bytes.len() / 2;
    let sentence = (floor..bytes.len().saturating_sub(1))
        .rev()
        .find(|&k| matches!(bytes[k], b'.' | b'!' | b'?') && bytes[k + 1] == b' ');
    sentence
        .map(|k| k + 2)
        .or_else(|| {
            memchr::memrchr(b' ', &bytes[floor..])
                .map(|k| floor + k + 1)
                .filter(|&k| k < bytes.len())
        })
        .map(|k| from + k)
}

/// `text` with every line longer than [`MAX_PARAGRAPH_BYTES`] broken into lines of at most that.
fn break_long_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / MAX_PARAGRAPH_BYTES + 1);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut from = 0;
        while line.len() - from > MAX_PARAGRAPH_BYTES {
            let mut to = from + MAX_PARAGRAPH_BYTES;
            while !line.is_char_boundary(to) {
                to -= 1;
            }
            let at = break_point(line, from, to).unwrap_or(to);
            out.push_str(line[from..at].trim_end());
            out.push('\n');
            from = at;
        }
        out.push_str(&line[from..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SENTENCE: &str = "The council voted on Tuesday to widen the road, its chair said. ";

    #[test]
    fn news_text_passes_unchanged() {
        let text = format!("{}\n{}", SENTENCE.repeat(10), SENTENCE.repeat(20));
        assert_eq!(bound_text(text.clone()), (text, None));
    }

    #[test]
    fn a_long_line_is_broken_at_sentence_ends_and_loses_nothing() {
        let text = SENTENCE.repeat(1_000);
        let (bounded, notice) = bound_text(text.clone());
        assert!(notice.is_none());
        assert!(bounded.lines().count() > 1);
        for line in bounded.lines() {
            assert!(line.len() <= MAX_PARAGRAPH_BYTES, "{}", line.len());
            assert!(line.starts_with("The council"), "{line}");
        }
        let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(words(&bounded), words(&text));
    }

    #[test]
    fn a_line_without_spaces_is_broken_at_character_boundaries() {
        let text = "ж".repeat(10_000);
        let (bounded, _) = bound_text(text.clone());
        assert!(bounded.lines().all(|l| l.len() <= MAX_PARAGRAPH_BYTES));
        assert_eq!(bounded.replace('\n', ""), text);
    }

    #[test]
    fn a_text_over_the_limit_is_cut_at_a_paragraph_end_with_a_notice() {
        let para = format!("{}\n", SENTENCE.repeat(20));
        let text = para.repeat(MAX_ANALYSED_BYTES / para.len() + 50);
        let (bounded, notice) = bound_text(text);
        assert!(bounded.len() <= MAX_ANALYSED_BYTES);
        assert!(bounded.ends_with('\n'));
        assert!(notice.unwrap().contains("analysed"));
    }
}
