"""Case damage: lower-case sentence starts, lower-case proper nouns, all-lower paragraphs."""

from __future__ import annotations

import pytest
from rulecase import Finder


found = Finder("CAS").spans


@pytest.mark.parametrize(
    "text, rule, span",
    [
        ("“It is done.” she said.", "CAS001", "done.” she"),
        ("Is it over? few think so.", "CAS001", "over? few"),
        ("Rain fell all day.\n\nthe river rose by two metres overnight, police said.", "CAS001", "the"),
        ("Officials said the russian army had pulled back.", "CAS002", "russian"),
        ("Trade with mexico grew, the report said.", "CAS002", "mexico"),
        ("The couple married in the city of melbourne last year.", "CAS002", "melbourne"),
        ("He has managed real Sociedad since May.", "CAS002", "real Sociedad"),
        ("Staff of the white House declined to comment.", "CAS002", "white House"),
        ("We lost the final But we will be back next year.", "CAS004", "final But"),
        (
            "Headline Here\n\nso the minister said that it was a matter for the courts and not for us.",
            "CAS003",
            "so the minister said that it was a matter for the courts and not for us.",
        ),
    ],
)
def test_damage_is_reported(text, rule, span):
    assert found(text) == [(rule, span)]


@pytest.mark.parametrize(
    "text",
    [
        "“Why?” he asked. “Stop!” she said. “It is done,” she said.",
        "Officials from the U.S.” camp agreed at 9 a.m. on Monday.",
        "Rain fell.\n\neBay and iPhone sales rose in the quarter, the company said.",
        "Rain fell.\n\nde Gaulle's heirs sold the house to a museum in the spring.",
        "He ate turkey off fine china with french fries and swiss cheese in polish style.",
        "Visit www.russian-news.com or @japan or #mexico; the anti-american mood.",
        "She posted: “is it over? we love japan and mexico,” and left.",  # a quoted post keeps its case
        "keywords: china, japan, trade, tariffs, yen, yuan, dollar, stocks, bonds, gold, oil, gas",
        "Real Madrid beat Inter Milan. A real Madridista painted a white Housemartin in a new Yorkie.",
        "We lost. But we will be back with Rock And Roll, a Q And A and “And then?”",
        "New York won. The real-Madrid site is at www.real-madrid.com/new York and #boston.",
    ],
)
def test_english_stays_quiet(text):
    assert found(text) == []


def test_all_lower_text_is_one_finding_not_one_per_word():
    text = "\n\n".join(["the russian and chinese leaders met in moscow on monday and spoke for two hours."] * 3)
    assert [rule for rule, _ in found(text)] == ["CAS003"]
