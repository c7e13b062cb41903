"""Scale rows of the benchmark (bench/run.py calls these): one document from 10 KB to 20 MB,
and an archive of short articles through ``qa archive`` (the partitioned path).

Each run is a whole ``qa`` process; wall time and CPU time (user + system, from ``wait4``)
are both reported, since on a shared machine the wall time mostly measures the neighbours.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import time
from pathlib import Path

SIZES = {"10 KB": 10 * 1024, "100 KB": 100 * 1024, "1 MB": 1 << 20, "5 MB": 5 << 20, "20 MB": 20 << 20}


def run(cmd: list[str], cwd: Path) -> tuple[float, float, float, int]:
    """(wall s, cpu s, peak RSS MB, exit status) of one whole process and its children."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    proc.stderr.close()  # type: ignore[union-attr]
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"bench: {' '.join(cmd[:4])} ... exited {code}:\n{err[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, code


def document(paragraphs: list[str], size: int, seed: int = 11) -> str:
    rng = random.Random(seed)
    out, n = [], 0
    while n < size:
        p = rng.choice(paragraphs)
        out.append(p)
        n += len(p) + 2
    return "\n\n".join(out)[:size] + "\n"


def linearity(qa: str, work: Path, paragraphs: list[str], sizes: dict[str, int]) -> None:
    """Print one row per size as it is measured (the 20 MB row takes minutes)."""
    print("| one document | wall (s) | CPU (s) | CPU per MB (s) | peak RSS (MB) | exit |\n|---|---:|---:|---:|---:|---:|", flush=True)
    for label, size in sizes.items():
        path = work / f"doc-{size}.txt"
        path.write_text(document(paragraphs, size), encoding="utf-8")
        wall, cpu, rss, code = run([qa, "check", "--no-cache", "--format", "json", path.name], work)
        print(f"| {label} | {wall:.2f} | {cpu:.2f} | {cpu / (size / 2**20):.2f} | {rss:.0f} | {code} |", flush=True)
        path.unlink()


def archive(qa: str, work: Path, paragraphs: list[str], articles: int) -> str:
    """``qa archive`` over a JSONL of short articles: throughput and peak memory."""
    rng = random.Random(5)
    src = work / "archive.jsonl"
    with open(src, "w", encoding="utf-8") as f:
        for i in range(articles):
            f.write(json.dumps({"id": f"a{i}", "text": rng.choice(paragraphs)}) + "\n")
    size = src.stat().st_size / 2**20
    out = work / "findings.jsonl"
    wall, cpu, rss, _ = run([qa, "archive", src.name, "-o", out.name, "--fail-on", "never"], work)
    found = sum(1 for _ in open(out, encoding="utf-8"))
    src.unlink()
    out.unlink()
    return (
        "| archive (qa archive, local, default checks) | articles | MB | wall (s) | CPU (s) | articles/s | findings | peak RSS (MB) |\n"
        "|---|---:|---:|---:|---:|---:|---:|---:|\n"
        f"| JSONL, 16 MB partitions | {articles} | {size:.0f} | {wall:.1f} | {cpu:.1f} | {articles / wall:.0f} | {found} | {rss:.0f} |\n"
    )
