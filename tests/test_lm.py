"""The statistical layer: model, runs, related forms, contrast, document statistics."""

from __future__ import annotations

import math

import pytest

from qa.kinds.contrast import ratio
from qa.lm import document_stats
from qa.lm.contrast import document_alternatives
from qa.lm.model import load_model
from qa.lm.related import related
from qa.lm.runs import document_runs
from qa.lm.stats import KEYS
from qa.source import Source


@pytest.fixture(scope="module")
def lm():
    return load_model()


def test_model_scores_collocations(lm):
    assert lm.logp("conference", ["press"]) > lm.logp("convention", ["press"]) + 3
    assert lm.logp("zzqxv") is None
    assert lm.seen("press", "conference") and not lm.seen("press", "convention")
    assert lm.pull("prime", "minister") > 2


def test_runs_stop_at_punctuation_numbers_and_sentence_ends():
    src = Source("x", "The minister said, on Monday, that 40 people left. He insisted the U.S. was right.")
    runs = [r.words for r in document_runs(src)]
    assert runs[0] == ("<s>", "the", "minister", "said")
    assert ("on", "monday") in runs
    assert ("people", "left", "</s>") in runs
    assert ("<s>", "he", "insisted", "the", "u") in runs  # an abbreviation's dot is not an end


def test_related_forms_are_inflected_alike():
    assert "conference" in related("convention")
    assert "foreign" in related("overseas")
    assert related("notaword") == ()


def test_contrast_finds_the_better_alternative():
    src = Source("x", "The minister told a press convention in the capital on Tuesday that talks would resume.")
    best = max(document_alternatives(src), key=lambda a: a.gain)
    assert (best.original, best.suggestion, best.neighbour, best.after) == ("convention", "conference", "press", True)
    assert best.gain > 3


def test_contrast_leaves_names_and_quotes_to_themselves():
    src = Source("x", "The Democratic National Convention will be held in Chicago in August.")
    assert all(a.original != "convention" for a in document_alternatives(src))


def test_ratio_is_rounded_to_one_figure():
    assert ratio(4.0) == "10,000"
    assert ratio(3.9) == "8,000"
    assert ratio(math.log10(2.4)) == "2"


def test_document_stats_keys_are_stable_and_cached():
    src = Source("x", "The minister told a press convention in the capital on Tuesday that talks would resume.")
    stats = document_stats(src)
    assert tuple(stats) == KEYS
    assert all(isinstance(v, float) for v in stats.values())
    assert stats["contrast_strong_rate"] > 0 and stats["lm_words"] >= 14
    stats["lm_words"] = -1.0  # callers get a copy
    assert document_stats(src)["lm_words"] >= 14


def test_document_stats_of_an_empty_document():
    stats = document_stats(Source("x", ""))
    assert stats["lm_words"] == 0.0 and stats["contrast_max_gain"] == 0.0


def _lm001():
    from qa.rulepack import default_pack_dir, load_rules

    return next(r for r in load_rules([default_pack_dir()]) if r.id == "LM001")


def test_lm001_message_says_how_much_better_the_alternative_fits():
    from qa.examples import run_rule

    (f,) = run_rule(_lm001(), "The minister told a press convention in the capital on Tuesday that talks would resume.")
    assert f.text == "convention" and f.suggestions == ("conference",)
    assert f.message.startswith("'convention' after 'press': 'conference' is ") and "x more likely here" in f.message


def test_lm001_leaves_quotations_and_names_alone():
    from qa.examples import run_rule

    rule = _lm001()
    assert run_rule(rule, "“We will hold a press convention tomorrow,” she said.") == []
    assert run_rule(rule, "Delegates met at the Press Convention Centre in Accra.") == []


def test_explain_shows_what_the_rule_says_about_its_examples():
    from qa.explain import explain_rule

    text = explain_rule(_lm001())
    assert "says: 'convention' after 'press': 'conference' is" in text


def test_inflections_of_one_word_are_told_apart_from_other_words():
    from qa.lm.contrast import same_word

    assert same_word("imposes", "impose") and same_word("tries", "tried") and same_word("regions", "region")
    assert not same_word("convention", "conference") and not same_word("relation", "relationship")


def test_lm001_leaves_a_headline_verb_alone():
    from qa.examples import run_rule

    assert run_rule(_lm001(), "Biden imposes sanctions on Russian banks") == []


def test_boundary_finds_a_clause_cut_off_by_a_full_stop():
    from qa.lm.boundary import document_boundaries

    src = Source("x", "She told reporters she was very confident. That the team would win the final.")
    (b,) = document_boundaries(src)
    assert (src.text[src.tokens.starts[b.stop] : src.tokens.ends[b.first]], b.opener, b.joined) == (
        ". That",
        "complement",
        " that",
    )
    assert b.gain > 2  # "confident that" is far likelier than "confident </s> <s> that"
    src = Source("x", "Prices rose on Monday after the figures came out. Allowing the central bank to wait.")
    assert [b.opener for b in document_boundaries(src)] == ["participle"]


