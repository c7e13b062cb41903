"""The text of one document, and the one place where offsets become lines and columns.

Rules see ``Source.text``. For plain text that is the file itself; readers of markup
(Markdown, HTML, feeds) extract the visible text and keep an :class:`OffsetMap` back into
``Source.raw``, the decoded file. Findings are always reported in ``raw`` coordinates.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence, TypeVar

from qa.span import Span  # re-exported: qa.source.Span is the name kinds use

if TYPE_CHECKING:
    from qa.tokens import TokenTable

_BREAK = re.compile(r"\r\n?|\n")


class LineIndex:
    """Converts 0-based code-point offsets to 1-based (line, column) with ``bisect``.

    A line ends at LF, CRLF or a lone CR (old Mac files, and what a CR means to a reader):
    editors number lines that way, so findings do too.
    """

    def __init__(self, text: str) -> None:
        starts = [0]
        if "\r" in text:
            starts.extend(m.end() for m in _BREAK.finditer(text))
        else:
            find = text.find
            i = find("\n")
            while i != -1:
                starts.append(i + 1)
                i = find("\n", i + 1)
        self._starts = starts
        self._length = len(text)

    def position(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, self._length))
        line = bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        """The inverse of :meth:`position` (used by tests and by the fixer)."""
        return self._starts[line - 1] + column - 1

    @property
    def line_count(self) -> int:
        return len(self._starts)


@dataclass(frozen=True)
class OffsetMap:
    """Piecewise-linear map from extracted-text offsets to raw-file offsets.

    ``segments`` holds ``(text_start, raw_start, length)`` triples sorted by ``text_start``:
    text[text_start:text_start+length] was copied from raw[raw_start:raw_start+length].
    Characters a reader synthesises (paragraph breaks, decoded entities) fall between
    segments and map to the end of the preceding segment.
    """

    segments: tuple[tuple[int, int, int], ...]
    _keys: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_keys", tuple(s[0] for s in self.segments))

    def to_raw(self, offset: int) -> int:
        i = bisect_right(self._keys, offset) - 1
        if i < 0:
            return self.segments[0][1] if self.segments else 0
        text_start, raw_start, length = self.segments[i]
        return raw_start + min(offset - text_start, length)

    def to_raw_end(self, end: int) -> int:
        """Map an exclusive end offset: the character before it decides the segment."""
        if end <= 0:
            return self.to_raw(0)
        i = bisect_right(self._keys, end - 1) - 1
        if i >= 0 and end - 1 - self.segments[i][0] >= self.segments[i][2]:
            return self.to_raw(end - 1)  # a synthesised character ends where it is anchored
        return self.to_raw(end - 1) + 1


class OffsetMapBuilder:
    """Accumulates the extracted text and its map while a reader walks a markup file."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._segments: list[tuple[int, int, int]] = []
        self._length = 0

    @property
    def length(self) -> int:
        return self._length

    def copy(self, text: str, raw_start: int) -> None:
        """Append ``text``, which stands at ``raw_start`` in the raw file."""
        if not text:
            return
        last = self._segments[-1] if self._segments else None
        if last and last[0] + last[2] == self._length and last[1] + last[2] == raw_start:
            self._segments[-1] = (last[0], last[1], last[2] + len(text))
        else:
            self._segments.append((self._length, raw_start, len(text)))
        self._parts.append(text)
        self._length += len(text)

    def insert(self, text: str, raw_at: int | None = None) -> None:
        """Append synthesised text (a paragraph break, a decoded entity)."""
        if not text:
            return
        if raw_at is not None:
            # A one-segment anchor of length 0 keeps positions near their source.
            self._segments.append((self._length, raw_at, 0))
        self._parts.append(text)
        self._length += len(text)

    def ends_with(self, suffix: str) -> bool:
        return "".join(self._parts[-3:]).endswith(suffix)

    def build(self) -> tuple[str, OffsetMap]:
        return "".join(self._parts), OffsetMap(tuple(self._segments))


