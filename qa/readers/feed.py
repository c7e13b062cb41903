"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds: each item is a document (title + content).

Parsed with defusedxml (entity declarations and external references are refused, never
resolved; a feed URL is never fetched). Expat reports where each piece of character data starts
(``CurrentByteIndex``), so an item's decoded text keeps a raw offset per character; the HTML in
``description``/``content:encoded``/Atom ``type="html"`` is then extracted with the HTML reader
through those positions, and Atom ``type="xhtml"`` content directly from the file. Every item's
findings therefore point into the feed file itself. Items are named ``feed.xml#item-N``.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from qa.errors import InputError
from qa.readers.extract import Emitter, Runs, decode_declared
from qa.readers.html import emit_text, extract_html
from qa.source import LineIndex, OffsetMapBuilder, Source

_XML_DECL = re.compile(rb"""\A(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding\s*=\s*["']([-\w.:]+)["']""")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
ROOTS = {"rss", "feed", "RDF"}
ITEMS = {"item", "entry"}
FIELDS = {"title", "link", "description", "encoded", "summary", "content"}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


@dataclass
class _Field:
    kind: str  # "text" | "html" | "xhtml"
    chars: list[str] = field(default_factory=list)
    positions: Runs = field(default_factory=Runs)
    span: tuple[int, int] | None = None  # xhtml: the raw slice inside the element

    @property
    def text(self) -> str:
        return "".join(self.chars)


@dataclass
class _Item:
    fields: dict[str, _Field] = field(default_factory=dict)
    link: str = ""


def read_feed(data: bytes, display: str) -> list[Source]:
    raw, encoding = decode_declared(data, display, _XML_DECL)
    items = _parse(raw, display)
    lines = LineIndex(raw)  # one index over the file for every item (not one per item: items x size)
    out = []
    for n, item in enumerate(items, 1):
        builder = OffsetMapBuilder()
        directives: list = []
        for name in ("title", "encoded", "content", "description", "summary"):
            f = item.fields.get(name)
            if f is None or (name == "description" and "encoded" in item.fields):
                continue
            if name == "summary" and "content" in item.fields:
                continue
            _emit_field(f, raw, builder, directives)
        title = _plain(item.fields["title"]) if "title" in item.fields else ""
        text, offset_map = builder.build()
        extras = {"file": display, "item": n, "title": title, "link": item.link}
        meta = {"directives": tuple(directives), "markup": True, "extras": extras}
        out.append(
            Source(f"{display}#item-{n}", text, raw=raw, offset_map=offset_map, encoding=encoding, meta=meta, line_index=lines)
        )
    return out


def _plain(f: _Field) -> str:
    text = html.unescape(re.sub(r"<[^>]*>", "", f.text)) if f.kind == "html" else f.text
    return " ".join(text.split())


def _emit_field(f: _Field, raw: str, builder: OffsetMapBuilder, directives: list) -> None:
    if f.kind == "xhtml" and f.span:
        em = Emitter(builder, raw, base=f.span[0])
        em.directives = directives
        extract_html(raw[f.span[0] : f.span[1]], em)
        return
    em = Emitter(builder, raw, positions=f.positions)
    em.directives = directives
    if f.kind == "html":
        extract_html(f.text, em)
    else:
        emit_text(f.text, 0, len(f.text), em)
        em.brk()


def _parse(raw: str, display: str) -> list[_Item]:
    encoded = raw.encode("utf-8")
    target = _Target(raw, _byte_to_char(raw))
    parser = DefusedXMLParser(target=target, encoding="utf-8")  # raw is re-encoded: override the declaration
    target.expat = parser.parser
    parser.parser.buffer_text = False  # one event per run, entity and line: exact positions
    try:
        parser.feed(encoded)
        parser.close()
    except DefusedXmlException as exc:
        raise InputError(display, f"uses a DTD entity or external reference ({type(exc).__name__}); refused for safety, not resolved") from None
    except ParseError as exc:
        raise InputError(display, f"is not well-formed XML: {exc}") from None
    if target.root not in ROOTS:
        raise InputError(display, f"is XML but not an RSS or Atom feed (root element <{target.root}>)")
    return target.items


def _byte_to_char(raw: str):
    """Byte offset in ``raw.encode('utf-8')`` -> code-point offset in ``raw``."""
    starts: list[int] = []  # byte offset just after each non-ASCII character
    extra: list[int] = []  # bytes beyond one per character, up to and including it
    total = 0
    for m in _NON_ASCII.finditer(raw):
        width = len(m.group().encode("utf-8")) - 1
        starts.append(m.start() + total + width + 1)
        total += width
        extra.append(total)

    def convert(b: int) -> int:
        k = bisect_right(starts, b) - 1
        return b - (extra[k] if k >= 0 else 0)

    return convert


class _Target:
    """ElementTree parser target collecting items; reads positions from the expat parser."""

    def __init__(self, raw: str, to_char) -> None:
        self.raw = raw
        self.to_char = to_char
        self.expat = None
        self.root: str | None = None
        self.items: list[_Item] = []
        self.depth = 0
        self.item_depth: int | None = None
        self.field: _Field | None = None
        self.field_depth = 0

    def _here(self) -> int:
        return self.to_char(self.expat.CurrentByteIndex)

    def start(self, tag: str, attrib: dict) -> None:
        self.depth += 1
        name = _local(tag)
        if self.root is None:
            self.root = name
        if self.item_depth is None:
            if name in ITEMS:
                self.item_depth = self.depth
                self.items.append(_Item())
            return
        if self.field is not None or self.depth != self.item_depth + 1 or name not in FIELDS:
            return
        item = self.items[-1]
        if name == "link":
            rel = attrib.get("rel", "alternate")
            if attrib.get("href") and rel == "alternate" and not item.link:
                item.link = attrib["href"]
        kind = attrib.get("type", "html" if name in ("description", "encoded") else "text")
        kind = {"text/html": "html", "application/xhtml+xml": "xhtml", "text/plain": "text"}.get(kind, kind)
        if name == "title" and _local(tag) == "title" and "type" not in attrib:
            kind = "text"
        self.field = _Field(kind if kind in ("text", "html", "xhtml") else "text")
        self.field_depth = self.depth
        if name != "link":
            item.fields.setdefault(name, self.field)
        if self.field.kind == "xhtml":
            at = self._here()
            close = self.raw.find(">", at)
            self.field.span = (close + 1, close + 1)

    def end(self, tag: str) -> None:
        name = _local(tag)
        if self.field is not None and self.depth == self.field_depth:
            if self.field.kind == "xhtml" and self.field.span:
                self.field.span = (self.field.span[0], self._here())
            if name == "link" and not self.items[-1].link:
                self.items[-1].link = self.field.text.strip()
            self.field = None
        if self.item_depth is not None and self.depth == self.item_depth:
            self.item_depth = None
        self.depth -= 1

    def data(self, text: str) -> None:
        f = self.field
        if f is None or f.kind == "xhtml" or self.depth != self.field_depth:
            return
        at = self._here()
        f.chars.append(text)
        if self.raw[at : at + len(text)] == text:
            f.positions.add(at, len(text))
        else:  # a decoded entity or a normalised line break
            f.positions.add(at, 1)
            f.positions.add(None, len(text) - 1)

    def close(self) -> None:
        return None
