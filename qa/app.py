"""Wire settings, packs and engine together for one run (what the CLI commands call).

Extension points other modules plug into, each a plain function returning a list:
``providers(settings)`` (extra finding sources such as grammar engines) and
``annotators(settings)`` (per-document data such as readability and the MT score).
"""

from __future__ import annotations

from collections import UserDict
from pathlib import Path
from typing import Any, Callable, Iterable, Optional, Sequence

from qa.engine import Engine, Provider, RuleSet, Selector
from qa.errors import PackError
from qa.rulepack import default_pack_dir, load_rules
from qa.run import Annotator, Report, collect
from qa.settings import Settings


def load_ruleset(settings: Settings, errors: list[str] | None = None) -> RuleSet:
    """All packs (built-in first, then extra directories); broken packs go to ``errors``."""
    pack_errors: list[PackError] = []
    rules = load_rules([default_pack_dir(), *settings.pack_dirs], pack_errors if errors is not None else None)
    if errors is not None:
        errors.extend(str(e) for e in pack_errors)
    return RuleSet(rules)


def providers(settings: Settings) -> list[Provider]:
    """Finding sources besides the packs (grammar backends plug in here; invisible characters
    the readers took out of the text are reported from here)."""
    from qa import invisible
    from qa.adapters.grammar import provider

    grammar = provider(settings)  # None when grammar is off; Harper loads on first use
    out = [invisible.findings] + ([grammar] if grammar is not None else [])
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


def engine_parts(settings: Settings, errors: list[str]) -> tuple[Engine, list[Annotator]]:
    """What checking with ``settings`` needs: the engine and the annotators (qa.parallel builds
    them once per Settings, in the parent before it forks or in each spawned worker)."""
    return build_engine(settings, errors), annotators(settings)


#: The effective Settings of one document (its path; None = standard input).
Resolve = Callable[[Optional[Path]], Settings]


def run_check(paths: Sequence[str], settings: Settings, resolve: Resolve | None = None, dask=None, progress=None) -> Report:
    """Check ``paths``. ``settings`` decides which files are walked; ``resolve`` gives each
    file its own settings (config files, per-glob overrides). One Engine per distinct Settings.
    ``dask``: a scheduler address (or Client) to check on instead of local processes."""
    from qa.parallel import check_all, open_cache

    report = Report()
    resolve = resolve or (lambda _path: settings)
    targets, missing = collect(paths, settings.extensions)
    report.errors.extend(missing)
    runner = None
    if dask is not None:
        from qa.cluster.paths import DaskRunner

        runner = DaskRunner(dask)  # connect first: an unreachable scheduler is one line, no work
    from qa.adapters.grammar import prepare  # a LanguageTool server: found, started, probed once

    jobs = [(target, prepare(resolve(target.path))) for target in targets]
    files, errors = check_all(jobs, engine_parts, settings.jobs, open_cache(settings), runner, progress)  # progress(done, total) or None
    report.files.extend(files)
    report.errors.extend(errors)
    report.rules = RuleTable(dict.fromkeys(s for _, s in jobs))  # loaded from the packs only if a format asks
    return report


class RuleTable(UserDict):
    """Rule id -> Rule of the rules that ran (SARIF metadata), read from the packs on first use.

    The engines live in the workers (or were never built: every file came from the cache), so
    the parent loads the packs again, but only when a format actually asks for the rules.
    """

    def __init__(self, settings: Iterable[Settings]) -> None:  # no super().__init__: data is lazy
        self._settings = tuple(settings)
        self._data: dict[str, Any] | None = None

    @property
    def data(self) -> dict[str, Any]:  # type: ignore[override]
        if self._data is None:
            self._data = {}
            for s in self._settings:
                rules = load_ruleset(s, []).selected(Selector(s.select, s.ignore), dict(s.severity))
                self._data.update((r.id, r) for r in rules.rules)
        return self._data


def measure_readability(paths: Sequence[str], extensions: Sequence[str]) -> tuple[list[tuple[str, dict]], list[str]]:
    """``qa readability``: (path, metrics) for every document under ``paths``, and errors."""
    from qa.adapters.readability import block
    from qa.errors import QaError
    from qa.run import load_target

    targets, errors = collect(paths, extensions)
    rows: list[tuple[str, dict]] = []
    for target in targets:
        try:
            rows.extend((s.path, block(s)) for s in load_target(target))
        except QaError as exc:
            errors.append(str(exc))
    return rows, errors
