"""The human report: ``path:line:col: ID severity message`` plus match and suggestion."""

from __future__ import annotations

import unicodedata
from typing import Callable

from qa.finding import Finding, Severity
from qa.report import summary
from qa.run import FileReport, Report

Style = Callable[..., str]

#: First line of a text report written to a file (``-o``): directory walks know it by this
#: (qa/discover.py), so a report kept in the checked folder is not checked as an article.
FILE_HEADER = "# mtqa text report (qa check output; directory walks skip this file)\n"

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def plain(text: str, **_: object) -> str:
    return text


def visible(text: str) -> str:
    """``text`` with every character a reader cannot see (format and control characters, bar
    tab and line feed) written as ``<U+200B>``; a zero-width joiner between two non-letters,
    as inside an emoji sequence, is left as it is."""
    if text.isprintable():
        return text
    out = []
    for i, c in enumerate(text):
        if c in "\t\n" or unicodedata.category(c) not in ("Cf", "Cc"):
            out.append(c)
        elif c == "\u200d" and 0 < i < len(text) - 1 and not (text[i - 1].isalpha() or text[i + 1].isalpha()):
            out.append(c)
        else:
            out.append(f"<U+{ord(c):04X}>")
    return "".join(out)


def describe_suggestion(s: str) -> str:
    return "(delete)" if s == "" else repr(s) if s.strip() != s else visible(s)


def render_finding(path: str, f: Finding, style: Style = plain) -> str:
    head = f"{path}:{f.line}:{f.column}: {style(f.rule, bold=True)} {style(f.severity.label, fg=_COLOURS[f.severity])} {f.message}"
    shown = visible(f.text if len(f.text) <= 80 else f.text[:77] + "...")
    lines = [head, f"    {style(shown.replace(chr(10), ' '), underline=True)}"]
    if f.suggestions:
        lines[-1] += "  ->  " + style(" | ".join(describe_suggestion(s) for s in f.suggestions[:3]), fg="green")
    return "\n".join(lines)


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 sentence``, ``2 sentences`` (``many`` for an irregular plural)."""
    return f"{n} {word if n == 1 else many or word + 's'}"


def render_summary(report: Report) -> str:
    s = summary(report)
    parts = [plural(s["findings"], "finding")]
    names = {"errors": "error", "warnings": "warning", "infos": "info"}
    detail = [plural(s[k], names[k]) for k in names if s[k]]
    if detail:
        parts[0] += " (" + ", ".join(detail) + ")"
    parts.append(f"in {s['files_with_findings']} of {plural(s['files'], 'file')}")
    line = " ".join(parts)
    if s["input_errors"]:
        line += f"; {plural(s['input_errors'], 'input error')}"
    return line + "."


def label(f: FileReport) -> str:
    """A document's name for people: its path, and a feed item's title after it."""
    title = f.extras.get("title")
    return f"{f.path} ({title})" if isinstance(title, str) and title.strip() else f.path


def extra_lines(f: FileReport) -> list[str]:
    """One line per known report extra (readability, document scores), in a fixed order, each
    naming its document (a file without findings has no other line to say which one it is)."""
    lines: list[str] = []
    if "readability" in f.extras:
        from qa.adapters.readability import summary_line

        lines.append(summary_line(f.extras["readability"]))
    for name in ("mt", "scraping"):
        if isinstance(f.extras.get(name), dict):
            from qa.mtscore import summary_line as score_line

            lines.append(score_line(f.extras[name], name))
    if "reference" in f.extras:
        from qa.reference.summary import summary_line as reference_line

        lines.append(reference_line(f.extras["reference"]))
    doc = label(f)
    return [f"{doc}: {line}" for line in lines]


def render(report: Report, style: Style = plain, errors: bool = True, header: bool = False) -> str:
    """The text report. ``errors=False`` leaves out the input errors (the CLI has printed them
    on the terminal already: once is enough); ``header`` starts it with FILE_HEADER (-o)."""
    out: list[str] = [FILE_HEADER.rstrip("\n")] if header else []
    for f in report.files:
        for finding in f.findings:
            out.append(render_finding(f.path, finding, style))
        out.extend(extra_lines(f))
        if errors:
            for error in f.errors:
                out.append(style(f"error: {error}", fg="red"))
    out.append(render_summary(report))
    return "\n".join(out) + "\n"
