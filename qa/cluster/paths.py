"""``qa check --dask ADDRESS PATHS``: the files of a local run, checked on a Dask cluster.

The client reads each file (it already does for cache keys) and ships its bytes, so workers
need no shared file system and a task run again after a worker dies has all it needs. Files
go in batches of about :data:`BATCH_BYTES`; at most :data:`WINDOW` batches per worker thread
are in flight, so neither the client nor the scheduler holds the whole corpus.
"""

from __future__ import annotations

import sys
from typing import Any, Iterator, Sequence

from qa.errors import QaError
from qa.run import FileReport, Target
from qa.settings import Settings

BATCH_BYTES = 256 * 1024
BATCH_FILES = 32
WINDOW = 4

Job = tuple[Target, Settings]
Item = tuple[int, str, str, bytes, Settings]  # index, display, suffix, data, settings


class DaskRunner:
    """A runner for :func:`qa.parallel.check_all`: yields ``(index, reports, errors)``."""

    def __init__(self, address: Any) -> None:
        from qa.cluster import connect

        self.client = connect(address)
        self._owned = isinstance(address, str)  # a Client the caller gave stays theirs

    def __call__(self, jobs: Sequence[Job], build) -> Iterator[tuple[int, list[FileReport], list[str]]]:
        try:
            yield from self._run(jobs, build)
        finally:
            if self._owned:
                self.client.close()

    def _run(self, jobs: Sequence[Job], build) -> Iterator[tuple[int, list[FileReport], list[str]]]:
        from distributed import as_completed

        threads = max(1, sum(self.client.nthreads().values()))
        batches = _batches(jobs)
        first = []
        for batch in batches:
            if isinstance(batch, tuple):  # could not be read here: an error report, no task
                yield batch
                continue
            first.append(self.client.submit(check_batch, batch, build, pure=False))
            if len(first) >= threads * WINDOW:
                break
        if not first:
            return
        running = as_completed(first, loop=self.client.loop)  # ours: we are not the default client
        for future in running:
            yield from future.result()
            future.release()
            for batch in batches:  # one more batch in, for the one that came out
                if isinstance(batch, tuple):
                    yield batch
                    continue
                running.add(self.client.submit(check_batch, batch, build, pure=False))
                break


def _batches(jobs: Sequence[Job]) -> Iterator[list[Item] | tuple]:
    batch: list[Item] = []
    size = 0
    for k, (target, settings) in enumerate(jobs):
        try:
            data = _read(target)
        except QaError as exc:
            yield (k, [FileReport(target.display, errors=[str(exc)])], [])
            continue
        suffix = target.path.suffix.lower() if target.path is not None else ".txt"
        batch.append((k, target.display, suffix, data, settings))
        size += len(data)
        if size >= BATCH_BYTES or len(batch) >= BATCH_FILES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _read(target: Target) -> bytes:
    from qa.readers import read_bytes

    if target.path is None:
        return sys.stdin.buffer.read()
    return read_bytes(target.path, target.display)


def check_batch(batch: list[Item], build) -> list[tuple[int, list[FileReport], list[str]]]:
    """On a worker: check each file of the batch with this process's engines."""
    from qa.cluster import worker_checker
    from qa.readers import from_bytes
    from qa.run import check_source

    checker = worker_checker(build)
    out = []
    for k, display, suffix, data, settings in batch:
        engine, annotators, errors = checker.parts(settings)
        try:
            sources = from_bytes(data, display, suffix)
        except QaError as exc:
            out.append((k, [FileReport(display, errors=[str(exc)])], errors))
            continue
        reports = []
        for source in sources:
            try:
                report = check_source(source, engine, annotators)
            except Exception as exc:  # a bug in one rule must not lose the other files
                problem = f"internal error while checking: {type(exc).__name__}: {exc} (please report this)"
                report = FileReport(source.path, errors=[f"{source.path}: {problem}"])
            report.source = None
            reports.append(report)
        out.append((k, reports, errors))
    return out
