"""The features of one document that the document scores read: a flat ``{name: float}``.

Three families, each named by its prefix:

- ``find.*``: counted findings per rule category group, as ``log(1 + per 1,000 words)``
  (warnings and errors count 1, ``info`` a quarter; readability findings not at all);
- ``text.*``: punctuation and quotation style of the text itself (sentence length, space
  before punctuation, mixed quotation marks, lower-case sentence starts, commas);
- ``lm.*``: the language-model statistics of ``qa.lm.document_stats(source)`` when that
  package is present (a model fitted without them simply does not read them; a model fitted
  with them scores a document whose statistics are missing as if they were average).

A model names the features it reads (``qa/docscore/params.json``), so adding a feature here
changes nothing until the model is refitted with ``scripts/calibrate_mtscore.py``.
"""

from __future__ import annotations

import math
from typing import Iterable, Mapping

from qa.finding import Finding, Severity

#: Finding category -> feature group. Language damage and scraping damage stay apart, so the
#: two signals (likely machine-translated, damaged by scraping) can read different groups.
GROUPS: Mapping[str, str] = {
    "mistranslated_word": "find.word",
    "garbled_word_order": "find.order",
    "entity_name_error": "find.names",
    "inconsistency": "find.names",
    "foreign_token_leak": "find.foreign",
    "untranslated_fragment": "find.foreign",
    "grammar": "find.grammar",
    "cms_residue": "find.residue",
    "credit_or_caption_leak": "find.credit",
    "duplicate_passage": "find.duplicate",
    "other": "find.other",
}
SEVERITY_COUNT = {Severity.ERROR: 1.0, Severity.WARNING: 1.0, Severity.INFO: 0.25}
#: Densities of documents shorter than this are taken as if they were this long.
MIN_WORDS = 150

_CLOSERS = frozenset(",.;:!?)")
_STRAIGHT = '"'
_CURLY = "\u201c\u201d\u201e\u00ab\u00bb"


def density(count: float, words: int) -> float:
    return math.log1p(1000.0 * count / max(words, MIN_WORDS))


def finding_features(findings: Iterable[Finding], words: int) -> dict[str, float]:
    counts = dict.fromkeys(sorted(set(GROUPS.values())), 0.0)
    for f in findings:
        group = GROUPS.get(f.category)
        if group is not None:
            counts[group] += SEVERITY_COUNT[f.severity]
    return {name: density(n, words) for name, n in counts.items()}


def text_features(source) -> dict[str, float]:
    """Punctuation and quotation style, from the shared token table."""
    from qa.tokens import CAPITAL, INNER_CAPITAL, PUNCT, SENTENCE_START, WORD

    tokens = source.tokens
    text = source.text
    words = sum(1 for k in tokens.kinds if k == WORD) or 1
    sentences = max(len(source.sentences), 1)
    starts = [i for i, fl in enumerate(tokens.flags) if fl & SENTENCE_START and tokens.kinds[i] == WORD]
    # "eBay", "iPhone", "easyJet" start sentences in edited copy: not lower-case starts.
    lower_starts = sum(1 for i in starts if not tokens.flags[i] & (CAPITAL | INNER_CAPITAL))
    spaced = commas = straight = curly = 0
    for i, kind in enumerate(tokens.kinds):
        if kind != PUNCT:
            continue
        mark = tokens.texts[i]
        start = tokens.starts[i]
        if mark in _CLOSERS and start > 0 and text[start - 1] in " \t":
            spaced += 1
        commas += mark == ","
        straight += mark == _STRAIGHT
        curly += mark in _CURLY
    plain = [z for z, fl, k in zip(tokens.zipf, tokens.flags, tokens.kinds) if k == WORD and not fl & CAPITAL and z > 0]
    lowered = [tokens.norm[i] for i, k in enumerate(tokens.kinds) if k == WORD and not tokens.flags[i] & CAPITAL]
    return {
        "text.zipf": sum(plain) / len(plain) if plain else 0.0,
        "text.variety": _mattr(lowered),
        "text.sentence_words": math.log(words / sentences),
        "text.lower_starts": lower_starts / max(len(starts), 1),
        "text.spaced_punct": density(spaced, words),
        "text.mixed_quotes": min(straight, curly) / max(straight + curly, 1),
        "text.commas": commas / words * 10,
    }


def _mattr(words: list[str], window: int = 50) -> float:
    """Moving-average type/token ratio (independent of the document's length)."""
    if len(words) <= window:
        return len(set(words)) / len(words) if words else 0.0
    counts: dict[str, int] = {}
    for w in words[:window]:
        counts[w] = counts.get(w, 0) + 1
    total = len(counts)
    for old, new in zip(words, words[window:]):
        counts[old] -= 1
        if not counts[old]:
            del counts[old]
        counts[new] = counts.get(new, 0) + 1
        total += len(counts)
    return total / ((len(words) - window + 1) * window)


def lm_features(source) -> dict[str, float]:
    """``qa.lm.document_stats`` with an ``lm.`` prefix, or nothing when the layer is absent."""
    try:
        from qa.lm import document_stats
    except ImportError:
        return {}
    return {f"lm.{k}": float(v) for k, v in document_stats(source).items() if _finite(v)}


def _finite(value) -> bool:
    try:
        return math.isfinite(float(value))
    except (TypeError, ValueError):
        return False


def extract(source, findings: Iterable[Finding], lm: bool = True) -> dict[str, float]:
    """Every feature of one document (``lm=False`` skips the language-model statistics)."""
    words = source.words
    out = finding_features(findings, words)
    out.update(text_features(source))
    if lm:
        out.update(lm_features(source))
    return out
