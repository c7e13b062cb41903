"""Edits a house style makes without changing the wording: they are not reported.

"per cent" -> "percent" -> "%", "web site" -> "website", "nine" -> "9", "first" -> "1st",
"towards" -> "toward", "organisation" -> "organization", "harbour" -> "harbor", "United
States" -> "US", and the abbreviations of months, titles, streets and companies ("Oct." ->
"October", "Gov." -> "Governor", "Ave." -> "Avenue", "Corp." -> "Corporation").
(Case, curly quotes, dashes, initialism dots and thousands separators are folded earlier, in
:mod:`qa.reference.units`.)
"""

from __future__ import annotations

from typing import Sequence


def same_wording(original: Sequence[str], copy: Sequence[str]) -> bool:
    """True when two runs of unit norms differ only by house style."""
    return _fold(original) == _fold(copy)


#: Spellings a house style changes without changing the wording.
_STYLE = {
    "towards": "toward", "amongst": "among", "whilst": "while", "okay": "ok", "afterwards": "afterward",
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "percent": "%",
    "first": "1st", "second": "2nd", "third": "3rd", "fourth": "4th", "fifth": "5th", "sixth": "6th",
    "seventh": "7th", "eighth": "8th", "ninth": "9th", "tenth": "10th",
    # Abbreviations a house style writes out or shortens (AP and friends): the same words.
    "january": "jan", "february": "feb", "march": "mar", "april": "apr", "august": "aug",
    "september": "sep", "sept": "sep", "october": "oct", "november": "nov", "december": "dec",
    "governor": "gov", "senator": "sen", "representative": "rep", "general": "gen", "doctor": "dr",
    "lieutenant": "lt", "colonel": "col", "sergeant": "sgt", "professor": "prof", "mister": "mr",
    "street": "st", "saint": "st", "avenue": "ave", "boulevard": "blvd", "mount": "mt", "fort": "ft",
    "company": "co", "corporation": "corp", "incorporated": "inc", "limited": "ltd",
}
_STYLE_JOINED = {"unitedstates": "us", "unitedkingdom": "uk", "unitednations": "un", "europeanunion": "eu"}
_ENDINGS = (("isation", "ization"), ("ising", "izing"), ("ised", "ized"), ("ise", "ize"), ("yse", "yze"), ("our", "or"), ("tre", "ter"))
_ENDING_KEYS = tuple(old for old, _ in _ENDINGS)


def _fold(words: Sequence[str]) -> str:
    out = []
    for w in words:
        w = _STYLE.get(w, w).replace("-", "").replace(".", "")
        if len(w) >= 6 and w.endswith(_ENDING_KEYS):
            for old, new in _ENDINGS:
                if w.endswith(old):
                    w = w[: -len(old)] + new
                    break
        out.append(w)
    joined = "".join(out)
    return _STYLE_JOINED.get(joined, joined)


