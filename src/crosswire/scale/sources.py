"""Sources -> units of work for cluster workers, in the order a single machine reads them.

A unit is one file (a local path, an http(s) URL or an fsspec URL such as ``s3://bucket/x.jsonl``)
or a block of lines of a large JSON-lines file. Units are grouped into partitions of about
``partition_bytes``; workers open the files themselves, so the driver never holds the corpus.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from crosswire.config import Config
from crosswire.ingest import Defaults, Item, read
from crosswire.ingest.files import FOLDER_SUFFIXES, folder_files
from crosswire.ingest.tabular import jsonl_items
from crosswire.records import Article, Reject

WEB = ("http://", "https://")
JSONL = (".jsonl", ".ndjson")


log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Unit:
    """A file, or lines ``first``... of a JSON-lines file from byte ``start`` for ``size`` bytes."""

    url: str
    size: int
    start: int = 0
    first: int = 1
    whole: bool = True


def _fsspec_url(source: str) -> bool:
    return "://" in source and not source.startswith(WEB) and not source.startswith("file://")


def units(sources: Iterable[str], *, block_bytes: int) -> Iterator[Unit]:
    """Every unit of ``sources``: folders walked like ``crosswire ingest`` walks them, remote
    folders and globs listed with fsspec, large JSON-lines files cut at line ends."""
    for source in sources:
        if source.startswith(WEB):
            yield Unit(source, 0)
        elif _fsspec_url(source) or source.startswith("file://"):
            yield from _remote_units(source, block_bytes)
        elif Path(source).is_dir():
            for path in folder_files(source):
                if isinstance(path, str):
                    yield from _file_units(path, os.path.getsize(path), block_bytes)
                else:  # a link out of the folder: never read
                    log.warning("skipped %s: %s", path.source, path.detail)
        else:
            size = os.path.getsize(source) if os.path.isfile(source) else 0
            yield from _file_units(source, size, block_bytes)


def _remote_units(source: str, block_bytes: int) -> Iterator[Unit]:
    import fsspec

    fs, root = fsspec.core.url_to_fs(source)
    if fs.isdir(root):
        found = sorted(
            p for p in fs.find(root) if PurePosixPath(p).suffix.lower() in FOLDER_SUFFIXES
        )
    elif any(ch in root for ch in "*?["):
        found = sorted(fs.glob(root))
    else:
        found = [root]
    for path in found:
        yield from _file_units(fs.unstrip_protocol(path), int(fs.size(path) or 0), block_bytes)


def _file_units(url: str, size: int, block_bytes: int) -> Iterator[Unit]:
    if not url.lower().endswith(JSONL) or size <= block_bytes:
        yield Unit(url, size)
        return
    import fsspec

    start, first = 0, 1
    with fsspec.open(url, "rb") as handle:
        while start < size:
            handle.seek(start + block_bytes)
            handle.readline()  # the block ends at the end of a line
            end = min(handle.tell(), size)
            handle.seek(start)
            lines = handle.read(end - start).count(b"\n")
            yield Unit(url, end - start, start=start, first=first, whole=False)
            start, first = end, first + lines


def partitions(found: Iterable[Unit], *, partition_bytes: int) -> list[list[Unit]]:
    """Consecutive units grouped until a group holds about ``partition_bytes``."""
    groups: list[list[Unit]] = []
    current: list[Unit] = []
    total = 0
    for unit in found:
        current.append(unit)
        total += max(unit.size, 1)
        if total >= partition_bytes:
            groups.append(current)
            current, total = [], 0
    if current:
        groups.append(current)
    return groups


def read_unit(unit: Unit, *, config: Config, defaults: Defaults) -> Iterator[Item]:
    """The unit's articles and rejects, named as a single-machine read names them."""
    if not unit.whole:
        import fsspec

        with fsspec.open(unit.url, "rb") as handle:
            handle.seek(unit.start)
            block = handle.read(unit.size)
        yield from jsonl_items(
            block.splitlines(keepends=True),
            unit.url,
            config=config,
            defaults=defaults,
            first=unit.first,
        )
    elif not _fsspec_url(unit.url):
        yield from read([unit.url.removeprefix("file://")], config=config, defaults=defaults)
    else:
        yield from _read_remote(unit.url, config=config, defaults=defaults)


def _read_remote(url: str, *, config: Config, defaults: Defaults) -> Iterator[Item]:
    """A remote file is copied to a local temporary file of the same name and read there."""
    import fsspec

    with tempfile.TemporaryDirectory() as tmp:
        local = Path(tmp) / PurePosixPath(url).name
        with fsspec.open(url, "rb") as remote, local.open("wb") as handle:
            while chunk := remote.read(1 << 20):
                handle.write(chunk)
        for item in read([str(local)], config=config, defaults=defaults):
            yield _renamed(item, str(local), url)


def _renamed(item: Item, local: str, url: str) -> Item:
    if isinstance(item, Article) and item.source and item.source.startswith(local):
        return dataclasses.replace(item, source=url + item.source[len(local) :])
    if isinstance(item, Reject) and item.source.startswith(local):
        return dataclasses.replace(item, source=url + item.source[len(local) :])
    return item
