//! Prepares the place gazetteer at build time: `data/places.tsv.gz` (GeoNames names, several
//! entries per name) becomes three tables sorted by key, one line per key (`NAME.tsv`), each
//! with a hash index (`NAME.idx`: little-endian u32 line offsets in open-addressing slots at
//! `xxh3_64(key)`, linearly probed, `u32::MAX` empty, at most half full), which
//! `src/places.rs` reads in place, so a process pays nothing to load them:
//!
//! - `places`: lower-cased name, kind, GeoNames id, ISO country, population; the entry a
//!   name most likely means (a country, then a city of half a million or more, then a
//!   province, then a linked entry, then the most populous; the first of equals);
//! - `country_words`: lower-cased capital or demonym, ISO country (the most populous
//!   country of those the word names: "american" -> US);
//! - `countries`: ISO country, the country's GeoNames name.
//!
//! It also prepares the term background, `data/background.tsv.gz` (feature, document
//! frequency), as `background.bin`: the number of documents (u32), then open-addressing slots
//! (a power of two, at most half full, linearly probed from the hash's low bits) of the
//! feature's `xxh3_64` (u64) and its frequency (u32, `u32::MAX` in an empty slot), all little
//! endian, read in place by `src/terms.rs`.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

struct Entry<'a> {
    kind: &'a str,
    id: &'a str,
    country: &'a str,
    population: u64,
}

/// A city this large outranks a province of the same name ("New York"); a smaller one does
/// not ("Montana", the state, over Montana in Bulgaria).
const PROVINCE_CITY_POPULATION: u64 = 500_000;

impl Entry<'_> {
    fn rank(&self) -> (bool, bool, bool, bool, u64) {
        (
            self.kind == "country",
            self.kind == "city" && self.population >= PROVINCE_CITY_POPULATION,
            self.kind == "province",
            self.id.parse::<u64>().is_ok(),
            self.population,
        )
    }
}

fn main() {
    places();
    background();
}

/// The text of a committed gzipped file, which the build reruns on when it changes.
fn gunzipped(source: &str) -> String {
    println!("cargo:rerun-if-changed={source}");
    let mut text = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(source).expect("a committed data file"))
        .read_to_string(&mut text)
        .expect("the committed data file decodes");
    text
}

fn background() {
    let text = gunzipped("data/background.tsv.gz");
    let mut documents = 1u32;
    let mut df: Vec<(u64, u32)> = Vec::new();
    for line in text.lines() {
        let Some((f, n)) = line.split_once('\t') else {
            continue;
        };
        let n: u32 = n.parse().unwrap_or(0);
        if f == "#documents" {
            documents = n;
        } else {
            df.push((xxhash_rust::xxh3::xxh3_64(f.as_bytes()), n));
        }
    }
    let slots = (2 * df.len()).next_power_of_two();
    let mut table = vec![(0u64, u32::MAX); slots];
    for (hash, n) in df {
        let mut at = hash as usize & (slots - 1);
        // a later line of the same feature replaces the earlier, as in a map
        while table[at].1 != u32::MAX && table[at].0 != hash {
            at = (at + 1) & (slots - 1);
        }
        table[at] = (hash, n);
    }
    let mut bytes = documents.to_le_bytes().to_vec();
    for (hash, n) in table {
        bytes.extend(hash.to_le_bytes());
        bytes.extend(n.to_le_bytes());
    }
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out).join("background.bin"), bytes).expect("OUT_DIR is writable");
}

fn places() {
    let text = gunzipped("data/places.tsv.gz");

    let mut places: HashMap<String, Entry> = HashMap::new();
    let mut countries: HashMap<&str, (u64, &str)> = HashMap::new();
    let mut words: HashMap<String, Vec<&str>> = HashMap::new();
    for line in text.split('\n') {
        let mut f = line.split('\t');
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
                words.entry(name.to_lowercase()).or_default().push(country);
                continue;
            }
            _ => "city",
        };
        if kind == "country" && !id.is_empty() {
            countries.insert(country, (population, name));
        }
        let e = Entry {
            kind,
            id,
            country,
            population,
        };
        let slot = places.entry(name.to_lowercase());
        match slot {
            std::collections::hash_map::Entry::Occupied(mut old) => {
                if e.rank() > old.get().rank() {
                    old.insert(e);
                }
            }
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(e);
            }
        }
    }

    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let write = |name: &str, mut lines: Vec<String>| {
        // by key, as the lookups compare (a whole line's order could differ after a key's end)
        lines.sort_by(|a, b| a.split('\t').next().cmp(&b.split('\t').next()));
        let slots = (2 * lines.len()).next_power_of_two();
        let mut index = vec![u32::MAX; slots];
        let mut body = String::new();
        for line in lines {
            let key = line.split('\t').next().unwrap_or_default();
            let mut at = xxhash_rust::xxh3::xxh3_64(key.as_bytes()) as usize & (slots - 1);
            while index[at] != u32::MAX {
                at = (at + 1) & (slots - 1);
            }
            index[at] = u32::try_from(body.len()).expect("a table under 4 GiB");
            body.push_str(&line);
            body.push('\n');
        }
        let index: Vec<u8> = index.iter().flat_map(|o| o.to_le_bytes()).collect();
        let out = Path::new(&out);
        std::fs::write(out.join(format!("{name}.tsv")), body).expect("OUT_DIR is writable");
        std::fs::write(out.join(format!("{name}.idx")), index).expect("OUT_DIR is writable");
    };
    write(
        "places",
        places
            .iter()
            .map(|(k, e)| {
                let id = e.id.parse::<u64>().map_or(String::new(), |n| n.to_string());
                format!("{k}\t{}\t{id}\t{}\t{}", e.kind, e.country, e.population)
            })
            .collect(),
    );
    write(
        "country_words",
        words
            .iter()
            .map(|(w, isos)| {
                // the most populous; the last of equals
                let mut best = "";
                let mut most = None;
                for iso in isos {
                    let p = countries.get(iso).map_or(0, |c| c.0);
                    if most.is_none_or(|m| p >= m) {
                        (best, most) = (iso, Some(p));
                    }
                }
                format!("{w}\t{best}")
            })
            .collect(),
    );
    write(
        "countries",
        countries
            .iter()
            .map(|(iso, (_, name))| format!("{iso}\t{name}"))
            .collect(),
    );
}
