"""Duplicate passages: the repeat is flagged over its whole span, in linear time."""

from __future__ import annotations

import random
import time
from pathlib import Path

from qa.engine import Engine, RuleSet
from qa.rulepack import load_rules
from qa.source import Source

PACK = Path(__file__).resolve().parent.parent / "rules" / "duplicates.yaml"


def run(text: str) -> list[tuple[str, str]]:
    return [(f.rule, f.text) for f in Engine(RuleSet(load_rules([PACK]))).check(Source("<t>", text))]


STANDFIRST = "Ministers from both countries met in Vienna on Thursday to restart the stalled trade dialogue."


def test_repeated_standfirst_is_flagged_once_at_the_repeat():
    text = f"Harbour talks\n{STANDFIRST}\nVIENNA — The delegations met for six hours.\n{STANDFIRST}\nThey will meet again."
    found = run(text)
    assert found == [("DUP001", STANDFIRST)]
    (f,) = Engine(RuleSet(load_rules([PACK]))).check(Source("<t>", text))
    assert f.start == text.rindex(STANDFIRST) and f.line == 4
    assert "line 2" in f.message


def test_near_verbatim_differs_only_in_case_punctuation_and_spacing():
    text = f"{STANDFIRST}\n\nministers from both countries  met in Vienna on Thursday, to restart the stalled trade dialogue!"
    assert [r for r, _ in run(text)] == ["DUP001"]


def test_a_repeated_paragraph_is_one_finding_not_one_per_sentence():
    para = "The port reopened on Monday after the storm. Ships had queued outside for two full days."
    text = f"{para}\n\nThe harbour master spoke.\n\n{para}"
    assert run(text) == [("DUP001", para)]


def test_short_stock_sentences_and_different_sentences_stay_quiet():
    text = (
        "He declined to comment. The Kremlin did not respond. He declined to comment.\n"
        "The drones targeted the power grid. The drones also hit five apartment blocks, officials said."
    )
    assert run(text) == []


def test_restatement_by_a_summary():
    text = (
        "The visit reflects the government's efforts to repair trade relations with Brazil after months of tension over soybean quotas.\n\n"
        "This visit is part of the government's efforts to improve trade relations with Brazil after the tension over soybean quotas."
    )
    assert [r for r, _ in run(text)] == ["DUP002"]


def test_linear_time_on_a_long_document():
    rng = random.Random(3)
    vocabulary = ["".join(rng.choice("bcdfglmnprstv") + rng.choice("aeiou") for _ in range(3)) for _ in range(5000)]
    sentences = [" ".join(rng.sample(vocabulary, 10)).capitalize() + "." for _ in range(4000)]
    text = " ".join(sentences)
    start = time.perf_counter()
    assert run(text) == []
    small = time.perf_counter() - start
    start = time.perf_counter()
    assert run(text + " " + " ".join(sentences[:5])) != []
    assert time.perf_counter() - start < max(2.0, 10 * small)
