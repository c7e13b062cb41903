"""Number damage: stacked scales, 24-hour times with a.m./p.m., conversions inside quotes,
another locale's separators; and the English forms that look like them."""

from __future__ import annotations

import pytest
from rulecase import Finder


found = Finder("NUM").spans


@pytest.mark.parametrize(
    "text, rule, span",
    [
        ("Debt reached 120,000 billion won.", "NUM001", "120,000 billion"),
        ("A billion trillion stars.", "NUM001", "billion trillion"),
        ("Shops close at 21:30 p.m. sharp.", "NUM002", "21:30 p.m."),
        ("The blast came at 00:15 a.m. on Friday.", "NUM002", "00:15 a.m."),
        ("The strike began at 12:00 p.m. on Sunday night.", "NUM002", "12:00 p.m."),
        ("“It costs 90 billion rupees (about $1.1 billion),” he said.", "NUM003", "(about $1.1 billion)"),
        ("Some 4.500 workers were laid off.", "NUM004", "4.500"),
        ("It cost 2.000.000 to build.", "NUM004", "2.000.000"),
        ("The fine was 1.200 euros.", "NUM004", "1.200"),
        ("Sales rose by 2,75 percent.", "NUM004", "2,75"),
        ("Sales of 1,200 cars and 3.400 vans.", "NUM004", "3.400"),  # English thousands elsewhere
        ("Of 1,200 bids, 2.300 bidders won.", "NUM004", "2.300"),
        ("Cases fell from 52,118 to 490,07 on Friday.", "NUM005", "490,07"),
        ("Sales went from 3,400,120 to 3,120,5 units.", "NUM005", "3,120,5"),
        ("Visitors rose to 1,020,400 from 874310 last year.", "NUM005", "874310"),
        ("The stock rose on Friday (+ 2.1%).", "NUM006", "+ 2.1%"),
        ("The stock fell on Friday (-2.1 %).", "NUM006", "-2.1 %"),
        ("Some 12 thousand fans came.", "NUM007", "12 thousand"),
    ],
)
def test_damage_is_reported(text, rule, span):
    assert found(text) == [(rule, span)]


@pytest.mark.parametrize(
    "text",
    [
        "The index closed at 40,100 at 3 p.m. (local time).",
        "A thousand million, a million million; 2,000 million people; 9,500 million dollars.",
        "Lunch at 12 p.m.; the deadline at midnight; the 15 AM stations; 12 a.m. on Sunday night.",
        "The yield rose to 4.125% and the euro bought 1.085 dollars; 0.125 point lower.",
        "Version 3.100 shipped to 192.168.100.200.",
        "The app has 1,200 users; version 2.100 shipped and the euro bought 1.085 dollars.",
        "He said the plant will cost 500 million yuan (about $70 million).",
        "“The island (population 3,000) is small,” she said.",
        "He won 6-4, 7-5 and scored 1,5 and 7 in the heats.",
        "Thousands came, a thousand stayed, five thousand left and 3 million watched.",
        "He walked 874310 steps in a year.",  # no grouping anywhere: no house style broken
        "Of 1,200 fans, 45 had ticket No. 88213; flight 30211 and zip 90210 too.",
        "Of 1,200 fans, some came from Beverly Hills 90210 and ID-445120 or 2024-10233.",
        "Of 1,200 fans, 12,5 and scores of 6,4 were noted.",
        "The stock rose on Friday (+2.1%), and 2 + 2 (four) is 4 %.",
    ],
)
def test_english_forms_stay_quiet(text):
    assert found(text) == []
