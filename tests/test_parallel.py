"""Parallel checking: the same report as one process, in order; few files stay in-process;
Ctrl-C ends a parallel run promptly with no partial files."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from conftest import FIXTURES, qa_executable, run_qa

import qa.parallel as parallel
from qa.app import engine_parts
from qa.run import Target
from qa.settings import Settings

DAMAGED = FIXTURES / "articles" / "damaged-summit.txt"
CLEAN = FIXTURES / "articles" / "clean-wire.txt"
HELP = run_qa("check", "--help").stdout
FAST = ("--grammar", "off") if b"--grammar" in HELP else ()


def make_corpus(root: Path, n: int, repeat: int = 1) -> list[Path]:
    texts = [DAMAGED.read_text(encoding="utf-8"), CLEAN.read_text(encoding="utf-8")]
    paths = []
    for i in range(n):
        p = root / f"doc{i:03d}.txt"
        p.write_text((texts[i % 2] + f"\nParagraph number {i}.\n\n") * repeat, encoding="utf-8")
        paths.append(p)
    return paths


def test_parallel_report_equals_serial_report(qa, tmp_path):
    make_corpus(tmp_path, 3 * parallel.MIN_PARALLEL)
    args = ("check", "--format", "json", "--fail-on", "never", "--no-cache", *FAST)
    serial = qa(*args, "-j", "1", ".", cwd=tmp_path)
    par = qa(*args, "-j", "2", ".", cwd=tmp_path)
    assert par.returncode == serial.returncode == 0, par.err
    assert par.out == serial.out
    files = json.loads(par.out)["files"]
    assert [f["path"] for f in files] == sorted(f["path"] for f in files)
    assert sum(1 for f in files if f["findings"]) == len(files) // 2


def _jobs(paths, settings=Settings(grammar="off")):
    """Jobs for :func:`parallel.check_all` (with ``engine_parts`` as its builder)."""
    return [(Target(p, p.name), settings) for p in paths]


def test_few_files_do_not_start_workers(tmp_path, monkeypatch):
    def no_pool(*a, **k):
        raise AssertionError("a process pool was started for a few files")

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", no_pool)
    paths = make_corpus(tmp_path, 2)
    reports, errors = parallel.check_all(_jobs(paths), engine_parts, workers=8)
    assert [r.path for r in reports] == ["doc000.txt", "doc001.txt"] and errors == []
    assert reports[0].findings and not reports[1].findings


def test_default_jobs_stay_in_process_on_a_busy_machine(tmp_path, monkeypatch):
    def no_pool(*a, **k):
        raise AssertionError("a pool was started with no CPU to spare")

    monkeypatch.setattr(parallel, "POOL_WORTH", 0.0)
    monkeypatch.setattr(parallel, "spare_cpus", lambda: 1)
    monkeypatch.setattr(parallel, "ProcessPoolExecutor", no_pool)
    paths = make_corpus(tmp_path, parallel.MIN_PARALLEL * 2)
    reports, errors = parallel.check_all(_jobs(paths), engine_parts)  # --jobs default
    assert len(reports) == len(paths) and errors == []


def test_pool_keeps_the_order_of_the_files(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "POOL_WORTH", 0.0)  # a pool however cheap the work
    paths = make_corpus(tmp_path, parallel.MIN_PARALLEL * 2)
    reports, errors = parallel.check_all(_jobs(paths[::-1]), engine_parts, workers=2)
    assert errors == []
    assert [r.path for r in reports] == [p.name for p in paths[::-1]]
    assert [bool(r.findings) for r in reports] == [i % 2 == 0 for i in range(len(paths))][::-1]


def test_a_crash_in_one_file_is_an_error_for_that_file_only(tmp_path, monkeypatch):
    real = parallel.check_target

    def flaky(target, engine, extra, *options):
        if target.display == "doc001.txt":
            raise RuntimeError("boom")
        return real(target, engine, extra, *options)

    monkeypatch.setattr(parallel, "check_target", flaky)
    reports, _ = parallel.check_all(_jobs(make_corpus(tmp_path, 3)), engine_parts, workers=1)
    assert [r.errors for r in reports][0] == [] and reports[2].errors == []
    assert reports[1].errors == ["doc001.txt: internal error while checking: RuntimeError: boom (please report this)"]


def _children(pid: int) -> list[int]:
    try:
        return [int(x) for x in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc to see the workers")
def test_ctrl_c_stops_a_parallel_run_promptly(tmp_path):
    (tmp_path / "docs").mkdir()
    make_corpus(tmp_path / "docs", 120, repeat=60)
    args = ["check", "-j", "2", "--cache-dir", str(tmp_path / "cache"), "docs"]
    if b"--output" in HELP:
        args[1:1] = ["--output", str(tmp_path / "report.json")]
    proc = subprocess.Popen([*qa_executable(), *args], cwd=tmp_path, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while len(_children(proc.pid)) < 2 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    workers = _children(proc.pid)
    assert proc.poll() is None and workers, "the run ended before it could be interrupted"
    time.sleep(1.0)  # let the workers get going
    os.killpg(proc.pid, signal.SIGINT)
    sent = time.monotonic()
    out, err = proc.communicate(timeout=30)
    assert time.monotonic() - sent < 10
    assert proc.returncode == 130
    text = err.decode()
    assert "Traceback" not in text and "interrupted" in text
    assert all(line.startswith("qa: ") for line in text.splitlines()), text
    assert not (tmp_path / "report.json").exists()
    leftovers = [p for p in tmp_path.rglob("*") if p.name.startswith(".tmp") or p.name.endswith(".tmp")]
    assert leftovers == []
    time.sleep(0.5)
    for pid in workers:
        assert not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text().split()[2]


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc to see the workers")
@pytest.mark.parametrize("signum, status", [(signal.SIGTERM, 128 + signal.SIGTERM), (signal.SIGINT, 130)])
def test_term_or_int_to_the_parent_alone_stops_the_workers(tmp_path, signum, status):
    """Issue 14.4: a signal to the parent only (as ``kill PID`` sends) must not orphan workers."""
    (tmp_path / "docs").mkdir()
    make_corpus(tmp_path / "docs", 120, repeat=60)
    out = tmp_path / "report.json"
    proc = subprocess.Popen([*qa_executable(), "check", "-j", "2", "--no-cache", "-o", str(out), "docs"],
                            cwd=tmp_path, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while len(_children(proc.pid)) < 2 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        workers = _children(proc.pid)
        assert proc.poll() is None and len(workers) >= 2, "the run ended before it could be signalled"
        time.sleep(0.5)
        os.kill(proc.pid, signum)
        _, err = proc.communicate(timeout=30)
        assert proc.returncode == status, err
        assert "Traceback" not in err.decode() and not out.exists()
        deadline = time.monotonic() + 10
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(_alive(pid) for pid in workers), "workers outlived the parent"
    finally:  # whatever happened, leave no process of this run behind (workers keep the group)
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.communicate()


def _alive(pid: int) -> bool:
    try:
        return "Z" not in Path(f"/proc/{pid}/stat").read_text().split()[2]
    except OSError:
        return False
