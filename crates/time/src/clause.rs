//! The clause a time expression belongs to, and that clause's tense.
//!
//! A news sentence often holds two happenings with two times ("Employers added 235,000 jobs
//! last month, the Labor Department reported on Friday"; "Biden said on Monday he will travel
//! on Friday"). A weekday or a day of a month without a year is resolved by the tense of its
//! own clause, not by any verb of the sentence: the tense marker ("will", "said", "expected
//! to", a past form) nearest to the expression inside its clause decides, and where the
//! clause has none, the nearest one in the sentence. Clauses are cut at semicolons, colons,
//! dashes, quotation marks, and before conjunctions and relative words ("and", "but", "which",
//! "that", ", after").

/// What a clause says of its time: past reporting, future or scheduled, or nothing either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    /// A date that names an unscheduled happening ("the Jan. 6 riot") or follows its past verb
    /// ("died June 3", "was killed on May 2"): it has happened.
    Happened,
    Future,
    Unknown,
}

/// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "st", "jr", "sr",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon",
    "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "no", "vs", "inc", "corp",
    "co", "ltd", "prof", "rev", "ft", "mt", "calif", "fla", "ariz", "mass", "conn", "ill", "tenn",
    "wash", "va", "pa", "ga", "la", "ky", "mich", "minn", "wis", "okla", "ore", "nev", "colo",
];

/// The byte range of the sentence of `text` around `start..end`: from after the last sentence
/// end before it to the next sentence end after it (a full stop after an abbreviation, an
/// initial or inside a number does not end a sentence; a line break always does).
pub fn sentence_around(text: &str, start: usize, end: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let ends_sentence = |i: usize| -> bool {
        match bytes[i] {
            b'\n' => true,
            b'!' | b'?' => bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace()),
            b'.' => {
                if !bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace()) {
                    return false;
                }
                let word_start = text[..i]
                    .char_indices()
                    .rev()
                    .find(|(_, c)| !c.is_alphanumeric())
                    .map_or(0, |(k, c)| k + c.len_utf8());
                let word = &text[word_start..i];
                let single = word.chars().count() == 1;
                let dotted = text[..word_start].ends_with('.');
                !(single || dotted || ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word)))
            }
            _ => false,
        }
    };
    let from = (0..start.min(bytes.len()))
        .rev()
        .find(|&i| ends_sentence(i))
        .map_or(0, |i| i + 1);
    let to = (end..bytes.len())
        .find(|&i| ends_sentence(i))
        .map_or(bytes.len(), |i| i + 1);
    (from, to)
}

/// Words before which a clause begins (after a comma, or alone for the strongest).
const CLAUSE_WORDS: &[&str] = &[
    "and", "but", "while", "which", "who", "whom", "whose", "where", "when", "after", "before",
    "although", "though", "because", "since", "unless", "until", "whereas", "yet", "or", "if",
    "as", "that",
];

/// Clause starts in `sentence`, as byte offsets (0 first).
fn clause_starts(sentence: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let bytes = sentence.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = sentence[i..].chars().next().expect("on a char boundary");
        let len = c.len_utf8();
        match c {
            ';' | ':' | '"' | '“' | '”' | '—' | '–' | '(' | ')' => starts.push(i + len),
            ' ' => {
                let rest = &sentence[i + 1..];
                let word: &str = rest
                    .split(|ch: char| !ch.is_alphabetic())
                    .next()
                    .unwrap_or("");
                let after_comma = sentence[..i].ends_with(',');
                let strong = matches!(word, "and" | "but" | "which" | "who" | "that" | "whose");
                if (!word.is_empty()
                    && (after_comma || strong)
                    && CLAUSE_WORDS.contains(&word)
                    && !time_noun_follows(&rest[word.len()..])
                    && !(word == "and" && !after_comma && joins_names(sentence, i)))
                    || (after_comma && is_attribution(rest))
                {
                    starts.push(i + 1);
                }
            }
            _ => {}
        }
        i += len;
    }
    starts
}

