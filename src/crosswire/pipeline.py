"""The ordered stages: ingest -> nlp -> events -> resolve -> link -> store.

``process(articles)`` runs them in memory and returns events; ``ingest(sources, store)`` streams
sources into a database batch by batch (one transaction each), with parallel workers.
"""

from __future__ import annotations

import logging
import os
import time
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from crosswire.coding import (
    TRUNCATED,
    Coded,
    Coder,
    Limits,
    Profile,
    build_nlp,
    failure,
    parse_only,
    release_memory,
)
from crosswire.config import Config, load_config
from crosswire.ingest import (
    Defaults,
    Item,
    read,
    read_records,
)
from crosswire.ingest.reprints import (
    Marked,
    Prefetched,
    ReprintIndex,
    bands,
    signature,
    stated_original,
)
from crosswire.link import ArticleInfo, link
from crosswire.link.identity import join_people
from crosswire.link.settings import LinkSettings
from crosswire.records import ActorRef, Article, CodedArticle, Event, Mention, Reject, parse_date
from crosswire.resolve.dictionary import ActorDictionary

if TYPE_CHECKING:
    from crosswire.store import Store


class MetadataWarning(UserWarning):
    """Articles were stored without a publication date or an outlet (warned once per run)."""


# the stages a reject can name: reading a source, cleaning its text, parsing, event frames,
# actors/dates/places, storing its rows (linking runs inside the store's transaction)
STAGES = ("ingest", "fetch", "clean", "nlp", "events", "resolve", "store")


def resolve_workers(workers: int) -> int:
    return workers if workers > 0 else max(1, os.cpu_count() or 1)


def _coder(config: Config, workers: int | None) -> Coder:
    chosen = int(workers if workers is not None else config.get("ingest.workers"))
    return Coder(
        model=str(config.get("nlp.model")),
        limits=Limits.from_config(config),
        workers=resolve_workers(chosen),
        profile=Profile.from_config(config),
    )


# -- in memory --------------------------------------------------------------------------------


def _dictionary(config: Config) -> ActorDictionary | None:
    path = str(config.get("actors.dictionary") or "")
    return ActorDictionary.load(path) if path else None


def dictionary_overrides(
    mentions: list[Mention], dictionary: ActorDictionary | None
) -> list[Mention]:
    if dictionary is None:
        return mentions
    return [dictionary.apply_mention(m) for m in mentions]


def process(articles: Iterable[Article], *, config: Config | None = None) -> list[Event]:
    """Every event in ``articles``, linked in memory (no database) as ingest links them."""
    config = config or load_config()
    settings = LinkSettings.from_config(config)
    marked = list(_mark_reprints_in_memory(articles, float(config.get("ingest.near_duplicate"))))
    keys = {a.id: key for a, key in marked}
    infos = {a.id: ArticleInfo(a.id, key, a.outlet, a.url, a.published) for a, key in marked}
    found: list[CodedArticle] = []
    dictionary = _dictionary(config)
    with _coder(config, None) as coder:
        for coded in coder.map(a for a, _ in marked):
            if coded.failure is not None:
                logging.getLogger(__name__).warning(
                    "article %s rejected at %s: [%s] %s",
                    coded.article.id,
                    coded.failure.stage,
                    coded.failure.code,
                    coded.failure.detail,
                )
            mentions = tuple(dictionary_overrides(coded.mentions, dictionary))
            found.append(CodedArticle(coded.article, keys[coded.article.id], (), "", mentions))
    found = join_people(found, [], settings.variant_similarity)
    return link((m for c in found for m in c.mentions), infos, tolerance=settings.tolerance)


def _mark_reprints_in_memory(
    articles: Iterable[Article], threshold: float
) -> Iterator[tuple[Article, str]]:
    seen: dict[str, tuple[Article, str]] = {}
    index = ReprintIndex(threshold)
    for article in articles:
        if article.id in seen:
            continue
        done = index.mark(article, lookup=None)
        seen[article.id] = (done.article, done.key)
        yield done.article, done.key


def code(
    text: str,
    *,
    published: date | str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    config: Config | None = None,
) -> list[Event]:
    """Events in one text, without a database (for notebooks and quick checks)."""
    from crosswire.ingest.meta import clean_text

    article = Article.create(
        clean_text(text), published=parse_date(published), outlet=outlet, url=url
    )
    return process([article], config=config)


