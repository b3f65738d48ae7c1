//! What a person's written name is made of, and when two written names can be one person.
//!
//! A name as news writes it may carry a courtesy title ("Mr.", "Dr."), a rank or office
//! ("Sen.", "Gen.", "Chair"), middle initials ("Vladimir V. Putin") and a generational suffix
//! ("Joe Manchin III"); a given name may be a short form ("Chris" for "Christopher"). The given
//! names of the 1990 US Census (`data/given-names.txt`, public domain; `data/NOTICE.md`) tell a
//! first name from a word: "Kyrsten Sinema" or "Ned Price" is a person's name, "Fox News" and
//! "Warp Speed" are not.

use once_cell::sync::Lazy;
use rustc_hash::FxHashSet;

static GIVEN_NAMES: Lazy<FxHashSet<&'static str>> = Lazy::new(|| {
    include_str!("../data/given-names.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .collect()
});

/// `word` lower-cased without its dots and a possessive ("Sen." -> "sen", "Trump's" ->
/// "trump").
pub fn bare(word: &str) -> String {
    let w = word
        .strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word);
    crate::terms::lowercase(w).replace('.', "")
}

/// Whether `word` is a given name of the census list ("Kyrsten" is not; "Joe", "Stacey" are).
pub fn is_given_name(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase) && GIVEN_NAMES.contains(bare(word).as_str())
}

/// Courtesy titles: they say a person is named, and say nothing of a role.
const COURTESY: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "mister",
    "dr",
    "prof",
    "professor",
    "rev",
    "reverend",
    "sir",
    "dame",
    "lord",
    "lady",
    "madam",
    "madame",
    "messrs",
    "fr",
    "father",
    "sister",
    "brother",
];

/// Ranks and offices written before a name, and the role each names.
const TITLES: &[(&str, &str)] = &[
    ("sen", "senator"),
    ("senator", "senator"),
    ("rep", "representative"),
    ("representative", "representative"),
    ("congressman", "congressman"),
    ("congresswoman", "congresswoman"),
    ("gov", "governor"),
    ("governor", "governor"),
    ("lt", "lieutenant"),
    ("gen", "general"),
    ("col", "colonel"),
    ("sgt", "sergeant"),
    ("capt", "captain"),
    ("cpt", "captain"),
    ("adm", "admiral"),
    ("admiral", "admiral"),
    ("maj", "major"),
    ("cmdr", "commander"),
    ("pres", "president"),
    ("president", "president"),
    ("vice-president", "vice president"),
    ("chair", "chair"),
    ("chairman", "chairman"),
    ("chairwoman", "chairwoman"),
    ("speaker", "speaker"),
    ("mayor", "mayor"),
    ("judge", "judge"),
    ("justice", "justice"),
    ("secretary", "secretary"),
    ("minister", "minister"),
    ("premier", "premier"),
    ("chancellor", "chancellor"),
    ("ambassador", "ambassador"),
    ("amb", "ambassador"),
    ("pope", "pope"),
    ("king", "king"),
    ("queen", "queen"),
    ("prince", "prince"),
    ("princess", "princess"),
    ("sheikh", "sheikh"),
    ("ayatollah", "ayatollah"),
    ("mullah", "mullah"),
    ("imam", "imam"),
    ("emir", "emir"),
    ("sultan", "sultan"),
    ("rabbi", "rabbi"),
    ("cardinal", "cardinal"),
    ("archbishop", "archbishop"),
    ("bishop", "bishop"),
    ("pastor", "pastor"),
    ("atty", "attorney"),
    ("det", "detective"),
    ("officer", "officer"),
    ("sheriff", "sheriff"),
    ("coach", "coach"),
];

/// Generational suffixes and degrees after a surname.
const SUFFIXES: &[&str] = &[
    "jr", "sr", "ii", "iii", "iv", "phd", "md", "esq", "mba", "dds",
];

/// Whether `word` is a courtesy title ("Mr.", "Mrs", "Dr.").
pub fn is_courtesy(word: &str) -> bool {
    COURTESY.contains(&bare(word).as_str())
}

/// The role a rank or office before a name stands for ("Sen." -> "senator", "Chair" ->
/// "chair"), written with a capital or as an abbreviation.
pub fn title_role(word: &str) -> Option<&'static str> {
    let key = bare(word);
    TITLES.iter().find(|(t, _)| *t == key).map(|(_, r)| *r)
}

/// Whether `word` is a generational suffix or a degree ("Jr.", "III", "PhD").
pub fn is_suffix(word: &str) -> bool {
    SUFFIXES.contains(&bare(word).as_str())
}

