//! Figures in news text: the numbers and quantities an article reports, as values.
//!
//! [`quantities`] finds every figure in a text and reads it as a value with what it counts and
//! how it is hedged: digits and words ("two ballistic missiles", "five-hour", "1.2 million"),
//! ranges ("25,000 to 30,000 ... per month"), percentages ("more than 19%"), money ("$235M",
//! "250 million dutch guilders"), units and conversions ("115,600 square km (45,000 square
//! miles)") and approximations ("over", "nearly", "about", "or more").
//!
//! Hand-written for news: a small tokenizer keeps byte offsets, a number reader handles digits,
//! number words, scale words and fractions, and a unit table ([`units`]) names what a figure
//! measures. Pure and deterministic; no I/O.

mod context;
mod number;
mod tokens;
pub mod units;
mod words;
pub mod written;

use context::*;
use number::*;
use tokens::*;

pub use units::{Dimension, Unit};

/// How a figure is hedged: "over four hours" is `MoreThan` 4 hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Qualifier {
    /// "about", "around", "roughly", "some", "an estimated", "or so"
    About,
    /// "nearly", "almost", "just under": a little less than the value
    Nearly,
    /// "over", "more than", "above", "in excess of"
    MoreThan,
    /// "at least", "or more", "500-plus"
    AtLeast,
    /// "less than", "fewer than", "under", "below"
    LessThan,
    /// "up to", "at most", "no more than", "or less"
    AtMost,
}

impl Qualifier {
    /// The qualifier of a kebab-case name ([`Qualifier::as_str`]).
    pub fn from_name(name: &str) -> Option<Qualifier> {
        [
            Qualifier::About,
            Qualifier::Nearly,
            Qualifier::MoreThan,
            Qualifier::AtLeast,
            Qualifier::LessThan,
            Qualifier::AtMost,
        ]
        .into_iter()
        .find(|q| q.as_str() == name)
    }

    /// The kebab-case name used in dossier's JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::About => "about",
            Qualifier::Nearly => "nearly",
            Qualifier::MoreThan => "more-than",
            Qualifier::AtLeast => "at-least",
            Qualifier::LessThan => "less-than",
            Qualifier::AtMost => "at-most",
        }
    }
}

/// One figure found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// Byte span in the text, from the qualifier (if any) to the end of the unit.
    pub start: usize,
    pub end: usize,
    /// The value, or the lower end of a range.
    pub value: f64,
    /// The upper end of a range ("25,000 to 30,000").
    pub upper: Option<f64>,
    /// How the upper end is bounded when both ends carry a qualifier ("more than 10 and less
    /// than 20": `LessThan`); `None` for a plain range.
    pub upper_qualifier: Option<Qualifier>,
    pub unit: Option<Unit>,
    pub qualifier: Option<Qualifier>,
    /// What the figure counts or measures: "ballistic missiles", "meeting" (of "five-hour
    /// meeting"), "casualties".
    pub counts: Option<String>,
    /// The rate's denominator: "month" in "30,000 casualties per month".
    pub per: Option<String>,
    /// Written as a hyphenated modifier: "five-hour", "28-point", "10-year".
    pub modifier: bool,
    /// Restates the figure just before it in other units: "(45,000 square miles)".
    pub conversion: bool,
    /// Written entirely in words ("two", "a million"), not digits.
    pub in_words: bool,
}

/// Every figure in `text`, in order.
pub fn quantities(text: &str) -> Vec<Quantity> {
    let toks = tokenize(text);
    let mut out: Vec<Quantity> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match quantity_at(text, &toks, i) {
            Some((mut q, next)) => {
                if let Some(prev) = out.last_mut() {
                    if join_bounds(text, prev, &q) {
                        i = next.max(i + 1);
                        continue;
                    }
                    q.conversion = is_conversion(text, prev, &q);
                    // "45 and 50 mg", "two or three days": the unit is shared
                    let between = text.get(prev.end..q.start).unwrap_or("").trim();
                    if prev.unit.is_none()
                        && q.unit.is_some()
                        && prev.counts.is_none()
                        && matches!(between, "and" | "or" | "," | "to")
                    {
                        prev.unit = q.unit;
                    }
                }
                out.push(q);
                i = next.max(i + 1);
            }
            None => i += 1,
        }
    }
    out
}

