"""Order checks (LM003-LM009): word classes, shape tests, model contrast, the ``order`` kind."""

from __future__ import annotations

import pytest

from qa.kinds.base import FieldError
from qa.kinds.order import SHAPES, Order
from qa.lm.model import load_model
from qa.lm.order import contrast, document_repairs
from qa.lm.order_shapes import base_forms, candidates, gerund_forms
from qa.lm.wordclass import can, classes, only
from qa.source import Source


def shapes(text: str) -> list[tuple[str, str, str]]:
    src = Source("t", text)
    return [(r.shape, text[src.tokens.starts[r.first] : src.tokens.ends[r.last]], r.suggestions[0]) for r in document_repairs(src)]


def test_word_classes_come_from_the_generated_table():
    assert only("manage", "V") and not can("manage", "N")
    assert can("affected", "J") and can("affected", "P")  # "the area affected" is no verb-only form
    assert classes("the") == "" and classes("zzqxv") == ""  # closed class and unknown: no shape fires
    assert can("resigned", "P")  # a participle equal to the past is recorded (lemminflect omits it)


def test_inflection_helpers():
    assert "discuss" in base_forms("discussed") and "sign" in base_forms("signs")
    assert gerund_forms("manage") == ["managing"]


@pytest.mark.parametrize(
    "text, shape, span, fix",
    [
        ("Ties between both countries and their manage China responsibly.", "det-verb", "their manage", "manage"),
        ("They said they will do deepen the checks next year.", "verb-verb", "do deepen", "do"),
        ("The army began withdraw its troops from the border.", "verb-verb", "began withdraw", "began"),
        ("Police said a group protesters gathered outside the embassy.", "missing-of", "group protesters", "group of protesters"),
        ("Trade tensions between Washington and Beijing they continue to weigh on markets.", "resumptive", "Beijing they", "Beijing"),
        ("The ministers agreed to discussed the plan at the summit.", "verb-form", "to discussed", "to discuss"),
        ("The talks will resume at end of the month, officials said.", "missing-of", "at end", "at the end"),
        ("The talks ended on Monday. President said the sides would meet again soon.", "missing-of", "President", "the president"),
        ("The company has manage the crisis well, analysts said.", "verb-form", "has manage", "has managed"),
        ("It was the first appearance Biden’s public since the vote.", "det-verb", "appearance Biden’s public", "Biden’s public appearance"),
        ("The talks lasted five hours. On Monday said the foreign minister that they failed.", "no-subject",
         "said the foreign minister", "the foreign minister said"),
    ],
)
def test_damaged_shapes_are_found_and_repaired(text, shape, span, fix):
    assert (shape, span, fix) in shapes(text)


@pytest.mark.parametrize(
    "text",
    [
        "Tickets cost 15 euros for the heats and 45 euros for the finals.",  # a plural the lexicon lacks
        "Three people were reported killed in the blast.",
        "Volunteers helped build the new school.",
        "The people he met in Paris said the talks went well.",
        "Last week they agreed to meet again.",
        "Prices rose due to increased demand for steel.",
        "His will stated that the house should go to his daughter.",
        "The groups involved specify the terms in advance.",
        "The fund's majority shareholders approved the sale.",
        "Fans gathered. Asked whether he could win, Lund laughed.",
        "Redraw line at end of window",  # telegraphic notes use no articles at all
        "He spoke in front of the station as head of the committee.",
        "The line number the cursor is on is shown below.",
        "What I want to do is modify each item in the list.",
        "Markets fell. Yesterday saw the biggest fall in prices since 2008.",
        "NO WARRANTY. EXCEPT WHEN OTHERWISE STATED IN WRITING THE HOLDERS PROVIDE IT.",
    ],
)
def test_clean_sentences_give_no_candidate(text):
    assert shapes(text) == []


def test_candidates_skip_names_inside_a_sentence():
    words = ("<s>", "the", "deepen", "river", "</s>")
    assert not list(candidates(words, [False, False, True, False, False]))


def test_contrast_compares_the_same_following_words():
    lm = load_model()
    words = ("<s>", "a", "group", "protesters", "gathered", "outside")
    assert contrast(lm, words, 2, 4, ("group", "of", "protesters")) > 1.5
    assert contrast(lm, words, 2, 4, ("group", "protesters")) == pytest.approx(0.0)


def test_kind_rejects_an_unknown_shape():
    class R:
        id = "T1"

    with pytest.raises(FieldError):
        Order(R(), {"shape": "sideways", "min_gain": 0})
    assert "no-subject" in SHAPES


def test_repairs_are_cached_per_source():
    src = Source("t", "They said they will do deepen the checks next year.")
    assert document_repairs(src) is document_repairs(src)
