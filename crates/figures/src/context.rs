//! What surrounds a number: its currency or unit, its hedge ("more than", "or so"), a range or
//! ratio it continues into, what it counts and per what.

use crate::number::{number_at, Number};
use crate::tokens::{attached, sym_at, word_at, Kind, Tok};
use crate::units::{self, Unit};
use crate::words;
use crate::Qualifier;

/// The unit of a currency symbol or code (lower case), the first listed where one is listed
/// twice: a table, as this is asked of every token of a text.
fn currency_named(key: &str) -> Option<Unit> {
    static TABLE: std::sync::OnceLock<rustc_hash::FxHashMap<&'static str, Unit>> =
        std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t = rustc_hash::FxHashMap::default();
        for (s, u) in units::CURRENCY_SYMBOLS.iter().chain(units::CURRENCY_CODES) {
            t.entry(*s).or_insert(*u);
        }
        t
    });
    table.get(key).copied()
}

/// A currency symbol or code at `i`: the unit and the token after it.
pub(crate) fn currency_at(toks: &[Tok], i: usize) -> Option<(Unit, usize)> {
    let t = toks.get(i)?;
    let lookup = currency_named;
    // "US$", "HK$" (and "hk $" in tokenized text, for prefixes of two letters or more)
    if t.kind == Kind::Word
        && sym_at(toks, i + 1, "$")
        && (attached(toks, i + 1) || t.lower.len() >= 2)
    {
        if let Some(unit) = lookup(&format!("{}$", t.lower)) {
            return Some((unit, i + 2));
        }
    }
    // "MAUD 60": millions of a currency code
    if t.kind == Kind::Word
        && t.text.len() == 4
        && t.text.starts_with('M')
        && t.text.bytes().all(|b| b.is_ascii_uppercase())
        && toks.get(i + 1).is_some_and(|n| n.kind == Kind::Digits)
    {
        if let Some(unit) = units::CURRENCY_CODES
            .iter()
            .find(|(s, _)| *s == &t.lower[1..])
            .map(|(_, u)| *u)
        {
            return Some((unit, i + 1));
        }
    }
    let unit = lookup(&t.lower)?;
    let mut next = i + 1;
    if t.kind == Kind::Word {
        // codes before the amount are upper case ("USD 5", "Rs 500", "Rs. 500")
        if t.text.chars().next().is_some_and(|c| c.is_lowercase()) {
            return None;
        }
        if sym_at(toks, next, ".") {
            next += 1;
        }
    }
    toks.get(next)
        .is_some_and(|n| n.kind == Kind::Digits)
        .then_some((unit, next))
}

/// A currency written after the amount: a symbol ("10 €"), a code ("500 USD", "115USD"), a
/// code for millions ("120 MEUR"), or a code then a scale ("75 USD million"). Returns the unit,
/// the factor to apply and the token after it.
pub(crate) fn currency_after(toks: &[Tok], j: usize) -> Option<(Unit, f64, usize)> {
    let t = toks.get(j)?;
    if t.kind == Kind::Sym || t.text == "元" {
        let (_, u) = units::CURRENCY_SYMBOLS.iter().find(|(s, _)| *s == t.text)?;
        return Some((*u, 1.0, j + 1));
    }
    if t.kind != Kind::Word {
        return None;
    }
    let code = |key: &str| {
        units::CURRENCY_CODES
            .iter()
            .find(|(s, _)| *s == key)
            .map(|(_, u)| *u)
    };
    // lower-case "try" is a verb, not the Turkish lira
    let upper_only = t.lower == "try";
    if upper_only && t.text != "TRY" {
        return None;
    }
    if let Some(u) = code(&t.lower) {
        if let Some(s) = word_at(toks, j + 1)
            .and_then(words::scale)
            .filter(|s| *s > 100.0)
        {
            return Some((u, s, j + 2));
        }
        return Some((u, 1.0, j + 1));
    }
    if t.text.len() == 4
        && t.text.starts_with('M')
        && t.text[1..].bytes().all(|b| b.is_ascii_uppercase())
    {
        if let Some(u) = code(&t.lower[1..]) {
            return Some((u, 1e6, j + 1));
        }
    }
    None
}

