"""The ordered stages: ingest -> nlp -> events -> resolve -> link -> store.

``process(articles)`` runs them in memory and returns events; ``ingest(sources, store)`` streams
sources into a database batch by batch (one transaction each), with parallel workers.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING

from crosswire.config import Config, load_config
from crosswire.ingest import (
    Defaults,
    Item,
    bands,
    read,
    read_records,
    signature,
    similarity,
    stated_original,
)
from crosswire.link import ArticleInfo, link
from crosswire.records import Article, Event, Mention, Reject, fold
from crosswire.resolve.dictionary import ActorDictionary

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from crosswire.store import Store

TRUNCATED = "truncated"  # a note in the rejects table: the article was kept, cut to size
STAGES = ("ingest", "nlp", "events", "resolve", "link", "store")
Coded = tuple[Article, list[Mention]]


@lru_cache(maxsize=2)
def build_nlp(model: str) -> Language:
    """The spaCy pipeline with crosswire's events and resolve components appended."""
    from crosswire.nlp import load_base
    from crosswire.resolve.component import COMPONENT, EVENTS

    nlp = load_base(model)
    if EVENTS not in nlp.pipe_names:
        nlp.add_pipe(EVENTS)
        nlp.add_pipe(COMPONENT)
    return nlp


def _docs(
    nlp: Language, articles: Iterable[Article], max_chars: int
) -> Iterator[tuple[Doc, Article]]:
    from crosswire.nlp.dateline import mask_dateline

    for article in articles:
        text, _ = mask_dateline(article.text[:max_chars])
        doc = nlp.make_doc(text)
        doc._.article = article
        yield doc, article


def code_articles(
    articles: Iterable[Article], *, model: str, max_chars: int, batch_size: int = 32
) -> Iterator[Coded]:
    """Parse and code articles in this process, streaming: (article, its mentions)."""
    nlp = build_nlp(model)
    for doc, article in nlp.pipe(
        _docs(nlp, articles, max_chars), as_tuples=True, batch_size=batch_size
    ):
        yield article, list(doc._.cw_mentions or [])


def _code_chunk(chunk: list[Article], model: str, max_chars: int) -> list[Coded]:
    return list(code_articles(chunk, model=model, max_chars=max_chars))


def code_parallel(
    articles: Iterable[Article], *, model: str, max_chars: int, workers: int, chunk_size: int = 16
) -> Iterator[Coded]:
    """Like ``code_articles`` on ``workers`` processes, in input order, with bounded memory."""
    if workers <= 1:
        yield from code_articles(articles, model=model, max_chars=max_chars)
        return
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    iterator = iter(articles)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        pending: list[Future[list[Coded]]] = []
        while True:
            while len(pending) < 2 * workers:
                chunk = list(islice(iterator, chunk_size))
                if not chunk:
                    break
                pending.append(pool.submit(_code_chunk, chunk, model, max_chars))
            if not pending:
                break
            yield from pending.pop(0).result()


def resolve_workers(workers: int) -> int:
    return workers if workers > 0 else max(1, os.cpu_count() or 1)


# -- in memory --------------------------------------------------------------------------------


def _dictionary(config: Config) -> ActorDictionary | None:
    path = str(config.get("actors.dictionary") or "")
    return ActorDictionary.load(path) if path else None


def _overridden(mentions: list[Mention], dictionary: ActorDictionary | None) -> list[Mention]:
    if dictionary is None:
        return mentions
    return [dictionary.apply_mention(m) for m in mentions]


def process(articles: Iterable[Article], *, config: Config | None = None) -> list[Event]:
    """Every event in ``articles``, linked in memory (no database)."""
    config = config or load_config()
    marked = list(_mark_reprints_in_memory(articles, float(config.get("ingest.near_duplicate"))))
    infos = {a.id: ArticleInfo(a.id, key, a.outlet, a.url, a.published) for a, key in marked}
    mentions: list[Mention] = []
    dictionary = _dictionary(config)
    for _, found in code_parallel(
        (a for a, _ in marked),
        model=str(config.get("nlp.model")),
        max_chars=int(config.get("nlp.max_chars")),
        workers=resolve_workers(int(config.get("ingest.workers"))),
    ):
        mentions.extend(_overridden(found, dictionary))
    return link(mentions, infos, tolerance=int(config.get("link.date_tolerance_days")))


def _mark_reprints_in_memory(
    articles: Iterable[Article], threshold: float
) -> Iterator[tuple[Article, str]]:
    seen: dict[str, tuple[Article, str]] = {}
    index = ReprintIndex(threshold)
    for article in articles:
        if article.id in seen:
            continue
        article, key = index.mark(article, lookup=None)
        seen[article.id] = (article, key)
        yield article, key


