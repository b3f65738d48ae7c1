//! English number words: cardinals ("twenty-five", "one hundred and five", "a million"),
//! scale words after digits ("1.2 million", "$235M"), and fraction denominators ("five ninths").

/// The value of a cardinal word below a hundred, or of a tens word.
pub fn small(word: &str) -> Option<f64> {
    Some(match word {
        "zero" | "nil" | "nought" | "naught" => 0.0,
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        _ => return None,
    })
}

/// Whether a small-number word is a tens word that a ones word may follow ("twenty-five").
pub fn is_tens(word: &str) -> bool {
    matches!(
        word,
        "twenty" | "thirty" | "forty" | "fifty" | "sixty" | "seventy" | "eighty" | "ninety"
    )
}

/// Scale words that multiply what comes before them.
pub fn scale(word: &str) -> Option<f64> {
    Some(match word {
        "hundred" | "hundreds" => 1e2,
        "thousand" | "thousands" => 1e3,
        "lakh" | "lakhs" => 1e5,
        "million" | "millions" | "mln" | "mn" => 1e6,
        "crore" | "crores" => 1e7,
        "billion" | "billions" | "bln" | "bn" => 1e9,
        "trillion" | "trillions" | "tn" | "trn" | "tln" => 1e12,
        _ => return None,
    })
}

/// Letters written straight after digits that scale them ("235M", "1.2bn", "30k"). Bare "m" is
/// a million only after a currency symbol (otherwise it is metres); the caller decides.
pub fn attached_scale(word: &str) -> Option<f64> {
    Some(match word {
        "k" | "K" => 1e3,
        "M" | "mn" | "mln" | "mil" | "MM" => 1e6,
        "bn" | "b" | "B" | "bln" => 1e9,
        "tn" | "trn" | "T" => 1e12,
        _ => return None,
    })
}

/// The denominator a fraction word names ("ninths" -> 9, "halves" -> 2, "quarter" -> 4).
pub fn denominator(word: &str) -> Option<f64> {
    Some(match word {
        "half" | "halves" => 2.0,
        "third" | "thirds" => 3.0,
        "quarter" | "quarters" | "fourth" | "fourths" => 4.0,
        "fifth" | "fifths" => 5.0,
        "sixth" | "sixths" => 6.0,
        "seventh" | "sevenths" => 7.0,
        "eighth" | "eighths" => 8.0,
        "ninth" | "ninths" => 9.0,
        "tenth" | "tenths" => 10.0,
        "eleventh" | "elevenths" => 11.0,
        "twelfth" | "twelfths" => 12.0,
        "twentieth" | "twentieths" => 20.0,
        "hundredth" | "hundredths" => 100.0,
        "thousandth" | "thousandths" => 1000.0,
        "millionth" | "millionths" => 1e6,
        "billionth" | "billionths" => 1e9,
        "trillionth" | "trillionths" => 1e12,
        _ => return None,
    })
}

/// The value of the ordinal a compound fraction ends in ("twenty firsts" -> 1 of 21).
pub fn ordinal_ones(word: &str) -> Option<f64> {
    Some(match word {
        "first" | "firsts" => 1.0,
        "second" | "seconds" => 2.0,
        "third" | "thirds" => 3.0,
        "fourth" | "fourths" => 4.0,
        "fifth" | "fifths" => 5.0,
        "sixth" | "sixths" => 6.0,
        "seventh" | "sevenths" => 7.0,
        "eighth" | "eighths" => 8.0,
        "ninth" | "ninths" => 9.0,
        _ => return None,
    })
}
