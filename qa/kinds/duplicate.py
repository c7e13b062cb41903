"""``duplicate``: a sentence, headline or paragraph repeated in the same document.

Each unit (paragraph, then sentence) is normalised — case, punctuation and whitespace
dropped — and hashed, so one pass finds verbatim and near-verbatim repeats in linear time.
The repeat is flagged over its whole span; the first occurrence is left alone. Short stock
sentences ("He declined to comment.") stay quiet below ``min_words``.

With ``similarity`` set, a sentence is also flagged when that share of its content words
already stood together in one earlier sentence (a restatement by an auto-summariser).
An inverted index over content words keeps this linear in practice.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterator, Sequence

from qa.finding import Match
from qa.kinds.base import BOOL, INT, NUMBER, Check, FieldError, default
from qa.kinds.stray_title import STOPWORDS

_TOKEN = re.compile(r"[^\W_]+")
#: Words this common carry no evidence of a restatement.
_MAX_POSTINGS = 12


def normalise(text: str) -> tuple[str, ...]:
    return tuple(t.lower() for t in _TOKEN.findall(text))


def _key(source, start: int, end: int) -> tuple[str, ...]:
    """``normalise`` of a span, once per document (the exact and restatement rules share it)."""
    keys = source.__dict__.setdefault("_duplicate_keys", {})
    key = keys.get((start, end))
    if key is None:
        key = keys[(start, end)] = normalise(source.text[start:end])
    return key


class Duplicate(Check):
    FIELDS = {
        "min_words": default(INT, 6),
        "min_chars": default(INT, 30),
        "similarity": NUMBER,
        "min_shared": default(INT, 8),
        #: report verbatim repeats (turn off for a rule that reports restatements only)
        "exact": default(BOOL, True),
    }
    MESSAGE_VALUES = frozenset({"first_line"})

    def __init__(self, rule, data) -> None:
        super().__init__(rule, data)
        sim = data["similarity"]
        if sim is not None and not 0.5 <= sim < 1:
            raise FieldError("similarity", "must be at least 0.5 and below 1")

    def run(self, source, hits: Sequence) -> Iterator[Match]:
        text = source.text
        seen: dict[tuple[str, ...], int] = {}
        flagged: list[tuple[int, int]] = []
        units = sorted(
            [(p.start, -p.end, p.end) for p in source.paragraphs]
            + [(s.start, -s.end, s.end) for s in source.sentences],
        )
        for start, _, end in units if self.data["exact"] else ():
            if flagged and start < flagged[-1][1]:
                continue  # inside a repeat already reported
            key = _key(source, start, end)
            if not self._long_enough(key, end - start):
                continue
            first = seen.setdefault(key, start)
            if first != start:
                flagged.append((start, end))
                yield Match(start, end, ("",), {"first_line": str(source.locate(first, first)[2])})
        if self.data["similarity"] is not None:
            yield from self._restatements(source)

    def _long_enough(self, key: tuple[str, ...], chars: int) -> bool:
        return len(key) >= self.data["min_words"] and chars >= self.data["min_chars"]

    def _restatements(self, source) -> Iterator[Match]:
        text = source.text
        postings: dict[str, list[int]] = {}
        starts: list[int] = []
        verbatim: set[tuple[str, ...]] = set()
        for n, s in enumerate(source.sentences):
            key = _key(source, s.start, s.end)
            words = {w for w in key if len(w) > 2 and w not in STOPWORDS}
            starts.append(s.start)
            repeat = key in verbatim  # a verbatim repeat is the exact check's business
            verbatim.add(key)
            if len(words) >= self.data["min_shared"] and not repeat:
                counts = Counter(m for w in words for m in postings.get(w, ()))
                if counts:
                    best, shared = counts.most_common(1)[0]
                    if shared >= self.data["min_shared"] and shared / len(words) >= self.data["similarity"]:
                        line = source.locate(starts[best], starts[best])[2]
                        yield Match(s.start, s.end, (), {"first_line": str(line)})
            for w in words:
                lst = postings.setdefault(w, [])
                if len(lst) < _MAX_POSTINGS:
                    lst.append(n)
