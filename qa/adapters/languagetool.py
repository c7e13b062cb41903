"""LanguageTool over its HTTP API (``POST /v2/check``), with bounded timeouts.

Where the server comes from (:func:`qa.adapters.grammar.languagetool_url`):
``--languagetool-url`` / config / ``$QA_LANGUAGETOOL_URL`` (a self-hosted server, how
newsrooms run it), the public API only with ``--languagetool-public``, or a local install
started once per run through language-tool-python (:func:`start_local`).

The wire format is LanguageTool's documented one: form fields ``text`` and ``language``;
the answer's ``matches[]`` carry ``offset``/``length`` in **UTF-16 code units** (Java string
indices), ``message``, ``replacements[].value`` and ``rule.{id, issueType, category.id}``.
We convert offsets to code points ourselves, start and end, so a match after (or around) an
astral character such as an emoji lands on the right text. Every failure (refused, no
answer, timeout, HTTP error, not LanguageTool's JSON) is one :class:`EngineError` line.

Time is bounded twice. Each request has one deadline for the whole exchange (connect, send,
headers, body): a watchdog shuts the socket when it passes, so a server that trickles a byte
at a time cannot hold a file forever (a socket timeout alone restarts at every byte). The run
has one budget for all LanguageTool requests together (:class:`RunBudget`, shared by the
parent and its worker processes). After the first timeout, or when the budget is spent, the
server is marked down for the rest of the run: one error line, then no more requests.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from bisect import bisect_left
from typing import Any, Iterator

from qa.adapters.grammar import GrammarMatch
from qa.errors import EngineError

CONNECT_TIMEOUT = 3.0  # seconds to probe a server before the run
CHECK_TIMEOUT = 20.0  # seconds for one whole request (however slowly the server sends)
ENV_TIMEOUT = "QA_LANGUAGETOOL_TIMEOUT"  # overrides CHECK_TIMEOUT (seconds)
RUN_BUDGET = 300.0  # seconds for every LanguageTool request of one run together
#: Texts are sent in pieces of at most this many UTF-16 units, cut at paragraph breaks
#: (servers limit the text size; the public API's free limit is 20,000 characters).
MAX_CHUNK = 15_000
LOCAL_START_TIMEOUT = 60


class LanguageToolServer:
    name = "languagetool"

    def __init__(
        self, url: str, language: str = "en-US", timeout: float | None = None, max_chunk: int = MAX_CHUNK, run: "RunBudget | None" = None
    ) -> None:
        self.url = url if url.endswith("/") else url + "/"
        if not self.url.rstrip("/").endswith("/v2"):
            self.url = urllib.parse.urljoin(self.url, "v2/")
        self.language = language
        self.timeout = timeout if timeout is not None else _env_seconds(ENV_TIMEOUT, CHECK_TIMEOUT)
        self.max_chunk = max_chunk
        host = urllib.parse.urlsplit(self.url).hostname or ""
        self._watch = _Watchdog()
        handlers = [_WatchedHTTP(self._watch), _WatchedHTTPS(self._watch)]
        if _is_loopback(host):
            handlers.append(urllib.request.ProxyHandler({}))
        self._opener = urllib.request.build_opener(*handlers)
        self._run = run  # None: whatever run is current when a check is made (qa serve resets it per request)

    @property
    def run(self) -> "RunBudget":
        return self._run or RunBudget.current()

    def ping(self) -> None:
        """Make sure the server answers (``GET /v2/languages``) before any file is checked."""
        try:
            answer = self._request("languages", None, CONNECT_TIMEOUT)
        except _TimedOut as exc:
            raise self._error(str(exc)) from None
        if not isinstance(answer, list):
            raise self._error("did not answer like a LanguageTool server (GET /v2/languages)")

    def params(self, text: str) -> dict[str, str]:
        return {"text": text, "language": self.language}

    def check(self, text: str) -> list[GrammarMatch]:
        if self.run.is_down():
            return []  # marked down earlier in this run (said once, by whoever marked it)
        out: list[GrammarMatch] = []
        for offset, piece in chunks(text, self.max_chunk):
            left = self.run.left()
            if left <= 0:
                return self._down(f"used up this run's {self.run.budget:g} s for LanguageTool")
            try:
                answer = self._request("check", self.params(piece), min(self.timeout, left))
            except _TimedOut as exc:
                return self._down(str(exc))
            out.extend(_shift(m, offset) for m in parse(answer, piece, self._error))
        return out

    def _down(self, problem: str) -> list[GrammarMatch]:
        """Mark the server down for the run; the first process to do so says it, once."""
        if self.run.mark_down():
            raise self._error(f"{problem}; LanguageTool is off for the rest of this run")
        return []

    def _request(self, path: str, params: dict[str, str] | None, timeout: float) -> Any:
        url = urllib.parse.urljoin(self.url, path)
        data = urllib.parse.urlencode(params).encode("utf-8") if params is not None else None
        request = urllib.request.Request(url, data=data, headers={"Accept": "application/json"})
        try:
            with self._watch.deadline(timeout):
                with self._opener.open(request, timeout=timeout) as response:
                    body = response.read()
        except _TimedOut:
            raise _TimedOut(f"did not answer within {timeout:g} s") from None
        except urllib.error.HTTPError as exc:
            detail = exc.read(300).decode("utf-8", "replace").strip().splitlines()
            raise self._error(f"answered HTTP {exc.code}" + (f": {detail[0]}" if detail else "")) from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, (TimeoutError, socket.timeout)):
                raise _TimedOut(f"did not answer within {timeout:g} s") from None
            raise self._error(_reason(exc.reason)) from None
        except (TimeoutError, socket.timeout):
            raise _TimedOut(f"did not answer within {timeout:g} s") from None
        except (OSError, http.client.HTTPException) as exc:
            raise self._error(_reason(exc)) from None
        try:
            return json.loads(body)
        except ValueError:
            raise self._error("did not answer in LanguageTool's JSON format") from None

    def _error(self, problem: str) -> EngineError:
        return EngineError(f"languagetool: server {self.url} {problem}")


def _env_seconds(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name) or default)
    except ValueError:
        raise EngineError(f"languagetool: ${name} must be a number of seconds") from None
    return value if value > 0 else default


class _TimedOut(Exception):
    """A request passed its deadline (message: what to tell the user, without the server)."""


class _Watchdog:
    """Shuts the sockets of the current request when its deadline passes."""

    def __init__(self) -> None:
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self.expired = False

    def deadline(self, seconds: float) -> "_Deadline":
        return _Deadline(self, seconds)

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            expired = self.expired
        if expired:
            _shut(sock)

    def expire(self) -> None:
        with self._lock:
            self.expired = True
            sockets = list(self._sockets)
        for sock in sockets:
            _shut(sock)


class _Deadline:
    def __init__(self, watch: _Watchdog, seconds: float) -> None:
        self.watch, self.seconds = watch, seconds

    def __enter__(self) -> None:
        self.watch._sockets, self.watch.expired = [], False
        self.timer = threading.Timer(self.seconds, self.watch.expire)
        self.timer.daemon = True
        self.timer.start()

    def __exit__(self, kind, value, tb) -> bool:
        self.timer.cancel()
        if self.watch.expired and (kind is None or issubclass(kind, (OSError, http.client.HTTPException, ValueError))):
            raise _TimedOut()
        return False


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


def _watched(base: type, watch: _Watchdog):
    """A connection class whose socket the watchdog can shut (given to urllib's do_open)."""

    def make(host: str, **kw):
        conn = base(host, **kw)
        connect = conn.connect

        def watched_connect() -> None:
            connect()
            watch.watch(conn.sock)

        conn.connect = watched_connect
        return conn

    return make


class _WatchedHTTP(urllib.request.HTTPHandler):
    def __init__(self, watch: _Watchdog) -> None:
        super().__init__()
        self._make = _watched(http.client.HTTPConnection, watch)

    def http_open(self, req):
        return self.do_open(self._make, req)


class _WatchedHTTPS(urllib.request.HTTPSHandler):
    def __init__(self, watch: _Watchdog) -> None:
        super().__init__()
        self._make = _watched(http.client.HTTPSConnection, watch)

    def https_open(self, req):
        return self.do_open(self._make, req, context=self._context)


class RunBudget:
    """The time LanguageTool may take in one run, and whether it is down. One per process,
    made on first use: the parent makes it when it probes the server, before any worker
    starts, and forked workers inherit it (the deadline and the marker file that says "down"),
    so the whole run shares one budget and one "down". ``reset()`` starts a new run: ``qa
    serve`` calls it for every request, so one slow request does not spend the budget (or
    leave LanguageTool off) for the requests after it."""

    _current: "RunBudget | None" = None

    def __init__(self, budget: float = RUN_BUDGET) -> None:
        self.budget = budget
        self.deadline = time.time() + budget
        self.marker = os.path.join(tempfile.gettempdir(), f"qa-languagetool-down-{os.getpid()}-{os.urandom(6).hex()}")
        self.owner = os.getpid()
        import atexit

        atexit.register(self._remove)

    @classmethod
    def current(cls) -> "RunBudget":
        if cls._current is None:
            cls._current = cls()
        return cls._current

    @classmethod
    def reset(cls, budget: float = RUN_BUDGET) -> "RunBudget":
        """A new run: a fresh deadline and not down. This process's budget is renewed in place
        (a long-lived server resets once per request: no new marker file or exit hook each time)."""
        run = cls._current
        if run is None or run.owner != os.getpid():
            cls._current = cls(budget)
            return cls._current
        run._remove()
        run.budget = budget
        run.deadline = time.time() + budget
        return run

    def left(self) -> float:
        return self.deadline - time.time()

    def is_down(self) -> bool:
        return os.path.exists(self.marker)

    def mark_down(self) -> bool:
        """Mark the server down; True for the one process that did it first."""
        try:
            os.close(os.open(self.marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        except FileExistsError:
            return False
        except OSError:
            return True
        return True

    def _remove(self) -> None:
        if os.getpid() != self.owner:
            return  # a worker: the parent cleans up
        try:
            os.unlink(self.marker)
        except OSError:
            pass


def _shift(m: GrammarMatch, offset: int) -> GrammarMatch:
    if not offset:
        return m
    return GrammarMatch(m.start + offset, m.end + offset, m.rule, m.message, m.replacements, m.kind, m.spelling)


def _reason(reason: Any) -> str:
    if isinstance(reason, ConnectionRefusedError):
        return "refused the connection"
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return "did not answer in time"
    if isinstance(reason, socket.gaierror):
        return "cannot be found (unknown host)"
    text = getattr(reason, "strerror", None) or str(reason)
    return f"cannot be reached: {text}"


def _is_loopback(host: str) -> bool:
    return host in ("localhost", "::1") or host.startswith("127.")


def utf16_to_code_points(text: str):
    """A function mapping a UTF-16 offset into ``text`` to a code point offset."""
    astral = []  # UTF-16 offsets at which an astral (two-unit) character starts
    units = 0
    for ch in text:
        if ord(ch) > 0xFFFF:
            astral.append(units)
            units += 2
        else:
            units += 1
    if not astral:
        return lambda u: u

    def convert(u: int) -> int:
        # every astral character that starts before u took one extra unit
        return u - bisect_left(astral, u)

    return convert


def parse(answer: Any, text: str, error=EngineError) -> Iterator[GrammarMatch]:
    """LanguageTool's ``/v2/check`` JSON -> GrammarMatch, offsets converted to code points."""
    try:
        matches = answer["matches"]
        to_cp = utf16_to_code_points(text)
        for m in matches:
            rule = m["rule"]
            offset, length = int(m["offset"]), int(m["length"])
            start, end = to_cp(offset), to_cp(offset + length)
            issue = rule.get("issueType", "")
            category = rule.get("category", {}).get("id", "")
            yield GrammarMatch(
                start=start,
                end=end,
                rule=f"lt.{rule['id']}",
                message=m["message"],
                replacements=tuple(r["value"] for r in m.get("replacements", ())),
                kind=issue,
                spelling=issue == "misspelling" or category == "TYPOS",
            )
    except (KeyError, TypeError, ValueError, AttributeError):
        raise error("did not answer in LanguageTool's /v2/check format") from None


def chunks(text: str, limit: int = MAX_CHUNK) -> Iterator[tuple[int, str]]:
    """``(code point offset, piece)``: the text cut at paragraph breaks into pieces of at most
    ``limit`` UTF-16 units (a paragraph longer than that is sent alone)."""
    start = 0
    size = 0
    pos = 0
    for para in text.splitlines(keepends=True):
        units = len(para.encode("utf-16-le")) // 2
        if size and size + units > limit:
            yield start, text[start:pos]
            start, size = pos, 0
        size += units
        pos += len(para)
    if pos > start or not text:
        yield start, text[start:pos]


def start_local() -> str:
    """Start a local LanguageTool server through language-tool-python; return its URL.

    ``$LTP_JAR_DIR_PATH`` names the unpacked LanguageTool directory (``LanguageTool-6.8``,
    holding ``languagetool-server.jar``); Java 17 must be on PATH. We never let
    language-tool-python download anything: without ``$LTP_JAR_DIR_PATH`` this is an error.
    language-tool-python 3.4 looks for ``LanguageTool-<version>`` under ``$LTP_PATH`` (by
    default a folder in the user's home, which it creates), so we point ``$LTP_PATH`` at the
    install's parent folder for this process. The server is stopped at exit.
    """
    from pathlib import Path

    jar_dir = os.environ.get("LTP_JAR_DIR_PATH")
    if not jar_dir:
        raise EngineError(
            "languagetool: no server configured: give --languagetool-url or $QA_LANGUAGETOOL_URL, "
            "--languagetool-public to send the text to languagetool.org, or set $LTP_JAR_DIR_PATH "
            "to a local LanguageTool install (needs Java 17)"
        )
    path = Path(jar_dir).resolve()
    name = path.name
    if not path.is_dir() or not name.startswith("LanguageTool-"):
        raise EngineError(f"languagetool: $LTP_JAR_DIR_PATH={jar_dir} is not an unpacked LanguageTool-<version> directory")
    os.environ.setdefault("LTP_PATH", str(path.parent))
    try:
        import language_tool_python
        from language_tool_python.download_lt import LocalLanguageTool

        version = LocalLanguageTool.from_path(path).version_name

        class _Bounded(language_tool_python.LanguageTool):
            _TIMEOUT = 30  # language-tool-python waits 300 s per request by default

        tool = _Bounded("en-US", language_tool_download_version=version)
    except Exception as exc:  # Java missing or too old, jar missing, server did not start
        raise EngineError(f"languagetool: cannot start the local server in {path}: {exc}".splitlines()[0]) from None
    _LOCAL.append(tool)  # keep it (and its server process) alive for the run
    return tool.url


_LOCAL: list[Any] = []
