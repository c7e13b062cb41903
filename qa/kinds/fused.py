"""``fused``: two words run together, whatever their case ("theof", "ministerSaid",
"GenevaThe", "ReutersPARIS", "Tokyoon", "KyivUS"), or one word broken in two ("govern ment").

Every shape is examined; what decides is evidence, not the shape. A token is a candidate only
when it occurs once in the document and the English word list (wordfreq, qa/lexicon.py) does
not know it as a whole: iPhone, YouTube, PayPal, McDonald's, JPMorgan, eBay, LinkedIn, GmbH
and kWh are all known, so they never get this far. A candidate is reported when it splits at
one place into two halves that each stand on evidence of their own:

- ``lower+lower`` ("theof", "officialssaid"): two common words;
- ``Name+lower`` ("Jinpingthe", "Tokyoon", "Messiscored"): a name (seen alone in the
  document, or a known word) and a function word, or a name seen alone and a common word,
  or a common capitalised word and a long conjunction or auxiliary ("Teambecause");
- ``Particle name+lower`` ("McKayis", "DeLucasaid"): a name with a particle, known or seen
  alone, and a verb or function word;
- ``lower+Capital`` ("ministerSaid", "talksThe"): a common word and a word that starts a
  sentence or an attribution, or two common words;
- ``lower+UPPER`` ("theUN"): a function word and an abbreviation seen alone in the document;
- ``Name+Capital`` ("GenevaThe", "KyivMoscow"): a name and a sentence starter, or two names
  both seen alone in the document;
- ``Name+UPPER`` ("ReutersPARIS", "KyivUS"): a name and a capitalised word or abbreviation,
  each a known word or seen alone in the document;
- ``UPPER+Capital`` ("PARISThe"): a capitalised word and a sentence starter;
- a number glued to a word ("2023The", "5,000people": a sentence starter, or a common word
  that is no unit or ordinal, or a function word: any after a year, "2022in", three letters
  or more after another number) or a function word glued to a number ("in2030").

A function word glued to a rarer word ("thearmistice", "armisticesaid") counts when the whole
token is missing from the word list. A lower-case token that ends in a compound head
("planemaker", "bondholders", "quayside") is a closed compound, not a fusion.

Brand names that the word list does not know yet (DeepSeek, VinFast, ChatGPT) stay quiet
because their halves are not sentence starters, not seen alone, or too rare; "4Runner",
"G7", "MH370", "5pm" and "10th" are models, codes and units. Tokens with several case changes
("BioNTech"), name particles ("DeSantis"), or touching ``@ # / .`` (handles, URLs, domains)
are not candidates.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import groupby
from typing import Iterator, Sequence

from qa.finding import Match
from qa.kinds.base import BOOL, NUMBER, Check, default
from qa.tokens import PUNCT, WORD

#: Words that a link or a lost space typically glues to a name: determiners, prepositions,
#: conjunctions and the commonest verbs of attribution.
FUNCTION_WORDS = frozenset(
    """the a an of and or but to in on at for with by from as is was are were has had have
    said says that this which who will would after before during over into about than""".split()
)
#: Words that start a sentence or an attribution: a capitalised one inside a token is where
#: a heading, a dateline or the previous sentence lost its break ("GenevaThe", "ministerSaid").
STARTERS = frozenset(
    """the an he she it they we in on at but and this that these those his her its their our
    after before as for with however meanwhile according while when if there what mr mrs ms
    dr said says told added""".split()
)
#: Function words that, glued to a rarer word, still make a fusion ("thearmistice"); the whole
#: token must then be missing from the word list (see ``_Evidence.unknown``).
#: Longer conjunctions, auxiliaries and pronouns that a lost space glues to a common
#: capitalised word or a name ("Teambecause", "Councilwould"): long enough that no name ends
#: in them by chance, so a common head word is evidence enough.
TAILS = frozenset(
    """because although though while when where since until unless whether also would could
    should must will does been being their there they these those which what""".split()
)
#: Verbs and function words that a name with a particle ("McKay", "DeLuca") is glued to.
PARTICLE_TAILS = frozenset("is was has had said says and the of in on at to who will".split())
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
GLUE = frozenset("the of and said with from that was were has have had which who".split())
GLUE_AFTER = frozenset("the of said".split())
_RARER = 3.0
#: A content word glued to a name of the document must be at least this common.
_CONTENT = 4.5
#: Heads that English closes into one word with a noun before them ("planemaker",
#: "chipmakers", "bondholder", "shipbuilder", "steelworker", "quayside", "sectorwide"): a
#: lower-case token ending in one is a compound, not a fusion, unless the first half is a
#: function word ("themaker").
COMPOUND_HEADS = frozenset(
    """maker makers making holder holders builder builders building worker workers owner owners
    goer goers seller sellers grower growers keeper keepers taker takers writer writers
    watcher watchers wide side""".split()
)
#: Letter suffixes of numbers that are units, ordinals or model names, not glued words.
UNITS = frozenset(
    """th st nd rd am pm km kg mm cm bn mn tn mph kph ft gb mb tb kb mah kw kwh mw gw hrs mins
    mg ml lbs oz yo yrs sec secs min hr""".split()
)
_NUMBERED = re.compile(r"^([\d.,:]*\d)([^\W\d_]{2,})$|^([^\W\d_]{2,})(\d{2,})$")
#: Name particles that make one name with a capitalised word (DeSantis, McConnell, LaGuardia).
PARTICLES = frozenset("mc mac de di da la le van von du st o d al el ben bin abu".split())
#: A piece of a broken word is rare below this Zipf value (wordfreq's large list also holds
#: fragments such as "ment" at 3.1, so "unknown" would be too strict).
_RARE = 3.5
#: Longest token tried as two fused words (two long words and a name: well under 40 letters).
MAX_FUSED = 40
#: Two-letter parts allowed in a split of a lower-case token (others, such as "un", "en",
#: "re", are prefixes or foreign words).
SHORT_PARTS = frozenset("of to in on at by as is it he we an or be do if so no up us my me".split())
#: Characters next to a token that make it part of a handle, URL, domain or compound.
_BEFORE = "@#/.-'’&_\\"
_AFTER = "@/-'’&_\\"


class Fused(Check):
    FIELDS = {
        "min_zipf": default(NUMBER, 4.0),  # each part of a lower-case fusion at least this common
        "name_zipf": default(NUMBER, 2.0),  # a name part, when it does not occur alone
        "upper_zipf": default(NUMBER, 3.0),  # a capitalised half of Name+UPPER, when not alone
        "split": default(BOOL, True),  # also report words broken in two
    }
    MESSAGE_VALUES = frozenset({"first", "second"})

    def run(self, source, hits: Sequence) -> Iterator[Match]:
        from qa.lexicon import known, zipf_table

        table = zipf_table()
        tokens = source.tokens
        text = source.text
        words = list(tokens.words())
        counts = Counter(t for t, k in zip(tokens.texts, tokens.kinds) if k != PUNCT)
        alone = {tokens.lower[i] for i in words}
        evidence = _Evidence(table, counts, alone, self.data)
        for i in range(len(tokens)):
            if tokens.kinds[i] == PUNCT:
                continue
            token = tokens.texts[i]
            start, end = tokens.starts[i], tokens.ends[i]
            if len(token) < 4 or counts[token] > 1 or not _bare(text, start, end):
                continue
            if len(token) > MAX_FUSED:
                continue
            if not token.isalpha():
                parts = evidence.with_number(token)  # "2023The", "5,000people", "in2023"
                if parts and not known(token):
                    yield Match(start, end, (f"{parts[0]} {parts[1]}",), {"first": parts[0], "second": parts[1]})
                continue  # apostrophes, hyphens, invisible characters
            if table.get(token.lower(), 0.0) >= _RARE:
                continue  # a listed word this common is never reported (see _Evidence.unknown)
            parts = evidence.split(token)
            if parts and evidence.unknown(token, *parts):
                first, second = parts
                yield Match(start, end, (f"{first} {second}",), {"first": first, "second": second})
        if self.data["split"]:
            yield from self._broken(source, table)

    def _split(self, token: str, table, counts) -> tuple[str, str] | None:
        """The best split of ``token`` (kept for callers that have no document)."""
        if len(token) > MAX_FUSED:
            return None
        alone = {t.lower() for t in counts}
        return _Evidence(table, counts, alone, self.data).split(token)

    def _broken(self, source, table) -> Iterator[Match]:
        """'govern ment': two lower-case pieces, one rare, that make a common word."""
        tokens = source.tokens
        text = source.text
        starts, ends, texts, kinds = tokens.starts, tokens.ends, tokens.texts, tokens.kinds
        min_zipf = self.data["min_zipf"]
        for i in range(1, len(starts)):
            # Cheapest tests first: two words, one space apart.
            if starts[i] != ends[i - 1] + 1 or kinds[i] != WORD or kinds[i - 1] != WORD:
                continue
            a, b = texts[i - 1], texts[i]
            if text[ends[i - 1]] != " " or not (a.islower() and b.islower() and a.isalpha() and b.isalpha()):
                continue
            if min(table.get(a, 0.0), table.get(b, 0.0)) >= _RARE:
                continue
            start, end = starts[i - 1], ends[i]
            if table.get(a + b, 0.0) >= min_zipf and _bare(text, start, end):
                yield Match(start, end, (a + b,), {"first": a, "second": b})


class _Evidence:
    """Decides whether a token is two words, from its case shape and what backs each half."""

    def __init__(self, table, counts, alone, data) -> None:
        self.table = table
        self.counts = counts
        self.alone = alone  # lower-case forms of every word token of the document
        self.data = data

    def unknown(self, token: str, a: str, b: str) -> bool:
        """Whether the whole token is unknown as one word. The web-built word list also holds
        frequent fusions ("ofthe" 3.3, "inthe" 2.6, "theun"), so when one half is a closed-class
        word the test is stricter than "listed at all"."""
        from qa.lexicon import known

        z = self.zipf(token)
        if token.islower() and a in FUNCTION_WORDS and b in FUNCTION_WORDS:
            return z < _RARE and len(token) >= 5  # "ofthe", "inthe"; not "into", "anon"
        closed = (token.islower() and (a in FUNCTION_WORDS or b in FUNCTION_WORDS)) or (
            b[0].isupper() and not a[0].isupper() and a in FUNCTION_WORDS
        )
        if closed or (b[0].isupper() and b[1:].islower() and b.lower() in STARTERS):
            return z == 0.0  # not even rare-but-listed ("hasbeen", "theUN", "GenevaThe")
        return not known(token)

    def split(self, token: str) -> tuple[str, str] | None:
        runs = ["".join(g) for _, g in groupby(token, key=str.isupper)]
        shape = "".join("U" if r[0].isupper() else "l" for r in runs)
        if shape == "l":
            return self._lower(token)
        if shape == "Ul" and len(runs[0]) == 1:
            return self._name_function(token)
        if shape == "lUl" and len(runs[1]) == 1:  # ministerSaid
            return self._lower_capital(runs[0], runs[1] + runs[2])
        if shape == "lU" and len(runs[1]) >= 2:  # theUN
            return self._lower_upper(runs[0], runs[1])
        if shape == "UlUl" and len(runs[0]) == 1 and len(runs[2]) == 1:  # GenevaThe
            if (runs[0] + runs[1]).lower() in PARTICLES:  # McKayis
                return self._particle_name(token, len(runs[0]) + len(runs[1]))
            return self._name_capital(runs[0] + runs[1], runs[2] + runs[3])
        if shape == "UlU" and len(runs[0]) == 1 and len(runs[2]) >= 2:  # ReutersPARIS
            return self._name_upper(runs[0] + runs[1], runs[2])
        if shape == "Ul" and len(runs[0]) >= 3:  # PARISThe
            return self._upper_capital(runs[0][:-1], runs[0][-1] + runs[1])
        return None

    def with_number(self, token: str) -> tuple[str, str] | None:
        """A number glued to a word, or a function word glued to a number."""
        m = _NUMBERED.match(token)
        if not m:
            return None
        if m.group(1):
            number, word = m.group(1), m.group(2)
            starter = word[0].isupper() and word[1:].islower() and word.lower() in STARTERS
            common = word.islower() and len(word) >= 4 and self.common(word) and word not in UNITS
            # "2022in", "5,000for": a year glued to any function word, another number to one
            # of three letters or more (not "in", "at": inches, "10at" is rare but ambiguous).
            glued = word in FUNCTION_WORDS and word not in UNITS and (len(word) >= 3 or bool(_YEAR.match(number)))
            return (number, word) if starter or common or glued else None
        word, number = m.group(3), m.group(4)
        return (word, number) if word in FUNCTION_WORDS else None

    def zipf(self, word: str) -> float:
        return self.table.get(word.lower(), 0.0)

    def common(self, word: str) -> bool:
        return self.zipf(word) >= self.data["min_zipf"]

    def seen(self, word: str) -> bool:
        """The word stands alone somewhere in the document (any case)."""
        return word.lower() in self.alone

    def name(self, word: str) -> bool:
        return len(word) >= 3 and word.lower() not in PARTICLES and (
            self.seen(word) or self.zipf(word) >= self.data["name_zipf"]
        )

    def _lower(self, token: str) -> tuple[str, str] | None:
        best: tuple[float, int] | None = None
        for i in range(2, len(token) - 1):
            a, b = token[:i], token[i:]
            if b in COMPOUND_HEADS and a not in FUNCTION_WORDS:
                return None  # "planemaker", "bondholders", "quayside": a closed compound
            ok = self.common(a) and self.common(b)
            ok = ok and (len(a) > 2 or a in SHORT_PARTS) and (len(b) > 2 or b in SHORT_PARTS)
            # A function word glued to a rarer word: "thearmistice", "armisticesaid".
            ok = ok or (a in GLUE and len(b) >= 5 and self.zipf(b) >= _RARER)
            ok = ok or (b in GLUE_AFTER and len(a) >= 5 and a not in ("there", "where") and self.zipf(a) >= _RARER)
            if ok and (best is None or min(self.zipf(a), self.zipf(b)) > best[0]):
                best = (min(self.zipf(a), self.zipf(b)), i)
        return None if best is None else (token[: best[1]], token[best[1] :])

    def _name_function(self, token: str) -> tuple[str, str] | None:
        """A name glued to a function word ("Jinpingthe", "Blinkensaid", "Tokyoon") or to a
        common word when the name stands alone elsewhere in the document ("Messiscored")."""
        best: tuple[float, int] | None = None
        for i in range(3, len(token) - 1):
            a, b = token[:i], token[i:]
            known_name = self.counts[a] > 0 or self.zipf(a) >= self.data["name_zipf"]
            # A name of the document (seen alone, and no common word itself) glued to a
            # common content word: "Messiscored", "Kyivtroops".
            content = self.counts[a] > 0 and self.zipf(a) < self.data["min_zipf"] and len(b) >= 4
            content = content and self.zipf(b) >= _CONTENT
            # A common capitalised word glued to a long conjunction: "Teambecause".
            tail = b in TAILS and (self.counts[a] > 0 or self.zipf(a) >= _RARER)
            if (b in FUNCTION_WORDS and known_name or content or tail) and a.lower() not in PARTICLES:
                score = min(self.zipf(a), self.zipf(b))
                if best is None or score > best[0]:
                    best = (score, i)
        return None if best is None else (token[: best[1]], token[best[1] :])

    def _particle_name(self, token: str, particle: int) -> tuple[str, str] | None:
        """A name with a particle glued to a verb or function word ("McKayis", "DeLucasaid"):
        the name is a known word or stands alone in the document."""
        from qa.lexicon import known

        for i in range(len(token) - 2, particle + 2, -1):  # the longest name first
            a, b = token[:i], token[i:]
            if b in PARTICLE_TAILS and (self.seen(a) or known(a)):
                return a, b
        return None

    def _lower_capital(self, a: str, b: str) -> tuple[str, str] | None:
        if len(a) < 2 or a in PARTICLES or not (self.common(a) or a in SHORT_PARTS):
            return None
        if b.lower() in STARTERS or (len(a) >= 3 and self.common(b)):
            return a, b
        if self.seen(b) and b[1:].islower() and self.zipf(a) >= 5.0:
            return a, b  # "withBlinken": a very common word and a name of the document
        return None

    def _lower_upper(self, a: str, b: str) -> tuple[str, str] | None:
        if a in FUNCTION_WORDS and self.seen(b):
            return a, b
        return None

    def _name_capital(self, a: str, b: str) -> tuple[str, str] | None:
        if not self.name(a):
            return None
        if b.lower() in STARTERS and a.lower() != "the":
            return a, b
        if self.seen(a) and self.seen(b) and len(b) >= 3:
            return a, b  # two names of the document: "KyivMoscow"
        return None

    def _name_upper(self, a: str, b: str) -> tuple[str, str] | None:
        if not self.name(a):
            return None
        if self.seen(b) or (len(b) >= 3 and self.zipf(b) >= self.data["upper_zipf"]):
            return a, b
        return None

    def _upper_capital(self, a: str, b: str) -> tuple[str, str] | None:
        if b.lower() in STARTERS and (self.seen(a) or self.zipf(a) >= self.data["upper_zipf"]):
            return a, b
        return None


def _bare(text: str, start: int, end: int) -> bool:
    """Not part of a URL, handle, domain, hyphenated or apostrophised form."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if before in _BEFORE or after in _AFTER:
        return False
    return not (after == "." and end + 1 < len(text) and text[end + 1].isalnum())
