"""``foreign``: a source-language token left in English text, replaced by its English
equivalent, with optional conditions on what stands around it.

Many foreign tokens collide with English ("VS" versus, "y" a letter, "Mai" a name), so a rule
may demand context: ``before`` / ``after`` (RE2 patterns the text just before the token must
end with, or just after it must start with), ``not_before`` / ``not_after`` (the same, to
exclude), ``between_english`` (the words on both sides are lower-case English words: "trade
und investment", not a whole Spanish clause, which the ``language`` kind reports), and
``exclude_sentence`` (patterns that, found in the sentence, mark the token as discussed or
glossed rather than leaked: "known in Spanish as ..."), and ``not_after_name`` (the word
before is not a capitalised name: "Volvo AB", "Team A VS"; a capitalised function word such
as a sentence's first "The" does not count).
"""

from __future__ import annotations

import re
from qa.kinds.base import BOOL, STR_LIST, default
from qa.kinds.common import any_search, compile_all
from qa.kinds.substitution import Substitution

_WINDOW = 60
_LEFT_WORD = re.compile(r"([^\W\d_]+) $")
_RIGHT_WORD = re.compile(r"^ ([^\W\d_]+)")
#: Capitalised words before a country abbreviation that are not names ("The VS president").
_LEADING = frozenset("the in of for with from to and by at on as but both while".split())


class Foreign(Substitution):
    FIELDS = {
        **Substitution.FIELDS,
        "ignore_case": default(BOOL, False),
        "before": STR_LIST,
        "after": STR_LIST,
        "not_before": STR_LIST,
        "not_after": STR_LIST,
        "between_english": default(BOOL, False),
        "exclude_sentence": STR_LIST,
        "not_after_name": default(BOOL, False),
    }

    def __init__(self, rule, data) -> None:
        super().__init__(rule, data)
        self.before = compile_all("before", [f"(?:{p})$" for p in data["before"] or ()], False)
        self.after = compile_all("after", [f"^(?:{p})" for p in data["after"] or ()], False)
        self.not_before = compile_all("not_before", [f"(?:{p})$" for p in data["not_before"] or ()], False)
        self.not_after = compile_all("not_after", [f"^(?:{p})" for p in data["not_after"] or ()], False)
        self.exclude = compile_all("exclude_sentence", data["exclude_sentence"], True)

    def keep(self, source, hit) -> bool:
        text = source.text
        left = text[max(0, hit.start - _WINDOW) : hit.start]
        right = text[hit.end : hit.end + _WINDOW]
        if self.before and not any_search(self.before, left):
            return False
        if self.after and not any_search(self.after, right):
            return False
        if self.not_before and any_search(self.not_before, left):
            return False
        if self.not_after and any_search(self.not_after, right):
            return False
        if self.data["between_english"] and not _between_english(left, right):
            return False
        if self.data["not_after_name"] and _after_name(left):
            return False
        if self.exclude:
            sentence = source.sentence_at(hit.start)
            if any_search(self.exclude, text[sentence.start : sentence.end]):
                return False
        return True

    def suggest(self, source, hit, matched: str) -> tuple[str, ...]:
        initial = source.sentence_at(hit.start).start == hit.start
        return tuple(_cased(s, initial) for s in self.swap[hit.payload])


def _cased(suggestion: str, initial: bool) -> str:
    """Suggestions are written as English has them ("US", "e.g.", "Monday"); only a
    sentence's first word gains a capital."""
    return suggestion[:1].upper() + suggestion[1:] if initial else suggestion


def _after_name(left: str) -> bool:
    m = _LEFT_WORD.search(left)
    return bool(m) and m.group(1)[0].isupper() and m.group(1).lower() not in _LEADING


def _between_english(left: str, right: str) -> bool:
    from qa.lexicon import zipf

    a, b = _LEFT_WORD.search(left), _RIGHT_WORD.search(right)
    if not a or not b:
        return False
    words = (a.group(1), b.group(1))
    return all(len(w) > 1 and w.islower() and zipf(w) >= 3.0 for w in words)
