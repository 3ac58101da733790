"""A crosswire dataset as Parquet: one folder per table (``events/part-00000.parquet`` ...), the
same columns as the database tables. Query it in place with DuckDB (``parquet_store``), or load
it into a database (``load_parquet``). Paths may be local folders or fsspec URLs.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pyarrow as pa

from crosswire.errors import StoreError
from crosswire.link.settings import LinkSettings
from crosswire.link.stories import UnionFind
from crosswire.records import Article, CodedArticle, Mention, Reject, content_id
from crosswire.store.rows import mention_from_json
from crosswire.store.store import Store

# tables in dependency order; all but these two come whole from the coded partitions
TABLES = (
    "articles",
    "article_bands",
    "article_terms",
    "mentions",
    "actor_mentions",
    "actors",
    "events",
    "event_mentions",
    "event_actors",
    "stories",
    "rejects",
)
_DATES = {"published", "date", "enddate", "first_reported", "first_seen", "last_seen"}
_INTS = {"n_mentions", "n_articles", "n_sources", "quad_code"}
_FLOATS = {"weight", "event_scale", "confidence"}
_STAMPS = {"ingested_at", "created_at"}
REJECT_COLUMNS = ("id", "source", "stage", "reason", "detail", "created_at", "article_id", "code")


def arrow_schema(columns: tuple[str, ...] | list[str]) -> pa.Schema:
    """The Arrow types of a table's columns (as the database declares them)."""

    def kind(name: str) -> pa.DataType:
        if name in _DATES:
            return pa.date32()
        if name in _INTS:
            return pa.int32()
        if name in ("rank", "pos"):
            return pa.int64()
        if name in _FLOATS:
            return pa.float64()
        if name in _STAMPS:
            return pa.timestamp("us")
        if name == "negated":
            return pa.bool_()
        return pa.string()

    return pa.schema([(name, kind(name)) for name in columns])


def rows_table(columns: tuple[str, ...] | list[str], rows: list[list[Any]]) -> pa.Table:
    """Rows (lists in column order) as an Arrow table with the database's types."""
    schema = arrow_schema(columns)
    return pa.table(
        {
            name: pa.array([r[i] for r in rows], type=schema.field(name).type)
            for i, name in enumerate(columns)
        },
        schema=schema,
    )


class Dataset:
    """Where a Parquet dataset lives, through fsspec (local folders included)."""

    def __init__(self, url: str) -> None:
        import fsspec

        self.url = url.rstrip("/")
        self.fs, self.root = fsspec.core.url_to_fs(self.url)

    @property
    def local(self) -> bool:
        return "file" in (
            self.fs.protocol if isinstance(self.fs.protocol, tuple) else (self.fs.protocol,)
        )

    def files(self, table: str) -> list[str]:
        found = sorted(self.fs.glob(f"{self.root}/{table}/*.parquet"))
        return [p if self.local else self.fs.unstrip_protocol(p) for p in found]

    def read(self, table: str, name: str, columns: list[str] | None = None) -> pa.Table:
        """One file written by ``write`` (only ``columns``, when given)."""
        import pyarrow.parquet as pq

        with self.fs.open(f"{self.root}/{table}/{name}.parquet", "rb") as handle:
            return pq.read_table(handle, columns=columns)

    def write(self, table: str, name: str, data: pa.Table) -> str:
        import pyarrow.parquet as pq

        path = f"{self.root}/{table}/{name}.parquet"
        self.fs.makedirs(f"{self.root}/{table}", exist_ok=True)
        with self.fs.open(path, "wb") as handle:
            pq.write_table(data, handle)
        return path

    def attach(self, con: Any) -> None:
        """Let DuckDB read this dataset's files (remote file systems are registered)."""
        if not self.local:
            con.register_filesystem(self.fs)


