//! Prints the figures found in each line of standard input: `echo "over 4 hours" | cargo run -p dossier-figures --example figures`.
use std::io::BufRead;

fn main() {
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        for q in dossier_figures::quantities(&line) {
            println!("{:?}\t{q:?}", &line[q.start..q.end]);
        }
    }
}
