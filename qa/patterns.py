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


class PatternSet:
    """Many compiled patterns searched in one RE2 pass (``RE2::Set``): which of them match
    anywhere in a text. Kinds then run ``finditer`` only for the patterns that hit.

    Compiling the set costs about as much as searching a few dozen articles pattern by
    pattern, so it is compiled for the second document of a run (or a first one over
    :data:`EAGER_CHARS`); one short document is searched pattern by pattern."""

    EAGER_CHARS = 64 * 1024

    def __init__(self, patterns) -> None:
        self._patterns = list(patterns)
        self._set = None
        self._state = "new" if self._patterns else "off"  # new -> seen one -> on / off

    def _compile(self) -> None:
        options = re2.Options()
        options.log_errors = False
        options.max_mem = 64 << 20
        regex_set = re2.Set.SearchSet(options)
        try:
            regex_set.Add("")  # matches every text: its absence means the search failed (DFA memory)
            for p in self._patterns:
                flags = "" if p.options.case_sensitive else "(?i)"
                regex_set.Add(f"{flags}(?:{p.pattern})")
            regex_set.Compile()
        except (re2.error, ValueError, TypeError):  # type: ignore[attr-defined]
            self._state = "off"  # every pattern is searched on its own, as before
            return
        self._set, self._state = regex_set, "on"

    def matching(self, text: str) -> set[int] | None:
        """Indices (into the patterns given) of those that match somewhere in ``text``; None
        when the set cannot tell (then every pattern must be searched)."""
        if self._state == "new" and len(text) < self.EAGER_CHARS:
            self._state = "seen one"
            return None
        if self._state in ("new", "seen one"):
            self._compile()
        if self._set is None:
            return None
        try:
            found = self._set.Match(text) or ()
        except (re2.error, ValueError, TypeError):  # type: ignore[attr-defined]
            return None
        if 0 not in found:
            return None
        return {i - 1 for i in found if i}
