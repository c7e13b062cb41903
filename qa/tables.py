"""Derived data tables kept between runs: built once from installed files, then read back.

A few tables take a tenth of a second each to build from the files they come from (the CMU
syllable counts, wordfreq's English word list, Pyphen's hyphenation patterns); checking one
file cold spent about a third of its time there. ``load(name, sources, build)`` returns what
``build()`` returns, but stores it the first time (``marshal``, under
``$XDG_CACHE_HOME/qa/tables/``) and later runs read it back in a few milliseconds.

The key is the table's name, Python's version (marshal's format), the bytes of the module
that defines ``build`` and the path, size and modification time of every source file (as
Python's own bytecode cache does: hashing 5 MB of sources cost 40 ms), so editing the
builder or upgrading the package it reads gives a new table. The stored file starts with
the user's seal of its payload (:mod:`qa.seal`, as the result cache's entries), checked before
anything is unmarshalled: a torn, damaged or planted file is rebuilt.
Whatever goes wrong (a read-only home, a value marshal cannot hold), the table is simply
built as before: the cache can make a run faster, never different.

Only the command line turns it on (:func:`enable`, from ``qa.cli.main``): a program that
imports qa as a library writes nothing to the user's home unless it asks to. It is not the
result cache (``--no-cache`` leaves it on, as Python's own ``__pycache__``);
``QA_TABLE_CACHE=0`` turns it off.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable, Sequence

from qa.seal import cache_home, seal, sealed

#: Set to "0" to build every table afresh (and store nothing).
ENV = "QA_TABLE_CACHE"
_state = {"on": False}


def enable(on: bool = True) -> None:
    """Keep tables between runs in this process (and the workers it forks)."""
    _state["on"] = on


def directory() -> Path:
    return cache_home() / "tables"


def load(name: str, sources: Sequence[Path], build: Callable[[], Any]) -> Any:
    """``build()``, stored under a key of ``name``, the builder's module and ``sources``."""
    if not _state["on"] or os.environ.get(ENV) == "0":
        return build()
    try:
        key = _key(name, sources, build)
    except OSError:
        return build()
    # One file per table and install (two venvs do not evict each other's tables)
    family = f"{name}-{hashlib.sha256(os.path.abspath(build.__code__.co_filename).encode()).hexdigest()[:8]}"
    path = directory() / f"{family}-{key[:24]}.marshal"
    value = _read(path)
    if value is not None:
        return value[0]
    value = build()
    _write(path, family, value)
    return value


def _key(name: str, sources: Sequence[Path], build: Callable[[], Any]) -> str:
    h = hashlib.sha256(f"{name}\0{sys.version}\0{marshal.version}\0".encode())
    h.update(Path(build.__code__.co_filename).read_bytes())
    for source in sources:
        st = os.stat(source)
        h.update(f"\0{os.path.abspath(source)}\0{st.st_size}\0{st.st_mtime_ns}".encode())
    return h.hexdigest()


def _read(path: Path) -> tuple[Any] | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    digest, _, payload = data.partition(b"\n")
    if not payload or not sealed(digest, payload):
        return None
    try:
        return (marshal.loads(payload),)
    except (EOFError, ValueError, TypeError):
        return None


def _write(path: Path, name: str, value: Any) -> None:
    try:
        payload = marshal.dumps(value)
    except ValueError:  # not a plain value: not stored
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        for old in path.parent.glob(f"{name}-*.marshal"):  # this install's tables of older sources
            old.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(seal(payload).encode("ascii") + b"\n" + payload)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        pass
