"""Shared plumbing of the markup readers: an Emitter that writes extracted text into an
:class:`~qa.source.OffsetMapBuilder` while translating positions back into the raw file,
and the suppression directives found in comments.

A reader walks some *document string* ``doc`` (the whole file, a Markdown inline run, the
decoded content of a feed item) and knows, for each of its characters, where it stands in
``raw``: either at ``base + i`` (``doc`` is a slice of ``raw``) or at ``positions[i]`` (``None``
when the character was synthesised, e.g. decoded from an entity). Text is *copied* only where
the raw character really is the same character; everything else is *inserted* with an anchor,
so a copied character can never point at the wrong place.
"""

from __future__ import annotations

import codecs
import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Sequence

from qa.errors import InputError
from qa.source import OffsetMapBuilder

Positions = Sequence["int | None"]

_DIRECTIVE = re.compile(r"^\s*qa-(disable-next-line|disable|enable)\b\s*([^\n]*?)\s*$")


@dataclass(frozen=True)
class Directive:
    """``<!-- qa-disable RULE,RULE -->``, ``qa-enable`` or ``qa-disable-next-line``.
    ``rules`` empty means every rule; offsets are in raw-file coordinates."""

    kind: str  # "disable" | "enable" | "disable-next-line"
    rules: tuple[str, ...]
    start: int
    end: int


def parse_directive(comment: str, start: int, end: int) -> Directive | None:
    """The directive in a comment's inner text, or None when it is an ordinary comment."""
    m = _DIRECTIVE.match(comment)
    if not m:
        return None
    rules = tuple(r.strip() for r in re.split(r"[,\s]+", m.group(2)) if r.strip())
    return Directive(m.group(1), rules, start, end)


class Runs:
    """Positions kept as runs, for long documents (a feed's items): ``doc[start:start+n]``
    stands at ``raw[r:r+n]``, or was synthesised (``r`` None). Indexes like a list of
    positions; :meth:`exact` and :meth:`anchor` answer for a whole span in one step, so memory
    and time grow with the runs, not with every character."""

    __slots__ = ("starts", "raws", "length")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.raws: list[int | None] = []
        self.length = 0

    def add(self, raw_start: int | None, n: int) -> None:
        if n <= 0:
            return
        if self.raws:
            last, begun = self.raws[-1], self.starts[-1]
            if (raw_start is None and last is None) or (
                raw_start is not None and last is not None and last + self.length - begun == raw_start
            ):
                self.length += n  # continues the last run
                return
        self.starts.append(self.length)
        self.raws.append(raw_start)
        self.length += n

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, i: int) -> int | None:
        if i < 0:
            i += self.length
        if not 0 <= i < self.length:
            raise IndexError(i)
        k = bisect_right(self.starts, i) - 1
        r = self.raws[k]
        return None if r is None else r + i - self.starts[k]

    def exact(self, i: int, n: int) -> int | None:
        """The raw offset of ``doc[i:i+n]`` when it lies in one copied run, else None."""
        k = bisect_right(self.starts, i) - 1
        if k < 0 or self.raws[k] is None:
            return None
        end = self.starts[k + 1] if k + 1 < len(self.starts) else self.length
        return self.raws[k] + i - self.starts[k] if i + n <= end else None  # type: ignore[operator]

    def anchor(self, i: int) -> int | None:
        """The nearest raw offset at or before ``doc[i]``."""
        i = min(i, self.length - 1)
        k = bisect_right(self.starts, i) - 1
        while k >= 0:
            r = self.raws[k]
            if r is not None:
                return r + i - self.starts[k]
            i = self.starts[k] - 1  # the last character of the run before
            k -= 1
        return None


