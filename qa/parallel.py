"""Check many documents: through the cache first, then in-process, then a pool when it pays.

The parent checks the first documents itself and measures what a byte of text costs. When
the work left is worth more than starting workers (:data:`POOL_WORTH` seconds of one core),
it forks a pool for the rest: the engines, lexicons and word tables the first documents
loaded are already in memory, so forked workers start warm and share them copy-on-write
(``gc.freeze`` keeps the collector from touching, and so copying, those pages). Where the
platform cannot fork, workers build their own Checker once. With ``--jobs`` at its default,
only CPUs the machine has to spare count (:func:`spare_cpus`): on a saturated machine the
scheduler gives a session no more CPU for more processes, so a pool there would only add
its own cost and the run stays in-process.

Workers ignore SIGINT and die on SIGTERM; the parent turns SIGTERM into :class:`Terminated`
while the pool runs, and either signal stops the pool at once (no worker is left blocked on
a pipe). Workers send back only what a report needs (findings, counts, extras; not the
document). Results come back in the order the files were named.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Callable, Iterator, Sequence

from qa.errors import Terminated
from qa.readers import MAX_BYTES
from qa.run import FileReport, Target, check_target
from qa.settings import Settings

#: Fewer files than this left to check: a pool is never started.
MIN_PARALLEL = 12
#: At most this many files per task sent to a worker (small enough to balance the load).
MAX_CHUNK = 16
#: Start a pool only when the work left is estimated at more than this (seconds on one core).
POOL_WORTH = 1.0
#: Documents checked in-process (after the first, which pays for loading) before estimating.
MEASURE = 2

Job = tuple[Target, Settings]
#: Settings -> (engine, annotators), building the engine once (qa.app.engine_parts).
Build = Callable[[Settings, list], tuple]
Result = tuple[int, list[FileReport], list[str]]


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


class Checker:
    """Checks documents with one Engine (and its annotators) per distinct Settings."""

    def __init__(self, build: Build) -> None:
        self._build = build
        self._engines: dict[Settings, tuple] = {}

    def prepare(self, settings: Settings) -> tuple:
        if settings not in self._engines:
            errors: list[str] = []
            engine, extra = self._build(settings, errors)
            self._engines[settings] = (engine, extra, errors)
        return self._engines[settings]

    def check(self, target: Target, settings: Settings) -> tuple[list[FileReport], list[str]]:
        """The reports for one target, and the errors met building its engine (broken packs)."""
        engine, extra, errors = self.prepare(settings)
        try:
            return check_target(target, engine, extra, settings.html), errors
        except Exception as exc:  # a bug in one rule must not lose the other files' results
            problem = f"internal error while checking: {type(exc).__name__}: {exc} (please report this)"
            return [FileReport(target.display, errors=[f"{target.display}: {problem}"])], errors


_checker: Checker | None = None


def _init_worker(build: Build | None) -> None:
    global _checker
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and ends us
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent's handler is not ours
    _die_with_parent()
    if _checker is None or build is not None:  # spawned, not forked: build our own
        _checker = Checker(build)  # type: ignore[arg-type]


def _die_with_parent() -> None:
    """Linux: get SIGTERM if the parent dies without stopping us (SIGKILL, a crash)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError, TypeError):
        pass


def _run_chunk(chunk: list[tuple[int, Target, Settings]]) -> list[Result]:
    assert _checker is not None
    out = []
    for i, target, settings in chunk:
        reports, errors = _checker.check(target, settings)
        for r in reports:
            r.source = None  # the parent reads the file again if a format needs the text
        out.append((i, reports, errors))
    return out


def run_jobs(jobs: Sequence[Job], workers: int, checker: Checker, auto: bool = False) -> Iterator[Result]:
    """Yield ``(index, reports, engine_errors)`` for each job, in completion order. ``auto``
    (``--jobs`` left at its default): use only the CPUs the machine has to spare."""
    sizes = [_size(target) for target, _ in jobs]
    left = sum(sizes)
    spent = measured = 0.0
    for i, (target, settings) in enumerate(jobs):
        if workers > 1 and i > MEASURE and len(jobs) - i >= MIN_PARALLEL:
            usable = min(workers, spare_cpus()) if auto else workers
            if usable > 1 and spent / max(measured, 1.0) * left > POOL_WORTH:
                yield from _pool(jobs, range(i, len(jobs)), usable, checker)
                return
        start = time.perf_counter()
        reports, errors = checker.check(target, settings)
        if i > 0:  # the first document pays for loading lexicons and models
            spent += time.perf_counter() - start
            measured += sizes[i]
        left -= sizes[i]
        yield i, reports, errors


def spare_cpus() -> int:
    """CPUs not busy with other work (ours counted as one): on a machine already saturated,
    more processes get no more CPU (the scheduler shares it per session), only fork and copy
    costs, so a default run stays in-process there."""
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):
        return cpu_count()
    return max(1, int(cpu_count() - max(0.0, load - 1.0) + 0.5))


def _size(target: Target) -> int:
    try:
        return os.stat(target.path).st_size if target.path is not None else 0  # type: ignore[arg-type]
    except OSError:
        return 0


