//! Key dates: the few days of a long story that matter most, each told in a few sentences.
//!
//! A story's events (see [`crate::events`]) can number hundreds when it runs for months. A day
//! matters as much as the articles that date something on it (the "mention count" date ranking
//! of timeline summarisation: a day many reports point back to is a day something happened);
//! ties go to the earlier day. Each chosen day is told by a few sentences chosen among its
//! events' sentences and the undated lead sentences of the articles published on it or the day
//! after (news leads tell the latest happening without a date): the ones closest to the day's
//! centroid of content words, the more reported the better, none repeating another (the
//! per-date summaries of timeline summarisation's DATEWISE method, Gholipour Ghalandari and
//! Ifrim 2020).

use crate::reading::Sentence;
use crate::terms::{content_stems, dice, Stems};
use chrono::NaiveDate;
use dossier_model::{Article, Event, Evidence, KeyDate};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Dice overlap of content words at which a sentence repeats one already chosen for its day.
const REDUNDANT: f32 = 0.5;
/// How many of an article's first sentences may tell its publication day.
const LEAD_SENTENCES: usize = 5;
/// Days after a key date whose articles' leads may tell it.
const LEAD_DAYS: i64 = 1;

/// How many key dates a story's dossier shows, when its timeline has more days than that.
pub const STORY_KEY_DATES: usize = 5;
/// How many reports tell each key date on a dossier.
pub const STORY_KEY_DATE_REPORTS: usize = 2;

/// A story's key dates for its dossier: none when its day-precise events fall on at most
/// [`STORY_KEY_DATES`] days (the timeline is then short enough), else that many days with
/// [`STORY_KEY_DATE_REPORTS`] reports each. `read[i]` holds the sentences of `articles[i]`.
pub fn story_key_dates(
    events: &[Event],
    articles: &[&Article],
    read: &[Vec<Sentence>],
) -> Vec<KeyDate> {
    let days: HashSet<&str> = events
        .iter()
        .filter(|e| e.precision == "day")
        .filter_map(|e| e.date.as_deref())
        .collect();
    if days.len() <= STORY_KEY_DATES {
        return Vec::new();
    }
    key_dates(
        events,
        articles,
        read,
        STORY_KEY_DATES,
        STORY_KEY_DATE_REPORTS,
        None,
    )
}

