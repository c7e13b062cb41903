"""Wire settings, packs and engine together for one run (what the CLI commands call).

Extension points other modules plug into, each a plain function returning a list:
``providers(settings)`` (extra finding sources such as grammar engines) and
``annotators(settings)`` (per-document data such as readability and the MT score).
"""

from __future__ import annotations

from typing import Sequence

from qa.engine import Engine, Provider, RuleSet, Selector
from qa.errors import PackError
from qa.rulepack import default_pack_dir, load_rules
from qa.run import Annotator, Report, check_target, collect
from qa.settings import Settings


def load_ruleset(settings: Settings, errors: list[str] | None = None) -> RuleSet:
    """All packs (built-in first, then extra directories); broken packs go to ``errors``."""
    pack_errors: list[PackError] = []
    rules = load_rules([default_pack_dir(), *settings.pack_dirs], pack_errors if errors is not None else None)
    if errors is not None:
        errors.extend(str(e) for e in pack_errors)
    return RuleSet(rules)


def providers(settings: Settings) -> list[Provider]:
    """Finding sources besides the packs (grammar backends plug in here)."""
    return []


def annotators(settings: Settings) -> list[Annotator]:
    """Per-document data added to each FileReport (readability, MT score plug in here)."""
    return []


def build_engine(settings: Settings, errors: list[str]) -> Engine:
    selector = Selector(settings.select, settings.ignore)
    ruleset = load_ruleset(settings, errors).selected(selector, settings.severity)
    return Engine(ruleset, providers(settings), selector=selector)


def run_check(paths: Sequence[str], settings: Settings) -> Report:
    report = Report()
    engine = build_engine(settings, report.errors)
    extra = annotators(settings)
    targets, missing = collect(paths, settings.extensions)
    report.errors.extend(missing)
    for target in targets:
        report.files.extend(check_target(target, engine, extra))
    return report
