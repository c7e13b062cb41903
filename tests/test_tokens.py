"""The token table every kind reads: shapes, offsets, flags, invisible characters."""

from qa.source import Source
from qa.tokens import CAPITAL, INNER_CAPITAL, NUMBER, PUNCT, QUOTED, SENTENCE_START, UPPER, WORD


def table(text):
    return Source("t.txt", text).tokens


def test_offsets_point_at_the_token_text():
    text = "The minister, who don't agree, met 40,100 fans at 3 p.m. on Covid-19."
    t = table(text)
    for i in range(len(t)):
        assert text[t.starts[i] : t.ends[i]] == t.texts[i]
    assert "don't" in t.texts and "40,100" in t.texts and "Covid-19" in t.texts
    assert t.kinds[t.texts.index("40,100")] == NUMBER
    assert t.kinds[t.texts.index(",")] == PUNCT


def test_shape_flags():
    t = table("GenevaThe talks with the UN and iPhone makers.")
    flags = dict(zip(t.texts, t.flags))
    assert flags["GenevaThe"] & CAPITAL and flags["GenevaThe"] & INNER_CAPITAL
    assert flags["UN"] & UPPER and not flags["UN"] & INNER_CAPITAL
    assert flags["iPhone"] & INNER_CAPITAL and not flags["iPhone"] & CAPITAL
    assert flags["GenevaThe"] & SENTENCE_START and not flags["talks"] & SENTENCE_START


def test_quoted_and_sentence_columns():
    t = table("He spoke. “We will win,” she said.")
    we = t.texts.index("We")
    assert t.flags[we] & QUOTED and t.flags[we] & SENTENCE_START
    assert not t.flags[t.texts.index("she")] & QUOTED
    assert t.sentence[t.texts.index("He")] == 0 and t.sentence[we] == 1


def test_invisible_characters_do_not_split_a_word():
    t = table("the V\u200bRC and (TagsTo\u200bTranslate)")
    assert "vrc" in t.norm and "tagstotranslate" in t.norm
    assert [t.kinds[i] for i in range(len(t)) if t.norm[i] == "vrc"] == [WORD]


def test_lookups_by_offset():
    text = "Prime minister spoke."
    t = table(text)
    assert t.texts[t.at(text.index("minister") + 3)] == "minister"
    assert t.at(text.index(" ")) is None
    assert [t.texts[i] for i in t.words(0, 14)] == ["Prime", "minister"]
