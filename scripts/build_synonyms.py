"""Regenerate qa/data/synonyms.txt: for each common English word form, its thesaurus synonyms
(development time only).

A synonym spinner takes its replacements from a thesaurus: the other words of the word's
WordNet 3.0 synsets (all senses, so "establishment" -> "institution" and "stock" -> "inventory"),
and for adjectives the similar adjectives (``&``). No co-hyponyms, derivations or other
inflections: that is what keeps the product of two words' synonyms (``qa.lm.pairs``) small and
faithful. Each line lists first the synonyms of the form's main part of speech (the one whose
senses WordNet's tagged corpus saw most: "channel" is a noun, so "canal" but not "transfer"),
then, after a second tab, those of its other parts of speech. Relatives are inflected into the word's own form with lemminflect; only forms the
n-gram model knows and wordfreq calls common are kept, at most ``MAX_SYNONYMS``, commonest
first. WordNet is read by scripts/build_related.py's reader, and the same vocabulary is used.

Needs, at development time only: Debian's ``wordnet-base`` and
``pip install lemminflect pocketsphinx wordfreq``.

    .venv/bin/python scripts/build_synonyms.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import lemminflect
from wordfreq import top_n_list, zipf_frequency

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_related as br  # noqa: E402

OUT = br.ROOT / "qa" / "data" / "synonyms.txt"
MAX_SYNONYMS = 16


def synonyms(lemma: str, pos: str, synsets, index) -> set[str]:
    out: set[str] = set()
    for sid in index.get((lemma, pos), ()):
        _, words, ptrs = synsets[sid]
        out.update(words)
        if pos == "a":
            for sym, target in ptrs:
                if sym == "&" and target in synsets:
                    out.update(synsets[target][1])
    out.discard(lemma)
    return {w for w in out if w.isalpha()}


def tagged_counts() -> dict[tuple[str, str], int]:
    """(lemma, pos) -> how often WordNet's tagged corpus saw the lemma's senses in that pos."""
    counts: dict[tuple[str, str], int] = {}
    for pos, name in br.POS_FILES.items():
        for line in (br.WORDNET / f"index.{name}").read_text(encoding="latin-1").splitlines():
            if line.startswith(" "):
                continue
            f = line.split()
            n_ptr = int(f[3])
            counts[(f[0], pos)] = int(f[5 + n_ptr])
    return counts


def main() -> None:
    model = br.load_model()
    synsets, index, _ = br.read_wordnet()
    tagged = tagged_counts()
    vocab = [w for w in top_n_list("en", 120_000)
             if w.isalpha() and zipf_frequency(w, "en") >= br.MIN_WORD_ZIPF and model.knows(w)]
    lines = []
    for w in sorted(vocab):
        by_pos: dict[str, set[str]] = {}
        weight: dict[str, int] = {}
        readings = br.forms_of(w)
        for upos, lemma, tag in readings:
            pos = br.WN_POS[upos]
            weight[pos] = max(weight.get(pos, -1), tagged.get((lemma, pos), 0))
            for rel in synonyms(lemma, pos, synsets, index):
                plain = (rel,) if tag in ("NN", "VB", "JJ", "RB") else ()
                by_pos.setdefault(pos, set()).update(lemminflect.getInflection(rel, tag, inflect_oov=False) or plain)
        if not readings:  # a form lemminflect does not know: take WordNet's own entries
            for pos in br.POS_FILES:
                weight[pos] = tagged.get((w, pos), -1)
                by_pos.setdefault(pos, set()).update(synonyms(w, pos, synsets, index))
        if not by_pos:
            continue
        main_pos = max(by_pos, key=lambda pos: (weight.get(pos, -1), len(by_pos[pos])))

        def keep(cands: set[str]) -> list[str]:
            ok = (c for c in cands if c != w and model.knows(c) and zipf_frequency(c, "en") >= br.MIN_REL_ZIPF)
            return sorted(ok, key=lambda c: (-zipf_frequency(c, "en"), c))

        main_syns = keep(by_pos[main_pos])[:MAX_SYNONYMS]
        others = set().union(*(c for pos, c in by_pos.items() if pos != main_pos)) - set(main_syns)
        other_syns = keep(others)[: max(0, MAX_SYNONYMS - len(main_syns))]
        if main_syns or other_syns:
            lines.append(w + "\t" + " ".join(main_syns) + "\t" + " ".join(other_syns))
    header = ("# word<TAB>synonyms of its main part of speech<TAB>other synonyms (WordNet 3.0 synsets + lemminflect,"
              " in the model's vocabulary). Regenerate with scripts/build_synonyms.py\n")
    OUT.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} words -> {OUT} ({OUT.stat().st_size // 1024} kB)")


if __name__ == "__main__":
    main()
