from __future__ import annotations

from conftest import FIXTURES

from qa.segment import split_paragraphs
from qa.source import Source


def test_sentences_match_hand_segmentation():
    text = (FIXTURES / "segmentation" / "news.txt").read_text(encoding="utf-8")
    expected = (FIXTURES / "segmentation" / "news.expected").read_text(encoding="utf-8").splitlines()
    got = [text[s.start : s.end] for s in Source("x", text).sentences]
    assert got == expected


def test_sentence_offsets_slice_the_original_text():
    text = "  First one.  Second   one!\n\nThird?"
    s = Source("x", text)
    assert [text[x.start : x.end] for x in s.sentences] == ["First one.", "Second   one!", "Third?"]


def test_paragraphs_one_per_line_and_wrapped_lines_joined():
    text = "Headline here\nFirst paragraph ends.\nSecond paragraph is\nwrapped onto two lines.\n\n  Last.\n"
    got = [text[p.start : p.end] for p in split_paragraphs(text)]
    assert got == ["Headline here", "First paragraph ends.", "Second paragraph is\nwrapped onto two lines.", "Last."]
