"""Where an event happened: a learned choice among the toponyms of its sentence.

Every toponym of the trigger's sentence (``geoparse.find_toponyms``, less those that name an
actor or only label an affair such as "the Gaza ceasefire") is a candidate. A logistic
regression (``data/models/place.npz``, trained by ``crosswire train place`` on the
event_location sentences) scores each one from how it hangs off the trigger in the parse: the
preposition that governs it and what that preposition attaches to, the dependency path and its
length, the distance and direction in words, its own role (a possessor or a modifier such as
"Iraqi policemen" rarely says where), its kind of place and its rank among the candidates. The
best candidate is the event's place when the model gives it at least even odds; else the
sentence does not say where.

This module is the one place that decides an event's toponym: the pipeline
(``resolve.places``), ``crosswire eval event-location`` and training all call
``event_toponym`` and ``candidates``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Token

from crosswire.errors import ModelError
from crosswire.events.model import LinearModel, bundled, bundled_path
from crosswire.resolve.geoparse import Toponym, names_an_affair
from crosswire.resolve.placeindex import CITY

MODEL = "place"
#: The model must give the best candidate at least this probability of being the place.
THRESHOLD = 0.5
_MAX_HOPS = 8


def candidates(
    doc: Doc, trigger_index: int, toponyms: Iterable[Toponym], actor_tokens: frozenset[int]
) -> list[Toponym]:
    """The toponyms of the trigger's sentence that could say where its event happened."""
    sentence = doc[trigger_index].sent
    return [
        t
        for t in toponyms
        if t.token_start >= 0
        and sentence.start <= t.token_start < sentence.end
        and not (set(range(t.token_start, t.token_end)) & actor_tokens)
        and not names_an_affair(doc, t)
    ]


def _root(doc: Doc, toponym: Toponym) -> Token:
    return doc[toponym.token_start : toponym.token_end].root


def _up(token: Token) -> list[Token]:
    """The token and its ancestors, nearest first."""
    return [token, *token.ancestors]


def _path(trigger: Token, root: Token) -> tuple[list[str], list[str]] | None:
    """Dependency labels from the trigger up to the lowest common ancestor, and from there down
    to the toponym (None when they share no ancestor)."""
    from_trigger = _up(trigger)
    index = {t.i: n for n, t in enumerate(from_trigger)}
    for n, token in enumerate(_up(root)):
        if token.i in index:
            up = [t.dep_ for t in from_trigger[: index[token.i]]]
            down = [t.dep_ for t in _up(root)[:n]]
            return up, down
    return None


def _preposition(root: Token) -> Token | None:
    """The preposition governing the toponym, looking through up to three nouns ("at a hall
    in Hanoi" gives "in"; "in the north of Mali" gives "in" through "of")."""
    for token in _up(root)[1:5]:
        if token.dep_ == "prep" or token.pos_ == "ADP":
            return token
        if token.pos_ == "VERB":
            break
    return None


def features(
    doc: Doc, trigger_index: int, toponym: Toponym, others: Sequence[Toponym]
) -> dict[str, float]:
    """What the model knows about ``toponym`` as the place of the event at ``trigger_index``."""
    trigger, root = doc[trigger_index], _root(doc, toponym)
    feats: dict[str, float] = {"bias": 1.0}
    feats[f"label={toponym.label}"] = 1.0
    kind = toponym.place.kind if toponym.place is not None else "unknown"
    feats[f"kind={kind}"] = 1.0
    feats[f"dep={root.dep_}"] = 1.0
    feats[f"dep={root.dep_}|head={root.head.pos_}"] = 1.0
    feats[f"trigger={trigger.pos_}|{trigger.dep_}"] = 1.0
    feats[f"lemma={trigger.lemma_.lower()}"] = 1.0
    gap = toponym.token_start - trigger_index
    side = "after" if gap > 0 else "before"
    words = abs(gap)
    bucket = "1" if words <= 1 else "3" if words <= 3 else "6" if words <= 6 else "12"
    bucket = bucket if words <= 12 else "far"
    feats[f"gap={side}{bucket}"] = 1.0
    prep = _preposition(root)
    if prep is None:
        feats["prep=none"] = 1.0
    else:
        word = prep.lower_
        feats[f"prep={word}"] = 1.0
        attach = prep.head
        where = (
            "trigger"
            if attach.i == trigger_index
            else "ancestor"
            if attach.is_ancestor(trigger)
            else "below"
            if trigger.is_ancestor(attach)
            else "elsewhere"
        )
        feats[f"prep={word}|on={where}"] = 1.0
        feats[f"on={where}"] = 1.0
        feats[f"lemma={trigger.lemma_.lower()}|prep={word}"] = 1.0
    path = _path(trigger, root)
    if path is None:
        feats["path=none"] = 1.0
    else:
        up, down = path
        hops = len(up) + len(down)
        feats[f"hops={min(hops, _MAX_HOPS)}"] = 1.0
        feats[f"path={'/'.join(up[:3])}^{'/'.join(down[-3:])}"] = 1.0
        feats[f"up={len(up)}"] = 1.0
        feats["in_clause"] = float(not up)
    feats["poss"] = float(root.dep_ == "poss" or any(c.tag_ == "POS" for c in root.children))
    feats["conj"] = float(root.dep_ == "conj" or any(c.dep_ == "conj" for c in root.children))
    nearer = sum(abs(o.token_start - trigger_index) < words for o in others if o is not toponym)
    feats[f"rank={min(nearer, 3)}"] = 1.0
    feats[f"count={min(len(others), 4)}"] = 1.0
    if kind != CITY and any(
        o.place is not None and o.place.kind == CITY for o in others if o is not toponym
    ):
        feats["a_city_too"] = 1.0
    first = min(others, key=lambda o: o.token_start)
    feats["first"] = float(first is toponym)
    return feats


def best(
    doc: Doc, trigger_index: int, options: Sequence[Toponym], model: LinearModel
) -> tuple[Toponym, float] | None:
    """The option most likely to name where the event happened, with that probability (None
    when there is no option)."""
    place = model.classes.index("place")
    scored = [
        (t, float(model.scores(features(doc, trigger_index, t, options))[place])) for t in options
    ]
    return max(scored, key=lambda pair: pair[1]) if scored else None


def place_model() -> LinearModel:
    """The bundled chooser (``data/models/place.npz``)."""
    model = bundled(MODEL)
    if model is None:
        raise ModelError(
            f"The event-place model is missing ({bundled_path(MODEL)}).",
            fix="Reinstall crosswire, or rebuild it with `make models`.",
        )
    return model


def event_toponym(
    doc: Doc,
    trigger_index: int,
    toponyms: Iterable[Toponym],
    actor_tokens: frozenset[int] = frozenset(),
    *,
    model: LinearModel | None = None,
) -> Toponym | None:
    """The toponym naming where the event at token ``trigger_index`` happened, or None."""
    options = candidates(doc, trigger_index, toponyms, actor_tokens)
    if not options:
        return None
    found = best(doc, trigger_index, options, model or place_model())
    return found[0] if found is not None and found[1] >= THRESHOLD else None
