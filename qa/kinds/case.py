"""``case``: capital letters lost by a translation or a transcript: lower-case sentence starts,
lower-case country names and demonyms in running text, whole paragraphs in lower case.

``check`` selects one test:

- ``sentence-start``: a sentence that starts in lower case after a full stop closed inside a
  quotation (“We are ready.” he said), after a question mark, or at the head of a paragraph
  (the full stop directly before a lower-case word is ``punctuation.stop-before-lowercase``).
  "“Why?” he asked" is English; "eBay", "iPhone" and name particles ("de Gaulle") stay quiet;
- ``proper-noun``: a word of the rule's ``words`` list (demonyms and country names whose
  lower-case form is no English word: "chinese", "japan") written in lower case inside a
  paragraph that otherwise uses capitals; URLs, handles, hashtags and hyphenated compounds
  are not running text. ``words_in_context`` lists country names that are also English words
  ("china", "turkey", "brazil"): reported only in a country's slot, after "in", "from",
  "to"... and before a mark or a function word ("talks in brazil ended" is not, "in brazil,
  officials" is). ``names`` lists names of several words whose first word is also
  an English word ("Real Madrid", "White House"): the first word in lower case before the
  rest of the name in capitals ("real Madrid") is reported, but not after a determiner when
  the rest is a place of ``words`` on its own ("a new York bypass", "the new Delhi metro");
- ``all-lower``: a paragraph of prose (twelve words or more, with function words) without a
  single capital letter; one finding on the first sentence of each run of such paragraphs.
"""

from __future__ import annotations

import re
from typing import Iterator, Sequence

from qa.finding import Match
from qa.kinds.base import STR, STR_LIST, Choice, FieldError, required
from qa.segment import ABBREVIATIONS
from qa.tokens import INNER_CAPITAL, WORD

_QUOTED_STOP = re.compile(r"(?<![\w.])([^\W\d_][\w.’'-]*)\.([”’\"])([ \t]+)([a-z][a-z’'-]*)")
_QUESTION = re.compile(r"(?<![\w.])([^\W\d_][\w’'-]*)\?([ \t]+)([a-z][a-z’'-]*)")
#: Lower-case words that may start a paragraph or a sentence as names ("de Gaulle", "van Gogh").
_PARTICLES = frozenset("de da di du van von der den la le al el bin ibn d'".split())
_FUNCTION = frozenset("the a an of and to in on at for with is was are were that it by from as".split())
_URLISH = "@#/._-\\"
_STOP = re.compile(r"[.?!][”’\"]?(?=\s|$)")
_WORD_BEFORE = re.compile(r"(\w+)[ \t]+$")
_DETERMINERS = frozenset("a an the this that these those its his her their our my your every each another whose".split())


