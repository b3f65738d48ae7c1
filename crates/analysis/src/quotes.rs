//! Who said what: direct quotes and reported speech with their speakers.
//!
//! Works on one paragraph at a time and returns byte spans into it, so callers can cite the
//! exact text. Three shapes are found:
//!
//! - **direct quotes** in straight, curly or single quotation marks, with the speaker in an
//!   attribution right after (`“...,” Putin said`, `“...,” said Zelensky`) or right before
//!   (`Putin said: “...”`, `He declared, '...'`); a quote with no attribution of its own that
//!   follows an attributed one in the same paragraph continues it (same speaker);
//! - **partial quotes** inside a reporting clause (`described the talks as a 'normal process'`),
//!   attributed to the clause's subject;
//! - **reported speech**: `Ushakov stated that ...`, `..., the minister said.`,
//!   `according to officials, ...`.
//!
//! Speakers are returned as the text of the attribution (a name, a pronoun, a description);
//! [`crate::resolve_speakers`] ties them to the story's entities.

use std::ops::Range;

/// A quote or a piece of reported speech, as byte spans into the paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribution {
    /// What was said: the quote, or the reported clause (with any quote inside it).
    pub content: Range<usize>,
    /// For a direct quote, the text inside the quotation marks.
    pub quote: Option<Range<usize>>,
    pub source: Option<Range<usize>>,
    pub cue: Option<Range<usize>>,
    /// Whether the content stands in quotation marks.
    pub direct: bool,
}

/// Reporting verbs (and their forms) that introduce speech or a stated position.
const CUES: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "tell",
    "added",
    "adds",
    "stated",
    "states",
    "declared",
    "declares",
    "noted",
    "notes",
    "argued",
    "argues",
    "claimed",
    "claims",
    "warned",
    "warns",
    "insisted",
    "insists",
    "explained",
    "explains",
    "asked",
    "asks",
    "wrote",
    "writes",
    "reported",
    "reports",
    "announced",
    "announces",
    "acknowledged",
    "acknowledges",
    "admitted",
    "admits",
    "suggested",
    "suggests",
    "emphasized",
    "emphasised",
    "emphasizes",
    "stressed",
    "stresses",
    "urged",
    "urges",
    "predicted",
    "conceded",
    "contended",
    "maintained",
    "recalled",
    "replied",
    "responded",
    "tweeted",
    "posted",
    "continued",
    "agreed",
    "confirmed",
    "confirms",
    "denied",
    "denies",
    "believes",
    "believed",
    "thinks",
    "thought",
    "revealed",
    "reveals",
    "accused",
    "accuses",
    "described",
    "describes",
    "called",
    "calls",
    "characterised",
    "characterized",
    "pointed",
    "vowed",
    "promised",
    "estimated",
    "concluded",
    "concludes",
    "continues",
    "observes",
    "remarks",
    "comments",
    "recalls",
    "replies",
    "responds",
    "predicts",
    "contends",
    "maintains",
    "cautions",
    "tweets",
    "points",
    "observed",
    "remarked",
    "commented",
    "echoed",
    "cautioned",
    "indicated",
    "indicates",
    "signalled",
    "signaled",
    "hinted",
    "charged",
    "alleged",
    "complained",
    "lamented",
    "boasted",
    "joked",
    "wondered",
    "testified",
    "assured",
    "reiterated",
    "countered",
    "shouted",
    "chanted",
    "saying",
    "adding",
    "arguing",
    "noting",
    "stating",
    "warning",
    "insisting",
    "claiming",
    "declaring",
    "telling",
    "explaining",
    "describing",
    "accusing",
    // Stated positions and beliefs: PolNeAR and dossier's positions count these too.
    "promises",
    "pledged",
    "pledges",
    "criticized",
    "criticised",
    "criticizes",
    "criticises",
    "opposed",
    "opposes",
    "oppose",
    "want",
    "wants",
    "wanted",
    "think",
    "believe",
    "acknowledge",
    "consider",
    "considers",
    "considered",
    "support",
    "supports",
    "supported",
    "urge",
    "vows",
    "demanded",
    "demands",
    "demand",
    "rejected",
    "rejects",
    "refused",
    "refuses",
    "accepted",
    "accepts",
    "agrees",
    "endorsed",
    "endorses",
    "welcomed",
    "welcomes",
    "praised",
    "praises",
    "blamed",
    "blames",
    "condemned",
    "condemns",
    "hoped",
    "hopes",
    "expects",
    "expected",
    "fears",
    "feared",
    "doubted",
    "doubts",
    "questioned",
    "proposed",
    "proposes",
    "offered",
    "offers",
    "recommended",
    "recommends",
    "dismissed",
    "dismisses",
    "defended",
    "defends",
    "attacked",
    "attacks",
    "slammed",
    "blasted",
    "mocked",
    "disputed",
    "challenged",
    "questions",
    "knows",
    "knew",
    "learned",
    "found",
    "showed",
    "shows",
    "concedes",
    "contends",
    "maintains",
    "predicts",
    "estimates",
    "announce",
    "argue",
    "claim",
    "insist",
    "warn",
    "deny",
    "agree",
    "explain",
    // Further cues frequent in PolNeAR's training split (verbs only).
    "seemed",
    "seems",
    "seem",
    "declined",
    "cited",
    "cites",
    "citing",
    "sought",
    "seeks",
    "seek",
    "seeking",
    "appeared",
    "appears",
    "suggesting",
    "suggest",
    "call",
    "calling",
    "recalls",
    "recalling",
    "concludes",
    "responds",
    "mentioned",
    "mentions",
    "mention",
    "plans",
    "plan",
    "planned",
    "named",
    "hope",
    "hoping",
    "feel",
    "feels",
    "felt",
    "discuss",
    "discussed",
    "discussing",
    "denounced",
    "denouncing",
    "asking",
    "known",
    "know",
    "backing",
    "backed",
    "showing",
    "sees",
    "see",
    "saw",
    "endorse",
    "decided",
    "describe",
    "confirm",
    "believing",
    "fear",
    "signed",
    "promising",
    "promise",
    "ordered",
    "expressed",
    "expect",
    "expecting",
    "worried",
    "criticizing",
    "criticising",
    "note",
    "decried",
    "acknowledging",
    "raised",
    "questioning",
    "urging",
    "prefer",
    "prefers",
    "offering",
    "offer",
    "identified",
    "finds",
    "understand",
    "highlighted",
    "defend",
    "defending",
    "asserted",
    "answered",
    "shared",
    "requested",
    "remember",
    "remembers",
    "refuse",
    "recognize",
    "recognizes",
    "recognized",
    "pushed",
    "listed",
    "issued",
    "invoked",
    "ignored",
    "favor",
    "favors",
    "favored",
    "deemed",
    "wonder",
    "touted",
    "touting",
    "slams",
    "reminded",
    "recounted",
    "emailed",
    "doubt",
    "considering",
    "blame",
    "accept",
    "vow",
    "unveiled",
    "thanked",
    "portrayed",
    "encouraged",
    "embraced",
    "convinced",
    "attack",
    "attacking",
    "wondering",
    "threatened",
    "mocking",
    "praising",
    "predicting",
    "proposing",
    "introduced",
    "intended",
    "advocate",
    "advocated",
    "pressured",
    "derided",
    "insulted",
    "talked",
    "spoke",
    "focused",
];

