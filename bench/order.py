"""What the order checks (LM003-LM009, qa/lm/order.py) cost: first use and time per 800 words.

    .venv/bin/python bench/order.py

Runs in a fresh interpreter: times loading the model and the word-class table, then the shape
tests and their model lookups over the fixtures and, when present, ../shared/corpus/dev, per
800 words. The token table and the runs are built before timing (they are shared by the whole
statistical layer). CPU seconds of this process (``time.process_time``), medians of ``--runs``
passes over fresh Source objects.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus" / "dev"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    paths = sorted((ROOT / "fixtures").rglob("*.txt")) + sorted(CORPUS.glob("*.txt"))
    docs = [p.read_text(encoding="utf-8") for p in paths]
    words = sum(len(t.split()) for t in docs)
    from qa.lm.model import load_model
    from qa.lm.order import document_repairs
    from qa.lm.runs import document_runs
    from qa.lm.wordclass import classes
    from qa.source import Source

    t0 = time.process_time()
    load_model()
    t1 = time.process_time()
    classes("manage")  # a closed-class word would not load the table
    t2 = time.process_time()
    times = []
    for _ in range(args.runs):
        sources = [Source("bench", t) for t in docs]
        for s in sources:
            document_runs(s)
        t = time.process_time()
        for s in sources:
            document_repairs(s)
        times.append(time.process_time() - t)
    per = statistics.median(times) * 800 / words
    print(f"first use: model {t1 - t0:.3f} s, word classes {t2 - t1:.3f} s CPU")
    print(f"order checks: {per * 1000:.2f} ms CPU per 800 words ({len(docs)} documents, {words:,} words)")


if __name__ == "__main__":
    main()
