"""Count the Python lines a call executes: a deterministic measure of work for tests that must
tell linear from quadratic without timing anything (wall-clock figures belong in bench/)."""

from __future__ import annotations

import sys
from typing import Any, Callable


def steps(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> int:
    """The number of line events while ``fn(*args, **kwargs)`` runs (qa's own code only)."""
    count = 0

    def local(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return local

    def tracer(frame, event, arg):
        return local if "/qa/" in frame.f_code.co_filename else None

    sys.settrace(tracer)
    try:
        fn(*args, **kwargs)
    finally:
        sys.settrace(None)
    return count


def growth(fn: Callable[[int], Any], small: int) -> float:
    """How much more work ``fn(2n)`` does than ``fn(n)``: about 2 when linear, 4 when quadratic."""
    return steps(fn, 2 * small) / max(1, steps(fn, small))
