"""Abbreviations that are also English ("VS", "UE", "AS", "EE") are foreign leaks only where
the sentence treats them as a country or a bloc."""

from __future__ import annotations

import pytest
from rulecase import Finder


leaks = Finder("FRN003", "FRN013").suggestions


@pytest.mark.parametrize(
    "text, token, english",
    [
        ("Officials said the VS president would travel in May.", "VS", "US"),
        ("Hungary blocked the deal, angering member states of the UE.", "UE", "EU"),
        ("The VS and China share an interest in calm.", "VS", "US"),
        ("Jakarta's trade with the AS government grew.", "AS", "US"),
        ("VS President Joe Biden arrived on Sunday.", "VS", "US"),
        ("The EE government in Madrid", "EE", "US"),
    ],
)
def test_country_or_bloc_slot(text, token, english):
    assert leaks(text) == [(token, (english,))]


@pytest.mark.parametrize(
    "text",
    [
        "Team A VS Team B ended 2-2.",
        "She packed a UE Boom speaker and the UE Boom 3.",
        "Students sat the AS and A levels; AS Roma won.",
        "The EE network was down for an hour.",
        "AS PRICES RISE, THE GOVERNMENT DITHERS",
        "The VS Code editor and the vs. sign.",
        "Volvo AB President Martin Lundstedt spoke.",  # a company suffix after a name
    ],
)
def test_english_uses_stay_quiet(text):
    assert leaks(text) == []


def test_each_token_is_reported_once():
    assert len(leaks("The VS president and the VS government met.")) == 2
