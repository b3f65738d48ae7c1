//! The phrases that name a time in English news, as regular expressions, each read into a
//! [`Phrase`]; and the tense of the sentence around a phrase (future reporting resolves "on
//! Tuesday" forward).
//!
//! A text is not scanned once per pattern. Every pattern begins at a word boundary with one of
//! a finite set of short literals (its "needles": "Mon", "las", "19", ...), which
//! `regex-syntax`'s literal extractor lists; one pass over the text's word starts looks up
//! which patterns' needles begin there, and only those patterns are tried there, anchored.
//! Trying a pattern at every place one of its matches could begin, left to right, and
//! resuming after each match, finds exactly the matches an unanchored leftmost-first search
//! finds (a test compares the two).

use crate::calendar::{month, weekday};
use crate::{Candidate, Hedge, Modifier, Phrase, Unit};
use once_cell::sync::Lazy;
use regex_automata::util::captures::Captures;
use regex_automata::{meta, Anchored, Input};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Hir, HirKind, Look};

const MONTH: &str = r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)(?-u:\b)|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|(?-u:\b)))";
const WEEKDAY: &str = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?-u:\b)|(?:Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri)\.)";
const DAY: &str = r"(?:[0-3]?[0-9])(?:st|nd|rd|th)?(?-u:\b)";
const YEAR: &str = r"(?:1[6-9][0-9][0-9]|20[0-9][0-9])(?-u:\b)";
const NUMBER: &str = r"(?:[0-9]+(?:\.[0-9]+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|a hundred|a|an|half an?|several|a few|few|many|some|a couple of|couple of)";

type Reader = fn(&Groups) -> Option<Phrase>;

struct Pattern {
    #[cfg(test)]
    source: &'static str,
    re: meta::Regex,
    read: Reader,
    /// The literals one of which every match begins with, at an ASCII word boundary (None:
    /// not known, so the pattern is run over the whole text).
    needles: Option<Vec<Vec<u8>>>,
}

fn pattern(src: &str, read: Reader) -> Pattern {
    let hir = regex_syntax::parse(src).expect("a valid time pattern");
    let re = meta::Regex::builder()
        .configure(meta::Regex::config().auto_prefilter(false))
        .build_from_hir(&hir)
        .expect("a valid time pattern");
    Pattern {
        #[cfg(test)]
        source: String::from(src).leak(),
        re,
        read,
        needles: starts_at_word_boundary(&hir)
            .then(|| needles(&hir))
            .flatten(),
    }
}

/// Whether every match of `hir` begins with `(?-u:\b)`.
fn starts_at_word_boundary(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Concat(parts) => {
            matches!(
                parts.first().map(Hir::kind),
                Some(HirKind::Look(Look::WordAscii))
            )
        }
        _ => false,
    }
}

/// Up to three bytes that every match of `hir` begins with, one of them: the prefixes
/// `regex-syntax` extracts (all of them, exact or cut short), or None where it cannot list
/// them all or a match could be empty. A class of up to 26 characters is spelled out, so
/// `\s` (25) goes into a needle: "a" then a space is the needle `a ` of "a week", not `a`,
/// which begins half the words of a text (a tenth off the time patterns' cost).
fn needles(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    let mut extractor = Extractor::new();
    extractor
        .kind(ExtractKind::Prefix)
        .limit_class(26)
        .limit_repeat(10)
        .limit_literal_len(3)
        .limit_total(10_000);
    let mut seq = extractor.extract(hir);
    seq.keep_first_bytes(3);
    seq.dedup();
    let literals = seq.literals()?;
    if literals.iter().any(|l| l.as_bytes().is_empty()) {
        return None;
    }
    Some(literals.iter().map(|l| l.as_bytes().to_vec()).collect())
}

/// One match of a pattern, its groups read like `regex::Captures`: `c[i]` is group `i`'s
/// text (panicking where the group took no part, as there), `c.get(i)` the group if it did.
pub(crate) struct Groups<'t> {
    text: &'t str,
    caps: &'t Captures,
}

/// One group of a [`Groups`].
#[derive(Clone, Copy)]
pub(crate) struct Group<'t> {
    text: &'t str,
    start: usize,
}

