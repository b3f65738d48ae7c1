//! The dated happenings of a story, merged across outlets.
//!
//! Every calendar date in a sentence (resolved by `dossier-time` against its article's date, by
//! the tense of its own clause) is a report of a happening. What the report says happened is
//! the sentence; where the sentence dates two happenings ("Employers added 235,000 jobs last
//! month, the Labor Department reported on Friday"), the clause of each date; where a date
//! names a happening inside a noun phrase ("the Jan. 6 riot", "Tuesday's vote", "the 2015
//! nuclear deal"), that noun phrase, not the sentence's own verb. A date that is part of a
//! name ("the 1619 Project", "Super Tuesday", "the Jan. 6 committee"), the end of a span
//! ("from 2001 to 2005" is dated by 2001) or a "today" inside a quotation (said on a day the
//! text may not give) reports nothing.
//!
//! Reports from different articles are one event when their dates agree (a week or month that
//! contains the other's day counts) and they share enough: people and organisations count
//! one, places a half (they recur in every sentence of a story), shared content words a half
//! each; two reports of one article only when they share twice that (the lead told again). A weekday no
//! date anchored ("on Tuesday" in an undated article) takes the date of the matching report of
//! another article that falls on that weekday; otherwise it stays unresolved, its date
//! unknown (`null`). Each event cites the articles that report it, each with the sentence
//! that does ([`Evidence`]).

use crate::names::NameFinder;
use crate::reading::Sentence;
use crate::terms::{content_stems, Stems};
use chrono::{Datelike, NaiveDate, Weekday};
use dossier_model::{Article, Entity, EntityKind, Event, Evidence};
use dossier_time::{Precision, TimeExpression};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Least shared evidence for two reports to be one event.
const SAME_EVENT: f32 = 2.0;
/// Least content words two reports of one article share to be one event (an article that
/// tells a happening in its lead and again further down says most of it again; the names both
/// sentences give are not enough, so entities do not count here).
const REPEATED: usize = 6;

/// One report of an event: a dated sentence (or part of one) of one article.
struct Report<'a> {
    article: usize,
    /// The whole sentence, and where it begins in its article's text (bytes).
    sentence: &'a str,
    sentence_start: usize,
    /// What it says happened: the sentence, the date's clause, or the noun phrase dated.
    text: &'a str,
    when: &'a str,
    date: Option<NaiveDate>,
    precision: Option<Precision>,
    approximate: bool,
    /// The date as written in the JSON, or for an unresolved date a key of what it names.
    value: String,
    weekday: Option<Weekday>,
    entities: HashSet<usize>,
    words: Stems,
}

