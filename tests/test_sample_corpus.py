"""The bundled sample corpus yields exactly the events examples/expected.json states."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

import crosswire
from crosswire.config import Config, load_config
from crosswire.records import Event
from crosswire.store import EventFilter
from tests.conftest import SAMPLE

pytestmark = pytest.mark.slow


def _matches(event: Event, want: dict[str, Any]) -> bool:
    countries = {a.country for a in (*event.actors, *event.recipients) if a.country}
    return (
        event.event == want["event"]
        and event.modality == want["modality"]
        and countries == set(want["countries"])
        and (event.date.isoformat() if event.date else None) == want["date"]
    )


def _all_events(db: Any) -> list[Event]:
    return db.events(EventFilter(include_negated=True), with_mentions=True)  # type: ignore[no-any-return]


@pytest.fixture(scope="module", params=["accurate", "fast"])
def profile_config(request: pytest.FixtureRequest) -> Config:
    """Settings of each profile: both must read the corpus as expected.json says."""
    return load_config(environ={"CROSSWIRE_EVENTS__PROFILE": request.param})


@pytest.fixture(scope="module")
def sample_db(profile_config: Config, tmp_path_factory: pytest.TempPathFactory) -> Any:
    path = tmp_path_factory.mktemp("sample") / "sample.duckdb"
    db = crosswire.open(path)
    report = crosswire.ingest_sources([str(SAMPLE)], db, config=profile_config)
    assert report.ok
    yield db
    db.close()


def test_expected_events(sample_db: Any, expected: dict[str, Any]) -> None:
    events = _all_events(sample_db)
    for want in expected["events"]:
        found = [e for e in events if _matches(e, want)]
        assert len(found) == 1, f"{want['event']} {want['countries']}: {len(found)} events"
        event = found[0]
        assert (event.n_articles, event.n_sources) == (want["n_articles"], want["n_sources"]), want
        if "place" in want:
            assert event.event_loc is not None and event.event_loc.name == want["place"]
        for field in want.get("discrepancies", []):
            assert field in {d.field for d in event.discrepancies}, (want, event.discrepancies)
        names = {a.name for a in (*event.actors, *event.recipients)}
        assert set(want.get("people", [])) <= names, names
    unlisted = [e for e in events if not any(_matches(e, w) for w in expected["events"])]
    assert len(unlisted) <= expected["max_unlisted_events"], [e.to_plover() for e in unlisted]


def test_articles_reprints_and_off_topic(sample_db: Any, expected: dict[str, Any]) -> None:
    articles = sample_db.articles(limit=None)
    assert len(articles) == expected["articles"]
    assert len(sample_db.rejects()) == expected["rejects"]
    by_file = {Path(a["source"]).name: a for a in articles}
    for name, original in expected["reprints"].items():
        assert by_file[name]["original_outlet"] == original
    for name in expected["no_events_from"]:
        assert by_file[name]["n_mentions"] == 0
    mention_articles = {m["article_id"] for e in _all_events(sample_db) for m in e.mentions}
    assert not mention_articles & {by_file[n]["id"] for n in expected["no_events_from"]}


def test_mentions_point_into_article_text(sample_db: Any) -> None:
    for event in _all_events(sample_db):
        for m in event.mentions:
            text = sample_db.article(m["article_id"])["text"]
            assert text[m["start"] : m["end"]].strip() == m["text"].strip()
            assert text[m["trigger_start"] : m["trigger_end"]] == m["trigger"]


def test_reingest_changes_nothing(sample_db: Any, profile_config: Config) -> None:
    before = (sample_db.summary(), [e.to_plover() for e in _all_events(sample_db)])
    report = crosswire.ingest_sources([str(SAMPLE)], sample_db, config=profile_config)
    assert (report.new, report.unchanged) == (0, 24)
    assert (sample_db.summary(), [e.to_plover() for e in _all_events(sample_db)]) == before


def test_ingest_order_does_not_change_events(
    sample_db: Any, tmp_path: Path, profile_config: Config
) -> None:
    files = sorted(str(p) for p in SAMPLE.iterdir())
    random.Random(7).shuffle(files)
    with crosswire.open(tmp_path / "shuffled.duckdb") as other:
        crosswire.ingest_sources(files, other, config=profile_config, batch_size=5)

        def key(e: Event) -> tuple[Any, ...]:
            return (e.id, e.n_mentions, e.n_articles, e.n_sources, e.date)

        assert sorted(map(key, _all_events(other))) == sorted(map(key, _all_events(sample_db)))

        def grouping(db: Any) -> list[tuple[str, ...]]:
            found = []
            for story in db.stories(limit=None):
                found.append(tuple(a["id"] for a in db.story(story["story_id"])["articles"]))
            return sorted(found)

        assert grouping(other) == grouping(sample_db)
        assert len(grouping(other)) < len(files)  # some articles do share a story


def test_code_without_database() -> None:
    events = crosswire.code(
        "Japan's foreign minister visited Seoul on Tuesday and met South "
        "Korean President Han Min-jun.",
        published="2025-05-08",
    )
    assert len(events) == 1
    record = events[0].to_plover()
    assert record["event"] == ["CONSULT"] and record["date"] == "2025-05-06"
    assert {a["country"] for a in record["actor"] + record["recipient"]} == {"JPN", "KOR"}
