"""``pairs``: two neighbouring words a spinner replaced with synonyms, mended together (n-gram model).

The pairs and their scores come from :func:`qa.lm.pairs.document_pairs` ("psychological
establishment" -> "mental institution", scored once per document); this kind applies a rule's
thresholds:

- ``min_gain``: log10 of how much more likely the suggested pair makes the pair and the two
  words after it (4 = 10,000 times);
- ``min_association``: how strongly the suggested pair holds together in the model
  (log10 P(second | first) / P(second); "mental institution" is 3.0);
- ``min_pairs`` and ``min_density``: the document condition. Spun copy has many such pairs,
  clean copy one now and then, so a rule may report only when the document holds at least
  ``min_pairs`` pairs that reach its thresholds, and at least ``min_density`` of them per 100
  words;
- ``single_swaps``: whether a pair where only one word was swapped is reported (false: only
  pairs with both words swapped, which the one-word contrast LM001 cannot mend; a single
  swap strong enough to stand alone is LM001's);
- ``stronger_gain`` and ``stronger_association``: pairs that reach both are left to a stricter
  rule that reports them alone (no finding twice); they still count for the document condition;
- ``min_stronger``: how many such stronger pairs the document must hold besides (one pair
  strong enough to stand alone anchors a document of weaker ones; clean copy with a few
  unusual but right pairings, "relay squad", "terraced home", has none).

The message can say ``{ratio}`` ("30,000"; "over 1,000,000" past a million) and ``{count}``
(pairs in the document) besides ``{match}`` and ``{suggestion}``. Names (capitals inside a
sentence) are never looked at; quotations are skipped unless the rule sets ``quotes: true``.
"""

from __future__ import annotations

from typing import Iterator, Sequence

from qa.finding import Match
from qa.kinds.base import BOOL, INT, NUMBER, Check, default, required
from qa.kinds.common import match_case
from qa.kinds.contrast import ratio


class Pairs(Check):
    FIELDS = {
        "min_gain": required(NUMBER),
        "min_association": required(NUMBER),
        "min_pairs": default(INT, 1),
        "min_density": default(NUMBER, 0.0),
        "single_swaps": default(BOOL, True),
        "stronger_gain": default(NUMBER, None),
        "stronger_association": default(NUMBER, None),
        "min_stronger": default(INT, 0),
    }
    MESSAGE_VALUES = frozenset({"ratio", "count"})
    QUOTES_DEFAULT = False

    def run(self, source, hits: Sequence) -> Iterator[Match]:
        from qa.lm.pairs import document_pairs

        toks = source.tokens
        d = self.data
        found = [
            p for p in document_pairs(source)
            if p.gain >= d["min_gain"] and p.association >= d["min_association"] and (p.both or d["single_swaps"])
            and (self.rule.quotes or not source.in_quotes(toks.starts[p.first], toks.ends[p.second]))
        ]
        words = max(1, len(source.text.split()))
        if len(found) < d["min_pairs"] or 100.0 * len(found) / words < d["min_density"]:
            return
        sg, sa = d["stronger_gain"], d["stronger_association"]
        stronger = [sg is not None and sa is not None and p.gain >= sg and p.association >= sa for p in found]
        if sum(stronger) < d["min_stronger"]:
            return
        for p, strong in zip(found, stronger):
            if strong:
                continue
            start, end = toks.starts[p.first], toks.ends[p.second]
            matched = source.text[start:end]
            values = {"ratio": _ratio(p.gain), "count": str(len(found))}
            yield Match(start, end, (match_case(" ".join(p.suggestion), matched),), values)


#: Beyond a million times, a trigram model's odds say "far likelier", not a number to trust.
_MAX_SHOWN = 6.0


def _ratio(gain: float) -> str:
    """The contrast kind's "8,000", or "over 1,000,000" past a million."""
    return ratio(gain) if gain < _MAX_SHOWN else "over " + ratio(_MAX_SHOWN)
