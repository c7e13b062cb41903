"""The document scores of one file: likely machine-translated (``mt``) and damaged by scraping.

Each is a probability in 0..1 from a small logistic model (qa/docscore/): the ``mt`` model
reads language damage (mistranslated words, garbled order, names, foreign tokens) and the
style of the text (lexical variety, word frequency, sentence length, commas, lower-case
sentence starts, and the language-model statistics when ``qa.lm`` provides them); the
``scraping`` model reads page residue, credits, repeated passages, punctuation and fused-word
damage. Residue never makes a text "likely machine-translated". The verdict is ``likely``
from ``LIKELY``, ``possible`` from ``POSSIBLE``, else ``unlikely``.

A text shorter than ``MIN_WORDS`` words gets no score (``score`` is null, verdict
``unscored``) unless one of its findings is an error: a headline with one slip says little.
The models were fitted by scripts/calibrate_mtscore.py; README shows their held-out figures.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterable

from qa.finding import Finding, Severity

MIN_WORDS = 80
LIKELY = 0.6
POSSIBLE = 0.3
EVIDENCE = 3  # at most this many reasons listed per signal
UNSCORED = "unscored"


@lru_cache(maxsize=1)
def _models():
    from qa.docscore.model import PARAMS, load
    from qa.errors import QaError

    try:
        return load(PARAMS)
    except (OSError, ValueError, KeyError) as exc:
        raise QaError(f"{PARAMS}: cannot read the document-score models ({exc}); reinstall qa or run scripts/calibrate_mtscore.py") from None


def verdict(s: float | None) -> str:
    if s is None:
        return UNSCORED
    return "likely" if s >= LIKELY else "possible" if s >= POSSIBLE else "unlikely"


def scored(findings: Iterable[Finding], words: int) -> bool:
    """A document is scored from ``MIN_WORDS`` words, or at any length with an error."""
    return words >= MIN_WORDS or any(f.severity is Severity.ERROR for f in findings)


def scores(source, findings: list[Finding]) -> dict[str, dict[str, Any]]:
    """``{"mt": {...}, "scraping": {...}}``: score, verdict and the strongest evidence."""
    from qa.docscore.features import extract
    from qa.docscore.signals import readable

    models = _models()
    if not scored(findings, source.words):
        reason = f"fewer than {MIN_WORDS} words"
        return {name: {"score": None, "verdict": UNSCORED, "reason": reason} for name in models}
    x = extract(source, findings, lm=any(f.startswith("lm.") for m in models.values() for f in m.features))
    out: dict[str, dict[str, Any]] = {}
    for name, model in models.items():
        p = model.predict(x)
        pushes = sorted(((c, f) for f, c in model.contributions(x).items() if c >= 0.5), reverse=True)
        v = verdict(p)
        evidence = [readable(f) for _, f in pushes[:EVIDENCE]] if v != "unlikely" else []
        out[name] = {"score": round(p, 3), "verdict": v, "evidence": evidence}
    return out


def annotate(source, report) -> None:
    """Annotator (qa.app.annotators): put ``mt`` and ``scraping`` into the FileReport's extras."""
    report.extras.update(scores(source, report.findings))


MEANING = {"mt": "machine-translated", "scraping": "damaged by scraping"}
#: A verdict (data: likely / possible / unlikely) as the adverb people read before MEANING.
SAYING = {"likely": "likely", "possible": "possibly", "unlikely": "probably not"}


def summary_line(signal: dict[str, Any], name: str = "mt") -> str:
    meaning = MEANING.get(name, name)
    if signal.get("score") is None:
        return f"{name} score: not scored ({signal.get('reason', 'too short')})"
    line = f"{name} score {signal['score']:.2f}: {SAYING.get(signal['verdict'], signal['verdict'])} {meaning}"
    evidence = signal.get("evidence")
    return line + f" ({', '.join(evidence)})" if evidence else line


def over(report, threshold: float) -> bool:
    """True when any file's MT score reaches ``threshold`` (``--fail-on-score``)."""
    return any((f.extras.get("mt", {}).get("score") or 0.0) >= threshold for f in report.files)
