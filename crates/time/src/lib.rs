//! Time in news text: the dates, times, durations and periods an article mentions, resolved to
//! calendar values.
//!
//! [`find_times`] finds absolute dates ("December 2, 2025", "Thursday 4 December 2025",
//! "2025-12-08"), partial ones ("August", "February 2022", "2014", "the 1960s"), relative ones
//! ("on Tuesday", "the previous Tuesday", "last week", "two days ago", "overnight into
//! Thursday", "yesterday"), durations ("five hours", "the past decade"), times of day and
//! quarters, and writes each as a TIMEX3 value ("2025-12-02", "2025-W49", "2025-08", "P5Y",
//! "PRESENT_REF").
//!
//! Relative expressions are resolved against the article's publication date with news
//! conventions: a bare weekday in past-tense reporting is the latest such day on or before the
//! publication date, in future-tense reporting the next one. An article without a date is
//! resolved against the last full date it mentioned before (a narrative anchor: then the
//! nearest such weekday); where nothing anchors an expression it is kept unresolved, its value
//! written with X's ("XXXX-WXX-2" for a Tuesday), never guessed. Pure; no I/O.

pub mod calendar;
pub mod clause;
mod patterns;

pub use clause::Tense;

use calendar::Direction;
use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// What a time expression denotes (the TIMEX3 types).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Date,
    Time,
    Duration,
    Set,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Date => "DATE",
            Kind::Time => "TIME",
            Kind::Duration => "DURATION",
            Kind::Set => "SET",
        }
    }
}

/// How precisely a resolved date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Quarter => "quarter",
            Precision::Year => "year",
            Precision::Decade => "decade",
        }
    }
}

/// One time expression found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeExpression {
    /// Byte span in the text.
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// The TIMEX3 value: "2025-12-02", "2025-W49", "2025-08", "P5Y", "PRESENT_REF", or with X's
    /// where unresolved ("XXXX-WXX-2").
    pub value: String,
    /// The first day of the period a resolved date denotes.
    pub date: Option<NaiveDate>,
    pub precision: Option<Precision>,
    /// Its value depends on an anchor date (a weekday, "last week", "yesterday").
    pub relative: bool,
    /// For a weekday that no anchor resolved: which weekday it names (a story can resolve it
    /// later from another article's date of the same event).
    pub weekday: Option<Weekday>,
    /// A hedged distance back ("nearly four years ago", "a decade ago"): `date` is the middle
    /// of the period meant, known only about as well as `precision` says.
    pub approximate: bool,
}

impl TimeExpression {
    /// Whether it names a point or period of the calendar (not a duration, set or vague
    /// reference) and was resolved to one.
    pub fn is_calendar_date(&self) -> bool {
        matches!(self.kind, Kind::Date | Kind::Time) && self.date.is_some()
    }
}

/// The date relative expressions are resolved against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    pub date: NaiveDate,
    /// A date the text mentioned, not the date it was written: weekdays resolve to the nearest.
    pub narrative: bool,
}

/// Every time expression in `text`, in order, resolved against `published` (the article's
/// date) or, where that is unknown, against the latest full date the text mentioned before.
pub fn find_times(text: &str, published: Option<NaiveDate>) -> Vec<TimeExpression> {
    let candidates = patterns::candidates(text);
    let mut out = Vec::with_capacity(candidates.len());
    let mut narrative: Option<NaiveDate> = None;
    let mut markers = clause::SentenceMarkers::default();
    for c in candidates {
        let anchor = match (published, narrative) {
            (Some(d), _) => Some(Anchor {
                date: d,
                narrative: false,
            }),
            (None, Some(d)) => Some(Anchor {
                date: d,
                narrative: true,
            }),
            (None, None) => None,
        };
        let tense = clause::tense_reusing(text, c.start, c.end, &mut markers);
        let quarterly = patterns::sentence_mentions(text, c.start, c.end, "quarter");
        if let Some(t) = resolve(&c, anchor, tense, quarterly) {
            if published.is_none() && !t.relative && t.precision == Some(Precision::Day) {
                narrative = t.date;
            }
            out.push(t);
        }
    }
    out
}

