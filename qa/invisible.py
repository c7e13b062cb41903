"""Invisible characters: rules see through them, and one inside a word is reported.

A zero-width space, word joiner, zero-width (non-)joiner, soft hyphen or stray byte-order mark
inside a word ("V\u200bRC", "(TagsTo\u200bTranslate)") hides it from every rule that matches
text, and no reader of the article can see it. Readers' Sources therefore pass through
:func:`see_through`: the characters are taken out of ``Source.text`` and the offset map is
composed so that every offset still points at the right place in the file. Where they stood
is kept in ``meta["invisible"]`` (raw spans), and :func:`findings` reports each run that sits
between two visible characters as ``QA002`` (a run alone on a line, or a zero-width joiner
inside an emoji sequence, is left alone). Deleting the run is a safe fix.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from typing import Iterator

from qa.finding import Finding, Severity, raw_finding
from qa.source import OffsetMap, Source

INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
RULE_ID = "QA002"
RULE_NAME = "qa.invisible-character"
CATEGORY = "cms_residue"
_RUN = re.compile(f"[{INVISIBLE}]+")
_NAMES = {
    "\u00ad": "soft hyphen (U+00AD)",
    "\u200b": "zero-width space (U+200B)",
    "\u200c": "zero-width non-joiner (U+200C)",
    "\u200d": "zero-width joiner (U+200D)",
    "\u2060": "word joiner (U+2060)",
    "\ufeff": "zero-width no-break space (U+FEFF)",
}


def see_through(source: Source) -> Source:
    """``source`` with invisible characters taken out of its text (offsets stay exact)."""
    text = source.text
    if _RUN.search(text) is None:
        return source
    pieces: list[tuple[int, int, int]] = []  # (new text start, old text start, length)
    runs: list[tuple[int, int, int]] = []  # (new text offset, old start, old end) of each run
    kept: list[str] = []
    pos = new = 0
    for m in _RUN.finditer(text):
        if m.start() > pos:
            pieces.append((new, pos, m.start() - pos))
            kept.append(text[pos : m.start()])
            new += m.start() - pos
        runs.append((new, m.start(), m.end()))
        pos = m.end()
    if pos < len(text):
        pieces.append((new, pos, len(text) - pos))
        kept.append(text[pos:])
    if source.offset_map is None and source.raw != text:  # plain text, a lone CR read as LF
        pieces = _split_at(pieces, [i for i, (a, b) in enumerate(zip(source.raw or "", text)) if a != b])
    segments = _compose(pieces, source.offset_map)
    spans = []
    for at, start, end in runs:
        raw_start, raw_end = source.to_raw(start, end)
        spans.append((at, raw_start, raw_end, text[start:end], _inside(text, start, end)))
    meta = {**source.meta, "invisible": tuple(spans)}
    return replace(source, text="".join(kept), offset_map=OffsetMap(tuple(segments)), meta=meta)


def _split_at(pieces: list[tuple[int, int, int]], synthetic: list[int]) -> list[tuple[int, int, int]]:
    """Identity pieces with the characters at ``synthetic`` (old offsets) made anchors: the
    text holds another character there than the file (an LF for a lone CR)."""
    out: list[tuple[int, int, int]] = []
    k = 0
    for new, start, length in pieces:
        pos = start
        while k < len(synthetic) and synthetic[k] < start:
            k += 1
        while k < len(synthetic) and synthetic[k] < start + length:
            at = synthetic[k]
            if at > pos:
                out.append((new + pos - start, pos, at - pos))
            out.append((new + at - start, at, 0))
            pos = at + 1
            k += 1
        if pos < start + length:
            out.append((new + pos - start, pos, start + length - pos))
    return out


def _compose(pieces: list[tuple[int, int, int]], old: OffsetMap | None) -> list[tuple[int, int, int]]:
    """New text -> old text (``pieces``) composed with old text -> raw (``old``; None: identity)."""
    if old is None:
        return list(pieces)
    segments = old.segments
    keys = [s[0] for s in segments]
    out: list[tuple[int, int, int]] = []
    for new, start, length in pieces:
        end = start + length
        i = max(0, bisect_right(keys, start) - 1)
        while i < len(segments) and segments[i][0] <= end:
            t, r, n = segments[i]
            a, b = max(t, start), min(t + n, end)
            if n == 0 and start <= t <= end:
                out.append((new + t - start, r, 0))  # an anchor for synthesised text
            elif a < b:
                out.append((new + a - start, r + a - t, b - a))
            i += 1
    return out


def _inside(text: str, start: int, end: int) -> bool:
    """Whether the run stands between two visible characters of text (not an emoji join)."""
    if start == 0 or end >= len(text):
        return False
    before, after = text[start - 1], text[end]
    if before.isspace() or after.isspace():
        return False
    if set(text[start:end]) <= {"\u200d", "\u200c"}:  # joiners: only between letters is it damage
        return before.isalpha() and after.isalpha()
    if set(text[start:end]) == {"\u00ad"}:  # a soft hyphen is a hyphenation hint: see through it
        return False
    return True


def findings(source: Source) -> Iterator[Finding]:
    """One QA002 per invisible run inside a word or between two visible characters."""
    raw = source.raw or ""
    for _at, raw_start, raw_end, chars, inside in source.meta.get("invisible", ()):
        if not inside:
            continue  # at a word's edge, alone on a line, an emoji join: seen through only
        verbatim = raw[raw_start:raw_end] == chars  # not an entity such as &#8203;
        names = ", ".join(dict.fromkeys(_NAMES[c] for c in chars))
        yield raw_finding(
            source,
            raw_start,
            raw_end,
            rule=RULE_ID,
            name=RULE_NAME,
            category=CATEGORY,
            severity=Severity.WARNING,
            message=f"Invisible character inside the text ({names}): it hides words from search and checks; delete it.",
            suggestions=("",) if verbatim else (),
            fixable=verbatim,
        )