def test_boundary_leaves_sentences_with_a_main_clause_alone():
    from qa.lm.boundary import document_boundaries

    for text in (
        "The two leaders spoke for an hour on Tuesday. After the meeting the leaders held a news conference.",
        "Protesters gathered outside parliament on Monday. While the talks went on the crowd grew.",
        "The coach praised his defence after the match. That the team kept a clean sheet was the main thing.",
        "The company reported a loss for the quarter. Although sales rose, costs more than doubled.",
        "Shares in the carmaker fell sharply in early trading. Rising costs weighed on the stock.",
        "She told reporters she was very confident.\nThat the team would win the final.",  # a line of its own
        "“She told reporters she was very confident. That the team would win the final.”",  # a quotation
        "Confident. That the team would win the final.",  # a short line before it (a headline)
    ):
        assert document_boundaries(Source("x", text)) == [], text


def test_boundary_message_ratio():
    from qa.kinds.boundary import times

    assert (times(0.0), times(0.55), times(3.22)) == ("1.0", "3.5", "1,700")


def test_pivot_neighbours_are_reported_only_by_a_rule_that_asks_for_them(monkeypatch):
    """The pivot tier of the contrast kind: neighbours linked in enough languages, own thresholds."""
    import dataclasses

    from qa.examples import run_rule
    from qa.kinds.contrast import Contrast
    from qa.lm import contrast

    monkeypatch.setattr(contrast, "pivots", lambda w: (("minister", 4),) if w == "priest" else ())
    monkeypatch.setattr(contrast, "related", lambda w: ())
    text = "The prime priest met the king on Monday."
    rule = _lm001()
    assert rule.check.data["pivot_languages"] == 0  # LM001 leaves the tier off (docs/statistical-layer.md)
    assert run_rule(rule, text) == []
    def with_pivot(languages):
        data = dict(rule.check.data, pivot_languages=languages, pivot_min_gain=3.0, pivot_min_association=2.5)
        variant = dataclasses.replace(rule, data=data)
        object.__setattr__(variant, "check", Contrast(variant, data))
        return variant

    (f,) = run_rule(with_pivot(2), text)
    assert (f.text, f.suggestions) == ("priest", ("minister",))
    assert run_rule(with_pivot(5), text) == []  # linked in four languages only


def test_pivot_table_lines_carry_languages(tmp_path, monkeypatch):
    from qa.lm import pivot
    from qa.lm.wordtable import WordTable

    table = tmp_path / "pivot.txt"
    table.write_text("# header\nconvention\tcongress:13 conference:4\norder\tcommand:17\n", encoding="utf-8")
    monkeypatch.setattr(pivot, "TABLE", WordTable(table, optional=True))
    pivot.pivots.cache_clear()
    try:
        assert pivot.pivots("convention") == (("congress", 13), ("conference", 4))
        assert pivot.pivots("orders") == ()
        monkeypatch.setattr(pivot, "TABLE", WordTable(tmp_path / "absent.txt", optional=True))
        pivot.pivots.cache_clear()
        assert pivot.pivots("convention") == ()  # the table is not shipped: no neighbours
    finally:
        pivot.pivots.cache_clear()


def test_lm001_leaves_words_the_model_rarely_saw_alone():
    """An unseen pair says little about a rare word: 'fallow land' and 'police prefecture' are right."""
    from qa.examples import run_rule

    src = Source("x", "The detainee was questioned at the police prefecture in Lyon.")
    (alt,) = [a for a in document_alternatives(src) if a.original == "prefecture"]
    assert alt.gain > 3.5 and alt.association > 2.5 and alt.frequency < -6.0  # passes all but the floor
    rule = _lm001()
    assert rule.check.data["min_frequency"] == -6.0
    assert run_rule(rule, "The detainee was questioned at the police prefecture in Lyon.") == []
    assert run_rule(rule, "Half of the farm was left as fallow land for the winter.") == []


def test_british_spellings_are_never_alternatives():
    from qa.examples import run_rule
    from qa.lm.contrast import spelling_variant

    assert all(spelling_variant(a, b) for a, b in (("behaviour", "behavior"), ("defence", "defense"),
               ("catalogue", "catalog"), ("travelled", "traveled"), ("organisation", "organization"),
               ("centre", "center"), ("programme", "program"), ("analyse", "analyze")))
    assert not spelling_variant("convention", "conference") and not spelling_variant("pour", "poor")
    assert run_rule(_lm001(), "Engineers said the undefined behaviour of the software put patients at risk.") == []
