"""The HTTP API and the server-rendered pages, in-process (httpx over ASGI), on a real database."""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

import crosswire
from crosswire.config import load_config
from crosswire.serve.app import create_app
from crosswire.store import EventFilter, Store
from tests.webdata import HOSTILE_TEXT, HOSTILE_TITLE, build


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("web") / "web.duckdb")


@pytest.fixture
def store(built: Path) -> Iterator[Store]:
    with crosswire.open(built, read_only=True) as db:
        yield db


def client_for(app: FastAPI) -> TestClient:
    return TestClient(app, raise_server_exceptions=False)


@pytest.fixture
def client(store: Store) -> TestClient:
    return client_for(create_app(store, read_only=True, config=load_config(environ={})))


def error_of(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "type", "message", "fix"}
    assert body["error"]["code"] == code
    return dict(body["error"])


def test_event_list_filters_pages_and_sorts(client: TestClient, store: Store) -> None:
    everything = client.get("/api/events").json()
    assert everything["total"] == store.count_events() == len(everything["items"])
    assert all("mentions" not in item for item in everything["items"])
    page = client.get("/api/events", params={"limit": 1, "sort": "date"}).json()
    assert len(page["items"]) == 1 and page["next_offset"] == 1
    dates = [i["date"] for i in client.get("/api/events", params={"sort": "date"}).json()["items"]]
    assert dates == sorted(dates, reverse=True)
    second = client.get("/api/events", params={"limit": 1, "offset": 1, "sort": "date"}).json()
    assert second["items"][0]["id"] != page["items"][0]["id"]
    sanctions = client.get("/api/events", params={"type": "sanction"}).json()["items"]
    assert [i["event"] for i in sanctions] == [["SANCTION"]]
    polish = client.get("/api/events", params={"country": "pol"}).json()["items"]
    assert {i["id"] for i in polish} == {i["id"] for i in sanctions}
    hanoi = client.get("/api/events", params={"place": "hano"}).json()
    assert hanoi["total"] == store.count_events(EventFilter(place="hano")) == 2
    corroborated = client.get("/api/events", params={"min_sources": 2}).json()["items"]
    assert corroborated and all(i["n_sources"] >= 2 for i in corroborated)
    may = client.get("/api/events", params={"since": "2025-05-01"}).json()["items"]
    assert [i["date"] for i in may] == ["2025-05-19"]
    # a blank form field means "no filter", as an HTML form sends it
    assert client.get("/api/events?type=&actor=&q=").json()["total"] == everything["total"]


def test_event_detail_has_sentences_marks_and_discrepancy(client: TestClient) -> None:
    listed = client.get("/api/events", params={"min_sources": 2}).json()["items"][0]
    record = client.get(f"/api/events/{listed['id']}").json()
    assert {m["outlet"] for m in record["mentions"]} == {"Harbor Post", "Meridian"}
    for m in record["mentions"]:
        kinds = {mark["kind"] for mark in m["marks"]}
        assert {"trigger", "actor", "date"} <= kinds
        trigger = next(x for x in m["marks"] if x["kind"] == "trigger")
        assert m["text"][trigger["start"] : trigger["end"]] == m["trigger"]
    dates = next(d for d in record["discrepancies"] if d["field"] == "date")
    assert set(dates["values"]) == {"2025-03-10", "2025-03-11"}
    assert "related" in record


def test_errors_share_one_shape(client: TestClient) -> None:
    error_of(client.get("/api/events/ev_0000000000000000"), 404, "E301")
    error_of(client.get("/api/no-such-route"), 404, "E301")
    error_of(client.get("/api/events", params={"type": "DANCE"}), 400, "E600")
    problem = error_of(client.get("/api/events", params={"limit": 100_000}), 422, "E600")
    assert "limit" in problem["message"]
    error_of(client.get("/api/events", params={"since": "yesterday"}), 422, "E600")
    error_of(client.get("/api/dyads", params={"a": "RUS"}), 422, "E600")
    page = client.get("/events/ev_0000000000000000")
    assert page.status_code == 404 and "text/html" in page.headers["content-type"]
    assert "E301" in page.text


def test_actors_articles_stories(client: TestClient, store: Store) -> None:
    actors = client.get("/api/actors", params={"country": "NOR"}).json()["items"]
    assert [a["name"] for a in actors] == ["Norway"]
    norway = client.get(f"/api/actors/{actors[0]['id']}").json()
    assert len(norway["events"]) == 2
    assert sum(m["events"] for m in norway["activity"]) == 2
    assert [a["name"] for a in client.get("/api/actors?name=russ").json()["items"]] == ["Russia"]
    article_id = store.articles(limit=1)[0]["id"]
    article = client.get(f"/api/articles/{article_id}").json()
    assert article["text"] and article["events"]
    stories = client.get("/api/stories").json()["items"]
    assert stories
    story = client.get(f"/api/stories/{stories[0]['story_id']}").json()
    assert story["articles"]


