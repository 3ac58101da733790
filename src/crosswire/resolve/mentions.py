"""Frames -> Mentions: actors resolved and completed, the event date, the place, the numbers."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from crosswire.events.frames import RECIPROCAL, Frame, actor_tokens
from crosswire.events.lexicon import act_word
from crosswire.nlp import doc_ents, span_ents
from crosswire.nlp.dateline import find_dateline
from crosswire.records import ActorRef, Article, Mention, Place
from crosswire.resolve.actors import (
    is_group_reference,
    may_name_actor,
    resolve_actor,
    span_head,
    with_country,
)
from crosswire.resolve.clauses import main_clause, steps_up
from crosswire.resolve.dates import document_times, resolve_time, text_anchor
from crosswire.resolve.discourse import (
    each_other,
    in_the_scene,
    one_more,
    they_after_a_meeting,
)
from crosswire.resolve.eventdates import event_time, narrative_time, stated_by
from crosswire.resolve.gazetteer import gazetteer
from crosswire.resolve.geoparse import find_toponyms
from crosswire.resolve.numbers import numbers_in
from crosswire.resolve.people import DocActors
from crosswire.resolve.places import dateline_place, event_place
from crosswire.resolve.unsaid import (
    AGAINST_THE_STATE,
    DIRECTED,
    SPEECH_ACTS,
    UNIDENTIFIED,
    city_as_people,
    content_of_another,
    named_within,
    not_speaking,
    protest_by_the_governed,
    subjectless_speaker,
    the_state,
    unnamed_attacker,
)

#: Cooperative acts announced for the future are coded as AGREE (PLOVER 3.1); conflictual ones
#: as THREATEN. Values: new type, CAMEO code.
FUTURE_TYPES = {
    "CONSULT": ("AGREE", "036"),
    "SUPPORT": ("AGREE", "030"),
    "COOPERATE": ("AGREE", "031"),
    "AID": ("AGREE", "033"),
    "RETREAT": ("AGREE", "034"),
    "CONCEDE": ("AGREE", "034"),
    "MOBILIZE": ("THREATEN", "138"),
    "ASSAULT": ("THREATEN", "138"),
    "COERCE": ("THREATEN", "130"),
    "SANCTION": ("THREATEN", "131"),
}
DATELINE_SENTENCES = 3


class DocContext:
    """Everything resolution needs to know about one document."""

    def __init__(self, doc: Doc, article: Article | None) -> None:
        self.doc = doc
        self.article = article
        text = article.text if article else doc.text
        self.text = text
        self.reference: date | None = article.published if article else None
        self.reference_rule = "publication"
        line = find_dateline(text)
        filed = resolve_time(line.date_text, self.reference) if line and line.date_text else None
        if filed is not None and filed.value is not None and filed.precision == "day":
            # a dateline dates the report's filing; reprints keep the original's dateline
            self.reference, self.reference_rule = filed.value, "dateline"
        elif self.reference is None:
            self.reference = text_anchor(text)
            self.reference_rule = "text-anchor"
        self.times = document_times(doc.text, self.reference)
        # each entity's country, looked up once for every use below
        gaz = gazetteer()
        self._ent_countries = [
            (ent, gaz.country_at([t.text for t in ent], 0)) for ent in doc_ents(self.doc)
        ]
        self.memory = DocActors(when=self.reference, countries=self._named_countries())
        self._prescan()
        self.dateline = dateline_place(text)
        self.toponyms = find_toponyms(doc, prefer=self.memory.countries)
        self.ranked = self._ranked_countries()  # the countries named, most named first
        dateline_country = self.dateline.country if self.dateline else None
        self.dominant = self.ranked[0] if self.ranked else dateline_country

    def _named_countries(self) -> frozenset[str]:
        return frozenset(
            hit[0]
            for ent, hit in self._ent_countries
            if hit and ent.label_ in ("GPE", "NORP", "LOC")
        )

    def _prescan(self) -> None:
        for ent, hit in self._ent_countries:
            if hit and ent.label_ in ("GPE", "NORP", "LOC") and ent[0].lower_ in ("north", "south"):
                self.memory.regional.setdefault(ent[0].lower_, hit[0])
        limits = self.doc._.cw_limits
        longest = limits.max_sentence_tokens if limits is not None else len(self.doc)
        run_on = {t for s in self.doc.sents if len(s) > longest for t in range(s.start, s.end)}
        for chunk in self.doc.noun_chunks:
            if chunk.root.i in run_on:  # no actor is read from a sentence that long
                continue
            if chunk.root.ent_type_ != "PERSON" and chunk.root.tag_ == "NN":
                phrase = actor_tokens(chunk.root)
                if may_name_actor(self.doc, chunk.root, phrase):
                    resolve_actor(self.doc, phrase, self.memory)
        for ent in doc_ents(self.doc):
            if ent.label_ == "PERSON" and ent.root.i not in run_on:
                resolve_actor(self.doc, actor_tokens(ent.root), self.memory)
        self.memory.last_person = None

    def _ranked_countries(self) -> list[str]:
        gaz = gazetteer()
        counts: Counter[str] = Counter()
        first: dict[str, int] = {}
        for ent, hit in self._ent_countries:
            if hit and hit[1] == len(ent):
                counts[hit[0]] += 2
                first.setdefault(hit[0], ent.start)
            elif (
                ent.label_ == "GPE"
                and (city := gaz.city(ent.text)) is not None
                and city.population > 500_000
            ):
                counts[city.country] += 1
                first.setdefault(city.country, ent.start)
        # of equally named countries, the one the report names first
        return sorted(counts, key=lambda c: (-counts[c], first[c]))

    def host_facing(self, others: set[str]) -> str | None:
        """The country the report names most after setting aside ``others``' countries."""
        return next((c for c in self.ranked if c not in others), None)

    def note_sentence(self, sentence: Span) -> None:
        """After a sentence: its subject person is what "he" or "she" refers to next."""
        subjects = [
            e
            for e in span_ents(sentence)
            if e.label_ == "PERSON" and e.root.dep_ in ("nsubj", "nsubjpass")
        ]
        people = subjects or [e for e in span_ents(sentence) if e.label_ == "PERSON"]
        if people:
            found = self.memory.full_person(people[-1].text)
            if found is not None:
                self.memory.last_person = found


