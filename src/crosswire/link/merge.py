"""A cluster of mentions -> one Event: best-supported values, counts and discrepancies."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from crosswire.events.ontology import quad_code, score
from crosswire.link.evidence import explicit_date
from crosswire.records import (
    ActorRef,
    Discrepancy,
    Event,
    Mention,
    Place,
    content_id,
    similar_names,
)

_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, None: 4}


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """What linking needs to know about an article: who published it, when, and as whose."""

    id: str
    source_key: str
    outlet: str | None
    url: str | None
    published: date | None


def _best_date(mentions: Sequence[Mention]) -> tuple[date | None, str | None, date | None]:
    votes: Counter[tuple[date, str | None, date | None]] = Counter()
    articles: dict[tuple[date, str | None, date | None], set[str]] = defaultdict(set)
    key: tuple[date, str | None, date | None]
    pool = [m for m in mentions if explicit_date(m)] or [m for m in mentions if m.date]
    for m in pool:
        assert m.date is not None
        key = (m.date, m.date_precision, m.enddate)
        articles[key].add(m.article_id)
    for key, ids in articles.items():
        votes[key] = len(ids)
    if not votes:
        return None, None, None
    best = min(votes, key=lambda k: (-votes[k], _PRECISION_RANK.get(k[1], 4), k[0]))
    return best


def _best_type(mentions: Sequence[Mention]) -> str:
    """The type most articles give the event (then most mentions, then alphabetical)."""
    articles: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        articles[m.event].add(m.article_id)
    counts = Counter(m.event for m in mentions)
    return min(articles, key=lambda t: (-len(articles[t]), -counts[t], t))


def _canonical_people(mentions: Sequence[Mention]) -> dict[str, ActorRef]:
    """Spelling variants of one person within an event -> the most used spelling."""
    spellings: Counter[str] = Counter()
    people: dict[str, ActorRef] = {}
    for m in mentions:
        for actor in (*m.actors, *m.recipients):
            if actor.kind == "person" and actor.role != actor.name:
                spellings[actor.actor_id] += 1
                people.setdefault(actor.actor_id, actor)
    order = sorted(people, key=lambda k: (-spellings[k], -len(people[k].name), k))
    canonical: dict[str, ActorRef] = {}
    heads: list[ActorRef] = []
    for key in order:
        actor = people[key]
        match = next(
            (
                h
                for h in heads
                if similar_names(actor.name, h.name) and actor.country in (h.country, None)
            ),
            None,
        )
        if match is None:
            heads.append(actor)
        canonical[key] = match or actor
    return canonical


def _countries(actors: Sequence[ActorRef]) -> Counter[str]:
    return Counter(a.country for a in actors if a.country)


def _oriented(mentions: Sequence[Mention]) -> list[tuple[Sequence[ActorRef], Sequence[ActorRef]]]:
    """Each mention's (sources, targets), turned round when the other mentions put its source
    countries on the receiving side and its target countries on the acting side: one outlet's
    "the Central Prosecutor's Office hosted the Russian delegation" is the host's side of the
    delegation's visit that the others report."""
    acting = Counter[str]()
    receiving = Counter[str]()
    for m in mentions:
        acting.update(_countries(m.actors))
        receiving.update(_countries(m.recipients))
    out: list[tuple[Sequence[ActorRef], Sequence[ActorRef]]] = []
    for m in mentions:
        mine_acting, mine_receiving = _countries(m.actors), _countries(m.recipients)
        others_acting, others_receiving = acting - mine_acting, receiving - mine_receiving
        keep = sum(others_acting[c] for c in mine_acting) + sum(
            others_receiving[c] for c in mine_receiving
        )
        turn = sum(others_receiving[c] for c in mine_acting) + sum(
            others_acting[c] for c in mine_receiving
        )
        out.append((m.recipients, m.actors) if turn > keep else (m.actors, m.recipients))
    return out


def _sides(mentions: Sequence[Mention]) -> tuple[list[ActorRef], list[ActorRef]]:
    """Each actor on the side its country takes in the event's mentions (each mention turned
    to agree with the others, ``_oriented``), else on the side most mentions put it on;
    ordered by how often it appears."""
    as_source: Counter[str] = Counter()
    as_target: Counter[str] = Counter()
    country_source: Counter[str] = Counter()
    country_target: Counter[str] = Counter()
    refs: dict[str, ActorRef] = {}
    canonical = _canonical_people(mentions)
    for acting, receiving in _oriented(mentions):
        for actor in acting:
            actor = canonical.get(actor.actor_id, actor)
            as_source[actor.actor_id] += 1
            refs.setdefault(actor.actor_id, actor)
        for actor in receiving:
            actor = canonical.get(actor.actor_id, actor)
            as_target[actor.actor_id] += 1
            refs.setdefault(actor.actor_id, actor)
        country_source.update(_countries(acting))
        country_target.update(_countries(receiving))
    named = [a for a in refs.values() if a.kind == "person" and a.role != a.name]
    for key, actor in list(refs.items()):
        if (
            actor.kind == "person"
            and actor.role == actor.name
            and any(n.country == actor.country and n.sector in (actor.sector, None) for n in named)
        ):
            del refs[key]  # "the Russian prosecutor" is the named prosecutor of this event

    def acts(key: str) -> bool:
        country = refs[key].country
        if country and country_source[country] != country_target[country]:
            return country_source[country] > country_target[country]
        return as_source[key] >= as_target[key]

    total = as_source + as_target
    order = sorted(refs, key=lambda k: (-total[k], refs[k].name))
    sources = [refs[k] for k in order if acts(k)]
    targets = [refs[k] for k in order if not acts(k)]
    return sources, targets


