"""What cluster workers run: code a partition of articles, turn a coded partition into table
rows, and link the mentions of the blocking keys a shuffle brought together. Every function
takes and returns small values; the data moves as Parquet files under the output folder.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

from crosswire.coding import Limits, Profile, code_articles
from crosswire.config import Config
from crosswire.ingest import Defaults, signature, stated_original
from crosswire.link import ArticleInfo, link
from crosswire.link.identity import rename
from crosswire.link.stories import story_vector
from crosswire.pipeline import dictionary_overrides
from crosswire.records import ActorRef, Article, CodedArticle, Reject
from crosswire.resolve.dictionary import ActorDictionary
from crosswire.scale.sources import Unit, read_unit
from crosswire.store.batch import (
    ACTOR_COLUMNS,
    ARTICLE_COLUMNS,
    BAND_COLUMNS,
    EVENT_ACTOR_COLUMNS,
    EVENT_MENTION_COLUMNS,
    MENTION_COLUMNS,
    NAMED_COLUMNS,
    batch_rows,
    event_rows,
)
from crosswire.store.parquet import REJECT_COLUMNS, Dataset, now, rows_table
from crosswire.store.rows import EVENT_COLUMNS, mention_from_json, mention_to_json

STAGE = "_stage"
CODED = (
    "pos",
    "id",
    "url",
    "outlet",
    "title",
    "published",
    "language",
    "source",
    "text",
    "stated",
    "signature",
    "mentions",
    "people",
)
LINK_COLUMNS = ("id", "block", "data", "article_id", "source_key", "outlet", "url", "published")


def part_name(number: int) -> str:
    return f"part-{number:05d}"


@dataclass(frozen=True)
class Decision:
    """What the driver's ordered pass decided for one article."""

    original_outlet: str | None
    reprint_of: str | None
    key: str
    bands: list[str]
    signature: str


def code_partition(
    units: list[Unit], number: int, *, out: str, config: Config, defaults: Defaults
) -> dict[str, float]:
    """Read and code one partition; write its articles with their mentions (``_stage/coded``)
    and its rejects (``_stage/rejects``)."""
    started = time.perf_counter()
    data = Dataset(out)
    articles: list[Article] = []
    rejects: list[Reject] = []
    for unit in units:
        for item in read_unit(unit, config=config, defaults=defaults):
            if isinstance(item, Reject):
                rejects.append(item)
            else:
                articles.append(item)
    path = str(config.get("actors.dictionary") or "")
    dictionary = ActorDictionary.load(path) if path else None
    rows: list[list[Any]] = []
    mentions = 0
    coded = code_articles(
        articles,
        model=str(config.get("nlp.model")),
        limits=Limits.from_config(config),
        profile=Profile.from_config(config),
    )
    for pos, done in enumerate(coded):
        rejects.extend(done.notes)
        if done.failure is not None:
            rejects.append(done.failure)
            continue
        article, found = done.article, dictionary_overrides(done.mentions, dictionary)
        mentions += len(found)
        people = [
            a.to_dict() for m in found for a in (*m.actors, *m.recipients) if a.kind == "person"
        ]
        rows.append(
            [
                pos,
                article.id,
                article.url,
                article.outlet,
                article.title,
                article.published,
                article.language,
                article.source,
                article.text,
                stated_original(article.text),
                ",".join(str(v) for v in signature(article.text)),
                json.dumps([mention_to_json(m) for m in found], ensure_ascii=False),
                json.dumps(people, ensure_ascii=False),
            ]
        )
    data.write(f"{STAGE}/coded", part_name(number), rows_table(CODED, rows))
    stamp = now()
    data.write(
        f"{STAGE}/rejects",
        part_name(number),
        rows_table(
            REJECT_COLUMNS,
            [
                [r.id, r.source, r.stage, r.reason, r.detail, stamp, r.article_id or None, r.code]
                for r in rejects
            ],
        ),
    )
    return {
        "articles": len(rows),
        "rejects": len(rejects),
        "mentions": mentions,
        "seconds": time.perf_counter() - started,
    }


