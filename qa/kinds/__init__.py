"""The rule kinds: a pack entry names one of these; code exists only per kind."""

from __future__ import annotations

from typing import Mapping

from qa.kinds.base import Check
from qa.kinds.boundary import Boundary
from qa.kinds.case import Case
from qa.kinds.consistency import Consistency
from qa.kinds.context import Context
from qa.kinds.contrast import Contrast
from qa.kinds.duplicate import Duplicate
from qa.kinds.existence import Existence
from qa.kinds.foreign import Foreign
from qa.kinds.fused import Fused
from qa.kinds.gazetteer import Gazetteer
from qa.kinds.language import Language
from qa.kinds.metric import Metric
from qa.kinds.mojibake import Mojibake
from qa.kinds.numbers import Numbers
from qa.kinds.order import Order
from qa.kinds.pairs import Pairs
from qa.kinds.pattern import Pattern
from qa.kinds.punctuation import Punctuation
from qa.kinds.stray_title import StrayTitle
from qa.kinds.substitution import Substitution
from qa.kinds.word_order import WordOrder

# An immutable table of the built-in kinds (not a registry that imports fill in).
KINDS: Mapping[str, type[Check]] = {
    "existence": Existence,
    "substitution": Substitution,
    "pattern": Pattern,
    "context": Context,
    "gazetteer": Gazetteer,
    "word_order": WordOrder,
    "duplicate": Duplicate,
    "punctuation": Punctuation,
    "stray_title": StrayTitle,
    "fused": Fused,
    "mojibake": Mojibake,
    "consistency": Consistency,
    "foreign": Foreign,
    "language": Language,
    "metric": Metric,
    "numbers": Numbers,
    "case": Case,
    "contrast": Contrast,
    "boundary": Boundary,
    "pairs": Pairs,
    "order": Order,
}