impl<'t> Group<'t> {
    fn as_str(&self) -> &'t str {
        self.text
    }
    fn start(&self) -> usize {
        self.start
    }
    fn end(&self) -> usize {
        self.start + self.text.len()
    }
}

impl<'t> Groups<'t> {
    fn get(&self, i: usize) -> Option<Group<'t>> {
        let span = self.caps.get_group(i)?;
        Some(Group {
            text: &self.text[span.range()],
            start: span.start,
        })
    }
}

impl std::ops::Index<usize> for Groups<'_> {
    type Output = str;
    fn index(&self, i: usize) -> &str {
        self.get(i)
            .unwrap_or_else(|| panic!("group {i} took no part in the match"))
            .as_str()
    }
}

fn num(s: &str) -> Option<f64> {
    let s = s.trim().to_lowercase();
    let s = s.trim_end_matches(" of");
    if let Ok(v) = s.parse() {
        return Some(v);
    }
    Some(match s {
        "a" | "an" | "one" => 1.0,
        "half a" | "half an" => 0.5,
        "two" | "couple" | "a couple" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        "hundred" | "a hundred" => 100.0,
        _ => return None,
    })
}

fn unit(s: &str) -> Option<Unit> {
    let s = s.to_lowercase();
    let s = s.trim_end_matches('s');
    Some(match s {
        "second" => Unit::Second,
        "minute" => Unit::Minute,
        "hour" => Unit::Hour,
        "day" => Unit::Day,
        "night" => Unit::Night,
        "weekend" => Unit::Weekend,
        "week" => Unit::Week,
        "month" => Unit::Month,
        "quarter" => Unit::Quarter,
        "year" => Unit::Year,
        "decade" => Unit::Decade,
        "century" | "centurie" => Unit::Century,
        _ => return None,
    })
}

fn modifier(s: &str) -> Option<Modifier> {
    let s = s.to_lowercase();
    Some(match s.trim() {
        "last" | "past" => Modifier::Last,
        "this" | "current" => Modifier::This,
        "next" | "coming" => Modifier::Next,
        "the previous" | "previous" | "the preceding" | "preceding" => Modifier::Previous,
        "the following" | "following" => Modifier::Following,
        _ => return None,
    })
}

fn day_of(s: &str) -> Option<u32> {
    let d: u32 = s
        .trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .parse()
        .ok()?;
    (1..=31).contains(&d).then_some(d)
}

fn part_of_day(s: Option<Group>) -> Option<&'static str> {
    Some(match s?.as_str().to_lowercase().as_str() {
        "morning" => "MO",
        "afternoon" => "AF",
        "evening" => "EV",
        "night" => "NI",
        _ => return None,
    })
}