def parquet_store(url: str) -> Store:
    """A read-only view of a Parquet dataset with the whole ``Store`` query API."""
    data = Dataset(url)
    if not data.files("events") and not data.files("articles"):
        raise StoreError(
            f"No crosswire Parquet dataset at {url}.",
            fix="Point --data at the output folder of `crosswire ingest --engine dask -o PATH`.",
        )
    store = Store(":memory:")
    data.attach(store.con)
    for table in TABLES:
        files = data.files(table)
        if not files:
            continue  # the empty table the migrations made stands in
        columns = [r[1] for r in store.con.execute(f"PRAGMA table_info('{table}')").fetchall()]
        store.con.execute(f"DROP TABLE {table}")
        store.con.execute(
            f"CREATE VIEW {table} AS SELECT {', '.join(columns)} "
            f"FROM read_parquet([{_listed(files)}], union_by_name = true)"
        )
    return store


def _arrow(store: Store, sql: str) -> pa.Table:
    table = store.con.sql(sql).to_arrow_table()
    if table is None:
        raise StoreError("DuckDB returned no result.", fix="Report this as a bug.")
    return table


def _listed(files: list[str]) -> str:
    """File names as a SQL list literal's items."""
    return ", ".join("'" + f.replace("'", "''") + "'" for f in files)


def finish_dataset(url: str, *, threshold: float, window: int, stage: str) -> dict[str, int]:
    """Write the tables made from every partition at once: ``actors`` (from the partial
    actors in ``stage``; the first spelling wins, as in the database), ``stories`` and
    ``rejects`` (each reject once)."""
    data = Dataset(url)
    store = parquet_store(url)
    try:
        parts = data.files(f"{stage}/actor_parts")
        actors = _arrow(
            store,
            f"""
            SELECT id, arg_min(name, rank) AS name, arg_min(kind, rank) AS kind,
                   arg_min(country, rank) FILTER (WHERE country IS NOT NULL) AS country,
                   arg_min_null(sector, rank) AS sector,
                   arg_min(role, rank) FILTER (WHERE role IS NOT NULL) AS role,
                   min(first_seen) AS first_seen, max(last_seen) AS last_seen,
                   CAST(sum(n_mentions) AS INTEGER) AS n_mentions
            FROM read_parquet([{_listed(parts)}])
            GROUP BY id ORDER BY id
            """
            if parts
            else "SELECT * FROM actors",
        )
        data.write("actors", "part-00000", actors.cast(arrow_schema(actors.column_names)))
        stories = _stories(store, threshold=threshold, window=window)
        data.write("stories", "part-00000", rows_table(("article_id", "story_id"), stories))
        found = data.files(f"{stage}/rejects")
        rejects = (
            _arrow(
                store,
                f"SELECT DISTINCT ON (id) * FROM read_parquet([{_listed(found)}]) ORDER BY id",
            )
            if found
            else rows_table(REJECT_COLUMNS, [])
        )
        data.write("rejects", "part-00000", rejects.cast(arrow_schema(REJECT_COLUMNS)))
        return {"actors": actors.num_rows, "stories": len({s for _, s in stories})}
    finally:
        store.close()


def _stories(store: Store, *, threshold: float, window: int) -> list[list[str]]:
    """Every article's story: the pairs whose story vectors reach ``threshold`` within
    ``window`` days, joined; a story's id derives from its smallest article id."""
    pairs = store.con.execute(
        """
        WITH t AS (SELECT t.article_id, t.term, t.weight, a.published
                   FROM article_terms t JOIN articles a ON a.id = t.article_id)
        SELECT n.article_id, o.article_id
        FROM t n JOIN t o ON n.term = o.term AND n.article_id < o.article_id
        WHERE n.published IS NULL OR o.published IS NULL
           OR abs(date_diff('day', n.published, o.published)) <= ?
        GROUP BY n.article_id, o.article_id
        HAVING sum(n.weight * o.weight) >= ?
        """,
        [window, threshold],
    ).fetchall()
    sets = UnionFind()
    for (article_id,) in store.con.execute("SELECT id FROM articles ORDER BY id").fetchall():
        sets.find(article_id)
    for a, b in pairs:
        sets.union(a, b)
    rows: list[list[str]] = []
    for group in sets.groups():
        members = sorted(str(x) for x in group)
        story = content_id("st", members[0])
        rows.extend([a, story] for a in members)
    return rows


