"""A logistic model over named features: fitted by ``fit``, stored as JSON, read by ``predict``.

Features are standardised with the training mean and spread, so a missing feature counts as
average (it adds nothing to the logit). Fitting is L2-regularised Newton-Raphson in plain
Python (a dozen features and a few dozen documents need no numerical library), with both
classes weighted equally so the probability does not inherit the corpus's share of damage.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

PARAMS = Path(__file__).with_name("params.json")


@dataclass(frozen=True)
class Model:
    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float

    def logit(self, x: Mapping[str, float]) -> float:
        z = self.intercept
        for name, m, s, c in zip(self.features, self.mean, self.scale, self.coef):
            z += c * (x.get(name, m) - m) / s
        return z

    def predict(self, x: Mapping[str, float]) -> float:
        return sigmoid(self.logit(x))

    def contributions(self, x: Mapping[str, float]) -> dict[str, float]:
        """How much each feature moves the logit away from an average document."""
        return {n: c * (x.get(n, m) - m) / s for n, m, s, c in zip(self.features, self.mean, self.scale, self.coef)}

    def to_dict(self) -> dict:
        return {
            "features": list(self.features),
            "mean": [round(v, 6) for v in self.mean],
            "scale": [round(v, 6) for v in self.scale],
            "coef": [round(v, 6) for v in self.coef],
            "intercept": round(self.intercept, 6),
        }

    @classmethod
    def from_dict(cls, d: Mapping) -> "Model":
        n = len(d["features"])
        if not all(len(d[k]) == n for k in ("mean", "scale", "coef")):
            raise ValueError("features, mean, scale and coef differ in length")
        return cls(tuple(d["features"]), tuple(d["mean"]), tuple(d["scale"]), tuple(d["coef"]), float(d["intercept"]))


def sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def load(path: Path = PARAMS) -> dict[str, Model]:
    """The shipped models by signal name (``mt``, ``scraping``)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {name: Model.from_dict(d) for name, d in data["models"].items()}


def fit(
    rows: Sequence[Mapping[str, float]], labels: Sequence[int], features: Sequence[str], l2: float = 1.0, prior: float = 0.5
) -> Model:
    """L2-regularised logistic regression on ``features`` of ``rows``. Both classes weigh the
    same; the intercept then moves to the odds of ``prior`` (the share of damaged documents
    the probability assumes), which changes no ranking."""
    names = tuple(features)
    X = [[r.get(f, 0.0) for f in names] for r in rows]
    n, d = len(X), len(names)
    mean = [sum(col) / n for col in zip(*X)] if n else [0.0] * d
    scale = [math.sqrt(sum((v - m) ** 2 for v in col) / n) or 1.0 for col, m in zip(zip(*X), mean)]
    Z = [[(v - m) / s for v, m, s in zip(row, mean, scale)] + [1.0] for row in X]
    positives = sum(labels)
    weight = {1: n / (2 * max(positives, 1)), 0: n / (2 * max(n - positives, 1))}
    w = [0.0] * (d + 1)
    for _ in range(50):
        grad = [-l2 * v for v in w[:d]] + [0.0]
        hess = [[(l2 if i == j and i < d else 0.0) for j in range(d + 1)] for i in range(d + 1)]
        for z, y in zip(Z, labels):
            p = sigmoid(sum(a * b for a, b in zip(w, z)))
            s = weight[y]
            for i in range(d + 1):
                grad[i] += s * (y - p) * z[i]
                for j in range(i, d + 1):
                    hess[i][j] += s * p * (1 - p) * z[i] * z[j]
        for i in range(d + 1):
            for j in range(i):
                hess[i][j] = hess[j][i]
        step = _solve(hess, grad)
        w = [a + b for a, b in zip(w, step)]
        if max(abs(v) for v in step) < 1e-8:
            break
    return Model(names, tuple(mean), tuple(scale), tuple(w[:d]), w[d] + math.log(prior / (1 - prior)))


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (a is symmetric positive definite here)."""
    n = len(b)
    m = [row[:] + [v] for row, v in zip(a, b)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        if abs(m[c][c]) < 1e-12:
            continue
        for r in range(c + 1, n):
            f = m[r][c] / m[c][c]
            for k in range(c, n + 1):
                m[r][k] -= f * m[c][k]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        if abs(m[r][r]) < 1e-12:
            continue
        x[r] = (m[r][n] - sum(m[r][k] * x[k] for k in range(r + 1, n))) / m[r][r]
    return x


def auc(scores: Sequence[float], labels: Sequence[int]) -> float:
    """Probability that a random positive scores above a random negative (ties count half)."""
    pos = [s for s, y in zip(scores, labels) if y]
    neg = [s for s, y in zip(scores, labels) if not y]
    if not pos or not neg:
        return float("nan")
    return sum((p > q) + 0.5 * (p == q) for p in pos for q in neg) / (len(pos) * len(neg))
