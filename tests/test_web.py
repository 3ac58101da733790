"""The web UI in a real browser: Debian's Chromium driven by Playwright, against `crosswire
serve`'s application on a real uvicorn server on loopback, over the bundled sample corpus.

Every test saves a screenshot of each page it checks (1400 x 1000, full page) under
``out/screenshots`` for review; set ``CROSSWIRE_SCREENSHOTS=docs/img`` to save them elsewhere
(the README shows the ones in docs/img).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import crosswire
from crosswire.config import load_config
from crosswire.serve.app import create_app
from crosswire.store import EventFilter, Store
from tests.conftest import SAMPLE

pytestmark = pytest.mark.slow
CHROMIUM = "/usr/bin/chromium"
BROWSER_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
if not Path(CHROMIUM).exists() and not os.environ.get("CI"):
    pytest.skip(
        "Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True
    )


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("webui") / "sample.duckdb"
    config = load_config(environ={})
    with crosswire.open(path, config=config) as store:
        crosswire.ingest_sources([str(SAMPLE)], store, config=config)
    with crosswire.open(path, read_only=True) as store:
        yield store


@pytest.fixture(scope="module")
def base_url(sample_db: Store) -> Iterator[str]:
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(sample_db, read_only=True, config=load_config(environ={}))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    assert shutil.which(CHROMIUM), "chromium is missing: .ci/run installs it with apt"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    context = browser.new_context(base_url=base_url, viewport={"width": 1400, "height": 1000})
    opened = context.new_page()
    problems: list[str] = []
    opened.on("pageerror", lambda error: problems.append(str(error)))
    opened.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    yield opened
    context.close()
    assert not problems, problems  # no script error and no failed asset on any page


SHOTS = Path(__file__).resolve().parent.parent / "out" / "screenshots"


def shoot(page: Any, name: str) -> None:
    """Save the page for review, after checking nothing runs off its right edge (a table or
    drawing wider than the window would be clipped or need sideways scrolling)."""
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= page.viewport_size["width"], f"{name} is {wide}px wide"
    folder = Path(os.environ.get("CROSSWIRE_SCREENSHOTS") or SHOTS)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def inside_viewport(page: Any, locator: Any) -> None:
    """Every element ``locator`` finds lies wholly inside the page's width (nothing clipped)."""
    width = page.viewport_size["width"]
    for box in (locator.nth(i).bounding_box() for i in range(locator.count())):
        assert box is not None and box["width"] > 0 and box["height"] > 0
        assert box["x"] >= 0 and box["x"] + box["width"] <= width


def labels_readable(page: Any, graph: Any) -> None:
    """The network's labels: at least one shown, none clipped by the drawing, none covering
    another."""
    labels = graph.locator("text[data-node]")
    count = labels.count()
    assert count >= 1 and graph.get_attribute("data-labels") == str(count)
    frame = graph.bounding_box()
    boxes = [labels.nth(i).bounding_box() for i in range(count)]
    for box in boxes:
        assert box is not None and frame is not None
        assert frame["x"] <= box["x"] and box["x"] + box["width"] <= frame["x"] + frame["width"]
        assert frame["y"] <= box["y"] and box["y"] + box["height"] <= frame["y"] + frame["height"]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert a is not None and b is not None
            apart = (
                a["x"] + a["width"] <= b["x"] + 0.5
                or b["x"] + b["width"] <= a["x"] + 0.5
                or a["y"] + a["height"] <= b["y"] + 0.5
                or b["y"] + b["height"] <= a["y"] + 0.5
            )
            assert apart, (a, b)


def test_home_lists_and_filters_events(page: Any, sample_db: Store) -> None:
    from playwright.sync_api import expect

    page.goto("/")
    rows = page.locator("table.events tbody tr")
    expect(rows).to_have_count(sample_db.count_events())
    shoot(page, "events")
    page.select_option("select[name=type]", "PROTEST")
    page.get_by_role("button", name="Filter").click()
    expect(rows).to_have_count(sample_db.count_events(EventFilter(type="PROTEST")))
    for text in rows.locator("td:nth-child(2)").all_inner_texts():
        assert "PROTEST" in text
    # keyboard: "/" jumps to the search box; typing and Enter filters by words
    page.goto("/")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.name") == "q"
    page.keyboard.type("tbilisi")
    page.keyboard.press("Enter")
    expect(rows).to_have_count(sample_db.count_events(EventFilter(text="tbilisi")))


