"""The checking service behind ``qa serve``: one engine per process, text in, report out.

The web layer (``qa.web.app``) only parses requests and calls :class:`Service`; everything that
decides what a report says is shared with ``qa check``: the same readers pick the reader by the
file name's extension, the same engine and annotators run, the same formatters render. So the
API's JSON for a text is the JSON ``qa check --format json`` prints for a file with that text.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from qa.adapters.languagetool import RunBudget
from qa.errors import QaError
from qa.run import Report
from qa.settings import Settings

#: Largest request body accepted by default (a long article is 60 KB; a feed a few MB).
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
#: Extensions the service accepts (the readers' formats); anything else is read as plain text.
ACCEPTED = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".xml", ".rss", ".atom")
FORMATS = ("json", "sarif")


class BadRequest(ValueError):
    """A request the service refuses, with a one-line reason for the client."""

    def __init__(self, reason: str, status: int = 400) -> None:
        super().__init__(reason)
        self.status = status


@dataclass(frozen=True)
class Limits:
    max_bytes: int = DEFAULT_MAX_BYTES


class Service:
    """Holds the engine built once for the process; checks one document per call.

    The engine's lazily loaded parts (lexicons, language model, indexes) are warmed at start so
    that the first request does not pay for them; checks run one at a time under a lock (they
    are CPU-bound Python, so threads would not run them faster, and the lock keeps any lazily
    filled table safe from concurrent first use).
    """

    def __init__(self, settings: Settings, limits: Limits = Limits()) -> None:
        from qa.app import annotators, build_engine

        self.settings = settings
        self.limits = limits
        self.errors: list[str] = []
        self.engine = build_engine(settings, self.errors)
        self.annotators = tuple(annotators(settings))
        self._lock = threading.Lock()
        self.check(b"Warm-up text. It checks nothing of the user's.", "warm-up.txt")

    def check(self, data: bytes, filename: str) -> Report:
        """The report for one document given as bytes, read by its file name's extension."""
        from qa.readers import from_bytes
        from qa.run import check_sources

        name = _safe_name(filename)
        if len(data) > self.limits.max_bytes:
            raise BadRequest(f"{name}: {len(data):,} bytes is over the {self.limits.max_bytes:,}-byte limit", 413)
        report = Report()
        try:
            sources = from_bytes(data, name, PurePath(name).suffix.lower() or ".txt")
        except QaError as exc:  # undecodable, binary, malformed markup: the client's to fix
            raise BadRequest(str(exc), 422) from None
        with self._lock:
            RunBudget.reset()  # each request is a run of its own for LanguageTool's time budget
            report.files.extend(check_sources(sources, self.engine, self.annotators))
        report.rules = {r.id: r for r in self.engine.ruleset.rules}
        return report

    def render(self, report: Report, fmt: str) -> str:
        from qa.report.formats import render_report

        if fmt not in FORMATS:
            raise BadRequest(f"unknown format '{fmt}' (use {' or '.join(FORMATS)})")
        return render_report(report, fmt, None, self.settings.fail_threshold())

    def rules(self) -> list[dict[str, Any]]:
        """The rule table (what ``qa rules`` lists) as plain records."""
        return [
            {
                "id": r.id,
                "name": r.name,
                "severity": r.severity.label,
                "category": r.category,
                "summary": r.summary,
                "enabled": r.enabled,
            }
            for r in self.engine.ruleset.rules
        ]


def _safe_name(filename: str) -> str:
    """A display name for an uploaded document: its base name, never a path on this machine."""
    name = PurePath(filename.replace("\\", "/")).name.strip() or "pasted.txt"
    if len(name) > 200 or any(ord(c) < 32 for c in name):
        raise BadRequest("the file name is too long or holds control characters")
    return name
