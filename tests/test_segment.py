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


def test_hard_wrapped_lines_starting_with_a_capital_stay_in_their_paragraph():
    """Wire copy wrapped at a fixed width breaks lines before names ('Anna Kovacheva'):
    a full line whose next word would not have fitted on it is a wrapped line."""
    text = (
        "Ships queued outside the port for two days, and the harbour master said\n"
        "ships would wait again tomorrow. Fishermen in the towns of Varna, Nesebar\n"
        "and Burgas asked Anna Kovacheva, the regional governor, and the minister\n"
        "Ivan Petrov for compensation for the days they had lost at sea this week.\n\n"
        "She said the ministry would pay them within a month, the officials of the\n"
        "Ministry of Agriculture said later in a statement sent to the press in\n"
        "Sofia. The storm had also damaged two bridges along the coast road there.\n"
    )
    got = [text[p.start : p.end] for p in split_paragraphs(text)]
    assert got == [text[: text.index("\n\n")], text[text.index("\n\n") + 2 :].rstrip("\n")]


def test_lines_that_are_not_full_stay_paragraphs_of_their_own():
    """Headlines, captions, credits and datelines in wrapped copy: the next word would have
    fitted on the line (or is an agency's name in capitals), so the line break is the writer's."""
    text = (
        "Storm closes the port of Varna for two days\n"
        "Ships queued outside the port for two days, and the harbour master said\n"
        "ships would wait again tomorrow when the wind is expected to turn north.\n"
        "Fishing boats are tied up in the harbour of Burgas on Tuesday afternoon\n"
        "REUTERS/Stoyan Nenov\n"
        "The regional governor asked the ministry in Sofia for help with repairs,\n"
        "and the minister said the money would be paid within a month of today.\n"
    )
    got = [text[p.start : p.end] for p in split_paragraphs(text)]
    assert got[0] == "Storm closes the port of Varna for two days"
    assert "Fishing boats are tied up in the harbour of Burgas on Tuesday afternoon" in got
    assert "REUTERS/Stoyan Nenov" in got


def test_copy_that_is_not_hard_wrapped_keeps_one_paragraph_per_line():
    text = (
        "Ships queued outside the port for two days, the harbour master said on Monday after the storm had passed over the coast\n"
        "Officials in Varna said the port would reopen on Tuesday morning\n"
        "The ministry said it would pay the fishermen within a month of the storm, and that engineers would inspect the bridges.\n"
    )
    assert len(split_paragraphs(text)) == 3