/// The plainest reporting verbs: where a sentence has one, it introduces the quote.
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "stated",
    "states",
    "added",
    "adds",
    "declared",
    "noted",
    "warned",
    "insisted",
    "argued",
    "claimed",
    "explained",
    "wrote",
    "stressed",
    "asked",
    "replied",
    "responded",
    "tweeted",
];

/// Whether `w` is one of the plainest reporting verbs ("said", "told", "stated").
pub fn is_speech_verb(w: &str) -> bool {
    SPEECH_VERBS.contains(&w.to_lowercase().as_str())
}

/// Words that may stand between a speaker and the cue ("Sanders also said", "has pledged").
const CUE_AUXILIARIES: &[&str] = &[
    "also",
    "has",
    "have",
    "had",
    "will",
    "would",
    "could",
    "may",
    "might",
    "should",
    "later",
    "earlier",
    "again",
    "repeatedly",
    "previously",
    "recently",
    "already",
    "once",
    "never",
    "often",
    "frequently",
    "then",
    "reportedly",
    "publicly",
    "privately",
    "quickly",
    "still",
    "just",
    "long",
    "since",
    "did",
    "does",
    "do",
    "not",
    "openly",
    "strongly",
    "flatly",
];

/// Words that end a speaker phrase when walking left from a cue.
const SPEAKER_STOPS: &[&str] = &[
    "and",
    "but",
    "or",
    "that",
    "because",
    "while",
    "when",
    "as",
    "if",
    "so",
    "then",
    "which",
    "after",
    "before",
    "since",
    "though",
    "although",
    "where",
    "whether",
    "also",
    "has",
    "have",
    "had",
    "was",
    "were",
    "is",
    "are",
    "will",
    "would",
    "could",
    "should",
    "may",
    "might",
    "later",
    "earlier",
    "again",
    "repeatedly",
    "previously",
    "recently",
    "already",
    "once",
];

const OPENERS: &[char] = &['“', '"', '‘', '\'', '«', '„'];

/// Whether `b` can be the first byte of one of [`OPENERS`] in UTF-8.
fn begins_opener(b: u8) -> bool {
    matches!(b, b'"' | b'\'' | 0xC2 | 0xE2)
}

fn closer_for(open: char) -> &'static [char] {
    match open {
        '“' | '„' => &['”', '"', '“'],
        '"' => &['"', '”'],
        '‘' => &['’', '\''],
        '\'' => &['\'', '’'],
        '«' => &['»'],
        _ => &[],
    }
}

/// A word of the paragraph with its byte span.
#[derive(Debug, Clone)]
struct Word<'a> {
    text: &'a str,
    span: Range<usize>,
}

