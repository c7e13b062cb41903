"""Calibrate and report qa.mtscore on an annotated corpus (development time only).

    .venv/bin/qa check --format json --fail-on never --no-cache ../shared/corpus/dev/*.txt > /tmp/all.json
    .venv/bin/python scripts/calibrate_mtscore.py ../shared/corpus/dev /tmp/all.json

Prints each document's score and verdict, the AUC (positive vs negative documents) and the
confusion of the verdicts at the default cut-offs.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def auc(pos: list[float], neg: list[float]) -> float:
    """Probability that a random positive scores above a random negative (ties count half)."""
    pairs = [(p > n) + 0.5 * (p == n) for p in pos for n in neg]
    return sum(pairs) / len(pairs) if pairs else float("nan")


def main(corpus: str, report_path: str) -> None:
    report = json.loads(Path(report_path).read_text(encoding="utf-8"))
    pos: list[float] = []
    neg: list[float] = []
    confusion: dict[tuple[str, str], int] = {}
    for f in report["files"]:
        case = Path(f["path"]).stem
        meta = json.loads((Path(corpus) / f"{case}.json").read_text(encoding="utf-8"))
        mt = f["mt"]  # FileReport.extras are merged into the file object
        (pos if meta["kind"] == "positive" else neg).append(mt["score"])
        key = (meta["kind"], mt["verdict"])
        confusion[key] = confusion.get(key, 0) + 1
        print(f"{case} {meta['kind']:8s} score {mt['score']:.3f} {mt['verdict']:8s} density {mt['density']:.2f}")
    print(f"AUC (positive vs negative): {auc(pos, neg):.3f}")
    for kind in ("positive", "negative"):
        row = ", ".join(f"{v} {confusion.get((kind, v), 0)}" for v in ("likely", "possible", "unlikely"))
        print(f"  {kind}: {row}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
