//! Prints predicted attributions (PolNeAR layout) that overlap no gold content, for studying
//! false positives on the train split. `cargo run --release -p dossier-eval --example quote_false DIR N`
fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).unwrap());
    let n: usize = std::env::args()
        .nth(2)
        .and_then(|x| x.parse().ok())
        .unwrap_or(40);
    let mut names: Vec<_> = std::fs::read_dir(dir.join("text"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().into_string().unwrap())
        .collect();
    names.sort();
    let mut anns: Vec<_> = std::fs::read_dir(dir.join("attributions"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().into_string().unwrap())
        .collect();
    anns.sort();
    let mut shown = 0;
    for t in names.iter().skip(200).step_by(13) {
        let stem = t.trim_end_matches(".txt");
        let Some(a) = anns.iter().find(|a| a.starts_with(&format!("{stem}_"))) else {
            continue;
        };
        let text = std::fs::read_to_string(dir.join("text").join(t)).unwrap();
        let gold = dossier_eval::quotes::read_ann(
            &std::fs::read_to_string(dir.join("attributions").join(a)).unwrap(),
        );
        let paras: Vec<&str> = text.split('\n').collect();
        let mut off = vec![];
        let mut at = 0;
        for p in &paras {
            off.push(at);
            at += p.len() + 1;
        }
        for d in dossier_analysis::quotes::document_attributions(&paras) {
            let p = paras[d.paragraph];
            let c0 = text[..off[d.paragraph] + d.content.start].chars().count();
            let c1 = text[..off[d.paragraph] + d.content.end].chars().count();
            let hit = gold
                .iter()
                .any(|g| g.content.iter().any(|c| c0 < c.end && c.start < c1));
            if !hit && shown < n {
                let cue = d.cue.clone().map(|c| &p[c]).unwrap_or("-");
                let src = d.source.clone().map(|(sp, s)| &paras[sp][s]).unwrap_or("-");
                println!(
                    "[{src} | {cue}] {}",
                    &p[d.content.clone()].chars().take(150).collect::<String>()
                );
                shown += 1;
            }
        }
    }
}
