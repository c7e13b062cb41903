"""Wire settings, packs and engine together for one run (what the CLI commands call).

Extension points other modules plug into, each a plain function returning a list:
``providers(settings)`` (extra finding sources such as grammar engines) and
``annotators(settings)`` (per-document data such as readability and the MT score).
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Optional, Sequence

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
    from qa.adapters.grammar import provider

    grammar = provider(settings)  # None when grammar is off; Harper loads on first use
    out = [grammar] if grammar is not None else []
    if settings.against is not None:
        out.append(reference(settings).provider)
    return out


def annotators(settings: Settings) -> list[Annotator]:
    """Per-document data added to each FileReport (readability, MT score plug in here)."""
    from qa.adapters.readability import annotate
    from qa import mtscore

    out = [annotate, mtscore.annotate]
    if settings.against is not None:
        out.append(reference(settings).annotate)
    return out


def reference(settings: Settings):
    """The run's original (reference mode), shared by its provider and its annotator."""
    from qa.reference.check import reference_for

    return reference_for(settings.against, settings.severity)


def build_engine(settings: Settings, errors: list[str]) -> Engine:
    selector = Selector(settings.select, settings.ignore)
    ruleset = load_ruleset(settings, errors).selected(selector, dict(settings.severity))
    if settings.thresholds:
        from qa.kinds.metric import with_thresholds

        ruleset = RuleSet(with_thresholds(ruleset.rules, dict(settings.thresholds)))
    return Engine(ruleset, providers(settings), selector=selector)


#: The effective Settings of one document (its path; None = standard input).
Resolve = Callable[[Optional[Path]], Settings]


def run_check(paths: Sequence[str], settings: Settings, resolve: Resolve | None = None) -> Report:
    """Check ``paths``. ``settings`` decides which files are walked; ``resolve`` gives each
    file its own settings (config files, per-glob overrides). One Engine per distinct Settings."""
    from qa.parallel import RuleTable, check_all, open_cache  # engines: one per Settings per worker

    report = Report()
    resolve = resolve or (lambda _path: settings)
    targets, missing = collect(paths, settings.extensions)
    report.errors.extend(missing)
    from qa.adapters.grammar import prepare  # a LanguageTool server: found, started, probed once

    jobs = [(target, prepare(resolve(target.path))) for target in targets]
    files, errors = check_all(jobs, settings.jobs, open_cache(settings))
    report.files.extend(files)
    report.errors.extend(errors)
    report.rules = RuleTable(dict.fromkeys(s for _, s in jobs))  # loaded from the packs only if a format asks
    return report
