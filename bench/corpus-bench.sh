#!/usr/bin/env bash
# Corpus benchmarks (issue: a corpus that grows). A benchmark, not a test: run by hand on a
# quiet machine; results go to docs/PERFORMANCE.md with the date and the machine.
#
#   bash bench/corpus-bench.sh [N...]          # default: 10000 100000 (add 1000000 for the 1M run)
#   bash bench/corpus-bench.sh --dense [N...]  # one story of N near-copies (default: 10000)
#
# For each N: generate N articles (crates/corpusgen, from the AEB and WCXB gold bodies under
# ../shared/eval/extraction and the sample articles), ingest them into a fresh store with
# `dossier ingest --defer-dossiers` (read, clean, vectorise, store, index, cluster; dossiers are
# computed on demand), and report wall time, articles/s, MB/s per core and peak memory; then
# the growth exponent between sizes (log time / log N), and search latency on the largest store.
# Then bench/extraction-bench.sh: side by side on the 181 AEB pages, dossier's whole `analyze`
# (one core, process start included) against Python trafilatura's extraction alone and
# against rs-trafilatura's (the best Rust extractor not chosen), each with body F1.
set -euo pipefail
cd "$(dirname "$0")/.."
dense=
if [ "${1:-}" = --dense ]; then
  # Dense mode: every article a near-copy of one report (make-corpus --dense), so the whole
  # corpus is one story; ingest and `analyze` are timed, no search or extraction benchmark.
  dense=--dense
  shift
fi
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || { [ -n "$dense" ] && sizes=(10000); } || sizes=(10000 100000)
work=${BENCH_DIR:-/tmp/dossier-bench}
mkdir -p "$work"
cargo build --release -q -p dossier -p dossier-corpusgen
cargo build --release -q -p dossier-store --example search-latency
bin=./target/release/dossier
cores=$(nproc)
echo "machine: $cores cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r); $(date -u +%F)"
prev_n= ; prev_t=
for n in "${sizes[@]}"; do
  corpus=$work/corpus$dense-$n
  [ -d "$corpus" ] || ./target/release/make-corpus $dense "$n" "$corpus" 2>/dev/null
  mb=$(du -sm "$corpus" | cut -f1)
  db=$work/db-$n
  rm -rf "$db"
  # Dirty pages left by a build or the corpus generator, written back during the run, slowed
  # the first ingest after a build two- to threefold.
  sync
  /usr/bin/time -o "$work/time-$n" -f "%e %M" "$bin" --db "$db" ingest "$corpus" --quiet --defer-dossiers --json > "$work/ingest-$n.json"
  read -r secs kb < "$work/time-$n"
  stories=$(python3 -c "import json;d=json.load(open('$work/ingest-$n.json'));print(d['stories_created'])")
  awk -v n="$n" -v s="$secs" -v kb="$kb" -v mb="$mb" -v c="$cores" -v st="$stories" 'BEGIN {
    printf "ingest N=%-8d %8.1f s  %8.0f articles/s  %6.2f MB/s per core  peak %6.0f MB  (%d MB of JSONL, %d stories)\n",
      n, s, n / s, mb / s / c, kb / 1024, mb, st }'
  if [ -n "$prev_n" ]; then
    awk -v n0="$prev_n" -v t0="$prev_t" -v n1="$n" -v t1="$secs" 'BEGIN {
      printf "  growth exponent %d -> %d: %.2f (1.00 = linear)\n", n0, n1, log(t1 / t0) / log(n1 / n0) }'
  fi
  prev_n=$n; prev_t=$secs
  if [ -n "$dense" ]; then
    /usr/bin/time -o "$work/time-analyze-$n" -f "%e %U %S %M" "$bin" analyze "$corpus" -f json -q > /dev/null
    read -r secs user sys kb < "$work/time-analyze-$n"
    awk -v n="$n" -v s="$secs" -v c="$user" -v y="$sys" -v kb="$kb" 'BEGIN {
      printf "analyze N=%-7d %8.1f s  %6.1f s CPU  peak %6.0f MB\n", n, s, c + y, kb / 1024 }'
  fi
done
[ -z "$dense" ] || exit 0
./target/release/examples/search-latency "$work/db-$prev_n" 1000 | sed "s/^/N=$prev_n /"

echo
bash bench/extraction-bench.sh
