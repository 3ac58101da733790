"""A small database of hand-written reports for the HTTP API and web UI tests (no model)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from crosswire.records import ActorRef, Article, CodedArticle, Mention, Place
from crosswire.store import Store, source_key
from tests.builders import actor

NOR, VNM = actor("Norway", "NOR"), actor("Vietnam", "VNM")
POL, RUS = actor("Poland", "POL"), actor("Russia", "RUS")
HOSTILE_TITLE = '<script>alert("title")</script> Warsaw expels envoys'
HOSTILE_TEXT = "<img src=x onerror=alert(1)>"
HOSTILE_URL = "javascript:alert('url')"  # stored by an older crosswire: never a link now


def report(
    text: str,
    *,
    outlet: str,
    published: date,
    event: str,
    trigger: str,
    actors: tuple[ActorRef, ...],
    recipients: tuple[ActorRef, ...],
    day: date,
    date_text: str,
    place: Place | None = None,
    title: str | None = None,
    url: str | None = None,
) -> tuple[Article, Mention]:
    """One article whose whole text is one sentence reporting one event."""
    article = Article.create(
        text,
        outlet=outlet,
        published=published,
        url=url or f"https://{outlet.lower()}.example/a",
        title=title or f"{outlet} report",
    )
    at = text.index(trigger)
    mention = Mention(
        article_id=article.id,
        sentence=text,
        sent_start=0,
        sent_end=len(text),
        trigger=trigger,
        trigger_start=at,
        trigger_end=at + len(trigger),
        event=event,
        cameo="040" if event == "CONSULT" else "172",
        actors=actors,
        recipients=recipients,
        date=day,
        date_precision="day",
        date_text=date_text,
        date_rule="weekday",
        place=place,
        confidence=0.8,
    )
    return article, mention


def reports() -> list[tuple[Article, Mention]]:
    hanoi = Place("Hanoi", "VNM", 21.03, 105.85, "city")
    warsaw = Place("Warsaw", "POL", 52.23, 21.01, "city")
    return [
        report(
            "Norway's trade minister met Vietnamese officials in Hanoi on Monday.",
            outlet="Harbor Post",
            published=date(2025, 3, 11),
            event="CONSULT",
            trigger="met",
            actors=(NOR,),
            recipients=(VNM,),
            day=date(2025, 3, 10),
            date_text="on Monday",
            place=hanoi,
        ),
        report(
            "Vietnam welcomed a Norwegian delegation: Norway held talks in Hanoi on Tuesday.",
            outlet="Meridian",
            published=date(2025, 3, 12),
            event="CONSULT",
            trigger="held talks",
            actors=(NOR,),
            recipients=(VNM,),
            day=date(2025, 3, 11),
            date_text="on Tuesday",
            place=hanoi,
        ),
        report(
            "Norway met Vietnam again in Hanoi in May to review the accord.",
            outlet="Harbor Post",
            published=date(2025, 5, 20),
            event="CONSULT",
            trigger="met",
            actors=(NOR,),
            recipients=(VNM,),
            day=date(2025, 5, 19),
            date_text="in May",
            place=hanoi,
        ),
        report(
            f"Poland expelled Russia's envoys from Warsaw on Friday. {HOSTILE_TEXT}",
            outlet="Baltic Wire",
            published=date(2025, 4, 5),
            event="SANCTION",
            trigger="expelled",
            actors=(POL,),
            recipients=(RUS,),
            day=date(2025, 4, 4),
            date_text="on Friday",
            place=warsaw,
            title=HOSTILE_TITLE,
            url=HOSTILE_URL,
        ),
    ]


def build(path: Path) -> Path:
    """Write the reports to a new database at ``path``."""
    with Store(path) as store:
        rows = [CodedArticle(a, source_key(a), (), "", (m,)) for a, m in reports()]
        store.write_batch(rows, [])
    return path