/// The events of a story: `articles` are its members, `sentences` each member's sentences,
/// `entities` the story's entities and `names` their finder. Sorted by date; unresolved ones
/// last.
pub fn story_events(
    articles: &[&Article],
    sentences: &[Vec<Sentence>],
    entities: &[Entity],
    names: &NameFinder,
) -> Vec<Event> {
    let mut reports: Vec<Report> = Vec::new();
    for (ai, ss) in sentences.iter().enumerate() {
        let first_of_article = reports.len();
        for s in ss {
            for (t, text) in happenings(s) {
                let value = event_date(t).unwrap_or_else(|| t.value.clone());
                let duplicate = reports[first_of_article..]
                    .iter()
                    .any(|r| r.value == value && r.text == text);
                if duplicate {
                    continue;
                }
                let offset = text.as_ptr() as usize - s.text.as_ptr() as usize;
                let span = offset..offset + text.len();
                reports.push(Report {
                    article: ai,
                    sentence: s.text,
                    sentence_start: s.start,
                    text,
                    when: &s.text[t.start..t.end],
                    date: t.date,
                    precision: t.precision,
                    approximate: t.approximate,
                    value,
                    weekday: t.weekday,
                    // names of two letters ("US") are too common to tie reports together
                    entities: s
                        .names(names)
                        .iter()
                        .filter(|m| m.end - m.start >= 3)
                        .filter(|m| span.contains(&m.start))
                        .map(|m| m.entity)
                        .collect(),
                    words: content_stems(text, is_calendar_word),
                });
            }
        }
    }
    resolve_weekdays(&mut reports, entities);
    // Day-precise reports first, so coarser ones can join the day they contain.
    let mut order: Vec<usize> = (0..reports.len()).collect();
    order.sort_by_key(|&i| (reports[i].precision.is_none(), reports[i].precision, i));
    let mut groups: Vec<Vec<usize>> = Vec::new();
    // Groups by their lead's value, and day-precise groups by day: a report is compared only
    // with the groups its date can agree with (see `dates_agree`), not with every group.
    let mut by_value: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_day: BTreeMap<NaiveDate, Vec<usize>> = BTreeMap::new();
    for i in order {
        let r = &reports[i];
        let mut candidates: Vec<usize> =
            by_value.get(r.value.as_str()).cloned().unwrap_or_default();
        if let (Some(start), Some(p)) = (r.date, r.precision) {
            let end = match p {
                Precision::Week => Some(start + chrono::Duration::days(7)),
                Precision::Month => start.checked_add_months(chrono::Months::new(1)),
                _ => None,
            };
            if let Some(end) = end {
                candidates.extend(
                    by_day
                        .range(start..end)
                        .flat_map(|(_, g)| g.iter().copied()),
                );
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        let best = candidates
            .into_iter()
            .map(|gi| (gi, &groups[gi]))
            // an article tells a happening once, unless it plainly repeats itself
            .filter(|(_, g)| {
                g.iter().all(|&k| {
                    reports[k].article != r.article
                        || reports[k].words.intersection(&r.words).count() >= REPEATED
                })
            })
            .filter(|(_, g)| dates_agree(&reports[g[0]], r))
            .map(|(gi, g)| {
                let score = g
                    .iter()
                    .map(|&k| shared(&reports[k], r, entities))
                    .fold(0.0f32, f32::max);
                (gi, score)
            })
            .filter(|&(_, score)| score >= SAME_EVENT)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        match best {
            Some((gi, _)) => groups[gi].push(i),
            None => {
                let gi = groups.len();
                groups.push(vec![i]);
                by_value.entry(r.value.as_str()).or_default().push(gi);
                if let (Some(day), Some(Precision::Day)) = (r.date, r.precision) {
                    by_day.entry(day).or_default().push(gi);
                }
            }
        }
    }
    let mut events: Vec<Event> = groups
        .into_iter()
        .map(|g| {
            let first = &reports[g[0]];
            let mut cited: Vec<&Report> = g.iter().map(|&k| &reports[k]).collect();
            cited.sort_by_key(|r| r.article);
            cited.dedup_by_key(|r| r.article);
            let resolved = first.date.is_some() && first.precision.is_some();
            Event {
                date: resolved.then(|| first.value.clone()),
                precision: first
                    .precision
                    .filter(|_| resolved)
                    .map_or("unresolved", Precision::as_str)
                    .to_string(),
                approximate: first.approximate,
                text: first.text.trim().to_string(),
                when: first.when.to_string(),
                articles: cited
                    .iter()
                    .map(|r| articles[r.article].id.clone())
                    .collect(),
                evidence: cited
                    .iter()
                    .map(|r| {
                        let a = articles[r.article];
                        Evidence::of(
                            &a.id,
                            &a.text,
                            r.sentence_start,
                            r.sentence_start + r.sentence.len(),
                        )
                    })
                    .collect(),
            }
        })
        .collect();
    events.sort_by(|a, b| {
        (a.date.is_none(), &a.date)
            .cmp(&(b.date.is_none(), &b.date))
            .then(b.articles.len().cmp(&a.articles.len()))
    });
    events
}

/// The date of a resolved expression as the JSON writes it, by its precision: `2025-12-02`,
/// `2025-W49`, `2025-12`, `2025-Q4`, `2025`, `1960s`; `None` when unresolved.
pub fn event_date(t: &TimeExpression) -> Option<String> {
    let d = t.date?;
    Some(match t.precision? {
        Precision::Day => d.format("%Y-%m-%d").to_string(),
        Precision::Week => dossier_time::calendar::iso_week(d),
        Precision::Month => d.format("%Y-%m").to_string(),
        Precision::Quarter => format!("{:04}-Q{}", d.year(), (d.month() - 1) / 3 + 1),
        Precision::Year => format!("{:04}", d.year()),
        Precision::Decade => format!("{:04}s", d.year() / 10 * 10),
    })
}

/// The happenings a sentence dates: each event date in it with what it says happened on it
/// (the whole sentence, the date's clause, or the noun phrase the date names).
fn happenings<'s, 'a>(s: &'s Sentence<'a>) -> Vec<(&'s TimeExpression, &'a str)> {
    let text: &'a str = s.text;
    if starts_mid_sentence(text) {
        return Vec::new();
    }
    let mentioned: Vec<&TimeExpression> = s
        .times
        .iter()
        .filter(|t| is_event_date(t))
        .filter(|t| !names_no_happening(s, t))
        .collect();
    // a sentence with two dates tells two things, though one be a bound or told in passing:
    // each dated happening is then its clause
    let two_dates = mentioned
        .iter()
        .map(|t| t.value.as_str())
        .collect::<HashSet<_>>()
        .len()
        > 1;
    let dated: Vec<&TimeExpression> = mentioned
        .into_iter()
        .filter(|t| !bounds_or_compares(text, t) && !scopes_a_forecast(text, t))
        .collect();
    let mut out: Vec<(&TimeExpression, &'a str)> = Vec::new();
    let mut in_clauses: Vec<&TimeExpression> = Vec::new();
    for (k, t) in dated.iter().enumerate() {
        if k > 0 && ends_a_span(text, dated[k - 1], t) {
            continue;
        }
        match modified_noun(text, t) {
            Some(Modified::Happening(np)) => out.push((t, np)),
            Some(Modified::Other) => {}
            None if in_relative_clause(text, t) => {}
            None => in_clauses.push(t),
        }
    }
    for t in in_clauses {
        let said = if two_dates {
            Some(clause_text(text, t))
                .filter(|c| readable_clause(text, c))
                .unwrap_or(text)
        } else {
            text
        };
        out.push((t, said));
    }
    out.sort_by_key(|(t, _)| t.start);
    out
}

/// The clause of `t` in `sentence`, widened to the next clause while it has fewer than four
/// words ("On Tuesday," alone says nothing).
fn clause_text<'a>(sentence: &'a str, t: &TimeExpression) -> &'a str {
    let (mut from, mut to) = dossier_time::clause::clause_of(sentence, t.start, t.end);
    let words = |a: usize, b: usize| sentence[a..b].split_whitespace().count();
    while words(from, to) < 4 && to < sentence.len() {
        let (_, next) = dossier_time::clause::clause_of(sentence, to, to);
        if next <= to {
            break;
        }
        to = next;
    }
    while words(from, to) < 4 && from > 0 {
        let (prev, _) = dossier_time::clause::clause_of(sentence, from - 1, from - 1);
        if prev >= from {
            break;
        }
        from = prev;
    }
    sentence[from..to].trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | ':' | '—' | '–' | '(' | ')' | '"' | '“' | '”')
    })
}

