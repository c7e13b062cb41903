"""Spun names (GAZ003): fixed names with a word swapped for a synonym, matched with their
capitals only (the ``exact`` gazetteer entry key)."""

from __future__ import annotations

import pytest

from qa.engine import Engine, RuleSet
from qa.rulepack import default_pack_dir, load_rules
from qa.source import Source

RULES = [r for r in load_rules([default_pack_dir()]) if r.id == "GAZ003"]


def found(text: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(f.text, f.suggestions) for f in Engine(RuleSet(RULES)).check(Source("<t>", text))]


@pytest.mark.parametrize(
    "text, span, name",
    [
        ("The New York Occasions reported the deal.", "New York Occasions", "New York Times"),
        ("Fans filled the stadium for the Tremendous Bowl.", "Tremendous Bowl", "Super Bowl"),
        ("The Democratic Get together won the seat.", "Democratic Get together", "Democratic Party"),
    ],
)
def test_spun_names_are_reported(text, span, name):
    assert found(text) == [(span, (name,))]


def test_lower_case_english_stays_quiet():
    text = "He read related press releases; a Vietnam battle site; the white home of a friend."
    assert found(text) == []