/// Reads the figure starting at token `i`, if one does.
fn quantity_at(text: &str, toks: &[Tok], i: usize) -> Option<(Quantity, usize)> {
    let t = &toks[i];
    // identifiers and times: "F-16", "COVID-19", "4:06", "1st"
    if t.kind == Kind::Digits && i > 0 && !t.space_before {
        let prev = &toks[i - 1];
        if prev.kind == Kind::Word
            || (prev.text == "-" || prev.text == ":" || prev.text == "/" || prev.text == ".")
                && i >= 2
                && !prev.space_before
                && matches!(toks[i - 2].kind, Kind::Word | Kind::Digits)
        {
            return None;
        }
    }
    let (currency, num_start) = match currency_at(toks, i) {
        Some((unit, next)) => (Some(unit), next),
        None => (None, i),
    };
    // "$-99.99"
    if currency.is_none()
        && t.kind == Kind::Sym
        && units::CURRENCY_SYMBOLS.iter().any(|(s, _)| *s == t.text)
        && sym_at(toks, i + 1, "-")
        && attached(toks, i + 1)
        && attached(toks, i + 2)
    {
        if let Some((_, u)) = units::CURRENCY_SYMBOLS.iter().find(|(s, _)| *s == t.text) {
            if toks.get(i + 2).is_some_and(|d| d.kind == Kind::Digits) {
                return quantity_at(text, toks, i + 2).map(|(mut q, e)| {
                    q.value = -q.value;
                    q.start = t.start;
                    q.unit = q.unit.or(Some(*u));
                    (q, e)
                });
            }
        }
    }

    let number = number_at(toks, num_start, currency.is_some())?;
    let mut j = number.end;
    if currency.is_none() && matches!(word_at(toks, j), Some("am" | "pm")) && !number.in_words {
        return None; // "at 2 pm": a time, not a figure
    }
    if t.kind == Kind::Digits && currency.is_none() {
        // clock times, ordinals, scores and versions are not figures
        if sym_at(toks, j, ":") && toks.get(j + 1).is_some_and(|n| n.kind == Kind::Digits) {
            return None;
        }
        if let Some(w) = word_at(toks, j).filter(|_| attached(toks, j)) {
            if matches!(w, "st" | "nd" | "rd" | "th" | "am" | "pm" | "s") {
                return None;
            }
        }
        if matches!(word_at(toks, j), Some("a" | "p"))
            && sym_at(toks, j + 1, ".")
            && matches!(word_at(toks, j + 2), Some("m"))
        {
            return None;
        }
    }
    let mut value = number.value;
    let mut start_tok = i;
    // a minus sign written before the number
    if num_start == i && i > 0 && attached(toks, i) {
        let p = &toks[i - 1];
        if (p.text == "-" || p.text == "−") && (i == 1 || p.space_before) {
            value = -value;
            start_tok = i - 1;
        }
    }
    if i > 0 && matches!(word_at(toks, i - 1), Some("minus" | "negative")) {
        value = -value;
        start_tok = i - 1;
    }
    let mut unit = currency;
    let mut modifier = false;
    // hyphenated modifier: "five-hour", "28-point", "10-year-old"
    if unit.is_none() && sym_at(toks, j, "-") && attached(toks, j) && attached(toks, j + 1) {
        if let Some((u, e)) = unit_at(toks, j + 1, &number) {
            unit = Some(u);
            j = e;
            modifier = true;
        } else if word_at(toks, j + 1).is_some_and(|w| {
            words::small(w).is_none() && words::scale(w).is_none() && w != "plus" && w != "odd"
        }) {
            modifier = true;
            j += 2; // the counted noun follows the hyphen: "28-point plan"
        }
    }
    // ranges: "25,000 to 30,000", "between 5 and 10", "10-15%"
    // ratios: "one in five", "two out of three", "1 in 21"
    if !modifier && currency.is_none() {
        if let Some((r, e)) = ratio_after(toks, j, value) {
            value = r;
            j = e;
        }
    }
    let mut upper = None;
    if !modifier {
        if let Some((lo, hi, e)) =
            range_after(toks, j, start_tok, &number, value, currency.is_some())
        {
            value = lo;
            upper = Some(hi);
            j = e;
        }
    }
    // a currency after the amount: "10 €", "100元", "500 USD", "120 MEUR"
    if unit.is_none() {
        if let Some((u, factor, e)) = currency_after(toks, j) {
            unit = Some(u);
            value *= factor;
            j = e;
        }
    }
    if unit.is_none() {
        if let Some((u, e)) = unit_at(toks, j, &number) {
            let u = if u == units::POUND_MASS && money_context(toks, start_tok) {
                units::POUND_STERLING
            } else {
                u
            };
            unit = Some(u);
            j = e;
            // "5 feet 2 inches"
            if u.name == "foot" {
                let k = if word_at(toks, j) == Some("and") {
                    j + 1
                } else {
                    j
                };
                if let Some(n2) = digits_at(toks, k, false) {
                    let inch = match word_at(toks, n2.end) {
                        Some("in" | "inch" | "inches") => Some(n2.end + 1),
                        _ => sym_at(toks, n2.end, "\"").then_some(n2.end + 1),
                    };
                    if let Some(e2) = inch {
                        value += n2.value / 12.0;
                        j = e2;
                    }
                }
            }
            // "degrees" of temperature, not of angle
            if u == units::DEGREE && temperature_context(toks, start_tok) {
                unit = Some(Unit {
                    name: "degree",
                    dimension: Dimension::Temperature,
                });
            }
        }
    }
    // "44 mg to 50 mg", "from -18 °C to -34 °C"
    if let (Some(u), None, false) = (unit, upper, modifier) {
        if let Some((lo, hi, e)) = range_after(toks, j, start_tok, &number, value, false) {
            if let Some((u2, e2)) = unit_at(toks, e, &number)
                .or_else(|| currency_after(toks, e).map(|(u, _, e)| (u, e)))
            {
                if u2 == u {
                    value = lo;
                    upper = Some(hi);
                    j = e2;
                }
            }
        }
    }
    if unit.is_none() && pronoun_one(toks, num_start, number.end) {
        return None;
    }
    // dollars and cents: "3 dollars 50 cents", "thirteen dollars and forty-five cents"
    if unit.is_some_and(|u| u.dimension == Dimension::Currency && u.name.ends_with("dollar"))
        && upper.is_none()
    {
        let k = if word_at(toks, j) == Some("and") {
            j + 1
        } else {
            j
        };
        if let Some(c) = number_at(toks, k, false).filter(|c| c.value < 100.0 && c.value >= 1.0) {
            if matches!(word_at(toks, c.end), Some("cents" | "cent")) {
                value += c.value / 100.0;
                j = c.end + 1;
            } else if c.value.fract() == 0.0
                && toks
                    .get(c.end)
                    .is_none_or(|n| n.kind == Kind::Sym || n.lower == "more")
                && toks[k].space_before
            {
                // "15 dollars 50", "thirteen dollars forty five"
                value += c.value / 100.0;
                j = c.end;
            }
        }
    }
    // "°C" after a degree
    if unit.is_some_and(|u| u.name == "degree") && attached(toks, j) {
        match word_at(toks, j) {
            Some("c") => {
                unit = Some(units::CELSIUS);
                j += 1;
            }
            Some("f") => {
                unit = Some(units::FAHRENHEIT);
                j += 1;
            }
            _ => {}
        }
    }
    let mut qualifier = None;
    let mut start = toks[start_tok].start;
    if let Some((q, s)) = qualifier_before(toks, start_tok) {
        qualifier = Some(q);
        start = toks[s].start;
    }
    // "more than 5000 or equal (to)": the bound includes the value
    if word_at(toks, j) == Some("or") && word_at(toks, j + 1) == Some("equal") {
        qualifier = match qualifier {
            Some(Qualifier::MoreThan) => Some(Qualifier::AtLeast),
            Some(Qualifier::LessThan) => Some(Qualifier::AtMost),
            kept => kept,
        };
        j += 2;
        if word_at(toks, j) == Some("to") && toks.get(j + 1).is_none_or(|t| t.kind != Kind::Digits)
        {
            j += 1;
        }
    }
    if let Some((q, e)) = qualifier_after(toks, j) {
        // "about five hundred or more": the bound says more than the hedge
        qualifier = match qualifier {
            None | Some(Qualifier::About) => Some(q),
            kept => kept,
        };
        j = e;
    }
    let mut end = toks[j - 1].end;
    // ages: "29 years old", "a 10-year-old", "ninety five years of age", "aged 44"
    if let Some(u) = unit.filter(|u| u.dimension == Dimension::Duration) {
        let old = if word_at(toks, j) == Some("old") {
            Some(j + 1)
        } else if sym_at(toks, j, "-") && word_at(toks, j + 1) == Some("old")
            || word_at(toks, j) == Some("of") && word_at(toks, j + 1) == Some("age")
        {
            Some(j + 2)
        } else {
            None
        };
        let aged = start_tok > 0 && matches!(word_at(toks, start_tok - 1), Some("aged"));
        if old.is_some() || aged {
            unit = Some(Unit {
                name: u.name,
                dimension: Dimension::Age,
            });
        }
        if let Some(e) = old {
            j = e;
            end = toks[e - 1].end;
        }
    }
    // "aged 44", "87 yo"
    if unit.is_none() && !modifier {
        let aged = start_tok > 0 && word_at(toks, start_tok - 1) == Some("aged");
        let yo = word_at(toks, j) == Some("yo");
        if aged || yo {
            unit = Some(Unit {
                name: "year",
                dimension: Dimension::Age,
            });
            if yo {
                j += 1;
                end = toks[j - 1].end;
            }
        }
    }
    let (counts, after_counts) = if modifier && unit.is_none() {
        (Some(toks[j - 1].lower.to_string()), j)
    } else {
        match per_after(toks, j) {
            Some(_) => (None, j),
            None => counted_after(toks, j).map_or((None, j), |(c, e)| (Some(c), e)),
        }
    };
    let mut per = None;
    if let Some((p, e)) = per_after(toks, after_counts) {
        per = Some(p);
        if after_counts == j {
            end = toks[e - 1].end;
        }
    }
    let _ = text;
    Some((
        Quantity {
            start,
            end,
            value,
            upper,
            upper_qualifier: None,
            unit,
            qualifier,
            counts,
            per,
            modifier,
            conversion: false,
            in_words: number.in_words,
        },
        j.max(number.end),
    ))
}

