"""Coding articles: clean -> nlp -> events -> resolve, each article under one guard.

An exception on one article becomes a reject naming the article, the stage and the error code;
the others go on. Work per article is bounded (characters, sentences, mentions) before the
costly stages, and a cut is noted as a ``truncated`` reject while the article is kept. Worker
processes live for a whole run; when one dies (killed, out of memory, a crash in native code)
the pool is restarted and the articles of the lost chunk are retried one at a time, so only the
article that kills a worker is rejected.
"""

from __future__ import annotations

import logging
import multiprocessing
import re
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain, islice
from typing import TYPE_CHECKING

from crosswire.config import Config
from crosswire.errors import ConfigError, CrosswireError, StageError, WorkerCrashError
from crosswire.records import Article, Mention, Reject

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

TRUNCATED = "truncated"  # a note in the rejects table: the article was kept, cut to size
FAILED = "stage failed"
CRASHED = "worker crashed"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limits:
    """How much of one article is coded: text characters, sentences, event mentions, and the
    tokens of one sentence (longer ones are run-on text, tables or lists: no events are read
    from them, and walking their parse trees is quadratic); and how sure a mention must be."""

    max_chars: int = 100_000
    max_sentences: int = 2_000
    max_mentions: int = 500
    max_sentence_tokens: int = 250
    max_tokens: int = 30_000
    min_confidence: float = 0.45  # mentions below it are dropped (events.min_confidence)

    @classmethod
    def from_config(cls, config: Config) -> Limits:
        return cls(
            max_chars=int(config.get("nlp.max_chars")),
            max_sentences=int(config.get("nlp.max_sentences")),
            max_mentions=int(config.get("nlp.max_mentions")),
            max_sentence_tokens=int(config.get("nlp.max_sentence_tokens")),
            max_tokens=int(config.get("nlp.max_tokens")),
            min_confidence=float(config.get("events.min_confidence")),
        )


@dataclass
class Coded:
    """One article after coding: its mentions and notes, or the reject that stopped it."""

    article: Article
    mentions: list[Mention] = field(default_factory=list)
    notes: list[Reject] = field(default_factory=list)
    failure: Reject | None = None


def article_source(article: Article) -> str:
    return article.source or article.url or article.id


def failure(article: Article, stage: str, exc: BaseException) -> Reject:
    """The reject of an article a stage failed on: one line naming the error."""
    code = exc.code if isinstance(exc, CrosswireError) else StageError.code
    message = exc.message if isinstance(exc, CrosswireError) else str(exc)
    first = (message.splitlines() or [""])[0][:300]
    return Reject(
        article_source(article),
        stage,
        FAILED if not isinstance(exc, WorkerCrashError) else CRASHED,
        f"{type(exc).__name__}: {first}" if first else type(exc).__name__,
        article_id=article.id,
        code=code,
    )


def note(article: Article, stage: str, detail: str) -> Reject:
    return Reject(article_source(article), stage, TRUNCATED, detail, article_id=article.id)


PROFILES = ("accurate", "fast")
PRECISIONS = ("int8", "fp32")


@dataclass(frozen=True)
class Profile:
    """How events are coded: ``accurate`` (the shared encoder and its learned heads, with the
    encoder's weights in ``precision``) or ``fast`` (the rule path alone)."""

    name: str = "accurate"
    precision: str = "int8"

    def __post_init__(self) -> None:
        if self.name not in PROFILES:
            raise ConfigError(
                f"Unknown events.profile {self.name!r}.", fix=f"Use one of {', '.join(PROFILES)}."
            )
        if self.precision not in PRECISIONS:
            raise ConfigError(
                f"Unknown events.precision {self.precision!r}.",
                fix=f"Use one of {', '.join(PRECISIONS)}.",
            )

    @classmethod
    def from_config(cls, config: Config) -> Profile:
        return cls(str(config.get("events.profile")), str(config.get("events.precision")))


def build_nlp(model: str, profile: Profile = Profile()) -> Language:
    """The spaCy pipeline with crosswire's components appended: in the ``accurate`` profile the
    shared encoder, then events and resolve; the ``fast`` profile has no encoder. One per
    process for each model and profile."""
    return _built(model, profile)


@lru_cache(maxsize=4)
def _built(model: str, profile: Profile) -> Language:
    from crosswire.nlp import load_pipeline
    from crosswire.resolve.component import COMPONENT, EVENTS

    nlp = load_pipeline(model)
    if "parser" in nlp.pipe_names:
        from crosswire.nlp.lines import LINES

        nlp.add_pipe(LINES, before="parser")
    if profile.name == "accurate":
        from crosswire.nlp.component import ENCODER

        nlp.add_pipe(ENCODER, config={"precision": profile.precision})
    nlp.add_pipe(EVENTS)
    nlp.add_pipe(COMPONENT)
    return nlp


