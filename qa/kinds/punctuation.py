"""``punctuation``: the full stops, commas and quotation marks that deleted links and bad
segmentation leave behind, where a regular expression alone cannot tell an abbreviation,
an initial, a decimal, a URL or an e-mail address from damage.

``check`` selects one test:

- ``stop-before-lowercase``: "CCTV. following" — a full stop, then a lower-case word (not a
  name its owner writes in lower case, "bpost": no English word, never capitalised in the text; nor a quotation written wholly in lower case);
- ``missing-space``: "Jinping.The", "ministry.\"I" — no space after a full stop;
- ``stop-comma``: "relationship., echoing" — a full stop straight before a comma, or a comma
  straight before a full stop ("delayed,. The");
- ``doubled-stop``: "years. ." or "years.." (an ellipsis "..." is not one);
- ``unclosed-quote``: an opening quotation mark never closed in its paragraph, unless the
  next paragraph opens a quotation (news style continues a quote across paragraphs);
- ``unopened-quote``: a closing quotation mark that closes nothing in its paragraph, unless
  the paragraph before left a quotation open (a quote running on, or a hard-wrapped line).

The flagged span runs from the word before the mark to the word after it, so the finding
points at the damage and not at one character.
"""

from __future__ import annotations

import re
from typing import Iterator, Sequence

from qa.finding import Match
from qa.kinds.base import STR, Choice, required
from qa.segment import ABBREVIATIONS

_LEFT = re.compile(r"(\S+)$")
_STOP_LOWER = re.compile(r"\.([ \t]+)([a-z][\w’'-]*)")
_MISSING_SPACE = re.compile(r"(?<![^\W\d_])([^\W\d_]{2,})\.([\"“]?)([A-Z][a-z]+|[IA](?=[ \t’']))")
_STOP_COMMA = re.compile(r"\.,([ \t]+)([\w’'-]+)")
#: ",." — a comma left before a full stop when the words between them were deleted.
_COMMA_STOP = re.compile(r"(?<=[^\W\d_]),\.([ \t]+)([\w’'“\"-]+)")
_DOUBLED = re.compile(r"([.!?])(?:[ \t]+\.|\.)(?!\.)")
_URLISH = re.compile(r"@|://|www\.|\.(?:com|org|net|gov|edu|io|co|uk|de|fr|ru|cn|ua)\b", re.I)
#: The first letter of a quotation and of each sentence inside it.
_SENTENCE_LETTER = re.compile(r"(?:^[^\w]*|[.!?][ \t]+)([^\W\d_])")
_OPEN_TRIM = "\"'“‘«([{"
_CLOSE_TRIM = "\"'”’»)]}"


class Punctuation(Choice):
    FIELDS = {"check": required(STR)}
    CHECKS = ("stop-before-lowercase", "missing-space", "stop-comma", "doubled-stop", "unclosed-quote", "unopened-quote")

    def run(self, source, hits: Sequence) -> Iterator[Match]:
        return self._run(source.text, source)

    def _stop_before_lowercase(self, text: str, source) -> Iterator[Match]:
        for m in _STOP_LOWER.finditer(text):
            left = _left_word(text, m.start())
            if left is None or _is_abbreviation(text, left, m.start()):
                continue
            word = m.group(2)
            if any(c.isupper() for c in word[1:]):  # iPhone, eBay
                continue
            if _lower_case_name(word, source):  # bpost, a brand styled in lower case
                continue
            if _lower_case_quotation(source, left, m.end()):  # “all done. dont say”
                continue
            yield Match(left, m.end())

    def _missing_space(self, text: str, source) -> Iterator[Match]:
        for m in _MISSING_SPACE.finditer(text):
            left, quote, right = m.groups()
            if not any(c.islower() for c in left):
                continue
            start = m.start()
            if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "./@_-"):
                continue
            token_end = m.end()
            while token_end < len(text) and not text[token_end].isspace():
                token_end += 1
            token_start = start
            while token_start > 0 and not text[token_start - 1].isspace():
                token_start -= 1
            if _URLISH.search(text[token_start:token_end]):
                continue
            yield Match(start, m.end(), (f"{left}. {quote}{right}",))

    def _stop_comma(self, text: str, source) -> Iterator[Match]:
        for m in _STOP_COMMA.finditer(text):
            left = _left_word(text, m.start())
            if left is None or _is_abbreviation(text, left, m.start()):
                continue
            word = text[left : m.start()]
            yield Match(left, m.end(), (f"{word},{m.group(1)}{m.group(2)}",))
        for m in _COMMA_STOP.finditer(text):
            left = _left_word(text, m.start())
            if left is None:
                continue
            word = text[left : m.start()]
            yield Match(left, m.end(), (f"{word}.{m.group(1)}{m.group(2)}",))

    def _doubled_stop(self, text: str, source) -> Iterator[Match]:
        for m in _DOUBLED.finditer(text):
            if m.start() > 0 and text[m.start() - 1] == ".":
                continue  # the end of an ellipsis
            left = _left_word(text, m.start())
            if left is None:
                continue
            if m.group(1) == "." and _is_abbreviation(text, left, m.start()) and m.end() - m.start() == 2:
                continue  # "U.S.." is a typo, but "Inc.." is rare; keep quiet on abbreviations
            yield Match(left, m.end(), (text[left : m.start()] + m.group(1),))

    def _unclosed_quote(self, text: str, source) -> Iterator[Match]:
        paragraphs = source.paragraphs
        for i, para in enumerate(paragraphs):
            opening = _unclosed(text, para.start, para.end)
            if opening is None:
                continue
            if i + 1 < len(paragraphs) and _continues_quote(text, paragraphs[i + 1]):
                continue
            if text[opening + 1 : opening + 2] in (" ", "\t"):
                continue  # "“ He said": the mark on the wrong side of its space (quote-spacing)
            end = opening + 1
            while end < para.end and not text[end].isspace():
                end += 1
            yield Match(opening, end)

    def _unopened_quote(self, text: str, source) -> Iterator[Match]:
        paragraphs = source.paragraphs
        left_open = False
        for para in paragraphs:
            opening, strays = _scan(text, para.start, para.end)
            for i, mark in enumerate(strays):
                if i == 0 and left_open and not _has_opening_before(text, para.start, mark):
                    continue  # the quotation of the paragraph before runs on and ends here
                left = _left_word(text, mark)
                yield Match(mark if left is None else left, mark + 1)
            left_open = opening is not None


