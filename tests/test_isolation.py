"""No article can stop a run: a stage that fails, and a worker process that dies, reject only
the article they were working on."""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

import crosswire
from crosswire.coding import CRASHED, FAILED, TRUNCATED, Limits, build_nlp, code_articles
from crosswire.config import Config
from crosswire.pipeline import ingest_items
from crosswire.records import Article

pytestmark = pytest.mark.slow

FAIL_WORD = "Zorblatt"  # a name no real article here contains
KILL_WORD = "Quaxmire"


@Language.component("test_fails_on_word")
def _fails_on_word(doc: Doc) -> Doc:
    if FAIL_WORD in doc.text:
        raise ValueError(f"cannot handle {FAIL_WORD}")
    return doc


@Language.component("test_kills_worker")
def _kills_worker(doc: Doc) -> Doc:
    # only in a worker process: the test process itself must survive
    if KILL_WORD in doc.text and multiprocessing.parent_process() is not None:
        os.kill(os.getpid(), signal.SIGKILL)
    return doc


@pytest.fixture
def broken_stage(config: Config) -> Iterator[str]:
    """The shipped pipeline with one extra component, inserted before the events stage."""
    nlp = build_nlp(str(config.get("nlp.model")))
    added = []
    for name in ("test_fails_on_word", "test_kills_worker"):
        nlp.add_pipe(name, before="crosswire_events")
        added.append(name)
    try:
        yield "ok"
    finally:
        for name in added:
            nlp.remove_pipe(name)


def corpus(n: int, *, bad: dict[int, str]) -> list[Article]:
    countries = ["Chile", "Peru", "Norway", "Kenya", "Ghana", "Nepal", "Laos", "Chad"]
    articles = []
    for i in range(n):
        a, b = countries[i % 8], countries[(i + 3) % 8]
        text = (
            f"The foreign minister of {a} met the ambassador of {b} on {i % 27 + 1} March 2025 "
            f"to discuss trade, officials said in report number {i}."
        )
        if i in bad:
            text += f" {bad[i]} was also present."
        articles.append(
            Article.create(text, outlet=f"Outlet {i % 5}", published=None, source=f"art{i}")
        )
    return articles


def test_a_failing_stage_rejects_only_its_article(broken_stage: str, config: Config) -> None:
    articles = corpus(6, bad={2: FAIL_WORD})
    coded = list(code_articles(articles, model=str(config.get("nlp.model")), limits=Limits()))
    assert [c.article.id for c in coded] == [a.id for a in articles]
    failures = [c.failure for c in coded if c.failure is not None]
    assert len(failures) == 1
    (reject,) = failures
    assert (reject.article_id, reject.source, reject.stage, reject.code, reject.reason) == (
        articles[2].id,
        "art2",
        "nlp",
        "E800",
        FAILED,
    )
    assert reject.detail == f"ValueError: cannot handle {FAIL_WORD}"
    assert all(c.mentions for c in coded if c.failure is None)


def test_a_killed_worker_rejects_only_its_article(
    broken_stage: str, config: Config, tmp_path: Path
) -> None:
    articles = corpus(40, bad={5: KILL_WORD, 30: FAIL_WORD})
    with crosswire.open(tmp_path / "k.duckdb") as db:
        report = ingest_items(articles, db, config=config, workers=2)
        stored = {r["id"] for r in db.articles(limit=None)}
        rejects = db.rejects(limit=None)
    assert stored == {a.id for i, a in enumerate(articles) if i not in (5, 30)}
    assert (report.new, report.rejected) == (38, 2)
    assert sorted((r["article_id"], r["stage"], r["reason"], r["code"]) for r in rejects) == sorted(
        [(articles[5].id, "nlp", CRASHED, "E801"), (articles[30].id, "nlp", FAILED, "E800")]
    )


def test_bounds_cut_work_and_note_it(config: Config) -> None:
    text = "Poland accused Russia of spying. " * 300
    article = Article.create(text, source="long.txt")
    limits = Limits(max_chars=5_000, max_sentences=50, max_mentions=20)
    (coded,) = code_articles([article], model=str(config.get("nlp.model")), limits=limits)
    assert coded.failure is None
    assert len(coded.mentions) <= 20 and coded.mentions
    assert [(n.stage, n.reason, n.detail) for n in coded.notes] == [
        ("clean", TRUNCATED, f"kept the first 5000 of {len(text)} characters"),
        ("events", TRUNCATED, "coded the first 50 of 152 sentences"),
        ("resolve", TRUNCATED, "resolved the first 20 of 50 event frames"),
    ]
