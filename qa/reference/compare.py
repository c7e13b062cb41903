"""Compare a copy with its original: align, pair moves, classify; one Comparison per pair."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from qa.reference.align import match_blocks, merge_blocks
from qa.reference.classify import Change, Gap, classify
from qa.reference.clauses import move_clauses
from qa.reference.quotations import group_quotations
from qa.reference.moves import duplicates, pair_moves, pieces
from qa.reference.units import Units, read_units
from qa.source import Source


@dataclass(frozen=True)
class Comparison:
    original: Units
    copy: Units
    blocks: tuple[tuple[int, int, int], ...]  # equal runs (original unit, copy unit, length)
    changes: tuple[Change, ...]  # what is reported, in copy order (a quotation's changes as one)
    edits: tuple[Change, ...]  # every change on its own (what the summary counts)

    @property
    def verbatim(self) -> int:
        """Original units found unchanged, in order, in the copy."""
        return sum(n for _, _, n in self.blocks)


def compare(original: Source, copy: Source) -> Comparison:
    """Everything the copy changed with respect to the original."""
    a, b = read_units(original), read_units(copy)
    blocks = _sentence_filter(a, b, match_blocks(a.norms, b.norms))
    gaps = _gaps(blocks, len(a), len(b))
    left_a = pieces(a, [(g, x.a0, x.a1) for g, x in enumerate(gaps) if x.a1 > x.a0])
    left_b = pieces(b, [(g, x.b0, x.b1) for g, x in enumerate(gaps) if x.b1 > x.b0])
    moves = pair_moves(a, b, left_a, left_b)
    moved_b = {q for _, q in moves}
    dups = duplicates(a, b, [q for q in left_b if q not in moved_b])
    edits = move_clauses(a, b, classify(a, b, gaps, moves, dups))
    changes = group_quotations(a, b, edits)
    return Comparison(a, b, tuple(blocks), _ordered(changes), _ordered(edits))


def _ordered(changes: list[Change]) -> tuple[Change, ...]:
    return tuple(sorted(changes, key=lambda c: (c.start, c.end, c.kind)))


#: A short equal run counts only where the two sentences it joins share at least this part of
#: the shorter one: otherwise its words ("a", "the", "his") matched by chance, and the
#: sentences around it were dropped, added or moved.
MIN_SHARE = 0.3
#: Equal runs this short or shorter are checked.
CHANCE = 3


class _Pairs:
    """Aligned units per (original sentence, copy sentence) pair."""

    def __init__(self, a: Units, b: Units, blocks: list[tuple[int, int, int]]) -> None:
        self.a, self.b = a, b
        self.size_a, self.size_b = Counter(a.sentence), Counter(b.sentence)
        self.count: Counter = Counter()
        for block in blocks:
            self.add(*block)

    def add(self, i: int, j: int, n: int) -> None:
        sa, sb = self.a.sentence, self.b.sentence
        for k in range(n):
            self.count[sa[i + k], sb[j + k]] += 1

    def plausible(self, i: int, j: int, n: int) -> bool:
        if n > CHANCE:
            return True
        sa, sb = self.a.sentence, self.b.sentence
        for k in range(n):
            pair = (sa[i + k], sb[j + k])
            if self.count[pair] < MIN_SHARE * min(self.size_a[pair[0]], self.size_b[pair[1]]):
                return False
        return True


def _sentence_filter(a: Units, b: Units, blocks: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Undo chance matches: short equal runs between sentences that otherwise do not match."""
    pairs = _Pairs(a, b, blocks)
    kept = [block for block in _by_sentence(a, b, blocks) if pairs.plausible(*block)]
    return _extend(a, b, kept, _Pairs(a, b, kept))


def _by_sentence(a: Units, b: Units, blocks: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Blocks cut where either side enters another sentence."""
    sa, sb = a.sentence, b.sentence
    out = []
    for i, j, n in blocks:
        start = 0
        for k in range(1, n):
            if sa[i + k] != sa[i + k - 1] or sb[j + k] != sb[j + k - 1]:
                out.append((i + start, j + start, k - start))
                start = k
        out.append((i + start, j + start, n - start))
    return out


def _extend(a: Units, b: Units, blocks: list[tuple[int, int, int]], pairs: _Pairs) -> list[tuple[int, int, int]]:
    """Grow blocks over equal units at the ends of each gap (after chance matches were undone),
    the end whose sentences already match first."""
    na, nb = a.norms, b.norms
    out: list[tuple[int, int, int]] = []
    for g in _gaps(blocks, len(na), len(nb)):
        a0, a1, b0, b1 = g.a0, g.a1, g.b0, g.b1
        m = 0
        while a1 - m > a0 and b1 - m > b0 and na[a1 - m - 1] == nb[b1 - m - 1]:
            m += 1
        if m and pairs.plausible(a1 - m, b1 - m, m):
            out.append((a1 - m, b1 - m, m))
            a1, b1 = a1 - m, b1 - m
        n = 0
        while a0 + n < a1 and b0 + n < b1 and na[a0 + n] == nb[b0 + n]:
            n += 1
        if n and pairs.plausible(a0, b0, n):
            out.append((a0, b0, n))
    return merge_blocks(sorted(blocks + out))


def _gaps(blocks: list[tuple[int, int, int]], na: int, nb: int) -> list[Gap]:
    """The stretches between equal blocks: (original a0..a1, copy b0..b1), either may be empty."""
    out: list[Gap] = []
    pa = pb = 0
    for i, j, n in [*blocks, (na, nb, 0)]:
        if i > pa or j > pb:
            out.append(Gap(pa, i, pb, j))
        pa, pb = i + n, j + n
    return out


__all__ = ["Comparison", "compare", "Units"]
