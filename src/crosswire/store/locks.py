"""How crosswire processes share one database file (docs/live-ingest.md).

DuckDB lets one process write a file, or any number of processes read it, never both. crosswire
takes turns through two lock files next to the database:

- ``F.lock``: a process holds it shared while it has a read-only connection open, exclusive
  while it has a read-write one. Connections are short: a command, a request of the web server,
  one batch of an ingest. Between its batches an ingest closes the file, so the server and
  read commands get their turn and always see whole batches (each is one transaction).
- ``F.writer``: held for a whole ingest run, so a second ingest into the same file waits for
  the first one to finish (saying so) instead of failing.

Locks are ``flock`` locks on Linux and macOS: the system drops them when a process dies, so a
killed run never leaves the file locked. Where ``fcntl`` is missing (Windows) there is no
turn-taking and DuckDB's own lock refuses a second process, as before.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable

try:
    import fcntl
except ImportError:  # Windows: no flock
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)
Waiting = Callable[[str], None]


class FileLock:
    """One flock on ``path`` (created when missing), shared or exclusive, acquired blocking.

    Each acquisition opens its own file description, so two locks in one process (two threads
    of a server) exclude each other exactly as two processes do.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, *, exclusive: bool, wait: Waiting | None = None, what: str = "") -> None:
        if self._fd is not None or fcntl is None:
            return
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:  # a read-only folder: nobody can write there, so no turns to take
            log.debug("no lock file %s: %s", self.path, exc)
            return
        mode = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
        except BlockingIOError:
            if wait is not None:
                wait(what or f"waiting for {self.path}")
            started = time.monotonic()
            fcntl.flock(fd, mode)
            log.debug("waited %.1f s for %s", time.monotonic() - started, self.path)
        except OSError:
            os.close(fd)
            raise
        self._fd = fd

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None and fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)


def connection_lock(database: str) -> FileLock:
    return FileLock(f"{database}.lock")


def writer_lock(database: str) -> FileLock:
    return FileLock(f"{database}.writer")
