"""``stray_title``: a title-like line that does not belong to the story around it.

Two positions, one idea — a line without final punctuation whose content words the rest of
the document never uses:

- ``first-line``: the republishing site's name left alone on the first line ("Global
  Courant") above the real headline or lead: a few capitalised words, none recurring.
- ``between-paragraphs``: a related-story headline ("Putin says he does not intend to ...")
  stranded between two paragraphs: a longer line, most of whose content words are foreign to
  the story. Sub-headings of the story itself reuse its words and stay quiet.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from functools import cache
from typing import Iterator, Sequence

from qa.finding import Match
from qa.kinds.base import BOOL, INT, NUMBER, STR, STR_LIST, Check, FieldError, default, required

_WORD = re.compile(r"[^\W_][\w’'.&-]*")
_FINAL = tuple(".!?:;,…\"'”’)]»*|")
_NOT_TITLE = re.compile(r"[|“”\"«»:?!]|\d{1,2}:\d{2}|https?://|@")
STOPWORDS = frozenset(
    """the a an and or but of to in on for with by at from as into over after before about
    under up out off than then that this these those there here is are was were be been being
    has have had do does did will would could should may might can not no its it he she they
    we you his her their our your who whom which what when where why how says said say new
    more most also just all any some""".split()
)


class StrayTitle(Check):
    FIELDS = {
        "position": required(STR),
        "min_words": default(INT, 1),
        "max_words": default(INT, 4),
        #: the largest share of the line's content words that may recur in the rest
        "max_recurring": default(NUMBER, 0.0),
        "delete": default(BOOL, False),
        #: a line holding any of these words is editorial furniture, not residue: kickers
        #: ("Analysis", "Exclusive"), bylines ("By ..."), timestamps ("Updated June 3")
        "not_if_word": STR_LIST,
    }
    POSITIONS = ("first-line", "between-paragraphs")

    def __init__(self, rule, data) -> None:
        super().__init__(rule, data)
        if data["position"] not in self.POSITIONS:
            raise FieldError("position", f"must be one of {', '.join(self.POSITIONS)}")
        if not 1 <= data["min_words"] <= data["max_words"]:
            raise FieldError("min_words", "needs 1 <= min_words <= max_words")
        self.suggestions: tuple[str, ...] = ("",) if data["delete"] else ()
        self.not_if_word = frozenset(w.lower() for w in data["not_if_word"] or ())

    def run(self, source, hits: Sequence) -> Iterator[Match]:
        paragraphs = source.paragraphs
        if len(paragraphs) < 2:
            return
        if self.data["position"] == "first-line":
            candidates = [(0, paragraphs[0])]
        else:
            candidates = list(enumerate(paragraphs))[1:-1]
        text = source.text
        vocabulary: list[str] | None = None
        counts: Counter[str] | None = None
        wrapped = cache(lambda: _hard_wrapped(text))  # once per document, not once per line
        for i, para in candidates:
            line = text[para.start : para.end]
            words = _WORD.findall(line)
            if not self._shape(line, words, i, paragraphs, text, wrapped):
                continue
            if any(w.lower().rstrip(".") in self.not_if_word for w in words):
                continue
            content = [w.lower() for w in words if len(w) > 2 and w.lower() not in STOPWORDS]
            if not content:
                continue
            if vocabulary is None or counts is None:  # once per document, not once per line
                counts = Counter(w.lower() for w in _WORD.findall(text))
                vocabulary = sorted(counts)
            own = _only_here(counts, text[para.start : para.end])
            recurring = sum(1 for w in content if _recurs(w, vocabulary, own))
            if recurring / len(content) <= self.data["max_recurring"]:
                yield Match(para.start, para.end, self.suggestions)

    def _shape(self, line: str, words: list[str], i: int, paragraphs, text: str, wrapped) -> bool:
        if not self.data["min_words"] <= len(words) <= self.data["max_words"]:
            return False
        if "\n" in line or line.endswith(_FINAL) or _NOT_TITLE.search(line):
            return False
        if not line[0].isupper():
            return False
        if self.data["position"] == "first-line":
            # Every word capitalised (a name), and a real headline or lead follows.
            nxt = paragraphs[i + 1]
            return all(w[0].isupper() or w[0].isdigit() for w in words) and len(text[nxt.start : nxt.end].split()) >= 6
        # Between two body paragraphs that end like sentences.
        before = text[paragraphs[i - 1].end - 1]
        if before not in ".!?”\"’)":
            return False
        # In hard-wrapped copy a line that runs straight on into the next is a wrapped line
        # of a paragraph whose next line starts with a name, not a title of its own.
        return not (text.startswith("\n", paragraphs[i].end) and wrapped())


def _hard_wrapped(text: str) -> bool:
    """Copy wrapped at a fixed width (plain-text wire feeds): nearly every long line is at
    most 80 characters, and there are several of them."""
    long = [len(line) for line in text.splitlines() if len(line) > 40]
    return len(long) >= 5 and sum(n <= 80 for n in long) >= 0.9 * len(long)


def _only_here(counts: Counter[str], line: str) -> frozenset[str]:
    """The line's words that the rest of the document never uses."""
    own = Counter(w.lower() for w in _WORD.findall(line))
    return frozenset(w for w, n in own.items() if counts[w] <= n)


def _recurs(word: str, vocabulary: list[str], excluded: frozenset[str]) -> bool:
    """Whether a word of the same stem (a shared prefix) appears in the vocabulary, not
    counting the ``excluded`` words."""
    stem = word[: max(4, len(word) - 2)]
    i = bisect_left(vocabulary, stem)
    while i < len(vocabulary) and vocabulary[i].startswith(stem):
        if vocabulary[i] not in excluded:
            return True
        i += 1
    return False
