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
  comma before a unit or "percent";
- ``grouping``: in a document that writes English thousands ("327,532"), a number whose
  grouping broke: a last group of one or two digits ("289,78", a lost digit or a decimal
  comma) or five digits and more with no separator at all ("342433"). Codes, postcodes,
  flight and case numbers (a name or "No." before them, a letter, dash or slash touching
  them) are not amounts and stay quiet.
"""

from __future__ import annotations

import re
from typing import Iterator, Sequence

from qa.finding import Match
from qa.kinds.base import STR, Choice, required

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
#: The whole continental form, dot groups and a decimal comma ("1.200,50 euros").
_CONTINENTAL = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+,\d{1,2}(?![\d]|[.,]\d)")
#: Swiss grouping with apostrophes ("1'250'000 francs").
_SWISS = re.compile(r"(?<![\d.,'’])\d{1,3}(?:['’]\d{3})+(?:\.\d{1,2})?(?![\d'’])")
_SCALE = frozenset("thousand million billion trillion bn mn mln tn".split())
_DECIMAL_COMMA = re.compile(
    r"(?<![\d.,])\d{1,3},\d{1,2}(?![\d]|[.,]\d)(?=\s?(?:%|percent\b|per cent\b|percentage point|points?\b|degrees?\b|°"
    r"|times\b|(?:million|billion|trillion)\b|k[mg]\b|kilometres?\b|kilometers?\b|metres?\b|meters?\b|tonnes?\b|hectares?\b))",
    re.I,
)
_ENGLISH_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d]|[.,]\d)")
_SHORT_GROUP = re.compile(r"(?<![\d.,])(?P<head>\d{1,3})(?P<groups>(?:,\d{3})*),(?P<tail>\d{1,2})(?![\d]|[.,]\d)")
_UNGROUPED = re.compile(r"(?<![\d.,:/\w-])[1-9]\d{4,8}(?![\w/-]|[.,:]\d)")
#: Words before a number that make it a code, not an amount ("zip 90210", "No. 12345").
_CODE_WORDS = frozenset(
    """no nos number code codes id zip postcode postal pin flight route account case ref
    reference serial ticket model tel phone fax page pages article line bus patent docket
    order invoice box suite room lot file isbn issn vol volume item sku""".split()
)
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\.?[\s#:]*$")
#: A name and a comma before a number: a postcode or a code after a place ("Hamburg, 21129").
_NAME_COMMA_BEFORE = re.compile(r"(?<![\w])[^\W\d_][^\W\d_]+,[ \t]*$")
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


class Numbers(Choice):
    FIELDS = {"check": required(STR)}
    CHECKS = ("scale-stack", "clock", "quoted-conversion", "locale-separator", "grouping")

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
            if next_words[:1] and next_words[0] in _SCALE:
                continue  # "1.150 billion euros": a decimal before a scale word
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
        for m in _CONTINENTAL.finditer(text):
            whole, decimals = m.group().rsplit(",", 1)
            yield Match(m.start(), m.end(), (f"{whole.replace('.', ',')}.{decimals}",))
        for m in _SWISS.finditer(text):
            yield Match(m.start(), m.end(), (m.group().replace("'", ",").replace("’", ","),))

    def _grouping(self, source) -> Iterator[Match]:
        text = source.text
        if not _ENGLISH_THOUSANDS.search(text):
            return  # the document does not group thousands: no house style to break
        for m in _SHORT_GROUP.finditer(text):
            if not m.group("groups") and len(m.group("head")) < 3:
                continue  # "6,4", "12,5": scores, lists, decimals (NUM004 judges units)
            if _DECIMAL_COMMA.match(text, m.start()) or text[m.end() : m.end() + 1].isalpha():
                continue
            yield Match(m.start(), m.end())
        for m in _UNGROUPED.finditer(text):
            if m.start() and text[m.start() - 1] in "#№":
                continue
            before = _WORD_BEFORE.search(text[max(0, m.start() - 30) : m.start()])
            if before and (before.group(1).lower() in _CODE_WORDS or before.group(1)[0].isupper()):
                continue  # "No. 12345", "Flight 37294", "Beverly Hills 90210"
            named = _NAME_COMMA_BEFORE.search(text[max(0, m.start() - 30) : m.start()])
            if named and named.group()[0].isupper():
                continue  # "Hamburg, 21129", "Saint-Nazaire, 44600": a postcode after its place
            value = m.group()
            yield Match(m.start(), m.end(), (f"{int(value):,}",))
