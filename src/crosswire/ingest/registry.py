"""Readers are registered by name and chosen by path, extension or content."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Protocol

from crosswire.config import Config
from crosswire.errors import UnknownSourceError
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