def _discrepancies(mentions: Sequence[Mention]) -> list[Discrepancy]:
    canonical = _canonical_people(mentions)
    fields: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for m in mentions:
        fields["event"][m.event].add(m.article_id)
        if explicit_date(m) and m.date_precision == "day" and m.date:
            fields["date"][m.date.isoformat()].add(m.article_id)
        if m.place is not None and m.place.precision == "city":
            fields["place"][m.place.name].add(m.article_id)
        for name, value in m.numbers:
            fields[name][str(value)].add(m.article_id)
        for actor in (*m.actors, *m.recipients):
            if actor.kind == "person" and actor.role != actor.name:
                key = canonical.get(actor.actor_id, actor).actor_id
                fields[f"name:{key}"][actor.name].add(m.article_id)
    found = []
    for name in sorted(fields):
        values = fields[name]
        if len(values) < 2:
            continue
        label = "actor_name" if name.startswith("name:") else name
        found.append(Discrepancy(label, {v: sorted(ids) for v, ids in sorted(values.items())}))
    return found


_FINER = {"venue": 0, "city": 1, "region": 2, "country": 3}


def _place(mentions: Sequence[Mention]) -> Place | None:
    """The country most mentions place the event in, at the finest place named in it: one
    report's "visited North Korea" and another's "in Pyongyang" are Pyongyang."""
    places = Counter(m.place for m in mentions if m.place is not None)
    if not places:
        return None
    countries = Counter[str | None]()
    for place, count in places.items():
        countries[place.country] += count
    country = min(countries, key=lambda c: (-countries[c], c or ""))
    return min(
        (p for p in places if p.country == country),
        key=lambda p: (_FINER.get(p.precision or "", 2), -places[p], p.name),
    )


def merge(mentions: Sequence[Mention], articles: Mapping[str, ArticleInfo], block: str) -> Event:
    """The event reported by ``mentions`` (one cluster of one block)."""
    ordered = sorted(
        mentions,
        key=lambda m: (
            articles[m.article_id].published or date.max if m.article_id in articles else date.max,
            m.article_id,
            m.trigger_start,
        ),
    )
    first = ordered[0]
    event_type = _best_type(ordered)
    cameo = Counter(m.cameo for m in ordered if m.event == event_type).most_common(1)[0][0]
    modes = Counter(m.mode for m in ordered if m.mode)
    mode = modes.most_common(1)[0][0] if modes else None
    contexts = sorted({c for m in ordered for c in m.context})
    when, precision, until = _best_date(ordered)
    sources, targets = _sides(ordered)
    article_ids = sorted({m.article_id for m in ordered})
    infos = [articles[a] for a in article_ids if a in articles]
    published = [i.published for i in infos if i.published]
    best_by_article: dict[str, float] = {}
    for m in ordered:
        best_by_article[m.article_id] = max(best_by_article.get(m.article_id, 0.0), m.confidence)
    doubt = 1.0
    for value in best_by_article.values():
        doubt *= 1.0 - value
    mention_rows = tuple(_mention_row(m, articles.get(m.article_id)) for m in ordered)
    return Event(
        id=content_id("ev", block, min(m.id for m in ordered)),
        event=event_type,
        cameo=cameo,
        quad_code=quad_code(event_type),
        event_scale=score(event_type, mode),
        date=when,
        date_precision=precision,  # type: ignore[arg-type]
        enddate=until,
        actors=tuple(sources),
        recipients=tuple(targets),
        mode=mode,
        context=tuple(contexts),
        event_loc=_place(ordered),
        negated=first.negated,
        modality=first.modality,
        confidence=round(min(0.99, 1.0 - doubt), 3),
        n_mentions=len(ordered),
        n_articles=len(article_ids),
        n_sources=len({i.source_key for i in infos}) or len(article_ids),
        first_reported=min(published) if published else None,
        mention_ids=tuple(m.id for m in ordered),
        discrepancies=tuple(_discrepancies(ordered)),
        block=block,
        mentions=mention_rows,
    )


def _mention_row(m: Mention, info: ArticleInfo | None) -> dict[str, object]:
    return {
        "mention_id": m.id,
        "article_id": m.article_id,
        "outlet": info.outlet if info else None,
        "url": info.url if info else None,
        "published": info.published.isoformat() if info and info.published else None,
        "text": m.sentence,
        "start": m.sent_start,
        "end": m.sent_end,
        "trigger": m.trigger,
        "trigger_start": m.trigger_start,
        "trigger_end": m.trigger_end,
        "date_text": m.date_text,
    }
