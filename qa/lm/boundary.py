"""Boundary: a full stop that cut one sentence in two ("... as frank. After the two sides met.").

Machine translation often ends a sentence where the source only had a clause break, leaving a
subordinate clause, a participle clause or a complement clause as a "sentence" of its own:
"She said she was very confident. That the team would win." Edited copy does not do that; it
opens a sentence with "After", "Allowing" or "That the" only when a main clause follows,
after a comma.

For each full stop between two words on one line, where the next sentence

- opens with a word of a closed class (a subordinating conjunction, a relative word, "that"
  before a determiner or pronoun, or a verb's -ing form), and
- is one clause (no comma, colon, dash, bracket or quotation mark before its final full stop;
  an -ing opener also has no finite verb, so "Finding ice suggests..." is left alone),

the model scores the two readings of the words around the stop: as two sentences (``</s>``
after the last words, ``<s>`` before the next one) and as one (the next word continuing the
sentence). ``gain`` is log10 of how much more likely the joined reading is. The shape decides
what is a candidate; the gain, read by the ``boundary`` kind, decides what is reported.
Only sentence boundaries are looked at, so the cost is a few lookups per sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from qa.lm.model import BOS, EOS, LanguageModel, load_model
from qa.pos import lexicon
from qa.segment import ABBREVIATIONS
from qa.tokens import CAPITAL, NUMBER, PUNCT, QUOTED, SENTENCE_START, UPPER, WORD

SUBORDINATORS = frozenset(
    "after before because although though whereas unless until while whilst whenever wherever".split()
)
RELATIVES = frozenset("which who whom whose".split())
#: "That" opens a complement clause when one of these follows ("That the team would win.").
_THAT_BEFORE = frozenset("the a an he she it they we i you his her its their this these those there".split())
#: -ing words that open sentences as nouns or prepositions, not as participles.
_NOT_PARTICIPLES = frozenset(
    """during according nothing something everything anything morning evening spring king thing
    string wedding building meeting ceiling pudding bring sing sting swing wing ring""".split()
)
#: Words that make a clause finite by themselves (auxiliaries and common irregular pasts).
_FINITE = frozenset(
    """is are was were am be has have had will would can could may might must shall should do does
    did said says told met went came took made gave saw found got left held began became won lost
    fell rose paid led sent put kept ran brought thought felt knew stood spoke wrote chose drew
    grew beat hit let cut sold built meant heard seems remains""".split()
)
#: Words that open a nested clause: a finite verb after one of them is not the main verb.
_NESTED = frozenset("that which who whom whose when where if because while as since until unless although though".split())
#: Words that may stand inside a verb group ("did not have", "was later announced").
_IN_VERB = frozenset("not never also later still already just then been being be have".split())
#: Words that start a subject noun phrase (a main clause's, when no preposition governs them).
_SUBJECTS = frozenset("the a an this these those his her its their he she they we it i you there".split())
_PREPOSITIONS = frozenset(
    """of in on at to for from with by about into onto over under after before between among through
    during against without within across behind near per than like as""".split()
)
#: Punctuation inside the following sentence that shows more than one clause (or a quotation).
_CLAUSE_BREAK = frozenset(",;:()[]\"“”‘’«»—–?!…")


@dataclass(frozen=True)
class Boundary:
    stop: int  # token index of the full stop
    first: int  # token index of the word after it
    opener: str  # "subordinator", "relative", "complement" or "participle"
    gain: float  # log10 P(joined) - log10 P(two sentences), over the words around the stop
    joined: str  # what replaces ". After": ", after" or " that"


def document_boundaries(source) -> list[Boundary]:
    """The candidate boundaries of a document, found once per Source."""
    return source.memo("_lm_boundaries", lambda: list(_boundaries(source, load_model())))


def _boundaries(source, lm: LanguageModel):
    toks = source.tokens
    text = source.text
    n = len(toks)
    for i in range(1, n - 1):
        if toks.kinds[i] != PUNCT or toks.texts[i] != "." or toks.kinds[i - 1] != WORD:
            continue
        j = i + 1
        if toks.kinds[j] != WORD or toks.ends[i - 1] != toks.starts[i]:
            continue
        if text[toks.ends[i] : toks.starts[j]].strip(" ") != "":
            continue  # a line break or anything but spaces between the sentences
        f = toks.flags[j]
        if not f & SENTENCE_START or not f & CAPITAL or f & (UPPER | QUOTED) or toks.flags[i] & QUOTED:
            continue
        before = toks.norm[i - 1]
        if len(before) < 2 or before in ABBREVIATIONS:
            continue
        piece = _sentence_tokens(toks, j)
        opener = _opener(toks, piece)
        if opener is None or _words_before(toks, i) < 4:
            continue
        gain = _gain(lm, _history(toks, i), [toks.norm[k] for k in piece[:2] if toks.kinds[k] == WORD])
        if gain is None:
            continue
        first = toks.norm[j]
        joined = f" {first}" if opener == "complement" else f", {first}"
        yield Boundary(i, j, opener, gain, joined)


def _sentence_tokens(toks, j: int) -> list[int]:
    s = toks.sentence[j]
    out = []
    k = j
    while k < len(toks) and toks.sentence[k] == s:
        out.append(k)
        k += 1
    return out


def _opener(toks, piece: Sequence[int]) -> str | None:
    """The clause class of the sentence's first word, or None when the sentence is no candidate."""
    if len(piece) < 4 or toks.texts[piece[-1]] != ".":
        return None
    body = piece[:-1]
    if any(toks.kinds[k] == PUNCT and toks.texts[k] in _CLAUSE_BREAK for k in body):
        return None
    if sum(toks.kinds[k] == WORD for k in body) < 3:
        return None
    first = toks.norm[piece[0]]
    second = toks.norm[piece[1]] if toks.kinds[piece[1]] == WORD else ""
    if first in SUBORDINATORS:
        opener = "subordinator"
    elif first in RELATIVES:
        opener = "relative"
    elif first == "that" and second in _THAT_BEFORE:
        opener = "complement"
    elif first.endswith("ing") and len(first) > 5 and first not in _NOT_PARTICIPLES:
        # a participle clause with no finite verb at all (a plural noun counts as one, to be safe)
        return None if any(_finite(toks, k, generous=True) for k in body[1:]) else "participle"
    else:
        return None
    return None if _main_clause(toks, body) else opener


