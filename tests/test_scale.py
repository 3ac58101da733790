"""Scale: the cluster path (a real Dask LocalCluster) gives what one machine gives; units of work
follow the single-machine reading order; Parquet datasets query and load like databases."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import crosswire
from crosswire.config import Config, load_config
from crosswire.errors import StoreError
from crosswire.ingest import Defaults, read, signature
from crosswire.ingest.reprints import ReprintIndex
from crosswire.records import Article
from crosswire.scale.sources import partitions, read_unit, units
from crosswire.serve.cli import cli
from crosswire.store import EventFilter, Store
from crosswire.store.parquet import load_parquet, parquet_store
from tests.conftest import SAMPLE, write
from tests.test_cli import run


def _jsonl(path: Path, n: int, *, bad_line: int | None = None) -> Path:
    lines = []
    for i in range(n):
        if i == bad_line:
            lines.append("{not json")
            continue
        text = (
            f"Bulletin {i}. Officials in Lisbon said the harbour authority inspected pier "
            f"number {i} on Tuesday after a storm damaged the cranes."
        )
        lines.append(
            json.dumps({"text": text, "outlet": f"Desk {i % 3}", "published": "2025-05-06"})
        )
    return write(path, "\n".join(lines) + "\n")


def _names(items: Any) -> list[tuple[str, str]]:
    return [
        (type(i).__name__, i.id if isinstance(i, Article) else f"{i.source}|{i.reason}")
        for i in items
    ]


def test_units_read_like_one_machine(tmp_path: Path, config: Config) -> None:
    corpus = tmp_path / "corpus"
    for source in sorted(SAMPLE.glob("*.md"))[:3]:
        write(corpus / source.name, source.read_text("utf-8"))
    _jsonl(corpus / "sub" / "feed.jsonl", 40, bad_line=17)
    found = list(units([str(corpus)], block_bytes=1500))
    assert sum(not u.whole for u in found) > 2, "the JSON-lines file is cut into blocks"
    assert len(partitions(found, partition_bytes=3000)) > 1
    expected = _names(read([str(corpus)], config=config))
    got = _names(
        item for unit in found for item in read_unit(unit, config=config, defaults=Defaults())
    )
    assert got == expected
    assert any(name.endswith("feed.jsonl:18|malformed JSON line") for _, name in got)


def test_fsspec_sources_are_named_by_their_url(config: Config) -> None:
    import fsspec

    fs = fsspec.filesystem("memory")
    for source in sorted(SAMPLE.glob("*.md"))[:2]:
        fs.pipe(f"/cw-test/{source.name}", source.read_bytes())
    try:
        found = list(units(["memory://cw-test/"], block_bytes=1 << 20))
        items = [i for u in found for i in read_unit(u, config=config, defaults=Defaults())]
        assert [i.source for i in items if isinstance(i, Article)] == [
            fs.unstrip_protocol(f"/cw-test/{p.name}") for p in sorted(SAMPLE.glob("*.md"))[:2]
        ]
    finally:
        fs.rm("/cw-test", recursive=True)


def test_reprint_index_forgets_stored_articles() -> None:
    text = "The port authority in Lisbon inspected every crane on the eastern pier " * 4
    first = Article.create(text, outlet="Desk A")
    index = ReprintIndex(0.8)
    index.mark(first, lookup=None)
    copy = index.mark(Article.create(text + " Copied.", outlet="Desk B"), lookup=None)
    assert copy.article.reprint_of == first.id and copy.key == "desk a"
    index.forget([first.id, copy.article.id])
    assert len(index) == 0
    alone = index.mark(Article.create(text + " Again.", outlet="Desk C"), lookup=None)
    assert alone.article.reprint_of is None, "forgotten articles are found through the store"
    given = ReprintIndex(0.8).mark(first, lookup=None, sig=signature(first.text), stated=None)
    assert given == ReprintIndex(0.8).mark(first, lookup=None)


@pytest.mark.slow
def test_parquet_store_refuses_a_folder_without_a_dataset(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="No crosswire Parquet dataset"):
        parquet_store(str(tmp_path))
    result = run("events", "--data", str(tmp_path), check=False)
    assert result.returncode == 2
    assert result.stderr.startswith("crosswire: error: [E300] No crosswire Parquet dataset")
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.slow
def test_coder_pool_codes_like_one_process(config: Config) -> None:
    from crosswire.coding import Coder, Limits

    articles = [a for a in read([str(SAMPLE)], config=config) if isinstance(a, Article)]
    model = str(config.get("nlp.model"))
    with Coder(model=model, limits=Limits(), workers=1) as one:
        expected = [(c.article.id, [m.id for m in c.mentions]) for c in one.map(articles)]
    with Coder(model=model, limits=Limits(), workers=2, chunk_size=4) as pool:
        got = [(c.article.id, [m.id for m in c.mentions]) for c in pool.map(articles)]
        assert pool._pool is not None, "more than a chunk of articles starts the pool"
    assert got == expected and sum(len(ids) for _, ids in got) > 20
    with Coder(model=model, limits=Limits(), workers=2) as small:
        assert [c.article.id for c in small.map(articles[:3])] == [a.id for a in articles[:3]]
        assert small._pool is None, "a run smaller than a chunk never forks"


# -- the cluster --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    from dask.distributed import LocalCluster

    local = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    try:
        yield str(local.scheduler_address)
    finally:
        local.close()


def _corpus(folder: Path) -> Path:
    """The sample corpus, plus a JSON-lines file (with one bad line) big enough to be cut."""
    shutil.copytree(SAMPLE, folder)
    lines = []
    for source in sorted(SAMPLE.glob("0[1-4]*.md")):
        body = source.read_text("utf-8").split("---", 2)[2].strip()
        lines.append(
            json.dumps(
                {"text": body + " (wire copy)", "outlet": "Relay Wire", "published": "2025-03-11"}
            )
        )
    lines.insert(2, "[1, 2]")
    write(folder / "wire.jsonl", "\n".join(lines) + "\n")
    return folder


def _everything(store: Store) -> dict[str, Any]:
    where = EventFilter(limit=None, include_negated=True)
    return {
        "events": [e.to_plover() for e in store.events(where, with_mentions=True)],
        "actors": store.actors(limit=None),
        "stories": store.stories(limit=None),
        "articles": store.con.execute(
            "SELECT id, outlet, original_outlet, reprint_of, source_key, source, n_mentions "
            "FROM articles ORDER BY id"
        ).fetchall(),
        "rejects": store.con.execute(
            "SELECT id, source, stage, reason FROM rejects ORDER BY id"
        ).fetchall(),
    }


@pytest.mark.slow
def test_cluster_gives_what_one_machine_gives(tmp_path: Path, cluster: str) -> None:
    from crosswire.scale import ingest_dask

    corpus = _corpus(tmp_path / "corpus")
    config = load_config(environ={})
    config.set("scale.partition_bytes", 3000)  # many partitions, the JSON lines cut in blocks
    with crosswire.open(tmp_path / "one.duckdb") as one:
        crosswire.ingest_sources([str(corpus)], one, config=config, workers=1)
        expected = _everything(one)
    with crosswire.open(tmp_path / "two.duckdb") as two:
        crosswire.ingest_sources([str(corpus)], two, config=config, workers=2, batch_size=20)
        assert _everything(two) == expected, "two processes and small batches change nothing"
    report = ingest_dask([str(corpus)], str(tmp_path / "ds"), scheduler=cluster, config=config)
    assert report.partitions > 3 and report.workers == 2
    assert report.events == len(expected["events"]) > 5
    assert any(e["n_sources"] >= 3 for e in expected["events"])
    assert len(expected["rejects"]) == 1
    data = parquet_store(str(tmp_path / "ds"))
    try:
        assert _everything(data) == expected
    finally:
        data.close()
    with crosswire.open(tmp_path / "loaded.duckdb") as loaded:
        assert load_parquet(loaded, str(tmp_path / "ds")).bulk
        assert _everything(loaded) == expected
    with crosswire.open(tmp_path / "grown.duckdb") as grown:
        crosswire.ingest_sources(
            sorted(str(p) for p in corpus.glob("0[1-6]*.md")), grown, config=config, workers=1
        )
        assert not load_parquet(grown, str(tmp_path / "ds")).bulk
        assert _everything(grown)["events"] == expected["events"]


@pytest.mark.slow
def test_cli_dask_engine_data_and_load(tmp_path: Path, cluster: str) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SAMPLE, corpus)
    runner = CliRunner()
    out = tmp_path / "ds"
    result = runner.invoke(
        cli, ["ingest", str(corpus), "--engine", "dask", "--scheduler", cluster, "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "crosswire load" in result.output
    again = run(
        "ingest",
        str(corpus),
        "--engine",
        "dask",
        "--scheduler",
        cluster,
        "-o",
        str(out),
        check=False,
    )
    assert again.returncode == 2 and "--overwrite" in again.stderr
    listed = runner.invoke(
        cli, ["events", "--data", str(out), "--format", "jsonl", "--limit", "100"]
    )
    assert listed.exit_code == 0, listed.output
    from_data = {json.loads(line)["id"] for line in listed.output.splitlines()}
    db = tmp_path / "cw.duckdb"
    loaded = runner.invoke(cli, ["load", str(out), "--db", str(db)])
    assert loaded.exit_code == 0, loaded.output
    stored = runner.invoke(cli, ["events", "--db", str(db), "--format", "jsonl", "--limit", "100"])
    assert {json.loads(line)["id"] for line in stored.output.splitlines()} == from_data
    assert len(from_data) >= 5
    wrong = run("ingest", str(corpus), "--scheduler", cluster, check=False)
    assert wrong.returncode == 2 and "--engine dask" in wrong.stderr
