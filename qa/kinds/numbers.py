"""``numbers``: amounts, times and separators that a translation or a careless edit broke,
where the test needs arithmetic or the rest of the document, not just a pattern.

``check`` selects one test:

- ``scale-stack``: scale words that cannot go together ("250,000 billion", "3 million
  billion"); "a thousand million" (older British for a billion) is English;
- ``clock``: a 12-hour marker on a 24-hour time ("15:30 p.m.", "00:45 a.m."), and noon
  written for midnight ("12:00 p.m." in a clause about midnight or the night);
- ``quoted-conversion``: a currency conversion in parentheses inside a quotation (“we will
  invest 500 million yuan (about $70 million)”): nobody says the brackets, an editor added
  them inside the speaker's words;
- ``locale-separator``: thousands and decimals in another locale's style: "1.200 people",
  "10.000.000 euros", "3,5 percent". A dot group is reported before a word that counts
  (people, euros, homes) or when the document writes English thousands elsewhere; a decimal
  comma before a unit or "percent".
"""

from __future__ import annotations

import re
from typing import Iterator, Sequence

from qa.finding import Match
from qa.kinds.base import STR, Check, FieldError, required

_STACK = re.compile(r"\b(?P<a>[Tt]housand|[MmBbTt]r?illion)\s+(?P<b>[MmBbTt]r?illion)\b")
_BIG_SCALE = re.compile(r"(?<![\d.,])(?P<n>\d{1,3}(?:,\d{3})+|\d{5,})(?:\.\d+)?\s+(?:million|billion|trillion)\b", re.I)
_CLOCK = re.compile(
    r"(?<![\d:.,])(?P<h>\d{1,2})(?:(?::(?P<m>\d{2}))\s?(?P<ap>[apAP])\.?\s?[mM]|\s?(?P<low>[ap])\.?m)\b\.?"
)
_NIGHT = re.compile(r"\b(?:midnight|night|overnight|nightfall)\b", re.I)
_NOON = re.compile(r"\b(?:noon|midday|lunchtime)\b", re.I)
_CURRENCY = (
    r"(?:US\$|A\$|C\$|HK\$|R\$|\$|€|£|¥|₩|₹|₺|USD|EUR|GBP|JPY|CNY|RMB)\s?\d"
    r"|\d[\d,.]*\s*(?:million|billion|trillion|mn|bn|m)?\s*(?:dollars|euros|pounds|yuan|yen|won|rupees|pesos|reais|rubles|roubles|lira|baht|dirhams|francs)\b"
)
_CONVERSION = re.compile(rf"\((?:[^()]{{0,25}}?)(?:{_CURRENCY})[^()]{{0,40}}\)", re.I)
_DOT_GROUPS = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?![\d]|[.,]\d)")
_DECIMAL_COMMA = re.compile(
    r"(?<![\d.,])\d{1,3},\d{1,2}(?![\d]|[.,]\d)(?=\s?(?:%|percent\b|per cent\b|percentage point|points?\b|degrees?\b|°"
    r"|times\b|(?:million|billion|trillion)\b|k[mg]\b|kilometres?\b|kilometers?\b|metres?\b|meters?\b|tonnes?\b|hectares?\b))",
    re.I,
)
_ENGLISH_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d]|[.,]\d)")
#: Words that count things: a number before them has no three decimal places.
_COUNTED = frozenset(
    """people persons residents inhabitants citizens workers employees jobs soldiers troops
    police officers members students children families homes houses households buildings
    vehicles cars deaths victims cases patients refugees migrants tourists visitors fans
    spectators votes voters signatures companies firms units tonnes tons barrels hectares
    shares animals trees schools hospitals beds doses tests trucks""".split()
)
#: Currency words: "1.200 euros" is a thousands group, but "1.125 dollars" may be a rate, so
#: these count only after a round group ("1.200", "2.450").
_MONEY = frozenset("euros dollars yuan yen pesos reais rubles roubles lira liras rupees won baht dirhams pounds francs".split())
_RATE = re.compile(r"\s?(?:%|percent\b|per\b|points?\b|basis\b|-)", re.I)
_NEXT_WORD = re.compile(r"\s+([^\W\d_]+)(?:\s+([^\W\d_]+))?")