@dataclass
class LoadReport:
    articles: int = 0
    mentions: int = 0
    rejects: int = 0
    bulk: bool = False


def load_parquet(
    store: Store,
    path: str,
    settings: LinkSettings | None = None,
    *,
    chunk: int = 256,
) -> LoadReport:
    """Load a Parquet dataset into ``store``. Into an empty database every table is copied
    as it is (one transaction); into one that holds articles already, the dataset's articles
    and mentions go through ``write_batch`` a chunk at a time, so they link with what is
    stored exactly as an ingest would."""
    source = parquet_store(path)
    report = LoadReport()
    try:
        empty = store.con.execute("SELECT count(*) FROM articles").fetchone() == (0,)
        if empty:
            report.bulk = True
            with store.transaction():
                for table in TABLES:
                    columns = [
                        r[1] for r in store.con.execute(f"PRAGMA table_info('{table}')").fetchall()
                    ]
                    data = _arrow(source, f"SELECT {', '.join(columns)} FROM {table}")
                    store.con.register("parquet_rows", data)
                    try:
                        store.con.execute(f"INSERT INTO {table} SELECT * FROM parquet_rows")
                    finally:
                        store.con.unregister("parquet_rows")
            counts = store.summary()
            report.articles, report.mentions = counts["articles"], counts["mentions"]
            row = store.con.execute("SELECT count(*) FROM rejects").fetchone()
            report.rejects = int(row[0]) if row else 0
            return report
        for batch in _coded_chunks(source, chunk):
            report.mentions += store.write_batch(batch, [], settings)
            report.articles += len(batch)
        rejects = [
            Reject(r[0], r[1], r[2], r[3], r[4] or "", r[5] or "")
            for r in source.con.execute(
                "SELECT source, stage, reason, detail, article_id, code FROM rejects ORDER BY id"
            ).fetchall()
        ]
        store.record_rejects(rejects)
        report.rejects = len(rejects)
        return report
    finally:
        source.close()


def _coded_chunks(source: Store, size: int) -> Iterator[list[CodedArticle]]:
    """The dataset's articles with their bands and mentions, ``size`` at a time."""
    offset = 0
    while True:
        rows = source.con.execute(
            "SELECT id, text, url, outlet, original_outlet, title, published, language, source, "
            "reprint_of, source_key FROM articles ORDER BY published NULLS LAST, id "
            "LIMIT ? OFFSET ?",
            [size, offset],
        ).fetchall()
        if not rows:
            return
        offset += len(rows)
        ids = [r[0] for r in rows]
        bands: dict[str, tuple[list[str], str]] = {}
        for band, article_id, signature in source.con.execute(
            "SELECT band, article_id, signature FROM article_bands "
            "WHERE list_contains(?, article_id) ORDER BY article_id, band",
            [ids],
        ).fetchall():
            bands.setdefault(article_id, ([], signature))[0].append(band)
        found: dict[str, list[Mention]] = {}
        for article_id, data in source.con.execute(
            "SELECT article_id, data FROM mentions WHERE list_contains(?, article_id) "
            "ORDER BY article_id, id",
            [ids],
        ).fetchall():
            found.setdefault(article_id, []).append(mention_from_json(data))
        yield [
            CodedArticle(
                Article(
                    id=r[0],
                    text=r[1],
                    url=r[2],
                    outlet=r[3],
                    original_outlet=r[4],
                    title=r[5],
                    published=r[6],
                    language=r[7],
                    source=r[8],
                    reprint_of=r[9],
                ),
                r[10],
                tuple(bands.get(r[0], ([], ""))[0]),
                bands.get(r[0], ([], ""))[1],
                tuple(found.get(r[0], [])),
            )
            for r in rows
        ]


def now() -> datetime:
    return datetime.now().replace(microsecond=0)
