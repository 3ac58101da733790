"""The Store: the only class that speaks SQL. DuckDB file, recorded migrations, idempotent upserts.

Each ingest batch is one transaction (articles, mentions, re-linked events, rejects), so a run
killed mid-way loses at most the batch in flight and a re-run completes it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import duckdb

from crosswire.errors import NotFoundError, StoreError
from crosswire.link import ArticleInfo, link, reachable, segment_ids, span_of
from crosswire.link.evidence import INFERRED_WINDOW
from crosswire.link.identity import join_people, people_of
from crosswire.link.settings import LinkSettings
from crosswire.link.stories import story_vector
from crosswire.records import ActorRef, Article, CodedArticle, Event, Reject, fold
from crosswire.store.analysis import Analysis
from crosswire.store.batch import (
    ACTOR_COLUMNS,
    ARTICLE_COLUMNS,
    BAND_COLUMNS,
    EVENT_ACTOR_COLUMNS,
    EVENT_MENTION_COLUMNS,
    MENTION_COLUMNS,
    NAMED_COLUMNS,
    batch_rows,
    event_rows,
)
from crosswire.store.locks import Waiting, connection_lock, writer_lock
from crosswire.store.queries import EventFilter, Queries
from crosswire.store.rows import EVENT_COLUMNS, mention_from_json
from crosswire.store.schema import MIGRATIONS
from crosswire.store.shared import SharedReads
from crosswire.store.stories import StoryTables

# what a mention's date span and countries are computed from (after its id and date)
_SPAN_COLUMNS = (
    "data->>'date_precision', data->>'date_rule', CAST(data->>'enddate' AS DATE), "
    "json_extract_string(data, '$.actors[*].country') "
    "|| json_extract_string(data, '$.recipients[*].country')"
)
_LONGEST_SPAN = 366  # days a stored date may stand for (a year); ranges are checked in Python


class Store(Queries, StoryTables, Analysis):
    """A crosswire database. Use ``crosswire.open(path)`` to get one."""

    def __init__(
        self, path: str | Path, *, read_only: bool = False, wait: Waiting | None = None
    ) -> None:
        self.path = str(path)
        self.read_only = read_only
        self.wait = wait
        self._said = False
        self._con: duckdb.DuckDBPyConnection | None = None
        self._view = False
        self._on_close: Callable[[], None] | None = None  # a shared reader's view gives back
        self._shared: SharedReads | None = None
        self._lock = connection_lock(self.path) if self.path != ":memory:" else None
        self._writer = writer_lock(self.path) if self.path != ":memory:" else None
        if self.path != ":memory:":
            _check_file(self.path)
            if not read_only:
                try:
                    Path(self.path).parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise StoreError(f"Cannot create {self.path}: {exc.strerror}.") from exc
        if not read_only and 3 in self.migrate():
            self.backfill_stories()
        elif not self._has_table("schema_migrations"):
            self.release()
            raise StoreError(
                f"{self.path} is not a crosswire database.",
                fix="Create it with `crosswire ingest`.",
            )
        elif read_only and self.pending_migrations():
            self.release()
            raise StoreError(
                f"{self.path} was written by an older crosswire and cannot be upgraded read-only.",
                fix="Open it once read-write (`crosswire serve` without --read-only, or "
                "crosswire.open(path)) to apply the migrations.",
            )

    # -- lifecycle -------------------------------------------------------------------------

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The connection, opened on first use after ``release`` (taking the file's lock)."""
        if self._con is None:
            self._connect()
        assert self._con is not None
        return self._con

    def _connect(self) -> None:
        if self._lock is not None:
            said, self._said = self._said, True  # a wait is reported once per store
            self._lock.acquire(
                exclusive=not self.read_only,
                wait=None if said else self.wait,
                what=f"waiting for another process to finish with {self.path} …",
            )
        try:
            self._con = duckdb.connect(self.path, read_only=self.read_only)
        except (duckdb.Error, OSError) as exc:
            if self._lock is not None:
                self._lock.release()
            raise StoreError(
                f"Cannot open database {self.path}: {str(exc).splitlines()[0]}",
                fix="Another program (not crosswire) may have it open for writing: close it."
                if "lock" in str(exc).lower()
                else "Check the path (--db or $CROSSWIRE_DB) and that it is a crosswire database.",
            ) from exc

    def release(self) -> None:
        """Close the connection and let other processes have the file; the store stays
        usable and opens it again on next use (a long ingest does this between batches)."""
        if self._view:  # a cursor on another store's connection: that store decides
            return
        con, self._con = self._con, None
        if con is not None:
            con.close()
        if self._lock is not None:
            self._lock.release()

    def close(self) -> None:
        if self._view:
            if self._con is not None:
                self._con.close()
                self._con = None
            done, self._on_close = self._on_close, None
            if done is not None:
                done()
            return
        if self._shared is not None:
            self._shared.close()
        self.release()
        if self._writer is not None:
            self._writer.release()

    def claim_writer(self, wait: Waiting | None = None) -> None:
        """Be the only ingest writing this file until ``close``: a second one waits here."""
        if self._writer is not None:
            self.release()  # never hold the file while waiting for the writer's turn
            self._writer.acquire(
                exclusive=True,
                wait=wait or self.wait,
                what=f"waiting for another ingest into {self.path} to finish …",
            )

    def session(self) -> Store:
        """This database on a cursor of its own, for one thread (in-process use; a web server
        opens a read-only store per request instead, see ``reader``)."""
        view = object.__new__(type(self))
        view.path, view.read_only, view.wait, view._said = self.path, self.read_only, None, True
        view._con, view._view = self.con.cursor(), True
        view._lock = view._writer = None
        view._on_close = view._shared = None
        return view

    def reader(self) -> Store:
        """A read-only store over the same file for a short while (one web request), on a
        cursor of a connection the requests share (``store.shared``): the file is opened once
        for a run of requests and left free for other processes between runs."""
        if self.path == ":memory:" or self._view:
            return self.session()
        if self._shared is None:
            self._shared = SharedReads(self.path, self.wait)
        return self._shared.view()

    def writer(self) -> Store:
        """A read-write store over the same file for one write (a POST of articles)."""
        if self.path == ":memory:" or self._view:
            return self.session()
        if self.read_only:
            raise StoreError(f"{self.path} is open read-only.", fix="Open it read-write.")
        return type(self)(self.path, wait=self.wait)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        lock = getattr(self, "_lock", None)
        if lock is not None and lock.held and not getattr(self, "_view", True):
            self.close()

    def _has_table(self, name: str) -> bool:
        row = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]
        ).fetchone()
        return bool(row and row[0])

    def migrate(self) -> list[int]:
        """Apply every migration not yet recorded; returns the versions applied now."""
        self.con.execute("""CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,
            applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)""")
        pending = set(self.pending_migrations())
        applied = []
        for version, name, sql in MIGRATIONS:
            if version not in pending:
                continue
            with self.transaction():
                self.con.execute(sql)
                self.con.execute(
                    "INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [version, name]
                )
            applied.append(version)
        return applied

    def pending_migrations(self) -> list[int]:
        """Versions of the schema this database still lacks."""
        done = {r[0] for r in self.con.execute("SELECT version FROM schema_migrations").fetchall()}
        return [version for version, _, _ in MIGRATIONS if version not in done]

    def migrations(self) -> list[tuple[int, str]]:
        return [
            (r[0], r[1])
            for r in self.con.execute(
                "SELECT version, name FROM schema_migrations ORDER BY version"
            ).fetchall()
        ]

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.con.begin()
        try:
            yield
        except BaseException:
            self.con.rollback()
            raise
        self.con.commit()

    # -- writes ----------------------------------------------------------------------------

    def known_articles(self, ids: Sequence[str]) -> set[str]:
        if not ids:
            return set()
        rows = self.con.execute(
            "SELECT id FROM articles WHERE list_contains(?, id)", [list(ids)]
        ).fetchall()
        return {r[0] for r in rows}

    def band_matches(self, bands: Sequence[str]) -> dict[str, list[tuple[str, str]]]:
        """Per LSH band, the (article_id, signature) of stored articles that have it; one
        query for a whole batch's bands."""
        found: dict[str, list[tuple[str, str]]] = {}
        if bands:
            for band, article_id, sig in self.con.execute(
                "SELECT band, article_id, signature FROM article_bands "
                "WHERE band IN (SELECT unnest(?::VARCHAR[]))",
                [sorted(set(bands))],
            ).fetchall():
                found.setdefault(band, []).append((article_id, sig))
        return found

    def source_key_of(self, article_id: str) -> tuple[str, str | None] | None:
        row = self.con.execute(
            "SELECT source_key, outlet FROM articles WHERE id = ?", [article_id]
        ).fetchone()
        return (row[0], row[1]) if row else None

    def _insert_rows(self, sql: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """Run ``sql`` (which selects from ``batch_rows``) over ``rows`` as one Arrow table.

        The table comes from the system allocator: Arrow's default pool keeps freed pages for
        reuse, which over a long ingest showed as resident memory growing batch after batch.
        """
        if not rows:
            return
        import pyarrow as pa  # here: the read commands never need it (start-up time)

        pool = pa.system_memory_pool()
        table = pa.table(
            {
                name: pa.array([row[i] for row in rows], memory_pool=pool)
                for i, name in enumerate(columns)
            }
        )
        self.con.register("batch_rows", table)
        try:
            self.con.execute(sql)
        finally:
            self.con.unregister("batch_rows")

    def known_people(self, countries: Iterable[str]) -> list[ActorRef]:
        """The people on record of ``countries``, earliest seen first."""
        countries = sorted(set(countries))
        if not countries:
            return []
        marks = ",".join("?" for _ in countries)
        rows = self.con.execute(
            f"SELECT id, name, country, sector, role FROM actors "
            f"WHERE kind = 'person' AND country IN ({marks}) ORDER BY first_seen NULLS LAST, id",
            countries,
        ).fetchall()
        return [
            ActorRef(name=r[1], kind="person", country=r[2], sector=r[3], role=r[4], actor_id=r[0])
            for r in rows
        ]

    def write_batch(
        self,
        coded: Iterable[CodedArticle],
        rejects: Iterable[Reject],
        settings: LinkSettings | None = None,
    ) -> int:
        """Store coded articles and rejects, re-link the touched date segments and join the new
        articles to their stories; all in one transaction (``settings``: the configuration's
        when not given). Returns the mentions stored."""
        settings = settings or LinkSettings.from_config()
        coded = list(coded)
        people = [a for a in people_of(coded) if a.kind == "person" and a.country]
        known = self.known_people(a.country for a in people if a.country)
        coded = join_people(coded, known, settings.variant_similarity)
        rows = batch_rows(coded, skip=self.known_articles([c.article.id for c in coded]))
        with self.transaction():
            self._insert_rows(
                "INSERT OR IGNORE INTO articles (id, url, outlet, original_outlet, reprint_of, "
                "source_key, title, published, language, source, text, n_mentions) "
                "SELECT * FROM batch_rows",
                ARTICLE_COLUMNS,
                rows.articles,
            )
            self._insert_rows(
                "INSERT INTO article_bands SELECT * FROM batch_rows",
                BAND_COLUMNS,
                rows.bands,
            )
            self._insert_rows(
                "INSERT OR REPLACE INTO mentions (id, article_id, block, event, date, data) "
                "SELECT * FROM batch_rows",
                MENTION_COLUMNS,
                rows.mentions,
            )
            self._insert_rows(
                "INSERT INTO actors AS a SELECT * FROM batch_rows ON CONFLICT (id) DO UPDATE "
                "SET n_mentions = a.n_mentions + excluded.n_mentions, "
                "first_seen = least(a.first_seen, excluded.first_seen), "
                "last_seen = greatest(a.last_seen, excluded.last_seen), "
                "role = coalesce(a.role, excluded.role), "
                "country = coalesce(a.country, excluded.country)",
                ACTOR_COLUMNS,
                list(rows.actors.values()),
            )
            self._insert_rows(
                "INSERT OR IGNORE INTO actor_mentions SELECT * FROM batch_rows",
                NAMED_COLUMNS,
                rows.actor_mentions,
            )
            self._insert_rows(
                "INSERT OR IGNORE INTO rejects "
                "(id, source, stage, reason, detail, article_id, code) SELECT * FROM batch_rows",
                ("id", "source", "stage", "reason", "detail", "article_id", "code"),
                [
                    [r.id, r.source, r.stage, r.reason, r.detail, r.article_id or None, r.code]
                    for r in rejects
                ],
            )
            self._relink(dict(rows.blocks), settings.tolerance)
            self._add_to_stories(
                [(a[0], story_vector(a[10]), a[7]) for a in rows.articles],
                threshold=settings.story_threshold,
                window=settings.story_window,
            )
        return len(rows.mentions)

    def _segments(self, block: str, tolerance: int) -> list[list[str]]:
        """The block's segments (mention ids)."""
        rows = self.con.execute(
            f"SELECT id, date, {_SPAN_COLUMNS} FROM mentions WHERE block = ?", [block]
        ).fetchall()
        items = [(r[0], span_of(r[1], r[2], r[3], r[4]), {c for c in r[5] if c}) for r in rows]
        return segment_ids(items, tolerance=tolerance)

    def _neighbourhood(self, block: str, new: set[str], tolerance: int) -> list[str]:
        """The new mentions, the stored ones of ``block`` they could be linked with (a shared
        country and dates within the tolerance), and every mention of the events those are in:
        what re-linking a batch must re-cluster. Its size depends on how many reports share
        the batch's days and countries, never on how much is stored."""
        rows = self.con.execute(
            f"SELECT id, date, {_SPAN_COLUMNS} FROM mentions WHERE list_contains(?, id)",
            [sorted(new)],
        ).fetchall()
        fresh = [(span_of(r[1], r[2], r[3], r[4]), {c for c in r[5] if c}) for r in rows]
        dated = [span for span, _ in fresh if span is not None]
        slack = timedelta(days=tolerance)
        low: date | None = None
        high: date | None = None
        if dated:
            low = min(s[0] for s in dated) - slack - timedelta(days=_LONGEST_SPAN)
            high = max(s[1] for s in dated) + slack + timedelta(days=INFERRED_WINDOW)
        undated = len(dated) < len(fresh)
        stored = self.con.execute(
            f"SELECT id, date, {_SPAN_COLUMNS} FROM mentions WHERE block = ? AND "
            "((date IS NULL AND ?) OR date BETWEEN ? AND ?)",
            [block, undated, low, high],
        ).fetchall()
        near = set(new) | reachable(
            fresh,
            [(r[0], span_of(r[1], r[2], r[3], r[4]), {c for c in r[5] if c}) for r in stored],
            tolerance,
        )
        linked = self.con.execute(
            "SELECT DISTINCT b.mention_id FROM event_mentions a "
            "JOIN event_mentions b ON b.event_id = a.event_id WHERE list_contains(?, a.mention_id)",
            [sorted(near)],
        ).fetchall()
        return sorted(near | {r[0] for r in linked})

    def _relink(self, touched: dict[str, set[str] | None], tolerance: int) -> None:
        """Re-cluster the neighbourhood of the given new mention ids in ``touched`` blocks
        (every segment of a block mapped to None); other events stay as they are."""
        ids: list[str] = []
        for block in sorted(touched):
            new = touched[block]
            if new is None:
                ids.extend(m for group in self._segments(block, tolerance) for m in group)
            else:
                ids.extend(self._neighbourhood(block, new, tolerance))
        if not ids:
            return
        rows = self.con.execute(
            "SELECT data FROM mentions WHERE list_contains(?, id)", [ids]
        ).fetchall()
        mentions = [mention_from_json(r[0]) for r in rows]
        article_ids = sorted({m.article_id for m in mentions})
        infos = {
            r[0]: ArticleInfo(r[0], r[1], r[2], r[3], r[4])
            for r in self.con.execute(
                "SELECT id, source_key, outlet, url, published FROM articles "
                "WHERE list_contains(?, id)",
                [article_ids],
            ).fetchall()
        }
        events = link(mentions, infos, tolerance=tolerance)
        stale = [
            r[0]
            for r in self.con.execute(
                "SELECT DISTINCT event_id FROM event_mentions WHERE list_contains(?, mention_id)",
                [ids],
            ).fetchall()
        ]
        for table, column in (("events", "id"), ("event_mentions", "event_id")):
            self.con.execute(f"DELETE FROM {table} WHERE list_contains(?, {column})", [stale])
        self.con.execute("DELETE FROM event_actors WHERE list_contains(?, event_id)", [stale])
        event_table, mention_table, actor_table = event_rows(events)
        self._insert_rows(
            f"INSERT INTO events ({', '.join(EVENT_COLUMNS)}) SELECT * FROM batch_rows",
            EVENT_COLUMNS,
            event_table,
        )
        self._insert_rows(
            "INSERT INTO event_mentions SELECT * FROM batch_rows",
            EVENT_MENTION_COLUMNS,
            mention_table,
        )
        self._insert_rows(
            "INSERT INTO event_actors SELECT * FROM batch_rows", EVENT_ACTOR_COLUMNS, actor_table
        )

    def relink_all(self, settings: LinkSettings | None = None) -> int:
        """Recompute every event from the stored mentions; returns the number of events."""
        tolerance = (settings or LinkSettings.from_config()).tolerance
        blocks = self.con.execute("SELECT DISTINCT block FROM mentions").fetchall()
        with self.transaction():
            for table in ("events", "event_mentions", "event_actors"):
                self.con.execute(f"DELETE FROM {table}")
            for (block,) in blocks:
                self._relink({block: None}, tolerance)
        row = self.con.execute("SELECT count(*) FROM events").fetchone()
        return int(row[0]) if row else 0

    def check(self) -> list[str]:
        """Problems with the database's consistency (none is the answer after any run, even
        one killed part way): every event's mentions and articles exist, every mention is in
        exactly one event, and the stored counts match the rows."""
        checks = {
            "event mentions whose mention is missing": "SELECT count(*) FROM event_mentions em "
            "WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.id = em.mention_id)",
            "event mentions whose event is missing": "SELECT count(*) FROM event_mentions em "
            "WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = em.event_id)",
            "mentions whose article is missing": "SELECT count(*) FROM mentions m "
            "WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = m.article_id)",
            "mentions in no event": "SELECT count(*) FROM mentions m "
            "WHERE NOT EXISTS (SELECT 1 FROM event_mentions em WHERE em.mention_id = m.id)",
            "mentions in more than one event": "SELECT count(*) FROM (SELECT mention_id "
            "FROM event_mentions GROUP BY mention_id HAVING count(DISTINCT event_id) > 1)",
            "events stored twice": "SELECT count(*) FROM (SELECT id FROM events GROUP BY id "
            "HAVING count(*) > 1)",
            "events whose mention or article counts disagree with their rows": """
                SELECT count(*) FROM events e JOIN (
                    SELECT em.event_id, count(*) AS n, count(DISTINCT m.article_id) AS a
                    FROM event_mentions em JOIN mentions m ON m.id = em.mention_id
                    GROUP BY em.event_id) c ON c.event_id = e.id
                WHERE c.n <> e.n_mentions OR c.a <> e.n_articles""",
            "articles whose mention count disagrees with their rows": """
                SELECT count(*) FROM articles a WHERE a.n_mentions <>
                    (SELECT count(*) FROM mentions m WHERE m.article_id = a.id)""",
        }
        problems = []
        for what, sql in checks.items():
            row = self.con.execute(sql).fetchone()
            if row and row[0]:
                problems.append(f"{row[0]} {what}")
        return problems

    def record_rejects(self, rejects: Iterable[Reject]) -> None:
        self.write_batch([], rejects)

    # -- reads used by the pipeline ----------------------------------------------------------

    def article(self, article_id: str) -> dict[str, Any]:
        cur = self.con.execute("SELECT * FROM articles WHERE id = ?", [article_id])
        row = cur.fetchone()
        if row is None:
            raise NotFoundError(
                f"No article {article_id!r}.", fix="List ids with `crosswire articles`."
            )
        return dict(zip([d[0] for d in cur.description], row, strict=True))

    def event(self, event_id: str) -> Event:
        found = self.events(EventFilter(ids=(event_id,)), with_mentions=True)
        if not found:
            raise NotFoundError(f"No event {event_id!r}.", fix="List ids with `crosswire events`.")
        return found[0]


def _check_file(path: str) -> None:
    """Refuse a file that exists but is no DuckDB database (a JSONL given as --db, say)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(12)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StoreError(f"Cannot read {path}: {exc.strerror}.") from exc
    if head and head[8:12] != b"DUCK":
        raise StoreError(
            f"{path} is not a DuckDB database.",
            fix="Pass --db the crosswire database (a .duckdb file), not an input file.",
        )


def source_key(article: Article) -> str:
    """The independent source an article counts for: its original outlet when it is a reprint."""
    return fold(article.original_outlet or article.outlet or article.url or article.id)


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)
