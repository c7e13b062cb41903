"""A content-addressed cache of FileReports, so an unchanged file is not checked again.

The key of one file is a SHA-256 over everything its findings depend on: the file's bytes
and display path, the effective Settings (files they name are hashed by content), the bytes
of every rule pack in play, the qa version and the source of the qa package, and the
installed distributions (their dist-info names carry versions). The value is JSON, never
pickle: a cache directory is writable by whoever can commit to the repository, so loading it
must not run code.

Each entry is sealed with the user's secret and bound to the file's content hash and the
rule set's hash (:mod:`qa.cache_entry`); a bad, edited or foreign entry is a miss.

Layout: ``<dir>/v2/ab/abcdef....json`` plus ``CACHEDIR.TAG`` and a ``.gitignore`` of ``*``.
Writes go to a temporary file in the same directory and are moved into place with
``os.replace``, so concurrent runs never see half an entry; an entry that does not parse is
treated as missing and rewritten. Nothing is stored for a file with input errors, or when the
engine reported errors (a broken pack must keep being reported), and any OS error turns the
cache off silently for the rest of the run: the cache may make a run faster, never fail it.
The cache never writes into a directory that is not its own: an existing directory that is
not empty and has no ``CACHEDIR.TAG`` of ours, or an entry path that leaves the cache
directory through a symbolic link, turns the cache off for the run.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import sys
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Sequence

import qa
from qa.cache_entry import BadEntry, decode, encode
from qa.cache_entry import finding_from_dict, finding_to_dict, report_from_dict, report_to_dict  # noqa: F401 (re-exported)
from qa.run import FileReport
from qa.settings import Settings

FORMAT = "v2"
#: Settings fields that change how a run goes, never what a file's findings are.
RUN_ONLY_FIELDS = frozenset({"fail_on", "extensions", "jobs", "cache_dir", "format", "output"})
TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by qa (mtqa).\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)


class Cache:
    def __init__(self, directory: Path) -> None:
        self.root = Path(directory)
        self.dir = self.root / FORMAT
        self.enabled = True
        self._fingerprints: dict[Settings, str | None] = {}
        self._bound: dict[str, tuple[str, str]] = {}  # key -> (content hash, rule-set hash)
        self._checked = False  # the directory was found to be ours (or made by us)

    # ----- keys -----------------------------------------------------------------------

    def key(self, data: bytes, display: str, settings: Settings) -> str | None:
        """The entry name for one file's bytes under ``settings`` (None: do not cache)."""
        if settings not in self._fingerprints:
            self._fingerprints[settings] = settings_fingerprint(settings)
        fingerprint = self._fingerprints[settings]
        if fingerprint is None:
            return None
        h = hashlib.sha256()
        for part in (fingerprint.encode(), display.encode("utf-8", "surrogateescape"), data):
            h.update(len(part).to_bytes(8, "little"))
            h.update(part)
        key = h.hexdigest()
        self._bound[key] = (hashlib.sha256(data).hexdigest(), fingerprint)
        return key

    def _path(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key}.json"

    # ----- entries --------------------------------------------------------------------

    def get(self, key: str) -> list[FileReport] | None:
        if not self.enabled or key not in self._bound:
            return None
        try:
            raw = self._path(key).read_bytes()
        except OSError:
            return None
        try:
            return decode(raw, key, *self._bound[key])
        except BadEntry:
            return None  # corrupted, edited, foreign or from another layout: a miss, rewritten after checking

    def put(self, key: str, reports: Sequence[FileReport]) -> None:
        if not self.enabled or key not in self._bound or any(r.errors for r in reports):
            return
        try:
            data = encode(key, *self._bound[key], reports)
        except (TypeError, ValueError):
            return  # an annotator put something JSON cannot hold: just do not cache it
        try:
            self._prepare()
            path = self._path(key)
            path.parent.mkdir(exist_ok=True)
            if not _inside(path.parent, self.root):
                raise PermissionError(f"{path.parent}: leaves the cache directory")
            _atomic_write(path, data)
        except OSError:
            self.enabled = False

    def _prepare(self) -> None:
        if self._checked:
            return
        if self.root.exists() and not _ours(self.root):
            raise PermissionError(f"{self.root}: not a qa cache directory")  # never tag someone's directory
        self.dir.mkdir(parents=True, exist_ok=True)
        for name, text in (("CACHEDIR.TAG", TAG), (".gitignore", "# Created by qa; the cache is never committed.\n*\n")):
            target = self.root / name
            if not target.exists():
                _atomic_write(target, text.encode())
        if not _inside(self.dir, self.root):
            raise PermissionError(f"{self.dir}: leaves the cache directory")
        self._checked = True


def _ours(root: Path) -> bool:
    """An existing directory is ours when it has our tag, or is empty (made for us)."""
    try:
        if not root.is_dir():
            return False
        if (root / "CACHEDIR.TAG").read_bytes().startswith(TAG.encode()):
            return True
    except OSError:
        pass
    try:
        return not any(root.iterdir())
    except OSError:
        return False


def _inside(path: Path, root: Path) -> bool:
    real, top = os.path.realpath(path), os.path.realpath(root)
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:  # includes KeyboardInterrupt: never leave a partial file behind
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


# ----- fingerprints ---------------------------------------------------------------------


def settings_fingerprint(settings: Settings) -> str | None:
    """Everything besides the file that decides its findings, as one digest."""
    h = hashlib.sha256()
    h.update(code_fingerprint().encode())
    for f in dataclasses.fields(settings):
        if f.name in RUN_ONLY_FIELDS:
            continue
        value = getattr(settings, f.name)
        h.update(f"{f.name}={value!r}\n".encode())
        for path in _paths(value):
            if f.name != "pack_dirs" and path.is_file():
                h.update(_file_digest(path).encode())
    packs = pack_fingerprint(getattr(settings, "pack_dirs", ()))
    if packs is None:
        return None
    h.update(packs.encode())
    return h.hexdigest()


def _paths(value: Any) -> Iterable[Path]:
    if isinstance(value, Path):
        yield value
    elif isinstance(value, (tuple, list)):
        for v in value:
            yield from _paths(v)


def pack_fingerprint(pack_dirs: Sequence[Path]) -> str | None:
    """The bytes of every pack file in play (None when a pack directory is unusable)."""
    from qa.errors import QaError
    from qa.rulepack import default_pack_dir, pack_files

    h = hashlib.sha256()
    try:
        for path in pack_files([default_pack_dir(), *pack_dirs]):
            h.update(str(path).encode())
            h.update(_file_digest(path).encode())
    except (QaError, OSError):
        return None
    return h.hexdigest()


def _file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "unreadable"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """qa's version, every file of the package, Python's version and the installed distributions."""
    h = hashlib.sha256(f"{qa.__version__}|{sys.version}".encode())
    package = Path(qa.__file__).resolve().parent
    for path in sorted(package.rglob("*")):  # code and data files (lexicons, word lists)
        if path.is_file() and "__pycache__" not in path.parts:
            h.update(str(path.relative_to(package)).encode())
            h.update(_file_digest(path).encode())
    for entry in sys.path:
        if entry.endswith("site-packages"):
            try:
                h.update("\n".join(sorted(n for n in os.listdir(entry) if n.endswith(".dist-info"))).encode())
            except OSError:
                pass
    return h.hexdigest()
