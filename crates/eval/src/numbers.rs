//! Figures scored on public conformance cases: Microsoft Recognizers-Text English spec files
//! (numbers, percentages, number ranges, currency, dimensions, temperatures, ages) and
//! quantulum3's English quantity cases.
//!
//! A case passes when the set of (value, unit) dossier reads equals the gold set (the specs'
//! own rule; spans are not compared, units after spelling normalisation: "Meter" = "metre",
//! "C" = "degree Celsius"). For each Recognizers model only the figures of its kind count: the
//! currency spec is scored on dossier's money figures, the number spec on its unit-less ones.
//! Cases that the reference .NET implementation itself fails (`NotSupported: dotnet`,
//! `NotSupportedByDesign`) are skipped and counted. Gold results without a value (a unit named
//! alone, "convert 10 celsius to fahrenheit": "fahrenheit"; "a small percent") are not figures
//! and are left out. Value accuracy is the share of cases passed.

use anyhow::Context;
use dossier_figures::{quantities, Dimension, Qualifier, Quantity};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// Which figures a spec file is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Spec {
    Number,
    Percent,
    NumberRange,
    Currency,
    Dimension,
    Temperature,
    Age,
    Quantulum,
}

impl Spec {
    fn of_file(path: &Path, cases: &[Value]) -> Option<Spec> {
        let name = path.file_name()?.to_str()?;
        if cases.first().is_some_and(|c| c.get("req").is_some()) {
            return Some(Spec::Quantulum);
        }
        Some(match name {
            "NumberModel.json" => Spec::Number,
            "PercentModel.json" => Spec::Percent,
            "NumberRangeModel.json" => Spec::NumberRange,
            "CurrencyModel.json" => Spec::Currency,
            "DimensionModel.json" => Spec::Dimension,
            "TemperatureModel.json" => Spec::Temperature,
            "AgeModel.json" => Spec::Age,
            _ => return None,
        })
    }
}

#[derive(Default)]
struct Tally {
    cases: usize,
    passed: usize,
    skipped: usize,
    gold: usize,
    predicted: usize,
    matched: usize,
}

pub struct Report {
    files: BTreeMap<PathBuf, (Spec, Tally)>,
    not_scored: Vec<PathBuf>,
    /// Failed cases (input, gold, predicted), kept when asked for.
    pub failures: Vec<String>,
    seconds: f64,
}

impl Report {
    pub fn value_accuracy(&self) -> f64 {
        let (c, p) = self
            .files
            .values()
            .fold((0, 0), |(c, p), (_, t)| (c + t.cases, p + t.passed));
        p as f64 / c.max(1) as f64
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut all = Tally::default();
        for (path, (spec, t)) in &self.files {
            writeln!(
                f,
                "{} ({spec:?}): cases {} passed {} ({:.4}), skipped {} flagged for the reference",
                path.display(),
                t.cases,
                t.passed,
                t.passed as f64 / t.cases.max(1) as f64,
                t.skipped
            )?;
            all.cases += t.cases;
            all.passed += t.passed;
            all.gold += t.gold;
            all.predicted += t.predicted;
            all.matched += t.matched;
        }
        if !self.not_scored.is_empty() {
            writeln!(
                f,
                "not figure specs, not scored: {} files",
                self.not_scored.len()
            )?;
        }
        let p = all.matched as f64 / all.predicted.max(1) as f64;
        let r = all.matched as f64 / all.gold.max(1) as f64;
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        writeln!(
            f,
            "figures: gold {} predicted {} matched {} precision {p:.4} recall {r:.4} F1 {f1:.4}",
            all.gold, all.predicted, all.matched
        )?;
        writeln!(
            f,
            "cases per second {:.0}",
            all.cases as f64 / self.seconds.max(1e-9)
        )?;
        writeln!(f, "value accuracy {:.4}", self.value_accuracy())
    }
}

