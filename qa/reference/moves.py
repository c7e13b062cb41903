"""Moved and duplicated passages: what the in-order alignment left over, paired up again.

After :func:`qa.reference.align.match_blocks` every unaligned stretch of the original was
dropped *there* and every unaligned stretch of the copy was added *there*. A sentence that was
moved shows up twice: dropped in one gap, added in another. Here the leftovers are cut at
sentence boundaries into *pieces*, and a copy piece is paired with the original piece that
shares most of its rarer words (an inverted index, so this stays linear); a pair similar
enough (rapidfuzz ``Indel`` similarity) is a move. A copy piece nearly all of whose
three-word sequences occur in the original, but that pairs with no leftover, is a duplicate.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from rapidfuzz.distance import Indel

from qa.reference.units import Units

#: A piece shorter than this (units) moves only when it is repeated exactly.
MIN_FUZZY = 5
#: Shortest exact piece that counts as moved ("on Monday" moved to the front of a sentence).
MIN_EXACT = 2
#: Indel similarity (0..1) for a piece to be the same passage, moved and possibly reworded.
MOVE_SIMILARITY = 0.55
#: Share of a piece's three-word sequences found in the original for it to be a duplicate.
DUPLICATE_SHARE = 0.8
#: Index words found in more pieces than this are too common to find a partner with.
COMMON = 30


@dataclass(frozen=True)
class Piece:
    gap: int  # index of the gap it came from
    lo: int
    hi: int


def pieces(units: Units, ranges: Sequence[tuple[int, int, int]]) -> list[Piece]:
    """Cut each (gap, lo, hi) range at sentence boundaries."""
    out: list[Piece] = []
    sentence = units.sentence
    for gap, lo, hi in ranges:
        start = lo
        for i in range(lo + 1, hi):
            if sentence[i] != sentence[i - 1]:
                out.append(Piece(gap, start, i))
                start = i
        if hi > start:
            out.append(Piece(gap, start, hi))
    return out


def pair_moves(a: Units, b: Units, left_a: list[Piece], left_b: list[Piece]) -> list[tuple[Piece, Piece]]:
    """(original piece, copy piece) pairs that are the same passage in another place."""
    index: dict[str, list[int]] = {}
    for k, p in enumerate(left_a):
        for word in set(a.norms[p.lo : p.hi]):
            index.setdefault(word, []).append(k)
    used: set[int] = set()
    pairs: list[tuple[Piece, Piece]] = []
    for q in sorted(left_b, key=lambda p: p.lo - p.hi):  # longest first
        words = b.norms[q.lo : q.hi]
        if len(words) < MIN_EXACT:
            continue
        votes: Counter = Counter()
        for word in set(words):
            found = index.get(word, ())
            if len(found) <= COMMON:
                votes.update(k for k in found if k not in used and left_a[k].gap != q.gap)
        for k, _ in votes.most_common(3):
            p = left_a[k]
            other = a.norms[p.lo : p.hi]
            if len(words) < MIN_FUZZY or len(other) < MIN_FUZZY:
                same = tuple(other) == tuple(words)
            else:
                same = Indel.normalized_similarity(other, words) >= MOVE_SIMILARITY
            if same:
                used.add(k)
                pairs.append((p, q))
                break
    return pairs


def duplicates(a: Units, b: Units, left_b: list[Piece]) -> list[Piece]:
    """Copy pieces that repeat text the original has (and the copy already has elsewhere)."""
    grams = {tuple(a.norms[i : i + 3]) for i in range(len(a.norms) - 2)}
    out = []
    for q in left_b:
        words = b.norms[q.lo : q.hi]
        if len(words) < MIN_FUZZY:
            continue
        found = sum(tuple(words[i : i + 3]) in grams for i in range(len(words) - 2))
        if found >= DUPLICATE_SHARE * (len(words) - 2):
            out.append(q)
    return out
