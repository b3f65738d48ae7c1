//! Reading one number at a token: digits with separators, fractions and scales ("1.2 million",
//! "$235M", "2 1/2"), and numbers in words ("twenty-five", "one hundred and five", "half a
//! million", "five ninths", "one in five").

use crate::tokens::{attached, sym_at, word_at, Kind, Tok};
use crate::words;

/// A number read at a token: its value, the token after it, and how it was written.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Number {
    pub value: f64,
    pub end: usize,
    pub in_words: bool,
    /// Multiplied by a scale word or letter ("million", "M").
    pub scaled: Option<f64>,
}

pub(crate) fn parse_digits(s: &str) -> Option<f64> {
    if s.matches('.').count() > 1 {
        return None;
    }
    if s.contains(['e', 'E']) {
        return s.parse().ok();
    }
    let cleaned = if s.contains(',') {
        let mut groups = s.split(',');
        let first = groups.next()?;
        let rest: Vec<&str> = groups.collect();
        let thousands = !first.is_empty()
            && first.len() <= 3
            && rest
                .iter()
                .all(|g| g.split('.').next().is_some_and(|d| d.len() == 3));
        if thousands {
            s.replace(',', "")
        } else if rest.len() == 1 && !s.contains('.') {
            // a decimal comma ("1,5")
            s.replace(',', ".")
        } else {
            return None;
        }
    } else {
        s.to_string()
    };
    cleaned.parse().ok()
}

/// A number written in digits at `i`, with fractions and scales.
pub(crate) fn digits_at(toks: &[Tok], i: usize, money: bool) -> Option<Number> {
    let t = toks.get(i).filter(|t| t.kind == Kind::Digits)?;
    let mut value = parse_digits(t.text)?;
    let mut j = i + 1;
    let integer = !t.text.contains(['.', ',', 'e', 'E']);
    // thousands separated by spaces: "1 234 567" (only groups of exactly three digits)
    if integer && t.text.len() <= 3 {
        while toks.get(j).is_some_and(|g| {
            g.kind == Kind::Digits
                && g.space_before
                && (g.text.len() == 3
                    || g.text.len() > 4 && g.text.as_bytes()[3] == b'.' && !g.text.contains(','))
        }) && !toks
            .get(j + 1)
            .is_some_and(|n| n.text == "/" && !n.space_before)
        {
            let g = &toks[j];
            if g.start - toks[j - 1].end > 3 {
                break;
            }
            value = value * 1000.0 + parse_digits(g.text)?;
            j += 1;
            if g.text.contains('.') {
                break;
            }
        }
    }
    // "3/4", not "12/02/2025"
    let slash_fraction = |a: usize| {
        sym_at(toks, a, "/")
            && attached(toks, a)
            && toks.get(a + 1).is_some_and(|d| d.kind == Kind::Digits)
            && attached(toks, a + 1)
            && !(sym_at(toks, a + 2, "/") && attached(toks, a + 2))
    };
    if integer && j == i + 1 && slash_fraction(j) {
        let d = parse_digits(toks[j + 1].text)?;
        if d == 0.0 || (j >= 2 && sym_at(toks, i - 1, "/") && attached(toks, i)) {
            return None;
        }
        value /= d;
        j += 2;
    } else if integer
        && toks
            .get(j)
            .is_some_and(|d| d.kind == Kind::Digits && d.space_before)
        && slash_fraction(j + 1)
    {
        let num = parse_digits(toks[j].text)?;
        let den = parse_digits(toks[j + 2].text)?;
        if den > num && den > 0.0 {
            value += num / den;
            j += 3;
        }
    } else if let Some(f) = toks
        .get(j)
        .filter(|f| !f.space_before)
        .and_then(|f| vulgar(f.text))
    {
        // "2½"
        value += f;
        j += 1;
    }
    let mut scaled = None;
    if let Some(t) = toks.get(j).filter(|t| t.kind == Kind::Word) {
        let s = if !t.space_before {
            words::attached_scale(t.text).or_else(|| {
                (money && matches!(&*t.lower, "m" | "b" | "k" | "mm" | "mil"))
                    .then(|| {
                        words::attached_scale(&t.text.to_uppercase())
                            .or((t.lower.len() > 1).then_some(1e6))
                    })
                    .flatten()
            })
        } else {
            None
        }
        .or_else(|| words::scale(&t.lower).filter(|_| t.space_before || t.lower.len() > 1))
        .or_else(|| {
            (t.space_before && matches!(t.text, "k" | "K" | "M" | "bn" | "mn"))
                .then(|| words::attached_scale(t.text))
                .flatten()
        });
        if let Some(s) = s {
            value *= s;
            scaled = Some(s);
            j += 1;
            // "1.2 million", "3 hundred and 21", "4 thousand 3 hundred and 21"
            if let Some(rest) = smaller_part(toks, j, s) {
                value += rest.value;
                j = rest.end;
            }
        } else if matches!(&*t.lower, "dozen" | "dozens") {
            value *= 12.0;
            j += 1;
        }
    }
    if let Some((extra, e)) = and_a_fraction(toks, j, scaled) {
        value += extra;
        j = e;
    }
    Some(Number {
        value,
        end: j,
        in_words: false,
        scaled,
    })
}

