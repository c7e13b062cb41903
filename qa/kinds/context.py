"""``context``: a phrase that is wrong only in a certain context, with the right word.

"rallies" is a mistranslation of "talks" in a sentence about ministers and meetings, and
ordinary English in one about protesters or stock markets. A rule lists the phrases (lemmas;
regular inflections are generated, see qa.inflect), cue phrases of which at least one must
occur in a window around the match (``when``), cue phrases of which none may occur
(``unless``), and the window: ``sentence``, ``paragraph`` or ``document``. Targets and cues
all come from the engine's single phrase pass, so a context rule costs no extra scan.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any, Iterable, Iterator, Sequence

from qa.finding import Match
from qa.inflect import phrase_forms
from qa.kinds.base import BOOL, STR, STR_LIST, STR_MAP, Check, Field, FieldError, default, is_str, required
from qa.kinds.common import match_case

WINDOWS = ("sentence", "paragraph", "document")
WINDOW = Field(lambda v: is_str(v) and v in WINDOWS, "one of " + ", ".join(WINDOWS))

TARGET, WHEN, UNLESS = "target", "when", "unless"


class Context(Check):
    FIELDS = {
        "swap": required(STR_MAP),
        "when": STR_LIST,
        "unless": STR_LIST,
        "window": default(WINDOW, "sentence"),
        "unless_window": WINDOW,
        "inflect": default(BOOL, True),
        "ignore_case": default(BOOL, True),
        "not_after": STR_LIST,
        "not_before": STR_LIST,
    }

    def __init__(self, rule, data) -> None:
        super().__init__(rule, data)
        self.swap = {k: (v,) if isinstance(v, str) else tuple(v) for k, v in data["swap"].items()}
        self.window = data["window"]
        self.unless_window = data["unless_window"] or self.window
        self.not_after = tuple(w.lower() for w in data["not_after"] or ())
        self.not_before = tuple(w.lower() for w in data["not_before"] or ())
        if not (data["when"] or data["unless"] or data["not_after"] or data["not_before"]):
            raise FieldError("when", "give 'when', 'unless', 'not_after' or 'not_before' (else use kind: substitution)")
        self._forms: dict[str, str] = {}
        for key in self.swap:
            for form in self._inflect(key):
                self._forms.setdefault(form, key)

    def _inflect(self, phrase: str) -> set[str]:
        return phrase_forms(phrase) if self.data["inflect"] else {phrase.lower()}

    def phrases(self) -> Iterable[tuple[str, Any]]:
        for form, key in self._forms.items():
            yield form, (TARGET, key, form)
        for role in (WHEN, UNLESS):
            for cue in self.data[role] or ():
                for form in phrase_forms(cue):
                    yield form, (role, cue, form)

    def run(self, source, hits: Sequence) -> Iterator[Match]:
        text = source.text
        cues = {WHEN: [], UNLESS: []}
        for hit in hits:
            if hit.payload[0] != TARGET:
                cues[hit.payload[0]].append((hit.start, hit.end))
        last_end = -1
        for hit in hits:  # sorted by start, longest first: a longer target wins
            role, key, form = hit.payload
            if role != TARGET or hit.start < last_end:
                continue
            matched = text[hit.start : hit.end]
            if not self.data["ignore_case"] and not _same_case(matched, key, form):
                continue
            if self._neighbour_blocks(source.lower, hit.start, hit.end):
                continue
            if self.data["when"] and not _any_in(cues[WHEN], self._span(source, self.window, hit), hit):
                continue
            if self.data["unless"] and _any_in(cues[UNLESS], self._span(source, self.unless_window, hit), hit):
                continue
            last_end = hit.end
            yield Match(hit.start, hit.end, tuple(match_case(s, matched) for s in self.swap[key]))

    @staticmethod
    def _span(source, window: str, hit) -> tuple[int, int]:
        if window == "document":
            return 0, len(source.text)
        span = source.sentence_at(hit.start) if window == "sentence" else source.paragraph_at(hit.start)
        return span.start, span.end

    def _neighbour_blocks(self, lower: str, start: int, end: int) -> bool:
        if self.not_before:
            following = lower[end : end + 40].lstrip(" -\u2010\u2011\"'”’")
            if any(_starts_word(following, w) for w in self.not_before):
                return True
        if self.not_after:
            preceding = lower[max(0, start - 40) : start].rstrip(" ")
            if any(preceding.endswith(w) and _word_edge(preceding, len(preceding) - len(w)) for w in self.not_after):
                return True
        return False


def _same_case(matched: str, key: str, form: str) -> bool:
    """With ignore_case off, the text must be spelt as the rule spells it; only the first
    letter may differ (sentence-initial "The Hexagon")."""
    expected = key + form[len(key) :] if form.startswith(key.lower()) else form
    return matched[1:] == expected[1:] and matched[:1].lower() == expected[:1].lower()


def _starts_word(text: str, word: str) -> bool:
    return text.startswith(word) and (len(text) == len(word) or not text[len(word)].isalnum())


def _word_edge(text: str, i: int) -> bool:
    return i <= 0 or not text[i - 1].isalnum()


def _any_in(spans: list[tuple[int, int]], window: tuple[int, int], target) -> bool:
    lo, hi = window
    i = bisect_left(spans, (lo, lo))
    while i < len(spans) and spans[i][0] < hi:
        s, e = spans[i]
        if e <= hi and (e <= target.start or s >= target.end):
            return True
        i += 1
    return False
