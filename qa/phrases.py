"""One pass over a document for every phrase of every rule (Aho-Corasick).

Rules register lower-case phrases with a payload; the index runs once over
``Source.lower`` and hands each rule the hits that start and end on word boundaries.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

import ahocorasick


@dataclass(frozen=True)
class PhraseHit:
    start: int
    end: int
    owner: int
    payload: Any


def same_length_lower(text: str) -> str:
    """Lower case as ``Source.lower`` makes it: a letter whose lower case is longer ("İ" ->
    "i̇") is kept, so a phrase with one is found ("İngiltere")."""
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class PhraseIndex:
    def __init__(self, entries: Iterable[tuple[int, str, Any]]) -> None:
        automaton = ahocorasick.Automaton()
        table: dict[str, list[tuple[int, Any]]] = {}
        for owner, phrase, payload in entries:
            key = same_length_lower(phrase)
            table.setdefault(key, []).append((owner, payload))
        for key, owners in table.items():
            automaton.add_word(key, (len(key), tuple(owners)))
        self._empty = not table
        if not self._empty:
            automaton.make_automaton()
        self._automaton = automaton

    def search(self, lower: str) -> dict[int, list[PhraseHit]]:
        """Hits per owner, in text order, each on word boundaries."""
        out: dict[int, list[PhraseHit]] = {}
        if self._empty:
            return out
        n = len(lower)
        for last, (length, owners) in self._automaton.iter(lower):
            start, end = last - length + 1, last + 1
            if _is_word_char(lower[start]) and start > 0 and _is_word_char(lower[start - 1]):
                continue
            if _is_word_char(lower[last]) and end < n and _is_word_char(lower[end]):
                continue
            for owner, payload in owners:
                out.setdefault(owner, []).append(PhraseHit(start, end, owner, payload))
        for hits in out.values():
            hits.sort(key=lambda h: (h.start, -h.end))
        return out
