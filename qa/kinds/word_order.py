"""``word_order``: a short sequence of adjacent words that English word order forbids.

``sequence`` lists one element per word: alternatives separated by "|" ("the|a|an") or a
word class from qa.pos ("@bare-verb": a word that is only ever a verb, in its base form).
The words must follow each other with nothing but spaces between them. ``span`` gives the
flagged words as [first, end) token indices (default: all); ``suggest`` templates use
``{0}``, ``{1}``... for the matched words ("{1} {0}" swaps "the manage" to "manage the").
``not_after``/``not_before`` name words just before/after the sequence that cancel it.
"""

from __future__ import annotations

import string
from typing import Iterable, Iterator, Sequence

from qa.finding import Match
from qa.kinds.base import STR_LIST, Check, Field, FieldError, required
from qa.kinds.common import match_case
from qa.pos import CLASSES, is_class, tokens
from qa.pos import positions as word_positions

SPAN = Field(lambda v: isinstance(v, list) and len(v) == 2 and all(isinstance(x, int) for x in v),
             "a list [first, end) of two token indices")


class WordOrder(Check):
    FIELDS = {
        "sequence": required(STR_LIST),
        "span": SPAN,
        "suggest": STR_LIST,
        "not_after": STR_LIST,
        "not_before": STR_LIST,
    }

    def __init__(self, rule, data) -> None:
        super().__init__(rule, data)
        self.elements: list[tuple[str, frozenset[str]]] = []
        for el in data["sequence"]:
            if el.startswith("@"):
                if el[1:] not in CLASSES:
                    raise FieldError("sequence", f"unknown word class '{el}' (known: {', '.join('@' + c for c in CLASSES)})")
                self.elements.append((el[1:], frozenset()))
            else:
                self.elements.append(("", frozenset(w.strip().lower() for w in el.split("|"))))
        n = len(self.elements)
        self.first, self.end = data["span"] or (0, n)
        if not 0 <= self.first < self.end <= n:
            raise FieldError("span", f"must lie within the {n} words of the sequence")
        self.templates = tuple(data["suggest"] or ())
        for t in self.templates:
            for _, name, _, _ in string.Formatter().parse(t):
                if name is not None and not (name.isdigit() and int(name) < n):
                    raise FieldError("suggest", f"placeholder {{{name}}} is not a word index 0..{n - 1}")
        self.not_after = frozenset(w.lower() for w in data["not_after"] or ())
        self.not_before = frozenset(w.lower() for w in data["not_before"] or ())

    def run(self, source, hits: Sequence) -> Iterator[Match]:
        text = source.text
        toks = tokens(source)
        n = len(self.elements)
        positions: Iterable[int] = range(len(toks) - n + 1)
        cls, literals = self.elements[0]
        if not cls:  # a literal first word: only look where it stands
            index = word_positions(source)
            last = len(toks) - n
            positions = sorted(i for w in literals for i in index.get(w, ()) if i <= last)
        for i in positions:
            words = [text[s:e] for s, e in toks[i : i + n]]
            if not self._matches(words) or not _adjacent(text, toks, i, n):
                continue
            if self.not_after and i > 0 and _adjacent(text, toks, i - 1, 2):
                if text[slice(*toks[i - 1])].lower() in self.not_after:
                    continue
            if self.not_before and i + n < len(toks) and _adjacent(text, toks, i + n - 1, 2):
                if text[slice(*toks[i + n])].lower() in self.not_before:
                    continue
            start, end = toks[i + self.first][0], toks[i + self.end - 1][1]
            matched = text[start:end]
            sugg = tuple(match_case(t.format(*[w.lower() if k == 0 else w for k, w in enumerate(words)]), matched)
                         for t in self.templates)
            yield Match(start, end, sugg)

    def _matches(self, words: list[str]) -> bool:
        for k, (word, (cls, literals)) in enumerate(zip(words, self.elements)):
            if cls:
                if not is_class(word, cls):
                    return False
            elif word not in literals and not (k == 0 and word.lower() in literals):
                return False  # only the first word may be capitalised ("The manage", not "the A team")
        return True


def _adjacent(text: str, toks, i: int, n: int) -> bool:
    """Tokens i..i+n-1 are separated by spaces only (no punctuation, no line break)."""
    for k in range(i, i + n - 1):
        gap = text[toks[k][1] : toks[k + 1][0]]
        if not gap or gap.strip(" ") != "":
            return False
    return True
