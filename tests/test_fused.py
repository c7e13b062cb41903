"""Fused tokens in every case shape, and the evidence that keeps real mixed-case words quiet."""

from __future__ import annotations

import pytest
from rulecase import Finder


fused = Finder("FUS001").suggestions


@pytest.mark.parametrize(
    "text, token, split",
    [
        ("Aid workers saidthe convoy was stopped.", "saidthe", "said the"),  # lower+lower
        ("He spoke inthe hall.", "inthe", "in the"),  # a fusion the word list holds
        ("The strike endedthe next day.", "endedthe", "ended the"),  # across a lost sentence break
        ("The vote hasbeen delayed.", "hasbeen", "has been"),
        ("Later the ministerSaid the plan was final.", "ministerSaid", "minister Said"),  # lower+Capital
        ("The envoy met theUN chief. The UN agreed.", "theUN", "the UN"),  # lower+UPPER
        ("They met in GenevaThe talks opened.", "GenevaThe", "Geneva The"),  # Name+Capital
        ("Troops left Kyiv for Moscow. KyivMoscow trains stopped.", "KyivMoscow", "Kyiv Moscow"),
        ("ReutersPARIS — France said it would act.", "ReutersPARIS", "Reuters PARIS"),  # Name+UPPER
        ("Shelling hit Kyiv. The US said so. KyivUS ties held.", "KyivUS", "Kyiv US"),
        ("PARISThe government fell on Monday.", "PARISThe", "PARIS The"),  # UPPER+Capital
        ("The train reached Tokyoon Monday.", "Tokyoon", "Tokyo on"),  # Name+lower
        ("Messi was fit. Messiscored twice.", "Messiscored", "Messi scored"),  # name of the document
        ("It was signed in 2023The ministry said so.", "2023The", "2023 The"),  # number+Capital
        ("Some 5,000people fled.", "5,000people", "5,000 people"),  # number+lower
        ("Emissions must halve in2030.", "in2030", "in 2030"),  # function word+number
        ("He signed thearmistice in Paris.", "thearmistice", "the armistice"),  # rarer half
        ("She joined the Councilbecause it mattered.", "Councilbecause", "Council because"),  # long tail
        ("Her aide, Rosa DeLucasaid little.", "DeLucasaid", "DeLuca said"),  # particle name+verb
        ("The World Cup 2026in America is near.", "2026in", "2026 in"),  # year+function word
    ],
)
def test_every_shape_is_reported(text, token, split):
    assert fused(text) == [(token, (split,))]


@pytest.mark.parametrize(
    "text",
    [
        "He bought an iPhone on eBay and watched YouTube, paying with PayPal at McDonald's.",
        "JPMorgan and LinkedIn staff of the GmbH used 40 kWh; easyJet and JetBlue flew.",
        "DeepSeek, VinFast and ChatGPT rose; BioNTech, DeSantis and LaGuardia did not.",  # new words
        "The watchOS and iPadOS betas, the MicroLED screen and the PowerPC chip.",
        "BBCNews and ChinaDaily are site names; China grew.",  # halves not names of the document
        "They moved into the hall and onto the roof within the hour.",  # real function-word compounds
        "The Whitby, Grimsby and Formby ferries sailed.",  # names ending in a function word
        "Mayorkasthe said. Later Mayorkasthe left.",  # recurring: a name
        "See www.theof.com, @officialssaid, #GenevaThe and the well-officialssaid form.",
        "The 4Runner, 1Password, 7Up, G7, Covid19, MH370, COP28, 5G, 4K, 3D, 10th, 5pm, 3km, 100m and 1990s.",
        "Kyiv and Kyivstar; Huawei and Huaweicloud; Apple and Applecare.",  # brands on a name
        "The heathland, forthwith and thereof; the husband and the thesaurus.",
        "McInnis, McGinnis, MacKenzie, DeLuca and O'Connell met McDonald.",  # particle names
        "A 12in screen, 10at, 24in rims and 3on3 basketball.",  # inches and codes, not years
    ],
)
def test_real_words_stay_quiet(text):
    assert fused(text) == []


def test_a_name_glued_to_a_name_needs_both_names_in_the_document():
    assert fused("The KyivMoscow line is cut.") == []