/// The unit written at `j` after a number: the unit and the token after it.
pub(crate) fn unit_at(toks: &[Tok], j: usize, number: &Number) -> Option<(Unit, usize)> {
    let first = toks.get(j)?;
    if first.kind == Kind::Sym && (first.text == "%" || first.text == "٪") {
        return Some((units::PERCENT, j + 1));
    }
    let mut best: Option<(Unit, usize)> = None;
    for (surface, unit) in units::UNIT_WORDS {
        let len = surface.len();
        let matches = surface.iter().enumerate().all(|(k, w)| {
            toks.get(j + k).is_some_and(|t| {
                t.lower == *w
                    && (k == 0
                        || t.kind != Kind::Sym && t.space_before
                        || !t.space_before
                            && (t.kind == Kind::Sym || toks[j + k - 1].kind == Kind::Sym))
            })
        });
        if matches && best.is_none_or(|(_, e)| j + len > e) {
            best = Some((*unit, j + len));
        }
    }
    let (unit, end) = best?;
    let word = &*first.lower;
    if units::is_ambiguous_abbreviation(word) && toks[j..end].len() == 1 {
        if number.in_words {
            return None;
        }
        let tight = !first.space_before;
        let next = toks.get(end);
        let free_after = next.is_none_or(|n| {
            n.kind != Kind::Word
                || matches!(
                    &*n.lower,
                    "thick"
                        | "long"
                        | "wide"
                        | "tall"
                        | "high"
                        | "deep"
                        | "away"
                        | "of"
                        | "from"
                        | "x"
                        | "by"
                )
        });
        let ok = if word == "in" {
            next.is_none()
                || next.is_some_and(|n| n.text == "." && toks.len() == end + 1)
                || next.is_some_and(|n| {
                    matches!(
                        &*n.lower,
                        "thick" | "long" | "wide" | "tall" | "high" | "deep"
                    )
                })
        } else {
            tight || free_after
        };
        if !ok {
            return None;
        }
    }
    // "°" alone is a degree only when nothing of a temperature follows
    Some((unit, end))
}

/// Whether the words around a figure talk about money (for "pounds": sterling or weight).
pub(crate) fn money_context(toks: &[Tok], start: usize) -> bool {
    const MONEY: &[&str] = &[
        "cost",
        "costs",
        "paid",
        "pay",
        "pays",
        "price",
        "priced",
        "prices",
        "sold",
        "sell",
        "bought",
        "buy",
        "worth",
        "fine",
        "fined",
        "spend",
        "spent",
        "raise",
        "raised",
        "earn",
        "earned",
        "salary",
        "budget",
        "fund",
        "funding",
        "bill",
        "tax",
        "charge",
        "charged",
        "loan",
        "debt",
        "profit",
        "revenue",
        "sales",
        "deal",
        "million",
        "billion",
        "stake",
        "invest",
        "invested",
        "investment",
        "offer",
        "offered",
        "bid",
    ];
    toks[start.saturating_sub(10)..start]
        .iter()
        .any(|t| MONEY.contains(&&*t.lower) || t.text == "£")
}

/// "in five", "out of three" after a number: the ratio and the token after it. Years are not
/// denominators ("1 in 2014").
pub(crate) fn ratio_after(toks: &[Tok], j: usize, value: f64) -> Option<(f64, usize)> {
    let k = match (word_at(toks, j), word_at(toks, j + 1)) {
        (Some("out"), Some("of")) => j + 2,
        (Some("in"), _) => j + 1,
        _ => return None,
    };
    let n = number_at(toks, k, false)?;
    let year_like = !n.in_words && (1000.0..=2200.0).contains(&n.value);
    let unit_follows = unit_at(toks, n.end, &n).is_some();
    if n.value <= value || n.value == 0.0 || year_like || unit_follows || value.fract() != 0.0 {
        return None;
    }
    Some((value / n.value, n.end))
}

