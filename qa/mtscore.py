"""A document-level "likely machine-translated" score from the findings of one file.

Each finding adds a weight (its category's, times its severity's) and the sum is taken per
1,000 words (short documents count as ``MIN_WORDS`` long, so one finding in a headline does
not decide). The density maps to 0..1 with ``1 - exp(-density / SCALE)``; the verdict is
``likely`` from ``LIKELY``, ``possible`` from ``POSSIBLE``, else ``unlikely``.

The weights favour what translation leaves (mistranslated words, garbled order, wrong
official names, foreign tokens) over what scraping leaves (residue, credits), which damages
a text without making it translated. SCALE and the two cut-offs were calibrated on the
shared dev corpus (22 damaged, 9 clean documents) with scripts/calibrate_mtscore.py; the
figures are in docs/notes/detection-2.md.
"""

from __future__ import annotations

import math
from typing import Any, Iterable

from qa.finding import Finding, Severity

CATEGORY_WEIGHTS = {
    "mistranslated_word": 1.0,
    "garbled_word_order": 1.2,
    "entity_name_error": 0.8,
    "foreign_token_leak": 1.0,
    "untranslated_fragment": 1.2,
    "inconsistency": 0.5,
    "duplicate_passage": 0.4,
    "cms_residue": 0.4,
    "credit_or_caption_leak": 0.3,
    "other": 0.5,
    "grammar": 0.2,
    "readability": 0.05,  # hard prose is not a sign of translation
}
DEFAULT_WEIGHT = 0.2  # categories of other providers (spelling, style, readability)
SEVERITY_WEIGHTS = {Severity.ERROR: 1.0, Severity.WARNING: 1.0, Severity.INFO: 0.2}
MIN_WORDS = 200
SCALE = 4.0
LIKELY = 0.6
POSSIBLE = 0.3


def density(findings: Iterable[Finding], words: int) -> float:
    total = sum(CATEGORY_WEIGHTS.get(f.category, DEFAULT_WEIGHT) * SEVERITY_WEIGHTS[f.severity] for f in findings)
    return 1000.0 * total / max(words, MIN_WORDS)


def score(findings: Iterable[Finding], words: int) -> tuple[float, str, float]:
    """(score in 0..1, verdict, weighted findings per 1,000 words)."""
    d = density(findings, words)
    s = 1.0 - math.exp(-d / SCALE)
    return s, verdict(s), d


def verdict(s: float) -> str:
    return "likely" if s >= LIKELY else "possible" if s >= POSSIBLE else "unlikely"


def annotate(source, report) -> None:
    """Annotator (qa.app.annotators): put ``mt`` into the FileReport's extras."""
    s, v, d = score(report.findings, report.words or source.words)
    report.extras["mt"] = {"score": round(s, 3), "verdict": v, "density": round(d, 2)}


def summary_line(mt: dict[str, Any]) -> str:
    return f"mt score {mt['score']:.2f}: {mt['verdict']} machine-translated ({mt['density']:.1f} weighted findings per 1,000 words)"


def over(report, threshold: float) -> bool:
    """True when any file's score reaches ``threshold`` (``--fail-on-score``)."""
    return any(f.extras.get("mt", {}).get("score", 0.0) >= threshold for f in report.files)
