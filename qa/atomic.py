"""Replace a file in one step: write a temporary file beside it, then ``os.replace``.

:func:`write_atomic` is for files qa owns (reports, baselines). :func:`replace_unchanged` is
for files people own (``qa fix``): it replaces a file only if nobody changed it since it was
read and nobody is writing it, keeps its mode, owner and group, and never splits hard links.

How a concurrent writer is kept from losing bytes (Linux): a read *lease* on the file
(``F_SETLEASE``) is refused while any process holds it open for writing, so a writer that
keeps the file open is refused up front; while the lease is held, a process that opens the
file for writing waits, and the lease shows it (``F_GETLEASE`` turns to ``F_UNLCK``). The
contents are compared under the lease, the new file is renamed in, and if a writer knocked
in the meantime the old file (kept by a hard link for that instant) is put back, so the
waiting writer's bytes land in the file at the path. Without leases (another OS, a file
owned by someone else), writers are looked up in ``/proc`` and the old file's size and time
are checked again after the rename, with the same restore.
"""

from __future__ import annotations

import errno
import os
import signal
import stat
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from qa.errors import QaError

try:
    import fcntl
except ImportError:  # not on Windows
    fcntl = None  # type: ignore[assignment]


class Refused(Exception):
    """The file cannot be replaced safely (the message says why, without the file name)."""


class Changed(Refused):
    """The file changed, or is being written, since it was read."""


