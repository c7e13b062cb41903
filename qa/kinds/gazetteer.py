"""``gazetteer``: canonical names of bodies, offices and people, with their wrong forms.

Each entry of a rule's ``entries`` list is a mapping:

``name``         the canonical form ("Central Foreign Affairs Commission", "Antony Blinken")
``wrong``        known wrong variants, flagged wherever they occur ("Central Foreign Affairs
                 Bureau", "Anthony Blinken")
``person``       true for a person: a near-miss of the surname after a known first name
                 ("Anthony Blink", "Olaf Scholes") and a plural possessive ("Blinkens'") are
                 flagged too
``first_names``  other first names that introduce the surname ("Anthony", "Tony")
``also``         for a body, words that may legitimately follow its head words ("Central
                 Foreign Affairs Work Conference": ``also: [Work]``); for a person, accepted
                 spellings of the surname ("Zelenskyy")
``near_miss``    for a body of three or more words: flag the head words followed by a wrong
                 last word (default true)
``exact``        wrong variants count only with the case written in the entry ("Related
                 Press" is a spun name, "related press releases" is English; default false)

A near-miss of a body keeps every word but the last ("Central Foreign Affairs") and ends in
another capitalised word ("Bureau"); it is flagged with the canonical form. A newsroom adds
its own names in a pack of its own (``qa check --rules newsroom/``) with the same format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Sequence

from qa.finding import Match
from qa.kinds.base import Check, Field, FieldError, is_bool, is_str, is_str_list, required

ENTRY_KEYS = {"name": is_str, "wrong": is_str_list, "person": is_bool, "first_names": is_str_list,
              "also": is_str_list, "near_miss": is_bool, "exact": is_bool}
ENTRIES = Field(lambda v: isinstance(v, list) and len(v) > 0 and all(isinstance(e, dict) for e in v),
                "a non-empty list of mappings with at least 'name'")

_WORD = re.compile(r"[A-Z][\w’'-]*")
_APOSTROPHES = ("’", "'")


@dataclass(frozen=True)
class Entry:
    name: str
    wrong: tuple[str, ...]
    person: bool
    first_names: tuple[str, ...]
    also: tuple[str, ...]
    near_miss: bool
    exact: bool = False

    @property
    def words(self) -> list[str]:
        return self.name.split()


def parse_entry(i: int, raw: dict) -> Entry:
    for key, value in raw.items():
        if key not in ENTRY_KEYS:
            raise FieldError("entries", f"entry #{i + 1}: unknown key '{key}' (known: {', '.join(sorted(ENTRY_KEYS))})")
        if not ENTRY_KEYS[key](value):
            raise FieldError("entries", f"entry #{i + 1}: '{key}' has the wrong type")
    if "name" not in raw:
        raise FieldError("entries", f"entry #{i + 1}: missing 'name'")
    entry = Entry(raw["name"], tuple(raw.get("wrong", ())), raw.get("person", False),
                  tuple(raw.get("first_names", ())), tuple(raw.get("also", ())), raw.get("near_miss", True),
                  raw.get("exact", False))
    if entry.person and len(entry.words) < 2:
        raise FieldError("entries", f"entry #{i + 1}: a person needs a first name and a surname")
    for w in entry.wrong:
        if w.lower() == entry.name.lower():
            raise FieldError("entries", f"entry #{i + 1}: '{w}' is both the name and a wrong variant")
    return entry


class Gazetteer(Check):
    FIELDS = {"entries": required(ENTRIES)}

    def __init__(self, rule, data) -> None:
        super().__init__(rule, data)
        self.entries = [parse_entry(i, raw) for i, raw in enumerate(data["entries"])]

    def phrases(self) -> Iterable[tuple[str, Any]]:
        for n, e in enumerate(self.entries):
            for w in e.wrong:
                yield w, ("wrong", n)
            words = e.words
            if e.person:
                for first in {words[0], *e.first_names}:
                    yield first, ("first", n)
                for ap in _APOSTROPHES:
                    yield words[-1] + "s" + ap, ("plural", n)
            elif e.near_miss and len(words) >= 3:
                yield " ".join(words[:-1]), ("head", n)

    def run(self, source, hits: Sequence) -> Iterator[Match]:
        text = source.text
        taken: list[tuple[int, int]] = []
        for hit in hits:
            how, n = hit.payload
            e = self.entries[n]
            if how == "wrong":
                if e.exact and text[hit.start : hit.end] not in e.wrong:
                    continue  # "related press releases": English in lower case
                if e.exact and _inside_longer_name(text, hit.start, hit.end):
                    continue  # "Environmental Protection Department" is a name of its own
                span = (hit.start, hit.end)
            elif how == "plural":
                if text[hit.start].islower():
                    continue
                surname = e.words[-1]
                yield from self._once(taken, hit.start, hit.end, (surname + text[hit.end - 1] + "s",))
                continue
            else:
                nxt = _next_word(text, hit.end)
                if nxt is None or not text[hit.start].isupper():
                    continue
                span = (hit.start, nxt[1])
                word = nxt[2]
                if how == "head":
                    last = e.words[-1]
                    if word.lower() == last.lower() or word in e.also:
                        continue
                elif not self._person_miss(e, text[hit.start : hit.end], word):
                    continue
            yield from self._once(taken, span[0], span[1], (e.name,))

    @staticmethod
    def _person_miss(e: Entry, first: str, surname: str) -> bool:
        want = e.words[-1]
        bare = surname
        if bare in e.also:
            return False
        if bare == want:
            return first != e.words[0]  # a wrong first name before the right surname
        if first not in (e.words[0], *e.first_names) or bare[:1] != want[:1]:
            return False
        return (len(bare) >= 4 and want.startswith(bare)) or distance(bare.lower(), want.lower()) <= 2 and len(want) >= 5

    @staticmethod
    def _once(taken: list, start: int, end: int, suggestions: tuple[str, ...]) -> Iterator[Match]:
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        yield Match(start, end, suggestions)


_PREVIOUS = re.compile(r"([\w.’'-]+) $")
_OF_NEXT = re.compile(r" of\b")
_FUNCTION = frozenset("the a an this that these those in at on from for by with to of and but or "
                      "its his her their our new former".split())


def _inside_longer_name(text: str, start: int, end: int) -> bool:
    """Whether a two-word spun variant is part of a longer real name.

    Two capitalised common words ("Protection Department", "State Division") are a spun name
    only when they stand alone: after another capitalised word ("Environmental Protection
    Department") or before "of" ("the State Division of Forestry") they name something else.
    An abbreviation or a possessive before them ("U.S. State Division", "Japan's Overseas
    Ministry") does not count as a longer name; variants of three or more words are specific
    enough to flag anywhere.
    """
    if len(text[start:end].split()) > 2:
        return False
    if _OF_NEXT.match(text, end):
        return True
    m = _PREVIOUS.search(text, max(0, start - 40), start)
    if m is None:
        return False
    word = m.group(1)
    if not word[:1].isupper() or word.isupper() or "." in word or word.lower() in _FUNCTION:
        return False  # lower case, "US", "U.S.", "The"
    return not word.endswith(("’s", "'s"))


def _next_word(text: str, end: int) -> tuple[int, int, str] | None:
    if end >= len(text) or text[end] != " ":
        return None
    m = _WORD.match(text, end + 1)
    if m is None:
        return None
    word = m.group(0)
    for ap in _APOSTROPHES:
        if word.endswith(ap + "s"):
            return m.start(), m.end() - 2, word[:-2]
    return m.start(), m.end(), word


def distance(a: str, b: str) -> int:
    """Levenshtein distance (short names only)."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]
