"""The two document signals: likely machine-translated (``mt``) and damaged by scraping.

Each signal is a logistic model over its own features and is fitted to its own label from an
annotated corpus. The ``mt`` model never reads scraping damage (residue, credits, repeated
passages, punctuation and fused-word damage), so a text that was only scraped cannot become
"likely machine-translated"; the ``scraping`` model never reads language damage.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

#: Annotation categories that make a corpus document machine-translated (or spun).
LANGUAGE = frozenset(
    {"mistranslated_word", "garbled_word_order", "entity_name_error", "foreign_token_leak", "untranslated_fragment", "inconsistency"}
)
#: Annotation categories of scraping damage (``other`` counts only in documents without LANGUAGE).
SCRAPING = frozenset({"cms_residue", "credit_or_caption_leak", "duplicate_passage"})
#: The language-model statistics ``mt`` reads: contrast (a related word fits much better),
#: fit (mean log-probability, words that fit badly, word pairs never seen). Chosen before
#: fitting from what issue 10 measured; the other keys of document_stats restate these
#: (means of unigrams, bigrams, lift; the strong-contrast rate; the mean gain) or count names
#: (unknown words), and with 51 documents every extra column costs more than it brings.
LM_STATS = ("lm.contrast_rate", "lm.contrast_max_gain", "lm.lm_mean_logp", "lm.lm_low_fit_rate", "lm.lm_unseen_bigram_rate")
#: Features that count rather than measure (they grow with the document): never fitted on.
COUNTS = frozenset({"lm.lm_words"})


@dataclass(frozen=True)
class Signal:
    name: str  # the report key
    meaning: str  # "likely <meaning>"
    features: tuple[str, ...]  # feature names; a name ending in "." takes every feature with that prefix

    def columns(self, available: Iterable[str]) -> tuple[str, ...]:
        names = sorted(set(available) - COUNTS)
        out: list[str] = []
        for f in self.features:
            out.extend(n for n in names if n.startswith(f)) if f.endswith(".") else out.append(f)
        return tuple(dict.fromkeys(out))

    def damage(self, feature: str) -> bool:
        """Features that measure damage (findings, spacing before punctuation, mixed quotes),
        whose weight may not be negative; style and language-model features may go either way."""
        return feature.startswith("find.") or feature in {"text.spaced_punct", "text.mixed_quotes"}

    def label(self, kind: str, categories: Iterable[str]) -> int:
        """1 when an annotated document shows this kind of damage (negatives are 0)."""
        cats = set(categories)
        if kind != "positive":
            return 0
        if self.name == "mt":
            return int(bool(cats & LANGUAGE))
        return int(bool(cats & SCRAPING) or not cats & LANGUAGE)


MT = Signal(
    "mt",
    "machine-translated",
    ("find.word", "find.order", "find.names", "find.foreign", "find.grammar", "text.sentence_words", "text.lower_starts", "text.commas", "text.zipf", "text.variety", *LM_STATS),
)
SCRAPED = Signal("scraping", "damaged by scraping", ("find.residue", "find.credit", "find.duplicate", "find.other", "text.spaced_punct", "text.mixed_quotes"))
SIGNALS: tuple[Signal, ...] = (MT, SCRAPED)

#: Feature name -> what an editor reads in the report's evidence list.
READABLE: Mapping[str, str] = {
    "find.word": "mistranslated words",
    "find.order": "garbled word order",
    "find.names": "wrong or varying names",
    "find.foreign": "foreign tokens",
    "find.grammar": "grammar",
    "find.residue": "page residue",
    "find.credit": "credits or captions",
    "find.duplicate": "repeated passages",
    "find.other": "punctuation or joined words",
    "text.sentence_words": "sentence length",
    "text.lower_starts": "lower-case sentence starts",
    "text.commas": "comma use",
    "text.spaced_punct": "spaces before punctuation",
    "text.mixed_quotes": "mixed quotation marks",
    "text.variety": "little variety of words",
    "text.zipf": "common words",
    "lm.lm_mean_logp": "predictable wording",
    "lm.lm_mean_bigram": "predictable word pairs",
    "lm.lm_mean_unigram": "common words",
    "lm.lm_mean_lift": "word-pair association",
    "lm.lm_low_fit_rate": "words that fit their context badly",
    "lm.lm_unseen_bigram_rate": "word pairs unseen in English",
    "lm.lm_oov_rate": "unknown words",
}


def readable(feature: str) -> str:
    if feature in READABLE:
        return READABLE[feature]
    if feature.startswith("lm.contrast"):
        return "related words that would fit better"
    return feature.split(".", 1)[-1].replace("_", " ")
