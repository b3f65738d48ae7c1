#!/usr/bin/env bash
# Speed of the whole `dossier analyze` (process start, reading, extraction, cleaning, tagging,
# quotes, events, positions, figures, JSON) on one core, on the public corpora in ../shared:
# the 181 AEB HTML pages and the 924 PolNeAR texts. Prints seconds and milliseconds per
# article, best of three runs. A benchmark, not a test: run it by hand on a quiet machine.
#
#   bash bench/analyze-speed.sh
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared/eval
[ -d "$shared" ] || { echo "SKIPPED: $shared is absent"; exit 0; }
cargo build --release -q -p dossier
bin=./target/release/dossier
one_core=()
command -v taskset >/dev/null && one_core=(taskset -c 0)

best_of_three() { # prints the best user+system seconds of three runs of "$@" (to the µs)
  local best=
  for _ in 1 2 3; do
    local t
    t=$(python3 bench/cpu_time.py "$@" 2>/dev/null)
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; fi
  done
  echo "$best"
}

run() { # name, article count, inputs...
  local name=$1 n=$2; shift 2
  local s
  s=$(best_of_three "${one_core[@]}" "$bin" analyze "$@" -f json -q)
  awk -v name="$name" -v n="$n" -v s="$s" \
    'BEGIN { printf "%-28s %5d articles  %6.2f s  %6.2f ms/article\n", name, n, s, 1000 * s / n }'
}

echo "dossier analyze, one core, $(date -u +%F), $(nproc) cores on this machine"
run "AEB HTML pages" "$(ls $shared/extraction/aeb/html/*.gz | wc -l)" $shared/extraction/aeb/html
run "PolNeAR texts (train+dev)" \
  "$(( $(ls $shared/quotes/polnear/train/text | wc -l) + $(ls $shared/quotes/polnear/dev/text | wc -l) ))" \
  $shared/quotes/polnear/train/text $shared/quotes/polnear/dev/text
