"""Readability from one counting pass: the counts textstat 0.7.13 takes, then its formulas.

textstat computes each formula on its own: every one re-splits the text, re-counts syllables
word by word and builds the difficult-word list again (a third of a whole check's time). Here
the text is split once, each distinct word is looked up once (syllables from the CMU counts
or Pyphen, membership of the Dale-Chall easy words), and the eleven numbers of the
readability block are the textstat formulas applied to those counts, in the same order of
operations, so they are the same floats. tests/test_readability.py holds them to textstat's
own values on the fixtures and the corpus; textstat stays the reference (pinned).

The word split is textstat's: drop apostrophes that do not start an English contraction
ending, then every character that is neither a word character, a space nor an apostrophe,
then split on white space.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_NONCONTRACTION = re.compile(r"\'(?![tsd]|ve|ll|re)")
_PUNCTUATION = re.compile(r"[^\w\s\']")
_SPACE = re.compile(r"\s")
_NON_WORD = re.compile(r"\W")
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")

#: textstat's English settings (textstat.backend.utils.constants, set_lang("en_US")).
FOG_SYLLABLES = 3
MS_PER_CHAR = 14.69


@dataclass(frozen=True)
class Counts:
    words: int  # textstat's words (punctuation removed)
    sentences: int  # pieces ending in . ! ? with more than two words (at least 1)
    syllables: int
    polysyllables: int  # words of three syllables or more
    difficult: int  # not an easy word and at least FOG_SYLLABLES syllables (Gunning fog)
    hard: int  # not an easy word (Dale-Chall)
    letters: int  # word characters
    chars: int  # characters that are not white space
    pieces: int  # white-space separated pieces, punctuation included


def words_of(text: str) -> list[str]:
    return _PUNCTUATION.sub("", _NONCONTRACTION.sub("", text)).split()


def count(text: str) -> Counts:
    words = words_of(text)
    syllables = poly = difficult = hard = 0
    info = _WORDS
    for word in words:
        low = word.lower()
        known = info.get(low)
        if known is None:
            known = info[low] = _word(low)
        syl, easy = known
        syllables += syl
        if syl >= 3:
            poly += 1
        if not easy:
            hard += 1
            if syl >= FOG_SYLLABLES:
                difficult += 1
    if len(info) > 500_000:  # an archive's vocabulary: start again rather than grow forever
        info.clear()
    return Counts(
        words=len(words),
        sentences=_sentences(text),
        syllables=syllables,
        polysyllables=poly,
        difficult=difficult,
        hard=hard,
        letters=len(_NON_WORD.sub("", text)),
        chars=len(_SPACE.sub("", text)),
        pieces=len(text.split()),
    )


def _sentences(text: str) -> int:
    if not text:
        return 0
    pieces = _SENTENCE.findall(text)
    short = sum(1 for p in pieces if len(words_of(p)) <= 2)
    return max(1, len(pieces) - short)


_WORDS: dict[str, tuple[int, bool]] = {}


def _word(low: str) -> tuple[int, bool]:
    """(syllables, easy) of a lower-case word, as textstat counts them."""
    from qa.adapters.readability import _syllables

    try:
        syl = dict.__getitem__(_syllables(), low)
    except KeyError:
        syl = len(_pyphen().positions(low)) + 1
    return syl, low in _easy_words()


@lru_cache(maxsize=1)
def _pyphen():
    """textstat's hyphenator; its parsed patterns come from qa.tables (0.1 s -> 0.01 s)."""
    import pyphen

    from qa import tables

    path = pyphen.LANGUAGES[pyphen.language_fallback("en_US")]
    if path not in pyphen.hdcache:
        patterns = tables.load("pyphen-en_US", [Path(path), Path(pyphen.__file__)], lambda: pyphen.HyphDict(Path(path)).patterns)
        hd = pyphen.HyphDict.__new__(pyphen.HyphDict)
        hd.patterns, hd.cache, hd.maxlen = patterns, {}, max(len(key) for key in patterns)
        pyphen.hdcache[path] = hd
    return pyphen.Pyphen(lang="en_US")


@lru_cache(maxsize=1)
def _easy_words() -> frozenset[str]:
    """textstat's Dale-Chall easy words, read from its package without importing it."""
    from importlib.util import find_spec
    from pathlib import Path

    spec = find_spec("textstat")
    assert spec is not None and spec.submodule_search_locations
    path = Path(list(spec.submodule_search_locations)[0]) / "resources" / "en" / "easy_words.txt"
    with open(path, encoding="utf-8") as f:
        return frozenset(line.strip() for line in f)


def scores(c: Counts) -> dict[str, float]:
    """The readability block's formulas (textstat's, in its order of operations)."""
    wps = c.words / c.sentences if c.sentences else 0.0
    spw = c.syllables / c.words if c.words else 0.0
    plain = wps != 0 and spw != 0
    letters = (c.letters / c.words if c.words else 0.0) * 100
    per_word = (c.sentences / c.words if c.words else 0.0) * 100
    cpw = c.chars / c.pieces if c.pieces else 0.0
    hard = 100 * c.hard / c.words if c.words else None
    dale = 0.0
    if hard is not None:
        dale = (0.1579 * hard) + (0.0496 * wps)
        if hard > 5:
            dale += 3.6365
    return {
        "flesch_reading_ease": 206.835 - 1.015 * wps - 84.6 * spw if plain else 0.0,
        "flesch_kincaid_grade": (0.39 * wps) + (11.8 * spw) - 15.59 if plain else 0.0,
        "gunning_fog": 0.4 * (wps + 100 * c.difficult / c.words) if c.words else 0.0,
        "smog_index": (1.043 * (30 * (c.polysyllables / c.sentences)) ** 0.5) + 3.1291 if c.sentences else 0.0,
        "coleman_liau_index": (0.058 * letters) - (0.296 * per_word) - 15.8 if letters and per_word else 0.0,
        "automated_readability_index": (4.71 * cpw) + (0.5 * wps) - 21.43 if cpw and wps else 0.0,
        "dale_chall_readability_score": dale,
        "words": c.words,
        "sentences": c.sentences,
        "avg_sentence_length": wps,
        "reading_time_seconds": MS_PER_CHAR * c.chars / 1000,
    }
