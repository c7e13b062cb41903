"""Start the ``qa serve`` application on a real server (uvicorn), bound before it starts.

Binding the socket here, before uvicorn runs, lets ``--port 0`` take a free port and lets the
printed URL be the one that is actually listening. Ctrl-C (SIGINT) and SIGTERM stop uvicorn
cleanly: it finishes the requests in flight and returns.
"""

from __future__ import annotations

import socket
from typing import Callable

from qa.settings import Settings
from qa.web.service import Limits, Service


def serve(settings: Settings, host: str, port: int, limits: Limits, say: Callable[[str], None]) -> None:
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
    say(f"qa serve: http://{shown}:{bound}/  (Ctrl-C stops it; the text you check stays on this machine)")
    config = uvicorn.Config(create_app(service), log_level="warning", access_log=False, lifespan="off")
    try:
        uvicorn.Server(config).run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn re-raises the Ctrl-C it handled, after a clean shutdown
        pass
    say("qa serve: stopped")