def write_atomic(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` so readers see the old file or the new one, never half.

    The temporary file lives in the same directory (``os.replace`` is atomic only within one
    file system). ``mode`` sets the permission bits; by default an existing file keeps its
    own and a new file gets the usual ``0o666 & ~umask``.
    """
    path = Path(path)
    if mode is None:
        try:
            mode = path.stat().st_mode & 0o7777
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
    tmp = _temp_beside(path, data, mode)
    try:
        os.replace(tmp, path)
    except BaseException:
        _unlink(tmp)
        raise


def stamp(st: os.stat_result) -> tuple[int, int, int, int]:
    """What identifies a file's state cheaply: device, inode, size, modification time."""
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns


def replace_unchanged(path: Path, data: bytes, expected: bytes, expected_stamp: tuple | None = None) -> None:
    """Replace ``path`` (a real path, not a symlink) with ``data`` only if it still holds exactly
    ``expected`` (and ``expected_stamp``) and no process is writing it. Raises :class:`Changed`
    or :class:`Refused`; ``OSError`` when writing fails (the file is then untouched)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise Refused("is not a regular file")
        if st.st_nlink > 1:
            raise Refused(f"has {st.st_nlink} hard links and replacing it would split them; not fixed (apply 'qa fix --diff' by hand)")
        with _read_lease(fd) as knocked:
            if knocked is None and _writers(st):
                raise Changed("is open for writing by another process; not fixed (run qa fix again when it is closed)")
            if (expected_stamp is not None and stamp(st) != tuple(expected_stamp)) or _read_all(fd) != expected:
                raise Changed("changed since it was read; not fixed (run qa fix again)")
            tmp = _temp_beside(path, data, st.st_mode & 0o7777, (st.st_uid, st.st_gid))
            backup = None
            try:
                backup = _link_beside(path)
                if knocked is not None and knocked():
                    raise Changed("was opened for writing by another process while being fixed; not fixed (run qa fix again)")
                os.replace(tmp, path)
            except BaseException:
                _unlink(tmp)
                if backup:
                    _unlink(backup)
                raise
            written = knocked() if knocked is not None else stamp(os.fstat(fd)) != stamp(st)
            if written:  # a writer got the old file in the instant of the rename: put it back
                if backup is None:
                    raise Changed("was written by another process while being fixed; check it (the fix was written)")
                os.replace(backup, path)
                raise Changed("was written by another process while being fixed; not fixed (run qa fix again)")
            if backup:
                _unlink(backup)
    finally:
        os.close(fd)


@contextmanager
def _read_lease(fd: int) -> Iterator:
    """Hold a read lease on ``fd``: yields a function telling whether a writer has knocked
    since, or None when leases are not available here. Refused (Changed) while a writer
    holds the file open."""
    if fcntl is None or not hasattr(fcntl, "F_SETLEASE") or threading.current_thread() is not threading.main_thread():
        yield None
        return
    previous = signal.signal(signal.SIGIO, signal.SIG_IGN)  # a lease break signals SIGIO: we poll
    try:
        try:
            fcntl.fcntl(fd, fcntl.F_SETLEASE, fcntl.F_RDLCK)
        except OSError as exc:
            if exc.errno == errno.EAGAIN:
                raise Changed("is open for writing by another process; not fixed (run qa fix again when it is closed)") from None
            yield None  # not the owner (EACCES), or a file system without leases
            return
        try:
            yield lambda: fcntl.fcntl(fd, fcntl.F_GETLEASE) != fcntl.F_RDLCK
        finally:
            fcntl.fcntl(fd, fcntl.F_SETLEASE, fcntl.F_UNLCK)
    finally:
        signal.signal(signal.SIGIO, previous)


def _writers(st: os.stat_result) -> bool:
    """Whether a process we can see holds this file open for writing (Linux /proc)."""
    proc = Path("/proc")
    if not (proc / "self" / "fdinfo").is_dir():
        return False
    for pid in os.listdir(proc):
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            fds = os.listdir(proc / pid / "fd")
        except OSError:
            continue
        for fd in fds:
            try:
                other = os.stat(proc / pid / "fd" / fd)
                if (other.st_dev, other.st_ino) != (st.st_dev, st.st_ino):
                    continue
                flags = (proc / pid / "fdinfo" / fd).read_text().split("flags:", 1)[1].split()[0]
            except (OSError, IndexError):
                continue
            if int(flags, 8) & os.O_ACCMODE in (os.O_WRONLY, os.O_RDWR):
                return True
    return False


def _read_all(fd: int) -> bytes:
    chunks, offset = [], 0
    while True:
        chunk = os.pread(fd, 1 << 20, offset)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        offset += len(chunk)


def _temp_beside(path: Path, data: bytes, mode: int, owner: tuple[int, int] | None = None) -> str:
    """A complete, synced temporary copy of ``data`` in ``path``'s directory, with ``mode`` (and
    the owner and group, where permitted: root can keep both, a user the group if a member)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".qa-tmp", dir=path.parent or Path("."))
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if owner is not None:
            _chown(tmp, *owner)
        os.chmod(tmp, mode)  # after chown, which clears set-id bits
    except BaseException:
        _unlink(tmp)
        raise
    return tmp


def _chown(path: str, uid: int, gid: int) -> None:
    st = os.stat(path)
    if (st.st_uid, st.st_gid) == (uid, gid) or not hasattr(os, "chown"):
        return
    for u in (uid, -1):
        try:
            os.chown(path, u, gid)
            return
        except PermissionError:
            continue


def _link_beside(path: Path) -> str | None:
    """A second name for the current file (to put it back), or None where links fail."""
    name = tempfile.mktemp(prefix=f".{path.name}.", suffix=".qa-old", dir=path.parent or Path("."))
    try:
        os.link(path, name)
    except OSError:
        return None
    return name


def _unlink(name: str) -> None:
    try:
        os.unlink(name)
    except FileNotFoundError:
        pass


def write_output(path: Path, data: bytes) -> None:
    """:func:`write_atomic` for a file the user named (``-o``): any failure is one line naming
    the path and the reason (missing or read-only directory, a directory in the way, a full disk).
    A device or pipe (``/dev/stdout``) is written into, never replaced by a regular file."""
    path = Path(path)
    if path.is_dir():
        raise QaError(f"{path}: cannot write the output: it is a directory")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        reason = "is not a directory" if parent.exists() else "does not exist"
        raise QaError(f"{path}: cannot write the output: directory '{parent}' {reason}")
    try:
        if path.exists() and not path.is_file():  # /dev/stdout, a FIFO: write into it, never replace it
            with open(path, "wb") as out:
                out.write(data)
        else:
            write_atomic(path, data)
    except OSError as exc:
        reason = os.strerror(exc.errno) if exc.errno else str(exc)
        raise QaError(f"{path}: cannot write the output: {reason[:1].lower() + reason[1:]}") from None
