"""Charts drawn on the server as SVG: ready at load (no empty frame, no script needed), every
value escaped, with a table alternative beside each in the templates.

``world_map``: the countries (Natural Earth 1:110m, ``data/world_110m.json``) in plate carree,
one marker per located event, its area growing with independent sources and its colour its quad
class, each a link to the event. ``timeline``: events per day, week or month stacked by quad
class; each bar links to the event table narrowed to its days, and empty buckets stay empty.
"""

from __future__ import annotations

import json
import math
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

from markupsafe import Markup, escape

from crosswire.store.analysis import QUADS

#: The part of the world the map shows (degrees): latitudes 84 N to 58 S.
_TOP, _BOTTOM = 90 - 84, 90 + 58
_WIDTH, _HEIGHT = 720, 170  # the timeline's drawing box
_AXIS = 18


@lru_cache(maxsize=1)
def _countries() -> str:
    data = json.loads(
        resources.files("crosswire.data").joinpath("world_110m.json").read_text("utf-8")
    )
    return "".join(
        f'<path class="land" d="{escape(c["d"])}"><title>{escape(c["name"])}</title></path>'
        for c in data["countries"]
        if c["d"]
    )


def marker_radius(sources: int) -> float:
    """Degrees: the area grows with the number of independent sources."""
    return round(1.1 + 0.9 * math.sqrt(max(1, sources)), 2)


def world_map(markers: list[dict[str, Any]], *, label: str) -> Markup:
    """The map as an SVG element (``markers`` from ``Store.located``, drawn largest first so
    small ones stay on top and clickable)."""
    parts = [
        f'<svg class="map" viewBox="0 {_TOP} 360 {_BOTTOM - _TOP}" role="img" '
        f'aria-label="{escape(label)}" preserveAspectRatio="xMidYMid meet">',
        f'<rect class="sea" x="0" y="{_TOP}" width="360" height="{_BOTTOM - _TOP}"/>',
        _countries(),
    ]
    for m in sorted(markers, key=lambda m: (-int(m["n_sources"]), str(m["id"]))):
        x, y = round(float(m["lon"]) + 180, 2), round(90 - float(m["lat"]), 2)
        day = m["date"].isoformat() if isinstance(m["date"], date) else "undated"
        sources = int(m["n_sources"])
        title = (
            f"{m['event']} in {m['place']}, {day}: {sources} independent "
            f"source{'s' if sources != 1 else ''}"
        )
        parts.append(
            f'<a href="/events/{escape(m["id"])}" class="marker-link">'
            f'<circle class="marker q{int(m["quad_code"])}" data-event="{escape(m["id"])}" '
            f'cx="{x}" cy="{y}" r="{marker_radius(sources)}"><title>{escape(title)}</title>'
            "</circle></a>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def _bar_label(bar: dict[str, Any], bucket: str) -> str:
    start, end = bar["start"], bar["end"]
    when = (
        f"{start.day} {start:%b %Y}"
        if bucket == "day"
        else f"{start:%B %Y}"
        if bucket == "month"
        else f"week of {start.day} {start:%b %Y}"
    )
    parts = [f"{bar['by_quad'][q]} {QUADS[int(q)]}" for q in sorted(bar["by_quad"])]
    return f"{when}: {bar['events']} events ({', '.join(parts)}); {end.isoformat()} last day"


#: The widest a timeline bar is drawn, in the drawing's units.
_WIDEST_BAR = 28.0


def timeline(data: dict[str, Any], *, link: str, label: str, path: str = "/") -> Markup:
    """The timeline of ``Store.timeline`` as an SVG element. Each bar links to ``path`` (the
    event table by default) with ``link`` (a query string without dates) and its own
    ``since`` and ``until``."""
    bars, bucket = data["bars"], data["bucket"]
    if not bars:
        return Markup("")
    top = max(b["events"] for b in bars) or 1
    step = _WIDTH / len(bars)
    gap = min(1.0, step * 0.15)
    wide = min(step - gap, _WIDEST_BAR)  # a few buckets stay bars, not blocks
    scale = (_HEIGHT - _AXIS - 12) / top
    joiner = "&" if link else ""
    parts = [
        f'<svg class="timeline-svg" viewBox="0 0 {_WIDTH} {_HEIGHT}" role="img" '
        f'aria-label="{escape(label)}">',
        f'<line class="axis" x1="0" y1="{_HEIGHT - _AXIS}" x2="{_WIDTH}" y2="{_HEIGHT - _AXIS}"/>',
    ]
    for i, bar in enumerate(bars):
        if not bar["events"]:
            continue  # a gap is drawn as a gap
        x = round(i * step + (step - wide) / 2, 2)
        days = f"since={bar['start'].isoformat()}&until={bar['end'].isoformat()}"
        href = f"{path}?{link}{joiner}{days}"
        parts.append(
            f'<a href="{escape(href)}" class="bar" data-start="{bar["start"].isoformat()}">'
            f"<title>{escape(_bar_label(bar, bucket))}</title>"
        )
        base = _HEIGHT - _AXIS
        for quad in sorted(bar["by_quad"]):
            count = bar["by_quad"][quad]
            if not count:
                continue
            height = round(count * scale, 2)
            base -= height
            parts.append(
                f'<rect class="q{int(quad)}" x="{x}" y="{round(base, 2)}" '
                f'width="{round(wide, 2)}" height="{height}"/>'
            )
        parts.append("</a>")
    first, last = bars[0]["start"], bars[-1]["end"]
    parts.append(
        f'<text class="tick" x="2" y="{_HEIGHT - 4}">{first.isoformat()}</text>'
        f'<text class="tick" x="{_WIDTH - 2}" y="{_HEIGHT - 4}" text-anchor="end">'
        f"{last.isoformat()}</text>"
        f'<text class="tick" x="2" y="10">{top} per {escape(bucket)}</text>'
    )
    parts.append("</svg>")
    return Markup("".join(parts))


def sparkline(months: list[dict[str, Any]], *, label: str) -> Markup:
    """Events per month as a small bar strip (an empty month is a gap), 120 x 24."""
    if not months:
        return Markup("")
    top = max(m["events"] for m in months) or 1
    step = 120 / len(months)
    bars = "".join(
        f'<rect x="{round(i * step, 2)}" y="{round(24 - 22 * m["events"] / top, 2)}" '
        f'width="{round(max(step - 0.6, 0.6), 2)}" height="{round(22 * m["events"] / top, 2)}">'
        f"<title>{escape(m['month'])}: {m['events']}</title></rect>"
        for i, m in enumerate(months)
        if m["events"]
    )
    return Markup(
        f'<svg class="spark" viewBox="0 0 120 24" role="img" aria-label="{escape(label)}">'
        f"{bars}</svg>"
    )
