"""Document statistics of the statistical layer, for the learned document score.

``document_stats(source)`` returns a flat mapping of floats; its keys are stable (the score
model is fitted on them): add keys, never rename or change the meaning of one.

- ``lm_words``: words the model scored (known words inside runs, see :mod:`qa.lm.runs`);
- ``lm_oov_rate``: share of run words the model does not know (names, foreign words, typos);
- ``lm_mean_logp``: mean log10 P(word | two before) over the scored words;
- ``lm_mean_unigram``: mean log10 P(word) of the scored words (how common the vocabulary is:
  machine translation prefers common words);
- ``lm_mean_bigram``: mean log10 P(word | the word before), over words whose predecessor in
  the run is known;
- ``lm_mean_lift``: mean of log10 P(word | two before) - log10 P(word) (how much context
  helps);
- ``lm_low_fit_rate``: share of scored words with log10 P below -5;
- ``lm_unseen_bigram_rate``: share of adjacent known word pairs the model never saw;
- ``contrast_rate`` / ``contrast_strong_rate``: words per 100 scored words with a related
  alternative that fits much better (gain >= 2 and association >= 1.5; gain >= 3 and
  association >= 2.5: the LM002 and LM001 evidence levels);
- ``contrast_max_gain`` and ``contrast_mean_gain``: the largest and the mean gain of the
  document's alternatives (0 when it has none).
"""

from __future__ import annotations

from qa.lm.contrast import document_alternatives
from qa.lm.model import BOS, EOS, load_model
from qa.lm.runs import document_runs

KEYS = (
    "lm_words", "lm_oov_rate", "lm_mean_logp", "lm_low_fit_rate", "lm_unseen_bigram_rate",
    "contrast_rate", "contrast_strong_rate", "contrast_max_gain", "contrast_mean_gain",
    "lm_mean_unigram", "lm_mean_bigram", "lm_mean_lift",
)
LOW_FIT = -5.0


def document_stats(source) -> dict[str, float]:
    """Language-model and contrast statistics of one document, computed once per Source."""
    return dict(source.memo("_lm_stats", lambda: _compute(source)))


def _compute(source) -> dict[str, float]:
    lm = load_model()
    total = known = low = 0
    logp = uni = lift = big = 0.0
    pairs = unseen = bigrams = 0
    for run in document_runs(source):
        words = run.words
        prev = None  # the previous word when the model knows it
        prev2 = None
        for w in words:
            if w == BOS:
                prev, prev2 = w, None
                continue
            if w == EOS:
                break
            total += 1
            u = lm.unigram(w)
            if u is None:
                prev = prev2 = None
                continue
            known += 1
            uni += u
            if prev is None:
                p = u
            else:
                b = lm.bigram(prev, w)
                if prev != BOS:
                    big += b
                    bigrams += 1
                    pairs += 1
                    unseen += not lm.seen(prev, w)
                p = b if prev2 is None else lm.logp(w, (prev, prev2))
            logp += p
            lift += p - u
            low += p < LOW_FIT
            prev, prev2 = w, prev
    alts = document_alternatives(source)
    per100 = 100.0 / max(known, 1)
    gains = [a.gain for a in alts]
    return {
        "lm_words": float(known),
        "lm_oov_rate": (total - known) / max(total, 1),
        "lm_mean_logp": logp / max(known, 1),
        "lm_low_fit_rate": low / max(known, 1),
        "lm_unseen_bigram_rate": unseen / max(pairs, 1),
        "contrast_rate": per100 * sum(a.gain >= 2.0 and a.association >= 1.5 for a in alts),
        "contrast_strong_rate": per100 * sum(a.gain >= 3.0 and a.association >= 2.5 for a in alts),
        "contrast_max_gain": max(gains, default=0.0),
        "contrast_mean_gain": sum(gains) / len(gains) if gains else 0.0,
        "lm_mean_unigram": uni / max(known, 1),
        "lm_mean_bigram": big / max(bigrams, 1),
        "lm_mean_lift": lift / max(known, 1),
    }
