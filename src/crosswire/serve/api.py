"""The JSON API (``/api/...``): each route parses its parameters and calls one ``Store`` method."""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, Header, Query, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from crosswire.errors import AccessError, AuthError, RequestError
from crosswire.serve.params import (
    MAX_PAGE,
    SIDE_PATTERN,
    Country,
    Filters,
    Json,
    MaxEdges,
    MinSources,
    Page,
    PagedFilter,
    Session,
)
from crosswire.store import EventFilter, Store
from crosswire.store.queries import MAX_ROWS


class ErrorDetail(BaseModel):
    code: str = Field(description="Stable error code, e.g. E301 (not found).")
    type: str = Field(description="The error's class in crosswire's error tree.")
    message: str
    fix: str = Field(description="How to fix it.")


class ErrorBody(BaseModel):
    """Every error, from every route: one shape."""

    error: ErrorDetail


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    return {code: {"model": ErrorBody, "description": "An error."} for code in codes}


router = APIRouter(prefix="/api", responses=_errors(400, 404, 422, 500))
Side = Annotated[
    str,
    Query(
        min_length=3,
        max_length=40,
        pattern=SIDE_PATTERN,
        description="A country code (RUS) or an actor id (ac_...).",
    ),
]
EXPORT_TYPES = {
    "plover-jsonl": ("application/x-ndjson", "jsonl"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "gdelt": ("text/tab-separated-values; charset=utf-8", "tsv"),
}


class ArticleIn(BaseModel):
    """One article to ingest: its text (or HTML) and what is known about it."""

    model_config = ConfigDict(extra="forbid")
    id: str | None = Field(
        None, max_length=200, description="Your id for the article; rejects name it."
    )
    text: str | None = Field(None, description="Plain text of the article.")
    html: str | None = Field(None, description="The page's HTML, when there is no text.")
    url: str | None = Field(None, max_length=2000)
    outlet: str | None = Field(None, max_length=200)
    original_outlet: str | None = Field(None, max_length=200, description="For reprints.")
    title: str | None = Field(None, max_length=1000)
    published: date | None = None
    language: str | None = Field(None, max_length=10)


def _page(items: list[Any], limit: int, offset: int, total: int | None = None) -> Json:
    found: Json = {"items": items, "limit": limit, "offset": offset}
    if total is not None:
        found["total"] = total
    found["next_offset"] = (
        offset + limit
        if (total is not None and offset + limit < total) or (total is None and len(items) == limit)
        else None
    )
    return found


@router.get("/summary", summary="What the database holds")
def summary(store: Session) -> dict[str, int]:
    return store.summary()


@router.get("/events", summary="Events matching the filters, one page")
def events(store: Session, where: PagedFilter) -> Json:
    """Filters combine with AND; ``total`` counts every match, ``items`` holds one page of
    PLOVER records without their mentions (``/api/events/{id}`` has them)."""
    items = [e.to_plover() for e in store.iter_events(where)]
    for item in items:
        del item["mentions"]
    total = store.count_events(where)
    return _page(items, where.limit or MAX_PAGE, where.offset, total)


@router.get("/events/{event_id}", summary="One event with every supporting sentence")
def event(event_id: str, store: Session) -> Json:
    """The PLOVER record, each mention with its sentence, outlet and highlight offsets
    (``marks``), the discrepancies between reports and related (announced/fulfilled) events."""
    record = store.event(event_id).to_plover()
    record["related"] = store.related(event_id)
    return record


@router.get("/actors", summary="Actors, most often named first")
def actors(
    store: Session,
    paging: Page,
    country: Country = None,
    name: Annotated[str | None, Query(max_length=200, description="Part of the name.")] = None,
) -> Json:
    limit, offset = paging
    items = store.actors(country=country, name=name, limit=limit, offset=offset)
    return _page(items, limit, offset)


@router.get("/actors/{actor_id}", summary="One actor: names, roles over time, events")
def actor(actor_id: str, store: Session) -> Json:
    record = store.actor(actor_id)
    record["activity"] = store.monthly(EventFilter(actor=actor_id))
    return record


@router.get("/articles/{article_id}", summary="One stored article and the events it reports")
def article(article_id: str, store: Session) -> Json:
    record = store.article(article_id)
    record["events"] = store.article_events(article_id)
    return record


def authorised(
    request: Request,
    authorization: Annotated[str | None, Header(description="Bearer TOKEN")] = None,
) -> None:
    """Writes need the server's token, checked before the request body is looked at."""
    state = request.app.state
    if state.read_only:
        raise AccessError(
            "This server is read-only.", fix="Start it without --read-only to accept articles."
        )
    if not state.token:
        raise AccessError(
            "This server takes no articles: it was started without a token.",
            fix="Start it with --token TOKEN and send 'Authorization: Bearer TOKEN'.",
        )
    scheme, _, given = (authorization or "").partition(" ")
    if scheme != "Bearer" or not given.strip():
        raise AuthError(
            "This request carries no token.", fix="Send the header 'Authorization: Bearer TOKEN'."
        )
    if not hmac.compare_digest(given.strip().encode(), str(state.token).encode()):
        raise AccessError("Wrong token.", fix="Send the token the server was started with.")


@router.post(
    "/articles",
    summary="Ingest articles (needs the server's token)",
    responses=_errors(401, 403, 413),
)
def ingest_articles(
    request: Request,
    _: Annotated[None, Depends(authorised)],
    articles: Annotated[list[ArticleIn], Body(min_length=1)],
) -> Json:
    """Code, link and store the articles; articles that cannot be used are recorded in the
    rejects table and counted in the report. Answers with the ingest report."""
    from crosswire.pipeline import ingest_records

    state = request.app.state
    if len(articles) > state.max_articles:
        raise RequestError(
            f"{len(articles)} articles in one request; the most is {state.max_articles}.",
            fix="Split them over several requests.",
        )
    records = [a.model_dump(exclude_none=True, mode="json") for a in articles]
    with state.write_lock:
        store: Store = state.store.writer()
        try:
            report = ingest_records(records, store, source="api", config=state.config, workers=1)
        finally:
            store.close()
    return report.to_dict()


@router.get("/stories", summary="Stories (articles telling one story), best covered first")
def stories(
    store: Session,
    paging: Page,
    min_sources: MinSources = 0,
) -> Json:
    limit, offset = paging
    return _page(store.stories(min_sources=min_sources, limit=limit, offset=offset), limit, offset)


@router.get("/stories/{story_id}", summary="One story: its articles and events")
def story(story_id: str, store: Session) -> Json:
    return store.story(story_id)


@router.get("/dyads", summary="Two sides over time: monthly counts by quad class and score")
def dyads(a: Side, b: Side, store: Session, where: Filters) -> Json:
    """Events with ``a`` on one side and ``b`` on the other (either direction), by month:
    counts per PLOVER quad class (1 verbal cooperation ... 4 material conflict), and the sum
    and mean of their PLOVER scores; the other filters narrow the events."""
    return store.dyad(a, b, where)


@router.get("/monthly", summary="Events matching the filters, by month and quad class")
def monthly(store: Session, where: Filters) -> Json:
    return {"months": store.monthly(where)}


@router.get("/timeline", summary="Events matching the filters per day, week or month")
def timeline(store: Session, where: Filters) -> Json:
    """Counts per bucket (day, week or month, the finest that spans the events in at most 120
    bars) and quad class, every bucket from the first to the last (empty ones as zeros)."""
    return store.timeline(where)


@router.get("/map", summary="Located events matching the filters, for a map")
def located(store: Session, where: Filters) -> Json:
    """Events with a place and coordinates (``lat``, ``lon``, ``place``, ``country``), most
    independent sources first, at most 2,000; ``total`` is how many match in all."""
    return store.located(where)


@router.get("/network", summary="The actor graph over the events matching the filters")
def network(
    store: Session,
    where: Filters,
    max_edges: MaxEdges = 150,
    by: Annotated[
        Literal["actor", "country"], Query(description="Nodes are actors or their countries.")
    ] = "actor",
    min_events: Annotated[
        int, Query(ge=1, le=1_000_000, description="Lighter links left out.")
    ] = 1,
) -> Json:
    return store.network(where, max_edges=max_edges, by=by, min_events=min_events)


@router.get(
    "/export",
    summary="Every event matching the filters, as a file",
    response_class=StreamingResponse,
    responses={200: {"content": {t: {} for t, _ in EXPORT_TYPES.values()}}},
)
def export(
    request: Request,
    where: Filters,
    format: Literal["plover-jsonl", "csv", "gdelt"] = "plover-jsonl",
    sort: Literal["sources", "date", "oldest", "confidence"] = "date",
    limit: Annotated[
        int | None, Query(ge=1, le=MAX_ROWS, description="At most this many events.")
    ] = None,
) -> StreamingResponse:
    """Streamed: PLOVER JSONL (full records with mentions), flat CSV, or GDELT 2.0 TSV."""
    from crosswire.export import export_text

    media, suffix = EXPORT_TYPES[format]
    scoped = replace(where, sort=sort, limit=limit)
    root: Store = request.app.state.store

    def stream() -> Iterator[str]:
        view = root.reader()
        try:
            yield from export_text(view, format, where=scoped)
        finally:
            view.close()

    return StreamingResponse(
        stream(),
        media_type=media,
        headers={"content-disposition": f'attachment; filename="crosswire-events.{suffix}"'},
    )
