"""Reference mode inside a run: the engine's provider and the report's annotator for one original.

:func:`qa.app.providers` and :func:`qa.app.annotators` add these when ``settings.against``
names an original. The original is read once per process (any format the readers support);
each copy is compared once, and both the findings and the summary come from that comparison.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Mapping

from qa.errors import QaError
from qa.finding import Finding, Severity
from qa.reference.compare import Comparison, compare
from qa.reference.rules import findings
from qa.reference.summary import summarise
from qa.source import Source

if TYPE_CHECKING:
    from qa.run import FileReport


def read_original(path: Path) -> Source:
    """The one document in ``path`` (a feed with several items is refused)."""
    from qa.readers import read

    sources = read(path, str(path))
    if len(sources) != 1:
        raise QaError(f"{path}: holds {len(sources)} documents; an original must be exactly one")
    return sources[0]


class Reference:
    """The original of a run and the comparison of the copy being checked."""

    def __init__(self, path: Path, severities: Mapping[str, Severity] | None = None) -> None:
        self.path = path
        self.severities = dict(severities or {})
        self._original: Source | None = None
        self._last: tuple[Source, Comparison] | None = None

    @property
    def original(self) -> Source:
        if self._original is None:
            self._original = read_original(self.path)
        return self._original

    def comparison(self, source: Source) -> Comparison:
        if self._last is None or self._last[0] is not source:
            self._last = (source, compare(self.original, source))
        return self._last[1]

    def provider(self, source: Source) -> list[Finding]:
        """The engine's provider: reference findings for one copy."""
        return findings(self.comparison(source), self.severities)

    def annotate(self, source: Source, report: "FileReport") -> None:
        """The summary in ``report.extras['reference']`` (JSON) and one text-report line."""
        report.extras["reference"] = summarise(self.comparison(source), str(self.path))


def reference_for(path: Path, severities: tuple = ()) -> Reference:
    """One Reference per original and severity table in this process (the provider and the
    annotator of an engine must share it); a changed original file gets a new one."""
    try:
        st = path.stat()
        stamp = (st.st_size, st.st_mtime_ns)
    except OSError:
        stamp = None  # reading it reports the problem, per checked file
    key = (path, tuple(severities), stamp)
    if key not in _made:
        _made.clear()  # a run has one original (per settings); keep memory flat
        _made[key] = Reference(path, dict(severities))
    return _made[key]


_made: dict[tuple, Reference] = {}
