"""Query parameters shared by the JSON API and the web pages: one parser, one set of limits."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import Depends, Query, Request

from crosswire.errors import RequestError
from crosswire.events.ontology import event_types
from crosswire.store import EventFilter, Store

#: The most rows one page of any list returns.
MAX_PAGE = 500
#: Offsets beyond this are refused: deep pages are for `/api/export`, not for paging.
MAX_OFFSET = 1_000_000
Sort = Literal["sources", "date", "oldest", "confidence"]
#: One side of a dyad: a country code or an actor id.
SIDE_PATTERN = "^([A-Za-z]{3}|ac_[0-9a-f]{16})$"
Country = Annotated[
    str | None, Query(pattern="^[A-Za-z]{3}$", description="ISO-3166 alpha-3, e.g. RUS.")
]
MinSources = Annotated[int, Query(ge=0, le=10_000, description="Independent sources at least.")]
MaxEdges = Annotated[int, Query(ge=1, le=1000, description="The most links, heaviest first.")]


def filters(
    actor: Annotated[
        str | None, Query(max_length=200, description="Actor id or part of a name.")
    ] = None,
    country: Country = None,
    type: Annotated[
        str | None,
        Query(description="PLOVER event type.", json_schema_extra={"enum": event_types()}),
    ] = None,
    since: Annotated[date | None, Query(description="Events on or after (YYYY-MM-DD).")] = None,
    until: Annotated[date | None, Query(description="Events on or before (YYYY-MM-DD).")] = None,
    place: Annotated[str | None, Query(max_length=200, description="Part of a place name.")] = None,
    min_sources: MinSources = 0,
    q: Annotated[
        str | None, Query(max_length=200, description="Words in actors, type or place.")
    ] = None,
    all: Annotated[
        bool, Query(description="Include negated, intended and hypothetical events.")
    ] = False,
) -> EventFilter:
    """An ``EventFilter`` from the query string; empty strings (a blank form field) are unset."""
    if type and type.upper() not in event_types():
        raise RequestError(
            f"{type!r} is not a PLOVER event type.", fix=f"Use one of {', '.join(event_types())}."
        )
    return EventFilter(
        actor=actor or None,
        country=country.upper() if country else None,
        type=type.upper() if type else None,
        since=since,
        until=until,
        place=place or None,
        min_sources=min_sources,
        text=q or None,
        include_negated=all,
    )


def page(
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Rows per page.")] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")] = 0,
) -> tuple[int, int]:
    return limit, offset


def paged_filter(
    where: Annotated[EventFilter, Depends(filters)],
    paging: Annotated[tuple[int, int], Depends(page)],
    sort: Annotated[Sort, Query(description="Order of the rows.")] = "sources",
) -> EventFilter:
    limit, offset = paging
    return replace(where, limit=limit, offset=offset, sort=sort)


def session(request: Request) -> Iterator[Store]:
    """The database on a cursor of its own for this request."""
    store: Store = request.app.state.store
    view = store.reader()
    try:
        yield view
    finally:
        view.close()


def query_without(request: Request, *names: str) -> str:
    """The request's query string without ``names``, for links to other pages of a list."""
    return urlencode([(k, v) for k, v in request.query_params.multi_items() if k not in names])


Filters = Annotated[EventFilter, Depends(filters)]
PagedFilter = Annotated[EventFilter, Depends(paged_filter)]
Page = Annotated[tuple[int, int], Depends(page)]
Session = Annotated[Store, Depends(session)]
Json = dict[str, Any]
