"""Residue and credits: whole documents with scraping damage, and clean wire copy that must
stay quiet (datelines, reporting credits, sub-headings)."""

from __future__ import annotations

from pathlib import Path

from qa.engine import Engine, RuleSet
from qa.rulepack import load_rules
from qa.source import Source

RULES = Path(__file__).resolve().parent.parent / "rules"


def run(text: str, *packs: str) -> list[tuple[str, str]]:
    rules = load_rules([RULES / f"{p}.yaml" for p in packs or ("residue", "credits")])
    return [(f.rule, f.text) for f in Engine(RuleSet(rules)).check(Source("<t>", text))]


SCRAPED = """Northern Ledger Online
Drought forces farmers in the north to sell cattle early, officials said on Tuesday.
Tom Hale | AFP | Getty Images
Farmers in three provinces have sold a fifth of their herds since May, the agriculture ministry said.

Read also

Advertisement
The ministry promised emergency feed for the winter.
Cyclist wins mountain stage after late breakaway in the Alps
Rain is not expected before October, forecasters said.
Image by Sam Lee on Shutterstock
Subscribe now for unlimited access to all our stories

The post Drought forces farmers to sell cattle appeared first on NL Daily.
Leave a Reply
Your email address will not be published. Required fields are marked *
"""


def test_scraped_page_residue_is_found_line_by_line():
    found = dict((text.split("\n")[0], rule) for rule, text in run(SCRAPED))
    assert found == {
        "Northern Ledger Online": "RES014",
        "Tom Hale | AFP | Getty Images": "CRD001",
        "Read also": "RES005",
        "Advertisement": "RES007",
        "Cyclist wins mountain stage after late breakaway in the Alps": "RES015",
        "Image by Sam Lee on Shutterstock": "CRD003",
        "Subscribe now for unlimited access to all our stories": "RES008",
        "The post Drought forces farmers to sell cattle appeared first on NL Daily.": "RES002",
        "Leave a Reply": "RES004",
    }


CLEAN_WIRE = """WASHINGTON, Feb 22 (Reuters) - President Joe Biden said on Tuesday the United States would impose sanctions on two Russian banks.

Sanctions on sovereign debt

The measures target the country's sovereign debt, officials said, and more could follow this week.

"We will continue to escalate sanctions if Russia escalates," Biden said at 1:30 p.m. at the White House.

Biden speaks about sanctions against Russia at the White House

(Reporting by Jane Doe and John Roe; Editing by Mary Poe)
"""


def test_clean_wire_copy_stays_quiet():
    assert run(CLEAN_WIRE) == []


def test_stranded_headline_needs_foreign_words():
    story = (
        "The port of Varna reopened on Monday after the storm closed it for two days.\n\n"
        "Ships queued outside the storm-hit port of Varna for two long days\n\n"
        "The harbour master said the queue would clear by Friday."
    )
    assert run(story, "residue") == []  # a sub-heading made of the story's own words


def test_site_name_needs_a_lead_after_it():
    assert run("Harbour Daily\nShort line.", "residue") == []
    assert run("Harbour Daily\nThe port reopened on Monday after the storm, officials said.", "residue") == [
        ("RES014", "Harbour Daily")
    ]


def test_template_variables_and_shortcodes():
    text = "The vote passed. %%BLOGLINK%% {{ author }} ${title} [embed]https://example.com/v[/embed]"
    assert [t for _, t in run(text, "residue")] == ["%%BLOGLINK%%", "{{ author }}", "${title}", "[embed]", "[/embed]"]


def test_credit_rules_leave_datelines_and_reporting_credits_alone():
    text = (
        "LONDON (Reuters) - Britain's economy grew, data showed.\n"
        "BEIJING (Xinhua) -- China's exports rose.\n"
        "KYIV, Ukraine (AP) — Russian drones hit Odesa, officials said.\n"
        "(Reporting by Jane Doe; Editing by John Smith)"
    )
    assert run(text, "credits") == []


def test_caption_with_position_marker():
    text = "Talks ended.\nPresident Ana Ruiz (R) greets the prime minister in Lima on May 2.\nThe deal was signed."
    assert run(text, "credits") == [("CRD006", "President Ana Ruiz (R) greets the prime minister in Lima on May 2.")]
    assert run("Senator Ann Lee (R-Ohio) speaks often about trade.", "credits") == []