def _pool(jobs: Sequence[Job], todo: range, workers: int, checker: Checker) -> Iterator[Result]:
    global _checker
    workers = min(workers, len(todo) // (MIN_PARALLEL // 2) or 1)
    size = max(1, min(MAX_CHUNK, len(todo) // (workers * 4)))
    indexed = [(i, *jobs[i]) for i in todo]
    chunks = [indexed[k : k + size] for k in range(0, len(indexed), size)]
    forks = "fork" in multiprocessing.get_all_start_methods()
    if forks:
        for settings in dict.fromkeys(s for _, _, s in indexed):
            checker.prepare(settings)  # built once here, inherited by every worker
        _checker = checker
        gc.freeze()
    context = multiprocessing.get_context("fork" if forks else None)
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                               initargs=(None if forks else checker._build,))
    try:
        with _terminate_raises():
            pending: set[Future] = {pool.submit(_run_chunk, c) for c in chunks}
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    yield from future.result()
    except BaseException:
        _terminate(pool)
        raise
    else:
        pool.shutdown(wait=True)
    finally:
        _checker = None
        if forks:
            gc.unfreeze()


class _terminate_raises:
    """While a pool runs in the main thread, SIGTERM raises :class:`Terminated` (so the pool
    is stopped like on Ctrl-C) instead of killing the parent and orphaning the workers."""

    def __enter__(self) -> None:
        self._old = None
        if threading.current_thread() is threading.main_thread():
            self._old = signal.signal(signal.SIGTERM, _raise_terminated)

    def __exit__(self, *exc) -> None:
        if self._old is not None:
            signal.signal(signal.SIGTERM, self._old)


def _raise_terminated(signum, frame) -> None:
    raise Terminated(signum)


def _terminate(pool: ProcessPoolExecutor) -> None:
    """Stop now: kill the workers (they may be deep in a long document) and drop queued work."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        try:
            process.terminate()
        except (OSError, AttributeError):
            pass
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        try:
            process.join(timeout=2)
        except (OSError, AssertionError, AttributeError):
            pass


def check_all(jobs: Sequence[Job], build: Build, workers: int = 0, cache=None,
              runner: Callable[[Sequence[Job], Build], Iterator[Result]] | None = None,
              progress: Callable[[int, int], None] | None = None) -> tuple[list[FileReport], list[str]]:
    """Check every job; the reports in job order and the engine errors, each once.

    ``build`` makes (engine, annotators) for a Settings; ``workers`` 0 means one per CPU;
    ``cache`` is a :class:`qa.cache.Cache` or None; ``runner`` checks the jobs the cache
    did not answer somewhere else (a Dask cluster: qa.cluster.paths.DaskRunner).
    ``progress(done, total)``, if given, is called as files are answered (qa/progress.py).
    """
    auto = not workers
    workers = workers or cpu_count()
    results: list[list[FileReport] | None] = [None] * len(jobs)
    stored: dict[int, tuple[str, tuple[int, int]]] = {}
    todo: list[int] = []
    for i, (target, settings) in enumerate(jobs):
        if cache is not None and target.path is not None:
            found = _lookup(cache, target, settings)
            if isinstance(found, list):
                results[i] = found
                continue
            if found is not None:
                stored[i] = found
        todo.append(i)
    errors: list[str] = []
    if progress is not None:
        progress(len(jobs) - len(todo), len(jobs))
    left = [jobs[i] for i in todo]
    results_iter = runner(left, build) if runner is not None else run_jobs(left, workers, Checker(build), auto)
    try:
        for done, (k, reports, engine_errors) in enumerate(results_iter, len(jobs) - len(todo) + 1):
            if progress is not None:
                progress(done, len(jobs))
            i = todo[k]
            results[i] = reports
            errors.extend(e for e in engine_errors if e not in errors)
            if i in stored and not engine_errors:
                key, stamp = stored[i]
                if _stamp(jobs[i][0]) == stamp:  # the file did not change while it was checked
                    cache.put(key, reports)
    finally:
        results_iter.close()  # Ctrl-C while storing: the pool is still stopped at once
    return [r for reports in results for r in reports or ()], errors


def _lookup(cache, target: Target, settings: Settings):
    """Cached reports, or ``(key, stamp)`` to store under after checking, or None."""
    stamp = _stamp(target)
    if stamp is None or stamp[0] > MAX_BYTES:
        return None  # unreadable or too large: the reader reports it; nothing is hashed
    try:
        data = target.path.read_bytes()  # type: ignore[union-attr]
    except OSError:
        return None  # the reader reports it properly
    key = cache.key(data, target.display, settings)
    if key is None:
        return None
    hit = cache.get(key)
    return hit if hit is not None else (key, stamp)


def _stamp(target: Target) -> tuple[int, int] | None:
    try:
        st = os.stat(target.path)  # type: ignore[arg-type]
    except (OSError, TypeError):
        return None
    return st.st_size, st.st_mtime_ns


def open_cache(settings: Settings):
    """The run's cache (``settings.cache_dir``), or None when caching is off."""
    if settings.cache_dir is None:
        return None
    from qa.cache import Cache

    return Cache(settings.cache_dir)
