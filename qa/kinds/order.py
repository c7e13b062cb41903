"""``order``: garbled word order or a dropped or extra function word, judged by the n-gram model.

The candidates and their scores come from :func:`qa.lm.order.document_repairs`: stretches whose
word classes cannot stand as they are ("their manage", "will do deepen", "a group protesters",
"Beijing they continue"), each with its repairs scored by the trigram model. A rule picks one
``shape`` and reports its candidates whose best repair reaches ``min_gain`` (log10 of how much
more likely the model finds the repaired words; 0 = at least as likely).

Shapes: ``det-verb``, ``verb-verb``, ``past-adverb``, ``missing-of``, ``resumptive``,
``no-subject``, ``verb-form`` (see qa/lm/order_shapes.py). The finding covers the stretch; the
suggestions are the repairs that reach ``min_gain``, likeliest first (at most three). The
message can say ``{ratio}`` ("40") for the best repair. Quotations are skipped unless the rule
sets ``quotes: true``.
"""

from __future__ import annotations

from typing import Iterator, Sequence

from qa.finding import Match
from qa.kinds.base import NUMBER, STR, Check, Field, FieldError, required
from qa.kinds.boundary import times
from qa.kinds.common import match_case

SHAPES = ("det-verb", "verb-verb", "past-adverb", "missing-of", "resumptive", "no-subject", "verb-form")
MAX_SUGGESTIONS = 3


class Order(Check):
    FIELDS = {"shape": required(STR), "min_gain": required(NUMBER)}
    MESSAGE_VALUES = frozenset({"ratio"})
    QUOTES_DEFAULT = False

    def __init__(self, rule, data) -> None:
        super().__init__(rule, data)
        if data["shape"] not in SHAPES:
            raise FieldError("shape", f"unknown shape '{data['shape']}' (known: {', '.join(SHAPES)})")

    def run(self, source, hits: Sequence) -> Iterator[Match]:
        from qa.lm.order import document_repairs

        toks = source.tokens
        shape, floor = self.data["shape"], self.data["min_gain"]
        for r in document_repairs(source):
            if r.shape != shape or r.gain < floor:
                continue
            start, end = toks.starts[r.first], toks.ends[r.last]
            matched = source.text[start:end]
            fixes = [match_case(s, matched) for s, g in zip(r.suggestions, r.gains) if g >= floor]
            yield Match(start, end, tuple(fixes[:MAX_SUGGESTIONS]), {"ratio": times(r.gain)})
