"""Coding actor strings on their own, as a user does: ``crosswire.resolve_actor``, the
``actor-code`` command and ``crosswire eval actors`` over our own case file (loads the model)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import crosswire
from crosswire.config import load_config
from crosswire.errors import InputError
from crosswire.eval import evaluate
from tests.conftest import write
from tests.test_cli import run

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]


def test_a_phrase_is_coded_as_the_pipeline_codes_it() -> None:
    forces = crosswire.resolve_actor("Algerian security forces")
    assert forces is not None and (forces.country, forces.sector) == ("DZA", "MIL")
    assert forces.evidence  # always says what it used
    nobody = crosswire.resolve_actor("Maria Gonzalez")
    assert nobody is None or nobody.country is None


def test_context_and_date_change_the_answer() -> None:
    minister = crosswire.resolve_actor("the Interior Minister", context="Nigeria")
    assert minister is not None and minister.country == "NGA"
    assert any("context" in line for line in minister.evidence)
    assert crosswire.resolve_actor("the Interior Minister") is not None
    assert crosswire.resolve_actor("the Interior Minister").country is None  # type: ignore[union-attr]
    then = crosswire.resolve_actor("Angela Merkel", date="2015-09-01")
    later = crosswire.resolve_actor("Angela Merkel", date="2023-09-01")
    assert then is not None and later is not None
    assert (then.sector, later.sector) == ("GOV", "ELI") and then.kb_id == later.kb_id
    surname = crosswire.resolve_actor(
        "Krasnov", context="Prosecutor General Igor Krasnov of Russia arrived."
    )
    assert surname is not None and (surname.name, surname.country) == ("Igor Krasnov", "RUS")


def test_the_users_dictionary_overrides_the_knowledge_base(tmp_path: Path) -> None:
    config = load_config()
    table = "name,aliases,kind,country,sector\nAngela Merkel,Merkel,person,DEU,PTY\n"
    config.set("actors.dictionary", str(write(tmp_path / "actors.csv", table)))
    actor = crosswire.resolve_actor("Angela Merkel", date="2015-09-01", config=config)
    assert actor is not None and actor.sector == "PTY"


def test_empty_text_is_an_input_error() -> None:
    with pytest.raises(InputError):
        crosswire.resolve_actor("   ")


def test_actor_code_command() -> None:
    done = run("actor-code", "Putin", "--date", "2020-01-01", "--format", "jsonl")
    record = json.loads(done.stdout)
    assert (record["country"], record["sector"], record["kind"]) == ("RUS", "GOV", "person")
    assert record["kb_id"] and record["evidence"]
    shown = run("actor-code", "the Interior Minister", "--context", "Nigeria")
    assert "NGA" in shown.stdout and "evidence" in shown.stdout
    empty = run("actor-code", "", check=False)
    assert empty.returncode == 2 and "[E200]" in empty.stderr


def test_our_actor_cases_meet_the_floors() -> None:
    report = evaluate("actors", ROOT / "examples" / "actor_cases.tsv")
    assert report.scores["n"] >= 300
    assert report.scores["country_accuracy"] >= 0.90
    assert report.scores["sector_accuracy"] >= 0.85
    assert report.scores["both_accuracy"] >= 0.80
