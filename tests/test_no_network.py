"""In its default configuration qa opens no network socket: nothing is sent anywhere unless a
LanguageTool server or the public API is configured explicitly.

The guard is a ``sitecustomize`` put first on PYTHONPATH: it replaces ``socket.socket`` (and the
DNS lookups) with versions that record the attempt to a log file and refuse. Worker processes
are forked from the guarded parent, so they are guarded too. Local (AF_UNIX) sockets are allowed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, qa_executable

GUARD = '''
import os, socket

_log = os.environ["QA_SOCKET_LOG"]
_Real = socket.socket


def _record(what):
    with open(_log, "a", encoding="utf-8") as fh:
        fh.write(what + "\\n")


class _Guarded(_Real):
    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        if fileno is None and family in (-1, socket.AF_INET, socket.AF_INET6):
            _record(f"socket family={family}")
            raise OSError("network access is not allowed in this test")
        super().__init__(family, type, proto, fileno)


def _refuse(name):
    def refuse(*args, **kwargs):
        _record(f"{name}{args!r}")
        raise OSError("network access is not allowed in this test")
    return refuse


socket.socket = _Guarded
socket.create_connection = _refuse("create_connection")
socket.getaddrinfo = _refuse("getaddrinfo")
socket.gethostbyname = _refuse("gethostbyname")
'''


@pytest.fixture
def guarded_env(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    log = tmp_path / "sockets.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith("QA_")}
    env.update(
        PYTHONPATH=str(site),
        QA_SOCKET_LOG=str(log),
        HOME=str(tmp_path / "home"),
        NO_COLOR="1",
    )
    return env, log


def test_the_guard_catches_a_connection(guarded_env):
    env, log = guarded_env
    code = "import socket\ntry:\n    socket.create_connection(('127.0.0.1', 9), timeout=1)\nexcept OSError:\n    pass"
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=60)
    assert "create_connection" in log.read_text()


def test_default_check_opens_no_socket(guarded_env, tmp_path):
    env, log = guarded_env
    docs = tmp_path / "docs"
    docs.mkdir()
    sources = sorted((FIXTURES / "articles").glob("*.txt"))
    for i in range(30):  # enough files for a process pool
        src = sources[i % len(sources)]
        (docs / f"{i:02d}-{src.name}").write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    for args in (["check", "-j", "2", "docs"], ["check", str(sources[0])], ["check", "--format", "json", "docs"]):
        p = subprocess.run([*qa_executable(), *args], env=env, cwd=tmp_path, capture_output=True, timeout=600)
        assert p.returncode in (0, 1), p.stderr.decode()
        assert not log.exists(), log.read_text()