static PATTERNS: Lazy<Vec<Pattern>> = Lazy::new(|| {
    vec![
        // 2025-12-08, 1998-11-20 19:30
        pattern(
            r"(?-u:\b)([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[T ]([0-9]{2}):([0-9]{2}))?(?-u:\b)",
            |c| {
                let y = c[1].parse().ok()?;
                let m = c[2].parse().ok()?;
                let d = c[3].parse().ok()?;
                match (c.get(4), c.get(5)) {
                    (Some(h), Some(mi)) => Some(Phrase::DateTime(
                        y,
                        m,
                        d,
                        h.as_str().parse().ok()?,
                        mi.as_str().parse().ok()?,
                    )),
                    _ => Some(Phrase::FullDate(y, m, d)),
                }
            },
        ),
        // 12/02/2025 (month first unless the first number cannot be a month)
        pattern(
            r"(?-u:\b)([0-9]{1,2})/([0-9]{1,2})/([0-9]{4}|[0-9]{2})(?-u:\b)",
            |c| {
                let a: u32 = c[1].parse().ok()?;
                let b: u32 = c[2].parse().ok()?;
                let mut y: i32 = c[3].parse().ok()?;
                if y < 100 {
                    y += if y < 50 { 2000 } else { 1900 };
                }
                let (m, d) = if a > 12 { (b, a) } else { (a, b) };
                Some(Phrase::FullDate(y, m, d))
            },
        ),
        // (Thursday,) December 4(, 2025); (the) Dec. 4th
        pattern(
            &format!(r"(?-u:\b)(?:({WEEKDAY}),?\s+)?({MONTH})\s*({DAY})(?:,?\s*({YEAR}))?"),
            |c| {
                let m = month(&c[2])?;
                let d = day_of(&c[3])?;
                match c.get(4) {
                    Some(y) => Some(Phrase::FullDate(y.as_str().parse().ok()?, m, d)),
                    None => Some(Phrase::MonthDay(m, d)),
                }
            },
        ),
        // (Thursday) 4 December (2025); the 4th of December
        pattern(
            &format!(
                r"(?-u:\b)(?:({WEEKDAY}),?\s+)?(?:the\s+)?({DAY})(?:\s+of)?\s+({MONTH})(?:,?\s+({YEAR}))?"
            ),
            |c| {
                let d = day_of(&c[2])?;
                let m = month(&c[3])?;
                match c.get(4) {
                    Some(y) => Some(Phrase::FullDate(y.as_str().parse().ok()?, m, d)),
                    None => Some(Phrase::MonthDay(m, d)),
                }
            },
        ),
        // February 2022, (early) May 1998
        pattern(&format!(r"(?-u:\b)({MONTH}),?\s+({YEAR})"), |c| {
            Some(Phrase::MonthYear(c[2].parse().ok()?, month(&c[1])?))
        }),
        // (last) August; May and March only where a date is plainly meant
        pattern(
            &format!(
                r"(?-u:\b)(?:(?i:(last|this|next|early|late|mid|in|since|by|until|through|from|during|of|before|after))[\s-]+)?({MONTH})"
            ),
            |c| {
                let name = &c[2];
                let m = month(name)?;
                let prep = c.get(1).map(|p| p.as_str().to_lowercase());
                let ambiguous = matches!(name, "May" | "March") || name.len() == 3;
                if ambiguous && prep.is_none() {
                    return None;
                }
                let modifier = prep.as_deref().and_then(modifier);
                Some(Phrase::Month(m, modifier))
            },
        ),
        // (last / the previous) Tuesday (night)
        pattern(
            &format!(
                r"(?-u:\b)(?:(?i:(last|this|next|the previous|the following|previous|following|the preceding|coming))\s+)?({WEEKDAY})(?:\s+(?i:(morning|afternoon|evening|night)))?"
            ),
            |c| {
                let w = weekday(&c[2])?;
                let m = c.get(1).and_then(|m| modifier(m.as_str()));
                Some(Phrase::Weekday(w, m, part_of_day(c.get(3))))
            },
        ),
        // today, tonight, yesterday (morning), tomorrow
        pattern(
            r"(?i)(?-u:\b)(today|tonight|yesterday|tomorrow)(?:\s+(morning|afternoon|evening|night))?(?-u:\b)",
            |c| {
                let w = c[1].to_lowercase();
                let (offset, part) = match w.as_str() {
                    "today" => (0, part_of_day(c.get(2))),
                    "tonight" => (0, Some("NI")),
                    "yesterday" => (-1, part_of_day(c.get(2))),
                    _ => (1, part_of_day(c.get(2))),
                };
                Some(Phrase::DayOffset(offset, part))
            },
        ),
        // this morning, last night
        pattern(
            r"(?i)(?-u:\b)(this|last)\s+(morning|afternoon|evening|night)(?-u:\b)",
            |c| {
                let offset =
                    if c[1].eq_ignore_ascii_case("last") && c[2].eq_ignore_ascii_case("night") {
                        -1
                    } else {
                        0
                    };
                Some(Phrase::DayOffset(offset, part_of_day(c.get(2))))
            },
        ),
        // last week, this month, next year, earlier this year, the coming weeks
        pattern(
            r"(?i)(?-u:\b)(?:(?:earlier|later|early|late)\s+)?(last|this|next|previous|current|coming)\s+(week|weekend|month|quarter|year|decade|century)(?-u:\b)",
            |c| Some(Phrase::Period(modifier(&c[1])?, unit(&c[2])?)),
        ),
        // the week, the weekend, the year (of the anchor)
        pattern(r"(?i)(?-u:\b)the\s+(weekend)(?-u:\b)", |_| {
            Some(Phrase::Period(Modifier::This, Unit::Weekend))
        }),
        // the past decade, the last two years, the next five months, the first nine months
        pattern(
            &format!(
                r"(?i)(?-u:\b)(?:the\s+)?(?:past|last|next|first|coming|previous|following)\s+(?:({NUMBER})\s+)?(second|minute|hour|day|week|month|quarter|year|decade|centur(?:y|ies))s?(?-u:\b)"
            ),
            |c| {
                let n = c.get(1).map_or(Some(1.0), |n| num(n.as_str()));
                Some(Phrase::Duration(n, unit(&c[2])?))
            },
        ),
        // two days ago, a year ago, a year earlier
        pattern(
            &format!(
                r"(?i)(?-u:\b)({NUMBER})\s+(day|week|month|year|decade)s?\s+(?:ago|earlier)(?-u:\b)"
            ),
            |c| Some(Phrase::Ago(num(&c[1])?, unit(&c[2])?, Hedge::Exact)),
        ),
        // five hours, a 10-year plan, 35-year-old
        pattern(
            &format!(
                r"(?i)(?-u:\b)({NUMBER})[\s-]+(second|minute|hour|day|night|week|month|year|decade|centur(?:y|ies))s?(?-u:\b)(?:-(?:long|old))?"
            ),
            |c| {
                let n = num(&c[1]);
                Some(Phrase::Duration(n, unit(&c[2])?))
            },
        ),
        // the 1960s, the late 1990s
        pattern(
            r"(?i)(?-u:\b)(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?((?:1[5-9]|20)[0-9]0)'?s(?-u:\b)",
            |c| Some(Phrase::Decade(c[1].parse().ok()?)),
        ),
        // 2014
        pattern(&format!(r"(?-u:\b)({YEAR})"), |c| {
            Some(Phrase::Year(c[1].parse().ok()?))
        }),
        // now, currently, recently, the past, the future
        pattern(
            r"(?i)(?-u:\b)(now|currently|nowadays|current|recently|recent|lately|previously|the\s+past|the\s+future|future|soon)(?-u:\b)",
            |c| {
                let w = c[1].to_lowercase();
                Some(Phrase::Reference(match w.as_str() {
                    "now" | "currently" | "nowadays" | "current" => "PRESENT_REF",
                    "the future" | "future" | "soon" => "FUTURE_REF",
                    _ => "PAST_REF",
                }))
            },
        ),
        // 3 p.m., 10:30 am, noon
        pattern(
            r"(?i)(?-u:\b)([0-9]{1,2})(?::([0-9]{2}))?\s*(a\.m\.|p\.m\.|am(?-u:\b)|pm(?-u:\b))",
            |c| {
                let mut h: u32 = c[1].parse().ok()?;
                let m: u32 = c.get(2).map_or(Some(0), |m| m.as_str().parse().ok())?;
                let pm = c[3].to_lowercase().starts_with('p');
                if h > 12 || m > 59 {
                    return None;
                }
                if pm && h < 12 {
                    h += 12;
                }
                if !pm && h == 12 {
                    h = 0;
                }
                Some(Phrase::Clock(h, m))
            },
        ),
        pattern(r"(?i)(?-u:\b)(noon|midnight)(?-u:\b)", |c| {
            Some(Phrase::Clock(
                if c[1].eq_ignore_ascii_case("noon") {
                    12
                } else {
                    0
                },
                0,
            ))
        }),
        // the third quarter (of 1998), third-quarter
        pattern(
            &format!(
                r"(?i)(?-u:\b)(?:the\s+)?(first|second|third|fourth|1st|2nd|3rd|4th)[\s-]quarter(?-u:\b)(?:\s+of\s+({YEAR}))?"
            ),
            |c| {
                let q = match c[1].to_lowercase().as_str() {
                    "first" | "1st" => 1,
                    "second" | "2nd" => 2,
                    "third" | "3rd" => 3,
                    _ => 4,
                };
                let y = c.get(2).and_then(|y| y.as_str().parse().ok());
                Some(Phrase::Quarter(q, y))
            },
        ),
        // this summer, last fall, the winter of 2014
        pattern(
            &format!(
                r"(?i)(?-u:\b)(?:(this|last|next)\s+)?(spring|summer|fall|autumn|winter)(?-u:\b)(?:\s+(?:of\s+)?({YEAR}))?"
            ),
            |c| {
                let m = c.get(1).and_then(|m| modifier(m.as_str()));
                let y = c.get(3).and_then(|y| y.as_str().parse().ok());
                if m.is_none() && y.is_none() {
                    return None;
                }
                let s = match c[2].to_lowercase().as_str() {
                    "spring" => "SP",
                    "summer" => "SU",
                    "fall" | "autumn" => "FA",
                    _ => "WI",
                };
                Some(Phrase::Season(s, m, y))
            },
        ),
        // every week, daily
        pattern(
            r"(?i)(?-u:\b)(?:every|each)\s+(day|week|month|year|night)(?-u:\b)",
            |c| Some(Phrase::Set(unit(&c[1])?)),
        ),
        pattern(
            r"(?i)(?-u:\b)(daily|weekly|monthly|annually|yearly)(?-u:\b)",
            |c| {
                Some(Phrase::Set(match c[1].to_lowercase().as_str() {
                    "daily" => Unit::Day,
                    "weekly" => Unit::Week,
                    "monthly" => Unit::Month,
                    _ => Unit::Year,
                }))
            },
        ),
    ]
});

