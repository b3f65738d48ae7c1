"""Scores an extractor's AEB predictions with AEB's own evaluate.py and prints one line of the
side-by-side: name, seconds, ms/page, F1, and how many times slower per core than dossier's
whole analyze it is.

    python3 bench/score_aeb.py AEB_DIR PREDICTIONS.json NAME PAGES SECONDS DOSSIER_SECONDS
"""
import json, sys
from pathlib import Path

aeb, pred_file, name = sys.argv[1], sys.argv[2], sys.argv[3]
pages, secs, dossier_s = int(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6])
try:
    sys.path.insert(0, aeb)
    from evaluate import evaluate, load_json

    m = evaluate(load_json(Path(aeb) / "ground-truth.json"), json.load(open(pred_file)), 10)
    f1 = f"F1 {m['f1']:.4f}"
except Exception as e:  # the score is a bonus; the timing stands
    f1 = f"(evaluate.py failed: {e})"
print(f"  {name:<44} {secs:6.2f} s  {1000 * secs / pages:6.2f} ms/page  {f1}")
print(f"  ratio: dossier's whole analyze is {secs / dossier_s:.1f}x faster per core than {name}")
