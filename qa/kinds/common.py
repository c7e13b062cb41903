"""Helpers the phrase and pattern kinds share."""

from __future__ import annotations

from typing import Iterable

from qa.patterns import compile_pattern
from qa.kinds.base import FieldError


def match_case(suggestion: str, matched: str) -> str:
    """Give a suggestion the case shape of the text it replaces."""
    if not suggestion or not matched:
        return suggestion
    letters = [c for c in matched if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters) and not suggestion.isupper():
        if any(c.isupper() for c in suggestion[1:]):
            return suggestion  # keep a mixed-case suggestion such as "McDonald's"
        return suggestion.upper()
    if matched[0].isupper() and suggestion[0].islower():
        return suggestion[0].upper() + suggestion[1:]
    return suggestion


def compile_all(field: str, patterns: Iterable[str] | None, ignore_case: bool) -> list:
    out = []
    for p in patterns or ():
        try:
            out.append(compile_pattern(p, ignore_case))
        except ValueError as exc:
            raise FieldError(field, str(exc)) from None
    return out


def any_search(compiled: list, text: str) -> bool:
    return any(r.search(text) for r in compiled)