fn words(p: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    let mut push = |s: usize, e: usize| {
        let raw = &p[s..e];
        // Keep the period of an abbreviation ("Mr.", "U.S."), drop a sentence's.
        let core = raw.trim_end_matches(['.', '\'', '’']);
        let abbreviation = raw.ends_with('.')
            && (core.contains('.') || (core.len() <= 3 && core.starts_with(char::is_uppercase)));
        let text = if abbreviation {
            &raw[..core.len() + 1]
        } else {
            core
        };
        if !text.is_empty() {
            out.push(Word {
                text,
                span: s..s + text.len(),
            });
        }
    };
    for (i, c) in p.char_indices() {
        let part_of_word =
            c.is_alphanumeric() || matches!(c, '-' | '.' | '\'' | '’') && start.is_some();
        match (start, part_of_word) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                push(s, i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        push(s, p.len());
    }
    out
}

/// Spans of quoted text (inside the marks) in a paragraph.
pub fn quoted_spans(p: &str) -> Vec<Range<usize>> {
    // half of all paragraphs hold no byte an opening mark begins with
    if !p.bytes().any(begins_opener) {
        return Vec::new();
    }
    let chars: Vec<(usize, char)> = p.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        let prev = i.checked_sub(1).map(|k| chars[k].1);
        let next = chars.get(i + 1).map(|x| x.1);
        let is_single = c == '\'' || c == '‘';
        let opens = OPENERS.contains(&c)
            && next.is_some_and(|n| !n.is_whitespace())
            && (!is_single || prev.is_none_or(|p| p.is_whitespace() || "([—–-:".contains(p)));
        if !opens {
            i += 1;
            continue;
        }
        let closers = closer_for(c);
        let mut j = i + 1;
        let mut found = None;
        while j < chars.len() {
            let (_, d) = chars[j];
            if closers.contains(&d) {
                let after = chars.get(j + 1).map(|x| x.1);
                let before = chars[j - 1].1;
                // An apostrophe inside a word ("don't") does not close a single quote.
                let closes = if is_single {
                    after.is_none_or(|a| !a.is_alphanumeric()) && !before.is_whitespace()
                } else {
                    true
                };
                if closes {
                    found = Some(j);
                    break;
                }
            }
            // A double quote does not run past an opening one of the same kind.
            if !is_single && j > i + 1 && d == c && c != '"' {
                break;
            }
            j += 1;
        }
        match found {
            Some(j) => {
                let start = pos + c.len_utf8();
                let end = chars[j].0;
                if p[start..end].split_whitespace().next().is_some() {
                    out.push(start..end);
                }
                i = j + 1;
            }
            None => i += 1,
        }
    }
    out
}

/// Words after which a cue word is a noun ("user reports", "his support"), not a reporting
/// verb.
const NOT_BEFORE_A_VERB: &[&str] = &[
    "a", "an", "the", "of", "no", "his", "her", "their", "its", "our", "my", "your", "this",
    "these", "those", "some", "any", "every", "each", "strong", "stronger", "public", "user",
    "popular", "broad", "wide",
];

/// Word `i` used as a reporting verb: a cue word, not capitalised inside a sentence
/// ("United States"), not after a determiner.
fn verb_cue(ws: &[Word], i: usize) -> bool {
    let w = ws[i].text;
    if !is_cue(w) {
        return false;
    }
    let Some(prev) = i.checked_sub(1).map(|k| ws[k].text.to_lowercase()) else {
        return true;
    };
    // More than a space between (a closing quote, a comma) starts a new clause.
    if ws[i].span.start - ws[i - 1].span.end > 1 {
        return true;
    }
    let capitalised_inside =
        w.starts_with(char::is_uppercase) && ws[i - 1].text.starts_with(char::is_lowercase);
    !capitalised_inside && !NOT_BEFORE_A_VERB.contains(&prev.as_str())
}

fn is_cue(w: &str) -> bool {
    static SET: once_cell::sync::Lazy<rustc_hash::FxHashSet<&'static str>> =
        once_cell::sync::Lazy::new(|| CUES.iter().copied().collect());
    if w.chars().all(|c| c.is_lowercase() || !c.is_alphabetic()) {
        SET.contains(w)
    } else {
        SET.contains(w.to_lowercase().as_str())
    }
}

/// The speaker phrase that ends right before word `cue` (walking left), if any. Auxiliaries
/// ("also", "has") are stepped over, and so is an apposition set off by commas
/// ("Mukasey, the former attorney general, criticized ...": the speaker is "Mukasey").
fn speaker_before(p: &str, ws: &[Word], cue: usize, floor: usize) -> Option<Range<usize>> {
    let gap = |i: usize| &p[ws[i].span.end..ws[i + 1].span.start];
    let mut end = cue;
    while end > 0
        && ws[end - 1].span.start >= floor
        && CUE_AUXILIARIES.contains(&ws[end - 1].text.to_lowercase().as_str())
        && gap(end - 1).trim().is_empty()
    {
        end -= 1;
    }
    if end == 0 || ws[end - 1].span.start < floor {
        return None;
    }
    if gap(end - 1).trim() == "," {
        // An apposition: the phrase before the previous comma names the speaker.
        let open = (end.saturating_sub(16)..end - 1)
            .rev()
            .find(|&k| ws[k].span.start >= floor && gap(k).trim() == ",")?;
        end = open + 1;
    } else if !gap(end - 1).trim().is_empty() {
        return None;
    }
    let mut start = end;
    while start > 0 {
        let w = &ws[start - 1];
        if w.span.start < floor {
            break;
        }
        if start < end
            && !gap(start - 1)
                .chars()
                .all(|c| c.is_whitespace() || c == '\'' || c == '’' || c == 's')
        {
            break;
        }
        if SPEAKER_STOPS.contains(&w.text.to_lowercase().as_str()) || is_cue(w.text) {
            break;
        }
        if end - start >= 8 {
            break;
        }
        start -= 1;
    }
    (start < end).then(|| ws[start].span.start..ws[end - 1].span.end)
}

fn is_participle(w: &str) -> bool {
    w.len() > 4 && w.to_lowercase().ends_with("ing")
}

/// Words that open a clause standing before a sentence's subject ("Despite praising ...,",
/// "Speaking later to AFP, ...").
const CLAUSE_OPENERS: &[&str] = &[
    "despite",
    "after",
    "before",
    "ahead",
    "while",
    "when",
    "as",
    "in",
    "on",
    "at",
    "during",
    "following",
    "since",
    "although",
    "though",
    "if",
    "because",
    "with",
    "without",
    "for",
    "by",
    "from",
    "under",
    "speaking",
    "asked",
    "meanwhile",
    "later",
    "earlier",
    "still",
    "yet",
    "but",
    "and",
    "however",
    "instead",
    "also",
];