def test_dyads_monthly_and_network_agree_with_events(client: TestClient) -> None:
    dyad = client.get("/api/dyads", params={"a": "VNM", "b": "NOR"}).json()
    listed = client.get("/api/events", params={"country": "NOR"}).json()
    assert dyad["events"] == listed["total"] == 2
    assert (dyad["a_to_b"], dyad["b_to_a"]) == (0, 2)  # Norway acted, Vietnam received
    assert [m["month"] for m in dyad["months"]] == ["2025-03", "2025-04", "2025-05"]
    assert [m["by_quad"]["1"] for m in dyad["months"]] == [1, 0, 1]
    assert dyad["months"][1]["score_mean"] is None
    assert client.get("/api/dyads?a=POL&b=VNM").json()["months"] == []
    monthly = client.get("/api/monthly", params={"type": "SANCTION"}).json()["months"]
    assert [(m["month"], m["by_quad"]["4"]) for m in monthly] == [("2025-04", 1)]
    graph = client.get("/api/network").json()
    names = {n["id"]: n["name"] for n in graph["nodes"]}
    assert {(names[e["source"]], names[e["target"]], e["events"]) for e in graph["edges"]} == {
        ("Norway", "Vietnam", 2),
        ("Poland", "Russia", 1),
    }


def test_timeline_and_map_agree_with_the_event_list(client: TestClient) -> None:
    events = client.get("/api/events", params={"limit": 500}).json()["items"]
    dated = [e for e in events if e["date"]]
    line = client.get("/api/timeline").json()
    assert line["bucket"] in ("day", "week", "month")
    bars = line["bars"]
    assert sum(b["events"] for b in bars) == len(dated)
    for earlier, later in itertools.pairwise(bars):  # every bucket, none skipped
        after = date.fromisoformat(earlier["end"]) + timedelta(days=1)
        assert date.fromisoformat(later["start"]) == after
    for event in dated:
        (bar,) = [b for b in bars if b["start"] <= event["date"] <= b["end"]]
        assert bar["by_quad"][str(event["quad_code"])] >= 1
    assert any(b["events"] == 0 for b in bars)  # the gaps are there, as zeros
    located = client.get("/api/map").json()
    placed = {e["id"]: e["event_loc"] for e in events if e["event_loc"]}
    assert located["total"] == len(located["markers"]) == len(placed) >= 1
    for marker in located["markers"]:
        assert (marker["lat"], marker["lon"]) == (
            placed[marker["id"]]["lat"],
            placed[marker["id"]]["lon"],
        )
    only = client.get("/api/map", params={"country": "POL"}).json()["markers"]
    assert {m["country"] for m in only} == {"POL"}


def test_export_streams_each_format(client: TestClient, store: Store) -> None:
    total = store.count_events()
    lines = client.get("/api/export").text.splitlines()
    assert len(lines) == total and all(json.loads(line)["mentions"] for line in lines)
    response = client.get("/api/export", params={"format": "csv", "country": "POL"})
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["event"] for r in rows] == ["SANCTION"]
    gdelt = client.get("/api/export", params={"format": "gdelt"}).text.splitlines()
    assert len(gdelt) == total and all("\t" in line for line in gdelt)
    error_of(client.get("/api/export", params={"format": "parquet"}), 422, "E600")
    error_of(client.get("/api/export", params={"limit": str(10**30)}), 422, "E600")
    error_of(client.get("/api/export", params={"type": "MEET"}), 400, "E600")
    assert len(client.get("/api/export", params={"limit": "2"}).text.splitlines()) == 2


def test_writes_are_refused_without_the_right_token(built: Path, store: Store) -> None:
    config = load_config(environ={})
    article = [{"text": "Norway and Vietnam signed a fisheries pact in Oslo on Monday."}]
    read_only = client_for(create_app(store, read_only=True, token="t0k", config=config))
    error_of(read_only.post("/api/articles", json=article), 403, "E601")
    no_token = client_for(create_app(store, config=config))
    error_of(no_token.post("/api/articles", json=article), 403, "E601")
    guarded = client_for(create_app(store, token="t0k", config=config))
    error_of(guarded.post("/api/articles", json=article), 401, "E603")
    error_of(guarded.post("/api/articles", json=[{"body": "x"}]), 401, "E603")  # auth first
    bare = {"Authorization": "t0k"}  # the token without its scheme
    error_of(guarded.post("/api/articles", json=article, headers=bare), 401, "E603")
    bad = {"Authorization": "Bearer nope"}
    error_of(guarded.post("/api/articles", json=article, headers=bad), 403, "E601")
    error_of(guarded.post("/api/articles", json="not a list", headers=bad), 403, "E601")
    good = {"Authorization": "Bearer t0k"}
    error_of(guarded.post("/api/articles", json=[], headers=good), 422, "E600")
    error_of(guarded.post("/api/articles", json=[{"body": "x"}], headers=good), 422, "E600")
    config.set("serve.max_body_bytes", 1000)
    small = client_for(create_app(store, token="t0k", config=config))
    huge = [{"text": "word " * 1000}]
    error_of(small.post("/api/articles", json=huge, headers=good), 413, "E602")
    streamed = small.post(
        "/api/articles",
        content=iter([b"[", b'{"text": "' + b"x" * 2000 + b'"}', b"]"]),
        headers={**good, "content-type": "application/json"},
    )
    error_of(streamed, 413, "E602")
    config.set("serve.max_articles", 1)
    few = client_for(create_app(store, token="t0k", config=config))
    error_of(few.post("/api/articles", json=article * 2, headers=good), 400, "E600")
    assert store.count_events() == 3  # nothing was written by any refused request


