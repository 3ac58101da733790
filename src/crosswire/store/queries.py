"""Read queries over a crosswire database: events with filters, articles, actors, rejects."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

import duckdb

from crosswire.errors import NotFoundError, RequestError
from crosswire.records import Event
from crosswire.store.rows import event_from_row, sentence_marks

ANY_EVENT = "list_contains(?, em.event_id)"
ACTOR_ID = re.compile(r"ac_[0-9a-f]{16}")
SORTS = {
    "date": "e.date DESC NULLS LAST, e.id",
    "oldest": "e.date ASC NULLS LAST, e.id",
    "sources": "e.n_sources DESC, e.n_mentions DESC, e.date DESC NULLS LAST, e.id",
    "confidence": "e.confidence DESC, e.id",
}
MAX_ROWS = 1 << 40  # more rows than any database holds; larger limits are refused, not cut
COUNTRY = re.compile(r"^[A-Za-z]{3}$")


def paging(limit: int | None, offset: int = 0) -> str:
    """The LIMIT/OFFSET clause of a list, after checking both numbers (never negative, never
    beyond what SQL can count)."""
    for name, value in (("limit", limit), ("offset", offset)):
        if value is not None and not 0 <= int(value) <= MAX_ROWS:
            raise RequestError(
                f"{name} must be a whole number from 0 to {MAX_ROWS}, not {value}.",
                fix=f"Pass a {name} of 0 or more.",
            )
    return "" if limit is None else f" LIMIT {int(limit)} OFFSET {int(offset)}"


def country_code(value: str | None) -> str | None:
    """An ISO-3166 alpha-3 code, upper-cased; anything else is refused with a fix."""
    if value is None:
        return None
    if not COUNTRY.match(value):
        raise RequestError(
            f"{value!r} is not an ISO-3166 alpha-3 country code.",
            fix="Use three letters, e.g. PRK for North Korea or RUS for Russia.",
        )
    return value.upper()


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to return. Every field is optional; they combine with AND.

    ``actor`` is an actor id or part of a name; ``place`` part of the event place's name;
    ``dyad`` two sides, each a country code or an actor id, on opposite sides of the event
    (either direction); ``text`` words anywhere in actors, type or place.
    """

    actor: str | None = None
    country: str | None = None
    type: str | None = None
    since: date | None = None
    until: date | None = None
    min_sources: int = 0
    text: str | None = None
    place: str | None = None
    dyad: tuple[str, str] | None = None
    ids: tuple[str, ...] = ()
    include_negated: bool = False
    limit: int | None = None
    offset: int = 0
    sort: str = "sources"

    def __post_init__(self) -> None:
        """Refuse values no event can match, with the fix, instead of answering nothing."""
        from crosswire.events.ontology import event_types

        paging(self.limit, self.offset)
        object.__setattr__(self, "country", country_code(self.country))
        if self.type is not None:
            if self.type.upper() not in event_types():
                raise RequestError(
                    f"{self.type!r} is not a PLOVER event type.",
                    fix=f"Use one of {', '.join(event_types())}.",
                )
            object.__setattr__(self, "type", self.type.upper())
        if self.sort not in SORTS:
            raise RequestError(f"Unknown sort {self.sort!r}.", fix=f"Use one of {sorted(SORTS)}.")
        if self.min_sources < 0:
            raise RequestError("min_sources must be 0 or more.", fix="Pass a count of sources.")

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if len(self.ids) == 1:  # one event: an index lookup
            clauses.append("e.id = ?")
            params.append(self.ids[0])
        elif self.ids:
            clauses.append("list_contains(?, e.id)")
            params.append(list(self.ids))
        if self.type:
            clauses.append("e.event = ?")
            params.append(self.type.upper())
        if self.since:
            clauses.append("e.date >= ?")
            params.append(self.since)
        if self.until:
            clauses.append("e.date <= ?")
            params.append(self.until)
        if self.min_sources:
            clauses.append("e.n_sources >= ?")
            params.append(self.min_sources)
        if self.country:
            clauses.append("e.id IN (SELECT event_id FROM event_actors WHERE country = ?)")
            params.append(self.country.upper())
        if self.actor and ACTOR_ID.fullmatch(self.actor):
            clauses.append("e.id IN (SELECT event_id FROM event_actors WHERE actor_id = ?)")
            params.append(self.actor)
        elif self.actor:
            clauses.append("e.id IN (SELECT event_id FROM event_actors WHERE lower(name) LIKE ?)")
            params.append(f"%{self.actor.lower()}%")
        if self.text:
            clauses.append("e.search LIKE ?")
            params.append(f"%{self.text.lower()}%")
        if self.place:
            clauses.append("lower(json_extract_string(e.event_loc, '$.name')) LIKE ?")
            params.append(f"%{self.place.lower()}%")
        if self.dyad:
            clauses.append(
                "e.id IN (SELECT x.event_id FROM event_actors x JOIN event_actors y "
                "ON y.event_id = x.event_id AND y.side <> x.side "
                "WHERE (x.country = ? OR x.actor_id = ?) AND (y.country = ? OR y.actor_id = ?))"
            )
            a, b = self.dyad
            params.extend([a.upper(), a, b.upper(), b])
        if not self.include_negated and not self.ids:
            clauses.append("NOT e.negated AND e.modality = 'asserted'")
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