class Emitter:
    """Append extracted text to ``builder`` with raw positions (see the module docstring)."""

    def __init__(self, builder: OffsetMapBuilder, raw: str, base: int = 0, positions: Positions | None = None):
        self.builder = builder
        self.raw = raw
        self.base = base
        self.positions = positions
        self.directives: list[Directive] = []

    def where(self, i: int) -> int | None:
        """Raw offset of ``doc[i]`` (None when it has none)."""
        if self.positions is None:
            return self.base + i
        if 0 <= i < len(self.positions):
            return self.positions[i]
        if self.positions and i == len(self.positions):  # just past the end
            last = self.positions[-1]
            return None if last is None else last + 1
        return None

    def anchor(self, i: int) -> int | None:
        """The nearest raw offset at or before ``doc[i]`` (for synthesised text)."""
        if self.positions is None:
            return self.base + i
        if isinstance(self.positions, Runs):
            return self.positions.anchor(i)
        for j in range(min(i, len(self.positions) - 1), -1, -1):
            if self.positions[j] is not None:
                return self.positions[j]
        return None

    def copy(self, text: str, at: int) -> None:
        """``text`` is ``doc[at:at+len(text)]``: copy it, run by run, where raw agrees."""
        if not text:
            return
        raw = self.raw
        if self.positions is None:
            r = self.base + at
            if raw[r : r + len(text)] == text:
                self.builder.copy(text, r)
                return
        elif isinstance(self.positions, Runs):
            r = self.positions.exact(at, len(text))
            if r is not None and raw[r : r + len(text)] == text:
                self.builder.copy(text, r)
                return
        run_start = 0
        run_raw: int | None = None
        for k, ch in enumerate(text):
            r = self.where(at + k)
            ok = r is not None and 0 <= r < len(raw) and raw[r] == ch
            if ok and run_raw is not None and r == run_raw + (k - run_start):
                continue
            self._flush(text, run_start, k, run_raw, at)
            run_start, run_raw = k, (r if ok else None)
        self._flush(text, run_start, len(text), run_raw, at)

    def _flush(self, text: str, a: int, b: int, raw_start: int | None, at: int) -> None:
        if a >= b:
            return
        if raw_start is None:
            self.builder.insert(text[a:b], self.anchor(at + a))
        else:
            self.builder.copy(text[a:b], raw_start)

    def insert(self, text: str, at: int | None = None) -> None:
        """Synthesised text (a decoded entity, a break) standing for ``doc[at]``."""
        self.builder.insert(text, None if at is None else self.anchor(at))

    def brk(self, text: str = "\n\n", at: int | None = None) -> None:
        """A paragraph (``"\n\n"``) or line (``"\n"``) break, never doubled, never first."""
        b = self.builder
        if b.length == 0 or b.ends_with("\n\n") or (text == "\n" and b.ends_with("\n")):
            return
        self.insert("\n" if b.ends_with("\n") else text, at)

    def directive(self, comment: str, start: int, end: int) -> None:
        """Record a suppression directive found in a comment spanning ``doc[start:end]``."""
        rs, re_ = self.where(start), self.where(end)
        if rs is None:
            rs = self.anchor(start) or 0
        if re_ is None:
            re_ = rs
        d = parse_directive(comment, rs, re_)
        if d is not None:
            self.directives.append(d)


#: Labels browsers treat as windows-1252 (WHATWG Encoding), which Python reads differently.
_WINDOWS_1252 = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "cp819", "ibm819"}


def decode_declared(data: bytes, display: str, pattern: "re.Pattern[bytes]", html: bool = False) -> tuple[str, str]:
    """Decode honouring a byte-order mark first, then an encoding the document declares in
    its first 2 KB (``<meta charset>``, ``<?xml encoding?>``), then UTF-8."""
    from qa.readers import decode

    m = None if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else pattern.search(data[:2048])
    if m is None:
        return decode(data, display)
    label = m.group(1).decode("ascii", "replace").strip().lower()
    if html and label in _WINDOWS_1252:
        label = "cp1252"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        raise InputError(display, f"declares an unknown encoding '{label}'") from None
    if name in ("utf-8", "utf-16", "utf-16-le", "utf-16-be"):  # a UTF-16 label on 8-bit bytes is a lie
        return decode(data, display)
    try:
        return data.decode(name), name
    except UnicodeDecodeError as exc:
        raise InputError(display, f"is not valid {name} as it declares (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None