/// Scores every spec file under `path` (a file or a folder, searched recursively).
pub fn run(path: &Path, keep_failures: bool) -> anyhow::Result<Report> {
    let mut files: Vec<PathBuf> = if path.is_dir() {
        walkdir::WalkDir::new(path)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
            .map(|e| e.into_path())
            .collect()
    } else {
        vec![path.to_path_buf()]
    };
    files.sort();
    let started = std::time::Instant::now();
    let mut report = Report {
        files: BTreeMap::new(),
        not_scored: Vec::new(),
        failures: Vec::new(),
        seconds: 0.0,
    };
    for file in files {
        let raw = std::fs::read_to_string(&file)
            .with_context(|| format!("{}: cannot read", file.display()))?;
        let json: Value = match serde_json::from_str(raw.trim_start_matches('\u{feff}')) {
            Ok(v) => v,
            Err(_) => {
                report.not_scored.push(file);
                continue;
            }
        };
        let Some(cases) = json.as_array() else {
            report.not_scored.push(file);
            continue;
        };
        let Some(spec) = Spec::of_file(&file, cases) else {
            report.not_scored.push(file);
            continue;
        };
        let mut tally = Tally::default();
        for case in cases {
            if let Some(failure) = score_case(spec, case, &mut tally) {
                if keep_failures {
                    report.failures.push(format!("{spec:?}\t{failure}"));
                }
            }
        }
        report.files.insert(file, (spec, tally));
    }
    report.seconds = started.elapsed().as_secs_f64();
    anyhow::ensure!(
        !report.files.is_empty(),
        "{}: no Recognizers-Text spec or quantulum3 case file found",
        path.display()
    );
    Ok(report)
}

/// One figure as the specs write it: a value (a number, or an interval for ranges) and a unit.
type Item = (String, String);

fn score_case(spec: Spec, case: &Value, tally: &mut Tally) -> Option<String> {
    let flagged = case.get("NotSupportedByDesign").is_some()
        || case
            .get("NotSupported")
            .and_then(Value::as_str)
            .is_some_and(|s| s.contains("dotnet"));
    if flagged {
        tally.skipped += 1;
        return None;
    }
    let (input, gold) = match spec {
        Spec::Quantulum => (case["req"].as_str().unwrap_or(""), quantulum_gold(case)),
        _ => (
            case["Input"].as_str().unwrap_or(""),
            recognizers_gold(spec, case),
        ),
    };
    let predicted = predict(spec, input);
    tally.cases += 1;
    tally.gold += gold.len();
    tally.predicted += predicted.len();
    let mut left = gold.clone();
    for p in &predicted {
        if let Some(k) = left.iter().position(|g| g == p) {
            left.swap_remove(k);
            tally.matched += 1;
        }
    }
    let mut g = gold;
    let mut p = predicted;
    g.sort();
    p.sort();
    if g == p {
        tally.passed += 1;
        None
    } else {
        Some(format!("{input}\tgold {g:?}\tpredicted {p:?}"))
    }
}

fn number_key(v: f64) -> String {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{:.6e}", v)
    }
}

fn parse_key(s: &str) -> String {
    s.trim()
        .trim_end_matches('%')
        .parse::<f64>()
        .map(number_key)
        .unwrap_or_else(|_| s.to_string())
}

/// Unit names compared across spellings: "Meter"/"metre", "C"/"degree Celsius", "United States
/// dollar"/"dollar", "Metric ton"/"tonne", "Pence"/"penny".
fn unit_key(unit: &str) -> String {
    let u = unit
        .to_lowercase()
        .replace("meter", "metre")
        .replace("liter", "litre");
    match u.as_str() {
        "c" | "degree celsius" | "celsius" => "celsius".into(),
        "f" | "degree fahrenheit" | "fahrenheit" => "fahrenheit".into(),
        "united states dollar" | "us dollar" | "dollar" => "dollar".into(),
        "pound sterling" | "british pound" | "pound" | "pound-mass" => "pound".into(),
        "metric ton" | "tonne" => "tonne".into(),
        "pence" | "penny" => "penny".into(),
        _ => u,
    }
}

fn recognizers_gold(spec: Spec, case: &Value) -> Vec<Item> {
    let results = case["Results"].as_array().cloned().unwrap_or_default();
    results
        .iter()
        .filter(|r| {
            // a unit named without an amount ("convert 10 celsius to fahrenheit": "fahrenheit")
            // has no value: not a figure
            r["Resolution"]["value"]
                .as_str()
                .is_some_and(|v| !v.is_empty() && v != "null")
        })
        .map(|r| {
            let res = &r["Resolution"];
            let value = res["value"].as_str().unwrap_or("");
            let value = if spec == Spec::NumberRange {
                interval_key(value)
            } else {
                parse_key(value)
            };
            let unit = res["unit"].as_str().map(unit_key).unwrap_or_default();
            (value, unit)
        })
        .collect()
}

/// "(0.25,0.5]" with each bound written as [`number_key`] writes it.
fn interval_key(s: &str) -> String {
    let (Some(open), Some(close)) = (s.chars().next(), s.chars().last()) else {
        return s.to_string();
    };
    let inner = &s[open.len_utf8()..s.len() - close.len_utf8()];
    let bounds: Vec<String> = inner
        .split(',')
        .map(|b| {
            if b.is_empty() {
                String::new()
            } else {
                parse_key(b)
            }
        })
        .collect();
    format!("{open}{}{close}", bounds.join(","))
}

