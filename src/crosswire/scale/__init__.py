"""scale: the same pipeline on a Dask cluster, writing a Parquet dataset.

    report = ingest_dask(["s3://bucket/news/"], "out/dataset", scheduler="tcp://head:8786")

1. Workers read and code partitions of articles (the model loads once per worker process)
   and write them as Parquet (``_stage/coded``).
2. The driver makes one ordered pass over the compact signatures and names (no texts):
   reprints and repeated articles, and spellings of one person, decided as a single machine
   decides them.
3. Workers turn each coded partition into table rows (``articles``, ``mentions`` ...).
4. Mentions are shuffled by blocking key (a distributed group-by) and each shuffled partition
   is linked into events on a worker.
5. The driver writes the tables that need every partition at once (``actors``, ``stories``,
   ``rejects``) with DuckDB over the Parquet files.

Nothing else in crosswire imports this package; ``crosswire ingest --engine dask`` calls it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import pyarrow.parquet as pq

from crosswire.config import Config, load_config
from crosswire.errors import ConfigError, ScaleError
from crosswire.ingest import Defaults
from crosswire.ingest.reprints import ReprintIndex
from crosswire.link.identity import canonical_people
from crosswire.records import ActorRef, Article, parse_date
from crosswire.scale.sources import partitions, units
from crosswire.scale.work import (
    STAGE,
    Decision,
    code_partition,
    link_partition,
    part_name,
    table_partition,
)
from crosswire.store.parquet import Dataset, finish_dataset

__all__ = ["ScaleReport", "ingest_dask"]

Progress = Callable[[str, int, int], None]
_MIN_PARTITION = 64_000  # bytes: below this a task's overhead outweighs its work


@dataclass
class ScaleReport:
    """What a cluster run did, with the seconds each step took."""

    output: str = ""
    partitions: int = 0
    workers: int = 0
    read: int = 0
    articles: int = 0
    repeats: int = 0
    rejected: int = 0
    mentions: int = 0
    events: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items()}


def ingest_dask(
    sources: Iterable[str],
    output: str,
    *,
    scheduler: str | None = None,
    workers: int = 0,
    config: Config | None = None,
    outlet: str | None = None,
    published: str | None = None,
    actors: str | None = None,
    overwrite: bool = False,
    on_progress: Progress | None = None,
) -> ScaleReport:
    """Code, link and write ``sources`` as a Parquet dataset at ``output`` (a folder or an
    fsspec URL) on the Dask cluster at ``scheduler``, or on a local cluster of ``workers``
    processes (0: one per core). ``outlet``, ``published`` and ``actors`` as for
    ``crosswire.ingest_sources``."""
    from crosswire.pipeline import with_dictionary

    config = with_dictionary(config or load_config(), actors)
    when = parse_date(published)
    defaults = Defaults(outlet, when.isoformat() if when else None)
    data = Dataset(output)
    _prepare(data, overwrite)
    report = ScaleReport(output=output)
    clock = time.perf_counter()
    client, cluster = _connect(scheduler, workers)
    try:
        report.workers = len(client.scheduler_info().get("workers", {}))
        sources = list(sources)
        limit = int(config.get("scale.partition_bytes"))
        # at least four tasks a worker, so a slow partition does not leave the others idle
        total = sum(u.size for u in units(sources, block_bytes=1 << 62))
        size = min(limit, max(_MIN_PARTITION, total // (4 * max(1, report.workers))))
        found = partitions(units(sources, block_bytes=size), partition_bytes=size)
        report.partitions = len(found)
        report.seconds["plan"] = time.perf_counter() - clock
        clock = time.perf_counter()
        futures = client.map(
            code_partition,
            found,
            range(len(found)),
            out=output,
            config=config,
            defaults=defaults,
            pure=False,
        )
        for done in _gathered(client, futures, "code", on_progress):
            report.read += int(done["articles"] + done["rejects"])
            report.rejected += int(done["rejects"])
        report.seconds["code"] = time.perf_counter() - clock
        clock = time.perf_counter()
        decisions, renamed, repeats = _ordered_pass(data, len(found), config)
        report.repeats = repeats
        report.seconds["reprints_and_names"] = time.perf_counter() - clock
        clock = time.perf_counter()
        shared = client.scatter(renamed, broadcast=True)
        futures = client.map(
            table_partition,
            range(len(found)),
            decisions,
            out=output,
            renamed=shared,
            pure=False,
        )
        for done in _gathered(client, futures, "tables", on_progress):
            report.articles += done["articles"]
            report.mentions += done["mentions"]
        report.seconds["tables"] = time.perf_counter() - clock
        clock = time.perf_counter()
        report.events = _link(client, data, config, max(1, report.workers), on_progress)
        report.seconds["link"] = time.perf_counter() - clock
        clock = time.perf_counter()
        finish_dataset(
            output,
            threshold=float(config.get("link.story_threshold")),
            window=int(config.get("link.story_window_days")),
            stage=STAGE,
        )
        data.fs.rm(f"{data.root}/{STAGE}", recursive=True)
        report.seconds["finish"] = time.perf_counter() - clock
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return report


def _prepare(data: Dataset, overwrite: bool) -> None:
    if data.fs.exists(data.root) and data.fs.ls(data.root):
        if not overwrite:
            raise ScaleError(
                f"{data.url} is not empty.",
                fix="Write to a new folder, or pass --overwrite to replace what is there.",
            )
        data.fs.rm(data.root, recursive=True)
    data.fs.makedirs(data.root, exist_ok=True)


def _connect(scheduler: str | None, workers: int) -> tuple[Any, Any]:
    """A client of the cluster at ``scheduler``, or of a new local cluster."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise ConfigError(
            "The dask engine needs Dask.", fix="pip install 'crosswire[dask]'"
        ) from exc
    if scheduler:
        try:
            return Client(scheduler, timeout="30s"), None  # type: ignore[no-untyped-call]
        except OSError as exc:
            raise ScaleError(
                f"No Dask scheduler answers at {scheduler}: {exc}",
                fix="Check the address (tcp://HOST:8786) and that the scheduler is running.",
            ) from exc
    from crosswire.pipeline import resolve_workers

    cluster = LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=resolve_workers(workers),
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    return Client(cluster), cluster  # type: ignore[no-untyped-call]


