"""The DuckDB store: migrations, idempotent batches, incremental linking, queries, errors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from crosswire.errors import NotFoundError, StoreError
from crosswire.records import CodedArticle, Reject
from crosswire.store import EventFilter, Store, source_key
from crosswire.store.schema import MIGRATIONS
from tests.builders import actor, article, mention

NOR, VNM = actor("Norway", "NOR"), actor("Vietnam", "VNM")
POL, RUS = actor("Poland", "POL"), actor("Russia", "RUS")


def batch(*pairs):  # type: ignore[no-untyped-def]
    return [CodedArticle(a, source_key(a), (), "", tuple(ms)) for a, ms in pairs]


def test_migrations_are_recorded_and_rerunnable(db_path: Path) -> None:
    with Store(db_path) as store:
        assert [v for v, _ in store.migrations()] == [v for v, _, _ in MIGRATIONS]
        assert store.migrate() == []
    with Store(db_path) as store:
        assert store.migrate() == []


def test_batches_are_idempotent_and_link_incrementally(db_path: Path) -> None:
    a1 = article("Norway and Vietnam held talks in Hanoi on Monday.", "Meridian")
    a2 = article("Vietnam hosted Norway's foreign minister on Monday.", "Wire")
    a3 = article("Poland expelled Russian diplomats on Wednesday.", "Ledger")
    m1 = mention(a1.id, actors=(NOR,), recipients=(VNM,))
    m2 = mention(a2.id, actors=(VNM,), recipients=(NOR,))
    m3 = mention(a3.id, event="SANCTION", actors=(POL,), recipients=(RUS,), day=date(2025, 8, 20))
    with Store(db_path) as store:
        assert store.write_batch(batch((a1, [m1])), []) == 1
        (first,) = store.events()
        assert first.n_sources == 1
        store.write_batch(batch((a2, [m2]), (a3, [m3])), [Reject("x.bin", "ingest", "binary file")])
        assert store.write_batch(batch((a1, [m1]), (a2, [m2])), []) == 0  # already stored
        assert store.summary() == {
            "articles": 3,
            "mentions": 3,
            "events": 2,
            "actors": 4,
            "rejects": 1,
            "corroborated_events": 1,
        }
        consult = store.events(EventFilter(type="consult"), with_mentions=True)[0]
        assert (consult.n_articles, consult.n_sources) == (2, 2)
        assert {m["outlet"] for m in consult.mentions} == {"Meridian", "Wire"}
        assert store.event(consult.id).id == consult.id
        assert [e.event for e in store.events(EventFilter(country="rus"))] == ["SANCTION"]
        assert [e.event for e in store.events(EventFilter(min_sources=2))] == ["CONSULT"]
        assert (
            store.events(EventFilter(since=date(2025, 8, 1), until=date(2025, 8, 31)))[0].event
            == "SANCTION"
        )
        assert store.events(EventFilter(actor="norw"))[0].event == "CONSULT"
        assert store.events(EventFilter(text="poland"))[0].event == "SANCTION"
        assert store.rejects()[0]["reason"] == "binary file"
        assert store.relink_all() == 2
        with pytest.raises(NotFoundError):
            store.event("ev_missing")
        with pytest.raises(NotFoundError):
            store.article("art_missing")


def test_failed_batch_leaves_previous_data_intact(db_path: Path) -> None:
    a1 = article("Norway and Vietnam held talks in Hanoi on Monday.", "Meridian")
    with Store(db_path) as store:
        store.write_batch(batch((a1, [mention(a1.id, actors=(NOR,), recipients=(VNM,))])), [])
        broken = article("Poland expelled Russian diplomats.", "Ledger")
        bad = mention(broken.id, event="NOT-A-TYPE", actors=(POL,), recipients=(RUS,))
        with pytest.raises(KeyError):
            store.write_batch(batch((broken, [bad])), [])
        assert store.summary()["articles"] == 1 and store.summary()["events"] == 1


def test_intended_and_negated_events_hidden_by_default(db_path: Path) -> None:
    a1 = article("Norway will visit Vietnam next week.", "Meridian")
    a2 = article("Norway did not meet Vietnam.", "Wire")
    with Store(db_path) as store:
        store.write_batch(
            batch(
                (
                    a1,
                    [
                        mention(
                            a1.id,
                            event="AGREE",
                            actors=(NOR,),
                            recipients=(VNM,),
                            modality="intended",
                        )
                    ],
                ),
                (a2, [mention(a2.id, actors=(NOR,), recipients=(VNM,), negated=True)]),
            ),
            [],
        )
        assert store.events() == []
        assert len(store.events(EventFilter(include_negated=True))) == 2


def test_bad_database_paths(tmp_path: Path) -> None:
    not_db = tmp_path / "notes.duckdb"
    not_db.write_text("hello, this is not a database")
    with pytest.raises(StoreError, match=r"notes\.duckdb is not a DuckDB database"):
        Store(not_db)
    assert not_db.read_text() == "hello, this is not a database"  # left as it was
    with pytest.raises(StoreError, match="Cannot open database"):
        Store(tmp_path / "missing.duckdb", read_only=True)
    assert not (tmp_path / "missing.duckdb").exists()


def test_requests_share_one_reader_and_leave_the_file_free_after(db_path: Path) -> None:
    a1 = article("Norway and Vietnam held talks in Hanoi on Monday.", "Meridian")
    with Store(db_path) as store:
        store.write_batch(batch((a1, [mention(a1.id, actors=(NOR,), recipients=(VNM,))])), [])
    server = Store(db_path, read_only=True)
    server.release()  # as the web server does: requests open the file, not the root store
    first, second = server.reader(), server.reader()
    shared = server._shared
    assert shared is not None and shared._store is not None
    assert first.count_events(EventFilter()) == second.count_events(EventFilter()) == 1
    first.close()
    assert shared._store is not None  # the second request still reads
    shared.hold = 0.0  # give the file back as soon as nobody reads
    second.close()
    assert shared._store is None
    with Store(db_path) as writer:  # a read-write open succeeds: no reader holds the file
        a2 = article("Poland expelled Russian diplomats on Wednesday.", "Ledger")
        writer.write_batch(batch((a2, [mention(a2.id, actors=(POL,), recipients=(RUS,))])), [])
    third = server.reader()
    assert third.count_events(EventFilter()) == 2  # a fresh connection sees the new batch
    third.close()
    server.close()
    assert shared._store is None
