"""Reference mode on the dev corpus pairs (skipped when ../shared is absent)."""

from __future__ import annotations

import json

import pytest
from conftest import CORPUS, FIXTURES, ROOT, run_qa

from qa.reference import check_files
from qa.reference.evaluate import evaluate_pairs

DEV = next((p for p in (CORPUS, ROOT.parents[1] / "shared" / "corpus" / "dev") if p.is_dir()), None)
PAIRS = FIXTURES / "reference" / "dev-pairs.txt"

pytestmark = pytest.mark.skipif(DEV is None or not (DEV / "126.txt").is_file(), reason="shared corpus not present")


@pytest.fixture(scope="module")
def scores():
    return {s.copy: s for s in evaluate_pairs(DEV, PAIRS)}


def test_spin_125_against_126_finds_nine_tenths_of_the_spans_in_reach(scores):
    s = scores["125"]
    assert s.in_reach >= 24 and s.in_reach_hit >= 0.9 * s.in_reach, s
    assert s.verdict == "spun"


def test_partial_overlap_pairs_are_reported_sensibly(scores):
    assert scores["001"].verdict == "translated"
    assert scores["003"].verdict in ("translated", "spun")
    assert scores["004"].verdict == "edited"
    findings, summary = check_files(DEV / "002.txt", DEV / "004.txt")
    rules = [f.rule for f in findings]
    assert rules[0] == "REF011" and rules[-1] == "REF011"  # an excerpt: starts later, goes on longer
    assert rules.count("REF006") >= 3  # the linked passages the scrape lost
    assert summary["substituted"] == 0.0 and summary["coverage"] < 0.9
    text = (DEV / "004.txt").read_text(encoding="utf-8")
    assert all(text[f.start : f.end] == f.text for f in findings)


@pytest.mark.parametrize("case", ["126", "002", "125", "000"])
def test_a_text_against_itself_gives_nothing(case):
    findings, summary = check_files(DEV / f"{case}.txt", DEV / f"{case}.txt")
    assert findings == [] and summary["verdict"] == "verbatim"


def test_qa_eval_pairs_cli():
    proc = run_qa("eval", str(DEV), "--pairs", str(PAIRS), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    pairs = {p["copy"]: p for p in json.loads(proc.stdout)["pairs"]}
    assert set(pairs) == {"125", "001", "003", "004"}
    assert pairs["125"]["in_reach_hit"] >= 22
