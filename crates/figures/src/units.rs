//! The units a news figure can carry: currencies, percentages, lengths, areas, volumes, masses,
//! speeds, temperatures, data sizes, energy and durations, each with the surface forms that
//! name it in English news text.
//!
//! Names follow the spelling of quantulum3's unit ontology ("metre", "square kilometre") so
//! figures read naturally and compare with public test data after light normalisation.

/// What a unit measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dimension {
    Currency,
    Percent,
    Length,
    Area,
    Volume,
    Mass,
    Speed,
    Temperature,
    Data,
    Energy,
    Power,
    Frequency,
    Duration,
    /// "44 years old", "a 10-year-old", "aged 44"
    Age,
    Angle,
}

impl Dimension {
    pub fn as_str(self) -> &'static str {
        match self {
            Dimension::Currency => "currency",
            Dimension::Percent => "percent",
            Dimension::Length => "length",
            Dimension::Area => "area",
            Dimension::Volume => "volume",
            Dimension::Mass => "mass",
            Dimension::Speed => "speed",
            Dimension::Temperature => "temperature",
            Dimension::Data => "data",
            Dimension::Energy => "energy",
            Dimension::Power => "power",
            Dimension::Frequency => "frequency",
            Dimension::Duration => "duration",
            Dimension::Age => "age",
            Dimension::Angle => "angle",
        }
    }
}

impl Dimension {
    /// The dimension of a name ([`Dimension::as_str`]).
    pub fn from_name(name: &str) -> Option<Dimension> {
        use Dimension::*;
        [
            Currency,
            Percent,
            Length,
            Area,
            Volume,
            Mass,
            Speed,
            Temperature,
            Data,
            Energy,
            Power,
            Frequency,
            Duration,
            Age,
            Angle,
        ]
        .into_iter()
        .find(|d| d.as_str() == name)
    }
}

/// The unit of a name ("square kilometre", "US dollar"), from the tables below.
pub fn by_name(name: &str) -> Option<Unit> {
    UNIT_WORDS
        .iter()
        .map(|(_, u)| *u)
        .chain(CURRENCY_SYMBOLS.iter().map(|(_, u)| *u))
        .chain(CURRENCY_CODES.iter().map(|(_, u)| *u))
        .chain([
            PERCENT,
            PERCENTAGE_POINT,
            CELSIUS,
            FAHRENHEIT,
            DEGREE,
            POUND_MASS,
        ])
        .find(|u| u.name == name)
}

/// A unit: its name and what it measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Unit {
    pub name: &'static str,
    pub dimension: Dimension,
}

const fn u(name: &'static str, dimension: Dimension) -> Unit {
    Unit { name, dimension }
}

pub const DOLLAR: Unit = u("dollar", Dimension::Currency);
pub const US_DOLLAR: Unit = u("US dollar", Dimension::Currency);
pub const EURO: Unit = u("euro", Dimension::Currency);
pub const POUND_STERLING: Unit = u("pound sterling", Dimension::Currency);
pub const YEN: Unit = u("Japanese yen", Dimension::Currency);
pub const RUPEE: Unit = u("rupee", Dimension::Currency);
pub const RUBLE: Unit = u("ruble", Dimension::Currency);
pub const PERCENT: Unit = u("percentage", Dimension::Percent);
pub const PERCENTAGE_POINT: Unit = u("percentage point", Dimension::Percent);
pub const YEAR: Unit = u("year", Dimension::Duration);
pub const POUND_MASS: Unit = u("pound-mass", Dimension::Mass);
pub const DEGREE: Unit = u("degree", Dimension::Angle);
pub const CELSIUS: Unit = u("degree Celsius", Dimension::Temperature);
pub const FAHRENHEIT: Unit = u("degree fahrenheit", Dimension::Temperature);

