"""Word alignment of two long sequences in near-linear time.

1. Common prefix and suffix are matched outright.
2. *Anchors*: word n-grams that occur exactly once in each side of the window (n = 4 first,
   then single words, as in patience diff). The longest chain of anchors that keeps both
   orders (longest increasing subsequence, n log n) splits the window into small gaps;
   anchors out of order are left to :mod:`qa.reference.moves`.
3. A gap small enough (``WINDOW`` words a side) gets an exact longest-common-subsequence
   alignment from rapidfuzz (``Indel.opcodes``, bit-parallel C++: 100-200x faster than
   ``difflib.SequenceMatcher`` on these windows, see bench/reference.py). A large gap with no
   anchor at all is left unaligned: nothing in it is shared, and nothing quadratic ever runs.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Sequence

from rapidfuzz.distance import Indel

#: Largest gap (units a side) given to the exact aligner. Indel.opcodes is O(n*m/64).
WINDOW = 1500
#: n-gram sizes tried for anchors, longest first.
ANCHOR_SIZES = (4, 1)

Block = tuple[int, int, int]  # (start in a, start in b, length): a[i:i+n] == b[j:j+n]


def match_blocks(a: Sequence[str], b: Sequence[str]) -> list[Block]:
    """Maximal blocks of equal units, increasing in both ``a`` and ``b``."""
    out: list[Block] = []
    _match(a, b, 0, len(a), 0, len(b), 0, out)
    out.sort()
    return merge_blocks(out)


def _match(a: Sequence[str], b: Sequence[str], alo: int, ahi: int, blo: int, bhi: int, level: int, out: list[Block]) -> None:
    # Common prefix and suffix.
    n = 0
    while alo + n < ahi and blo + n < bhi and a[alo + n] == b[blo + n]:
        n += 1
    if n:
        out.append((alo, blo, n))
        alo, blo = alo + n, blo + n
    n = 0
    while ahi - n > alo and bhi - n > blo and a[ahi - n - 1] == b[bhi - n - 1]:
        n += 1
    if n:
        out.append((ahi - n, bhi - n, n))
        ahi, bhi = ahi - n, bhi - n
    if alo >= ahi or blo >= bhi:
        return
    if ahi - alo <= WINDOW and bhi - blo <= WINDOW and (level >= len(ANCHOR_SIZES) or (ahi - alo) * (bhi - blo) <= 40_000):
        _exact(a, b, alo, ahi, blo, bhi, out)
        return
    while level < len(ANCHOR_SIZES):
        chain = _anchors(a, b, alo, ahi, blo, bhi, ANCHOR_SIZES[level])
        if chain:
            size = ANCHOR_SIZES[level]
            pa, pb = alo, blo
            for i, j in chain:
                if i < pa or j < pb:  # overlaps the previous anchor's n-gram
                    continue
                _match(a, b, pa, i, pb, j, level + 1, out)
                out.append((i, j, size))
                pa, pb = i + size, j + size
            _match(a, b, pa, ahi, pb, bhi, level + 1, out)
            return
        level += 1
    if ahi - alo <= WINDOW and bhi - blo <= WINDOW:
        _exact(a, b, alo, ahi, blo, bhi, out)
    # else: a large gap sharing no anchor; left unaligned.


def _exact(a: Sequence[str], b: Sequence[str], alo: int, ahi: int, blo: int, bhi: int, out: list[Block]) -> None:
    for op in Indel.opcodes(a[alo:ahi], b[blo:bhi]):
        if op.tag == "equal":
            out.append((alo + op.src_start, blo + op.dest_start, op.src_end - op.src_start))


def _anchors(a: Sequence[str], b: Sequence[str], alo: int, ahi: int, blo: int, bhi: int, size: int) -> list[tuple[int, int]]:
    """Positions (i, j) of n-grams unique in both windows, longest chain increasing in both."""
    def unique(seq: Sequence[str], lo: int, hi: int) -> dict:
        seen: dict = {}
        for i in range(lo, hi - size + 1):
            key = seq[i] if size == 1 else tuple(seq[i : i + size])
            seen[key] = -1 if key in seen else i
        return seen

    in_a = unique(a, alo, ahi)
    pairs = []
    for key, j in unique(b, blo, bhi).items():
        i = in_a.get(key, -1)
        if i >= 0 and j >= 0:
            pairs.append((i, j))
    pairs.sort()
    return _increasing(pairs)


def _increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest subsequence of ``pairs`` (sorted by i) whose j also increases (patience sort)."""
    tails: list[int] = []  # j of the last pair of the best chain of each length
    tail_index: list[int] = []
    back = [-1] * len(pairs)
    for k, (_i, j) in enumerate(pairs):
        p = bisect_left(tails, j)
        if p == len(tails):
            tails.append(j)
            tail_index.append(k)
        else:
            tails[p] = j
            tail_index[p] = k
        back[k] = tail_index[p - 1] if p else -1
    chain = []
    k = tail_index[-1] if tail_index else -1
    while k >= 0:
        chain.append(pairs[k])
        k = back[k]
    return chain[::-1]


def merge_blocks(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    for i, j, n in blocks:
        if n <= 0:
            continue
        if out and out[-1][0] + out[-1][2] == i and out[-1][1] + out[-1][2] == j:
            out[-1] = (out[-1][0], out[-1][1], out[-1][2] + n)
        else:
            out.append((i, j, n))
    return out
