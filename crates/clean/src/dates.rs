//! Calendar dates as news pages write them, and date lines in page furniture.
//!
//! Only absolute dates are parsed here. A relative stamp ("2 days ago", "3 sec ago") has no
//! anchor on a page and is never turned into a date.

use chrono::{DateTime, NaiveDate};
use once_cell::sync::Lazy;
use regex::Regex;

const MONTHS: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";

static ISO: Lazy<Regex> = Lazy::new(|| Regex::new(r"^(\d{4})-(\d{1,2})-(\d{1,2})").unwrap());
static DAY_MONTH_YEAR: Lazy<Regex> = Lazy::new(|| {
    Regex::new(&format!(
        r"(?i)^(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTHS}),?\s+(\d{{4}})(?-u:\b)"
    ))
    .unwrap()
});
static MONTH_DAY_YEAR: Lazy<Regex> = Lazy::new(|| {
    Regex::new(&format!(
        r"(?i)^({MONTHS})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?-u:\b)"
    ))
    .unwrap()
});
static NUMERIC: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^(\d{1,2})([./])(\d{1,2})[./](\d{4})(?-u:\b)").unwrap());
static WEEKDAY: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"(?i)^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+").unwrap());

/// Parses a date at the start of `s` and returns it with the number of bytes it used.
/// Accepts ISO (`2025-12-02`, `2025-12-02T10:00:00Z`), `2 December 2025`, `December 2, 2025`,
/// `Dec. 2, 2025`, an optional leading weekday, and `02.12.2025` (day first); a slash date
/// (`02/12/2025`) only when the day cannot be mistaken for a month.
pub fn parse_date_prefix(s: &str) -> Option<(NaiveDate, usize)> {
    let skip = WEEKDAY.find(s).map_or(0, |m| m.end());
    let t = &s[skip..];
    if let Some(c) = ISO.captures(t) {
        let d = ymd(&c[1], &c[2], &c[3])?;
        return Some((d, skip + c[0].len()));
    }
    if let Some(c) = DAY_MONTH_YEAR.captures(t) {
        let d = ymd(&c[3], &month_number(&c[2])?.to_string(), &c[1])?;
        return Some((d, skip + c[0].len()));
    }
    if let Some(c) = MONTH_DAY_YEAR.captures(t) {
        let d = ymd(&c[3], &month_number(&c[1])?.to_string(), &c[2])?;
        return Some((d, skip + c[0].len()));
    }
    if let Some(c) = NUMERIC.captures(t) {
        let (a, b): (u32, u32) = (c[1].parse().ok()?, c[3].parse().ok()?);
        let (day, month) = match &c[2] {
            "." => (a, b),
            _ if a > 12 => (a, b),
            _ if b > 12 => (b, a),
            _ => return None,
        };
        let d = NaiveDate::from_ymd_opt(c[4].parse().ok()?, month, day)?;
        return Some((d, skip + c[0].len()));
    }
    None
}

/// Parses a whole date string as found in metadata (meta tags, JSON-LD, JSONL, feeds).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d.date_naive());
    }
    parse_date_prefix(s).map(|(d, _)| d)
}

fn ymd(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    let y: i32 = y.parse().ok()?;
    if !(1800..=2200).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m.parse().ok()?, d.parse().ok()?)
}

fn month_number(name: &str) -> Option<u32> {
    let n = name.trim_end_matches('.').to_ascii_lowercase();
    let key = n.get(..3)?;
    [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .position(|m| *m == key)
    .map(|i| i as u32 + 1)
}

/// Whether a date line gives the publication or the update date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateKind {
    Published,
    Updated,
}

/// A date found in a furniture line, with what the rest of the line held.
#[derive(Debug, PartialEq)]
pub struct DateLine<'a> {
    pub date: NaiveDate,
    pub kind: DateKind,
    /// Text after the date (and a time of day), for the caller to classify.
    pub rest: &'a str,
}

