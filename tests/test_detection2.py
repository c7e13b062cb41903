"""Detection II: the context, gazetteer and word_order kinds, the document MT score (CLI; the
model itself: tests/test_docscore.py)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest
from conftest import CORPUS, FIXTURES

from qa.engine import Engine, RuleSet
from qa.errors import PackError
from qa.inflect import phrase_forms, word_forms
from qa.rulepack import load_pack
from qa.source import Source

HEAD = "pack: t\nversion: 1\nrules:\n"


def rule(tmp_path, body: str):
    pack = tmp_path / "t.yaml"
    pack.write_text(HEAD + textwrap.indent(textwrap.dedent(body), "  "), encoding="utf-8")
    return load_pack(pack)


def flagged(rules, text: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(f.text, f.suggestions) for f in Engine(RuleSet(rules)).check(Source("<t>", text))]


CONTEXT = """\
- id: TST001
  name: t.rally
  kind: context
  category: mistranslated_word
  severity: warning
  message: m
  description: d
  swap: {rally: talks}
  when: [minister, meeting]
  unless: [protester, stock]
  unless_window: paragraph
  examples: {bad: ["The minister left the {{rally}}."], good: ["Stocks rally."]}
"""


def test_inflections_are_generated_for_the_last_word():
    assert {"rallies", "rallied", "rallying"} <= word_forms("rally")
    assert "press conventions" in phrase_forms("press convention")
    assert word_forms("UN") == {"un"}  # too short to inflect


def test_context_needs_a_cue_in_the_window_and_no_counter_cue(tmp_path):
    rules = rule(tmp_path, CONTEXT)
    assert flagged(rules, "The ministers ended the rallies early.") == [("rallies", ("talks",))]
    assert flagged(rules, "The Rally ended. The minister left.") == []  # cue in another sentence
    assert flagged(rules, "The minister watched the rally. Protesters cheered.") == []  # same paragraph
    assert flagged(rules, "The minister watched the rally.\n\nProtesters cheered.") == [("rally", ("talks",))]


def test_context_suggestion_takes_the_case_of_the_match(tmp_path):
    rules = rule(tmp_path, CONTEXT)
    assert flagged(rules, "Rallies with the minister ended.") == [("Rallies", ("Talks",))]


def test_context_neighbours_and_exact_case(tmp_path):
    body = CONTEXT.replace("when: [minister, meeting]", "not_before: [coalition]\n  ignore_case: false").replace(
        "swap: {rally: talks}", "swap: {the Hexagon: France}\n  inflect: false")
    rules = rule(tmp_path, body)
    assert flagged(rules, "The Hexagon voted.") == [("The Hexagon", ("France",))]
    assert flagged(rules, "Draw the hexagon.") == []
    assert flagged(rules, "The Hexagon coalition formed.") == []


def test_context_without_any_condition_is_a_pack_error(tmp_path):
    body = CONTEXT.replace("  when: [minister, meeting]\n  unless: [protester, stock]\n", "")
    with pytest.raises(PackError, match="TST001.*when"):
        rule(tmp_path, body)


GAZ = """\
- id: TST002
  name: t.gaz
  kind: gazetteer
  category: entity_name_error
  severity: warning
  message: m
  description: d
  entries:
    - {name: Central Foreign Affairs Commission, also: [Work]}
    - {name: Antony Blinken, person: true, first_names: [Anthony, Tony], also: [Blinkin]}
  examples: {bad: ["{{Anthony Blinken}}"], good: ["Antony Blinken"]}
