"""GitHub Actions workflow commands: one annotation per finding, errors first, then a summary.

GitHub shows only the first few annotations of each severity per step, so the order matters:
errors, then warnings, then notices (info), each by file and position. Values are escaped as
the runner expects: in the message ``%``, CR and LF; in properties also ``:`` and ``,``.
"""

from __future__ import annotations

from qa.finding import Finding, Severity
from qa.report.location import file_path, item_of
from qa.report.text import describe_suggestion, render_summary
from qa.run import Report

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(path: str, f: Finding, root: str | None = None) -> str:
    props = [
        ("file", file_path(path, root)),
        ("line", str(f.line)),
        ("col", str(f.column)),
        ("endLine", str(f.end_line)),
        ("endColumn", str(f.end_column)),
        ("title", f"{f.rule} {f.name}"),
    ]
    message = f.message
    if f.suggestions:
        message += " Suggestion: " + " | ".join(describe_suggestion(s) for s in f.suggestions[:3])
    item = item_of(path)
    if item:
        message += f" ({item})"
    head = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    return f"::{COMMANDS[f.severity]} {head}::{escape_data(message)}"


def render(report: Report, root: str | None = None) -> str:
    lines = [f"::error title=qa::{escape_data(e)}" for e in report.all_errors]
    ordered = sorted(
        ((file.path, f) for file in report.files for f in file.findings),
        key=lambda pf: (-pf[1].severity, file_path(pf[0]), pf[1].start, pf[1].end, pf[1].rule),
    )
    lines += [annotation(path, f, root) for path, f in ordered]
    lines.append(render_summary(report))
    return "\n".join(lines) + "\n"