def code(
    text: str,
    *,
    published: date | str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    config: Config | None = None,
) -> list[Event]:
    """Events in one text, without a database (for notebooks and quick checks)."""
    from crosswire.ingest.meta import parse_published

    article = Article.create(text, published=parse_published(published), outlet=outlet, url=url)
    return process([article], config=config)


# -- into a database ----------------------------------------------------------------------------


class ReprintIndex:
    """Marks reprints: a stated original outlet, or near-duplicate text of a known article."""

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self._bands: dict[str, list[tuple[str, tuple[int, ...]]]] = {}
        self._keys: dict[str, tuple[str, str | None]] = {}
        self.last: tuple[list[str], str] = ([], "")

    def mark(self, article: Article, *, lookup: Store | None) -> tuple[Article, str]:
        stated = stated_original(article.text)
        if stated and fold(stated) != fold(article.outlet or ""):
            article = replace(article, original_outlet=stated)
        sig = signature(article.text)
        keys = bands(sig)
        self.last = (keys, ",".join(str(v) for v in sig))
        best: tuple[float, str] | None = None
        candidates = [c for k in keys for c in self._bands.get(k, [])]
        if lookup is not None:
            candidates += [
                (aid, tuple(int(v) for v in s.split(",") if v))
                for aid, s in lookup.band_matches(keys)
            ]
        for other_id, other_sig in candidates:
            if other_id == article.id:
                continue
            score = similarity(sig, other_sig)
            if score >= self.threshold and (best is None or (score, other_id) > best):
                best = (score, other_id)
        key = fold(article.original_outlet or article.outlet or article.url or article.id)
        if best is not None:
            other = self._keys.get(best[1]) or (lookup.source_key_of(best[1]) if lookup else None)
            if other is not None:
                key = other[0]
                original = article.original_outlet
                if original is None and other[1] and fold(other[1]) != fold(article.outlet or ""):
                    original = other[1]
                article = replace(article, reprint_of=best[1], original_outlet=original)
        for band in keys:
            self._bands.setdefault(band, []).append((article.id, sig))
        self._keys[article.id] = (key, article.outlet)
        return article, key


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
        }


def ingest(
    sources: Iterable[str],
    store: Store,
    *,
    config: Config | None = None,
    defaults: Defaults | None = None,
    workers: int | None = None,
    batch_size: int | None = None,
    on_batch: Callable[[IngestReport], None] | None = None,
) -> IngestReport:
    """Read, code, link and store every source; one transaction per batch."""
    config = config or load_config()
    items = read(sources, config=config, defaults=defaults)
    return ingest_items(
        items, store, config=config, workers=workers, batch_size=batch_size, on_batch=on_batch
    )


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
    n_workers = resolve_workers(
        int(workers if workers is not None else config.get("ingest.workers"))
    )
    tolerance = int(config.get("link.date_tolerance_days"))
    report = IngestReport()
    started = time.monotonic()
    index = ReprintIndex(float(config.get("ingest.near_duplicate")))
    dictionary = _dictionary(config)
    stream = _batches(items, size)
    for articles, rejects in stream:
        report.read += len(articles) + len(rejects)
        known = store.known_articles([a.id for a in articles])
        fresh: list[tuple[Article, str, list[str], str]] = []
        seen: set[str] = set()
        for article in articles:
            if article.id in known or article.id in seen:
                report.unchanged += 1
                continue
            seen.add(article.id)
            marked, key = index.mark(article, lookup=store)
            fresh.append((marked, key, *index.last))
        coded = code_parallel(
            (a for a, *_ in fresh),
            model=str(config.get("nlp.model")),
            max_chars=int(config.get("nlp.max_chars")),
            workers=n_workers,
        )
        rows = [
            (article, key, keys, sig, _overridden(mentions, dictionary))
            for (article, key, keys, sig), (_, mentions) in zip(fresh, coded, strict=True)
        ]
        report.mentions += store.write_batch(
            rows,
            rejects,
            tolerance=tolerance,
            variant_similarity=float(config.get("actors.variant_similarity")),
            story_threshold=float(config.get("link.story_threshold")),
            story_window=int(config.get("link.story_window_days")),
        )
        report.new += len(rows)
        report.truncated += sum(r.reason == TRUNCATED for r in rejects)
        report.rejected += sum(r.reason != TRUNCATED for r in rejects)
        for reject in rejects:
            report.reasons[reject.reason] = report.reasons.get(reject.reason, 0) + 1
        report.batches += 1
        report.seconds = time.monotonic() - started
        if on_batch is not None:
            on_batch(report)
    report.seconds = time.monotonic() - started
    return report


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
