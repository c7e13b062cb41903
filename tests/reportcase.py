"""The fixed Report the formatter tests render: fixtures/reports/input/* checked with the
fixtures/reports/rules pack (never the shipped packs, so the goldens only change with the
formatters), plus an unreadable file and a run-level error."""

from __future__ import annotations

from conftest import FIXTURES

from qa.engine import Engine, RuleSet
from qa.readers import read
from qa.rulepack import load_rules
from qa.run import FileReport, Report, check_target, Target

REPORTS = FIXTURES / "reports"


def build_report() -> Report:
    rules = RuleSet(load_rules([REPORTS / "rules"]))
    engine = Engine(rules)
    report = Report(rules={r.id: r for r in rules.rules})
    for path in sorted((REPORTS / "input").iterdir()):
        report.files.extend(check_target(Target(path, f"input/{path.name}"), engine))
    report.files.append(FileReport("input/broken.txt", errors=["input/broken.txt: is not valid UTF-8 (byte 0xff at offset 3)"]))
    report.errors.append("missing.txt: no such file or directory")
    return report


def source_of(report: Report, name: str):
    (file,) = [f for f in report.files if f.path == f"input/{name}"]
    return file
