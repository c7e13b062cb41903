"""Word classes for the word-order checks, from a small generated lexicon.

``qa/data/bare-verbs.txt`` lists words English uses only as verbs, in their base form
("manage", "reopen", "discuss"). It is generated from lemminflect's lexicon by
scripts/build_lexicon.py, so the run-time tool needs neither lemminflect (0.27 s to load its
tables) nor any model: the file loads in about 2 ms, and only when a rule asks for it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Sequence

DATA = Path(__file__).resolve().parent / "data"

#: Token classes a word_order rule may name with "@".
CLASSES = ("bare-verb", "cap", "word")

_TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@lru_cache(maxsize=None)
def lexicon(name: str) -> frozenset[str]:
    path = DATA / f"{name}.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w for w in lines if w and not w.startswith("#"))


def is_class(word: str, cls: str) -> bool:
    if cls == "word":
        return True
    if cls == "cap":
        return word[:1].isupper()
    if cls == "bare-verb":
        return word.islower() and word in lexicon("bare-verbs")
    raise ValueError(cls)


def tokens(source) -> Sequence[tuple[int, int]]:
    """Word spans of a Source, computed once per document and shared by all rules."""
    cache = source.__dict__.setdefault("_pos_cache", {})
    if "tokens" not in cache:
        cache["tokens"] = [(m.start(), m.end()) for m in _TOKEN.finditer(source.text)]
    return cache["tokens"]


def lower_words(source) -> Sequence[str]:
    """The lower-cased text of each token of :func:`tokens`, computed once per document."""
    cache = source.__dict__.setdefault("_pos_cache", {})
    if "lower" not in cache:
        low = source.lower
        cache["lower"] = [low[s:e] for s, e in tokens(source)]
    return cache["lower"]


def positions(source) -> dict[str, list[int]]:
    """Lower-cased word -> the indices of :func:`tokens` where it stands, once per document
    (a rule whose first word is a literal looks only there, not at every token)."""
    cache = source.__dict__.setdefault("_pos_cache", {})
    if "positions" not in cache:
        index: dict[str, list[int]] = {}
        for i, w in enumerate(lower_words(source)):
            index.setdefault(w, []).append(i)
        cache["positions"] = index
    return cache["positions"]
