"""``consistency``: one entity spelled two ways in one document; flag the minority spelling.

Evidence, chosen per rule with ``evidence``:

- ``neighbour``: two similar capitalised names share a neighbour in the same slot, a first
  name before or a surname after ("Olaf Scholz" / "Olaf Scholes", "Antony Blinken" /
  "Anthony Blinken");
- ``similar``: a rare name one or two edits from a more frequent one ("Sholes" / "Scholes"),
  grouped with what the ``neighbour`` evidence joins, so all variants point to the majority;
- ``accents``: the same name with and without diacritics ("Mérida" / "Merida");
- ``spacing``: a name written as one token and as two ("Shangfu" / "Shang Fu");
- ``style``: variants of one abbreviation listed in the rule ("U.S." / "US").

Different people with similar names are the risk: names that are inflections of each other
("Russia"/"Russian", "Democrat"/"Democrats"), tokens shorter than four letters, common words
("Iran"/"Iraq" are too frequent to be misspellings) and names seen with *different* first
names ("Boris Johnson" / "Ron Johnston") are never grouped.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from typing import Iterator, Sequence

from qa.finding import Match
from qa.kinds.base import NUMBER, STR, Check, FieldError, Field, default, required

# A capitalised word of running text; not part of a web address or handle ("Sugarman.org",
# "www.Example", "@Handle"), where words are joined by the address, not by the writer.
_NAME = re.compile(r"(?<![\w'’@/.-])[A-Z][^\W\d_A-Z]{2,}(?![\w-]|\.[^\W\d_])")
_EVIDENCE = ("neighbour", "similar", "accents", "spacing", "style")


def _is_groups(v) -> bool:
    return isinstance(v, list) and v and all(
        isinstance(g, list) and len(g) >= 2 and all(isinstance(x, str) and x for x in g) for g in v
    )


GROUPS = Field(_is_groups, "a list of lists of two or more spellings")


class Consistency(Check):
    FIELDS = {
        "evidence": required(STR),
        "variants": GROUPS,  # for evidence: style
        "max_zipf": default(NUMBER, 4.0),  # names more common than this are real words
    }
    MESSAGE_VALUES = frozenset({"count", "majority_count"})

    def __init__(self, rule, data) -> None:
        super().__init__(rule, data)
        if data["evidence"] not in _EVIDENCE:
            raise FieldError("evidence", f"must be one of {', '.join(_EVIDENCE)}")
        if data["evidence"] == "style" and not data["variants"]:
            raise FieldError("variants", "evidence 'style' needs the variant groups")
        self.styles = [
            [(v, re.compile(r"(?<![\w.])" + re.escape(v) + r"(?![\w$])")) for v in g]
            for g in data["variants"] or ()
        ]

    def run(self, source, hits: Sequence) -> Iterator[Match]:
        evidence = self.data["evidence"]
        if evidence == "style":
            yield from self._style(source.text)
            return
        names = _names(source)
        if evidence == "accents":
            pairs = names.accent_pairs()
        elif evidence == "spacing":
            yield from names.spacing()
            return
        else:
            strong = evidence == "neighbour"
            pairs = [(a, b) for a, b, s in names.similar_pairs(self.data["max_zipf"]) if s == strong]
        for minority, majority in pairs:
            for start, end in names.where[minority]:
                yield Match(start, end, (majority,), {"count": str(names.count[minority]), "majority_count": str(names.count[majority])})

    def _style(self, text: str) -> Iterator[Match]:
        for group in self.styles:
            # the pattern is the variant itself between boundaries: absent text, no match
            found = {v: [m.span() for m in rx.finditer(text)] if v in text else [] for v, rx in group}
            ranked = sorted(found, key=lambda v: -len(found[v]))
            top = ranked[0]
            for v in ranked[1:]:
                if found[v] and len(found[top]) >= 2 * len(found[v]) and len(found[top]) >= 3:
                    for s, e in found[v]:
                        yield Match(s, e, (top,), {"count": str(len(found[v])), "majority_count": str(len(found[top]))})


def _names(source) -> "_Names":
    """The document's name index, built once and shared by every consistency rule."""
    return source.memo("_consistency_names", lambda: _Names(source.text))


