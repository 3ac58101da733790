"""``crosswire eval`` and ``crosswire train``: scores on gold data, and rebuilding the coders."""

from __future__ import annotations

import json
from pathlib import Path

import click

from crosswire.config import load_config

TASKS = ("plv", "cameo-class", "gsr", "timex", "geo", "event-location", "ecbplus")
_FOLDER_TASKS = ("timex", "ecbplus")
MODELS = ("dyad", "penta")


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
def eval_command(
    task: str,
    path: str,
    cv: int,
    model_path: str | None,
    topics: str | None,
    gold_topics: bool,
) -> None:
    """Score crosswire on a gold file (a folder for timex and ecbplus); the last line printed is
    one JSON object. Tasks: plv, cameo-class (event coding), gsr (whole events), timex (TimeML
    .tml files), geo (GeoWebNews or LGL/TR-News XML), event-location (event_location JSONL),
    ecbplus (cross-document event coreference on the ECB+ release folder)."""
    from crosswire.eval import tasks

    nlp_model = str(load_config().get("nlp.model"))
    if task not in _FOLDER_TASKS and Path(path).is_dir():
        from crosswire.errors import EvalError

        raise EvalError(f"{path}: `eval {task}` reads one file, not a folder")
    if task == "timex":
        from crosswire.eval.timex import eval_timex

        report = eval_timex(path)
    elif task == "ecbplus":
        from crosswire.eval.ecbtask import eval_ecbplus

        threshold = float(load_config().get("link.story_threshold"))
        report = eval_ecbplus(
            path, topics=topics, gold_topics=gold_topics, nlp_model=nlp_model, threshold=threshold
        )
    elif task == "geo":
        from crosswire.eval.geo import eval_geo

        report = eval_geo(path, nlp_model=nlp_model)
    elif task == "event-location":
        from crosswire.eval.geo import eval_event_location

        report = eval_event_location(path, nlp_model=nlp_model)
    elif task == "plv":
        report = tasks.eval_plv(path, nlp_model=nlp_model, cv=cv, model_path=model_path)
    elif task == "cameo-class":
        report = tasks.eval_penta(path, nlp_model=nlp_model, cv=cv, model_path=model_path)
    else:
        report = tasks.eval_gsr(path, nlp_model=nlp_model)
    click.echo(report.table)
    click.echo(json.dumps({"task": report.task, **report.scores}, sort_keys=False))


@click.command("train")
@click.argument("coder", type=click.Choice(MODELS))
@click.argument("paths", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "-o", "--output", required=True, metavar="FILE", help="Where to write the .npz model."
)
def train_command(coder: str, paths: tuple[str, ...], output: str) -> None:
    """Build a coder from gold files: `dyad` from PLV dyad TSVs, `penta` from CAMEO-class TSVs."""
    from crosswire.eval import tasks

    model = tasks.train_model(coder, paths, nlp_model=str(load_config().get("nlp.model")))
    Path(output).parent.mkdir(parents=True, exist_ok=True)
    model.save(output)
    click.echo(
        f"Wrote the {coder} coder ({len(model.classes)} classes, "
        f"{len(model.features)} features) to {output}."
    )
