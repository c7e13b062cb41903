"""Archive scale (issue 13): the Python API, ``qa check --dask`` and ``qa archive``.

A ``distributed.LocalCluster`` with two worker processes must give the local run's report
(findings, exit code, cache), lose no document when a worker is killed mid-run, and the
partitioned archive path must carry 100k articles through (memory is measured in bench/).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import FIXTURES, qa_executable

import qa
from qa.app import engine_parts
from qa.cluster.archive import run_archive
from qa.settings import Settings

distributed = pytest.importorskip("distributed")

DOCS = sorted(p for p in FIXTURES.rglob("*") if p.suffix in (".txt", ".md", ".html")
              and "expected" not in p.name and "config" not in p.parts)


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as lc, distributed.Client(lc) as client:
        yield client


def _json(report) -> dict:
    out = json.loads(qa.render(report, "json"))
    out.pop("summary", None)
    return out


def test_check_text_is_the_engine_report():
    report = qa.check_text("He said the the talks ended.\n", "x.txt", select=["DUP"])
    assert report.path == "x.txt" and report.words == 6
    assert all(f.rule.startswith("DUP") for f in report.findings)
    full = qa.check_text((FIXTURES / "articles" / "damaged-summit.txt").read_text(encoding="utf-8"))
    assert full.findings and "readability" in full.extras


def test_dask_run_equals_local_run(cluster, tmp_path):
    local = qa.check_paths([str(p) for p in DOCS], cache_dir=None, jobs=1)
    remote = qa.check_paths([str(p) for p in DOCS], cache_dir=None, dask=cluster)
    assert len(local.files) >= 10 and any(f.findings for f in local.files)
    assert _json(remote) == _json(local)
    assert qa.exit_code(remote) == qa.exit_code(local)


def test_cli_dask_same_output_exit_code_and_cache(cluster, tmp_path):
    address = cluster.scheduler.address
    paths = [str(p) for p in DOCS]
    base = [*qa_executable(), "check", "--format", "json"]
    local = subprocess.run([*base, "--no-cache", *paths], capture_output=True, cwd=tmp_path)
    cache = tmp_path / "cache"
    first = subprocess.run([*base, "--cache-dir", str(cache), "--dask", address, *paths], capture_output=True, cwd=tmp_path)
    again = subprocess.run([*base, "--cache-dir", str(cache), *paths], capture_output=True, cwd=tmp_path)
    assert first.returncode == local.returncode == again.returncode == 1, first.stderr
    assert first.stdout == local.stdout == again.stdout
    assert any(cache.rglob("*.json")) or any(p.is_file() for p in cache.rglob("*"))


def test_a_killed_worker_loses_no_document(cluster, tmp_path):
    text = (FIXTURES / "articles" / "damaged-summit.txt").read_text(encoding="utf-8")
    paths = []
    for i in range(24):
        p = tmp_path / f"doc{i:02d}.txt"
        p.write_text(text * 8 + f"\nParagraph number {i}.\n", encoding="utf-8")
        paths.append(str(p))
    local = qa.check_paths(paths, cache_dir=None, jobs=1)
    pids = list(cluster.run(os.getpid).values())
    killed = []

    def kill_one_when_busy():
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if any(cluster.processing().values()):
                time.sleep(0.3)
                os.kill(pids[0], signal.SIGKILL)
                killed.append(pids[0])
                return
            time.sleep(0.05)

    from qa.cluster import paths as cluster_paths

    old = cluster_paths.BATCH_FILES
    cluster_paths.BATCH_FILES = 2  # several tasks per worker, so one is surely running
    try:
        killer = threading.Thread(target=kill_one_when_busy)
        killer.start()
        remote = qa.check_paths(paths, cache_dir=None, dask=cluster)
        killer.join()
    finally:
        cluster_paths.BATCH_FILES = old
    assert killed, "no task was running to be interrupted"
    assert _json(remote) == _json(local)
    cluster.wait_for_workers(2, timeout=60)


def test_dask_without_dask_says_what_to_install(tmp_path):
    code = (
        "import sys; sys.modules['distributed'] = None; sys.argv = ['qa'] + sys.argv[1:];"
        "from qa.cli import main; main()"
    )
    doc = tmp_path / "a.txt"
    doc.write_text("Hello there.\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", code, "check", "--dask", "tcp://127.0.0.1:1", str(doc)],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == ["qa: error: --dask needs Dask installed: pip install 'mtqa[dask]'"]


def _articles(n: int) -> list[str]:
    """Short articles made from the fixtures' sentences (one damaged sentence in three)."""
    clean = "Officials met on Tuesday to discuss the budget. The vote is expected next week."
    damaged = "The minister said the talks had ended. The the vote is expected next week."
    return [damaged if i % 3 == 0 else clean for i in range(n)]


