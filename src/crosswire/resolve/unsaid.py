"""What the text leaves unsaid about an event's sides, filled by the common CAMEO/ICEWS coding
conventions (docs/actors.md): the state a protest is aimed at, unidentified attackers, the
recipient named inside the act's own phrase, the act that is only the content of a threat or a
demand, the speaker a parser hung on the act."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from crosswire.data import igo_codes
from crosswire.events.frames import Frame, actor_tokens
from crosswire.events.lexicon import lookup
from crosswire.events.modality import SPEECH_VERBS
from crosswire.nlp import span_ents
from crosswire.records import ActorRef, Place, fold
from crosswire.resolve.actors import resolve_actor, span_head
from crosswire.resolve.clauses import main_clause, steps_up
from crosswire.resolve.gazetteer import gazetteer
from crosswire.resolve.people import DocActors

#: Types that are an act of one actor towards another: without a recipient there is no event
#: ("farmers have complained for years" is a statement, not an accusation against anyone).
DIRECTED = frozenset({"CONSULT", "ACCUSE", "REQUEST", "REJECT", "THREATEN", "SUPPORT", "SANCTION"})


#: Acts whose object is another act: what is threatened, demanded, refused or agreed is the
#: content of the event, not an event of its own ("threatened to storm the residence").
SPEECH_ACTS = frozenset({"THREATEN", "REQUEST", "REJECT", "AGREE"})


#: Sectors that hold the power to coerce: arrests, bans and blockades are theirs.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "SPY", "LEG"})


def protest_by_the_governed(doc: Doc, frame: Frame, sources: list[ActorRef]) -> None:
    """A protest word the typer read as coercion ("workers blocked the bridge") stays a protest
    when no side of its source holds state power."""
    if frame.spec.event != "COERCE" or any(
        a.kind == "country" or a.sector in STATE_SECTORS for a in sources
    ):
        return
    trigger = doc[frame.trigger]
    known = lookup(trigger.lemma_, nominal=trigger.pos_ == "NOUN")
    if known is not None and known.event == "PROTEST":
        frame.spec = known


def subjectless_speaker(sentence: Span) -> set[int]:
    """ "X will visit Y, the state news agency, or KCNA, reported": when a verb of saying that
    ends the sentence (its root, or joined to it) has no subject, the parser has hung its
    speaker elsewhere (often as an object of the act). The phrase just before that verb, and
    those joined to it by "or"/"and", are the speaker: attribution, never a participant."""
    doc = sentence.doc
    speakers: set[int] = set()
    for verb in sentence:
        if (
            verb.lemma_.lower() not in SPEECH_VERBS
            or verb.dep_ not in ("ROOT", "conj", "parataxis")
            or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
            or any(not t.is_punct and not t.is_space for t in doc[verb.i + 1 : sentence.end])
        ):
            continue
        before = verb.i - 1
        while before >= sentence.start and doc[before].is_punct:
            before -= 1
        if before < sentence.start or doc[before].pos_ not in ("PROPN", "NOUN"):
            continue
        speaker = doc[before]
        while speaker.dep_ in ("compound", "flat", "appos") and speaker.head.i < verb.i:
            speaker = speaker.head
        speakers |= {speaker.i, *(c.i for c in speaker.conjuncts)}
    return speakers


def not_speaking(doc: Doc, groups: list[list[int]], speakers: set[int]) -> list[list[int]]:
    return [g for g in groups if span_head(doc, g).i not in speakers]


def content_of_another(doc: Doc, frame: Frame, acts: set[int]) -> bool:
    """``frame``'s trigger is the verb completing the threat, demand, refusal or agreement of
    one of the triggers ``acts`` (those with a named source) in the same sentence."""
    token = doc[frame.trigger]
    for _ in range(2):
        if token.dep_ not in ("xcomp", "ccomp") or token.head.i == token.i:
            return False
        token = token.head
        if token.i in acts:
            return True
    return False


def named_within(
    memory: DocActors, trigger: Token, sources: list[ActorRef], frame: Frame
) -> list[ActorRef]:
    """For an act whose recipient the parse did not attach: the nearest actor named inside
    the trigger's own phrase ("threatened to resume attacks in Israel", "rejected an offer
    from Kabul", "tortured scores of Liberian refugees"), never one of its sources."""
    taken = {i for group in frame.sources for i in group}
    own = {a.actor_id for a in sources}
    names = [
        e
        for e in span_ents(trigger.sent)
        if e.label_ in ("GPE", "NORP", "ORG", "PERSON")
        and e.root.i != trigger.i
        and trigger.i in {t.i for t in e.root.ancestors}
        and not taken & set(range(e.start, e.end))
        and not taken & {a.i for a in e.root.ancestors}  # "forces in Guinea": the source's
        and not _through_a_speaker(e.root, trigger)
    ]
    names.sort(key=lambda e: steps_up(e.root, trigger))
    for ent in names:
        actor = resolve_actor(trigger.doc, actor_tokens(ent.root), memory)
        if actor is not None and actor.actor_id not in own:
            return [actor]
    return []


