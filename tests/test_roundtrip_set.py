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