/// Whether a sentence as split begins inside another ("ederal laws ...", "14, the budget
/// resolution ..." after a split at an abbreviation): no timeline entry can be read from it.
fn starts_mid_sentence(sentence: &str) -> bool {
    let first = sentence.split_whitespace().next().unwrap_or("");
    let mut chars = first.chars();
    let lower = chars.next().is_some_and(char::is_lowercase)
        && !chars.next().is_some_and(char::is_uppercase);
    let cut_number = first.ends_with(',') && first.starts_with(|c: char| c.is_ascii_digit());
    lower || cut_number
}

/// Whether a clause cut from its sentence reads as a clause of its own: at least four words,
/// not begun by "and" or "or" (a cut inside a list), by a digit and a comma (a date cut in
/// two) or by a lower-case word that is not a subject ("the ministry reported on Friday" reads;
/// "arbitrate thorny issues" does not), and with no dash or bracket inside (a clause widened
/// across an aside). Nor may it end where a bare "and" or "or" begins the next one: that may
/// join two nouns ("held the vote after the council and the mayor had asked").
fn readable_clause(sentence: &str, clause: &str) -> bool {
    let end = clause.as_ptr() as usize - sentence.as_ptr() as usize + clause.len();
    let rest = sentence[end..].trim_start();
    if (rest.starts_with("and ") || rest.starts_with("or "))
        && !sentence[..end].trim_end().ends_with(',')
    {
        return false;
    }
    let words: Vec<&str> = clause.split_whitespace().collect();
    let Some(first) = words.first() else {
        return false;
    };
    let first_lower = first.to_lowercase();
    let lower_start = first.starts_with(|c: char| c.is_lowercase());
    let subject = matches!(
        first_lower.as_str(),
        "the"
            | "a"
            | "an"
            | "he"
            | "she"
            | "it"
            | "they"
            | "we"
            | "i"
            | "you"
            | "his"
            | "her"
            | "its"
            | "their"
            | "this"
            | "these"
            | "those"
            | "officials"
            | "police"
            | "but"
    );
    // an attribution reads whole: "according to figures released Monday"
    let attribution = words.iter().any(|w| {
        matches!(
            w.trim_matches(|c: char| !c.is_alphabetic()),
            "said" | "says" | "told" | "reported" | "announced" | "according" | "added"
        )
    });
    words.len() >= 4
        && !matches!(first_lower.as_str(), "and" | "or" | "nor")
        && !(first.ends_with(',') && first.starts_with(|c: char| c.is_ascii_digit()))
        && (!lower_start || subject || attribution)
        && !clause.contains(['—', '–', '(', ')'])
        && !clause.contains(" -- ")
}

/// Words that make the part of a sentence after them a relative clause.
const RELATIVES: &[&str] = &["which", "who", "whom", "whose", "that"];

/// Words before "that" that make it begin a reported clause, not a relative one ("said that",
/// "showed that", "told reporters that").
const REPORTING: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "showed",
    "shows",
    "show",
    "found",
    "finds",
    "announced",
    "announces",
    "reported",
    "reports",
    "noted",
    "argued",
    "claimed",
    "believe",
    "believes",
    "think",
    "thinks",
    "thought",
    "warned",
    "added",
    "stated",
    "wrote",
    "insisted",
    "confirmed",
    "revealed",
    "suggested",
    "indicated",
    "acknowledged",
    "admitted",
    "explained",
    "agreed",
    "ruled",
    "decided",
    "concluded",
    "learned",
    "hoped",
    "feared",
    "know",
    "knew",
    "mean",
    "means",
    "meant",
    "so",
    "such",
    "now",
    "clear",
    "is",
    "was",
    "reporters",
    "out",
];

