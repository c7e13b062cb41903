"""Markdown -> checked text with an offset map into the file (markdown-it-py, CommonMark + tables).

markdown-it gives each block a line range but no character offsets, so positions are rebuilt
in two exact steps, never by searching for a finding's text:

1. an inline run's ``content`` is its block's lines with a prefix (indent, ``>``, list marker,
   ``#``) removed and the ends trimmed: each content line is located in its own raw line,
   giving a raw offset for every content character;
2. the inline tokens are walked in order with a cursor over ``content``; text tokens are exact
   slices of it, and the markup between them (emphasis, code spans, link destinations) is
   stepped over by its syntax.

Skipped: front matter, code blocks and spans, link destinations and titles, image URLs,
autolinks, raw HTML tags. Checked: text, link text, image alt text, visible text of HTML blocks.

markdown-it stops parsing blocks nested deeper than ``maxNesting`` and drops their text
without a word. We raise the limit to :data:`MAX_NESTING` (deeper than any real article, still
far from Python's recursion limit), and when a document goes deeper still, every line with
letters that no block placed is checked as plain text, its quote and list markers stepped
over, at its exact position: nothing is silently dropped.
"""

from __future__ import annotations

import re
from typing import Sequence

from markdown_it import MarkdownIt
from markdown_it.helpers import parseLinkDestination, parseLinkTitle

from qa.readers import decode
from qa.readers.extract import Directive, Emitter
from qa.readers.html import extract_html
from qa.source import OffsetMapBuilder, Source

_FRONT_MATTER = re.compile(r"\A(---|\+\+\+)[ \t]*\r?\n.*?^\1[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_EOL = re.compile(r"\r\n|\r|\n")
_COMMENT = re.compile(r"\A<!--(.*?)-->\Z", re.S)
_BR = re.compile(r"\A<br\s*/?>\Z", re.I)
_DEEP_PREFIX = re.compile(r"[ \t]*(?:(?:>|[-+*]|\d{1,9}[.)])[ \t]*)*")
_REFERENCE = re.compile(r"[ \t]*(?:>[ \t]*)*\[[^\]]+\]:")
_LETTER = re.compile(r"[^\W\d_]")
MAX_NESTING = 50
_BLOCKS = {"paragraph", "heading", "blockquote", "list_item", "th", "td", "tr", "table", "bullet_list", "ordered_list"}
_DELIMS = {"em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"}


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"typographer": False, "maxNesting": MAX_NESTING}).enable(["table", "strikethrough"])
    md.disable("text_join")  # keep escapes and entities as their own tokens (raw form in .markup)
    return md


_MD = _parser()


def read_markdown(data: bytes, display: str) -> list[Source]:
    raw, encoding = decode(data, display)
    text, offset_map, directives = extract_markdown(raw)
    meta = {"directives": directives, "markup": True}
    return [Source(display, text, raw=raw, offset_map=offset_map, encoding=encoding, meta=meta)]


def extract_markdown(raw: str):
    """(text, offset map, directives) of a Markdown document."""
    src = raw
    fm = _FRONT_MATTER.match(raw)
    if fm:  # blank the front matter but keep its line breaks, so markdown-it's line numbers hold
        src = re.sub(r"[^\r\n]", "", raw[: fm.end()]) + raw[fm.end() :]
    walker = _Walker(raw)
    tokens = _MD.parse(src)
    walker.walk(tokens)
    if any(t.level >= MAX_NESTING - 1 for t in tokens):  # markdown-it dropped what lies deeper
        walker.unplaced(tokens, src)
    text, offset_map = walker.builder.build()
    return text, offset_map, tuple(walker.directives)


class _Walker:
    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.builder = OffsetMapBuilder()
        self.directives: list[Directive] = []
        # (start, end-before-EOL, position of the "\n" ending the line or None), split as markdown-it does
        self.lines: list[tuple[int, int, int | None]] = []
        pos = 0
        for m in _EOL.finditer(raw):
            self.lines.append((pos, m.start(), m.end() - 1 if m.group().endswith("\n") else None))
            pos = m.end()
        self.lines.append((pos, len(raw), None))
        self.line_cursor: dict[int, int] = {}

    def emitter(self, positions: Sequence[int | None]) -> Emitter:
        em = Emitter(self.builder, self.raw, positions=positions)
        em.directives = self.directives
        return em

    def walk(self, tokens) -> None:
        cell = False
        for tok in tokens:
            kind = tok.type
            base = kind.rsplit("_", 1)[0]
            if kind == "inline" and tok.map:
                em = self.emitter(self.positions(tok.content, tok.map[0], in_cell=cell))
                _Inline(tok.content, em).walk(tok.children or [], 0)
            elif kind == "html_block" and tok.map:
                extract_html(tok.content, self.emitter(self.positions(tok.content, tok.map[0])))
            elif base in _BLOCKS or kind in ("hr", "fence", "code_block"):
                self.emitter(()).brk()
            cell = kind in ("th_open", "td_open")

    def unplaced(self, tokens, src: str) -> None:
        """Check as plain text every line with letters that no block placed (nested too deep)."""
        placed = [False] * len(self.lines)
        for tok in tokens:
            if tok.map and tok.type in ("inline", "fence", "code_block", "html_block", "hr"):
                for li in range(tok.map[0], min(tok.map[1], len(placed))):
                    placed[li] = True
        em = self.emitter(())
        em.positions = None  # raw offsets directly
        for li, (start, end, _newline) in enumerate(self.lines):
            line = src[start:end]
            if placed[li] or not _LETTER.search(line) or _REFERENCE.match(line):
                continue
            body = _DEEP_PREFIX.match(line).end()
            em.brk()
            em.copy(line[body:].rstrip(), start + body)
        em.brk()

    def positions(self, content: str, first_line: int, in_cell: bool = False) -> list[int | None]:
        """The raw offset of every character of a block's ``content`` (None if not found)."""
        out: list[int | None] = []
        parts = content.split("\n")
        for k, part in enumerate(parts):
            li = first_line + k
            if li >= len(self.lines):
                out.extend([None] * len(part))
                continue
            start, end, newline = self.lines[li]
            line = self.raw[start:end]
            if in_cell:  # several cells share a line: search forward from the previous cell
                p = line.find(part, self.line_cursor.get(li, 0))
                if p >= 0:
                    self.line_cursor[li] = p + len(part)
            else:  # content is a suffix of the line (minus trailing blanks or closing #s)
                p = line.rfind(part)
            if p < 0:  # tabs expanded into spaces: place what follows the indentation
                body = part.lstrip(" ")
                q = line.rfind(body) if body else -1
                lead = len(part) - len(body)
                out.extend([None] * lead)
                out.extend(range(start + q, start + q + len(body)) if q >= 0 else [None] * len(body))
            else:
                out.extend(range(start + p, start + p + len(part)))
            if k < len(parts) - 1:
                out.append(newline)
        return out