def test_event_page_shows_each_outlet_and_the_disagreement(page: Any, sample_db: Store) -> None:
    from playwright.sync_api import expect

    disputed = [
        e
        for e in sample_db.events(EventFilter(min_sources=2), with_mentions=True)
        if any(d.field == "date" for d in e.discrepancies)
    ]
    assert disputed, "the sample corpus holds an event whose reports disagree on the date"
    event = disputed[0]
    outlets = {m["outlet"] for m in event.mentions}
    page.goto("/")
    page.locator(f'table.events a[href="/events/{event.id}"]').focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/events/{event.id}")
    sections = page.locator("section.outlet")
    expect(sections).to_have_count(len(outlets))
    assert set(sections.locator("h3").all_inner_texts()) == outlets
    expect(sections.locator("mark.trigger").first).to_be_visible()
    badge = page.locator('.discrepancy[data-field="date"]')
    expect(badge).to_be_visible()
    values = next(d for d in event.discrepancies if d.field == "date").values
    text = badge.inner_text()
    for day in values:
        assert str(int(day[8:])) in text  # "15 April 2025"
    for outlet in outlets:
        assert outlet in text
    shoot(page, "event")


def test_dyad_page_draws_its_timeline(page: Any, sample_db: Store) -> None:
    from playwright.sync_api import expect

    event = sample_db.events(EventFilter(min_sources=2))[0]
    a, b = event.actors[0].country, event.recipients[0].country
    assert a and b
    page.goto("/dyads")
    top = sample_db.top_dyads()
    rows = page.locator("table.dyads tbody tr")
    expect(rows).to_have_count(len(top))  # the busiest pairs are listed before any form
    first = rows.first.locator("td")
    expect(first.nth(0)).to_have_text(f"{top[0]['a']} ↔ {top[0]['b']}")
    expect(first.nth(1)).to_have_text(str(top[0]["events"]))
    spark = rows.first.locator("svg.spark rect")
    expect(spark).to_have_count(sum(1 for m in top[0]["months"] if m["events"]))
    shoot(page, "dyads")
    page.fill("input[name=a]", a)
    page.fill("input[name=b]", b)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/dyads/{a}/{b}")
    bars = sample_db.timeline(EventFilter(dyad=(a, b)))["bars"]
    chart = page.locator('[data-chart="timeline"]')
    expect(chart).to_be_visible()
    drawn = chart.locator("a.bar")
    expect(drawn).to_have_count(sum(1 for bar in bars if bar["events"]))
    assert drawn.count() >= 1
    inside_viewport(page, drawn.locator("rect"))
    shoot(page, "dyad")


def test_home_shows_overview_timeline_and_map(page: Any, sample_db: Store) -> None:
    from playwright.sync_api import expect

    page.goto("/")
    overview = sample_db.overview()
    facts = page.locator(".overview dd").all_inner_texts()
    assert facts[:5] == [str(overview[k]) for k in ("articles", "outlets", "events")] + [
        str(overview["confirmed"]),
        str(overview["disputed"]),
    ]
    line = sample_db.timeline(EventFilter())
    bars = page.locator('[data-chart="timeline"] a.bar')
    expect(bars).to_have_count(sum(1 for bar in line["bars"] if bar["events"]))
    inside_viewport(page, bars.locator("rect"))
    markers = page.locator('[data-chart="map"] [data-event]')
    located = sample_db.located(EventFilter())["markers"]
    expect(markers).to_have_count(len(located))
    shoot(page, "home")
    # a bar narrows the table to its days
    first = next(bar for bar in line["bars"] if bar["events"])
    start = first["start"].isoformat()
    page.locator(f'[data-chart="timeline"] a.bar[data-start="{start}"]').focus()
    page.keyboard.press("Enter")  # bars are links: the keyboard reaches and follows them
    page.wait_for_url(f"**until={first['end'].isoformat()}*")
    rows = page.locator("table.events tbody tr")
    expect(rows).to_have_count(
        sample_db.count_events(EventFilter(since=first["start"], until=first["end"]))
    )