class Numbers(Check):
    FIELDS = {"check": required(STR)}
    CHECKS = ("scale-stack", "clock", "quoted-conversion", "locale-separator")

    def __init__(self, rule, data) -> None:
        super().__init__(rule, data)
        if data["check"] not in self.CHECKS:
            raise FieldError("check", f"must be one of {', '.join(self.CHECKS)}")
        self._run = getattr(self, "_" + data["check"].replace("-", "_"))

    def run(self, source, hits: Sequence) -> Iterator[Match]:
        return self._run(source)

    def _scale_stack(self, source) -> Iterator[Match]:
        text = source.text
        for m in _STACK.finditer(text):
            if m.group("a").lower() == "thousand" and m.group("b").lower() == "million":
                continue  # "a thousand million": older British English for a billion
            if m.group("a").lower() == m.group("b").lower() == "million":
                continue  # "a million million": older British English for a trillion
            yield Match(m.start(), m.end())
        for m in _BIG_SCALE.finditer(text):
            if int(m.group("n").replace(",", "")) >= 10_000:
                yield Match(m.start(), m.end())

    def _clock(self, source) -> Iterator[Match]:
        text = source.text
        for m in _CLOCK.finditer(text):
            hour, minute = int(m.group("h")), m.group("m")
            marker = (m.group("ap") or m.group("low")).lower()
            if hour > 23 or (minute is not None and int(minute) > 59):
                continue
            if hour == 0 or hour > 12:
                yield Match(m.start(), m.end(), (f"{hour:02d}:{minute or '00'}",))
            elif hour == 12 and (minute is None or minute == "00"):
                sentence = source.sentence_at(m.start())
                left = text[sentence.start : m.start()].rsplit(";", 1)[-1]
                words = left + text[m.start() : sentence.end].split(";", 1)[0]
                pm = marker == "p"
                if (pm and _NIGHT.search(words) and not _NOON.search(words)) or (
                    not pm and _NOON.search(words) and not _NIGHT.search(words)
                ):
                    yield Match(m.start(), m.end(), ("midnight" if pm else "noon",))

    def _quoted_conversion(self, source) -> Iterator[Match]:
        for m in _CONVERSION.finditer(source.text):
            if source.in_quotes(m.start(), m.end()):
                yield Match(m.start(), m.end(), ("",))

    def _locale_separator(self, source) -> Iterator[Match]:
        text = source.text
        english = bool(_ENGLISH_THOUSANDS.search(text))
        for m in _DOT_GROUPS.finditer(text):
            if m.group()[0] == "0" or _RATE.match(text, m.end()):
                continue  # "0.125", "4.125%", "1.125 per euro": decimals
            groups = m.group().count(".")
            after = _NEXT_WORD.match(text, m.end())
            next_words = [(w or "").lower() for w in after.groups()] if after else []
            counted = any(w in _COUNTED for w in next_words)
            counted = counted or (m.group().endswith("0") and any(w in _MONEY for w in next_words))
            parts = m.group().split(".")
            if len(parts) == 4 and all(int(p) <= 255 for p in parts):
                continue  # an IP address
            money = m.start() > 0 and text[m.start() - 1] in "$€£¥"
            # With English thousands elsewhere, a dot group before a plural noun ("3.400
            # trucks"); not a version ("2.100 shipped") or a rate in words ("1.085 dollars").
            plural = bool(after) and after.group(1).islower() and after.group(1).endswith("s")
            plural = plural and after.group(1).lower() not in _MONEY
            if groups >= 2 or counted or (english and plural and not money):
                yield Match(m.start(), m.end(), (m.group().replace(".", ","),))
        for m in _DECIMAL_COMMA.finditer(text):
            yield Match(m.start(), m.end(), (m.group().replace(",", "."),))
