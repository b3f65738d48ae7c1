//! A story's timeline drawn as SVG: one horizontal axis, a dot for each date that has events
//! (its size by how many articles report them), time compressed so that a week of news and
//! the years of background both stay readable (long gaps are drawn as a break in the axis),
//! and each dot a link to that date's events in the list under the drawing.
//!
//! Only numbers and dates computed here go into the SVG's attributes; text is placed by the
//! template (`templates/timeline.svg.html`), which escapes it. The server's story page and the
//! `analyze` HTML draw it with [`svg`].

use askama::Template;
use chrono::{Datelike, NaiveDate};
use dossier_model::Event;

/// Width and height of the drawing, in SVG units.
pub const WIDTH: f64 = 720.0;
pub const HEIGHT: f64 = 130.0;
const LEFT: f64 = 70.0;
const RIGHT: f64 = 24.0;
const AXIS_Y: f64 = 56.0;
/// Gaps longer than this are drawn as a break in the axis.
const BREAK_DAYS: i64 = 120;

/// The events of one date (a day, month or year) as a group of the list and a dot.
#[derive(Debug, Clone)]
pub struct DateGroup<'a> {
    /// The date as the analysis gives it: `2025-12-02`, `2025-11`, `2014`.
    pub date: String,
    /// For people: "Tue 2 Dec 2025", "November 2025", "2014".
    pub label: String,
    /// For the axis: "2 Dec 2025", "Nov 2025", "2014".
    pub short: String,
    /// The anchor of the group in the page.
    pub anchor: String,
    pub events: Vec<&'a Event>,
    /// Distinct articles reporting the group's events.
    pub articles: usize,
    pub x: f64,
    pub r: f64,
    /// Whether the date label is drawn (crowded axes label only some dots).
    pub labelled: bool,
}

/// A break in the axis between two dots.
#[derive(Debug, Clone)]
pub struct Break {
    pub x: f64,
    /// "6 years", "5 months".
    pub label: String,
}

/// The drawing and the list it indexes.
#[derive(Debug, Clone, Default)]
pub struct Timeline<'a> {
    pub groups: Vec<DateGroup<'a>>,
    pub breaks: Vec<Break>,
    /// Segments of the axis between breaks, as (x1, x2).
    pub segments: Vec<(f64, f64)>,
    /// Events whose date could not be resolved.
    pub undated: Vec<&'a Event>,
    pub width: f64,
    pub height: f64,
    pub axis_y: f64,
}

/// The first day of a date of any precision the analysis writes (`2025-12-02`, `2025-W49`,
/// `2025-12`, `2025-Q4`, `2025`, `1960s`), or `None` for anything else.
pub fn start_day(date: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = date.split('-').collect();
    let num = |s: &str| s.parse::<u32>().ok();
    match parts.as_slice() {
        [decade] if decade.len() == 5 && decade.ends_with('s') => {
            NaiveDate::from_ymd_opt(num(&decade[..4])? as i32, 1, 1)
        }
        [y] => NaiveDate::from_ymd_opt(num(y)? as i32, 1, 1),
        [y, w] if w.starts_with('W') => {
            NaiveDate::from_isoywd_opt(num(y)? as i32, num(&w[1..])?, chrono::Weekday::Mon)
        }
        [y, q] if q.starts_with('Q') => {
            let q = num(&q[1..]).filter(|q| (1..=4).contains(q))?;
            NaiveDate::from_ymd_opt(num(y)? as i32, (q - 1) * 3 + 1, 1)
        }
        [y, m] => NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, 1),
        [y, m, d] => NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, num(d)?),
        _ => None,
    }
}

/// A date of any precision as people write it.
pub fn label(date: &str) -> String {
    let Some(day) = start_day(date) else {
        return date.to_string();
    };
    match date.split('-').count() {
        1 if date.ends_with('s') => format!("the {date}"),
        1 => format!("{}", day.year()),
        2 if date.contains('W') => format!("week of {}", day.format("%-d %b %Y")),
        2 if date.contains('Q') => format!("{} {}", &date[5..], day.year()),
        2 => day.format("%B %Y").to_string(),
        _ => day.format("%a %-d %b %Y").to_string(),
    }
}

