"""store: the only package that speaks SQL. A DuckDB file with recorded migrations."""

from __future__ import annotations

from crosswire.store.queries import EventFilter
from crosswire.store.store import Store, source_key

__all__ = ["EventFilter", "Store", "source_key"]
