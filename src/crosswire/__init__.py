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

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crosswire.config import Config, load_config
from crosswire.errors import CrosswireError
from crosswire.records import ActorRef, Article, Discrepancy, Event, Mention, Place, Reject

if TYPE_CHECKING:
    from crosswire.pipeline import IngestReport
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


def ingest_sources(sources: Iterable[str], store: Store, **options: Any) -> IngestReport:
    """Read, code, link and store ``sources`` (paths, folders, URLs). See ``pipeline.ingest``."""
    from crosswire.pipeline import ingest as run

    return run(sources, store, **options)


def process(articles: Iterable[Article], *, config: Config | None = None) -> list[Event]:
    """Events in ``articles``, linked in memory, without a database."""
    from crosswire.pipeline import process as run

    return run(articles, config=config)


def code(
    text: str,
    *,
    published: date | str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    config: Config | None = None,
) -> list[Event]:
    """Events in one text, without a database (for notebooks)."""
    from crosswire.pipeline import code as run

    return run(text, published=published, outlet=outlet, url=url, config=config)


def __getattr__(name: str) -> Any:
    if name in ("Store", "EventFilter"):
        from crosswire import store

        return getattr(store, name)
    raise AttributeError(f"module 'crosswire' has no attribute {name!r}")
