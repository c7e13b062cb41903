"""Collect the documents named on the command line, check each, gather one Report."""

from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from qa.engine import Engine
from qa.errors import InputError, QaError
from qa.finding import Finding, Severity
from qa.readers import from_bytes, read, read_bounded
from qa.source import Source


@dataclass
class FileReport:
    path: str
    words: int = 0
    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    extras: dict[str, Any] = field(default_factory=dict)
    #: The checked document (for reports that show the text, e.g. HTML); never in JSON.
    source: Source | None = field(default=None, repr=False, compare=False)


@dataclass
class Report:
    files: list[FileReport] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    #: Rule id -> Rule of the rules that ran (for SARIF rule metadata); never in JSON.
    rules: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def all_errors(self) -> list[str]:
        return self.errors + [e for f in self.files for e in f.errors]

    def findings(self) -> Iterator[Finding]:
        for f in self.files:
            yield from f.findings


@dataclass(frozen=True)
class Target:
    path: Path | None  # None = standard input
    display: str


def collect(paths: Sequence[str], extensions: Sequence[str]) -> tuple[list[Target], list[str]]:
    """Expand files, directories (recursively, by extension) and '-' into targets."""
    targets: list[Target] = []
    errors: list[str] = []
    exts = {e.lower() if e.startswith(".") else "." + e.lower() for e in extensions}
    seen: set[str] = set()
    for raw in paths:
        if raw == "-":
            targets.append(Target(None, "<stdin>"))
            continue
        p = Path(raw)
        if p.is_dir():
            from qa.discover import wanted

            for found in _walk(p, exts, errors):
                if not wanted(found):  # an XML file that is no feed, or one of qa's own reports
                    continue
                key = os.path.realpath(found)
                if key not in seen:
                    seen.add(key)
                    targets.append(Target(found, str(found)))
        elif p.exists():
            kind = _not_regular(p)
            if kind:  # a FIFO would block forever, /dev/zero never ends: not a document
                errors.append(f"{raw}: is {kind}, not a regular file; not checked")
            else:
                targets.append(Target(p, raw))
        elif p.is_symlink():
            targets.append(Target(p, raw))  # dangling: the reader says so
        else:
            errors.append(f"{raw}: no such file or directory")
    return targets, errors


def _walk(root: Path, exts: set[str], errors: list[str]) -> Iterator[Path]:
    visited: set[tuple[int, int]] = set()

    def onerror(exc: OSError) -> None:
        errors.append(f"{exc.filename}: {exc.strerror or 'cannot be read'}")

    for dirpath, dirnames, filenames in os.walk(root, onerror=onerror, followlinks=True):
        try:
            st = os.stat(dirpath)
        except OSError:
            dirnames[:] = []
            continue
        if (st.st_dev, st.st_ino) in visited:  # a symlink loop: seen this directory already
            dirnames[:] = []
            continue
        visited.add((st.st_dev, st.st_ino))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if Path(name).suffix.lower() in exts and not _not_regular(Path(dirpath) / name):
                yield Path(dirpath) / name  # FIFOs, sockets and devices in a tree are skipped


def _not_regular(path: Path) -> str | None:
    """What ``path`` is when it is not a regular file ('a FIFO (named pipe)', 'a device'), else None."""
    from qa.readers import kind_of

    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # unreadable or vanished: the reader reports it
    return None if stat.S_ISREG(mode) else kind_of(mode)


def load_target(target: Target, html: str = "article") -> list[Source]:
    if target.path is None:
        return from_bytes(read_bounded(sys.stdin.buffer, target.display), target.display)
    return read(target.path, target.display, html)


#: Adds per-document data (readability, scores) to a FileReport after checking.
Annotator = Callable[[Source, FileReport], None]


def check_target(target: Target, engine: Engine, annotators: Iterable[Annotator] = (), html: str = "article") -> list[FileReport]:
    try:
        sources = load_target(target, html)
    except QaError as exc:
        return [FileReport(target.display, errors=[str(exc)])]
    return check_sources(sources, engine, annotators)


def check_sources(sources: Iterable[Source], engine: Engine, annotators: Iterable[Annotator] = ()) -> list[FileReport]:
    """One FileReport per Source (a feed gives several): findings, then the annotators' data."""
    annotators = tuple(annotators)
    return [check_source(source, engine, annotators) for source in sources]


def check_source(source: Source, engine: Engine, annotators: Iterable[Annotator] = ()) -> FileReport:
    report = FileReport(source.path, words=source.words, source=source)
    report.extras.update(source.meta.get("extras", {}))  # feed items: file, item, title, link
    problems: list[str] = []  # a grammar engine that failed: its line, and the rules' findings kept
    try:
        report.findings = engine.check(source, problems)
        for annotate in annotators:
            annotate(source, report)
    except QaError as exc:
        problems.append(str(exc))
    source.release()  # the report keeps the text, not the tables built to check it
    report.errors.extend(p if p.startswith(source.path) else f"{source.path}: {p}" for p in problems)
    return report


def exit_code(report: Report, fail_on: Severity | None, fail_on_score: float | None = None) -> int:
    """The one place the exit status is decided: 2 errors, 1 findings at/above fail-on or a
    document's MT score at/above fail-on-score, else 0."""
    if report.all_errors:
        return 2
    if fail_on is not None and any(f.severity >= fail_on for f in report.findings()):
        return 1
    if fail_on_score is not None:
        from qa.mtscore import over

        if over(report, fail_on_score):
            return 1
    return 0
