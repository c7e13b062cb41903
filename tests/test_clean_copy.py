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
MIN_WORDS = 9500

# Clean files the document score still calls "possible": a false alarm of the score, kept
# here so it is seen (not deleted), until the score is retrained on more clean copy.
SCORE_FALSE_ALARMS = {
    "obituary-conductor.txt": "short closing sentences of an obituary read as 'sentence length'",
    "obituary-physicist.txt": "an obituary with no finding at all scores 0.39 ('possible')",
    "court-transcript.txt": "the short questions and answers of a transcript read as 'sentence length'",
}

# Warnings of the statistical layer (qa/lm, owned by its helpers) on clean copy: (file, rule,
# flagged text) -> why it is wrong. Kept visible as expected failures until the model learns
# the collocation; every other warning on the trap set fails the run.
KNOWN_FALSE_ALARMS: dict[tuple[str, str, str], str] = {}


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
    loud = [x for x in loud if (path.name, x[0], x[1]) not in KNOWN_FALSE_ALARMS]
    assert loud == []


@pytest.mark.parametrize("key", sorted(KNOWN_FALSE_ALARMS), ids=lambda k: f"{k[0]}:{k[1]}:{k[2]}")
def test_known_false_alarms_of_other_layers(report, key):
    name, rule, text = key
    still = any((x["rule"], x["text"]) == (rule, text) for x in report[name]["findings"])
    if still:
        pytest.xfail(KNOWN_FALSE_ALARMS[key])


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_clean_copy_is_not_called_damaged(report, path):
    signals = report[path.name]
    assert signals["mt"]["verdict"] != "likely"
    assert signals["scraping"]["verdict"] == "unlikely"
    if signals["mt"]["verdict"] != "unlikely" and path.name in SCORE_FALSE_ALARMS:
        pytest.xfail(SCORE_FALSE_ALARMS[path.name])
    assert signals["mt"]["verdict"] == "unlikely"


def test_clean_copy_exit_code(qa):
    quiet = [p for p in CLEAN if p.name not in {k[0] for k in KNOWN_FALSE_ALARMS}]
    p = qa("check", "--no-cache", *map(str, quiet))
    assert p.returncode == 0, p.out
