"""Paragraphs, sentences and quotations as spans of the text (offsets never shift).

The sentence splitter is a small rule-based one, chosen over NLTK's Punkt (needs a data
download) and pySBD (about 80x slower on the dev corpus and 83 % vs 100 % exact sentences on
our hand-segmented fixture; ``python bench/sentences.py``) because it keeps exact offsets by
construction and knows news abbreviations; tests/test_segment.py holds it to the fixture.
"""

from __future__ import annotations

import re
from typing import Iterator

from qa.span import Span

# Abbreviations after which a full stop does not end a sentence (lower-cased, no final dot).
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sen rep gov gen col lt sgt capt cmdr adm maj brig st jr sr rev hon pres
    supt insp det inc ltd co corp plc bros no nos vs v etc e.g i.e cf approx est dept univ
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    a.m p.m u.s u.k u.n e.u u.s.a d.c p.o ft mt fig op vol pp ca""".split()
)

_PARA_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_LINE = re.compile(r"[^\n]+")
_CLOSERS = "\"'”’)]»"
_END = re.compile(r"[.!?…]+[" + re.escape(_CLOSERS) + r"]*(?=\s+)")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_TERMINAL = tuple(".!?…:;" + _CLOSERS)


def split_paragraphs(text: str) -> list[Span]:
    """Paragraphs: blocks between blank lines; inside a block, each line is a paragraph unless
    it is a wrapped continuation: the previous line is unfinished and the next line starts in
    lower case or, in copy hard-wrapped at a fixed width, the previous line is full (the next
    line's first word would not have fitted on it: "... asked Anna\nKovacheva, the governor")."""
    spans: list[Span] = []
    width = wrap_width(text)
    for block in _blocks(text):
        current: Span | None = None
        for m in _LINE.finditer(text, block.start, block.end):
            line = _strip(text, m.start(), m.end())
            if line is None:
                continue
            if current is not None and _continues(text, current, line, width):
                current = Span(current.start, line.end)
            else:
                if current is not None:
                    spans.append(current)
                current = line
        if current is not None:
            spans.append(current)
    return spans


def _blocks(text: str) -> Iterator[Span]:
    pos = 0
    for m in _PARA_BREAK.finditer(text):
        yield Span(pos, m.start())
        pos = m.end()
    yield Span(pos, len(text))


def _strip(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None


def _continues(text: str, previous: Span, line: Span, width: int | None) -> bool:
    if text[previous.end - 1] in _TERMINAL:
        return False
    if text[line.start].islower():
        return True
    return width is not None and _full(text, previous, line, width)


#: A word that can open a wrapped line: letters or digits with inner hyphens, apostrophes or
#: full stops and a trailing comma or full stop. Not a credit ("REUTERS/Stoyan") or a
#: dateline or agency in capitals ("BEIJING", "AFP"), which open lines of their own.
_WRAPPED_WORD = re.compile(r"(?![A-Z]{3,}\b)\w[\w'’.-]*[,;:]?(?=\s|$)")


WRAP_SAMPLE = 64 * 1024


def wrap_width(text: str) -> int | None:
    """The width copy is hard-wrapped at (plain-text wire feeds: nearly every long line at most
    80 characters, and at least five of them), else None. Read from the first ``WRAP_SAMPLE``
    characters: copy is wrapped throughout or not at all, and a 20 MB text is not split twice."""
    long = [n for n in map(len, text[:WRAP_SAMPLE].splitlines()) if n > 40]
    if len(long) < 5:
        return None
    short = [n for n in long if n <= 80]
    return max(short) if len(short) >= 0.9 * len(long) else None


def _full(text: str, previous: Span, line: Span, width: int) -> bool:
    """Whether ``previous`` ends in a line that wrapping filled: the first word of ``line``
    would have made it longer than the copy's width."""
    length = previous.end - (text.rfind("\n", 0, previous.end) + 1)
    word = _WRAPPED_WORD.match(text, line.start, line.end)
    return word is not None and length + 1 + len(word.group()) > width


def split_sentences(text: str, paragraph: Span) -> list[Span]:
    """Sentences of one paragraph, as spans with surrounding whitespace trimmed."""
    out: list[Span] = []
    start = paragraph.start
    for m in _END.finditer(text, paragraph.start, paragraph.end):
        if _is_boundary(text, m.start(), m.end(), paragraph.end):
            span = _strip(text, start, m.end())
            if span:
                out.append(span)
            start = m.end()
    span = _strip(text, start, paragraph.end)
    if span:
        out.append(span)
    return out


def _is_boundary(text: str, mark: int, after: int, limit: int) -> bool:
    nxt = after
    while nxt < limit and text[nxt].isspace():
        nxt += 1
    if nxt >= limit:
        return False
    following = text[nxt]
    if not (following.isupper() or following.isdigit() or following in "\"'“‘(["):
        return False
    if text[mark] != ".":
        return True
    if text[mark:after].startswith("..."):
        return True
    word = _WORD_BEFORE.search(text, max(0, mark - 20), mark)
    if not word:
        return True
    token = word.group(1).lower().rstrip(".")
    if token in ABBREVIATIONS:
        return False
    # An initial ("J. Smith") or an acronym with dots ("U.S." is handled above).
    return not (len(token) == 1 and token.isalpha() and text[mark - 1].isupper())


#: Opening quotation mark -> its closing mark.
_CLOSER = {'"': '"', "“": "”", "«": "»", "„": "“"}
_OPENER = re.compile("[" + "".join(_CLOSER) + "]")


def quoted_spans(text: str, paragraph: Span) -> list[Span]:
    """Spans inside quotation marks (quotes included) within one paragraph.

    Curly and guillemet pairs are matched directly; straight double quotes pair up in order.
    An opening quote that is never closed reaches to the end of the paragraph, the way news
    style continues a quotation across a paragraph break.
    """
    spans: list[Span] = []
    end = paragraph.end
    opening = _OPENER.search(text, paragraph.start, end)
    while opening:
        i = opening.start()
        j = text.find(_CLOSER[text[i]], i + 1, end)
        stop = end if j == -1 else j + 1
        spans.append(Span(i, stop))
        opening = _OPENER.search(text, stop, end)
    return spans
