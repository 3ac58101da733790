"""The evaluation harness: scoring arithmetic, the gold-format readers, `crosswire eval` and
`crosswire train` on small gold files written here, and floors on the real dev files."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

import pytest

from crosswire.data import table
from crosswire.errors import EvalError, ModelError
from crosswire.eval.metrics import score_labels
from crosswire.eval.readers import read_dyads, read_gsr, read_penta, unmark
from crosswire.eval.tasks import _codes_match, canonical, same_type
from crosswire.events.model import LinearModel
from crosswire.events.ontology import event_types, side_of
from crosswire.events.refine import base_cameo
from crosswire.events.tune import Item, allowed, dyad_labels_of
from crosswire.gdelt import GDELT_COLUMNS, goldstein
from tests.conftest import gold, write
from tests.test_cli import db, run  # noqa: F401  (the module fixture is reused)

HEADER = "\tsentence\tmarked_sentence\tsource\ttarget\tgold_root\n"
DYADS = [
    ("<s>Chile</s> signed a trade pact with <t>Peru</t> on Monday.", "AGREE"),
    ("<s>Brazil</s> agreed to cut tariffs for <t>Uruguay</t>.", "AGREE"),
    ("<s>Police</s> arrested <t>two activists</t> in the capital.", "COERCE"),
    ("<s>Soldiers</s> detained <t>a journalist</t> at the border.", "COERCE"),
    ("<s>The navy</s> shelled <t>rebel positions</t> near the coast.", "ASSAULT"),
    ("<s>Artillery units</s> bombed <t>the militia's camp</t> overnight.", "ASSAULT"),
    ("<s>The minister</s> condemned <t>the embassy</t> for its remarks.", "ACCUSE"),
    ("<s>Lawmakers</s> accused <t>the regulator</t> of negligence.", "ACCUSE"),
]


HELD_OUT = [
    ("<s>Peru</s> signed an accord with <t>Bolivia</t> on water rights.", "AGREE"),
    ("<s>Guards</s> arrested <t>three smugglers</t> at the port.", "COERCE"),
    ("<s>Jets</s> bombed <t>insurgent bases</t> in the hills.", "ASSAULT"),
    ("<s>The senator</s> accused <t>the agency</t> of hiding data.", "ACCUSE"),
]


def dyad_file(tmp_path: Path, rows: list[tuple[str, str]] = DYADS) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    lines = [HEADER] + [
        f"{n}\tx\t{marked}\ts\tt\t{gold}\n" for n, (marked, gold) in enumerate(rows)
    ]
    return write(tmp_path / "dyads.tsv", "".join(lines))


def test_scores_by_hand() -> None:
    gold = ["AGREE", "AGREE", "ASSAULT", "YIELD"]
    predicted = ["AGREE", "ASSAULT", "ASSAULT", "RETREAT"]
    scores = score_labels(gold, predicted, match=same_type)
    assert scores.n == 4 and scores.correct == 3 and scores.accuracy == 0.75
    precision, recall, f1, support = scores.per_class["ASSAULT"]
    assert (precision, recall, support) == (0.5, 1.0, 1) and round(f1, 4) == 0.6667
    assert scores.per_class["AGREE"][:2] == (1.0, 0.5)
    assert scores.per_class["YIELD"][2] == 1.0  # RETREAT counts as YIELD
    assert round(scores.macro_f1, 4) == round((2 / 3 + 2 / 3 + 1.0) / 3, 4)
    with pytest.raises(ValueError):
        score_labels(["A"], [])


def test_legacy_labels() -> None:
    assert same_type("DEMAND", "REQUEST") and same_type("FIGHT", "ASSAULT")
    assert same_type("YIELD", "CONCEDE") and same_type("YIELD", "RETREAT")
    assert not same_type("DISAPPROVE", "REJECT")
    assert canonical("INVESTIGATE") == "ACCUSE" and canonical("YIELD") == "YIELD"
    assert _codes_match(("IGO", "FRA"), frozenset({"UNO", "FRA"}))
    assert not _codes_match(("IGO",), frozenset({"FRA"}))


def test_unmark_offsets() -> None:
    text, source, target = unmark("Yesterday <s>Ghana</s> thanked <t>the Red Cross</t>.")
    assert text == "Yesterday Ghana thanked the Red Cross."
    assert source and target
    assert text[source[0] : source[1]] == "Ghana"
    assert text[target[0] : target[1]] == "the Red Cross"
    assert unmark("No marks here.")[1:] == (None, None)


def test_readers_and_their_errors(tmp_path: Path) -> None:
    dyads = read_dyads(dyad_file(tmp_path))
    assert len(dyads) == len(DYADS) and dyads[2].gold == "COERCE"
    binary = write(
        tmp_path / "aw.tsv", "uid\tmarked_sentence\tgold_binary\n1\t<s>A</s> hit <t>B</t>\t1\n"
    )
    assert read_dyads(binary)[0].gold == "conflict"
    penta = write(
        tmp_path / "p.tsv", "Troops fired on a crowd.\t4\r\nThe two leaders spoke.\t1\r\n"
    )
    assert [i.gold for i in read_penta(penta)] == ["material_conflict", "verbal_coop"]
    records = [
        {"id": "doc", "event": "DOCUMENT", "comment": "about this file"},
        {
            "text": "Spain praised Portugal.",
            "event": "SUPPORT",
            "source": [{"code": "ESP"}],
            "target": [{"code": "PRT", "sector": "GOV"}],
        },
        {"text": "It rained in Lisbon.", "event": None, "source": [], "target": ""},
    ]
    gold = read_gsr(write(tmp_path / "g.json", json.dumps(records)))
    assert [(g.event, g.sources, g.targets) for g in gold] == [
        ("SUPPORT", ("ESP",), ("PRT",)),
        (None, (), ()),
    ]
    for name, text, reader in (
        ("bad.tsv", "sentence\tlabel\n", read_dyads),
        ("bad2.tsv", "A sentence with label nine\t9\n", read_penta),
        ("bad.json", "{not json", read_gsr),
        ("bad2.json", '{"text": "x"}', read_gsr),
    ):
        with pytest.raises(EvalError):
            reader(write(tmp_path / name, text))
    with pytest.raises(EvalError):
        read_penta(tmp_path / "missing.tsv")


def test_ontology_tables_agree() -> None:
    cameo = {row[0]: row[1] for row in table("cameo")}
    for lemma, _, event, _, code, *_ in table("triggers"):
        assert cameo[code] == event, f"trigger {lemma}: {code} is {cameo[code]}, not {event}"
    assert set(event_types()) - {"CONCEDE", "RETREAT"} <= set(base_cameo()) | {"STATEMENT"}


def _last_json(done: subprocess.CompletedProcess[str]) -> dict[str, object]:
    return json.loads(done.stdout.strip().splitlines()[-1])


FAST = ("--set", "events.profile=fast")


def test_side_only_labels_train_the_typed_head_through_their_side() -> None:
    types = ["ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "YIELD"]
    mixed = [Item(["x"], dyad=label) for label in [*types, "conflict", "cooperation"]]
    assert dyad_labels_of(mixed) == types  # the sides are no labels of their own
    assert dyad_labels_of([Item(["x"], dyad="conflict"), Item(["y"], dyad="cooperation")]) == [
        "conflict",
        "cooperation",
    ]
    admitted = {t for t, v in zip(types, allowed(types, "conflict"), strict=True) if v == 0.0}
    assert admitted == {"ACCUSE", "ASSAULT", "COERCE"}
    admitted = {t for t, v in zip(types, allowed(types, "cooperation"), strict=True) if v == 0.0}
    assert admitted == {"AGREE", "AID", "YIELD"}
    assert allowed(types, "AID") == [float("-inf")] * 2 + [0.0] + [float("-inf")] * 3
    with pytest.raises(ModelError, match="falls under"):
        allowed(["ASSAULT"], "cooperation")
    assert [side_of(x) for x in ("CONSULT", "THREATEN", "conflict", "NONE")] == [
        "cooperation",
        "conflict",
        "conflict",
        None,
    ]


def test_train_with_is_refused_where_nothing_is_trained(tmp_path: Path) -> None:
    path = dyad_file(tmp_path)
    for args, said in (
        (["plv", str(path), "--train-with", str(path)], "--cv"),
        (["gsr", str(path), "--train-with", str(path)], "trains none"),
        (["plv", str(path), "--cv", "2", "--train-with", str(path), *FAST], "accurate"),
    ):
        done = run("eval", *args, check=False)
        assert done.returncode == 2 and said in done.stderr, done.stderr
        assert done.stderr.count("\n") == 1


@pytest.mark.slow
def test_eval_and_train_commands(tmp_path: Path) -> None:
    """The fast profile's linear coders: scored, trained, scored again; gsr in both profiles."""
    path = dyad_file(tmp_path)
    scores = _last_json(run("eval", "plv", str(path), *FAST))
    # the bundled coder on these eight plain sentences: all quads right, one type wrong
    assert {k: scores[k] for k in ("n", "accuracy", "quad_accuracy", "method")} == {
        "n": len(DYADS),
        "accuracy": 0.875,
        "quad_accuracy": 1.0,
        "method": "the bundled model",
    }
    model = tmp_path / "m" / "dyad.npz"
    assert "Wrote the dyad coder" in run("train", "dyad", str(path), "-o", str(model)).stdout
    loaded = LinearModel.load(model)
    assert set(loaded.classes) == {g for _, g in DYADS}
    unseen = dyad_file(tmp_path / "held-out", HELD_OUT)  # sentences the model never saw
    own = _last_json(run("eval", "plv", str(unseen), "--model", str(model), *FAST))
    bundled = _last_json(run("eval", "plv", str(unseen), *FAST))
    assert (own["method"], own["accuracy"]) == ("the model dyad.npz", 1.0)
    assert (bundled["method"], bundled["accuracy"]) == ("the bundled model", 0.75)
    cv = _last_json(run("eval", "plv", str(path), "--cv", "2", *FAST))
    assert "cross-validation" in str(cv["method"])
    penta = write(
        tmp_path / "p.tsv",
        "".join(
            f"{s}\t{label}\r\n"
            for s, label in [
                ("Rebels attacked a convoy and killed four guards.", 4),
                ("The two presidents praised each other's efforts.", 1),
                ("The ministry said it would publish the figures soon.", 0),
                ("The union denounced the government's wage plan.", 3),
                ("Japan shipped food and tents to the flooded region.", 2),
            ]
        ),
    )
    penta_scores = _last_json(run("eval", "cameo-class", str(penta), *FAST))
    assert (penta_scores["n"], penta_scores["method"]) == (5, "the bundled model")
    gsr = write(
        tmp_path / "g.json",
        json.dumps(
            [
                {
                    "text": "Police in Kenya arrested twelve protesters in Nairobi on Friday.",
                    "event": "COERCE",
                    "source": [{"code": "KEN", "sector": "COP"}],
                    "target": [{"code": "KEN"}],
                },
                {"text": "The weather in Oslo was mild for the season.", "event": None},
            ]
        ),
    )
    for profile in ("fast", "accurate"):
        result = _last_json(run("eval", "gsr", str(gsr), "--set", f"events.profile={profile}"))
        assert result["n_gold"] == 1 and result["no_event_accuracy"] == 1.0
        assert result["event_recall"] == 1.0 and result["n_system"] == 1
        assert result["profile"] == profile
    bad = run("eval", "gsr", str(write(tmp_path / "bad.json", "[1, 2")), check=False)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "not valid JSON" in bad.stderr


