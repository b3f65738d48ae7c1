//! The figures of a story: every number its articles report, read as a value with its unit,
//! qualifier and what it counts (`dossier-figures`), leaving out numbers that are dates.

use crate::reading::Sentence;
use dossier_model::{Article, Figure};
use dossier_time::Kind;

/// The figures of one article's sentences.
pub fn article_figures(a: &Article, sentences: &[Sentence]) -> Vec<Figure> {
    let mut out = Vec::new();
    for s in sentences {
        for q in &s.quantities {
            // "December 2, 2025", "in 2014": dates, not figures (durations stay: "five-hour")
            let is_date = s.times.iter().any(|t| {
                matches!(t.kind, Kind::Date | Kind::Time) && t.start < q.end && q.start < t.end
            });
            if is_date {
                continue;
            }
            out.push(Figure {
                text: s.text[q.start..q.end].to_string(),
                value: q.value,
                upper: q.upper,
                unit: q.unit.map(|u| u.name.to_string()),
                dimension: q.unit.map(|u| u.dimension.as_str().to_string()),
                qualifier: q.qualifier.map(|x| x.as_str().to_string()),
                counts: q.counts.clone(),
                per: q.per.clone(),
                sentence: s.text.to_string(),
                article: a.id.clone(),
            });
        }
    }
    out
}