/// Whether `t` stands in a relative clause ("the attack that hit the depot on Friday",
/// "..., which he helped delay on Jan. 6", "the company that she, its founder, started 20
/// years ago"): it dates the clause's own happening, told in passing, not what the sentence
/// reports, and a relative clause read alone is no sentence. A relative after a comma ends at
/// the next comma (", who served in the navy, died June 3": the date is the sentence's).
fn in_relative_clause(sentence: &str, t: &TimeExpression) -> bool {
    let (from, _) = dossier_time::clause::clause_of(sentence, t.start, t.end);
    if from == 0 || from > t.start {
        return false;
    }
    let clause = &sentence[from..t.start];
    let first = clause
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("")
        .to_lowercase();
    if !RELATIVES.contains(&first.as_str()) {
        return false;
    }
    let before = sentence[..from].trim_end();
    let after_comma = before.ends_with(',');
    if after_comma && clause.contains(',') {
        return false;
    }
    let previous = before
        .rsplit(' ')
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphabetic())
        .to_lowercase();
    match first.as_str() {
        // "the officials who spoke on condition of anonymity said Monday": a "who" without a
        // comma is the subject's, and the sentence's verb follows
        "who" | "whom" => after_comma,
        "that" => {
            !(previous.ends_with("ed") || REPORTING.contains(&previous.as_str()))
                && previous.chars().next().is_some_and(char::is_alphabetic)
        }
        _ => true,
    }
}

/// What a date inside a noun phrase dates.
enum Modified<'a> {
    /// A happening: the noun phrase ("the violent Jan. 6 insurrection", "Tuesday's vote").
    Happening(&'a str),
    /// A thing that is not a happening ("the Jan. 6 committee", "the 1619 Project",
    /// "2019 levels"): no report.
    Other,
}

/// Happenings a date in a noun phrase can name.
const HAPPENINGS: &[&str] = &[
    "riot",
    "riots",
    "attack",
    "attacks",
    "insurrection",
    "siege",
    "assault",
    "breach",
    "shooting",
    "shootings",
    "bombing",
    "bombings",
    "killing",
    "killings",
    "murder",
    "massacre",
    "invasion",
    "coup",
    "crash",
    "explosion",
    "blast",
    "earthquake",
    "quake",
    "collapse",
    "uprising",
    "raid",
    "ambush",
    "fire",
    "storm",
    "hurricane",
    "flood",
    "floods",
    "election",
    "elections",
    "vote",
    "primary",
    "runoff",
    "referendum",
    "recall",
    "debate",
    "speech",
    "address",
    "summit",
    "meeting",
    "talks",
    "visit",
    "trip",
    "ceremony",
    "rally",
    "protest",
    "protests",
    "march",
    "deal",
    "agreement",
    "accord",
    "treaty",
    "ceasefire",
    "truce",
    "war",
    "strike",
    "strikes",
    "withdrawal",
    "pullout",
    "evacuation",
    "ruling",
    "decision",
    "verdict",
    "sentencing",
    "trial",
    "hearing",
    "indictment",
    "arrest",
    "inauguration",
    "announcement",
    "launch",
    "deadline",
    "campaign",
    "crackdown",
    "disaster",
    "outbreak",
    "lockdown",
    "census",
    "convention",
    "conference",
    "interview",
    "testimony",
    "impeachment",
    "acquittal",
];

/// Words that begin a noun phrase before a date in it.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "his", "her", "their", "our", "this", "that", "these", "those",
];

