//! The most similar pairs of a dossier's articles, as story clustering sees them: the cosine of
//! their words, what their dates make of it, and the link's similarity (`-` when not linked).
//! `dossier analyze DIR -f json | cargo run -p dossier-analysis --example sims`
use std::io::Read;
fn main() {
    let mut s = String::new();
    std::io::stdin().read_to_string(&mut s).unwrap();
    let d: dossier_model::Dossier = serde_json::from_str(&s).unwrap();
    let v = dossier_analysis::stories::story_vectors(&d.articles);
    let n = d.articles.len();
    let mut pairs = vec![];
    for i in 0..n {
        for j in i + 1..n {
            pairs.push((v[i].cosine(&v[j]), i, j));
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (c, i, j) in pairs.iter().take(40) {
        let time = v[*i].time_factor(&v[*j]);
        let link = v[*i].link(&v[*j]);
        println!(
            "{c:.3} x {} = {} {} || {}",
            time.map_or("-".into(), |t| format!("{t:.2}")),
            link.map_or("-".into(), |l| format!("{l:.3}")),
            d.articles[*i].label().chars().take(50).collect::<String>(),
            d.articles[*j].label().chars().take(50).collect::<String>()
        );
    }
}
