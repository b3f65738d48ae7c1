//! The place gazetteer shipped in dossier (`data/places.tsv.gz`, built from GeoNames and
//! countryinfo by `build-gazetteer`; licences in `data/NOTICE.md`): which names are places,
//! and which GeoNames entry a place name most likely means.

use once_cell::sync::Lazy;
use rustc_hash::FxHashMap;
use std::io::Read;

static DATA: &[u8] = include_bytes!("../data/places.tsv.gz");

/// What the gazetteer knows of a place name.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub kind: &'static str,
    /// GeoNames id, when the entry has one.
    pub geonames: Option<u64>,
    /// ISO code of the country.
    pub country: &'static str,
    pub population: u64,
}

/// Everything the gazetteer says, read once (the first time a place is looked up) into tables
/// that borrow their strings from the decoded file.
struct Gazetteer {
    /// lower-cased place name -> the entry it most likely means.
    places: FxHashMap<Box<str>, Place>,
    /// ISO code -> the country's GeoNames name ("RU" -> "Russia").
    countries: FxHashMap<&'static str, &'static str>,
    /// lower-cased capital or demonym -> ISO code ("moscow" / "russian" -> "RU").
    words: FxHashMap<Box<str>, &'static str>,
}

static TEXT: Lazy<String> = Lazy::new(|| {
    let mut text = String::with_capacity(4 << 20);
    flate2::read::GzDecoder::new(DATA)
        .read_to_string(&mut text)
        .expect("the shipped gazetteer decodes");
    text
});

static GAZETTEER: Lazy<Gazetteer> = Lazy::new(|| {
    let text: &'static str = TEXT.as_str();
    let mut places: FxHashMap<Box<str>, Place> = FxHashMap::default();
    places.reserve(text.len() / 32);
    // name -> (population, GeoNames name) of each country; words -> every country they name
    let mut countries: FxHashMap<&str, (u64, &str)> = FxHashMap::default();
    let mut words: FxHashMap<Box<str>, Vec<&str>> = FxHashMap::default();
    // One-char arrays, not chars: a char pattern's searcher calls memcmp at every match,
    // which made splitting the 80,000 lines cost ~6 ms of a one-page run's 89.
    for line in text.split(['\n']) {
        let mut f = line.split(['\t']);
        let (Some(name), Some(kind), Some(id), Some(country), Some(population)) =
            (f.next(), f.next(), f.next(), f.next(), f.next())
        else {
            continue;
        };
        let population: u64 = population.parse().unwrap_or(0);
        let kind = match kind {
            "country" => "country",
            "province" => "province",
            "capital" | "demonym" => {
                words.entry(lower(name)).or_default().push(country);
                continue;
            }
            _ => "city",
        };
        if kind == "country" && !id.is_empty() {
            countries.insert(country, (population, name));
        }
        let p = Place {
            kind,
            geonames: id.parse().ok(),
            country,
            population,
        };
        // Prefer a country, then a linked entry, then the most populous.
        let rank = |p: &Place| (p.kind == "country", p.geonames.is_some(), p.population);
        match places.entry(lower(name)) {
            std::collections::hash_map::Entry::Occupied(mut old) => {
                if rank(&p) > rank(old.get()) {
                    old.insert(p);
                }
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(p);
            }
        }
    }
    // a demonym several countries share ("American") means the most populous one
    let words = words
        .into_iter()
        .map(|(w, isos)| {
            let best = isos
                .into_iter()
                .max_by_key(|iso| countries.get(iso).map_or(0, |c| c.0))
                .unwrap_or_default();
            (w, best)
        })
        .collect();
    Gazetteer {
        places,
        countries: countries
            .into_iter()
            .map(|(iso, (_, n))| (iso, n))
            .collect(),
        words,
    }
});

/// The lower-cased form of a name, the tables' key.
fn lower(name: &str) -> Box<str> {
    crate::terms::lowercase(name).into_boxed_str()
}

/// The country a word stands for: its name or another spelling ("Ukraine", "USA"), its capital
/// ("Kyiv", "Moscow") or its people ("Russian", "Ukrainian"). The country's GeoNames name.
pub fn country_of(word: &str) -> Option<&'static str> {
    let g = &*GAZETTEER;
    let iso = match g.words.get(&lower(word.trim())) {
        Some(iso) => iso,
        None => lookup(word).filter(|p| p.kind == "country")?.country,
    };
    g.countries.get(iso).copied()
}

/// The place a name most likely means, if it is a place name.
pub fn lookup(name: &str) -> Option<&'static Place> {
    GAZETTEER.places.get(&lower(name.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_countries_cities_and_spellings() {
        assert_eq!(lookup("Ukraine").unwrap().kind, "country");
        let kyiv = lookup("Kyiv").unwrap();
        assert_eq!((kyiv.geonames, kyiv.country), (Some(703448), "UA"));
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
