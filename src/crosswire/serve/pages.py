"""The web pages: server-rendered HTML over the same ``Store`` calls as the JSON API.

Article text is untrusted input: every value goes through Jinja's autoescaping, and the only
markup built here (sentence highlights) escapes each piece before wrapping it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from datetime import date
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from crosswire.errors import CrosswireError, RequestError
from crosswire.events.ontology import event_types
from crosswire.records import Event, web_url
from crosswire.serve import charts
from crosswire.serve.output import actor_label
from crosswire.serve.params import (
    SIDE_PATTERN,
    Country,
    Filters,
    MaxEdges,
    MinSources,
    Page,
    PagedFilter,
    Session,
    query_without,
)
from crosswire.store import EventFilter
from crosswire.store.analysis import QUADS

router = APIRouter(include_in_schema=False)
_ENV = Environment(
    loader=PackageLoader("crosswire.serve", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SIDE = re.compile(SIDE_PATTERN)


def marked(sentence: str, marks: list[dict[str, Any]]) -> Markup:
    """The sentence as HTML with its trigger, actors and date wrapped in ``<mark>``."""
    pieces: list[str] = []
    at = 0
    for mark in marks:
        start, end, kind = int(mark["start"]), int(mark["end"]), str(mark["kind"])
        if start < at:
            continue
        pieces.append(str(escape(sentence[at:start])))
        pieces.append(f'<mark class="{escape(kind)}">{escape(sentence[start:end])}</mark>')
        at = end
    pieces.append(str(escape(sentence[at:])))
    return Markup("".join(pieces))


def nice_value(value: object) -> str:
    """A discrepancy value for people: ISO days as '22 July 2024'."""
    text = str(value)
    if _ISO_DAY.match(text):
        day = date.fromisoformat(text)
        return f"{day.day} {day:%B %Y}"
    return text


_ENV.filters["marked"] = marked
_ENV.filters["nice"] = nice_value
_ENV.tests["web_url"] = web_url  # only http(s) links are rendered as links
_ENV.globals["quads"] = QUADS


def render(request: Request, template: str, code: int = 200, /, **context: Any) -> HTMLResponse:
    html = _ENV.get_template(template).render(request=request, **context)
    return HTMLResponse(html, status_code=code)


def error_page(request: Request, error: CrosswireError, status: int) -> Response:
    return render(request, "error.html", status, error=error.to_dict()["error"], status=status)


def _pager(request: Request, total: int | None, limit: int, offset: int, shown: int) -> Any:
    base = query_without(request, "offset")
    link = f"{request.url.path}?{base}{'&' if base else ''}offset="
    has_next = offset + shown < total if total is not None else shown == limit
    return {
        "prev": f"{link}{max(0, offset - limit)}" if offset > 0 else None,
        "next": f"{link}{offset + limit}" if has_next else None,
        "first": offset + 1 if shown else 0,
        "last": offset + shown,
        "total": total,
    }


#: The home page's small map shows the events with most sources; /map shows up to 2,000.
HOME_MARKERS = 300


def _charts(store: Any, where: EventFilter, label: str, *, link: str) -> dict[str, Any]:
    """The timeline and the map of the events ``where`` selects, drawn for a template."""
    line = store.timeline(where)
    located = store.located(where, limit=HOME_MARKERS)
    return {
        "timeline": line,
        "timeline_svg": charts.timeline(line, link=link, label=f"{label} over time"),
        "located": located,
        "map_svg": charts.world_map(located["markers"], label=f"Map of {label}"),
    }


@router.get("/", response_class=HTMLResponse)
def home(request: Request, store: Session, where: PagedFilter) -> HTMLResponse:
    events = store.events(where)
    total = store.count_events(where)
    link = query_without(request, "offset", "limit", "sort", "since", "until")
    rows = [
        {
            "event": e,
            "actor": actor_label(e, "actor"),
            "recipient": actor_label(e, "recipient"),
        }
        for e in events
    ]
    return render(
        request,
        "events.html",
        rows=rows,
        total=total,
        where=where,
        types=event_types(),
        paging=_pager(request, total, where.limit or 50, where.offset, len(rows)),
        query=query_without(request, "offset", "limit", "sort"),
        overview=store.overview(),
        **_charts(store, where, "the events listed", link=link),
    )


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, store: Session, where: Filters) -> HTMLResponse:
    located = store.located(where)
    return render(
        request,
        "map.html",
        where=where,
        types=event_types(),
        located=located,
        map_svg=charts.world_map(located["markers"], label="Map of the events that match"),
        query=query_without(request),
    )


def _outlet(mention: dict[str, Any]) -> str:
    return str(mention.get("outlet") or mention.get("original_outlet") or "unknown outlet")


def badges(event: Event) -> list[dict[str, Any]]:
    """Each discrepancy as a field and, per value, the outlets that give it."""
    outlets = {m["article_id"]: _outlet(m) for m in event.mentions}
    found = []
    for discrepancy in event.discrepancies:
        parts = []
        for value, articles in discrepancy.values.items():
            names = sorted({outlets.get(a, a) for a in articles})
            parts.append({"value": nice_value(value), "outlets": names})
        found.append({"field": discrepancy.field, "parts": parts})
    return found


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str, store: Session) -> HTMLResponse:
    event = store.event(event_id)
    by_outlet: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for mention in event.mentions:
        by_outlet[_outlet(mention)].append(mention)
    return render(
        request,
        "event.html",
        event=event,
        record=event.to_plover(),
        actor=actor_label(event, "actor"),
        recipient=actor_label(event, "recipient"),
        columns=sorted(by_outlet.items()),
        badges=badges(event),
        related=store.related(event_id),
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str, store: Session) -> HTMLResponse:
    record = store.article(article_id)
    return render(
        request, "article.html", article=record, events=_by_event(store.article_events(article_id))
    )


def _by_event(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """An article's mentions grouped by event (first mention first), each with its sentences:
    two sentences of one article about one event are one line, not two."""
    grouped: dict[str, dict[str, Any]] = {}
    for row in rows:
        entry = grouped.setdefault(row["id"], {**row, "sentences": []})
        entry["sentences"].append(row["sentence"])
    return list(grouped.values())


@router.get("/actors", response_class=HTMLResponse)
def actors_page(
    request: Request,
    store: Session,
    paging: Page,
    country: Country = None,
    name: Annotated[str | None, Query(max_length=200)] = None,
) -> HTMLResponse:
    limit, offset = paging
    rows = store.actors(country=country, name=name, limit=limit, offset=offset)
    return render(
        request,
        "actors.html",
        rows=rows,
        country=country or "",
        name=name or "",
        paging=_pager(request, None, limit, offset, len(rows)),
    )


@router.get("/actors/{actor_id}", response_class=HTMLResponse)
def actor_page(request: Request, actor_id: str, store: Session) -> HTMLResponse:
    actor = store.actor(actor_id)
    scope = EventFilter(actor=actor_id, include_negated=True)  # as the list below: every event
    line = store.timeline(scope)
    svg = charts.timeline(line, link=f"actor={quote(actor_id)}&all=true", label=actor["name"])
    return render(request, "actor.html", actor=actor, timeline=line, timeline_svg=svg)


@router.get("/dyads", response_class=HTMLResponse, response_model=None)
def dyad_form(
    request: Request,
    store: Session,
    a: Annotated[str | None, Query(max_length=40)] = None,
    b: Annotated[str | None, Query(max_length=40)] = None,
) -> Response:
    if a and b:
        side_a, side_b = quote(a.strip(), safe=""), quote(b.strip(), safe="")
        return RedirectResponse(f"/dyads/{side_a}/{side_b}", status_code=303)
    top = store.top_dyads()
    for row in top:
        label = f"Events between {row['a']} and {row['b']} per month"
        row["spark"] = charts.sparkline(row["months"], label=label)
    return render(request, "dyads.html", a=a or "", b=b or "", top=top)


@router.get("/dyads/{a}/{b}", response_class=HTMLResponse)
def dyad_page(request: Request, a: str, b: str, store: Session, where: Filters) -> HTMLResponse:
    for side in (a, b):
        if not _SIDE.match(side):
            raise RequestError(
                f"{side!r} is neither a country code nor an actor id.",
                fix="Use three-letter codes such as RUS, or ids from /actors.",
            )
    dyad = store.dyad(a, b, where)
    recent = store.events(replace(where, dyad=(a, b), limit=25, sort="date"))
    line = store.timeline(replace(where, dyad=(a, b)))
    label = f"Events between {a} and {b}"
    return render(
        request,
        "dyad.html",
        dyad=dyad,
        recent=recent,
        timeline=line,
        timeline_svg=charts.timeline(
            line,
            link=query_without(request, "since", "until"),
            label=label,
            path=f"/dyads/{quote(a, safe='')}/{quote(b, safe='')}",
        ),
        label=actor_label,
        query=query_without(request),
    )


@router.get("/network", response_class=HTMLResponse)
def network_page(
    request: Request,
    store: Session,
    where: Filters,
    max_edges: MaxEdges = 60,
    by: Annotated[Literal["actor", "country"], Query()] = "actor",
    min_events: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
) -> HTMLResponse:
    graph = store.network(where, max_edges=max_edges, by=by, min_events=min_events)
    names = {n["id"]: n for n in graph["nodes"]}
    return render(
        request,
        "network.html",
        graph=graph,
        names=names,
        where=where,
        types=event_types(),
        max_edges=max_edges,
        by=by,
        min_events=min_events,
        heaviest=max((e["events"] for e in graph["edges"]), default=1),
        query=query_without(request),
    )


@router.get("/stories", response_class=HTMLResponse)
def stories_page(
    request: Request,
    store: Session,
    paging: Page,
    min_sources: MinSources = 0,
) -> HTMLResponse:
    limit, offset = paging
    rows = store.stories(min_sources=min_sources, limit=limit, offset=offset)
    return render(
        request,
        "stories.html",
        rows=rows,
        min_sources=min_sources,
        paging=_pager(request, None, limit, offset, len(rows)),
    )


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str, store: Session) -> HTMLResponse:
    return render(request, "story.html", story=store.story(story_id))


@router.get("/docs", response_class=HTMLResponse)
def docs_page(request: Request) -> HTMLResponse:
    """The API reference, drawn from the OpenAPI schema (also at /openapi.json)."""
    schema = request.app.openapi()
    routes = [
        {
            "method": method.upper(),
            "path": path,
            "summary": op.get("summary", ""),
            "description": op.get("description", ""),
            "parameters": op.get("parameters", []),
        }
        for path, methods in schema["paths"].items()
        for method, op in methods.items()
    ]
    return render(request, "docs.html", routes=routes)