def _write_jsonl(path: Path, texts: list[str]) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for i, t in enumerate(texts):
            f.write(json.dumps({"id": f"a{i}", "text": t}) + "\n")


def test_archive_on_dask_equals_local_jsonl_and_parquet(cluster, tmp_path):
    pytest.importorskip("pyarrow")
    import pyarrow as pa
    import pyarrow.parquet as pq

    texts = _articles(300) + [(FIXTURES / "articles" / "damaged-summit.txt").read_text(encoding="utf-8")]
    src = tmp_path / "in.jsonl"
    _write_jsonl(src, texts)
    with open(src, "a", encoding="utf-8") as f:
        f.write('{"id": "broken", "txt": 1}\n')
    settings = Settings(cache_dir=None)
    local = run_archive([src], tmp_path / "local.jsonl", settings, engine_parts, partition_bytes=4096)
    remote = run_archive([src], tmp_path / "remote.jsonl", settings, engine_parts, dask=cluster, partition_bytes=4096)
    assert local.articles == remote.articles == len(texts) + 1 and local.partitions > 4
    assert local.errors == 1 and local.findings > 100
    assert (tmp_path / "local.jsonl").read_text() == (tmp_path / "remote.jsonl").read_text()
    table = pa.table({"id": [f"a{i}" for i in range(len(texts))], "text": texts})
    pq.write_table(table, tmp_path / "in.parquet", row_group_size=64)
    out = tmp_path / "out.parquet"
    summary = run_archive([tmp_path / "in.parquet"], out, settings, engine_parts, dask=cluster)
    assert summary.partitions == 5 and summary.findings == local.findings
    rows = pq.read_table(out).to_pylist()
    jsonl = [json.loads(line) for line in (tmp_path / "local.jsonl").read_text().splitlines()]
    assert [(r["id"], r["rule"], r["start"]) for r in rows] == [(r["id"], r["rule"], r["start"]) for r in jsonl if "rule" in r]


def test_100k_articles_through_the_partitioned_path(tmp_path):
    src = tmp_path / "many.jsonl"
    _write_jsonl(src, _articles(100_000))
    out = tmp_path / "findings.jsonl"
    summary = run_archive([src], out, Settings(cache_dir=None, select=("WO",)), engine_parts, partition_bytes=1 << 20)
    assert summary.articles == 100_000 and summary.errors == 0 and summary.partitions > 5
    per_damaged = len(qa.check_text(_articles(1)[0], select=["WO"]).findings)
    assert per_damaged >= 1 and summary.findings == per_damaged * len(range(0, 100_000, 3))
    with open(out, encoding="utf-8") as f:
        assert sum(1 for _ in f) == summary.findings


def test_archive_cli(tmp_path):
    src = tmp_path / "in.jsonl"
    _write_jsonl(src, _articles(10))
    proc = subprocess.run([*qa_executable(), "archive", str(src), "-o", str(tmp_path / "o.jsonl")],
                          capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert "in 10 articles" in proc.stderr
    bad = subprocess.run([*qa_executable(), "archive", str(src), "-o", str(tmp_path / "o.csv")],
                         capture_output=True, text=True, cwd=tmp_path)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr
