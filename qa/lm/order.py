"""Order: word order and function words that translation garbled, judged by the trigram model.

qa/lm/order_shapes.py proposes candidates where the word classes say the words cannot stand as
they are (a determiner before a word that is only a verb, two verbs side by side, a pronoun
repeating a long subject...). For each, the model scores the original stretch and each repair
over the same words: the stretch itself and the two words after it, each given the two words
before it. ``gain`` is log10 P(best repair) - log10 P(original): how many times more likely
the model finds the repaired sentence. The ``order`` kind reports candidates whose gain
reaches the rule's threshold.

Quotations, headlines (a sentence with no final mark) and lines the tokeniser did not join
into running text are left alone by the kind; names (capitals inside a sentence) never take
part in a shape.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from qa.lm.model import BOS, EOS, LanguageModel, load_model
from qa.lm.order_shapes import candidates
from qa.lm.runs import document_runs
from qa.tokens import CAPITAL, PUNCT, QUOTED, SENTENCE_START

#: Words scored after the stretch (the repair must also fit what follows).
AFTER = 2


@dataclass(frozen=True)
class Repair:
    shape: str
    first: int  # token index of the first word of the stretch (the pronoun for "resumptive")
    last: int  # token index of its last word
    suggestions: tuple[str, ...]  # the repaired stretches, likeliest first ("" deletes it)
    gains: tuple[float, ...]  # log10 P(repair) - log10 P(original), one per suggestion
    quoted: bool

    @property
    def gain(self) -> float:
        return self.gains[0]


def document_repairs(source) -> list[Repair]:
    """The scored candidates of a document, found once per Source."""
    return source.memo("_lm_order", lambda: list(_repairs(source, load_model())))


def _repairs(source, lm: LanguageModel):
    toks = source.tokens
    for run in document_runs(source):
        idx = run.tokens
        caps = [i >= 0 and bool(toks.flags[i] & CAPITAL) and not toks.flags[i] & SENTENCE_START for i in idx]
        for c in candidates(run.words, caps):
            if c.unseen and lm.seen(run.words[c.a], run.words[c.a + 1]):
                continue
            if c.shape == "no-subject" and not _follows_sentence(source, idx[1]):
                continue
            scored = []
            # options are lower case: give names inside the sentence their own spelling back
            spelled = {run.words[k]: toks.texts[idx[k]] for k in range(c.a, c.b) if caps[k]}
            words, name, stand_in = run.words, None, None
            if c.proxy:  # score a word the model does not know as one it does
                k, stand_in = c.proxy
                name = words[k]
                words = (*words[:k], stand_in, *words[k + 1 :])
            for option in c.options:
                g = contrast(lm, words, c.a, c.b, [stand_in if o == name else o for o in option])
                if g is not None:
                    shown = [spelled.get(o, o) for o in option]
                    scored.append((g, " ".join(shown)))
            if not scored:
                continue
            scored.sort(reverse=True)
            first, last = idx[c.a], idx[c.b - 1]
            quoted = any(toks.flags[k] & QUOTED for k in idx[c.a : c.b])
            yield Repair(c.shape, first, last, tuple(s for _, s in scored), tuple(g for g, _ in scored), quoted)


def _follows_sentence(source, k: int) -> bool:
    """Whether token ``k`` follows a full stop on the same line (running text, not a headline)."""
    toks = source.tokens
    if k < 6 or toks.texts[k - 1] not in (".", "!", "?") or "\n" in source.text[toks.ends[k - 1] : toks.starts[k]]:
        return False
    s = toks.sentence[k - 1]
    words = sum(1 for j in range(max(0, k - 12), k) if toks.sentence[j] == s and toks.kinds[j] != PUNCT)
    return words >= 5


def contrast(lm: LanguageModel, words: Sequence[str], a: int, b: int, repl: Sequence[str]) -> float | None:
    """log10 P(words with words[a:b] replaced by repl) - log10 P(words), over the stretch and
    the AFTER words that follow it, each given its two predecessors; None when the model does
    not know a word involved."""
    left = list(words[max(0, a - 2) : a])
    right = list(words[b : b + AFTER])
    new = _score(lm, left, list(repl) + right)
    old = _score(lm, left, list(words[a:b]) + right)
    if new is None or old is None:
        return None
    return new - old


def _score(lm: LanguageModel, left: list[str], seq: list[str]) -> float | None:
    total = 0.0
    hist = left[::-1]
    for w in seq:
        if w == BOS:
            hist = [BOS]
            continue
        p = lm.logp(w, hist)
        if p is None:
            return None
        total += p
        hist = [w, *hist[:1]]
    return total
