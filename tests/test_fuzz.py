"""Whatever text comes in, ``code()`` answers: no exception, no stage failure, sane events.

A hypothesis property over the whole coding path (random Unicode, huge tokens, nested quotes,
no sentences, only punctuation, names with particles and hyphens), and a corpus of awkward
texts written for this test. ``bench/fuzz.py`` runs the same property for minutes.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import crosswire
from crosswire.coding import Limits, code_articles
from crosswire.config import load_config
from crosswire.events.ontology import event_types
from crosswire.records import Article, Event

pytestmark = pytest.mark.slow

NAMES = [
    "Jean-Pierre de la Fontaine",
    "Ahmad bin Abdullah al-Rashid",
    "Maria dos Santos-Oliveira",
    "Ludwig van der Berg",
    "O'Neill",
    "Nguyễn Thị Minh Khai",
    "Kim Jong Un",
    "Cruz Maria Ortiz",
    "Abu Bakr",
    "Da Silva",
]
VERBS = ["met", "accused", "attacked", "signed a deal with", "visited", "condemned", "arrested"]
PLACES = ["Pyongyang", "Paris, Texas", "São Paulo", "the Hague", "N'Djamena", "Ulaanbaatar"]
WHEN = ["on Monday", "on 31 December 9999", "in 1649", "yesterday", "on 29 February 2023", ""]


@st.composite
def newsish(draw: st.DrawFn) -> str:
    """Sentences built from names with particles and hyphens, quotes within quotes, places
    and impossible dates, mixed with random Unicode, huge tokens and bare punctuation."""
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["sentence", "quote", "unicode", "token", "punct"]))
        if kind == "sentence":
            who, whom = draw(st.sampled_from(NAMES)), draw(st.sampled_from(NAMES))
            verb, where = draw(st.sampled_from(VERBS)), draw(st.sampled_from(PLACES))
            parts.append(f"{who} {verb} {whom} in {where} {draw(st.sampled_from(WHEN))}.")
        elif kind == "quote":
            depth = draw(st.integers(1, 12))
            inner = draw(st.sampled_from(NAMES)) + " said no"
            parts.append('"' * depth + inner + "\u201d" * depth + ", he said.")
        elif kind == "unicode":
            parts.append(draw(st.text(min_size=0, max_size=200)))
        elif kind == "token":
            parts.append(draw(st.sampled_from("xA-.'é")) * draw(st.integers(100, 5_000)))
        else:
            parts.append(draw(st.text(alphabet=".,;:!?-\u2014\"'()[]", max_size=300)))
    return " ".join(parts)


def sane(events: list[Event]) -> None:
    types = set(event_types())
    for event in events:
        assert event.event in types
        assert event.date is None or date(1800, 1, 1) <= event.date <= date(2200, 12, 31)
        assert event.actors and event.n_mentions >= 1


CONFIG = load_config(environ={})
CONFIG.set("ingest.workers", 1)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(newsish())
def test_code_answers_whatever_the_text(text: str) -> None:
    sane(crosswire.code(text, published="2025-03-11", outlet="Fuzz Wire", config=CONFIG))
    (coded,) = code_articles(
        [Article.create(text or " ")], model=str(CONFIG.get("nlp.model")), limits=Limits()
    )
    assert coded.failure is None, coded.failure


AWKWARD = [
    "",
    " \n\t ",
    "...",
    "?!?!",
    "\u200b\u200b\u200b",
    "Putin" * 4000,
    "The minister said: \u201cThey said \u2018we said \u201cno\u201d\u2019.\u201d",
    "NEW YORK (AP) \u2014",
    "Jean-Pierre de la Fontaine met Ludwig van der Berg in the Hague on 31 December 9999.",
    "Troops fired 1649 rounds near the border on Monday, officials said.",
    "Poland accused Russia. " * 3000,
    "\u0627\u0644\u0631\u0626\u064a\u0633 \u0627\u0644\u0645\u0635\u0631\u064a "
    "Egypt's president met Jordan's king in Cairo.",
    "Kim Jong Un met Sergei Shoigu in Pyongyang on 13 September 2023; Kim Jong Un said so.",
    "The the the the the the the the the the the the the the the the.",
    "A" + "-B" * 5000,
    "Mr. Smith met Dr. Jones at 5 p.m. on Jan. 3 in Washington, D.C., U.S.A., officials said.",
    "\x00\x01 control \x1b[31m characters \x07 in the middle of Kenya's talks with Uganda.",
    "\U0001f600 \U0001f4a5 Syria's army shelled Idlib \U0001f525 on Tuesday.",
]


@pytest.mark.parametrize("text", AWKWARD, ids=range(len(AWKWARD)))
def test_awkward_texts(text: str) -> None:
    sane(crosswire.code(text, published="2025-03-11", outlet="Awkward Wire", config=CONFIG))
    (coded,) = code_articles(
        [Article.create(text or " ")], model=str(CONFIG.get("nlp.model")), limits=Limits()
    )
    assert coded.failure is None, coded.failure


def test_code_refuses_an_impossible_publication_date() -> None:
    with pytest.raises(crosswire.CrosswireError, match=r"\[E204\] Not a date: 'soon'"):
        crosswire.code("Chile's president visited Lima on Monday.", published="soon")
    with pytest.raises(ValueError):  # DateError is also a ValueError
        crosswire.code("Chile's president visited Lima on Monday.", published="2025-02-30")
