"""The user's seal for what qa keeps on disk between runs.

Whatever qa stores under ``$XDG_CACHE_HOME/qa`` (result-cache entries, derived word tables) is
sealed with an HMAC-SHA256 keyed by a secret of the user running qa (``cache-secret`` there,
made on first use, mode 0600). A file written or altered by anyone else, or copied from another
machine, does not carry a valid seal and is treated as absent.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from functools import lru_cache
from pathlib import Path

SECRET_NAME = "cache-secret"


def cache_home() -> Path:
    """``$XDG_CACHE_HOME/qa`` (``~/.cache/qa`` by default)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "qa"


def seal(payload: bytes) -> str:
    return hmac.new(secret(), payload, hashlib.sha256).hexdigest()


def sealed(digest: bytes, payload: bytes) -> bool:
    """Whether ``digest`` (as stored: ASCII hex bytes) is this user's seal of ``payload``."""
    return hmac.compare_digest(digest, seal(payload).encode("ascii"))


@lru_cache(maxsize=1)
def secret() -> bytes:
    """The user's cache secret (made once, race-free); a per-process one if it cannot be kept."""
    path = cache_home() / SECRET_NAME
    for _ in range(2):
        try:
            data = path.read_bytes()
            if len(data) >= 32:
                return data
        except OSError:
            pass
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as out:
                out.write(os.urandom(32).hex().encode())
        except FileExistsError:
            continue  # another run made it first: read that one
        except OSError:
            break
    return os.urandom(32)  # what is stored in this run is good for this run only