/// The subject of the sentence starting at byte `from`: a pronoun, or a run of capitalised
/// words, after any opening clause set off by a comma.
fn sentence_subject(p: &str, ws: &[Word], from: usize) -> Option<Range<usize>> {
    let first = ws.iter().position(|w| w.span.start >= from)?;
    let opener = |w: &Word| CLAUSE_OPENERS.contains(&w.text.to_lowercase().as_str());
    if opener(&ws[first]) {
        // The subject after the opening clause's comma, else the one inside the clause
        // ("While US President Trump expressed optimism, saying ...").
        let comma = (first..ws.len().saturating_sub(1).min(first + 20))
            .find(|&k| p[ws[k].span.end..ws[k + 1].span.start].contains(','));
        return comma
            .and_then(|c| subject_at(p, ws, c + 1))
            .or_else(|| subject_at(p, ws, first + 1));
    }
    subject_at(p, ws, first)
}

/// A pronoun or a run of capitalised words starting at word `i`.
fn subject_at(p: &str, ws: &[Word], i: usize) -> Option<Range<usize>> {
    ws.get(i)?;
    let lower = ws[i].text.to_lowercase();
    if matches!(lower.as_str(), "he" | "she" | "they" | "i" | "we") {
        return Some(ws[i].span.clone());
    }
    let titled = |w: &Word| w.text.starts_with(char::is_uppercase);
    if !titled(&ws[i]) {
        return None;
    }
    let mut j = i;
    while j + 1 < ws.len()
        && j - i < 6
        && p[ws[j].span.end..ws[j + 1].span.start].trim().is_empty()
        && (titled(&ws[j + 1]) || ws[j + 1].text.contains('-'))
    {
        j += 1;
    }
    Some(ws[i].span.start..ws[j].span.end)
}

/// The speaker phrase right after word `cue` (`said Zelensky, ...`), up to punctuation.
fn speaker_after(p: &str, ws: &[Word], cue: usize) -> Option<Range<usize>> {
    let mut end = cue + 1;
    while end < ws.len() && end - cue <= 6 {
        let gap = &p[ws[end - 1].span.end..ws[end].span.start];
        if end > cue + 1 && gap.chars().any(|c| !c.is_whitespace()) {
            break;
        }
        if end == cue + 1 && gap.chars().any(|c| !c.is_whitespace()) {
            return None;
        }
        let lower = ws[end].text.to_lowercase();
        if matches!(
            lower.as_str(),
            "on" | "in"
                | "at"
                | "during"
                | "that"
                | "after"
                | "before"
                | "to"
                | "when"
                | "while"
                | "adding"
                | "who"
        ) {
            break;
        }
        end += 1;
    }
    (end > cue + 1).then(|| ws[cue + 1].span.start..ws[end - 1].span.end)
}

/// An attribution's speaker and cue spans, each possibly unknown.
type SpeakerAndCue = (Option<Range<usize>>, Option<Range<usize>>);