class _Names:
    """Capitalised tokens of one document, with where they stand and their neighbours."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.where: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self.before: dict[str, set[str]] = defaultdict(set)
        self.after: dict[str, set[str]] = defaultdict(set)
        tokens = list(_NAME.finditer(text))
        for i, m in enumerate(tokens):
            name = m.group()
            self.where[name].append(m.span())
            if i and text[tokens[i - 1].end() : m.start()] == " ":
                self.before[name].add(tokens[i - 1].group())
            if i + 1 < len(tokens) and text[m.end() : tokens[i + 1].start()] == " ":
                self.after[name].add(tokens[i + 1].group())
        self.count = Counter({k: len(v) for k, v in self.where.items()})

    def _majority_first(self, a: str, b: str) -> tuple[str, str] | None:
        if self.count[a] == self.count[b]:
            return None  # no majority to suggest
        return (b, a) if self.count[a] > self.count[b] else (a, b)

    def accent_pairs(self) -> list[tuple[str, str]]:
        folded: dict[str, list[str]] = defaultdict(list)
        for name in self.where:
            folded[_fold(name)].append(name)
        out = []
        for group in folded.values():
            if len(group) == 2 and (pair := self._majority_first(*group)):
                out.append(pair)
        return out

    def spacing(self) -> Iterator[Match]:
        """'Shang Fu' where the document mostly writes 'Shangfu' (or the reverse)."""
        joined: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for m in re.finditer(r"(?<![\w-])(?=([A-Z][a-z]+) ([A-Z][a-z]+)(?![\w-]))", self.text):
            if _english_phrase(m.group(1), m.group(2)):
                continue  # "Sugar Man" next to "Sugarman": a title or nickname, not a romanisation
            start = m.start()
            end = start + len(m.group(1)) + 1 + len(m.group(2))
            joined[m.group(1) + m.group(2).lower()].append((start, end))
        for name, spans in self.where.items():
            split = joined.get(name)
            if not split or len(name) < 5:
                continue
            one, two = len(spans), len(split)
            if one > two:
                for s, e in split:
                    yield Match(s, e, (name,), {"count": str(two), "majority_count": str(one)})
            elif two > one:
                first = self.text[split[0][0] : split[0][1]]
                for s, e in spans:
                    yield Match(s, e, (first,), {"count": str(one), "majority_count": str(two)})

    def similar_pairs(self, max_zipf: float) -> list[tuple[str, str, bool]]:
        memo = self.__dict__.setdefault("_pairs", {})
        if max_zipf not in memo:
            memo[max_zipf] = self._similar_pairs(max_zipf)
        return memo[max_zipf]

    def _similar_pairs(self, max_zipf: float) -> list[tuple[str, str, bool]]:
        """(minority, majority, strong): strong when the minority shares a neighbour with a
        spelling of its group, weak when only the spelling links it."""
        from qa.lexicon import zipf

        lower = set(re.findall(r"\b[a-z]{4,}\b", self.text))
        names = [n for n in self.where if len(n) >= 4 and n.lower() not in lower]
        links: list[tuple[str, str]] = []
        strong: set[str] = set()
        # _close needs the same first letter: pair each name only with the later names of
        # its letter (the pairs, and their order, are those of the full double loop)
        later: dict[str, list[str]] = defaultdict(list)
        for n in reversed(names):
            later[n[0]].append(n)
        for a in names:
            bucket = later[a[0]]
            bucket.pop()  # a itself: what is left are the names after it
            for b in reversed(bucket):
                if not _close(a, b) or _inflected(a, b) or _fold(a) == _fold(b):
                    continue
                if self._different_people(a, b):
                    continue
                za, zb = zipf(a), zipf(b)
                if (self.before[a] & self.before[b]) or (self.after[a] & self.after[b]):
                    if min(za, zb) < max_zipf:
                        links.append((a, b))
                        strong.update((a, b))
                elif min(za, zb) <= 2.5 and max(za, zb) < max_zipf:
                    links.append((a, b))
        # Group linked names; every minority spelling points at the group's majority.
        group: dict[str, str] = {}

        def root(x: str) -> str:
            while group.get(x, x) != x:
                x = group[x]
            return x

        for a, b in links:
            group[root(a)] = root(b)
        members: dict[str, list[str]] = defaultdict(list)
        for n in {x for pair in links for x in pair}:
            members[root(n)].append(n)
        out = []
        for group_names in members.values():
            ranked = sorted(group_names, key=lambda n: (-self.count[n], n))
            top = ranked[0]
            if self.count[top] == self.count[ranked[1]]:
                continue
            for n in ranked[1:]:
                out.append((n, top, n in strong))
        return out

    def _different_people(self, a: str, b: str) -> bool:
        """Both seen with a first name, and never the same one: 'Boris Johnson', 'Ron Johnston'."""
        fa = {x for x in self.before[a] if x not in _TITLES}
        fb = {x for x in self.before[b] if x not in _TITLES}
        return bool(fa and fb and not fa & fb)


_TITLES = frozenset(
    """Mr Mrs Ms Dr President Chancellor Minister Secretary Senator Governor Prime General
    Premier Foreign Defence Defense State Vice King Queen Prince Pope Judge Mayor Chairman""".split()
)


def _english_phrase(first: str, second: str) -> bool:
    """Both halves are common English words ("Sugar Man", "Free Man"): a two-word phrase
    beside a compound name, where romanised syllables ("Shang Fu", "Jong Un") are rare."""
    from qa.lexicon import zipf

    return min(zipf(first), zipf(second)) >= _COMMON_WORD


_COMMON_WORD = 4.6


def _fold(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def _inflected(a: str, b: str) -> bool:
    """One is the other plus an ending: Russia/Russian, Democrat/Democrats, Israel/Israeli."""
    short, long = sorted((a, b), key=len)
    return long.startswith(short) or long[:-1] == short[:-1] and len(long) == len(short)


def _close(a: str, b: str) -> bool:
    if a[0] != b[0] or abs(len(a) - len(b)) > 2:
        return False
    limit = 1 if min(len(a), len(b)) < 6 else 2
    return _distance(a.lower(), b.lower(), limit) <= limit


def _distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance with adjacent transpositions, cut off above ``limit``."""
    prev2: list[int] | None = None
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if prev2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]
