"""Formatters: small pure functions from a Report to text. None decides the exit code."""

from __future__ import annotations

from collections import Counter
from typing import Any

from qa.run import Report

SCHEMA = "mtqa-report/2"


def summary(report: Report) -> dict[str, Any]:
    counts = Counter(f.severity.label for f in report.findings())
    return {
        "files": len(report.files),
        "files_with_findings": sum(1 for f in report.files if f.findings),
        "findings": sum(counts.values()),
        "errors": counts.get("error", 0),
        "warnings": counts.get("warning", 0),
        "infos": counts.get("info", 0),
        "input_errors": len(report.all_errors),
        "words": sum(f.words for f in report.files),
    }
