//! `search-latency DB [QUERIES]`: runs QUERIES (default 1000) searches of one or two common
//! news words against the store in DB, in process, and prints p50, p99 and max latency.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let db = args.next().ok_or("usage: search-latency DB [QUERIES]")?;
    let n: usize = args.next().map_or(Ok(1000), |s| s.parse())?;
    let store = dossier_store::Store::open(std::path::Path::new(&db))?;
    let words = [
        "president",
        "election",
        "police",
        "court",
        "market",
        "war",
        "minister",
        "talks",
        "company",
        "storm",
        "vote",
        "trade",
        "health",
        "school",
        "peace",
        "oil",
        "bank",
        "fire",
        "football",
        "climate",
    ];
    let mut times = Vec::with_capacity(n);
    let mut hits = 0;
    for k in 0..n {
        let q = if k % 2 == 0 {
            words[k % words.len()].to_string()
        } else {
            format!(
                "{} {}",
                words[k % words.len()],
                words[(k * 7 + 3) % words.len()]
            )
        };
        let t = std::time::Instant::now();
        hits += store.search(&q, 10)?.len();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    let pct = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize];
    println!(
        "search latency over {n} queries (10 hits each, {hits} hits in all): p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        pct(0.5),
        pct(0.99),
        pct(1.0)
    );
    Ok(())
}
