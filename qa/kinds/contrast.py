"""``contrast``: a word whose related alternative fits its context far better (n-gram model).

The statistics live in :mod:`qa.lm`; this kind only applies a rule's thresholds to the
alternatives :func:`qa.lm.contrast.document_alternatives` scored once per document:

- ``min_gain``: log10 of how much more likely the alternative makes the word and the two
  after it (3 = 1,000 times);
- ``min_association``: how strongly the neighbour whose pairing the word breaks calls for
  the alternative (log10 P(alt | neighbour) / P(alt); "press" -> "conference" is 3.3);
  these two apply to the word's WordNet relatives;
- ``min_frequency``: log10 of how often the model saw the word itself (-6: once in a million
  words); an unseen pair is evidence only about a word the model has met often enough to
  know its company ("fallow land", "police prefecture" are right and merely rare);
- ``pivot_languages``, ``pivot_min_gain``, ``pivot_min_association``: the same thresholds for
  the word's pivot neighbours (words that share a translation with it, :mod:`qa.lm.pivot`)
  linked in at least ``pivot_languages`` languages (0: pivot neighbours are not reported);

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
        "min_frequency": default(NUMBER, -99.0),
        "pivot_languages": default(NUMBER, 0),
        "pivot_min_gain": default(NUMBER, 99.0),
        "pivot_min_association": default(NUMBER, 99.0),
    }
    MESSAGE_VALUES = frozenset({"neighbour", "side", "ratio"})
    QUOTES_DEFAULT = False

    def run(self, source, hits: Sequence) -> Iterator[Match]:
        from qa.lm.contrast import document_candidates

        toks = source.tokens
        for alts in document_candidates(source, pivot=self.data["pivot_languages"] > 0):
            passing = [a for a in alts if self.reported(a)]
            if not passing:
                continue
            alt = max(passing, key=lambda a: a.gain)
            start, end = toks.starts[alt.token], toks.ends[alt.token]
            matched = source.text[start:end]
            values = {"neighbour": alt.neighbour, "side": "after" if alt.after else "before", "ratio": ratio(alt.gain)}
            yield Match(start, end, (match_case(alt.suggestion, matched),), values)

    def reported(self, alt) -> bool:
        d = self.data
        if alt.inflection and not d["inflections"] or alt.frequency < d["min_frequency"]:
            return False
        if alt.wordnet and alt.gain >= d["min_gain"] and alt.association >= d["min_association"]:
            return True
        return (0 < d["pivot_languages"] <= alt.languages and alt.gain >= d["pivot_min_gain"]
                and alt.association >= d["pivot_min_association"])


def ratio(gain: float) -> str:
    """10 ** gain with one significant figure and thousands separators: 3.9 -> "8,000"."""
    value = 10.0**gain
    digits = int(math.floor(math.log10(value)))
    return f"{round(value, -digits):,.0f}"
