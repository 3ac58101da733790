"""Questions across events: relations between events, monthly activity, dyads, the actor network.

Mixed into ``Store``, which gives ``con`` and ``_dicts``. Every query takes an ``EventFilter``,
so the web pages, the HTTP API and the Python API slice the same way.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from crosswire.errors import NotFoundError, RequestError
from crosswire.store.queries import EventFilter

#: PLOVER quad classes, in order.
QUADS = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


def _scope(where: EventFilter | None, condition: str) -> tuple[str, list[Any]]:
    """``where`` over all pages (no limit), as a WHERE clause that also holds ``condition``."""
    clause, params = replace(where or EventFilter(), limit=None, offset=0).where()
    rest = f" AND {clause.removeprefix(' WHERE ')}" if clause else ""
    return f" WHERE {condition}{rest}", params


def _month_range(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    months = []
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _series(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of (month, quad, n, total), sorted by month, as a gap-free monthly series."""
    if not rows:
        return []
    counts: dict[str, dict[str, int]] = {}
    totals: dict[str, float] = {}
    for row in rows:
        quads = counts.setdefault(row["month"], {str(q): 0 for q in QUADS})
        quads[str(row["quad"])] = quads.get(str(row["quad"]), 0) + int(row["n"])
        totals[row["month"]] = totals.get(row["month"], 0.0) + float(row["total"] or 0.0)
    series = []
    for month in _month_range(rows[0]["month"], rows[-1]["month"]):
        quads = counts.get(month, {str(q): 0 for q in QUADS})
        n, total = sum(quads.values()), totals.get(month, 0.0)
        series.append(
            {
                "month": month,
                "events": n,
                "by_quad": quads,
                "score_sum": round(total, 2),
                "score_mean": round(total / n, 2) if n else None,
            }
        )
    return series


#: Bars a timeline aims for at most: the bucket is the finest of day, week, month that keeps
#: the span within it.
TIMELINE_BARS = 120
MAX_MARKERS = 2000


def bucket_for(first: date, last: date) -> str:
    """``day``, ``week`` or ``month``: the finest bucket that spans first..last in at most
    ``TIMELINE_BARS`` bars."""
    days = (last - first).days + 1
    if days <= TIMELINE_BARS:
        return "day"
    return "week" if days <= TIMELINE_BARS * 7 else "month"


def bucket_start(day: date, bucket: str) -> date:
    if bucket == "week":
        return day - timedelta(days=day.weekday())
    return day.replace(day=1) if bucket == "month" else day


def bucket_end(start: date, bucket: str) -> date:
    """The last day of the bucket starting at ``start``."""
    if bucket == "week":
        return start + timedelta(days=6)
    if bucket == "month":
        following = (
            start.replace(year=start.year + 1, month=1)
            if start.month == 12
            else (start.replace(month=start.month + 1))
        )
        return following - timedelta(days=1)
    return start


