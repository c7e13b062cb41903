#!/usr/bin/env python3
"""Where LM001 loses the one-word substitutions of the round-trip set, step by step.

Development time only. Reads the set written by ``scripts/roundtrip_set.py`` (its
``labels.jsonl`` and case texts) and follows each substitution of one word by one word through
the conditions of ``qa.lm.contrast``: inside a run with a word on each side, the word in the
related-forms table, the original among its relatives, a pairing with a neighbour the model has
never seen, an alternative scored, the original among them and best, and reported at the
given thresholds. Prints the count left after each step and examples of each loss.

    .venv/bin/python scripts/roundtrip_funnel.py /tmp/roundtrip-set [--min-gain 3.5 --min-association 2.5 --min-frequency -6]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

from qa.lm.contrast import document_candidates, related
from qa.lm.model import load_model
from qa.lm.runs import document_runs
from qa.lm.synonyms import synonyms
from qa.source import Source


def one_word_substitutions(root: Path) -> dict[str, list[dict]]:
    out = defaultdict(list)
    for line in open(root / "labels.jsonl", encoding="utf-8"):
        x = json.loads(line)
        before, after = x["before"].lower().split(), x["after"].lower().split()
        if x["label"] == "substituted" and len(before) == len(after) == 1 and before[0].isalpha() and after[0].isalpha():
            out[x["case"]].append(x)
    return out


def funnel(root: Path, min_gain: float, min_association: float, min_frequency: float) -> tuple[Counter, dict[str, list[str]]]:
    lm = load_model()
    steps: Counter = Counter()
    lost: dict[str, list[str]] = defaultdict(list)
    for case, labels in sorted(one_word_substitutions(root).items()):
        src = Source(case, (root / f"{case}.txt").read_text(encoding="utf-8"))
        where = {ti: (run, j) for run in document_runs(src) for j, ti in enumerate(run.tokens) if ti >= 0}
        scored = {alts[0].token: alts for alts in document_candidates(src)}
        for x in labels:
            w, orig = x["after"].lower(), x["before"].lower()
            steps["0 one-word substitutions"] += 1
            run, j = where.get(src.tokens.at(x["start"]), (None, 0))
            if run is None or j == 0 or j == len(run.words) - 1:
                continue
            steps["1 inside a run, a word on each side"] += 1
            if not related(w):
                continue
            steps["2 the word has related forms"] += 1
            if orig not in related(w):
                steps["2a ... the original is not one of them but a synonym (LM010's table)"] += orig in synonyms(w)
                lost["the original is not a related form"].append(f"{orig}->{w}")
                continue
            steps["3 the original is a related form"] += 1
            left, right = run.words[j - 1], run.words[j + 1]
            if lm.seen(left, w) and lm.seen(w, right):
                lost["both pairings seen by the model"].append(f"{left} [{orig}->{w}] {right}")
                continue
            steps["4 a pairing with a neighbour is unseen"] += 1
            alts = scored.get(src.tokens.at(x["start"]), [])
            if not alts:
                continue
            steps["5 an alternative is scored"] += 1
            if not any(a.suggestion == orig for a in alts):
                continue
            steps["6 the original is scored"] += 1
            best = max(alts, key=lambda a: a.gain)
            if best.suggestion != orig:
                continue
            steps["7 the original is the best"] += 1
            if best.gain >= min_gain and best.association >= min_association and best.frequency >= min_frequency and not best.inflection:
                steps[f"8 reported at gain {min_gain} / association {min_association}"] += 1
            else:
                lost["best, under the thresholds"].append(f"{w}->{orig} gain {best.gain:.1f} assoc {best.association:.1f} freq {best.frequency:.1f}")
    return steps, lost


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("root", type=Path)
    ap.add_argument("--min-gain", type=float, default=3.5)
    ap.add_argument("--min-association", type=float, default=2.5)
    ap.add_argument("--min-frequency", type=float, default=-6.0)
    args = ap.parse_args()
    steps, lost = funnel(args.root, args.min_gain, args.min_association, args.min_frequency)
    for key in sorted(steps):
        print(f"{steps[key]:6d}  {key[2:]}")
    for key, items in lost.items():
        print(f"lost, {key} ({len(items)}): " + "; ".join(items[:12]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