def _through_a_speaker(token: Token, trigger: Token) -> bool:
    """``token`` hangs off a verb of saying below ``trigger``: who says so, not a recipient
    ("Iran threatened to halt talks, Ghana said", when the parse hangs "said" under "halt")."""
    for above in token.ancestors:
        if above.i == trigger.i:
            return False
        if above.lemma_.lower() in SPEECH_VERBS:
            return True
    return False


#: Acts that are reported without naming who did them ("three civilians were killed"): the
#: event stands with its victims and an unknown source.
UNNAMED_SOURCE = frozenset({"ASSAULT", "COERCE"})


#: Acts that, with no one named on the receiving end, are aimed at the state where they happen:
#: a strike or a riot protests against its government, a curfew or arrests are imposed on its
#: people ("workers struck in Lagos", "police arrested twelve"). The common coding convention.
AGAINST_THE_STATE = frozenset({"PROTEST", "COERCE"})


def the_state(place: Place | None, sources: list[ActorRef]) -> list[ActorRef]:
    """The country where the act took place, or else the one country of all its actors."""
    countries = {a.country for a in sources}
    country = place.country if place is not None and place.country else None
    if country is None and len(countries) == 1:
        country = next(iter(countries))
    gaz = gazetteer()
    if country is None or country not in gaz.countries or country in igo_codes():
        return []
    name = gaz.countries[country].name
    return [ActorRef(name=name, kind="country", country=country, text="").with_id()]


#: Who carried out an attack nobody is named for (CAMEO's unidentified armed forces).
UNIDENTIFIED = ActorRef(name="unidentified attackers", kind="group", sector="UAF").with_id()

#: Things that kill or wound without being anyone: "a roadside bomb killed three soldiers".
_INSTRUMENTS = frozenset(
    {
        "bomb",
        "bombing",
        "blast",
        "explosion",
        "device",
        "mine",
        "landmine",
        "shell",
        "rocket",
        "missile",
        "grenade",
        "attack",
        "ambush",
        "gunfire",
        "fire",
        "airstrike",
        "strike",
    }
)


def unnamed_attacker(doc: Doc, frame: Frame) -> bool:
    """Violence with no agent named: a passive report ("a journalist has been killed") or a
    weapon as the subject ("a roadside bomb killed three soldiers")."""
    trigger = doc[frame.trigger]
    if frame.spec.event not in UNNAMED_SOURCE or trigger.pos_ != "VERB":
        return False
    if not main_clause(trigger):  # "in Kirkuk, where 24 people were killed last March"
        return False
    if frame.sources:
        return all(_instrument(doc, group) for group in frame.sources)
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in trigger.children) and not any(
        c.dep_ == "agent" for c in trigger.children
    )


def _instrument(doc: Doc, group: list[int]) -> bool:
    head = span_head(doc, group)
    return head.pos_ == "NOUN" and head.lemma_.lower() in _INSTRUMENTS


#: Acts done to a place: a capital named as their target is its people, not its government
#: ("rebels shelled Juba", "farmers blockaded Paris"); a capital that speaks or is spoken to
#: ("Moscow said", "a demand to Paris") stays the government.
PHYSICAL = frozenset({"ASSAULT", "PROTEST", "COERCE"})


def city_as_people(event: str, targets: list[ActorRef]) -> list[ActorRef]:
    if event not in PHYSICAL:
        return targets
    capitals = gazetteer().capitals
    return [
        replace(a, sector="CVL").with_id()
        if a.kind == "country" and a.sector == "GOV" and fold(a.text) in capitals
        else a
        for a in targets
    ]
