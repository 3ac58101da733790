"""RSS and Atom feeds (files or URLs): one article per entry, with its full text when given."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from crosswire.config import Config
from crosswire.ingest.files import read_bytes
from crosswire.ingest.meta import article_items
from crosswire.ingest.registry import Defaults, Item, register
from crosswire.records import Reject

_TAG = re.compile(r"<[^>]+>")


def _is_feed_file(source: str) -> bool:
    path = Path(source)
    if not path.is_file():
        return False
    if path.suffix.lower() in {".rss", ".atom"}:
        return True
    if path.suffix.lower() != ".xml":
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(2048).lower()
    except OSError:
        return False
    return b"<rss" in head or b"<feed" in head


def parse_feed(data: bytes, source: str, *, config: Config, defaults: Defaults) -> Iterator[Item]:
    import feedparser

    feed = feedparser.parse(data)
    if feed.bozo and not feed.entries:
        yield Reject(source, "ingest", "malformed feed", str(feed.get("bozo_exception", "")))
        return
    outlet = defaults.outlet or feed.feed.get("title")
    for number, entry in enumerate(feed.entries, start=1):
        content = entry.get("content") or []
        body = content[0].get("value") if content else entry.get("summary")
        text = _TAG.sub(" ", body or "")
        published = entry.get("published") or entry.get("updated")  # as written: never rewritten
        meta: dict[str, Any] = {
            "title": entry.get("title"),
            "url": entry.get("link"),
            "outlet": outlet,
            "published": published,
        }
        where = f"{source}#{number}"  # the file (or feed URL) and the entry, never lost
        yield from article_items(where, text, meta, config=config, defaults=defaults)


@register("feed", accepts=_is_feed_file, priority=25)
def read_feed(source: str, *, config: Config, defaults: Defaults) -> Iterator[Item]:
    data, notes = read_bytes(Path(source), config=config)
    yield from notes
    if data is None:
        return
    yield from parse_feed(data, source, config=config, defaults=defaults)
