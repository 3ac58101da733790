"""The accurate profile's event decisions, read from the shared encoder's vectors.

The rule frames are candidates (a trigger with syntactic sides, negation, modality). The learned
role tagger and dyad typer, both over one encoder pass per sentence, then
- swap the sides of a frame when the tagger reads them the other way round ("one militant was
  killed by soldiers" never makes the militant the killer);
- fill a missing source or target with the participant the tagger found in the sentence;
- type every frame from its sentence and the two sides' vectors (the lexicon's type is a
  prior, kept only when the model does not clearly prefer another);
- add a frame where the tagger finds a source and a target that no rule trigger connects (verbs
  and nouns outside the lexicon): its trigger is the word that governs both sides.
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Doc, Span, Token

from crosswire.events.frames import Frame, actor_tokens, adjunct_act, backdrop, negation_kept
from crosswire.events.heads import Heads, bundled_heads
from crosswire.events.learned import Roles, act_of, dyad_type, roles
from crosswire.events.lexicon import Trigger, lookup
from crosswire.events.modality import SPEECH_VERBS, read_trigger
from crosswire.events.ontology import COOPERATION, meanings, side_of
from crosswire.events.refine import base_cameo
from crosswire.nlp.encoder import Encoded

#: A new frame from the tagger alone needs both sides at least this sure and a type this sure.
NEW_SIDE = 0.6
NEW_TYPE = 0.5
#: The model's type replaces the lexicon's when it is this much more probable.
RETYPE_MARGIN = 0.4
#: ... and, for a trigger inside a subordinate clause, at least this probable: the typer learned
#: the main act of sentences and reads the sentence around a clause into it.
SUBORDINATE_SURE = 0.7
_SIDES = {"S": "sources", "T": "targets"}
#: An announced act ("will visit", "plans to strike") is coded from the act itself: resolution
#: makes a cooperative one AGREE and a conflictual one THREATEN (PLOVER). The model, trained on
#: such codes, says AGREE for many announced acts; that never replaces the act's own type, nor the
#: type of an act in a subordinate clause, where the announcement of the main clause leaks in
#: ("Russia said it would respond after Poland expelled ...").
INTENT_TYPE = "AGREE"


def decide(doc: Doc, frames: list[Frame], vectors: dict[int, Encoded]) -> list[Frame]:
    """``frames`` checked, re-typed and completed; new frames appended in sentence order."""
    heads = bundled_heads()
    by_sentence: dict[int, list[Frame]] = {}
    for frame in frames:
        by_sentence.setdefault(doc[frame.trigger].sent.start, []).append(frame)
    result: list[Frame] = []
    for sentence in doc.sents:
        encoded = vectors.get(sentence.start)
        found = by_sentence.get(sentence.start, [])
        if encoded is None:
            result.extend(found)
            continue
        tagged = roles(heads, encoded)
        main_acts = {f.spec.event for f in found if _main_clause(doc[f.trigger])}
        for frame in found:
            _drop_non_nominal(sentence, frame)
            _orient(sentence, frame, tagged)
            _complete(sentence, frame, tagged)
            _type(heads, sentence, frame, encoded, main_acts)
        result.extend(found)
        if not found:
            result.extend(_new_frames(heads, sentence, encoded, tagged))
    return result


_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM"})


def _drop_non_nominal(sentence: Span, frame: Frame) -> None:
    """Sides the parse hung on a verb or adjective ("operating" as a source) are no actors;
    the tagger may fill the side instead."""
    doc = sentence.doc
    for attribute in _SIDES.values():
        groups: list[list[int]] = getattr(frame, attribute)
        kept = [g for g in groups if _head(doc, g).pos_ in _NOMINAL]
        setattr(frame, attribute, kept)


def _head(doc: Doc, group: list[int]) -> Token:
    inside = set(group)
    return next(
        (doc[i] for i in group if doc[i].head.i not in inside or doc[i].head.i == i), doc[group[0]]
    )


def _side_of(sentence: Span, group: list[int], tagged: Roles) -> str | None:
    """S, T or R when most of the group's words fall in spans of that role."""
    words = {i - sentence.start for i in group}
    votes = {}
    for label, spans in (("S", tagged.sources), ("T", tagged.targets), ("R", tagged.both)):
        votes[label] = sum(len(words & set(range(a, b))) for a, b, _ in spans)
    best = max(votes, key=votes.__getitem__)
    return best if votes[best] * 2 > len(words) else None


def _orient(sentence: Span, frame: Frame, tagged: Roles) -> None:
    if not frame.sources or not frame.targets:
        return
    source_sides = [_side_of(sentence, g, tagged) for g in frame.sources]
    target_sides = [_side_of(sentence, g, tagged) for g in frame.targets]
    if "T" in source_sides and "S" in target_sides and "S" not in source_sides:
        frame.sources, frame.targets = frame.targets, frame.sources


def _group(sentence: Span, bounds: tuple[int, int]) -> list[int]:
    span = sentence[bounds[0] : bounds[1]]
    return actor_tokens(span.root) if len(span) else []


