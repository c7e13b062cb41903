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

Alternatives are the word's WordNet relatives (:mod:`qa.lm.related`); ``pivot=True`` adds its
pivot neighbours (:mod:`qa.lm.pivot`), each carrying the number of languages that link them.

Nothing here decides what is reported: the ``contrast`` kind applies a rule's thresholds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Sequence

from qa.lm.model import BOS, LanguageModel, load_model
from qa.lm.pivot import pivots
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
    languages: int = 0  # how many pivot languages link the word and the suggestion (0: WordNet only)
    wordnet: bool = True  # the suggestion is one of the word's WordNet relatives
    frequency: float = 0.0  # log10 P(original) in the model: how often it saw the word at all


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


def candidates(word: str) -> dict[str, int]:
    """Alternatives of a word: its WordNet relatives (no pivot languages read: -1)."""
    return {c: -1 for c in related(word)}


def pivot_candidates(word: str) -> dict[str, int]:
    """Alternatives of a word: WordNet relatives (-1) and pivot neighbours (their languages)."""
    out = candidates(word)
    out.update(pivots(word))
    return out


def word_alternatives(lm: LanguageModel, run: Run, flags: Sequence[int], cands_of=candidates) -> Iterator[Alternative]:
    """The best-fitting alternative of each word that has one (largest gain)."""
    for alts in word_candidates(lm, run, flags, cands_of):
        yield max(alts, key=lambda a: a.gain)


def word_candidates(lm: LanguageModel, run: Run, flags: Sequence[int], cands_of=candidates) -> Iterator[list[Alternative]]:
    """Every scored alternative of each word that has at least one, word by word."""
    words = list(run.words)
    for j in range(1, len(words) - 1):
        ti = run.tokens[j]
        if ti < 0:
            continue
        w, left, right = words[j], words[j - 1], words[j + 1]
        if flags[ti] & CAPITAL and not flags[ti] & SENTENCE_START:
            continue
        cands = cands_of(w)  # empty for words the table does not know, so check it first
        if not cands or not (lm.knows(left) and lm.knows(right)):
            continue
        broken_left = not lm.seen(left, w)
        broken_right = not lm.seen(w, right)
        if not (broken_left or broken_right):
            continue
        base = None
        scored: list[Alternative] = []
        wordnet = set(related(w))
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
            if pull < MIN_ASSOCIATION or spelling_variant(w, c):  # "behaviour" is right in British copy
                continue
            if base is None:
                base = stretch(lm, words, j, j + 3)
            words[j] = c
            s, m = stretch(lm, words, j, j + 3)
            words[j] = w
            if m != base[1]:
                continue
            scored.append(Alternative(ti, w, c, s - base[0], pull, left if after else right, after, same_word(w, c),
                                      max(cands[c], 0), c in wordnet, lm.unigram(w)))
        if scored:
            yield scored


_ENDINGS = ("", "s", "es", "ed", "d", "ing", "e")


def same_word(a: str, b: str) -> bool:
    """Whether two forms are inflections of one word ("imposes"/"impose", "tries"/"tried")."""
    def stems(w: str) -> set[str]:
        out = {w[: len(w) - len(e)] for e in _ENDINGS if w.endswith(e) and len(w) - len(e) >= 3}
        return out | {x[:-1] + "y" for x in out if x.endswith("i")}

    return bool(stems(a) & stems(b))


#: British and American spellings of one word, reduced to one form ("behaviour"/"behavior",
#: "defence"/"defense", "catalogue"/"catalog", "travelled"/"traveled", "organise"/"organize").
_SPELLINGS = (("our", "or"), ("ence", "ense"), ("ogue", "og"), ("lled", "led"), ("lling", "ling"),
              ("isation", "ization"), ("ise", "ize"), ("yse", "yze"), ("tre", "ter"), ("mme", "m"))


def spelling_variant(a: str, b: str) -> bool:
    """Whether two forms are one word in British and American spelling."""
    if a == b or abs(len(a) - len(b)) > 2 or min(len(a), len(b)) < 5:
        return False

    def american(w: str) -> str:
        for uk, us in _SPELLINGS:
            w = w.replace(uk, us)
        return w

    return american(a) == american(b)


def document_candidates(source, pivot: bool = False) -> list[list[Alternative]]:
    """Every scored alternative of the document, word by word, computed once per Source.

    ``pivot`` adds the words' pivot neighbours (:mod:`qa.lm.pivot`) to their WordNet relatives.
    """
    def compute():
        lm = load_model()
        flags = source.tokens.flags
        cands_of = pivot_candidates if pivot else candidates
        return [alts for run in document_runs(source) for alts in word_candidates(lm, run, flags, cands_of)]

    return source.memo("_lm_candidates_pivot" if pivot else "_lm_candidates", compute)


def document_alternatives(source) -> list[Alternative]:
    """The best-fitting alternative of each word of the document that has one."""
    return [max(alts, key=lambda a: a.gain) for alts in document_candidates(source)]
