"""SARIF: valid against the 2.1.0 schema, one result per JSON finding, UTF-16 columns,
line-free fingerprints, fixes only where the file holds the matched text verbatim."""

from __future__ import annotations

import json

import pytest
from conftest import FIXTURES, SHARED
from reportcase import build_report, source_of

from qa.finding import Finding, Severity
from qa.report import sarif
from qa.run import FileReport, Report
from qa.source import Source

SCHEMA = SHARED / "data" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def validator():
    if not SCHEMA.exists():
        pytest.skip(f"{SCHEMA} not present")
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def test_fixture_report_is_valid(validator):
    doc = sarif.to_dict(build_report(), root="/srv/news")
    errors = sorted(validator.iter_errors(doc), key=str)
    assert errors == []
    run = doc["runs"][0]
    assert run["columnKind"] == "utf16CodeUnits"
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["TST001", "TST002", "TST003"]
    assert all(run["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] == r["ruleId"] for r in run["results"])
    assert run["invocations"][0]["executionSuccessful"] is False
    assert len(run["invocations"][0]["toolExecutionNotifications"]) == 2


def test_columns_count_utf16_code_units():
    report = build_report()
    results = sarif.to_dict(report)["runs"][0]["results"]
    # Line 2 holds an emoji (two UTF-16 units) before the second "VRC": one column further on.
    second = [r for r in results if r["ruleId"] == "TST002"][1]
    region = second["locations"][0]["physicalLocation"]["region"]
    file = source_of(report, "damaged.txt")
    f = [x for x in file.findings if x.rule == "TST002"][1]
    assert (region["startColumn"], region["endColumn"]) == (f.column + 1, f.end_column + 1)
    assert region["snippet"]["text"] == "VRC"


def test_fingerprints_survive_edits_elsewhere():
    def fingerprints(text):
        src = Source("a.txt", text)
        findings = []
        for word in ("VRC",):
            start = text.index(word)
            end = start + 3
            _, _, line, col, eline, ecol = src.locate(start, end)
            findings.append(Finding(start, end, "TST002", "n", "c", Severity.WARNING, "m", line, col, eline, ecol, word))
        report = Report([FileReport("a.txt", findings=findings, source=src)])
        return [r["partialFingerprints"] for r in sarif.to_dict(report)["runs"][0]["results"]]

    base = fingerprints("Intro.\nTrade with the VRC grew.\n")
    moved = fingerprints("A new first paragraph.\n\nIntro, longer now.\nTrade with the VRC grew.\n")
    other = fingerprints("Intro.\nTalks with the VRC failed.\n")
    assert base == moved
    assert base != other


def test_feed_items_point_into_the_feed_file_and_absolute_paths_become_relative():
    loc = sarif.artifact_location("/srv/news/feeds/wire.xml#item-3", "/srv/news")
    assert loc == {"uri": "feeds/wire.xml", "uriBaseId": "%SRCROOT%"}
    assert sarif.artifact_location("/elsewhere/a b.txt", "/srv/news") == {"uri": "file:///elsewhere/a%20b.txt"}
    assert sarif.artifact_location("dir\\sub/x#1.txt", None)["uri"] == "dir%5Csub/x%231.txt"


def test_no_fix_when_the_span_crosses_markup():
    raw = "<p>the <b>VRC</b> said</p>"
    src = Source("a.html", "the VRC said", raw=raw)
    f = Finding(7, 17, "TST002", "n", "c", Severity.WARNING, "m", 1, 8, 1, 18, "VRC", ("PRC",), True)
    (result,) = sarif.to_dict(Report([FileReport("a.html", findings=[f], source=src)]))["runs"][0]["results"]
    assert "fixes" not in result
    assert result["locations"][0]["physicalLocation"]["region"]["snippet"]["text"] == "<b>VRC</b>"


def test_cli_sarif_has_one_result_per_json_finding(qa, validator, tmp_path):
    docs = sorted((FIXTURES / "articles").glob("*.txt")) + sorted((FIXTURES / "reports" / "input").glob("*.txt"))
    args = ["--fail-on", "never", "--no-cache", *map(str, docs)]
    as_json = json.loads(qa("check", "--format", "json", *args).out)
    out = tmp_path / "qa.sarif"
    proc = qa("check", "--format", "sarif", "--output", str(out), *args)
    assert proc.returncode == 0, proc.err
    assert proc.out.strip().endswith("file.") or proc.out.strip().endswith("files.")
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert list(validator.iter_errors(doc)) == []
    expected = sorted((f["path"], f2["rule"], f2["line"], f2["column"]) for f in as_json["files"] for f2 in f["findings"])
    got = sorted(
        (
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["ruleId"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["locations"][0]["physicalLocation"]["region"]["startColumn"],
        )
        for r in doc["runs"][0]["results"]
    )
    assert len(got) == len(expected) > 0
    assert [g[1:3] for g in got] == [e[1:3] for e in expected]