def _overlaps(group: list[int], groups: list[list[int]]) -> bool:
    return any(set(group) & set(other) for other in groups)


def _complete(sentence: Span, frame: Frame, tagged: Roles) -> None:
    for label, attribute in _SIDES.items():
        side: list[list[int]] = getattr(frame, attribute)
        if side:
            continue
        spans = tagged.sources if label == "S" else tagged.targets
        others = frame.targets if label == "S" else frame.sources
        for bounds in sorted(spans, key=lambda s: -s[2]):
            group = _group(sentence, bounds[:2])
            if (
                group
                and frame.trigger not in group
                and not _overlaps(group, others)
                and not _where(sentence.doc, group)
                and _head(sentence.doc, group).dep_ != "poss"  # "his supporters": not "his"
                and _in_clause_of(sentence.doc, group, sentence.doc[frame.trigger])
            ):
                side.extend(_with_conjuncts(sentence.doc, group, others))
                break


def _with_conjuncts(doc: Doc, group: list[int], others: list[list[int]]) -> list[list[int]]:
    """The group and the phrases joined to it by "and" ("with Congo and Costa Rica")."""
    found = [group]
    for joined in _head(doc, group).conjuncts:
        extra = actor_tokens(joined)
        if joined.pos_ in _NOMINAL and not _overlaps(extra, found + others):
            found.append(extra)
    return found


def _in_clause_of(doc: Doc, group: list[int], trigger: Token) -> bool:
    """The group is an argument of the trigger's own clause: its path up reaches the verb of
    that clause without entering another clause ("leaders said they would press on until the
    bill is withdrawn": the leaders are not who withdraws it)."""
    verb = trigger
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    current = _head(doc, group)
    while current.i not in (verb.i, trigger.i):
        if current.dep_ in _SUBORDINATE or current.head.i == current.i:
            return False
        current = current.head
    return True


def _word_bounds(sentence: Span, groups: list[list[int]]) -> tuple[int, int] | None:
    if not groups:
        return None
    first = groups[0]
    return (min(first) - sentence.start, max(first) - sentence.start + 1)


def _type_probs(heads: Heads, sentence: Span, frame: Frame, encoded: Encoded) -> dict[str, float]:
    """The typer's probabilities for the frame's act, first source and first target."""
    return dyad_type(
        heads,
        encoded,
        _word_bounds(sentence, frame.sources),
        _word_bounds(sentence, frame.targets),
        frame.trigger - sentence.start,
    )


def _type(
    heads: Heads, sentence: Span, frame: Frame, encoded: Encoded, main_acts: set[str]
) -> None:
    """Retype the frame when the typer is sure of another type. In a subordinate clause the
    typer's answer may be the sentence's main act read into the clause ("expelled them,
    accusing them of spying" is no second expulsion): a clause never takes the type of an act
    of the sentence's main clause, and an act named in a prepositional phrase ("suggested a
    pact during a meeting with Putin") keeps the type its word has."""
    probs = _type_probs(heads, sentence, frame, encoded)
    agreement = sum(p for label, p in probs.items() if frame.spec.event in meanings(label))
    best, best_p = max(probs.items(), key=lambda item: item[1])
    event = next(iter(meanings(best)), best) if len(meanings(best)) == 1 else None
    main = _main_clause(sentence.doc[frame.trigger])
    sure = best_p >= (0.0 if main else SUBORDINATE_SURE)
    if (
        event is not None
        and sure
        and not adjunct_act(sentence.doc[frame.trigger])
        and (main or event not in main_acts)
        # going to a place to meet is a visit whatever the cargo, or the agreement it brings
        and (frame.spec.mode != "visit" or event == INTENT_TYPE)
        and event != frame.spec.event
        and not (event == INTENT_TYPE and (frame.modality != "asserted" or not main))
        # a word of violence ("exchanged fire", "shelled") is never read as cooperation
        and not (frame.spec.event == "ASSAULT" and side_of(event) == COOPERATION)
        and best_p >= agreement + RETYPE_MARGIN
        and event in base_cameo()
    ):
        frame.spec = dataclasses.replace(
            frame.spec, event=event, mode=None, cameo=base_cameo()[event]
        )
        frame.learned = round(best_p, 3)
        frame.negated = negation_kept(frame.negated, event)
        return
    frame.learned = round(agreement, 3)


def _main_clause(trigger: Token) -> bool:
    """The trigger belongs to what the sentence reports, not to a clause inside it ("Russia
    said it would respond after Poland expelled ..."): the typer learned sentences' main acts."""
    current = trigger
    while current.head.i != current.i:
        if current.dep_ in _SUBORDINATE:
            return False
        current = current.head
    return True


