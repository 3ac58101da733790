"""Latency of the HTTP API on a large database: p50 and p95 per request shape and overall.

    .venv/bin/python bench/api_latency.py --events 100000

Builds (once, then reuses) a database of synthetic events at ``--db``: each event a random
PLOVER type between two of 40 real countries, about 45 a day over six years (two in three placed
at a made-up city of the recipient's country), told by one to three outlets in one-sentence
articles, stored day by day in batches of 2,000 articles through the same ``Store.write_batch``
as an ingest (linking and stories included).
Then starts ``crosswire serve --read-only`` in its own process and sends ``--rounds`` sequential
requests of each shape over one keep-alive connection from this process (so the time includes
HTTP, JSON and the loopback). Prints one JSON object; no thresholds (docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import socket
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

COUNTRIES = [
    *("RUS", "PRK", "CHN", "USA", "UKR", "POL", "DEU", "FRA", "GBR", "JPN", "KOR", "IND"),
    *("PAK", "IRN", "ISR", "TUR", "SYR", "IRQ", "SAU", "EGY", "NGA", "KEN", "ETH", "ZAF"),
    *("MLI", "BRA", "ARG", "CHL", "MEX", "COL", "VEN", "PHL", "VNM", "IDN", "THA", "NOR"),
    *("SWE", "GEO", "ARM", "AZE"),
]
VERBS = {
    "CONSULT": "met",
    "AGREE": "agreed with",
    "COOPERATE": "worked with",
    "AID": "sent aid to",
    "REQUEST": "asked",
    "ACCUSE": "accused",
    "REJECT": "rejected",
    "THREATEN": "threatened",
    "PROTEST": "protested against",
    "SANCTION": "sanctioned",
    "COERCE": "detained citizens of",
    "ASSAULT": "attacked",
}
OUTLETS = [f"Outlet {n}" for n in range(60)]


def build(path: Path, events: int, batch: int = 2000, seed: int = 7) -> float:
    """Write ``events`` synthetic events to a new database; returns seconds taken."""
    from crosswire.events.ontology import score
    from crosswire.records import ActorRef, Article, CodedArticle, Mention, Place
    from crosswire.store import Store, source_key

    rng = random.Random(seed)
    refs = {c: ActorRef(c, "country", c, text=c).with_id() for c in COUNTRIES}
    # one made-up city per country, so the map endpoint has located events to return
    cities = {
        c: Place(f"{c} city", c, rng.uniform(-50, 60), rng.uniform(-120, 150), "city")
        for c in COUNTRIES
    }
    start = date(2019, 1, 1)
    started = time.perf_counter()
    with Store(path) as store:
        rows = []
        for number in range(events):
            kind = rng.choice(list(VERBS))
            a, b = rng.sample(COUNTRIES, 2)
            place = cities[b] if number % 3 else None  # two events in three have a place
            day = start + timedelta(days=number * 6 * 365 // events)  # an archive, in order
            for outlet in rng.sample(OUTLETS, rng.choice((1, 1, 2, 3))):
                text = f"{a} {VERBS[kind]} {b} on {day.isoformat()}, {outlet} said (item {number})."
                article = Article.create(
                    text, outlet=outlet, published=day + timedelta(days=1), title=f"{a} and {b}"
                )
                at = text.index(VERBS[kind])
                mention = Mention(
                    article_id=article.id,
                    sentence=text,
                    sent_start=0,
                    sent_end=len(text),
                    trigger=VERBS[kind],
                    trigger_start=at,
                    trigger_end=at + len(VERBS[kind]),
                    event=kind,
                    cameo="010",
                    actors=(refs[a],),
                    recipients=(refs[b],),
                    date=day,
                    date_precision="day",
                    date_text=day.isoformat(),
                    date_rule="iso",
                    place=place,
                    confidence=0.5 + score(kind) / 40,
                )
                rows.append(CodedArticle(article, source_key(article), (), "", (mention,)))
            if len(rows) >= batch:
                store.write_batch(rows, [])
                rows = []
                print(f"built {number + 1} events", file=sys.stderr, flush=True)
        if rows:
            store.write_batch(rows, [])
    return time.perf_counter() - started


def shapes(event_id: str, actor_id: str) -> dict[str, str]:
    return {
        "events (first page)": "/api/events",
        "events by type": "/api/events?type=ASSAULT",
        "events by country": "/api/events?country=RUS",
        "events by actor": f"/api/events?actor={actor_id}",
        "events by dates": "/api/events?since=2021-03-01&until=2021-06-30&sort=date",
        "events, 2+ sources": "/api/events?min_sources=2&sort=confidence",
        "events, text search": "/api/events?q=prk",
        "events, deep page": "/api/events?offset=50000&limit=50&sort=date",
        "events, combined": "/api/events?country=CHN&type=ACCUSE&since=2020-01-01&min_sources=2",
        "one event": f"/api/events/{event_id}",
        "dyad RUS-PRK": "/api/dyads?a=RUS&b=PRK",
        "network (country)": "/api/network?country=UKR",
        "timeline (all)": "/api/timeline",
        "timeline (country)": "/api/timeline?country=RUS",
        "map (all)": "/api/map",
        "map (type)": "/api/map?type=ASSAULT",
        "home page (HTML)": "/?country=RUS",
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def measure(db: Path, rounds: int) -> dict[str, dict[str, float]]:
    import httpx

    import crosswire

    with crosswire.open(db, read_only=True) as store:
        event_id = store.events(crosswire.EventFilter(limit=1))[0].id
        actor_id = store.actors(country="IRN", limit=1)[0]["id"]
    port = free_port()
    command = str(Path(sys.executable).parent / "crosswire")
    server = subprocess.Popen(
        [command, "serve", "--read-only", "--db", str(db), "--port", str(port)],
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        with httpx.Client(base_url=base, timeout=30) as client:
            for _ in range(200):
                try:
                    client.get("/api/summary")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            results: dict[str, dict[str, float]] = {}
            every: list[float] = []
            for name, url in shapes(event_id, actor_id).items():
                client.get(url).raise_for_status()  # warm: first touch of the pages on disk
                times = []
                for _ in range(rounds):
                    started = time.perf_counter()
                    client.get(url).raise_for_status()
                    times.append((time.perf_counter() - started) * 1000)
                every.extend(times)
                results[name] = summary(times)
            results["all requests"] = summary(every)
            return results
    finally:
        server.terminate()
        server.wait(timeout=30)


def summary(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {
        "p50_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(ordered[max(0, round(0.95 * len(ordered)) - 1)], 1),
        "max_ms": round(ordered[-1], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=40, help="Requests per shape.")
    parser.add_argument("--db", type=Path, default=None, help="Default out/bench-api-N.duckdb.")
    args = parser.parse_args()
    db = args.db or Path("out") / f"bench-api-{args.events}.duckdb"
    build_seconds = None
    if not db.exists():
        db.parent.mkdir(parents=True, exist_ok=True)
        build_seconds = round(build(db, args.events), 1)
    import crosswire

    with crosswire.open(db, read_only=True) as store:
        counts = store.summary()
    report = {
        "database": str(db),
        "events": counts["events"],
        "articles": counts["articles"],
        "build_seconds": build_seconds,
        "rounds": args.rounds,
        "latency": measure(db, args.rounds),
        "machine": f"{platform.machine()} {platform.processor() or ''}".strip(),
        "python": platform.python_version(),
        "date": date.today().isoformat(),
    }
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
