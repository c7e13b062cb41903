"""Spaces before punctuation (SPC001 comma and full stop, SPC002 ; : ? !): translation and feed
damage, and the English and quoted-French forms that look like it."""

from __future__ import annotations

import pytest
from rulecase import Finder


found = Finder("SPC").spans


@pytest.mark.parametrize(
    "text, rule, span",
    [
        ("The tablet sells for 3,000 rupees (about $36) , a record.", "SPC001", "$36) ,"),
        ("The ticket costs 90 euros (about $97) .", "SPC001", "$97) ."),
        ("Is the bridge safe ? Engineers are unsure.", "SPC002", "safe ?"),
        ("She met the envoy Li Wei , then left.", "SPC001", "Wei ,"),
        ("He called it “unfair” , and walked out.", "SPC001", "unfair” ,"),
        ("Note : the vote is on Monday.", "SPC002", "Note :"),
        ("“We will rebuild ,” the mayor said.", "SPC001", "rebuild ,"),
    ],
)
def test_space_before_punctuation_is_reported(text, rule, span):
    assert found(text) == [(rule, span)]


@pytest.mark.parametrize(
    "text",
    [
        "The ticket costs 90 euros (about $97), a record.",
        "He stopped . . . and then he went on.",
        "The score was 2 - 1 after extra time; the crowd cheered!",
        "Prices (in euros): 90, 100 and 120.",
        "The file is called .env and the domain .com is popular.",
        "She said in French: “Nous sommes prêts : c’est fini !” Then she left.",
        "A farmer asked: “Est-ce normal ? Non.”",
    ],
)
def test_english_spacing_stays_quiet(text):
    assert found(text) == []
