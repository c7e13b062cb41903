"""The human report: ``path:line:col: ID severity message`` plus match and suggestion."""

from __future__ import annotations

from typing import Callable

from qa.finding import Finding, Severity
from qa.report import summary
from qa.run import FileReport, Report

Style = Callable[..., str]

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def plain(text: str, **_: object) -> str:
    return text


def describe_suggestion(s: str) -> str:
    return "(delete)" if s == "" else repr(s) if s.strip() != s else s


def render_finding(path: str, f: Finding, style: Style = plain) -> str:
    head = f"{path}:{f.line}:{f.column}: {style(f.rule, bold=True)} {style(f.severity.label, fg=_COLOURS[f.severity])} {f.message}"
    shown = f.text if len(f.text) <= 80 else f.text[:77] + "..."
    lines = [head, f"    {style(shown.replace(chr(10), ' '), underline=True)}"]
    if f.suggestions:
        lines[-1] += "  ->  " + style(" | ".join(describe_suggestion(s) for s in f.suggestions[:3]), fg="green")
    return "\n".join(lines)


def render_summary(report: Report) -> str:
    s = summary(report)
    parts = [f"{s['findings']} finding{'s' if s['findings'] != 1 else ''}"]
    names = {"errors": "error", "warnings": "warning", "infos": "info"}
    detail = [f"{s[k]} {names[k]}{'s' if s[k] != 1 else ''}" for k in names if s[k]]
    if detail:
        parts[0] += " (" + ", ".join(detail) + ")"
    parts.append(f"in {s['files_with_findings']} of {s['files']} file{'s' if s['files'] != 1 else ''}")
    line = " ".join(parts)
    if s["input_errors"]:
        line += f"; {s['input_errors']} input error{'s' if s['input_errors'] != 1 else ''}"
    return line + "."


def extra_lines(f: FileReport) -> list[str]:
    """One line per known report extra (readability, document score), in a fixed order."""
    lines: list[str] = []
    if "readability" in f.extras:
        from qa.adapters.readability import summary_line

        lines.append("    " + summary_line(f.extras["readability"]))
    for name in ("mt", "scraping"):
        if isinstance(f.extras.get(name), dict):
            from qa.mtscore import summary_line as score_line

            lines.append("    " + score_line(f.extras[name], name))
    if "reference" in f.extras:
        from qa.reference.summary import summary_line as reference_line

        lines.append("    " + reference_line(f.extras["reference"]))
    return lines


def render(report: Report, style: Style = plain) -> str:
    out: list[str] = []
    for f in report.files:
        for finding in f.findings:
            out.append(render_finding(f.path, finding, style))
        out.extend(extra_lines(f))
        for error in f.errors:
            out.append(style(f"error: {error}", fg="red"))
    out.append(render_summary(report))
    return "\n".join(out) + "\n"
