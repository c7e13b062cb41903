from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = Path(os.environ.get("QA_SHARED") or ROOT.parent / "shared")  # QA_SHARED: for worktrees elsewhere
CORPUS = SHARED / "corpus" / "dev"


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="Rewrite golden expected files.")


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


def qa_executable() -> list[str]:
    """The installed console script next to this interpreter (falls back to -m qa)."""
    exe = Path(sys.executable).with_name("qa")
    if exe.exists():
        return [str(exe)]
    found = shutil.which("qa")
    return [found] if found else [sys.executable, "-m", "qa"]


def run_qa(*args: str, input: str | bytes | None = None, cwd: Path | None = None, env: dict | None = None):
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    data = input.encode() if isinstance(input, str) else input
    return subprocess.run(
        [*qa_executable(), *args], input=data, capture_output=True, cwd=cwd, env=full_env, timeout=300
    )


@pytest.fixture
def qa():
    def call(*args, **kw):
        proc = run_qa(*args, **kw)
        proc.out = proc.stdout.decode("utf-8", "replace")
        proc.err = proc.stderr.decode("utf-8", "replace")
        return proc

    return call
