"""``qa eval``: the shared scorer's figures, reproduced; per-rule hits and false alarms."""

from __future__ import annotations

import ast
import io
import json
import re
from collections import Counter
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from conftest import CORPUS, SHARED

from qa.evaluate import Annotation, Case, Hit, evaluate, hits, load_corpus, counted_hits
from qa.errors import QaError

SCORER = SHARED / "tools" / "score_corpus.py"


def test_hit_rule_matches_the_scorer_definition():
    span = Annotation(100, 150, "other", True)  # 50 characters
    assert hits(Hit(100, 110, "R"), span)  # a fifth exactly
    assert not hits(Hit(95, 109, "R"), span)  # less than a fifth, sticking out
    assert hits(Hit(120, 125, "R"), span)  # less than a fifth, but inside: the broken word
    assert hits(Hit(0, 165, "R"), span)  # 3 x 50 + 15 long
    assert not hits(Hit(0, 166, "R"), span)  # one longer
    assert not hits(Hit(150, 160, "R"), span)  # touching is not overlapping


def test_evaluate_counts_categories_rules_and_false_alarms():
    cases = {
        "001": Case("001", "positive", 100, (Annotation(0, 10, "cms_residue", True), Annotation(50, 60, "other", False))),
        "002": Case("002", "negative", 500, ()),
    }
    found = {"001": [Hit(0, 10, "RES001"), Hit(20, 30, "PUN001"), Hit(50, 58, "PUN001")], "002": [Hit(0, 3, "PUN001")]}
    ev = evaluate(cases, found)
    assert (ev.hit["cms_residue"], ev.total["cms_residue"]) == (1, 1)
    assert (ev.hit["other"], ev.total["other"], ev.hit_all["other"], ev.total_all["other"]) == (0, 0, 1, 1)
    assert (ev.on_target, ev.off_target) == (2, 1)
    assert ev.summary["fa_per_kw"] == pytest.approx(2.0)
    assert vars(ev.rules["PUN001"]) == {"spans_hit": 1, "on_target": 1, "off_target": 1, "false_alarms": 1}
    assert vars(ev.rules["RES001"]) == {"spans_hit": 1, "on_target": 1, "off_target": 0, "false_alarms": 0}


def _tiny_corpus(root: Path) -> Path:
    (root / "001.txt").write_text("Harbour News\nRead also\n\nShips waited outside the port for two days.\n", encoding="utf-8")
    (root / "001.json").write_text(json.dumps({"kind": "positive", "artifacts": [
        {"text": "Read also", "category": "cms_residue"}]}), encoding="utf-8")
    (root / "002.txt").write_text("The port reopened on Monday, the harbour master said.\n", encoding="utf-8")
    (root / "002.json").write_text(json.dumps({"kind": "negative", "artifacts": []}), encoding="utf-8")
    return root


def test_cli_on_a_tiny_corpus(qa, tmp_path):
    corpus = _tiny_corpus(tmp_path)
    p = qa("eval", str(corpus), "--select", "RES005", "--format", "json")
    assert p.returncode == 0, p.err
    out = json.loads(p.out)
    assert out["categories"]["cms_residue"]["high"] == {"hit": 1, "total": 1}
    assert out["rules"]["RES005"]["spans_hit"] == 1
    assert out["false_alarms"] == {"findings": 0, "words": 9}
    text = qa("eval", str(corpus), "--select", "RES005")
    assert re.search(r"cms_residue +high +1/1 = 100% +all +1/1 = 100%", text.out)
    assert "RES005" in text.out


def test_cli_ignore_removes_the_rule(qa, tmp_path):
    p = qa("eval", str(_tiny_corpus(tmp_path)), "--select", "RES005", "--ignore", "RES005", "--format", "json")
    out = json.loads(p.out)
    assert out["categories"]["cms_residue"]["high"]["hit"] == 0 and out["rules"] == {}


def test_bad_corpus_is_one_error_line(qa, tmp_path):
    (tmp_path / "001.json").write_text(json.dumps({"kind": "positive", "artifacts": [{"text": "x", "category": "other"}]}))
    (tmp_path / "001.txt").write_text("nothing here")
    with pytest.raises(QaError):
        load_corpus(tmp_path)
    p = qa("eval", str(tmp_path))
    assert p.returncode == 2 and p.err.startswith("qa: error:") and "Traceback" not in p.err