def _actors(ctx: DocContext, groups: list[list[int]]) -> list[ActorRef]:
    found: list[ActorRef] = []
    for indices in groups:
        actor = resolve_actor(ctx.doc, indices, ctx.memory)
        if actor is None:
            continue
        for each in (actor, *_joint(ctx.doc, indices, actor)):
            if each.actor_id not in {a.actor_id for a in found}:
                found.append(each)
    return found


def _joint(doc: Doc, indices: list[int], actor: ActorRef) -> list[ActorRef]:
    """The same group of other nations ("Hungarian and Romanian officials": the Romanian
    officials too)."""
    if actor.kind != "group" or actor.country is None:
        return []
    gaz = gazetteer()
    head = span_head(doc, indices)
    owners = [c for c in head.children if c.dep_ in ("poss", "compound") and c.i in indices]
    others = []
    # "the Korean and Russian offices", or "the Korean and Russian Prosecutor's Offices"
    for nation in (c for word in (head, *owners) for c in word.children):
        if nation.dep_ not in ("amod", "compound"):
            continue
        for joined in nation.conjuncts:
            hit = gaz.country_at([joined.text], 0)
            if hit is not None and hit[0] != actor.country:
                others.append(replace(actor, country=hit[0]).with_id())
    return others


def _confidence(frame: Frame, sources: list[ActorRef], targets: list[ActorRef]) -> float:
    score = 0.45
    score += 0.2 if any(a.country for a in sources) else 0.1 if sources else 0.0
    score += 0.15 if targets else 0.0
    score += 0.1 if not frame.spec.nominal else 0.05
    score -= 0.2 if frame.inherited else 0.0
    score -= 0.1 if frame.modality == "hypothetical" else 0.0
    if frame.learned is not None:  # the learned coder's view of the type counts half
        score = (score + frame.learned) / 2
    return round(max(0.05, min(0.95, score)), 3)


