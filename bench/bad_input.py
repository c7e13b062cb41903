"""Bad-input battery with figures: hostile shapes run as whole `qa` processes, timed, with peak
memory. Tests prove the behaviour (no hang, linear work); this measures it.

    .venv/bin/python bench/bad_input.py               # feeds of 1k and 10k items, 25k findings
    .venv/bin/python bench/bad_input.py --items 100000

Each case prints wall seconds and peak resident memory (``wait4`` rusage). Inputs are generated
in a temporary directory, never in the repository.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def feed(path: Path, items: int) -> Path:
    """An RSS feed of ``items`` short items, each with one finding (a foreign abbreviation)."""
    with open(path, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>T</title>\n')
        for i in range(items):
            out.write(f"<item>\n<title>Item {i}</title>\n<description>The minister said item {i} was seen in the VRC.</description>\n</item>\n")
        out.write("</channel></rss>\n")
    return path


def many_findings(folder: Path, findings: int) -> list[str]:
    """Plain-text files with ``findings`` findings in all (foreign abbreviations), at most
    10,000 per file (a document is limited to 256 KB of text)."""
    line = "In the VRC, the VRC said.\n"  # 26 characters, two findings
    names = []
    for k in range(0, findings, 10000):
        path = folder / f"many-{k // 10000}.txt"
        path.write_text(line * (min(10000, findings - k) // 2), encoding="utf-8")
        names.append(path.name)
    return names


def run(label: str, *args: str, cwd: Path) -> None:
    start = time.perf_counter()
    proc = subprocess.Popen([str(BIN / "qa"), *args], cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode("utf-8", "replace").strip().splitlines() if proc.stderr else []
    code = os.waitstatus_to_exitcode(status)
    print(f"{label:<42} {wall:8.2f} s {usage.ru_maxrss / 1024:8.0f} MB  exit {code}  {err[-1][:60] if err else ''}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", type=int, nargs="*", default=[1000, 10000], help="feed sizes (items)")
    ap.add_argument("--findings", type=int, default=25000, help="findings in the HTML report case")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        for n in args.items:
            f = feed(d / f"feed-{n}.xml", n)
            run(f"feed, {n} items ({f.stat().st_size // 1024} KB), json", "check", "--no-cache", "-f", "json", f.name, cwd=d)
        names = many_findings(d, args.findings)
        for fmt in ("json", "html"):
            run(f"{args.findings} findings, {fmt}", "check", "--no-cache", "-f", fmt, "-o", f"out.{fmt}", *names, cwd=d)
        odd = d / "odd"
        odd.mkdir()
        os.mkfifo(odd / "pipe.txt")
        (odd / "dev.txt").symlink_to("/dev/zero")
        (odd / "a.txt").write_text("A fine sentence.\n", encoding="utf-8")
        run("directory with a FIFO and a /dev/zero link", "check", "--no-cache", "odd", cwd=d)
        run("/dev/zero named", "check", "--no-cache", "/dev/zero", cwd=d)


if __name__ == "__main__":
    main()
