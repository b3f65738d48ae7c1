//! Dates typed on the command line (`stories --since`): a calendar date (`2025-12-01`) or a
//! day counted back from today as people type it (`today`, `yesterday`, `7d`, `2w`,
//! `3 days`, `2 weeks ago`). Anything else is refused with the value named, so a typo never
//! silently filters everything out.

use chrono::{Days, NaiveDate};

/// What `--since` accepts, for error messages and help.
const FORMS: &str = "YYYY-MM-DD, today, yesterday, Nd or Nw (days or weeks ago)";

/// Parses `value` as a day, counting relative forms back from `today`.
pub fn parse_day(value: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let refuse = || format!("{value:?} is not a date (use {FORMS})");
    let typed = value.trim().to_ascii_lowercase();
    if typed.is_empty() {
        return Err(refuse());
    }
    if let Ok(date) = NaiveDate::parse_from_str(&typed, "%Y-%m-%d") {
        // `%Y` takes any number of digits: a year is four
        return match typed.split('-').next().map(str::len) {
            Some(4) => Ok(date),
            _ => Err(refuse()),
        };
    }
    let days_back = match typed.as_str() {
        "today" => 0,
        "yesterday" => 1,
        _ => days_ago(&typed).ok_or_else(refuse)?,
    };
    today
        .checked_sub_days(Days::new(days_back))
        .ok_or_else(refuse)
}

/// `7d`, `7 days`, `2w`, `2 weeks ago`, `1 day`: the days back they name.
fn days_ago(typed: &str) -> Option<u64> {
    let typed = typed.strip_suffix("ago").unwrap_or(typed).trim_end();
    let digits = typed.find(|c: char| !c.is_ascii_digit())?;
    let (count, unit) = typed.split_at(digits);
    let count: u64 = count.parse().ok()?;
    let per_unit = match unit.trim_start() {
        "d" | "day" | "days" => 1,
        "w" | "week" | "weeks" => 7,
        _ => return None,
    };
    count.checked_mul(per_unit)
}

/// The clap value parser of `--since`: relative forms are counted back from the local date.
pub fn since_arg(value: &str) -> Result<NaiveDate, String> {
    parse_day(value, chrono::Local::now().date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn calendar_dates_and_relative_days_are_read() {
        let today = day("2026-03-10");
        for (typed, expected) in [
            ("2025-12-01", "2025-12-01"),
            ("today", "2026-03-10"),
            ("Yesterday", "2026-03-09"),
            ("7d", "2026-03-03"),
            ("2w", "2026-02-24"),
            ("3 days", "2026-03-07"),
            ("1 week ago", "2026-03-03"),
            (" 10d ", "2026-02-28"),
            ("0d", "2026-03-10"),
        ] {
            assert_eq!(parse_day(typed, today), Ok(day(expected)), "{typed}");
        }
    }

    #[test]
    fn anything_else_is_an_error_naming_the_value() {
        let today = day("2026-03-10");
        for typed in [
            "",
            "10/15/2021",
            "2021-13-01",
            "2021-02-30",
            "21-02-03",
            "tomorrow",
            "last week",
            "7",
            "d",
            "7x",
            "-7d",
            "7 months",
            "99999999999999999999d",
            "9999999999999w",
        ] {
            let err = parse_day(typed, today).expect_err(typed);
            assert!(err.contains(&format!("{typed:?}")), "{err}");
            assert!(err.contains("YYYY-MM-DD"), "{err}");
        }
    }
}