/// The `dates` most reported days among `events` (day-precise ones only, within `span` when
/// given), each with up to `per_date` reports from its events and the leads of `articles` (the
/// story's members, `read[i]` the sentences of `articles[i]`); in date order.
pub fn key_dates(
    events: &[Event],
    articles: &[&Article],
    read: &[Vec<Sentence>],
    dates: usize,
    per_date: usize,
    span: Option<(NaiveDate, NaiveDate)>,
) -> Vec<KeyDate> {
    let mut days: BTreeMap<NaiveDate, Vec<&Event>> = BTreeMap::new();
    for e in events.iter().filter(|e| e.precision == "day") {
        let Some(day) = e
            .date
            .as_deref()
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
    let leads = lead_reports(articles, read);
    // The most reported day chooses first; a sentence told on one key date is not told again
    // on another (a lead may tell two days, a sentence may date two things), unless the day
    // has nothing else to tell.
    let mut told: HashSet<&str> = HashSet::new();
    let mut out: Vec<KeyDate> = Vec::new();
    for (date, count, mut evs) in ranked {
        let days = date..=date + chrono::Duration::days(LEAD_DAYS);
        evs.extend(
            leads
                .iter()
                .filter(|(day, _)| days.contains(day))
                .map(|(_, e)| e),
        );
        if evs.iter().any(|e| !told.contains(e.text.as_str())) {
            evs.retain(|e| !told.contains(e.text.as_str()));
        }
        let chosen = day_summary(&evs, per_date);
        told.extend(chosen.iter().map(|&k| evs[k].text.as_str()));
        out.push(KeyDate {
            date: date.to_string(),
            reports: count,
            events: chosen.into_iter().map(|k| evs[k].clone()).collect(),
        });
    }
    out.sort_by(|a, b| a.date.cmp(&b.date));
    out
}

/// The lead sentences of `articles` that give no time of their own (the first
/// [`LEAD_SENTENCES`] of each dated article), each as a one-article report on its article's
/// publication day.
fn lead_reports(articles: &[&Article], read: &[Vec<Sentence>]) -> Vec<(NaiveDate, Event)> {
    let mut out = Vec::new();
    for (a, sentences) in articles.iter().zip(read) {
        let Some(day) = a.published else { continue };
        for s in sentences.iter().take(LEAD_SENTENCES) {
            if s.times.is_empty() {
                let report = Event {
                    date: Some(day.to_string()),
                    precision: "day".into(),
                    approximate: false,
                    text: s.text.to_string(),
                    when: String::new(),
                    articles: vec![a.id.clone()],
                    evidence: vec![Evidence::of(
                        &a.id,
                        &a.text,
                        s.start,
                        s.start + s.text.len(),
                    )],
                };
                out.push((day, report));
            }
        }
    }
    out
}

/// Up to `n` sentences that tell a day (indices into `events`): its events ranked by how close their content words
/// are to the day's centroid (each word weighted by how many reports of the day use it), times
/// how many articles report them; a sentence sharing [`REDUNDANT`] of its words with one
/// already taken is skipped.
fn day_summary(events: &[&Event], n: usize) -> Vec<usize> {
    let stems: Vec<Stems> = events
        .iter()
        .map(|e| content_stems(&e.text, |_| false))
        .collect();
    let mut centroid: HashMap<&str, f32> = HashMap::new();
    for (e, ws) in events.iter().zip(&stems) {
        for w in ws {
            *centroid.entry(w.as_str()).or_default() += e.articles.len() as f32;
        }
    }
    let norm = centroid
        .values()
        .map(|v| v * v)
        .sum::<f32>()
        .sqrt()
        .max(1e-9);
    let mut ranked: Vec<(f32, usize)> = events
        .iter()
        .zip(&stems)
        .enumerate()
        .map(|(k, (e, ws))| {
            let dot: f32 = ws.iter().map(|w| centroid[w.as_str()]).sum();
            let cosine = dot / norm / (ws.len().max(1) as f32).sqrt();
            (cosine * (1.0 + (e.articles.len() as f32).ln()), k)
        })
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut chosen: Vec<usize> = Vec::new();
    for (_, k) in ranked {
        if chosen.len() == n {
            break;
        }
        if chosen
            .iter()
            .any(|&c| dice(&stems[c], &stems[k]) >= REDUNDANT)
        {
            continue;
        }
        chosen.push(k);
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(k: &KeyDate) -> Vec<&str> {
        k.events.iter().map(|e| e.text.as_str()).collect()
    }

    fn event(date: &str, precision: &str, text: &str, articles: &[&str]) -> Event {
        Event {
            date: Some(date.into()),
            precision: precision.into(),
            approximate: false,
            text: text.into(),
            when: String::new(),
            articles: articles.iter().map(|a| a.to_string()).collect(),
            evidence: Vec::new(),
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
        let key = key_dates(&events, &[], &[], 2, 1, None);
        assert_eq!(key.len(), 2);
        assert_eq!(key[0].date, "2010-04-20");
        assert_eq!(key[0].reports, 4);
        assert_eq!(texts(&key[0]), ["The rig exploded."]);
        assert_eq!(key[0].events[0].articles, ["a", "b", "c"]);
        assert_eq!(key[1].date, "2010-07-15");
        let within = key_dates(
            &events,
            &[],
            &[],
            5,
            2,
            NaiveDate::from_ymd_opt(2010, 5, 1).zip(NaiveDate::from_ymd_opt(2010, 6, 1)),
        );
        assert_eq!(within.len(), 1);
        assert_eq!(within[0].date, "2010-05-02");
    }

    #[test]
    fn a_day_is_told_by_its_most_central_sentence_leads_included() {
        let events = [
            event(
                "2011-02-11",
                "day",
                "On February 11 the weather in Cairo was mild.",
                &["a"],
            ),
            event(
                "2011-02-11",
                "day",
                "Mubarak resigned on February 11 and handed power to the army.",
                &["b"],
            ),
        ];
        let lead = |id: &str, day: u32, text: &str| Article {
            id: id.into(),
            text: text.into(),
            published: NaiveDate::from_ymd_opt(2011, 2, day),
            ..Default::default()
        };
        let articles = [
            lead(
                "c",
                12,
                "President Mubarak resigned and handed power to the army council.",
            ),
            lead(
                "d",
                11,
                "Crowds cheered as Mubarak resigned after weeks of protest.",
            ),
            lead(
                "e",
                20,
                "Mubarak resigned weeks ago; the army council still rules.",
            ),
        ];
        let members: Vec<&Article> = articles.iter().collect();
        let read: Vec<_> = articles.iter().map(crate::reading::read).collect();
        let key = key_dates(&events, &members, &read, 1, 2, None);
        assert_eq!(key.len(), 1);
        // The sentences sharing the day's words win; the next day's lead that says the same
        // in other words is a repeat, and the mild weather and the lead nine days after are
        // not chosen.
        assert_eq!(
            texts(&key[0]),
            [
                "Mubarak resigned on February 11 and handed power to the army.",
                "Crowds cheered as Mubarak resigned after weeks of protest.",
            ]
        );
        // the lead is cited by its own article
        assert_eq!(key[0].events[1].articles, ["d"]);
    }

    #[test]
    fn a_dossier_shows_key_dates_only_for_a_long_timeline_and_repeats_no_sentence() {
        let day =
            |d: u32, text: &str, a: &[&str]| event(&format!("2024-03-{d:02}"), "day", text, a);
        let short: Vec<Event> = (1..=STORY_KEY_DATES as u32)
            .map(|d| day(d, "The talks went on.", &["a"]))
            .collect();
        assert!(story_key_dates(&short, &[], &[]).is_empty());
        // One sentence dates two things (the 3rd and the 4th): the more reported 4th chooses
        // first and tells it; the 3rd is told by its other sentence.
        let both = "The ceasefire agreed on March 3 took effect on March 4.";
        let met = "Envoys met in Geneva on March 10 and again on March 11.";
        let events = vec![
            day(3, both, &["a", "b"]),
            day(3, "Negotiators signed the truce on March 3.", &["b"]),
            day(4, both, &["a", "b"]),
            day(4, "Shelling stopped along the front on March 4.", &["c"]),
            day(10, met, &["e"]),
            day(11, met, &["e"]),
            day(12, "A monitoring mission arrived on March 12.", &["f"]),
            day(13, "Prisoners were exchanged on March 13.", &["g"]),
        ];
        let key = story_key_dates(&events, &[], &[]);
        let dates: Vec<&str> = key.iter().map(|k| k.date.as_str()).collect();
        assert_eq!(
            dates,
            [
                "2024-03-03",
                "2024-03-04",
                "2024-03-10",
                "2024-03-11",
                "2024-03-12"
            ]
        );
        assert_eq!(key[1].reports, 3);
        assert!(texts(&key[1]).contains(&both));
        assert_eq!(texts(&key[0]), ["Negotiators signed the truce on March 3."]);
        // ... unless a day has nothing else to tell
        assert_eq!(texts(&key[2]), [met]);
        assert_eq!(texts(&key[3]), [met]);
    }
}