#: Words that say a group is not of the country it is in ("foreign journalists").
_FOREIGN = frozenset({"foreign", "foreigner", "foreigners", "expatriate", "expatriates"})


#: Words "foreign" names an office with, not a stranger: "the Foreign Minister".
_OFFICE_AFTER_FOREIGN = frozenset(
    {"minister", "ministry", "ministers", "affairs", "office", "secretary", "service"}
    | {"policy", "relations", "trade", "intelligence", "committee", "department"}
)


def _foreign(actor: ActorRef) -> bool:
    """A group the text calls foreign ("foreign journalists"), not a foreign minister."""
    if actor.kind != "group":
        return False
    words = (actor.text or actor.name).lower().split()
    return any(
        word in _FOREIGN and (n + 1 == len(words) or words[n + 1] not in _OFFICE_AFTER_FOREIGN)
        for n, word in enumerate(words)
    )


def _fill_countries(
    actors: list[ActorRef],
    ctx: DocContext,
    place: Place | None,
    others: list[ActorRef],
    meeting: bool = False,
    beside: frozenset[str] = frozenset(),
) -> list[ActorRef]:
    """Countries for actors the text leaves without one.

    Groups and organisations (police, protesters, the army) take the country where the event
    happened. People take what the document said of them elsewhere; otherwise the event's
    country when they are the local side of it (hosts of a foreign visitor, people arrested by
    their own police), or the one country on their side of a meeting (named with them, or
    ``beside``: on that side of another act of the sentence, "visited the North and met X");
    an office holder with no place, the country the report is about when the other side is of
    no other."""
    other_countries = {a.country for a in others if a.country}
    domestic = all(a.kind != "person" for a in others)
    place_country = place.country if place is not None else None
    side = {a.country for a in actors if a.kind == "country" and a.country} | set(beside)
    side -= other_countries
    filled = []
    for actor in actors:
        guess = None
        if actor.kind != "country" and not actor.country and not _foreign(actor):
            known = ctx.memory.full_person(actor.name) if actor.kind == "person" else None
            if known is not None and known.country:
                guess = known.country
            elif actor.kind in ("group", "organisation"):
                guess = place_country or ctx.dominant
            elif place_country and (place_country not in other_countries or domestic):
                guess = place_country
            elif meeting and len(side) == 1:
                guess = next(iter(side))  # "visited the North and met X": X is of the North
            elif (
                meeting
                and actor.sector
                and not place_country
                and other_countries
                and (host := ctx.host_facing(other_countries)) is not None
            ):
                # a foreign visitor meets an office holder: the host, the country the report
                # names most besides the visitor's ("Krasnov met Choe, President of the
                # Central Court" in a report on Russia and North Korea)
                guess = host
            elif (
                actor.sector
                and not place_country
                and other_countries <= {ctx.dominant}
                and all(a.kind != "country" for a in others)  # not "Bush warned Russia"
            ):
                # "President X banned Ugandan opposition candidates": an office holder in a
                # report about one country, dealing with no other, holds office there
                guess = ctx.dominant
        filled.append(with_country(actor, guess))
    return filled


#: Offices that are a state's: their holders, named by no state, are no one in particular.
_STATE_OFFICES = frozenset({"GOV", "LEG", "JUD"})


def _names_no_one(actor: ActorRef) -> bool:
    """A group of office holders of no known state ("prosecutors from the two countries",
    "officials"): no actor a reader could look up, so no participant (a source of that kind
    stays when it is the only one, as the act still happened)."""
    return actor.kind == "group" and not actor.country and actor.sector in _STATE_OFFICES


