"""resolve: actor phrases -> canonical actors, time expressions -> dates, toponyms -> places.

Names load on first use (``crosswire.lazy``): linking reads date intervals without importing
spaCy."""

from __future__ import annotations

from crosswire.lazy import lazy_exports

_OWNERS = {
    "DocActors": "people",
    "build_mentions": "mentions",
    "gazetteer": "gazetteer",
    "interval": "dates",
    "numbers_in": "numbers",
    "resolve_actor": "actors",
    "resolve_time": "dates",
    "text_anchor": "dates",
}
__all__ = sorted(_OWNERS)
__getattr__ = lazy_exports(__name__, _OWNERS)