/// Whether the comma-delimited part that `rest` begins is a short attribution (", aides
/// said", ", the ministry reported on Friday"): a clause of its own.
fn is_attribution(rest: &str) -> bool {
    let part = rest.split([',', ';']).next().unwrap_or("");
    let words: Vec<&str> = part
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.len() <= 8
        && words.iter().any(|w| {
            matches!(
                *w,
                "said" | "says" | "told" | "reported" | "added" | "announced" | "according"
            )
        })
}

/// Whether the "and" after `space` (a byte offset in `sentence`) joins two names or numbers
/// ("Customs and Border Protection", "the FDA and CDC", "189 killed and 516 injured"), not two
/// clauses.
fn joins_names(sentence: &str, space: usize) -> bool {
    let before = sentence[..space].rsplit(' ').next().unwrap_or("");
    let after = sentence[space + 1..]
        .strip_prefix("and ")
        .unwrap_or("")
        .trim_start();
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    after.starts_with(|c: char| c.is_ascii_digit()) || (capitalised(before) && capitalised(after))
}

/// Whether a time noun follows ("that day", "as of Tuesday" is not a clause).
fn time_noun_follows(rest: &str) -> bool {
    let next = rest
        .trim_start()
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    let next = next.to_ascii_lowercase();
    matches!(
        next.as_str(),
        "day" | "week" | "month" | "year" | "night" | "morning" | "time" | "of" | "well" | "soon"
    ) || crate::calendar::weekday(&next).is_some()
        || (next.len() > 2 && crate::calendar::month(&next).is_some())
}

/// The byte range, within `sentence`, of the clause holding `start..end`.
pub fn clause_of(sentence: &str, start: usize, end: usize) -> (usize, usize) {
    let starts = clause_starts(sentence);
    let from = starts
        .iter()
        .copied()
        .filter(|&s| s <= start)
        .max()
        .unwrap_or(0);
    let to = starts
        .iter()
        .copied()
        .filter(|&s| s >= end)
        .min()
        .unwrap_or(sentence.len());
    (from, to)
}

/// Words and phrases that put a clause in the future (or make it scheduled).
const FUTURE: &[&str] = &[
    "will",
    "'ll",
    "’ll",
    "won't",
    "won’t",
    "shall",
    "would",
    "might",
    "should",
    "must",
    "is to",
    "are to",
    "set to",
    "set for",
    "scheduled",
    "slated",
    "expected",
    "plans to",
    "plan to",
    "planned to",
    "planning",
    "going to",
    "upcoming",
    "to be held",
    "as soon as",
    "ahead of",
    "poised to",
    "intends to",
    "forecast to",
    "forecasted to",
    "forecast for",
    "predicted to",
    "projected to",
    "likely to",
    "on track to",
    "about to",
    "deadline",
    "next",
];

/// Past forms news reports with, beyond the regular "-ed".
const PAST: &[&str] = &[
    "said",
    "told",
    "was",
    "were",
    "had",
    "did",
    "met",
    "went",
    "came",
    "took",
    "gave",
    "made",
    "held",
    "won",
    "lost",
    "left",
    "saw",
    "found",
    "began",
    "became",
    "fell",
    "rose",
    "spoke",
    "wrote",
    "sent",
    "brought",
    "bought",
    "thought",
    "led",
    "ran",
    "struck",
    "shot",
    "got",
    "paid",
    "sold",
    "kept",
    "broke",
    "chose",
    "drew",
    "drove",
    "flew",
    "grew",
    "heard",
    "knew",
    "meant",
    "sat",
    "spent",
    "stood",
    "stole",
    "swore",
    "taught",
    "threw",
    "understood",
    "woke",
    "withdrew",
    "tweeted",
    "died",
    "fled",
    "taken",
    "given",
    "done",
    "since",
    "ago",
    "earlier",
    "last",
    "previous",
    "signed",
    "passed",
];

