"""The stable Python API: check text or files and get the report objects the CLI prints.

    >>> import qa
    >>> report = qa.check_text("The minister said that that the talks had ended.")
    >>> [f.rule for f in report.findings]                       # doctest: +SKIP
    >>> run = qa.check_paths(["articles/"], select=["RES"], cache_dir=None)
    >>> qa.exit_code(run), len(run.files), run.errors            # doctest: +SKIP

``check_text`` returns one :class:`~qa.run.FileReport` (``path``, ``words``, ``findings``:
frozen :class:`~qa.finding.Finding` records, ``errors``, ``extras`` such as readability).
``check_paths`` returns a :class:`~qa.run.Report` (``files``, ``errors``), the object
``qa check`` renders with ``--format``; :func:`render` and :func:`exit_code` give the same
text and exit status as the command line. Options are the settings a ``.qa.toml`` or the
command line can give (``select``, ``ignore``, ``fail_on``, ``jobs``, ``cache_dir``,
``grammar``, ...), as keyword arguments; configuration files apply as for ``qa check``.
``dask="tcp://scheduler:8786"`` sends the work to a Dask cluster (``pip install 'mtqa[dask]'``).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

from qa.run import FileReport, Report
from qa.settings import Settings

__all__ = ["check_text", "check_paths", "render", "exit_code"]


def check_text(text: str, path: str = "<text>", *, fmt: str = ".txt", settings: Settings | None = None,
               **options: Any) -> FileReport:
    """Check one document given as a string. ``fmt`` is how to read it: ``.txt``, ``.md`` or
    ``.html``; ``path`` is the name findings and errors carry."""
    from qa.errors import QaError
    from qa.readers import from_bytes
    from qa.run import check_source
    from qa.source import Source

    settings = _settings(settings, options)
    engine, annotators = _parts(settings)
    try:
        sources = [Source(path, text)] if fmt.lower() in (".txt", "txt") else from_bytes(text.encode("utf-8"), path, fmt)
    except QaError as exc:
        return FileReport(path, errors=[str(exc)])
    if len(sources) != 1:
        raise ValueError(f"{path}: check_text takes one document; use check_paths for feeds")
    return check_source(sources[0], engine, annotators)


def check_paths(paths: Sequence[str | Path], *, config: Path | None = None, dask: str | None = None,
                **options: Any) -> Report:
    """Check files and directories as ``qa check PATHS`` does (configuration files, cache,
    workers); ``dask`` is a scheduler address to run on instead of local processes."""
    from qa.app import run_check
    from qa.config import Resolver

    resolve = Resolver(_options(options), config)
    return run_check([str(p) for p in paths], resolve(None), resolve, dask=dask)


def render(report: Report, fmt: str = "json", settings: Settings | None = None) -> str:
    """The report in a ``--format`` of ``qa check`` (json, sarif, text, github, junit, html)."""
    from qa.report.formats import render_report

    return render_report(report, fmt, None, (settings or Settings()).fail_threshold())


def exit_code(report: Report, fail_on: str = "warning", fail_on_score: float | None = None) -> int:
    """The exit status ``qa check`` would give: 2 errors, 1 findings at or above ``fail_on``."""
    from qa.run import exit_code as decide

    return decide(report, Settings(fail_on=fail_on).fail_threshold(), fail_on_score)


def _options(options: dict[str, Any]) -> dict[str, Any]:
    out = dict(options)
    for key in ("select", "ignore", "extensions", "accept"):
        if isinstance(out.get(key), str):
            out[key] = (out[key],)
    for key in ("select", "ignore", "extensions", "accept", "pack_dirs"):
        if key in out:
            out[key] = tuple(out[key])
    return out


def _settings(settings: Settings | None, options: dict[str, Any]) -> Settings:
    from dataclasses import replace

    return replace(settings or Settings(cache_dir=None), **_options(options))


@lru_cache(maxsize=8)
def _parts(settings: Settings) -> tuple:
    """One engine per distinct Settings for the life of the process (packs load once)."""
    from qa.app import engine_parts
    from qa.errors import QaError

    errors: list[str] = []
    parts = engine_parts(settings, errors)
    if errors:
        raise QaError("; ".join(errors))
    return parts
