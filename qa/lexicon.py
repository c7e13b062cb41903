"""English word frequencies, read lazily from the data files wordfreq ships.

``wordfreq`` itself is not imported: its package import (langcodes, regex, tokenisers) costs
about 0.3 s, while reading its ``large_en`` table directly (gzip + msgpack, the format wordfreq
documents as "cBpack") is much cheaper. A cBpack file is a list: a header, then buckets of
words; bucket ``i`` holds the words whose frequency is about 10^(-i/100), i.e. Zipf value
9 - i/100.

Only the words down to Zipf 2.0 (about 95,000) are unpacked into a dict, the first time a
rule asks (measured: 0.05 s of CPU). The 226,000 rarer words are not unpacked: ``known()``
looks a word up in the still-packed bytes, which costs a millisecond and is asked only for
the few tokens a rule is about to report.
"""

from __future__ import annotations

import gzip
import importlib.util
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

#: Words rarer than this are not unpacked (see ``known``).
FLOOR = 2.0


class LexiconUnavailable(RuntimeError):
    """wordfreq (its data files) is not installed."""


def _data_dir() -> Path:
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        raise LexiconUnavailable("the 'wordfreq' package is not installed")
    return Path(list(spec.submodule_search_locations)[0]) / "data"


@dataclass(frozen=True)
class _Lexicon:
    table: dict[str, float]
    packed_rest: bytes  # the msgpack bytes of the buckets below FLOOR


@lru_cache(maxsize=None)
def _load(lang: str) -> _Lexicon:
    from qa import tables

    path = _data_dir() / f"large_{lang}.msgpack.gz"
    if not path.exists():
        raise LexiconUnavailable(f"wordfreq has no word list for '{lang}'")
    table, rest = tables.load(f"wordfreq-{lang}", [path], lambda: _read(path))  # see qa.tables
    return _Lexicon(table, rest)


def _read(path: Path) -> tuple[dict[str, float], bytes]:
    import msgpack

    with gzip.open(path, "rb") as f:
        raw = f.read()
    unpacker = msgpack.Unpacker(raw=False, strict_map_key=False)
    unpacker.feed(raw)
    count = unpacker.read_array_header()
    unpacker.unpack()  # the header
    keep = min(count - 1, round((9 - FLOOR) * 100))
    buckets = [unpacker.unpack() for _ in range(keep)]
    table: dict[str, float] = {}
    # Rarest bucket first, so that a word listed twice keeps its higher frequency;
    # dict.fromkeys keeps the loop in C.
    for index in range(len(buckets) - 1, -1, -1):
        table.update(dict.fromkeys(buckets[index], round(9 - index / 100, 2)))
    return table, raw[unpacker.tell() :]


def zipf_table(lang: str = "en") -> dict[str, float]:
    """Lower-case word -> Zipf frequency (7.7 for 'the'; words rarer than FLOOR are absent)."""
    return _load(lang).table


def zipf(word: str, lang: str = "en") -> float:
    """Zipf frequency of a word (0 when below FLOOR or unknown); apostrophes normalised."""
    return zipf_table(lang).get(_norm(word), 0.0)


def known(word: str, lang: str = "en") -> bool:
    """Whether the word list holds the word at all, however rare."""
    lexicon = _load(lang)
    w = _norm(word)
    if w in lexicon.table:
        return True
    data = w.encode("utf-8")
    if len(data) < 32:
        needle = bytes([0xA0 | len(data)]) + data
    elif len(data) < 256:
        needle = b"\xd9" + bytes([len(data)]) + data
    else:
        return False
    rest = lexicon.packed_rest
    at = rest.find(needle)
    while at != -1:
        after = at + len(needle)
        # The next byte must start another string or bucket (or end the data).
        if after == len(rest) or rest[after] >= 0xA0 and rest[after] <= 0xBF or rest[after] in (0xD9, 0xDA, 0xDC, 0xDD) or 0x90 <= rest[after] <= 0x9F:
            return True
        at = rest.find(needle, at + 1)
    return False


def _norm(word: str) -> str:
    return word.lower().replace("’", "'")
