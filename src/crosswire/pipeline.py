"""The ordered stages: ingest -> nlp -> events -> resolve -> link -> store.

``process(articles)`` runs them in memory and returns events; ``ingest(sources, store)`` streams
sources into a database batch by batch (one transaction each), with parallel workers.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import chain, islice
from typing import TYPE_CHECKING, Any

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
from crosswire.records import Article, Event, Mention, Reject
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
    """Parse and code articles in this process, streaming: (article, its mentions).

    BLAS runs on one thread meanwhile: the coder's matrices are small, and idle BLAS threads
    spinning on the other cores slowed the parse itself by a fifth (docs/benchmarks.md).
    """
    from threadpoolctl import threadpool_limits

    nlp = build_nlp(model)
    with threadpool_limits(limits=1, user_api="blas"):
        for doc, article in nlp.pipe(
            _docs(nlp, articles, max_chars), as_tuples=True, batch_size=batch_size
        ):
            yield article, list(doc._.cw_mentions or [])


def _release_memory() -> None:
    """Hand memory freed by a stored batch back to the system (glibc keeps it otherwise, and a
    long run's resident size creeps up)."""
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            ctypes.CDLL("libc.so.6").malloc_trim(0)
        except (OSError, AttributeError) as exc:  # not glibc (musl): nothing to trim
            logging.getLogger(__name__).debug("malloc_trim unavailable: %s", exc)


def _start_worker(model: str) -> None:
    """In a new worker: die with the parent (Linux; a killed ingest leaves no workers behind),
    then load the model once."""
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    build_nlp(model)


def _code_chunk(chunk: list[Article], model: str, max_chars: int) -> list[Coded]:
    return list(code_articles(chunk, model=model, max_chars=max_chars))


class Coder:
    """Parses and codes articles, in this process or on worker processes that live for the
    whole run (each has the model loaded once: inherited when processes fork, else loaded by
    the worker). ``submit`` returns at once, so the caller can store one batch while the
    workers code the next.
    """

    def __init__(self, *, model: str, max_chars: int, workers: int, chunk_size: int = 16) -> None:
        self.model, self.max_chars, self.workers = model, max_chars, workers
        self.chunk_size = chunk_size
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Coder:
        return self

    def _start(self) -> ProcessPoolExecutor:
        """The pool, started on first need (a run too small to split never forks)."""
        if self._pool is None:
            fork = "fork" in multiprocessing.get_all_start_methods()
            if fork:
                build_nlp(self.model)  # forked workers share the loaded model
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("fork" if fork else "spawn"),
                initializer=_start_worker,
                initargs=(self.model,),
            )
        return self._pool

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def submit(self, articles: list[Article]) -> Callable[[], list[Coded]]:
        """Start coding ``articles``; the returned function waits for them, in input order."""
        if self.workers <= 1 or (self._pool is None and len(articles) <= self.chunk_size):
            return lambda: _code_chunk(articles, self.model, self.max_chars)
        pool, size = self._start(), self.chunk_size
        futures = [
            pool.submit(_code_chunk, articles[i : i + size], self.model, self.max_chars)
            for i in range(0, len(articles), size)
        ]
        return lambda: [coded for future in futures for coded in future.result()]

    def map(self, articles: Iterable[Article]) -> Iterator[Coded]:
        """Every article coded, in input order, with a bounded number in flight."""
        iterator = iter(articles)
        first = list(islice(iterator, self.chunk_size))
        second = list(islice(iterator, self.chunk_size))
        if not second:  # one chunk: not worth a worker process
            yield from _code_chunk(first, self.model, self.max_chars)
            return
        if self.workers > 1:
            self._start()
        chunks = chain([first, second], iter(lambda: list(islice(iterator, self.chunk_size)), []))
        pending: deque[Callable[[], list[Coded]]] = deque()
        for chunk in chunks:
            pending.append(self.submit(chunk))
            if len(pending) >= 2 * max(1, self.workers):
                yield from pending.popleft()()
        while pending:
            yield from pending.popleft()()


def store_settings(config: Config) -> dict[str, Any]:
    """The settings ``Store.write_batch`` (and loading a dataset) link and group with."""
    return {
        "tolerance": int(config.get("link.date_tolerance_days")),
        "variant_similarity": float(config.get("actors.variant_similarity")),
        "story_threshold": float(config.get("link.story_threshold")),
        "story_window": int(config.get("link.story_window_days")),
    }


def resolve_workers(workers: int) -> int:
    return workers if workers > 0 else max(1, os.cpu_count() or 1)


def _coder(config: Config, workers: int | None) -> Coder:
    chosen = int(workers if workers is not None else config.get("ingest.workers"))
    return Coder(
        model=str(config.get("nlp.model")),
        max_chars=int(config.get("nlp.max_chars")),
        workers=resolve_workers(chosen),
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
    """Every event in ``articles``, linked in memory (no database)."""
    config = config or load_config()
    marked = list(_mark_reprints_in_memory(articles, float(config.get("ingest.near_duplicate"))))
    infos = {a.id: ArticleInfo(a.id, key, a.outlet, a.url, a.published) for a, key in marked}
    mentions: list[Mention] = []
    dictionary = _dictionary(config)
    with _coder(config, None) as coder:
        for _, found in coder.map(a for a, _ in marked):
            mentions.extend(dictionary_overrides(found, dictionary))
    return link(mentions, infos, tolerance=int(config.get("link.date_tolerance_days")))


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
    from crosswire.ingest.meta import parse_published

    article = Article.create(text, published=parse_published(published), outlet=outlet, url=url)
    return process([article], config=config)


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
    report = IngestReport()
    started = time.monotonic()
    index = ReprintIndex(float(config.get("ingest.near_duplicate")))
    dictionary = _dictionary(config)
    in_flight: deque[tuple[list[Marked], list[Reject], Callable[[], list[Coded]]]] = deque()
    pending_ids: set[str] = set()  # read, not yet stored

    def store_oldest() -> None:
        fresh, rejects, wait = in_flight.popleft()
        rows = [
            (m.article, m.key, m.bands, m.signature, dictionary_overrides(mentions, dictionary))
            for m, (_, mentions) in zip(fresh, wait(), strict=True)
        ]
        report.mentions += store.write_batch(rows, rejects, **store_settings(config))
        done = [m.article.id for m in fresh]
        index.forget(done)
        _release_memory()
        pending_ids.difference_update(done)
        report.new += len(rows)
        report.truncated += sum(r.reason == TRUNCATED for r in rejects)
        report.rejected += sum(r.reason != TRUNCATED for r in rejects)
        for reject in rejects:
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
        while in_flight:
            store_oldest()
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
