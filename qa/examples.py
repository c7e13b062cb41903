"""Execute a rule's examples, the way LanguageTool tests its rules.

A bad example must be flagged exactly at its marked spans with the listed suggestions, and
applying the first suggestion must silence the rule; a good example must not be flagged.
Used by the test suite and by ``qa rules --verify`` for pack authors.
"""

from __future__ import annotations

from qa.engine import Engine, RuleSet
from qa.finding import Finding
from qa.rulepack import Rule
from qa.source import Source


def run_rule(rule: Rule, text: str) -> list[Finding]:
    return Engine(RuleSet([rule])).check(Source("<example>", text))


def apply(text: str, findings: list[Finding]) -> str:
    for f in sorted(findings, key=lambda f: f.start, reverse=True):
        if f.suggestions:
            text = text[: f.start] + f.suggestions[0] + text[f.end :]
    return text


def verify(rule: Rule) -> list[str]:
    """Problems with the rule's examples (empty when they all behave)."""
    problems: list[str] = []
    for bad in rule.examples.bad:
        found = run_rule(rule, bad.text)
        spans = tuple((f.start, f.end) for f in found)
        if spans != bad.spans:
            got = [bad.text[s:e] for s, e in spans]
            want = [bad.text[s:e] for s, e in bad.spans]
            problems.append(f"{rule.id}: bad example {bad.text!r}: expected {want}, flagged {got}")
            continue
        for f in found:
            if f.suggestions != bad.suggestions:
                problems.append(
                    f"{rule.id}: bad example {bad.text!r}: suggestions {list(f.suggestions)}, expected {list(bad.suggestions)}"
                )
        if bad.suggestions:
            fixed = apply(bad.text, found)
            again = run_rule(rule, fixed)
            if again:
                problems.append(f"{rule.id}: applying the suggestion leaves {[f.text for f in again]} in {fixed!r}")
    for good in rule.examples.good:
        found = run_rule(rule, good)
        if found:
            problems.append(f"{rule.id}: good example {good!r} flagged at {[f.text for f in found]}")
    return problems
