"""Punctuation damage: what must fire, and the abbreviations, decimals, URLs, addresses,
initials and ellipses that must not."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa.engine import Engine, RuleSet
from qa.rulepack import load_rules
from qa.source import Source

PACK = Path(__file__).resolve().parent.parent / "rules" / "punctuation.yaml"


def run(text: str) -> list[tuple[str, str]]:
    return [(f.rule, f.text) for f in Engine(RuleSet(load_rules([PACK]))).check(Source("<t>", text))]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("It was shown on state TV. following the talks.", [("PUN001", "TV. following")]),
        ("He met the Pope.Then he left.", [("PUN002", "Pope.Then")]),
        ("It was agreed.“We are glad,” he said.", [("PUN002", "agreed.“We")]),
        ("The lights went out.I ran outside.", [("PUN002", "out.I")]),  # one-letter word
        ("The lights went out.A dog barked.", [("PUN002", "out.A")]),
        ("She said ``we are safe now'' and left.", [("PUN014", "``we"), ("PUN016", "now''")]),
        ("They praised the deal., saying it helps.", [("PUN003", "deal., saying")]),
        ("The first visit in nearly a decade. .", [("PUN004", "decade. .")]),
        ("The first visit in nearly a decade!.", [("PUN004", "decade!.")]),
        ("Officials said ‘’the grid held''.", [("PUN006", "‘’the grid held''")]),
        ("(AGENCY) –– The talks ended.", [("PUN007", "(AGENCY) ––")]),
        ("The group () said so.", [("PUN008", "()")]),
        ("She said “the plan works.\n\nThe vote is on Friday.", [("PUN005", "“the")]),
    ],
)
def test_damage_fires(text, expected):
    assert run(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. and China met at 9 a.m. on Monday, and the U.K. joined at 2 p.m. local time.",
        "Dr. Smith and Gen. Jones said so, as did Mr. and Mrs. Lee, etc. and so on.",
        "Growth was 2.5 per cent in 2023. the figure for 2024 is not known.",  # a number before the stop
        "Shares of Amazon.com rose; Booking.com and news.example.org did not.",
        "Write to press@Ministry.gov.uk or see https://example.org/News.Html for details.",
        "J. R. R. Tolkien and H. G. Wells were named.",
        "He paused... and then went on. It ended . . . badly? No… it did not.",
        "The U.S., China and Acme Inc., the lender, agreed at 9 a.m., officials said.",
        "BEIJING (Xinhua) -- Exports rose -- customs said.",
        "“It works,” she said. “It will go on.\n\n“And we will do it this year,” the mayor said.",
        "The workers’ union and ‘just an ordinary day’ were cited, as was \"the plan\".",
        "Temperatures fell to (-5) degrees.",
        "Prices of iPhones rose. eBay sellers were glad.",
        "The 6'2'' centre and the `main` branch; type `ls` twice.",
        "Section.IV and appendix.IA are labels; plan.A1 and test.I2 are codes.",
    ],
)
def test_clean_text_stays_quiet(text):
    assert run(text) == []


def test_missing_space_suggestion_inserts_the_space():
    (f,) = Engine(RuleSet(load_rules([PACK]))).check(Source("<t>", "He met Xi Jinping.The two talked."))
    assert f.suggestions == ("Jinping. The",) and f.fixable


@pytest.mark.parametrize(
    "text, expected",
    [
        ("We are ready.” he said on Monday.", [("PUN015", "ready.”")]),
        ("“We are ready.” “ he said.", [("PUN010", "“ he")]),
        ("“We are ready.”” he said on Monday.", [("PUN013", "ready.””")]),
        ("„We are ready.“ he said on Monday.", [("PUN012", "„We are ready.“")]),
        ("“We are ready.” he said on Monday.", [("CAS001", "ready.” he")]),
    ],
)
def test_one_damage_one_finding(text, expected):
    """A quotation-mark damage is reported by one rule, not by case and punctuation both."""
    from qa.engine import Engine, RuleSet
    from qa.rulepack import default_pack_dir, load_rules
    from qa.source import Source

    rules = [r for r in load_rules([default_pack_dir()]) if r.id[:3] in ("PUN", "CAS", "SPC")]
    found = [(f.rule, f.text) for f in Engine(RuleSet(rules)).check(Source("<t>", text))]
    assert found == expected
