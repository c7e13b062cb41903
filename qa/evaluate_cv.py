"""``qa eval --folds K``: the corpus figures by cross-validation over story groups.

The cases are split into K folds of whole story groups (qa.docscore.groups), so no story has a
version on each side. For each fold the shared scorer's figures are computed on that fold's
cases alone, which shows how much they move from one set of stories to another. Rules are
not tuned per fold; the one thing ``qa`` fits, the document scores, is refitted inside each
training fold and scores only its held-out fold (held-out AUCs). The pooled figures over all
folds are the plain ``qa eval`` figures.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

from qa.evaluate import Case, Evaluation, counted_hits, evaluate

FIGURES = ("recall_high", "doc_recall", "neg_doc_rate", "fa_per_kw")


@dataclass(frozen=True)
class Fold:
    cases: tuple[str, ...]
    groups: int
    evaluation: Evaluation


@dataclass(frozen=True)
class CrossValidation:
    folds: tuple[Fold, ...]
    groups: int
    documents: int
    auc: Mapping[str, float]  # held-out AUCs of the document scores

    def spread(self) -> dict[str, tuple[float, float]]:
        """Mean and standard deviation over folds of each summary figure (folds without the
        documents a figure needs are left out of it)."""
        out: dict[str, tuple[float, float]] = {}
        for name in FIGURES:
            values = [f.evaluation.summary[name] for f in self.folds if _defined(f.evaluation, name)]
            if values:
                mean = sum(values) / len(values)
                out[name] = (mean, math.sqrt(sum((v - mean) ** 2 for v in values) / len(values)))
        return out


def _defined(ev: Evaluation, name: str) -> bool:
    if name == "recall_high":
        return sum(ev.total.values()) > 0
    if name == "doc_recall":
        return ev.positive_docs > 0
    return ev.negative_docs > 0


def cross_validate(directory: Path, cases: Mapping[str, Case], files: Sequence, k: int, groups_file: Path | None = None) -> CrossValidation:
    from qa.docscore import crossval
    from qa.docscore.groups import folds, story_groups

    groups = story_groups(directory, sorted(cases), groups_file)
    parts = folds(groups, k)
    found = counted_hits(files)
    out = []
    for part in parts:
        subset = {cid: cases[cid] for cid in part}
        out.append(Fold(tuple(part), len({groups[c] for c in part}), evaluate(subset, found)))
    rows = crossval.corpus_rows(cases, files)
    auc = crossval.figures(rows, crossval.cross_validate(rows, parts))
    return CrossValidation(tuple(out), len(set(groups.values())), len(cases), auc)


def _pct(v: float) -> str:
    return f"{100 * v:5.1f}%"


def render_text(cv: CrossValidation) -> str:
    lines = [
        "",
        f"cross-validation: {len(cv.folds)} folds of whole story groups ({cv.groups} groups, {cv.documents} documents)",
        f"{'fold':<5} {'docs':>4} {'groups':>6} {'recall_high':>11} {'doc_recall':>10} {'neg_doc_rate':>12} {'fa_per_kw':>9}",
    ]
    for i, f in enumerate(cv.folds, 1):
        s, ev = f.evaluation.summary, f.evaluation
        cells = [_pct(s[n]) if _defined(ev, n) and n != "fa_per_kw" else "-" for n in FIGURES[:3]]
        fa = f"{s['fa_per_kw']:.2f}" if _defined(ev, "fa_per_kw") else "-"
        lines.append(f"{i:<5} {len(f.cases):>4} {f.groups:>6} {cells[0]:>11} {cells[1]:>10} {cells[2]:>12} {fa:>9}")
    spread = cv.spread()
    cells = []
    for n in FIGURES:
        if n not in spread:
            cells.append("-")
            continue
        mean, sd = spread[n]
        cells.append(f"{mean:.2f}±{sd:.2f}" if n == "fa_per_kw" else f"{100 * mean:.0f}±{100 * sd:.0f}%")
    lines.append(f"{'mean':<5} {'':>4} {'':>6} {cells[0]:>11} {cells[1]:>10} {cells[2]:>12} {cells[3]:>9}")
    aucs = ", ".join(f"{k.replace('_', ' ')} {v:.3f}" if not math.isnan(v) else f"{k.replace('_', ' ')} -" for k, v in cv.auc.items())
    lines.append("document scores refitted inside each training fold, held-out AUC: " + aucs)
    return "\n".join(lines) + "\n"


def to_dict(cv: CrossValidation) -> dict:
    return {
        "folds": [{"cases": list(f.cases), "groups": f.groups, "summary": f.evaluation.summary} for f in cv.folds],
        "groups": cv.groups,
        "mean": {n: {"mean": m, "sd": s} for n, (m, s) in cv.spread().items()},
        "document_scores_auc": {k: (None if math.isnan(v) else v) for k, v in cv.auc.items()},
    }
