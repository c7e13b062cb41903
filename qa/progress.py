"""A progress bar for long runs: on a terminal only, never in CI logs, never when piped.

Drawn by rich (a maintained library, already installed with typer) on standard error and
removed when the run ends (``transient``), so the report that follows is unchanged. It appears
only when both standard output and standard error are terminals, ``$CI`` is unset, ``$TERM``
is not ``dumb``, and there are at least :data:`MIN_FILES` documents: a few files finish
before a bar would be worth drawing. rich is imported only when a bar is drawn.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from typing import Callable, Iterator, Optional

#: Fewer documents than this: no bar.
MIN_FILES = 50

Progress = Callable[[int, int], None]


def wanted() -> bool:
    """Whether a bar may be drawn here (a person is watching a terminal)."""
    if os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return sys.stdout.isatty() and sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


@contextmanager
def terminal_bar(enabled: Optional[bool] = None) -> Iterator[Optional[Progress]]:
    """Yield a ``progress(done, total)`` callback that draws a bar, or None where none belongs."""
    if not (wanted() if enabled is None else enabled):
        yield None
        return
    bar = _Bar()
    try:
        yield bar
    finally:
        bar.close()


class _Bar:
    def __init__(self) -> None:
        self._progress = None
        self._task = None

    def __call__(self, done: int, total: int) -> None:
        if total < MIN_FILES:
            return
        if self._progress is None:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self._progress = Progress(
                TextColumn("checking"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                console=Console(stderr=True), transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task("check", total=total)
        self._progress.update(self._task, completed=done)

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