def test_pages_render_and_escape_article_text(client: TestClient, store: Store) -> None:
    home = client.get("/")
    assert home.status_code == 200
    for header, value in {
        "x-content-type-options": "nosniff",
        "x-frame-options": "DENY",
    }.items():
        assert home.headers[header] == value
    assert "script-src 'self'" in home.headers["content-security-policy"]
    assert home.text.count('<td><a href="/events/ev_') == store.count_events()
    filtered = client.get("/?type=SANCTION&actor=&country=&q=")
    assert filtered.text.count('<td><a href="/events/ev_') == 1
    sanction = store.events(EventFilter(type="SANCTION"), with_mentions=True)[0]
    page = client.get(f"/events/{sanction.id}").text
    article_id = sanction.mentions[0]["article_id"]
    article = client.get(f"/articles/{article_id}").text
    for html in (page, article):
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "javascript:" not in html and html.count('">original</a>') == 0
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&lt;script&gt;" in article
    assert HOSTILE_TEXT in store.article(article_id)["text"]
    assert store.article(article_id)["title"] == HOSTILE_TITLE
    assert '<mark class="trigger">expelled</mark>' in page
    norway = store.events(EventFilter(country="NOR"), with_mentions=True)[0]
    assert 'nofollow">original</a>' in client.get(f"/events/{norway.id}").text
    for path in ("/stories", "/actors", "/dyads", "/dyads/NOR/VNM", "/network", "/docs"):
        assert client.get(path).status_code == 200, path
    assert client.get("/dyads?a=NOR&b=VNM", follow_redirects=False).headers["location"] == (
        "/dyads/NOR/VNM"
    )
    assert client.get("/dyads/NOR/<b>").status_code == 400
    script = client.get("/static/app.js")
    assert (
        script.headers["content-type"].startswith("text/javascript")
        and "drawMonthly" in script.text
    )


def test_host_header_is_checked_when_hosts_are_given(store: Store) -> None:
    app = create_app(store, read_only=True, allowed_hosts=["127.0.0.1", "localhost", "::1"])
    local = TestClient(app, base_url="http://127.0.0.1:8000", raise_server_exceptions=False)
    assert local.get("/api/summary").status_code == 200
    assert local.get("/api/summary", headers={"host": "[::1]:8000"}).status_code == 200
    error_of(local.get("/api/summary", headers={"host": "attacker.example"}), 400, "E600")


@pytest.mark.slow
def test_posted_articles_are_coded_and_bad_ones_rejected(tmp_path: Path) -> None:
    config = load_config(environ={})
    with crosswire.open(build(tmp_path / "write.duckdb")) as store:
        before = store.count_events()
        store.release()  # the server opens the file per request; this process must let go
        client = client_for(create_app(store, token="t0k", config=config))
        articles = [
            {
                "text": "Kenya's foreign minister met Tanzanian officials in Dodoma on Monday to "
                "discuss a new border crossing, the ministry said in a statement.",
                "outlet": "Lakeside Courier",
                "published": "2025-06-03",
                "title": "Kenya and Tanzania discuss border crossing",
            },
            {"text": "Too short.", "outlet": "Lakeside Courier"},
        ]
        answer = client.post(
            "/api/articles", json=articles, headers={"Authorization": "Bearer t0k"}
        )
        assert answer.status_code == 200, answer.text
        report = answer.json()
        assert (report["new"], report["rejected"]) == (1, 1)
        assert [r["source"] for r in store.rejects()] == ["api:2"]
        store.release()
        kenya = client.get("/api/events", params={"country": "KEN"}).json()["items"]
        assert kenya and kenya[0]["date"] == "2025-06-02"
        assert store.count_events() == before + 1
        store.release()
        again = client.post(
            "/api/articles", json=articles[:1], headers={"Authorization": "Bearer t0k"}
        )
        assert again.json()["unchanged"] == 1 and store.count_events() == before + 1