/// "more than 10 and less than 20", "at most 100 and at least 20": two bounds of one range,
/// joined into `prev`. Returns whether they were joined.
fn join_bounds(text: &str, prev: &mut Quantity, q: &Quantity) -> bool {
    use Qualifier::*;
    let lower = |x: Option<Qualifier>| matches!(x, Some(MoreThan | AtLeast));
    let upper = |x: Option<Qualifier>| matches!(x, Some(LessThan | AtMost));
    if prev.upper.is_some() || q.upper.is_some() || prev.unit != q.unit || prev.end > q.start {
        return false;
    }
    let between = text[prev.end..q.start]
        .trim()
        .trim_start_matches(',')
        .trim();
    if !matches!(between, "and" | "but" | "" | "and also") {
        return false;
    }
    let (lo, lo_q, hi, hi_q) = if lower(prev.qualifier) && upper(q.qualifier) {
        (prev.value, prev.qualifier, q.value, q.qualifier)
    } else if upper(prev.qualifier) && lower(q.qualifier) {
        (q.value, q.qualifier, prev.value, prev.qualifier)
    } else {
        return false;
    };
    if lo > hi {
        return false;
    }
    prev.value = lo;
    prev.qualifier = lo_q;
    prev.upper = Some(hi);
    prev.upper_qualifier = hi_q;
    prev.end = q.end;
    true
}

