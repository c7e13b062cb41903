"""Harper (harper-py): Automattic's Rust grammar checker, in process and offline.

harper-py 0.2.0: ``Linter(dialect)`` builds the curated dictionary (about 1.2 s, measured in
docs/notes/readability-grammar.md), so we build it on the first document, not at import,
and keep it for the process. ``organized_lints`` gives each lint with the name of the rule
that produced it (``AnA``, ``RepeatedWords``); spans are code points of the ``str``.
"""

from __future__ import annotations

from qa.adapters.grammar import GrammarMatch
from qa.errors import EngineError


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
        try:
            organized = self.linter.organized_lints(text, language="plaintext")
        except EngineError:
            raise
        except Exception as exc:
            raise EngineError(f"harper: {type(exc).__name__}: {exc}") from None
        out = []
        for rule, lints in organized.items():
            for lint in lints:
                out.append(
                    GrammarMatch(
                        start=lint.span.start,
                        end=lint.span.end,
                        rule=f"harper.{rule}",
                        message=lint.message,
                        replacements=tuple(_replacement(lint, s) for s in lint.suggestions),
                        kind=lint.lint_kind,
                        spelling=lint.lint_kind == "Spelling" and rule == "SpellCheck",
                    )
                )
        return sorted(out, key=lambda m: (m.start, m.end, m.rule))


def _replacement(lint, suggestion) -> str:
    """A Harper suggestion as the text that replaces the flagged span."""
    from harper import SuggestionKind

    if suggestion.kind == SuggestionKind.REMOVE:
        return ""
    if suggestion.kind == SuggestionKind.INSERT_AFTER:
        return lint.problem_text + suggestion.replacement_text
    return suggestion.replacement_text
