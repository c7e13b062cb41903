"""``language``: a clause or sentence left in the source language.

Two stages keep clean English cheap. First, each sentence (quotations masked) is scanned for
a stretch of lower-case words that the English word list (qa/lexicon.py) does not know, or
knows only as rare words: at least ``min_words`` (3) of them, making at least half of the
stretch. Capitalised words (names, titles of works such as "Die Zeit") are never counted,
and a single glossed loanword ("mañanera") is one word, below the threshold. Only such a
stretch is handed to py3langid, an offline identifier whose model ships in its wheel; it is
reported when identified as one of the ``languages`` listed. py3langid's model takes about
0.8 s to load, so it is loaded only the first time a document has a candidate stretch.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator, Sequence

from qa.finding import Match
from qa.kinds.base import INT, NUMBER, STR_LIST, Check, default

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
#: Short function words of the source languages that English word lists also hold
#: ("de", "la", "die"); they count as foreign inside a stretch but never start one.
_GLUE = frozenset(
    """de la el le les des du da do di del den der die das dem et y e o a en em na no se con per
    il los las est pour pas para sur plus""".split()
)
#: Function words of the source languages that English text does not use (the unambiguous
#: ones of ../shared/data/foreign-tokens.tsv and a few more): foreign wherever they stand.
_FUNCTION = frozenset(
    """und nicht mit für auf ist wird wurde dass auch nach bei einer vor von zu im vom zum zur
    sich wir sind ein eine einen nur noch schon wie aber oder wenn sehr über unter gegen ohne
    durch bis werden hat haben het een niet wordt werd zijn ook naar heeft maar voor zal deze
    dit wij hun bij une dans avec qui cette sont été aux nous vous leur ont sera être mais très
    que según también tras pero fue está por una como más hay sobre desde hasta entre sus
    degli gli anche nel nella sono essere sul dei alla questo não também uma pelo pela foi aos
    mais się że jest nie oraz przez dla został także już bir bu ile için olarak değil gibi
    daha çok ke dari untuk dengan ini itu tidak akan juga dalam pada oleh telah bahwa
    tersebut""".split()
)


@lru_cache(maxsize=1)
def _identifier(languages: tuple[str, ...]):
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    try:
        identifier = _unpacked(LanguageIdentifier, MODEL_FILE)
    except (AttributeError, TypeError, ValueError, ImportError):  # another py3langid layout
        identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    identifier.set_languages([*languages, "en"])
    return identifier


def _unpacked(cls, model_file: str):
    """py3langid's model with its LZMA archive unpacked once and kept by qa.tables (the
    decompression was 0.4 s of CPU in every process that met a candidate stretch)."""
    from pathlib import Path

    import numpy as np
    from py3langid import langid, modelio

    from qa import tables

    path = langid.MODEL_DIR / model_file

    def build():
        ptc, pc, classes, nextmove, row, output = modelio.load_model(path)
        ptc, pc = np.asarray(ptc), np.asarray(pc)
        return (ptc.tobytes(), ptc.dtype.str, ptc.shape, pc.tobytes(), pc.dtype.str, pc.shape,
                list(classes), nextmove.typecode, nextmove.tobytes(), row.typecode, row.tobytes(), output)

    sources = [path, Path(langid.__file__), Path(modelio.__file__)]
    ptc, ptc_type, ptc_shape, pc, pc_type, pc_shape, classes, nm_type, nm, row_type, row, output = tables.load(
        "py3langid", sources, build)
    from array import array

    nextmove, rows = array(nm_type), array(row_type)
    nextmove.frombytes(nm)
    rows.frombytes(row)
    return cls(np.frombuffer(ptc, ptc_type).reshape(ptc_shape), np.frombuffer(pc, pc_type).reshape(pc_shape),
               classes, nextmove, output, tk_row=rows)


class Language(Check):
    FIELDS = {
        "languages": default(STR_LIST, ["de", "nl", "fr", "es", "it", "pt", "pl", "tr", "id", "ru", "uk"]),
        "min_words": default(INT, 3),
        "rare_zipf": default(NUMBER, 2.5),  # English words rarer than this count as foreign
    }
    MESSAGE_VALUES = frozenset({"language"})
    QUOTES_DEFAULT = False

    def run(self, source, hits: Sequence) -> Iterator[Match]:
        from qa.lexicon import zipf_table

        table = zipf_table()
        text = source.text
        rare = self.data["rare_zipf"]
        quotes, q = source.quotes, 0  # words come in text order: one sweep over the quotations
        marked: dict[str, int] = {}
        min_words = self.data["min_words"]
        for sentence in source.sentences:
            # A stretch needs min_words foreign-looking words in the sentence; most sentences
            # have none, and counting them over plain strings is cheap (quotations only take
            # words away, so a sentence that fails here would fail below too).
            foreign = 0
            for word in _WORD.findall(text, sentence.start, sentence.end):
                mark = marked.get(word)
                if mark is None:
                    mark = marked[word] = _mark(word, table, rare)
                foreign += mark == 1
            if foreign < min_words:
                continue
            words = []
            for m in _WORD.finditer(text, sentence.start, sentence.end):
                start, end = m.span()
                while q < len(quotes) and quotes[q].end < end:
                    q += 1
                if not (q < len(quotes) and quotes[q].start <= start):  # not inside a quotation
                    words.append(m)
            marks = []
            for m in words:
                word = m.group()
                mark = marked.get(word)
                if mark is None:
                    mark = marked[word] = _mark(word, table, rare)
                marks.append(mark)
            for first, last in _stretches(marks, min_words):
                start, end = words[first].start(), words[last].end()
                language = self._identify(text[start:end])
                if language:
                    yield Match(start, end, (), {"language": language})

    def _identify(self, fragment: str) -> str | None:
        identifier = _identifier(tuple(self.data["languages"]))
        language, _ = identifier.classify(fragment)
        return language if language != "en" else None


def _mark(word: str, table, rare: float) -> int:
    """1: foreign-looking, 0: glue (counts inside a stretch), -1: English or a name."""
    if not word.islower():
        return 0  # names, titles, German nouns, a sentence's first word: no evidence either way
    if word in _FUNCTION:
        return 1
    if word in _GLUE:
        return 0
    return 1 if table.get(word.replace("’", "'"), 0.0) < rare else -1


def _stretches(marks: list[int], min_words: int) -> Iterator[tuple[int, int]]:
    """Maximal runs, from a foreign word to a foreign word, with at least ``min_words``
    foreign words and no more English words than foreign ones."""
    i, n = 0, len(marks)
    while i < n:
        if marks[i] != 1:
            i += 1
            continue
        foreign, english, last, j = 1, 0, i, i + 1
        while j < n:
            if marks[j] == 1:
                foreign += 1
                last = j
            elif marks[j] == -1:
                english += 1
                if english > foreign:
                    break
            j += 1
        if foreign >= min_words:
            first = i
            while first > 0 and marks[first - 1] == 0:
                first -= 1
            yield first, last
        i = last + 1