def _main_clause(toks, body: Sequence[int]) -> bool:
    """Whether the sentence, after its opening word, shows a main clause of its own: a second
    subject before the first verb ("After the meeting *the* leaders spoke", "Until then *the*
    bank had...") or two finite verbs outside nested clauses ("While talks went on crowds grew")."""
    verbs = 0
    nested = in_verb = False
    prev = toks.norm[body[0]]
    for pos, k in enumerate(body[1:], 1):
        if toks.kinds[k] != WORD:
            prev, in_verb = "", False
            continue
        w = toks.norm[k]
        if w in _NESTED:
            nested, in_verb = True, False
        elif not verbs and pos >= 2 and w in _SUBJECTS and prev not in _PREPOSITIONS:
            return True
        elif _finite(toks, k):
            verbs += not nested and not in_verb  # "was later announced" is one verb
            in_verb = True
        elif w not in _IN_VERB:
            in_verb = False
        prev = w
    return verbs >= 2


def _finite(toks, k: int, generous: bool = False) -> bool:
    """Could this word be a finite verb? ``generous``: any lower-case -s word counts too."""
    if toks.kinds[k] != WORD or toks.flags[k] & CAPITAL:
        return False
    w = toks.norm[k]
    if w in _FINITE or (w.endswith("ed") and len(w) > 4):
        return True
    if not w.endswith("s") or w.endswith(("ss", "us")):
        return False
    return generous or w[:-1] in lexicon("bare-verbs") or (w.endswith("es") and w[:-2] in lexicon("bare-verbs"))


def _words_before(toks, i: int) -> int:
    """Words of the sentence the full stop closes (a headline or a short line has few)."""
    s = toks.sentence[i - 1]
    k, count = i - 1, 0
    while k >= 0 and toks.sentence[k] == s:
        count += toks.kinds[k] in (WORD, NUMBER)
        k -= 1
    return count


def _history(toks, i: int) -> list[str]:
    """Up to two words before the full stop, newest first, stopping at punctuation."""
    out: list[str] = []
    k = i - 1
    while k >= 0 and toks.kinds[k] == WORD and len(out) < 2:
        out.append(toks.norm[k].replace("’", "'"))
        if k > 0 and toks.ends[k - 1] != toks.starts[k] - 1:
            break  # more than one space or a line break before it
        k -= 1
    return out


def _gain(lm: LanguageModel, history: Sequence[str], nxt: Sequence[str]) -> float | None:
    """log10 P(next words continuing the sentence) - log10 P(sentence end, then next words)."""
    if not nxt or not lm.knows(nxt[0]):
        return None
    split = lm.logp(EOS, history) + lm.logp(nxt[0], [BOS])
    joined = lm.logp(nxt[0], history)
    if len(nxt) > 1 and lm.knows(nxt[1]):
        split += lm.logp(nxt[1], [nxt[0], BOS])
        joined += lm.logp(nxt[1], [nxt[0], *history[:1]])
    return joined - split
