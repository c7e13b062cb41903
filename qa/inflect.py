"""Regular English inflections for rule phrases, without a dictionary.

Rule authors write lemmas ("rally", "press convention"); the kinds match every form this
module generates for the last word ("rallies", "rallied", "rallying", "press conventions").
Over-generation is harmless: a form that is not an English word never occurs in a text,
so the generator favours recall and needs no lexicon at run time. Irregular forms
("held", "men") are listed by the author beside the lemma.
"""

from __future__ import annotations

VOWELS = frozenset("aeiou")


def word_forms(word: str) -> set[str]:
    """The word itself plus plural/3rd person, past and -ing forms by the regular rules."""
    w = word.lower()
    out = {w}
    if len(w) < 3 or not w.isalpha():
        return out
    last, before = w[-1], w[-2]
    if last == "y" and before not in VOWELS:
        stem = w[:-1]
        out |= {stem + "ies", stem + "ied", w + "ing"}
    elif last == "e":
        out |= {w + "s", w + "d", w[:-1] + "ing"}
    else:
        if w.endswith(("s", "x", "z", "ch", "sh")):
            out.add(w + "es")
        else:
            out.add(w + "s")
        out |= {w + "ed", w + "ing"}
        if last not in VOWELS and last not in "wxy" and before in VOWELS and w[-3] not in VOWELS:
            out |= {w + last + "ed", w + last + "ing"}  # stop -> stopped, plan -> planning
    return out


def phrase_forms(phrase: str) -> set[str]:
    """Inflect the last word of a phrase ("press convention" -> "press conventions")."""
    head, _, last = phrase.lower().rpartition(" ")
    return {f"{head} {f}" if head else f for f in word_forms(last)}
