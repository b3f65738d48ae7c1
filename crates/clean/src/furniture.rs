//! Page furniture recognised from the shape of one line.
//!
//! Each rule describes a *kind* of furniture by its form (a slide counter is "N / M", a video
//! teaser starts with a running time, a share widget is made only of widget words), so it holds
//! across outlets. Rules look at one line in isolation; context rules (headline lists, captions
//! beside slide counters, labels inside furniture runs) live in `lib.rs`.

use once_cell::sync::Lazy;
use regex::Regex;

/// Why a line was cut. The `as_str` names are what users see in `removed[].reason`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    Advertisement,
    Newsletter,
    ShareWidget,
    SlideCounter,
    Caption,
    VideoTeaser,
    ReadTime,
    ViewCounter,
    RelativeTimestamp,
    Timestamp,
    DateLine,
    Byline,
    SectionLabel,
    Legal,
    RelatedHeadlines,
    Headline,
    RepeatedLine,
    PastedArticle,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Advertisement => "advertisement marker",
            Reason::Newsletter => "newsletter or sign-up blurb",
            Reason::ShareWidget => "share/follow/print widget",
            Reason::SlideCounter => "slide counter",
            Reason::Caption => "photo caption or credit",
            Reason::VideoTeaser => "video teaser",
            Reason::ReadTime => "read-time label",
            Reason::ViewCounter => "view counter",
            Reason::RelativeTimestamp => "relative timestamp (no anchor date)",
            Reason::Timestamp => "timestamp line",
            Reason::DateLine => "date line (moved to metadata)",
            Reason::Byline => "byline (moved to metadata)",
            Reason::SectionLabel => "section label",
            Reason::Legal => "copyright or legal notice",
            Reason::RelatedHeadlines => "related-headlines list",
            Reason::Headline => "headline (moved to title)",
            Reason::RepeatedLine => "repeated line",
            Reason::PastedArticle => "pasted second article (split off as its own article)",
        }
    }

    /// Furniture that belongs to an article's header block (where a pasted article starts).
    pub fn is_header_furniture(self) -> bool {
        matches!(
            self,
            Reason::ShareWidget
                | Reason::RelativeTimestamp
                | Reason::Timestamp
                | Reason::DateLine
                | Reason::Byline
                | Reason::ReadTime
                | Reason::ViewCounter
        )
    }
}

fn re(s: &str) -> Regex {
    Regex::new(s).expect("valid furniture regex")
}