/// Finds the attributions of one paragraph.
pub fn attributions(original: &str) -> Vec<Attribution> {
    // Typewriter quotes written as two apostrophes or backticks (''like this'' or ``this'')
    // become a double quote mark; the replacement keeps every byte offset.
    let typed;
    let p = if original.contains("''") || original.contains("``") {
        typed = original.replace("''", "\"\u{1}").replace("``", "\"\u{1}");
        typed.as_str()
    } else {
        original
    };
    let ws = words(p);
    let quotes: Vec<Range<usize>> = quoted_spans(p)
        .into_iter()
        .map(|q| {
            if p[q.start..].starts_with('\u{1}') {
                q.start + 1..q.end
            } else {
                q
            }
        })
        .filter(|q| q.start < q.end)
        .collect();
    let mut out: Vec<Attribution> = Vec::new();
    let word_at = |byte: usize| ws.iter().position(|w| w.span.start >= byte);

    for q in &quotes {
        let mut found: Option<SpeakerAndCue> = None;
        // After the quote: [,] SPEAKER CUE  |  [,] CUE SPEAKER
        // A quote that ends its sentence ("... position.'") is not attributed by what follows.
        let ends_sentence = p[q.clone()]
            .trim_end_matches(['”', '"', '’', '\'', ' '])
            .ends_with('.');
        if let Some(k) = word_at(q.end).filter(|_| !ends_sentence) {
            let between = &p[q.end..ws[k].span.start];
            if !between.contains(['.', '!', '?'])
                || between
                    .trim_start_matches(['”', '"', '’', '\''])
                    .trim()
                    .is_empty()
            {
                if verb_cue(&ws, k) {
                    found = Some((speaker_after(p, &ws, k), Some(ws[k].span.clone())));
                } else if let Some(c) = (k..ws.len().min(k + 14)).find(|&c| is_cue(ws[c].text)) {
                    let s = speaker_before(p, &ws, c, q.end);
                    if s.as_ref().is_some_and(|s| s.start == ws[k].span.start) {
                        found = Some((s, Some(ws[c].span.clone())));
                    }
                }
            }
        }
        // Before the quote: SPEAKER CUE [that|:|,] “...”  (also a partial quote in a clause).
        // The content is then the whole reported clause, quote included.
        let mut content = q.clone();
        if found.is_none() {
            let sentence_start = p[..q.start]
                .rfind(['.', '!', '?', ':'])
                .map_or(0, |i| i + 1);
            let sentence_start = if p[sentence_start..q.start].trim().is_empty() {
                p[..sentence_start.saturating_sub(1)]
                    .rfind(['.', '!', '?'])
                    .map_or(0, |i| i + 1)
            } else {
                sentence_start
            };
            let before: Vec<usize> = (0..ws.len())
                .filter(|&i| ws[i].span.start >= sentence_start && ws[i].span.end <= q.start)
                .collect();
            let first_speech = before.iter().find(|&&i| is_speech_verb(ws[i].text));
            let nearest_cue = before.iter().rev().find(|&&i| verb_cue(&ws, i));
            if let Some(&c) = first_speech.or(nearest_cue) {
                // A participle ("..., claiming ...", "adding: ...") takes the subject of the
                // sentence; so does a cue with no speaker next to it ("... but stated that").
                let s = if is_participle(ws[c].text) {
                    None
                } else {
                    speaker_before(p, &ws, c, sentence_start).or_else(|| {
                        (c + 1 < ws.len() && ws[c + 1].span.end <= q.start)
                            .then(|| speaker_after(p, &ws, c))
                            .flatten()
                    })
                }
                .or_else(|| sentence_subject(p, &ws, sentence_start));
                let mut from = ws[c].span.end;
                if let Some(that) = ws
                    .get(c + 1)
                    .filter(|w| w.text.eq_ignore_ascii_case("that") && w.span.end <= q.start)
                {
                    from = that.span.end;
                }
                let from =
                    from + (p[from..].len() - p[from..].trim_start_matches([' ', ',', ':']).len());
                let end = sentence_end(p, q.end);
                if from < q.start {
                    content = from..end.max(q.end);
                }
                found = Some((s, Some(ws[c].span.clone())));
            }
        }
        // "Jeffrey M. Jones: “...”", "Bernie Sanders: ‘It Is Not A Radical Idea’ ...": a name
        // and a colon introduce the words after it.
        if found.is_none() {
            let before = p[..q.start].trim_end_matches(['“', '"', '‘', '\'', ' ']);
            if let Some(colon) = before.strip_suffix(':').map(str::len) {
                if let Some(src) = colon_speaker(p, colon) {
                    content = q.start..sentence_end(p, q.end).max(q.end);
                    found = Some((Some(src), Some(colon..colon + 1)));
                }
            }
        }
        // A quote of its own with no attribution continues the previous attributed quote.
        // With no attribution in reach, the quote is kept unattributed (source `None`) for
        // `document_attributions`, which may find its speaker in the paragraph before.
        let (source, cue) = match found {
            Some(f) => f,
            None => match out.iter().rev().find(|a| a.direct && a.source.is_some()) {
                Some(prev) if q.end - q.start > 20 => (prev.source.clone(), None),
                _ if q.end - q.start > 20 => (None, None),
                _ => continue,
            },
        };
        out.push(Attribution {
            content,
            quote: Some(q.clone()),
            source,
            cue,
            direct: true,
        });
    }

    // Reported speech in sentences with no quotation marks of their own.
    let mut sentence_start = 0;
    for (i, c) in p.char_indices() {
        let end_of_sentence = matches!(c, '.' | '!' | '?')
            && p[i + 1..]
                .chars()
                .next()
                .is_none_or(|n| n.is_whitespace() || "”\"’'".contains(n));
        let last = i + c.len_utf8() == p.len();
        if !(end_of_sentence || last) {
            continue;
        }
        let end = i + c.len_utf8();
        let range = sentence_start..end;
        sentence_start = end;
        if quotes
            .iter()
            .any(|q| q.start < range.end && q.end > range.start)
        {
            continue;
        }
        if let Some(a) = reported(p, &ws, range) {
            out.push(a);
        }
    }
    // Every span must lie inside the paragraph on character boundaries; callers slice with them.
    let valid = |r: &Range<usize>| {
        r.start < r.end
            && r.end <= p.len()
            && p.is_char_boundary(r.start)
            && p.is_char_boundary(r.end)
    };
    out.retain(|a| {
        valid(&a.content)
            && a.quote.as_ref().is_none_or(valid)
            && a.source.as_ref().is_none_or(valid)
            && a.cue.as_ref().is_none_or(valid)
    });
    out.sort_by_key(|a| a.content.start);
    out
}

/// An attribution in a document of several paragraphs; spans are into paragraph `paragraph`,
/// except the source, which names its own paragraph (a speaker introduced with "He said:" at
/// the end of one paragraph, quoted in the next).
#[derive(Debug, Clone, PartialEq)]
pub struct DocAttribution {
    pub paragraph: usize,
    pub content: Range<usize>,
    pub quote: Option<Range<usize>>,
    pub cue: Option<Range<usize>>,
    pub source: Option<(usize, Range<usize>)>,
    pub direct: bool,
}

