"""Load check of ``qa serve``: N concurrent clients posting realistic articles for T seconds.

    .venv/bin/python bench/serve_load.py --clients 20 --seconds 30

Starts the real server (``qa serve --port 0``) in a child process, then runs N client threads,
each posting articles in turn to ``POST /api/check`` over its own HTTP connections. The articles
are the project's fixtures and, when present, ../shared/corpus/dev (read, never copied into the
repository), each given a distinct last line so that nothing can be answered from a cache.
Prints requests per second, p50/p95/max latency, the error count (any non-200 or failed
connection) and the server's peak resident memory.
"""

from __future__ import annotations

import argparse
import json
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "dev"


def articles(corpus: Path) -> list[str]:
    files = sorted((ROOT / "fixtures" / "articles").glob("*.txt")) + sorted((ROOT / "fixtures" / "clean").glob("*.txt"))
    if corpus.is_dir():
        files += sorted(corpus.glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in files]


def start() -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "qa", "serve", "--port", "0"], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    line = proc.stdout.readline()
    match = re.search(r"http://\S+?/", line)
    if not match:
        proc.kill()
        sys.exit(f"the server did not start: {line!r}")
    return proc, match.group().rstrip("/")


def peak_rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="more articles (default ../shared/corpus/dev)")
    args = parser.parse_args()

    texts = articles(args.corpus)
    proc, url = start()
    latencies: list[float] = []
    errors: list[str] = []
    words = 0
    lock = threading.Lock()
    stop_at = time.monotonic() + args.seconds
    counter = iter(range(10**9))

    def client(k: int) -> None:
        nonlocal words
        i = k
        while time.monotonic() < stop_at:
            text = texts[i % len(texts)] + f"\nFiled by desk {next(counter)}.\n"
            i += args.clients
            body = json.dumps({"text": text, "filename": f"a{k}.txt"}).encode()
            request = urllib.request.Request(url + "/api/check", data=body, headers={"content-type": "application/json"})
            t0 = time.perf_counter()
            try:
                with urllib.request.urlopen(request, timeout=120) as response:
                    response.read()
                    ok = response.status == 200
            except Exception as exc:  # any failure counts as an error
                ok = False
                with lock:
                    errors.append(f"{type(exc).__name__}: {exc}")
            elapsed = time.perf_counter() - t0
            with lock:
                if ok:
                    latencies.append(elapsed)
                    words += len(text.split())

    threads = [threading.Thread(target=client, args=(k,)) for k in range(args.clients)]
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - began
    rss = peak_rss_kb(proc.pid)
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=30)

    latencies.sort()
    n = len(latencies)
    print(f"qa serve load: {args.clients} clients, {wall:.1f} s, {len(texts)} distinct articles")
    print(f"  requests ok  {n}  ({n / wall:.1f}/s, {words / wall:,.0f} words/s)")
    if n:
        p95 = latencies[min(n - 1, int(0.95 * n))]
        print(f"  latency      p50 {statistics.median(latencies) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms")
    print(f"  errors       {len(errors)}" + (f"  (first: {errors[0]})" if errors else ""))
    print(f"  server peak RSS {rss / 1024:.0f} MB")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