/// How a candidate phrase was read by the patterns, before resolution.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Phrase {
    /// A full date: year, month, day.
    FullDate(i32, u32, u32),
    /// Month and day, no year.
    MonthDay(u32, u32),
    MonthYear(i32, u32),
    /// A month alone, with its modifier ("last", "next", "this", or none).
    Month(u32, Option<Modifier>),
    Year(i32),
    Decade(i32),
    /// A weekday with its modifier and a part of day ("Tuesday night").
    Weekday(Weekday, Option<Modifier>, Option<&'static str>),
    /// today (0), yesterday (-1), tomorrow (1), with a part of day ("tonight": "NI").
    DayOffset(i64, Option<&'static str>),
    /// "last week", "this month", "next year", "earlier this year".
    Period(Modifier, Unit),
    /// "two days ago": amount and unit back from the anchor, and how the amount is hedged.
    Ago(f64, Unit, Hedge),
    /// A duration: amount (None when vague: "several weeks") and unit.
    Duration(Option<f64>, Unit),
    /// A quarter (1-4) of a year, or of the anchor's year.
    Quarter(u32, Option<i32>),
    /// A season ("SU") of a year, or relative to the anchor.
    Season(&'static str, Option<Modifier>, Option<i32>),
    /// A clock time: hour, minute.
    Clock(u32, u32),
    /// PRESENT_REF, PAST_REF, FUTURE_REF
    Reference(&'static str),
    /// A set: "every week", "daily".
    Set(Unit),
    /// An ISO date with a time.
    DateTime(i32, u32, u32, u32, u32),
}

/// How an amount of time back is hedged: "nearly four years ago" is less than four years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hedge {
    Exact,
    /// nearly, almost, less than, just under, close to
    Under,
    /// about, around, roughly, some, approximately
    About,
    /// more than, over, at least, just over
    Over,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Modifier {
    Last,
    This,
    Next,
    /// "the previous Tuesday": before the anchor
    Previous,
    /// "the following Tuesday": after the anchor
    Following,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Night,
    Weekend,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Unit {
    fn duration_value(self, n: Option<f64>) -> String {
        let amount = |k: f64| match n {
            Some(x) => {
                let v = x * k;
                if v.fract() == 0.0 {
                    format!("{}", v as i64)
                } else {
                    format!("{v}")
                }
            }
            None => "X".to_string(),
        };
        match self {
            Unit::Second => format!("PT{}S", amount(1.0)),
            Unit::Minute => format!("PT{}M", amount(1.0)),
            Unit::Hour => format!("PT{}H", amount(1.0)),
            Unit::Day | Unit::Night => format!("P{}D", amount(1.0)),
            Unit::Weekend => format!("P{}WE", amount(1.0)),
            Unit::Week => format!("P{}W", amount(1.0)),
            Unit::Month => format!("P{}M", amount(1.0)),
            Unit::Quarter => format!("P{}Q", amount(1.0)),
            Unit::Year => format!("P{}Y", amount(1.0)),
            Unit::Decade => format!("P{}Y", amount(10.0)),
            Unit::Century => format!("P{}Y", amount(100.0)),
        }
    }
}

pub(crate) struct Candidate {
    pub start: usize,
    pub end: usize,
    pub phrase: Phrase,
}

fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// How far from the publication date the tense of a clause still places a day of a month
/// without its year: further than this, the nearest such day is meant ("must leave by Jan. 14"
/// written on 15 January reports a deadline just past).
const MONTH_DAY_DAYS: i64 = 270;

fn resolve(
    c: &Candidate,
    anchor: Option<Anchor>,
    tense: Tense,
    quarterly: bool,
) -> Option<TimeExpression> {
    let future = tense == Tense::Future;
    let mut t = TimeExpression {
        start: c.start,
        end: c.end,
        kind: Kind::Date,
        value: String::new(),
        date: None,
        precision: None,
        relative: true,
        weekday: None,
        approximate: false,
    };
    let reference = anchor.map(|a| a.date);
    let default_direction = match anchor {
        Some(a) if a.narrative => Direction::Nearest,
        _ if future => Direction::OnOrAfter,
        _ => Direction::OnOrBefore,
    };
    let set_day = |t: &mut TimeExpression, d: NaiveDate| {
        t.value = calendar::ymd(d);
        t.date = Some(d);
        t.precision = Some(Precision::Day);
    };
    match &c.phrase {
        Phrase::FullDate(y, m, d) => {
            set_day(&mut t, day(*y, *m, *d)?);
            t.relative = false;
        }
        Phrase::DateTime(y, m, d, h, min) => {
            let date = day(*y, *m, *d)?;
            set_day(&mut t, date);
            t.kind = Kind::Time;
            t.value = format!("{}T{h:02}:{min:02}", calendar::ymd(date));
            t.relative = false;
        }
        Phrase::MonthDay(m, d) => match reference {
            Some(r) => {
                // A day of a month without a year: in future reporting the next one, else the
                // latest ("the Jan. 6 riot" written in July is that January's), unless that is
                // most of a year away. A past verb just before it never points ahead ("died
                // June 3" written on 31 May is the June 3 before). A narrative anchor takes
                // the nearest.
                let direction = match (anchor.is_some_and(|a| a.narrative), tense) {
                    (true, _) => Direction::Nearest,
                    (false, Tense::Happened) => Direction::OnOrBefore,
                    (false, tense) => {
                        let ahead = tense == Tense::Future;
                        let direction = if ahead {
                            Direction::OnOrAfter
                        } else {
                            Direction::OnOrBefore
                        };
                        let y = calendar::year_for(r, *m, Some(*d), direction);
                        let away = day(y, *m, *d).map_or(0, |p| (r - p).num_days().abs());
                        if away > MONTH_DAY_DAYS {
                            Direction::Nearest
                        } else {
                            direction
                        }
                    }
                };
                let y = calendar::year_for(r, *m, Some(*d), direction);
                set_day(&mut t, day(y, *m, *d)?);
            }
            None => {
                day(2000, *m, *d)?;
                t.value = format!("XXXX-{m:02}-{d:02}");
            }
        },
        Phrase::MonthYear(y, m) => {
            t.value = calendar::ym(*y, *m);
            t.date = day(*y, *m, 1);
            t.precision = Some(Precision::Month);
            t.relative = false;
        }
        Phrase::Month(m, modifier) => match reference {
            Some(r) => {
                let direction = match modifier {
                    Some(Modifier::Last | Modifier::Previous) => Direction::Before,
                    Some(Modifier::Next | Modifier::Following) => Direction::After,
                    Some(Modifier::This) => Direction::Nearest,
                    None => default_direction,
                };
                let mut y = calendar::year_for(r, *m, None, direction);
                // "last May" written in May or June is the year before's (the one just past
                // would be "this May" or "in May"); "last February" written in October is
                // this year's, and "last December" written in January the one just past
                let just_past = calendar::add_months(r.year(), r.month(), -1);
                if matches!(modifier, Some(Modifier::Last))
                    && (*m == r.month() || ((y, *m) == just_past && y == r.year()))
                {
                    y -= 1;
                }
                if direction == Direction::Before && *m == r.month() && y == r.year() {
                    y -= 1;
                }
                if direction == Direction::After && *m == r.month() && y == r.year() {
                    y += 1;
                }
                t.value = calendar::ym(y, *m);
                t.date = day(y, *m, 1);
                t.precision = Some(Precision::Month);
            }
            None => t.value = format!("XXXX-{m:02}"),
        },
        Phrase::Year(y) => {
            t.value = format!("{y:04}");
            t.date = day(*y, 1, 1);
            t.precision = Some(Precision::Year);
            t.relative = false;
        }
        Phrase::Decade(y) => {
            t.value = format!("{:03}X", y / 10);
            t.date = day(*y, 1, 1);
            t.precision = Some(Precision::Decade);
            t.relative = false;
        }
        Phrase::Weekday(w, modifier, part) => {
            let direction = match modifier {
                Some(Modifier::Last) => Direction::Before,
                Some(Modifier::Previous) => Direction::Before,
                Some(Modifier::Next) | Some(Modifier::Following) => Direction::After,
                Some(Modifier::This) => Direction::Nearest,
                None => default_direction,
            };
            match reference {
                Some(r) => {
                    // the part of day ("Tuesday night") stays in the span, not in the value
                    let _ = part;
                    set_day(&mut t, calendar::weekday_from(r, *w, direction));
                }
                None => {
                    t.value = format!("XXXX-WXX-{}", w.number_from_monday());
                    t.weekday = Some(*w);
                }
            }
        }
        Phrase::DayOffset(offset, part) => match reference {
            Some(r) => {
                set_day(&mut t, r + Duration::days(*offset));
                if let Some(p) = part {
                    t.kind = Kind::Time;
                    t.value = format!("{}T{p}", t.value);
                }
            }
            None => t.value = "XXXX-XX-XX".into(),
        },
        Phrase::Period(modifier, unit) => {
            let r = reference?;
            let delta: i32 = match modifier {
                Modifier::Last | Modifier::Previous => -1,
                Modifier::This => 0,
                Modifier::Next | Modifier::Following => 1,
            };
            match unit {
                Unit::Weekend if *modifier == Modifier::This => {
                    // "the weekend": the one just past, or the coming one in future reporting
                    let dir = if future {
                        Direction::OnOrAfter
                    } else {
                        Direction::OnOrBefore
                    };
                    let sat = calendar::weekday_from(r, Weekday::Sat, dir);
                    let sat = if !future && r.weekday() == Weekday::Sun {
                        r - Duration::days(1)
                    } else {
                        sat
                    };
                    t.value = format!("{}-WE", calendar::iso_week(sat));
                    t.date = Some(sat);
                    t.precision = Some(Precision::Week);
                }
                Unit::Week | Unit::Weekend => {
                    let d = r + Duration::days(7 * delta as i64);
                    t.value = calendar::iso_week(d);
                    if *unit == Unit::Weekend {
                        t.value.push_str("-WE");
                    }
                    let monday = d - Duration::days(d.weekday().num_days_from_monday() as i64);
                    t.date = Some(monday);
                    t.precision = Some(Precision::Week);
                }
                Unit::Month => {
                    let (y, m) = calendar::add_months(r.year(), r.month(), delta);
                    t.value = calendar::ym(y, m);
                    t.date = day(y, m, 1);
                    t.precision = Some(Precision::Month);
                }
                Unit::Quarter => {
                    let q = (r.month() - 1) / 3;
                    let idx = r.year() * 4 + q as i32 + delta;
                    let (y, q) = (idx.div_euclid(4), idx.rem_euclid(4) as u32 + 1);
                    t.value = format!("{y:04}-Q{q}");
                    t.date = day(y, (q - 1) * 3 + 1, 1);
                    t.precision = Some(Precision::Quarter);
                }
                Unit::Year => {
                    let y = r.year() + delta;
                    t.value = format!("{y:04}");
                    t.date = day(y, 1, 1);
                    t.precision = Some(Precision::Year);
                }
                Unit::Decade => {
                    let y = r.year() / 10 * 10 + 10 * delta;
                    t.value = format!("{:03}X", y / 10);
                    t.date = day(y, 1, 1);
                    t.precision = Some(Precision::Decade);
                }
                Unit::Century => {
                    t.value = format!("{:02}", r.year() / 100 + delta);
                }
                Unit::Day | Unit::Night => {
                    set_day(&mut t, r + Duration::days(delta as i64));
                }
                _ => return None,
            }
        }
        Phrase::Ago(n, unit, hedge) => {
            let r = reference?;
            // A hedged amount is a little under or over itself ("nearly four years ago" from
            // December 2025 is early 2022); such a date, and any "decade ago", is approximate.
            let shift = match hedge {
                Hedge::Under => -0.25,
                Hedge::Over => 0.25,
                Hedge::Exact | Hedge::About => 0.0,
            };
            let exact = *hedge == Hedge::Exact && n.fract() == 0.0;
            t.approximate = !exact || *unit == Unit::Decade;
            let amount = n + shift;
            let days_back = |per_unit: f64| r - Duration::days((amount * per_unit).round() as i64);
            let whole = *n as i64;
            match unit {
                // "a year ago" in quarterly reporting: the same quarter a year before
                Unit::Year if quarterly && exact => {
                    let (y, q) = calendar::reporting_quarter(r);
                    let y = y - whole as i32;
                    t.value = format!("{y:04}-Q{q}");
                    t.date = day(y, (q - 1) * 3 + 1, 1);
                    t.precision = Some(Precision::Quarter);
                }
                Unit::Day => set_day(&mut t, days_back(1.0)),
                Unit::Week => {
                    let d = days_back(7.0);
                    t.value = calendar::iso_week(d);
                    t.date = Some(d);
                    t.precision = Some(Precision::Week);
                }
                Unit::Month => {
                    let (y, m) = if exact {
                        calendar::add_months(r.year(), r.month(), -(whole as i32))
                    } else {
                        let d = days_back(30.44);
                        (d.year(), d.month())
                    };
                    t.value = calendar::ym(y, m);
                    t.date = day(y, m, 1);
                    t.precision = Some(Precision::Month);
                }
                Unit::Year | Unit::Decade => {
                    let years = if *unit == Unit::Decade { 10.0 } else { 1.0 };
                    let y = if exact {
                        r.year() - (years as i32) * whole as i32
                    } else {
                        days_back(365.25 * years).year()
                    };
                    t.value = format!("{y:04}");
                    t.date = day(y, 1, 1);
                    t.precision = Some(Precision::Year);
                }
                _ => return None,
            }
        }
        Phrase::Duration(n, unit) => {
            t.kind = Kind::Duration;
            t.value = unit.duration_value(*n);
            t.relative = false;
        }
        Phrase::Quarter(q, year) => {
            // "the third quarter" written in October is this year's; in February, last year's
            let y = year.or_else(|| {
                reference.map(|r| {
                    let (ry, rq) = calendar::reporting_quarter(r);
                    if *q > rq {
                        ry - 1
                    } else {
                        ry
                    }
                })
            });
            match y {
                Some(y) => {
                    t.value = format!("{y:04}-Q{q}");
                    t.date = day(y, (q - 1) * 3 + 1, 1);
                    t.precision = Some(Precision::Quarter);
                }
                None => t.value = format!("XXXX-Q{q}"),
            }
            t.relative = year.is_none();
        }
        Phrase::Season(s, modifier, year) => {
            let y = match (year, reference) {
                (Some(y), _) => Some(*y),
                (None, Some(r)) => Some(
                    r.year()
                        + match modifier {
                            Some(Modifier::Last) => -1,
                            Some(Modifier::Next) => 1,
                            _ => 0,
                        },
                ),
                (None, None) => None,
            };
            t.value = match y {
                Some(y) => format!("{y:04}-{s}"),
                None => format!("XXXX-{s}"),
            };
        }
        Phrase::Clock(h, m) => {
            t.kind = Kind::Time;
            t.value = match reference {
                Some(r) => {
                    t.date = Some(r);
                    t.precision = Some(Precision::Day);
                    format!("{}T{h:02}:{m:02}", calendar::ymd(r))
                }
                None => format!("XXXX-XX-XXT{h:02}:{m:02}"),
            };
        }
        Phrase::Reference(r) => {
            t.value = (*r).to_string();
        }
        Phrase::Set(unit) => {
            t.kind = Kind::Set;
            t.value = unit.duration_value(Some(1.0));
            t.relative = false;
        }
    }
    Some(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn values(text: &str, published: Option<&str>) -> Vec<(String, String)> {
        find_times(text, published.map(d))
            .into_iter()
            .map(|t| (text[t.start..t.end].to_string(), t.value))
            .collect()
    }

    #[test]
    fn weekdays_follow_tense() {
        let v = values(
            "Zelensky said on Monday that the plan must end the war.",
            Some("2025-12-02"),
        );
        assert_eq!(v, [("Monday".into(), "2025-12-01".into())]);
        let v = values("Putin met the envoys on Tuesday.", Some("2025-12-02"));
        assert_eq!(v, [("Tuesday".into(), "2025-12-02".into())]);
        let v = values("They will meet again on Saturday.", Some("2025-12-02"));
        assert_eq!(v, [("Saturday".into(), "2025-12-06".into())]);
    }

    #[test]
    fn past_reporting_never_points_ahead_and_forecasts_point_forward() {
        // 2024-05-30 is a Thursday: a day of a month just after it, told in the past, is the
        // one of the year before, however far back that is
        let v = values(
            "The sailor, who served on a frigate, died June 3, weeks into the outbreak.",
            Some("2024-05-30"),
        );
        assert_eq!(v, [("June 3".into(), "2023-06-03".into())]);
        // 2024-06-01 is a Saturday
        let v = values(
            "The storm is forecast to reach the coast early Sunday.",
            Some("2024-06-01"),
        );
        assert_eq!(v, [("Sunday".into(), "2024-06-02".into())]);
        let v = values(
            "Heavy rain is likely to flood the valley on Monday.",
            Some("2024-06-01"),
        );
        assert_eq!(v, [("Monday".into(), "2024-06-03".into())]);
    }

    #[test]
    fn narrative_anchor_without_a_publication_date() {
        let text = "Speaking on Thursday 4 December 2025, Putin described the meeting the previous Tuesday as useful. His August meeting in Alaska was cited.";
        let v = values(text, None);
        assert!(
            v.contains(&("Thursday 4 December 2025".into(), "2025-12-04".into())),
            "{v:?}"
        );
        assert!(
            v.contains(&("the previous Tuesday".into(), "2025-12-02".into())),
            "{v:?}"
        );
        assert!(v.contains(&("August".into(), "2025-08".into())), "{v:?}");
        let v = values("Putin hosted the envoys on Tuesday.", None);
        assert_eq!(v, [("Tuesday".into(), "XXXX-WXX-2".into())]);
    }

    fn one(text: &str, published: &str) -> TimeExpression {
        let found = find_times(text, Some(d(published)));
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found.into_iter().next().unwrap()
    }

    #[test]
    fn hedged_distances_back_are_approximate_years() {
        let t = one(
            "The invasion began nearly four years ago, officials recalled.",
            "2025-12-03",
        );
        assert_eq!((t.value.as_str(), t.approximate), ("2022", true));
        assert_eq!(t.precision, Some(Precision::Year));
        let t = one("The mill closed more than two years ago.", "2021-03-10");
        assert_eq!((t.value.as_str(), t.approximate), ("2018", true));
        let t = one("The bridge opened a decade ago.", "2021-06-01");
        assert_eq!((t.value.as_str(), t.approximate), ("2011", true));
        let t = one("The plant opened two years ago.", "2021-06-01");
        assert_eq!((t.value.as_str(), t.approximate), ("2019", false));
        let t = one("Prices rose about six months ago.", "2021-06-15");
        assert_eq!((t.value.as_str(), t.approximate), ("2020-12", true));
        let t = one("The council met earlier this year.", "2021-06-15");
        assert_eq!(
            (t.value.as_str(), t.precision),
            ("2021", Some(Precision::Year))
        );
    }

    #[test]
    fn future_weekdays_point_forward_by_their_own_clause() {
        // 2021-09-15 is a Wednesday
        let v = values(
            "The council will vote on Tuesday on the new budget.",
            Some("2021-09-15"),
        );
        assert_eq!(v[0].1, "2021-09-21");
        let v = values(
            "Lawmakers face a Tuesday deadline to pass the budget.",
            Some("2021-09-15"),
        );
        assert_eq!(v[0].1, "2021-09-21");
        let v = values(
            "The board is expected to announce its decision Friday.",
            Some("2021-09-15"),
        );
        assert_eq!(v[0].1, "2021-09-17");
        let v = values(
            "The mayor said on Monday that the council will vote on Friday.",
            Some("2021-09-15"),
        );
        assert_eq!(v[0].1, "2021-09-13");
        assert_eq!(v[1].1, "2021-09-17");
        // past reporting, though a quotation in the sentence speaks of the future
        let v = values(
            "\"We will keep fighting,\" the striker told reporters on Thursday.",
            Some("2021-09-15"),
        );
        assert_eq!(v[0].1, "2021-09-09");
    }

    #[test]
    fn months_and_days_without_a_year_fall_in_the_year_that_makes_sense() {
        let v = values(
            "A new chief was named to lead the force after the Jan. 6 riot.",
            Some("2021-07-22"),
        );
        assert_eq!(v[0].1, "2021-01-06");
        let v = values(
            "The court heard the case of a man arrested last May.",
            Some("2021-06-25"),
        );
        assert_eq!(v[0].1, "2020-05");
        let v = values(
            "Regulators sued the company last December.",
            Some("2021-06-28"),
        );
        assert_eq!(v[0].1, "2020-12");
        let v = values("The company reported a loss in June.", Some("2021-08-20"));
        assert_eq!(v[0].1, "2021-06");
        let v = values(
            "The summit will take place on March 3 in Geneva.",
            Some("2021-08-20"),
        );
        assert_eq!(v[0].1, "2022-03-03");
    }

    #[test]
    fn periods_durations_and_partial_dates() {
        let v = values(
            "Witkoff visited Moscow last week for five-hour talks; the war began in February 2022 and Crimea was annexed in 2014.",
            Some("2025-12-08"),
        );
        assert!(
            v.contains(&("last week".into(), "2025-W49".into())),
            "{v:?}"
        );
        assert!(v.contains(&("five-hour".into(), "PT5H".into())), "{v:?}");
        assert!(
            v.contains(&("February 2022".into(), "2022-02".into())),
            "{v:?}"
        );
        assert!(v.contains(&("2014".into(), "2014".into())), "{v:?}");
        let v = values(
            "Two days ago, yesterday and the past decade.",
            Some("1998-02-13"),
        );
        assert_eq!(
            v.iter().map(|x| x.1.as_str()).collect::<Vec<_>>(),
            ["1998-02-11", "1998-02-12", "P10Y"]
        );
    }
}
