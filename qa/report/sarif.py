"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one result per finding.

Columns are counted in UTF-16 code units and the run says so (``columnKind``), which is what
the SARIF default and GitHub assume. ``partialFingerprints`` carry a line-free id so an alert
survives edits elsewhere in the file. Suggestions become ``fixes`` when the matched text stands
verbatim in the file (a span that crosses markup is never rewritten).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import quote

from qa import __version__
from qa.explain import explain_rule
from qa.finding import Finding, Severity
from qa.report.location import file_path, fingerprints, item_of, raw_slice, raw_text, utf16_column
from qa.run import FileReport, Report

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "mtqa/v1"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_location(display: str, root: str | None) -> dict[str, str]:
    path = file_path(display, root)
    if os.path.isabs(path):
        return {"uri": "file://" + quote(path if path.startswith("/") else "/" + path, safe="/:")}
    return {"uri": quote(path, safe="/"), "uriBaseId": "%SRCROOT%"}


def _region(report: FileReport, f: Finding, snippet: bool) -> dict[str, Any]:
    raw = raw_text(report)
    region: dict[str, Any] = {
        "startLine": f.line,
        "startColumn": utf16_column(raw, f.start, f.column),
        "endLine": f.end_line,
        "endColumn": utf16_column(raw, f.end, f.end_column),
    }
    if snippet:
        region["snippet"] = {"text": raw_slice(report, f)}
    return region


def _describe(suggestion: str, matched: str) -> str:
    return f"Delete '{matched}'" if suggestion == "" else f"Replace '{matched}' with '{suggestion}'"


def _fixes(report: FileReport, f: Finding, location: dict[str, str]) -> list[dict[str, Any]]:
    if not f.suggestions or raw_slice(report, f) != f.text:
        return []
    deleted = _region(report, f, snippet=False)
    return [
        {
            "description": {"text": _describe(s, f.text)},
            "artifactChanges": [
                {
                    "artifactLocation": dict(location),
                    "replacements": [{"deletedRegion": dict(deleted), "insertedContent": {"text": s}}],
                }
            ],
        }
        for s in f.suggestions
    ]


def _result(report: FileReport, f: Finding, fingerprint: str, index: int, root: str | None) -> dict[str, Any]:
    location = artifact_location(report.path, root)
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": index,
        "level": LEVELS[f.severity],
        "message": {"text": f.message},
        "locations": [{"physicalLocation": {"artifactLocation": location, "region": _region(report, f, True)}}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        "properties": {"category": f.category, "fixable": f.fixable},
    }
    item = item_of(report.path)
    if item:
        result["locations"][0]["logicalLocations"] = [{"name": item, "kind": "object"}]
    fixes = _fixes(report, f, location)
    if fixes:
        result["fixes"] = fixes
    return result


def _help_text(rule: Any) -> str:
    """``qa explain`` without the pack's file path (which differs from machine to machine)."""
    return "\n".join(line for line in explain_rule(rule).splitlines() if not line.startswith("  pack: "))


def _help_markdown(rule: Any) -> str:
    lines = [" ".join(rule.description.split()), ""]
    if rule.examples.bad:
        lines.append("Flagged:")
        for b in rule.examples.bad:
            text = b.text
            for start, end in reversed(b.spans):
                text = text[:start] + "**" + text[start:end] + "**" + text[end:]
            lines.append(f"- {' '.join(text.split())}")
        lines.append("")
    if rule.examples.good:
        lines.append("Not flagged:")
        lines.extend(f"- {' '.join(g.split())}" for g in rule.examples.good)
    return "\n".join(lines).strip() + "\n"


def rule_descriptor(rule_id: str, rule: Any, first: Finding) -> dict[str, Any]:
    """A reportingDescriptor from the pack's Rule, or from the finding when no Rule ran (providers)."""
    if rule is None:
        return {
            "id": rule_id,
            "name": first.name,
            "shortDescription": {"text": first.name},
            "defaultConfiguration": {"level": LEVELS[first.severity]},
            "properties": {"tags": [first.category]},
        }
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": " ".join(rule.description.split())},
        "help": {"text": _help_text(rule), "markdown": _help_markdown(rule)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {
            "tags": list(dict.fromkeys([rule.category, Path(rule.pack).stem])),  # SARIF: tags are unique
            "fix": rule.fix,
        },
    }


def to_dict(report: Report, root: str | None = None, rules: Mapping[str, Any] | None = None) -> dict[str, Any]:
    rules = report.rules if rules is None else rules
    first: dict[str, Finding] = {}
    for f in report.findings():
        first.setdefault(f.rule, f)
    order = sorted(first)
    index = {rule_id: i for i, rule_id in enumerate(order)}
    results = [
        _result(file, f, fp, index[f.rule], root) for file in report.files for f, fp in fingerprints(file)
    ]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "qa",
                "fullName": "qa (mtqa) news-text quality checker",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [rule_descriptor(r, rules.get(r), first[r]) for r in order],
            }
        },
        "invocations": [
            {
                "executionSuccessful": not report.all_errors,
                "toolExecutionNotifications": [
                    {"level": "error", "message": {"text": e}} for e in report.all_errors
                ],
            }
        ],
        "columnKind": "utf16CodeUnits",
        "results": results,
    }
    if root is not None:
        base = root if root.endswith(os.sep) else root + os.sep
        run["originalUriBaseIds"] = {"%SRCROOT%": {"uri": "file://" + quote(base.replace(os.sep, "/"), safe="/:")}}
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(report: Report, root: str | None = None) -> str:
    return json.dumps(to_dict(report, root), ensure_ascii=False, indent=2) + "\n"
