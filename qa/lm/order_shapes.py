"""Shape tests for garbled word order and dropped or extra function words (rules LM003-LM009).

Each test reads one run (qa/lm/runs.py: the words of one sentence with only spaces between
them) and proposes candidates: a stretch ``[a, b)`` of the run and the repaired word sequences
to compare it with. A test only fires where the word classes (qa/lm/wordclass.py) say the
original cannot be right in *any* reading of its words; qa/lm/order.py then asks the trigram
model whether a repair is clearly more likely. The shape does the separating, the model only
confirms and picks the repair.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Sequence

from qa.lm.model import BOS, EOS
from qa.lm.wordclass import (
    ARTICLES, AUXILIARIES, CONJUNCTIONS, DEMONSTRATIVES, DETERMINERS, MODALS, PREPOSITIONS,
    CLOSED, POSSESSIVES, RELATIVES, can, classes, only,
)
from qa.pos import lexicon


@dataclass(frozen=True)
class Candidate:
    shape: str
    a: int  # first word of the stretch, index into the run
    b: int  # end of the stretch (exclusive)
    options: tuple[tuple[str, ...], ...]  # repaired word sequences for words[a:b]
    unseen: bool = False  # the model must never have seen the pair words[a], words[a + 1]
    proxy: tuple[int, str] | None = None  # score words[k] as this word (a name's possessive as "his")


#: Verbs followed by a bare infinitive in clean English ("help build", "let go", "go see").
CATENATIVES = frozenset("help helps helped let lets make makes made go goes come comes dare dared need".split())
#: Past forms that take "to" + verb ("decided to postpone"); other participles before a base verb
#: are often a reduced relative clause ("the groups involved agree").
TO_VERBS = frozenset(
    """decided agreed planned wanted tried hoped vowed pledged refused promised failed managed
    sought threatened offered continued started attempted expected intended chose needed
    prepared aimed proposed""".split()
)
#: Nouns of quantity that need "of" before the plural or determiner they count.
QUANTITIES = frozenset(
    """number majority minority group series couple dozens hundreds thousands millions billions
    tens wave variety pair bunch portion percentage proportion lot lots spate flurry""".split()
)
_IRREGULAR_PLURALS = frozenset("people children men women police".split())
#: Left to WO006 (rules/word-order.yaml), which names them with a pattern of its own.
_WO006 = frozenset("tranche raft slew batch plethora multitude handful".split())
#: Nouns of time: "Last week they...", "The next day he..." open clean sentences.
TIME_NOUNS = frozenset(
    """day days week weeks month months year years morning afternoon evening night time times
    hour hours minute minutes decade decades century season weekend today yesterday tomorrow
    monday tuesday wednesday thursday friday saturday sunday""".split()
)
#: Finite verbs that show a second clause after the pronoun's own ("they support are ...").
_FINITE = frozenset("is are was were has have had will would can could may might must should said says".split())
#: Reporting verbs: what follows them is a reported clause with verbs of its own.
REPORTING = frozenset("said says told added stated noted insisted argued warned claimed explained".split())
_PRONOUN_AFTER = {"he": "NSJ", "she": "NSJ", "they": "S"}  # not "it": "the value it had"


#: Words that can open the object or complement of a verb (a noun after it makes a compound).
OPENERS = DETERMINERS | frozenset("him her them us me it this that some any all both each every no".split())
#: Words before a quantity noun that show it counts something ("a group", "the first tranche").
_QUANTITY_BEFORE = frozenset(
    """a an the this that first second last large small huge big growing significant whole vast
    great new another entire""".split()
)


def candidates(words: Sequence[str], caps: Sequence[bool]) -> Iterator[Candidate]:
    """All candidates of one run; ``caps[i]``: the word is capitalised inside its sentence."""
    n = len(words)
    articled = any(w in ARTICLES for w in words)  # not telegraphic ("cursor at end of line")
    for i in range(n - 1):
        w, x = words[i], words[i + 1]
        prev = words[i - 1] if i > 0 else ""
        if _possessive(x, caps[i + 1]) and i + 3 < n and only(w, "NS") and not caps[i] and prev not in DETERMINERS \
                and can(words[i + 2], "J") and not can(words[i + 2], "VZD") and (words[i + 3] in PREPOSITIONS or words[i + 3] == EOS):
            yield Candidate("det-verb", i, i + 3, ((x, words[i + 2], w),), proxy=(i + 1, "president's"))
        if caps[i + 1] or x in (BOS, EOS) or w == EOS:
            continue
        nxt = words[i + 2] if i + 2 < n else EOS
        takes_object = nxt in OPENERS or nxt in PREPOSITIONS or (i + 2 < n and caps[i + 2])
        if w in DETERMINERS and only(x, "VD") and not _wo001(w, x) and takes_object:
            yield Candidate("det-verb", i, i + 2, ((x, w), (x,)))
        elif w in ARTICLES and x in POSSESSIVES | DEMONSTRATIVES:
            yield Candidate("det-verb", i, i + 2, ((x,), (w,)))
        if _two_verbs(prev, w, x) and not caps[i] and takes_object and prev not in DETERMINERS:
            options = ((w,), (x,), (w, "to", x)) if w in TO_VERBS else ((w,), (x,))
            yield Candidate("verb-verb", i, i + 2, options)
        if not caps[i] and prev not in AUXILIARIES and can(w, "DP") and only(w + "ly", "R") and can(x, "DZ") and not can(x, "NS"):
            yield Candidate("past-adverb", i, i + 2, ((w + "ly", x),), unseen=True)
        if w in QUANTITIES and not caps[i] and (prev in _QUANTITY_BEFORE or w.endswith("s")) and (x in _IRREGULAR_PLURALS or x.endswith("s") and can(x, "S") and not can(x, "DZGJR")):
            yield Candidate("missing-of", i, i + 2, ((w, "of", x),))
        if w in PREPOSITIONS and w != "at" and only(x, "J") and x.endswith("est") and i + 2 < n and can(words[i + 2], "NS"):
            yield Candidate("missing-of", i, i + 2, ((w, "the", x),))
        if (w == "to" and only(x, "DPZ") and nxt in OPENERS or w in MODALS and _modal_use(prev) and only(x, "DPZJ")) and can(x, "DPZ"):
            bases = tuple((w, b) for b in base_forms(x))
            if bases:
                yield Candidate("verb-form", i, i + 2, bases)
        elif (w in _DO or w == "not" and prev in _DO) and only(x, "DZ"):
            bases = tuple((w, b) for b in base_forms(x))
            if bases:
                yield Candidate("verb-form", i, i + 2, bases)
        elif w in _PERFECT_OR_PASSIVE and only(x, "V") and nxt in OPENERS | PREPOSITIONS \
                and not any(d in _DO for d in words[:i]):  # "all we did was ask them"
            forms = tuple((w, f) for f in participle_forms(x) + gerund_forms(x))
            if forms:
                yield Candidate("verb-form", i, i + 2, forms)
        elif w in PREPOSITIONS and w != "to" and only(x, "VD") and prev not in AUXILIARIES and nxt in OPENERS:
            gerunds = tuple((w, g) for g in gerund_forms(x))
            if gerunds:
                yield Candidate("verb-form", i, i + 2, gerunds)
        if w in PREPOSITIONS and w != "as" and not caps[i + 1] and can(x, "N") and not can(x, "SDZ") and nxt == "of" and prev not in DETERMINERS \
                and articled:
            yield Candidate("missing-of", i, i + 2, ((w, "the", x),))
    yield from _resumptive(words, caps)
    yield from _bare_subject(words, caps)
    yield from _no_subject(words, caps)
    yield from _inverted(words, caps)


def _possessive(word: str, cap: bool) -> bool:
    """A name's possessive ("biden's"): the model does not know most names, so it is scored as
    "president's" (a possessive noun it knows)."""
    return cap and (word.endswith("'s") or word.endswith("’s")) and len(word) > 3


def _bare_subject(words: Sequence[str], caps: Sequence[bool]) -> Iterator[Candidate]:
    """A sentence that opens with a singular noun and no article before a finite verb:
    "President said on Monday..." (languages without articles). The model decides between
    mass nouns ("Inflation rose") and count nouns that need "the"."""
    if len(words) < 6 or words[0] != BOS or words[-1] != EOS:
        return
    noun, verb = words[1], words[2]
    if noun not in TIME_NOUNS and noun not in _TIME_ADVERBS and can(noun, "N") and not can(noun, "VJ") and not noun.endswith("s") and only(verb, "DPJZ") and can(verb, "DZ"):
        yield Candidate("missing-of", 1, 2, (("the", noun),))


def _wo001(det: str, verb: str) -> bool:
    """WO001 (a pattern rule) already reports an article or demonstrative before a bare verb."""
    return det in ARTICLES | DEMONSTRATIVES and verb in lexicon("bare-verbs")


def _two_verbs(prev: str, w: str, x: str) -> bool:
    """Two verbs side by side that no construction allows: "will do deepen", "began discussed"."""
    if w in ("do", "does", "did"):
        return (prev in MODALS or prev == "to") and only(x, "V")
    if w in AUXILIARIES or w in CATENATIVES or x in AUXILIARIES:
        return False
    return (only(w, "VZD") or w in TO_VERBS) and only(x, "V")


def base_forms(word: str) -> list[str]:
    """Base forms an -s, -ed or participle form may come from ("discussed" -> "discuss")."""
    out: list[str] = []
    stems = []
    if word.endswith("ies"):
        stems.append(word[:-3] + "y")
    if word.endswith("es"):
        stems.append(word[:-2])
    if word.endswith("s"):
        stems.append(word[:-1])
    if word.endswith("ied"):
        stems.append(word[:-3] + "y")
    if word.endswith("ed"):
        stems += [word[:-2], word[:-1]]
        if len(word) > 4 and word[-3] == word[-4]:
            stems.append(word[:-3])
    for s in stems:
        if s not in out and only(s, "NVJ") and can(s, "V"):
            out.append(s)
    return out


def _modal_use(prev: str) -> bool:
    """A modal after a subject, not a noun ("his will", "a can") nor a sentence's "May"."""
    return prev not in DETERMINERS and prev not in PREPOSITIONS and prev != BOS and not only(prev, "J")


