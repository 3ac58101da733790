"""Plain files and folders: .txt and .md with optional front matter, recursive folders."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from crosswire.config import Config
from crosswire.ingest.meta import article_items, decode, split_front_matter
from crosswire.ingest.registry import Defaults, Item, read_source, register
from crosswire.records import Reject, web_url

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
FOLDER_SUFFIXES = TEXT_SUFFIXES | {
    ".html",
    ".htm",
    ".jsonl",
    ".ndjson",
    ".csv",
    ".rss",
    ".atom",
    ".xml",
    ".warc",
    ".gz",
    ".urls",
}


def read_bytes(path: Path, *, config: Config) -> tuple[bytes | None, list[Reject]]:
    """The file's bytes (None when unusable) and the rejects or notes about it: unreadable,
    over the size limit, or cut to the limit when ``ingest.truncate`` is on."""
    limit = int(config.get("ingest.max_bytes"))
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            data = handle.read(limit)
    except OSError as exc:
        return None, [Reject(str(path), "ingest", "unreadable", exc.strerror or str(exc))]
    if size <= limit:
        return data, []
    if not config.get("ingest.truncate"):
        detail = f"{size} bytes > {limit}; set ingest.truncate=true to keep the start"
        return None, [Reject(str(path), "ingest", "too large", detail)]
    return data, [
        Reject(str(path), "ingest", "truncated", f"kept the first {limit} of {size} bytes")
    ]


def _is_text_file(source: str) -> bool:
    path = Path(source)
    return path.suffix.lower() in TEXT_SUFFIXES and path.is_file() and not _is_url_list(path)


def _is_url_list(path: Path) -> bool:
    if path.suffix.lower() == ".urls":
        return True
    if path.suffix.lower() != ".txt":
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(4096).decode("utf-8", "ignore")
    except OSError:
        return False
    lines = [
        line.strip()
        for line in head.splitlines()
        if line.strip() and not line.strip().startswith("#")
    ]
    return bool(lines) and all(
        line.startswith(("http://", "https://")) and " " not in line for line in lines
    )


@register("text", accepts=_is_text_file, priority=40)
def read_text(source: str, *, config: Config, defaults: Defaults) -> Iterator[Item]:
    data, notes = read_bytes(Path(source), config=config)
    yield from notes
    if data is None:
        return
    text = decode(data, source)
    if isinstance(text, Reject):
        yield text
        return
    meta, body = split_front_matter(text)
    yield from article_items(source, body, meta, config=config, defaults=defaults)


def folder_files(source: str) -> Iterator[str | Reject]:
    """Every file under ``source`` a reader may take, recursively, in a stable (sorted) order;
    a symbolic link that leads out of the folder is a reject, never followed."""
    top = Path(source).resolve()
    for root, dirs, names in os.walk(source):  # never descends into linked folders
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names + [d for d in dirs if (Path(root) / d).is_symlink()]):
            path = Path(root) / name
            if name.startswith(".") or (
                path.suffix.lower() not in FOLDER_SUFFIXES and not path.is_symlink()
            ):
                continue
            if path.is_symlink() and not path.resolve().is_relative_to(top):
                yield Reject(str(path), "ingest", "outside the folder", "a link out of the folder")
                continue
            if path.is_file():
                yield str(path)


@register("folder", accepts=lambda s: Path(s).is_dir(), priority=10)
def read_folder(source: str, *, config: Config, defaults: Defaults) -> Iterator[Item]:
    """Every readable file under ``source``, recursively, in a stable (sorted) order; each file
    read under its own guard, so one that breaks a reader costs only itself."""
    for path in folder_files(source):
        if isinstance(path, Reject):
            yield path
        else:
            yield from read_source(path, config=config, defaults=defaults)


@register("url-list", accepts=lambda s: Path(s).is_file() and _is_url_list(Path(s)), priority=30)
def read_url_list(source: str, *, config: Config, defaults: Defaults) -> Iterator[Item]:
    from crosswire.ingest.web import read_url

    data, notes = read_bytes(Path(source), config=config)
    yield from notes
    if data is None:
        return
    for number, line in enumerate(data.decode("utf-8", "ignore").splitlines(), start=1):
        url = line.strip()
        if not url or url.startswith("#"):
            continue
        if not web_url(url):
            yield Reject(f"{source}:{number}", "ingest", "invalid URL", "not an http(s) URL")
            continue
        yield from read_url(url, config=config, defaults=defaults)
