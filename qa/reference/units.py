"""The words two versions of a story are compared on, read from ``Source.tokens``.

A *unit* is a word, a number or one of a few signs that carry meaning (``%``, ``$``, ``&``).
Other punctuation is left out: quote styles, dashes and commas are house style, and a
missing space after a full stop ("Jinping.The") must not change the alignment. Each unit has
a comparison form (``norm``) that folds what house style changes without changing the
wording: case, curly apostrophes, a possessive "'s", dots in initialisms ("U.S." = "US"),
thousands separators ("40,100" = "40100"), "%" = "percent".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

from qa.source import Source
from qa.tokens import CAPITAL, NUMBER, PUNCT, QUOTED, SENTENCE_START, UPPER, WORD

#: Unit flags (bits), a subset of the token flags plus our own.
NAME = 1  # a capitalised word inside a sentence (not in a title-case headline), or an all-caps word
IS_NUMBER = 2  # digits, or a spelled-out number or calendar word
IN_QUOTE = 4  # inside a quotation
FIRST = 8  # the first unit of its sentence

_SIGNS = {"%": "percent", "$": "$", "€": "€", "£": "£", "&": "and"}

#: Words whose change is a change of number, date or amount.
NUMBER_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred "
    "thousand million billion trillion dozen half quarter first second third fourth fifth sixth seventh "
    "eighth ninth tenth percent twenties thirties forties fifties sixties seventies eighties nineties "
    "yesterday today tomorrow".split()
)
#: Calendar words: dates only when capitalised ("May" the month, not "may" the verb).
CALENDAR_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june "
    "july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec".split()
)


@dataclass(frozen=True)
class Units:
    """Parallel columns, one row per unit, in text order."""

    source: Source
    norms: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    flags: tuple[int, ...]
    sentence: tuple[int, ...]  # sentence number (consecutive, from 0) of each unit

    def __len__(self) -> int:
        return len(self.norms)

    def has(self, i: int, flag: int) -> bool:
        return bool(self.flags[i] & flag)

    def any(self, lo: int, hi: int, flag: int) -> bool:
        flags = self.flags
        return any(flags[i] & flag for i in range(lo, hi))

    def text(self, lo: int, hi: int) -> str:
        """The document's own text from unit ``lo`` to unit ``hi - 1`` (punctuation between kept)."""
        if hi <= lo:
            return ""
        return self.source.text[self.starts[lo] : self.ends[hi - 1]]

    def unit_at(self, offset: int) -> int:
        """Index of the last unit starting at or before ``offset`` (0 when none)."""
        return max(0, bisect_right(self.starts, offset) - 1)


_DIGIT = re.compile(r"\d").search


def _norm(text: str) -> str:
    low = text.lower()
    if "'" not in low and "’" not in low and "‘" not in low:
        return low
    low = low.replace("’", "'").replace("‘", "'")
    if low.endswith("'s"):
        low = low[:-2]
    return low.replace("'", "") if "'" in low else low


def read_units(source: Source) -> Units:
    t = source.tokens
    texts, starts, ends, kinds, tflags, tsent = t.texts, t.starts, t.ends, t.kinds, t.flags, t.sentence
    norms: list[str] = []
    ustarts: list[int] = []
    uends: list[int] = []
    flags: list[int] = []
    sentence: list[int] = []
    capital_first: list[int] = []  # capitalised first words: names if capitalised mid-sentence too
    capital_mid: list[int] = []  # capitalised words inside a sentence: names, unless in title case
    words_in: Counter = Counter()  # words per sentence
    capitals_in: Counter = Counter()  # capitalised words per sentence
    n = len(texts)
    i = 0
    while i < n:
        kind, text = kinds[i], texts[i]
        if kind == PUNCT and text not in _SIGNS:
            i += 1
            continue
        start, end, j = starts[i], ends[i], i + 1
        if kind == WORD and len(text) == 1:  # an initialism: U.S., U.N.
            k = i
            while k + 1 < n and texts[k + 1] == "." and starts[k + 1] == ends[k]:
                if k + 2 < n and kinds[k + 2] == WORD and len(texts[k + 2]) == 1 and starts[k + 2] == ends[k + 1]:
                    k += 2
                else:
                    break
            if k > i:
                text = "".join(texts[i : k + 1 : 2])
                end = ends[k + 1] if k + 1 < n and texts[k + 1] == "." else ends[k]
                j = k + 2
        if kind == NUMBER:
            norm = text.replace(",", "").lower()
        elif kind == PUNCT:
            norm = _SIGNS[text]
        else:
            norm = _norm(text)
        f = 0
        tf = tflags[i]
        if kind == WORD:
            words_in[tsent[i]] += 1
            if tf & UPPER:
                f |= NAME
            elif tf & CAPITAL:
                capitals_in[tsent[i]] += 1
                (capital_first if tf & SENTENCE_START else capital_mid).append(len(norms))
        if kind == NUMBER or norm in NUMBER_WORDS or (kind == WORD and _DIGIT(norm)) or (norm in CALENDAR_WORDS and tf & CAPITAL):
            f |= IS_NUMBER
        if tf & QUOTED:
            f |= IN_QUOTE
        norms.append(norm)
        ustarts.append(start)
        uends.append(end)
        flags.append(f)
        sentence.append(tsent[i])
        i = j
    _mark_names(norms, flags, sentence, capital_first, capital_mid, words_in, capitals_in)
    return Units(source, tuple(norms), tuple(ustarts), tuple(uends), tuple(_mark_first(flags, sentence)), _renumber(sentence))


#: A headline (the document's first sentence) of 3+ words this share of which is capitalised is
#: in title case: its capitals are names only where the document capitalises them elsewhere.
#: (Only the first sentence: a byline or a caption is mostly capitalised because it is names.)
TITLE_SHARE = 0.6


def _mark_names(norms, flags, sentence, capital_first, capital_mid, words_in, capitals_in) -> None:
    first = min(words_in, default=None)
    title = {first} if first is not None and words_in[first] >= 3 and capitals_in[first] >= TITLE_SHARE * words_in[first] else set()
    names = {norms[k] for k in capital_mid if sentence[k] not in title}
    names.update(norms[k] for k, f in enumerate(flags) if f & NAME)
    for k in capital_mid:
        if sentence[k] not in title or norms[k] in names:
            flags[k] |= NAME
    for k in capital_first:
        if norms[k] in names:
            flags[k] |= NAME


def _mark_first(flags: list[int], sentence: list[int]) -> list[int]:
    last = None
    for i, s in enumerate(sentence):
        if s != last:
            flags[i] |= FIRST
            last = s
    return flags


def _renumber(sentence: list[int]) -> tuple[int, ...]:
    """Sentence numbers 0, 1, 2... (units outside any sentence get a sentence of their own)."""
    out: list[int] = []
    current, last = -1, None
    for s in sentence:
        if s != last:
            current += 1
            last = s
        out.append(current)
    return tuple(out)