def _stage_of(component: str) -> str:
    from crosswire.resolve.component import COMPONENT, EVENTS

    return {EVENTS: "events", COMPONENT: "resolve"}.get(component, "nlp")


MAX_RUN = 32  # characters without a space before one is put in (the tokenizer is quadratic)
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN},}}")


def break_long_runs(text: str) -> str:
    """``text`` with every run of more than ``MAX_RUN`` non-space characters broken by spaces,
    keeping its length (offsets into the article stay right). No word is that long; runs
    like "?!?!…" or 5,000 quotes are, and spaCy's tokenizer takes time quadratic in a token's
    length (80,000 punctuation marks: 20 minutes)."""

    def cut(match: re.Match[str]) -> str:
        run = match.group(0)
        return "".join(" " if i % MAX_RUN == MAX_RUN - 1 else c for i, c in enumerate(run))

    return _LONG_RUN.sub(cut, text)


def make_doc(nlp: Language, article: Article, limits: Limits) -> Doc:
    """The article's text as a tokenised Doc: cut to ``limits.max_chars``, runs without spaces
    broken, capitals restored on all-lower-case or all-capital text, dateline masked (each
    step keeps the text's length, so offsets point into the article)."""
    from crosswire.nlp.dateline import mask_dateline
    from crosswire.resolve.casing import restore_case

    notes: list[tuple[str, str]] = []  # (stage, what was cut), filled by every stage
    text = article.text
    if len(text) > limits.max_chars:
        notes.append(("clean", f"kept the first {limits.max_chars} of {len(text)} characters"))
        text = text[: limits.max_chars]
    text, _ = mask_dateline(restore_case(break_long_runs(text)))
    doc = nlp.make_doc(text)
    if len(doc) > limits.max_tokens:  # punctuation runs: the parse needs memory per token
        notes.append(("clean", f"kept the first {limits.max_tokens} of {len(doc)} tokens"))
        doc = nlp.make_doc(text[: doc[limits.max_tokens].idx])
    doc._.article = article
    doc._.cw_limits = limits
    doc._.cw_notes = notes
    return doc


def parse_only(nlp: Language, text: str) -> Doc:
    """``text`` through the language stages of ``nlp`` only (no event coding), prepared as an
    article's text is (case restored, long runs broken)."""
    from crosswire.resolve.component import COMPONENT, EVENTS

    doc = make_doc(nlp, Article.create(text, outlet="parse"), Limits())
    for name, component in nlp.pipeline:
        if name not in (EVENTS, COMPONENT):
            doc = component(doc)
    return doc


def _result(doc: Doc, article: Article) -> Coded:
    notes = [note(article, stage, detail) for stage, detail in doc._.cw_notes or []]
    return Coded(article, list(doc._.cw_mentions or []), notes)


def code_one(nlp: Language, article: Article, limits: Limits) -> Coded:
    """One article through every stage, each under the guard."""
    stage = "clean"
    try:
        doc = make_doc(nlp, article, limits)
        for name, component in nlp.pipeline:
            stage = _stage_of(name)
            doc = component(doc)
        return _result(doc, article)
    except Exception as exc:
        log.debug("stage %s failed on %s", stage, article.id, exc_info=True)
        return Coded(article, failure=failure(article, stage, exc))


def code_articles(
    articles: Iterable[Article],
    *,
    model: str,
    limits: Limits,
    profile: Profile = Profile(),
    batch_size: int = 32,
) -> Iterator[Coded]:
    """Parse and code articles in this process, streaming, in input order.

    Batches go through ``nlp.pipe``; when anything in a batch fails, its articles are coded
    again one at a time so that only the failing one is rejected. BLAS runs on one thread
    meanwhile: the coder's matrices are small, and idle BLAS threads spinning on the other
    cores slowed the parse itself by a fifth (docs/benchmarks.md).
    """
    from threadpoolctl import threadpool_limits

    nlp = build_nlp(model, profile)
    iterator = iter(articles)
    with threadpool_limits(limits=1, user_api="blas"):
        while batch := list(islice(iterator, batch_size)):
            try:
                docs = nlp.pipe(((make_doc(nlp, a, limits), a) for a in batch), as_tuples=True)
                done = [_result(doc, article) for doc, article in docs]
            except Exception as exc:  # noqa: BLE001  (retried one by one, each guarded)
                log.debug("batch of %d failed (%s); coding one by one", len(batch), exc)
                done = [code_one(nlp, article, limits) for article in batch]
            yield from done