/// A date of any precision, short, for the axis.
pub fn short_label(date: &str) -> String {
    let Some(day) = start_day(date) else {
        return date.to_string();
    };
    match date.split('-').count() {
        1 if date.ends_with('s') => date.to_string(),
        1 => format!("{}", day.year()),
        2 if date.contains('W') => day.format("%-d %b %Y").to_string(),
        2 if date.contains('Q') => format!("{} {}", &date[5..], day.year()),
        2 => day.format("%b %Y").to_string(),
        _ => day.format("%-d %b %Y").to_string(),
    }
}

fn gap_words(days: i64) -> String {
    let plural = |n: i64, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    if days >= 365 {
        plural((days as f64 / 365.25).round() as i64, "year")
    } else {
        plural((days as f64 / 30.44).round().max(1.0) as i64, "month")
    }
}

/// Lays out a story's events (in any order) on the axis.
pub fn layout(events: &[Event]) -> Timeline<'_> {
    let mut dated: Vec<(NaiveDate, &str, &Event)> = Vec::new();
    let mut undated = Vec::new();
    for e in events {
        match e.date.as_deref().and_then(|d| Some((d, start_day(d)?))) {
            Some((date, day)) => dated.push((day, date, e)),
            None => undated.push(e),
        }
    }
    // Coarser dates first on the same day: "2025" before "2025-01" before "2025-01-01"; an
    // approximate date after the exact one.
    dated.sort_by_key(|(day, date, e)| (*day, date.len(), date.to_string(), e.approximate));
    let mut groups: Vec<DateGroup> = Vec::new();
    let mut days: Vec<NaiveDate> = Vec::new();
    let mut approximate: Vec<bool> = Vec::new();
    for (day, date, e) in dated {
        match groups.last_mut() {
            Some(g) if g.date == date && approximate.last() == Some(&e.approximate) => {
                g.events.push(e)
            }
            _ => {
                let about = if e.approximate { "about " } else { "" };
                approximate.push(e.approximate);
                groups.push(DateGroup {
                    date: date.to_string(),
                    label: format!("{about}{}", label(date)),
                    short: format!("{about}{}", short_label(date)),
                    anchor: format!("t-{date}{}", if e.approximate { "-about" } else { "" }),
                    events: vec![e],
                    articles: 0,
                    x: 0.0,
                    r: 0.0,
                    labelled: true,
                });
                days.push(day);
            }
        }
    }
    // Steps between dots grow with the square root of the gap, a break stands for a long gap.
    let mut steps = Vec::new();
    let mut breaks_at = Vec::new();
    for (i, w) in days.windows(2).enumerate() {
        let gap = (w[1] - w[0]).num_days();
        if gap > BREAK_DAYS {
            steps.push(2.5);
            breaks_at.push((i, gap));
        } else {
            steps.push(1.0 + (gap as f64).sqrt().min(6.0) * 0.5);
        }
    }
    let total: f64 = steps.iter().sum();
    let span = WIDTH - LEFT - RIGHT;
    let unit = if total > 0.0 { span / total } else { 0.0 };
    let mut x = if groups.len() == 1 { WIDTH / 2.0 } else { LEFT };
    let mut xs = vec![x];
    for s in &steps {
        x += s * unit;
        xs.push(x);
    }
    let max_articles = groups
        .iter_mut()
        .map(|g| {
            let mut ids: Vec<&str> = g
                .events
                .iter()
                .flat_map(|e| e.articles.iter().map(String::as_str))
                .collect();
            ids.sort_unstable();
            ids.dedup();
            g.articles = ids.len();
            g.articles
        })
        .max()
        .unwrap_or(1)
        .max(1);
    // Label every dot when they are far enough apart, else every k-th and the last.
    let min_gap = xs
        .windows(2)
        .map(|w| w[1] - w[0])
        .fold(f64::INFINITY, f64::min);
    let every = if min_gap >= 34.0 {
        1
    } else {
        (34.0 / min_gap.max(1.0)).ceil() as usize
    };
    let n = groups.len();
    for (i, g) in groups.iter_mut().enumerate() {
        g.x = (xs[i] * 10.0).round() / 10.0;
        g.r = 4.0 + 5.0 * (g.articles as f64 / max_articles as f64).sqrt();
        g.labelled = i % every == 0 || i + 1 == n && (n - 1) % every >= every / 2;
    }
    let mut breaks = Vec::new();
    let mut segments = Vec::new();
    let mut seg_start = if n > 0 { xs[0] - 12.0 } else { LEFT };
    for &(i, gap) in &breaks_at {
        let mid = (xs[i] + xs[i + 1]) / 2.0;
        segments.push((seg_start, mid - 6.0));
        seg_start = mid + 6.0;
        breaks.push(Break {
            x: mid,
            label: gap_words(gap),
        });
    }
    segments.push((
        seg_start,
        xs.last().copied().unwrap_or(WIDTH - RIGHT) + 12.0,
    ));
    Timeline {
        groups,
        breaks,
        segments,
        undated,
        width: WIDTH,
        height: HEIGHT,
        axis_y: AXIS_Y,
    }
}

