"""Wire settings, packs and engine together for one run (what the CLI commands call)."""

from __future__ import annotations

from typing import Sequence

from qa.engine import Engine, RuleSet, Selector
from qa.errors import PackError
from qa.rulepack import default_pack_dir, load_rules
from qa.run import Report, check_target, collect
from qa.settings import Settings


def load_ruleset(settings: Settings, errors: list[str] | None = None) -> RuleSet:
    """All packs (built-in first, then extra directories); broken packs go to ``errors``."""
    pack_errors: list[PackError] = []
    rules = load_rules([default_pack_dir(), *settings.pack_dirs], pack_errors if errors is not None else None)
    if errors is not None:
        errors.extend(str(e) for e in pack_errors)
    return RuleSet(rules)


def build_engine(settings: Settings, errors: list[str]) -> Engine:
    selector = Selector(settings.select, settings.ignore)
    ruleset = load_ruleset(settings, errors).selected(selector, settings.severity)
    return Engine(ruleset, selector=selector)


def run_check(paths: Sequence[str], settings: Settings) -> Report:
    report = Report()
    engine = build_engine(settings, report.errors)
    targets, missing = collect(paths, settings.extensions)
    report.errors.extend(missing)
    for target in targets:
        report.files.extend(check_target(target, engine))
    return report