/// "115,600 square km (45,000 square miles)": the second restates the first.
fn is_conversion(text: &str, prev: &Quantity, q: &Quantity) -> bool {
    let (Some(a), Some(b)) = (prev.unit, q.unit) else {
        return false;
    };
    if a.dimension != b.dimension || a == b || prev.end > q.start {
        return false;
    }
    let between = text[prev.end..q.start].trim();
    between == "(" || between == "or" || between == "/"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Quantity {
        let qs = quantities(text);
        assert_eq!(qs.len(), 1, "{text}: {qs:?}");
        qs.into_iter().next().unwrap()
    }

    #[test]
    fn words_and_digits() {
        let q = one("Russia launched two ballistic missiles overnight");
        assert_eq!(q.value, 2.0);
        assert_eq!(q.counts.as_deref(), Some("ballistic missiles"));
        assert_eq!(one("one hundred and five people").value, 105.0);
        assert_eq!(one("twenty-five drones").value, 25.0);
        assert_eq!(one("It cost 1,500,000 rubles").value, 1_500_000.0);
        assert_eq!(one("a million people").value, 1e6);
        assert_eq!(one("over 1.2 million killed or wounded").value, 1.2e6);
    }

    #[test]
    fn modifiers_and_qualifiers() {
        let q = one("his five-hour meeting with the envoys");
        assert_eq!((q.value, q.unit.map(|u| u.name)), (5.0, Some("hour")));
        assert!(q.modifier);
        assert_eq!(q.counts.as_deref(), Some("meeting"));
        let q = one("talks lasting over four hours");
        assert_eq!(q.qualifier, Some(Qualifier::MoreThan));
        assert_eq!(q.unit.map(|u| u.name), Some("hour"));
        let q = one("the initial 28-point peace proposal");
        assert_eq!(q.value, 28.0);
        assert_eq!(q.counts.as_deref(), Some("point"));
        let q = one("Russia occupies more than 19% of Ukraine");
        assert_eq!(q.unit, Some(units::PERCENT));
        assert_eq!(q.qualifier, Some(Qualifier::MoreThan));
    }

    #[test]
    fn ranges_money_conversions() {
        let q = one("25,000 to 30,000 casualties per month");
        assert_eq!((q.value, q.upper), (25_000.0, Some(30_000.0)));
        assert_eq!(q.per.as_deref(), Some("month"));
        let q = one("Canada commits $235M to Ukraine");
        assert_eq!(q.value, 235e6);
        assert_eq!(q.unit.map(|u| u.dimension), Some(Dimension::Currency));
        let qs = quantities("an area of 115,600 square km (45,000 square miles)");
        assert_eq!(qs.len(), 2);
        assert_eq!(qs[0].unit.map(|u| u.name), Some("square kilometre"));
        assert!(qs[1].conversion);
        let q = one("between 25 and 30 million dollars");
        assert_eq!((q.value, q.upper), (25e6, Some(30e6)));
    }

    #[test]
    fn up_to_after_a_verb_is_a_move() {
        assert_eq!(one("The rate crept up to 4.4% in April").qualifier, None);
        assert_eq!(
            one("The fine is up to $5,000").qualifier,
            Some(Qualifier::AtMost)
        );
        assert_eq!(
            one("It could cost up to $5 million").qualifier,
            Some(Qualifier::AtMost)
        );
    }

    #[test]
    fn not_figures() {
        assert!(quantities("The one you mentioned is invalid").is_empty());
        assert!(quantities("at 4:06 on the 1st, an F-16 flew").is_empty());
    }
}
