"""Python trafilatura's extraction alone on the AEB pages (one process, timed around the
extract calls only, so imports and file reading are not counted), scored with AEB's own
evaluate.py, and the ratio to dossier's whole-pipeline time given as argv[3] (seconds)."""
import gzip, json, os, sys, time

import trafilatura

aeb, out, dossier_s = sys.argv[1], sys.argv[2], float(sys.argv[3])
pages = sorted(f for f in os.listdir(os.path.join(aeb, "html")) if f.endswith(".html.gz"))
html = {p[: -len(".html.gz")]: gzip.open(os.path.join(aeb, "html", p)).read().decode("utf-8", "replace") for p in pages}
pred = {}
t = time.process_time()
for k, h in html.items():
    pred[k] = {"articleBody": trafilatura.extract(h) or ""}
secs = time.process_time() - t
json.dump(pred, open(out, "w"))
try:
    sys.path.insert(0, aeb)
    from pathlib import Path
    from evaluate import evaluate, load_json

    m = evaluate(load_json(Path(aeb) / "ground-truth.json"), pred, 10)
    f1 = f"F1 {m['f1']:.4f}"
except Exception as e:  # the score is a bonus; the timing stands
    f1 = f"(evaluate.py failed: {e})"
print(f"  trafilatura {trafilatura.__version__} extract() only          {secs:6.2f} s  {1000 * secs / len(html):6.2f} ms/page  {f1}")
print(f"  ratio: dossier's whole analyze is {secs / dossier_s:.1f}x faster per core than trafilatura's extraction alone")