/// Whether `t` modifies a noun ("the Jan. 6 riot", "Tuesday's vote", "the 1619 Project"),
/// and if so what it dates. `None`: the date stands in its clause ("on Jan. 6").
fn modified_noun<'a>(sentence: &'a str, t: &TimeExpression) -> Option<Modified<'a>> {
    let after = &sentence[t.end..];
    let (possessive, rest) = match after
        .strip_prefix("'s")
        .or_else(|| after.strip_prefix("’s"))
    {
        Some(rest) => (true, rest),
        None => (false, after),
    };
    if !rest.starts_with(' ') {
        return None;
    }
    // the words just before, nearest first, with their offsets
    let before: Vec<(usize, &str)> = sentence[..t.start]
        .split(' ')
        .scan(0usize, |at, w| {
            let here = *at;
            *at += w.len() + 1;
            Some((here, w))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .take(3)
        .collect();
    // a determiner just before, or before one or two adjectives: "the violent Jan. 6 riot"
    let determiner = before
        .iter()
        .position(|(_, w)| DETERMINERS.contains(&w.to_lowercase().as_str()));
    let adjectives_only = determiner.is_some_and(|k| {
        before[..k]
            .iter()
            .all(|(_, w)| w.chars().all(|c| c.is_lowercase() || c == '-') && !NOT_NOUNS.contains(w))
    });
    let next: Vec<(usize, &str)> = words_with_offsets(rest).into_iter().take(3).collect();
    let (_, first) = *next.first()?;
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    // "the 1619 Project", "The House Jan. 6 Select Committee": a name
    let name_before = before
        .first()
        .is_some_and(|(_, w)| capitalised(w) && !NOT_NOUNS.contains(&w.to_lowercase().as_str()));
    if capitalised(first) && (possessive || adjectives_only || name_before) {
        return Some(Modified::Other);
    }
    if !(possessive || adjectives_only) {
        return None;
    }
    if !first.chars().all(|c| c.is_lowercase() || c == '-') || NOT_NOUNS.contains(&first) {
        return None;
    }
    let Some(&(at, head)) = next.iter().find(|(_, w)| HAPPENINGS.contains(w)) else {
        return Some(Modified::Other);
    };
    let start = match determiner {
        Some(k) if adjectives_only => before[k].0,
        _ => t.start,
    };
    let head_end = t.end + (after.len() - rest.len()) + at + head.len();
    let end = head_end + following_phrase(&sentence[head_end..]);
    Some(Modified::Happening(&sentence[start..end]))
}

/// Prepositions whose phrase after a happening's noun belongs to it ("the Jan. 6 attack on the
/// Capitol", "his August meeting with Trump in Alaska").
const PREPOSITIONS: &[&str] = &[
    "on", "at", "in", "with", "against", "of", "between", "near", "outside", "inside", "by",
];

/// How many bytes of `rest` (what follows a happening's noun) are its prepositional phrases:
/// up to the next punctuation or clause word, at most ten words.
fn following_phrase(rest: &str) -> usize {
    let words = words_with_offsets(rest);
    if !words
        .first()
        .is_some_and(|(at, w)| *at == 1 && PREPOSITIONS.contains(w))
    {
        return 0;
    }
    let mut end = 0;
    for (k, (at, w)) in words.iter().enumerate() {
        let gap = &rest[end..*at];
        let stop = gap.contains([',', ';', ':', '"', '“', '”', '(', '—'])
            || (gap.contains('.') && !gap.trim().eq("."))
            || (k > 0
                && matches!(
                    *w,
                    "and" | "but" | "which" | "that" | "who" | "as" | "after"
                ))
            || k == 10;
        if stop {
            break;
        }
        end = at + w.len();
    }
    end
}

/// Words after a date that show it stands in its clause ("in 2020 saw", "the 2nd of").
const NOT_NOUNS: &[&str] = &[
    "and", "or", "but", "to", "of", "in", "on", "at", "by", "for", "with", "from", "as", "that",
    "when", "while", "after", "before", "was", "were", "is", "are", "saw", "had", "has", "will",
    "would", "said", "says", "the", "a", "an", "than", "through", "until",
];

/// The words of `text` (letters, digits and hyphens) with their byte offsets.
fn words_with_offsets(text: &str) -> Vec<(usize, &str)> {
    crate::terms::word_spans_where(text, |c| c.is_alphanumeric() || c == '-')
}

/// Capitalised words that make a weekday a name ("Super Tuesday", "Black Friday").
const NAMED_DAYS: &[&str] = &[
    "Super", "Black", "Cyber", "Good", "Ash", "Easter", "Palm", "Fat", "Bloody", "Giving", "Holy",
    "Maundy", "Shrove", "Small",
];

/// Whether `t` is a date that reports nothing: part of a name ("Super Tuesday", "the Fourth
/// of July"), or "today", "yesterday" or "tomorrow" inside a quotation (relative to a day of
/// speaking the text need not give).
fn names_no_happening(s: &Sentence, t: &TimeExpression) -> bool {
    let before = s.text[..t.start].trim_end();
    let previous = before.rsplit(' ').next().unwrap_or("");
    let weekday = t.weekday.is_some() || s.text[t.start..t.end].ends_with("day");
    if weekday && NAMED_DAYS.contains(&previous) {
        return true;
    }
    if before.ends_with("Fourth of") || before.ends_with("fourth of") {
        return true;
    }
    // "the Voting Rights Act of 2021", "the Class of 2020": a year that ends a name
    if let Some(name) = before.strip_suffix(" of") {
        let word = name.rsplit(' ').next().unwrap_or("");
        let capitalised = word.chars().next().is_some_and(char::is_uppercase);
        let sentence_start = name.len() == word.len();
        if capitalised && !sentence_start && dossier_time::calendar::month(word).is_none() {
            return true;
        }
    }
    let when = s.text[t.start..t.end].to_lowercase();
    let day_word = ["today", "tonight", "yesterday", "tomorrow"]
        .iter()
        .any(|w| when.starts_with(w))
        || when == "this morning"
        || when == "last night";
    day_word && inside_quotation(s, t)
}

/// Words before a date that make it a bound or a point of comparison, not the day of the
/// clause's happening: "through Dec. 3", "until March", "by 2030", "since April 1982", "than in
/// 2019", "an increase from March", "as of Monday".
const BOUNDS: &[&str] = &[
    "through", "thru", "until", "till", "til", "by", "since", "than", "from", "versus", "vs",
];

/// Words between a bound and its date ("through the end of March", "since early 2020").
const BOUND_FILLERS: &[&str] = &[
    "the",
    "end",
    "start",
    "beginning",
    "middle",
    "of",
    "early",
    "late",
    "mid",
    "at",
    "least",
    "on",
    "in",
];

/// Whether `t` is the end of a span, a deadline or a point of comparison ("extended through
/// Dec. 3", "the highest since April 1982", "up from 2019", "as of Monday"): the clause's
/// happening did not take place on it. A "since" reaches over the words after it back to the
/// nearest punctuation ("since the end of the war in 1994"); the others stand just before the
/// date. "from" that begins a span
/// ("from 2001 to 2005") is its start, and dates it.
fn bounds_or_compares(sentence: &str, t: &TimeExpression) -> bool {
    let before = &sentence[..t.start];
    // the words back to the nearest punctuation, nearest first, lower-cased
    // (a comma inside a figure, "5,100", is no punctuation)
    let phrase_start = before
        .char_indices()
        .rev()
        .find(|&(k, c)| {
            matches!(c, ';' | ':' | '(' | '"' | '“' | '”' | '—' | '–')
                || (c == ',' && !before[k + 1..].starts_with(|d: char| d.is_ascii_digit()))
        })
        .map_or(0, |(k, c)| k + c.len_utf8());
    let words: Vec<String> = before[phrase_start..]
        .split_whitespace()
        .rev()
        .take(12)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    let lower = |k: usize| words.get(k).map_or("", String::as_str);
    if lower(0) == "of" && lower(1) == "as" {
        return true;
    }
    if matches!(lower(0), "with" | "to") && matches!(lower(1), "compared" | "relative") {
        return true;
    }
    // "since the end of the war in 1994", "since he took office in January": the point a
    // comparison or a state runs from, whatever happened on it
    if words.iter().any(|w| w == "since") {
        return true;
    }
    // "for the week ended May 29": the end of the period measured
    if matches!(lower(0), "ended" | "ending")
        && matches!(
            lower(1),
            "week" | "month" | "quarter" | "year" | "period" | "days"
        )
    {
        return true;
    }
    // "an increase from the 180,034 counted in May": a change from a figure of that date
    if let Some(k) = words.iter().position(|w| w == "from") {
        let figure = words[..k]
            .iter()
            .any(|w| w.starts_with(|c: char| c.is_ascii_digit()));
        if figure && words[k + 1..].iter().any(|w| CHANGES.contains(&w.as_str())) {
            return true;
        }
    }
    // fillers and figures may stand between: "down from 5,100 in January"
    let Some(k) = words.iter().position(|w| {
        !BOUND_FILLERS.contains(&w.as_str()) && !w.starts_with(|c: char| c.is_ascii_digit())
    }) else {
        return false;
    };
    let bound = words[k].as_str();
    if !BOUNDS.contains(&bound) {
        return false;
    }
    if bound == "from" {
        // a change measured from a point ("up from March", "rose 3% from 2019"), not the
        // start of a span ("from 2001 to 2005") or an origin ("a treaty from the 1960s")
        let after = sentence[t.end..].trim_start().to_lowercase();
        let span = ["to ", "through ", "until ", "till ", "-", "–", "and "]
            .iter()
            .any(|w| after.starts_with(w));
        return !span && words[k + 1..].iter().any(|w| CHANGES.contains(&w.as_str()));
    }
    true
}

/// Words of change that make a "from" before a date a point of comparison.
const CHANGES: &[&str] = &[
    "up",
    "down",
    "increase",
    "increased",
    "rise",
    "rose",
    "risen",
    "fell",
    "fallen",
    "drop",
    "dropped",
    "decline",
    "declined",
    "jumped",
    "climbed",
    "grew",
    "gain",
    "gained",
    "change",
    "changed",
    "higher",
    "lower",
    "compared",
    "ticked",
    "edged",
    "slipped",
    "surged",
    "soared",
    "plunged",
    "improved",
    "increases",
    "decrease",
    "decreased",
    "more",
    "less",
];

/// Words that make a year, quarter or month after them the scope of a forecast, a plan or a
/// measure, not the time of a happening ("the outlook for this year", "growth of 5.9% this
/// year, the fund projected").
const SCOPES: &[&str] = &[
    "outlook",
    "forecast",
    "forecasts",
    "projection",
    "projections",
    "projected",
    "projects",
    "estimate",
    "estimates",
    "expects",
    "expect",
    "predicts",
    "predicted",
    "prediction",
    "guidance",
    "target",
    "budget",
];

/// Whether `t` is a period (a month or longer) that a forecast, an estimate or a budget in its
/// clause is for ("The revised outlook for this year comes amid ...", "the IMF expects growth
/// of 5.9% this year"): a scope, not when something happened.
fn scopes_a_forecast(sentence: &str, t: &TimeExpression) -> bool {
    if !matches!(
        t.precision,
        Some(Precision::Month | Precision::Quarter | Precision::Year)
    ) {
        return false;
    }
    let (from, to) = dossier_time::clause::clause_of(sentence, t.start, t.end);
    let lower = sentence[from..to].to_lowercase();
    lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| SCOPES.contains(&w))
}

