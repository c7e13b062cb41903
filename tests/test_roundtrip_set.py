"""scripts/roundtrip_set.py: the labelling of round-trip damage (no Apertium needed here)."""

from __future__ import annotations

import importlib.util
import json

import pytest
from conftest import ROOT


@pytest.fixture(scope="module")
def rt():
    spec = importlib.util.spec_from_file_location("roundtrip_set", ROOT / "scripts" / "roundtrip_set.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def labelled(rt, orig, trip):
    return [(x["label"], trip[x["start"]:x["end"]]) for x in rt.label_line(orig, trip)]


def test_substituted_content_word(rt):
    assert labelled(rt, "The minister will meet the envoy.", "The minister will fulfil the envoy.") == [("substituted", "fulfil")]


def test_moved_word(rt):
    assert ("moved", "familiar") in labelled(rt, "two sources familiar with the talks said", "two familiar sources with the talks said")


def test_function_words_inserted_deleted_swapped(rt):
    assert labelled(rt, "Officials declined to comment.", "The officials declined to comment.") == [("function", "The")]
    assert labelled(rt, "It said on Thursday.", "It said the Thursday.") == [("function", "the")]
    # a deleted word has no span of its own: the words on each side of the gap
    assert labelled(rt, "He did not give the dates.", "He did not give dates.") == [("function", "give dates")]


def test_variants_case_and_unchanged(rt):
    assert labelled(rt, "as prices stabilise", "as prices stabilize") == [("variant", "stabilize")]
    assert labelled(rt, "Blinken is expected", "Blinken Is expected") == [("case", "Is")]
    assert labelled(rt, "Nothing changed here.", "Nothing changed here.") == []


def test_document_offsets_and_corpus_format(rt, tmp_path):
    orig = "First line stays.\nThe envoy will meet him.\n"
    trip, labels = rt.label_document(orig, "First line stays.\nThe envoy will fulfil him.\n")
    arts = rt.artifacts(trip, labels)
    assert arts == [{"text": "fulfil", "start": trip.index("fulfil"), "category": "mistranslated_word",
                     "note": "substituted: 'meet' -> 'fulfil'"}]
    rt.write_case(tmp_path, 1, trip, "positive", "x.txt", arts)
    meta = json.loads((tmp_path / "001.json").read_text(encoding="utf-8"))
    a = meta["artifacts"][0]
    assert (tmp_path / "001.txt").read_text(encoding="utf-8")[a["start"]:][: len(a["text"])] == a["text"]
    with pytest.raises(ValueError):
        rt.label_document("one\ntwo\n", "one two\n")


def test_funnel_follows_a_substitution_to_the_report(tmp_path):
    spec = importlib.util.spec_from_file_location("roundtrip_funnel", ROOT / "scripts" / "roundtrip_funnel.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = "The minister told a press convention in the capital on Tuesday that talks would resume.\n"
    (tmp_path / "tune").mkdir()
    (tmp_path / "tune" / "001.txt").write_text(text, encoding="utf-8")
    label = {"case": "tune/001", "label": "substituted", "start": text.index("convention"),
             "end": text.index("convention") + 10, "before": "conference", "after": "convention"}
    (tmp_path / "labels.jsonl").write_text(json.dumps(label) + "\n", encoding="utf-8")
    steps, lost = module.funnel(tmp_path, 3.5, 2.5, -6.0)
    assert steps["0 one-word substitutions"] == 1 and steps["7 the original is the best"] == 1
    assert steps["8 reported at gain 3.5 / association 2.5"] == 1 and not lost
    steps, lost = module.funnel(tmp_path, 9.0, 2.5, -6.0)
    assert not steps["8 reported at gain 9.0 / association 2.5"] and len(lost["best, under the thresholds"]) == 1