class Case(Choice):
    FIELDS = {"check": required(STR), "words": STR_LIST, "names": STR_LIST, "words_in_context": STR_LIST}
    CHECKS = ("sentence-start", "proper-noun", "all-lower")

    def __init__(self, rule, data) -> None:
        super().__init__(rule, data)  # Choice: validates 'check', sets self._run
        if data["check"] == "proper-noun" and not data["words"]:
            raise FieldError("words", "proper-noun needs a list of lower-case words")
        self.words = {w.lower(): w[:1].upper() + w[1:] for w in data["words"] or ()}
        self.in_context = {w.lower(): w[:1].upper() + w[1:] for w in data["words_in_context"] or ()}
        names = [n for n in data["names"] or () if " " in n]
        if len(names) != len(data["names"] or ()):
            raise FieldError("names", "each name needs two words or more")
        # "real Madrid": the first word lowered, the rest as written, a whole word each side.
        alternatives = "|".join(re.escape(n[:1].lower() + n[1:]) for n in names)
        self.names = re.compile(rf"(?<![\w{re.escape(_URLISH)}])(?:{alternatives})(?![\w@/_-])") if names else None

    def run(self, source, hits: Sequence) -> Iterator[Match]:
        return self._run(source)

    def _sentence_start(self, source) -> Iterator[Match]:
        from qa.lexicon import zipf

        text = source.text
        for m in _QUOTED_STOP.finditer(text):
            if m.group(1).lower() in ABBREVIATIONS or "." in m.group(1) or len(m.group(1)) == 1:
                continue  # "U.S.", "a.m.", an initial
            if not _opened_before(text, source.paragraph_at(m.start()).start, m.start()):
                continue  # a closing mark that closes nothing: punctuation.unopened-quote's
            yield Match(m.start(), m.end())
        for m in _QUESTION.finditer(text):
            if m.group(3) not in _PARTICLES:
                yield Match(m.start(), m.end())
        tokens = source.tokens
        for para in source.paragraphs:
            if _lower_prose(text, para):
                continue  # the all-lower check's business
            first = next(iter(tokens.between(para.start, para.end)), None)
            if first is None or tokens.kinds[first] != WORD or tokens.starts[first] != para.start:
                continue
            word = tokens.texts[first]
            if not word[0].islower() or tokens.flags[first] & INNER_CAPITAL or word in _PARTICLES:
                continue
            body = text[para.start : para.end].rstrip()
            if len(body.split()) >= 6 and body[-1:] in ".?!”\"’" and zipf(word) >= 3.0:
                if para.start + len(word) < len(text) and text[para.start + len(word)] not in _URLISH:
                    yield Match(para.start, tokens.ends[first], (word[:1].upper() + word[1:],))

    def _proper_noun(self, source) -> Iterator[Match]:
        text = source.text
        tokens = source.tokens
        # A paragraph without any capital is a keyword list or a lower-cased transcript.
        lowered_paragraphs = {
            p.start for p in source.paragraphs if not any(c.isupper() for c in text[p.start : p.end])
        }
        for i in tokens.words():
            word = tokens.texts[i]
            if word not in self.words and not (word in self.in_context and _country_slot(tokens, i)):
                continue
            start, end = tokens.starts[i], tokens.ends[i]
            before = text[start - 1] if start else " "
            after = text[end] if end < len(text) else " "
            if before in _URLISH or after in "@/_-\\" or (after == "." and text[end + 1 : end + 2].isalnum()):
                continue
            if source.paragraph_at(start).start in lowered_paragraphs:
                continue
            yield Match(start, end, (self.words.get(word) or self.in_context[word],))
        if self.names is None:
            return
        for m in self.names.finditer(text):
            if source.paragraph_at(m.start()).start in lowered_paragraphs:
                continue
            if source.sentence_at(m.start()).start == m.start():
                continue  # a sentence start is the sentence-start check's business
            if self._adjective_before_name(text, m):
                continue
            yield Match(m.start(), m.end(), (m.group()[:1].upper() + m.group()[1:],))

    def _adjective_before_name(self, text: str, m) -> bool:
        """"a new York bypass", "the new Delhi metro line": after a determiner, the lower-case
        word is an adjective in front of a place that is a name on its own (one of the rule's
        ``words``), not the first word of the longer name."""
        rest = m.group().split(" ", 1)[1]
        if " " in rest or rest.lower() not in self.words:
            return False
        before = _WORD_BEFORE.search(text, max(0, m.start() - 40), m.start())
        return before is not None and before.group(1).lower() in _DETERMINERS

    def _all_lower(self, source) -> Iterator[Match]:
        text = source.text
        previous_lower = False
        for para in source.paragraphs:
            lower = _lower_prose(text, para)
            if lower and not previous_lower:
                stop = _STOP.search(text, para.start, para.end)
                yield Match(para.start, stop.end() if stop else para.end)
            previous_lower = lower


#: Words around a country name that is also an English word ("china", "turkey"): a
#: preposition before it, and after it a mark or a word that cannot follow "china" the noun.
_SLOT_BEFORE = frozenset("in from to with between visit visited visiting across throughout".split())
_SLOT_AFTER = frozenset(
    """and or on in at to has have had is was were said says will would which where after
    before since last this next over during""".split()
)


def _country_slot(tokens, i: int) -> bool:
    """"talks in brazil ended", "flights to turkey, then": the slot of a country, not of
    porcelain, poultry or nuts ("fine china", "turkey sandwiches", "brazil nuts")."""
    if i == 0 or tokens.lower[i - 1] not in _SLOT_BEFORE or i + 1 >= len(tokens):
        return False
    nxt = tokens.texts[i + 1]
    if nxt in ("and", "or"):  # "china and Japan", not "china and glassware"
        return i + 2 < len(tokens) and tokens.texts[i + 2][:1].isupper()
    return nxt in ",.;:" or nxt in _SLOT_AFTER


def _opened_before(text: str, start: int, end: int) -> bool:
    """An opening quotation mark stands in the paragraph before ``end``."""
    return any(c in "“\"«„" for c in text[start:end])


def _lower_prose(text: str, para) -> bool:
    """Twelve words or more, three function words, not one capital letter."""
    body = text[para.start : para.end]
    if any(c.isupper() for c in body):
        return False
    words = body.split()
    return len(words) >= 12 and sum(w.strip(",.;:") in _FUNCTION for w in words) >= 3
