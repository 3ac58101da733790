"""Story grouping in the database: each article's story terms, and which story it belongs to.

A new article's terms are stored, stored articles sharing a term (and published within the
window) are scored by the cosine of their term vectors in SQL, and the pairs over the threshold
join their stories. A story's id derives from its smallest article id, so the grouping depends
only on the set of articles (``link.stories``), whatever order they came in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import duckdb

from crosswire.errors import NotFoundError
from crosswire.link.settings import LinkSettings
from crosswire.link.stories import UnionFind, Vector, story_vector
from crosswire.records import content_id
from crosswire.store.queries import paging

#: The last day an event's date may stand for, in SQL (its end date, else by its precision).
_EVENT_END = (
    "coalesce(e.enddate, CASE e.date_precision WHEN 'week' THEN e.date + 6 "
    "WHEN 'month' THEN last_day(e.date) WHEN 'year' THEN make_date(year(e.date), 12, 31) "
    "ELSE e.date END)"
)
#: An event is news of its story unless it ended more than the story window before the story's
#: first article: what the articles recall (a summit last month, a visit in April) is background.
_NEWS = f"(e.date IS NULL OR {_EVENT_END} >= first.published - CAST(? AS INTEGER))"


class StoryTables:
    """Stories; mixed into ``Store`` (which gives ``con``, ``_insert_rows``
    and ``_dicts``)."""

    if TYPE_CHECKING:  # the Store's connection (a property there); declared for mypy only

        @property
        def con(self) -> duckdb.DuckDBPyConnection: ...

    _insert_rows: Callable[[str, Sequence[str], Sequence[Sequence[Any]]], None]
    _dicts: Callable[..., list[dict[str, Any]]]

    def stories(
        self, *, min_sources: int = 0, limit: int | None = 50, offset: int = 0
    ) -> list[dict[str, Any]]:
        """Stories, most independent sources first: articles, sources, dates, a title, events."""
        sql = f"""
            SELECT s.story_id, count(*) AS n_articles, count(DISTINCT a.source_key) AS n_sources,
                   min(a.published) AS first_published, max(a.published) AS last_published,
                   arg_min(a.title, coalesce(a.published, DATE '9999-12-31')::VARCHAR || a.id)
                       AS title,
                   (SELECT count(DISTINCT em.event_id) FROM event_mentions em
                      JOIN events e ON e.id = em.event_id
                      JOIN mentions m ON m.id = em.mention_id
                      JOIN stories t ON t.article_id = m.article_id,
                      (SELECT min(published) AS published FROM stories u
                         JOIN articles b ON b.id = u.article_id
                       WHERE u.story_id = s.story_id) first
                    WHERE t.story_id = s.story_id AND (first.published IS NULL OR {_NEWS}))
                       AS n_events
            FROM stories s JOIN articles a ON a.id = s.article_id
            GROUP BY s.story_id HAVING count(DISTINCT a.source_key) >= ?
            ORDER BY n_sources DESC, n_articles DESC, last_published DESC NULLS LAST, s.story_id
        """
        window = LinkSettings.from_config().story_window
        return self._dicts(sql + paging(limit, offset), [window, min_sources])

    def story(self, story_id: str) -> dict[str, Any]:
        """One story: its articles (oldest first), the events they report as news, and the
        ``background``: earlier events they recall (ended more than the story window,
        ``link.story_window_days``, before the first article)."""
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
        window = LinkSettings.from_config().story_window
        found = self._dicts(
            f"SELECT DISTINCT e.id, e.date, e.event, e.n_sources, "
            f"(first.published IS NULL OR {_NEWS}) AS news FROM events e "
            "JOIN event_mentions em ON em.event_id = e.id JOIN mentions m ON m.id = em.mention_id "
            "JOIN stories s ON s.article_id = m.article_id, "
            "(SELECT min(a.published) AS published FROM stories t "
            "JOIN articles a ON a.id = t.article_id WHERE t.story_id = ?) first "
            "WHERE s.story_id = ? ORDER BY e.date NULLS LAST, e.id",
            [window, story_id, story_id],
        )
        events = [{k: v for k, v in e.items() if k != "news"} for e in found if e["news"]]
        background = [{k: v for k, v in e.items() if k != "news"} for e in found if not e["news"]]
        return {
            "story_id": story_id,
            "articles": articles,
            "events": events,
            "background": background,
        }

    def backfill_stories(self, settings: LinkSettings | None = None, *, chunk: int = 500) -> int:
        """Group stored articles that have no story yet (databases made before stories);
        returns how many were added."""
        settings = settings or LinkSettings.from_config()
        threshold, window = settings.story_threshold, settings.story_window
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
        days = [day for _, _, day in items]
        if all(days):  # only stored articles near the batch's dates can join it
            low = min(d for d in days if d) - timedelta(days=window)
            high = max(d for d in days if d) + timedelta(days=window)
        else:  # an undated article may join any story
            low, high = date.min, date.max
        pairs = self.con.execute(
            """
            WITH near AS (SELECT id, published FROM articles
                          WHERE published IS NULL OR published BETWEEN ? AND ?),
                 o AS (SELECT t.article_id, t.term, t.weight, near.published
                       FROM article_terms t JOIN near ON near.id = t.article_id),
                 n AS (SELECT t.article_id, t.term, t.weight, a.published
                       FROM article_terms t JOIN articles a ON a.id = t.article_id
                       WHERE list_contains(?, t.article_id))
            SELECT n.article_id, o.article_id
            FROM n JOIN o ON n.term = o.term AND n.article_id <> o.article_id
            WHERE n.published IS NULL OR o.published IS NULL
               OR abs(date_diff('day', n.published, o.published)) <= ?
            GROUP BY n.article_id, o.article_id
            HAVING sum(n.weight * o.weight) >= ?
            """,
            [low, high, new, window, threshold],
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
