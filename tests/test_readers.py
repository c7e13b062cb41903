"""Markup readers: extracted text, exact positions in the original file, encodings, feeds."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from qa.errors import InputError
from qa.readers import from_bytes
from qa.source import LineIndex

MARKUP = FIXTURES / "markup"


def _check_map(source) -> None:
    """Every copied character stands for the same character in raw; offsets stay inside raw;
    line/column round-trips; the map is ordered."""
    raw, text = source.raw, source.text
    segments = source.offset_map.segments if source.offset_map else ((0, 0, len(text)),)
    previous = -1
    for t, r, n in segments:
        assert t >= previous
        previous = t
        assert 0 <= r <= len(raw) and r + n <= len(raw)
        assert raw[r : r + n] == text[t : t + n]
    index = LineIndex(raw)
    for i in range(len(text) + 1):
        a, b = source.to_raw(i, min(i + 1, len(text)))
        assert 0 <= a <= b <= len(raw)
        line, col = index.position(a)
        assert index.offset(line, col) == a


def _at(source, needle: str, nth: int = 0) -> tuple[int, int, int, int]:
    """(line, column, end_line, end_column) in raw of the nth occurrence of ``needle`` in text."""
    start = -1
    for _ in range(nth + 1):
        start = source.text.index(needle, start + 1)
    return source.locate(start, start + len(needle))[2:]


# -- Markdown -------------------------------------------------------------------------------


def test_markdown_skips_front_matter_code_and_urls():
    (src,) = from_bytes((MARKUP / "story.md").read_bytes(), "story.md", ".md")
    assert "title:" not in src.text and "code block" not in src.text
    assert "example.com" not in src.text and "img/" not in src.text and "site" not in src.text
    assert "Officials from the VRC met on Monday." in src.text  # link text kept, code span dropped
    assert "Delegates of the VRC at the table" in src.text  # alt text kept
    assert _at(src, "VRC") == (11, 21, 11, 24)
    assert _at(src, "VRC", 1) == (13, 20, 13, 23)
    _check_map(src)


def test_markdown_constructs_map_exactly():
    doc = (
        "> Quoted *emph* and **strong** \\* text &amp; more\n> second line\n\n"
        "1. item one\n   continued\n\n| col a | col a |\n|---|---|\n| left | right |\n\n"
        "Setext head\n===\n\nSee <https://x.example> and [ref][r] and `a b` b.\r\nNext\r\n\n"
        "<div>html <b>block</b> &eacute;</div>\n\n    indented code\n\n[r]: https://r.example\n"
    )
    (src,) = from_bytes(doc.encode(), "x.md", ".md")
    assert "indented code" not in src.text and "https" not in src.text and "col a\n\ncol a" in src.text
    assert "text & more" in src.text and "html block é" in src.text and "and a b" not in src.text
    assert "and ref and b." in src.text
    assert _at(src, "right") == (9, 10, 9, 15)
    assert _at(src, "col a", 1) == (7, 11, 7, 16)
    assert _at(src, "Next") == (15, 1, 15, 5)
    assert _at(src, "continued") == (5, 4, 5, 13)
    _check_map(src)


_WORD = st.sampled_from(["alpha", "Beta", "café", "x", "AT&T", "&amp;", "&eacute;", "\\*", "naïve", "3"])
_INLINE = st.one_of(
    _WORD,
    _WORD.map(lambda w: f"*{w}*"),
    _WORD.map(lambda w: f"**{w}**"),
    _WORD.map(lambda w: f"`{w}`"),
    _WORD.map(lambda w: f"[{w}](https://e.example/{len(w)} \"t {w}\")"),
    _WORD.map(lambda w: f"![{w}](i/{len(w)}.png)"),
    st.just("<!-- qa-disable-next-line ABC001 -->"),
    st.just("<b>bold</b>"),
)
_LINE = st.lists(_INLINE, min_size=1, max_size=6).map(lambda parts: "Text " + " ".join(parts))
_BLOCK = st.one_of(
    _LINE,
    _LINE.map(lambda s: "# " + s),
    _LINE.map(lambda s: "> " + s),
    _LINE.map(lambda s: "- " + s + "\n  " + s),
    _LINE.map(lambda s: "```\n" + s + "\n```"),
    st.lists(_WORD, min_size=1, max_size=4).map(lambda ws: "<p>" + " ".join(ws) + "</p>"),  # raw HTML block
    st.tuples(_LINE, _LINE).map(lambda p: f"| {p[0]} | {p[1]} |\n|---|---|\n| {p[1]} | {p[0]} |"),
)
_MARKDOWN = st.tuples(st.booleans(), st.lists(_BLOCK, min_size=1, max_size=6), st.sampled_from(["\n", "\r\n"])).map(
    lambda t: ("---\na: b\n---\n" if t[0] else "") + "\n\n".join(t[1]).replace("\n", t[2]) + t[2]
)


@settings(max_examples=150, deadline=None)
@given(_MARKDOWN)
def test_markdown_map_property(doc):
    (src,) = from_bytes(doc.encode(), "p.md", ".md")
    _check_map(src)
    assert "https://e.example" not in src.text and "qa-disable" not in src.text


# -- HTML -----------------------------------------------------------------------------------


def test_html_visible_text_and_declared_encoding():
    (src,) = from_bytes((MARKUP / "story.html").read_bytes(), "story.html", ".html")
    assert src.encoding == "cp1252"
    assert "var s" not in src.text and "home" not in src.text and "VRC talks" not in src.text
    assert "Trade talks resume\n\nOfficials from the VRC & partners met on Monday. Café owners cheered." in src.text
    assert _at(src, "VRC") == (10, 4, 10, 7)
    i = src.text.index("Café owners")
    a, b = src.to_raw(i, i + len("Café owners"))
    assert src.raw[a:b] == "Caf&eacute; owners"
    _check_map(src)


_HTML_PIECE = st.one_of(
    _WORD,
    _WORD.map(lambda w: f"<p>{w}</p>"),
    _WORD.map(lambda w: f"<b>{w}</b>"),
    _WORD.map(lambda w: f"<script>{w}</script>"),
    _WORD.map(lambda w: f'<img src="i.png" alt="{w} photo">'),
    st.sampled_from(["<br>", "\n", "   ", "&#233;", "&#x41;", "&nbsp;", "<!-- c -->", "<nav>menu</nav>", "<div>", "</div>"]),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_HTML_PIECE, max_size=20).map("".join))
def test_html_map_property(doc):
    (src,) = from_bytes(doc.encode(), "p.html", ".html")
    _check_map(src)
    assert "menu" not in src.text


def test_html_bom_and_meta_charset():
    body = "<p>Café</p>"
    (a,) = from_bytes(b"\xef\xbb\xbf" + body.encode(), "a.html", ".html")
    assert a.text.strip() == "Café" and a.raw == body
    (b,) = from_bytes(('<meta charset="iso-8859-1">' + body).encode("latin-1"), "b.html", ".htm")
    assert b.text.strip() == "Café"
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        from_bytes(b'<meta charset="klingon"><p>x</p>', "c.html", ".html")


# -- feeds ----------------------------------------------------------------------------------


def test_rss_items_are_documents_with_positions_in_the_feed():
    items = from_bytes((MARKUP / "wire.rss").read_bytes(), "wire.rss", ".rss")
    assert [s.path for s in items] == ["wire.rss#item-1", "wire.rss#item-2"]
    second = items[1]
    assert second.meta["extras"] == {"file": "wire.rss", "item": 2, "title": "Talks with the VRC", "link": "https://wire.example/talks"}
    assert second.text.startswith("Talks with the VRC\n\nOfficials said the VRC team arrived.")
    assert _at(second, "VRC") == (10, 25, 10, 28)
    assert _at(second, "VRC", 1) == (12, 53, 12, 56)  # inside entity-escaped HTML
    for s in items:
        _check_map(s)


def test_atom_xhtml_and_declared_encoding():
    feed = (
        '<?xml version="1.0" encoding="iso-8859-1"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>\n'
        '<entry><title type="html">A &lt;em&gt;big&lt;/em&gt; day</title><link rel="alternate" href="https://a/1"/>\n'
        '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Caf\xe9 <b>strong</b> words.</p></div></content></entry></feed>'
    ).encode("latin-1")
    (item,) = from_bytes(feed, "a.atom", ".atom")
    assert item.text.split() == ["A", "big", "day", "Café", "strong", "words."]
    assert item.meta["extras"]["title"] == "A big day" and item.meta["extras"]["link"] == "https://a/1"
    assert _at(item, "strong") == (4, 76, 4, 82)
    _check_map(item)


def test_feed_with_external_entity_is_refused_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    evil = f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]><rss><channel><item><title>&x;</title></item></channel></rss>'
    with pytest.raises(InputError, match="refused for safety") as info:
        from_bytes(evil.encode(), "evil.xml", ".xml")
    assert "TOPSECRET" not in str(info.value)


def test_xml_that_is_not_a_feed():
    with pytest.raises(InputError, match="not an RSS or Atom feed"):
        from_bytes(b"<?xml version='1.0'?><catalog/>", "c.xml", ".xml")


# -- end to end -----------------------------------------------------------------------------


def _positions(proc) -> dict:
    data = json.loads(proc.out)
    return {f["path"].rsplit("/", 1)[-1]: [(x["rule"], x["line"], x["column"]) for x in f["findings"]] for f in data["files"]}


def test_cli_positions_in_markdown_html_and_feed(qa):
    p = qa("check", "--select", "FRN001", "--format", "json", "--fail-on", "never", *(str(MARKUP / n) for n in ("story.md", "story.html", "wire.rss")))
    assert p.returncode == 0, p.err
    got = _positions(p)
    assert got["story.md"] == [("FRN001", 11, 21), ("FRN001", 13, 20)]
    assert got["story.html"] == [("FRN001", 10, 4)]
    assert got["wire.rss#item-1"] == []
    assert got["wire.rss#item-2"] == [("FRN001", 10, 25), ("FRN001", 12, 53)]
    text = qa("check", "--select", "FRN001", "--fail-on", "never", str(MARKUP / "wire.rss")).out
    assert "wire.rss#item-2:12:53: FRN001" in text


def test_feed_items_share_one_line_index_of_the_file():
    """Each item pointing into the whole feed built its own index over the whole file: memory
    grew with items x file size (issue 14.2). One index per file, and positions stay right."""
    from qa.readers.feed import read_feed

    items = "".join(f"<item><title>Title {i}</title>\n<description>Text {i} here.</description></item>\n" for i in range(50))
    raw = f'<?xml version="1.0"?>\n<rss version="2.0"><channel>\n{items}</channel></rss>\n'
    sources = read_feed(raw.encode(), "f.xml")
    assert len(sources) == 50
    assert len({id(s._lines) for s in sources}) == 1
    last = sources[-1]
    start = last.text.index("Text 49")
    raw_start, _end, line, column, *_ = last.locate(start, start + 4)
    assert raw[raw_start : raw_start + 4] == "Text"
    assert line == raw.count("\n", 0, raw_start) + 1 and column == raw_start - raw.rfind("\n", 0, raw_start)


def _deep_quote(depth: int) -> str:
    return "Intro line.\n\n" + "> " * depth + "(TagsToTranslate)World News\n\nClosing line.\n"


def _deep_list(depth: int) -> str:
    lines = ["Intro line.", ""] + ["  " * i + f"- level {i}" for i in range(depth)]
    return "\n".join(lines + ["  " * depth + "- (TagsToTranslate)World News", "", "Closing line.", ""])


@pytest.mark.parametrize(
    "raw",
    [_deep_quote(25), _deep_quote(60), _deep_quote(2000), _deep_list(12), _deep_list(40)],
    ids=["quote-25", "quote-60", "quote-2000", "list-12", "list-40"],
)
def test_deep_markdown_is_never_dropped(raw):
    """markdown-it drops blocks nested past its limit (20 '>' or 10 lists): that text must
    still be checked, at its exact place in the file (issue 14.9)."""
    from qa.readers.markdown import read_markdown

    (source,) = read_markdown(raw.encode(), "deep.md")
    assert "(TagsToTranslate)World News" in source.text
    assert "Intro line." in source.text and "Closing line." in source.text
    at = source.text.index("(TagsToTranslate)")
    raw_start, raw_end = source.to_raw(at, at + len("(TagsToTranslate)World News"))
    assert raw[raw_start:raw_end] == "(TagsToTranslate)World News"
    assert "level 3" not in raw or "level 3" in source.text


def test_feed_positions_are_runs_not_one_entry_per_character():
    """A list entry (and an int object) per character of every item made a feed's memory many
    times its size (issue 14.2): positions are kept as runs."""
    from qa.readers.feed import _parse

    body = "word " * 2000
    raw = f'<?xml version="1.0"?>\n<rss version="2.0"><channel><item><description>{body}&amp; more</description></item></channel></rss>'
    (item,) = _parse(raw, "f.xml")
    positions = item.fields["description"].positions
    assert len(positions) == len(body) + len("& more")
    assert len(positions.starts) <= 4


def test_runs_index_like_a_list_of_positions():
    from hypothesis import given
    from hypothesis import strategies as st

    from qa.readers.extract import Runs

    @given(st.lists(st.tuples(st.one_of(st.none(), st.integers(0, 50)), st.integers(0, 5)), max_size=12))
    def check(parts):
        runs, flat = Runs(), []
        for r, n in parts:
            runs.add(r, n)
            flat.extend([None] * n if r is None else range(r, r + n))
        assert len(runs) == len(flat) and [runs[i] for i in range(len(flat))] == flat
        for i in range(len(flat)):
            before = [p for p in flat[: i + 1] if p is not None]
            assert runs.anchor(i) == (before[-1] if before else None)
            for n in (1, 3):
                r = runs.exact(i, n)
                if r is not None:
                    assert flat[i : i + n] == list(range(r, r + n))

    check()