class Analysis:
    """Cross-event queries of ``Store``."""

    _dicts: Callable[..., list[dict[str, Any]]]

    def timeline(self, where: EventFilter | None = None) -> dict[str, Any]:
        """Dated events matching ``where`` counted per bucket (day, week or month, chosen from
        their span by ``bucket_for``) and quad class. Every bucket from the first to the last is
        listed, the empty ones with zeros, so a chart shows gaps as gaps."""
        clause, params = _scope(where, "e.date IS NOT NULL")
        span = self._dicts(
            f"SELECT min(e.date) AS first, max(e.date) AS last FROM events e{clause}", params
        )
        first, last = span[0]["first"], span[0]["last"]
        if first is None:
            return {"bucket": None, "quads": {str(k): v for k, v in QUADS.items()}, "bars": []}
        bucket = bucket_for(first, last)
        rows = self._dicts(
            f"SELECT date_trunc('{bucket}', e.date)::DATE AS start, e.quad_code AS quad, "
            f"count(*) AS n FROM events e{clause} GROUP BY start, quad ORDER BY start, quad",
            params,
        )
        counts: dict[date, dict[str, int]] = {}
        for row in rows:
            quads = counts.setdefault(row["start"], {str(q): 0 for q in QUADS})
            quads[str(row["quad"])] += int(row["n"])
        bars = []
        start = bucket_start(first, bucket)
        while start <= last:
            end = bucket_end(start, bucket)
            quads = counts.get(start, {str(q): 0 for q in QUADS})
            bars.append(
                {"start": start, "end": end, "events": sum(quads.values()), "by_quad": quads}
            )
            start = end + timedelta(days=1)
        return {"bucket": bucket, "quads": {str(k): v for k, v in QUADS.items()}, "bars": bars}

    def located(
        self, where: EventFilter | None = None, *, limit: int = MAX_MARKERS
    ) -> dict[str, Any]:
        """Events matching ``where`` that have a place, most independent sources first (at most
        ``limit``, those with coordinates as ``markers``), and how many have a place in all
        (``total``)."""
        clause, params = _scope(where, "e.event_loc IS NOT NULL")
        total = self._dicts(f"SELECT count(*) AS n FROM events e{clause}", params)[0]["n"]
        rows = self._dicts(  # order and cut on the narrow columns; read the places of a page
            "SELECT e.id, e.date, e.event, e.quad_code, e.n_sources, e.event_loc "
            f"FROM events e{clause} ORDER BY e.n_sources DESC, e.date DESC NULLS LAST, e.id "
            "LIMIT ?",
            [*params, int(limit)],
        )
        markers = []
        for row in rows:
            place = json.loads(row.pop("event_loc"))
            if place.get("lat") is None or place.get("lon") is None:
                continue  # a place known by name only: in the event table, not on a map
            markers.append(
                {
                    **row,
                    "place": place["name"],
                    "country": place.get("country"),
                    "lat": float(place["lat"]),
                    "lon": float(place["lon"]),
                }
            )
        return {"total": int(total), "markers": markers}

    def top_dyads(
        self, where: EventFilter | None = None, *, limit: int = 20
    ) -> list[dict[str, Any]]:
        """The pairs of countries with most events between them (either acting on the other),
        each with its count, first and last date and its events per month over the span of all
        dated events matching ``where`` (``months``, for a sparkline)."""
        clause, params = _scope(where, "s.country <> t.country")
        pairs = (
            "SELECT DISTINCT e.id, e.date, least(s.country, t.country) AS a, "
            "greatest(s.country, t.country) AS b FROM events e "
            "JOIN event_actors s ON s.event_id = e.id AND s.side = 'actor' "
            f"JOIN event_actors t ON t.event_id = e.id AND t.side = 'recipient'{clause}"
        )
        top = self._dicts(
            f"WITH p AS ({pairs}) SELECT a, b, count(*) AS events, min(date) AS first, "
            "max(date) AS last FROM p GROUP BY a, b ORDER BY events DESC, a, b LIMIT ?",
            [*params, int(limit)],
        )
        if not top:
            return []
        months = self._dicts(
            f"WITH p AS ({pairs}) SELECT a, b, strftime(date, '%Y-%m') AS month, count(*) AS n "
            "FROM p WHERE date IS NOT NULL AND list_contains(?, a || '-' || b) "
            "GROUP BY a, b, month",
            [*params, [f"{r['a']}-{r['b']}" for r in top]],
        )
        dated = [r for r in top if r["first"] is not None]
        span = (
            _month_range(
                min(r["first"] for r in dated).strftime("%Y-%m"),
                max(r["last"] for r in dated).strftime("%Y-%m"),
            )
            if dated
            else []
        )
        counts = {(r["a"], r["b"], r["month"]): int(r["n"]) for r in months}
        for row in top:
            row["months"] = [
                {"month": m, "events": counts.get((row["a"], row["b"], m), 0)} for m in span
            ]
        return top

    def overview(self) -> dict[str, Any]:
        """The database at a glance: articles, outlets, events, those confirmed by two or more
        independent sources, those whose reports disagree, and the span of event dates."""
        row = self._dicts(
            "SELECT (SELECT count(*) FROM articles) AS articles, "
            "(SELECT count(DISTINCT source_key) FROM articles) AS outlets, "
            "count(*) AS events, count(*) FILTER (WHERE n_sources >= 2) AS confirmed, "
            "count(*) FILTER (WHERE discrepancies <> '[]') AS disputed, "
            "min(date) AS first, max(date) AS last FROM events "
            "WHERE NOT negated AND modality = 'asserted'"
        )[0]
        return row

    def monthly(self, where: EventFilter | None = None) -> list[dict[str, Any]]:
        """Dated events matching ``where`` by month: how many in each quad class, and the mean
        and sum of their PLOVER scores (cooperation > 0 > conflict). Months with no event
        between the first and the last are included with zeros, so the series can be charted."""
        clause, params = _scope(where, "e.date IS NOT NULL")
        rows = self._dicts(
            "SELECT strftime(e.date, '%Y-%m') AS month, e.quad_code AS quad, count(*) AS n, "
            f"sum(e.event_scale) AS total FROM events e{clause} "
            "GROUP BY month, quad ORDER BY month, quad",
            params,
        )
        return _series(rows)

    def dyad(self, a: str, b: str, where: EventFilter | None = None) -> dict[str, Any]:
        """Two sides (each a country code or an actor id) over time: monthly counts by quad
        class and PLOVER score, and how many events each side directed at the other."""
        clause, params = _scope(replace(where or EventFilter(), dyad=None), "TRUE")
        rows = self._dicts(
            "WITH d AS (SELECT x.event_id, bool_or(x.side = 'actor') AS a_acts, "
            "bool_or(x.side = 'recipient') AS b_acts FROM event_actors x JOIN event_actors y "
            "ON y.event_id = x.event_id AND y.side <> x.side "
            "WHERE (x.country = ? OR x.actor_id = ?) AND (y.country = ? OR y.actor_id = ?) "
            "GROUP BY x.event_id) "
            "SELECT strftime(e.date, '%Y-%m') AS month, e.quad_code AS quad, count(*) AS n, "
            "sum(e.event_scale) AS total, count(*) FILTER (WHERE d.a_acts) AS a_to_b, "
            "count(*) FILTER (WHERE d.b_acts) AS b_to_a "
            f"FROM events e JOIN d ON d.event_id = e.id{clause} "
            "GROUP BY month, quad ORDER BY month NULLS LAST, quad",
            [a.upper(), a, b.upper(), b, *params],
        )
        months = _series([r for r in rows if r["month"] is not None])
        return {
            "a": a,
            "b": b,
            "quads": {str(k): v for k, v in QUADS.items()},
            "events": sum(m["events"] for m in months),
            "a_to_b": sum(r["a_to_b"] for r in rows),
            "b_to_a": sum(r["b_to_a"] for r in rows),
            "months": months,
        }

    def network(
        self,
        where: EventFilter | None = None,
        *,
        max_edges: int = 150,
        by: str = "actor",
        min_events: int = 1,
    ) -> dict[str, Any]:
        """The graph over events matching ``where``: a directed edge from each actor to each
        recipient (``by="country"``: from each actor's country to each recipient's), weighted by
        events (at least ``min_events``), with their mean PLOVER score; the heaviest edges
        first, and the nodes they touch with their degree (links in or out)."""
        if by not in ("actor", "country"):
            raise RequestError(f"Unknown network kind {by!r}.", fix="Use actor or country.")
        if by == "country":
            key = {end: f"{side}.country" for end, side in (("source", "s"), ("target", "t"))}
            clause, params = _scope(
                where, "s.country IS NOT NULL AND t.country IS NOT NULL AND s.country <> t.country"
            )
            names = {
                end: f"{key[end]} AS {end}_name, {key[end]} AS {end}_country, "
                f"'country' AS {end}_kind"
                for end in key
            }
        else:
            key = {"source": "s.actor_id", "target": "t.actor_id"}
            clause, params = _scope(where, "s.actor_id <> t.actor_id")
            names = {
                end: f"any_value({side}.name) AS {end}_name, any_value({side}.country) AS "
                f"{end}_country, any_value({side}.kind) AS {end}_kind"
                for end, side in (("source", "s"), ("target", "t"))
            }
        edges = self._dicts(
            f"SELECT {key['source']} AS source, {key['target']} AS target, "
            "count(DISTINCT e.id) AS events, round(avg(e.event_scale), 2) AS score, "
            f"{names['source']}, {names['target']} FROM events e "
            "JOIN event_actors s ON s.event_id = e.id AND s.side = 'actor' "
            "JOIN event_actors t ON t.event_id = e.id AND t.side = 'recipient' "
            f"{clause} GROUP BY {key['source']}, {key['target']} "
            "HAVING count(DISTINCT e.id) >= ? ORDER BY events DESC, source, target LIMIT ?",
            [*params, max(1, int(min_events)), int(max_edges)],
        )
        nodes: dict[str, dict[str, Any]] = {}
        for edge in edges:
            for end in ("source", "target"):
                found = {k: edge.pop(f"{end}_{k}") for k in ("name", "country", "kind")}
                node = nodes.setdefault(
                    edge[end], {"id": edge[end], **found, "events": 0, "degree": 0}
                )
                node["events"] += edge["events"]
                node["degree"] += 1
        return {"by": by, "nodes": list(nodes.values()), "edges": edges}

    def article_events(self, article_id: str) -> list[dict[str, Any]]:
        """The events an article reports, with the sentence of each mention."""
        if not self._dicts("SELECT id FROM articles WHERE id = ?", [article_id]):
            raise NotFoundError(
                f"No article {article_id!r}.", fix="List ids with `crosswire articles`."
            )
        return self._dicts(
            "SELECT e.id, e.date, e.event, e.modality, e.n_sources, "
            "json_extract_string(m.data, '$.sentence') AS sentence, "
            "CAST(json_extract(m.data, '$.sent_start') AS INTEGER) AS start, "
            "CAST(json_extract(m.data, '$.sent_end') AS INTEGER) AS end "
            "FROM mentions m JOIN event_mentions em ON em.mention_id = m.id "
            "JOIN events e ON e.id = em.event_id WHERE m.article_id = ? ORDER BY start, e.id",
            [article_id],
        )

    def related(self, event_id: str) -> list[dict[str, Any]]:
        """Events this one announced or was announced by: an intended event and the
        asserted event of the same type, countries and time that fulfils it."""
        return self._dicts(
            """
            WITH f AS (SELECT * FROM events WHERE id = ?),
                 fc AS (SELECT DISTINCT country FROM event_actors
                        WHERE event_id = ? AND country IS NOT NULL)
            SELECT e.id, e.date, e.event, e.modality, e.n_sources,
                   CASE WHEN f.modality = 'intended' THEN 'fulfilled_by' ELSE 'announced_by' END
                     AS relation
            FROM events e, f
            WHERE e.event = f.event AND e.id <> f.id AND NOT e.negated AND NOT f.negated
              AND ((f.modality = 'intended' AND e.modality = 'asserted'
                    AND (e.date IS NULL OR f.first_reported IS NULL
                         OR e.date >= f.first_reported - 1)
                    AND (e.date IS NULL OR f.date IS NULL OR e.date BETWEEN f.date - 31
                         AND coalesce(f.enddate, f.date) + 31))
                OR (f.modality = 'asserted' AND e.modality = 'intended'
                    AND (f.date IS NULL OR e.first_reported IS NULL
                         OR f.date >= e.first_reported - 1)
                    AND (f.date IS NULL OR e.date IS NULL OR f.date BETWEEN e.date - 31
                         AND coalesce(e.enddate, e.date) + 31)))
              AND (SELECT count(DISTINCT ea.country) FROM event_actors ea
                   WHERE ea.event_id = e.id AND ea.country IN (SELECT country FROM fc))
                  >= least(2, (SELECT count(*) FROM fc))
              AND (SELECT count(*) FROM fc) > 0
            ORDER BY e.date NULLS LAST, e.id
            """,
            [event_id, event_id],
        )
