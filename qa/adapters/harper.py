"""Harper (harper-py): Automattic's Rust grammar checker, in process and offline.

harper-py 0.2.0: ``Linter(dialect)`` builds the curated dictionary (about 1.2 s, measured in
docs/notes/readability-grammar.md), so we build it on the first document, not at import,
and keep it for the process. ``organized_lints`` gives each lint with the name of the rule
that produced it (``AnA``, ``RepeatedWords``); spans are code points of the ``str``.

Harper's time grows faster than linearly on one long text, so a document is fed in chunks of
whole paragraphs of at most :data:`CHUNK` characters (a longer paragraph is cut at a line
break, a sentence end or a space): an article is one chunk, a 20 MB export many.
"""

from __future__ import annotations

from typing import Iterator

from qa.adapters.grammar import GrammarMatch
from qa.errors import EngineError

#: The most characters given to Harper at once.
CHUNK = 16_000


class Harper:
    name = "harper"

    def __init__(self) -> None:
        self._linter = None
        self._british = None

    @property
    def linter(self):
        if self._linter is None:
            try:
                import harper

                self._linter = harper.Linter(harper.Dialect.AMERICAN)
            except Exception as exc:  # a broken wheel: one line, exit 2
                raise EngineError(f"harper: cannot start: {exc}") from None
        return self._linter

    def other_dialect(self, word: str) -> bool:
        """Whether British English accepts a word the American dictionary flags (built on
        the first such word only)."""
        if self._british is None:
            import harper

            self._british = harper.Linter(harper.Dialect.BRITISH)
        return not any(l.lint_kind == "Spelling" for l in self._british.lint(word, language="plaintext"))

    def check(self, text: str) -> list[GrammarMatch]:
        out: list[GrammarMatch] = []
        for start, end in chunks(text, CHUNK):
            out.extend(self._check(text[start:end], start))
        return sorted(out, key=lambda m: (m.start, m.end, m.rule))

    def _check(self, text: str, offset: int) -> Iterator[GrammarMatch]:
        try:
            organized = self.linter.organized_lints(text, language="plaintext")
        except EngineError:
            raise
        except Exception as exc:
            raise EngineError(f"harper: {type(exc).__name__}: {exc}") from None
        for rule, lints in organized.items():
            for lint in lints:
                yield (
                    GrammarMatch(
                        start=offset + lint.span.start,
                        end=offset + lint.span.end,
                        rule=f"harper.{rule}",
                        message=lint.message,
                        replacements=tuple(_replacement(lint, s) for s in lint.suggestions),
                        kind=lint.lint_kind,
                        spelling=lint.lint_kind == "Spelling" and rule == "SpellCheck",
                    )
                )


def chunks(text: str, limit: int) -> Iterator[tuple[int, int]]:
    """``(start, end)`` pieces that cover ``text``, each at most ``limit`` characters, cut
    after a blank line if one is in reach, else a line break, a sentence end, a space."""
    start, n = 0, len(text)
    while n - start > limit:
        window = text[start : start + limit]
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            cut = window.rfind(sep, limit // 4)
            if cut > 0:
                cut += len(sep)
                break
        end = start + (cut if cut > 0 else limit)
        yield start, end
        start = end
    if start < n or n == 0:
        yield start, n


def _replacement(lint, suggestion) -> str:
    """A Harper suggestion as the text that replaces the flagged span."""
    from harper import SuggestionKind

    if suggestion.kind == SuggestionKind.REMOVE:
        return ""
    if suggestion.kind == SuggestionKind.INSERT_AFTER:
        return lint.problem_text + suggestion.replacement_text
    return suggestion.replacement_text