@pytest.mark.skipif(not (CORPUS.is_dir() and SCORER.is_file()), reason="shared corpus not present")
def test_agrees_with_the_shared_scorer():
    from test_corpus import load_scorer

    from qa.app import run_check
    from qa.report.jsonfmt import to_dict
    from qa.settings import Settings

    cases = load_corpus(CORPUS)
    report = run_check([str(CORPUS / f"{cid}.txt") for cid in cases], Settings())
    mine = evaluate(cases, counted_hits(report.files))
    scorer = load_scorer()
    with redirect_stdout(io.StringIO()) as printed:
        theirs = scorer.score(scorer.load_cases(str(CORPUS)), scorer.findings_by_case(to_dict(report)))
    assert mine.summary == pytest.approx(theirs), printed.getvalue()
    from qa.evaluate import render_text

    # Every line the shared script prints before its summary, we print identically.
    shared_lines = [l for l in printed.getvalue().splitlines() if not l.startswith(("SUMMARY", "  by rule"))]
    assert render_text(mine).splitlines()[: len(shared_lines)] == shared_lines
    # and the false alarms by rule that it prints after them
    by_rule = [l for l in printed.getvalue().splitlines() if l.startswith("  by rule")]
    mine_by_rule = {r: s.false_alarms for r, s in mine.rules.items() if s.false_alarms}
    theirs_by_rule = ast.literal_eval(by_rule[0].split(":", 1)[1].strip()) if by_rule else {}
    assert theirs_by_rule == dict(Counter(mine_by_rule).most_common(10)) or len(mine_by_rule) > 10


def test_cli_folds_on_a_tiny_corpus(qa, tmp_path):
    corpus = _tiny_corpus(tmp_path)
    p = qa("eval", str(corpus), "--select", "RES005", "--folds", "2", "--format", "json")
    assert p.returncode == 0, p.err
    cv = json.loads(p.out)["cross_validation"]
    assert sorted(sum((f["cases"] for f in cv["folds"]), [])) == ["001", "002"] and cv["groups"] == 2
    assert set(cv["document_scores_auc"]) >= {"mt_vs_clean", "damaged_vs_clean"}
    text = qa("eval", str(corpus), "--select", "RES005", "--folds", "2").out
    assert "cross-validation: 2 folds of whole story groups (2 groups, 2 documents)" in text
    p = qa("eval", str(corpus), "--folds", "3")
    assert p.returncode == 2 and p.err.startswith("qa: error: cannot make 3 folds") and "Traceback" not in p.err
    p = qa("eval", str(corpus), "--groups", str(corpus / "groups.tsv"))
    assert p.returncode == 2 and p.err.strip() == "qa: error: --groups needs --folds K"
    p = qa("eval", str(corpus), "--folds", "2", "--groups", str(corpus / "missing.tsv"))
    assert p.returncode == 2 and "missing.tsv: cannot read the groups file" in p.err and "Traceback" not in p.err


@pytest.mark.skipif(not (CORPUS.is_dir() and SCORER.is_file()), reason="shared corpus not present")
def test_folds_partition_the_scorer_figures():
    """Each fold is scored with the same rule; the folds' counts add up to the whole corpus's."""
    from conftest import ROOT

    from qa.app import run_check
    from qa.evaluate_cv import cross_validate
    from qa.settings import Settings

    cases = load_corpus(CORPUS)
    report = run_check([str(CORPUS / f"{cid}.txt") for cid in cases], Settings())
    whole = evaluate(cases, counted_hits(report.files))
    cv = cross_validate(CORPUS, cases, report.files, 5, ROOT / "scripts" / "dev-stories.tsv")
    assert sorted(c for f in cv.folds for c in f.cases) == sorted(cases)
    for name in ("positive_docs", "positive_flagged", "negative_docs", "negative_flagged", "negative_findings", "on_target"):
        assert sum(getattr(f.evaluation, name) for f in cv.folds) == getattr(whole, name), name
    assert sum((f.evaluation.hit for f in cv.folds), Counter()) == whole.hit
    assert cv.auc["damaged_vs_clean"] >= 0.90, cv.auc
