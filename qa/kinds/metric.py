"""``metric``: turn a readability score into a finding when it crosses a threshold.

A rule names one metric of :mod:`qa.adapters.readability` (``words``,
``flesch_kincaid_grade``, ...), a ``scope`` and exactly one of ``above`` / ``below``:

- ``sentence``: each sentence is measured; a finding covers the sentence;
- ``paragraph``: each paragraph; a finding covers the paragraph;
- ``document``: the whole text, measured once. The finding points at the document's
  **first sentence**: a span over the whole text would be unreadable in a report and would
  pretend to locate a problem that has no single place; the first sentence gives editors a
  line 1 to jump to, and the message carries the score.

``min_words`` skips pieces too short for a formula to mean anything. The number in the pack
is a default: a config's ``thresholds`` (rule id -> number) replaces it, see
:func:`with_thresholds`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Iterator, Mapping, Sequence

from qa.finding import Match
from qa.kinds.base import INT, NUMBER, STR, Check, FieldError, default, required

SCOPES = ("document", "paragraph", "sentence")


class Metric(Check):
    FIELDS = {
        "metric": required(STR),
        "scope": default(STR, "document"),
        "above": NUMBER,
        "below": NUMBER,
        "min_words": default(INT, 0),
    }
    MESSAGE_VALUES = frozenset({"value", "threshold", "metric", "scope"})

    def __init__(self, rule, data) -> None:
        super().__init__(rule, data)
        from qa.adapters.readability import METRICS

        if data["metric"] not in METRICS:
            raise FieldError("metric", f"unknown metric '{data['metric']}' (known: {', '.join(METRICS)})")
        if data["scope"] not in SCOPES:
            raise FieldError("scope", f"must be one of {', '.join(SCOPES)}")
        if (data["above"] is None) == (data["below"] is None):
            raise FieldError("above", "give exactly one of 'above' or 'below'")
        self.above = data["above"] is not None
        self.threshold = float(data["above"] if self.above else data["below"])

    def crosses(self, value: float) -> bool:
        return value > self.threshold if self.above else value < self.threshold

    def run(self, source, hits: Sequence) -> Iterator[Match]:
        from qa.adapters.readability import metric, metrics

        name, scope, min_words = self.data["metric"], self.data["scope"], self.data["min_words"]
        if scope == "document":
            pieces = [(source.text, source.sentences[0] if source.sentences else None)]
        else:
            spans = source.sentences if scope == "sentence" else source.paragraphs
            pieces = [(source.text[s.start : s.end], s) for s in spans]
        for text, span in pieces:
            if span is None or (min_words and metric("words", text) < min_words):
                continue
            # A document's metrics are computed once and shared with the readability block.
            value = float(metrics(text).get(name, 0.0)) if scope == "document" else metric(name, text)
            if self.crosses(value):
                yield Match(span.start, span.end, (), self._values(value))

    def _values(self, value: float) -> Mapping[str, str]:
        return {
            "value": _number(value),
            "threshold": _number(self.threshold),
            "metric": self.data["metric"].replace("_", " "),
            "scope": self.data["scope"],
        }


def _number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.1f}"


def with_thresholds(rules: Iterable, thresholds: Mapping[str, float]) -> list:
    """The rules with config thresholds (keyed by rule id or name) applied to metric rules."""
    out = []
    for rule in rules:
        key = rule.id if rule.id in thresholds else rule.name if rule.name in thresholds else None
        if key is None or not isinstance(rule.check, Metric):
            out.append(rule)
            continue
        side = "above" if rule.check.above else "below"
        data = {**rule.data, side: float(thresholds[key])}
        new = replace(rule, data=data)
        object.__setattr__(new, "check", Metric(new, data))
        out.append(new)
    return out
