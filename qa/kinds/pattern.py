"""``pattern``: one RE2 regular expression; the flagged span is a named group (default
``span``, else the whole match); suggestions may use ``{group}`` placeholders.

``exclude`` drops a match whose flagged text matches; ``exclude_context`` one whose paragraph
matches; ``not_after_line`` one whose nearest non-blank line above matches ("Source: Eurostat"
under a Markdown table row is the table's source, not a picture credit)."""

from __future__ import annotations

import string
from typing import Iterator, Sequence

from qa.finding import Match
from qa.kinds.base import BOOL, STR, STR_LIST, Check, FieldError, default, required
from qa.kinds.common import any_search, compile_all, match_case
from qa.patterns import group_span


class Pattern(Check):
    FIELDS = {
        "pattern": required(STR),
        "group": STR,
        "ignore_case": default(BOOL, False),
        "suggest": STR_LIST,
        "delete": default(BOOL, False),
        "exclude": STR_LIST,
        "exclude_context": STR_LIST,
        "not_after_line": STR_LIST,
    }

    def __init__(self, rule, data) -> None:
        super().__init__(rule, data)
        (self.regex,) = compile_all("pattern", [data["pattern"]], data["ignore_case"])
        groups = self.regex.groupindex
        self.group = data["group"] or ("span" if "span" in groups else None)
        if self.group and self.group not in groups:
            raise FieldError("group", f"the pattern has no group named '{self.group}'")
        self.templates = tuple(data["suggest"] or ())
        for t in self.templates:
            for _, name, _, _ in string.Formatter().parse(t):
                if name is not None and name not in groups:
                    raise FieldError("suggest", f"placeholder {{{name}}} is not a group of the pattern")
        self.exclude = compile_all("exclude", data["exclude"], True)
        self.exclude_context = compile_all("exclude_context", data["exclude_context"], True)
        self.not_after_line = compile_all("not_after_line", data["not_after_line"], True)

    def regexes(self):
        return (self.regex,)

    def run(self, source, hits: Sequence) -> Iterator[Match]:
        text = source.text
        for m in self.regex.finditer(text):
            start, end = group_span(m, self.group)
            if end <= start:
                continue
            matched = text[start:end]
            if self.exclude and any_search(self.exclude, matched):
                continue
            if self.exclude_context:
                para = source.paragraph_at(start)
                if any_search(self.exclude_context, text[para.start : para.end]):
                    continue
            if self.not_after_line and any_search(self.not_after_line, _line_above(text, start)):
                continue
            yield Match(start, end, self._suggest(m, matched))

    def _suggest(self, m, matched: str) -> tuple[str, ...]:
        if self.data["delete"]:
            return ("",)
        names = m.re.groupindex
        values = {name: (m.group(i) or "") for name, i in names.items()}
        return tuple(match_case(t.format(**values), matched) for t in self.templates)


def _line_above(text: str, offset: int) -> str:
    """The nearest non-blank line before the line that holds ``offset`` ("" at the top)."""
    end = text.rfind("\n", 0, offset)
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        if line.strip():
            return line
        end = start - 1
    return ""
