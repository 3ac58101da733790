"""How linking grows with the number of mentions: time, peak memory and the growth exponent.

    .venv/bin/python bench/link_scale.py --sizes 10000 100000 1000000

Synthetic mentions stand for a growing news archive: the number of mentions per day stays fixed
(``--per-day``) and the days grow with the corpus, as they do when a user adds more months. Each
real event (a random type, dyad of 60 countries and day) gets one to five reports from different
outlets, some a day off, some dated only by the publication day. Every size runs in a fresh
process so its peak RSS is its own; sizes up to 100k keep the fastest of three runs. The
exponent is the least-squares slope of log(time) on log(size) over all sizes (1.0 = linear;
all-pairs comparison would give 2.0). Each size also scores its events against the synthetic
truth with B-cubed F1 (each report knows the event it was written about). Prints one JSON
object.
"""

from __future__ import annotations

import argparse
import json
import math
import platform
import resource
import subprocess
import sys
import time
from datetime import date, timedelta

TYPES = ("CONSULT", "AGREE", "COOPERATE", "ACCUSE", "ASSAULT", "PROTEST", "AID", "THREATEN")
COUNTRIES = tuple(f"C{n:02d}" for n in range(60))


def synthetic(n: int, per_day: int, seed: int = 1):  # type: ignore[no-untyped-def]
    """``n`` mentions and their article infos, reporting about n/3 events."""
    import random

    from crosswire.link import ArticleInfo
    from crosswire.records import ActorRef, Mention

    rng = random.Random(seed)
    refs = {c: ActorRef(c, "country", c, text=c).with_id() for c in COUNTRIES}
    days = max(1, n // per_day)
    start = date(2020, 1, 1)
    mentions: list[Mention] = []
    infos: dict[str, ArticleInfo] = {}
    event = 0
    while len(mentions) < n:
        event += 1
        kind = rng.choice(TYPES)
        a, b = rng.sample(COUNTRIES, 2)
        day = start + timedelta(days=rng.randrange(days))
        for report in range(rng.randint(1, 5)):
            article = f"art{event}-{report}"
            off = rng.random()
            when = day + timedelta(days=1) if off < 0.1 else day
            inferred = off > 0.85
            published = when + timedelta(days=rng.randint(0, 2))
            mentions.append(
                Mention(
                    article_id=article,
                    sentence=f"{a} and {b}: report {report} of event {event}",
                    sent_start=0,
                    sent_end=40,
                    trigger="met",
                    trigger_start=0,
                    trigger_end=3,
                    event=kind,
                    cameo="040",
                    actors=(refs[a],),
                    recipients=(refs[b],),
                    date=published if inferred else when,
                    date_precision="day",
                    date_rule="inferred:published" if inferred else "weekday",
                )
            )
            infos[article] = ArticleInfo(
                article, f"outlet{rng.randrange(40)}", None, None, published
            )
            if len(mentions) >= n:
                break
    return mentions, infos


def b3_f1(mentions, events) -> float:  # type: ignore[no-untyped-def]
    """B-cubed F1 of the events against the synthetic truth (the event each report was
    written about, read from its article name ``art{event}-{report}``)."""
    from crosswire.eval.coref import b_cubed

    truth: dict[str, list[str]] = {}
    for m in mentions:
        truth.setdefault(m.article_id.split("-")[0], []).append(m.id)
    return b_cubed(truth.values(), [e.mention_ids for e in events]).f1


def run_one(n: int, per_day: int) -> dict[str, float]:
    from crosswire.link import link

    mentions, infos = synthetic(n, per_day)
    seconds = float("inf")
    for _ in range(3 if n <= 100_000 else 1):  # small sizes: fastest of 3, less noise
        started = time.perf_counter()
        events = link(mentions, infos)
        seconds = min(seconds, time.perf_counter() - started)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "mentions": n,
        "events": len(events),
        "b3_f1": round(b3_f1(mentions, events), 4),
        "seconds": round(seconds, 2),
        "peak_mb": round(peak_mb),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--per-day", type=int, default=2_000)
    parser.add_argument("--one", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.per_day)))
        return
    rows = []
    for n in args.sizes:
        done = subprocess.run(
            [sys.executable, __file__, "--one", str(n), "--per-day", str(args.per_day)],
            capture_output=True,
            text=True,
            check=True,
        )
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(json.dumps(rows[-1]), file=sys.stderr)
    xs = [math.log(r["mentions"]) for r in rows]
    ys = [math.log(r["seconds"]) for r in rows]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    exponent = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )
    print(
        json.dumps(
            {
                "bench": "link_scale",
                "machine": f"{platform.machine()} {platform.processor() or ''}".strip(),
                "cpus": __import__("os").cpu_count(),
                "date": date.today().isoformat(),
                "per_day": args.per_day,
                "rows": rows,
                "growth_exponent": round(exponent, 3),
            }
        )
    )


if __name__ == "__main__":
    main()
