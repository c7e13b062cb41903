"""A half-open ``[start, end)`` stretch of a document's text: paragraphs, sentences, quotes.

Its own module so that the segmenter (qa/segment.py) and the document (qa/source.py) both
use it without importing each other: Source calls the segmenter, never the other way.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end