"""


def test_gazetteer_near_miss_of_a_body(tmp_path):
    rules = rule(tmp_path, GAZ)
    canon = ("Central Foreign Affairs Commission",)
    assert flagged(rules, "the Central Foreign Affairs Bureau met") == [("Central Foreign Affairs Bureau", canon)]
    assert flagged(rules, "the Central Foreign Affairs Commission Office") == []
    assert flagged(rules, "the Central Foreign Affairs Work Conference") == []
    assert flagged(rules, "central foreign affairs bureau") == []  # not a name


def test_gazetteer_people(tmp_path):
    rules = rule(tmp_path, GAZ)
    assert flagged(rules, "Tony Blinken's trip") == [("Tony Blinken", ("Antony Blinken",))]
    assert flagged(rules, "said Anthony Blink said") == [("Anthony Blink", ("Antony Blinken",))]
    assert flagged(rules, "This follows Blinkens’ trip") == [("Blinkens’", ("Blinken’s",))]
    assert flagged(rules, "Tony Blair and Antony Blinken and Antony Blinkin") == []


def test_gazetteer_rejects_unknown_entry_keys(tmp_path):
    with pytest.raises(PackError, match="TST002.*entry #1: unknown key 'alias'"):
        rule(tmp_path, GAZ.replace("also: [Work]", "alias: [Work]"))


WO = """\
- id: TST003
  name: t.wo
  kind: word_order
  category: garbled_word_order
  severity: warning
  message: m
  description: d
  sequence: ["the|a", "@bare-verb"]
  suggest: ["{1} {0}"]
  examples: {bad: ["{{the manage}}"], good: ["the plan"]}
"""


def test_word_order_bare_verb_after_determiner(tmp_path):
    rules = rule(tmp_path, WO)
    assert flagged(rules, "ties between the US and the manage China") == [("the manage", ("manage the",))]
    assert flagged(rules, "The manage of it") == [("The manage", ("Manage the",))]
    assert flagged(rules, "the. manage it; the\nmanage") == []  # punctuation or a line between
    assert flagged(rules, "the following, the say, the visit") == []  # also nouns


def test_word_order_validates_placeholders_and_classes(tmp_path):
    with pytest.raises(PackError, match="placeholder \\{2\\}"):
        rule(tmp_path, WO.replace('"{1} {0}"', '"{2}"'))
    with pytest.raises(PackError, match="unknown word class '@noun'"):
        rule(tmp_path, WO.replace("@bare-verb", "@noun"))


def test_lexicon_loads_lazily():
    code = "import qa.kinds, qa.pos, sys; print(qa.pos.lexicon.cache_info().currsize, 'lemminflect' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["0", "False"]


def test_translationese_fixture_scores_likely_and_fails_on_score(qa):
    path = str(FIXTURES / "golden" / "translationese" / "input.txt")
    p = qa("check", "--format", "json", "--fail-on", "never", "--fail-on-score", "0.5", "--grammar", "off", "--no-cache", path)
    assert p.returncode == 1, p.err
    mt = json.loads(p.out)["files"][0]["mt"]
    assert mt["verdict"] == "likely" and mt["score"] >= 0.9
    p = qa("check", "--fail-on", "never", "--grammar", "off", "--no-cache", path)
    assert p.returncode == 0 and "mt score 1.00: likely machine-translated" in p.out


def test_clean_fixture_does_not_fail_on_score(qa):
    clean = sorted((FIXTURES / "articles").glob("clean*"))
    if not clean:
        pytest.skip("no clean article fixture")
    p = qa("check", "--fail-on", "never", "--fail-on-score", "0.6", "--grammar", "off", "--no-cache", str(clean[0]))
    assert p.returncode == 0, p.out


needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")
MINE = "MIS,PER,FRM,CAL,GAZ,WO"


@needs_corpus
def test_seed_targets(qa):
    p = qa("check", "--format", "json", "--fail-on", "never", "--select", MINE, "--grammar", "off", "--no-cache", str(CORPUS / "000.txt"))
    got = {(f["text"], tuple(f["suggestions"])) for f in json.loads(p.out)["files"][0]["findings"]}
    assert ("rallies", ("talks",)) in got
    assert ("the manage", ("manage the",)) in got
    assert ("Central Foreign Affairs Bureau", ("Central Foreign Affairs Commission",)) in got


@needs_corpus
def test_clean_corpus_documents_get_nothing_from_these_packs(qa):
    negatives = [CORPUS / f"{p.stem}.txt" for p in sorted(CORPUS.glob("*.json")) if '"negative"' in p.read_text(encoding="utf-8")]
    p = qa("check", "--format", "json", "--fail-on", "never", "--select", MINE, "--grammar", "off", "--no-cache", *map(str, negatives))
    found = [(f["path"], x["rule"], x["text"]) for f in json.loads(p.out)["files"] for x in f["findings"]]
    assert found == []
