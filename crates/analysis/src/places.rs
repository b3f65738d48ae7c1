//! The place gazetteer shipped in dossier (`data/places.tsv.gz`, built from GeoNames and
//! countryinfo by `build-gazetteer`; licences in `data/NOTICE.md`): which names are places,
//! and which GeoNames entry a place name most likely means.

use once_cell::sync::Lazy;
use std::collections::HashMap;
use std::io::Read;

static DATA: &[u8] = include_bytes!("../data/places.tsv.gz");

/// What the gazetteer knows of a place name.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub kind: &'static str,
    /// GeoNames id, when the entry has one.
    pub geonames: Option<u64>,
    pub country: String,
    pub population: u64,
}

static PLACES: Lazy<HashMap<String, Place>> = Lazy::new(|| {
    let mut text = String::new();
    flate2::read::GzDecoder::new(DATA)
        .read_to_string(&mut text)
        .expect("the shipped gazetteer decodes");
    let mut map: HashMap<String, Place> = HashMap::new();
    for line in text.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 5 {
            continue;
        }
        let kind = match f[1] {
            "country" => "country",
            "province" => "province",
            "capital" | "demonym" => continue,
            _ => "city",
        };
        let p = Place {
            kind,
            geonames: f[2].parse().ok(),
            country: f[3].to_string(),
            population: f[4].parse().unwrap_or(0),
        };
        let key = f[0].to_lowercase();
        // Prefer a country, then a linked entry, then the most populous.
        let better = |old: &Place| {
            let rank = |p: &Place| (p.kind == "country", p.geonames.is_some(), p.population);
            rank(&p) > rank(old)
        };
        match map.get(&key) {
            Some(old) if !better(old) => {}
            _ => {
                map.insert(key, p);
            }
        }
    }
    map
});

/// What the gazetteer says about countries: canonical names, capitals and demonyms, by ISO code.
struct Countries {
    /// ISO code -> the country's GeoNames name ("RU" -> "Russia").
    names: HashMap<String, String>,
    /// lower-cased capital or demonym -> ISO code ("moscow" / "russian" -> "RU").
    words: HashMap<String, String>,
}

static COUNTRIES: Lazy<Countries> = Lazy::new(|| {
    let mut text = String::new();
    flate2::read::GzDecoder::new(DATA)
        .read_to_string(&mut text)
        .expect("the shipped gazetteer decodes");
    let mut names: HashMap<String, (u64, String)> = HashMap::new();
    let mut words: HashMap<String, Vec<String>> = HashMap::new();
    for line in text.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 5 {
            continue;
        }
        match f[1] {
            "country" if !f[2].is_empty() => {
                let pop: u64 = f[4].parse().unwrap_or(0);
                names.insert(f[3].to_string(), (pop, f[0].to_string()));
            }
            "capital" | "demonym" => words
                .entry(f[0].to_lowercase())
                .or_default()
                .push(f[3].to_string()),
            _ => {}
        }
    }
    // a demonym several countries share ("American") means the most populous one
    let words = words
        .into_iter()
        .map(|(w, isos)| {
            let best = isos
                .into_iter()
                .max_by_key(|iso| names.get(iso).map_or(0, |n| n.0))
                .unwrap_or_default();
            (w, best)
        })
        .collect();
    Countries {
        names: names.into_iter().map(|(iso, (_, n))| (iso, n)).collect(),
        words,
    }
});

/// The country a word stands for: its name or another spelling ("Ukraine", "USA"), its capital
/// ("Kyiv", "Moscow") or its people ("Russian", "Ukrainian"). The country's GeoNames name.
pub fn country_of(word: &str) -> Option<&'static str> {
    let key = word.trim().to_lowercase();
    let iso = match COUNTRIES.words.get(&key) {
        Some(iso) => iso.clone(),
        None => lookup(word)
            .filter(|p| p.kind == "country")?
            .country
            .clone(),
    };
    COUNTRIES.names.get(&iso).map(String::as_str)
}

/// The place a name most likely means, if it is a place name.
pub fn lookup(name: &str) -> Option<&'static Place> {
    PLACES.get(&name.trim().to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_countries_cities_and_spellings() {
        assert_eq!(lookup("Ukraine").unwrap().kind, "country");
        let kyiv = lookup("Kyiv").unwrap();
        assert_eq!((kyiv.geonames, kyiv.country.as_str()), (Some(703448), "UA"));
        assert_eq!(lookup("kiev").unwrap().country, "UA");
        assert_eq!(lookup("Hallandale Beach").unwrap().country, "US");
        assert!(lookup("Vladimir Putin").is_none());
    }

    #[test]
    fn countries_from_capitals_and_demonyms() {
        assert_eq!(country_of("Kyiv"), Some("Ukraine"));
        assert_eq!(country_of("Russian"), Some("Russia"));
        assert_eq!(country_of("American"), Some("United States"));
        assert_eq!(
            country_of("United States of America"),
            Some("United States")
        );
        assert_eq!(country_of("Putin"), None);
    }
}
