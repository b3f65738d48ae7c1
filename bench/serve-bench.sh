#!/usr/bin/env bash
# Load test of `dossier serve` (issue: the web UI and HTTP API). A benchmark, not a test: run by
# hand on a quiet machine; results go to docs/PERFORMANCE.md with the date and the machine.
#
#   bash bench/serve-bench.sh [N] [SECONDS]     # default: 100000 articles, 20 s per endpoint
#
# Builds a corpus of N generated articles (crates/corpusgen; reuses $BENCH_DIR/db-N from
# bench/corpus-bench.sh when it is there), starts `dossier serve` on loopback, warms the pages
# it will ask for, and drives it with wrk (Debian's package, installed here if missing) for
# SECONDS per endpoint: story pages (HTML) and the story JSON across the 200 newest stories,
# and search (HTML page and JSON API) across 50 words drawn from the stories' titles.
# Reports requests/s, latency p50/p99 and non-2xx responses for each.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
secs=${2:-20}
work=${BENCH_DIR:-/tmp/dossier-bench}
port=${PORT:-8181}
mkdir -p "$work"
command -v wrk >/dev/null || { sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo; $sudo apt-get install -y -qq wrk >/dev/null; }
cargo build --release -q -p dossier -p dossier-corpusgen
bin=./target/release/dossier
db=$work/db-$n
if [ ! -f "$db/dossier.sqlite" ]; then
  corpus=$work/corpus-$n
  [ -d "$corpus" ] || ./target/release/make-corpus "$n" "$corpus" 2>/dev/null
  "$bin" --db "$db" ingest "$corpus" --quiet --defer-dossiers --json > "$work/ingest-$n.json"
fi
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r); $(date -u +%F); wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}')"
"$bin" --db "$db" serve --addr "127.0.0.1:$port" 2> "$work/serve.log" &
server=$!
trap 'kill $server 2>/dev/null' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 50); do curl -sf "$base/api/stories?limit=1" >/dev/null && break; sleep 0.2; done
curl -sf "$base/api/stories?limit=200" > "$work/stories.json"
python3 - "$work" <<'PY'
import json, re, sys, collections
work = sys.argv[1]
rows = json.load(open(f"{work}/stories.json"))
ids = [r["id"] for r in rows]
words = collections.Counter(w.lower() for r in rows for w in re.findall(r"[A-Za-z]{5,}", r["title"]))
queries = [w for w, _ in words.most_common(50)]
def lua(paths):
    body = ",\n".join(json.dumps(p) for p in paths)
    return ("paths = {\n" + body + "\n}\ni = 0\nrequest = function()\n  i = i + 1\n"
            "  return wrk.format(\"GET\", paths[(i % #paths) + 1])\nend\n")
for name, paths in {
    "story-page": [f"/stories/{i}" for i in ids],
    "story-json": [f"/api/stories/{i}" for i in ids],
    "search-page": [f"/search?q={q}" for q in queries],
    "search-json": [f"/api/search?q={q}" for q in queries],
}.items():
    open(f"{work}/{name}.lua", "w").write(lua(paths))
    open(f"{work}/{name}.paths", "w").write("\n".join(paths) + "\n")
print(f"{len(ids)} stories, {len(queries)} search words")
PY
# Warm up: compute the dossiers of the stories asked for (deferred at ingest), touch the pages.
while read -r p; do curl -sf -o /dev/null "$base$p"; done < "$work/story-json.paths"
echo "corpus: $n generated articles, $(du -sh "$db" | cut -f1) on disk"
for name in story-page story-json search-page search-json; do
  out=$(wrk -t2 -c32 -d"${secs}s" --latency -s "$work/$name.lua" "$base" 2>&1)
  rps=$(echo "$out" | awk '/Requests\/sec/{print $2}')
  p50=$(echo "$out" | awk '$1=="50%"{print $2}')
  p99=$(echo "$out" | awk '$1=="99%"{print $2}')
  bad=$(echo "$out" | awk '/Non-2xx/{print $NF}')
  errs=$(echo "$out" | awk '/Socket errors/{print $0}')
  printf "%-12s %9s req/s  p50 %8s  p99 %8s  non-2xx %s %s\n" "$name" "$rps" "$p50" "$p99" "${bad:-0}" "$errs"
done
