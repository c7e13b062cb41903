"""Contrast: does a related alternative fit a word's context much better than the word itself?

Raw surprise does not tell damage from clean copy (machine translation picks common words);
contrast does, when the alternative makes a collocation the original breaks. For each word of a
run (see :mod:`qa.lm.runs`) with a known word on each side whose pairing with a neighbour the
model has never seen ("press convention"), every related form (:mod:`qa.lm.related`) that
the model does pair with that neighbour is put in its place, and the model scores the word
and the two that follow it, each given the two before. ``gain`` is how much more probable,
in log10, the best such alternative makes that stretch ("press conference": about 4, i.e.
10,000 times more likely); ``association`` is how strongly the neighbour calls for the
alternative (log10 P(alt | neighbour) / P(alt)).

Nothing here decides what is reported: the ``contrast`` kind applies a rule's thresholds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Sequence

from qa.lm.model import BOS, LanguageModel, load_model
from qa.lm.related import related
from qa.lm.runs import Run, document_runs
from qa.tokens import CAPITAL, SENTENCE_START

#: Alternatives whose pull from the neighbour is weaker than this are not scored at all.
MIN_ASSOCIATION = 1.0


@dataclass(frozen=True)
class Alternative:
    token: int  # token index of the replaced word
    original: str  # the word as the model reads it (lower case)
    suggestion: str  # the related form that fits better (lower case)
    gain: float  # log10 of how much more likely the stretch is with the suggestion
    association: float  # log10 P(suggestion | neighbour) - log10 P(suggestion)
    neighbour: str  # the word whose pairing the original breaks
    after: bool  # True: the neighbour comes before the word ("press" convention)
    inflection: bool = False  # the suggestion is another inflection of the word ("imposes" -> "impose")


def stretch(lm: LanguageModel, words: Sequence[str], lo: int, hi: int) -> tuple[float, int]:
    """Sum of log10 P(words[k] | two before) for k in [lo, hi) until an unknown word; count."""
    total, n = 0.0, 0
    for k in range(lo, min(hi, len(words))):
        w = words[k]
        if w == BOS:
            continue
        hist = words[max(0, k - 2) : k][::-1]
        p = lm.logp(w, hist)
        if p is None:
            break
        total += p
        n += 1
    return total, n


def word_alternatives(lm: LanguageModel, run: Run, flags: Sequence[int]) -> Iterator[Alternative]:
    words = list(run.words)
    for j in range(1, len(words) - 1):
        ti = run.tokens[j]
        if ti < 0:
            continue
        w, left, right = words[j], words[j - 1], words[j + 1]
        if flags[ti] & CAPITAL and not flags[ti] & SENTENCE_START:
            continue
        cands = related(w)  # empty for words the table does not know, so check it first
        if not cands or not (lm.knows(left) and lm.knows(right)):
            continue
        broken_left = not lm.seen(left, w)
        broken_right = not lm.seen(w, right)
        if not (broken_left or broken_right):
            continue
        base = None
        best: Alternative | None = None
        for c in cands:
            pull, after = -99.0, True
            if broken_left:
                p = lm.pull(left, c)
                if p is not None:
                    pull = p
            if broken_right:
                p = lm.pull(c, right)
                if p is not None and p > pull:
                    pull, after = p, False
            if pull < MIN_ASSOCIATION:
                continue
            if base is None:
                base = stretch(lm, words, j, j + 3)
            words[j] = c
            s, m = stretch(lm, words, j, j + 3)
            words[j] = w
            if m != base[1]:
                continue
            gain = s - base[0]
            if best is None or gain > best.gain:
                best = Alternative(ti, w, c, gain, pull, left if after else right, after, same_word(w, c))
        if best is not None:
            yield best


_ENDINGS = ("", "s", "es", "ed", "d", "ing", "e")


def same_word(a: str, b: str) -> bool:
    """Whether two forms are inflections of one word ("imposes"/"impose", "tries"/"tried")."""
    def stems(w: str) -> set[str]:
        out = {w[: len(w) - len(e)] for e in _ENDINGS if w.endswith(e) and len(w) - len(e) >= 3}
        return out | {x[:-1] + "y" for x in out if x.endswith("i")}

    return bool(stems(a) & stems(b))


def document_alternatives(source) -> list[Alternative]:
    """Every scored alternative of the document, computed once per Source."""
    cached = source.__dict__.get("_lm_alternatives")
    if cached is None:
        lm = load_model()
        flags = source.tokens.flags
        cached = [a for run in document_runs(source) for a in word_alternatives(lm, run, flags)]
        source.__dict__["_lm_alternatives"] = cached
    return cached