static AD: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)^(?:(?:the\s+)?(?:story|article|text|content|report)\s+continues\s+(?:below|after)(?:\s+(?:this|the))?\s+(?:advertisement|advert|ad|video)|advertisement|advertising|advert|ad|ads|sponsored(?:\s+content)?|promoted(?:\s+content)?|paid\s+(?:content|partner)|skip\s+advertisement|continue\s+reading(?:\s+(?:the\s+main\s+story|below))?|scroll\s+(?:down\s+)?to\s+continue(?:\s+with\s+content)?|ad\s+feedback|report\s+this\s+ad)\s*[.:]?$",
    )
});
static NEWSLETTER_CUE: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)(?-u:\b)(?:newsletters?|sign\s*up|subscribe|subscription|inbox|email\s+address|privacy\s+(?:policy|notice)|terms\s+(?:and|&)\s+conditions|terms\s+of\s+(?:use|service)|unsubscribe|delivered\s+to\s+your)(?-u:\b)",
    )
});
static SHARE_PHRASE: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)^(?:send|e-?mail|share|print|save|copy)\s+(?:this|the)\s+(?:page|article|story|link|url)(?-u:\b).{0,60}$|^click\s+to\s+(?:share|print|email)(?-u:\b)|^opens?\s+in\s+(?:a\s+)?new\s+(?:window|tab)$|^(?:follow|find)\s+us\s+on(?-u:\b).{0,40}$",
    )
});
/// Words a share/follow/print widget is made of.
const WIDGET_WORDS: &[&str] = &[
    "share",
    "shares",
    "sharing",
    "follow",
    "following",
    "tweet",
    "email",
    "e-mail",
    "mail",
    "print",
    "facebook",
    "twitter",
    "x",
    "whatsapp",
    "linkedin",
    "reddit",
    "pinterest",
    "telegram",
    "messenger",
    "flipboard",
    "copy",
    "copied",
    "link",
    "short",
    "url",
    "comment",
    "comments",
    "save",
    "saved",
    "bookmark",
    "gift",
    "listen",
    "reprints",
    "permalink",
    "us",
    "on",
    "this",
    "article",
    "story",
    "page",
    "via",
    "to",
    "and",
    "the",
    "more",
    "options",
    "google",
    "news",
    "sms",
    "threads",
    "bluesky",
    "youtube",
    "instagram",
    "tiktok",
    "rss",
    "feed",
    "close",
    "menu",
    "a",
    "an",
    "or",
    "by",
    "pin",
    "pint",
    "download",
    "caption",
    "expand",
    "enlarge",
    "fullscreen",
    "next",
    "previous",
    "prev",
    "compartir",
    "compartilhar",
    "baixar",
    "teilen",
    "partager",
    "condividi",
];
/// Widget words that on their own make a line a widget.
const WIDGET_STRONG: &[&str] = &[
    "share",
    "follow",
    "tweet",
    "print",
    "facebook",
    "twitter",
    "whatsapp",
    "linkedin",
    "reddit",
    "pinterest",
    "telegram",
    "url",
    "permalink",
    "comments",
    "reprints",
    "bookmark",
    "email",
    "flipboard",
    "copy",
    "pin",
    "pint",
    "caption",
    "compartir",
    "compartilhar",
    "teilen",
    "partager",
    "condividi",
];
static SLIDE: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)^(?:(?:image|photo|picture|slide|gallery)\s+)?\d{1,3}\s*(?:/|of\s*/?)\s*\d{1,3}$|^\d{1,3}\s+(?:photos|images|pictures)$",
    )
});
static CAPTION_CREDIT: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)\((?:[^()]{0,60}(?-u:\b))?(?:afp|ap|reuters|getty|images?|photo(?:graph)?s?|pictures?|epa|efe|shutterstock|xinhua|sputnik|tass|anadolu|pool|file|credit|courtesy|handout|alamy|istock|dpa|bloomberg)(?:(?-u:\b)[^()]{0,60})?\)\.?$|(?:credit|photo|image|picture)s?\s*:\s*[^.!?:]{1,60}$",
    )
});
static CAPTION_START: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)^(?:in\s+this\s+(?:\w+\s+){0,3}(?:photo(?:graph)?|image|picture|file\s+photo|handout)|(?:photo|image|picture|photograph|caption|credit|pictured|above|top|main\s+image)\s*(?:credit)?\s*:|\(photo(?-u:\b)|photo\s+by\s|file\s+photo(?-u:\b))",
    )
});
static VIDEO: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)^(?:\d{1,2}:\d{2}(?::\d{2})?\s+\S|(?:watch|video|play\s+video|now\s+playing|up\s+next)\s*[:|\-–]\s*\S)",
    )
});
static READ_TIME: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)^(?:(?:estimated\s+)?reading\s+time\s*:?\s*)?\d{1,3}\s*-?\s*(?:min|mins|minute|minutes)(?:\s+(?:read|reading(?:\s+time)?|listen))?$",
    )
});
static VIEWS: Lazy<Regex> = Lazy::new(|| {
    re(r"(?i)^[\d.,]+\s*[km]?\s+(?:views?|reads?|comments?|shares?|likes?|reactions?)$")
});
static RELATIVE_TIME: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)^(?:(?:last\s+)?(?:updated?|published|posted|modified)\s*:?\s*)?(?:\d+|an?|one|few)\s+(?:sec|secs|seconds?|min|mins|minutes?|hrs?|hours?|days?|weeks?|months?|years?)\s+ago$|^(?:(?:last\s+)?(?:updated?|published|posted)\s*:?\s*)?(?:just\s+now|yesterday|today)$",
    )
});
/// A byline, as first written over the line itself (kept to check [`BYLINE`] against):
/// `^(?i:by|author\s*:|authors\s*:|written\s+by|words\s+by|story\s+by|posted\s+by)\s+`
/// `(?P<name>\p{Lu}[\p{L}'’.\-]*(?:\s+(?:\p{Lu}[\p{L}'’.\-]*|de|van|von|al|bin|da|del|la|le)){0,4}`
/// `(?:\s*(?:,|and|&)\s*\p{Lu}[\p{L}'’.\-]*(?:\s+\p{Lu}[\p{L}'’.\-]*){0,3}){0,3})`
/// `\s*(?:[|,\-–—]\s*(?P<tail>[\p{Lu}\d][\p{L}\d .:/]*))?$`. Its 17 copies of Unicode letter
/// classes took 5 ms to compile in every process that cleans a page; [`BYLINE`] is the same
/// pattern with ASCII classes, run over the line's [`class_shape`].
#[cfg(test)]
const BYLINE_UNICODE: &str = r"^(?i:by|author\s*:|authors\s*:|written\s+by|words\s+by|story\s+by|posted\s+by)\s+(?P<name>\p{Lu}[\p{L}'’.\-]*(?:\s+(?:\p{Lu}[\p{L}'’.\-]*|de|van|von|al|bin|da|del|la|le)){0,4}(?:\s*(?:,|and|&)\s*\p{Lu}[\p{L}'’.\-]*(?:\s+\p{Lu}[\p{L}'’.\-]*){0,3}){0,3})\s*(?:[|,\-–—]\s*(?P<tail>[\p{Lu}\d][\p{L}\d .:/]*))?$";

