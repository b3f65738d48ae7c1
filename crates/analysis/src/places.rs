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
}