/// Regular "-ed" words that are not past reporting ("expected", "scheduled" are future).
const NOT_PAST: &[&str] = &[
    "expected",
    "scheduled",
    "slated",
    "planned to",
    "supposed",
    "proposed",
    "need",
    "speed",
    "feed",
    "seed",
    "red",
    "bed",
    "shed",
    "united",
    "limited",
    "related",
    "based",
    "so-called",
];

/// The tense markers of `sentence`: where each begins and ends (byte offsets) and what it says.
fn markers(sentence: &str) -> Vec<(usize, usize, Tense)> {
    // ASCII lowering keeps byte offsets; the markers are ASCII but for curly apostrophes
    let lower = sentence.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'\'' || b >= 0x80;
    let mut out = Vec::new();
    for phrase in FUTURE {
        let mut from = 0;
        while let Some(k) = lower[from..].find(phrase) {
            let at = from + k;
            let end = at + phrase.len();
            let joined = phrase.starts_with('\'') || phrase.starts_with('’');
            let starts_word = at == 0 || !is_word(bytes[at - 1]) || joined;
            let ends_word = end >= bytes.len() || !bytes[end].is_ascii_alphanumeric();
            // "next to" is a place
            let spatial = *phrase == "next" && lower[end..].starts_with(" to ");
            // "would-be" migrants; "more than expected" is a comparison
            let not_tense = lower[end..].starts_with('-')
                || (*phrase == "expected"
                    && (lower[..at].ends_with("than ") || lower[..at].ends_with("as ")));
            if starts_word && ends_word && !spatial && !not_tense {
                out.push((at, end, Tense::Future));
            }
            from = end;
        }
    }
    let mut at = 0;
    let mut previous = "";
    for word in lower.split(|c: char| !(c.is_alphanumeric() || c == '-')) {
        let here = at;
        // the separator after it may be longer than a byte ("—")
        at += word.len();
        at += lower[at..].chars().next().map_or(0, char::len_utf8);
        if word.is_empty() {
            continue;
        }
        let past = PAST.contains(&word)
            || (word.len() > 4 && word.ends_with("ed") && !NOT_PAST.contains(&word));
        // a participle after "be" is no past ("must be returned", "will be held"); a modal
        // with "have" is ("could have emerged")
        if past && !matches!(previous, "be" | "being") {
            out.push((here, here + word.len(), Tense::Past));
        }
        if word == "have"
            && matches!(
                previous,
                "could" | "would" | "might" | "should" | "must" | "may"
            )
        {
            out.retain(|m| m.0 + previous.len() != here - 1 || m.2 != Tense::Future);
            out.push((here, here + word.len(), Tense::Past));
        }
        previous = word;
    }
    out
}

/// Happenings that are not scheduled: a date that names one ("the Jan. 6 riot", "Tuesday's
/// shooting") is in the past, whatever the clause around it says ("will testify about the
/// Jan. 6 riot").
const UNSCHEDULED: &[&str] = &[
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
    "stabbing",
    "fire",
    "derailment",
];

/// Whether the words after a date (lower-cased) name an unscheduled happening, possibly
/// after a possessive and an adjective or two.
fn names_a_past_happening(after: &str) -> bool {
    let after = after.strip_prefix('.').unwrap_or(after);
    let after = after
        .strip_prefix("'s")
        .or_else(|| after.strip_prefix("’s"))
        .unwrap_or(after);
    if !after.starts_with(' ') {
        return false;
    }
    after
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .take(3)
        .any(|w| UNSCHEDULED.contains(&w))
}

/// The words of `sentence` from `from` to `to` (empty where the range is no slice).
fn gap_text(sentence: &str, from: usize, to: usize) -> &str {
    sentence.get(from.min(to)..to).unwrap_or("")
}

/// The tense of the clause holding `start..end` in `text` (an article): the marker nearest to
/// the expression in its clause, else in its sentence; `Unknown` where there is none.
pub fn tense(text: &str, start: usize, end: usize) -> Tense {
    tense_reusing(text, start, end, &mut SentenceMarkers::default())
}

/// The tense markers of the sentence of a text last read, by its byte range: the time
/// expressions of one sentence share them.
#[derive(Default)]
pub struct SentenceMarkers {
    sentence: Option<(usize, usize)>,
    found: Vec<(usize, usize, Tense)>,
}