/// [`BYLINE_UNICODE`] over a [`class_shape`]: `\p{Lu}` is `[A-Z]`, `\p{L}` `[A-Za-z]`, `\d`
/// `[0-9]`, `\s` the ASCII white space.
static BYLINE: Lazy<Regex> = Lazy::new(|| {
    re(
        r"^(?i:by|author[\t\n\x0B\x0C\r ]*:|authors[\t\n\x0B\x0C\r ]*:|written[\t\n\x0B\x0C\r ]+by|words[\t\n\x0B\x0C\r ]+by|story[\t\n\x0B\x0C\r ]+by|posted[\t\n\x0B\x0C\r ]+by)[\t\n\x0B\x0C\r ]+(?P<name>[A-Z][A-Za-z'’.\-]*(?:[\t\n\x0B\x0C\r ]+(?:[A-Z][A-Za-z'’.\-]*|de|van|von|al|bin|da|del|la|le)){0,4}(?:[\t\n\x0B\x0C\r ]*(?:,|and|&)[\t\n\x0B\x0C\r ]*[A-Z][A-Za-z'’.\-]*(?:[\t\n\x0B\x0C\r ]+[A-Z][A-Za-z'’.\-]*){0,3}){0,3})[\t\n\x0B\x0C\r ]*(?:[|,\-–—][\t\n\x0B\x0C\r ]*(?P<tail>[A-Z0-9][A-Za-z0-9 .:/]*))?$",
    )
});

/// The Unicode classes a byline's characters are told apart by.
static LETTER_CLASS: Lazy<Regex> = Lazy::new(|| re(r"\A(?:(\p{Lu})|(\p{L})|(\d))"));

