//! Builds `data/places.tsv.gz`, the place gazetteer shipped in dossier, from the GeoNames and
//! countryinfo exports in `../shared/eval/gazetteer/` (see `data/NOTICE.md` for licences).
//!
//! `cargo run --release -p dossier-analysis --bin build-gazetteer -- ../shared/eval/gazetteer`
//!
//! Each line: `name<TAB>kind<TAB>geonames-id-or-empty<TAB>ISO country code<TAB>population`,
//! kind one of `country`, `province`, `city`, `capital` (a country's seat of government, also
//! listed as a city) or `demonym` ("Russian": the country's people). Kept: every country name and
//! its Latin alternative spellings, capitals, demonyms and provinces; every city's main name;
//! Latin alternative names of cities of 100,000 people or more. Output is sorted, so the same input gives the same file.

use serde_json::Value;
use std::collections::BTreeSet;
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

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/eval/gazetteer".into());
    let read = |p: &str| {
        std::fs::read_to_string(format!("{dir}/{p}")).unwrap_or_else(|e| panic!("{dir}/{p}: {e}"))
    };
    let mut rows: BTreeSet<(String, &str, String, String, u64)> = BTreeSet::new();
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
                if latin_name(a) && a.chars().count() >= 5 {
                    rows.insert((a.to_string(), "city", id.clone(), iso.clone(), pop));
                }
            }
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
