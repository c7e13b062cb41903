"""``contrast``: a word whose related alternative fits its context far better (n-gram model).

The statistics live in :mod:`qa.lm`; this kind only applies a rule's thresholds to the
alternatives :func:`qa.lm.contrast.document_alternatives` scored once per document:

- ``min_gain``: log10 of how much more likely the alternative makes the word and the two
  after it (3 = 1,000 times);
- ``min_association``: how strongly the neighbour whose pairing the word breaks calls for
  the alternative (log10 P(alt | neighbour) / P(alt); "press" -> "conference" is 3.3);

The message can say why: ``{neighbour}``, ``{side}`` ("after" or "before") and ``{ratio}``
("10,000") besides ``{match}`` and ``{suggestion}``. Words with a capital inside a sentence
(names) are never looked at; quotations are skipped unless the rule sets ``quotes: true``.
"""

from __future__ import annotations

import math
from typing import Iterator, Sequence

from qa.finding import Match
from qa.kinds.base import BOOL, NUMBER, Check, default, required
from qa.kinds.common import match_case


class Contrast(Check):
    FIELDS = {
        "min_gain": required(NUMBER),
        "min_association": required(NUMBER),
        "inflections": default(BOOL, False),
    }
    MESSAGE_VALUES = frozenset({"neighbour", "side", "ratio"})
    QUOTES_DEFAULT = False

    def run(self, source, hits: Sequence) -> Iterator[Match]:
        from qa.lm.contrast import document_alternatives

        toks = source.tokens
        d = self.data
        for alt in document_alternatives(source):
            if alt.gain < d["min_gain"] or alt.association < d["min_association"]:
                continue
            if alt.inflection and not d["inflections"]:
                continue
            start, end = toks.starts[alt.token], toks.ends[alt.token]
            matched = source.text[start:end]
            values = {"neighbour": alt.neighbour, "side": "after" if alt.after else "before", "ratio": ratio(alt.gain)}
            yield Match(start, end, (match_case(alt.suggestion, matched),), values)


def ratio(gain: float) -> str:
    """10 ** gain with one significant figure and thousands separators: 3.9 -> "8,000"."""
    value = 10.0**gain
    digits = int(math.floor(math.log10(value)))
    return f"{round(value, -digits):,.0f}"