/// Whether `t` stands inside quotation marks in its paragraph.
fn inside_quotation(s: &Sentence, t: &TimeExpression) -> bool {
    let offset = s.text.as_ptr() as usize - s.paragraph_text.as_ptr() as usize;
    let before = &s.paragraph_text[..offset + t.start];
    let straight = before.matches('"').count();
    let opened = before.matches('“').count();
    let closed = before.matches('”').count();
    straight % 2 == 1 || opened > closed
}

/// Whether `t` ends a span that `previous` begins ("from 2001 to 2005", "2019-2021",
/// "between March and May"): the span is dated by its start.
fn ends_a_span(sentence: &str, previous: &TimeExpression, t: &TimeExpression) -> bool {
    if previous.end > t.start {
        return false;
    }
    let gap = sentence[previous.end..t.start].trim();
    matches!(
        gap,
        "-" | "–" | "—" | "to" | "through" | "until" | "till" | "and"
    ) && (gap != "and"
        || sentence[..previous.start]
            .trim_end()
            .to_lowercase()
            .ends_with("between"))
}

/// A date that places a happening: a day, week, month, quarter or year (not "now", not a
/// duration), or a weekday or day of a month still to be anchored.
fn is_event_date(t: &TimeExpression) -> bool {
    // a time of day without a day ("at 1 a.m.", "midnight") dates nothing
    let clock = t.value.len() > 11 && t.value.as_bytes()[11].is_ascii_digit();
    if t.kind == dossier_time::Kind::Time && clock && t.relative {
        return false;
    }
    match t.kind {
        dossier_time::Kind::Date | dossier_time::Kind::Time => {
            t.date.is_some() || t.weekday.is_some() || t.value.starts_with("XXXX-")
        }
        _ => false,
    }
}