/// A range continuing a number that ends at `j`: "to 30,000", "and 10" after "between",
/// "-15" (digits only). Returns the lower and upper values and the token after the range.
pub(crate) fn range_after(
    toks: &[Tok],
    j: usize,
    start_tok: usize,
    number: &Number,
    value: f64,
    money: bool,
) -> Option<(f64, f64, usize)> {
    let between = start_tok > 0 && matches!(word_at(toks, start_tok - 1), Some("between"))
        || start_tok > 1 && word_at(toks, start_tok - 2) == Some("between");
    let c = toks.get(j)?;
    let connector = match c.kind {
        Kind::Word => c.lower == "to" || c.lower == "through" || between && c.lower == "and",
        Kind::Sym => matches!(c.text, "-" | "–" | "—" | "~") && !number.in_words,
        Kind::Digits => false,
    };
    if !connector {
        return None;
    }
    let mut k = j + 1;
    if money {
        if let Some((_, n)) = currency_at(toks, k) {
            k = n;
        }
    }
    let negative = toks.get(k).is_some_and(|m| m.text == "-" || m.text == "−")
        && attached(toks, k + 1)
        && toks.get(k + 1).is_some_and(|d| d.kind == Kind::Digits);
    if negative {
        k += 1;
    }
    let n2 = number_at(toks, k, money)?;
    if n2.in_words != number.in_words && c.kind != Kind::Word {
        return None;
    }
    // "+1-222-2222": a phone number, not a range
    if sym_at(toks, n2.end, "-") && toks.get(n2.end + 1).is_some_and(|d| d.kind == Kind::Digits) {
        return None;
    }
    let hi = if negative { -n2.value } else { n2.value };
    let mut lo = value;
    if number.scaled.is_none() {
        if let Some(s) = n2.scaled {
            if lo * s <= hi {
                lo *= s;
            }
        }
    }
    if hi == lo || (hi < lo && !(negative && lo < 0.0)) {
        return None;
    }
    Some((lo.min(hi), lo.max(hi), n2.end))
}

/// Whether the words before a figure talk about temperature ("the temperature is 24 degrees").
pub(crate) fn temperature_context(toks: &[Tok], start: usize) -> bool {
    toks[start.saturating_sub(8)..start].iter().any(|t| {
        matches!(
            &*t.lower,
            "temperature"
                | "temperatures"
                | "thermostat"
                | "heat"
                | "hot"
                | "cold"
                | "warm"
                | "fever"
                | "boils"
                | "freezes"
                | "weather"
                | "thermometer"
        )
    })
}

/// The qualifier written before token `i`: the qualifier and the token it starts at.
pub(crate) fn qualifier_before(toks: &[Tok], i: usize) -> Option<(Qualifier, usize)> {
    use Qualifier::*;
    const PHRASES: &[(&[&str], Qualifier)] = &[
        (&["less", "than", "or", "equal", "to"], AtMost),
        (&["fewer", "than", "or", "equal", "to"], AtMost),
        (&["greater", "than", "or", "equal", "to"], AtLeast),
        (&["more", "than", "or", "equal", "to"], AtLeast),
        (&["less", "or", "equal", "than"], AtMost),
        (&["smaller", "or", "equal", "than"], AtMost),
        (&["lower", "or", "equal", "than"], AtMost),
        (&["greater", "or", "equal", "than"], AtLeast),
        (&["bigger", "or", "equal", "than"], AtLeast),
        (&["higher", "or", "equal", "than"], AtLeast),
        (&["larger", "or", "equal", "than"], AtLeast),
        (&["equal", "to", "or", "less", "than"], AtMost),
        (&["equal", "to", "or", "fewer", "than"], AtMost),
        (&["equal", "to", "or", "more", "than"], AtLeast),
        (&["equal", "to", "or", "greater", "than"], AtLeast),
        (&["at", "least", "or", "equal", "to"], AtLeast),
        (&["no", "more", "than"], AtMost),
        (&["no", "fewer", "than"], AtLeast),
        (&["no", "less", "than"], AtLeast),
        (&["not", "more", "than"], AtMost),
        (&["as", "many", "as"], AtMost),
        (&["as", "much", "as"], AtMost),
        (&["as", "few", "as"], AtLeast),
        (&["in", "excess", "of"], MoreThan),
        (&["upwards", "of"], MoreThan),
        (&["just", "under"], Nearly),
        (&["just", "shy", "of"], Nearly),
        (&["just", "over"], MoreThan),
        (&["more", "than"], MoreThan),
        (&["greater", "than"], MoreThan),
        (&["higher", "than"], MoreThan),
        (&["larger", "than"], MoreThan),
        (&["bigger", "than"], MoreThan),
        (&["less", "than"], LessThan),
        (&["fewer", "than"], LessThan),
        (&["lower", "than"], LessThan),
        (&["smaller", "than"], LessThan),
        (&["at", "least"], AtLeast),
        (&["at", "most"], AtMost),
        (&["up", "to"], AtMost),
        (&["close", "to"], About),
        (&["an", "estimated"], About),
        (&["some"], About),
        (&["about"], About),
        (&["around"], About),
        (&["roughly"], About),
        (&["approximately"], About),
        (&["approx"], About),
        (&["circa"], About),
        (&["nearly"], Nearly),
        (&["almost"], Nearly),
        (&["over"], MoreThan),
        (&["above"], MoreThan),
        (&["exceeding"], MoreThan),
        (&["exceed"], MoreThan),
        (&["exceeds"], MoreThan),
        (&["exceeded"], MoreThan),
        (&["surpass"], MoreThan),
        (&["surpassed"], MoreThan),
        (&["surpassing"], MoreThan),
        (&["topped"], MoreThan),
        (&["beyond"], MoreThan),
        (&["under"], LessThan),
        (&["below"], LessThan),
        (&["within"], AtMost),
        (&["~"], About),
        (&["≈"], About),
        (&["≥"], AtLeast),
        (&["≤"], AtMost),
        (&[">"], MoreThan),
        (&["<"], LessThan),
    ];
    if i >= 2 && sym_at(toks, i - 1, "=") && attached(toks, i - 1) {
        if sym_at(toks, i - 2, ">") {
            return Some((AtLeast, i - 2));
        }
        if sym_at(toks, i - 2, "<") {
            return Some((AtMost, i - 2));
        }
    }
    for (phrase, q) in PHRASES {
        let n = phrase.len();
        if i < n {
            continue;
        }
        let s = i - n;
        if phrase
            .iter()
            .enumerate()
            .all(|(k, w)| toks[s + k].lower == *w)
        {
            // "ticked up to 6.1%", "revised up to 2.3%": the verb's "up", not a bound
            if *phrase == ["up", "to"] && s > 0 && moves_up(&toks[s - 1].lower) {
                return None;
            }
            return Some((*q, s));
        }
    }
    None
}

