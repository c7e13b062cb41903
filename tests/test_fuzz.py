"""Fuzzing (hypothesis): any bytes through any reader, any text through segmentation and the
engine. Nothing raises except a one-line InputError, offsets stay inside the text and the file,
copied text maps back to the same characters, and line/column round-trips to offsets.

Structured Markdown/HTML generators live in tests/test_readers.py; these inputs are rougher:
arbitrary bytes, and soups of markup fragments, entities, BOMs and odd line breaks.
"""

from __future__ import annotations

import re

from functools import lru_cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qa.errors import InputError
from qa.readers import from_bytes
from qa.source import LineIndex, Source

SUFFIXES = (".txt", ".md", ".html", ".xml")
FRAGMENTS = [
    "<p>", "</p>", "<div>", "</div>", "<br>", "<b>", "</b>", "<script>", "</script>", "<!--", "-->",
    "&amp;", "&#233;", "&#x41;", "&nbsp;", "&bogus;", "&#99999999;", "<![CDATA[", "]]>", "<?xml version='1.0'?>",
    "<rss><channel>", "</channel></rss>", "<item>", "</item>", "<title>", "</title>", "<description>",
    "</description>", '<feed xmlns="http://www.w3.org/2005/Atom">', "<entry>", "</entry>", "<content type='html'>",
    "</content>", "# ", "## ", "* ", "1. ", "> ", "`", "```\n", "[a](http://x.example)", "---\n", "| a | b |\n",
    "\n", "\n\n", "\r\n", "\r", "\t", "  ", "\u2028", "\u00a0", "\ufeff", "\u200b", "\u200d", "\u00ad", "V\u200bRC", "é", "İ", "ß", "😀", "\u0301",
    '"', "“", "”", "«", "»", "'", "’", ".", "?", "! ", "Mr. ", "U.S. ", "Ministers met in Vienna", "VRC",
    "(TagsToTranslate)", "sara lindqvist | Reuters",
]
SOUP = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=40).map("".join)
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_source(src: Source) -> None:
    raw, text = src.raw, src.text
    assert isinstance(text, str) and isinstance(raw, str)
    if src.offset_map is not None:
        for t, r, n in src.offset_map.segments:
            assert 0 <= t and t + n <= len(text)
            assert 0 <= r and r + n <= len(raw)
            assert raw[r : r + n] == text[t : t + n]
    else:  # plain text without invisible characters: the same characters, a lone CR read as LF
        assert len(raw) == len(text) and all(a == b or (a, b) == ("\r", "\n") for a, b in zip(raw, text))
    lines = LineIndex(raw)
    for i in range(len(text) + 1):
        for j in (i, min(i + 1, len(text)), min(i + 7, len(text))):
            a, b, line, col, end_line, end_col = src.locate(i, j)
            assert 0 <= a <= b <= len(raw)
            assert lines.offset(line, col) == a and lines.offset(end_line, end_col) == b
    for name in ("paragraphs", "sentences", "quotes"):
        last = 0
        for span in getattr(src, name):
            assert 0 <= span.start <= span.end <= len(text), (name, span)
            if name != "quotes":
                assert span.start >= last, (name, span)
                last = span.end
    for i in range(0, len(text) + 1, 3):
        src.in_quotes(i, min(i + 2, len(text)))
        assert src.paragraph_at(i).end <= len(text) and src.sentence_at(i).end <= len(text)


def read_any(data: bytes, suffix: str) -> list[Source]:
    try:
        return from_bytes(data, "fuzz" + suffix, suffix)
    except InputError as exc:
        assert "\n" not in str(exc) and str(exc).startswith("fuzz")
        return []


@SETTINGS
@given(st.binary(max_size=300), st.sampled_from(SUFFIXES))
def test_any_bytes_through_any_reader(data, suffix):
    for src in read_any(data, suffix):
        check_source(src)


@SETTINGS
@given(SOUP, st.sampled_from(SUFFIXES), st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_markup_soup_through_any_reader(doc, suffix, encoding):
    for src in read_any(doc.encode(encoding, "surrogatepass"), suffix):
        check_source(src)


@SETTINGS
@given(SOUP)
def test_plain_text_source_keeps_every_character(doc):
    read = read_any(doc.encode("utf-8", "surrogatepass"), ".txt")
    (src,) = read or [Source("fuzz.txt", doc)]
    if read and src.raw == doc:  # every character kept but invisible ones, a lone CR read as LF
        assert src.text == re.sub("[\u00ad\u200b\u200c\u200d\u2060\ufeff]", "", re.sub(r"\r(?!\n)", "\n", doc))
    check_source(src)


@SETTINGS
@given(st.text(alphabet=st.sampled_from("ab \n\r\u2028é😀"), max_size=80))
def test_line_column_round_trip(text):
    lines = LineIndex(text)
    for offset in range(len(text) + 1):
        line, col = lines.position(offset)
        assert 1 <= line <= lines.line_count and col >= 1
        assert lines.offset(line, col) == offset
    assert lines.position(-5) == (1, 1)
    assert lines.offset(*lines.position(len(text) + 5)) == len(text)


@lru_cache(maxsize=1)
def engine():
    from qa.app import build_engine
    from qa.settings import Settings

    errors: list[str] = []
    built = build_engine(Settings(grammar="off"), errors)
    assert errors == []
    return built


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SOUP, st.sampled_from(SUFFIXES))
def test_engine_findings_point_into_the_file(doc, suffix):
    for src in read_any(doc.encode("utf-8", "surrogatepass"), suffix):
        lines = LineIndex(src.raw)
        for f in engine().check(src):
            assert 0 <= f.start <= f.end <= len(src.raw), f
            assert (f.line, f.column) == lines.position(f.start)
            assert (f.end_line, f.end_column) == lines.position(f.end)
            if src.offset_map is None:
                assert src.raw[f.start : f.end] == f.text
