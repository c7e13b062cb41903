"""Start the ``qa serve`` application on a real server (uvicorn), bound before it starts.

Binding the socket here, before uvicorn runs, lets ``--port 0`` take a free port and lets the
printed URL be the one that is actually listening. Ctrl-C (SIGINT) and SIGTERM stop uvicorn
cleanly: it finishes the requests in flight and returns.

``--workers N`` (N > 1) pre-forks: the engine is built and warmed once in this process, then N
worker processes inherit it (its tables shared copy-on-write) and accept on the one socket, so
N documents are checked at once. This process only supervises: a worker that dies is replaced,
and SIGINT/SIGTERM are passed on to every worker, which finish their requests and exit.
"""

from __future__ import annotations

import os
import signal
import socket
import time
from typing import Callable

from qa.settings import Settings
from qa.web.service import Limits, Service


def serve(settings: Settings, host: str, port: int, limits: Limits, say: Callable[[str], None], workers: int = 1) -> None:
    import uvicorn

    from qa.web.app import create_app

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        from qa.errors import QaError

        raise QaError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    sock.listen(2048)  # clients that connect while the engine warms up wait instead of being refused
    service = Service(settings, limits)  # built once, before the first request
    for problem in service.errors:
        say(f"warning: {problem}")
    bound = sock.getsockname()[1]
    shown = f"[{host}]" if family == socket.AF_INET6 else host
    many = f", {workers} worker processes" if workers > 1 else ""
    say(f"qa serve: http://{shown}:{bound}/  (Ctrl-C stops it; the text you check stays on this machine{many})")
    config = uvicorn.Config(create_app(service), log_level="warning", access_log=False, lifespan="off")
    if workers > 1:
        _supervise(lambda: _run(uvicorn.Server(config), sock), workers, say)
    else:
        _run(uvicorn.Server(config), sock)
    say("qa serve: stopped")


#: A worker that exits sooner than this after it started counts as failing to start.
QUICK = 2.0


def _run(server, sock: socket.socket) -> None:
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn re-raises the Ctrl-C it handled, after a clean shutdown
        pass


def _supervise(work: Callable[[], None], workers: int, say: Callable[[str], None]) -> None:
    """Fork ``workers`` processes that each run ``work``; replace one that dies, pass SIGINT and
    SIGTERM on to all of them and return when every one has exited."""
    if not hasattr(os, "fork"):
        from qa.errors import QaError

        raise QaError("qa serve --workers needs a system with fork (Linux, macOS); use one worker")
    children: dict[int, float] = {}  # pid -> when it started
    stopping = False
    quick_deaths = 0

    def start() -> None:
        pid = os.fork()
        if pid == 0:  # the worker: never returns into the caller's code
            status = 0
            try:
                signal.signal(signal.SIGINT, signal.default_int_handler)
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                work()
            except BaseException:  # noqa: BLE001 - a worker's end is its exit status
                status = 1
            finally:
                os._exit(status)
        children[pid] = time.monotonic()

    def stop(signum, frame) -> None:
        nonlocal stopping
        stopping = True
        for pid in children:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    for _ in range(workers):
        start()
    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        while children:
            try:
                pid, status = os.wait()
            except ChildProcessError:
                break
            started = children.pop(pid, None)
            if started is None or stopping:
                continue
            quick_deaths = quick_deaths + 1 if time.monotonic() - started < QUICK else 0
            if quick_deaths >= 3:
                stop(signal.SIGTERM, None)
                say(f"warning: qa serve workers keep exiting as they start ({_ended(status)}); stopping")
                continue
            say(f"warning: qa serve worker {pid} exited ({_ended(status)}); starting another")
            start()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _ended(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"signal {os.WTERMSIG(status)}"
    return f"status {os.waitstatus_to_exitcode(status)}"
