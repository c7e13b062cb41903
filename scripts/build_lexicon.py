"""Regenerate qa/data/bare-verbs.txt from lemminflect's lexicon (development time only).

A word goes in when lemminflect knows it only as a verb (no noun, adjective, adverb or proper
noun reading) and the word is its own lemma, i.e. a bare infinitive such as "manage" or
"reopen". wordfreq keeps the list to words news text actually uses. A word WordNet also lists
as a noun is left out ("the act", "the dam", "the vet", "the reset", "the divide" are
English), except the few in ``KEEP`` whose noun senses are technical or archaic ("the be",
"the tell" are not); Debian's ``wordnet-base`` provides /usr/share/wordnet. The run-time tool reads
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
WORDNET_NOUNS = Path("/usr/share/wordnet/index.noun")
#: Verbs kept although WordNet has a noun of the same spelling: the noun is a technical or
#: archaic sense that news copy does not put after "the" or "a".
KEEP = frozenset(
    """be do get have know see put tell teach let come begin seek sue add cite cancel compare
    devise remove revise revoke surround interrupt disconnect overestimate posit segregate
    stifle sully trample whittle wilt deviate""".split()
)


def wordnet_nouns() -> set[str]:
    """Every single-word noun lemma WordNet 3.0 lists."""
    nouns = set()
    for line in WORDNET_NOUNS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith(" "):
            nouns.add(line.split(" ", 1)[0])
    return nouns


def main() -> None:
    table = Path(lemminflect.__file__).parent / "resources" / "lemma_lu.csv.gz"
    pos: dict[str, set[str]] = defaultdict(set)
    lemmas: dict[str, set[str]] = defaultdict(set)
    with gzip.open(table, "rt", encoding="utf-8") as fh:
        for row in csv.reader(fh):
            form, tag, lemma = row[0], row[1], row[2]
            pos[form.lower()].add(tag)
            lemmas[form.lower()].update(x.lower() for x in lemma.split("/"))
    nouns = wordnet_nouns() - KEEP
    words = sorted(
        w for w, tags in pos.items()
        if tags <= {"verb", "aux"} and "verb" in tags and w in lemmas[w] and w.isalpha()
        and zipf_frequency(w, "en") >= MIN_ZIPF and w not in nouns
    )
    header = "# Bare verbs (lemminflect: verb-only, base form; wordfreq zipf >= %.1f; no WordNet noun). Regenerate with scripts/build_lexicon.py\n" % MIN_ZIPF
    OUT.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {OUT}")


if __name__ == "__main__":
    main()