/// `s` with each character outside ASCII replaced by an ASCII one of the same classes for
/// [`BYLINE_UNICODE`]: white space by a form feed (white space, but not the space the outlet
/// part names), an upper-case letter (`\p{Lu}`) by `Q`, `ſ` by
/// `s` (the case-insensitive keywords match it as an `s`), another letter by `q`, a digit
/// (`\d`) by `0`; `’`, `–` and `—` kept; anything else by `\x01`, which no part of the
/// pattern matches (`q`, `Q` and `0` are in no keyword, `s` in none of the case-sensitive ones).
/// With the byte offset in `s` of each byte of the shape, and of its end.
fn class_shape(s: &str) -> (std::borrow::Cow<'_, str>, Option<Vec<usize>>) {
    if s.is_ascii() {
        return (s.into(), None);
    }
    let mut shape = String::with_capacity(s.len());
    let mut offsets = Vec::with_capacity(s.len() + 1);
    for (i, c) in s.char_indices() {
        let stand_in = if c.is_ascii() || matches!(c, '’' | '–' | '—') {
            c
        } else if c.is_whitespace() {
            '\x0C'
        } else if c == 'ſ' {
            's'
        } else {
            match LETTER_CLASS.captures(&s[i..]) {
                Some(m) if m.get(1).is_some() => 'Q',
                Some(m) if m.get(2).is_some() => 'q',
                Some(_) => '0',
                None => '\x01',
            }
        };
        shape.push(stand_in);
        for k in 0..stand_in.len_utf8() {
            offsets.push(i + k);
        }
    }
    offsets.push(s.len());
    (shape.into(), Some(offsets))
}

/// The longest outlet or place after a byline's names ("By Jane Doe | Reuters"), in characters.
/// Checked after matching: as a bounded repeat of a Unicode class it made [`BYLINE`] take
/// ~10 ms to compile, in every process that cleans a page.
const BYLINE_TAIL: usize = 41;

/// The names of `s` if it is a byline.
fn byline(s: &str) -> Option<&str> {
    // every byline starts with one of the keywords' first letters (or `ſ`)
    if !s.starts_with(['b', 'B', 'a', 'A', 'w', 'W', 's', 'S', 'p', 'P', 'ſ']) {
        return None;
    }
    let (shape, offsets) = class_shape(s);
    let at = |k: usize| offsets.as_ref().map_or(k, |o| o[k]);
    let c = BYLINE.captures(&shape)?;
    if let Some(t) = c.name("tail") {
        if s[at(t.start())..at(t.end())].chars().count() > BYLINE_TAIL {
            return None;
        }
    }
    let name = c.name("name")?;
    Some(&s[at(name.start())..at(name.end())])
}
static LEGAL: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)^(?:©|\(c\)|copyright(?-u:\b)).{0,160}$|^all\s+rights\s+reserved\.?$|^this\s+(?:material|article)\s+may\s+not\s+be\s+(?:published|reproduced)",
    )
});
/// A listing's meta line: timestamps, read times and a section name, nothing else.
static LISTING_META_PART: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)(?:\d+|an?)\s+(?:sec|secs|seconds?|min|mins|minutes?|hrs?|hours?|days?|weeks?|months?)\s+ago|\d{1,3}\s*(?:min|mins|minutes?)\s+read|[\d.,]+\s*[km]?\s+views?|(?-u:\b)\p{Lu}{2,}(?:\s+\p{Lu}{2,})?(?-u:\b)|[•·|\-–—]",
    )
});
static RELATED_HEADING: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)^(?:related(?:\s+(?:stories|articles|news|coverage|content|topics|reading))?|read\s+(?:more|next|also)|more\s+(?:from|on|about|stories|news|in)(?-u:\b).{0,40}|you\s+(?:may|might)\s+(?:also\s+)?(?:like|be\s+interested\s+in)|recommended(?:\s+(?:for\s+you|stories|reading))?|most\s+(?:read|popular|viewed|shared)|trending(?:\s+now)?|latest\s+(?:news|stories)|also\s+read|see\s+also|editor'?s?\s+picks?|top\s+stories|what\s+to\s+read\s+next|don'?t\s+miss)\s*:?$",
    )
});
static RELATED_INLINE: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)^(?:read\s+(?:more|also|next)|also\s+read|related|see\s+also|more|recommended)\s*[:|»>\-–]\s*\S.{0,150}$",
    )
});

/// The line with leading list markers and surrounding space removed.
pub fn normalise(line: &str) -> &str {
    line.trim()
        .trim_start_matches(['-', '•', '*', '·', '–', '—', '▪', '►', '■'])
        .trim()
}

