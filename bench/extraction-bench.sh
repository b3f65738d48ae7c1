#!/usr/bin/env bash
# Side by side on the 181 AEB pages, one core (issue: a corpus that grows; also run at the end
# of bench/corpus-bench.sh): dossier's whole `analyze` (process start included, user + system
# time) against Python trafilatura's extraction alone (installed with pip) and against the
# best Rust extractor dossier did not choose, rs-trafilatura (bench/rust-extractor, its own
# workspace), extraction alone; each body scored by AEB's own evaluate.py (bench/score_aeb.py).
# One run on this shared VM varies by +-10 % as the machine's load comes and goes, so the
# systems take turns, round after round (five rounds), and each one's median is reported: a
# busy spell slows all of them alike instead of whichever ran then. dossier has one unmeasured
# run first, which loads the freshly built binary into the page cache. A benchmark, not a
# test: run by hand on a quiet machine.
#
#   bash bench/extraction-bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=${BENCH_DIR:-/tmp/dossier-bench}
rounds=${BENCH_ROUNDS:-5}
mkdir -p "$work"
cargo build --release -q -p dossier
bin=./target/release/dossier
aeb=../shared/eval/extraction/aeb
[ -d "$aeb" ] || { echo "no AEB pages at $aeb"; exit 0; }
echo "side by side on the $(ls $aeb/html/*.gz | wc -l) AEB pages, one core, $rounds rounds:"
pip install -q trafilatura lxml_html_clean >/dev/null 2>&1 || echo "  (pip install trafilatura failed)"
one_core=(); command -v taskset >/dev/null && one_core=(taskset -c 0)
median() { sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
traf=false; python3 -c "import trafilatura" 2>/dev/null && traf=true
rust=false
CARGO_TARGET_DIR=target/rust-extractor cargo build --release -q \
  --manifest-path bench/rust-extractor/Cargo.toml 2>/dev/null && rust=true
"${one_core[@]}" "$bin" analyze "$aeb/html" -f json -q > /dev/null
d_runs="" t_runs="" r_runs="" t_pages=0 r_pages=0
for _ in $(seq "$rounds"); do
  d_runs="$d_runs $(python3 bench/cpu_time.py "${one_core[@]}" "$bin" analyze "$aeb/html" -f json -q)"
  if $traf; then
    read -r t_pages secs < <("${one_core[@]}" python3 bench/trafilatura_aeb.py "$aeb" "$work/trafilatura.json")
    t_runs="$t_runs $secs"
  fi
  if $rust; then
    read -r r_pages secs < <("${one_core[@]}" target/rust-extractor/release/rust-extractor-bench "$aeb" "$work/rs-trafilatura.json")
    r_runs="$r_runs $secs"
  fi
done
d=$(printf '%s\n' $d_runs | median)
f1=$("$bin" eval extraction "$aeb" | tail -n 1 | awk '{print $NF}')
echo "  (seconds of CPU, round by round: dossier$d_runs; trafilatura${t_runs:- not run}; rs-trafilatura${r_runs:- not run})"
printf "  dossier analyze (whole pipeline, process start)  %6.2f s  %6.2f ms/page  F1 %s\n" "$d" "$(awk -v d="$d" 'BEGIN{print 1000*d/181}')" "$f1"
if $traf; then
  version=$(python3 -c "import trafilatura; print(trafilatura.__version__)")
  python3 bench/score_aeb.py "$aeb" "$work/trafilatura.json" "trafilatura $version (Python) extract() only" "$t_pages" "$(printf '%s\n' $t_runs | median)" "$d"
fi
if $rust; then
  python3 bench/score_aeb.py "$aeb" "$work/rs-trafilatura.json" "rs-trafilatura 0.2.2 extract() only" "$r_pages" "$(printf '%s\n' $r_runs | median)" "$d"
else
  echo "  (rs-trafilatura did not build)"
fi
