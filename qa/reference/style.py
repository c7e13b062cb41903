"""Edits a house style makes without changing the wording: they are not reported.

"per cent" -> "percent" -> "%", "web site" -> "website", "nine" -> "9", "towards" ->
"toward", "organisation" -> "organization", "harbour" -> "harbor", "United States" -> "US".
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


