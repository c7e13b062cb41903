"""Pairs (qa/lm/pairs.py, LM010-LM011): two neighbouring words swapped for thesaurus synonyms.

The spun texts in fixtures/spun/ were written for these tests: each clean ``<name>.txt`` has a
``<name>.spun`` copy with every swapped phrase marked ``{{like this}}``."""

from __future__ import annotations

import re

import pytest
from conftest import FIXTURES

from qa.examples import apply, run_rule
from qa.lm.pairs import FUNCTION_WORDS, document_pairs
from qa.lm.synonyms import main_synonyms, synonyms
from qa.rulepack import default_pack_dir, load_rules
from qa.source import Source

RULES = {r.id: r for r in load_rules([default_pack_dir()]) if r.id in ("LM010", "LM011")}
SPUN = sorted((FIXTURES / "spun").glob("*.spun"))
MARK = re.compile(r"\{\{(.*?)\}\}")


def unmark(marked: str) -> tuple[str, list[tuple[int, int]]]:
    out, spans, last = [], [], 0
    for m in MARK.finditer(marked):
        out.append(marked[last : m.start()])
        start = sum(map(len, out))
        out.append(m.group(1))
        spans.append((start, start + len(m.group(1))))
        last = m.end()
    out.append(marked[last:])
    return "".join(out), spans


def findings(text: str) -> list:
    return [f for rule in RULES.values() for f in run_rule(rule, text)]


def test_both_words_are_mended_at_once():
    (pair,) = [p for p in document_pairs(Source("t", "She was sent to a psychological establishment in another county."))]
    assert pair.original == ("psychological", "establishment")
    assert pair.suggestion == ("mental", "institution")
    assert pair.both and pair.gain > 4 and pair.association > 2.5


def test_the_thesaurus_is_not_cut_to_the_commonest_relatives():
    assert "institution" in synonyms("establishment")
    assert "inventory" in synonyms("stock") and "stock" in synonyms("inventory")
    assert synonyms("qwertyuiop") == ()


def test_both_words_are_swapped_within_their_main_part_of_speech():
    assert "transfer" in synonyms("channel") and "transfer" not in main_synonyms("channel")
    assert findings("He posted the video on his telegram channel on Sunday night.") == []


def test_both_words_are_not_mended_into_rarer_words():
    # "limited edition" fits better, but "edition" is rarer than "version": a change of sense
    text = "The licence covers the specified version of the software."
    assert ("limited", "edition") not in [p.suggestion for p in document_pairs(Source("t", text))]
    assert findings(text) == []


def test_function_words_are_never_swapped():
    assert {"by", "the", "it", "within"} <= FUNCTION_WORDS
    for p in document_pairs(Source("t", "The berths will be finished by March, and it said the authority expects more.")):
        assert not {p.suggestion[0], p.suggestion[1]} & (FUNCTION_WORDS - {p.original[0], p.original[1]})


def test_message_says_why():
    (f,) = run_rule(RULES["LM010"], "She was sent to a psychological establishment in another county.")
    assert f.message.startswith("'psychological establishment': 'mental institution' is ")
    assert "x more likely here" in f.message
    (big,) = run_rule(RULES["LM010"], "Shares on the inventory marketplace fell sharply on Monday.")
    assert "'stock market' is over 1,000,000x more likely here" in big.message


def test_names_and_quotes_are_left_alone():
    assert findings("She was sent to the Psychological Establishment in another county.") == []
    assert findings("“I was sent to a psychological establishment,” she said.") == []


SPUN_DOC = ("Fire swept through a terraced home on Saturday. A third individual died in hospital, "
            "and neighbours said the family had struggled with rising vitality prices all winter. "
            "The demise toll rose to three on Sunday.")


def test_a_document_of_spun_pairs_is_reported_at_a_lower_threshold():
    found = run_rule(RULES["LM011"], SPUN_DOC)
    assert [SPUN_DOC[f.start : f.end] for f in found] == ["terraced home", "third individual", "vitality prices"]
    assert [f.suggestions for f in found] == [("terraced house",), ("third person",), ("energy prices",)]
    assert "this document has 4 such pairs" in found[0].message  # 'demise toll' is LM001's
    assert run_rule(RULES["LM011"], apply(SPUN_DOC, found)) == []


def test_one_or_two_such_pairs_are_not_enough():
    two = SPUN_DOC.replace("rising vitality prices", "rising energy prices").replace("demise toll", "death toll")
    assert run_rule(RULES["LM011"], two.replace("death toll", "demise toll")) != []
    assert run_rule(RULES["LM011"], two) == []


def test_weaker_pairs_need_one_that_could_stand_alone():
    assert run_rule(RULES["LM011"], SPUN_DOC.replace("demise toll", "death toll")) == []
    assert run_rule(RULES["LM011"], SPUN_DOC + " " + " ".join(["The council met on Monday."] * 100)) == []


def test_a_full_length_spun_article_is_reported():
    # the eight spun paragraphs as one 1,000-word article: 13 pairs, 1.3 per 100 words
    parts = [unmark(p.read_text(encoding="utf-8")) for p in SPUN]
    text, spans = "", []
    for t, ss in parts:
        spans += [(s + len(text), e + len(text)) for s, e in ss]
        text += t + "\n\n"
    found = run_rule(RULES["LM011"], text)
    assert len(found) >= 5
    assert all(any(min(f.end, e) > max(f.start, s) for s, e in spans) for f in found)


@pytest.mark.parametrize("path", SPUN, ids=lambda p: p.stem)
def test_spun_fixtures_only_marked_spans_are_flagged(path):
    text, spans = unmark(path.read_text(encoding="utf-8"))
    for f in findings(text):
        assert any(min(f.end, e) > max(f.start, s) for s, e in spans), text[f.start : f.end]


def test_spun_fixtures_recall():
    hits = 0
    for path in SPUN:
        text, spans = unmark(path.read_text(encoding="utf-8"))
        hits += sum(any(min(f.end, e) > max(f.start, s) for s, e in spans) for f in findings(text))
    assert hits >= 4


@pytest.mark.parametrize("path", SPUN, ids=lambda p: p.stem)
def test_clean_originals_are_silent(path):
    assert findings(path.with_suffix(".txt").read_text(encoding="utf-8")) == []