static LABEL: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)^(?:(?P<upd>last\s+updated?|updated(?:\s+on)?|last\s+modified|modified(?:\s+on)?)|(?P<pub>(?:first\s+)?published(?:\s+on)?|posted(?:\s+on)?|date[d]?|created|released))\s*(?:[:\-|]\s*)?",
    )
    .unwrap()
});
static TIME_OF_DAY: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^[\s,|\-–—]*(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,5}(?-u:\b)|[+\-]\d{2}:?\d{2}|\(?(?:utc|gmt)[+\-]?\d*\)?)?").unwrap()
});

/// Reads a furniture date line: an optional label ("Updated", "Published:", "date") and an
/// absolute date at the start of the line. An unlabelled date counts as the publication date.
/// Returns `None` for lines that do not start that way, so body sentences never match.
pub fn date_line(line: &str) -> Option<DateLine<'_>> {
    let line = line.trim();
    let (kind, after_label) = match LABEL.captures(line) {
        Some(c) => {
            let kind = if c.name("upd").is_some() {
                DateKind::Updated
            } else {
                DateKind::Published
            };
            (kind, &line[c[0].len()..])
        }
        None => (DateKind::Published, line),
    };
    // "Updated 5:27 am CST, Wednesday, November 20, 2019": a time may come first.
    let (date, used, after_label) = match parse_date_prefix(after_label) {
        Some((d, used)) => (d, used, after_label),
        None => {
            let t = TIME_OF_DAY.find(after_label)?;
            let after_time = after_label[t.end()..].trim_start_matches([',', ' ', '|']);
            let (d, used) = parse_date_prefix(after_time)?;
            (d, used, after_time)
        }
    };
    let mut rest = &after_label[used..];
    if let Some(m) = TIME_OF_DAY.find(rest) {
        rest = &rest[m.end()..];
    }
    Some(DateLine {
        date,
        kind,
        rest: rest.trim_matches(|c: char| c.is_whitespace() || c == '|' || c == ','),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn parses_the_common_shapes() {
        assert_eq!(
            parse_date("2025-12-02T23:10:00-05:00"),
            Some(d(2025, 12, 2))
        );
        assert_eq!(
            parse_date("Tue, 02 Dec 2025 10:00:00 GMT"),
            Some(d(2025, 12, 2))
        );
        assert_eq!(parse_date("2 December 2025"), Some(d(2025, 12, 2)));
        assert_eq!(parse_date("Sept. 14, 2024"), Some(d(2024, 9, 14)));
        assert_eq!(parse_date("Thursday, March 7th 2024"), Some(d(2024, 3, 7)));
        assert_eq!(parse_date("07.03.2024"), Some(d(2024, 3, 7)));
        assert_eq!(parse_date("03/17/2024"), Some(d(2024, 3, 17)));
        assert_eq!(parse_date("03/04/2024"), None, "ambiguous day and month");
        assert_eq!(parse_date("2 days ago"), None);
        assert_eq!(parse_date("2025-13-40"), None);
    }

    #[test]
    fn reads_labelled_date_lines() {
        let l = date_line("Updated 14 March 2024").unwrap();
        assert_eq!(
            (l.date, l.kind, l.rest),
            (d(2024, 3, 14), DateKind::Updated, "")
        );
        let l = date_line("Published: March 3, 2024 at 10:15 a.m. ET").unwrap();
        assert_eq!(
            (l.date, l.kind, l.rest),
            (d(2024, 3, 3), DateKind::Published, "")
        );
        let l = date_line("date 2024-01-09 Print this story").unwrap();
        assert_eq!((l.kind, l.rest), (DateKind::Published, "Print this story"));
        let l = date_line("Updated 5:27 am CST, Wednesday, November 20, 2019").unwrap();
        assert_eq!((l.date, l.kind), (d(2019, 11, 20), DateKind::Updated));
        assert_eq!(date_line("07.03.2024").unwrap().date, d(2024, 3, 7));
        assert!(date_line("Last update: 2 days ago").is_none());
        assert!(date_line("The talks on March 3, 2024 ended.").is_none());
    }
}