def _has_opening_before(text: str, start: int, mark: int) -> bool:
    return any(text[i] in "“\"" for i in range(start, mark))


_DOUBLE_QUOTES = "“”\""
_AFTER_CLOSE = ".,;:!?)]}’'-–—…"


def _closing_position(text: str, i: int, end: int) -> bool:
    """A mark glued to the word before it and followed by a space, punctuation or the end:
    "win“ he" is a closing mark typed with the wrong glyph."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < end else " "
    return not before.isspace() and (after.isspace() or after in _AFTER_CLOSE or after in _DOUBLE_QUOTES)


def _unclosed(text: str, start: int, end: int) -> int | None:
    """Offset of an opening double quotation mark left open at the paragraph's end, if any."""
    return _scan(text, start, end)[0]


def _scan(text: str, start: int, end: int) -> tuple[int | None, list[int]]:
    """The opening double mark left open at the paragraph's end (or None), and the closing
    marks that close nothing.

    A closing mark straight after another closing mark is a doubled mark, not a second
    stray, and a low opening mark („) is closed by a high one (“), as in German.

    Clean copy mixes glyphs, so a mark is read by its glyph and by where it stands: a
    straight mark or a reversed one (“) glued to the word before it closes an open quotation,
    and a straight mark after a digit with nothing open is an inch or seconds sign (42", 5'11").
    """
    open_at: int | None = None
    strays: list[int] = []
    for i in range(start, end):
        ch = text[i]
        if ch == "”":
            doubled = i > start and text[i - 1] in "”\""  # "ready.””": doubled-quote-mark
            if open_at is None and not doubled and not (i > start and text[i - 1].isdigit()):
                strays.append(i)
            open_at = None
        elif ch == "„":
            open_at = i  # German and Polish open low ("„Ja“"): foreign-quotes reports the pair
        elif ch == "“":
            if open_at is not None and text[open_at] == "„":
                open_at = None  # the high mark closes a low opening one
            elif open_at is None:
                open_at = i
            elif _closing_position(text, i, end):
                open_at = None
        elif ch == '"':
            if open_at is not None:
                open_at = None
            elif i > start and text[i - 1].isdigit():
                continue
            elif _closing_position(text, i, end):
                strays.append(i)
            else:
                open_at = i
    return open_at, strays


def _continues_quote(text: str, para) -> bool:
    """The next paragraph carries the quotation on: it opens with a quotation mark (news
    style for a quote running over paragraphs), or its first mark closes one (a hard-wrapped
    line split inside the quote)."""
    head = text[para.start : para.end].lstrip(" \t-–—•")
    if head[:1] in "“\"«":
        return True
    for i in range(para.start, para.end):
        if text[i] == "”":
            return True
        if text[i] in "“\"":
            return _closing_position(text, i, para.end)
    return False


def _lower_case_name(word: str, source) -> bool:
    """A name its owner writes in lower case ("bpost"): no common English word (Zipf below
    2), and never written with a capital in the document (a lost capital shows as "Bpost"
    somewhere else). The words a dropped link leaves after a full stop are common ones."""
    from qa.lexicon import zipf

    if zipf(word) >= 2.0:
        return False
    capital = word[:1].upper() + word[1:]
    tokens = source.tokens
    return not any(t == capital for t in tokens.texts)


def _lower_case_quotation(source, start: int, end: int) -> bool:
    """The span lies in a quotation whose writer starts no sentence with a capital (“all
    done. dont say anything to K yet”): a text message or a post quoted verbatim keeps its
    writer's case. A quotation that starts its sentences with capitals is checked."""
    from bisect import bisect_right

    quotes = source.quotes
    i = bisect_right([q.start for q in quotes], start) - 1
    if i < 0 or not quotes[i].contains(start, end):
        return False
    body = source.text[quotes[i].start : quotes[i].end]
    starts = [m.group(1) for m in _SENTENCE_LETTER.finditer(body)]
    return bool(starts) and not any(c.isupper() for c in starts)


def _left_word(text: str, mark: int) -> int | None:
    """Start of the word before ``mark`` (opening quotes and brackets left out)."""
    m = _LEFT.search(text, max(0, mark - 60), mark)
    if not m:
        return None
    start = m.start(1)
    while start < mark and text[start] in _OPEN_TRIM:
        start += 1
    return start if start < mark else None


def _is_abbreviation(text: str, left: int, mark: int) -> bool:
    """An abbreviation, initial, number, ellipsis, URL or address before the full stop."""
    token = text[left:mark].rstrip(_CLOSE_TRIM)
    if not token or token.endswith(".") or token[-1].isdigit():
        return True
    if "." in token or "@" in token or "/" in token:
        return True  # U.S, a.m, e.g, example.com, a path
    bare = token.lower()
    return (len(bare) == 1 and bare.isalpha()) or bare in ABBREVIATIONS
