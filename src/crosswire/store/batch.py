"""Coded articles -> the rows of each table, in plain Python (no SQL): the database writes them
in one transaction, and ``scale`` writes the same rows as Parquet partitions."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from crosswire.link import block_key
from crosswire.records import Article, CodedArticle, Event, Mention
from crosswire.store.rows import event_to_row, mention_to_json

ARTICLE_COLUMNS = (
    "id",
    "url",
    "outlet",
    "original_outlet",
    "reprint_of",
    "source_key",
    "title",
    "published",
    "language",
    "source",
    "text",
    "n_mentions",
)
ACTOR_COLUMNS = (
    "id",
    "name",
    "kind",
    "country",
    "sector",
    "role",
    "first_seen",
    "last_seen",
    "n_mentions",
)
NAMED_COLUMNS = (
    "actor_id",
    "mention_id",
    "article_id",
    "text",
    "role",
    "sector",
    "country",
    "date",
)
BAND_COLUMNS = ("band", "article_id", "signature")
MENTION_COLUMNS = ("id", "article_id", "block", "event", "date", "data")
EVENT_MENTION_COLUMNS = ("event_id", "mention_id", "block")
EVENT_ACTOR_COLUMNS = ("event_id", "block", "side", "actor_id", "name", "kind", "country", "sector")


@dataclass
class BatchRows:
    """One batch as table rows; ``actors`` keeps first-seen order (the first spelling wins)."""

    articles: list[list[Any]] = field(default_factory=list)
    bands: list[list[Any]] = field(default_factory=list)
    mentions: list[list[Any]] = field(default_factory=list)
    actors: dict[str, list[Any]] = field(default_factory=dict)
    actor_mentions: list[list[Any]] = field(default_factory=list)
    blocks: dict[str, set[str]] = field(default_factory=dict)


def batch_rows(coded: Iterable[CodedArticle], *, skip: Collection[str] = ()) -> BatchRows:
    """The rows for coded articles; articles whose id is in ``skip`` (already stored) and
    repeats within the batch are left out."""
    rows = BatchRows()
    seen = set(skip)
    for item in coded:
        article, found = item.article, item.mentions
        if article.id in seen:
            continue
        seen.add(article.id)
        rows.articles.append(
            [
                article.id,
                article.url,
                article.outlet,
                article.original_outlet,
                article.reprint_of,
                item.source_key,
                article.title,
                article.published,
                article.language,
                article.source,
                article.text,
                len(found),
            ]
        )
        rows.bands.extend([band, article.id, item.signature] for band in item.bands)
        for mention in found:
            _add_mention(rows, mention, article)
    return rows


def _add_mention(rows: BatchRows, mention: Mention, article: Article) -> None:
    block = block_key(mention)
    rows.blocks.setdefault(block, set()).add(mention.id)
    rows.mentions.append(
        [
            mention.id,
            mention.article_id,
            block,
            mention.event,
            mention.date,
            mention_to_json(mention),
        ]
    )
    day = mention.date or article.published
    for actor in (*mention.actors, *mention.recipients):
        rows.actor_mentions.append(
            [
                actor.actor_id,
                mention.id,
                mention.article_id,
                actor.text or actor.name,
                actor.role,
                actor.sector,
                actor.country,
                day,
            ]
        )
        row = rows.actors.get(actor.actor_id)
        if row is None:
            rows.actors[actor.actor_id] = [
                actor.actor_id,
                actor.name,
                actor.kind,
                actor.country,
                actor.sector,
                actor.role,
                mention.date,
                mention.date,
                1,
            ]
            continue
        row[8] += 1
        if mention.date is not None:
            row[6] = min(filter(None, (row[6], mention.date)))
            row[7] = max(filter(None, (row[7], mention.date)))
        row[3], row[5] = row[3] or actor.country, row[5] or actor.role


def event_rows(events: Iterable[Event]) -> tuple[list[Any], list[list[Any]], list[list[Any]]]:
    """Rows of the events, event_mentions and event_actors tables."""
    events = list(events)
    return (
        [event_to_row(e) for e in events],
        [[e.id, m, e.block] for e in events for m in e.mention_ids],
        [
            [e.id, e.block, side, a.actor_id, a.name, a.kind, a.country, a.sector]
            for e in events
            for side, group in (("actor", e.actors), ("recipient", e.recipients))
            for a in group
        ],
    )
