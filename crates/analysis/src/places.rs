//! The place gazetteer shipped in dossier (`data/places.tsv.gz`, built from GeoNames and
//! countryinfo by `build-gazetteer`; licences in `data/NOTICE.md`): which names are places,
//! and which GeoNames entry a place name most likely means. `build.rs` turns the file into
//! hash-indexed tables compiled into the binary; a lookup reads them in place, with nothing
//! to load first (building hash maps of its 80,000 names took ~18 ms of every process).

/// A table `build.rs` prepares from `data/places.tsv.gz`: lines `key\tfields` sorted by key,
/// one per key, and a hash index of their offsets.
struct Table {
    text: &'static str,
    /// Little-endian u32 line offsets in open-addressing slots at `xxh3_64(key)` (linear
    /// probing; `u32::MAX` is empty; a power of two of slots, at most half full).
    index: &'static [u8],
}

macro_rules! table {
    ($name:literal) => {
        Table {
            text: include_str!(concat!(env!("OUT_DIR"), "/", $name, ".tsv")),
            index: include_bytes!(concat!(env!("OUT_DIR"), "/", $name, ".idx")),
        }
    };
}

static PLACES: Table = table!("places");
static COUNTRY_WORDS: Table = table!("country_words");
static COUNTRIES: Table = table!("countries");

impl Table {
    /// The fields after `key` on its line.
    fn find(&self, key: &str) -> Option<&'static str> {
        let slots = self.index.len() / 4;
        let mut at = xxhash_rust::xxh3::xxh3_64(key.as_bytes()) as usize & (slots - 1);
        loop {
            let slot: [u8; 4] = self.index[4 * at..4 * at + 4].try_into().ok()?;
            let offset = u32::from_le_bytes(slot);
            if offset == u32::MAX {
                return None;
            }
            // an offset is a line start, so a character boundary
            let line = self.text.get(offset as usize..)?;
            if line.as_bytes().starts_with(key.as_bytes())
                && line.as_bytes().get(key.len()) == Some(&b'\t')
            {
                let rest = &line[key.len() + 1..];
                return Some(rest.split_once('\n').map_or(rest, |(fields, _)| fields));
            }
            at = (at + 1) & (slots - 1);
        }
    }
}

/// What the gazetteer knows of a place name.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Place {
    pub kind: &'static str,
    /// GeoNames id, when the entry has one.
    pub geonames: Option<u64>,
    /// ISO code of the country.
    pub country: &'static str,
    pub population: u64,
}

/// The lower-cased form of a name, the tables' key.
fn lower(name: &str) -> String {
    crate::terms::lowercase(name)
}

/// The country a word stands for: its name or another spelling ("Ukraine", "USA"), its capital
/// ("Kyiv", "Moscow") or its people ("Russian", "Ukrainian"). The country's GeoNames name.
pub fn country_of(word: &str) -> Option<&'static str> {
    let iso = match COUNTRY_WORDS.find(&lower(word.trim())) {
        Some(iso) => iso,
        None => lookup(word).filter(|p| p.kind == "country")?.country,
    };
    COUNTRIES.find(iso)
}

/// Short names of countries the gazetteer's spellings leave out (too short, or in dots), by
/// key: lower-case without dots.
const COUNTRY_SHORT_NAMES: &[(&str, &str)] = &[
    ("us", "US"),
    ("usa", "US"),
    ("america", "US"),
    ("uk", "GB"),
    ("britain", "GB"),
    ("uae", "AE"),
    ("prc", "CN"),
    ("dprk", "KP"),
    ("drc", "CD"),
];

/// The ISO code of the country a name is a name of ("U.S.", "United States", "America",
/// "Ukraine"); not of a capital or a people ("Kyiv", "Ukrainian": see [`country_of`]).
pub fn country_code(name: &str) -> Option<&'static str> {
    let key = lower(name.trim()).replace('.', "");
    COUNTRY_SHORT_NAMES
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, iso)| *iso)
        .or_else(|| {
            lookup(name)
                .filter(|p| p.kind == "country")
                .map(|p| p.country)
        })
}

/// The gazetteer's entry of the country with ISO code `iso`.
pub fn country_place(iso: &str) -> Option<Place> {
    lookup(COUNTRIES.find(iso)?)
}

/// The place a name most likely means, if it is a place name.
pub fn lookup(name: &str) -> Option<Place> {
    let fields = PLACES.find(&lower(name.trim()))?;
    let mut f = fields.split('\t');
    let (kind, id, country, population) = (f.next()?, f.next()?, f.next()?, f.next()?);
    Some(Place {
        kind,
        geonames: id.parse().ok(),
        country,
        population: population.parse().unwrap_or(0),
    })
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
    fn every_key_of_every_table_is_found() {
        for table in [&PLACES, &COUNTRY_WORDS, &COUNTRIES] {
            let lines: Vec<&str> = table.text.lines().collect();
            let keys: Vec<&str> = lines
                .iter()
                .map(|l| l.split('\t').next().unwrap())
                .collect();
            assert!(
                keys.windows(2).all(|w| w[0] < w[1]),
                "sorted, one line per key"
            );
            for (k, line) in keys.iter().zip(&lines) {
                assert_eq!(table.find(k), Some(&line[k.len() + 1..]), "{k}");
                assert_eq!(table.find(&format!("{k}~")), None);
            }
        }
        assert_eq!(COUNTRIES.find(""), None);
    }

    #[test]
    fn alternate_names_only_where_they_are_unambiguous() {
        // an alternate name of Casablanca that is an English phrase
        assert_eq!(lookup("White House"), None);
        // a spelling of a large city's name, an exonym of a city of millions
        assert_eq!(lookup("Bombay").and_then(|p| p.geonames), Some(1275339));
        assert_eq!(lookup("Peking").map(|p| p.country), Some("CN"));
        // the US state before a small city of the same name elsewhere
        assert_eq!(lookup("Montana").map(|p| p.kind), Some("province"));
        assert_eq!(
            lookup("Delaware").map(|p| (p.kind, p.country)),
            Some(("province", "US"))
        );
        // a city of millions before the province of its name
        assert_eq!(lookup("Washington").and_then(|p| p.geonames), Some(4140963));
    }

    #[test]
    fn country_names_short_and_long() {
        for name in ["US", "U.S.", "United States", "America", "USA"] {
            assert_eq!(country_code(name), Some("US"), "{name}");
        }
        assert_eq!(country_code("Ukraine"), Some("UA"));
        assert_eq!(country_code("Kyiv"), None);
        assert_eq!(country_code("Ukrainian"), None);
        assert_eq!(country_place("US").and_then(|p| p.geonames), Some(6252001));
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
