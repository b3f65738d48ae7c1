#!/usr/bin/env bash
# Side by side on the 181 AEB pages, one core (issue: a corpus that grows; also run at the end
# of bench/corpus-bench.sh): dossier's whole `analyze` (process start included, user + system
# time) against Python trafilatura's extraction alone (installed with pip) and against the
# best Rust extractor dossier did not choose, rs-trafilatura (bench/rust-extractor, its own
# workspace), extraction alone; each body scored by AEB's own evaluate.py (bench/score_aeb.py).
# Each system is timed several times and its median reported (dossier after one unmeasured run
# that loads the freshly built binary into the page cache): one run on this shared VM varies
# by +-10 %. A benchmark, not a test: run by hand on a quiet machine.
#
#   bash bench/extraction-bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=${BENCH_DIR:-/tmp/dossier-bench}
mkdir -p "$work"
cargo build --release -q -p dossier
bin=./target/release/dossier
aeb=../shared/eval/extraction/aeb
if [ -d "$aeb" ]; then
  echo "side by side on the $(ls $aeb/html/*.gz | wc -l) AEB pages, one core:"
  pip install -q trafilatura lxml_html_clean >/dev/null 2>&1 || echo "  (pip install trafilatura failed)"
  one_core=(); command -v taskset >/dev/null && one_core=(taskset -c 0)
  median() { sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
  "${one_core[@]}" "$bin" analyze "$aeb/html" -f json -q > /dev/null
  runs=""
  for _ in 1 2 3 4 5; do
    runs="$runs $(python3 bench/cpu_time.py "${one_core[@]}" "$bin" analyze "$aeb/html" -f json -q)"
  done
  d=$(printf '%s\n' $runs | median)
  echo "  (median of five runs, seconds of CPU:$runs)"
  f1=$("$bin" eval extraction "$aeb" | tail -n 1 | awk '{print $NF}')
  printf "  dossier analyze (whole pipeline, process start)  %6.2f s  %6.2f ms/page  F1 %s\n" "$d" "$(awk -v d="$d" 'BEGIN{print 1000*d/181}')" "$f1"
  if python3 -c "import trafilatura" 2>/dev/null; then
    version=$(python3 -c "import trafilatura; print(trafilatura.__version__)")
    runs=""
    for _ in 1 2 3; do
      read -r pages secs < <("${one_core[@]}" python3 bench/trafilatura_aeb.py "$aeb" "$work/trafilatura.json")
      runs="$runs $secs"
    done
    secs=$(printf '%s\n' $runs | median)
    echo "  (trafilatura: median of three runs:$runs)"
    python3 bench/score_aeb.py "$aeb" "$work/trafilatura.json" "trafilatura $version (Python) extract() only" "$pages" "$secs" "$d"
  fi
  # The best Rust extractor not chosen (rs-trafilatura), extraction alone, timed the same way.
  if CARGO_TARGET_DIR=target/rust-extractor cargo build --release -q \
      --manifest-path bench/rust-extractor/Cargo.toml 2>/dev/null; then
    runs=""
    for _ in 1 2 3; do
      read -r pages secs < <("${one_core[@]}" target/rust-extractor/release/rust-extractor-bench "$aeb" "$work/rs-trafilatura.json")
      runs="$runs $secs"
    done
    secs=$(printf '%s\n' $runs | median)
    echo "  (rs-trafilatura: median of three runs:$runs)"
    python3 bench/score_aeb.py "$aeb" "$work/rs-trafilatura.json" "rs-trafilatura 0.2.2 extract() only" "$pages" "$secs" "$d"
  else
    echo "  (rs-trafilatura did not build)"
  fi
fi
