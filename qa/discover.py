"""Which files a directory walk checks, beyond their extension: a look at the first bytes.

- ``.xml`` is a feed only when its root element is ``rss``, ``feed`` (Atom) or ``RDF`` (RSS 1.0):
  a sitemap, a build file or a JUnit report in the tree is not an article and is skipped.
- qa's own outputs are skipped by the marker they carry, whatever they are named: the HTML
  report's ``<meta name="generator" content="mtqa ...">`` (``qa check DIR -o DIR/report.html``
  must not check its own report on the next run), and the first line of a text report
  written with ``-o`` (``# mtqa text report ...``). JSON and SARIF are not walked by default.

Files named on the command line are always read; only walks are filtered. A file that cannot
be looked at (unreadable, not a regular file) is kept, so that the reader reports it.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from pathlib import Path

#: The marker every report qa writes in markup carries near its start.
GENERATOR = "mtqa"
OUTPUT_MARKER = f'<meta name="generator" content="{GENERATOR}'.encode()
#: The first bytes of a text report qa writes to a file (qa.report.text.FILE_HEADER).
TEXT_MARKER = b"# mtqa text report"
#: How much of a file is looked at (a feed's root element and our marker stand in the first KB).
HEAD = 4096
SNIFFED = {".xml", ".html", ".htm", ".xhtml"}
FEED_ROOTS = {b"rss", b"feed", b"RDF"}

_PROLOG = re.compile(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>|\s+", re.S)
_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")


def wanted(path: Path) -> bool:
    """Whether a file found in a directory walk is a document to check."""
    suffix = path.suffix.lower()
    if suffix not in SNIFFED:
        head = _head(path, len(TEXT_MARKER) + 3)
        return head is None or not head.removeprefix(codecs.BOM_UTF8).startswith(TEXT_MARKER)
    head = _head(path)
    if head is None:
        return True
    if OUTPUT_MARKER in head:
        return False  # one of our reports
    return suffix != ".xml" or is_feed(head)


def is_feed(head: bytes) -> bool:
    """Whether the first bytes of an XML file open an RSS, RSS 1.0 (RDF) or Atom feed."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        head = head.decode("utf-16", "ignore").encode("utf-8")
    head = head.removeprefix(codecs.BOM_UTF8)
    pos = 0
    while True:
        m = _PROLOG.match(head, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
    root = _ROOT.match(head, pos)
    return bool(root) and root.group(1) in FEED_ROOTS


def _head(path: Path, size: int = HEAD) -> bytes | None:
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None  # never open a FIFO or a device to look at it
        with open(path, "rb") as fh:
            return fh.read(size)
    except OSError:
        return None