/// The value of a vulgar-fraction character ("½").
pub(crate) fn vulgar(s: &str) -> Option<f64> {
    Some(match s {
        "½" => 0.5,
        "¼" => 0.25,
        "¾" => 0.75,
        "⅓" => 1.0 / 3.0,
        "⅔" => 2.0 / 3.0,
        "⅕" => 0.2,
        "⅙" => 1.0 / 6.0,
        "⅛" => 0.125,
        "⅜" => 0.375,
        "⅝" => 0.625,
        "⅞" => 0.875,
        _ => return None,
    })
}

/// After a scale ("4 thousand"), a smaller number continues it: "3 hundred and 21".
fn smaller_part(toks: &[Tok], j: usize, scale: f64) -> Option<Number> {
    let k = if word_at(toks, j) == Some("and") {
        j + 1
    } else {
        j
    };
    let t = toks.get(k)?;
    if !t.space_before || t.text.contains(['.', ',']) {
        return None;
    }
    let n = digits_at(toks, k, false).or_else(|| {
        (t.kind == Kind::Word && words::small(&t.lower).is_some())
            .then(|| words_at(toks, k))
            .flatten()
    })?;
    (n.value < scale && n.value >= 1.0 && n.scaled.is_none_or(|s| s < scale)).then_some(n)
}

/// "and a half", "and three quarters", "and a fifth" after a number: the fraction (of the
/// scale, when one came before: "3 million and a half") and the token after it.
fn and_a_fraction(toks: &[Tok], j: usize, scale: Option<f64>) -> Option<(f64, usize)> {
    if word_at(toks, j) != Some("and") {
        return None;
    }
    let (num, k) = match word_at(toks, j + 1)? {
        "a" | "an" | "one" => (1.0, j + 2),
        w => (words::small(w).filter(|n| *n > 1.0 && *n < 10.0)?, j + 2),
    };
    let d = words::denominator(word_at(toks, k)?)?;
    Some((num / d * scale.unwrap_or(1.0), k + 1))
}

