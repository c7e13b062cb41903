"""Word tables: the generated data files of the statistical layer, one word form per line.

``qa/data/related.txt``, ``synonyms.txt`` and ``pivot.txt`` share one layout: ``#`` header
lines, then one line per lower-case word form, ``form<TAB>rest``, sorted. A table is read on
first use as one list of lines (a few ms) and looked up by bisection; only the asked-for line
is ever split, by the module that knows its columns.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import cached_property
from pathlib import Path


class WordTable:
    def __init__(self, path: Path, optional: bool = False) -> None:
        self.path = path
        self.optional = optional  # a table that may be absent (not shipped): every word unknown

    @cached_property
    def lines(self) -> list[str]:
        if self.optional and not self.path.is_file():
            return []
        lines = self.path.read_text(encoding="utf-8").split("\n")
        return [line for line in lines if line and not line.startswith("#")]

    def row(self, word: str) -> str | None:
        """What follows the word form's tab, or None when the table does not know the form."""
        lines = self.lines
        key = word + "\t"
        i = bisect_left(lines, key)
        if i < len(lines) and lines[i].startswith(key):
            return lines[i][len(key):]
        return None
