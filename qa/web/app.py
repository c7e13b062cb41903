"""The web application of ``qa serve`` (Starlette): the editor's page and the HTTP API.

Routes:

- ``GET /`` and ``/static/*``: the page (HTML, CSS, JS shipped in the package; no CDN);
- ``POST /api/check``: a document as JSON ``{"text", "filename", "format"}``, as a multipart
  upload (field ``file``, optional field ``format``) or as the raw body (``?filename=&format=``);
  answers the ``mtqa-report/2`` JSON of ``qa check --format json`` (SARIF with ``format=sarif``);
- ``GET /api/rules``: the rule table; ``GET /healthz``: liveness.

Every refusal is a 4xx with ``{"error": "<one line>"}``; an unexpected failure is a 500 with a
one-line message and no traceback. Article text is never logged.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from qa import __version__
from qa.web.service import BadRequest, Service

STATIC = Path(__file__).with_name("static")


def create_app(service: Service) -> Starlette:
    async def page(request: Request) -> Response:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok", "version": __version__})

    async def rules(request: Request) -> Response:
        return JSONResponse({"rules": service.rules()})

    async def check(request: Request) -> Response:
        data, filename, fmt = await _document(request, service.limits.max_bytes)
        report = await run_in_threadpool(service.check, data, filename)
        body = await run_in_threadpool(service.render, report, fmt)
        media = "application/sarif+json" if fmt == "sarif" else "application/json"
        return Response(body, media_type=f"{media}; charset=utf-8")

    async def refused(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, BadRequest)
        return JSONResponse({"error": str(exc)}, status_code=exc.status)

    async def failed(request: Request, exc: Exception) -> Response:
        return JSONResponse({"error": f"internal error: {type(exc).__name__} (please report this)"}, status_code=500)

    async def not_found(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 404)
        return JSONResponse({"error": f"{request.method} {request.url.path}: {getattr(exc, 'detail', 'not found')}"}, status_code=status)

    routes = [
        Route("/", page),
        Route("/healthz", healthz),
        Route("/api/rules", rules),
        Route("/api/check", check, methods=["POST"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    handlers: dict[Any, Any] = {BadRequest: refused, Exception: failed, 404: not_found, 405: not_found}
    app = Starlette(routes=routes, exception_handlers=handlers)
    return BodyLimit(app, service.limits.max_bytes)


async def _document(request: Request, max_bytes: int) -> tuple[bytes, str, str]:
    """(bytes, file name, format) from any of the three request shapes."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    fmt = request.query_params.get("format", "json")
    filename = request.query_params.get("filename", "pasted.txt")
    if kind == "application/json":
        try:
            payload = json.loads(await request.body())
        except (ValueError, UnicodeDecodeError) as exc:
            raise BadRequest(f"the body is not valid JSON ({exc.__class__.__name__}: {str(exc).splitlines()[0]})") from None
        if not isinstance(payload, dict) or not isinstance(payload.get("text"), str):
            raise BadRequest('the JSON body must be an object with a string "text"')
        filename = _str(payload, "filename", filename)
        fmt = _str(payload, "format", fmt)
        try:
            return payload["text"].encode("utf-8"), filename, fmt
        except UnicodeEncodeError:
            raise BadRequest('"text" holds a lone surrogate (\\u escape): not valid Unicode text') from None
    if kind == "multipart/form-data":
        form = await request.form(max_files=1, max_fields=4, max_part_size=max_bytes)
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise BadRequest('the form has no file field named "file"')
        fmt = str(form.get("format") or fmt)
        return await upload.read(), upload.filename or filename, fmt
    return await request.body(), filename, fmt


def _str(payload: dict, key: str, default: str) -> str:
    value = payload.get(key, default)
    if not isinstance(value, str):
        raise BadRequest(f'"{key}" must be a string')
    return value


class BodyLimit:
    """ASGI middleware: refuses a body over ``max_bytes`` (by Content-Length, or while reading)."""

    def __init__(self, app: Any, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.max_bytes + 64 * 1024  # room for a multipart envelope or JSON quoting
        declared = dict(scope.get("headers") or ()).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await _refuse(send, f"the request body is over the {self.max_bytes:,}-byte limit")
            return
        seen = 0

        async def counted() -> dict:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > limit:
                raise BadRequest(f"the request body is over the {self.max_bytes:,}-byte limit", 413)
            return message

        await self.app(scope, counted, send)


async def _refuse(send: Any, reason: str) -> None:
    body = json.dumps({"error": reason}).encode()
    await send({"type": "http.response.start", "status": 413, "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
