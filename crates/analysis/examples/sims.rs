use std::io::Read;
fn main() {
    let mut s = String::new();
    std::io::stdin().read_to_string(&mut s).unwrap();
    let d: dossier_model::Dossier = serde_json::from_str(&s).unwrap();
    let v: Vec<dossier_analysis::StoryVector> = d
        .articles
        .iter()
        .map(dossier_analysis::StoryVector::of)
        .collect();
    let n = d.articles.len();
    let mut pairs = vec![];
    for i in 0..n {
        for j in i + 1..n {
            pairs.push((v[i].cosine(&v[j]), i, j));
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (c, i, j) in pairs.iter().take(40) {
        println!(
            "{:.3} {} || {}",
            c,
            d.articles[*i].label().chars().take(60).collect::<String>(),
            d.articles[*j].label().chars().take(60).collect::<String>()
        );
    }
}
