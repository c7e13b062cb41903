"""Dropped subjects and doubled attributions, and the English shapes next to them."""

from __future__ import annotations

import pytest
from rulecase import Finder


found = Finder("ATT").spans


@pytest.mark.parametrize(
    "text, rule, span",
    [
        ("“The vote is fair,” insisted. Talks resumed.", "ATT001", "insisted"),
        ('"We have no comment," replied; the hearing went on.', "ATT001", "replied"),
        ("“It is over,” added on Tuesday.", "ATT001", "added on Tuesday"),
        ("Talks ended. Said that the plan is sound.", "ATT002", "Said"),
        ("Talks ended. Remains confident that a deal is near.", "ATT002", "Remains"),
        ("Talks ended. Insists that the plan is sound.", "ATT002", "Insists"),
        ("Stressed that the army was ready.", "ATT002", "Stressed"),
        ("He left. Is expected to return in May.", "ATT004", "Is expected"),
        ("He left. Has been in exile since 2019.", "ATT004", "Has been"),
        ("The mayor said that the roads were closed, she said.", "ATT003", ", she said"),
        ("Kim said: “We are ready,” he added.", "ATT003", " he added"),
    ],
)
def test_damage_is_reported(text, rule, span):
    assert found(text) == [(rule, span)]


@pytest.mark.parametrize(
    "text",
    [
        "“The vote is fair,” she insisted. “Yes,” replied the judge.",
        "The “reset” continued; the “dossier” confirmed it; the word “no” said it all.",
        "Remains of the ship were found. Asked about it, he said nothing.",
        "Convinced that the deal would pass, she left. Added to that, costs rose.",
        "Costs, once added, were high; the man, said to be 40, left, as previously stated.",
        "“It is a long road,” her coach, Nick Cavaday, said.",  # subject before an apposition
        "The mayor said the roads were closed, and her deputy said they would reopen.",
        "“We are ready,” he said. The minister said that the plan was ready.",
        "She said that her aide had called; the aide said so too.",
        "Is it over? Will the deal hold? Was it expected to fail?",
        "“Has been a long year. Is expected to get better,” the coach said.",
    ],
)
def test_english_stays_quiet(text):
    assert found(text) == []
