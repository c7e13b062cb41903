"""Check many documents: through the cache first, then in-process for a few, a pool for many.

Each worker process builds its Engine (rule packs, heavy engines) once per distinct Settings
and keeps it for every file it is given; the parent never builds one when every file is
answered from the cache. Workers ignore SIGINT: Ctrl-C reaches the parent, which terminates
them at once and lets ``KeyboardInterrupt`` go up to the CLI (exit 130). Results come back in
the order the files were named, whatever order the workers finish in.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import UserDict
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any, Iterable, Iterator, Sequence

from qa.errors import QaError
from qa.readers import MAX_BYTES
from qa.run import FileReport, Target, check_target
from qa.settings import Settings

#: Fewer files than this to check: starting workers costs more than it saves.
MIN_PARALLEL = 12
#: At most this many files per task sent to a worker (small enough to balance the load).
MAX_CHUNK = 16
#: The longest document (characters of extracted text) that is checked. A news article is
#: 2-60 KB; past this, some checks and engines grow faster than linearly (Harper on one
#: long line), so a larger document is refused with one line rather than left to run for minutes.
MAX_DOCUMENT_CHARS = 256 * 1024

Job = tuple[Target, Settings]


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


class Checker:
    """Checks documents with one Engine (and its annotators) per distinct Settings."""

    def __init__(self) -> None:
        self._engines: dict[Settings, tuple] = {}

    def check(self, target: Target, settings: Settings) -> tuple[list[FileReport], list[str]]:
        """The reports for one target, and the errors met building its engine (broken packs)."""
        if settings not in self._engines:
            from qa.app import annotators, build_engine

            errors: list[str] = []
            self._engines[settings] = (SizeLimit(build_engine(settings, errors)), annotators(settings), errors)
        engine, extra, errors = self._engines[settings]
        try:
            return check_target(target, engine, extra), errors
        except Exception as exc:  # a bug in one rule must not lose the other files' results
            problem = f"internal error while checking: {type(exc).__name__}: {exc} (please report this)"
            return [FileReport(target.display, errors=[f"{target.display}: {problem}"])], errors


class SizeLimit:
    """An Engine that refuses a document longer than MAX_DOCUMENT_CHARS (one error line)."""

    def __init__(self, engine) -> None:
        self._engine = engine

    def __getattr__(self, name: str):
        return getattr(self._engine, name)

    def check(self, source):
        if len(source.text) > MAX_DOCUMENT_CHARS:
            raise QaError(
                f"{source.path}: {len(source.text) // 1024} KB of text is over the "
                f"{MAX_DOCUMENT_CHARS // 1024} KB limit for one document; not checked (split it)"
            )
        return self._engine.check(source)


_checker: Checker | None = None


def _init_worker() -> None:
    global _checker
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and ends us
    _checker = Checker()


def _run_chunk(chunk: list[tuple[int, Target, Settings]]) -> list[tuple[int, list[FileReport], list[str]]]:
    assert _checker is not None
    return [(i, *_checker.check(target, settings)) for i, target, settings in chunk]


def run_jobs(jobs: Sequence[Job], workers: int) -> Iterator[tuple[int, list[FileReport], list[str]]]:
    """Yield ``(index, reports, engine_errors)`` for each job, in completion order."""
    if workers <= 1 or len(jobs) < MIN_PARALLEL:
        checker = Checker()
        for i, (target, settings) in enumerate(jobs):
            yield (i, *checker.check(target, settings))
        return
    workers = min(workers, len(jobs) // (MIN_PARALLEL // 2) or 1)
    size = max(1, min(MAX_CHUNK, len(jobs) // (workers * 4)))
    indexed = [(i, t, s) for i, (t, s) in enumerate(jobs)]
    chunks = [indexed[k : k + size] for k in range(0, len(indexed), size)]
    pool = ProcessPoolExecutor(workers, mp_context=_context(), initializer=_init_worker)
    try:
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


def _context():
    methods = multiprocessing.get_all_start_methods()
    # fork: workers start in milliseconds with qa already imported (the parent holds no engine).
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def _terminate(pool: ProcessPoolExecutor) -> None:
    """Stop now: kill the workers (they may be deep in a long document) and drop queued work."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        try:
            process.terminate()
        except (OSError, AttributeError):
            pass
    pool.shutdown(wait=False, cancel_futures=True)


def check_all(jobs: Sequence[Job], workers: int = 0, cache=None) -> tuple[list[FileReport], list[str]]:
    """Check every job; the reports in job order and the engine errors, each once.

    ``workers`` 0 means one per CPU. ``cache`` is a :class:`qa.cache.Cache` or None.
    """
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
    results_iter = run_jobs([jobs[i] for i in todo], workers)
    try:
        for k, reports, engine_errors in results_iter:
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


class RuleTable(UserDict):
    """Rule id -> Rule of the rules that ran (SARIF metadata), read from the packs on first use.

    The engines live in the workers (or were never built: every file came from the cache), so
    the parent loads the packs again, but only when a format actually asks for the rules.
    """

    def __init__(self, settings: Iterable[Settings]) -> None:  # no super().__init__: data is lazy
        self._settings = tuple(settings)
        self._data: dict[str, Any] | None = None

    @property
    def data(self) -> dict[str, Any]:  # type: ignore[override]
        if self._data is None:
            from qa.app import load_ruleset
            from qa.engine import Selector

            self._data = {}
            for s in self._settings:
                rules = load_ruleset(s, []).selected(Selector(s.select, s.ignore), dict(s.severity))
                self._data.update((r.id, r) for r in rules.rules)
        return self._data