class _Inline:
    """Walk one inline run's tokens with a cursor over its ``content``."""

    def __init__(self, content: str, emitter: Emitter) -> None:
        self.s = content
        self.out = emitter

    def walk(self, tokens, cursor: int) -> int:
        s, out = self.s, self.out
        skipping = False  # inside an autolink: its text is a URL
        dropped = False  # the previous token was dropped (code span, autolink)
        for tok in tokens:
            kind = tok.type
            was_dropped, dropped = dropped, kind == "code_inline" or (skipping and kind == "link_close")
            if skipping:
                if kind == "link_close":
                    skipping = False
                    p = s.find(">", cursor)
                    cursor = p + 1 if p >= 0 else cursor
                continue
            if kind == "text":
                p = s.find(tok.content, cursor)
                if p < 0:
                    out.insert(tok.content, cursor)
                    continue
                cursor = p + len(tok.content)
                if was_dropped and tok.content.startswith(" ") and out.builder.ends_with(" "):
                    p += 1  # "the `x` word" must not become "the  word"
                out.copy(s[p:cursor], p)
            elif kind == "text_special":
                p = s.find(tok.markup, cursor)
                if p < 0:
                    out.insert(tok.content, cursor)
                    continue
                if tok.info == "escape" and tok.markup == "\\" + tok.content:
                    out.copy(tok.content, p + 1)
                else:
                    out.insert(tok.content, p)
                cursor = p + len(tok.markup)
            elif kind in ("softbreak", "hardbreak"):
                p = s.find("\n", cursor)
                if p >= 0:
                    out.copy("\n", p)
                    cursor = p + 1
                else:
                    out.insert("\n", cursor)
            elif kind == "code_inline":
                cursor = _skip_code(s, cursor, tok.markup)
            elif kind in _DELIMS:
                if s.startswith(tok.markup, cursor):
                    cursor += len(tok.markup)
            elif kind == "link_open":
                if tok.markup == "autolink" or tok.info == "auto":
                    skipping = True
                    p = s.find("<", cursor)
                    cursor = p + 1 if p >= 0 else cursor
                else:
                    p = s.find("[", cursor)
                    cursor = p + 1 if p >= 0 else cursor
            elif kind == "link_close":
                cursor = _skip_destination(s, s.find("]", cursor))
            elif kind == "image":
                p = s.find("![", cursor)
                cursor = self.walk(tok.children or [], p + 2 if p >= 0 else cursor)
                cursor = _skip_destination(s, s.find("]", cursor))
            elif kind == "html_inline":
                p = s.find(tok.content, cursor)
                if p < 0:
                    continue
                comment = _COMMENT.match(tok.content)
                if comment:
                    out.directive(comment.group(1), p, p + len(tok.content))
                elif _BR.match(tok.content):
                    out.brk("\n", p)
                cursor = p + len(tok.content)
        return cursor


def _skip_code(s: str, cursor: int, ticks: str) -> int:
    """Step over a code span opened by exactly ``ticks`` at or after ``cursor``."""
    run = re.compile(r"(?<!`)" + re.escape(ticks) + r"(?!`)")
    opening = run.search(s, cursor)
    if not opening:
        return cursor
    closing = run.search(s, opening.end())
    return closing.end() if closing else opening.end()


def _skip_destination(s: str, close: int) -> int:
    """From the ``]`` ending a link's text, step over ``(dest "title")`` or ``[ref]``."""
    if close < 0:
        return len(s)
    i = close + 1
    if s.startswith("(", i):
        j = _skip_ws(s, i + 1)
        dest = parseLinkDestination(s, j, len(s))
        if dest.ok:
            j = _skip_ws(s, dest.pos)
            title = parseLinkTitle(s, j, len(s))
            if title.ok:
                j = _skip_ws(s, title.pos)
        if s.startswith(")", j):
            return j + 1
        end = s.find(")", i)
        return end + 1 if end >= 0 else i
    if s.startswith("[", i):
        end = s.find("]", i)
        return end + 1 if end >= 0 else i
    return i


def _skip_ws(s: str, i: int) -> int:
    while i < len(s) and s[i] in " \t\n":
        i += 1
    return i
