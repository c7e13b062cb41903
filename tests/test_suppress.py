"""Inline suppressions in Markdown and HTML, through the CLI, and the unused-suppression report."""

from __future__ import annotations

import json

from conftest import FIXTURES
from qa.engine import Selector
from qa.finding import Finding, Severity
from qa.readers.extract import Directive, parse_directive
from qa.source import Source
from qa.suppress import apply_suppressions

MARKUP = FIXTURES / "markup"


def _run(qa, name: str, *extra: str) -> list[tuple[str, int, int, str]]:
    p = qa("check", "--format", "json", "--fail-on", "never", "--grammar", "off", "--no-cache", "--select", "FRN,QA", *extra, str(MARKUP / name))
    assert p.returncode == 0, p.err
    data = json.loads(p.out)
    return [(x["rule"], x["line"], x["column"], x["severity"]) for f in data["files"] for x in f["findings"]]


def test_markdown_suppressions(qa):
    got = _run(qa, "suppress.md")
    assert ("FRN001", 3, 16, "warning") in got  # before any directive
    assert not [g for g in got if g[1] in (6, 9)]  # next-line and the disable/enable block (by category)
    assert ("FRN001", 16, 5, "warning") in got  # after qa-enable
    # RES001 is not selected here, so its directive cannot be judged unused
    assert not [g for g in got if g[0] == "QA001"]


def test_unused_suppression_is_reported_as_info(qa):
    got = _run(qa, "suppress.md", "--select", "RES001")
    assert ("QA001", 12, 1, "info") in got


def test_html_suppressions_and_unused_next_line(qa):
    got = _run(qa, "suppress.html")
    assert ("FRN001", 1, 19, "warning") in got
    assert not [g for g in got if g[1] == 3]
    # the disable-next-line covers line 6 (there is none), so the finding on line 5 stays and it is unused
    assert ("FRN001", 5, 8, "warning") in got
    assert ("QA001", 5, 19, "info") in got


def test_ignoring_qa001_hides_unused_reports(qa):
    got = _run(qa, "suppress.html", "--ignore", "QA001")
    assert not [g for g in got if g[0] == "QA001"]


def _finding(rule: str, start: int, line: int) -> Finding:
    return Finding(start, start + 3, rule, rule.lower(), "cat", Severity.WARNING, "m", line, 1, line, 4, "xyz")


def test_apply_suppressions_scopes():
    raw = "a\n<!-- qa-disable A1 -->\nxyz xyz\n<!-- qa-enable A1 -->\nxyz\n"
    src = Source("t.md", raw)
    d1 = parse_directive(" qa-disable A1 ", raw.index("<!--"), raw.index("-->") + 3)
    second = raw.index("<!-- qa-enable")
    d2 = parse_directive(" qa-enable A1 ", second, second + 21)
    assert d1 == Directive("disable", ("A1",), 2, 24) and d2.kind == "enable"
    inside = raw.index("xyz")
    after = raw.rindex("xyz")
    findings = [_finding("A1", inside, 3), _finding("A1", inside + 4, 3), _finding("B2", inside, 3), _finding("A1", after, 5)]
    kept = apply_suppressions(src, findings, [d1, d2], Selector())
    assert [(f.rule, f.start) for f in kept] == [("B2", inside), ("A1", after)]


def test_parse_directive():
    assert parse_directive(" qa-disable RES001, FRN ", 0, 5).rules == ("RES001", "FRN")
    assert parse_directive("qa-disable-next-line", 0, 5).kind == "disable-next-line"
    assert parse_directive(" an ordinary comment ", 0, 5) is None
    assert parse_directive(" qa-disabled X ", 0, 5) is None
