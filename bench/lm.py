"""What the statistical layer (qa/lm) costs: cold start, time per 800 words, memory.

    .venv/bin/python bench/lm.py

Runs in a fresh interpreter: times the first use (importing pocketsphinx, reading the
model, reading the related-word table), then the contrast alternatives and the document
statistics over the fixtures and, when present, ../shared/corpus/dev, per 800 words of text.
Times are CPU seconds of this process (``time.process_time``), medians of ``--runs`` passes
over fresh Source objects, so a busy shared machine inflates them less than wall time; the
model's small per-process caches stay warm between passes, as they do in a long ``qa check``.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus" / "dev"


def texts() -> list[str]:
    paths = sorted((ROOT / "fixtures").rglob("*.txt")) + sorted(CORPUS.glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    docs = texts()
    from qa.source import Source

    words = sum(len(t.split()) for t in docs)
    t0, w0 = time.process_time(), time.perf_counter()
    from qa.lm.model import load_model
    from qa.lm.related import related

    load_model()
    related("the")
    from qa.lm.synonyms import synonyms

    synonyms("the")
    cold_cpu, cold_wall = time.process_time() - t0, time.perf_counter() - w0
    import qa.lm
    from qa.lm.contrast import document_alternatives
    from qa.lm.pairs import document_pairs

    alt_times, stat_times, pair_times = [], [], []
    for _ in range(args.runs):
        sources = [Source("bench", t) for t in docs]
        for s in sources:
            s.tokens  # the shared token table is not the layer's cost
        t = time.process_time()
        for s in sources:
            document_alternatives(s)
        t2 = time.process_time()
        for s in sources:
            qa.lm.document_stats(s)
        t3 = time.process_time()
        for s in sources:
            document_pairs(s)
        alt_times.append(t2 - t)
        stat_times.append(t3 - t2)
        pair_times.append(time.process_time() - t3)
    per800 = 800 / words * 1000
    alt, stat = statistics.median(alt_times) * per800, statistics.median(stat_times) * per800
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"documents {len(docs)}, words {words}")
    print(f"cold start of the layer: {cold_cpu:.3f} s CPU ({cold_wall:.3f} s wall)")
    pairs = statistics.median(pair_times) * per800
    first = (alt_times[0] + stat_times[0] + pair_times[0]) * per800
    print(f"per 800 words: contrast {alt:.1f} ms + document statistics {stat:.1f} ms + pairs {pairs:.1f} ms"
          f" = {alt + stat + pairs:.1f} ms CPU"
          f" (first pass, cold caches: {first:.1f} ms, of which pairs {pair_times[0] * per800:.1f} ms)")
    print(f"peak resident memory of this process: {rss:.0f} MB")


if __name__ == "__main__":
    main()