/// Attributions of a document given as paragraphs. A quote with no speaker of its own takes
/// the speaker of the paragraph before when that paragraph ends by introducing it ("...
/// Cruz called them on it:") or ends with an attributed quote that this paragraph continues.
/// Quotes with neither a speaker nor a reporting verb are dropped.
pub fn document_attributions(paragraphs: &[&str]) -> Vec<DocAttribution> {
    let mut out = Vec::new();
    let mut carried: Option<(usize, Range<usize>)> = None;
    for (i, p) in paragraphs.iter().enumerate() {
        let found = attributions(p);
        let opens_with_quote = p.trim_start().starts_with(OPENERS);
        for a in &found {
            let source = match &a.source {
                Some(s) => Some((i, s.clone())),
                None if a.direct && opens_with_quote => carried.clone(),
                None => None,
            };
            // A quote with neither a speaker nor a reporting verb is no attribution.
            if source.is_none() && a.cue.is_none() {
                continue;
            }
            out.push(DocAttribution {
                paragraph: i,
                content: a.content.clone(),
                quote: a.quote.clone(),
                cue: a.cue.clone(),
                source,
                direct: a.direct,
            });
        }
        // What the next paragraph may inherit.
        let trimmed = p.trim_end();
        carried = if trimmed.ends_with(':') {
            introducing_speaker(p).map(|s| (i, s))
        } else if opens_with_quote || found.last().is_some_and(|a| a.direct) {
            out.iter()
                .rev()
                .find(|a| a.paragraph == i && a.direct)
                .and_then(|a| a.source.clone())
        } else {
            None
        };
        if !p.trim().is_empty() && carried.is_none() && !trimmed.ends_with(':') {
            carried = None;
        }
    }
    out
}

/// The speaker of a paragraph that ends by introducing a quote ("He said:").
fn introducing_speaker(p: &str) -> Option<Range<usize>> {
    let ws = words(p);
    let floor = p
        .trim_end()
        .trim_end_matches(':')
        .rfind(['.', '!', '?'])
        .map_or(0, |i| i + 1);
    let c = (0..ws.len())
        .rev()
        .find(|&i| ws[i].span.start >= floor && verb_cue(&ws, i))?;
    speaker_before(p, &ws, c, floor).or_else(|| speaker_after(p, &ws, c))
}