/// The number of words of `s`, counted up to [`WORDS_COUNTED`]: every rule here compares it
/// with at most 80, and a paragraph of body text need not be counted to its end (this count
/// was 5 % of an ingest's time).
fn words(s: &str) -> usize {
    s.split_whitespace().take(WORDS_COUNTED).count()
}

/// Whether `s` has at most `n` words (reads no further than word `n + 1`).
pub(crate) fn at_most(s: &str, n: usize) -> bool {
    s.split_whitespace().nth(n).is_none()
}

const WORDS_COUNTED: usize = 81;

/// The kind of furniture `line` is on its own, if any.
pub fn classify(line: &str) -> Option<Reason> {
    let s = normalise(line);
    if s.is_empty() {
        return None;
    }
    let n = words(s);
    if AD.is_match(s) {
        return Some(Reason::Advertisement);
    }
    if SLIDE.is_match(s) {
        return Some(Reason::SlideCounter);
    }
    if READ_TIME.is_match(s) {
        return Some(Reason::ReadTime);
    }
    if VIEWS.is_match(s) {
        return Some(Reason::ViewCounter);
    }
    if RELATIVE_TIME.is_match(s) {
        return Some(Reason::RelativeTimestamp);
    }
    if n <= 12 && is_widget(s) {
        return Some(Reason::ShareWidget);
    }
    if n <= 14 && SHARE_PHRASE.is_match(s) {
        return Some(Reason::ShareWidget);
    }
    let cues = newsletter_cues(s);
    if (cues >= 2 && n <= 60 && has_form_cue(s)) || (cues == 1 && n <= 10) {
        return Some(Reason::Newsletter);
    }
    if n <= 40 && LEGAL.is_match(s) {
        return Some(Reason::Legal);
    }
    if n <= 25 && VIDEO.is_match(s) && !s.ends_with('.') {
        return Some(Reason::VideoTeaser);
    }
    if n <= 80 && (CAPTION_START.is_match(s) || CAPTION_CREDIT.is_match(s)) {
        return Some(Reason::Caption);
    }
    if n <= 12 && byline(s).is_some() {
        return Some(Reason::Byline);
    }
    if is_listing_meta(s) {
        return Some(Reason::RelativeTimestamp);
    }
    if is_timestamp_line(s) {
        return Some(Reason::Timestamp);
    }
    None
}

static TIMESTAMP_PART: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)(?-u:\b)(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?|updated?|posted|published|last|modified|first|at|on|[ap]\.?m\.?|utc|gmt|[ecmp][sd]t|bst|cet|cest)(?-u:\b)\.?|\d{1,4}(?:[:/.\-]\d{1,4}){0,2}(?:st|nd|rd|th)?|[@·•|;,:\-–—()]",
    )
});
static TIMESTAMP_SIGN: Lazy<Regex> = Lazy::new(|| {
    re(r"(?i)\d{1,2}[:.]\d{2}|(?-u:\b)(?:updated?|posted|published|modified)(?-u:\b)|\d{4}")
});

/// A line made only of dates, times, weekdays and "Updated"/"Posted" labels ("Updated 5:27 am
/// CST, Wednesday, November 20, 2019", "Updated Nov 19, 6:55 AM; Posted Nov 19, 6:51 AM").
pub fn is_timestamp_line(s: &str) -> bool {
    let s = normalise(s);
    at_most(s, 16)
        && TIMESTAMP_SIGN.is_match(s)
        && s.chars().any(|c| c.is_ascii_digit())
        && TIMESTAMP_PART.replace_all(s, "").trim().is_empty()
}

/// The words of a sign-up form itself, as opposed to prose about subscribing to something.
static FORM_CUE: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)(?-u:\b)(?:newsletters?|inbox|email\s+address|privacy\s+(?:policy|notice)|terms\s+(?:and|&)\s+conditions|terms\s+of\s+(?:use|service)|unsubscribe|delivered\s+to\s+your)(?-u:\b)",
    )
});

