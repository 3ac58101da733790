"""ingest: anything -> Article. Files, folders, JSONL/CSV, HTML, RSS/Atom, URLs and WARC."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from crosswire.config import Config
from crosswire.ingest import feeds, files, html, tabular, warc, web  # noqa: F401  (registration)
from crosswire.ingest.registry import Defaults, Item, read_source, reader_for, readers, register
from crosswire.ingest.reprints import bands, signature, similarity, stated_original
from crosswire.ingest.tabular import read_records

__all__ = [
    "Defaults",
    "Item",
    "bands",
    "read",
    "read_records",
    "read_source",
    "reader_for",
    "readers",
    "register",
    "signature",
    "similarity",
    "stated_original",
]


def read(
    sources: Iterable[str],
    *,
    config: Config,
    defaults: Defaults | None = None,
    reader: str | None = None,
) -> Iterator[Item]:
    """Stream Articles (and Rejects) from every source, each read by the reader that accepts it."""
    defaults = defaults or Defaults()
    for source in sources:
        yield from read_source(source, config=config, defaults=defaults, name=reader)
