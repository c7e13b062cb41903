"""Page furniture and credits of several CMS shapes in one scraped page (issue 11, items 2
and 3): every furniture line is found, by the rule for its shape, and the story's own
lines (dateline, quotes, sign-off) stay quiet. The page is written for this test."""

from __future__ import annotations

from pathlib import Path

from qa.engine import Engine, RuleSet
from qa.rulepack import load_rules
from qa.source import Source

RULES = Path(__file__).resolve().parent.parent / "rules"

PAGE = """Home > News > World > Europe
BERLIN ・ 3 HOURS AGO
Date: 04/05/2025
Views: 2,318
Facebook Twitter WhatsApp Email Copy link
rail-strike-halts-trains-across-germany-for-two-days
BERLIN, May 4 (Reuters) - A two-day rail strike halted most long-distance trains across Germany on Sunday, stranding travellers at the start of a holiday week.
[ad_1]
"We have no other choice," union leader Klaus Wendt told reporters at Berlin's main station.
JANA MEYER/AFP
Passengers wait at the main station in Berlin, Germany, May 4, 2025.
You may be interested:
Read also: Airline cuts summer flights as fuel costs climb
The rail operator said about a fifth of services were running.
station-crowds-02.jpg
(Photo: Deutsche Bahn)
Source: Federal Statistics Office
Courtesy of Deutsche Bahn
Contact the newsroom at [email protected].
{link:rail-strike-explainer}
Tags: Germany, rail, strike, unions, travel
Lesen Sie auch: Streik legt Fernverkehr lahm
This article was automatically translated from German.
EDITORIAL USE ONLY. NO RESALES. NO ARCHIVES.
Our Standards: The Thomson Reuters Trust Principles.
(Reporting by Jana Meyer; Editing by Tom Hale)
"""

EXPECTED = {
    "Home > News > World > Europe": "RES016",
    "BERLIN ・ 3 HOURS AGO": "RES018",
    "Date: 04/05/2025": "RES019",
    "Views: 2,318": "RES019",
    "Facebook Twitter WhatsApp Email Copy link": "RES017",
    "rail-strike-halts-trains-across-germany-for-two-days": "RES023",
    "[ad_1]": "RES009",
    "JANA MEYER/AFP": "CRD007",
    "Passengers wait at the main station in Berlin, Germany, May 4, 2025.": "CRD012",
    "You may be interested:": "RES005",
    "Read also: Airline cuts summer flights as fuel costs climb": "RES006",
    "station-crowds-02.jpg": "RES020",
    "(Photo: Deutsche Bahn)": "CRD009",
    "Source: Federal Statistics Office": "CRD008",
    "Courtesy of Deutsche Bahn": "CRD008",
    "[email protected]": "RES021",
    "{link:rail-strike-explainer}": "RES009",
    "Tags: Germany, rail, strike, unions, travel": "RES019",
    "Lesen Sie auch: Streik legt Fernverkehr lahm": "RES026",
    "This article was automatically translated from German.": "RES025",
    "EDITORIAL USE ONLY.": "CRD010",
    "NO RESALES. NO ARCHIVES.": "CRD010",
    "Our Standards: The Thomson Reuters Trust Principles.": "RES027",
}

STORY_LINES = (
    "BERLIN, May 4 (Reuters)",
    '"We have no other choice,"',
    "The rail operator said",
    "(Reporting by Jana Meyer; Editing by Tom Hale)",
)


def findings(text: str):
    rules = load_rules([RULES / "residue.yaml", RULES / "credits.yaml"])
    return Engine(RuleSet(rules)).check(Source("<page>", text))


def test_every_furniture_line_is_found_by_its_shape():
    found: dict[str, set[str]] = {}
    for f in findings(PAGE):
        found.setdefault(f.text.strip(), set()).add(f.rule)
    missing = {text: rule for text, rule in EXPECTED.items() if rule not in found.get(text, set())}
    assert missing == {}


def test_story_lines_stay_quiet():
    for f in findings(PAGE):
        for line in STORY_LINES:
            start = PAGE.index(line)
            assert not (f.start < start + len(line) and f.end > start), (f.rule, f.text)


def test_template_placeholder_of_any_name():
    for text in ("Prices rose. {link:fuel-prices} Drivers protested.", "Prices rose. %%excerpt%%", "[related_posts limit=3]Prices rose."):
        assert any(f.rule == "RES009" for f in findings(text)), text


COMMENTS_PAGE = """Ferry fares rise in the spring
Skip to content
Menu
Search for:
Browse By
(Harbour City = Coast Wire) Reporter Han Ji-woo = Ferry fares will rise by a tenth in April, the operator said on Monday.
The operator blamed fuel costs for the rise, the third in two years.TIDEBET
Passengers queue for the morning ferry at the north pier on the 3rd. 2024.3.3/Coast Wire
Fare table promotion poster
Menu
The cafe on board will keep its prices, the company said.
Correspondent Han Ji-woo,
Posted in
Subscribe
Notify of
new follow-up comments
0 Inline Feedbacks
View all comments
Would love your thoughts, please comment.x
"""

COMMENTS_EXPECTED = {
    "Skip to content\nMenu\nSearch for:\nBrowse By": "RES031",
    "Reporter Han Ji-woo =": "CRD016",
    "TIDEBET": "RES032",
    "Passengers queue for the morning ferry at the north pier on the 3rd. 2024.3.3/Coast Wire": "CRD015",
    "Fare table promotion poster": "CRD017",
    "Correspondent Han Ji-woo,": "CRD016",
    "Posted in": "RES031",
    "Subscribe\nNotify of\nnew follow-up comments\n0 Inline Feedbacks\nView all comments\nWould love your thoughts, please comment.x": "RES030",
}


def test_comment_plugin_navigation_and_agency_credits_of_any_site():
    found: dict[str, set[str]] = {}
    for f in findings(COMMENTS_PAGE):
        found.setdefault(f.text.strip(), set()).add(f.rule)
    missing = {text: rule for text, rule in COMMENTS_EXPECTED.items() if rule not in found.get(text, set())}
    assert missing == {}


def test_one_word_labels_alone_and_the_story_stay_quiet():
    text = "Menu\nThe chef serves three courses.\nSubscribe\nReaders can subscribe for 5 euros a month, the paper said."
    assert [f.rule for f in findings(text) if f.rule in ("RES030", "RES031")] == []
    quiet = "The cafe on board will keep its prices, the company said."
    start = COMMENTS_PAGE.index(quiet)
    for f in findings(COMMENTS_PAGE):
        assert not (f.start < start + len(quiet) and f.end > start), (f.rule, f.text)