/// A cardinal written in words at `i` ("twenty-five", "one hundred and five", "a million",
/// "two and a half", "five ninths", "one-half", "half a million", "three quarters billion").
pub(crate) fn words_at(toks: &[Tok], i: usize) -> Option<Number> {
    // fractions that scale: "half a million", "a quarter million", "three quarters billion"
    if let Some(n) = fraction_of_scale(toks, i) {
        return Some(n);
    }
    let mut total = 0.0;
    let mut current = 0.0;
    let mut got = false;
    let mut last_small: Option<f64> = None;
    let mut last_scale = false;
    let mut scaled = None;
    let mut j = i;
    while let Some(w) = word_at(toks, j) {
        if let Some(x) = words::small(w) {
            if let Some(ls) = last_small {
                let tens_then_ones = words::is_tens(&toks[j - 1].lower) && x > 0.0 && x < 10.0;
                if !tens_then_ones || ls % 10.0 != 0.0 {
                    break;
                }
            }
            current += x;
            last_small = Some(x);
            last_scale = false;
            got = true;
            j += 1;
            // "twenty-five", "fifty - two"
            if words::is_tens(w) && sym_at(toks, j, "-") {
                if let Some(o) = word_at(toks, j + 1).and_then(words::small) {
                    if o > 0.0 && o < 10.0 {
                        current += o;
                        last_small = Some(o);
                        j += 2;
                    }
                }
            }
            continue;
        }
        if let Some(s) = words::scale(w).filter(|_| w.len() > 3) {
            if !got {
                break;
            }
            if s == 100.0 {
                current = current.max(1.0) * 100.0;
            } else {
                total += current.max(1.0) * s;
                current = 0.0;
            }
            scaled = Some(s);
            last_small = None;
            last_scale = true;
            j += 1;
            continue;
        }
        if (w == "a" || w == "an") && !got {
            if word_at(toks, j + 1)
                .and_then(words::scale)
                .is_some_and(|_| toks[j + 1].lower.len() > 3)
            {
                current = 1.0;
                got = true;
                j += 1;
                continue;
            }
            if word_at(toks, j + 1) == Some("dozen") {
                current = 12.0;
                got = true;
                j += 2;
                continue;
            }
            break;
        }
        if matches!(w, "dozen" | "dozens") && got {
            current *= 12.0;
            j += 1;
            continue;
        }
        if w == "and" && got {
            // "two and a half", "five and a half million", "3 million and a half"
            if let Some((f, e)) = and_a_fraction(toks, j, None) {
                let scale_after = word_at(toks, e)
                    .and_then(words::scale)
                    .filter(|s| *s > 100.0);
                match (scaled, scale_after) {
                    (_, Some(s)) => {
                        total += (current + f) * s;
                        current = 0.0;
                        scaled = Some(s);
                        j = e + 1;
                    }
                    (Some(s), None) if last_scale && s > 100.0 => {
                        total += f * s;
                        j = e;
                    }
                    _ => {
                        current += f;
                        j = e;
                    }
                }
                break;
            }
            // "one hundred and five"
            if last_scale && word_at(toks, j + 1).and_then(words::small).is_some() {
                j += 1;
                continue;
            }
        }
        break;
    }
    if !got {
        return None;
    }
    let mut value = total + current;
    // "five point five", "nine point nought four"
    if word_at(toks, j) == Some("point") && scaled.is_none() {
        let mut k = j + 1;
        let mut digits = String::new();
        while let Some(d) = word_at(toks, k)
            .and_then(words::small)
            .filter(|d| *d < 10.0)
        {
            digits.push(char::from(b'0' + d as u8));
            k += 1;
        }
        if let Some(tail) = (!digits.is_empty())
            .then(|| format!("0.{digits}").parse::<f64>().ok())
            .flatten()
        {
            value += tail;
            j = k;
        }
    }
    // fractions: "five ninths", "three twenty firsts", "one third", "one-half", "two-thirds"
    let hyphen = sym_at(toks, j, "-") && word_at(toks, j + 1).is_some();
    let f = if hyphen { j + 1 } else { j };
    if let Some(w) = word_at(toks, f) {
        let plural_or_one = w.ends_with('s') || value == 1.0 || hyphen;
        if let Some(d) = words::denominator(w).filter(|_| plural_or_one && w != "second") {
            value /= d;
            j = f + 1;
        } else if words::is_tens(w) && !hyphen {
            // "three twenty firsts", "one twenty-fifth"
            let o_at = if sym_at(toks, f + 1, "-") {
                f + 2
            } else {
                f + 1
            };
            if let Some(o) = word_at(toks, o_at)
                .filter(|o| o.ends_with('s') || value == 1.0)
                .and_then(words::ordinal_ones)
            {
                let d = words::small(w).unwrap_or(1.0) + o;
                value /= d;
                j = o_at + 1;
            }
        }
    }
    Some(Number {
        value,
        end: j,
        in_words: true,
        scaled,
    })
}

