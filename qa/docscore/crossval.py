"""Fit the document signals on an annotated corpus and measure them by grouped cross-validation.

``corpus_rows`` turns checked corpus documents into feature rows and labels; ``cross_validate``
refits every signal inside each training fold (story groups never straddle folds) and scores
the held-out fold; ``fit_all`` fits the shipped parameters on every document.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

from qa.docscore.model import Model, auc, fit
from qa.docscore.signals import SIGNALS, Signal

# Fixed for every fold (no figure of a held-out fold chooses them).
L2 = 3.0  # ridge penalty on standardised coefficients (1.0 gave the same held-out AUC but let one
# feature, short sentences, lift a clean obituary of our own to 0.59; 3.0 keeps it at 0.48)
PRIOR = 0.25  # the scores assume one document in four is damaged (news feeds are mostly clean)


@dataclass(frozen=True)
class Row:
    case: str
    kind: str  # positive | negative
    features: Mapping[str, float]
    labels: Mapping[str, int]  # signal name -> 0/1


def combined(scores: Mapping[str, float]) -> float:
    """Damaged at all: either signal (1 - the chance that neither holds)."""
    p = 1.0
    for s in scores.values():
        p *= 1.0 - s
    return 1.0 - p


def fit_signal(signal: Signal, rows: Sequence[Row]) -> Model:
    """Fit, then drop every damage feature that came out with a negative weight and refit
    (more residue or more mistranslations can never make a text look cleaner)."""
    columns = signal.columns(k for r in rows for k in r.features)
    while True:
        model = fit([r.features for r in rows], [r.labels[signal.name] for r in rows], columns, L2, PRIOR)
        wrong = {f for f, c in zip(model.features, model.coef) if c < 0 and signal.damage(f)}
        if not wrong:
            return model
        columns = tuple(f for f in columns if f not in wrong)


def fit_all(rows: Sequence[Row]) -> dict[str, Model]:
    return {s.name: fit_signal(s, rows) for s in SIGNALS}


def cross_validate(rows: Sequence[Row], folds: Sequence[Sequence[str]]) -> dict[str, dict[str, float]]:
    """Held-out scores: case id -> {signal name: probability, "damaged": combined}."""
    out: dict[str, dict[str, float]] = {}
    for held in folds:
        held_set = set(held)
        train = [r for r in rows if r.case not in held_set]
        models = fit_all(train)
        for r in rows:
            if r.case in held_set:
                scores = {name: m.predict(r.features) for name, m in models.items()}
                out[r.case] = {**scores, "damaged": combined(scores)}
    return out


def figures(rows: Sequence[Row], held_out: Mapping[str, Mapping[str, float]]) -> dict[str, float]:
    """AUCs of held-out scores: each signal against clean copy and against every other
    document, and the combined score of damaged against clean documents."""
    def held(key: str, label, keep=lambda r: True) -> float:
        chosen = [r for r in rows if keep(r) and r.case in held_out]
        return auc([held_out[r.case][key] for r in chosen], [label(r) for r in chosen])

    out: dict[str, float] = {}
    for s in SIGNALS:
        label = lambda r, n=s.name: r.labels[n]  # noqa: E731
        out[f"{s.name}_vs_clean"] = held(s.name, label, lambda r, n=s.name: r.kind == "negative" or r.labels[n])
        out[f"{s.name}_vs_rest"] = held(s.name, label)
    out["damaged_vs_clean"] = held("damaged", lambda r: int(r.kind == "positive"))
    return out


def corpus_rows(cases: Mapping, files: Sequence, lm: bool = True) -> list[Row]:
    """Feature rows of checked corpus documents (``cases``: qa.evaluate.Case by id;
    ``files``: the FileReports of checking them). Documents are re-read when a report no
    longer carries its Source (results from the cache or another process)."""
    from pathlib import Path

    from qa.docscore.features import extract
    from qa.evaluate import case_id
    from qa.readers import read

    rows: list[Row] = []
    for f in files:
        cid = case_id(f.path)
        case = cases.get(cid)
        if case is None:  # an annotator's error (say, no fitted models yet) leaves findings intact
            continue
        source = f.source or read(Path(f.path))[0]
        cats = [s.category for s in case.spans]
        labels = {s.name: s.label(case.kind, cats) for s in SIGNALS}
        rows.append(Row(cid, case.kind, extract(source, f.findings, lm=lm), labels))
    return rows