def table_partition(
    number: int,
    decisions: dict[str, Decision],
    *,
    out: str,
    renamed: dict[str, ActorRef],
) -> dict[str, int]:
    """Turn a coded partition into table rows (articles, bands, terms, mentions, actor
    mentions, partial actors) and the rows linking needs (``_stage/links``)."""
    data = Dataset(out)
    coded = data.read(f"{STAGE}/coded", part_name(number)).to_pylist()
    batch = []
    terms: list[list[Any]] = []
    for row in coded:
        decision = decisions.get(row["id"])
        if decision is None:
            continue  # a repeat of an article met earlier
        article = Article(
            id=row["id"],
            text=row["text"],
            url=row["url"],
            outlet=row["outlet"],
            original_outlet=decision.original_outlet,
            title=row["title"],
            published=row["published"],
            language=row["language"],
            source=row["source"],
            reprint_of=decision.reprint_of,
        )
        found = tuple(rename(mention_from_json(m), renamed) for m in json.loads(row["mentions"]))
        batch.append(
            CodedArticle(article, decision.key, tuple(decision.bands), decision.signature, found)
        )
        terms.extend([article.id, t, w] for t, w in story_vector(article.text).items())
    rows = batch_rows(batch)
    stamp = now()
    name = part_name(number)
    data.write(
        "articles",
        name,
        rows_table((*ARTICLE_COLUMNS, "ingested_at"), [[*a, stamp] for a in rows.articles]),
    )
    data.write("article_bands", name, rows_table(BAND_COLUMNS, rows.bands))
    data.write("article_terms", name, rows_table(("article_id", "term", "weight"), terms))
    data.write("mentions", name, rows_table(MENTION_COLUMNS, rows.mentions))
    data.write("actor_mentions", name, rows_table(NAMED_COLUMNS, rows.actor_mentions))
    data.write(
        f"{STAGE}/actor_parts",
        name,
        rows_table(
            (*ACTOR_COLUMNS, "rank"),
            [[*a, number * 10_000_000 + i] for i, a in enumerate(rows.actors.values())],
        ),
    )
    infos = {a[0]: dict(zip(ARTICLE_COLUMNS, a, strict=True)) for a in rows.articles}
    links = []
    for mention_id, article_id, block, _, _, mention_data in rows.mentions:
        info = infos[article_id]
        links.append(
            [
                mention_id,
                block,
                mention_data,
                article_id,
                info["source_key"],
                info["outlet"],
                info["url"],
                info["published"],
            ]
        )
    data.write(f"{STAGE}/links", name, rows_table(LINK_COLUMNS, links))
    return {"articles": len(rows.articles), "mentions": len(rows.mentions)}


def link_partition(frame: Any, number: int, out: str, tolerance: int) -> int:
    """Link the mentions of one shuffled partition (every blocking key in it is whole) and
    write the events, their mentions and their actors; returns the number of events."""
    records = frame.to_dict("records") if hasattr(frame, "to_dict") else list(frame)
    mentions = [mention_from_json(r["data"]) for r in records]
    infos = {
        r["article_id"]: ArticleInfo(
            r["article_id"], r["source_key"], r["outlet"], r["url"], _day(r["published"])
        )
        for r in records
    }
    events = link(mentions, infos, tolerance=tolerance)
    event_table, mention_table, actor_table = event_rows(events)
    data = Dataset(out)
    name = part_name(number)
    data.write("events", name, rows_table(EVENT_COLUMNS, [list(e) for e in event_table]))
    data.write("event_mentions", name, rows_table(EVENT_MENTION_COLUMNS, mention_table))
    data.write("event_actors", name, rows_table(EVENT_ACTOR_COLUMNS, actor_table))
    return len(events)


def _day(value: Any) -> Any:
    """A date back from pandas (which may hand over a Timestamp or NaT)."""
    if value is None or value != value:  # NaT and NaN are not equal to themselves
        return None
    return value.date() if hasattr(value, "date") and callable(value.date) else value
