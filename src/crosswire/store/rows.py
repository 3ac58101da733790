"""Records <-> database rows. Nested values are stored as JSON text."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from crosswire.records import ActorRef, Discrepancy, Event, Mention, Place


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def mention_to_json(m: Mention) -> str:
    return json.dumps(
        {
            "article_id": m.article_id,
            "sentence": m.sentence,
            "sent_start": m.sent_start,
            "sent_end": m.sent_end,
            "trigger": m.trigger,
            "trigger_start": m.trigger_start,
            "trigger_end": m.trigger_end,
            "event": m.event,
            "cameo": m.cameo,
            "mode": m.mode,
            "context": list(m.context),
            "actors": [a.to_dict() for a in m.actors],
            "recipients": [a.to_dict() for a in m.recipients],
            "date": _iso(m.date),
            "date_precision": m.date_precision,
            "date_text": m.date_text,
            "date_rule": m.date_rule,
            "enddate": _iso(m.enddate),
            "place": m.place.to_dict() if m.place else None,
            "negated": m.negated,
            "modality": m.modality,
            "attribution": m.attribution,
            "reciprocal": m.reciprocal,
            "confidence": m.confidence,
            "numbers": [list(n) for n in m.numbers],
            "lemma": m.lemma,
            "another": m.another,
        },
        ensure_ascii=False,
    )


def mention_from_json(text: str) -> Mention:
    d = json.loads(text)
    return Mention(
        article_id=d["article_id"],
        sentence=d["sentence"],
        sent_start=d["sent_start"],
        sent_end=d["sent_end"],
        trigger=d["trigger"],
        trigger_start=d["trigger_start"],
        trigger_end=d["trigger_end"],
        event=d["event"],
        cameo=d["cameo"],
        mode=d["mode"],
        context=tuple(d["context"]),
        actors=tuple(ActorRef.from_dict(a) for a in d["actors"]),
        recipients=tuple(ActorRef.from_dict(a) for a in d["recipients"]),
        date=_date(d["date"]),
        date_precision=d["date_precision"],
        date_text=d["date_text"],
        date_rule=d["date_rule"],
        enddate=_date(d["enddate"]),
        place=Place.from_dict(d["place"]),
        negated=d["negated"],
        modality=d["modality"],
        attribution=d["attribution"],
        reciprocal=bool(d.get("reciprocal", False)),
        confidence=d["confidence"],
        numbers=tuple((str(n[0]), int(n[1])) for n in d["numbers"]),
        lemma=str(d.get("lemma", "")),
        another=bool(d.get("another", False)),
    )


EVENT_COLUMNS = (
    "id",
    "block",
    "date",
    "date_precision",
    "enddate",
    "event",
    "cameo",
    "quad_code",
    "event_scale",
    "mode",
    "context",
    "actors",
    "recipients",
    "event_loc",
    "negated",
    "modality",
    "confidence",
    "n_mentions",
    "n_articles",
    "n_sources",
    "first_reported",
    "discrepancies",
    "search",
)


def event_to_row(e: Event) -> tuple[Any, ...]:
    people = " ".join(
        f"{a.name} {a.role or ''} {a.country or ''}" for a in (*e.actors, *e.recipients)
    )
    return (
        e.id,
        e.block,
        e.date,
        e.date_precision,
        e.enddate,
        e.event,
        e.cameo,
        e.quad_code,
        e.event_scale,
        e.mode,
        json.dumps(list(e.context)),
        json.dumps([a.to_dict() for a in e.actors], ensure_ascii=False),
        json.dumps([a.to_dict() for a in e.recipients], ensure_ascii=False),
        json.dumps(e.event_loc.to_dict(), ensure_ascii=False) if e.event_loc else None,
        e.negated,
        e.modality,
        e.confidence,
        e.n_mentions,
        e.n_articles,
        e.n_sources,
        e.first_reported,
        json.dumps([d.to_dict() for d in e.discrepancies], ensure_ascii=False),
        f"{e.event} {people} {e.event_loc.name if e.event_loc else ''}".lower(),
    )


def event_from_row(row: dict[str, Any], mentions: tuple[dict[str, Any], ...] = ()) -> Event:
    return Event(
        id=row["id"],
        event=row["event"],
        cameo=row["cameo"],
        quad_code=row["quad_code"],
        event_scale=row["event_scale"],
        date=_date(row["date"]),
        date_precision=row["date_precision"],
        enddate=_date(row["enddate"]),
        actors=tuple(ActorRef.from_dict(a) for a in json.loads(row["actors"])),
        recipients=tuple(ActorRef.from_dict(a) for a in json.loads(row["recipients"])),
        mode=row["mode"],
        context=tuple(json.loads(row["context"] or "[]")),
        event_loc=Place.from_dict(json.loads(row["event_loc"])) if row["event_loc"] else None,
        negated=row["negated"],
        modality=row["modality"],
        confidence=row["confidence"],
        n_mentions=row["n_mentions"],
        n_articles=row["n_articles"],
        n_sources=row["n_sources"],
        first_reported=_date(row["first_reported"]),
        discrepancies=tuple(
            Discrepancy(d["field"], d["values"]) for d in json.loads(row["discrepancies"])
        ),
        block=row["block"],
        mentions=mentions,
    )


def sentence_marks(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Where a stored mention's trigger, actors and date sit in its sentence: sorted,
    non-overlapping ``{"start", "end", "kind"}`` offsets into ``data["sentence"]``.

    The trigger's offsets are stored; actor and date texts are found in the sentence (first
    occurrence, longest first), and a span overlapping one already marked is left out.
    """
    sentence = str(data["sentence"])
    base = int(data["sent_start"])
    taken: list[tuple[int, int, str]] = []

    def add(start: int, end: int, kind: str) -> None:
        if 0 <= start < end <= len(sentence) and all(end <= s or start >= e for s, e, _ in taken):
            taken.append((start, end, kind))

    add(int(data["trigger_start"]) - base, int(data["trigger_end"]) - base, "trigger")
    texts = [
        (kind, str(a.get("text") or a["name"]))
        for kind in ("actor", "recipient")
        for a in data[f"{kind}s"]
    ]
    if data.get("date_text"):
        texts.append(("date", str(data["date_text"])))
    for kind, text in sorted(texts, key=lambda item: -len(item[1])):
        found = sentence.find(text) if text.strip() else -1
        if found >= 0:
            add(found, found + len(text), kind)
    return [{"start": s, "end": e, "kind": k} for s, e, k in sorted(taken)]
