//! Prints gold attributions (PolNeAR layout) that no prediction overlaps, with the sentence
//! around them, for studying misses on the train split.
//! `cargo run --release -p dossier-eval --example quote_misses DIR N`
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
    for t in names.iter().skip(300).step_by(11) {
        let stem = t.trim_end_matches(".txt");
        let Some(a) = anns.iter().find(|a| a.starts_with(&format!("{stem}_"))) else {
            continue;
        };
        let text = std::fs::read_to_string(dir.join("text").join(t)).unwrap();
        let chars: Vec<char> = text.chars().collect();
        let gold = dossier_eval::quotes::read_ann(
            &std::fs::read_to_string(dir.join("attributions").join(a)).unwrap(),
        );
        let mut pred = vec![];
        let mut off = 0;
        for para in text.split('\n') {
            for at in dossier_analysis::quotes::attributions(para)
                .into_iter()
                .filter(|a| a.source.is_some() || a.cue.is_some())
            {
                let c0 = text[..off + at.content.start].chars().count();
                let c1 = text[..off + at.content.end].chars().count();
                pred.push(c0..c1);
            }
            off += para.len() + 1;
        }
        for g in &gold {
            let hit = g
                .content
                .iter()
                .any(|c| pred.iter().any(|p| p.start < c.end && c.start < p.end));
            if !hit && shown < n {
                let c = &g.content[0];
                let lo = g
                    .content
                    .iter()
                    .chain(&g.source)
                    .map(|r| r.start)
                    .min()
                    .unwrap();
                let hi = g
                    .content
                    .iter()
                    .chain(&g.source)
                    .map(|r| r.end)
                    .max()
                    .unwrap()
                    .min(chars.len());
                let src: String = g
                    .cue
                    .first()
                    .map(|s| chars[s.start..s.end].iter().collect())
                    .unwrap_or_default();
                let _ = c;
                println!(
                    "[{src}] {}",
                    chars[lo..hi]
                        .iter()
                        .collect::<String>()
                        .chars()
                        .take(260)
                        .collect::<String>()
                );
                shown += 1;
            }
        }
    }
}
