"""Python trafilatura's extraction alone on the AEB pages (one process, timed around the
extract calls only, so imports and file reading are not counted): writes the bodies as
predictions for AEB's evaluate.py (see bench/score_aeb.py) and prints "<pages> <seconds>"."""
import gzip, json, os, sys, time

import trafilatura

aeb, out = sys.argv[1], sys.argv[2]
pages = sorted(f for f in os.listdir(os.path.join(aeb, "html")) if f.endswith(".html.gz"))
html = {p[: -len(".html.gz")]: gzip.open(os.path.join(aeb, "html", p)).read().decode("utf-8", "replace") for p in pages}
pred = {}
t = time.process_time()
for k, h in html.items():
    pred[k] = {"articleBody": trafilatura.extract(h) or ""}
secs = time.process_time() - t
json.dump(pred, open(out, "w"))
print(len(html), f"{secs:.4f}")