@pytest.mark.slow
def test_accurate_profile_scores_the_bundled_encoder(tmp_path: Path) -> None:
    path = dyad_file(tmp_path)
    scores = _last_json(run("eval", "plv", str(path)))
    assert (scores["n"], scores["profile"]) == (len(DYADS), "accurate")
    assert scores["method"] == "the bundled encoder (int8)"
    exact = _last_json(run("eval", "plv", str(path), "--set", "events.precision=fp32"))
    assert exact["method"] == "the bundled encoder (fp32)"
    refused = run("eval", "plv", str(path), "--model", str(tmp_path / "m.npz"), check=False)
    assert refused.returncode == 2 and "fast profile" in refused.stderr


@pytest.mark.slow
def test_gdelt_export(db: Path) -> None:  # noqa: F811
    events = list(csv.DictReader(io.StringIO(run("export", "--format", "csv", db=db).stdout)))
    text = run("export", "--format", "gdelt", db=db).stdout
    rows = [line.split("\t") for line in text.strip().splitlines()]
    assert len(rows) == len(events) > 0
    assert all(len(row) == len(GDELT_COLUMNS) == 61 for row in rows)
    by_name = [dict(zip(GDELT_COLUMNS, row, strict=True)) for row in rows]
    assert len({r["GLOBALEVENTID"] for r in by_name}) == len(rows)
    for row, event in zip(by_name, events, strict=True):
        assert row["EventCode"] == event["cameo"] and row["EventRootCode"] == event["cameo"][:2]
        assert row["QuadClass"] == event["quad_code"] and row["NumSources"] == event["n_sources"]
        assert row["SQLDATE"] == event["date"].replace("-", "")
        cameo = event["cameo"]  # the Goldstein weight of the code, or of its base or root
        weight = next(goldstein()[c] for c in (cameo, cameo[:3], cameo[:2]) if c in goldstein())
        assert float(row["GoldsteinScale"]) == weight