fn has_form_cue(s: &str) -> bool {
    FORM_CUE.is_match(s)
}

fn newsletter_cues(s: &str) -> usize {
    let mut seen: Vec<String> = NEWSLETTER_CUE
        .find_iter(s)
        .map(|m| m.as_str().to_ascii_lowercase())
        .collect();
    seen.sort();
    seen.dedup();
    seen.len()
}

fn is_widget(s: &str) -> bool {
    let tokens: Vec<String> = s
        .split(|c: char| c.is_whitespace() || matches!(c, '|' | '/' | '·' | '•' | ',' | ':'))
        .map(|t| {
            t.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
                .to_lowercase()
        })
        .filter(|t| !t.is_empty())
        .collect();
    !tokens.is_empty()
        && tokens.iter().all(|t| WIDGET_WORDS.contains(&t.as_str()))
        && tokens.iter().any(|t| WIDGET_STRONG.contains(&t.as_str()))
}

/// A line made only of listing metadata ("9 seconds ago 2 min read WORLD"); must contain a
/// timestamp or read time, not just capitals.
pub fn is_listing_meta(s: &str) -> bool {
    let s = normalise(s);
    if !at_most(s, 12) || !(s.contains("ago") || s.to_lowercase().contains("read")) {
        return false;
    }
    LISTING_META_PART.replace_all(s, "").trim().is_empty()
}

/// The byline's names, when `line` is a byline.
pub fn byline_name(line: &str) -> Option<String> {
    let s = normalise(line);
    if !at_most(s, 12) {
        return None;
    }
    byline(s).map(|name| name.trim().trim_end_matches(',').to_string())
}

/// A heading that introduces a list of links to other stories.
pub fn is_related_heading(line: &str) -> bool {
    let s = normalise(line).trim_end_matches(['.', '…', ' ']);
    at_most(s, 8) && RELATED_HEADING.is_match(s)
}

/// A single "Read more: <headline>" link line.
pub fn is_related_link(line: &str) -> bool {
    RELATED_INLINE.is_match(normalise(line))
}

/// A short line in capitals with no sentence punctuation ("WORLD", "US NEWS").
pub fn is_caps_label(line: &str) -> bool {
    let s = normalise(line);
    at_most(s, 3) && capitals_only(s, 2) && !s.contains(['.', '!', '?'])
}

/// A kicker over a teaser headline: a few words in capitals ("TIME TRAVELLER", "'A NATIONAL
/// TRAGEDY'").
pub fn is_kicker(line: &str) -> bool {
    let s = normalise(line);
    at_most(s, 6) && capitals_only(s, 3)
}

/// At least `min` letters, all capitals.
fn capitals_only(s: &str, min: usize) -> bool {
    let mut letters = 0;
    for c in s.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
    }
    letters >= min
}

/// Headline shape: short, starts with a capital or digit (or a quote), one sentence at most.
pub fn is_headline_like(line: &str) -> bool {
    let s = normalise(line);
    let n = s.split_whitespace().take(23).count();
    if !(2..=22).contains(&n) || s.chars().count() > 170 {
        return false;
    }
    let first = s.chars().find(|c| !matches!(c, '"' | '\'' | '“' | '‘'));
    if !first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) {
        return false;
    }
    if s.ends_with([':', ',', ';']) {
        return false;
    }
    // More than one sentence is body text, not a headline.
    let inner_stops = s
        .trim_end_matches(['.', '!', '?', '"', '”'])
        .matches(". ")
        .filter(|_| true)
        .count();
    inner_stops == 0 || (inner_stops == 1 && n <= 12)
}

