"""``existence``: flag any of a list of phrases and/or patterns."""

from __future__ import annotations

from typing import Iterable, Iterator, Sequence

from qa.finding import Match
from qa.kinds.base import BOOL, STR, STR_LIST, Check, FieldError, default
from qa.kinds.common import any_search, compile_all
from qa.patterns import group_span


class Existence(Check):
    FIELDS = {
        "phrases": STR_LIST,
        "patterns": STR_LIST,
        "group": STR,
        "ignore_case": default(BOOL, True),
        "delete": default(BOOL, False),
        "suggest": STR_LIST,
        "exclude_context": STR_LIST,
    }

    def __init__(self, rule, data) -> None:
        super().__init__(rule, data)
        if not data["phrases"] and not data["patterns"]:
            raise FieldError("phrases", "give at least one of 'phrases' or 'patterns'")
        self.patterns = compile_all("patterns", data["patterns"], data["ignore_case"])
        self.group = data["group"]
        for p in self.patterns:
            if self.group and self.group not in p.groupindex:
                raise FieldError("group", f"pattern {p.pattern!r} has no group named '{self.group}'")
        self.exclude = compile_all("exclude_context", data["exclude_context"], True)
        if data["delete"]:
            self.suggestions: tuple[str, ...] = ("",)
        else:
            self.suggestions = tuple(data["suggest"] or ())

    def phrases(self) -> Iterable[tuple[str, object]]:
        return ((p, p) for p in self.data["phrases"] or ())

    def regexes(self):
        return tuple(self.patterns)

    def run(self, source, hits: Sequence) -> Iterator[Match]:
        text = source.text
        spans = []
        for hit in hits:
            if self.data["ignore_case"] or text[hit.start : hit.end] == hit.payload:
                spans.append((hit.start, hit.end))
        for pattern in self.patterns:
            for m in pattern.finditer(text):
                start, end = group_span(m, self.group)
                if end > start:
                    spans.append((start, end))
        for start, end in sorted(set(spans)):
            if self.exclude and any_search(self.exclude, text[slice(*_para(source, start))]):
                continue
            yield Match(start, end, self.suggestions)


def _para(source, offset: int) -> tuple[int, int]:
    p = source.paragraph_at(offset)
    return p.start, p.end
