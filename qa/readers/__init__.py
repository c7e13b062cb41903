"""Turn files into Sources. Plain text here; markup readers sit beside this module."""

from __future__ import annotations

import codecs
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


def read_bytes(path: Path, display: str) -> bytes:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InputError(display, f"is larger than {MAX_BYTES // (1024 * 1024)} MB; not checked")
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(display, "no such file or directory") from None
    except IsADirectoryError:
        raise InputError(display, "is a directory") from None
    except PermissionError:
        raise InputError(display, "permission denied") from None
    except OSError as exc:
        raise InputError(display, f"cannot be read: {exc.strerror or exc}") from None


MARKDOWN = (".md", ".markdown", ".mdown", ".mkd")
HTML = (".html", ".htm", ".xhtml")
FEEDS = (".rss", ".atom", ".xml")


def from_bytes(data: bytes, display: str, suffix: str = ".txt") -> list[Source]:
    """Build the Sources of one document given its bytes and its extension (see qa/readers/*.py)."""
    suffix = suffix.lower()
    if suffix in MARKDOWN:
        from qa.readers.markdown import read_markdown

        return read_markdown(data, display)
    if suffix in HTML:
        from qa.readers.html import read_html

        return read_html(data, display)
    if suffix in FEEDS:
        from qa.readers.feed import read_feed

        return read_feed(data, display)
    text, encoding = decode(data, display)
    return [Source(display, text, encoding=encoding)]


def read(path: Path, display: str | None = None) -> list[Source]:
    display = display or str(path)
    return from_bytes(read_bytes(path, display), display, path.suffix.lower())
