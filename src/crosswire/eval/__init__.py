"""eval: scoring crosswire against public gold standards (``crosswire eval``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from crosswire.config import Config, load_config
from crosswire.errors import EvalError

if TYPE_CHECKING:
    from crosswire.eval.metrics import Report

TASKS = (
    "plv",
    "cameo-class",
    "cameo-ner",
    "gsr",
    "timex",
    "geo",
    "event-location",
    "ecbplus",
    "actors",
)
_FOLDER_TASKS = ("timex", "ecbplus")
_LEARNED_TASKS = ("plv", "cameo-class", "cameo-ner")


def evaluate(
    task: str,
    path: str | Path,
    *,
    cv: int = 0,
    model_path: str | None = None,
    topics: str | None = None,
    gold_topics: bool = False,
    train_with: list[str] | tuple[str, ...] = (),
    config: Config | None = None,
) -> Report:
    """Score crosswire on the gold data at ``path`` for ``task`` (see docs/evaluation.md)."""
    config = config or load_config()
    nlp_model = str(config.get("nlp.model"))
    if task not in TASKS:
        raise EvalError(f"Unknown task {task!r}.", fix=f"Use one of {', '.join(TASKS)}.")
    if train_with and task not in _LEARNED_TASKS:
        raise EvalError(
            f"--train-with adds training data to a learned coder; `eval {task}` trains none.",
            fix=f"Use it with {', '.join(_LEARNED_TASKS)} and --cv K.",
        )
    if train_with and cv <= 1:
        raise EvalError(
            "--train-with adds training data to cross-validation folds.",
            fix="Add --cv K (the bundled encoder was trained once, by `make models`).",
        )
    if task not in _FOLDER_TASKS and Path(path).is_dir():
        raise EvalError(f"{path}: `eval {task}` reads one file, not a folder")
    if task == "timex":
        from crosswire.eval.timex import eval_timex

        return eval_timex(path)
    if task == "ecbplus":
        from crosswire.eval.ecbtask import eval_ecbplus

        return eval_ecbplus(
            path,
            topics=topics,
            gold_topics=gold_topics,
            nlp_model=nlp_model,
            threshold=float(config.get("link.story_threshold")),
        )
    if task == "actors":
        from crosswire.eval.actorcases import eval_actors

        return eval_actors(path, config=config)
    if task == "geo":
        from crosswire.eval.geo import eval_geo

        return eval_geo(path, nlp_model=nlp_model)
    if task == "event-location":
        from crosswire.eval.eventplace import eval_event_location

        return eval_event_location(path, nlp_model=nlp_model, cv=cv, model_path=model_path)
    from crosswire.coding import Profile
    from crosswire.eval import tasks

    profile = Profile.from_config(config)
    if task in ("plv", "cameo-class"):
        run_labels = tasks.eval_plv if task == "plv" else tasks.eval_penta
        return run_labels(
            path,
            nlp_model=nlp_model,
            cv=cv,
            model_path=model_path,
            profile=profile,
            train_with=train_with,
        )
    if task == "cameo-ner":
        return tasks.eval_roles(
            path, nlp_model=nlp_model, cv=cv, profile=profile, train_with=train_with
        )
    return tasks.eval_gsr(
        path,
        nlp_model=nlp_model,
        profile=profile,
        min_confidence=float(config.get("events.min_confidence")),
    )


def train(
    coder: str, paths: list[str] | tuple[str, ...], *, output: str, config: Config | None = None
) -> str:
    """Build the ``dyad``, ``penta`` or ``place`` coder from gold files and save it at
    ``output``, or fine-tune the ``encoder`` (adapters and heads, written into the folder
    ``output``) on PLV dyad TSVs, CAMEO-class TSVs and ``cameo_ner`` files together; returns a
    one-line description of what was written."""
    from crosswire.eval import tasks

    config = config or load_config()
    if coder == "encoder":
        from crosswire.eval.learned import train_bundle

        return train_bundle(paths, Path(output), nlp_model=str(config.get("nlp.model")))
    if coder == "place":
        from crosswire.eval.eventplace import train_place

        model = train_place(paths, nlp_model=str(config.get("nlp.model")))
    else:
        model = tasks.train_model(coder, paths, nlp_model=str(config.get("nlp.model")))
    Path(output).parent.mkdir(parents=True, exist_ok=True)
    model.save(output)
    return (
        f"Wrote the {coder} coder ({len(model.classes)} classes, "
        f"{len(model.features)} features) to {output}."
    )
