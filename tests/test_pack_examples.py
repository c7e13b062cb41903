"""Every rule's examples are executed: bad ones flagged exactly, good ones not."""

from __future__ import annotations

import pytest

from qa.examples import apply, run_rule, verify
from qa.rulepack import default_pack_dir, load_rules

RULES = load_rules([default_pack_dir()])


def test_packs_are_not_empty():
    assert len(RULES) >= 3


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_examples(rule):
    assert verify(rule) == []


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_bad_examples_really_flag(rule):
    # Guard against a verify() that passes vacuously: each bad example yields findings.
    for bad in rule.examples.bad:
        found = run_rule(rule, bad.text)
        assert [(f.start, f.end) for f in found] == list(bad.spans)
        if bad.suggestions:
            assert run_rule(rule, apply(bad.text, found)) == []


def test_verify_catches_a_wrong_span(tmp_path):
    pack = tmp_path / "p.yaml"
    pack.write_text(
        """pack: t
version: 1
rules:
  - id: TST001
    name: test.wrong-span
    kind: existence
    category: other
    severity: warning
    message: m
    description: d
    phrases: [foo]
    examples:
      bad: ["a {{foo bar}} b"]
      good: ["a foo b"]
""",
        encoding="utf-8",
    )
    (rule,) = load_rules([pack])
    problems = verify(rule)
    assert any("expected ['foo bar'], flagged ['foo']" in p for p in problems)
    assert any("good example 'a foo b' flagged" in p for p in problems)
