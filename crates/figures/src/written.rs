//! Figures written back as people write them ("$2 trillion", "19%", "1.2 million",
//! "4.5 hours", "more than 2,318,406"), and how far a written figure may be from the exact
//! value because the writer rounded it ("1.2 million" stands for 1,150,000 to 1,250,000).

use crate::units::Dimension;
use crate::{Qualifier, Quantity};

/// A number as news writes it: "812,000", "1.2 million", "2 trillion", "4.5", "2,318,406".
/// Millions and more take a scale word when two decimals say them exactly.
pub fn number(v: f64) -> String {
    if !v.is_finite() {
        return v.to_string();
    }
    if v < 0.0 {
        return format!("-{}", number(-v));
    }
    for (scale, name) in [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")] {
        if v >= scale {
            let x = v / scale;
            let hundredths = (x * 100.0).round();
            if (x * 100.0 - hundredths).abs() < 1e-6 * x.max(1.0) {
                return format!("{} {name}", decimals(hundredths / 100.0, 2));
            }
            break;
        }
    }
    if (v - v.round()).abs() < 1e-9 {
        grouped(v.round())
    } else {
        // at most three decimals, the integer part grouped: "1,234.5"
        let text = decimals(v, 3);
        match text.split_once('.') {
            Some((int, frac)) => format!("{}.{frac}", grouped(int.parse().unwrap_or(0.0))),
            None => grouped(v.round()),
        }
    }
}

