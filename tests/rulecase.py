"""Scaffolding of the per-rule test modules: the shipped rules a module is about, run on a text.

    found = Finder("NUM").spans            # [(rule id, matched text), ...]
    leaks = Finder("FRN003", "FRN013").suggestions   # [(matched text, suggestions), ...]

The shipped packs are loaded once per test session; each Finder builds one engine.
"""

from __future__ import annotations

from functools import lru_cache

from qa.engine import Engine, RuleSet
from qa.finding import Finding
from qa.rulepack import Rule, default_pack_dir, load_rules
from qa.source import Source


@lru_cache(maxsize=1)
def shipped() -> tuple[Rule, ...]:
    return tuple(load_rules([default_pack_dir()]))


def rules(*keys: str) -> list[Rule]:
    """The shipped rules whose id starts with one of ``keys`` (a prefix "NUM" or an id)."""
    chosen = [r for r in shipped() if r.id.startswith(keys)]
    assert chosen, f"no shipped rule starts with {keys}"
    return chosen


class Finder:
    def __init__(self, *keys: str) -> None:
        self.engine = Engine(RuleSet(rules(*keys)))

    def findings(self, text: str) -> list[Finding]:
        return self.engine.check(Source("<t>", text))

    def spans(self, text: str) -> list[tuple[str, str]]:
        return [(f.rule, f.text) for f in self.findings(text)]

    def suggestions(self, text: str) -> list[tuple[str, tuple[str, ...]]]:
        return [(f.text, f.suggestions) for f in self.findings(text)]
