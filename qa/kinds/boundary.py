"""``boundary``: a full stop that machine translation put inside one sentence (n-gram model).

The candidates and their scores come from :func:`qa.lm.boundary.document_boundaries`: a
sentence that is only a subordinate, relative, complement or participle clause ("After the two
delegations met in Geneva.") right after a full stop on the same line. This kind applies the
rule's threshold to how much more likely the model finds the joined reading:

- ``min_gain``: log10 of P(joined) / P(two sentences) over the words around the stop
  (0 = the joined reading at least as likely).

The finding covers the full stop and the next word (". After"); the suggestion joins them
(", after", or " that" for a complement clause). The message can say ``{ratio}`` ("3.5") and
``{opener}`` ("subordinate"). Quotations are never looked at.
"""

from __future__ import annotations

from typing import Iterator, Sequence

from qa.finding import Match
from qa.kinds.base import NUMBER, Check, required

_OPENERS = {
    "subordinator": "subordinate",
    "relative": "relative",
    "complement": "'that'",
    "participle": "participle",
}


class Boundary(Check):
    FIELDS = {"min_gain": required(NUMBER)}
    MESSAGE_VALUES = frozenset({"ratio", "opener"})
    QUOTES_DEFAULT = False

    def run(self, source, hits: Sequence) -> Iterator[Match]:
        from qa.lm.boundary import document_boundaries

        toks = source.tokens
        for b in document_boundaries(source):
            if b.gain < self.data["min_gain"]:
                continue
            values = {"ratio": times(b.gain), "opener": _OPENERS[b.opener]}
            yield Match(toks.starts[b.stop], toks.ends[b.first], (b.joined,), values)


def times(gain: float) -> str:
    """10 ** gain for a message: "1.3" below 10, then two significant figures ("4,500")."""
    value = 10.0**gain
    if value < 10:
        return f"{value:.1f}"
    return f"{float(f'{value:.2g}'):,.0f}"
