"""The records the engine returns and every formatter reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import TYPE_CHECKING, Any, Mapping

if TYPE_CHECKING:
    from qa.source import Source


class Severity(IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str) -> "Severity":
        try:
            return cls[value.upper()]
        except KeyError:
            raise ValueError(f"unknown severity '{value}' (use info, warning or error)") from None

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Match:
    """What a rule kind yields: a span of ``Source.text`` and what to say about it."""

    start: int
    end: int
    suggestions: tuple[str, ...] = ()
    values: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, order=True)
class Finding:
    """One reported problem. Offsets are 0-based code points into the decoded file."""

    start: int
    end: int
    rule: str
    name: str = field(compare=False)
    category: str = field(compare=False)
    severity: Severity = field(compare=False)
    message: str = field(compare=False)
    line: int = field(compare=False)
    column: int = field(compare=False)
    end_line: int = field(compare=False)
    end_column: int = field(compare=False)
    text: str = field(compare=False)
    suggestions: tuple[str, ...] = field(default=(), compare=False)
    fixable: bool = field(default=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "name": self.name,
            "category": self.category,
            "severity": self.severity.label,
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "text": self.text,
            "suggestions": list(self.suggestions),
            "fixable": self.fixable,
        }


def raw_finding(source: "Source", start: int, end: int, **fields: Any) -> Finding:
    """A Finding for a span already in raw-file offsets (what engines outside the packs report:
    invisible characters, unused suppressions): positions and text are read from the file."""
    line, column = source.position(start)
    end_line, end_column = source.position(end)
    text = (source.raw or "")[start:end]
    return Finding(start=start, end=end, line=line, column=column, end_line=end_line, end_column=end_column, text=text, **fields)