def test_map_page_places_every_located_event(page: Any, sample_db: Store) -> None:
    from playwright.sync_api import expect

    located = sample_db.located(EventFilter())["markers"]
    assert located, "the sample corpus has events with places"
    page.goto("/map")
    markers = page.locator("svg.map circle[data-event]")
    expect(markers).to_have_count(len(located))
    assert set(markers.evaluate_all("els => els.map(e => e.dataset.event)")) == {
        m["id"] for m in located
    }
    inside_viewport(page, markers)
    frame = page.locator("svg.map").bounding_box()
    assert frame is not None
    for i in range(markers.count()):
        box = markers.nth(i).bounding_box()
        assert box is not None
        assert frame["y"] <= box["y"] and box["y"] + box["height"] <= frame["y"] + frame["height"]
    expect(page.locator("table.events tbody tr")).to_have_count(len(located))
    shoot(page, "map")
    country = str(located[0]["country"])
    page.fill("input[name=country]", country)
    page.get_by_role("button", name="Filter").click()
    expected = sample_db.located(EventFilter(country=country))["markers"]
    expect(markers).to_have_count(len(expected))
    target = expected[0]["id"]
    page.locator(f'svg.map a[href="/events/{target}"]').focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/events/{target}")


def test_network_and_actor_pages_render(page: Any, sample_db: Store) -> None:
    from playwright.sync_api import expect

    page.goto("/network")
    graph = page.locator('svg[data-chart="network"]')
    nodes = len(sample_db.network()["nodes"])
    expect(graph).to_have_attribute("data-rendered", str(nodes))
    expect(graph.locator("a.node")).to_have_count(nodes)
    labels_readable(page, graph)
    shoot(page, "network")
    # by country, and only links of at least two events
    page.check("input[name=by][value=country]")
    page.get_by_role("button", name="Filter").click()
    wanted = sample_db.network(by="country", min_events=1)
    expect(graph).to_have_attribute("data-rendered", str(len(wanted["nodes"])))
    labels_readable(page, graph)
    shoot(page, "network-countries")
    page.goto("/network?by=country&min_events=2")
    heavy = sample_db.network(by="country", min_events=2)
    expect(graph).to_have_attribute("data-rendered", str(len(heavy["nodes"])))
    assert all(e["events"] >= 2 for e in heavy["edges"])
    page.goto("/network")
    graph.locator("a.node").first.click()
    page.wait_for_url("**/actors/ac_*")
    items = page.locator("ol.timeline li")
    expect(items.first).to_be_visible()
    cells = page.locator(".timeline-chart + details td:last-child").all_text_contents()
    listed = sum(int(t) for t in cells)
    dated = sum(1 for text in items.locator("time").all_inner_texts() if text != "undated")
    assert listed == dated  # the chart counts every dated event the list shows, intended ones too
    shoot(page, "actor")
    page.goto("/stories")
    first = page.locator("table tbody tr a").first
    first.click()
    expect(page.locator("h1")).to_contain_text("Story")


def test_lists_stories_articles_and_help_fit_the_window(page: Any, sample_db: Store) -> None:
    from playwright.sync_api import expect

    page.goto("/stories")
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(len(sample_db.stories(limit=50)))  # the page's first 50
    shoot(page, "stories")
    rows.first.locator("a").first.click()
    page.wait_for_url("**/stories/*")
    story = sample_db.story(page.url.rsplit("/", 1)[1])
    expect(page.locator("h1")).to_contain_text("Story")
    expect(page.locator("ul.story-events li")).to_have_count(len(story["events"]))
    expect(page.locator("ul.story-background li")).to_have_count(len(story["background"]))
    shoot(page, "story")
    page.goto("/actors")
    expect(page.locator("table tbody tr").first).to_be_visible()
    shoot(page, "actors")
    event = sample_db.events(EventFilter(limit=1))[0]
    page.goto(f"/events/{event.id}")
    page.locator("a[href^='/articles/']").first.click()
    page.wait_for_url("**/articles/*")
    reported = sample_db.article_events(page.url.rsplit("/", 1)[1])
    lines = page.locator("ul.article-events li")
    expect(lines).to_have_count(len({row["id"] for row in reported}))  # one line per event
    shoot(page, "article")
    page.goto("/docs")
    expect(page.locator("h1")).to_be_visible()
    shoot(page, "docs")
