"""``qa eval CORPUS --pairs MANIFEST``: score reference mode on corpus pairs.

The manifest lists one pair a line, ``COPY ORIGINAL`` (case ids of the corpus, e.g.
``125 126``); ``#`` starts a comment. Each copy is compared with its original and its
reference findings (warnings and errors) are scored against the copy's annotations with the
shared scorer's hit rule (:func:`qa.evaluate.hits`). An annotation is *in reach* when the
copy's words under it have a counterpart in the original (aligned or replaced, not added):
reference mode cannot know what an original that lacks the passage would have said.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from qa.errors import QaError
from qa.evaluate import COUNTED, Hit, hits, load_corpus
from qa.reference.check import read_original
from qa.reference.compare import Comparison, compare
from qa.reference.rules import findings
from qa.reference.summary import REPLACED, summarise


@dataclass(frozen=True)
class PairScore:
    copy: str
    original: str
    in_reach_hit: int
    in_reach: int
    hit: int
    total: int
    findings: int
    verdict: str


def load_pairs(path: Path) -> list[tuple[str, str]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise QaError(f"{path}: cannot read the pairs manifest: {exc.strerror or exc}") from None
    pairs = []
    for n, line in enumerate(lines, 1):
        fields = line.split("#", 1)[0].split()
        if not fields:
            continue
        if len(fields) != 2:
            raise QaError(f"{path}:{n}: expected 'COPY ORIGINAL' (two case ids), got {line.strip()!r}")
        pairs.append((fields[0], fields[1]))
    return pairs


def _covered(comparison: Comparison) -> list[bool]:
    """Copy units with a counterpart in the original."""
    b = comparison.copy
    covered = [False] * len(b)
    for _, j, n in comparison.blocks:
        covered[j : j + n] = [True] * n
    for c in comparison.edits:
        if c.kind in REPLACED or c.kind == "moved":
            covered[c.gap.b0 : c.gap.b1] = [True] * (c.gap.b1 - c.gap.b0)
    return covered


def score_pair(corpus: Path, cases: dict, copy_id: str, original_id: str) -> PairScore:
    if copy_id not in cases:
        raise QaError(f"{corpus}: no annotated case '{copy_id}'")
    original = read_original(corpus / f"{original_id}.txt")
    copy = read_original(corpus / f"{copy_id}.txt")
    comparison = compare(original, copy)
    found = [Hit(f.start, f.end, f.rule) for f in findings(comparison) if f.severity in COUNTED]
    covered, b = _covered(comparison), comparison.copy
    counts = [0, 0, 0, 0]  # in reach hit, in reach, hit, total
    for span in cases[copy_id].spans:
        hit = any(hits(f, span) for f in found)
        lo, hi = b.unit_at(span.start), b.unit_at(max(span.start, span.end - 1))
        reach = len(b) > 0 and any(covered[k] for k in range(lo, hi + 1) if b.starts[k] < span.end and b.ends[k] > span.start)
        counts[0] += hit and reach
        counts[1] += reach
        counts[2] += hit
        counts[3] += 1
    verdict = summarise(comparison, original_id)["verdict"]
    return PairScore(copy_id, original_id, *counts, len(found), verdict)


def evaluate_pairs(corpus: Path, manifest: Path) -> list[PairScore]:
    cases = load_corpus(corpus)
    return [score_pair(corpus, cases, c, o) for c, o in load_pairs(manifest)]


def render_pairs(scores: list[PairScore]) -> str:
    lines = [f"{'copy':<6} {'original':<8} {'in reach':>14} {'all spans':>14} {'findings':>8}  verdict"]
    for s in scores:
        reach = f"{s.in_reach_hit}/{s.in_reach}" + (f" {100 * s.in_reach_hit / s.in_reach:.0f}%" if s.in_reach else "")
        every = f"{s.hit}/{s.total}" + (f" {100 * s.hit / s.total:.0f}%" if s.total else "")
        lines.append(f"{s.copy:<6} {s.original:<8} {reach:>14} {every:>14} {s.findings:>8}  {s.verdict}")
    return "\n".join(lines) + "\n"


def to_dict(scores: list[PairScore]) -> dict:
    return {"pairs": [vars(s) for s in scores]}
