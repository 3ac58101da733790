"""Readers are registered by name and chosen by path, extension or content."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Protocol

from crosswire.config import Config
from crosswire.errors import CrosswireError, InputError, UnknownSourceError
from crosswire.records import Article, Reject

Item = Article | Reject


@dataclass(frozen=True, slots=True)
class Defaults:
    """Metadata given on the command line, used where the source itself has none."""

    outlet: str | None = None
    published: str | None = None


class Reader(Protocol):
    def __call__(self, source: str, *, config: Config, defaults: Defaults) -> Iterator[Item]: ...


@dataclass(frozen=True, slots=True)
class Registration:
    name: str
    accepts: Callable[[str], bool]
    read: Reader
    priority: int


_READERS: dict[str, Registration] = {}


def register(
    name: str, *, accepts: Callable[[str], bool], priority: int = 50
) -> Callable[[Reader], Reader]:
    """Register ``read`` under ``name``; lower ``priority`` is asked first."""

    def wrap(read: Reader) -> Reader:
        _READERS[name] = Registration(name, accepts, read, priority)
        return read

    return wrap


def readers() -> list[Registration]:
    return sorted(_READERS.values(), key=lambda r: (r.priority, r.name))


def reader_for(source: str, *, name: str | None = None) -> Registration:
    if name is not None:
        if name not in _READERS:
            raise UnknownSourceError(
                f"No reader named {name!r}.", fix=f"Choose one of: {', '.join(sorted(_READERS))}."
            )
        return _READERS[name]
    for registration in readers():
        if registration.accepts(source):
            return registration
    raise UnknownSourceError(
        f"No reader accepts {source!r}.",
        fix="Pass a folder, a .txt/.md/.html/.jsonl/.csv/.xml/.rss/.warc file or an http(s) URL.",
    )


def _is_url(source: str) -> bool:
    return "://" in source[:16]


def read_source(
    source: str, *, config: Config, defaults: Defaults, name: str | None = None
) -> Iterator[Item]:
    """One source through its reader, under a guard: a missing path or a source no reader
    takes is a reject; a reader that fails part-way ends that source with a reject (what it
    had read is kept); a source that yields nothing at all says so in a reject."""
    from pathlib import Path

    try:
        registration = reader_for(source, name=name) if name or _is_url(source) else None
    except CrosswireError as exc:
        yield Reject(source, "ingest", "no reader", exc.message, code=exc.code)
        return
    if not _is_url(source) and not Path(source).exists():
        yield Reject(source, "ingest", "not found", "no such file or folder", code=InputError.code)
        return
    try:
        registration = registration or reader_for(source)
    except CrosswireError as exc:
        yield Reject(source, "ingest", "no reader", exc.message, code=exc.code)
        return
    count = 0
    try:
        for item in registration.read(source, config=config, defaults=defaults):
            count += 1
            yield item
    except Exception as exc:  # noqa: BLE001  (the read stage's guard: this source only)
        code = exc.code if isinstance(exc, CrosswireError) else InputError.code
        message = (str(exc).splitlines() or [""])[0][:300]
        detail = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
        yield Reject(source, "ingest", "unreadable", detail, code=code)
        return
    if count == 0:
        what = "no readable files" if registration.name == "folder" else "no articles"
        yield Reject(source, "ingest", what, f"the {registration.name} reader found nothing")
