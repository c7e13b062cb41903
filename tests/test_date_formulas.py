"""Day-number date formulas (FRM003, FRM004) at a sentence start and after a relative day."""

from __future__ import annotations

import pytest
from rulecase import Finder


found = Finder("FRM003", "FRM004").spans


@pytest.mark.parametrize(
    "text, rule, span",
    [
        ("On the 4th, police arrested a suspect.", "FRM003", "the 4th"),
        ("Since the 2nd, prices have doubled.", "FRM003", "the 2nd"),
        ("The agency said yesterday (11) that rain would ease.", "FRM004", "yesterday (11)"),
        ("Officials said Today (3) that the port had reopened.", "FRM004", "Today (3)"),
    ],
)
def test_day_number_formulas_are_reported(text, rule, span):
    assert found(text) == [(rule, span)]


@pytest.mark.parametrize(
    "text",
    [
        "On the 4th floor, police found a suspect.",
        "On Oct. 4, police arrested a suspect; today (local time) the court met.",
        "The agency said today that rain would ease; tomorrow (Friday) is a holiday.",
    ],
)
def test_english_dates_stay_quiet(text):
    assert found(text) == []