/// Currency symbols written before the amount, with any letters that qualify them ("US$").
pub const CURRENCY_SYMBOLS: &[(&str, Unit)] = &[
    ("us$", US_DOLLAR),
    ("a$", u("Australian dollar", Dimension::Currency)),
    ("au$", u("Australian dollar", Dimension::Currency)),
    ("c$", u("Canadian dollar", Dimension::Currency)),
    ("ca$", u("Canadian dollar", Dimension::Currency)),
    ("hk$", u("Hong Kong dollar", Dimension::Currency)),
    ("nz$", u("New Zealand dollar", Dimension::Currency)),
    ("s$", u("Singapore dollar", Dimension::Currency)),
    ("r$", u("Brazilian real", Dimension::Currency)),
    ("$", DOLLAR),
    ("£", POUND_STERLING),
    ("€", EURO),
    ("¥", YEN),
    ("₹", RUPEE),
    ("₽", RUBLE),
    ("₴", u("Ukrainian hryvnia", Dimension::Currency)),
    ("₩", u("South Korean won", Dimension::Currency)),
    ("₺", u("Turkish lira", Dimension::Currency)),
    ("aud$", u("Australian dollar", Dimension::Currency)),
    ("cad$", u("Canadian dollar", Dimension::Currency)),
    ("nzd$", u("New Zealand dollar", Dimension::Currency)),
    ("mxn$", u("Mexican peso", Dimension::Currency)),
    ("mex$", u("Mexican peso", Dimension::Currency)),
    ("元", u("Chinese yuan", Dimension::Currency)),
    ("₿", u("bitcoin", Dimension::Currency)),
    ("₡", u("Costa Rican colón", Dimension::Currency)),
    ("₾", u("Georgian lari", Dimension::Currency)),
    ("₭", u("Lao kip", Dimension::Currency)),
    ("₦", u("Nigerian naira", Dimension::Currency)),
    ("₪", u("Israeli new shekel", Dimension::Currency)),
    ("rs", RUPEE),
];

/// ISO 4217 codes (and a few common others) written before or after an amount: "USD 5",
/// "500 USD", "75 USD million". An "M" before the code means millions ("120 MEUR").
pub const CURRENCY_CODES: &[(&str, Unit)] = &[
    ("usd", US_DOLLAR),
    ("eur", EURO),
    ("gbp", POUND_STERLING),
    ("jpy", YEN),
    ("cny", u("Chinese yuan", Dimension::Currency)),
    ("rmb", u("Chinese yuan", Dimension::Currency)),
    ("chf", u("Swiss franc", Dimension::Currency)),
    ("cad", u("Canadian dollar", Dimension::Currency)),
    ("aud", u("Australian dollar", Dimension::Currency)),
    ("nzd", u("New Zealand dollar", Dimension::Currency)),
    ("hkd", u("Hong Kong dollar", Dimension::Currency)),
    ("sgd", u("Singapore dollar", Dimension::Currency)),
    ("inr", RUPEE),
    ("rub", RUBLE),
    ("uah", u("Ukrainian hryvnia", Dimension::Currency)),
    ("sek", u("Swedish krona", Dimension::Currency)),
    ("nok", u("Norwegian krone", Dimension::Currency)),
    ("dkk", u("Danish krone", Dimension::Currency)),
    ("pln", u("Polish zloty", Dimension::Currency)),
    ("mxn", u("Mexican peso", Dimension::Currency)),
    ("brl", u("Brazilian real", Dimension::Currency)),
    ("krw", u("South Korean won", Dimension::Currency)),
    ("zar", u("South African rand", Dimension::Currency)),
    ("try", u("Turkish lira", Dimension::Currency)),
    ("btc", u("bitcoin", Dimension::Currency)),
];

