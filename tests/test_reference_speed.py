"""Reference mode stays linear-ish: 4x the text costs far less than 16x the time (CPU time)."""

from __future__ import annotations

import importlib.util
import time

from conftest import ROOT

from qa.reference import compare
from qa.source import Source


def _bench():
    spec = importlib.util.spec_from_file_location("bench_reference", ROOT / "bench" / "reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _cpu(original: str, copy: str) -> float:
    start = time.process_time()
    compare(Source("o.txt", original), Source("c.txt", copy))
    return time.process_time() - start


def test_four_times_the_text_is_not_sixteen_times_the_time():
    bench = _bench()
    small, large = bench.make_pair(50), bench.make_pair(200)
    _cpu(*small)  # warm up (imports, regex compilation)
    t_small = min(_cpu(*small) for _ in range(2))
    t_large = min(_cpu(*large) for _ in range(2))
    assert t_large < 8 * t_small + 0.2, (t_small, t_large)
    assert t_large < 5.0  # 200 KB against 200 KB: ~0.6 s on the development machine
