//! Key dates: the few days of a long story that matter most, each told in a few sentences.
//!
//! A story's events (see [`crate::events`]) can number hundreds when it runs for months. A day
//! matters as much as the articles that date something on it (the "mention count" date ranking
//! of timeline summarisation: a day many reports point back to is a day something happened);
//! ties go to the earlier day. Each chosen day is told by its events' sentences, the most
//! reported first, no sentence twice.

use chrono::NaiveDate;
use dossier_model::Event;
use std::collections::{BTreeMap, HashSet};

/// One key date and the sentences that tell it.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyDate {
    pub date: NaiveDate,
    /// How many articles date something on this day.
    pub articles: usize,
    pub sentences: Vec<String>,
}

/// The `dates` most reported days among `events` (day-precise ones only, within `span` when
/// given), each with up to `per_date` sentences; in date order.
pub fn key_dates(
    events: &[Event],
    dates: usize,
    per_date: usize,
    span: Option<(NaiveDate, NaiveDate)>,
) -> Vec<KeyDate> {
    let mut days: BTreeMap<NaiveDate, Vec<&Event>> = BTreeMap::new();
    for e in events.iter().filter(|e| e.precision == "day") {
        let Some(day) = e
            .date
            .get(..10)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        else {
            continue;
        };
        if span.is_some_and(|(start, end)| day < start || day > end) {
            continue;
        }
        days.entry(day).or_default().push(e);
    }
    let mut ranked: Vec<(NaiveDate, usize, Vec<&Event>)> = days
        .into_iter()
        .map(|(day, evs)| {
            let articles: HashSet<&str> = evs
                .iter()
                .flat_map(|e| e.articles.iter().map(String::as_str))
                .collect();
            (day, articles.len(), evs)
        })
        .collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.truncate(dates);
    ranked.sort_by_key(|r| r.0);
    ranked
        .into_iter()
        .map(|(date, articles, mut evs)| {
            evs.sort_by_key(|e| std::cmp::Reverse(e.articles.len()));
            let mut sentences: Vec<String> = Vec::new();
            for e in evs {
                if sentences.len() == per_date {
                    break;
                }
                if !sentences.contains(&e.text) {
                    sentences.push(e.text.clone());
                }
            }
            KeyDate {
                date,
                articles,
                sentences,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(date: &str, precision: &str, text: &str, articles: &[&str]) -> Event {
        Event {
            date: date.into(),
            precision: precision.into(),
            text: text.into(),
            when: String::new(),
            articles: articles.iter().map(|a| a.to_string()).collect(),
        }
    }

    #[test]
    fn the_most_reported_days_win_and_come_in_date_order() {
        let events = [
            event("2010-04-20", "day", "The rig exploded.", &["a", "b", "c"]),
            event("2010-04-20", "day", "Eleven workers died.", &["d"]),
            event("2010-05-02", "day", "A relief well was started.", &["a"]),
            event("2010-07-15", "day", "The well was capped.", &["b", "c"]),
            event(
                "2010-07",
                "month",
                "In July the leak slowed.",
                &["a", "b", "c", "d"],
            ),
        ];
        let key = key_dates(&events, 2, 1, None);
        assert_eq!(key.len(), 2);
        assert_eq!(key[0].date.to_string(), "2010-04-20");
        assert_eq!(key[0].articles, 4);
        assert_eq!(key[0].sentences, ["The rig exploded."]);
        assert_eq!(key[1].date.to_string(), "2010-07-15");
        let within = key_dates(
            &events,
            5,
            2,
            NaiveDate::from_ymd_opt(2010, 5, 1).zip(NaiveDate::from_ymd_opt(2010, 6, 1)),
        );
        assert_eq!(within.len(), 1);
        assert_eq!(within[0].date.to_string(), "2010-05-02");
    }
}
