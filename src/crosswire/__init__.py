"""crosswire: corroborated political event data from news articles.

Importing this package loads neither spaCy nor DuckDB; they load on first use::

    import crosswire
    db = crosswire.open("crosswire.duckdb")
    report = crosswire.ingest_sources(["examples/articles"], db)
    for event in db.events(crosswire.EventFilter(min_sources=2)):
        print(event.to_plover())
    crosswire.code("Norway's foreign minister visited Hanoi on Monday.", published="2025-03-11")
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crosswire.config import Config, load_config
from crosswire.errors import CrosswireError
from crosswire.records import ActorRef, Article, Discrepancy, Event, Mention, Place, Reject

if TYPE_CHECKING:
    from crosswire.pipeline import code, process, resolve_actor
    from crosswire.pipeline import ingest as ingest_sources
    from crosswire.store import EventFilter, Store

__all__ = [
    "ActorRef",
    "Article",
    "Config",
    "CrosswireError",
    "Discrepancy",
    "Event",
    "EventFilter",
    "Mention",
    "Place",
    "Reject",
    "Store",
    "code",
    "ingest_sources",
    "load_config",
    "open",
    "process",
    "resolve_actor",
]
__version__ = "0.1.0"


def open(
    path: str | Path | None = None, *, read_only: bool = False, config: Config | None = None
) -> Store:
    """Open (and create or migrate) a crosswire database; default ``$CROSSWIRE_DB`` or
    ``./crosswire.duckdb``."""
    from crosswire.store import Store

    config = config or load_config()
    return Store(path or str(config.get("store.path")), read_only=read_only)


_LAZY = {
    "Store": "crosswire.store",
    "EventFilter": "crosswire.store",
    "ingest_sources": "crosswire.pipeline:ingest",
    "process": "crosswire.pipeline:process",
    "code": "crosswire.pipeline:code",
    "resolve_actor": "crosswire.pipeline:resolve_actor",
}


def __getattr__(name: str) -> Any:
    """Heavy parts load on first use: ``crosswire.code`` imports spaCy, ``Store`` DuckDB."""
    if name not in _LAZY:
        raise AttributeError(f"module 'crosswire' has no attribute {name!r}")
    module, _, attribute = _LAZY[name].partition(":")
    return getattr(importlib.import_module(module), attribute or name)
