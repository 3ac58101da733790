"""One person, several spellings: transliteration variants (Choe/Choi, Ryzhenkov/Ruzenkov)
joined to one actor when their country and their role or sector agree, never by spelling alone.
This is linking's identity across documents: ``join_people`` points a batch's people at the ones
already on record (the store supplies those), before the batch is stored and linked."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from difflib import SequenceMatcher

from crosswire.records import ActorRef, CodedArticle, Mention, fold


def _similar(a: str, b: str, threshold: float) -> bool:
    a, b = fold(a), fold(b)
    if a == b:
        return True
    pa, pb = a.split(), b.split()
    if len(pa) != len(pb) or any(x[:1] != y[:1] for x, y in zip(pa, pb, strict=True)):
        return False
    return SequenceMatcher(None, a, b).ratio() >= threshold


def _agree(a: ActorRef, b: ActorRef) -> bool:
    if not a.country or a.country != b.country:
        return False
    if a.role and b.role and fold(a.role) == fold(b.role):
        return True
    return bool(a.sector) and a.sector == b.sector


def canonical_people(
    batch: Iterable[ActorRef], known: Iterable[ActorRef], threshold: float
) -> dict[str, ActorRef]:
    """actor id -> the earlier-known actor it is a spelling of, for named people."""
    pool = [a for a in known if a.kind == "person"]
    mapping: dict[str, ActorRef] = {}
    for actor in batch:
        if actor.kind != "person" or actor.actor_id in mapping or len(actor.name.split()) < 2:
            continue
        for other in pool:
            if other.actor_id == actor.actor_id:
                break
            if _agree(actor, other) and _similar(actor.name, other.name, threshold):
                mapping[actor.actor_id] = other
                break
        else:
            pool.append(actor)
    return mapping


def rename(mention: Mention, mapping: dict[str, ActorRef]) -> Mention:
    """The mention with variant spellings pointed at their canonical actor's id. The spelling
    itself stays (as the name and text), so reports that disagree on it still show it."""
    if not mapping:
        return mention

    def one(actor: ActorRef) -> ActorRef:
        target = mapping.get(actor.actor_id)
        if target is None:
            return actor
        return dataclasses.replace(actor, actor_id=target.actor_id)

    return dataclasses.replace(
        mention,
        actors=tuple(one(a) for a in mention.actors),
        recipients=tuple(one(a) for a in mention.recipients),
    )


def people_of(coded: Iterable[CodedArticle]) -> list[ActorRef]:
    """Every actor of the coded articles' mentions, in order."""
    return [a for c in coded for m in c.mentions for a in (*m.actors, *m.recipients)]


def join_people(
    coded: list[CodedArticle], known: Iterable[ActorRef], threshold: float
) -> list[CodedArticle]:
    """The coded articles with each spelling variant of a person pointed at the actor on record
    (``known``, earliest first) or at its first spelling in the batch."""
    mapping = canonical_people(people_of(coded), known, threshold)
    if not mapping:
        return coded
    return [
        dataclasses.replace(c, mentions=tuple(rename(m, mapping) for m in c.mentions))
        for c in coded
    ]