def build_mentions(doc: Doc, frames: list[Frame], article: Article | None) -> list[Mention]:
    """Resolve every frame of ``doc`` into a Mention; frames without an actor are dropped."""
    ctx = DocContext(doc, article)
    article_id = article.id if article else "text"
    by_sentence: dict[int, list[Frame]] = {}
    for frame in frames:
        by_sentence.setdefault(doc[frame.trigger].sent.start, []).append(frame)
    mentions: list[Mention] = []
    # the last mention: its sentence, sides, and whether its sides met
    previous: tuple[int, list[ActorRef], list[ActorRef], bool] | None = None
    scene: tuple[int, Place] | None = None  # the last city an act was placed in, and where
    for number, sentence in enumerate(doc.sents):
        seen: dict[tuple[str, str, frozenset[str]], Mention] = {}
        # the outermost acts first: a threat that stands hides the act threatened
        in_sentence = sorted(
            by_sentence.get(sentence.start, []),
            key=lambda f: steps_up(doc[f.trigger], sentence.root),
        )
        acts: set[int] = set()
        placed: dict[int, Place] = {}  # the places of this sentence's acts, by trigger
        speakers = subjectless_speaker(sentence)
        for frame in in_sentence:
            if content_of_another(doc, frame, acts):
                continue
            sources = _actors(ctx, not_speaking(doc, frame.sources, speakers))
            targets = [
                t
                for t in _actors(ctx, not_speaking(doc, frame.targets, speakers))
                if t.actor_id not in {s.actor_id for s in sources}
            ]
            if (
                previous is not None
                and previous[0] >= number - 1
                and (
                    (not sources and any(is_group_reference(doc, g) for g in frame.sources))
                    or (previous[3] and they_after_a_meeting(doc, frame.sources))
                )
            ):
                frame.inherited = True
                sources, targets = list(previous[1]), targets or list(previous[2])
            if len(sources) > 1 and not targets and _between_equals(frame, doc[frame.trigger]):
                sources, targets = sources[:1], sources[1:]  # "A and B signed": one event
            if not sources and targets and unnamed_attacker(doc, frame):
                sources = [UNIDENTIFIED]  # placed where the attack happened, as any group
            if not sources:
                continue
            protest_by_the_governed(doc, frame, sources)
            if not targets and not frame.dyad:
                targets = named_within(ctx.memory, doc[frame.trigger], sources, frame)
            if (frame.spec.event in DIRECTED or frame.dyad) and not targets:
                continue
            if sources and sources[0].kind == "person":
                ctx.memory.last_person = sources[0]
            beside = frozenset(  # the countries facing these sources in the sentence so far
                a.country
                for m in seen.values()
                if {x.actor_id for x in m.actors} & {x.actor_id for x in sources}
                for a in m.recipients
                if a.kind == "country" and a.country
            )
            mention = _mention(
                ctx, frame, sentence, number, sources, targets, article_id, beside, placed
            )
            if mention.place is not None:
                placed[frame.trigger] = mention.place
            if mention.place is None and scene is not None and scene[0] >= number - 2:
                mention = in_the_scene(mention, scene[1])
            if mention.place is not None and mention.place.precision == "city":
                scene = (number, mention.place)
            if frame.spec.event in SPEECH_ACTS:
                acts.add(frame.trigger)
            key = (mention.event, mention.modality, frozenset(a.actor_id for a in mention.actors))
            if key in seen:
                mention = _combine(seen[key], mention)
            seen[key] = mention
            met = mention.event == "CONSULT" and bool(mention.recipients)
            previous = (number, list(mention.actors), list(mention.recipients), met)
        mentions.extend(sorted(seen.values(), key=lambda m: m.trigger_start))
        ctx.note_sentence(sentence)
    return mentions


def _combine(first: Mention, second: Mention) -> Mention:
    """Two triggers of one event in one sentence ("met X and discussed Y"): keep the first,
    with the recipients of both."""
    extra = tuple(
        r for r in second.recipients if r.actor_id not in {a.actor_id for a in first.recipients}
    )
    return replace(
        first,
        recipients=first.recipients + extra,
        confidence=max(first.confidence, second.confidence),
        place=first.place or second.place,
        numbers=first.numbers or second.numbers,
    )


