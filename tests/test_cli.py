"""The installed console script, run on fixture files: output and exit codes."""

from __future__ import annotations

import json
import re

import pytest
from conftest import CORPUS, FIXTURES

DAMAGED = str(FIXTURES / "articles" / "damaged-summit.txt")
CLEAN = str(FIXTURES / "articles" / "clean-wire.txt")


def test_damaged_article_text_report(qa):
    p = qa("check", DAMAGED)
    assert p.returncode == 1
    assert f"{DAMAGED}:3:1: CRD001 warning" in p.out
    assert f"{DAMAGED}:5:49: FRN001 warning" in p.out
    assert "VRC  ->  PRC" in p.out
    assert f"{DAMAGED}:1:1: RES014 warning" in p.out  # the site's name on the first line
    assert re.search(r"\n\d+ findings \(1 error, \d+ warnings(, \d+ infos?)?\) in 1 of 1 file\.$", p.out.rstrip())
    assert p.err == ""


def test_clean_article_exits_zero(qa):
    p = qa("check", CLEAN)
    assert p.returncode == 0, p.out
    assert "0 findings" in p.out


def test_json_contract(qa):
    p = qa("check", "--format", "json", DAMAGED)
    report = json.loads(p.out)
    assert report["schema"] == "mtqa-report/2"
    (f,) = report["files"]
    assert f["path"] == DAMAGED and f["words"] > 50 and f["errors"] == []
    text = open(DAMAGED, encoding="utf-8").read()
    for x in f["findings"]:
        assert text[x["start"] : x["end"]] == x["text"]
        assert set(x) >= {"rule", "name", "category", "severity", "message", "start", "end", "line",
                          "column", "end_line", "end_column", "text", "suggestions"}
    assert {x["rule"] for x in f["findings"]} >= {"CRD001", "FRN001", "RES001"}
    assert report["summary"]["findings"] == len(f["findings"])


@pytest.mark.parametrize("fail_on, code", [("error", 1), ("warning", 1), ("info", 1), ("never", 0)])
def test_fail_on(qa, fail_on, code):
    assert qa("check", "--fail-on", fail_on, DAMAGED).returncode == code


def test_fail_on_error_ignores_warnings(qa):
    assert qa("check", "--fail-on", "error", "--ignore", "RES001", DAMAGED).returncode == 0


def test_select_and_ignore(qa):
    p = qa("check", "--format", "json", "--select", "foreign_token_leak", DAMAGED)
    assert {x["rule"] for x in json.loads(p.out)["files"][0]["findings"]} == {"FRN001"}
    p = qa("check", "--format", "json", "--ignore", "CRD,residue", DAMAGED)
    assert {x["rule"] for x in json.loads(p.out)["files"][0]["findings"]} == {"FRN001"}


def test_stdin(qa):
    p = qa("check", "-", input="Exports to the VRC rose.\n")
    assert p.returncode == 1 and "<stdin>:1:16: FRN001" in p.out


def test_directory_recursion_and_ext(qa, tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("The VRC said so.\n", encoding="utf-8")
    (tmp_path / "b.rst").write_text("The VRC said so.\n", encoding="utf-8")
    p = qa("check", "--format", "json", str(tmp_path))
    assert [f["path"].endswith("a.txt") for f in json.loads(p.out)["files"]] == [True]
    p = qa("check", "--format", "json", "--ext", "rst,txt", str(tmp_path))
    assert len(json.loads(p.out)["files"]) == 2


def test_bad_inputs_each_one_line_and_others_still_checked(qa, tmp_path):
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Caf\xe9 in the VRC".encode("latin-1"))
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbfThe VRC again.")
    p = qa("check", "--format", "json", str(latin), str(tmp_path / "missing.txt"), str(bom), DAMAGED)
    assert p.returncode == 2
    lines = p.err.strip().splitlines()
    assert len(lines) == 2
    assert any(str(latin) in l and "not valid UTF-8" in l for l in lines)
    assert any("missing.txt" in l and "no such file" in l for l in lines)
    assert "Traceback" not in p.err
    files = {f["path"]: f for f in json.loads(p.out)["files"]}
    assert files[str(bom)]["findings"][0]["start"] == 4  # BOM dropped, offsets into decoded text
    assert files[DAMAGED]["findings"]


def test_broken_pack_is_reported_and_others_run(qa, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("pack: x\nversion: 1\nrules:\n  - id: BRK001\n    kind: existence\n", encoding="utf-8")
    p = qa("check", "--rules", str(broken), DAMAGED)
    assert p.returncode == 2
    assert p.err.count("\n") == 1 and str(broken) in p.err and "BRK001" in p.err
    assert "FRN001" in p.out


def test_rules_and_explain(qa):
    p = qa("rules")
    assert p.returncode == 0 and "FRN001" in p.out and "foreign.country-abbreviation" in p.out
    p = qa("explain", "foreign.country-abbreviation")
    assert p.returncode == 0 and "{{VRC}}" in p.out and "Not flagged:" in p.out
    p = qa("explain", "QA001")
    assert p.returncode == 0 and "suppressed no finding" in p.out
    p = qa("explain", "harper.AnA")
    assert p.returncode == 0 and "Harper" in p.out and "AnA" in p.out
    p = qa("explain", "NOPE999")
    assert p.returncode == 2 and p.err.strip() == "qa: error: no rule named 'NOPE999' (see 'qa rules')"


def test_rules_verify(qa):
    p = qa("rules", "--verify")
    assert p.returncode == 0 and "0 failing examples" in p.out


def test_usage_error_exit_two(qa):
    p = qa("check", "--format", "yaml", CLEAN)
    assert p.returncode == 2 and "Traceback" not in p.err


def test_python_dash_m(qa):
    import subprocess
    import sys

    p = subprocess.run([sys.executable, "-m", "qa", "--version"], capture_output=True, text=True)
    assert p.returncode == 0 and "qa (mtqa)" in p.stdout


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")
def test_seed_document(qa):
    seed = CORPUS / "000.txt"
    p = qa("check", "--format", "json", str(seed))
    assert p.returncode == 1
    texts = {x["text"] for x in json.loads(p.out)["files"][0]["findings"]}
    assert {"(TagsToTranslate)Breaking News: Politics", "aly song | Reuters", "VRC"} <= texts


def test_explain_says_the_packs_fix_word(qa):
    """`qa explain FUS001` said 'fix: manual' while its pack says `fix: unsafe`: explain (and
    every other place that shows it) reads the pack's own word, default 'unsafe'."""
    import yaml

    from qa.explain import explain_rule
    from qa.rulepack import load_rules

    written = {}
    for pack in (FIXTURES.parent / "rules").glob("*.yaml"):
        for entry in yaml.safe_load(pack.read_text(encoding="utf-8"))["rules"]:
            written[entry["id"]] = entry.get("fix", "unsafe")
    rules = [r for r in load_rules([FIXTURES.parent / "rules"]) if r.id in written]
    assert len(rules) == len(written) > 100
    for rule in rules:
        assert f"   fix: {written[rule.id]}\n" in explain_rule(rule), rule.id
    assert "fix: unsafe" in qa("explain", "FUS001").out
