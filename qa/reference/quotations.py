"""All the changes inside one quotation of the copy are reported as one altered quotation.

A spinner or a translator changes several words of a quotation; the person said one thing, so
the finding spans the quotation's changed stretch and its suggestion is the original's words
for that stretch (including what lies unchanged between the changes).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

from qa.reference.classify import Change, Gap
from qa.reference.units import Units


def group_quotations(a: Units, b: Units, changes: list[Change]) -> list[Change]:
    """Every change inside one quotation of the copy becomes one change over that stretch."""
    quotes = b.source.quotes
    starts = [q.start for q in quotes]
    out: list[Change] = []
    current: tuple[int, Change] | None = None
    for c in sorted(changes, key=lambda c: (c.start, c.end)):
        k = bisect_right(starts, c.start) - 1
        inside = c.kind == "quotation" and k >= 0 and quotes[k].contains(c.start, c.end)
        if inside and current is not None and current[0] == k and c.orig[0] >= current[1].orig[0]:
            first = current[1]
            lo, hi = first.orig[0], max(first.orig[1], c.orig[1])
            g = Gap(min(first.gap.a0, c.gap.a0), max(first.gap.a1, c.gap.a1), first.gap.b0, max(first.gap.b1, c.gap.b1))
            text = a.source.text[a.starts[lo] : a.ends[hi - 1]] if hi > lo else ""
            merged = replace(first, end=c.end, gap=g, orig=(lo, hi), original=text)
            out[-1] = merged
            current = (k, merged)
            continue
        out.append(c)
        current = (k, c) if inside else None
    return out