class Queries:
    """Read side of ``Store``."""

    if TYPE_CHECKING:  # the Store's connection (a property there); declared for mypy only

        @property
        def con(self) -> duckdb.DuckDBPyConnection: ...

    def _dicts(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        cur = self.con.execute(sql, params or [])
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def count_events(self, where: EventFilter | None = None) -> int:
        clause, params = (where or EventFilter()).where()
        row = self.con.execute(f"SELECT count(*) FROM events e{clause}", params).fetchone()
        return int(row[0]) if row else 0

    def events(
        self, where: EventFilter | None = None, *, with_mentions: bool = False
    ) -> list[Event]:
        return list(self.iter_events(where, with_mentions=with_mentions))

    def iter_events(
        self,
        where: EventFilter | None = None,
        *,
        with_mentions: bool = False,
        chunk: int = 500,
        listed: str | None = None,
    ) -> Iterator[Event]:
        """Events matching ``where``, streamed in chunks so exports never hold them all. A page
        (``where.limit``) is chosen by ``where.sort`` and listed in the ``listed`` order (one
        of the sorts; ``where.sort`` when not given)."""
        where = where or EventFilter()
        clause, params = where.where()
        order = SORTS.get(where.sort, SORTS["sources"])
        shown = SORTS.get(listed or where.sort, order)
        if where.limit is None:
            sql = f"SELECT e.* FROM events e{clause} ORDER BY {shown}"
        else:  # sort and skip on the narrow key columns; fetch the wide rows of one page only
            sql = (
                f"SELECT e.* FROM (SELECT e.id FROM events e{clause} ORDER BY {order} "
                f"LIMIT {int(where.limit)} OFFSET {int(where.offset)}) page "
                f"JOIN events e ON e.id = page.id ORDER BY {shown}"
            )
        cur = self.con.cursor()
        cur.execute(sql, params)
        names = [d[0] for d in cur.description]
        while True:
            rows = cur.fetchmany(chunk)
            if not rows:
                break
            records = [dict(zip(names, row, strict=True)) for row in rows]
            mentions = self._mention_rows([r["id"] for r in records]) if with_mentions else {}
            for record in records:
                yield event_from_row(record, tuple(mentions.get(record["id"], ())))
        cur.close()

    def _mention_rows(self, event_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
        rows = self._dicts(
            "SELECT em.event_id, m.id AS mention_id, m.data, a.outlet, a.url, a.published, "
            "a.title, a.original_outlet FROM event_mentions em JOIN mentions m "
            "ON m.id = em.mention_id JOIN articles a ON a.id = m.article_id "
            f"WHERE {'em.event_id = ?[1]' if len(event_ids) == 1 else ANY_EVENT} "
            "ORDER BY a.published NULLS LAST, m.article_id, m.id",
            [event_ids],
        )
        found: dict[str, list[dict[str, Any]]] = {}
        for row in rows:
            data = json.loads(row["data"])
            found.setdefault(row["event_id"], []).append(
                {
                    "mention_id": row["mention_id"],
                    "article_id": data["article_id"],
                    "outlet": row["outlet"],
                    "original_outlet": row["original_outlet"],
                    "url": row["url"],
                    "title": row["title"],
                    "published": row["published"].isoformat() if row["published"] else None,
                    "text": data["sentence"],
                    "start": data["sent_start"],
                    "end": data["sent_end"],
                    "trigger": data["trigger"],
                    "trigger_start": data["trigger_start"],
                    "trigger_end": data["trigger_end"],
                    "date_text": data["date_text"],
                    "date_rule": data.get("date_rule"),
                    "date": data["date"],
                    "modality": data["modality"],
                    "attribution": data["attribution"],
                    "actors": [a["name"] for a in data["actors"]],
                    "recipients": [a["name"] for a in data["recipients"]],
                    "marks": sentence_marks(data),
                }
            )
        return found

    def articles(self, *, limit: int | None = 50, offset: int = 0) -> list[dict[str, Any]]:
        sql = (
            "SELECT id, published, outlet, original_outlet, source_key, title, url, source, "
            "n_mentions, length(text) AS chars FROM articles "
            "ORDER BY published NULLS LAST, id"
        )
        return self._dicts(sql + paging(limit, offset))

    def rejects(self, *, limit: int | None = 100) -> list[dict[str, Any]]:
        sql = (
            "SELECT source, stage, reason, code, detail, article_id, created_at FROM rejects "
            "ORDER BY created_at, id"
        )
        return self._dicts(sql + paging(limit))

    def actors(
        self,
        *,
        country: str | None = None,
        name: str | None = None,
        limit: int | None = 100,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Actors, most often named first; ``name`` matches part of the name."""
        sql = (
            "SELECT id, name, kind, country, sector, role, first_seen, last_seen, n_mentions "
            "FROM actors WHERE (? IS NULL OR country = ?) AND (? IS NULL OR lower(name) LIKE ?)"
        )
        code = country_code(country)
        pattern = f"%{name.lower()}%" if name else None
        sql += " ORDER BY n_mentions DESC, name, id" + paging(limit, offset)
        return self._dicts(sql, [code, code, pattern, pattern])

    def actor(self, actor_id: str) -> dict[str, Any]:
        """One actor: its record, the spellings that named it, its roles over time with the
        articles that state them, and its events (newest first)."""
        found = self._dicts(
            "SELECT id, name, kind, country, sector, role, first_seen, last_seen, n_mentions "
            "FROM actors WHERE id = ?",
            [actor_id],
        )
        if not found:
            raise NotFoundError(
                f"No actor {actor_id!r} in this database.", fix="List them with `crosswire actors`."
            )
        record = found[0]
        record["aliases"] = self._dicts(
            "SELECT text AS alias, count(*) AS n FROM actor_mentions WHERE actor_id = ? "
            "GROUP BY text ORDER BY n DESC, alias",
            [actor_id],
        )
        record["roles"] = self._dicts(
            "SELECT role, sector, country, min(date) AS first_seen, max(date) AS last_seen, "
            "count(*) AS n, list(DISTINCT article_id ORDER BY article_id) AS articles "
            "FROM actor_mentions WHERE actor_id = ? AND role IS NOT NULL "
            "GROUP BY role, sector, country ORDER BY first_seen NULLS LAST, role",
            [actor_id],
        )
        record["events"] = self._dicts(
            "SELECT DISTINCT e.id, e.date, e.event, e.cameo, e.modality, e.negated, ea.side, "
            "e.n_sources "
            "FROM event_actors ea JOIN events e ON e.id = ea.event_id "
            "WHERE ea.actor_id = ? ORDER BY e.date DESC NULLS LAST, e.id",
            [actor_id],
        )
        return record

    def summary(self) -> dict[str, int]:
        counts = {}
        for table in ("articles", "mentions", "events", "actors", "rejects"):
            row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
            counts[table] = int(row[0]) if row else 0
        row = self.con.execute("SELECT count(*) FROM events WHERE n_sources >= 2").fetchone()
        counts["corroborated_events"] = int(row[0]) if row else 0
        return counts
