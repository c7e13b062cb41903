"""Benchmark reference mode: a 200 KB copy against a 200 KB original, on one core.

    .venv/bin/python bench/reference.py [--kb 200] [--runs 5] [--difflib] [--cli]

Generates (seeded, never written into the repository) an original of ``--kb`` KB of
news-like sentences from a Zipf-distributed vocabulary, and a copy of it damaged the way
syndication damages text: 12 % of the words replaced (``--replace``), 3 % of the sentences dropped, 2 % moved,
a duplicated paragraph and page furniture every 40 sentences. Reports the median time of
reading both texts and comparing them (alignment, moves, classification, findings, summary),
with the share of that spent in each stage. Times are CPU time of this process
(``time.process_time``), i.e. one core's work, so that other load on the machine does not count.

``--difflib`` runs the same comparison with difflib.SequenceMatcher in place of rapidfuzz for
the windowed alignment (the measurement behind choosing rapidfuzz); ``--cli`` also times the
whole ``qa check --against`` process (reading, every normal rule on the copy, reference mode).
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa.reference import align  # noqa: E402
from qa.reference.compare import compare  # noqa: E402
from qa.reference.rules import findings  # noqa: E402
from qa.reference.summary import summarise  # noqa: E402
from qa.source import Source  # noqa: E402

SYLLABLES = "ba be bi bo bu da de di do ka ke ki ko la le li lo ma me mi mo na ne ni no ra re ri ro sa se si so ta te ti to va ve vi".split()


def vocabulary(rng: random.Random, n: int = 6000) -> list[str]:
    words = set()
    while len(words) < n:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.choice((1, 2, 2, 3, 3, 4)))))
    return sorted(words)


def sentence(rng: random.Random, vocab: list[str], weights: list[float]) -> str:
    words = rng.choices(vocab, weights, k=rng.randint(8, 30))
    if rng.random() < 0.3:
        words[rng.randrange(len(words))] = str(rng.randint(2, 99999))
    if rng.random() < 0.2:
        i = rng.randrange(len(words))
        words[i] = words[i].capitalize()
    text = " ".join(words)
    if rng.random() < 0.15:
        text = f"“{text},” said {rng.choice(vocab).capitalize()}"
    return text[0].upper() + text[1:] + "."


def make_pair(kb: int, replace: float = 0.12, seed: int = 15) -> tuple[str, str]:
    rng = random.Random(seed)
    vocab = vocabulary(rng)
    weights = [1 / (k + 1) for k in range(len(vocab))]
    sentences: list[str] = []
    while sum(len(s) + 1 for s in sentences) < kb * 1024:
        sentences.append(sentence(rng, vocab, weights))
    copy: list[str] = []
    moved: list[str] = []
    for k, s in enumerate(sentences):
        r = rng.random()
        if r < 0.03:
            continue  # dropped
        if r < 0.05:
            moved.append(s)
            continue
        words = s.split(" ")
        for i in range(len(words)):
            if rng.random() < replace:
                words[i] = rng.choice(vocab)
        copy.append(" ".join(words))
        if k % 40 == 39:
            copy.append("Advertisement. Share this article on Facebook Twitter Email.")
        if moved and rng.random() < 0.1:
            copy.append(moved.pop())
    copy.extend(moved)
    copy.insert(len(copy) // 2, copy[len(copy) // 3])  # a duplicated passage

    def paragraphs(items: list[str]) -> str:
        return "\n\n".join(" ".join(items[i : i + 4]) for i in range(0, len(items), 4)) + "\n"

    return paragraphs(sentences), paragraphs(copy)


def _difflib_exact(a, b, alo, ahi, blo, bhi, out):
    from difflib import SequenceMatcher

    for i, j, n in SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=False).get_matching_blocks():
        if n:
            out.append((alo + i, blo + j, n))


def run_once(original_text: str, copy_text: str) -> tuple[float, dict[str, float], int]:
    stages: dict[str, float] = {}
    t0 = time.process_time()
    original, copy = Source("original.txt", original_text), Source("copy.txt", copy_text)
    _ = original.tokens, copy.tokens
    t1 = time.process_time()
    comparison = compare(original, copy)
    t2 = time.process_time()
    found = findings(comparison)
    summarise(comparison, "original.txt")
    t3 = time.process_time()
    stages["read + tokens"] = t1 - t0
    stages["align + classify"] = t2 - t1
    stages["findings + summary"] = t3 - t2
    return t3 - t0, stages, len(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kb", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--replace", type=float, default=0.12, help="share of the copy's words replaced (default 0.12)")
    parser.add_argument("--difflib", action="store_true", help="align windows with difflib instead of rapidfuzz")
    parser.add_argument("--cli", action="store_true", help="also time the whole 'qa check --against' process")
    args = parser.parse_args()
    original, copy = make_pair(args.kb, args.replace)
    if args.difflib:
        align._exact = _difflib_exact
    times, last = [], None
    for _ in range(args.runs):
        total, stages, count = run_once(original, copy)
        times.append(total)
        last = (stages, count)
    stages, count = last
    engine = "difflib" if args.difflib else "rapidfuzz"
    print(f"original {len(original) / 1024:.0f} KB, copy {len(copy) / 1024:.0f} KB, windows: {engine}")
    print(f"reference mode: median {statistics.median(times):.3f} s of {args.runs} runs (min {min(times):.3f} s), {count} findings")
    for name, seconds in stages.items():
        print(f"  {name:<20} {seconds:.3f} s")
    if args.cli:
        with tempfile.TemporaryDirectory() as tmp:
            o, c = Path(tmp) / "original.txt", Path(tmp) / "copy.txt"
            o.write_text(original, encoding="utf-8")
            c.write_text(copy, encoding="utf-8")
            qa = Path(sys.executable).with_name("qa")
            start = time.perf_counter()
            subprocess.run([str(qa), "check", "--no-cache", "-j", "1", "--against", str(o), "--format", "json", str(c)],
                           capture_output=True, check=False)
            print(f"qa check --against (whole process, every rule): {time.perf_counter() - start:.2f} s wall")


if __name__ == "__main__":
    main()
