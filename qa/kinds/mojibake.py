"""``mojibake``: text decoded with the wrong encoding ("ç¿’è¿‘å¹³", "Ã©", "â€™").

UTF-8 bytes read as Windows-1252 or Latin-1 turn each non-ASCII character into a run of two
to four characters from the Latin-1 and Windows-1252 ranges, beginning with a UTF-8 lead byte
("Ã", "â", "ç", "å"...). A run is reported when re-encoding it as Windows-1252 gives valid
UTF-8 that differs from it; a single accented letter ("Mérida", "naïve") never does, so
correctly accented names stay quiet. The repair is ftfy's (``fix_encoding``, or its
"sloppy-windows-1252" codec for runs too short for ftfy's heuristics, such as a Chinese name
in parentheses). ftfy is imported only when a document holds such a run.
"""

from __future__ import annotations

import re
from typing import Iterator, Sequence

from qa.finding import Match
from qa.kinds.base import Check

# Characters a UTF-8 byte becomes when read as Windows-1252 / Latin-1.
_CP1252 = "\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
_RUN = re.compile("[\u0080-\u00ff" + _CP1252 + "]{2,}")
_LEAD = re.compile("[\u00c2-\u00f4]")


def repair(run: str) -> str | None:
    """The text a mojibake run stands for, or None when it is not mojibake."""
    import ftfy
    import ftfy.bad_codecs  # noqa: F401  (registers the sloppy codecs)

    fixed = ftfy.fix_encoding(run)
    if fixed != run:
        return fixed
    for codec in ("sloppy-windows-1252", "latin-1"):
        try:
            decoded = run.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if decoded != run:
            return ftfy.fix_encoding(decoded)  # doubly encoded text needs a second round
    return None


class Mojibake(Check):
    def run(self, source, hits: Sequence) -> Iterator[Match]:
        text = source.text
        for m in _RUN.finditer(text):
            run = m.group()
            if not _LEAD.search(run):
                continue
            start, end = m.start(), m.end()
            fixed = repair(run)
            # A legitimate character at either edge ("«Ã©»"): drop it and try again.
            while fixed is None and end - start > 2:
                if (fixed := repair(text[start + 1 : end])) is not None:
                    start += 1
                elif (fixed := repair(text[start : end - 1])) is not None:
                    end -= 1
                else:
                    break
            if fixed is not None:
                yield Match(start, end, (fixed,))