_DO = frozenset("do does did don't doesn't didn't".split())
#: "has manage", "was discuss": a base verb where a participle or -ing form belongs.
_PERFECT_OR_PASSIVE = frozenset("has have had is are was were been being".split())


def participle_forms(word: str) -> list[str]:
    """Regular past participles of a base verb the lexicon knows ("manage" -> "managed")."""
    out = []
    for p in (word + "ed", word + "d", word[:-1] + "ied", word + word[-1:] + "ed"):
        if p not in out and can(p, "P"):
            out.append(p)
    return out


def gerund_forms(word: str) -> list[str]:
    """The -ing form of a base verb the lexicon knows ("manage" -> "managing")."""
    out = []
    for g in (word + "ing", word[:-1] + "ing", word + word[-1:] + "ing"):
        if g not in out and can(g, "G"):
            out.append(g)
    return out


def _resumptive(words: Sequence[str], caps: Sequence[bool]) -> Iterator[Candidate]:
    """A pronoun that repeats the subject a long noun phrase already gave: "Trade tensions
    between X and Y they continue..." The run opens the sentence with a determiner or a name,
    holds no verb, relative or subordinator before the pronoun, and after the pronoun's verb
    group no second finite verb follows (that would make it a relative clause: "the policies
    they support are...")."""
    if len(words) < 7 or words[0] != BOS:
        return
    first = words[1]
    if not (first in DETERMINERS or can(first, "NSJ") or not classes(first) and first not in CLOSED) or first in TIME_NOUNS:
        return
    for p in range(4, len(words) - 2):
        pron = words[p]
        if pron not in _PRONOUN_AFTER:
            continue
        before = words[p - 1]
        if before in TIME_NOUNS or not (caps[p - 1] or only(before, _PRONOUN_AFTER[pron] + "VZ") and can(before, _PRONOUN_AFTER[pron])):
            return
        subject = words[1:p]
        if any(s in AUXILIARIES or s in RELATIVES or (s in CONJUNCTIONS and s != "and") or only(s, "VZDPG") or can(s, "D") and not can(s, "NS") for s in subject):
            return
        if any(s in TIME_NOUNS for s in subject):
            return
        verb = words[p + 1]
        if not (verb in MODALS or verb in AUXILIARIES or can(verb, "VZD")) or caps[p + 1]:
            return
        if verb not in REPORTING and any(w in _FINITE for w in words[p + 2 :]):
            return
        yield Candidate("resumptive", p - 1, p + 1, ((before,),))
        return