@dataclass
class Source:
    """One document: what the rules read and how to point back into the file."""

    path: str
    text: str
    raw: str | None = None
    offset_map: OffsetMap | None = None
    encoding: str = "utf-8"
    meta: Mapping[str, Any] = field(default_factory=dict)
    #: The line index of ``raw`` when several Sources share one file (the items of a feed
    #: share one index instead of each building its own over the whole file).
    line_index: LineIndex | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.raw is None:
            self.raw = self.text

    @property
    def _lines(self) -> LineIndex:
        if self.line_index is None:
            self.line_index = LineIndex(self.raw)  # type: ignore[arg-type]
        return self.line_index

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Text offsets to raw-file offsets (identity for plain text)."""
        if self.offset_map is None:
            return start, end
        raw_start = self.offset_map.to_raw(start)
        raw_end = self.offset_map.to_raw_end(end) if end > start else raw_start
        return raw_start, max(raw_start, raw_end)

    def position(self, raw_offset: int) -> tuple[int, int]:
        """1-based (line, column) of a raw-file offset."""
        return self._lines.position(raw_offset)

    def locate(self, start: int, end: int) -> tuple[int, int, int, int, int, int]:
        """Text span -> (raw_start, raw_end, line, column, end_line, end_column)."""
        raw_start, raw_end = self.to_raw(start, end)
        line, column = self.position(raw_start)
        end_line, end_column = self.position(raw_end)
        return raw_start, raw_end, line, column, end_line, end_column

    @cached_property
    def words(self) -> int:
        return len(self.text.split())

    @cached_property
    def lower(self) -> str:
        """A lower-cased copy with exactly the same length (offsets stay valid)."""
        low = self.text.lower()
        if len(low) == len(self.text):
            return low
        return "".join(c.lower() if len(c.lower()) == 1 else c for c in self.text)

    @cached_property
    def tokens(self) -> "TokenTable":
        """Every word, number and punctuation mark, found once (see :mod:`qa.tokens`)."""
        from qa.tokens import TokenTable

        return TokenTable(self)

    @cached_property
    def paragraphs(self) -> Sequence[Span]:
        from qa.segment import split_paragraphs

        return split_paragraphs(self.text)

    @cached_property
    def sentences(self) -> Sequence[Span]:
        from qa.segment import split_sentences

        return [s for p in self.paragraphs for s in split_sentences(self.text, p)]

    @cached_property
    def quotes(self) -> Sequence[Span]:
        from qa.segment import quoted_spans

        return [q for p in self.paragraphs for q in quoted_spans(self.text, p)]

    def in_quotes(self, start: int, end: int) -> bool:
        """True when the span lies wholly inside one quotation."""
        quote = _at(self.quotes, self._starts("quotes"), start)
        return quote is not None and quote.contains(start, end)

    def paragraph_at(self, offset: int) -> Span:
        return _at(self.paragraphs, self._starts("paragraphs"), offset) or Span(0, len(self.text))

    def sentence_at(self, offset: int) -> Span:
        return _at(self.sentences, self._starts("sentences"), offset) or Span(0, len(self.text))

    def memo(self, key: str, compute: Callable[[], _T]) -> _T:
        """A table a kind or the statistical layer derives from this document, computed once
        under ``key`` and shared by every rule that asks (dropped by :meth:`release`)."""
        try:
            return self.__dict__[key]
        except KeyError:
            value = self.__dict__[key] = compute()
            return value

    def release(self) -> None:
        """Forget the tables derived while checking (tokens, sentences, the kinds' and the
        statistical layer's caches), keeping the text, the offset maps and the word count.

        A report keeps its Source for output (HTML shows the text); without this, a run of
        600 articles held every document's token tables until the end (about 140 MB). Any
        table asked for again is simply recomputed."""
        keep = _KEEP
        for name in [k for k in self.__dict__ if k not in keep]:
            del self.__dict__[name]

    def _starts(self, name: str) -> list[int]:
        cache = self.__dict__.setdefault("_start_keys", {})
        if name not in cache:
            cache[name] = [s.start for s in getattr(self, name)]
        return cache[name]


_T = TypeVar("_T")

#: What :meth:`Source.release` keeps: the fields and the word count.
_KEEP = frozenset({f.name for f in fields(Source)} | {"words"})


def _at(spans: Sequence[Span], starts: list[int], offset: int) -> Span | None:
    i = bisect_right(starts, offset) - 1
    return spans[i] if i >= 0 else None
