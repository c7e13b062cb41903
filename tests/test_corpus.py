"""Detection on the shared development corpus, scored by the shared scorer's own rule."""

from __future__ import annotations

import importlib.util
import io
import json
from contextlib import redirect_stdout

import pytest
from conftest import CORPUS, SHARED, run_qa

SCORER = SHARED / "tools" / "score_corpus.py"

pytestmark = pytest.mark.skipif(not (CORPUS.is_dir() and SCORER.is_file()), reason="shared corpus not present")


def load_scorer():
    spec = importlib.util.spec_from_file_location("score_corpus", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scored():
    files = sorted(str(p) for p in CORPUS.glob("*.txt"))
    proc = run_qa("check", "--format", "json", "--fail-on", "never", *files)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    scorer = load_scorer()
    with redirect_stdout(io.StringIO()) as printed:
        summary = scorer.score(scorer.load_cases(str(CORPUS)), scorer.findings_by_case(report))
    return summary, printed.getvalue()


def test_some_damage_is_found(scored):
    summary, text = scored
    assert summary["recall_high"] > 0.05, text
    assert summary["doc_recall"] > 0.1, text


def test_clean_documents_stay_quiet(scored):
    summary, text = scored
    assert summary["fa_per_kw"] <= 0.5, text
