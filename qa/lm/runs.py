"""Runs: the stretches of a document the n-gram model can read as plain word sequences.

A run is a maximal sequence of WORD tokens of one sentence separated by spaces only; any
punctuation, number or line break ends it. A run that opens its sentence starts with the
model's ``<s>``; one closed by the sentence's final mark ends with ``</s>``. Everything the
statistical layer measures is measured inside runs, so a comma, a quote mark or a figure
never takes part in an n-gram.
"""

from __future__ import annotations

from dataclasses import dataclass

from qa.lm.model import BOS, EOS
from qa.tokens import PUNCT, SENTENCE_START, WORD

_FINAL = frozenset(".!?")


@dataclass(frozen=True)
class Run:
    words: tuple[str, ...]  # lower-case, with BOS/EOS where the run meets its sentence's edge
    tokens: tuple[int, ...]  # token index of each word (-1 for BOS/EOS)


def document_runs(source) -> list[Run]:
    """The runs of a document, found once per Source."""
    return source.memo("_lm_runs", lambda: _runs(source))


def _runs(source) -> list[Run]:
    toks = source.tokens
    text = source.text
    # the table's columns as locals: this loop visits every token of every document
    kinds, texts, starts, ends = toks.kinds, toks.texts, toks.starts, toks.ends
    sentence, flags, norm = toks.sentence, toks.flags, toks.norm
    n = len(toks)
    runs: list[Run] = []
    words: list[str] = []
    idx: list[int] = []

    def close(next_i: int) -> None:
        if idx and idx[-1] >= 0:
            if next_i < n and kinds[next_i] == PUNCT and texts[next_i] in _FINAL and (
                next_i + 1 == n or sentence[next_i + 1] != sentence[idx[-1]]
            ):
                words.append(EOS)
                idx.append(-1)
        if any(i >= 0 for i in idx):
            runs.append(Run(tuple(words), tuple(idx)))
        words.clear()
        idx.clear()

    prev_end = -1
    prev_sentence = -2
    for i in range(n):
        if kinds[i] != WORD:
            if idx:
                close(i)
            prev_end = -1
            continue
        if prev_end < 0 or sentence[i] != prev_sentence or text[prev_end : starts[i]].strip(" "):
            if idx:
                close(i)
            if flags[i] & SENTENCE_START:
                words.append(BOS)
                idx.append(-1)
        words.append(norm[i].replace("’", "'"))
        idx.append(i)
        prev_end = ends[i]
        prev_sentence = sentence[i]
    if idx:
        close(n)
    return runs
