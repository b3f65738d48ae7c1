//! Builds `data/places.tsv.gz`, the place gazetteer shipped in dossier, from the GeoNames and
//! countryinfo exports in `../shared/eval/gazetteer/` (see `data/NOTICE.md` for licences).
//!
//! `cargo run --release -p dossier-analysis --bin build-gazetteer -- ../shared/eval/gazetteer`
//!
//! Each line: `name<TAB>kind<TAB>geonames-id-or-empty<TAB>ISO country code<TAB>population`,
//! kind one of `country`, `province`, `city`, `capital` (a country's seat of government, also
//! listed as a city) or `demonym` ("Russian": the country's people). Kept: every country name and
//! its Latin alternative spellings, capitals, demonyms and provinces; every city's main name;
//! Latin alternative names of cities of 100,000 people or more that spell the main name
//! otherwise ("Kiev"), or one-word ones of cities of half a million or more ("Bombay"), when no
//! other place has the name. Output is sorted, so the same input gives the same file.

use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use std::io::Write;

const ALT_NAME_MIN_POPULATION: u64 = 100_000;

fn latin_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_uppercase())
        && s.chars().count() >= 4
        && s.chars().any(|c| c.is_lowercase())
        && s.chars().all(|c| {
            c.is_alphabetic() && (c.is_ascii() || ('\u{c0}'..='\u{17f}').contains(&c))
                || " -'’.".contains(c)
        })
}

/// Cities of this many people or more keep their one-word alternate names that are not
/// spellings of the main name ("Bombay", "Peking", "Saigon").
const EXONYM_MIN_POPULATION: u64 = 500_000;

/// Whether `alternate` is another spelling of `name`: the same without accents, case, hyphens
/// and spaces, or two letters apart with the same first letter ("Kiev" / "Kyiv").
fn spelling_of(alternate: &str, name: &str) -> bool {
    let squeeze = |s: &str| -> String {
        s.split([' ', '-'])
            .map(dossier_analysis::personal_names::plain)
            .collect()
    };
    let (a, n) = (
        squeeze(&alternate.to_lowercase()),
        squeeze(&name.to_lowercase()),
    );
    a == n || (a.chars().next() == n.chars().next() && strsim::levenshtein(&a, &n) <= 2)
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/eval/gazetteer".into());
    let read = |p: &str| {
        std::fs::read_to_string(format!("{dir}/{p}")).unwrap_or_else(|e| panic!("{dir}/{p}: {e}"))
    };
    let mut rows: BTreeSet<(String, &str, String, String, u64)> = BTreeSet::new();
    let mut alternates: Vec<(String, String, String, u64)> = Vec::new();
    let countries: Value = serde_json::from_str(&read("geonames/countries.json")).unwrap();
    for c in countries.as_object().unwrap().values() {
        let iso = c["iso"].as_str().unwrap_or("").to_string();
        let id = c["geonameid"].to_string();
        let pop = c["population"].as_u64().unwrap_or(0);
        rows.insert((
            c["name"].as_str().unwrap().to_string(),
            "country",
            id,
            iso,
            pop,
        ));
    }
    for line in read("countryinfo/countries.jsonl").lines() {
        let c: Value = serde_json::from_str(line).unwrap();
        let iso = c["ISO"]["alpha2"].as_str().unwrap_or("").to_string();
        let mut names: Vec<String> = vec![c["name"].as_str().unwrap_or("").to_string()];
        for a in c["altSpellings"].as_array().into_iter().flatten() {
            names.push(a.as_str().unwrap_or("").to_string());
        }
        for n in names.into_iter().filter(|n| latin_name(n)) {
            rows.insert((n, "country", String::new(), iso.clone(), 0));
        }
        if let Some(cap) = c["capital"].as_str().filter(|s| latin_name(s)) {
            rows.insert((cap.to_string(), "city", String::new(), iso.clone(), 0));
            rows.insert((cap.to_string(), "capital", String::new(), iso.clone(), 0));
        }
        if let Some(d) = c["demonym"].as_str().filter(|s| latin_name(s)) {
            rows.insert((d.to_string(), "demonym", String::new(), iso.clone(), 0));
        }
        for p in c["provinces"].as_array().into_iter().flatten() {
            // "Khersons'ka (Kherson)": the name and the name in brackets.
            let p = p.as_str().unwrap_or("");
            for part in p.split(['(', ')']).map(str::trim).filter(|s| latin_name(s)) {
                rows.insert((part.to_string(), "province", String::new(), iso.clone(), 0));
            }
        }
    }
    let cities: Value = serde_json::from_str(&read("geonames/cities15000.json")).unwrap();
    for c in cities.as_object().unwrap().values() {
        let iso = c["countrycode"].as_str().unwrap_or("").to_string();
        let id = c["geonameid"].to_string();
        let name = c["name"].as_str().unwrap_or("");
        let pop = c["population"].as_u64().unwrap_or(0);
        rows.insert((name.to_string(), "city", id.clone(), iso.clone(), pop));
        if pop >= ALT_NAME_MIN_POPULATION {
            for a in c["alternatenames"].as_array().into_iter().flatten() {
                let a = a.as_str().unwrap_or("");
                let kept = latin_name(a)
                    && a.chars().count() >= 5
                    && (spelling_of(a, name) || pop >= EXONYM_MIN_POPULATION && !a.contains(' '));
                if kept {
                    alternates.push((a.to_string(), id.clone(), iso.clone(), pop));
                }
            }
        }
    }
    // An alternate name is kept only where it is no other country's or city's main name and
    // names one city
    // ("White House" is an alternate name of Casablanca, "Google" one of Topeka: the first is
    // left out as a phrase, the second as an exonym of a city under half a million).
    let mains: BTreeSet<String> = rows
        .iter()
        .filter(|r| matches!(r.1, "country" | "city"))
        .map(|r| r.0.to_lowercase())
        .collect();
    let mut cities_of: HashMap<String, BTreeSet<&str>> = HashMap::new();
    for (a, id, _, _) in &alternates {
        cities_of.entry(a.to_lowercase()).or_default().insert(id);
    }
    for (a, id, iso, pop) in &alternates {
        let key = a.to_lowercase();
        if !mains.contains(&key) && cities_of[&key].len() == 1 {
            rows.insert((a.clone(), "city", id.clone(), iso.clone(), *pop));
        }
    }
    let out = concat!(env!("CARGO_MANIFEST_DIR"), "/data/places.tsv.gz");
    let file = std::fs::File::create(out).unwrap();
    let mut gz = flate2::write::GzEncoder::new(file, flate2::Compression::best());
    for (name, kind, id, iso, pop) in &rows {
        writeln!(gz, "{name}\t{kind}\t{id}\t{iso}\t{pop}").unwrap();
    }
    gz.finish().unwrap();
    eprintln!("wrote {out}: {} names", rows.len());
}
