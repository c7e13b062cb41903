"""Regenerate qa/data/word-classes.txt: the open word classes each common English form can have
(development time only).

For every lower-case form that wordfreq calls common (Zipf >= ``MIN_ZIPF``) and the n-gram model
knows, the classes it can take, as letters:

    N noun, singular or mass       S noun, plural
    V verb, base form              Z verb, -s form
    D verb, past tense             P verb, past participle       G verb, -ing form
    J adjective                    R adverb

The classes are the union of two sources, so that a form is only ever *more* ambiguous than a
single source says (a missing reading would make a shape test fire on clean copy):

- lemminflect's lemma table (``lemma_lu.csv.gz``: form, part of speech, lemma) with its
  inflection tables for the Penn tag of each form;
- WordNet 3.0 (Debian's ``wordnet-base``: ``index.*`` lemmas and the ``*.exc`` irregular
  forms), each lemma inflected with lemminflect.

Closed classes (determiners, pronouns, modals, prepositions, conjunctions) are not here: they
are a hand list in qa/lm/wordclass.py. The run-time tool reads only the generated file.

    apt-get install wordnet-base
    .venv/bin/pip install lemminflect
    .venv/bin/python scripts/build_wordclass.py
"""

from __future__ import annotations

import csv
import gzip
import sys
from collections import defaultdict
from pathlib import Path

import lemminflect
from wordfreq import top_n_list, zipf_frequency

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa.lm.model import load_model  # noqa: E402

WORDNET = Path("/usr/share/wordnet")
OUT = ROOT / "qa" / "data" / "word-classes.txt"
MIN_ZIPF = 3.0
ORDER = "NSVZDPGJR"
PENN = {"NN": "N", "NNS": "S", "VB": "V", "VBP": "V", "VBZ": "Z", "VBD": "D", "VBN": "P", "VBG": "G",
        "JJ": "J", "JJR": "J", "JJS": "J", "RB": "R", "RBR": "R", "RBS": "R"}
UPOS = {"noun": "NOUN", "verb": "VERB", "aux": "VERB", "adj": "ADJ", "adv": "ADV"}
WN = {"noun": "NOUN", "verb": "VERB", "adj": "ADJ", "adv": "ADV"}
BASE_CLASS = {"NOUN": "N", "VERB": "V", "ADJ": "J", "ADV": "R"}


def add_lemma(classes, lemma: str, upos: str) -> None:
    classes[lemma].add(BASE_CLASS[upos])
    infl = dict(lemminflect.getAllInflections(lemma, upos))
    if upos == "VERB" and "VBD" in infl and "VBN" not in infl:
        infl["VBN"] = infl["VBD"]  # lemminflect leaves out a participle equal to the past
    for tag, forms in infl.items():
        for f in forms:
            if tag in PENN:
                classes[f.lower()].add(PENN[tag])


def main() -> None:
    classes: dict[str, set[str]] = defaultdict(set)
    table = Path(lemminflect.__file__).parent / "resources" / "lemma_lu.csv.gz"
    with gzip.open(table, "rt", encoding="utf-8") as fh:
        for form, tag, lemma in csv.reader(fh):
            if tag not in UPOS:
                continue
            for lem in lemma.lower().split("/"):
                add_lemma(classes, lem, UPOS[tag])
            if form.lower() == lemma.lower():
                classes[form.lower()].add(BASE_CLASS[UPOS[tag]])
    for name, upos in WN.items():
        for line in (WORDNET / f"index.{name}").read_text(encoding="latin-1").splitlines():
            if line.startswith(" "):
                continue
            lemma = line.split()[0]
            if "_" not in lemma:
                add_lemma(classes, lemma, upos)
        exc = WORDNET / f"{name[:3] if name != 'adj' else 'adj'}.exc"
        if exc.is_file():
            for line in exc.read_text(encoding="latin-1").splitlines():
                form, *lemmas = line.split()
                for lem in lemmas:
                    add_lemma(classes, lem, upos)
    lm = load_model()
    words = set(top_n_list("en", 60000))
    rows = []
    for w in sorted(words):
        if not w.isalpha() or not w.islower() or zipf_frequency(w, "en") < MIN_ZIPF or not lm.knows(w):
            continue
        cls = classes.get(w)
        if cls:
            rows.append(f"{w} {''.join(c for c in ORDER if c in cls)}")
    header = (
        f"# Word classes of common English forms (wordfreq zipf >= {MIN_ZIPF}, known to the n-gram model):\n"
        "# N noun S plural noun V verb base Z verb -s D past P participle G -ing J adjective R adverb.\n"
        "# Union of lemminflect's lemma and inflection tables and WordNet 3.0 (Debian wordnet-base).\n"
        "# Regenerate with scripts/build_wordclass.py\n"
    )
    OUT.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} words -> {OUT}")


if __name__ == "__main__":
    main()
