"""Golden files for the CI and editor formats: fixtures/reports/expected.<format>.

Regenerate with ``pytest tests/test_report_golden.py --update-golden`` and review the diff.
"""

from __future__ import annotations

import pytest
from reportcase import REPORTS, build_report

from qa.finding import Severity
from qa.report import github, html, jsonfmt, junit, sarif

RENDER = {
    "sarif": lambda r: sarif.render(r, root=None),
    "github": lambda r: github.render(r),
    "junit": lambda r: junit.render(r, Severity.WARNING),
    "html": lambda r: html.render(r),
    "json": lambda r: jsonfmt.render(r),
}


@pytest.mark.parametrize("fmt", sorted(RENDER))
def test_golden_report(fmt, update_golden):
    out = RENDER[fmt](build_report())
    expected = REPORTS / f"expected.{fmt}"
    if update_golden or not expected.exists():
        expected.write_text(out, encoding="utf-8", newline="")
    assert out == expected.read_bytes().decode("utf-8")


@pytest.mark.parametrize("fmt", sorted(RENDER))
def test_formatters_are_pure(fmt):
    report = build_report()
    assert RENDER[fmt](report) == RENDER[fmt](report)
