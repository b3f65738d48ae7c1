//! Calendar arithmetic for resolving news dates: months and weekdays by name, the weekday
//! occurrence nearest a reference day, ISO weeks, and TIMEX3 value strings.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// The month a name or abbreviation stands for ("Sept." -> 9), case-insensitive.
pub fn month(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    Some(match w.as_str() {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sept" | "sep" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

/// The weekday a name or abbreviation stands for ("Tues." -> Tuesday).
pub fn weekday(word: &str) -> Option<Weekday> {
    let w = word.trim_end_matches('.').to_lowercase();
    Some(match w.as_str() {
        "monday" | "mon" => Weekday::Mon,
        "tuesday" | "tue" | "tues" => Weekday::Tue,
        "wednesday" | "wed" => Weekday::Wed,
        "thursday" | "thu" | "thur" | "thurs" => Weekday::Thu,
        "friday" | "fri" => Weekday::Fri,
        "saturday" | "sat" => Weekday::Sat,
        "sunday" | "sun" => Weekday::Sun,
        _ => return None,
    })
}

/// Which occurrence of a weekday a phrase means relative to a reference day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// on or before the reference day ("said on Tuesday" in past-tense reporting)
    OnOrBefore,
    /// strictly before ("last Tuesday", "the previous Tuesday")
    Before,
    /// on or after ("will meet on Tuesday")
    OnOrAfter,
    /// strictly after ("next Tuesday", "the following Tuesday")
    After,
    /// whichever is closer, the past one on a tie (a narrative anchor, not the writing date)
    Nearest,
}

/// The day with weekday `w` in `direction` from `reference`.
pub fn weekday_from(reference: NaiveDate, w: Weekday, direction: Direction) -> NaiveDate {
    let today = reference.weekday().num_days_from_monday() as i64;
    let target = w.num_days_from_monday() as i64;
    let back = (today - target).rem_euclid(7);
    let forward = (target - today).rem_euclid(7);
    let offset = match direction {
        Direction::OnOrBefore => -back,
        Direction::Before => -(if back == 0 { 7 } else { back }),
        Direction::OnOrAfter => forward,
        Direction::After => {
            if forward == 0 {
                7
            } else {
                forward
            }
        }
        Direction::Nearest => {
            if forward < back {
                forward
            } else {
                -back
            }
        }
    };
    reference + Duration::days(offset)
}

/// The year a month (and day) without a year falls in, given a reference day: the occurrence
/// the direction asks for ("in August" written in December is this August; "will meet in
/// March" written in December is next March).
pub fn year_for(reference: NaiveDate, month: u32, day: Option<u32>, direction: Direction) -> i32 {
    let y = reference.year();
    let this = (month, day.unwrap_or(1));
    let now = (
        reference.month(),
        if day.is_some() { reference.day() } else { 1 },
    );
    match direction {
        Direction::OnOrBefore | Direction::Before => {
            if this > now {
                y - 1
            } else {
                y
            }
        }
        Direction::OnOrAfter | Direction::After => {
            if this < now {
                y + 1
            } else {
                y
            }
        }
        Direction::Nearest => {
            let d = |yy: i32| {
                NaiveDate::from_ymd_opt(yy, month, day.unwrap_or(1).min(28))
                    .map(|c| (c - reference).num_days().abs())
                    .unwrap_or(i64::MAX)
            };
            [y - 1, y, y + 1]
                .into_iter()
                .min_by_key(|yy| d(*yy))
                .unwrap_or(y)
        }
    }
}

pub fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub fn ym(y: i32, m: u32) -> String {
    format!("{y:04}-{m:02}")
}

/// The ISO week of a day as TIMEX3 writes it: "2025-W49".
pub fn iso_week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}

/// The month before or after `(y, m)` by `delta` months.
pub fn add_months(y: i32, m: u32, delta: i32) -> (i32, u32) {
    let idx = y * 12 + (m as i32 - 1) + delta;
    (idx.div_euclid(12), (idx.rem_euclid(12) + 1) as u32)
}

/// The quarter a report written on `d` is about: the latest one that has ended, or is ending
/// (a report of 25 October is about the third quarter).
pub fn reporting_quarter(d: NaiveDate) -> (i32, u32) {
    let (y, m) = add_months(d.year(), d.month(), -1);
    (y, (m - 1) / 3 + 1)
}
