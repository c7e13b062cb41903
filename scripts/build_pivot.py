"""Regenerate qa/data/pivot.txt: for each common English word form, its *pivot neighbours*, the
English words that share a translation with it in another language (development time only).

Round-trip translation (English -> pivot language -> English) and machine translation replace a
word by another English word that shares a translation with it in the pivot language: German
"Regierung" is both "government" and "executive", Spanish "mandato" both "mandate" and "order",
French "conférence" both "conference" and "lecture". A word's pivot neighbours are therefore
the alternatives a mistranslated word most likely stands for.

Sources (FreeDict bilingual dictionaries, read from Debian's dict-freedict-* packages, files
/usr/share/dictd/freedict-XXX-YYY.dict.dz + .index; each dictionary's licence is the one its
Debian package states, GPL-2+/GPL-3+/CC-BY-SA; see docs/statistical-layer.md). For every language,
a bipartite graph foreign entry <-> English single word is built from both directions
(XXX-eng and eng-XXX); two English words are neighbours in that language when one foreign entry
with at most ``MAX_SENSES`` single-word English translations links them (a foreign word with
twenty translations links everything to everything). The count of languages that link two
words is their strength.

English words in the dictionaries are mostly lemmas; a surface form is looked up through its
lemmas (lemminflect) and each neighbour is inflected into the form's own tag ("rallies" ->
"meetings"). Only forms the n-gram model knows and wordfreq calls common are kept, at most
``MAX_NEIGHBOURS`` per word, strongest first. Each neighbour is written ``word:languages``.

Needs, at development time only: ``apt-get install dict-freedict-deu-eng dict-freedict-eng-deu
...`` (the list is ``LANGUAGES`` below) and ``pip install lemminflect``.

    .venv/bin/python scripts/build_pivot.py
"""

from __future__ import annotations

import gzip
import re
import sys
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import lemminflect
from wordfreq import top_n_list, zipf_frequency

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa.lm.model import load_model  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_related import forms_of as readings  # noqa: E402  (upos, lemma, tag) of a surface form

DICTD = Path("/usr/share/dictd")
OUT = ROOT / "qa" / "data" / "pivot.txt"
#: The pivot languages: every FreeDict pair with English that Debian packages and that has a
#: useful size (the tiny ones, a few hundred entries, add nothing).
LANGUAGES = ("deu", "spa", "fra", "ita", "por", "nld", "jpn", "rus", "tur", "swe", "pol", "ara",
             "ces", "dan", "hun", "fin", "ell", "ind", "bul", "hrv", "srp", "nor")
MIN_WORD_ZIPF = 2.8
MIN_REL_ZIPF = 3.0
MAX_SENSES = 6
MAX_NEIGHBOURS = 12
_B64 = {c: i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")}
_DROP = re.compile(r"<[^>]*>|\[[^\]]*\]|\([^)]*\)|/[^/]*/|\{[^}]*\}")
_SKIP = ("note:", "see:", "synonym", "antonym", "[spec", "see also")
_ENGLISH = re.compile(r"^[a-z]+$")


def _b64(s: str) -> int:
    n = 0
    for c in s:
        n = n * 64 + _B64[c]
    return n


def entries(name: str):
    """(headword, body lines) of one dictd dictionary."""
    base = DICTD / f"freedict-{name}"
    data = gzip.open(str(base) + ".dict.dz").read()
    seen = set()
    for line in (DICTD / f"freedict-{name}.index").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 3 or parts[0].startswith("00database"):
            continue
        head, off, size = parts[0], _b64(parts[1]), _b64(parts[2])
        if (head, off) in seen:
            continue
        seen.add((head, off))
        body = data[off : off + size].decode("utf-8", "replace").split("\n")[1:]
        yield head.strip().lower(), body


def pieces(lines) -> list[str]:
    """The translations an entry's body gives: pieces between commas and semicolons."""
    out = []
    for raw in lines:
        s = raw.strip()
        low = s.lower()
        if not s or any(low.startswith(p) for p in _SKIP) or "note:" in low:
            continue
        s = re.sub(r"^\d+\.\s*", "", s)
        s = _DROP.sub(" ", s)
        for p in re.split(r"[,;]", s):
            p = " ".join(p.split()).strip(" .!?\"'").lower()
            if p:
                out.append(p)
    return out


def english_word(p: str) -> str | None:
    if p.startswith("to "):
        p = p[3:]
    return p if _ENGLISH.match(p) else None


def foreign_entry(p: str) -> bool:
    """A translation, not an example sentence or a usage note."""
    return len(p.split()) <= 3 and not any(c in p for c in '"=…?!:') and " - " not in p


def language_links(lang: str) -> dict[str, set[str]]:
    """foreign entry -> English single words, from both directions of one language."""
    links: dict[str, set[str]] = defaultdict(set)
    if (DICTD / f"freedict-{lang}-eng.index").exists():
        for head, body in entries(f"{lang}-eng"):
            for p in pieces(body):
                e = english_word(p)
                if e:
                    links[head].add(e)
    if (DICTD / f"freedict-eng-{lang}.index").exists():
        for head, body in entries(f"eng-{lang}"):
            e = english_word(head)
            if e:
                for p in pieces(body):
                    if foreign_entry(p):
                        links[p].add(e)
    return links


def lemma_neighbours() -> dict[str, dict[str, int]]:
    """English word -> neighbour -> number of languages linking them."""
    strength: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for lang in LANGUAGES:
        pairs = set()
        for words in language_links(lang).values():
            if 2 <= len(words) <= MAX_SENSES:
                pairs.update(combinations(sorted(words), 2))
        for a, b in pairs:
            strength[a][b] += 1
            strength[b][a] += 1
        print(f"{lang}: {len(pairs)} pairs", file=sys.stderr)
    return strength


def main() -> None:
    model = load_model()
    strength = lemma_neighbours()
    vocab = [w for w in top_n_list("en", 120_000)
             if w.isalpha() and zipf_frequency(w, "en") >= MIN_WORD_ZIPF and model.knows(w)]

    def ok(c: str, w: str) -> bool:
        return c != w and model.knows(c) and zipf_frequency(c, "en") >= MIN_REL_ZIPF

    lines = []
    for w in sorted(vocab):
        score: dict[str, int] = defaultdict(int)
        for n, k in strength.get(w, {}).items():  # the form itself ("talks", "alleged")
            score[n] = max(score[n], k)
        for upos, lemma, tag in readings(w):
            own = set()
            for forms in lemminflect.getAllInflections(lemma, upos).values():
                own.update(forms)
            for n, k in strength.get(lemma, {}).items():
                inflected = lemminflect.getInflection(n, tag, inflect_oov=False) or ((n,) if tag in ("NN", "VB", "JJ", "RB") else ())
                for form in inflected[:1]:
                    if form not in own:
                        score[form] = max(score[form], k)
        kept = sorted((c for c in score if ok(c, w)), key=lambda c: (-score[c], -zipf_frequency(c, "en")))[:MAX_NEIGHBOURS]
        if kept:
            lines.append(w + "\t" + " ".join(f"{c}:{score[c]}" for c in kept))
    header = ("# word<TAB>pivot neighbours word:languages (English words sharing a translation in FreeDict "
              "dictionaries of " + str(len(LANGUAGES)) + " languages, GPL/CC-BY-SA; inflected with lemminflect; "
              "in the model's vocabulary). Regenerate with scripts/build_pivot.py\n")
    OUT.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} words -> {OUT} ({OUT.stat().st_size // 1024} kB)")


if __name__ == "__main__":
    main()
