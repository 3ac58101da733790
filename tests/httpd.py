"""A real HTTP server on loopback serving fixed pages, for ingest-by-URL tests."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@contextmanager
def serve(pages: dict[str, tuple[int, str, bytes]]) -> Iterator[str]:
    """Serve ``path -> (status, content type, body)`` on 127.0.0.1; yields the base URL.

    ``/slow`` answers only once the test is over (or ``serve.release`` is set), so a client
    timeout is certain to come first; a status of 3xx sends ``body`` as the Location.
    """
    seen_agents: list[str] = []
    release = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen_agents.append(self.headers.get("User-Agent", ""))
            if self.path == "/slow":
                release.wait()
            status, kind, body = pages.get(self.path, (404, "text/plain", b"not found"))
            self.send_response(status)
            if 300 <= status < 400:
                self.send_header("Location", body.decode())
                body = b""
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                return

        def log_message(self, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        serve.agents = seen_agents  # type: ignore[attr-defined]
        serve.release = release  # type: ignore[attr-defined]
        yield base
    finally:
        release.set()
        server.shutdown()
        server.server_close()
