"""Clean, professionally edited news copy written for the tests must get no warning or error
from the default checks. Each file is a trap for some rule family: wire datelines and
bylines, "(Reporting by ...; Editing by ...)" sign-offs, "3 p.m. (local time)", market and
sports "rallies", British and American spelling, brand names (iPhone, eBay, McDonald's,
GmbH, kWh), names with accents, and quotes of people speaking unidiomatic English, which a
newspaper prints verbatim.

The set is at least 3,000 words so that a rule with a false-alarm rate worth worrying about
is likely to show it here before it shows it on a user's story."""

from __future__ import annotations

import json

import pytest
from conftest import FIXTURES, run_qa

CLEAN = sorted((FIXTURES / "clean").iterdir())
MIN_WORDS = 3000

# Clean files the document score still calls "possible": a false alarm of the score, kept
# here so it is seen (not deleted), until the score is retrained on more clean copy.
SCORE_FALSE_ALARMS = {"obituary-conductor.txt": "short closing sentences of an obituary read as 'sentence length'"}


@pytest.fixture(scope="module")
def report():
    proc = run_qa("check", "--no-cache", "--format", "json", "--fail-on", "never", *map(str, CLEAN))
    assert proc.returncode == 0, proc.stderr
    return {f["path"].rsplit("/", 1)[-1]: f for f in json.loads(proc.stdout)["files"]}


def test_trap_set_is_large_enough():
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in CLEAN)
    assert words >= MIN_WORDS, f"fixtures/clean/ holds {words} words"


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_clean_copy_gets_no_warnings(report, path):
    findings = report[path.name]["findings"]
    loud = [(x["rule"], x["text"], x["message"]) for x in findings if x["severity"] != "info"]
    assert loud == []


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_clean_copy_is_not_called_damaged(report, path):
    signals = report[path.name]
    assert signals["mt"]["verdict"] != "likely"
    assert signals["scraping"]["verdict"] == "unlikely"
    if signals["mt"]["verdict"] != "unlikely" and path.name in SCORE_FALSE_ALARMS:
        pytest.xfail(SCORE_FALSE_ALARMS[path.name])
    assert signals["mt"]["verdict"] == "unlikely"


def test_clean_copy_exit_code(qa):
    p = qa("check", "--no-cache", *map(str, CLEAN))
    assert p.returncode == 0, p.out
