"""Run checks on a Dask distributed cluster (the optional extra ``mtqa[dask]``).

Two ways in, both with the engines built once per worker process and Settings:

- :mod:`qa.cluster.paths`: ``qa check --dask ADDRESS PATHS``: the files of a local run,
  with the same cache lookups and stores in the client, checked on the cluster;
- :mod:`qa.cluster.archive`: ``qa archive``: a JSONL or Parquet file of articles (``id``,
  ``text``) read in partitions by the workers, findings written as JSONL or Parquet.

Dask's scheduler does the scheduling: a task whose worker dies is run again elsewhere, so no
document is lost. Without Dask installed, asking for it is one line saying what to install.
"""

from __future__ import annotations

import threading
from typing import Any

from qa.errors import QaError

INSTALL = "pip install 'mtqa[dask]'"


def connect(address: str) -> Any:
    """A ``distributed.Client`` for ``address`` (a scheduler address or an existing Client)."""
    if not isinstance(address, str):
        return address  # a Client (or LocalCluster's client) given by a Python caller
    try:
        from distributed import Client
    except ImportError:
        raise QaError(f"--dask needs Dask installed: {INSTALL}") from None
    try:
        return Client(address, timeout="30s", set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise QaError(f"--dask {address}: cannot reach the scheduler: {exc}") from None


_lock = threading.Lock()
_checkers: dict[Any, Any] = {}


def worker_checker(build: Any) -> Any:
    """This worker process's Checker for ``build`` (engines kept across tasks; tasks may run
    in several threads of one worker, so engines are built under a lock)."""
    from qa.parallel import Checker

    with _lock:
        if build not in _checkers:
            _checkers[build] = _Locked(Checker(build))
        return _checkers[build]


class _Locked:
    """A Checker whose engines are built under the lock (checking itself runs unlocked)."""

    def __init__(self, checker: Any) -> None:
        self.checker = checker

    def parts(self, settings: Any) -> tuple:
        with _lock:
            return self.checker.prepare(settings)
