"""Fused words, mojibake, name variants, foreign leaks: behaviour beyond the pack examples."""

from __future__ import annotations

import subprocess
import sys

import pytest

from qa.engine import Engine, RuleSet
from qa.kinds.consistency import _distance
from qa.kinds.mojibake import repair
from qa.lexicon import zipf
from qa.rulepack import default_pack_dir, load_rules
from qa.source import Source

RULES = {r.id: r for r in load_rules([default_pack_dir()])}


def flagged(rule_id: str, text: str) -> list[tuple[str, tuple[str, ...]]]:
    found = Engine(RuleSet([RULES[rule_id]])).check(Source("<t>", text))
    return [(f.text, f.suggestions) for f in found]


def test_lexicon_reads_wordfreq_data():
    assert zipf("the") > 7
    assert 4 < zipf("officials") < 5
    assert zipf("theof") == 0


def test_fused_prefers_the_commonest_split():
    assert flagged("FUS001", "Aid workers saidthe convoy was stopped.") == [("saidthe", ("said the",))]


def test_fused_leaves_recurring_names_alone():
    text = "Mayorkasthe said. Later Mayorkasthe left."
    assert flagged("FUS001", text) == []


def test_fused_ignores_urls_handles_and_hyphenated_forms():
    text = "See www.theof.com, @officialssaid and the well-officialssaid form."
    assert flagged("FUS001", text) == []


@pytest.mark.parametrize(
    "bad, good",
    [("Ã©", "é"), ("â€œ", "“"), ("Ã¢â‚¬â„¢", "’"), ("ç¿’è¿‘å¹³", "習近平")],
)
def test_mojibake_repair(bad, good):
    assert repair(bad) == good


@pytest.mark.parametrize("text", ["é", "naïve", "Ã", "–—", "“”"])
def test_mojibake_leaves_real_characters(text):
    assert repair(text) is None


def test_mojibake_flags_the_run_not_the_word():
    assert flagged("MOJ001", "The cafÃ© reopened.") == [("Ã©", ("é",))]


def test_distance_counts_transpositions():
    assert _distance("scholz", "schloz", 2) == 1
    assert _distance("sholes", "scholes", 2) == 1
    assert _distance("abcdefg", "gfedcba", 2) == 3


def test_all_variants_point_to_the_majority():
    text = (
        "Olaf Scholz won. Olaf Scholz spoke. Scholz left. Olaf Scholes returned. "
        "Scholes said so. Sholes wants reform."
    )
    found = flagged("CON001", text) + flagged("CON002", text)
    assert sorted(found) == [("Scholes", ("Scholz",))] * 2 + [("Sholes", ("Scholz",))]


def test_equal_counts_suggest_nothing():
    assert flagged("CON001", "Olaf Scholz won. Olaf Scholes lost.") == []


def test_heavy_dependencies_load_lazily():
    code = (
        "import sys; from qa.app import build_engine; from qa.settings import Settings;"
        "from qa.source import Source;"
        "e = build_engine(Settings(), []);"
        "e.check(Source('x', 'A plain sentence about the weather in Lisbon.'));"
        "print(sorted(m for m in ('ftfy', 'wordfreq', 'py3langid') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_foreign_function_word_needs_english_on_both_sides():
    assert flagged("FRN011", "exports und imports") == [("und", ("and",))]
    assert flagged("FRN011", "Exporte und Importe") == []
    assert flagged("FRN011", "Alternative für Deutschland") == []


def test_foreign_context_abbreviation_is_case_and_context_bound():
    assert flagged("FRN003", "ties between the VS and Japan") == [("VS", ("US",))]
    assert flagged("FRN003", "ties between the vs and Japan") == []
    assert flagged("FRN003", "Lakers VS Celtics and the VS Code editor") == []


def test_foreign_gloss_is_not_a_leak():
    assert flagged("FRN002", "NATO, called OTAN in Spanish, met.") == []


def test_language_ignores_quotes_and_names():
    assert flagged("LNG001", "“Wir schaffen das nicht mehr allein”, she said.") == []
    assert flagged("LNG001", "She told Die Zeit and Der Spiegel about the Bundesregierung.") == []
    found = flagged("LNG001", "He added that la reunión terminó sin ningún acuerdo.")
    assert [t for t, _ in found] == ["la reunión terminó sin ningún acuerdo"]


def test_second_person_only_outside_quotes():
    assert flagged("YOU001", "“You must leave,” he said.") == []
    assert [t for t, _ in flagged("YOU001", "He met the governor. You must leave by noon.")] == ["You must"]
