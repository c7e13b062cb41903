"""Regenerate qa/data/bare-verbs.txt from lemminflect's lexicon (development time only).

A word goes in when lemminflect knows it only as a verb (no noun, adjective, adverb or proper
noun reading) and the word is its own lemma, i.e. a bare infinitive such as "manage" or
"reopen". wordfreq keeps the list to words news text actually uses. The run-time tool reads
the generated file (a few kB, ~2 ms) and never imports lemminflect (0.27 s to load its tables).

    .venv/bin/python scripts/build_lexicon.py
"""

from __future__ import annotations

import csv
import gzip
from collections import defaultdict
from pathlib import Path

import lemminflect
from wordfreq import zipf_frequency

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "qa" / "data" / "bare-verbs.txt"
MIN_ZIPF = 2.5


def main() -> None:
    table = Path(lemminflect.__file__).parent / "resources" / "lemma_lu.csv.gz"
    pos: dict[str, set[str]] = defaultdict(set)
    lemmas: dict[str, set[str]] = defaultdict(set)
    with gzip.open(table, "rt", encoding="utf-8") as fh:
        for row in csv.reader(fh):
            form, tag, lemma = row[0], row[1], row[2]
            pos[form.lower()].add(tag)
            lemmas[form.lower()].update(x.lower() for x in lemma.split("/"))
    words = sorted(
        w for w, tags in pos.items()
        if tags <= {"verb", "aux"} and "verb" in tags and w in lemmas[w] and w.isalpha()
        and zipf_frequency(w, "en") >= MIN_ZIPF
    )
    header = "# Bare verbs (lemminflect: verb-only, base form; wordfreq zipf >= %.1f). Regenerate with scripts/build_lexicon.py\n" % MIN_ZIPF
    OUT.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {OUT}")


if __name__ == "__main__":
    main()
