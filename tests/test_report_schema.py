"""The JSON report against its published schema (docs/report.schema.json): real runs of
``qa check --format json`` on articles, markup and a feed must validate, and the version in
the schema is the one the report names."""

from __future__ import annotations

import json

import pytest
from conftest import FIXTURES, ROOT

from qa.report import SCHEMA

SCHEMA_FILE = ROOT / "docs" / "report.schema.json"


@pytest.fixture(scope="module")
def validator():
    import jsonschema

    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def test_schema_file_names_the_current_version():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert schema["properties"]["schema"]["const"] == SCHEMA == "mtqa-report/2"


@pytest.mark.parametrize("path", ["articles/round-trip.txt", "articles/clean-wire.txt", "markup/story.html", "markup/wire.rss"])
def test_report_validates(qa, validator, path):
    p = qa("check", "--format", "json", str(FIXTURES / path))
    report = json.loads(p.out)
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(report)]
    assert errors == []


def test_signals_carry_evidence_not_density(qa):
    report = json.loads(qa("check", "--format", "json", str(FIXTURES / "articles" / "round-trip.txt")).out)
    (f,) = report["files"]
    for name in ("mt", "scraping"):
        assert set(f[name]) == {"score", "verdict", "evidence"}, f[name]


def test_golden_report_validates(validator):
    report = json.loads((FIXTURES / "reports" / "expected.json").read_text(encoding="utf-8"))
    assert [e.message for e in validator.iter_errors(report)] == []
