"""Issue 13, one pass over the words: the one-pass pattern search (RE2's FilteredRE2) that
gates pattern rules finds exactly the patterns that match, and gating changes no finding."""

from __future__ import annotations

import pytest
from conftest import FIXTURES

from qa.app import build_engine
from qa.patterns import PatternSet, compile_pattern
from qa.settings import Settings
from qa.source import Source

TEXTS = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.rglob("*.txt"))]


@pytest.fixture(scope="module")
def engine():
    errors: list[str] = []
    built = build_engine(Settings(), errors)
    assert errors == []
    return built


def _set(patterns) -> PatternSet:
    s = PatternSet(patterns)
    s.matching("x" * PatternSet.EAGER_CHARS)  # compile now
    return s


def test_the_set_finds_exactly_the_patterns_that_match(engine):
    patterns = [p for r in engine.ruleset.rules for p in (r.check.regexes() or ())]
    assert len(patterns) > 20
    regex_set = _set(patterns)
    long = "\n\n".join(TEXTS) * 3  # a long document too
    for text in TEXTS + ["", "plain words only", long]:
        found = regex_set.matching(text)
        assert found == {i for i, p in enumerate(patterns) if p.search(text)}


def test_case_and_groups_survive_in_the_set():
    patterns = [compile_pattern(r"(?P<span>foo)bar"), compile_pattern("HELLO", True), compile_pattern(r"\pL+ly\b")]
    regex_set = _set(patterns)
    assert regex_set.matching("xx FOOBAR hello") == {1}
    assert regex_set.matching("foobar, quickly") == {0, 2}


def test_one_short_document_does_not_compile_the_filter():
    regex_set = PatternSet([compile_pattern("abc")])
    assert regex_set.matching("abc") is None  # searched pattern by pattern
    assert regex_set.matching("abc") == {0}


def test_gating_changes_no_finding(engine):
    for text in TEXTS:
        engine.ruleset.patterns = _set([p for r in engine.ruleset.rules for p in (r.check.regexes() or ())])
        gated = engine.check(Source("t.txt", text))
        engine.ruleset.patterns = PatternSet([])
        plain = engine.check(Source("t.txt", text))
        assert gated == plain
