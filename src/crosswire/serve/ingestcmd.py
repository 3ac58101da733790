"""``crosswire ingest`` (on this machine or a Dask cluster) and ``crosswire load``."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import click

from crosswire.config import Config
from crosswire.errors import ConfigError, InputError
from crosswire.serve.options import calls, config_from, db_option, open_store, parse_date

#: The exit code of an ingest that stored articles but rejected some inputs.
PARTIAL = 3


@click.command("ingest")
@click.argument("sources", nargs=-1, required=True)
@click.option("--outlet", default=None, help="Outlet for articles that do not name one.")
@click.option(
    "--published",
    default=None,
    metavar="DATE",
    help="Publication date for articles that have none (YYYY-MM-DD).",
)
@click.option(
    "--workers",
    type=int,
    default=None,
    help="Worker processes (0 = one per core; default from config).",
)
@click.option("--batch-size", type=int, default=None, help="Articles per transaction.")
@click.option(
    "--reader",
    default=None,
    help="Force a reader (folder, text, html, jsonl, csv, feed, url, url-list, warc).",
)
@click.option(
    "--actors",
    default=None,
    metavar="FILE",
    help="An actor dictionary (CSV or YAML) that overrides inferred actors.",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="local: worker processes on this machine; dask: a Dask cluster (Parquet output).",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS",
    help="dask: the scheduler to use (tcp://host:8786); default: a local cluster.",
)
@click.option(
    "-o",
    "--output",
    default=None,
    metavar="PATH",
    help="dask: write the Parquet dataset here (folder or fsspec URL) and leave the database "
    "alone; default: load it into the database.",
)
@click.option("--overwrite", is_flag=True, help="dask: replace what --output holds.")
@db_option
@calls(
    "crosswire.pipeline:ingest",
    "crosswire.scale:ingest_dask",
    cli_only={"engine": "chooses which of the two functions runs"},
)
def ingest_command(
    sources: tuple[str, ...],
    outlet: str | None,
    published: str | None,
    workers: int | None,
    batch_size: int | None,
    reader: str | None,
    actors: str | None,
    engine: str,
    scheduler: str | None,
    output: str | None,
    overwrite: bool,
    db: str | None,
    config_path: str | None,
    overrides: tuple[str, ...],
) -> None:
    """Read SOURCES (files, folders, feeds, URLs, WARC) and store their events."""
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from crosswire.pipeline import IngestReport, MetadataWarning
    from crosswire.pipeline import ingest as run

    config = config_from(config_path, overrides, db)
    check_sources(sources, reader)
    if engine == "dask":
        if reader or batch_size:
            raise ConfigError(
                "--reader and --batch-size belong to the local engine.",
                fix="Drop them: the dask engine picks readers by file and sizes its own tasks "
                "(scale.partition_bytes).",
            )
        _ingest_dask(
            sources,
            config,
            dict(outlet=outlet, published=published, actors=actors),
            scheduler=scheduler,
            workers=workers,
            output=output,
            overwrite=overwrite,
        )
        return
    if scheduler or output:
        raise ConfigError(
            "--scheduler and --output belong to the dask engine.", fix="Add --engine dask."
        )
    if published:
        parse_date(published)
    if actors:
        from crosswire.resolve.dictionary import ActorDictionary

        ActorDictionary.load(actors)  # fail before opening the database
    console = Console(stderr=True)
    store = open_store(config)
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    last_line = [0.0]
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("reading…", total=None)

        def tick(report: IngestReport) -> None:
            text = (
                f"read {report.read} · new {report.new} · unchanged {report.unchanged} · "
                f"rejected {report.rejected} · mentions {report.mentions}"
            )
            progress.update(task, description=text)
            if not console.is_terminal and (
                report.batches == 1 or report.seconds - last_line[0] >= 5
            ):
                last_line[0] = report.seconds  # logs get a line now and then, not a spinner
                click.echo(f"progress: {text}", err=True)

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", MetadataWarning)  # said once below instead
            report = run(
                sources,
                store,
                config=config,
                outlet=outlet,
                published=published,
                reader=reader,
                actors=actors,
                workers=workers,
                batch_size=batch_size,
                on_batch=tick,
            )
    summary = store.summary()
    store.close()
    click.echo(
        f"Ingested {report.read} items in {report.seconds:.1f} s: {report.new} new articles, "
        f"{report.unchanged} unchanged, {report.rejected} rejected; {report.mentions} event "
        f"mentions. Database {config.get('store.path')}: {summary['events']} events "
        f"({summary['corroborated_events']} with 2+ independent sources)."
    )
    if warning := report.missing_metadata():
        click.echo(f"Warning: {warning}", err=True)
    if report.truncated:
        click.echo(f"{report.truncated} cuts to size limits (see `crosswire rejects`).")
    if report.rejected:
        reasons = ", ".join(f"{k}: {v}" for k, v in sorted(report.reasons.items()))
        click.echo(f"Rejects ({reasons}); see `crosswire rejects`.")
    if not report.ok:
        raise InputError(
            "Nothing could be processed.", fix="Check the sources; `crosswire rejects` lists why."
        )
    if report.rejected:
        raise SystemExit(PARTIAL)


def check_sources(sources: tuple[str, ...], reader: str | None) -> None:
    """Refuse a run that could read nothing before any database is opened or created: an
    unknown reader, or sources none of which exist."""
    from crosswire.ingest import reader_for

    if reader:
        reader_for("", name=reader)
    missing = [s for s in sources if "://" not in s[:16] and not Path(s).exists()]
    if missing and len(missing) == len(sources):
        raise InputError(
            f"Not found: {', '.join(missing[:3])}{' …' if len(missing) > 3 else ''}.",
            fix="Check the paths (folders, files) or give http(s) URLs.",
        )


def _ingest_dask(
    sources: tuple[str, ...],
    config: Config,
    metadata: dict[str, Any],
    *,
    scheduler: str | None,
    workers: int | None,
    output: str | None,
    overwrite: bool,
) -> None:
    import tempfile

    from crosswire.scale import ingest_dask

    def tick(stage: str, done: int, total: int) -> None:
        click.echo(f"progress: {stage} {done}/{total}", err=True)

    target = output
    with tempfile.TemporaryDirectory(
        dir=Path(str(config.get("store.path"))).resolve().parent
    ) as tmp:
        report = ingest_dask(
            sources,
            target or str(Path(tmp) / "dataset"),
            scheduler=scheduler,
            workers=int(workers if workers is not None else config.get("ingest.workers")),
            config=config,
            overwrite=overwrite,
            **metadata,
            on_progress=tick,
        )
        steps = ", ".join(f"{k} {v:.1f} s" for k, v in report.seconds.items())
        click.echo(
            f"Coded {report.articles} articles on {report.workers} Dask workers "
            f"({report.partitions} partitions; {steps}): {report.mentions} event mentions, "
            f"{report.events} events, {report.rejected} rejected, {report.repeats} repeats."
        )
        if target:
            click.echo(
                f"Dataset {target}: query it with `crosswire events --data {target}`, "
                f"or load it with `crosswire load {target}`."
            )
            return
        _load(report.output, config)


def _load(path: str, config: Config) -> None:
    from crosswire.link.settings import LinkSettings
    from crosswire.store.parquet import load_parquet

    store = open_store(config)
    try:
        loaded = load_parquet(store, path, LinkSettings.from_config(config))
        summary = store.summary()
    finally:
        store.close()
    how = "copied into an empty database" if loaded.bulk else "linked with what was stored"
    click.echo(
        f"Loaded {loaded.articles} articles and {loaded.mentions} mentions ({how}). Database "
        f"{config.get('store.path')}: {summary['events']} events."
    )


@click.command("load")
@click.argument("path")
@db_option
@calls("crosswire.store.parquet:load_parquet")
def load_command(
    path: str, db: str | None, config_path: str | None, overrides: tuple[str, ...]
) -> None:
    """Load a Parquet dataset (from `ingest --engine dask -o PATH`) into the database."""
    _load(path, config_from(config_path, overrides, db))