/// Unit words and abbreviations written after the amount, longest first within a head word.
/// Each entry is the lower-cased word sequence.
pub const UNIT_WORDS: &[(&[&str], Unit)] = &[
    // currencies named by country
    (&["us", "dollars"], US_DOLLAR),
    (&["us", "dollar"], US_DOLLAR),
    (&["u", "s", "dollars"], US_DOLLAR),
    (&["united", "states", "dollars"], US_DOLLAR),
    (
        &["canadian", "dollars"],
        u("Canadian dollar", Dimension::Currency),
    ),
    (
        &["australian", "dollars"],
        u("Australian dollar", Dimension::Currency),
    ),
    (
        &["hong", "kong", "dollars"],
        u("Hong Kong dollar", Dimension::Currency),
    ),
    (
        &["new", "zealand", "dollars"],
        u("New Zealand dollar", Dimension::Currency),
    ),
    (
        &["singapore", "dollars"],
        u("Singapore dollar", Dimension::Currency),
    ),
    (&["british", "pounds"], POUND_STERLING),
    (&["pounds", "sterling"], POUND_STERLING),
    (&["pound", "sterling"], POUND_STERLING),
    (&["sterling"], POUND_STERLING),
    (&["swiss", "francs"], u("Swiss franc", Dimension::Currency)),
    (
        &["french", "francs"],
        u("French franc", Dimension::Currency),
    ),
    (
        &["dutch", "guilders"],
        u("Netherlands guilder", Dimension::Currency),
    ),
    (&["japanese", "yen"], YEN),
    (&["chinese", "yuan"], u("Chinese yuan", Dimension::Currency)),
    (
        &["mexican", "pesos"],
        u("Mexican peso", Dimension::Currency),
    ),
    (&["turkish", "lira"], u("Turkish lira", Dimension::Currency)),
    (&["indian", "rupees"], RUPEE),
    (&["russian", "rubles"], RUBLE),
    (&["dollars"], DOLLAR),
    (&["dollar"], DOLLAR),
    (&["bucks"], DOLLAR),
    (&["euros"], EURO),
    (&["euro"], EURO),
    (&["yen"], YEN),
    (&["yuan"], u("Chinese yuan", Dimension::Currency)),
    (&["renminbi"], u("Chinese yuan", Dimension::Currency)),
    (&["rupees"], RUPEE),
    (&["rubles"], RUBLE),
    (&["roubles"], RUBLE),
    (&["hryvnias"], u("Ukrainian hryvnia", Dimension::Currency)),
    (&["hryvnia"], u("Ukrainian hryvnia", Dimension::Currency)),
    (&["francs"], u("franc", Dimension::Currency)),
    (
        &["finnish", "markka"],
        u("Finnish markka", Dimension::Currency),
    ),
    (&["markka"], u("Finnish markka", Dimension::Currency)),
    (&["pesetas"], u("peseta", Dimension::Currency)),
    (&["peseta"], u("peseta", Dimension::Currency)),
    (&["pennies"], u("penny", Dimension::Currency)),
    (&["penny"], u("penny", Dimension::Currency)),
    (&["satoshis"], u("satoshi", Dimension::Currency)),
    (&["satoshi"], u("satoshi", Dimension::Currency)),
    (&["dimes"], u("dime", Dimension::Currency)),
    (&["kuai"], u("Chinese yuan", Dimension::Currency)),
    (&["zlotys"], u("Polish zloty", Dimension::Currency)),
    (&["zloty"], u("Polish zloty", Dimension::Currency)),
    (&["kronor"], u("Swedish krona", Dimension::Currency)),
    (&["shekels"], u("Israeli new shekel", Dimension::Currency)),
    (&["rand"], u("South African rand", Dimension::Currency)),
    (&["pesos"], u("peso", Dimension::Currency)),
    (&["lira"], u("lira", Dimension::Currency)),
    (&["guilders"], u("guilder", Dimension::Currency)),
    (&["marks"], u("mark", Dimension::Currency)),
    (&["cents"], u("cent", Dimension::Currency)),
    (&["cent"], u("cent", Dimension::Currency)),
    (&["pence"], u("penny", Dimension::Currency)),
    (&["p"], u("penny", Dimension::Currency)),
    (&["bitcoins"], u("bitcoin", Dimension::Currency)),
    (&["bitcoin"], u("bitcoin", Dimension::Currency)),
    // percentages
    (&["percentage", "points"], PERCENTAGE_POINT),
    (&["percentage", "point"], PERCENTAGE_POINT),
    (&["per", "cent"], PERCENT),
    (&["percent"], PERCENT),
    (&["percents"], PERCENT),
    (&["percentage"], PERCENT),
    (&["pct"], PERCENT),
    // areas before lengths: "square km" must not read as km
    (
        &["square", "kilometres"],
        u("square kilometre", Dimension::Area),
    ),
    (
        &["square", "kilometers"],
        u("square kilometre", Dimension::Area),
    ),
    (
        &["square", "kilometre"],
        u("square kilometre", Dimension::Area),
    ),
    (
        &["square", "kilometer"],
        u("square kilometre", Dimension::Area),
    ),
    (&["square", "km"], u("square kilometre", Dimension::Area)),
    (&["sq", "km"], u("square kilometre", Dimension::Area)),
    (&["km2"], u("square kilometre", Dimension::Area)),
    (&["km", "²"], u("square kilometre", Dimension::Area)),
    (&["square", "miles"], u("square mile", Dimension::Area)),
    (&["square", "mile"], u("square mile", Dimension::Area)),
    (&["sq", "miles"], u("square mile", Dimension::Area)),
    (&["sq", "mi"], u("square mile", Dimension::Area)),
    (&["square", "metres"], u("square metre", Dimension::Area)),
    (&["square", "meters"], u("square metre", Dimension::Area)),
    (&["square", "metre"], u("square metre", Dimension::Area)),
    (&["square", "meter"], u("square metre", Dimension::Area)),
    (&["sq", "m"], u("square metre", Dimension::Area)),
    (&["m2"], u("square metre", Dimension::Area)),
    (&["square", "feet"], u("square foot", Dimension::Area)),
    (&["square", "foot"], u("square foot", Dimension::Area)),
    (&["sq", "ft"], u("square foot", Dimension::Area)),
    (&["hectares"], u("hectare", Dimension::Area)),
    (&["hectare"], u("hectare", Dimension::Area)),
    (&["acres"], u("acre", Dimension::Area)),
    (&["acre"], u("acre", Dimension::Area)),
    // volumes
    (
        &["cubic", "kilometres"],
        u("cubic kilometre", Dimension::Volume),
    ),
    (
        &["cubic", "kilometers"],
        u("cubic kilometre", Dimension::Volume),
    ),
    (&["cubic", "metres"], u("cubic metre", Dimension::Volume)),
    (&["cubic", "meters"], u("cubic metre", Dimension::Volume)),
    (&["cubic", "feet"], u("cubic foot", Dimension::Volume)),
    (&["cubic", "foot"], u("cubic foot", Dimension::Volume)),
    (
        &["cubic", "centimetres"],
        u("cubic centimetre", Dimension::Volume),
    ),
    (
        &["cubic", "centimeters"],
        u("cubic centimetre", Dimension::Volume),
    ),
    (&["cc"], u("cubic centimetre", Dimension::Volume)),
    (&["litres"], u("litre", Dimension::Volume)),
    (&["liters"], u("litre", Dimension::Volume)),
    (&["litre"], u("litre", Dimension::Volume)),
    (&["liter"], u("litre", Dimension::Volume)),
    (&["millilitres"], u("millilitre", Dimension::Volume)),
    (&["milliliters"], u("millilitre", Dimension::Volume)),
    (&["ml"], u("millilitre", Dimension::Volume)),
    (&["l"], u("litre", Dimension::Volume)),
    (&["centilitres"], u("centilitre", Dimension::Volume)),
    (&["cl"], u("centilitre", Dimension::Volume)),
    (&["gallons"], u("gallon", Dimension::Volume)),
    (&["gallon"], u("gallon", Dimension::Volume)),
    (&["barrels"], u("barrel", Dimension::Volume)),
    (&["barrel"], u("barrel", Dimension::Volume)),
    (&["cups"], u("cup", Dimension::Volume)),
    (&["cup"], u("cup", Dimension::Volume)),
    (&["tablespoons"], u("tablespoon", Dimension::Volume)),
    (&["tablespoon"], u("tablespoon", Dimension::Volume)),
    (&["tbsp"], u("tablespoon", Dimension::Volume)),
    (&["tsp"], u("teaspoon", Dimension::Volume)),
    (&["teaspoons"], u("teaspoon", Dimension::Volume)),
    (&["teaspoon"], u("teaspoon", Dimension::Volume)),
    // speeds before lengths: "km/h", "miles per hour"
    (&["km", "/", "h"], u("kilometre per hour", Dimension::Speed)),
    (
        &["kilometres", "per", "hour"],
        u("kilometre per hour", Dimension::Speed),
    ),
    (
        &["kilometers", "per", "hour"],
        u("kilometre per hour", Dimension::Speed),
    ),
    (
        &["kilometres", "an", "hour"],
        u("kilometre per hour", Dimension::Speed),
    ),
    (
        &["kilometers", "an", "hour"],
        u("kilometre per hour", Dimension::Speed),
    ),
    (&["kph"], u("kilometre per hour", Dimension::Speed)),
    (&["kmph"], u("kilometre per hour", Dimension::Speed)),
    (
        &["km", "/", "hr"],
        u("kilometre per hour", Dimension::Speed),
    ),
    (&["kmh"], u("kilometre per hour", Dimension::Speed)),
    (
        &["miles", "per", "hour"],
        u("mile per hour", Dimension::Speed),
    ),
    (
        &["miles", "an", "hour"],
        u("mile per hour", Dimension::Speed),
    ),
    (&["mph"], u("mile per hour", Dimension::Speed)),
    (&["knots"], u("knot", Dimension::Speed)),
    // lengths
    (&["kilometres"], u("kilometre", Dimension::Length)),
    (&["kilometers"], u("kilometre", Dimension::Length)),
    (&["kilometre"], u("kilometre", Dimension::Length)),
    (&["kilometer"], u("kilometre", Dimension::Length)),
    (&["km"], u("kilometre", Dimension::Length)),
    (&["kms"], u("kilometre", Dimension::Length)),
    (&["metres"], u("metre", Dimension::Length)),
    (&["meters"], u("metre", Dimension::Length)),
    (&["metre"], u("metre", Dimension::Length)),
    (&["meter"], u("metre", Dimension::Length)),
    (&["m"], u("metre", Dimension::Length)),
    (&["decimetres"], u("decimetre", Dimension::Length)),
    (&["decimeters"], u("decimetre", Dimension::Length)),
    (&["dm"], u("decimetre", Dimension::Length)),
    (&["centimetres"], u("centimetre", Dimension::Length)),
    (&["centimeters"], u("centimetre", Dimension::Length)),
    (&["cm"], u("centimetre", Dimension::Length)),
    (&["millimetres"], u("millimetre", Dimension::Length)),
    (&["millimeters"], u("millimetre", Dimension::Length)),
    (&["mm"], u("millimetre", Dimension::Length)),
    (&["nanometres"], u("nanometre", Dimension::Length)),
    (&["nanometers"], u("nanometre", Dimension::Length)),
    (&["nm"], u("nanometre", Dimension::Length)),
    (&["picometres"], u("picometre", Dimension::Length)),
    (&["picometers"], u("picometre", Dimension::Length)),
    (&["pm"], u("picometre", Dimension::Length)),
    (&["miles"], u("mile", Dimension::Length)),
    (&["mile"], u("mile", Dimension::Length)),
    (&["mi"], u("mile", Dimension::Length)),
    (&["yards"], u("yard", Dimension::Length)),
    (&["yard"], u("yard", Dimension::Length)),
    (&["yd"], u("yard", Dimension::Length)),
    (&["feet"], u("foot", Dimension::Length)),
    (&["foot"], u("foot", Dimension::Length)),
    (&["ft"], u("foot", Dimension::Length)),
    (&["inches"], u("inch", Dimension::Length)),
    (&["inch"], u("inch", Dimension::Length)),
    (&["in"], u("inch", Dimension::Length)),
    (
        &["nautical", "miles"],
        u("nautical mile", Dimension::Length),
    ),
    (&["light", "years"], u("light-year", Dimension::Length)),
    // masses
    (&["metric", "tons"], u("tonne", Dimension::Mass)),
    (&["metric", "tonnes"], u("tonne", Dimension::Mass)),
    (&["tonnes"], u("tonne", Dimension::Mass)),
    (&["t"], u("tonne", Dimension::Mass)),
    (&["tonne"], u("tonne", Dimension::Mass)),
    (&["tons"], u("ton", Dimension::Mass)),
    (&["ton"], u("ton", Dimension::Mass)),
    (&["kilograms"], u("kilogram", Dimension::Mass)),
    (&["kilogram"], u("kilogram", Dimension::Mass)),
    (&["kilos"], u("kilogram", Dimension::Mass)),
    (&["kg"], u("kilogram", Dimension::Mass)),
    (&["kgs"], u("kilogram", Dimension::Mass)),
    (&["grams"], u("gram", Dimension::Mass)),
    (&["gram"], u("gram", Dimension::Mass)),
    (&["g"], u("gram", Dimension::Mass)),
    (&["milligrams"], u("milligram", Dimension::Mass)),
    (&["milligram"], u("milligram", Dimension::Mass)),
    (&["mg"], u("milligram", Dimension::Mass)),
    (&["micrograms"], u("microgram", Dimension::Mass)),
    (&["microgram"], u("microgram", Dimension::Mass)),
    (&["mcg"], u("microgram", Dimension::Mass)),
    (&["µg"], u("microgram", Dimension::Mass)),
    (&["μg"], u("microgram", Dimension::Mass)),
    (&["pounds"], POUND_MASS),
    (&["pound"], POUND_MASS),
    (&["lbs"], POUND_MASS),
    (&["lb"], POUND_MASS),
    (&["ounces"], u("ounce", Dimension::Mass)),
    (&["ounce"], u("ounce", Dimension::Mass)),
    (&["oz"], u("ounce", Dimension::Mass)),
    // temperatures
    (&["°", "c"], CELSIUS),
    (&["°", "f"], FAHRENHEIT),
    (&["degrees", "celsius"], CELSIUS),
    (&["deg", "celsius"], CELSIUS),
    (&["deg", "c"], CELSIUS),
    (&["deg", "fahrenheit"], FAHRENHEIT),
    (&["deg", "f"], FAHRENHEIT),
    (&["degree", "c"], CELSIUS),
    (&["degree", "f"], FAHRENHEIT),
    (&["degrees", "centigrade"], CELSIUS),
    (&["degrees", "c"], CELSIUS),
    (&["degree", "celsius"], CELSIUS),
    (&["celsius"], CELSIUS),
    (&["centigrade"], CELSIUS),
    (&["degrees", "fahrenheit"], FAHRENHEIT),
    (&["degrees", "f"], FAHRENHEIT),
    (&["degree", "fahrenheit"], FAHRENHEIT),
    (&["fahrenheit"], FAHRENHEIT),
    (&["degrees", "farenheit"], FAHRENHEIT),
    (&["farenheit"], FAHRENHEIT),
    (&["celcius"], CELSIUS),
    (&["centigrate"], CELSIUS),
    (&["deg"], DEGREE),
    (&["kelvin"], u("kelvin", Dimension::Temperature)),
    (&["degrees"], DEGREE),
    (&["degree"], DEGREE),
    (&["°"], DEGREE),
    // data
    (&["exabytes"], u("exabyte", Dimension::Data)),
    (&["petabytes"], u("petabyte", Dimension::Data)),
    (&["terabytes"], u("terabyte", Dimension::Data)),
    (&["tb"], u("terabyte", Dimension::Data)),
    (&["gigabytes"], u("gigabyte", Dimension::Data)),
    (&["gb"], u("gigabyte", Dimension::Data)),
    (&["megabytes"], u("megabyte", Dimension::Data)),
    (&["mb"], u("megabyte", Dimension::Data)),
    (&["kilobytes"], u("kilobyte", Dimension::Data)),
    (&["kb"], u("kilobyte", Dimension::Data)),
    (&["bytes"], u("byte", Dimension::Data)),
    (&["byte"], u("byte", Dimension::Data)),
    (&["megabits"], u("megabit", Dimension::Data)),
    (&["bits"], u("bit", Dimension::Data)),
    (&["bit"], u("bit", Dimension::Data)),
    // energy and power
    (
        &["megawatt", "hours"],
        u("megawatt hour", Dimension::Energy),
    ),
    (&["mwh"], u("megawatt hour", Dimension::Energy)),
    (
        &["kilowatt", "hours"],
        u("kilowatt hour", Dimension::Energy),
    ),
    (&["kwh"], u("kilowatt hour", Dimension::Energy)),
    (&["gigawatts"], u("gigawatt", Dimension::Power)),
    (&["gw"], u("gigawatt", Dimension::Power)),
    (&["megawatts"], u("megawatt", Dimension::Power)),
    (&["mw"], u("megawatt", Dimension::Power)),
    (&["kilowatts"], u("kilowatt", Dimension::Power)),
    (&["kw"], u("kilowatt", Dimension::Power)),
    (&["watts"], u("watt", Dimension::Power)),
    (&["wh"], u("watt hour", Dimension::Energy)),
    (&["watt", "hours"], u("watt hour", Dimension::Energy)),
    (&["gwh"], u("gigawatt hour", Dimension::Energy)),
    (&["twh"], u("terawatt hour", Dimension::Energy)),
    (&["ev"], u("electronvolt", Dimension::Energy)),
    (&["kev"], u("kiloelectronvolt", Dimension::Energy)),
    (&["mev"], u("megaelectronvolt", Dimension::Energy)),
    (&["gev"], u("gigaelectronvolt", Dimension::Energy)),
    (&["tev"], u("teraelectronvolt", Dimension::Energy)),
    (&["joules"], u("joule", Dimension::Energy)),
    (&["calories"], u("calorie", Dimension::Energy)),
    (&["ghz"], u("gigahertz", Dimension::Frequency)),
    (&["mhz"], u("megahertz", Dimension::Frequency)),
    (&["khz"], u("kilohertz", Dimension::Frequency)),
    (&["hz"], u("hertz", Dimension::Frequency)),
    (&["hertz"], u("hertz", Dimension::Frequency)),
    // durations
    (&["milliseconds"], u("millisecond", Dimension::Duration)),
    (&["seconds"], u("second", Dimension::Duration)),
    (&["second"], u("second", Dimension::Duration)),
    (&["secs"], u("second", Dimension::Duration)),
    (&["minutes"], u("minute", Dimension::Duration)),
    (&["minute"], u("minute", Dimension::Duration)),
    (&["mins"], u("minute", Dimension::Duration)),
    (&["min"], u("minute", Dimension::Duration)),
    (&["hours"], u("hour", Dimension::Duration)),
    (&["hour"], u("hour", Dimension::Duration)),
    (&["hrs"], u("hour", Dimension::Duration)),
    (&["days"], u("day", Dimension::Duration)),
    (&["day"], u("day", Dimension::Duration)),
    (&["weeks"], u("week", Dimension::Duration)),
    (&["week"], u("week", Dimension::Duration)),
    (&["months"], u("month", Dimension::Duration)),
    (&["month"], u("month", Dimension::Duration)),
    (&["years"], YEAR),
    (&["year"], YEAR),
    (&["decades"], u("decade", Dimension::Duration)),
    (&["decade"], u("decade", Dimension::Duration)),
    (&["centuries"], u("century", Dimension::Duration)),
    (&["century"], u("century", Dimension::Duration)),
];

/// Unit abbreviations that are also common words or letters: only read as units when written
/// straight after the digits ("5km", "180m") or after a number in digits, never after words.
pub fn is_ambiguous_abbreviation(word: &str) -> bool {
    matches!(
        word,
        "m" | "in"
            | "t"
            | "l"
            | "g"
            | "p"
            | "pm"
            | "mi"
            | "min"
            | "cc"
            | "cl"
            | "dm"
            | "nm"
            | "mb"
            | "kb"
            | "tb"
            | "gb"
            | "mw"
            | "gw"
            | "kw"
    )
}

/// The unit a single word names ("kg" -> kilogram, "hour" -> hour).
pub fn unit_named(word: &str) -> Option<Unit> {
    let w = word.to_lowercase();
    UNIT_WORDS
        .iter()
        .find(|(surface, _)| surface.len() == 1 && surface[0] == w)
        .map(|(_, u)| *u)
}