/// A verb "up" can follow, making "up to" a move rather than a bound.
fn moves_up(w: &str) -> bool {
    (w.len() > 3 && w.ends_with("ed"))
        || matches!(
            w,
            "rose"
                | "went"
                | "shot"
                | "crept"
                | "grew"
                | "rise"
                | "rises"
                | "go"
                | "goes"
                | "move"
                | "moves"
                | "tick"
                | "ticks"
                | "climb"
                | "climbs"
                | "jump"
                | "jumps"
        )
}

/// A qualifier written after the figure ("or more", "or so", "500-plus"): it and the token after.
pub(crate) fn qualifier_after(toks: &[Tok], j: usize) -> Option<(Qualifier, usize)> {
    match (word_at(toks, j), word_at(toks, j + 1)) {
        (Some("or"), Some("more" | "greater" | "higher")) => Some((Qualifier::AtLeast, j + 2)),
        (Some("and"), Some("more" | "above")) => Some((Qualifier::AtLeast, j + 2)),
        (Some("or"), Some("less" | "fewer")) => Some((Qualifier::AtMost, j + 2)),
        (Some("or"), Some("so")) => Some((Qualifier::About, j + 2)),
        (Some("or"), Some("above")) => Some((Qualifier::AtLeast, j + 2)),
        (Some("or"), Some("below")) => Some((Qualifier::AtMost, j + 2)),
        (Some("plus"), _) => Some((Qualifier::AtLeast, j + 1)),
        _ if sym_at(toks, j, "-") && attached(toks, j) && word_at(toks, j + 1) == Some("plus") => {
            Some((Qualifier::AtLeast, j + 2))
        }
        _ if sym_at(toks, j, "-") && attached(toks, j) && word_at(toks, j + 1) == Some("odd") => {
            Some((Qualifier::About, j + 2))
        }
        _ if sym_at(toks, j, "+") && attached(toks, j) => Some((Qualifier::AtLeast, j + 1)),
        _ => None,
    }
}

