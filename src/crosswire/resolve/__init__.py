"""resolve: actor phrases -> canonical actors, time expressions -> dates, toponyms -> places."""

from __future__ import annotations

from crosswire.resolve.actors import resolve_actor
from crosswire.resolve.dates import interval, resolve_time, text_anchor
from crosswire.resolve.gazetteer import gazetteer
from crosswire.resolve.mentions import build_mentions
from crosswire.resolve.numbers import numbers_in
from crosswire.resolve.people import DocActors

__all__ = [
    "DocActors",
    "build_mentions",
    "gazetteer",
    "interval",
    "numbers_in",
    "resolve_actor",
    "resolve_time",
    "text_anchor",
]