fn is_calendar_word(w: &str) -> bool {
    dossier_time::calendar::month(w).is_some()
        || dossier_time::calendar::weekday(w).is_some()
        || matches!(
            w,
            "week" | "weeks" | "month" | "months" | "year" | "years" | "today"
        )
}

/// Evidence that two reports tell of the same happening.
fn shared(a: &Report, b: &Report, entities: &[Entity]) -> f32 {
    let people: f32 = a
        .entities
        .intersection(&b.entities)
        .map(|&i| match entities[i].kind {
            EntityKind::Place => 0.5,
            _ => 1.0,
        })
        .sum();
    people + 0.5 * a.words.intersection(&b.words).count() as f32
}

/// Whether `r` may report the same happening as the group led by `lead` (the group's most
/// precise report): the same value, or a coarser date that contains the lead's day.
fn dates_agree(lead: &Report, r: &Report) -> bool {
    if lead.value == r.value {
        return true;
    }
    let (Some(day), Some(start), Some(p)) = (lead.date, r.date, r.precision) else {
        return false;
    };
    if lead.precision != Some(Precision::Day) {
        return false;
    }
    match p {
        Precision::Week => day >= start && day < start + chrono::Duration::days(7),
        Precision::Month => day.year() == start.year() && day.month() == start.month(),
        _ => false,
    }
}