def resolve_actor(
    text: str,
    *,
    context: str | None = None,
    date: date | str | None = None,
    config: Config | None = None,
) -> ActorRef | None:
    """Code one actor string ("President Abdelaziz Bouteflika", "Algerian security forces",
    "Putin") as crosswire codes the actors of its events: country, sector, secondary sectors,
    role, knowledge-base id and the evidence used. ``context`` is text read before it (a
    sentence, a country); ``date`` is when the actor acted (offices are dated). None when the
    text names no actor."""
    from crosswire.resolve.standalone import code_actor

    config = config or load_config()
    day = parse_date(date)
    nlp = build_nlp(str(config.get("nlp.model")), Profile("fast", "int8"))
    actor = code_actor(partial(parse_only, nlp), text, context=context, when=day)
    dictionary = _dictionary(config)  # the user's dictionary overrides everything
    return dictionary.apply(actor, day) if dictionary is not None and actor is not None else actor


# -- into a database ----------------------------------------------------------------------------


@dataclass
class IngestReport:
    """What an ingest run did; ``ok`` is False only when nothing could be processed."""

    read: int = 0
    new: int = 0
    unchanged: int = 0
    rejected: int = 0
    truncated: int = 0
    mentions: int = 0
    batches: int = 0
    seconds: float = 0.0
    reasons: dict[str, int] = field(default_factory=dict)
    undated: int = 0  # new articles with no publication date
    no_outlet: int = 0  # ... and with no outlet

    def missing_metadata(self) -> str | None:
        """One warning about stored articles without a date or an outlet, or None."""
        parts = [
            f"{n} without {what}"
            for n, what in ((self.undated, "a publication date"), (self.no_outlet, "an outlet"))
            if n
        ]
        if not parts:
            return None
        return (
            f"{' and '.join(parts)} of {self.new} new articles: their events are undated or "
            "count as one unnamed source. Pass --published/--outlet (published=, outlet=) or "
            "give the metadata in the files."
        )

    @property
    def ok(self) -> bool:
        return self.new + self.unchanged > 0 or (self.read == 0 and self.rejected == 0)

    def to_dict(self) -> dict[str, object]:
        return {
            "read": self.read,
            "new": self.new,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "truncated": self.truncated,
            "mentions": self.mentions,
            "batches": self.batches,
            "seconds": round(self.seconds, 2),
            "reject_reasons": self.reasons,
            "undated": self.undated,
            "no_outlet": self.no_outlet,
        }


def ingest(
    sources: Iterable[str],
    store: Store,
    *,
    config: Config | None = None,
    outlet: str | None = None,
    published: str | date | None = None,
    reader: str | None = None,
    actors: str | None = None,
    workers: int | None = None,
    batch_size: int | None = None,
    on_batch: Callable[[IngestReport], None] | None = None,
) -> IngestReport:
    """Read, code, link and store every source; one transaction per batch.

    ``outlet`` and ``published`` stand in for articles that name none; ``reader`` forces one
    reader for every source; ``actors`` is an actor dictionary (CSV or YAML) that overrides
    inferred actors.
    """
    config = with_dictionary(config or load_config(), actors)
    when = parse_date(published)  # a bad date fails here, before anything is read
    defaults = Defaults(outlet, when.isoformat() if when else None)
    items = read(sources, config=config, defaults=defaults, reader=reader)
    store.claim_writer()  # a second ingest into this file waits here for this one to end
    return ingest_items(
        items, store, config=config, workers=workers, batch_size=batch_size, on_batch=on_batch
    )


def with_dictionary(config: Config, actors: str | None) -> Config:
    """``config`` with the actor dictionary ``actors`` (checked now: a bad file fails before
    anything is read); a copy, so the caller's config is left as it was."""
    if not actors:
        return config
    ActorDictionary.load(actors)
    chosen = Config(config.as_dict())
    chosen.set("actors.dictionary", actors)
    return chosen


def ingest_records(
    records: Iterable[object],
    store: Store,
    *,
    source: str = "records",
    config: Config | None = None,
    defaults: Defaults | None = None,
    workers: int | None = None,
) -> IngestReport:
    """Code, link and store articles given as objects with the fields of a JSONL export
    (``text`` or ``html``, and ``url``, ``outlet``, ``title``, ``published``, ...)."""
    config = config or load_config()
    items = read_records(records, source=source, config=config, defaults=defaults)
    return ingest_items(items, store, config=config, workers=workers)


