"""JUnit XML for CI test dashboards: one testcase per document.

A document fails when it has findings at or above ``threshold`` (the run's ``--fail-on``); the
failure lists every such finding, one per line. Findings below it go to ``system-out`` so the
dashboard still shows them. An unreadable document is an ``error``; run-level problems
(missing paths, broken packs) form one extra testcase. Characters XML 1.0 forbids are dropped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from qa.finding import Severity
from qa.report.text import render_finding
from qa.run import FileReport, Report

_FORBIDDEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(value: str) -> str:
    return _FORBIDDEN.sub("", value)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _testcase(file: FileReport, threshold: Severity | None) -> tuple[ET.Element, bool, bool]:
    case = ET.Element("testcase", {"classname": "qa", "name": clean(file.path), "file": clean(file.path)})
    fails = [threshold is not None and f.severity >= threshold for f in file.findings]
    failing = [f for f, fail in zip(file.findings, fails) if fail]
    passing = [f for f, fail in zip(file.findings, fails) if not fail]
    if file.errors:
        error = ET.SubElement(case, "error", {"message": clean(file.errors[0]), "type": "input"})
        error.text = clean("\n".join(file.errors))
    if failing:
        worst = max(f.severity for f in failing)
        failure = ET.SubElement(
            case, "failure", {"message": clean(_plural(len(failing), "finding")), "type": worst.label}
        )
        failure.text = clean("\n".join(render_finding(file.path, f) for f in failing))
    if passing:
        out = ET.SubElement(case, "system-out")
        out.text = clean("\n".join(render_finding(file.path, f) for f in passing))
    return case, bool(failing), bool(file.errors)


def render(report: Report, threshold: Severity | None = Severity.INFO) -> str:
    suite = ET.Element("testsuite", {"name": "qa"})
    failures = errors = 0
    for file in report.files:
        case, failed, errored = _testcase(file, threshold)
        failures += failed
        errors += errored
        suite.append(case)
    tests = len(report.files)
    if report.errors:
        case = ET.SubElement(suite, "testcase", {"classname": "qa", "name": "(run)"})
        error = ET.SubElement(case, "error", {"message": clean(report.errors[0]), "type": "run"})
        error.text = clean("\n".join(report.errors))
        tests += 1
        errors += 1
    counts = {"tests": str(tests), "failures": str(failures), "errors": str(errors), "skipped": "0"}
    suite.attrib.update(counts)
    root = ET.Element("testsuites", {"name": "qa", **{k: counts[k] for k in ("tests", "failures", "errors")}})
    root.append(suite)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
