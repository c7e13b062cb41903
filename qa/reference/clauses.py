"""Moved clauses: words added in one place of a sentence that the original has at another.

A round trip through another language moves clauses ("on Monday ended a visit" -> "concluded
a visit on Monday"). The alignment then sees the clause added where it now stands and, where
it stood, part of a replaced stretch ("on Monday ended" -> "concluded"). When the added words
are exactly the start or the end of a replaced or dropped stretch in the same or the next
sentence of the original, they are a moved clause: the addition becomes ``moved`` and the other
change keeps only what was really replaced.
"""

from __future__ import annotations

from dataclasses import replace

from qa.reference.classify import Change, Gap, kind_of
from qa.reference.units import Units

#: Shortest clause (units) recognised as moved.
MIN_CLAUSE = 2
#: Changes that may have lost a moved clause at one of their ends.
SHRINKABLE = ("substituted", "quotation", "number", "name", "dropped-words")


def move_clauses(a: Units, b: Units, changes: list[Change]) -> list[Change]:
    out = [part for c in changes for part in _swapped(a, b, c)]
    by_sentence: dict[int, list[int]] = {}  # original sentence -> changes that may have lost a clause
    for m, other in enumerate(out):
        if other.kind in SHRINKABLE and other.gap.a1 > other.gap.a0:
            by_sentence.setdefault(a.sentence[other.gap.a0], []).append(m)
    for k, add in enumerate(out):
        if add.kind != "added-words" or add.gap.b1 - add.gap.b0 < MIN_CLAUSE or not len(a):
            continue
        words = b.norms[add.gap.b0 : add.gap.b1]
        here = a.sentence[min(add.gap.a0, len(a) - 1)]
        for m in (*by_sentence.get(here - 1, ()), *by_sentence.get(here, ()), *by_sentence.get(here + 1, ())):
            other = out[m]
            g = other.gap
            if other.kind not in SHRINKABLE or g.a1 - g.a0 <= len(words):
                continue
            seq = a.norms[g.a0 : g.a1]
            if seq[: len(words)] == words:
                lo, hi, rest = g.a0, g.a0 + len(words), (g.a0 + len(words), g.a1)
            elif seq[-len(words) :] == words:
                lo, hi, rest = g.a1 - len(words), g.a1, (g.a0, g.a1 - len(words))
            else:
                continue
            out[k] = Change("moved", add.start, add.end, None, Gap(lo, hi, add.gap.b0, add.gap.b1), (lo, hi), _where(a, lo))
            out[m] = _shrunk(a, other, rest)
            break
    return out


def _swapped(a: Units, b: Units, c: Change) -> list[Change]:
    """A replaced stretch whose head reappears as the copy's tail, or its tail as the copy's
    head ("on Monday ended" -> "concluded on Monday"): the moved clause and the real change."""
    g = c.gap
    if c.kind not in SHRINKABLE or g.a1 == g.a0 or g.b1 == g.b0:
        return [c]
    sa, sb = a.norms[g.a0 : g.a1], b.norms[g.b0 : g.b1]
    for n in range(min(len(sa), len(sb)) - 1, MIN_CLAUSE - 1, -1):
        if sa[:n] == sb[-n:]:  # moved from the front to the back
            clause, moved_a, rest = Gap(g.a0, g.a0 + n, g.b1 - n, g.b1), (g.a0, g.a0 + n), Gap(g.a0 + n, g.a1, g.b0, g.b1 - n)
        elif sa[-n:] == sb[:n]:  # from the back to the front
            clause, moved_a, rest = Gap(g.a1 - n, g.a1, g.b0, g.b0 + n), (g.a1 - n, g.a1), Gap(g.a0, g.a1 - n, g.b0 + n, g.b1)
        else:
            continue
        moved = Change("moved", b.starts[clause.b0], b.ends[clause.b1 - 1], None, clause, moved_a, _where(a, moved_a[0]))
        kept = replace(c, kind=kind_of(a, b, rest, "substituted"), start=b.starts[rest.b0], end=b.ends[rest.b1 - 1],
                       gap=rest, orig=(rest.a0, rest.a1), original=a.text(rest.a0, rest.a1))
        return sorted([moved, kept], key=lambda x: x.start)
    return [c]


def _shrunk(a: Units, change: Change, rest: tuple[int, int]) -> Change:
    g = change.gap
    gap = Gap(rest[0], rest[1], g.b0, g.b1)
    if change.kind == "dropped-words":  # the suggestion keeps the copy words either side
        text = change.original or ""
        return replace(change, gap=gap, original=text.replace(a.text(g.a0, g.a1), a.text(*rest), 1))
    return replace(change, gap=gap, orig=rest, original=a.text(*rest))


def _where(a: Units, lo: int) -> str:
    before = a.text(max(0, lo - 4), lo)
    return f"in the original after '…{before}'" if before else "at the start of the original"