def ingest_items(
    items: Iterable[Item],
    store: Store,
    *,
    config: Config | None = None,
    workers: int | None = None,
    batch_size: int | None = None,
    on_batch: Callable[[IngestReport], None] | None = None,
) -> IngestReport:
    """Code, link and store a stream of articles and rejects; one transaction per batch."""
    config = config or load_config()
    size = int(batch_size or config.get("ingest.batch_size"))
    report = IngestReport()
    started = time.monotonic()
    index = ReprintIndex(float(config.get("ingest.near_duplicate")))
    dictionary = _dictionary(config)
    in_flight: deque[tuple[list[Marked], list[Reject], Callable[[], list[Coded]]]] = deque()
    pending_ids: set[str] = set()  # read, not yet stored

    def store_oldest() -> None:
        fresh, rejects, wait = in_flight.popleft()
        rows: list[CodedArticle] = []
        for marked, coded in zip(fresh, wait(), strict=True):
            rejects.extend(coded.notes)
            if coded.failure is not None:
                rejects.append(coded.failure)
                continue
            found = dictionary_overrides(coded.mentions, dictionary)
            rows.append(
                CodedArticle(
                    marked.article, marked.key, tuple(marked.bands), marked.signature, tuple(found)
                )
            )
            report.undated += marked.article.published is None
            report.no_outlet += not marked.article.outlet
        stored, failed = _write_guarded(store, rows, rejects, LinkSettings.from_config(config))
        report.mentions += stored
        done = [m.article.id for m in fresh]
        index.forget(done)
        release_memory()
        pending_ids.difference_update(done)
        report.new += len(rows) - failed
        for reject in rejects:
            if reject.reason == TRUNCATED:
                report.truncated += 1
            else:
                report.rejected += 1
            report.reasons[reject.reason] = report.reasons.get(reject.reason, 0) + 1
        report.batches += 1
        report.seconds = time.monotonic() - started
        if on_batch is not None:
            on_batch(report)

    with _coder(config, workers) as coder:
        for articles, rejects in _batches(items, size):
            report.read += len(articles) + len(rejects)
            known = store.known_articles([a.id for a in articles]) | pending_ids
            new: list[tuple[Article, tuple[int, ...]]] = []
            for article in articles:
                if article.id in known:
                    report.unchanged += 1
                    continue
                known.add(article.id)
                pending_ids.add(article.id)
                new.append((article, signature(article.text)))
            lookup = Prefetched(store, [band for _, sig in new for band in bands(sig)])
            fresh = [
                index.mark(a, lookup=lookup, sig=sig, stated=stated_original(a.text))
                for a, sig in new
            ]
            # the workers code this batch while the previous one is stored
            in_flight.append((fresh, rejects, coder.submit([m.article for m in fresh])))
            if len(in_flight) > 1:
                store_oldest()
            store.release()  # the file is free while the next batch is read and coded
        while in_flight:
            store_oldest()
        store.release()
    report.seconds = time.monotonic() - started
    if warning := report.missing_metadata():
        warnings.warn(warning, MetadataWarning, stacklevel=2)
    return report


def _write_guarded(
    store: Store, rows: list[CodedArticle], rejects: list[Reject], settings: LinkSettings
) -> tuple[int, int]:
    """Store a batch in one transaction; when that fails for a reason other than the database
    itself, store its articles one by one and reject the ones that fail (the rejects list
    grows). Returns (mentions stored, articles rejected here)."""
    from crosswire.errors import StoreError

    try:
        return store.write_batch(rows, rejects, settings), 0
    except StoreError:
        raise
    except Exception as exc:  # noqa: BLE001  (one article broke the batch: found below)
        logging.getLogger(__name__).warning("storing a batch failed (%s); one by one", exc)
    mentions = failed = 0
    for row in rows:
        try:
            mentions += store.write_batch([row], [], settings)
        except StoreError:
            raise
        except Exception as exc:  # noqa: BLE001  (the store stage guard: reject the article)
            rejects.append(failure(row.article, "store", exc))
            failed += 1
    store.record_rejects(rejects)
    return mentions, failed


def _batches(
    items: Iterable[Article | Reject], size: int
) -> Iterator[tuple[list[Article], list[Reject]]]:
    articles: list[Article] = []
    rejects: list[Reject] = []
    for item in items:
        if isinstance(item, Reject):
            rejects.append(item)
        else:
            articles.append(item)
        if len(articles) >= size or len(rejects) >= size:
            yield articles, rejects
            articles, rejects = [], []
    if articles or rejects:
        yield articles, rejects
