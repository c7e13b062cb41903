"""Turn the stretches the alignment left unequal into named changes at copy spans.

Each change carries the copy span, the original wording that belongs there (the suggestion)
and one kind, chosen in this order: inside a quotation (``quotation``), touching a number, date
or amount (``number``), touching a name (``name``), else ``substituted`` / ``dropped-words`` /
``added-words``; whole sentences (or ``PASSAGE`` units and more) are ``dropped-passage`` /
``added-passage``; the original's head or tail missing from the copy is ``excerpt``. Edits a
house style makes ("per cent" -> "percent", "nine" -> "9", "organisation" -> "organization")
are not changes at all (:mod:`qa.reference.style`). Nearby changes in one sentence are
reported as one (:mod:`qa.reference.quotations` then joins those inside one quotation).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Iterable, Sequence

from qa.reference.align import match_blocks
from qa.reference.moves import Piece
from qa.reference.style import same_wording
from qa.reference.units import FIRST, IN_QUOTE, IS_NUMBER, NAME, Units

#: Units from which a dropped or added stretch is a passage even inside one sentence.
PASSAGE = 12
#: Added text at the copy's head or tail this long is the copy going beyond the original.
TAIL = 40
#: Changes this many equal units apart or closer (same sentence) are reported as one.
JOIN = 2


@dataclass(frozen=True)
class Gap:
    a0: int
    a1: int
    b0: int
    b1: int


@dataclass(frozen=True)
class Change:
    kind: str
    start: int  # span in the copy's text
    end: int
    original: str | None  # the original wording for this span ("" = delete it; None = none given)
    gap: Gap  # the units compared (original a0..a1, copy b0..b1)
    orig: tuple[int, int] = (0, 0)  # the original units that stand where the copy span is
    note: str = ""


def classify(a: Units, b: Units, gaps: Sequence[Gap], moves: Sequence[tuple[Piece, Piece]], dups: Sequence[Piece]) -> list[Change]:
    out: list[Change] = []
    taken_a = [False] * len(a)
    taken_b = [False] * len(b)
    for p, q in moves:
        out.append(Change("moved", b.starts[q.lo], b.ends[q.hi - 1], None, Gap(p.lo, p.hi, q.lo, q.hi), (p.lo, p.hi), _where(a, p.lo)))
        for i, j, n in _inner_gaps(a, b, p, q):
            out.extend(_edit(a, b, Gap(i, j, n[0], n[1]), False, False))
        _take(taken_a, p.lo, p.hi)
        _take(taken_b, q.lo, q.hi)
    for q in dups:
        out.append(Change("duplicated", b.starts[q.lo], b.ends[q.hi - 1], "", Gap(0, 0, q.lo, q.hi), (0, 0)))
        _take(taken_b, q.lo, q.hi)
    simple = [s for g in gaps for u in _untaken(g, taken_a, taken_b) for s in _split(a, b, u) if not _house_style(a, b, s)]
    joined = _join(b, a, simple)
    for k, g in enumerate(joined):
        at_start = k == 0 and g.b0 == 0 and g.a0 == 0
        at_end = k == len(joined) - 1 and g.b1 == len(b) and g.a1 == len(a)
        out.extend(_edit(a, b, g, at_start, at_end))
    return out


def _take(flags: list[bool], lo: int, hi: int) -> None:
    for i in range(lo, hi):
        flags[i] = True


def _runs(taken: list[bool], lo: int, hi: int) -> list[tuple[int, int]]:
    runs, start = [], None
    for i in range(lo, hi):
        if taken[i]:
            if start is not None:
                runs.append((start, i))
                start = None
        elif start is None:
            start = i
    if start is not None:
        runs.append((start, hi))
    return runs


def _untaken(g: Gap, taken_a: list[bool], taken_b: list[bool]) -> Iterable[Gap]:
    ra, rb = _runs(taken_a, g.a0, g.a1), _runs(taken_b, g.b0, g.b1)
    if len(ra) <= 1 and len(rb) <= 1:
        a0, a1 = ra[0] if ra else (g.a0, g.a0)
        b0, b1 = rb[0] if rb else (g.b0, g.b0)
        if a1 > a0 or b1 > b0:
            yield Gap(a0, a1, b0, b1)
        return
    for a0, a1 in ra:
        yield Gap(a0, a1, g.b0, g.b0)
    for b0, b1 in rb:
        yield Gap(g.a0, g.a0, b0, b1)


def _split(a: Units, b: Units, g: Gap) -> list[Gap]:
    """A replaced stretch that crosses one sentence boundary on both sides: one per sentence."""
    ka = [k for k in range(g.a0 + 1, g.a1) if a.flags[k] & FIRST]
    kb = [k for k in range(g.b0 + 1, g.b1) if b.flags[k] & FIRST]
    if len(ka) == 1 and len(kb) == 1:
        return [Gap(g.a0, ka[0], g.b0, kb[0]), Gap(ka[0], g.a1, kb[0], g.b1)]
    return [g]


def _inner_gaps(a: Units, b: Units, p: Piece, q: Piece):
    """The unequal stretches inside a moved pair, in whole-document unit numbers."""
    pa, pb = p.lo, q.lo
    for i, j, n in [*match_blocks(a.norms[p.lo : p.hi], b.norms[q.lo : q.hi]), (p.hi - p.lo, q.hi - q.lo, 0)]:
        if p.lo + i > pa or q.lo + j > pb:
            yield pa, p.lo + i, (pb, q.lo + j)
        pa, pb = p.lo + i + n, q.lo + j + n


def _join(b: Units, a: Units, gaps: list[Gap]) -> list[Gap]:
    out: list[Gap] = []
    for g in sorted(gaps, key=lambda g: (g.b0, g.a0)):
        if out:
            prev = out[-1]
            small = max(prev.a1 - prev.a0, prev.b1 - prev.b0, g.a1 - g.a0, g.b1 - g.b0) < PASSAGE
            close = 0 <= g.b0 - prev.b1 <= JOIN and 0 <= g.a0 - prev.a1 <= JOIN
            if small and close and _same_sentence(b, prev.b0, g.b1) and _same_sentence(a, prev.a0, g.a1):
                out[-1] = Gap(prev.a0, g.a1, prev.b0, g.b1)
                continue
        out.append(g)
    return out


def _same_sentence(u: Units, lo: int, hi: int) -> bool:
    if hi <= lo:
        return True
    lo, hi = min(lo, len(u) - 1), min(hi, len(u)) - 1
    return lo < 0 or u.sentence[lo] == u.sentence[max(lo, hi)]


def _whole_sentence(u: Units, lo: int, hi: int) -> bool:
    """True when [lo, hi) holds at least one complete sentence."""
    if hi <= lo:
        return False
    first = u.sentence[lo] if u.flags[lo] & FIRST else u.sentence[lo] + 1
    last = u.sentence[hi - 1] if hi == len(u) or u.sentence[hi] != u.sentence[hi - 1] else u.sentence[hi - 1] - 1
    return first <= last


def _edit(a: Units, b: Units, g: Gap, at_start: bool, at_end: bool) -> list[Change]:
    la, lb = g.a1 - g.a0, g.b1 - g.b0
    if la and lb:
        return _replaced(a, b, g, at_start, at_end)
    if lb:  # added
        if (at_start or at_end) and lb >= TAIL:
            return [Change("excerpt", b.starts[g.b0], b.ends[g.b1 - 1], None, g, (g.a0, g.a0), "extra-before" if at_start else "extra-after")]
        if lb >= PASSAGE or _whole_sentence(b, g.b0, g.b1):
            kind = "added-passage"
        else:
            kind = kind_of(a, b, Gap(g.a0, g.a0, g.b0, g.b1), "added-words")
        return [Change(kind, b.starts[g.b0], b.ends[g.b1 - 1], "", g, (g.a0, g.a0))]
    if not len(b):
        return []
    if at_start or at_end:
        j = 0 if at_start else len(b) - 1
        return [Change("excerpt", b.starts[j], b.ends[j], None, g, (g.a0, g.a1), "before" if at_start else "after")]
    if la >= PASSAGE or _whole_sentence(a, g.a0, g.a1):
        kind = "dropped-passage"
    else:
        kind = kind_of(a, b, Gap(g.a0, g.a1, g.b0, g.b0), "dropped-words")
    return [_dropped(a, b, g, kind)]


def _dropped(a: Units, b: Units, g: Gap, kind: str) -> Change:
    """A drop is reported on the copy words either side of the gap (those in one sentence);
    the suggestion is those words with the dropped text back between them."""
    prev = g.b0 - 1 if g.b0 > 0 else None
    nxt = g.b0 if g.b0 < len(b) and (prev is None or b.sentence[prev] == b.sentence[g.b0]) else None
    text = a.text(g.a0, g.a1)
    lo, hi = g.a0, g.a1
    if prev is not None:
        text = b.text(prev, prev + 1) + (a.source.text[a.ends[g.a0 - 1] : a.starts[g.a0]] if g.a0 > 0 else " ") + text
        lo = max(0, g.a0 - 1)
    if nxt is not None:
        text += (a.source.text[a.ends[g.a1 - 1] : a.starts[g.a1]] if g.a1 < len(a) else " ") + b.text(nxt, nxt + 1)
        hi = min(len(a), g.a1 + 1)
    first = prev if prev is not None else nxt
    last = nxt if nxt is not None else prev
    return Change(kind, b.starts[first], b.ends[last], text, g, (lo, hi))


def _replaced(a: Units, b: Units, g: Gap, at_start: bool, at_end: bool) -> list[Change]:
    la, lb = g.a1 - g.a0, g.b1 - g.b0
    if _house_style(a, b, g):
        return []
    if at_end and not a.flags[g.a0] & FIRST:
        cut = next((k for k in range(g.a0 + 1, g.a1) if a.flags[k] & FIRST), g.a1)
        if cut < g.a1:  # the end of a changed sentence, then the original goes on
            return _edit(a, b, Gap(g.a0, cut, g.b0, g.b1), False, False) + _edit(a, b, Gap(cut, g.a1, g.b1, g.b1), False, True)
    if at_start and g.a1 < len(a) and not a.flags[g.a1] & FIRST:
        cut = next((k for k in range(g.a1 - 1, g.a0, -1) if a.flags[k] & FIRST), g.a0)
        if cut > g.a0:
            return _edit(a, b, Gap(g.a0, cut, g.b0, g.b0), True, False) + _edit(a, b, Gap(cut, g.a1, g.b0, g.b1), False, False)
    parts = _lopsided(a, b, g)
    if parts:
        return [c for k, part in enumerate(parts) for c in _edit(a, b, part, at_start and k == 0, at_end and k == len(parts) - 1)]
    passages = min(la, lb) >= PASSAGE and _whole_sentence(a, g.a0, g.a1) and _whole_sentence(b, g.b0, g.b1)
    if passages or ((at_start or at_end) and max(la, lb) >= PASSAGE):
        return _edit(a, b, Gap(g.a0, g.a1, g.b0, g.b0), at_start, at_end) + _edit(a, b, Gap(g.a0, g.a0, g.b0, g.b1), False, at_end)
    kind = kind_of(a, b, g, "substituted")
    return [Change(kind, b.starts[g.b0], b.ends[g.b1 - 1], a.text(g.a0, g.a1), g, (g.a0, g.a1))]


def _lopsided(a: Units, b: Units, g: Gap) -> list[Gap] | None:
    """A few words against whole sentences: the sentence that shares most words (or the one
    next to the aligned text) is the replaced one; the other sentences were dropped or added."""
    la, lb = g.a1 - g.a0, g.b1 - g.b0
    if la >= 3 * lb + 6:
        u, lo, hi, short = a, g.a0, g.a1, set(b.norms[g.b0 : g.b1])
    elif lb >= 3 * la + 6:
        u, lo, hi, short = b, g.b0, g.b1, set(a.norms[g.a0 : g.a1])
    else:
        return None
    bounds = [lo, *(k for k in range(lo + 1, hi) if u.flags[k] & FIRST), hi]
    if len(bounds) < 3:
        return None
    pieces = list(zip(bounds, bounds[1:]))
    prefer_first = not u.flags[lo] & FIRST
    best = max(range(len(pieces)), key=lambda k: (len(short & set(u.norms[pieces[k][0] : pieces[k][1]])), -k if prefer_first else k))
    p0, p1 = pieces[best]
    if u is a:
        parts = [Gap(lo, p0, g.b0, g.b0), Gap(p0, p1, g.b0, g.b1), Gap(p1, hi, g.b1, g.b1)]
    else:
        parts = [Gap(g.a0, g.a0, lo, p0), Gap(g.a0, g.a1, p0, p1), Gap(g.a1, g.a1, p1, hi)]
    return [x for x in parts if x.a1 > x.a0 or x.b1 > x.b0]


def _house_style(a: Units, b: Units, g: Gap) -> bool:
    return g.a1 > g.a0 and g.b1 > g.b0 and same_wording(a.norms[g.a0 : g.a1], b.norms[g.b0 : g.b1])


def kind_of(a: Units, b: Units, g: Gap, default: str) -> str:
    """Quotation, then number, then (for replaced words only) name, else ``default``."""
    if a.any(g.a0, g.a1, IN_QUOTE) or b.any(g.b0, g.b1, IN_QUOTE):
        return "quotation"
    if _differ(a, g.a0, g.a1, b, g.b0, g.b1, IS_NUMBER, True):
        return "number"
    if default == "substituted" and _differ(a, g.a0, g.a1, b, g.b0, g.b1, NAME, True):
        return "name"
    return default


def _differ(a: Units, a0: int, a1: int, b: Units, b0: int, b1: int, flag: int, nearby: bool) -> bool:
    """True when a unit with ``flag`` (a number, a name; weekdays and months count as numbers)
    on one side is missing on the other: in the other part, or with ``nearby`` in its sentences
    and the ones either side (a date or a name that only moved is the same)."""
    ours = {a.norms[k] for k in range(a0, a1) if a.flags[k] & flag and not (flag == NAME and a.flags[k] & IS_NUMBER)}
    theirs = {b.norms[k] for k in range(b0, b1) if b.flags[k] & flag and not (flag == NAME and b.flags[k] & IS_NUMBER)}
    if not ours and not theirs:
        return False
    if nearby:
        reach = 1 if flag == IS_NUMBER else 0  # a date may move to the next sentence; a name stays in its own
        return _missing(ours, _around(b, b0, b1, reach), flag) or _missing(theirs, _around(a, a0, a1, reach), flag)
    return ours != theirs


def _missing(ours: set[str], theirs: set[str], flag: int) -> bool:
    """Some of ``ours`` is not in ``theirs``; a name counts as there when a word of the other
    side shares its first four letters ("China's" and "Chinese", "Paris" and "Parisian")."""
    rest = ours - theirs
    if flag == NAME and rest:
        stems = {w[:4] for w in theirs if len(w) >= 4}
        rest = {w for w in rest if len(w) < 4 or w[:4] not in stems}
    return bool(rest)


def _around(u: Units, lo: int, hi: int, reach: int) -> set[str]:
    if not len(u):
        return set()
    if hi <= lo:  # an empty stretch: the units either side of it
        lo, hi = lo - 1, lo + 1
    first = u.sentence[min(max(lo, 0), len(u) - 1)] - reach
    last = u.sentence[min(max(hi - 1, 0), len(u) - 1)] + reach
    return set(u.norms[bisect_left(u.sentence, first) : bisect_right(u.sentence, last)])


def _where(a: Units, lo: int) -> str:
    if lo == 0:
        return "at the start of the original"
    before = a.norms[max(0, lo - 4) : lo]
    return "in the original after '…" + a.text(lo - len(before), lo) + "'"