/// "half a million", "half million", "a quarter million", "three quarters billion".
fn fraction_of_scale(toks: &[Tok], i: usize) -> Option<Number> {
    let mut k = i;
    let mut num = 1.0;
    if matches!(word_at(toks, k), Some("a" | "an")) {
        k += 1;
    } else if let Some(n) = word_at(toks, k)
        .and_then(words::small)
        .filter(|n| *n > 1.0 && *n < 10.0)
    {
        num = n;
        k += 1;
    }
    let d = words::denominator(word_at(toks, k)?).filter(|_| toks[k].lower != "second")?;
    k += 1;
    // "half a dozen"
    if d == 2.0 && matches!(word_at(toks, k), Some("a")) && word_at(toks, k + 1) == Some("dozen") {
        return Some(Number {
            value: 6.0,
            end: k + 2,
            in_words: true,
            scaled: None,
        });
    }
    if matches!(word_at(toks, k), Some("a" | "an")) && k > i + 1 {
        return None;
    }
    // "two thirds of a million"
    if word_at(toks, k) == Some("of") && matches!(word_at(toks, k + 1), Some("a" | "an")) {
        k += 1;
    }
    if matches!(word_at(toks, k), Some("a" | "an")) {
        k += 1;
    }
    let s = word_at(toks, k)
        .and_then(words::scale)
        .filter(|s| *s > 100.0 && toks[k].lower.len() > 3)?;
    Some(Number {
        value: num / d * s,
        end: k + 1,
        in_words: true,
        scaled: Some(s),
    })
}

/// A lone "one" that is a pronoun: "the one you mentioned", "one of them".
pub(crate) fn pronoun_one(toks: &[Tok], i: usize, end: usize) -> bool {
    if end != i + 1 || toks[i].lower != "one" {
        return false;
    }
    let before = i.checked_sub(1).and_then(|p| word_at(toks, p));
    let determiner = matches!(
        before,
        Some(
            "the"
                | "this"
                | "that"
                | "which"
                | "any"
                | "no"
                | "every"
                | "each"
                | "some"
                | "another"
                | "someone"
                | "anyone"
                | "everyone"
                | "little"
                | "only"
        )
    );
    determiner || matches!(word_at(toks, end), Some("of" | "another" | "who" | "that"))
}

/// "a third of", "a half": one part, read only where a fraction is plainly meant.
fn article_fraction(toks: &[Tok], i: usize) -> Option<Number> {
    if !matches!(word_at(toks, i), Some("a" | "an")) {
        return None;
    }
    let w = word_at(toks, i + 1)?;
    let d =
        words::denominator(w).filter(|_| !w.ends_with('s') && w != "second" && w != "fourth")?;
    let next = toks.get(i + 2);
    let ends = next.is_none_or(|n| n.kind == Kind::Sym) || word_at(toks, i + 2) == Some("of");
    ends.then_some(Number {
        value: 1.0 / d,
        end: i + 2,
        in_words: true,
        scaled: None,
    })
}

pub(crate) fn number_at(toks: &[Tok], i: usize, money: bool) -> Option<Number> {
    if let Some(v) = toks.get(i).and_then(|t| vulgar(t.text)) {
        return Some(Number {
            value: v,
            end: i + 1,
            in_words: false,
            scaled: None,
        });
    }
    digits_at(toks, i, money)
        .or_else(|| words_at(toks, i))
        .or_else(|| article_fraction(toks, i))
}
