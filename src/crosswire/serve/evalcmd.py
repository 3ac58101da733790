"""``crosswire eval`` and ``crosswire train``: scores on gold data, and rebuilding the coders."""

from __future__ import annotations

import json

import click

from crosswire.eval import TASKS
from crosswire.serve.options import calls, config_from, settings_option

MODELS = ("dyad", "penta", "place", "encoder")


@click.command("eval")
@click.argument("task", type=click.Choice(TASKS))
@click.argument("path", type=click.Path(exists=True))
@click.option(
    "--cv",
    type=int,
    default=0,
    metavar="K",
    help="Train and score a fresh model by K-fold cross-validation on PATH itself.",
)
@click.option(
    "--model",
    "model_path",
    default=None,
    metavar="FILE",
    help="A coder built by `crosswire train` (default: the bundled one).",
)
@click.option(
    "--topics",
    default=None,
    metavar="LIST",
    help="ecbplus: the topics to pool, e.g. 36-45 or 2,5,12 (default: all).",
)
@click.option(
    "--gold-topics",
    is_flag=True,
    help="ecbplus: group documents inside each gold topic (the usual published setting).",
)
@click.option(
    "--train-with",
    "train_with",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    metavar="FILE",
    help="With --cv (accurate profile): gold files added to every fold's training "
    "(repeatable; any file `crosswire train encoder` reads).",
)
@settings_option
@calls("crosswire.eval:evaluate")
def eval_command(
    task: str,
    path: str,
    cv: int,
    model_path: str | None,
    topics: str | None,
    gold_topics: bool,
    train_with: tuple[str, ...],
    config_path: str | None,
    overrides: tuple[str, ...],
) -> None:
    """Score crosswire on a gold file (a folder for timex and ecbplus); the last line printed is
    one JSON object. Tasks: plv, cameo-class (event coding), cameo-ner (source and target spans),
    gsr (whole events), timex (TimeML
    .tml files), geo (GeoWebNews or LGL/TR-News XML), event-location (event_location JSONL),
    ecbplus (cross-document event coreference on the ECB+ release folder), actors (actor
    strings with expected country and sector, a TSV; see docs/actors.md)."""
    from crosswire.eval import evaluate

    report = evaluate(
        task,
        path,
        cv=cv,
        model_path=model_path,
        topics=topics,
        gold_topics=gold_topics,
        train_with=train_with,
        config=config_from(config_path, overrides, None),
    )
    click.echo(report.table)
    click.echo(json.dumps({"task": report.task, **report.scores}, sort_keys=False))


@click.command("train")
@click.argument("coder", type=click.Choice(MODELS))
@click.argument("paths", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output",
    required=True,
    metavar="PATH",
    help="Where to write the .npz model (a folder for `encoder`).",
)
@settings_option
@calls("crosswire.eval:train")
def train_command(
    coder: str,
    paths: tuple[str, ...],
    output: str,
    config_path: str | None,
    overrides: tuple[str, ...],
) -> None:
    """Build a coder from gold files: `dyad` from PLV dyad TSVs, `penta` from CAMEO-class TSVs,
    `place` (where events happened) from event_location JSONL files, `encoder` (the accurate
    profile: adapters and heads; needs torch) from any mix of PLV dyad TSVs, CAMEO-class TSVs
    and cameo_ner files."""
    from crosswire.eval import train

    click.echo(train(coder, paths, output=output, config=config_from(config_path, overrides, None)))
