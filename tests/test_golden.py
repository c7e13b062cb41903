"""Whole-document golden files: fixtures/golden/<case>/input.* -> expected.txt.

Regenerate with ``pytest tests/test_golden.py --update-golden`` and review the diff.
"""

from __future__ import annotations

import pytest
from conftest import FIXTURES

from qa.app import build_engine
from qa.readers import read
from qa.settings import Settings

CASES = sorted(p for p in (FIXTURES / "golden").iterdir() if p.is_dir())


def render(findings) -> str:
    lines = []
    for f in findings:
        sugg = " | ".join(s if s else "(delete)" for s in f.suggestions)
        lines.append(
            f"{f.line}:{f.column}-{f.end_line}:{f.end_column} {f.rule} {f.severity.label} {f.text!r}"
            + (f" -> {sugg}" if sugg else "")
        )
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_golden(case, update_golden):
    errors: list[str] = []
    engine = build_engine(Settings(), errors)
    assert errors == []
    (source_file,) = [p for p in case.iterdir() if p.name.startswith("input.")]
    out = "".join(render(engine.check(src)) for src in read(source_file))
    expected = case / "expected.txt"
    if update_golden or not expected.exists():
        expected.write_text(out, encoding="utf-8")
    assert out == expected.read_text(encoding="utf-8")