#: Floors on the development files, per profile (k-fold cross-validated where a model is trained
#: on the file; the accurate profile's folds fine-tune the encoder, which needs torch, so its
#: floors are on files the bundled model never saw; AW_train trains it, so it has none here):
#: a change that scores below them fails.
#: Measured values are in docs/benchmarks.md.
FLOORS = {
    ("fast", "plv", "plv_dyads/PLV_train.tsv", "5"): {
        "accuracy": 0.76,
        "quad_accuracy": 0.85,
        "coop_conflict_accuracy": 0.91,
    },
    ("fast", "cameo-class", "multicoped_cameo/cameo_class/train.tsv", "5"): {"accuracy": 0.84},
    ("fast", "gsr", "plover_gsr_cameo/PLOVER_GSR_CAMEO.json", "0"): {
        "event_f1": 0.48,
        "type_accuracy": 0.53,
    },
    ("accurate", "gsr", "plover_gsr_cameo/PLOVER_GSR_CAMEO.json", "0"): {
        "event_f1": 0.56,
        "event_precision": 0.62,
        "type_accuracy": 0.63,
        "actor_found": 0.65,
    },
    ("accurate", "geo", "geowebnews/GWN.xml", "0"): {
        "acc161": 0.77,
        "recognition_recall": 0.85,
        "recognition_precision": 0.86,
    },
}


@pytest.mark.slow
@pytest.mark.parametrize(("profile", "task", "path", "cv"), sorted(FLOORS))
def test_floors_on_dev_files(profile: str, task: str, path: str, cv: str) -> None:
    setting = f"events.profile={profile}"
    scores = _last_json(run("eval", task, str(gold(path)), "--cv", cv, "--set", setting))
    assert scores.get("profile", profile) == profile  # geo reads no events: no profile
    for key, floor in FLOORS[(profile, task, path, cv)].items():
        assert float(scores[key]) >= floor, f"{profile} {task} {key} {scores[key]} < {floor}"  # type: ignore[arg-type]