fn quantulum_gold(case: &Value) -> Vec<Item> {
    let results = case["res"].as_array().cloned().unwrap_or_default();
    results
        .iter()
        .map(|r| {
            let v = r["value"].as_f64().unwrap_or(f64::NAN);
            let unit = r["unit"].as_str().unwrap_or("");
            (number_key(v), unit_key(unit))
        })
        .collect()
}

fn interval(q: &Quantity) -> Option<String> {
    let v = number_key(q.value);
    if let Some(u) = q.upper {
        let open = if q.qualifier == Some(Qualifier::MoreThan) {
            '('
        } else {
            '['
        };
        let close = if q.upper_qualifier == Some(Qualifier::AtMost) {
            ']'
        } else {
            ')'
        };
        return Some(format!("{open}{v},{}{close}", number_key(u)));
    }
    Some(match q.qualifier? {
        Qualifier::MoreThan => format!("({v},)"),
        Qualifier::AtLeast => format!("[{v},)"),
        Qualifier::LessThan => format!("(,{v})"),
        Qualifier::AtMost => format!("(,{v}]"),
        Qualifier::About | Qualifier::Nearly => return None,
    })
}

fn predict(spec: Spec, input: &str) -> Vec<Item> {
    let qs = quantities(input);
    let dim = |q: &Quantity| q.unit.map(|u| u.dimension);
    let with_unit = |q: &Quantity| {
        (
            number_key(q.value),
            q.unit.map(|u| unit_key(u.name)).unwrap_or_default(),
        )
    };
    match spec {
        // the number spec reads every number, money amounts included, except those glued to a
        // unit ("180ml", "29km")
        Spec::Number => qs
            .iter()
            .filter(|q| {
                let glued = input.as_bytes()[q.start..q.end]
                    .windows(2)
                    .any(|w| w[0].is_ascii_digit() && w[1].is_ascii_alphabetic());
                q.unit.is_none_or(|u| u.dimension == Dimension::Currency) || !glued
            })
            .filter(|q| q.unit.is_none_or(|u| u.dimension != Dimension::Percent))
            .flat_map(|q| {
                let mut v = vec![(number_key(q.value), String::new())];
                if let Some(u) = q.upper {
                    v.push((number_key(u), String::new()));
                }
                v
            })
            .collect(),
        Spec::Percent => qs
            .iter()
            .filter(|q| dim(q) == Some(Dimension::Percent))
            .map(|q| (number_key(q.value), String::new()))
            .collect(),
        Spec::NumberRange => qs
            .iter()
            .filter(|q| {
                q.unit.is_none_or(|u| {
                    !matches!(u.dimension, Dimension::Currency | Dimension::Percent)
                })
            })
            .filter_map(|q| interval(q).map(|i| (i, String::new())))
            .collect(),
        Spec::Currency => qs
            .iter()
            .filter(|q| dim(q) == Some(Dimension::Currency))
            .map(with_unit)
            .collect(),
        Spec::Dimension => qs
            .iter()
            .filter(|q| {
                matches!(
                    dim(q),
                    Some(
                        Dimension::Length
                            | Dimension::Area
                            | Dimension::Volume
                            | Dimension::Mass
                            | Dimension::Speed
                            | Dimension::Data
                            | Dimension::Angle
                            | Dimension::Energy
                            | Dimension::Power
                    )
                )
            })
            .map(with_unit)
            .collect(),
        Spec::Temperature => qs
            .iter()
            .filter(|q| dim(q) == Some(Dimension::Temperature))
            .map(with_unit)
            .collect(),
        Spec::Age => qs
            .iter()
            .filter(|q| dim(q) == Some(Dimension::Age))
            .map(with_unit)
            .collect(),
        Spec::Quantulum => qs
            .iter()
            .map(|q| {
                let v = q.upper.map_or(q.value, |u| (q.value + u) / 2.0);
                let mut unit = q.unit.map_or("dimensionless".into(), |u| unit_key(u.name));
                if let (Some(per), true) = (&q.per, q.unit.is_some()) {
                    let per = dossier_figures::units::unit_named(per)
                        .map_or(per.clone(), |u| unit_key(u.name));
                    unit = format!("{unit} per {per}");
                }
                (number_key(v), unit)
            })
            .collect(),
    }
}