/// Words before a figure-like year that make it a quantity, not a year.
fn year_is_quantity(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].trim_end();
    if before.ends_with(['$', '£', '€', '#']) || before.ends_with("No.") {
        return true;
    }
    let after = text[end..].trim_start();
    if after.starts_with(['%', ',']) && after[1..].starts_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    let next: String = after
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    next == "percent"
        || (next.len() > 3
            && next.ends_with('s')
            && !matches!(next.as_str(), "was" | "has" | "is" | "says" | "this"))
}

/// How the words just before an amount of time hedge it ("nearly", "more than", "about").
fn hedge_before(before: &str) -> Hedge {
    let before = before.trim_end().to_ascii_lowercase();
    let ends = |w: &str| {
        before.ends_with(w)
            && before[..before.len() - w.len()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
    };
    if [
        "nearly",
        "almost",
        "less than",
        "just under",
        "close to",
        "under",
    ]
    .iter()
    .any(|w| ends(w))
    {
        Hedge::Under
    } else if ["more than", "over", "at least", "just over"]
        .iter()
        .any(|w| ends(w))
    {
        Hedge::Over
    } else if ["about", "around", "roughly", "some", "approximately"]
        .iter()
        .any(|w| ends(w))
    {
        Hedge::About
    } else {
        Hedge::Exact
    }
}

/// Which patterns may begin where, from their needles: a pattern's bit is set for every first
/// byte of its one-byte needles, every first two bytes of its two-byte needles, and every hash
/// of the three bytes of its three-byte needles (a hash shared by two needles only adds
/// places to try).
struct Starts {
    one: Vec<u32>,
    two: Vec<u32>,
    three: Vec<u32>,
    /// Bytes that begin a needle without being ASCII word bytes (the "ſ" that `(?i)s` also
    /// matches): places to try wherever they occur, not only at word starts.
    other_first: [bool; 256],
    /// Patterns without needles, run over the whole text.
    everywhere: u32,
}

fn hash3(a: u8, b: u8, c: u8) -> usize {
    (u32::from_le_bytes([a, b, c, 0]).wrapping_mul(0x9E37_79B1) >> 16) as usize
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

impl Starts {
    fn new(patterns: &[Pattern]) -> Starts {
        assert!(patterns.len() <= 32, "a pattern's bit fits a u32");
        let mut starts = Starts {
            one: vec![0; 256],
            two: vec![0; 1 << 16],
            three: vec![0; 1 << 16],
            other_first: [false; 256],
            everywhere: 0,
        };
        for (k, p) in patterns.iter().enumerate() {
            let bit = 1u32 << k;
            let Some(needles) = &p.needles else {
                starts.everywhere |= bit;
                continue;
            };
            for n in needles {
                match *n.as_slice() {
                    [a] => starts.one[a as usize] |= bit,
                    [a, b] => starts.two[a as usize | (b as usize) << 8] |= bit,
                    [a, b, c, ..] => starts.three[hash3(a, b, c)] |= bit,
                    [] => unreachable!("needles are not empty"),
                }
                if !is_word_byte(n[0]) {
                    starts.other_first[n[0] as usize] = true;
                }
            }
        }
        starts
    }

    /// The patterns (bits) whose needles may begin at `at`.
    fn at(&self, bytes: &[u8], at: usize) -> u32 {
        let a = bytes[at];
        let mut mask = self.one[a as usize];
        if let Some(&b) = bytes.get(at + 1) {
            mask |= self.two[a as usize | (b as usize) << 8];
            if let Some(&c) = bytes.get(at + 2) {
                mask |= self.three[hash3(a, b, c)];
            }
        }
        mask
    }
}

static STARTS: Lazy<Starts> = Lazy::new(|| Starts::new(&PATTERNS));

/// Calls `found(k, groups)` for every match of pattern `k` in `text`: for each pattern, the
/// matches a leftmost-first search finds one after another (in order, not overlapping).
fn each_match(text: &str, mut found: impl FnMut(usize, &Groups)) {
    let patterns = &*PATTERNS;
    let starts = &*STARTS;
    let mut caps: Vec<Captures> = patterns.iter().map(|p| p.re.create_captures()).collect();
    let mut next = [0usize; 32];
    let bytes = text.as_bytes();
    let mut after_word = false;
    for (at, &b) in bytes.iter().enumerate() {
        let word = is_word_byte(b);
        let may_begin = if word {
            !after_word
        } else {
            starts.other_first[b as usize]
        };
        after_word = word;
        if !may_begin {
            continue;
        }
        let mut mask = starts.at(bytes, at) & !starts.everywhere;
        while mask != 0 {
            let k = mask.trailing_zeros() as usize;
            mask &= mask - 1;
            if at < next[k] {
                continue;
            }
            let input = Input::new(text).range(at..).anchored(Anchored::Yes);
            patterns[k].re.search_captures(&input, &mut caps[k]);
            if let Some(m) = caps[k].get_match() {
                next[k] = m.end();
                found(
                    k,
                    &Groups {
                        text,
                        caps: &caps[k],
                    },
                );
            }
        }
    }
    let mut rest = starts.everywhere;
    while rest != 0 {
        let k = rest.trailing_zeros() as usize;
        rest &= rest - 1;
        for c in patterns[k].re.captures_iter(text) {
            found(k, &Groups { text, caps: &c });
        }
    }
}

/// Every time phrase in `text`, longest first where they overlap.
pub(crate) fn candidates(text: &str) -> Vec<Candidate> {
    let mut all: Vec<(usize, Candidate)> = Vec::new();
    each_match(text, |k, c| {
        let Some(m) = c.get(0) else { return };
        let Some(phrase) = (PATTERNS[k].read)(c) else {
            return;
        };
        let (mut start, end) = (m.start(), m.end());
        // a leading preposition is not part of the expression ("in August")
        if let Phrase::Month(..) = phrase {
            if let Some(name) = c.get(2) {
                let prep = c.get(1).map(|p| p.as_str().to_lowercase());
                if prep.as_deref().and_then(modifier).is_none()
                    && !matches!(prep.as_deref(), Some("early" | "late" | "mid"))
                {
                    start = name.start();
                }
            }
        }
        // "India Today", "USA Today": a name, not a day
        if let Phrase::DayOffset(..) = phrase {
            let prev = text[..start].split_whitespace().next_back().unwrap_or("");
            let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
            if capitalised(&text[start..end]) && capitalised(prev) && !prev.ends_with(['.', ':']) {
                return;
            }
        }
        if let Phrase::Year(_) = phrase {
            if year_is_quantity(text, start, end) {
                return;
            }
        }
        let phrase = match phrase {
            Phrase::Ago(n, u, _) => Phrase::Ago(n, u, hedge_before(&text[..start])),
            other => other,
        };
        all.push((k, Candidate { start, end, phrase }));
    });
    // by place, the longer first, then in the patterns' order
    all.sort_by_key(|(k, c)| (c.start, std::cmp::Reverse(c.end), *k));
    let all: Vec<Candidate> = all.into_iter().map(|(_, c)| c).collect();
    let mut chosen: Vec<Candidate> = Vec::new();
    // longest first, then leftmost, without overlaps
    let mut order: Vec<usize> = (0..all.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(all[i].end - all[i].start), all[i].start));
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut keep = vec![false; all.len()];
    for i in order {
        let (s, e) = (all[i].start, all[i].end);
        if taken.iter().all(|&(a, b)| e <= a || s >= b) {
            taken.push((s, e));
            keep[i] = true;
        }
    }
    for (i, c) in all.into_iter().enumerate() {
        if keep[i] {
            chosen.push(c);
        }
    }
    chosen.sort_by_key(|c| c.start);
    chosen
}

/// Whether the sentence around `start..end` contains `word` (case-insensitive).
pub(crate) fn sentence_mentions(text: &str, start: usize, end: usize, word: &str) -> bool {
    let from = text[..start]
        .rfind(['.', '!', '?', '\n'])
        .map_or(0, |i| i + 1);
    let to = text[end..]
        .find(['.', '!', '?', '\n'])
        .map_or(text.len(), |i| end + i);
    text[from..to].to_lowercase().contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    /// A pattern's index and the spans of all its groups in one match.
    type Found = (usize, Vec<Option<(usize, usize)>>);

    /// Every match of every pattern, found by `each_match`.
    fn by_starts(text: &str) -> Vec<Found> {
        let mut out = Vec::new();
        each_match(text, |k, c| {
            let groups = (0..c.caps.group_len())
                .map(|g| c.get(g).map(|m| (m.start(), m.end())))
                .collect();
            out.push((k, groups));
        });
        out.sort();
        out
    }

    /// The same found by scanning the whole text with each pattern (the regex crate).
    fn by_scans(text: &str) -> Vec<Found> {
        let mut out = Vec::new();
        for (k, p) in PATTERNS.iter().enumerate() {
            let re = Regex::new(p.source).unwrap();
            for c in re.captures_iter(text) {
                out.push((
                    k,
                    c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect(),
                ));
            }
        }
        out.sort();
        out
    }

    #[test]
    fn trying_patterns_where_their_needles_begin_finds_what_scanning_finds() {
        let crafted = [
            "On Tuesday, December 4, 2025 at 3 p.m. the envoys met; Dec. 4th and the 4th of \
             December 2025 too, and 2025-12-08 19:30, 12/02/2025, 1/2/98.",
            "Last week, this month, next year, earlier this year, the coming weeks, the past \
             decade, the last two years, two days ago, a year earlier, five hours, a 10-year \
             plan, a 35-year-old, the 1960s, the late 1990s, in 2014, 2014s, $2014, No. 1998.",
            "today, tonight, yesterday morning, tomorrow, this morning, last night, the \
             weekend, now, currently, recently, the past, the future, soon, noon, midnight, \
             10:30 am, 9pm, the third quarter of 1998, third-quarter, this summer, the winter \
             of 2014, every week, each night, daily, weekly, annually.",
            // the long s and the Kelvin sign fold to s and k under (?i); NBSP is \\s
            "xſince May laſt week ſix days ago, THE\u{a0}PAST, the\u{a0}previous\u{a0}Tuesday \
             ſeveral weeks, a\u{2009}week, \u{212a}ey, ſoon ſſ ſ1998",
            "India Today USA Today. Today. since March, by May, until Sept. 12, mid-August, \
             early May 1998, in August, the 1st quarter, 4th-quarter, 1 of December",
            "中文 2025年 Ünïcödé Tuesday—Wednesday «Monday» (Friday) _Monday 1Monday Monday1 \
             x2014 2014x 20145 12/31/2025x TUESDAY tuesday Tue. Tues. Thurs. Sept.",
            "",
            "a",
            "1998",
        ];
        for text in crafted {
            assert_eq!(by_starts(text), by_scans(text), "{text:?}");
        }
        let samples =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/kremlin-talks");
        let mut read = 0;
        for entry in std::fs::read_dir(samples).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let found = by_starts(&text);
            assert_eq!(found, by_scans(&text));
            read += found.len();
        }
        assert!(read > 50, "the sample articles hold time phrases ({read})");
    }

    #[test]
    fn every_pattern_has_needles() {
        for p in PATTERNS.iter() {
            assert!(p.needles.is_some(), "{}", p.source);
        }
    }
}