/// `tense`, reading each sentence's markers once for all the expressions in it (`markers_of` is
/// to be used with one `text` only).
pub fn tense_reusing(
    text: &str,
    start: usize,
    end: usize,
    markers_of: &mut SentenceMarkers,
) -> Tense {
    let (s_from, s_to) = sentence_around(text, start, end);
    let sentence = &text[s_from..s_to];
    let (start, end) = (start - s_from, (end - s_from).min(sentence.len()));
    if markers_of.sentence != Some((s_from, s_to)) {
        markers_of.found = markers(sentence);
        markers_of.sentence = Some((s_from, s_to));
    }
    let found = &markers_of.found;
    let (c_from, c_to) = clause_of(sentence, start, end);
    // a marker before the expression wins a tie
    let distance = |at: usize, to: usize| -> usize {
        if at >= end {
            2 * (at - end) + 1
        } else {
            2 * start.saturating_sub(to)
        }
    };
    let nearest = |from: usize, to: usize| {
        found
            .iter()
            .filter(|(at, m_end, _)| *at >= from && *at < to && (*m_end <= start || *at >= end))
            .min_by_key(|(at, m_end, _)| distance(*at, *m_end))
            .map(|&(_, _, t)| t)
    };
    // "ahead of" and "since" govern the time they stand next to, whatever verb is nearer
    let lower = sentence.to_ascii_lowercase();
    let mut from = c_from.max(start.saturating_sub(60));
    while !lower.is_char_boundary(from) {
        from += 1;
    }
    let before = &lower[from..start];
    if before.contains("ahead of") {
        return Tense::Future;
    }
    if names_a_past_happening(&lower[end..]) {
        return Tense::Happened;
    }
    // a past verb just before ("died June 3", "was arrested on May 2"), or before its object
    // and "on" ("stormed the Capitol on Jan. 6"); not the markers that are no verbs ("since",
    // "last", "earlier")
    let verb_before = found.iter().any(|&(at, m_end, t)| {
        let Some(gap) = lower.get(m_end.min(start)..start) else {
            return false;
        };
        // the object a name, after "the" or "a" at most: "the U.S. Capitol"
        let object_on = gap.ends_with(" on ")
            && gap_text(sentence, m_end, start)
                .split_whitespace()
                .rev()
                .skip(1)
                .take(6)
                .all(|w| {
                    matches!(w, "the" | "a" | "an") || w.starts_with(|c: char| c.is_uppercase())
                })
            && gap.split_whitespace().count() <= 6;
        t == Tense::Past
            && m_end <= start
            && (matches!(gap, " " | " on " | " on the ") || object_on)
            && !matches!(
                &lower[at..m_end],
                "since" | "ago" | "earlier" | "last" | "previous"
            )
    });
    if verb_before {
        return Tense::Happened;
    }
    if before.trim_end().ends_with("since") {
        return Tense::Past;
    }
    nearest(c_from, c_to)
        .or_else(|| nearest(0, sentence.len()))
        .unwrap_or(Tense::Unknown)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tense_of(text: &str, phrase: &str) -> Tense {
        let start = text.find(phrase).expect("the phrase is in the text");
        tense(text, start, start + phrase.len())
    }

    #[test]
    fn markers_read_once_per_sentence_give_each_expression_its_own_tense() {
        let text = "The mayor said on Monday that the council will vote on Friday. \
                    Crews will start on Tuesday. Police arrested two men on Sunday and \
                    they will appear in court on Wednesday.";
        let mut markers = SentenceMarkers::default();
        for day in ["Monday", "Friday", "Tuesday", "Sunday", "Wednesday"] {
            let at = text.find(day).unwrap();
            let end = at + day.len();
            assert_eq!(
                tense_reusing(text, at, end, &mut markers),
                tense(text, at, end),
                "{day}"
            );
        }
    }

    #[test]
    fn each_time_takes_its_own_clause() {
        let s = "The mayor said on Monday that the council will vote on Friday.";
        assert_eq!(tense_of(s, "Monday"), Tense::Happened);
        assert_eq!(tense_of(s, "Friday"), Tense::Future);
        let s = "Factories hired 120,000 workers last month, the ministry reported on Thursday, and it will publish revisions next Tuesday.";
        assert_eq!(tense_of(s, "Thursday"), Tense::Happened);
        let s = "\"We will not give up,\" the coach said at a news conference on Wednesday.";
        assert_eq!(tense_of(s, "Wednesday"), Tense::Past);
    }

    #[test]
    fn an_and_inside_a_name_or_a_list_of_numbers_does_not_cut_a_clause() {
        let s = "In March, Harbour and Border Police detained 300 people on Friday.";
        let at = s.find("March").unwrap();
        let (from, to) = clause_of(s, at, at + 5);
        assert_eq!(&s[from..to], s);
        let s = "Storms left 80 people hurt and 12 missing on Sunday.";
        let at = s.find("Sunday").unwrap();
        assert_eq!(clause_of(s, at, at + 6), (0, s.len()));
        // two clauses are still two
        let s = "The mayor resigned on Monday and the council met on Friday.";
        let at = s.find("Friday").unwrap();
        assert_eq!(
            &s[clause_of(s, at, at + 6).0..],
            "and the council met on Friday."
        );
    }

    #[test]
    fn deadlines_and_schedules_point_forward() {
        assert_eq!(
            tense_of(
                "Lawmakers face a Tuesday deadline to pass the budget.",
                "Tuesday"
            ),
            Tense::Future
        );
        assert_eq!(
            tense_of(
                "The board is expected to decide on the merger Wednesday.",
                "Wednesday"
            ),
            Tense::Future
        );
        assert_eq!(
            tense_of(
                "Ahead of his speech to parliament on Thursday, the minister met farmers.",
                "Thursday"
            ),
            Tense::Future
        );
        assert_eq!(
            tense_of(
                "The envoys would travel to the capital on Saturday, aides said.",
                "Saturday"
            ),
            Tense::Future
        );
    }

    #[test]
    fn any_text_is_read_without_a_panic() {
        let text = "Voters in last year’s primary — “on Tuesday” — waited. «Mañana» ‘Monday’ naïve café’s. 中文 Friday。 ’ll";
        let s = "Elder — who had arrived — spent the day — visited — on Monday.";
        assert_eq!(tense_of(s, "Monday"), Tense::Past);
        for (at, _) in text.char_indices() {
            for (to, _) in text[at..].char_indices() {
                let _ = tense(text, at, at + to);
            }
        }
    }

    #[test]
    fn a_past_verb_just_before_a_date_makes_it_past() {
        let s =
            "The guard who fired as a crowd stormed the Town Hall on May 2 will not be charged.";
        assert_eq!(tense_of(s, "May 2"), Tense::Happened);
        assert_eq!(
            tense_of(
                "The veteran died June 3, weeks into the outbreak.",
                "June 3"
            ),
            Tense::Happened
        );
        // a verb of another clause, or with a future between, does not
        let s = "The reduced fee will be paid on June 3.";
        assert_eq!(tense_of(s, "June 3"), Tense::Future);
    }

    #[test]
    fn a_date_that_names_a_riot_is_past() {
        assert_eq!(
            tense_of(
                "The officer will testify about the Jan. 6 riot at the hearing.",
                "Jan. 6"
            ),
            Tense::Happened
        );
    }

    #[test]
    fn sentences_end_at_full_stops_but_not_after_abbreviations() {
        let text = "Sen. Jones spoke. On Jan. 6 the crowd gathered.";
        let at = text.find("Jan. 6").unwrap();
        let (from, to) = sentence_around(text, at, at + 6);
        assert_eq!(&text[from..to], " On Jan. 6 the crowd gathered.");
        let at = text.find("Jones").unwrap();
        let (from, to) = sentence_around(text, at, at + 5);
        assert_eq!(&text[from..to], "Sen. Jones spoke.");
    }
}