/// Whether `word` is an initial ("V.", "M", "J.R.").
pub fn is_initial(word: &str) -> bool {
    let core: String = word.chars().filter(|&c| c != '.').collect();
    !core.is_empty()
        && core.chars().count() <= 2
        && core.chars().all(char::is_uppercase)
        && (word.contains('.') || core.chars().count() == 1)
}

/// A written person's name taken apart: its name words (no titles, initials or suffixes) in
/// the form they are compared in (lower case, no accents, no doubled letters, hyphenated parts
/// apart) and its initials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameParts {
    pub words: Vec<String>,
    pub initials: Vec<char>,
    /// How many words the name is written in ("Hannah-Jones" is one).
    pub written: usize,
}

impl NameParts {
    pub fn of(name: &str) -> NameParts {
        let tokens: Vec<&str> = name.split_whitespace().collect();
        let mut start = 0;
        while start + 1 < tokens.len()
            && (is_courtesy(tokens[start]) || title_role(tokens[start]).is_some())
        {
            start += 1;
        }
        let mut words = Vec::new();
        let mut initials = Vec::new();
        let mut written = 0;
        for (i, t) in tokens.iter().enumerate().skip(start) {
            if i > start && is_suffix(t) {
                continue;
            }
            // middle initials, and leading ones before a name ("B. Taney")
            if (i > start || tokens[i + 1..].iter().any(|t| !is_initial(t)))
                && i + 1 < tokens.len()
                && is_initial(t)
            {
                initials.extend(t.chars().filter(char::is_ascii_uppercase));
                continue;
            }
            let w = bare(t.trim_matches(|c: char| !c.is_alphanumeric() && c != '.'));
            written += usize::from(!w.is_empty());
            // "Taylor-Greene" is "Taylor Greene"; "Moïse" is "Moise"; "Hassan" is "Hasan"
            for part in w.split('-').filter(|p| !p.is_empty()) {
                words.push(plain(part));
            }
        }
        NameParts {
            words,
            initials,
            written,
        }
    }

    pub fn first(&self) -> &str {
        self.words.first().map_or("", String::as_str)
    }

    pub fn last(&self) -> &str {
        self.words.last().map_or("", String::as_str)
    }

    /// Whether the two can be one person: the same surname and compatible given names (the
    /// same, a short form, or one name's words the head or tail of the other's: "Ray
    /// Roseberry" of "Floyd Ray Roseberry"), and no two different middle initials ("George W.
    /// Bush" is not "George H. W. Bush"). Both must have two words or more.
    pub fn same_person(&self, other: &NameParts) -> bool {
        let (a, b) = (&self.words, &other.words);
        if a.len() < 2 || b.len() < 2 {
            return false;
        }
        if !self.initials.is_empty()
            && !other.initials.is_empty()
            && self.initials != other.initials
        {
            return false;
        }
        let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
        // "Sana Imitiyaz" of "Sana Imitiyaz Hussani"
        if long.starts_with(short) {
            return true;
        }
        if self.last() != other.last() {
            return false;
        }
        if long.ends_with(short) {
            return true;
        }
        // the same first name (or a short form of it); the shorter's middle names in the longer
        same_given_name(&short[0], &long[0])
            && short[1..short.len() - 1]
                .iter()
                .all(|m| long[1..long.len() - 1].contains(m))
    }
}

