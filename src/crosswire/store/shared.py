"""One read-only connection shared by the requests of a server.

Opening the file costs tens of milliseconds on a large database (the catalogue is read and the
schema checked), more than most queries. A server therefore opens it once for a run of requests
and gives each request a cursor of its own; the connection is closed, and the file left free for
an ingest in another process, as soon as no request uses it and either it has been idle for
``idle`` seconds or it has been open for ``hold`` seconds. A writer waits at most about ``hold``
seconds for its turn while requests keep coming one after another.
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crosswire.store.locks import Waiting
    from crosswire.store.store import Store


class SharedReads:
    def __init__(
        self, path: str, wait: Waiting | None, *, idle: float = 0.25, hold: float = 1.0
    ) -> None:
        self.path, self.wait, self.idle, self.hold = path, wait, idle, hold
        self._store: Store | None = None
        self._users = 0
        self._opened = 0.0
        self._last = 0.0
        self._guard = threading.Lock()

    def view(self) -> Store:
        """A store on a cursor of the shared connection (opened now when needed); closing the
        view gives the cursor back."""
        from crosswire.store.store import Store

        with self._guard:
            if self._store is None:
                self._store = Store(self.path, read_only=True, wait=self.wait)
                self._opened = time.monotonic()
            self._users += 1
            view = self._store.session()
        view._on_close = self._done
        return view

    def _done(self) -> None:
        with self._guard:
            self._users -= 1
            self._last = now = time.monotonic()
            if self._users or self._store is None:
                return
            if now - self._opened >= self.hold:
                self._close()
                return
        timer = threading.Timer(self.idle, self._close_if_idle, args=(now,))
        timer.daemon = True
        timer.start()

    def _close_if_idle(self, since: float) -> None:
        with self._guard:
            if not self._users and self._last == since:
                self._close()

    def _close(self) -> None:
        store, self._store = self._store, None
        if store is not None:
            store.close()

    def close(self) -> None:
        """Close the connection now (the server stops)."""
        with self._guard:
            self._close()
