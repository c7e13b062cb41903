"""Clean, professionally edited news copy written for the tests (wire style: datelines,
sign-offs, quotes, sports and market "rallies", names with accents, U.S. style) must get no
warning or error from the default checks. Each file is a trap for some rule family."""

from __future__ import annotations

import json

import pytest
from conftest import FIXTURES

CLEAN = sorted((FIXTURES / "clean").iterdir())


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_clean_copy_gets_no_warnings(qa, path):
    p = qa("check", "--no-cache", "--format", "json", str(path))
    report = json.loads(p.out)
    loud = [(x["rule"], x["text"]) for f in report["files"] for x in f["findings"] if x["severity"] != "info"]
    assert loud == []
    assert p.returncode == 0
    assert report["files"][0]["mt"]["verdict"] == "unlikely"