const STOP: &[&str] = &[
    "the",
    "a",
    "an",
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "from",
    "by",
    "with",
    "as",
    "than",
    "that",
    "which",
    "who",
    "whom",
    "was",
    "were",
    "is",
    "are",
    "be",
    "been",
    "being",
    "have",
    "has",
    "had",
    "will",
    "would",
    "could",
    "should",
    "may",
    "might",
    "can",
    "said",
    "says",
    "per",
    "each",
    "this",
    "these",
    "those",
    "its",
    "their",
    "his",
    "her",
    "it",
    "they",
    "we",
    "he",
    "she",
    "but",
    "not",
    "since",
    "after",
    "before",
    "during",
    "until",
    "while",
    "when",
    "where",
    "into",
    "over",
    "under",
    "about",
    "more",
    "less",
    "ago",
    "later",
    "earlier",
    "also",
    "only",
    "just",
    "up",
    "down",
    "out",
    "and",
    "or",
    "if",
    "so",
    "then",
    "there",
    "here",
    "all",
    "some",
    "such",
    "than",
    "every",
    "last",
    "next",
    "this",
    "do",
    "does",
    "did",
    "across",
    "against",
    "between",
    "through",
    "toward",
    "towards",
    "including",
    "like",
    "via",
    "among",
    "around",
    "ahead",
    "away",
    "back",
    "off",
    "onto",
    "upon",
    "within",
    "without",
    "what",
    "overnight",
    "today",
    "yesterday",
    "tonight",
    "tomorrow",
    "now",
    "recently",
    "already",
    "again",
    "still",
    "respectively",
    "annually",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "because",
    "although",
    "though",
    "whereas",
    "how",
    "why",
];

/// What the figure counts: up to four words after it, stopping at function words.
pub(crate) fn counted_after(toks: &[Tok], j: usize) -> Option<(String, usize)> {
    let mut words: Vec<String> = Vec::new();
    let mut k = j;
    while k < toks.len() && words.len() < 4 {
        let t = &toks[k];
        // initials: "U.S. draft proposals"
        let initial = |i: usize| {
            toks.get(i).is_some_and(|w| {
                w.kind == Kind::Word && w.text.len() == 1 && w.text.chars().all(char::is_uppercase)
            }) && sym_at(toks, i + 1, ".")
                && attached(toks, i + 1)
        };
        if initial(k) {
            let mut abbr = String::new();
            while initial(k) && (abbr.is_empty() || attached(toks, k)) {
                abbr.push_str(toks[k].text);
                abbr.push('.');
                k += 2;
            }
            words.push(abbr);
            continue;
        }
        if t.kind == Kind::Sym && t.text == "-" && !t.space_before && !words.is_empty() {
            if word_at(toks, k + 1).is_some() && attached(toks, k + 1) {
                words.push("-".into());
                k += 1;
                continue;
            }
            break;
        }
        if t.kind != Kind::Word {
            break;
        }
        let w = &*t.lower;
        if (w == "and" || w == "or") && !words.is_empty() {
            // "points and organised into": a verb after "and" starts a new clause
            let next_plain = word_at(toks, k + 1).is_some_and(|n| {
                !STOP.contains(&n)
                    && words::small(n).is_none()
                    && words::scale(n).is_none()
                    && !(n.len() > 4 && (n.ends_with("ed") || n.ends_with("ing")))
            });
            if next_plain {
                words.push(t.text.to_string());
                k += 1;
                continue;
            }
            break;
        }
        if STOP.contains(&w) || words::small(w).is_some() || words::scale(w).is_some() {
            break;
        }
        words.push(t.text.to_string());
        k += 1;
        // a plural noun ends the phrase: "ballistic missiles overnight"
        let plural = w.len() > 3 && w.ends_with('s') && !w.ends_with("ss");
        if plural && !matches!(word_at(toks, k), Some("and" | "or")) {
            break;
        }
    }
    while words
        .last()
        .is_some_and(|w| matches!(w.as_str(), "and" | "or" | "-"))
    {
        words.pop();
    }
    if words.is_empty() {
        return None;
    }
    Some((words.join(" ").replace(" - ", "-"), k))
}

/// "per month", "a year", "each day": the unit of a rate after the figure.
pub(crate) fn per_after(toks: &[Tok], j: usize) -> Option<(String, usize)> {
    let slash = sym_at(toks, j, "/");
    let w = if slash { "/" } else { word_at(toks, j)? };
    let per = matches!(w, "per" | "a" | "an" | "each" | "every" | "/");
    if !per {
        return None;
    }
    let what = word_at(toks, j + 1)?;
    let timeish = matches!(
        what,
        "second"
            | "minute"
            | "hour"
            | "day"
            | "week"
            | "month"
            | "year"
            | "night"
            | "capita"
            | "person"
            | "head"
            | "barrel"
            | "share"
            | "gallon"
            | "litre"
            | "liter"
            | "kilogram"
            | "kg"
            | "ton"
            | "tonne"
    );
    (timeish || w == "per" || w == "/").then(|| (what.to_string(), j + 2))
}