/// A name word as compared: accents dropped and doubled letters written once, as
/// transliterations differ ("Moïse" / "Moise", "Hassan" / "Hasan").
pub fn plain(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars().map(unaccented) {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// A Latin letter without its accent (lower case).
fn unaccented(c: char) -> char {
    match c {
        'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è'..='ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ì'..='ï' | 'ī' | 'į' | 'ı' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò'..='ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ù'..='ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'š' | 'ś' | 'ş' => 's',
        'ž' | 'ź' | 'ż' => 'z',
        'ğ' => 'g',
        'ł' => 'l',
        'ř' => 'r',
        'ď' => 'd',
        'ť' | 'ţ' => 't',
        c => c,
    }
}

/// Short forms of given names that are not their beginnings ("Bill" for "William").
const SHORT_FORMS: &[(&str, &[&str])] = &[
    ("bill", &["william"]),
    ("billy", &["william"]),
    ("will", &["william"]),
    ("bob", &["robert"]),
    ("bobby", &["robert"]),
    ("rob", &["robert"]),
    ("dick", &["richard"]),
    ("rick", &["richard"]),
    ("rich", &["richard"]),
    ("jim", &["james"]),
    ("jimmy", &["james"]),
    ("joe", &["joseph"]),
    ("mike", &["michael"]),
    ("ted", &["edward", "theodore"]),
    ("ed", &["edward"]),
    ("eddie", &["edward"]),
    ("tom", &["thomas"]),
    ("tony", &["anthony", "antony"]),
    ("liz", &["elizabeth"]),
    ("beth", &["elizabeth"]),
    ("betsy", &["elizabeth"]),
    ("kate", &["katherine", "catherine", "kathryn"]),
    ("kathy", &["katherine", "kathleen", "kathryn"]),
    ("chuck", &["charles"]),
    ("charlie", &["charles"]),
    ("dave", &["david"]),
    ("steve", &["stephen", "steven"]),
    ("andy", &["andrew"]),
    ("jack", &["john"]),
    ("hank", &["henry"]),
    ("larry", &["lawrence"]),
    ("jerry", &["gerald"]),
    ("jeff", &["jeffrey"]),
    ("greg", &["gregory"]),
    ("pete", &["peter"]),
    ("jen", &["jennifer"]),
    ("jenny", &["jennifer"]),
    ("peggy", &["margaret"]),
    ("maggie", &["margaret"]),
    ("meg", &["margaret"]),
    ("becky", &["rebecca"]),
    ("sue", &["susan"]),
    ("nate", &["nathan", "nathaniel"]),
    ("zach", &["zachary"]),
    ("jake", &["jacob"]),
    ("bernie", &["bernard"]),
    ("tim", &["timothy"]),
    ("ken", &["kenneth"]),
    ("jon", &["jonathan"]),
    ("vicky", &["victoria"]),
    ("sandy", &["sandra"]),
    ("debbie", &["deborah"]),
    ("abby", &["abigail"]),
];

/// Whether two given names (as [`NameParts`] compares them) can name one person: the same, a short form of the
/// other ("bill" / "william"), or its first three letters or more ("chris" / "christopher").
pub fn same_given_name(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    (short.chars().count() >= 3 && long.starts_with(short))
        || SHORT_FORMS
            .iter()
            .any(|(s, full)| plain(s) == short && full.iter().any(|f| plain(f) == long))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_initials_and_suffixes_are_not_name_words() {
        let p = NameParts::of("Vladimir V. Putin");
        assert_eq!(
            (p.words.join(" "), p.initials),
            ("vladimir putin".into(), vec!['V'])
        );
        assert_eq!(NameParts::of("Joe Manchin III").words, ["joe", "manchin"]);
        assert_eq!(NameParts::of("Chair Lina M. Khan").words, ["lina", "khan"]);
        assert_eq!(
            NameParts::of("Mr. McCarthy").words,
            ["mcarthy"],
            "as compared"
        );
        assert_eq!(
            NameParts::of("Thomas J. Barrack Jr.").words,
            ["thomas", "barack"]
        );
        assert_eq!(title_role("Sen."), Some("senator"));
        assert!(is_courtesy("Mrs") && !is_courtesy("Marks"));
    }

    #[test]
    fn one_person_by_initials_short_forms_and_middle_names() {
        let same = |a: &str, b: &str| NameParts::of(a).same_person(&NameParts::of(b));
        assert!(same("Vladimir V. Putin", "Vladimir Putin"));
        assert!(same("Chris Wray", "Christopher Wray"));
        assert!(same("Bill Gates", "William Gates"));
        assert!(same("Ray Roseberry", "Floyd Ray Roseberry"));
        assert!(same("Ronna McDaniel", "Ronna Romney McDaniel"));
        assert!(!same("George W. Bush", "George H. W. Bush"));
        assert!(!same("Joe Biden", "Jill Biden"));
        assert!(same("Jovenel Moïse", "Jovenel Moise"));
        assert!(same("Mohammad Hassan Akhund", "Mohammad Hasan Akhund"));
        assert!(same("Marjorie Taylor-Greene", "Marjorie Taylor Greene"));
        assert!(
            same("Ana Ruiz Soto", "Ana Ruiz"),
            "a name and its first words"
        );
        assert!(
            !same("Biden", "Joe Biden"),
            "a surname alone is not matched here"
        );
    }

    #[test]
    fn given_names_from_the_census_list() {
        assert!(is_given_name("Stacey") && is_given_name("Joe"));
        assert!(!is_given_name("Fox") && !is_given_name("Warp"));
        assert!(!is_given_name("stacey"), "a name is written with a capital");
    }
}
