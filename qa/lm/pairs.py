"""Pairs: two neighbouring words that a synonym spinner or a round trip replaced together.

A spinner swaps words for thesaurus synonyms one at a time, and often both words of a fixed
phrase: "mental institution" becomes "psychological establishment", "record store" becomes
"document retailer". Each new word is a real synonym, so a one-word contrast (LM001) finds no
single replacement that mends the phrase; the pair has to be mended at once.

For each two adjacent words of a run (see :mod:`qa.lm.runs`) whose pairing the model never
saw or barely expects ("turned a" star), every combination of the two words' related forms
(:mod:`qa.lm.related`, WordNet synonyms and near relatives), the words themselves included, is
tried; a combination counts when the model holds it as a bigram with a strong lift
(``association``: log10 P(b | a) / P(b)). The best one is scored by the model over the pair and
the two words after it, each given the two before: ``gain`` is log10 of how much more likely
that stretch becomes ("mental institution": about 3.5).

Nothing here decides what is reported: the ``pairs`` kind applies a rule's thresholds, and
may ask for several such pairs in one document (spun copy has many).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Sequence

from qa.lm.contrast import stretch
from qa.lm.model import BOS, EOS, LanguageModel, load_model
from qa.lm.runs import Run, document_runs
from qa.lm.synonyms import main_synonyms, synonyms
from qa.tokens import CAPITAL, SENTENCE_START

#: A pair the model holds with a lift above this is a pairing it expects: not looked at.
MAX_ORIGINAL_PULL = -99
#: Combinations the model lifts less than this are not scored at all.
MIN_ASSOCIATION = 1.5
#: Replacing one word, its commonest synonyms are tried (all of the table's, at most 16).
SINGLE_FORMS = 1 + 16
#: Replacing both words, only the commonest synonyms of each word's main part of speech are
#: tried: the product grows fast, and a swap of both words across parts of speech is noise
#: ("telegram channel" -> "wire transfer").
BOTH_FORMS = 1 + 8
#: When both words are swapped, neither replacement may be rarer than the word it replaces by
#: more than this (log10): a fixed phrase is made of its synonyms' common core ("death", "court",
#: "market"), which is why the spinner's choice is rarer; mending "specified version" into
#: "limited edition" (edition rarer than version) is a change of sense, not a repair.
RARER = 0.15
#: Closed-class words are kept as they are: a spinner swaps content words, and WordNet's
#: "synonyms" of a preposition or pronoun ("by" -> "away", "it" -> "information") are noise.
FUNCTION_WORDS = frozenset(
    """a an the this that these those some any each every no all both either neither other
    another such what which who whom whose whatever whichever my your his her its our their
    mine yours hers ours theirs i me you he him she it we us they them myself yourself himself
    herself itself ourselves themselves one ones of in on at by for with from to into onto
    upon about above below over under between among through during before after since until
    till against within without toward towards across along around behind beyond beside
    besides near off out up down than as like unlike via per and or but nor so yet if
    whether because although though while whereas unless once when where why how then there
    here not never also only just even still too very is am are was were be been being have
    has had having do does did doing will would shall should can could may might must ought
    s t don won isn aren wasn weren hasn haven hadn doesn didn""".split()
)


@dataclass(frozen=True)
class PairAlternative:
    first: int  # token index of the pair's first word
    second: int  # token index of its second word
    original: tuple[str, str]  # the two words as the model reads them (lower case)
    suggestion: tuple[str, str]  # the pair that fits better (lower case)
    gain: float  # log10 of how much more likely the stretch is with the suggestion
    association: float  # log10 P(second | first) - log10 P(second) of the suggestion

    @property
    def both(self) -> bool:
        """Whether both words were replaced ("psychological establishment")."""
        return self.original[0] != self.suggestion[0] and self.original[1] != self.suggestion[1]


def _skipped(flags: Sequence[int], ti: int) -> bool:
    return ti < 0 or bool(flags[ti] & CAPITAL and not flags[ti] & SENTENCE_START)


def _forms(word: str) -> tuple[str, ...]:
    """The word itself first, then its thesaurus synonyms (none for a function word)."""
    if word in FUNCTION_WORDS:
        return (word,)
    return (word,) + synonyms(word)


def _main_forms(word: str) -> tuple[str, ...]:
    """Synonyms tried when both words are swapped: the main part of speech's, commonest first."""
    if word in FUNCTION_WORDS:
        return ()
    return main_synonyms(word)[: BOTH_FORMS - 1]


def run_pairs(lm: LanguageModel, run: Run, flags: Sequence[int]) -> Iterator[PairAlternative]:
    words = list(run.words)
    for j in range(len(words) - 1):
        a, b = words[j], words[j + 1]
        ta, tb = run.tokens[j], run.tokens[j + 1]
        if _skipped(flags, ta) or _skipped(flags, tb) or a in (BOS, EOS) or b in (BOS, EOS):
            continue
        if not (lm.knows(a) and lm.knows(b)):
            continue
        p0 = lm.pull(a, b)
        if p0 is not None and p0 > MAX_ORIGINAL_PULL:
            continue
        firsts, seconds = _forms(a), _forms(b)
        if len(firsts) == 1 and len(seconds) == 1:
            continue
        cands = []
        combos = [(x, b) for x in firsts[1:SINGLE_FORMS]] + [(a, y) for y in seconds[1:SINGLE_FORMS]]
        ua, ub = lm.unigram(a) - RARER, lm.unigram(b) - RARER
        xs = [x for x in _main_forms(a) if lm.unigram(x) >= ua]
        combos += [(x, y) for y in _main_forms(b) if lm.unigram(y) >= ub for x in xs]
        for x, y in combos:
            p = lm.pull(x, y)
            if p is not None and p >= MIN_ASSOCIATION:
                cands.append((x, y, p))
        if not cands:
            continue
        base = stretch(lm, words, j, j + 4)
        best: PairAlternative | None = None
        for x, y, p in cands:
            words[j], words[j + 1] = x, y
            s, m = stretch(lm, words, j, j + 4)
            words[j], words[j + 1] = a, b
            if m != base[1]:
                continue
            gain = s - base[0]
            if best is None or gain > best.gain:
                best = PairAlternative(ta, tb, (a, b), (x, y), gain, p)
        if best is not None:
            yield best


def document_pairs(source) -> list[PairAlternative]:
    """Every scored pair alternative of the document, computed once per Source."""
    def compute():
        lm = load_model()
        flags = source.tokens.flags
        return [p for run in document_runs(source) for p in run_pairs(lm, run, flags)]

    return source.memo("_lm_pairs", compute)