def _between_equals(frame: Frame, trigger: Token) -> bool:
    """An act of equals: its word ("met", "agreed") or "each other" says so."""
    return frame.spec.lemma in RECIPROCAL or each_other(trigger)


#: Acts done where their target is: an attack on a city happened in that city.
DONE_AT_THE_TARGET = frozenset({"ASSAULT", "COERCE"})


def _mention(
    ctx: DocContext,
    frame: Frame,
    sentence: Span,
    number: int,
    sources: list[ActorRef],
    targets: list[ActorRef],
    article_id: str,
    beside: frozenset[str] = frozenset(),
    placed: dict[int, Place] | None = None,
) -> Mention:
    doc = ctx.doc
    trigger = doc[frame.trigger]
    future = frame.modality == "intended"
    used = {i for group in (*frame.sources, *frame.targets) for i in group}
    struck = frozenset(
        i for group in frame.targets for i in group if frame.spec.event in DONE_AT_THE_TARGET
    )
    earlier = placed or {}
    if trigger.dep_ == "advcl" and trigger.tag_ == "VBG" and trigger.head.i in earlier:
        # "shelled Lisbon, killing twenty people": the killing was where the shelling was
        place: Place | None = earlier[trigger.head.i]
    else:
        place = event_place(
            doc,
            trigger,
            ctx.toponyms,
            actor_tokens=used,
            visit=frame.spec.mode == "visit",
            struck=struck,
        )
    if place is None and number < DATELINE_SENTENCES and main_clause(trigger):
        place = ctx.dateline
    meeting = frame.spec.event == "CONSULT"
    sources = _fill_countries(sources, ctx, place, targets, meeting)
    targets = _fill_countries(targets, ctx, place, sources, meeting, beside)
    sources = [a for a in sources if not _names_no_one(a)] or sources
    targets = [a for a in targets if not _names_no_one(a)]
    if not targets and frame.spec.event in AGAINST_THE_STATE:
        targets = the_state(place, sources)
    targets = city_as_people(frame.spec.event, targets)
    when = event_time(ctx.doc, ctx.times, ctx.reference, trigger, future=future)
    if when is None:  # the scene's time; an intent's is when it was stated ("agreed to offer")
        told = stated_by(trigger) if future else trigger
        when = narrative_time(ctx.doc, ctx.times, told, sentence) if told is not None else None
    event, cameo = frame.spec.event, frame.spec.cameo
    mode = frame.spec.mode
    if future and event in FUTURE_TYPES:
        event, cameo = FUTURE_TYPES[event]
        mode = None
    if when is not None:
        value, precision, text, rule, until = (
            when.value,
            when.precision,
            when.text,
            when.rule,
            when.until,
        )
    elif ctx.reference is not None:
        value, precision, text, rule, until = (
            ctx.reference,
            "day",
            None,
            f"inferred:{ctx.reference_rule}",
            None,
        )
    else:
        value, precision, text, rule, until = (
            None,
            None,
            None,
            "unresolved: no publication date or anchor",
            None,
        )
    return Mention(
        article_id=article_id,
        sentence=ctx.text[sentence.start_char : sentence.end_char],
        sent_start=sentence.start_char,
        sent_end=sentence.end_char,
        trigger=trigger.text,
        trigger_start=trigger.idx,
        trigger_end=trigger.idx + len(trigger.text),
        event=event,
        cameo=cameo,
        mode=mode,
        context=frame.contexts,
        actors=tuple(sources),
        recipients=tuple(targets),
        date=value,
        date_precision=precision,
        date_text=text,
        date_rule=rule,
        enddate=until,
        place=place,
        negated=frame.negated,
        modality=frame.modality,
        attribution=frame.attribution,
        reciprocal=_between_equals(frame, trigger) and bool(sources and targets),
        confidence=_confidence(frame, sources, targets),
        numbers=numbers_in(sentence.text),
        lemma=act_word(
            trigger.lemma_, [(c.lemma_, c.pos_) for c in trigger.children if c.dep_ == "dobj"]
        ),
        another=one_more(trigger),
    )