/// `v` with at most `places` decimals, trailing zeros dropped: "1.2", "2", "4.25".
fn decimals(v: f64, places: usize) -> String {
    let s = format!("{v:.places$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// An integer with thousands separators: "2,318,406".
fn grouped(v: f64) -> String {
    let digits = format!("{}", v.abs() as u64);
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// How a hedge reads in a sentence: "more than", "nearly".
pub fn hedge(q: Qualifier) -> &'static str {
    match q {
        Qualifier::About => "about",
        Qualifier::Nearly => "nearly",
        Qualifier::MoreThan => "more than",
        Qualifier::AtLeast => "at least",
        Qualifier::LessThan => "less than",
        Qualifier::AtMost => "at most",
    }
}

/// A figure as people write it, with its hedge and unit but without what it counts:
/// "more than $40 billion", "19%", "25,000 to 30,000 per month", "4.5 hours", "13".
pub fn figure(q: &Quantity) -> String {
    let mut s = String::new();
    if let Some(h) = q.qualifier {
        s.push_str(hedge(h));
        s.push(' ');
    }
    s.push_str(&amount(q, q.value));
    if let Some(hi) = q.upper {
        s.push_str(" to ");
        if let Some(h) = q.upper_qualifier {
            s.push_str(hedge(h));
            s.push(' ');
        }
        s.push_str(&amount(q, hi));
    }
    if let Some(p) = &q.per {
        s.push_str(" per ");
        s.push_str(p);
    }
    s
}

/// A figure kept as its parts (as dossier's JSON keeps it: the unit's name, the dimension's and
/// the hedge's names), written as [`figure`] writes it.
pub fn from_parts(
    value: f64,
    upper: Option<f64>,
    unit: Option<&str>,
    dimension: Option<&str>,
    qualifier: Option<&str>,
    per: Option<&str>,
) -> String {
    let unit = unit.and_then(|name| {
        let known = crate::units::by_name(name)?;
        let dimension = dimension
            .and_then(Dimension::from_name)
            .unwrap_or(known.dimension);
        Some(crate::Unit {
            name: known.name,
            dimension,
        })
    });
    let q = Quantity {
        start: 0,
        end: 0,
        value,
        upper,
        upper_qualifier: None,
        unit,
        qualifier: qualifier.and_then(Qualifier::from_name),
        counts: None,
        per: per.map(str::to_string),
        modifier: false,
        conversion: false,
        in_words: false,
    };
    figure(&q)
}

/// One value of `q` with its unit: "$2 trillion", "19%", "1 hour", "44 years old".
fn amount(q: &Quantity, v: f64) -> String {
    let n = number(v);
    let Some(unit) = q.unit else {
        return n;
    };
    let symbol = match unit.name {
        "dollar" | "US dollar" => Some("$"),
        "euro" => Some("€"),
        "pound sterling" => Some("£"),
        "Japanese yen" => Some("¥"),
        _ => None,
    };
    if let Some(sym) = symbol {
        return if v < 0.0 {
            format!("-{sym}{}", number(-v))
        } else {
            format!("{sym}{n}")
        };
    }
    match unit.dimension {
        Dimension::Percent if unit.name == "percentage" => format!("{n}%"),
        Dimension::Age => format!("{n} {} old", if v == 1.0 { "year" } else { "years" }),
        _ => {
            let name = display_name(unit.name);
            if v == 1.0 {
                format!("{n} {name}")
            } else {
                format!("{n} {}", plural(&name))
            }
        }
    }
}

/// A unit's name as a reader expects it ("pound" for the mass, "degree Fahrenheit").
fn display_name(name: &str) -> String {
    match name {
        "pound-mass" => "pound".into(),
        "degree fahrenheit" => "degree Fahrenheit".into(),
        other => other.to_string(),
    }
}

/// The plural of a unit's name: "hours", "square feet", "degrees Celsius", "miles per hour".
pub fn plural(name: &str) -> String {
    if let Some((head, rest)) = name.split_once(" per ") {
        return format!("{} per {rest}", plural(head));
    }
    if let Some(rest) = name.strip_prefix("degree ") {
        return format!("degrees {rest}");
    }
    if let Some(rest) = name.strip_prefix("pound ") {
        return format!("pounds {rest}");
    }
    let (before, last) = match name.rsplit_once(' ') {
        Some((b, l)) => (format!("{b} "), l),
        None => (String::new(), name),
    };
    let last_plural = match last {
        "foot" => "feet".to_string(),
        "penny" => "pence".to_string(),
        "krone" => "kroner".to_string(),
        "krona" => "kronor".to_string(),
        "hertz" | "yen" | "won" | "yuan" | "naira" | "rand" | "kip" | "lari" | "real" => {
            last.to_string()
        }
        w if w.ends_with("ch") || w.ends_with("sh") || w.ends_with('s') || w.ends_with('x') => {
            format!("{w}es")
        }
        w if w.ends_with('y') && !w.ends_with("ay") && !w.ends_with("ey") => {
            format!("{}ies", &w[..w.len() - 1])
        }
        w => format!("{w}s"),
    };
    format!("{before}{last_plural}")
}

/// How far the exact value may lie from a figure's value because the writer rounded it, as
/// `written` (the figure's words) shows: half a step of its last written digit where the
/// figure is visibly rounded ("1.2 million": 50,000; "$40 billion": half a billion;
/// "172,000": 500; "8%": half a point; "4.3%": 0.05), nothing for exact counts ("12",
/// "six hours", "2,318,406") and for bounds ("more than 1 million" says more than exactly
/// a million).
pub fn rounding(written: &str, q: &Quantity) -> f64 {
    if matches!(
        q.qualifier,
        Some(Qualifier::MoreThan | Qualifier::AtLeast | Qualifier::LessThan | Qualifier::AtMost)
    ) {
        return 0.0;
    }
    let lower = written.to_lowercase();
    let scale = [
        ("trillion", 1e12),
        ("billion", 1e9),
        ("bn", 1e9),
        ("million", 1e6),
        ("mn", 1e6),
        ("thousand", 1e3),
    ]
    .iter()
    .find(|(w, _)| {
        lower
            .split(|c: char| !c.is_alphanumeric())
            .any(|word| word == *w)
    })
    .map(|&(_, s)| s);
    // the digits as written: "1.2", "172,000", "8"
    let digits: String = lower
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
        .filter(|c| *c != ',')
        .collect();
    let digits = digits.trim_end_matches('.');
    let percent = q.unit.is_some_and(|u| u.name == "percentage");
    if digits.is_empty() {
        // "a million", "two billion": a round figure in words
        return scale.map_or(0.0, |s| s / 2.0);
    }
    let step = match digits.split_once('.') {
        Some((_, frac)) => 10f64.powi(-(frac.len() as i32)),
        None => {
            let zeros = digits.len() - digits.trim_end_matches('0').len();
            if scale.is_none() && !percent && q.value.abs() < 1000.0 {
                return 0.0;
            }
            if scale.is_some() || percent {
                1.0
            } else {
                10f64.powi(zeros as i32)
            }
        }
    };
    let step = step * scale.unwrap_or(1.0);
    if scale.is_none() && !percent && step <= 1.0 {
        return 0.0;
    }
    step / 2.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quantities;

    fn first(text: &str) -> Quantity {
        quantities(text).into_iter().next().expect("a figure")
    }

    #[test]
    fn numbers_read_as_people_write_them() {
        assert_eq!(number(2e12), "2 trillion");
        assert_eq!(number(1.2e6), "1.2 million");
        assert_eq!(number(2_318_406.0), "2,318,406");
        assert_eq!(number(812_000.0), "812,000");
        assert_eq!(number(4.5), "4.5");
        assert_eq!(number(13.0), "13");
        assert_eq!(number(1_234.5), "1,234.5");
        assert_eq!(number(-3.0), "-3");
    }

    #[test]
    fn figures_with_units_and_hedges() {
        assert_eq!(figure(&first("a $2 trillion gap")), "$2 trillion");
        assert_eq!(figure(&first("more than 19% of the land")), "more than 19%");
        assert_eq!(figure(&first("the talks lasted 4.5 hours")), "4.5 hours");
        assert_eq!(figure(&first("a one-hour call")), "1 hour");
        assert_eq!(
            figure(&first("25,000 to 30,000 casualties per month")),
            "25,000 to 30,000 per month"
        );
        assert_eq!(
            figure(&first("at least 15.1 million viewers")),
            "at least 15.1 million"
        );
        assert_eq!(
            figure(&first("an area of 300 square feet")),
            "300 square feet"
        );
    }

    #[test]
    fn figures_kept_as_parts() {
        let w = from_parts(
            19.0,
            None,
            Some("percentage"),
            Some("percent"),
            Some("more-than"),
            None,
        );
        assert_eq!(w, "more than 19%");
        let w = from_parts(44.0, None, Some("year"), Some("age"), None, None);
        assert_eq!(w, "44 years old");
        let w = from_parts(25e3, Some(3e4), None, None, None, Some("month"));
        assert_eq!(w, "25,000 to 30,000 per month");
    }

    #[test]
    fn plurals_of_unit_names() {
        assert_eq!(plural("hour"), "hours");
        assert_eq!(plural("square foot"), "square feet");
        assert_eq!(plural("degree Celsius"), "degrees Celsius");
        assert_eq!(plural("mile per hour"), "miles per hour");
        assert_eq!(plural("century"), "centuries");
        assert_eq!(plural("inch"), "inches");
    }

    #[test]
    fn rounding_follows_the_written_digits() {
        let r = |t: &str| rounding(t, &first(t));
        let near = |a: f64, b: f64| (a - b).abs() <= 1e-9 * b.abs().max(1.0);
        assert!(near(r("1.2 million"), 50_000.0));
        assert!(near(r("$40 billion"), 0.5e9));
        assert!(near(r("172,000"), 500.0));
        assert!(near(r("8%"), 0.5));
        assert!(near(r("4.3%"), 0.05));
        assert_eq!(r("13"), 0.0);
        assert_eq!(r("six hours"), 0.0);
        assert_eq!(r("2,318,406"), 0.0);
        assert_eq!(r("more than 1 million"), 0.0);
        assert_eq!(r("a million"), 0.5e6);
    }
}
