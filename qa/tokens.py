"""The token table of one document: every word, number and punctuation mark, found once.

Kinds read ``Source.tokens`` instead of running their own word regex over the text. The table
is built in one pass on first use and holds parallel columns (offsets into ``Source.text``,
the token, its lower-case form, its kind and shape flags, its sentence); a column that costs
a lookup (``zipf``, the English word frequency) is filled the first time someone asks.

Token shapes:

- ``WORD``: letters, with digits after the first letter and inner apostrophes or hyphens
  ("minister", "don't", "Covid-19", "G7", "iPhone");
- ``NUMBER``: digits with inner separators and a letter suffix ("40,100", "3.5", "12:00",
  "10th", "5pm");
- ``PUNCT``: any other single non-space character ("“", ".", "—", "|").

Zero-width characters (U+200B–U+200D, U+2060, U+FEFF, soft hyphen) inside a word do not split
it: "V\u200bRC" is one token whose ``norm`` is "vrc".
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cached_property
from typing import TYPE_CHECKING, Iterator, Sequence

if TYPE_CHECKING:
    from qa.source import Source

WORD, NUMBER, PUNCT = 1, 2, 3

# Shape flags (bit set in ``TokenTable.flags``).
CAPITAL = 1  # first letter upper case ("Paris", "UN")
UPPER = 2  # every letter upper case, two or more letters ("UN", "REUTERS")
INNER_CAPITAL = 4  # an upper-case letter after the first one in a word ("iPhone", "ministerSaid")
SENTENCE_START = 8  # the first word or number of its sentence
QUOTED = 16  # lies inside a quotation (Source.quotes)

_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_L = r"[^\W\d_]"
_TOKEN = re.compile(
    rf"(?P<w>{_L}[^\W_{_INVISIBLE}]*(?:[{_INVISIBLE}]+[^\W_]+|['’\-][^\W_]+)*)"
    rf"|(?P<n>\d+(?:[.,:]\d+)*{_L}*)"
    rf"|(?P<p>[^\w\s{_INVISIBLE}])"
)
_STRIP_INVISIBLE = str.maketrans("", "", _INVISIBLE)


class TokenTable:
    """Parallel columns, one row per token, in text order."""

    __slots__ = ("starts", "ends", "texts", "lower", "kinds", "flags", "sentence", "__dict__")

    def __init__(self, source: "Source") -> None:
        text = source.text
        self._invisible = any(c in text for c in _INVISIBLE)
        starts: list[int] = []
        ends: list[int] = []
        texts: list[str] = []
        kinds: list[int] = []
        for m in _TOKEN.finditer(text):
            starts.append(m.start())
            ends.append(m.end())
            texts.append(m.group())
            kinds.append(WORD if m.lastgroup == "w" else NUMBER if m.lastgroup == "n" else PUNCT)
        self.starts = starts
        self.ends = ends
        self.texts = texts
        self.kinds = kinds
        self.lower = [t.lower() for t in texts]
        self.sentence, self.flags = _sentences_and_flags(source, starts, ends, texts, kinds)

    def __len__(self) -> int:
        return len(self.starts)

    @cached_property
    def norm(self) -> list[str]:
        """Lower-case form with invisible characters removed (what lookups should use)."""
        if not self._invisible:  # the usual case: nothing to remove anywhere in the document
            return self.lower
        return [t.translate(_STRIP_INVISIBLE) if any(c in _INVISIBLE for c in t) else t for t in self.lower]

    @cached_property
    def zipf(self) -> list[float]:
        """wordfreq Zipf frequency of each word (0.0 for numbers, punctuation, unknown words)."""
        from qa.lexicon import zipf

        seen: dict[str, float] = {}  # each distinct word looked up once
        out = []
        for w, k in zip(self.norm, self.kinds):
            if k != WORD:
                out.append(0.0)
                continue
            z = seen.get(w)
            if z is None:
                z = seen[w] = zipf(w)
            out.append(z)
        return out

    def at(self, offset: int) -> int | None:
        """Index of the token covering ``offset``, or None when it falls between tokens."""
        i = bisect_right(self.starts, offset) - 1
        return i if i >= 0 and offset < self.ends[i] else None

    def between(self, start: int, end: int) -> range:
        """Indices of the tokens that lie wholly inside ``[start, end)``."""
        return range(bisect_left(self.starts, start), bisect_right(self.ends, end))

    def words(self, start: int = 0, end: int | None = None) -> Iterator[int]:
        """Indices of the WORD tokens inside ``[start, end)``."""
        kinds = self.kinds
        for i in self.between(start, len(self.starts) and self.ends[-1] if end is None else end):
            if kinds[i] == WORD:
                yield i

    def has(self, i: int, flag: int) -> bool:
        return bool(self.flags[i] & flag)


def _sentences_and_flags(
    source: "Source", starts: Sequence[int], ends: Sequence[int], texts: Sequence[str], kinds: Sequence[int]
) -> tuple[list[int], list[int]]:
    sentences = source.sentences
    quotes = source.quotes
    sentence_of: list[int] = []
    flags: list[int] = []
    s = q = 0
    last_sentence = -1
    for start, end, tok, kind in zip(starts, ends, texts, kinds):
        while s < len(sentences) and sentences[s].end <= start:
            s += 1
        inside = s < len(sentences) and sentences[s].start <= start
        sentence_of.append(s if inside else -1)
        f = 0
        if kind != PUNCT:
            if inside and s != last_sentence:
                f |= SENTENCE_START
                last_sentence = s
            if kind == WORD:
                first = tok[0]
                if first.isupper():
                    f |= CAPITAL
                    if len(tok) > 1 and tok.isupper():
                        f |= UPPER
                rest = tok[1:]
                if not f & UPPER and not rest.islower() and any(c.isupper() for c in rest):
                    f |= INNER_CAPITAL
        while q < len(quotes) and quotes[q].end <= start:
            q += 1
        if q < len(quotes) and quotes[q].start <= start and end <= quotes[q].end:
            f |= QUOTED
        flags.append(f)
    return sentence_of, flags
