"""Compile pack regexes with RE2: linear time, so no pattern can hang a run.

RE2 has no look-around or back-references, and its ``\\w``/``\\b`` are ASCII-only; use
``\\pL`` for letters. Offsets are code points, like Python's ``re``.
"""

from __future__ import annotations

import re2

#: RE2's memory budget per pattern (its default is 8 MB). Past the budget a search drops the
#: DFA states it cached and, when that happens too often, falls back to the NFA: a pack
#: pattern with a counted repetition under a Unicode class (``\p{Lu}[^\n.!?]{0,200}?``)
#: then took 2.4 ms per article instead of 0.2 ms. The budget is a ceiling, not an
#: allocation; measured over 600 articles the set pass costs 0.41 s instead of 0.70 s
#: (a 2.6 MB document 0.25 s instead of 1.2 s) for 12 MB more resident memory. Matches
#: are the same whatever the budget.
MAX_MEM = 64 << 20
_OPTIONS = re2.Options()
_OPTIONS.log_errors = False


def compile_pattern(pattern: str, ignore_case: bool = False):
    """Compile with RE2; raises ``ValueError`` with RE2's reason."""
    options = re2.Options()
    options.log_errors = False
    options.case_sensitive = not ignore_case
    options.max_mem = MAX_MEM
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
    """Many compiled patterns searched in one pass: which of them match anywhere in a text.

    RE2's FilteredRE2 (``re2.Filter``): the literal strings each pattern needs are searched
    for once, and only the patterns whose strings are present are run. Measured on pack
    patterns, this is 1.5-4x faster than searching each pattern, where a plain ``RE2::Set``
    was 5-15x slower (its DFA over many Unicode classes thrashes). Kinds then run
    ``finditer`` only for the patterns that hit. Compiling costs about what searching a dozen
    articles pattern by pattern does, so it happens for a run's second document (or a first
    one over :data:`EAGER_CHARS`): checking one short file pays nothing for it."""

    EAGER_CHARS = 64 * 1024

    def __init__(self, patterns) -> None:
        self._patterns = list(patterns)
        self._filter = None
        self._state = "new" if self._patterns else "off"

    def _compile(self) -> None:
        regex_filter = re2.Filter()
        try:
            for p in self._patterns:
                regex_filter.Add(p.pattern, p.options)
            regex_filter.Compile()
        except (re2.error, ValueError, TypeError):  # type: ignore[attr-defined]
            self._state = "off"  # every pattern is searched on its own, as before
            return
        self._filter, self._state = regex_filter, "on"

    def matching(self, text: str) -> set[int] | None:
        """Indices (into the patterns given) of those that match somewhere in ``text``; None
        when it cannot tell (then every pattern must be searched)."""
        if self._state == "new" and len(text) < self.EAGER_CHARS:
            self._state = "seen one"
            return None
        if self._state in ("new", "seen one"):
            self._compile()
        if self._filter is None:
            return None
        try:
            return set(self._filter.Match(text) or ())
        except (re2.error, ValueError, TypeError):  # type: ignore[attr-defined]
            return None
