from __future__ import annotations

import pytest

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


def test_lone_carriage_return_ends_a_line():
    """Old Mac files and pasted text use a lone CR: it is a line break (issue 14.10)."""
    from qa.source import LineIndex

    idx = LineIndex("one\rtwo\r\nthree\nfour")
    assert idx.position(4) == (2, 1)
    assert idx.position(9) == (3, 1)
    assert idx.position(15) == (4, 1)
    assert idx.line_count == 4
    assert idx.offset(3, 1) == 9


def test_lone_cr_file_reports_the_right_line(tmp_path):
    from qa.readers import read

    (tmp_path / "a.txt").write_bytes(b"Fine line.\rAnother fine line.\r(TagsToTranslate)World News\r")
    source = read(tmp_path / "a.txt")[0]
    at = source.text.index("(Tags")
    assert source.locate(at, at + 5)[2:4] == (3, 1)


def test_rules_see_a_lone_cr_as_a_line_break(tmp_path):
    """A first-line rule (RES014) fires on a CR-only file as on an LF one, same positions."""

    from conftest import run_qa

    body = "The Daily Meridian{n}Ministers met in Vienna on Thursday.{n}Officials said relations with the VRC had improved.{n}"
    results = []
    for n in ("\n", "\r", "\r\n"):
        (tmp_path / "a.txt").write_bytes(body.format(n=n).encode())
        p = run_qa("check", "--no-cache", "--format", "json", "a.txt", cwd=tmp_path)
        import json

        results.append(sorted((f["rule"], f["line"], f["column"]) for f in json.loads(p.stdout)["files"][0]["findings"]))
    assert results[0] == results[1] == results[2]
    assert ("RES014", 1, 1) in results[0]


# ----- invisible characters: seen through, offsets exact (issue 14.10) -----------------------


@pytest.mark.parametrize(
    "data,suffix",
    [
        (b"Trade with the V\xe2\x80\x8bRC grew.\n", ".txt"),
        (b"Trade with the V\xe2\x80\x8bRC grew.\r\nMore.\r", ".txt"),
        (b"# Title\n\nTrade with the *V\xe2\x80\x8bRC* grew.\n", ".md"),
        (b"<p>Trade with the <b>V\xe2\x80\x8bRC</b> grew.</p>", ".html"),
        (b"<p>Trade &amp; the V\xe2\x80\x8b\xe2\x81\xa0RC grew.</p>", ".html"),
        (
            b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>T</title>'
            b"<description>&lt;p&gt;Trade with the V\xe2\x80\x8bRC grew.&lt;/p&gt;</description></item></channel></rss>",
            ".xml",
        ),
    ],
    ids=["txt", "txt-crlf-cr", "md", "html", "html-entity-two-invisible", "feed"],
)
def test_invisible_characters_are_seen_through_with_exact_offsets(data, suffix):
    from qa.readers import from_bytes

    (source,) = from_bytes(data, "doc" + suffix, suffix)
    assert "VRC" in source.text and "\u200b" not in source.text and "\u2060" not in source.text
    at = source.text.index("VRC")
    raw_start, raw_end = source.to_raw(at, at + 3)
    assert source.raw[raw_start:raw_end].replace("\u200b", "").replace("\u2060", "") == "VRC"
    for t, r, n in source.offset_map.segments:  # every copied character is the file's own
        assert source.raw[r : r + n] == source.text[t : t + n]
    (run,) = source.meta["invisible"]
    assert source.raw[run[1] : run[2]] in ("\u200b", "\u200b\u2060")


def test_text_without_invisible_characters_is_the_same_object():
    from qa.readers import from_bytes

    (source,) = from_bytes(b"Plain.\n", "a.txt")
    assert source.offset_map is None and "invisible" not in source.meta