def _code_chunk(chunk: list[Article], model: str, limits: Limits, profile: Profile) -> list[Coded]:
    """A worker's task: code ``chunk``, then hand what it freed back to the system (without
    that, a worker's resident size crept from 0.9 to 1.3 GB over 1,000 articles)."""
    done = list(code_articles(chunk, model=model, limits=limits, profile=profile))
    release_memory()
    return done


def release_memory() -> None:
    """Hand memory freed by a stored batch back to the system (glibc keeps it otherwise, and a
    long run's resident size creeps up)."""
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            ctypes.CDLL("libc.so.6").malloc_trim(0)
        except (OSError, AttributeError) as exc:  # not glibc (musl): nothing to trim
            log.debug("malloc_trim unavailable: %s", exc)


def _start_worker(model: str, profile: Profile) -> None:
    """In a new worker: die with the parent (Linux; a killed ingest leaves no workers behind),
    then load the model once."""
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    if profile.name == "accurate":  # each worker runs its own encoder session on one thread
        from crosswire.nlp.encoder import use_threads

        use_threads(1)
    build_nlp(model, profile)


class Coder:
    """Parses and codes articles, in this process or on worker processes that live for the
    whole run (each has the model loaded once: inherited when processes fork, else loaded by
    the worker). ``submit`` returns at once, so the caller can store one batch while the
    workers code the next.
    """

    def __init__(
        self,
        *,
        model: str,
        limits: Limits,
        workers: int,
        profile: Profile = Profile(),
        chunk_size: int = 16,
    ) -> None:
        self.model, self.limits, self.workers = model, limits, workers
        self.profile = profile
        self.chunk_size = chunk_size
        self._pool: ProcessPoolExecutor | None = None
        self.restarts = 0

    def __enter__(self) -> Coder:
        return self

    def _start(self) -> ProcessPoolExecutor:
        """The pool, started on first need (a run too small to split never forks)."""
        if self._pool is None:
            fork = "fork" in multiprocessing.get_all_start_methods()
            if fork:
                build_nlp(self.model, self.profile)  # forked workers share the loaded model
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("fork" if fork else "spawn"),
                initializer=_start_worker,
                initargs=(self.model, self.profile),
            )
        return self._pool

    def _restart(self, broken: ProcessPoolExecutor) -> None:
        """Replace the pool when it is the one that broke (other chunks may have seen it
        first and restarted it already)."""
        if self._pool is broken:
            log.warning("a worker process died; restarting the pool")
            broken.shutdown(wait=False, cancel_futures=True)
            self._pool = None
            self.restarts += 1

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def _send(self, chunk: list[Article]) -> tuple[ProcessPoolExecutor, Future[list[Coded]]]:
        """``chunk`` submitted to the pool (restarted first when it is already broken)."""
        pool = self._start()
        try:
            return pool, pool.submit(_code_chunk, chunk, self.model, self.limits, self.profile)
        except BrokenProcessPool:
            self._restart(pool)
            pool = self._start()
            return pool, pool.submit(_code_chunk, chunk, self.model, self.limits, self.profile)

    def _wait(
        self, pool: ProcessPoolExecutor, future: Future[list[Coded]], chunk: list[Article]
    ) -> list[Coded]:
        try:
            return future.result()
        except BrokenProcessPool:
            self._restart(pool)
            return [self._alone(article) for article in chunk]

    def _alone(self, article: Article) -> Coded:
        """One article in a chunk of its own: a second death rejects just that article."""
        pool, future = self._send([article])
        try:
            return future.result()[0]
        except BrokenProcessPool:
            self._restart(pool)
            crash = WorkerCrashError("the worker process coding this article died")
            return Coded(article, failure=failure(article, "nlp", crash))

    def submit(self, articles: list[Article]) -> Callable[[], list[Coded]]:
        """Start coding ``articles``; the returned function waits for them, in input order."""
        if self.workers <= 1 or (self._pool is None and len(articles) <= self.chunk_size):
            return lambda: _code_chunk(articles, self.model, self.limits, self.profile)
        size = self.chunk_size
        chunks = [articles[i : i + size] for i in range(0, len(articles), size)]
        sent = [(*self._send(c), c) for c in chunks]
        return lambda: [coded for pool, f, c in sent for coded in self._wait(pool, f, c)]

    def map(self, articles: Iterable[Article]) -> Iterator[Coded]:
        """Every article coded, in input order, with a bounded number in flight."""
        iterator = iter(articles)
        first = list(islice(iterator, self.chunk_size))
        second = list(islice(iterator, self.chunk_size))
        if not second:  # one chunk: not worth a worker process
            yield from _code_chunk(first, self.model, self.limits, self.profile)
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


__all__ = [
    "CRASHED",
    "FAILED",
    "TRUNCATED",
    "Coded",
    "Coder",
    "Limits",
    "Profile",
    "build_nlp",
    "code_articles",
    "code_one",
    "failure",
]
