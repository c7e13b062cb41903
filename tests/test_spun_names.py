"""Spun names (GAZ003): fixed names with a word swapped for a synonym, matched with their
capitals only (the ``exact`` gazetteer entry key)."""

from __future__ import annotations

import pytest
from rulecase import Finder


found = Finder("GAZ003").suggestions


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
