"""The ASGI application behind ``crosswire serve``: JSON API, web pages, one error shape.

Every route is a thin wrapper over the Python API (``Store``); this module only wires them up
and keeps the server safe by default: loopback, bounded request bodies and pages, writes only
with a token, a strict Content-Security-Policy, and no asset from outside the package.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Awaitable, Callable, MutableMapping
from importlib import resources
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from crosswire.config import Config, load_config
from crosswire.errors import (
    AccessError,
    AuthError,
    CrosswireError,
    InputError,
    NotFoundError,
    RequestError,
    TooLargeError,
)
from crosswire.store import Store

log = logging.getLogger("crosswire.serve")
Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

SECURITY_HEADERS = {
    "content-security-policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def status_of(error: CrosswireError) -> int:
    """The HTTP status for an error of the tree."""
    if isinstance(error, NotFoundError):
        return 404
    if isinstance(error, TooLargeError):
        return 413
    if isinstance(error, AuthError):
        return 401
    if isinstance(error, AccessError):
        return 403
    if isinstance(error, (RequestError, InputError)) or error.code.startswith("E1"):
        return 400
    return 500


class Guard:
    """ASGI middleware: security headers on every response, request bodies bounded, the Host
    header checked (against DNS rebinding) when ``hosts`` are given, and blank query fields
    (``?actor=&type=``, what an HTML form sends) dropped before parsing."""

    def __init__(self, app: ASGIApp, *, max_body: int, hosts: list[str] | None = None) -> None:
        self.app = app
        self.max_body = max_body
        self.hosts = set(hosts or ())

    def _host_allowed(self, scope: Scope) -> bool:
        if not self.hosts:
            return True
        host = dict(scope.get("headers", [])).get(b"host", b"").decode("latin-1")
        name = host.rsplit("]", 1)[0].lstrip("[") if host.startswith("[") else host.split(":")[0]
        return name in self.hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if not self._host_allowed(scope):
            error = RequestError(
                "This server does not answer to that host name.",
                fix="Use the address it listens on, e.g. http://127.0.0.1:8000/.",
            )
            await _send_json(send, 400, error.to_dict())
            return
        query: bytes = scope.get("query_string", b"")
        if query:
            parts = [p for p in query.split(b"&") if p and not p.endswith(b"=")]
            scope["query_string"] = b"&".join(parts)

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                message["headers"] = [
                    *message.get("headers", []),
                    *(pair for pair in extra if pair[0] not in names),
                ]
            await send(message)

        if scope["method"] in ("GET", "HEAD", "OPTIONS", "DELETE"):
            await self.app(scope, receive, send_secured)
            return
        body = await self._read(scope, receive)
        if body is None:
            error = TooLargeError(
                f"The request body is larger than {self.max_body} bytes.",
                fix="Send fewer articles per request, or raise serve.max_body_bytes.",
            )
            await _send_json(send_secured, 413, error.to_dict())
            return
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if delivered:
                return await receive()
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send_secured)

    async def _read(self, scope: Scope, receive: Receive) -> bytes | None:
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body:
            return None
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)


async def _send_json(send: Send, status: int, payload: dict[str, Any]) -> None:
    body = json.dumps(payload).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api") and request.url.path != "/openapi.json"


def create_app(
    store: Store,
    *,
    read_only: bool = False,
    token: str | None = None,
    config: Config | None = None,
    allowed_hosts: list[str] | None = None,
) -> FastAPI:
    """The web application over ``store``. Writes (``POST /api/articles``) need ``token`` and
    are refused when ``read_only``; ``allowed_hosts`` guards against DNS rebinding."""
    from crosswire.serve import api, pages

    config = config or load_config()
    app = FastAPI(
        title="crosswire",
        version="0.1.0",
        summary="Corroborated political event data: events, the reports behind them, actors, "
        "dyads and stories.",
        docs_url=None,  # the stock docs pages load their scripts from a CDN; ours are local
        redoc_url=None,
    )
    app.state.store = store
    store.release()  # each request opens the file for itself: other processes get turns
    app.state.read_only = read_only
    app.state.token = token
    app.state.config = config
    app.state.write_lock = threading.Lock()
    app.state.max_articles = int(config.get("serve.max_articles"))
    app.include_router(api.router)
    app.include_router(pages.router)
    static = resources.files("crosswire.serve") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    def render_error(request: Request, error: CrosswireError, status: int) -> Response:
        if _wants_html(request):
            return pages.error_page(request, error, status)
        return JSONResponse(error.to_dict(), status_code=status)

    @app.exception_handler(CrosswireError)
    async def crosswire_error(request: Request, exc: CrosswireError) -> Response:
        return render_error(request, exc, status_of(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()) if p != 'query')}: {e.get('msg')}"
            for e in exc.errors()[:5]
        )
        error = RequestError(f"Invalid request: {problems}.", fix="See /docs for the parameters.")
        return render_error(request, error, 422)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if exc.status_code == 404:
            error: CrosswireError = NotFoundError(
                f"Nothing at {request.url.path}.", fix="See /docs for the routes."
            )
        else:
            error = RequestError(str(exc.detail), fix="See /docs for the routes.")
        return render_error(request, error, exc.status_code)

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        log.exception("error serving %s", request.url.path)
        error = CrosswireError(
            f"Internal error ({type(exc).__name__}).",
            fix="Report it with the server log; the database is unchanged.",
        )
        return render_error(request, error, 500)

    app.add_middleware(Guard, max_body=int(config.get("serve.max_body_bytes")), hosts=allowed_hosts)
    return app


def serve(
    store: Store,
    *,
    host: str,
    port: int,
    read_only: bool = False,
    token: str | None = None,
    config: Config | None = None,
) -> None:
    """Run the web application with uvicorn until interrupted."""
    import uvicorn

    hosts = None if host in ("0.0.0.0", "::") else sorted({host, *LOOPBACK})
    app = create_app(store, read_only=read_only, token=token, config=config, allowed_hosts=hosts)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
