"""``fused``: two words run together ("theof", "officialssaid", "Jinpingthe") or one word
broken in two ("govern ment").

A token is a candidate only when the English word list (wordfreq, see qa/lexicon.py) does not
know it. It is reported when it splits into two *common* words, or, for a capitalised token,
into a name and a function word ("Jinpingthe" = "Jinping" + "the"). Names stay quiet: a
capitalised token that occurs twice in the document, or that splits only into rare parts, is
taken for a name. Tokens with inner capitals, digits, or touching ``@ # / . - '`` (handles,
URLs, compounds) are never candidates.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterator, Sequence

from qa.finding import Match
from qa.kinds.base import BOOL, NUMBER, Check, default

_TOKEN = re.compile(r"(?<![\w@#/.\-'’&])[^\W\d_]{4,}(?![\w@/\-'’&]|\.\w)")
_WORD = re.compile(r"[^\W\d_]+")

#: Words that a link or a lost space typically glues to a name: determiners, prepositions,
#: conjunctions and the commonest verbs of attribution.
FUNCTION_WORDS = frozenset(
    """the a an of and or but to in on at for with by from as is was are were has had have
    said says that this which who will would after before during over into about than""".split()
)
#: Two-letter parts allowed in a split of a lower-case token (others, such as "un", "en",
#: "re", are prefixes or foreign words).
#: A piece of a broken word is rare below this Zipf value (wordfreq's large list also holds
#: fragments such as "ment" at 3.1, so "unknown" would be too strict).
_RARE = 3.5
#: Longest token tried as two fused words (two long words and a name: well under 40 letters).
MAX_FUSED = 40
SHORT_PARTS = frozenset("of to in on at by as is it he we an or be do if so no up us my me".split())


class Fused(Check):
    FIELDS = {
        "min_zipf": default(NUMBER, 4.0),  # each part of a lower-case fusion at least this common
        "name_zipf": default(NUMBER, 2.0),  # a name part, when it does not recur in the document
        "split": default(BOOL, True),  # also report words broken in two
    }
    MESSAGE_VALUES = frozenset({"first", "second"})

    def run(self, source, hits: Sequence) -> Iterator[Match]:
        from qa.lexicon import known, zipf_table

        table = zipf_table()
        text = source.text
        counts = Counter(m.group() for m in _TOKEN.finditer(text))
        for m in _TOKEN.finditer(text):
            token = m.group()
            if counts[token] > 1:
                continue
            parts = self._split(token, table, counts)
            if parts and known(token):
                continue
            if parts:
                first, second = parts
                yield Match(m.start(), m.end(), (f"{first} {second}",), {"first": first, "second": second})
        if self.data["split"]:
            yield from self._broken(text, table)

    def _split(self, token: str, table, counts) -> tuple[str, str] | None:
        if len(token) > MAX_FUSED:
            return None  # no two words make this: and trying every split point is quadratic
        rest = token[1:]
        if not (rest.islower() and (token.islower() or token[0].isupper())):
            return None  # camel case, acronyms: brand and product names
        low = token.lower()
        best: tuple[float, int] | None = None
        for i in range(2, len(low) - 1):
            a, b = low[:i], low[i:]
            za, zb = table.get(a, 0.0), table.get(b, 0.0)
            if token.islower():
                ok = za >= self.data["min_zipf"] and zb >= self.data["min_zipf"]
                ok = ok and (len(a) > 2 or a in SHORT_PARTS) and (len(b) > 2 or b in SHORT_PARTS)
            else:
                # A name glued to a function word: "Jinpingthe", "Blinkensaid".
                name = token[:i]
                name_known = counts[name] > 0 or za >= self.data["name_zipf"]
                ok = b in FUNCTION_WORDS and len(a) >= 3 and name_known
            if ok and (best is None or min(za, zb) > best[0]):
                best = (min(za, zb), i)
        if best is None:
            return None
        return token[: best[1]], token[best[1] :]

    def _broken(self, text: str, table) -> Iterator[Match]:
        """'govern ment': two lower-case pieces, one rare, that make a common word."""
        previous = None
        for m in _WORD.finditer(text):
            if previous is not None and m.start() == previous.end() + 1 and text[previous.end()] == " ":
                a, b = previous.group(), m.group()
                unknown = min(table.get(a, 0.0), table.get(b, 0.0)) < _RARE
                if unknown and a.islower() and b.islower() and _bare(text, previous.start(), m.end()):
                    joined = a + b
                    if table.get(joined, 0.0) >= self.data["min_zipf"]:
                        yield Match(previous.start(), m.end(), (joined,), {"first": a, "second": b})
            previous = m


def _bare(text: str, start: int, end: int) -> bool:
    """Not part of a URL, handle, hyphenated or apostrophised form."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return before not in "@#/.-'’&" and after not in "@/-'’&"