def _no_subject(words: Sequence[str], caps: Sequence[bool]) -> Iterator[Candidate]:
    """A sentence that opens with a finite verb and no subject ("Expressed concern over...")."""
    if len(words) < 6 or words[0] != BOS or words[-1] != EOS:
        return  # the whole sentence in one run: no comma after an opening participle phrase
    verb = words[1]
    if not only(verb, "DPJ") or not can(verb, "D") or verb.endswith("ing"):
        return
    if words[2] in PREPOSITIONS and can(verb, "P") or caps[2]:
        return  # "Born in...", "Based in..." open participle phrases; a line in capitals
    yield Candidate("no-subject", 1, 2, tuple((p, verb) for p in ("he", "she", "it", "they")))


#: Openers after which German, Dutch or Scandinavian word order puts the verb before the subject.
_TIME_ADVERBS = frozenset("yesterday today now then later earlier meanwhile recently previously also".split())
_INVERTING = REPORTING | frozenset("announced declared stressed emphasised emphasized confirmed".split())


def _inverted(words: Sequence[str], caps: Sequence[bool]) -> Iterator[Candidate]:
    """A reporting verb before its subject after an opening adverbial, as in verb-second
    languages: "On Monday said the minister that..." -> "On Monday the minister said that...".
    The opener is a time adverb or a preposition with up to three words; the subject is a
    determiner or name and up to two more nouns or adjectives, followed by a word that cannot
    continue it. Repairs put the verb after each possible end of the subject."""
    if len(words) < 7 or words[0] != BOS:
        return
    if words[1] in _TIME_ADVERBS:
        v = 2
    elif words[1] in PREPOSITIONS:
        v = next((k for k in range(2, 6) if k < len(words) and words[k] in _INVERTING), 0)
        if not v or any(w in _INVERTING or can(w, "VZD") and not can(w, "NS") for w in words[2:v]):
            return
    else:
        return
    if v + 2 >= len(words) or words[v] not in _INVERTING:
        return
    s = v + 1
    if not (words[s] in DETERMINERS or caps[s]):
        return
    end = s + 1
    while end < len(words) - 1 and end - s < 3 and (caps[end] or can(words[end], "NSJ") and not can(words[end], "DZ")):
        end += 1
    if words[end] == EOS or caps[v] or only(words[end], "NSJ"):
        return
    verb = words[v]
    options = tuple((*words[s:e], verb, *words[e:end]) for e in range(s + 1, end + 1))
    yield Candidate("no-subject", v, end, options)
