"""When an event happened: the time expression of the trigger's own clause
(``event_time``), else the day the report had just named (``narrative_time``). The
expressions themselves come from the one recogniser (``resolve.timex`` via ``resolve.dates``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from crosswire.events.modality import SPEECH_VERBS
from crosswire.records import TimeRef
from crosswire.resolve.clauses import governing_verb
from crosswire.resolve.dates import resolve_time
from crosswire.resolve.timex import ANAPHORIC


def _participle_of(verb: Token) -> bool:
    """``verb`` is a bare participle adjunct of another verb, which it shares a time with
    ("expelled them on Wednesday, accusing them of spying"), unlike a clause with its own
    conjunction ("after they had spied")."""
    return (
        verb.dep_ == "advcl"
        and verb.tag_ in ("VBG", "VBN")
        and not any(c.dep_ in ("mark", "advmod", "nsubj", "nsubjpass") for c in verb.children)
    )


#: Nouns a time expression may hang from and still date the event ("the morning of May 4").
_TIME_NOUNS = frozenset(
    {"day", "week", "month", "year", "morning", "afternoon", "evening", "night", "weekend"}
    | {"time", "date", "hour", "quarter", "season", "decade", "century", "anniversary"}
)


def _describes_a_thing(root: Token, trigger: Token) -> bool:
    """A time expression inside a phrase about some other thing ("a 2024-2025 plan", "the
    period 2024 to 2026") does not date the event; one qualifying the trigger ("the 2010
    election") or a time noun ("the morning of May 4") does."""
    token = root
    while token.head.i != token.i and token.head.pos_ not in ("VERB", "AUX", "ADP"):
        head = token.head
        if head == trigger:
            return False
        if head.pos_ in ("NOUN", "PROPN") and head.lemma_.lower() not in _TIME_NOUNS:
            return head.ent_type_ != "DATE" or head.lemma_.lower() == "period"
        token = head
    return False


#: Words between the two ends of a range of dates ("2024 to 2026", "2024-2026").
_RANGE_WORDS = frozenset({"to", "through", "until", "till", "-", "–", "and"})


def _ends_a_range_about_a_thing(span: Span, trigger: Token) -> bool:
    """``span`` ends a range whose start describes some other thing ("the period 2024 to
    2026"), whatever the parser hung its second half from."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].lower_ not in _RANGE_WORDS:
        return False
    start = doc[span.start - 2]
    return (start.like_num or start.ent_type_ == "DATE") and _describes_a_thing(start, trigger)


def event_time(
    doc: Doc, times: Sequence[TimeRef], reference: date | None, trigger: Token, *, future: bool
) -> TimeRef | None:
    """The time expression of the trigger's own clause: attached to the trigger, to the verb
    that governs a nominal trigger, or to a verb the trigger's clause completes (not a verb of
    saying: "said on Monday" dates the statement, not the event). An intended act reads an
    expression that may point either way ("on Friday") forward."""
    own = trigger if trigger.pos_ in ("VERB", "AUX") else governing_verb(trigger)
    sentence = trigger.sent
    within = {t.i for t in trigger.subtree}
    best: tuple[int, TimeRef] | None = None
    for resolved in times:
        if resolved.start < sentence.start_char or resolved.end > sentence.end_char:
            continue
        span = doc.char_span(resolved.start, resolved.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        root = span.root
        if _describes_a_thing(root, trigger) or _ends_a_range_about_a_thing(span, trigger):
            continue
        verb = governing_verb(root)
        if root.i in within and verb in (trigger, own):
            distance = 0
        elif verb == own:
            if own != trigger and own.lemma_ in SPEECH_VERBS:
                continue  # "reported the day before about his visit": the report's day
            distance = 0 if trigger.pos_ in ("VERB", "AUX") or root.head != trigger else 1
        elif (
            verb in list(own.ancestors)[:2]
            and verb.lemma_ not in SPEECH_VERBS
            and (own.dep_ in ("xcomp", "conj") or _participle_of(own))
        ):
            distance = 2
        else:
            continue
        if future and resolved.rule not in ANAPHORIC:
            ahead = resolve_time(resolved.text, reference, future=True)
            if ahead is not None:
                resolved = replace(ahead, start=resolved.start, end=resolved.end)
        if best is None or distance < best[0]:
            best = (distance, resolved)
    return best[1] if best else None


#: How many sentences back a time named still sets the scene of an undated act.
_NARRATIVE_REACH = 2

#: Precisions of a time that sets a scene for the acts told after it.
_SCENES = frozenset({"day", "week", "month"})


def narrative_time(
    doc: Doc, times: Sequence[TimeRef], trigger: Token, sentence: Span
) -> TimeRef | None:
    """The time the last sentences named, for an act told in the simple past with no time of
    its own: a report tells what happened then in order ("a meeting took place on July 22
    ... The newspaper covered the signing of an agreement"; "In April, the deputy minister
    visited ... They agreed to ..."). Only when the latest time named in the two sentences
    before is a day, a week or a month (a year is background, not a scene); never for the
    present perfect ("has accused": no particular day)."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else governing_verb(trigger)
    if verb is None or verb.tag_ != "VBD" or (verb != trigger and verb.lemma_ in SPEECH_VERBS):
        return None  # "media reported about his visit": the report's time, not the visit's
    end = sentence.start
    for _ in range(_NARRATIVE_REACH):
        if end == 0:
            return None
        before = doc[end - 1].sent
        named = [t for t in times if before.start_char <= t.start and t.end <= before.end_char]
        if named:  # the latest time named sets the scene, if it is one day, week or month
            last = named[-1]
            if (
                last.precision not in _SCENES
                or last.value is None
                or last.rule.startswith("inferred")
            ):
                return None
            return replace(last, rule="inferred:earlier-sentence")
        end = before.start
    return None


def stated_by(trigger: Token) -> Token | None:
    """The verb that states an intended act ("agreed to offer": "agreed"), whose time is the
    intent's; None when the intent is not the complement of another verb."""
    return trigger.head if trigger.dep_ == "xcomp" else None
