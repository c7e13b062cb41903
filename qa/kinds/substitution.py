"""``substitution``: a phrase that should be another; suggestions follow the match's case."""

from __future__ import annotations

from typing import Iterable, Iterator, Sequence

from qa.finding import Match
from qa.kinds.base import BOOL, STR_MAP, Check, default, required
from qa.kinds.common import match_case


class Substitution(Check):
    FIELDS = {
        "swap": required(STR_MAP),
        "ignore_case": default(BOOL, True),
    }

    def __init__(self, rule, data) -> None:
        super().__init__(rule, data)
        self.swap = {k: (v,) if isinstance(v, str) else tuple(v) for k, v in data["swap"].items()}

    def phrases(self) -> Iterable[tuple[str, object]]:
        return ((phrase, phrase) for phrase in self.swap)

    def run(self, source, hits: Sequence) -> Iterator[Match]:
        text = source.text
        for hit in hits:
            matched = text[hit.start : hit.end]
            if not self.data["ignore_case"] and matched != hit.payload:
                continue
            if self.keep(source, hit):
                yield Match(hit.start, hit.end, self.suggest(source, hit, matched))

    def keep(self, source, hit) -> bool:
        """Whether a hit is reported; kinds built on this one add context conditions."""
        return True

    def suggest(self, source, hit, matched: str) -> tuple[str, ...]:
        return tuple(match_case(s, matched) for s in self.swap[hit.payload])
