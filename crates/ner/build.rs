//! Inflates the committed model (`model/conll2003-en.bin.gz`) at build time, so the binary
//! carries it ready to read and a process does not spend ~5 ms inflating it at start.

use std::io::Read;
use std::path::Path;

fn main() {
    let source = Path::new("model/conll2003-en.bin.gz");
    println!("cargo:rerun-if-changed={}", source.display());
    let mut raw = Vec::new();
    flate2::read::GzDecoder::new(std::fs::File::open(source).expect("the committed model"))
        .read_to_end(&mut raw)
        .expect("the committed model inflates");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out).join("model.bin"), raw).expect("OUT_DIR is writable");
}
