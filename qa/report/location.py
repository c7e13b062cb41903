"""Shared by the CI formatters: file paths as CI systems want them, UTF-16 columns, fingerprints."""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from typing import Iterator

from qa.finding import Finding
from qa.run import FileReport

#: Feed readers report each item as ``feed.xml#item-N``; the findings point into feed.xml.
_ITEM = re.compile(r"#item-\d+$")
_WORD = re.compile(r"\w+")


def file_path(display: str, root: str | None = None) -> str:
    """The file a report path names, relative to ``root`` when inside it, with forward slashes."""
    path = _ITEM.sub("", display)
    if root is not None and os.path.isabs(path):
        rel = os.path.relpath(path, root)
        if not rel.startswith(".."):
            path = rel
    return path.replace(os.sep, "/") if os.sep != "/" else path


def item_of(display: str) -> str | None:
    """``item-3`` for ``feed.xml#item-3``, else None."""
    m = _ITEM.search(display)
    return m.group(0)[1:] if m else None


def raw_text(report: FileReport) -> str | None:
    """The decoded file the findings' offsets point into, when the report kept it."""
    return report.source.raw if report.source is not None else None


def utf16_column(raw: str | None, offset: int, column: int) -> int:
    """``column`` (code points, 1-based) counted in UTF-16 code units instead."""
    if raw is None:
        return column
    line_start = offset - (column - 1)
    return column + sum(1 for c in raw[max(0, line_start) : offset] if ord(c) > 0xFFFF)


def raw_slice(report: FileReport, finding: Finding) -> str:
    """The matched text as it stands in the file (markup included), else the matched text."""
    raw = raw_text(report)
    return raw[finding.start : finding.end] if raw is not None else finding.text


def fingerprints(report: FileReport) -> Iterator[tuple[Finding, str]]:
    """A stable id per finding: rule + matched text + two words either side + occurrence.

    No line numbers, so an edit elsewhere in the file keeps every other finding's id.
    """
    raw = raw_text(report)
    seen: Counter[str] = Counter()
    for f in report.findings:
        before = after = ""
        if raw is not None:
            before = " ".join(_WORD.findall(raw[max(0, f.start - 60) : f.start])[-2:])
            after = " ".join(_WORD.findall(raw[f.end : f.end + 60])[:2])
        key = "\x00".join((f.rule, " ".join(f.text.split()).lower(), before.lower(), after.lower()))
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
        seen[digest] += 1
        yield f, f"{digest}:{seen[digest]}"
