from __future__ import annotations

from hypothesis import given, strategies as st

from qa.source import LineIndex, OffsetMapBuilder, Source


def test_line_columns_are_one_based_and_count_code_points():
    s = Source("x", "ab\n😀cd\n\nz")
    assert s.position(0) == (1, 1)
    assert s.position(3) == (2, 1)
    assert s.position(4) == (2, 2)  # the emoji is one code point
    assert s.position(len(s.text)) == (4, 2)
    assert s.locate(4, 6) == (4, 6, 2, 2, 2, 4)


@given(st.text(alphabet=st.sampled_from("ab\n😀é\r "), max_size=60))
def test_position_round_trips(text):
    index = LineIndex(text)
    for offset in range(len(text) + 1):
        line, col = index.position(offset)
        assert index.offset(line, col) == offset


def test_lower_keeps_length():
    s = Source("x", "İstanbul and ẞ")
    assert len(s.lower) == len(s.text)
    assert s.lower.endswith("and ß")


def test_offset_map_points_into_raw():
    raw = "<p>Hello <b>world</b></p><p>Again</p>"
    b = OffsetMapBuilder()
    b.copy("Hello ", raw.index("Hello"))
    b.copy("world", raw.index("world"))
    b.insert("\n\n")
    b.copy("Again", raw.index("Again"))
    text, omap = b.build()
    s = Source("x.html", text, raw=raw, offset_map=omap)
    for word in ("Hello", "world", "Again"):
        start = text.index(word)
        raw_start, raw_end = s.to_raw(start, start + len(word))
        assert raw[raw_start:raw_end] == word


def test_quotes_and_paragraph_lookup():
    text = 'He said "you must go now" and left.\nShe stayed.'
    s = Source("x", text)
    i = text.index("you")
    assert s.in_quotes(i, i + 3)
    assert not s.in_quotes(text.index("left"), text.index("left") + 4)
    assert s.paragraph_at(text.index("She")).start == text.index("She")