/// Where the sentence that holds byte `at` ends (after its final punctuation and closing quote).
fn sentence_end(p: &str, at: usize) -> usize {
    let mut chars = p[at..].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if matches!(c, '.' | '!' | '?') {
            let mut end = at + i + 1;
            while let Some(&(j, d)) = chars.peek() {
                if "”\"’'".contains(d) {
                    end = at + j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            if chars.peek().is_none_or(|&(_, d)| d.is_whitespace()) {
                return p[..end].trim_end_matches(['.', '!', '?']).len().max(at);
            }
        }
    }
    p.len()
}

/// Reported speech in one sentence: `SPEAKER CUE (that) CONTENT.`, `CONTENT, SPEAKER CUE.`,
/// `CONTENT, CUE SPEAKER.`, `According to SPEAKER, CONTENT.`
fn reported(p: &str, ws: &[Word], s: Range<usize>) -> Option<Attribution> {
    let idx: Vec<usize> = (0..ws.len())
        .filter(|&i| ws[i].span.start >= s.start && ws[i].span.end <= s.end)
        .collect();
    if idx.len() < 4 {
        return None;
    }
    let text_end = p[..s.end].trim_end_matches(['.', '!', '?']).len();
    // NAME: WHAT THEY SAY (a headline or a quoted source in a roundup)
    if let Some(colon) = p[s.start..text_end].find(':').map(|o| s.start + o) {
        if let Some(src) = colon_speaker(p, colon) {
            let from = colon + 1 + (p[colon + 1..].len() - p[colon + 1..].trim_start().len());
            if p[from..text_end].split_whitespace().nth(2).is_some() {
                return Some(Attribution {
                    content: from..text_end,
                    quote: None,
                    source: Some(src),
                    cue: Some(colon..colon + 1),
                    direct: false,
                });
            }
        }
    }
    // According to X, ...
    if let Some(k) = idx
        .iter()
        .position(|&i| ws[i].text.eq_ignore_ascii_case("according"))
    {
        let i = idx[k];
        if idx.len() > k + 2 && ws[idx[k + 1]].text.eq_ignore_ascii_case("to") {
            let src_start = idx[k + 2];
            let src_end = idx[k + 2..]
                .iter()
                .take_while(|&&j| !p[ws[src_start].span.start..ws[j].span.end].contains(','))
                .last()
                .copied()
                .unwrap_or(src_start);
            let source = ws[src_start].span.start..ws[src_end].span.end;
            let content = if i == idx[0] {
                let after = p[source.end.min(text_end)..text_end].trim_start_matches([',', ' ']);
                text_end - after.len()..text_end
            } else {
                ws[idx[0]].span.start..p[..ws[i].span.start].trim_end_matches([',', ' ']).len()
            };
            return (content.end > content.start).then_some(Attribution {
                content,
                quote: None,
                source: Some(source),
                cue: Some(ws[i].span.start..ws[idx[k + 1]].span.end),
                direct: false,
            });
        }
    }
    // Trailing attribution: CONTENT, SPEAKER CUE.  /  CONTENT, CUE SPEAKER.
    let tail = &idx[idx.len().saturating_sub(8)..];
    if let Some(&c) = tail.iter().find(|&&i| verb_cue(ws, i)) {
        let comma = p[s.start..ws[c].span.start].rfind(',').map(|o| s.start + o);
        if let Some(comma) = comma {
            let after_comma: Vec<usize> = idx
                .iter()
                .copied()
                .filter(|&i| ws[i].span.start > comma)
                .collect();
            let content = ws[idx[0]].span.start..comma;
            if after_comma.first() == Some(&c) {
                // "..., said Maria Lopez[, the union's leader]." ends the sentence.
                // ... and is a name, not a clause ("..., said the Boeing was unusual")
                let reaches_end = |src: &Range<usize>| {
                    let rest = p[src.end.min(text_end)..text_end].trim();
                    let clause = p[src.clone()].split_whitespace().any(|w| {
                        matches!(
                            w,
                            "was"
                                | "is"
                                | "were"
                                | "are"
                                | "has"
                                | "have"
                                | "had"
                                | "will"
                                | "would"
                                | "could"
                                | "can"
                                | "did"
                                | "does"
                                | "should"
                                | "he"
                                | "she"
                                | "they"
                                | "it"
                                | "we"
                                | "I"
                        )
                    });
                    (rest.is_empty() || rest.starts_with(',')) && !clause
                };
                if let Some(src) = speaker_after(p, ws, c).filter(reaches_end) {
                    return Some(Attribution {
                        content,
                        quote: None,
                        source: Some(src),
                        cue: Some(ws[c].span.clone()),
                        direct: false,
                    });
                }
            } else if let Some(src) = speaker_before(p, ws, c, comma) {
                if after_comma
                    .first()
                    .is_some_and(|&f| ws[f].span.start == src.start)
                    && ws[c].span.end >= ws[*tail.last().unwrap()].span.start.saturating_sub(20)
                {
                    return Some(Attribution {
                        content,
                        quote: None,
                        source: Some(src),
                        cue: Some(ws[c].span.clone()),
                        direct: false,
                    });
                }
            }
        }
    }
    // Attribution set off inside the sentence: CONTENT, SPEAKER CUE, CONTENT.
    for &c in &idx[2..idx.len().saturating_sub(2)] {
        if !verb_cue(ws, c)
            || !p[ws[c].span.end..ws[c + 1].span.start]
                .trim()
                .starts_with(',')
        {
            continue;
        }
        let Some(comma) = p[s.start..ws[c].span.start].rfind(',').map(|o| s.start + o) else {
            continue;
        };
        if let Some(src) = speaker_before(p, ws, c, comma) {
            let first_after_comma = idx.iter().find(|&&i| ws[i].span.start > comma);
            if first_after_comma.is_some_and(|&f| ws[f].span.start == src.start) {
                let content = ws[idx[0]].span.start..text_end;
                return Some(Attribution {
                    content,
                    quote: None,
                    source: Some(src),
                    cue: Some(ws[c].span.clone()),
                    direct: false,
                });
            }
        }
    }
    // A participle after a comma: "..., saying (that) CONTENT": the sentence's subject speaks.
    for (k, &c) in idx.iter().enumerate().skip(2) {
        let w = ws[c].text.to_lowercase();
        let participle = w.ends_with("ing") && is_cue(&w.replace("ing", "ed"))
            || matches!(
                w.as_str(),
                "saying"
                    | "adding"
                    | "arguing"
                    | "noting"
                    | "claiming"
                    | "insisting"
                    | "warning"
                    | "stating"
                    | "telling"
                    | "writing"
            );
        if !participle || !p[ws[idx[k - 1]].span.end..ws[c].span.start].contains(',') {
            continue;
        }
        let mut from = k + 1;
        if idx
            .get(from)
            .is_some_and(|&i| ws[i].text.eq_ignore_ascii_case("that"))
        {
            from += 1;
        }
        if idx.len() - from < 3 {
            break;
        }
        let Some(src) = sentence_subject(p, ws, s.start) else {
            break;
        };
        if src.end > ws[c].span.start {
            break;
        }
        return Some(Attribution {
            content: ws[idx[from]].span.start..text_end,
            quote: None,
            source: Some(src),
            cue: Some(ws[c].span.clone()),
            direct: false,
        });
    }
    // Leading attribution: SPEAKER CUE (that) CONTENT.
    let head = &idx[..idx.len().min(32)];
    let relative = |src: &Range<usize>| {
        let before = p[..src.start].split_whitespace().next_back().unwrap_or("");
        let first = p[src.clone()].split_whitespace().next().unwrap_or("");
        [before, first]
            .iter()
            .any(|w| matches!(w.to_lowercase().as_str(), "who" | "which" | "whom" | "that"))
    };
    for (pos, &c) in head
        .iter()
        .enumerate()
        .filter(|(_, &i)| verb_cue(ws, i) && !ws[i].text.ends_with("ing"))
    {
        // "Sullivan put off deciding ... but said ...": the sentence's subject speaks. Far into
        // a sentence ("Greg Raiff, chief executive of ..., said") only a speaker right before
        // the cue counts. A relative clause ("Sanders, who endorsed Clinton, said ...") is an
        // aside: its verb is not the cue.
        let Some(src) = speaker_before(p, ws, c, s.start)
            .or_else(|| {
                (pos < 16)
                    .then(|| sentence_subject(p, ws, s.start))
                    .flatten()
            })
            .filter(|src| !relative(src))
        else {
            continue;
        };
        let mut k = idx.iter().position(|&i| i == c)? + 1;
        // "told reporters", "said on Monday": skip a short object or time phrase up to "that".
        if let Some(off) = idx[k..idx.len().min(k + 5)]
            .iter()
            .position(|&i| ws[i].text.eq_ignore_ascii_case("that"))
        {
            k += off + 1;
        }
        let start = *idx.get(k)?;
        let content = ws[start].span.start..text_end;
        if idx.len() - k >= 3 {
            return Some(Attribution {
                content,
                quote: None,
                source: Some(src),
                cue: Some(ws[c].span.clone()),
                direct: false,
            });
        }
        return None;
    }
    None
}

/// The name before a colon at byte `colon` ("Jeffrey M. Jones:", "Bernie Sanders:"), when the
/// colon opens its paragraph or a segment after a dash: one to four capitalised words.
fn colon_speaker(p: &str, colon: usize) -> Option<Range<usize>> {
    const NOT_NAMES: &[&str] = &[
        "related",
        "update",
        "updated",
        "note",
        "editor",
        "editors",
        "photo",
        "watch",
        "read",
        "source",
        "sources",
        "image",
        "credit",
        "advertisement",
        "video",
        "listen",
        "see",
        "more",
        "also",
        "correction",
        "disclosure",
        "warning",
        "breaking",
        "analysis",
        "opinion",
        "q",
        "a",
    ];
    let head = &p[..colon];
    let seg_start = ["- ", "– ", "— "]
        .iter()
        .filter_map(|d| head.rfind(d).map(|i| i + d.len()))
        .max()
        .unwrap_or(0);
    let name = head[seg_start..].trim();
    let words: Vec<&str> = name.split_whitespace().collect();
    let name_like = |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase) || matches!(w, "and" | "&" | "of")
    };
    let ok = (1..=4).contains(&words.len())
        && words.iter().all(|w| name_like(w))
        && words.first().is_some_and(|w| {
            !NOT_NAMES.contains(
                &w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
                    .as_str(),
            )
        });
    if !ok {
        return None;
    }
    let start = colon - head[seg_start..].trim_start().len();
    Some(start..start + name.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_opening_mark_begins_with_a_byte_the_quick_check_knows() {
        for c in OPENERS {
            assert!(begins_opener(c.to_string().as_bytes()[0]), "{c}");
        }
    }

    fn show(p: &str) -> Vec<(String, Option<String>)> {
        attributions(p)
            .into_iter()
            .map(|a| {
                (
                    p[a.quote.unwrap_or(a.content)].to_string(),
                    a.source.map(|s| p[s].to_string()),
                )
            })
            .collect()
    }

    #[test]
    fn colon_headlines_participles_and_long_appositions() {
        let p = "Bernie Sanders: ‘It Is Not A Radical Idea’ To Ask For A Higher Wage";
        assert_eq!(show(p)[0].1.as_deref(), Some("Bernie Sanders"));
        let p = "Fiorina was upfront about her distaste for the front-runner, saying conservatives need to band together to stop him.";
        let got = show(p);
        assert_eq!(got[0].0, "conservatives need to band together to stop him");
        assert_eq!(got[0].1.as_deref(), Some("Fiorina"));
        let p = "“Cruz could win the general election in a landslide,” Viguerie concludes.";
        assert_eq!(show(p)[0].1.as_deref(), Some("Viguerie"));
        let p = "Former Democratic candidate Bernie Sanders, who on Tuesday endorsed the nominee after a long primary, said Wednesday he agrees with the remarks.";
        assert_eq!(
            show(p)[0].1.as_deref(),
            Some("Former Democratic candidate Bernie Sanders")
        );
    }

    #[test]
    fn direct_quotes_with_speakers_after_and_before() {
        let p = "“We will rebuild the bridge by spring,” the mayor said. “It is our first task.” Critics were unconvinced.";
        let got = show(p);
        assert_eq!(
            got[0],
            (
                "We will rebuild the bridge by spring,".into(),
                Some("the mayor".into())
            )
        );
        assert_eq!(
            got[1],
            ("It is our first task.".into(), Some("the mayor".into()))
        );
        let p = "Ahead of the vote, the senator declared, 'We are not planning to give up, whatever happens.'";
        assert_eq!(show(p)[0].1.as_deref(), Some("the senator"));
        let p = "\"Nobody expected this,\" said Maria Lopez, the union's leader.";
        assert_eq!(show(p)[0].1.as_deref(), Some("Maria Lopez"));
    }

    #[test]
    fn partial_quotes_and_apostrophes() {
        let p = "The spokesman described the talks as a 'normal process' and said nothing else. Officials didn't comment.";
        let got = show(p);
        assert_eq!(
            got[0],
            ("normal process".into(), Some("The spokesman".into()))
        );
        assert!(got.iter().all(|(c, _)| !c.contains("didn")));
    }

    #[test]
    fn a_speaker_introduced_before_a_quoted_paragraph() {
        let paras = [
            "The senator was in Ohio on Monday for a rally. He said:",
            "“The questions asked in this debate show why people do not trust us.”",
            "Turnout was low.",
        ];
        let got = document_attributions(&paras);
        assert_eq!(got.len(), 1);
        let (sp, src) = got[0].source.clone().unwrap();
        assert_eq!((got[0].paragraph, &paras[sp][src]), (1, "He"));
    }

    #[test]
    fn reported_speech() {
        let p = "The adviser stated that without progress on this issue the city sees no way out.";
        assert_eq!(
            show(p)[0],
            (
                "without progress on this issue the city sees no way out".into(),
                Some("The adviser".into())
            )
        );
        let p = "The bridge will reopen in May, officials said.";
        assert_eq!(
            show(p)[0],
            (
                "The bridge will reopen in May".into(),
                Some("officials".into())
            )
        );
        let p = "According to the ministry, three people were hurt.";
        assert_eq!(
            show(p)[0],
            ("three people were hurt".into(), Some("the ministry".into()))
        );
        let p = "The bridge, the mayor said, will reopen in May.";
        assert_eq!(show(p)[0].1.as_deref(), Some("the mayor"));
    }

    #[test]
    fn odd_input_never_panics() {
        for p in [
            "",
            "\"",
            "“",
            "'",
            "''",
            "“unclosed quote, he said",
            "He said.",
            "According to.",
            "According to Mr.",
            "A, B said, C.",
            "”reversed“ said X",
            "Ünïcödé “ä” sagte er.",
            "said said said, said said.",
            ", , , said",
        ] {
            let _ = attributions(p);
            let _ = document_attributions(&[p, p]);
        }
    }
}