/// Gives an unanchored weekday the date of the best-matching dated report of another article
/// that falls on that weekday.
fn resolve_weekdays(reports: &mut [Report], entities: &[Entity]) {
    for i in 0..reports.len() {
        let Some(w) = reports[i].weekday.filter(|_| reports[i].date.is_none()) else {
            continue;
        };
        let best = (0..reports.len())
            .filter(|&k| {
                reports[k].article != reports[i].article
                    && reports[k].precision == Some(Precision::Day)
                    && reports[k].date.is_some_and(|d| d.weekday() == w)
            })
            .map(|k| (k, shared(&reports[k], &reports[i], entities)))
            .filter(|&(_, s)| s >= SAME_EVENT)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((k, _)) = best {
            let (date, value) = (reports[k].date, reports[k].value.clone());
            let r = &mut reports[i];
            r.date = date;
            r.value = value;
            r.precision = Some(Precision::Day);
            r.weekday = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reading::read;

    fn article(id: &str, published: &str, text: &str) -> Article {
        Article {
            id: id.into(),
            text: text.into(),
            published: NaiveDate::parse_from_str(published, "%Y-%m-%d").ok(),
            ..Default::default()
        }
    }

    /// The events of `articles` read as one story, without entities.
    fn events_of(articles: &[Article]) -> Vec<Event> {
        let members: Vec<&Article> = articles.iter().collect();
        let sentences: Vec<Vec<Sentence>> = articles.iter().map(read).collect();
        let names = NameFinder::new(&[], 1);
        story_events(&members, &sentences, &[], &names)
    }

    fn dated(events: &[Event]) -> Vec<(Option<&str>, &str)> {
        events
            .iter()
            .map(|e| (e.date.as_deref(), e.text.as_str()))
            .collect()
    }

    #[test]
    fn each_happening_is_dated_by_its_own_clause_or_noun_phrase() {
        // 2021-09-03 is a Friday
        let a = article(
            "a",
            "2021-09-03",
            "Factories hired 120,000 workers last month, the ministry reported on Friday.\n\
             A new chief was named to lead the force after the violent Jan. 6 riot at the depot.",
        );
        let events = events_of(&[a]);
        assert_eq!(
            dated(&events),
            [
                (Some("2021-01-06"), "the violent Jan. 6 riot at the depot"),
                (
                    Some("2021-08"),
                    "Factories hired 120,000 workers last month"
                ),
                (Some("2021-09-03"), "the ministry reported on Friday."),
            ]
        );
        // the whole sentence is the evidence, with its place in the article
        let e = &events[2].evidence[0];
        assert_eq!(e.article, "a");
        assert_eq!(e.start, 0);
        assert!(e.sentence.starts_with("Factories hired"));
    }

    #[test]
    fn names_and_span_ends_date_nothing() {
        let a = article(
            "a",
            "2021-07-04",
            "Critics of the 1619 Project spoke at the rally.\n\
             The senator served from 2001 to 2005 on the committee.\n\
             She voted on Super Tuesday in the primary.\n\
             The House Jan. 6 Select Committee met again.",
        );
        let events = events_of(&[a]);
        assert_eq!(
            dated(&events),
            [(
                Some("2001"),
                "The senator served from 2001 to 2005 on the committee."
            )]
        );
    }

    #[test]
    fn bounds_comparison_points_and_names_date_nothing() {
        let a = article(
            "a",
            "2022-03-10",
            "The mayor spoke of the decades since the end of the old charter in 1988.\n\
             Bread prices rose the most since April 1979.\n\
             The council extended the curfew through Nov. 4 after a long debate.\n\
             Sales fell to 4,000 units, down from 5,100 in January.\n\
             Members debated the Clean Harbours Act of 2021 at length.\n\
             The outlook for this year was cut as orders slowed.\n\
             As of Monday, 40 wells had run dry.\n\
             Claims fell to 2,100 in the week ended March 5.\n\
             Arrivals reached 9,000, a rise from the 8,200 counted in January.\n\
             The council voted on Tuesday to keep the curfew until March.",
        );
        let events = events_of(&[a]);
        assert_eq!(
            dated(&events),
            [(
                Some("2022-03-08"),
                "The council voted on Tuesday to keep the curfew until March."
            )]
        );
    }

    #[test]
    fn a_relative_clause_does_not_date_its_sentence() {
        let a = article(
            "a",
            "2022-03-10",
            "The ferry firm that the brothers, both engineers, founded 30 years ago sold its last boat.\n\
             Rescuers searched the hills, which the storm hit on Monday, for a missing hiker.\n\
             The ranger, who joined the service in 1990, retired on Tuesday.",
        );
        let events = events_of(&[a]);
        assert_eq!(
            dated(&events),
            [(
                Some("2022-03-08"),
                "The ranger, who joined the service in 1990, retired on Tuesday."
            )]
        );
    }

    #[test]
    fn an_entry_is_a_readable_clause_or_its_whole_sentence() {
        // 2022-03-11 is a Friday
        let a = article(
            "a",
            "2022-03-11",
            "In February, Harbour and Border Police detained 300 people, the agency said on Friday.\n\
             The board held the vote Thursday after the council and the mayor had asked for a delay last week.",
        );
        let events = events_of(&[a]);
        let texts: Vec<&str> = events.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "In February, Harbour and Border Police detained 300 people",
                "The board held the vote Thursday after the council and the mayor had asked for a delay last week.",
                "the agency said on Friday.",
                "The board held the vote Thursday after the council and the mayor had asked for a delay last week.",
            ],
            "{events:#?}"
        );
        // a sentence split inside another gives no entry
        let b = article("b", "2022-03-11", "lawmakers met on Friday to vote.");
        assert!(events_of(&[b]).is_empty());
    }

    #[test]
    fn a_day_word_inside_a_quotation_and_a_clock_time_date_nothing() {
        let a = article(
            "a",
            "2021-04-28",
            "\"Today I handed in my resignation,\" the editor wrote.\n\
             Polls closed at 8 p.m. in the city.",
        );
        assert!(events_of(&[a]).is_empty());
    }

    #[test]
    fn one_happening_from_several_reports_is_one_event_citing_each_with_its_sentence() {
        // 2021-06-14 is a Monday
        let a = article(
            "a",
            "2021-06-15",
            "The harbour authority closed the northern port on Monday after the storm surge.",
        );
        let b = article(
            "b",
            "2021-06-15",
            "After the storm surge the northern port was closed by the harbour authority on Monday.\n\
             The northern port closed on Monday after the storm surge, the harbour authority said.",
        );
        let events = events_of(&[a, b]);
        assert_eq!(events.len(), 1, "{events:#?}");
        let e = &events[0];
        assert_eq!(e.date.as_deref(), Some("2021-06-14"));
        assert_eq!(e.articles, ["a", "b"]);
        assert_eq!(e.evidence.len(), 2);
        assert_eq!(e.evidence[1].article, "b");
        assert!(e.evidence[1].sentence.starts_with("After the storm surge"));
    }

    #[test]
    fn an_unanchored_weekday_has_no_date_and_dates_are_in_the_documented_forms() {
        let a = article(
            "a",
            "",
            "The envoys met at the palace on Tuesday.\nThe treaty dates from the 1960s.",
        );
        let events = events_of(&[a]);
        assert_eq!(events.len(), 2, "{events:#?}");
        assert_eq!(events[0].date.as_deref(), Some("1960s"));
        assert_eq!(events[0].precision, "decade");
        assert_eq!(events[1].date, None);
        assert_eq!(events[1].precision, "unresolved");
        assert_eq!(events[1].when, "Tuesday");
    }
}
