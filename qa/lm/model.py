"""The offline n-gram language model: general-English trigrams shipped in the pocketsphinx wheel.

``en-us.lm.bin`` (CMU Sphinx, 72,547 lower-case words, 2.05 M bigrams, 1.67 M trigrams) is
read by pocketsphinx's C code in a few hundredths of a second into its own heap (not
memory-mapped: about 33 MB resident per process, outside Python's heap); one lookup costs about
a microsecond. It is loaded on first use, so a run that never asks pays nothing.

``LanguageModel.logp(word, history)`` answers log10 P(word | history), ``history`` newest
word first, with the model's own back-off; a word the model does not know has no probability
(``None``), and callers decide what that means. ``pull(h, word)`` says whether the model holds
the bigram "h word" at all and, if it does, how much ``h`` raises the odds of ``word``.
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path
from typing import Sequence

#: pocketsphinx returns log probabilities in base 1.0001.
_TO_LOG10 = math.log10(1.0001)
#: Anything below this is pocketsphinx's "unknown word" sentinel, not a probability.
_UNKNOWN = -1000.0
BOS, EOS = "<s>", "</s>"
#: Rare words that follow almost nothing: P(probe | h) is the back-off from h to the unigram.
_PROBES = ("quixotic", "aardvark", "xylophone")
_MISS = object()  # a memo's "not asked yet" (None is an answer: unknown word, unseen pair)


class ModelError(RuntimeError):
    """The language model is missing or unreadable (a broken install)."""


def model_path() -> Path:
    try:
        import pocketsphinx
    except ImportError as exc:  # pragma: no cover - a broken install
        raise ModelError(f"the language model needs the pocketsphinx package ({exc})") from None
    return Path(pocketsphinx.__file__).resolve().parent / "model" / "en-us" / "en-us.lm.bin"


class LanguageModel:
    def __init__(self, path: Path) -> None:
        from pocketsphinx import NGramModel

        if not path.is_file():
            raise ModelError(f"{path}: language model file not found")
        self._model = NGramModel.readfile(str(path))
        self._prob = self._model.prob
        self._uni: dict[str, float | None] = {}  # log10 unigram probability, None: unknown word
        self._bow: dict[str, float] = {}
        self._pull: dict[tuple[str, str], float | None] = {}

    # The methods below are the layer's innermost loop (about 100,000 calls per 20,000 words):
    # each answers from its memo with one dict lookup before doing any work.

    def unigram(self, word: str) -> float | None:
        u = self._uni.get(word, _MISS)
        if u is _MISS:
            p = self._prob([word]) * _TO_LOG10
            u = self._uni[word] = p if p > _UNKNOWN else None
        return u

    def knows(self, word: str) -> bool:
        u = self._uni.get(word, _MISS)
        return (u if u is not _MISS else self.unigram(word)) is not None

    def logp(self, word: str, history: Sequence[str] = ()) -> float | None:
        """log10 P(word | history); history newest first, unknown history words cut it short."""
        uni = self._uni
        u = uni.get(word, _MISS)
        if u is _MISS:
            u = self.unigram(word)
        if u is None:
            return None
        ctx = [word]
        for h in history[:2]:
            uh = uni.get(h, _MISS)
            if uh is _MISS:
                uh = self.unigram(h)
            if uh is None:
                break
            ctx.append(h)
        return self._prob(ctx) * _TO_LOG10

    def _backoff(self, h: str) -> float:
        b = self._bow.get(h)
        if b is None:
            prob, unigram = self._prob, self.unigram
            b = self._bow[h] = min(prob([z, h]) * _TO_LOG10 - unigram(z) for z in _PROBES)
        return b

    def pull(self, h: str, word: str) -> float | None:
        """log10 P(word | h) - log10 P(word) when the model holds the bigram "h word", else None.

        pocketsphinx does not say whether it backed off; a back-off costs the same for every
        unseen successor of ``h``, so it is measured once per ``h`` with words that follow
        almost nothing, and a pair whose lift equals it is a pair the model never saw.
        """
        key = (h, word)
        value = self._pull.get(key, _MISS)
        if value is not _MISS:
            return value
        uni = self._uni
        u = uni.get(word, _MISS)
        if u is _MISS:
            u = self.unigram(word)
        uh = uni.get(h, _MISS)
        if uh is _MISS:
            uh = self.unigram(h)
        value = None
        if u is not None and uh is not None:
            lift = self._prob([word, h]) * _TO_LOG10 - u
            b = self._bow.get(h)
            if abs(lift - (b if b is not None else self._backoff(h))) > 1e-3:
                value = lift
        self._pull[key] = value
        return value

    def bigram(self, h: str, word: str) -> float | None:
        """log10 P(word | h) from the memoised pull (or the back-off) without a new lookup."""
        u = self.unigram(word)
        if u is None or self.unigram(h) is None:
            return None
        p = self.pull(h, word)
        return u + (p if p is not None else self._backoff(h))

    def seen(self, h: str, word: str) -> bool:
        """Whether the model holds the bigram ``h word`` (rather than backing off)."""
        value = self._pull.get((h, word), _MISS)
        if value is _MISS:
            value = self.pull(h, word)
        return value is not None


@lru_cache(maxsize=1)
def load_model() -> LanguageModel:
    return LanguageModel(model_path())