def _gathered(
    client: Any, futures: list[Any], stage: str, on_progress: Progress | None
) -> Iterable[Any]:
    from dask.distributed import as_completed

    finished = as_completed(futures)  # type: ignore[no-untyped-call]
    for done, future in enumerate(finished, start=1):
        result = future.result()
        if on_progress is not None:
            on_progress(stage, done, len(futures))
        yield result
        future.release()


def _ordered_pass(
    data: Dataset, n_parts: int, config: Config
) -> tuple[list[dict[str, Decision]], dict[str, ActorRef], int]:
    """Reprints and repeats (the first copy of an article wins), then people's spellings,
    over every coded partition in input order; reads no texts."""
    index = ReprintIndex(float(config.get("ingest.near_duplicate")))
    seen: set[str] = set()
    people: dict[str, ActorRef] = {}  # each person once, in the order first named
    decisions: list[dict[str, Decision]] = []
    repeats = 0
    columns = ["id", "outlet", "url", "stated", "signature", "people"]
    for number in range(n_parts):
        rows = data.read(f"{STAGE}/coded", part_name(number), columns).to_pylist()
        part: dict[str, Decision] = {}
        for row in rows:
            if row["id"] in seen:
                repeats += 1
                continue
            seen.add(row["id"])
            sig = tuple(int(v) for v in row["signature"].split(",") if v)
            stub = Article(id=row["id"], text="", url=row["url"], outlet=row["outlet"])
            marked = index.mark(stub, lookup=None, sig=sig, stated=row["stated"])
            part[row["id"]] = Decision(
                marked.article.original_outlet,
                marked.article.reprint_of,
                marked.key,
                marked.bands,
                marked.signature,
            )
            for named in _json_list(row["people"]):
                ref = ActorRef.from_dict(named)
                people.setdefault(ref.actor_id, ref)
        decisions.append(part)
    renamed = canonical_people(people.values(), [], float(config.get("actors.variant_similarity")))
    return decisions, renamed, repeats


def _json_list(text: str | None) -> list[dict[str, Any]]:
    import json

    return list(json.loads(text)) if text else []


def _link(
    client: Any, data: Dataset, config: Config, workers: int, on_progress: Progress | None
) -> int:
    """Shuffle the mentions by blocking key and link each shuffled partition on a worker."""
    import dask.dataframe as dd

    files = [f for f in data.files(f"{STAGE}/links") if _rows(data, f)]
    if not files:
        return 0
    frame = dd.read_parquet(files)
    shuffled = frame.shuffle(on="block", npartitions=max(1, min(len(files), 2 * workers)))
    tolerance = int(config.get("link.date_tolerance_days"))
    futures = client.compute(
        [
            _delayed_link(part, number, data.url, tolerance)
            for number, part in enumerate(shuffled.to_delayed())
        ]
    )
    return sum(_gathered(client, futures, "link", on_progress))


def _delayed_link(part: Any, number: int, out: str, tolerance: int) -> Any:
    from dask.delayed import delayed

    return delayed(link_partition, pure=False)(part, number, out, tolerance)


def _rows(data: Dataset, path: str) -> int:
    with data.fs.open(path if data.local else data.fs._strip_protocol(path), "rb") as handle:
        return int(pq.ParquetFile(handle).metadata.num_rows)
