"""Compile pack regexes with RE2: linear time, so no pattern can hang a run.

RE2 has no look-around or back-references, and its ``\\w``/``\\b`` are ASCII-only; use
``\\pL`` for letters. Offsets are code points, like Python's ``re``.
"""

from __future__ import annotations

import re2

_OPTIONS = re2.Options()
_OPTIONS.log_errors = False


def compile_pattern(pattern: str, ignore_case: bool = False):
    """Compile with RE2; raises ``ValueError`` with RE2's reason."""
    options = re2.Options()
    options.log_errors = False
    options.case_sensitive = not ignore_case
    try:
        return re2.compile(pattern, options)
    except re2.error as exc:  # type: ignore[attr-defined]
        reason = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        raise ValueError(f"invalid regular expression {pattern!r}: {reason}") from None


def group_span(match, name: str | None) -> tuple[int, int]:
    if name is None:
        return match.start(), match.end()
    index = match.re.groupindex[name]
    return match.start(index), match.end(index)
