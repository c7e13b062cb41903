"""English word frequencies, read lazily from the data files wordfreq ships.

``wordfreq`` itself is not imported: its package import (langcodes, regex, tokenisers) costs
about 0.3 s, while reading its ``large_en`` table directly (gzip + msgpack, the format wordfreq
documents as "cBpack") costs about 0.07 s. The table is loaded once per process, the first time
a rule asks for it, so runs without the rules that need it pay nothing.

A cBpack file is a list: a header, then buckets of words; bucket ``i`` holds the words whose
frequency is about 10^(-i/100), i.e. Zipf value 9 - i/100.
"""

from __future__ import annotations

import gzip
import importlib.util
from functools import lru_cache
from pathlib import Path


class LexiconUnavailable(RuntimeError):
    """wordfreq (its data files) is not installed."""


def _data_dir() -> Path:
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        raise LexiconUnavailable("the 'wordfreq' package is not installed")
    return Path(list(spec.submodule_search_locations)[0]) / "data"


@lru_cache(maxsize=None)
def zipf_table(lang: str = "en", size: str = "large") -> dict[str, float]:
    """Lower-case word -> Zipf frequency (7.7 for 'the', 3 for a word seen once per 1M words)."""
    import msgpack

    path = _data_dir() / f"{size}_{lang}.msgpack.gz"
    if not path.exists():
        raise LexiconUnavailable(f"wordfreq has no '{size}' word list for '{lang}'")
    with gzip.open(path, "rb") as f:
        packed = msgpack.load(f, raw=False, strict_map_key=False)
    table: dict[str, float] = {}
    for index, bucket in enumerate(packed[1:]):
        zipf = round(9 - index / 100, 2)
        for word in bucket:
            table.setdefault(word, zipf)
    return table


def zipf(word: str, lang: str = "en") -> float:
    """Zipf frequency of a word (0 when unknown); apostrophes normalised to ASCII."""
    return zipf_table(lang).get(word.lower().replace("’", "'"), 0.0)


def is_word(word: str, lang: str = "en", floor: float = 0.0) -> bool:
    return zipf(word, lang) > floor
