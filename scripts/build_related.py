"""Regenerate qa/data/related.txt: for each common English word form, the related forms a
mistranslation or a spinner may have put in its place (development time only).

"Related" means, for the word's lemmas in WordNet 3.0:

- synonyms (the other words of each synset), adjective similars (``&``), and for nouns and
  verbs the co-hyponyms under a small hypernym ("conference" and "convention" under
  "meeting"; "minister" and "priest" under "clergyman"),
- derivation and pertainym links ("alleged" -> "allegedly", "relation" -> "relationship"),
- the other inflections of the word's own lemmas ("relation" -> "relations").

Same-part-of-speech relatives are inflected into the word's own form with lemminflect
("rallies" -> "protests", not "protest"). Only forms the n-gram model knows and wordfreq calls
common are kept, at most ``MAX_RELATED`` per word, commonest first. The run-time tool reads
the generated file and needs neither WordNet nor lemminflect.

Needs, at development time only: Debian's ``wordnet-base`` (WordNet 3.0 data files in
/usr/share/wordnet), and ``pip install lemminflect pocketsphinx wordfreq``.

    .venv/bin/python scripts/build_related.py
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import lemminflect
from wordfreq import top_n_list, zipf_frequency

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa.lm.model import load_model  # noqa: E402

WORDNET = Path("/usr/share/wordnet")
OUT = ROOT / "qa" / "data" / "related.txt"
MIN_WORD_ZIPF = 2.8  # forms looked up (rarer words are left alone at run time)
MIN_REL_ZIPF = 3.0  # forms offered as alternatives
MAX_RELATED = 12
MAX_SISTERS = 25  # a hypernym with more hyponyms than this is too general to make siblings
POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
UPOS = {"n": "NOUN", "v": "VERB", "a": "ADJ", "r": "ADV"}
WN_POS = {"NOUN": "n", "VERB": "v", "ADJ": "a", "ADV": "r"}


def read_wordnet():
    """synset id -> (pos, words, pointers); (lemma, pos) -> synset ids."""
    synsets: dict[str, tuple[str, list[str], list[tuple[str, str]]]] = {}
    index: dict[tuple[str, str], list[str]] = defaultdict(list)
    for p, name in POS_FILES.items():
        for line in (WORDNET / f"data.{name}").read_text(encoding="latin-1").splitlines():
            if line.startswith("  "):
                continue
            fields = line.split(" | ")[0].split()
            offset, ss_type = fields[0], fields[2]
            n = int(fields[3], 16)
            words = [fields[4 + 2 * k].lower().split("(")[0] for k in range(n)]
            k = 4 + 2 * n
            n_ptr = int(fields[k])
            ptrs = []
            for j in range(n_ptr):
                sym, off, ppos = fields[k + 1 + 4 * j : k + 4 + 4 * j]
                ptrs.append((sym, (off, "a" if ppos == "s" else ppos)))
            pos = "a" if ss_type == "s" else ss_type
            sid = (offset, pos)
            synsets[sid] = (pos, words, ptrs)
            for w in words:
                index[(w, pos)].append(sid)
    hyponyms: dict = defaultdict(list)
    for sid, (_, _, ptrs) in synsets.items():
        for sym, target in ptrs:
            if sym in ("@", "@i"):
                hyponyms[target].append(sid)
    return synsets, index, hyponyms


def relatives(lemma: str, pos: str, synsets, index, hyponyms) -> tuple[set[str], set[str]]:
    """(same-POS relatives, other-POS relatives) of a lemma, as lemmas."""
    same: set[str] = set()
    other: set[str] = set()
    for sid in index.get((lemma, pos), ()):
        _, words, ptrs = synsets[sid]
        same.update(words)
        for sym, target in ptrs:
            if target not in synsets:
                continue
            t_pos, t_words, _ = synsets[target]
            if sym == "&":
                same.update(t_words)
            elif sym in ("+", "\\", "<"):
                (same if t_pos == pos else other).update(t_words)
            elif sym == "@" and pos in ("n", "v"):
                sisters = hyponyms.get(target, ())
                if len(sisters) <= MAX_SISTERS:
                    for s in sisters:
                        same.update(synsets[s][1])
    same.discard(lemma)
    return {w for w in same if w.isalpha()}, {w for w in other if w.isalpha()}


def forms_of(word: str) -> list[tuple[str, str, str]]:
    """(upos, lemma, tag) readings of a surface form."""
    out = []
    for upos, lemmas in lemminflect.getAllLemmas(word).items():
        if upos not in WN_POS:
            continue
        for lemma in lemmas:
            for tag, forms in lemminflect.getAllInflections(lemma, upos).items():
                if word in forms:
                    out.append((upos, lemma.lower(), tag))
    return out


def main() -> None:
    model = load_model()
    synsets, index, hyponyms = read_wordnet()
    vocab = [w for w in top_n_list("en", 120_000)
             if w.isalpha() and zipf_frequency(w, "en") >= MIN_WORD_ZIPF and model.knows(w)]

    def ok(c: str, w: str) -> bool:
        return c != w and model.knows(c) and zipf_frequency(c, "en") >= MIN_REL_ZIPF

    lines = []
    for w in sorted(vocab):
        cands: set[str] = set()
        for upos, lemma, tag in forms_of(w):
            pos = WN_POS[upos]
            for forms in lemminflect.getAllInflections(lemma, upos).values():
                cands.update(forms)
            same, other = relatives(lemma, pos, synsets, index, hyponyms)
            for rel in same:
                inflected = lemminflect.getInflection(rel, tag, inflect_oov=False) or ((rel,) if tag in ("NN", "VB", "JJ", "RB") else ())
                cands.update(inflected)
            cands.update(other)
        for pos in POS_FILES:  # the form itself as a WordNet lemma ("alleged" the adjective)
            if (w, pos) in index:
                same, other = relatives(w, pos, synsets, index, hyponyms)
                cands.update(same if not forms_of(w) else ())
                cands.update(other)
        kept = sorted((c for c in cands if ok(c, w)), key=lambda c: -zipf_frequency(c, "en"))[:MAX_RELATED]
        if kept:
            lines.append(w + "\t" + " ".join(kept))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    header = "# word<TAB>related forms (WordNet 3.0 + lemminflect, in the model's vocabulary). Regenerate with scripts/build_related.py\n"
    OUT.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} words -> {OUT} ({OUT.stat().st_size // 1024} kB)")


if __name__ == "__main__":
    main()