def _governor(sentence: Span, source: list[int], target: list[int]) -> Token | None:
    """The lowest verb (or event noun) governing both sides in its own clause, not a verb of
    saying; a side joined to the other by "and" shares the other's verb ("A and B reached a
    deal"); a verb that only carries another ("continued to send", "tried to hack") hands the
    act down to it."""
    doc = sentence.doc
    joined = _head(doc, target)
    if joined.dep_ == "conj" and joined.head.i in source:  # coordinated with the source
        target = [_head(doc, source).head.i]
    token = act_of(doc, source, target)
    if token is None and target == [_head(doc, source).head.i]:
        token = doc[target[0]]
    if token is None:
        return None
    sides = [(source, token), (target, token)]
    if token.lemma_.lower() in SPEECH_VERBS:
        # "X said it would prohibit aid to Y": X's own act; "X said Y would ...": a statement
        reported = _own_act_reported(token, target)
        if reported is None:
            return None
        sides = [(source, token), (target, reported)]
        token = reported
    for side, clause in sides:  # each side is an argument of its clause's own verb
        if not _within(doc[side[0]], clause):
            return None
    while True:  # "continued to send arms to Pakistan": the act is "send"
        carried = [c for c in token.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
        if not carried:
            return token
        token = carried[0]


def _within(token: Token, clause: Token) -> bool:
    """``token`` hangs under ``clause`` without crossing into a clause of its own."""
    while token.i != clause.i:
        if token.dep_ in _CLAUSES or token.head.i == token.i:
            return False
        token = token.head
    return True


def _own_act_reported(speech: Token, target: list[int]) -> Token | None:
    """The verb of the clause of ``speech`` that holds the target, when the speaker is that
    clause's subject again ("it", "they", "he")."""
    doc = speech.doc
    current = doc[target[0]]
    while current.head.i != speech.i and current.head.i != current.i:
        current = current.head
    if current.head.i != speech.i or current.dep_ != "ccomp":
        return None
    subjects = [c for c in current.children if c.dep_ in ("nsubj", "nsubjpass")]
    if len(subjects) == 1 and subjects[0].lower_ in _SELF_PRONOUNS:
        return current
    return None


_SELF_PRONOUNS = frozenset({"it", "they", "he", "she", "we"})


#: Dependency labels that open a clause of its own: a side under one belongs to another event.
_CLAUSES = frozenset({"ccomp", "advcl", "relcl", "acl", "conj", "parataxis", "csubj"})
_SUBORDINATE = _CLAUSES - {"conj"}


#: Prepositions whose object is where something happened, not who it happened to.
_LOCATIVE = frozenset(
    {
        "in",
        "at",
        "near",
        "outside",
        "inside",
        "across",
        "into",
        "onto",
        "over",
        "off",
        "along",
        "around",
        "throughout",
        "within",
    }
)


def _where(doc: Doc, group: list[int]) -> bool:
    """The phrase is a place of the act ("landed in Dhaka"), not a participant."""
    head = _head(doc, group)
    if head.dep_ == "poss":  # "off Vietnam's coast": the owner of a place is part of it
        head = head.head
    return head.dep_ == "pobj" and head.head.lower_ in _LOCATIVE


def _new_frames(heads: Heads, sentence: Span, encoded: Encoded, tagged: Roles) -> list[Frame]:
    sources = [s for s in tagged.sources if s[2] >= NEW_SIDE]
    targets = [t for t in tagged.targets if t[2] >= NEW_SIDE]
    if not sources or not targets:
        return []
    source = _group(sentence, max(sources, key=lambda s: s[2])[:2])
    doc = sentence.doc
    options = [_group(sentence, t[:2]) for t in sorted(targets, key=lambda t: -t[2])]
    options = [t for t in options if t and not set(source) & set(t)]
    # a participant before a place; a named place is the recipient only when nothing else is
    # ("troops arrived in Bosnia": Bosnia)
    target = next((t for t in options if not _where(doc, t)), None) or next(
        (t for t in options if _head(doc, t).ent_type_ == "GPE" and _head(doc, t).dep_ == "pobj"),
        None,
    )
    if not source or target is None:
        return []
    trigger = _governor(sentence, source, target)
    if trigger is None or backdrop(trigger):
        return []
    frame = Frame(
        trigger.i,
        _spec(trigger),
        sources=_with_conjuncts(doc, source, [target]),
        targets=_with_conjuncts(doc, target, [source]),
        dyad=True,
    )
    probs = _type_probs(heads, sentence, frame, encoded)
    best, best_p = max(probs.items(), key=lambda item: item[1])
    found = meanings(best)
    if len(found) > 1 and frame.spec.event in found:  # YIELD: CONCEDE or RETREAT by the word
        found = frozenset({frame.spec.event})
    if best_p < NEW_TYPE or len(found) != 1 or next(iter(found)) not in base_cameo():
        return []
    event = next(iter(found))
    frame.spec = dataclasses.replace(frame.spec, event=event, cameo=base_cameo()[event])
    frame.learned = round(best_p, 3)
    reading = read_trigger(trigger)
    frame.negated, frame.modality, frame.attribution = (
        reading.negated,
        reading.modality,
        reading.attribution,
    )
    return [frame]


def _spec(trigger: Token) -> Trigger:
    nominal = trigger.pos_ == "NOUN"
    known = lookup(trigger.lemma_, nominal=nominal)
    if known is not None:
        return known
    return Trigger(trigger.lemma_.lower(), nominal, "CONSULT", None, "040", frozenset())
