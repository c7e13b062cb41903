"""Word classes for the order checks: what each common form *can* be, never what it is here.

The open classes come from ``qa/data/word-classes.txt`` (24,000 forms, generated from
lemminflect and WordNet 3.0 by scripts/build_wordclass.py), one letter per class:

    N noun   S plural noun   V verb base   Z verb -s   D past   P participle   G -ing
    J adjective   R adverb

A form is as ambiguous as either source says, so "only a verb" means no source knows a noun,
adjective or adverb reading. Closed classes are hand lists here. The file is read on first use
(about 10 ms); a form it does not hold has no classes (``""``) and no shape test fires on it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "word-classes.txt"

VERB = frozenset("VZDPG")
NOMINAL = frozenset("NSJR")  # readings that let a word stand in a noun phrase or as a modifier

ARTICLES = frozenset("the a an".split())
DEMONSTRATIVES = frozenset("this these those".split())
POSSESSIVES = frozenset("my your his her its our their".split())
DETERMINERS = ARTICLES | DEMONSTRATIVES | POSSESSIVES
SUBJECT_PRONOUNS = frozenset("i you he she it we they".split())
MODALS = frozenset("will would can could may might must shall should".split())
AUXILIARIES = frozenset(
    """be am is are was were been being have has had having do does did done doing get gets got
    gotten getting""".split()
) | MODALS
PREPOSITIONS = frozenset(
    """of in on at to for from with by about into onto over under after before between among
    through during against without within across behind near per than like as since until upon
    toward towards around along amid despite except beyond""".split()
)
CONJUNCTIONS = frozenset("and or but nor so yet because although though while whereas if unless".split())
RELATIVES = frozenset("that which who whom whose where when what why how".split())
CLOSED = DETERMINERS | SUBJECT_PRONOUNS | AUXILIARIES | PREPOSITIONS | CONJUNCTIONS | RELATIVES


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    out: dict[str, str] = {}
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, _, cls = line.partition(" ")
            out[word] = cls
    return out


def classes(word: str) -> str:
    """The class letters of a lower-case form ("" when unknown or closed-class)."""
    return "" if word in CLOSED else _table().get(word, "")


def only(word: str, allowed: str) -> bool:
    """Whether the form is known and every class it can have is among ``allowed``."""
    cls = classes(word)
    return bool(cls) and all(c in allowed for c in cls)


def can(word: str, cls: str) -> bool:
    """Whether the form can have any of the classes in ``cls``."""
    return any(c in cls for c in classes(word))