/// Body shape: a long line that reads as prose.
pub fn is_body_like(line: &str) -> bool {
    let s = normalise(line);
    !at_most(s, 13) && s.chars().filter(|c| c.is_lowercase()).count() * 2 > s.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byline read over a line's class shape finds exactly what the pattern written over
    /// the line itself finds, names and all, on lines with letters, digits, spaces and
    /// punctuation from outside ASCII.
    #[test]
    fn a_byline_over_its_class_shape_is_the_byline_over_the_line() {
        let unicode = Regex::new(BYLINE_UNICODE).unwrap();
        let reference = |s: &str| {
            unicode
                .captures(s)
                .filter(|c| {
                    c.name("tail")
                        .is_none_or(|t| t.as_str().chars().count() <= BYLINE_TAIL)
                })
                .map(|c| c["name"].to_string())
        };
        let lines = [
            "By Jane Doe",
            "By Jane Doe | Reuters",
            "by Jeff Foust — November 18, 2019",
            "By Seán O’Brien and Zoë Müller",
            "By Łukasz Żak, Ägnes Ölund & Émile Zola – Le Monde",
            "BY ВЛАДИМИР ПУТИН",
            "By Владимир Путин, Москва",
            "ſtory by Anna Smith",
            "Story by Anna de la Cruz",
            "Written by Anna\u{a0}Smith",
            "By Anna Smith\u{a0}- Reuters 2024",
            "By Anna Smith - Reuters\u{a0}2024",
            "By Anna Smith - ٣ Reuters",
            "By Anna Smith - 東京",
            "By 東京 Smith",
            "By Anna Smith dé Cruz",
            "By Anna Smith da Cruz",
            "By Ǆemal Bijedić",
            "By ǅemal Bijedić",
            "By Ⓐnna Smith",
            "By Anna Smith — ⅣTV",
            "By most accounts, the law worked.",
            "By the time Buckley learned who had written the song",
            "Posted by Admin | 12:30 / News",
            "Author: Jane Doe, John Roe, Ann Poe and Bo Li",
            "By A B C D E F G",
            "By Anna Smith - A very long outlet name that goes on and on past the limit",
            "By Anna Smith — Ünïcödé Öutlet Ñame Thät Gøes Ön Änd Ön Päst Thé Lîmît",
            "by José\u{2003}García",
            "By Jane Doe\u{200b}",
            "By Mary-Jane O'Neil. Jr.",
            "Bÿ Jane Doe",
        ];
        for line in lines {
            assert_eq!(
                byline(line).map(str::to_string),
                reference(line),
                "{line:?}"
            );
        }
        assert_eq!(
            byline("By Seán O’Brien and Zoë Müller"),
            Some("Seán O’Brien and Zoë Müller")
        );
        assert_eq!(byline("ſtory by Anna Smith"), Some("Anna Smith"));
        assert_eq!(
            byline("By Владимир Путин, Москва"),
            Some("Владимир Путин, Москва")
        );
        assert_eq!(byline("by Jeff Foust — SpaceNews"), Some("Jeff Foust"));
        assert_eq!(byline("By Anna Smith - Reuters\u{a0}2024"), None);
        // and on every line of the sample articles
        let seeds =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/kremlin-talks");
        for entry in std::fs::read_dir(&seeds).expect("the example corpus") {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap_or_default();
            for line in text.lines() {
                let s = normalise(line);
                assert_eq!(byline(s).map(str::to_string), reference(s), "{s:?}");
            }
        }
    }

    fn reason(s: &str) -> Option<Reason> {
        classify(s)
    }

    #[test]
    fn a_byline_may_end_in_a_short_outlet_or_place() {
        assert_eq!(
            byline_name("By Jane Doe and John Roe | Reuters").as_deref(),
            Some("Jane Doe and John Roe")
        );
        assert_eq!(
            byline_name("By Anna Smith - Kyiv Bureau").as_deref(),
            Some("Anna Smith")
        );
        // Over 41 characters after the bar, in few words: not an outlet.
        let long = format!("By Jane Doe | {} Desk", "Worldwide".repeat(5));
        assert_eq!(byline_name(&long), None, "{long}");
        assert_ne!(reason(&long), Some(Reason::Byline));
        assert_eq!(reason("By Jane Doe, Reuters"), Some(Reason::Byline));
    }

    #[test]
    fn advertisement_markers() {
        for s in [
            "Story continues below advertisement",
            "Article continues after this ad",
            "ADVERTISEMENT",
            "Skip Advertisement",
            "Continue reading the main story",
        ] {
            assert_eq!(reason(s), Some(Reason::Advertisement), "{s}");
        }
    }

    #[test]
    fn widgets_and_counters() {
        for (s, r) in [
            ("Share", Reason::ShareWidget),
            ("Follow", Reason::ShareWidget),
            ("Short Url", Reason::ShareWidget),
            (
                "Share on Facebook | Share on X | Email",
                Reason::ShareWidget,
            ),
            ("Email this article to a friend", Reason::ShareWidget),
            ("3 / 12", Reason::SlideCounter),
            ("Photo 2 of 9", Reason::SlideCounter),
            ("- 6 min read", Reason::ReadTime),
            ("Reading time: 3 minutes", Reason::ReadTime),
            ("- 1,204 Views", Reason::ViewCounter),
            ("Updated 5 min ago", Reason::RelativeTimestamp),
            ("- Last update: 3 hours ago", Reason::RelativeTimestamp),
            (
                "14 minutes ago 5 min read POLITICS",
                Reason::RelativeTimestamp,
            ),
            (
                "Updated Nov 19, 6:55 AM;Posted Nov 19, 6:51 AM",
                Reason::Timestamp,
            ),
            ("Updated at 1:23 p.m.", Reason::Timestamp),
            ("Whatsapp Facebook Pint", Reason::ShareWidget),
            ("Image 1 of / 8", Reason::SlideCounter),
            (
                "© 2024 Example Media Group. All rights reserved.",
                Reason::Legal,
            ),
        ] {
            assert_eq!(reason(s), Some(r), "{s}");
        }
    }

    #[test]
    fn newsletters_captions_teasers() {
        assert_eq!(
            reason("Sign up for our morning briefing newsletter and get the news in your inbox."),
            Some(Reason::Newsletter)
        );
        assert_eq!(reason("Subscribe"), Some(Reason::Newsletter));
        assert_eq!(
            reason(
                "Rescue workers search the rubble in the city centre on Friday. (Reuters/John Doe)"
            ),
            Some(Reason::Caption)
        );
        assert_eq!(
            reason("In this handout photo released by the ministry, soldiers load shells."),
            Some(Reason::Caption)
        );
        assert_eq!(
            reason("1:45 Lawmakers vote on the new budget after a long night"),
            Some(Reason::VideoTeaser)
        );
        assert_eq!(reason("By Jane Q. Doe and Omar Said"), Some(Reason::Byline));
        assert_eq!(
            byline_name("Author: Maria Lopez").as_deref(),
            Some("Maria Lopez")
        );
        assert_eq!(
            byline_name("By Jane Doe - 11/18/19 11:04 PM EST").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(
            reason("Soldiers patrol the border on Friday.Credit: Reuters"),
            Some(Reason::Caption)
        );
    }

    #[test]
    fn prose_is_not_furniture() {
        for s in [
            "The minister said the newsletter he sent to members had been misread by critics.",
            "Officials said 12 of 40 buildings were damaged and 3 people were hurt.",
            "He will follow the talks closely, he said, and share the results with allies.",
            "By the end of the day, the delegation had left the capital.",
            "At 10:30 the delegation arrived.",
            "Putin said the meeting was useful.",
        ] {
            assert_eq!(reason(s), None, "{s}");
        }
    }

    #[test]
    fn shapes() {
        assert!(is_headline_like("Leaders meet in Geneva as talks stall"));
        assert!(is_headline_like("Talks end with no deal."));
        assert!(!is_headline_like(
            "The talks ended. Officials left. Nobody would say what comes next for the plan."
        ));
        assert!(is_caps_label("WORLD"));
        assert!(!is_caps_label("NATO said."));
        assert!(is_related_heading("Related stories"));
        assert!(is_related_heading("More from Politics"));
        assert!(is_related_heading("You may also like..."));
        assert!(is_related_link(
            "Read more: Leaders meet in Geneva as talks stall"
        ));
    }
}
