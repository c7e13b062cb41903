"""Pick the formatter for ``--format``: each one a pure function from a Report to text."""

from __future__ import annotations

import os
from typing import Callable

from qa.finding import Severity
from qa.run import Report

FORMATS = ("text", "json", "sarif", "github", "junit", "html")


def render_report(
    report: Report,
    fmt: str,
    style: Callable[..., str] | None = None,
    threshold: Severity | None = Severity.WARNING,
    root: str | None = None,
    errors: bool = True,
    html: str = "article",
    file: bool = False,
) -> str:
    """The whole report in format ``fmt``; ``root`` makes absolute paths relative (default: cwd);
    ``errors=False`` leaves input errors out of the text format (already shown on the terminal);
    ``file``: written to a file (-o), so the text format carries the header walks skip."""
    root = os.getcwd() if root is None else root
    if fmt == "json":
        from qa.report.jsonfmt import render

        return render(report)
    if fmt == "sarif":
        from qa.report.sarif import render as sarif

        return sarif(report, root)
    if fmt == "github":
        from qa.report.github import render as github

        return github(report, root)
    if fmt == "junit":
        from qa.report.junit import render as junit

        return junit(report, threshold)
    if fmt == "html":
        from qa.report.html import render as html

        attach_sources(report, html)
        return html(report)
    if fmt == "text":
        from qa.report.text import plain, render as text

        return text(report, style or plain, errors, header=file)
    raise ValueError(f"unknown format '{fmt}' (use {', '.join(FORMATS)})")


def attach_sources(report: Report, html: str = "article") -> None:
    """Give every FileReport its Source (the HTML page shows the text). Reports answered from
    the cache carry none: read those files again (a file that fails now just shows no text)."""
    from pathlib import Path

    from qa.errors import QaError
    from qa.readers import read
    from qa.report.location import file_path

    wanted: dict[str, list] = {}
    for f in report.files:
        if f.source is None and not f.errors and f.path != "<stdin>":
            wanted.setdefault(file_path(f.path), []).append(f)
    for path, files in wanted.items():
        try:
            sources = {s.path: s for s in read(Path(path), files[0].path.split("#item-")[0], html)}
        except (QaError, OSError):
            continue
        for f in files:
            f.source = sources.get(f.path)