#[derive(Template)]
#[template(path = "timeline.svg.html")]
struct Drawing<'a> {
    t: &'a Timeline<'a>,
    prefix: &'a str,
}

/// The drawing as an inline `<svg>` element; each dot links to `#PREFIX` + its group's anchor
/// (the page puts that id on the date's entry in its list of events).
pub fn svg(t: &Timeline, prefix: &str) -> String {
    Drawing { t, prefix }
        .render()
        .expect("the timeline template renders")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(date: &str, articles: &[&str]) -> Event {
        Event {
            date: (!date.starts_with('X')).then(|| date.into()),
            precision: "day".into(),
            approximate: false,
            text: format!("event of {date}"),
            when: date.into(),
            articles: articles.iter().map(|s| s.to_string()).collect(),
            evidence: Vec::new(),
        }
    }

    #[test]
    fn dates_of_every_precision() {
        assert_eq!(start_day("2014"), NaiveDate::from_ymd_opt(2014, 1, 1));
        assert_eq!(start_day("2022-02"), NaiveDate::from_ymd_opt(2022, 2, 1));
        assert_eq!(
            start_day("2025-12-02"),
            NaiveDate::from_ymd_opt(2025, 12, 2)
        );
        assert_eq!(start_day("2025-W49"), NaiveDate::from_ymd_opt(2025, 12, 1));
        assert_eq!(start_day("XXXX-WXX-1"), None);
        assert_eq!(start_day("2025-Q4"), NaiveDate::from_ymd_opt(2025, 10, 1));
        assert_eq!(start_day("1960s"), NaiveDate::from_ymd_opt(1960, 1, 1));
        assert_eq!(label("1960s"), "the 1960s");
        assert_eq!(label("2025-Q4"), "Q4 2025");
        assert_eq!(label("2025-12-02"), "Tue 2 Dec 2025");
        assert_eq!(label("2022-02"), "February 2022");
    }

    #[test]
    fn groups_in_time_order_with_breaks_for_long_gaps() {
        let events = vec![
            ev("2025-12-02", &["a", "b", "c"]),
            ev("2014", &["a"]),
            ev("2025-12-04", &["a"]),
            ev("2025-12-02", &["d"]),
            ev("XXXX-WXX-1", &["a"]),
        ];
        let t = layout(&events);
        let dates: Vec<&str> = t.groups.iter().map(|g| g.date.as_str()).collect();
        assert_eq!(dates, ["2014", "2025-12-02", "2025-12-04"]);
        assert_eq!(t.groups[1].events.len(), 2);
        assert_eq!(t.groups[1].articles, 4);
        assert_eq!(t.undated.len(), 1);
        assert_eq!(t.breaks.len(), 1);
        assert_eq!(t.breaks[0].label, "12 years");
        assert!(t.groups.windows(2).all(|w| w[0].x < w[1].x));
        assert!(t.groups.iter().all(|g| g.x >= 0.0 && g.x <= WIDTH));
        assert!(t.groups[1].r > t.groups[2].r);
        assert_eq!(t.segments.len(), 2);
    }

    #[test]
    fn the_drawing_links_each_dot_to_its_date_and_escapes_nothing_it_was_not_given() {
        let events = vec![ev("2025-12-02", &["a", "b"]), ev("2025-12-04", &["a"])];
        let t = layout(&events);
        let drawn = svg(&t, "s1-");
        assert!(drawn.starts_with("<svg class=\"tl\""), "{drawn}");
        assert!(drawn.contains("href=\"#s1-t-2025-12-02\""), "{drawn}");
        assert_eq!(drawn.matches("<circle").count(), 2);
        assert!(drawn.contains("2 Dec 2025"));
        assert!(drawn.trim_end().ends_with("</svg>"));
    }

    #[test]
    fn no_events_no_dots() {
        let t = layout(&[]);
        assert!(t.groups.is_empty() && t.breaks.is_empty());
    }
}
