"""Turn files into Sources. Plain text here; markup readers sit beside this module."""

from __future__ import annotations

import codecs
import os
import re
import stat
from pathlib import Path

from qa.errors import InputError
from qa.source import Source

MAX_BYTES = 64 * 1024 * 1024


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Decode a document: UTF-8 (BOM dropped) or UTF-16 with a BOM; anything else is an error."""
    if data.startswith(codecs.BOM_UTF8):
        data, encoding = data[3:], "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise InputError(path, "starts with a UTF-16 byte-order mark but is not valid UTF-16") from None
    else:
        encoding = "utf-8"
    if b"\x00" in data[:8192]:
        raise InputError(path, "looks like a binary file (contains NUL bytes); not checked")
    try:
        return data.decode("utf-8"), encoding
    except UnicodeDecodeError as exc:
        raise InputError(
            path, f"is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); convert it to UTF-8"
        ) from None


def _too_large(display: str) -> InputError:
    return InputError(display, f"is larger than {MAX_BYTES // (1024 * 1024)} MB; not checked")


def read_bounded(stream, display: str, limit: int = MAX_BYTES) -> bytes:
    """Read a binary stream to its end, but never more than ``limit`` bytes (whatever the
    file system says its size is: /dev/zero, /proc files and pipes have none)."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(min(1 << 20, limit + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise _too_large(display)


def read_bytes(path: Path, display: str) -> bytes:
    """The bytes of a regular file, at most MAX_BYTES. FIFOs, sockets and devices are input
    errors: the file is opened non-blocking (a FIFO with no writer would wait forever) and
    checked with ``fstat`` on the open descriptor, so a swap after the check cannot fool it."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError(display, "no such file or directory") from None
    except IsADirectoryError:
        raise InputError(display, "is a directory") from None
    except PermissionError:
        raise InputError(display, "permission denied") from None
    except OSError as exc:
        raise InputError(display, f"cannot be read: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb", buffering=0) as stream:
        try:
            st = os.fstat(fd)
            if stat.S_ISDIR(st.st_mode):
                raise InputError(display, "is a directory")
            if not stat.S_ISREG(st.st_mode):
                raise InputError(display, f"is {kind_of(st.st_mode)}, not a regular file; not checked")
            if st.st_size > MAX_BYTES:
                raise _too_large(display)
            if hasattr(os, "set_blocking"):
                os.set_blocking(fd, True)
            return read_bounded(stream, display)
        except OSError as exc:
            raise InputError(display, f"cannot be read: {exc.strerror or exc}") from None


def kind_of(mode: int) -> str:
    """'a FIFO', 'a device', ... for a file mode that is not a regular file."""
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a directory"
    return "not a regular file"


MARKDOWN = (".md", ".markdown", ".mdown", ".mkd")
HTML = (".html", ".htm", ".xhtml")
FEEDS = (".rss", ".atom", ".xml")


def from_bytes(data: bytes, display: str, suffix: str = ".txt", html: str = "article") -> list[Source]:
    """Build the Sources of one document given its bytes and its extension (see qa/readers/*.py).
    Invisible characters are taken out of every Source's text, offsets kept (qa/invisible.py);
    ``html`` is the scope of an HTML page: ``article`` (its body) or ``page`` (qa/readers/html.py)."""
    from qa.invisible import see_through

    return [see_through(source) for source in _read(data, display, suffix, html)]


def _read(data: bytes, display: str, suffix: str, html: str = "article") -> list[Source]:
    suffix = suffix.lower()
    if suffix in MARKDOWN:
        from qa.readers.markdown import read_markdown

        return read_markdown(data, display)
    if suffix in HTML:
        from qa.readers.html import read_html

        return read_html(data, display, html)
    if suffix in FEEDS:
        from qa.readers.feed import read_feed

        return read_feed(data, display)
    raw, encoding = decode(data, display)
    return [Source(display, line_breaks(raw), raw=raw, encoding=encoding)]


_LONE_CR = re.compile(r"\r(?!\n)")


def line_breaks(raw: str) -> str:
    """The text rules read: a lone CR (old Mac files, pasted text) becomes LF, one character
    for one, so every offset stays the same and rules that end a line at LF see it end."""
    return _LONE_CR.sub("\n", raw) if "\r" in raw else raw


def read(path: Path, display: str | None = None, html: str = "article") -> list[Source]:
    display = display or str(path)
    return from_bytes(read_bytes(path, display), display, path.suffix.lower(), html)
