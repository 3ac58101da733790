"""Hand-built records for model-free tests."""

from __future__ import annotations

from datetime import date

from crosswire.link import ArticleInfo
from crosswire.records import ActorRef, Article, Event, Mention, Place


def actor(
    name: str,
    country: str,
    kind: str = "country",
    sector: str | None = None,
    role: str | None = None,
) -> ActorRef:
    return ActorRef(name, kind, country, sector, role, text=name).with_id()  # type: ignore[arg-type]


def mention(
    article: str,
    *,
    event: str = "CONSULT",
    day: date | None = date(2025, 3, 10),
    precision: str = "day",
    rule: str = "weekday",
    actors: tuple[ActorRef, ...] = (),
    recipients: tuple[ActorRef, ...] = (),
    start: int = 0,
    numbers: tuple[tuple[str, int], ...] = (),
    place: Place | None = None,
    modality: str = "asserted",
    negated: bool = False,
    trigger: str = "met",
    lemma: str = "",
    another: bool = False,
) -> Mention:
    return Mention(
        article_id=article,
        sentence=f"sentence of {article}",
        sent_start=start,
        sent_end=start + 20,
        trigger=trigger,
        trigger_start=start + 3,
        trigger_end=start + 3 + len(trigger),
        event=event,
        cameo="040",
        actors=actors,
        recipients=recipients,
        date=day,
        date_precision=precision,  # type: ignore[arg-type]
        date_text="on Monday",
        date_rule=rule,
        place=place,
        numbers=numbers,
        modality=modality,
        negated=negated,
        confidence=0.7,
        lemma=lemma,
        another=another,
    )  # type: ignore[arg-type]


def info(
    article: str, outlet: str, published: date | None = date(2025, 3, 11), key: str | None = None
) -> ArticleInfo:
    return ArticleInfo(
        article, key or outlet.lower(), outlet, f"https://{outlet}.example/", published
    )


def article(text: str, outlet: str, published: date | None = date(2025, 3, 11)) -> Article:
    return Article.create(
        text, outlet=outlet, published=published, url=f"https://{outlet}.example/"
    )


def coded_by_trigger(text: str, published: str | None = None) -> dict[str, Event]:
    """The events ``crosswire.code`` finds in ``text``, by the trigger of their first mention."""
    import crosswire

    return {e.mentions[0]["trigger"]: e for e in crosswire.code(text, published=published)}
