"""Adversarial shapes that once made a rule quadratic: each must finish and stay quiet.

No timing is asserted; a regression shows as a run that takes minutes instead of a second.
"""

from __future__ import annotations

import pytest

from qa.app import build_engine
from qa.kinds.fused import MAX_FUSED, Fused
from qa.settings import Settings
from qa.source import Source


@pytest.fixture(scope="module")
def engine():
    errors: list[str] = []
    built = build_engine(Settings(), errors)
    assert errors == []
    return built


@pytest.mark.parametrize(
    "text",
    ["a" * 200_000, "Ab" * 100_000, "x" * 100_000 + ".The end"],
    ids=["one-long-token", "one-long-capitalised-token", "long-token-before-missing-space"],
)
def test_long_tokens(engine, text):
    findings = engine.check(Source("long.txt", text))
    assert all(f.rule in {"PUN002", "PUN001"} for f in findings)


def test_fused_words_ignore_tokens_no_two_words_make():
    rule = type("R", (), {"id": "T"})()
    fused = Fused(rule, {"min_zipf": 4.0, "name_zipf": 2.0, "split": True})
    assert fused._split("theof", {"the": 7.0, "of": 7.0}, {}) == ("the", "of")
    long = "the" + "a" * MAX_FUSED + "of"
    assert fused._split(long, {"the": 7.0, "of": 7.0, long[:-2]: 5.0}, {}) is None
