"""Story grouping in the database: each article's story terms, and which story it belongs to.

A new article's terms are stored, stored articles sharing a term (and published within the
window) are scored by the cosine of their term vectors in SQL, and the pairs over the threshold
join their stories. A story's id derives from its smallest article id, so the grouping depends
only on the set of articles (``link.stories``), whatever order they came in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import duckdb

from crosswire.errors import NotFoundError
from crosswire.link.stories import (
    STORY_THRESHOLD,
    STORY_WINDOW,
    UnionFind,
    Vector,
    story_vector,
)
from crosswire.records import content_id


class StoryTables:
    """Stories and event relations; mixed into ``Store`` (which gives ``con``, ``_insert_rows``
    and ``_dicts``)."""

    con: duckdb.DuckDBPyConnection
    _insert_rows: Callable[[str, Sequence[str], Sequence[Sequence[Any]]], None]
    _dicts: Callable[..., list[dict[str, Any]]]

    def stories(
        self, *, min_sources: int = 0, limit: int | None = 50, offset: int = 0
    ) -> list[dict[str, Any]]:
        """Stories, most independent sources first: articles, sources, dates, a title, events."""
        sql = """
            SELECT s.story_id, count(*) AS n_articles, count(DISTINCT a.source_key) AS n_sources,
                   min(a.published) AS first_published, max(a.published) AS last_published,
                   arg_min(a.title, coalesce(a.published, DATE '9999-12-31')) AS title,
                   (SELECT count(DISTINCT em.event_id) FROM event_mentions em
                      JOIN mentions m ON m.id = em.mention_id
                      JOIN stories t ON t.article_id = m.article_id
                    WHERE t.story_id = s.story_id) AS n_events
            FROM stories s JOIN articles a ON a.id = s.article_id
            GROUP BY s.story_id HAVING count(DISTINCT a.source_key) >= ?
            ORDER BY n_sources DESC, n_articles DESC, last_published DESC NULLS LAST, s.story_id
        """
        if limit is not None:
            sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
        return self._dicts(sql, [min_sources])

    def story(self, story_id: str) -> dict[str, Any]:
        """One story: its articles (oldest first) and the events they report."""
        articles = self._dicts(
            "SELECT a.id, a.published, a.outlet, a.source_key, a.title, a.url FROM stories s "
            "JOIN articles a ON a.id = s.article_id WHERE s.story_id = ? "
            "ORDER BY a.published NULLS LAST, a.id",
            [story_id],
        )
        if not articles:
            raise NotFoundError(
                f"No story {story_id!r}.", fix="List them with `crosswire stories`."
            )
        events = self._dicts(
            "SELECT DISTINCT e.id, e.date, e.event, e.n_sources FROM events e "
            "JOIN event_mentions em ON em.event_id = e.id JOIN mentions m ON m.id = em.mention_id "
            "JOIN stories s ON s.article_id = m.article_id WHERE s.story_id = ? "
            "ORDER BY e.date NULLS LAST, e.id",
            [story_id],
        )
        return {"story_id": story_id, "articles": articles, "events": events}

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

    def backfill_stories(
        self, *, threshold: float = STORY_THRESHOLD, window: int = STORY_WINDOW, chunk: int = 500
    ) -> int:
        """Group stored articles that have no story yet (databases made before stories);
        returns how many were added."""
        added = 0
        while True:
            rows = self.con.execute(
                "SELECT id, text, published FROM articles WHERE id NOT IN "
                "(SELECT article_id FROM stories) ORDER BY id LIMIT ?",
                [chunk],
            ).fetchall()
            if not rows:
                return added
            items = [(r[0], story_vector(r[1]), r[2]) for r in rows]
            self._add_to_stories(items, threshold=threshold, window=window)
            added += len(rows)

    def _add_to_stories(
        self,
        items: Sequence[tuple[str, Vector, date | None]],
        *,
        threshold: float,
        window: int,
    ) -> None:
        """Store the terms of new articles ``items`` and join them to their stories."""
        if not items:
            return
        self._insert_rows(
            "INSERT INTO article_terms SELECT * FROM batch_rows",
            ("article_id", "term", "weight"),
            [[a, term, w] for a, vector, _ in items for term, w in vector.items()],
        )
        new = [a for a, _, _ in items]
        pairs = self.con.execute(
            """
            SELECT n.article_id, o.article_id
            FROM article_terms n JOIN article_terms o ON n.term = o.term
              AND n.article_id <> o.article_id
            JOIN articles x ON x.id = n.article_id
            JOIN articles y ON y.id = o.article_id
            WHERE list_contains(?, n.article_id)
              AND (x.published IS NULL OR y.published IS NULL
                   OR abs(date_diff('day', x.published, y.published)) <= ?)
            GROUP BY n.article_id, o.article_id
            HAVING sum(n.weight * o.weight) >= ?
            """,
            [new, window, threshold],
        ).fetchall()
        touched = sorted({a for pair in pairs for a in pair} | set(new))
        current = self.con.execute(
            "SELECT article_id, story_id FROM stories WHERE story_id IN "
            "(SELECT story_id FROM stories WHERE list_contains(?, article_id))",
            [touched],
        ).fetchall()
        sets = UnionFind()
        for article_id in touched:
            sets.find(article_id)
        for article_id, story_id in current:
            sets.union(article_id, ("story", story_id))
        for a, b in pairs:
            sets.union(a, b)
        rows: list[list[str]] = []
        for group in sets.groups():
            members = sorted(str(x) for x in group if isinstance(x, str))
            story = content_id("st", members[0])
            rows.extend([a, story] for a in members)
        self._insert_rows(
            "INSERT OR REPLACE INTO stories SELECT * FROM batch_rows",
            ("article_id", "story_id"),
            rows,
        )
