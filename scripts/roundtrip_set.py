#!/usr/bin/env python3
"""Build a labelled set of round-trip damage from the project's own clean texts (issue 10).

Development time only: needs Debian's Apertium (``apt-get install apertium apertium-eng-spa
apertium-eng-cat``); nothing in ``qa`` imports this. Each clean text is sent English -> pivot ->
English (``apertium -u eng-spa | apertium -u spa-eng``, likewise Catalan), each line of the
result is aligned with its original line (difflib on word and punctuation tokens, compared in
lower case), and every difference is labelled:

- ``substituted``: a content word replaced (-> ``mistranslated_word``, confident)
- ``moved``: a word deleted at one place and inserted at another on the same line
  (-> ``garbled_word_order``, confident)
- ``function``: a function word inserted, deleted or swapped for another
  (-> ``garbled_word_order``, low confidence: many are harmless, "the officials")
- ``content-edit``, ``variant``, ``case``, ``punctuation``: a content word inserted or deleted,
  a spelling variant (stabilise -> stabilize), a changed capital, changed punctuation or spacing
  (-> ``other``, low confidence)

Output in OUT (default /tmp/roundtrip-set): ``tune/`` and ``test/`` (sources split into halves
by file, both pivots of a source in the same half; cases 000- and 500-), each in the corpus annotation format of
``../shared/corpus`` (NNN.txt + NNN.json, positives are round trips, negatives the originals),
so ``../shared/tools/score_corpus.py`` scores a ``qa check --format json`` report on it; and
``labels.jsonl``, one line per labelled difference.

    python3 scripts/roundtrip_set.py [OUT] [--pivots spa,cat]
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("fixtures/clean/*.txt", "fixtures/spun/*.txt", "fixtures/articles/clean-wire.txt")  # Markdown tables left out: they are not prose and read as plain text they are not clean
TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]")
FUNCTION = frozenset(
    """a an the this that these those my your his her its our their some any no each every all
    i you he she it we they me him us them who whom whose which what where when
    be is are was were been being am have has had having do does did will would can could may might
    must shall should of in on at by for from to with without into onto over under about above
    below between among through during before after against across along around since until
    within upon than as and or but nor so yet because although though while whereas if unless
    not there then also""".split()
)
CATEGORY = {  # label -> (corpus category, confident)
    "substituted": ("mistranslated_word", True),
    "moved": ("garbled_word_order", True),
    "function": ("garbled_word_order", False),
    "content-edit": ("other", False),
    "variant": ("other", False),
    "case": ("other", False),
    "punctuation": ("other", False),
}


def tokens(line: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(line)]


def is_word(tok: str) -> bool:
    return tok[0].isalnum() or tok[0] == "_"


def is_content(tok: str) -> bool:
    return is_word(tok) and tok.lower() not in FUNCTION and not tok[0].isdigit()


def variant(a: list[str], b: list[str]) -> bool:
    """One word for one word, spelled nearly alike: stabilise/stabilize, labour/labor."""
    if len(a) != 1 or len(b) != 1:
        return False
    x, y = a[0].lower(), b[0].lower()
    return x[:3] == y[:3] and difflib.SequenceMatcher(None, x, y).ratio() >= 0.8


def label_line(orig: str, trip: str) -> list[dict]:
    """The labelled differences of one round-tripped line: start/end into ``trip``, label, before, after."""
    a, b = tokens(orig), tokens(trip)
    al, bl = [t[2].lower() for t in a], [t[2].lower() for t in b]
    ops = [op for op in difflib.SequenceMatcher(None, al, bl, autojunk=False).get_opcodes()]
    out: list[dict] = []
    for tag, i1, i2, j1, j2 in ops:  # capitals changed inside equal stretches, not at a sentence start
        if tag == "equal":
            for i, j in zip(range(i1, i2), range(j1, j2)):
                if a[i][2] != b[j][2] and not (_initial(a, i) or _initial(b, j)):
                    out.append(_item(b, j, j + 1, "case", [a[i][2]], [b[j][2]]))
    deleted = Counter(al[i] for tag, i1, i2, _, _ in ops if tag in ("delete", "replace") for i in range(i1, i2) if is_word(al[i]))
    inserted = Counter(bl[j] for tag, _, _, j1, j2 in ops if tag in ("insert", "replace") for j in range(j1, j2) if is_word(bl[j]))
    moved_in, moved_out = deleted & inserted, deleted & inserted  # words that left one place for another
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            continue
        same = tag == "replace" and set(al[i1:i2]) & set(bl[j1:j2])  # kept inside one edit: not a move
        before, after = [], []
        for i in range(i1, i2):
            if moved_out[al[i]] > 0 and not (same and al[i] in same):
                moved_out[al[i]] -= 1
            else:
                before.append(a[i][2])
        for j in range(j1, j2):
            if moved_in[bl[j]] > 0 and not (same and bl[j] in same):
                moved_in[bl[j]] -= 1
                out.append(_item(b, j, j + 1, "moved", [], [b[j][2]]))
            else:
                after.append(b[j][2])
        label = _classify([w for w in before if is_word(w)], [w for w in after if is_word(w)], before, after)
        if label is None:
            continue
        lo, hi = (j1, j2) if j2 > j1 else (max(j1 - 1, 0), min(j1 + 1, len(b)))  # a gap: the words around it
        if hi > lo:
            out.append(_item(b, lo, hi, label, before, after))
    return sorted(out, key=lambda x: (x["start"], x["end"]))


def _initial(toks, k) -> bool:
    return k == 0 or toks[k - 1][2] in ".!?:\"“‘'(-—"


def _classify(words_a, words_b, before, after) -> str | None:
    if not words_a and not words_b:
        return "punctuation" if before or after else None
    if any(map(is_content, words_a)) and any(map(is_content, words_b)):
        return "variant" if variant(words_a, words_b) else "substituted"
    if any(map(is_content, words_a + words_b)):
        return "content-edit"
    return "function"


def _item(b, lo, hi, label, before, after) -> dict:
    return {"start": b[lo][0], "end": b[hi - 1][1], "label": label, "before": " ".join(before), "after": " ".join(after)}


def round_trip(text: str, pivot: str) -> str:
    run = lambda pair, s: subprocess.run(["apertium", "-u", pair], input=s, capture_output=True, text=True, check=True).stdout
    return run(f"{pivot}-eng", run(f"eng-{pivot}", text))


def label_document(orig: str, trip: str) -> tuple[str, list[dict]]:
    """Align line by line (Apertium keeps line breaks); the trip text and its labels with document offsets."""
    lines_o, lines_t = orig.split("\n"), trip.rstrip("\n").split("\n") + [""] * (orig.endswith("\n"))
    if len(lines_o) != len(lines_t):
        raise ValueError(f"line count changed {len(lines_o)} -> {len(lines_t)}")
    labels, offset = [], 0
    for lo, lt in zip(lines_o, lines_t):
        for x in label_line(lo, lt):
            labels.append({**x, "start": x["start"] + offset, "end": x["end"] + offset})
        offset += len(lt) + 1
    return "\n".join(lines_t), labels


def artifacts(text: str, labels: list[dict]) -> list[dict]:
    out = []
    for x in labels:
        category, confident = CATEGORY[x["label"]]
        a = {"text": text[x["start"]:x["end"]], "start": x["start"], "category": category,
             "note": f"{x['label']}: '{x['before']}' -> '{x['after']}'"}
        out.append(a if confident else {**a, "confidence": "low"})
    return out


def write_case(folder: Path, n: int, text: str, kind: str, source: str, arts: list[dict]) -> None:
    (folder / f"{n:03d}.txt").write_text(text, encoding="utf-8")
    meta = {"source": source, "kind": kind, "artifacts": arts}
    (folder / f"{n:03d}.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False), encoding="utf-8")


def build(out: Path, pivots: list[str]) -> Counter:
    sources = sorted({p for pattern in SOURCES for p in ROOT.glob(pattern)})
    if out.exists():
        shutil.rmtree(out)
    counts: Counter = Counter()
    with open(_mk(out) / "labels.jsonl", "w", encoding="utf-8") as labels_file:
        for path, name in halves(sources):
            half = _mk(out / name)
            orig = path.read_text(encoding="utf-8")
            n = len(list(half.glob("*.json"))) + (500 if name == "test" else 0)  # case ids unique across halves
            rel = str(path.relative_to(ROOT))
            write_case(half, n, orig, "negative", rel, [])
            counts[half.name + " words"] += len(orig.split())
            for p, pivot in enumerate(pivots, 1):
                try:
                    trip, labels = label_document(orig, round_trip(orig, pivot))
                except (ValueError, subprocess.CalledProcessError) as e:
                    print(f"{rel} via {pivot}: skipped ({e})", file=sys.stderr)
                    continue
                write_case(half, n + p, trip, "positive", f"{rel} via eng-{pivot}-eng", artifacts(trip, labels))
                for x in labels:
                    counts[f"{half.name} {x['label']}"] += 1
                    labels_file.write(json.dumps({"case": f"{half.name}/{n + p:03d}", "source": rel, "pivot": pivot, **x}, ensure_ascii=False) + "\n")
    return counts


def halves(sources: list[Path]) -> list[tuple[Path, str]]:
    """Each source to "tune" or "test", the larger files first to the half with fewer words."""
    words = {"tune": 0, "test": 0}
    out = []
    for path in sorted(sources, key=lambda p: (-len(p.read_text(encoding="utf-8").split()), p.name)):
        name = min(words, key=lambda h: (words[h], h == "test"))
        words[name] += len(path.read_text(encoding="utf-8").split())
        out.append((path, name))
    return sorted(out)


def _mk(p: Path) -> Path:
    p.mkdir(parents=True, exist_ok=True)
    return p


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", nargs="?", default="/tmp/roundtrip-set", type=Path)
    ap.add_argument("--pivots", default="spa,cat", help="Apertium languages paired with eng (default spa,cat)")
    args = ap.parse_args(argv)
    if not shutil.which("apertium"):
        print("roundtrip_set: apertium not found (apt-get install apertium apertium-eng-spa apertium-eng-cat)", file=sys.stderr)
        return 2
    counts = build(args.out, args.pivots.split(","))
    for key in sorted(counts):
        print(f"{key:28s} {counts[key]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
